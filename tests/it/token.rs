//! The byte-level tokenizer (`lang::token`: ASCII and Latin-1 read without decoding, the case
//! folded eight bytes at a time) against a plain one written here over `char`s, on generated text.

use factlint::internals::lang::token::{lower_text, scan, Tok, TokKind};
use proptest::prelude::*;

/// The token rules read plainly: whitespace separates; a word is a run of alphanumeric
/// characters, joined across a hyphen or apostrophe when a letter came before and a letter
/// follows ("Jong-un", not "2019-2020"), and is digits when it has no letter; anything else is
/// one punctuation character.
fn plain_tokens(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut spaces = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            spaces += 1;
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let kind = if c.is_alphanumeric() {
            let mut has_letter = !c.is_ascii_digit();
            while let Some(&(_, d)) = chars.get(i) {
                if d.is_alphanumeric() {
                    has_letter |= !d.is_ascii_digit();
                    i += 1;
                } else if matches!(d, '-' | '\'' | '’' | '\u{2011}')
                    && has_letter
                    && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic())
                {
                    i += 1;
                } else {
                    break;
                }
            }
            if has_letter {
                TokKind::Word
            } else {
                TokKind::Digits
            }
        } else {
            TokKind::Punct
        };
        out.push(Tok {
            start: at(start),
            end: at(i),
            kind,
            space_before: spaces > 0 || out.is_empty(),
            single_space_before: spaces == 1,
        });
        spaces = 0;
    }
    out
}

/// Lower case a character at a time, a character whose lower case is not one character of the
/// same length kept as it is (so byte offsets hold).
fn plain_lower(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
                _ => c,
            }
        })
        .collect()
}

fn byte_tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    scan(text, 0, &mut out);
    out
}

/// Characters where the two could part: the byte paths' edges (ASCII, Latin-1, × and ÷, the
/// bytes 0xc2/0xc3), joiners, spaces of every kind, digits of other scripts, letters whose case
/// changes length.
const EDGES: &[char] = &[
    'a', 'Z', '0', '9', ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{a0}', '\u{2009}', '\u{3000}',
    '\u{85}', '\u{200b}', '-', '\'', '’', '\u{2011}', '–', '.', ',', '…', '"', '×', '÷', 'À', 'Þ',
    'ß', 'þ', 'æ', 'ø', 'å', 'Ø', 'Å', 'ÿ', 'ª', 'µ', 'º', '²', '½', '٣', '४', 'İ', 'K', 'ẞ', 'Σ',
    'ς', 'Ж', 'ж', '中', '😀', '\u{301}',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![4 => prop::sample::select(EDGES), 1 => any::<char>()], 0..80)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn byte_tokenizer_agrees_with_the_plain_one(t in text()) {
        prop_assert_eq!(byte_tokens(&t), plain_tokens(&t), "text {:?}", t);
    }

    #[test]
    fn byte_lower_case_agrees_with_the_plain_one(t in text()) {
        prop_assert_eq!(lower_text(&t), plain_lower(&t), "text {:?}", t);
    }
}

/// The plain tokenizer itself, on what the module's doc promises.
#[test]
fn the_plain_tokenizer_reads_what_the_doc_says() {
    let t = "Kim Jong-un, 2019-2020:  1 000 Shahed-drónum";
    let toks: Vec<(&str, TokKind, bool, bool)> = plain_tokens(t)
        .iter()
        .map(|k| (&t[k.start..k.end], k.kind, k.space_before, k.single_space_before))
        .collect();
    use TokKind::*;
    assert_eq!(
        toks,
        [
            ("Kim", Word, true, false),
            ("Jong-un", Word, true, true),
            (",", Punct, false, false),
            ("2019", Digits, true, true),
            ("-", Punct, false, false),
            ("2020", Digits, false, false),
            (":", Punct, false, false),
            ("1", Digits, true, false),
            ("000", Digits, true, true),
            ("Shahed-drónum", Word, true, true),
        ]
    );
    assert_eq!(byte_tokens(t), plain_tokens(t));
}
