//! A byte-offset tokenizer shared by the corpus and extract stages.
//!
//! Words keep internal hyphens and apostrophes ("Jong-un", "Shahed-drónum"); runs of ASCII digits are
//! their own kind so number parsers can see "1.000" as digits, punct, digits. Every token records its
//! byte range in the text it came from and whether whitespace preceded it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Digits,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte offsets into the tokenized text.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub(crate) kind: TokKind,
    /// Whitespace (of any length) precedes the token.
    pub(crate) space_before: bool,
    /// Exactly one space-like character precedes the token (used for "1 000").
    pub single_space_before: bool,
    lower: &'a str,
}

impl<'a> Token<'a> {
    pub fn lower(&self) -> &'a str {
        self.lower
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_digits(&self) -> bool {
        self.kind == TokKind::Digits
    }
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }
    /// First character is upper case.
    pub(crate) fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    // fast paths for ASCII and the Latin-1 letters of Icelandic and Norwegian (à..ÿ, À..Þ less
    // × and ÷); the Unicode tables for the rest
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{c0}'..='\u{ff}').contains(&c) {
        c != '\u{d7}' && c != '\u{f7}'
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\u{b}'
    } else {
        c.is_whitespace()
    }
}

/// `text` lower-cased character by character, keeping every byte offset: a character whose
/// lower case is longer or shorter in UTF-8 (Turkish "İ", the Kelvin sign) stays as it is. A
/// document's tokens read their lower case from it, so no token allocates.
pub fn lower_text(text: &str) -> String {
    // the ASCII letters all at once, then the capitals past ASCII, which are few, one by one
    let mut out = text.to_owned();
    out.make_ascii_lowercase();
    if text.is_ascii() {
        return out;
    }
    let b = text.as_bytes();
    let mut buf = [0u8; 4];
    let mut i = 0;
    while i < b.len() {
        // eight ASCII bytes at a time
        if let Some(w) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        let n = match b[i] {
            0..=0x7f => 1,
            // Latin-1 (U+0080..U+00FF): the capitals are À..Þ less ×, the rest has no case
            0xc2 => 2,
            0xc3 if b.get(i + 1).is_some_and(|&y| !(0x80..=0x9e).contains(&y) || y == 0x97) => 2,
            _ => {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
                let n = c.len_utf8();
                // the general punctuation (dashes, quotes, "…") has no case; a character whose
                // lower case is of another length stays
                if !('\u{2000}'..='\u{206f}').contains(&c) {
                    let mut l = c.to_lowercase();
                    if let (Some(lc), None) = (l.next(), l.next()) {
                        if lc != c && lc.len_utf8() == n {
                            out.replace_range(i..i + n, lc.encode_utf8(&mut buf));
                        }
                    }
                }
                n
            }
        };
        i += n;
    }
    out
}

/// A token without its text: what a document keeps of its tokenization (byte offsets into the
/// document text). [`Tok::view`] gives the [`Token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub space_before: bool,
    pub single_space_before: bool,
}

impl Tok {
    /// The token over `text` (the document text) and `lower` (its [`lower_text`]).
    #[inline(always)]
    pub(crate) fn view<'a>(&self, text: &'a str, lower: &'a str) -> Token<'a> {
        let (s, e) = (self.start, self.end);
        Token {
            start: s,
            end: e,
            text: &text[s..e],
            kind: self.kind,
            space_before: self.space_before,
            single_space_before: self.single_space_before,
            lower: if self.kind == TokKind::Word { &lower[s..e] } else { &text[s..e] },
        }
    }
}

/// Make the first of `toks` (views cut from a longer text) read as the first token of a text
/// tokenized on its own: whitespace before it, of no single-space kind.
pub(crate) fn begin_text(toks: &mut [Token]) {
    if let Some(t) = toks.first_mut() {
        t.space_before = true;
        t.single_space_before = false;
    }
}

/// The character at byte `i` of `text` (a character boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some((b as char, 1)),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()).map(|c| (c, c.len_utf8())),
        None => None,
    }
}

const DIGIT: u8 = 1;
const LETTER: u8 = 2;

/// What each byte is as ASCII: [`DIGIT`], [`LETTER`], or 0 (anything else, and every byte
/// past ASCII).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Tokenize `text` into [`Tok`]s; offsets are relative to `text` plus `base`. Appends to `out`.
pub fn scan(text: &str, base: usize, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut space_run = 0usize;
    let first = out.len();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' {
            space_run += 1;
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(text, i) else { break };
        if is_space(c) {
            space_run += 1;
            i += len;
            continue;
        }
        let start = i;
        i += len;
        let kind = if is_word_char(c) {
            let has_letter;
            (i, has_letter) = word_end(text, i, !c.is_ascii_digit());
            if has_letter {
                TokKind::Word
            } else {
                TokKind::Digits
            }
        } else {
            TokKind::Punct
        };
        out.push(Tok {
            start: base + start,
            end: base + i,
            kind,
            space_before: space_run > 0 || out.len() == first,
            single_space_before: space_run == 1,
        });
        space_run = 0;
    }
}

/// Where a word (or a number) that began before `i` ends, and whether it has a letter
/// (`has_letter`: so far).
#[inline]
fn word_end(text: &str, mut i: usize, mut has_letter: bool) -> (usize, bool) {
    let b = text.as_bytes();
    while i < b.len() {
        // ASCII letters and digits without decoding
        let x = b[i];
        let class = ASCII_CLASS[usize::from(x)];
        if class != 0 {
            has_letter |= class == LETTER;
            i += 1;
            continue;
        }
        // the Latin-1 letters (U+00C0..U+00FF less × and ÷) without decoding; other ASCII
        // than a hyphen or apostrophe ends the word
        if x == 0xc3 && b.get(i + 1).is_some_and(|&y| y != 0x97 && y != 0xb7) {
            has_letter = true;
            i += 2;
            continue;
        }
        if x.is_ascii() && x != b'-' && x != b'\'' {
            break;
        }
        let Some((n, nlen)) = char_at(text, i) else { break };
        if !n.is_ascii() && is_word_char(n) {
            has_letter = true;
            i += nlen;
        } else if matches!(n, '-' | '\'' | '’' | '\u{2011}')
            && has_letter
            && char_at(text, i + nlen).is_some_and(|(a, _)| a.is_alphabetic())
        {
            // join only when a letter follows: "Jong-un", not "2019-2020"
            i += nlen;
        } else {
            break;
        }
    }
    (i, has_letter)
}

/// Tokenize `text`, reading the lower case of its words from `lower` (its [`lower_text`]).
pub fn tokenize<'a>(text: &'a str, lower: &'a str) -> Vec<Token<'a>> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    scan(text, 0, &mut toks);
    toks.iter().map(|t| t.view(text, lower)).collect()
}
