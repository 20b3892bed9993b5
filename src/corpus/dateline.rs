//! Publication datelines: "13. september 2023 06:58", "Norður-Kórea | 17. september 2023",
//! "13. september 2023 kl. 10.15", "Publisert 13.09.2023", "Publisert 13. september 2023".

use crate::lang::Map;

use jiff::civil::Date;
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{map_res, opt, recognize};
use nom::sequence::{pair, preceded, tuple};
use nom::IResult;

/// A dateline found in a document's head.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    pub date: Date,
    /// byte range of the dateline in the text
    pub start: usize,
    pub end: usize,
}

fn num(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i| map_res(take_while_m_n(min, max, |c: char| c.is_ascii_digit()), str::parse::<u32>)(i)
}

/// "06:58", "kl. 10.15", "klukkan 10:15"
fn clock(i: &str) -> IResult<&str, &str> {
    recognize(tuple((
        opt(pair(
            alt((
                tag_no_case("kl."),
                tag_no_case("kl"),
                tag_no_case("klukkan"),
                tag_no_case("klokka"),
            )),
            space0,
        )),
        num(1, 2),
        alt((char(':'), char('.'))),
        num(2, 2),
    )))(i)
}

fn month_word<'a>(months: &'a Map<String, u8>) -> impl Fn(&'a str) -> IResult<&'a str, u8> + 'a {
    move |i: &'a str| {
        let (rest, w) = take_while1(|c: char| c.is_alphabetic())(i)?;
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        match months.get(&w.to_lowercase()) {
            Some(&m) => Ok((rest, m)),
            None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))),
        }
    }
}

/// "13. september 2023" or "13.09.2023"
fn date<'a>(
    months: &'a Map<String, u8>,
) -> impl Fn(&'a str) -> IResult<&'a str, (u32, u32, u32)> + 'a {
    move |i: &'a str| {
        alt((
            map_res(
                tuple((num(1, 2), char('.'), space0, month_word(months), space1, num(4, 4))),
                |(d, _, _, m, _, y)| Ok::<_, ()>((y, u32::from(m), d)),
            ),
            map_res(
                tuple((num(1, 2), char('.'), num(1, 2), char('.'), num(4, 4))),
                |(d, _, m, _, y)| Ok::<_, ()>((y, m, d)),
            ),
        ))(i)
    }
}

/// Find the publication dateline in the first lines of `text`. A date counts as a dateline when a
/// clock time follows it, a "|" or a "published" word precedes it, or it stands alone on its line.
pub fn find(text: &str, months: &Map<String, u8>, published_words: &[&str]) -> Option<Dateline> {
    let head_end = char_boundary(text, 1200);
    let head = &text[..head_end];
    let hb = head.as_bytes();
    // both forms begin with a day: one or two digits and a "." (found by the "."s), not inside a
    // word or number
    for dot in memchr::memchr_iter(b'.', hb) {
        let digits = hb[..dot].iter().rev().take(2).take_while(|b| b.is_ascii_digit()).count();
        let pos = dot - digits;
        if digits == 0 || head[..pos].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Ok((rest, (y, m, d))) = date(months)(&head[pos..]) else { continue };
        let Ok(dt) = Date::new(y as i16, m as i8, d as i8) else { continue };
        let mut end = head_end - rest.len();
        let after: IResult<&str, &str> =
            preceded(space0, preceded(opt(pair(char(','), space0)), clock))(rest);
        let has_clock = after.as_ref().is_ok();
        if let Ok((r2, _)) = after {
            end = head_end - r2.len();
        }
        let found = Some(Dateline { date: dt, start: pos, end });
        if has_clock {
            return found;
        }
        let line_start = head[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let before = head[line_start..pos].trim_end();
        let line_end = head[end..].find('\n').map(|i| end + i).unwrap_or(head_end);
        if before.is_empty() && head[end..line_end].trim().is_empty() || before.ends_with('|') {
            return found;
        }
        // "Publisert 13. september 2023", "Publisert: 13.09.2023"
        let before_lower = before.to_lowercase();
        let bare = before_lower.strip_suffix(':').unwrap_or(&before_lower);
        if published_words.iter().any(|w| before_lower.ends_with(w) || bare.ends_with(w)) {
            return found;
        }
    }
    None
}

/// The byte offset after the first `n` characters of `text` (its length when shorter), as
/// `text.char_indices().nth(n)` gives it; the characters are counted 64 bytes at a time (half
/// the time of `nth`: bench/README.md, *Pipeline figures*).
fn char_boundary(text: &str, n: usize) -> usize {
    let b = text.as_bytes();
    // (no more characters than bytes: a short text is all of it)
    if b.len() <= n {
        return b.len();
    }
    let starts = |s: &[u8]| s.iter().filter(|&&x| (x as i8) >= -0x40).count();
    let (mut seen, mut i) = (0, 0);
    while let Some(block) = b.get(i..i + 64) {
        let c = starts(block);
        if seen + c > n {
            break;
        }
        seen += c;
        i += 64;
    }
    while i < b.len() {
        if (b[i] as i8) >= -0x40 {
            if seen == n {
                return i;
            }
            seen += 1;
        }
        i += 1;
    }
    b.len()
}

/// Parse a metadata date: "2023-09-13", "2023-09-13T06:58:00+00:00", "2023-09-13 06:58:00".
pub fn parse_metadata_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    let r: IResult<&str, (u32, char, u32, char, u32)> =
        tuple((num(4, 4), char('-'), num(2, 2), char('-'), num(2, 2)))(head);
    let (_, (y, _, m, _, d)) = r.ok()?;
    Date::new(y as i16, m as i8, d as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months() -> Map<String, u8> {
        [("september", 9u8), ("júní", 6), ("juli", 7)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    #[test]
    fn head_is_the_first_characters() {
        for t in [
            "",
            "abc",
            &"þ".repeat(700),
            &"a".repeat(1300),
            &format!("{}{}", "ð".repeat(90), "x".repeat(2000)),
        ] {
            let want = t.char_indices().nth(1200).map_or(t.len(), |(i, _)| i);
            assert_eq!(char_boundary(t, 1200), want);
        }
    }

    #[test]
    fn visir_style() {
        let t = "Fyrirsögn hér Jón Jónsson skrifar 13. september 2023 06:58 Texti byrjar.";
        let d = find(t, &months(), &[]).unwrap();
        assert_eq!(d.date, jiff::civil::date(2023, 9, 13));
        assert_eq!(&t[d.start..d.end], "13. september 2023 06:58");
    }

    #[test]
    fn mbl_style_and_published() {
        let t = "Titill\n\nNorður-Kórea | 17. september 2023\n\nMeira.";
        assert_eq!(find(t, &months(), &[]).unwrap().date, jiff::civil::date(2023, 9, 17));
        let t = "Tittel\nPublisert 13.09.2023 kl. 10.15\nTekst.";
        let d = find(t, &months(), &["publisert"]).unwrap();
        assert_eq!(&t[d.start..d.end], "13.09.2023 kl. 10.15");
    }

    #[test]
    fn body_date_is_not_a_dateline() {
        let t = "Han kom 26. juli 2023 til Pyongyang.";
        assert_eq!(find(t, &months(), &[]), None);
    }

    #[test]
    fn metadata() {
        assert_eq!(
            parse_metadata_date("2023-09-13T06:58:00+00:00"),
            Some(jiff::civil::date(2023, 9, 13))
        );
        assert_eq!(parse_metadata_date("13/09/2023"), None);
    }
}
