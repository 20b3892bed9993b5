//! A byte-offset tokenizer shared by the corpus and extract stages.
//!
//! Words keep internal hyphens and apostrophes ("Jong-un", "Shahed-drónum"); runs of ASCII digits are
//! their own kind so number parsers can see "1.000" as digits, punct, digits. Every token records its
//! byte range in the text it came from and whether whitespace preceded it.

use std::borrow::Cow;

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
    pub kind: TokKind,
    /// Whitespace (of any length) precedes the token.
    pub space_before: bool,
    /// Exactly one space-like character precedes the token (used for "1 000").
    pub single_space_before: bool,
    lower: Cow<'a, str>,
}

impl<'a> Token<'a> {
    pub fn lower(&self) -> &str {
        &self.lower
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_digits(&self) -> bool {
        self.kind == TokKind::Digits
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }
    /// First character is upper case.
    pub fn is_capitalised(&self) -> bool {
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

fn lowercase(s: &str) -> Cow<'_, str> {
    let upper = if s.is_ascii() { s.bytes().any(|b| b.is_ascii_uppercase()) } else { s.chars().any(char::is_uppercase) };
    if !upper {
        Cow::Borrowed(s)
    } else if s.is_ascii() {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Tokenize `text`; offsets are relative to `text` plus `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut space_run = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((pos, c)) = iter.next() {
        if is_space(c) {
            space_run += 1;
            continue;
        }
        let start = pos;
        let mut end = pos + c.len_utf8();
        let kind;
        if is_word_char(c) {
            let mut has_letter = !c.is_ascii_digit();
            while let Some(&(p, n)) = iter.peek() {
                if is_word_char(n) {
                    has_letter |= !n.is_ascii_digit();
                    end = p + n.len_utf8();
                    iter.next();
                } else if (n == '-' || n == '\'' || n == '’' || n == '\u{2011}') && has_letter {
                    // join only when a letter follows: "Jong-un", not "2019-2020"
                    let after = text[p + n.len_utf8()..].chars().next();
                    if after.is_some_and(|a| a.is_alphabetic()) {
                        end = p + n.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            kind = if has_letter { TokKind::Word } else { TokKind::Digits };
        } else {
            kind = TokKind::Punct;
        }
        let slice = &text[start..end];
        out.push(Token {
            start: base + start,
            end: base + end,
            text: slice,
            kind,
            space_before: space_run > 0 || out.is_empty(),
            single_space_before: space_run == 1,
            lower: if kind == TokKind::Word { lowercase(slice) } else { Cow::Borrowed(slice) },
        });
        space_run = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_digits_punct() {
        let t = tokenize("Shahed-drónum: 1 000, 2019-2020.", 10);
        let texts: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Shahed-drónum", ":", "1", "000", ",", "2019", "-", "2020", "."]);
        assert_eq!(t[0].start, 10);
        assert_eq!(t[0].lower(), "shahed-drónum");
        assert!(t[3].single_space_before);
        assert!(t[2].is_digits());
    }
}
