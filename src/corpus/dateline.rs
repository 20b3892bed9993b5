//! Publication datelines: "13. september 2023 06:58", "Norður-Kórea | 17. september 2023",
//! "13. september 2023 kl. 10.15", "Publisert 13.09.2023", "Publisert 13. september 2023",
//! "Publicerad 14 mars 2025 10.15", "Publicerad 2025-03-14 10:15", "Published 10:15 GMT, 14 March
//! 2025", "First published on March 14, 2025", "By Staff Reporter, 14 March 2025", and the wire
//! dateline "OSLO, March 3 (Reuters) -", whose year comes from the caller (metadata or
//! `--published`), never from the clock.

use crate::lang::{DatelineWords, Map};

use jiff::civil::Date;
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{map_res, opt, recognize};
use nom::sequence::tuple;
use nom::IResult;

/// A dateline found in a document's head.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    pub date: Date,
    /// the time written with it ("10:15", "kl. 10.15", "10:15 GMT"), in minutes after midnight,
    /// and the zone written after it (an IANA name from a `[time.zones]` phrase), if any
    pub time: Option<(u16, Option<String>)>,
    /// byte range of the dateline in the text
    pub start: usize,
    pub end: usize,
}

fn num(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i| map_res(take_while_m_n(min, max, |c: char| c.is_ascii_digit()), str::parse::<u32>)(i)
}

/// A time at the start of `i`: "06:58", "kl. 10.15", "klukkan 10:15", "10:15 GMT", "10.15 norsk
/// tid" (a `clock` marker before it, a `[time.zones]` phrase after it: `words`). Returns the
/// text after it, the minutes after midnight and the written zone.
fn clock<'a>(i: &'a str, words: &DatelineWords) -> Option<(&'a str, u16, Option<String>)> {
    let lead = words
        .clock
        .iter()
        .filter(|w| i.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)))
        .map(|w| w.len())
        .filter(|&n| !i[n..].starts_with(char::is_alphanumeric))
        .max()
        .unwrap_or(0);
    let r = &i[lead..];
    let r = r.strip_prefix('.').unwrap_or(r);
    let r = if lead > 0 { r.trim_start_matches(' ') } else { r };
    let hm: IResult<&str, (u32, char, u32)> =
        tuple((num(1, 2), alt((char(':'), char('.'))), num(2, 2)))(r);
    let (rest, (h, _, m)) = hm.ok()?;
    if h > 23 || m > 59 || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "10:15 p.m.": a 12-hour clock
    let (rest, h) = match half_day(rest, words) {
        Some((r, pm)) if (1..=12).contains(&h) => (r, h % 12 + if pm { 12 } else { 0 }),
        Some(_) => return None,
        None => (rest, h),
    };
    let (rest, zone) = zone_after(rest, words);
    Some((rest, (h * 60 + m) as u16, zone))
}

/// "a.m." or "p.m." after a time (a space before it or none): the text after it, and whether it
/// is after noon.
fn half_day<'a>(rest: &'a str, words: &DatelineWords) -> Option<(&'a str, bool)> {
    let r = rest.strip_prefix(' ').unwrap_or(rest);
    let at = |w: &String| {
        let after = r.get(w.len()..)?;
        (r.get(..w.len())?.eq_ignore_ascii_case(w) && !after.starts_with(char::is_alphanumeric))
            .then_some(after)
    };
    let am = words.am.iter().find_map(at).map(|a| (a, false));
    am.or_else(|| words.pm.iter().find_map(at).map(|a| (a, true)))
}

/// The zone phrase right after a time (one space before it): "GMT", "norsk tid". A short
/// all-letter phrase ("et", "cet") counts only written in capitals, where it is no word.
fn zone_after<'a>(rest: &'a str, words: &DatelineWords) -> (&'a str, Option<String>) {
    let Some(r) = rest.strip_prefix(' ') else { return (rest, None) };
    for (phrase, zone) in &words.zones {
        let Some(w) = r.get(..phrase.len()) else { continue };
        if !w.eq_ignore_ascii_case(phrase) && w.to_lowercase() != *phrase {
            continue;
        }
        let after = &r[phrase.len()..];
        if after.starts_with(char::is_alphanumeric) {
            continue;
        }
        let short = phrase.len() <= 4 && phrase.chars().all(char::is_alphabetic);
        if short && w.chars().any(char::is_lowercase) {
            continue;
        }
        return (after, Some(zone.clone()));
    }
    (rest, None)
}

/// A time that ends the text before a date on its line ("Published 10:15 GMT, 14 March 2025"):
/// nothing but a comma and spaces after it.
fn clock_before(before: &str, words: &DatelineWords) -> Option<(u16, Option<String>)> {
    let b = before.as_bytes();
    (0..b.len())
        .filter(|&k| b[k].is_ascii_digit() && (k == 0 || !b[k - 1].is_ascii_alphanumeric()))
        .filter_map(|k| clock(&before[k..], words))
        .find(|(rest, _, _)| rest.trim_matches(|c: char| c == ',' || c.is_whitespace()).is_empty())
        .map(|(_, m, z)| (m, z))
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

/// "13. september 2023", "13.09.2023", "14 mars 2025", "March 14, 2025", "2025-03-14" (the
/// month-first form is read from the day: the month word just before it).
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
            map_res(
                tuple((num(1, 2), space1, month_word(months), space1, num(4, 4))),
                |(d, _, m, _, y)| Ok::<_, ()>((y, u32::from(m), d)),
            ),
            map_res(
                tuple((num(4, 4), char('-'), num(2, 2), char('-'), num(2, 2))),
                |(y, _, m, _, d)| Ok::<_, ()>((y, m, d)),
            ),
        ))(i)
    }
}

/// "14, 2025" / "14th, 2025" after a month word: (day, year).
fn day_comma_year(i: &str) -> IResult<&str, (u32, u32)> {
    map_res(
        tuple((num(1, 2), opt(ordinal_suffix), char(','), space1, num(4, 4))),
        |(d, _, _, _, y)| Ok::<_, ()>((d, y)),
    )(i)
}

/// "st", "nd", "rd", "th" after a day number ("March 14th"): letters glued to the digits.
fn ordinal_suffix(i: &str) -> IResult<&str, &str> {
    alt((tag_no_case("st"), tag_no_case("nd"), tag_no_case("rd"), tag_no_case("th")))(i)
}

/// " (Reuters) -", " (AP) —": a wire service's name in brackets and a dash.
fn wire_credit(i: &str) -> IResult<&str, &str> {
    recognize(tuple((
        space0,
        char('('),
        take_while_m_n(1, 24, |c: char| c != ')' && c != '\n'),
        char(')'),
        space0,
        alt((tag_no_case("-"), tag_no_case("—"), tag_no_case("–"))),
    )))(i)
}

/// The month word that ends just before `pos` (one space between), and where it begins.
fn month_before(head: &str, pos: usize, months: &Map<String, u8>) -> Option<(usize, u8)> {
    let before = head[..pos].strip_suffix(' ')?;
    let before = before.strip_suffix('.').unwrap_or(before);
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let m = months.get(&before[start..].to_lowercase())?;
    Some((start, *m))
}

/// Find the publication dateline in the first lines of `text`. A date counts as a dateline when a
/// clock time follows it, a "|" or a "published" word precedes it on its line, it stands alone on
/// its line, or it ends a short line after a comma ("By Staff Reporter, 14 March 2025"). A wire
/// dateline without a year ("OSLO, March 3 (Reuters) -") takes `year` when given.
pub fn find(
    text: &str,
    months: &Map<String, u8>,
    words: &DatelineWords,
    year: Option<i16>,
    captions: &crate::lang::Boilerplate,
) -> Option<Dateline> {
    let head_end = char_boundary(text, 1200);
    let head = &text[..head_end];
    let hb = head.as_bytes();
    // every form begins with a digit not inside a word or number (a month-first date is read
    // from its day, the month word before it)
    let mut i = 0;
    while i < hb.len() {
        if !hb[i].is_ascii_digit() || (i > 0 && (hb[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let pos = i;
        i += hb[pos..].iter().take_while(|b| b.is_ascii_digit()).count();
        if head[..pos].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some((start, rest, date, wire)) = date_at(head, pos, months, year) else { continue };
        let end = head_end - rest.len();
        if in_caption(head, start, end, captions) {
            continue;
        }
        let found = |end, time| Some(Dateline { date, time, start, end });
        if wire {
            return found(end, None);
        }
        let after = rest.trim_start_matches(' ');
        let after = after.strip_prefix(',').map_or(after, |a| a.trim_start_matches(' '));
        if let Some((r2, m, zone)) = clock(after, words) {
            return found(head_end - r2.len(), Some((m, zone)));
        }
        if stands_as_dateline(head, start, end, &words.published) {
            let line_start = head[..start].rfind('\n').map_or(0, |i| i + 1);
            return found(end, clock_before(&head[line_start..start], words));
        }
    }
    None
}

/// The date whose day begins at `pos` of `head`, if one does: its start (a month word before
/// the day starts it), the text after it, the date, and whether it is a wire dateline without
/// a year ("OSLO, March 3 (Reuters) -", dated in `year`).
fn date_at<'a>(
    head: &'a str,
    pos: usize,
    months: &'a Map<String, u8>,
    year: Option<i16>,
) -> Option<(usize, &'a str, Date, bool)> {
    let (start, rest, (y, m, d), wire) = if let Ok((rest, ymd)) = date(months)(&head[pos..]) {
        (pos, rest, ymd, false)
    } else {
        let (start, m) = month_before(head, pos, months)?;
        // "March 14, 2025", "March 14th, 2025"; "OSLO, March 3 (Reuters) -" with `year`
        if let Ok((rest, (d, y))) = day_comma_year(&head[pos..]) {
            (start, rest, (y, u32::from(m), d), false)
        } else if let (Ok((rest, d)), Some(y)) = (num(1, 2)(&head[pos..]), year) {
            let rest = opt(ordinal_suffix)(rest).map_or(rest, |(r, _)| r);
            wire_credit(rest).ok()?;
            (start, rest, (y as u32, u32::from(m), d), true)
        } else {
            return None;
        }
    };
    let date = Date::new(y as i16, m as i8, d as i8).ok()?;
    Some((start, rest, date, wire))
}

/// Whether the date at `start..end` of `head` is in a photo caption or credit: a line of at most
/// 300 bytes holding one of the caption markers (lower case, boilerplate.toml), "Bilde: NTB |
/// 5. august 2022 kl. 14.00": the picture's date. (A longer line may be a whole page on one line.)
fn in_caption(head: &str, start: usize, end: usize, captions: &crate::lang::Boilerplate) -> bool {
    let line_start = head[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = head[end..].find('\n').map_or(head.len(), |i| end + i);
    let line = &head[line_start..line_end];
    line.len() <= 300 && captions.has_caption_marker(&line.to_lowercase())
}

/// Whether the date at `start..end` of `head` (with no clock time after it) is a dateline by its
/// line: alone on it, after a "|", ending a short line after a comma, or after a "published" word.
fn stands_as_dateline(head: &str, start: usize, end: usize, published_words: &[String]) -> bool {
    let line_start = head[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let before = head[line_start..start].trim_end();
    let line_end = head[end..].find('\n').map(|i| end + i).unwrap_or(head.len());
    let alone_after = head[end..line_end].trim().is_empty();
    if before.is_empty() && alone_after || before.ends_with('|') {
        return true;
    }
    // "By Staff Reporter, 14 March 2025", "Reuters, 15 March 2025"
    // (not a credit line, "Foto: NAME / AFP, 13.09.2023": no ":" before the date)
    if alone_after && before.ends_with(',') && !before.contains(':') && before.chars().count() <= 60
    {
        return true;
    }
    // "Publisert 13. september 2023", "Publisert: 13.09.2023", "Published 10:15 GMT, 14
    // March 2025", "First published on March 14, 2025": a published word on the line before
    let before_lower = before.to_lowercase();
    let has_word = |w: &String| {
        before_lower.match_indices(w.as_str()).any(|(k, _)| {
            !before_lower[..k].chars().next_back().is_some_and(char::is_alphanumeric)
                && !before_lower[k + w.len()..].chars().next().is_some_and(char::is_alphanumeric)
        })
    };
    before_lower.chars().count() <= 60 && published_words.iter().any(has_word)
}

/// The byte offset after the first `n` characters of `text` (its length when shorter), as
/// `text.char_indices().nth(n)` gives it; the characters are counted 64 bytes at a time (half
/// the time of `nth`: bench/README.md, *Pipeline figures*).
pub fn char_boundary(text: &str, n: usize) -> usize {
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

/// A metadata timestamp with a time of day: "2023-03-27T23:30:00Z", "2023-03-27T23:30:00+01:00"
/// (placed in `zone`, the outlet's, when it is a known zone, else in UTC), "2023-03-27 23:30"
/// (read as the outlet's clock). Returns the day there and the time.
pub fn parse_metadata_timestamp(s: &str, zone: Option<&str>) -> Option<(Date, super::PublishedAt)> {
    let s = s.trim();
    if s.len() <= 10 {
        return None;
    }
    let tz = zone.and_then(|z| jiff::tz::TimeZone::get(z).ok().map(|tz| (z, tz)));
    let at = |dt: jiff::civil::DateTime, zone: Option<&str>| {
        let minutes = (dt.hour() as u16) * 60 + dt.minute() as u16;
        (
            dt.date(),
            super::PublishedAt {
                minutes,
                zone: zone.map(str::to_string),
                source: super::DateSource::Metadata,
            },
        )
    };
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(match tz {
            Some((name, tz)) => at(ts.to_zoned(tz).datetime(), Some(name)),
            None => at(ts.to_zoned(jiff::tz::TimeZone::UTC).datetime(), Some("UTC")),
        });
    }
    let dt = s.parse::<jiff::civil::DateTime>().ok()?;
    Some(at(dt, tz.map(|(name, _)| name)))
}
