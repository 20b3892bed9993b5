//! Times of day over tokens: "kl. 16.40", "klukkan sjö", "4:20 p.m. GMT", "1640 GMT", "i 17-tida",
//! "halv 8", "á sjötta tímanum". The words around the hour (a.m./p.m., zones, "-tida", "halv") are
//! the lexicon's `[time]` table; nothing here names a language.

use crate::lang::token::Token;
use crate::lang::{DayPart, Lexicon, TimeWords};

/// A clock phrase found at some token: where it ends and what it allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// tokens consumed from where the phrase began
    pub len: usize,
    /// first and last minute after midnight the phrase allows
    pub from: u16,
    pub to: u16,
    /// "i 17-tida", "upp úr": about that time
    pub(crate) approx: bool,
    /// a zone named after the time: an IANA name, or "local"
    pub(crate) zone: Option<String>,
    /// on a 12-hour clock with no a.m./p.m. ("klukkan sjö", "halv 8", "á sjötta tímanum"): the
    /// time may be twelve hours later
    pub(crate) half_day: bool,
}

/// The lower-cased text of the tokens from `j` written together (no space between them), at
/// most `max` tokens: "p.m." from "p" "." "m" ".".
fn glued(toks: &[Token], j: usize, max: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut s = String::new();
    for (k, t) in toks.iter().enumerate().skip(j).take(max) {
        if k > j && t.space_before {
            break;
        }
        s.push_str(t.lower());
        out.push((k + 1 - j, s.clone()));
    }
    out
}

/// How many tokens from `j` spell one of `words` written together ("a.m.", "pm"), the longest.
pub(crate) fn suffix(words: &[String], toks: &[Token], j: usize) -> Option<usize> {
    let first = toks.get(j).filter(|t| t.is_word())?.lower();
    if !words.iter().any(|w| w.starts_with(first)) {
        return None;
    }
    glued(toks, j, 4).into_iter().rev().find(|(_, s)| words.iter().any(|w| w == s)).map(|(n, _)| n)
}

/// A zone named at `j` ("GMT", "(GMT)", "norsk tid", "að íslenskum tíma"): tokens and zone.
pub(crate) fn zone_at(tw: &TimeWords, toks: &[Token], j: usize) -> Option<(usize, String)> {
    let paren = toks.get(j).is_some_and(|t| t.is_punct('('));
    let at = j + usize::from(paren);
    let (n, zone) = phrase_at(&tw.zones, toks, at)?;
    let close = usize::from(paren && toks.get(at + n).is_some_and(|t| t.is_punct(')')));
    Some((usize::from(paren) + n + close, zone.clone()))
}

/// The longest phrase of `phrases` (lower case, words split by spaces) beginning at `j`: its
/// number of tokens and its value.
fn phrase_at<'p, V>(
    phrases: &'p std::collections::BTreeMap<String, V>,
    toks: &[Token],
    j: usize,
) -> Option<(usize, &'p V)> {
    let first = toks.get(j).filter(|t| t.is_word())?.lower();
    let mut best: Option<(usize, &V)> = None;
    for (phrase, v) in phrases {
        if !phrase.starts_with(first) {
            continue;
        }
        let n = phrase.split(' ').count();
        let fits = phrase
            .split(' ')
            .enumerate()
            .all(|(k, w)| toks.get(j + k).is_some_and(|t| t.is_word() && t.lower() == w));
        if fits && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, v));
        }
    }
    best
}

/// "half past seven", "quarter to 8", "kvart over 7" at `i`: an hour (digits or a word, 1 to 12)
/// after a phrase of the lexicon's `[time] hour_phrases`, shifted by its minutes; on a 12-hour
/// clock unless "a.m."/"p.m." follows.
pub(crate) fn hour_phrase_at(
    lex: &Lexicon,
    toks: &[Token],
    i: usize,
    hour_word: impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<Clock> {
    let (k, &shift) = phrase_at(&lex.time.hour_phrases, toks, i)?;
    let j = i + k;
    let (n, h) = match digits_hm(toks, j, false) {
        Some((1, h, 0)) if (1..=12).contains(&h) => (1, h),
        _ => hour_word(toks.get(j..)?)
            .filter(|(_, v)| (1.0..=12.0).contains(v) && v.fract() == 0.0)
            .map(|(n, v)| (n, v as u16))?,
    };
    // ("kvart over 3 år" is a quantity)
    if toks.get(j + n).is_some_and(|t| t.is_word() && lex.units.contains_key(t.lower())) {
        return None;
    }
    let (a, mins, zone, meridiem) = after_hour(lex, toks, j + n, h, 0);
    let mins = (i32::from(mins) + i32::from(shift)).rem_euclid(24 * 60) as u16;
    let half_day = !meridiem;
    Some(Clock { len: k + n + a, from: mins, to: mins, approx: false, zone, half_day })
}

/// A word of digits glued to one of the lexicon's a.m./p.m. words ("2am", "50pm"): its number
/// and whether it is after noon.
fn glued_meridiem(tw: &TimeWords, t: &Token) -> Option<(u16, bool)> {
    let w = t.lower();
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if !t.is_word() || digits == 0 || digits > 2 {
        return None;
    }
    let (v, rest) = w.split_at(digits);
    let pm = if tw.am.iter().any(|s| s == rest) {
        false
    } else if tw.pm.iter().any(|s| s == rest) {
        true
    } else {
        return None;
    };
    Some((v.parse().ok()?, pm))
}

/// "2am", "7.50am", "11:30pm" at `i`: an hour, or an hour and minutes, with the a.m./p.m. word
/// glued to the last digits (one word to the tokenizer); a zone may follow.
pub fn glued_meridiem_at(lex: &Lexicon, toks: &[Token], i: usize) -> Option<Clock> {
    let tw = &lex.time;
    let first = toks.get(i)?;
    if !first.text.as_bytes().first().is_some_and(u8::is_ascii_digit) || tw.am.is_empty() {
        return None;
    }
    let (n, h, m, pm) = if first.is_word() {
        // (not the minutes of "7.5am": a word glued to a period or colon before it)
        let glued_on = i > 0 && !first.space_before && !toks[i - 1].is_word();
        if glued_on {
            return None;
        }
        let (h, pm) = glued_meridiem(tw, first)?;
        (1, h, 0, pm)
    } else {
        // "7.50am": the hour, a '.' or ':' and two digits of minutes with the word glued on
        let sep = toks.get(i + 1).filter(|p| !p.space_before)?;
        let mins = toks.get(i + 2).filter(|m| !m.space_before && m.text.len() == 4)?;
        if !(sep.is_punct('.') || sep.is_punct(':')) || first.text.len() > 2 {
            return None;
        }
        let (m, pm) = glued_meridiem(tw, mins)?;
        (3, first.text.parse().ok()?, m, pm)
    };
    if !(1..=12).contains(&h) || m >= 60 {
        return None;
    }
    let hour = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    let mins = hour * 60 + m;
    let (a, zone) = zone_at(tw, toks, i + n).map_or((0, None), |(k, z)| (k, Some(z)));
    Some(Clock { len: n + a, from: mins, to: mins, approx: false, zone, half_day: false })
}

/// "noon", "midnight", "hádegi" at `i`, after one of the lexicon's `[time] named_after` words
/// ("at noon", "um hádegi"): the hour from the minute the name gives.
pub(crate) fn named_at(lex: &Lexicon, toks: &[Token], i: usize) -> Option<Clock> {
    let tw = &lex.time;
    // (the word before first: most words follow none of `named_after`)
    let word =
        |k: Option<usize>| k.and_then(|k| toks.get(k)).filter(|t| t.is_word()).map(Token::lower);
    let is_in = |list: &[String], w: Option<&str>| w.is_some_and(|w| list.iter().any(|x| x == w));
    let before = word(i.checked_sub(1));
    // (or one joined to another before it: "um og eftir hádegi", "around and after noon")
    let joined =
        is_in(&tw.and, word(i.checked_sub(2))) && is_in(&tw.named_after, word(i.checked_sub(3)));
    if !(is_in(&tw.named_after, before) || joined) {
        return None;
    }
    let (k, &mins) = phrase_at(&tw.named, toks, i)?;
    let (a, _, zone, _) = after_hour(lex, toks, i + k, 0, 0);
    // (a name is loose: "at noon" is said of 12:20 too; its hour is, like "á sjötta tímanum",
    // never voted)
    let to = mins + 59;
    Some(Clock { len: k + a, from: mins, to, approx: false, zone, half_day: false })
}

/// An hour and minutes written in digits from `j`: "16", "16.40", "16:40", "1640" (four digits
/// only when `hhmm`). Returns (tokens, hour, minute).
fn digits_hm(toks: &[Token], j: usize, hhmm: bool) -> Option<(usize, u16, u16)> {
    let t = toks.get(j).filter(|t| t.is_digits())?;
    let v: u16 = t.text.parse().ok()?;
    if t.text.len() == 4 && hhmm {
        let (h, m) = (v / 100, v % 100);
        return (h < 24 && m < 60).then_some((1, h, m));
    }
    if t.text.len() > 2 || v > 24 {
        return None;
    }
    let sep =
        toks.get(j + 1).is_some_and(|p| (p.is_punct(':') || p.is_punct('.')) && !p.space_before);
    let mins = toks.get(j + 2).filter(|m| m.is_digits() && m.text.len() == 2 && !m.space_before);
    match (sep, mins.and_then(|m| m.text.parse::<u16>().ok())) {
        (true, Some(m)) if m < 60 => Some((3, v, m)),
        _ => Some((1, v, 0)),
    }
}

/// Seconds glued after a time's minutes at `j` (":30" of "18:12:30"): their tokens, and whether
/// they put the time past its minute.
fn seconds_at(toks: &[Token], j: usize) -> Option<(usize, bool)> {
    toks.get(j).filter(|p| p.is_punct(':') && !p.space_before)?;
    let s = toks.get(j + 1).filter(|s| s.is_digits() && s.text.len() == 2 && !s.space_before)?;
    let s: u16 = s.text.parse().ok().filter(|s| *s < 60)?;
    Some((2, s > 0))
}

/// What may follow an hour: "a.m."/"p.m." and a zone. Returns (tokens, minutes after noon
/// shift applied, zone).
fn after_hour(
    lex: &Lexicon,
    toks: &[Token],
    j: usize,
    h: u16,
    m: u16,
) -> (usize, u16, Option<String>, bool) {
    let tw = &lex.time;
    let mut n = 0;
    let mut hour = h;
    let mut meridiem = false;
    if let Some(k) = suffix(&tw.am, toks, j) {
        n += k;
        meridiem = true;
        if hour == 12 {
            hour = 0;
        }
    } else if let Some(k) = suffix(&tw.pm, toks, j) {
        n += k;
        meridiem = true;
        if hour < 12 {
            hour += 12;
        }
    }
    let zone = zone_at(tw, toks, j + n).map(|(k, z)| {
        n += k;
        z
    });
    (n, hour * 60 + m, zone, meridiem)
}

/// A clock time beginning at `i`, when the phrase says it is one: after a clock word ("kl.",
/// "klukkan"), "HH:MM", an hour with "a.m."/"p.m." or a zone, "HHMM GMT", an hour glued to an
/// about-suffix ("17-tida"), "halv 8". `clock_word` is the number of tokens of a clock word at
/// `i` (0 for none); `hour_word` reads a number word.
pub fn clock_at(
    lex: &Lexicon,
    toks: &[Token],
    i: usize,
    clock_word: usize,
    hour_word: impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<Clock> {
    let tw = &lex.time;
    // "halv 8" = 7:30
    if let Some(k) = suffix(&tw.half_before, toks, i) {
        return half_before(lex, toks, i + k, k, &hour_word);
    }
    let j = i + clock_word;
    // (a clock word may carry its period: "kl. 20")
    let j = if clock_word > 0 && toks.get(j).is_some_and(|t| t.is_punct('.') && !t.space_before) {
        j + 1
    } else {
        j
    };
    // "six o'clock"
    if let Some(c) = (clock_word == 0).then(|| oclock_at(lex, toks, i, &hour_word)).flatten() {
        return Some(c);
    }
    let mut word_hour = false;
    let (n, h, m) = match digits_hm(toks, j, false) {
        Some(x) => x,
        None if clock_word > 0 => {
            let (n, v) = hour_word(&toks[j..]).filter(|(_, v)| (0.0..=24.0).contains(v))?;
            word_hour = true;
            (n, v as u16, 0)
        }
        None => return zoned_digits(lex, toks, i, j),
    };
    // "17-tida", "16.30-tiden": about that time
    if toks.get(j + n).is_some_and(|t| t.is_punct('-') && !t.space_before) {
        return about_suffix(tw, toks, j + n + 1, j - i + n + 1, h * 60 + m);
    }
    // "18:12:30": between two minutes
    let (secs, past) = seconds_at(toks, j + n).filter(|_| n == 3).unwrap_or((0, false));
    let (a, mins, zone, meridiem) = after_hour(lex, toks, j + n + secs, h, m);
    let a = a + secs;
    // an hour alone is a time only after a clock word; "16:40" is one by its colon, and "16.40"
    // where a period is no decimal separator ("12.40" is no number in Norwegian or Swedish)
    let sep = toks.get(j + 1).map_or(' ', |t| t.text.chars().next().unwrap_or(' '));
    let colon = n == 3 && (sep == ':' || sep == '.' && lex.decimal != '.');
    let dotted = n == 3 && sep == '.' && dotted_time(lex, toks, i, j + n + a, h);
    if clock_word == 0 && !colon && !dotted && !meridiem && zone.is_none() {
        return None;
    }
    if mins > 24 * 60 {
        return None;
    }
    let mins = mins.min(24 * 60 - 1);
    // (digits on a 12-hour clock where the language writes them so: "at 7:30", never "07:30")
    let twelve_digits =
        !word_hour && tw.twelve_hour_digits && !toks[j].text.starts_with('0') && h >= 1;
    let half_day = (word_hour || twelve_digits) && !meridiem && h <= 12;
    let to = if past { (mins + 1).min(24 * 60 - 1) } else { mins };
    Some(Clock { len: j - i + n + a, from: mins, to, approx: false, zone, half_day })
}

/// "17-tida", "16.30-tiden": an about-suffix at `k` after `len` tokens of an hour, `mins` after
/// midnight.
fn about_suffix(tw: &TimeWords, toks: &[Token], k: usize, len: usize, mins: u16) -> Option<Clock> {
    let n = suffix(&tw.hour_suffix, toks, k)?;
    Some(Clock { len: len + n, from: mins, to: mins, approx: true, zone: None, half_day: false })
}

/// "at 18.13" at `i` (ending before `end`) where a period is a decimal separator: a 24-hour
/// figure (hour `h`) after a preposition of clock times (`named_after`, `about`), with nothing
/// counted after it.
fn dotted_time(lex: &Lexicon, toks: &[Token], i: usize, end: usize, h: u16) -> bool {
    let tw = &lex.time;
    h >= 13
        && (ends_before(&tw.named_after, toks, i) || ends_before(&tw.about, toks, i))
        && nothing_counted_after(lex, toks, end)
}

/// "six o'clock", "6 o'clock this morning" at `i`: an hour (1 to 12) before one of `[time]
/// hour_after`, on a 12-hour clock unless "a.m."/"p.m." follows.
fn oclock_at(
    lex: &Lexicon,
    toks: &[Token],
    i: usize,
    hour_word: &impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<Clock> {
    // (the word after the hour first: an hour of 1 to 12 is one token, and most tokens are
    // followed by no "o'clock")
    suffix(&lex.time.hour_after, toks, i + 1)?;
    let (n, h) = lone_hour(toks, i, hour_word).filter(|&(n, _)| n == 1)?;
    let k = suffix(&lex.time.hour_after, toks, i + n)?;
    let (a, mins, zone, meridiem) = after_hour(lex, toks, i + n + k, h, 0);
    let half_day = !meridiem;
    Some(Clock { len: n + k + a, from: mins, to: mins, approx: false, zone, half_day })
}

/// "1640 GMT" at `j` (a time from `i`): four digits are a time only with a zone after them.
fn zoned_digits(lex: &Lexicon, toks: &[Token], i: usize, j: usize) -> Option<Clock> {
    let (n, h, m) = digits_hm(toks, j, true)?;
    let (a, mins, zone, _) = after_hour(lex, toks, j + n, h, m);
    zone.as_ref()?;
    let len = j - i + n + a;
    Some(Clock { len, from: mins, to: mins, approx: false, zone, half_day: false })
}

/// "halv 8" = 7:30: the hour at `j`, after a half-before word of `k` tokens.
fn half_before(
    lex: &Lexicon,
    toks: &[Token],
    j: usize,
    k: usize,
    hour_word: impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<Clock> {
    let (n, h) = match digits_hm(toks, j, false) {
        Some((1, h, 0)) => (1, h),
        _ => hour_word(&toks[j..])
            .filter(|(_, v)| (1.0..=12.0).contains(v))
            .map(|(n, v)| (n, v as u16))?,
    };
    let (a, mins, zone, meridiem) = after_hour(lex, toks, j + n, h, 0);
    let mins = (mins + 24 * 60 - 30) % (24 * 60);
    let half_day = !meridiem && h <= 12;
    Some(Clock { len: k + n + a, from: mins, to: mins, approx: false, zone, half_day })
}

/// "á sjötta tímanum" at `i` (the ordinal): the hour before the ordinal's, 5:00–6:00 for the
/// sixth, on a 12-hour clock (17:00–18:00 as well).
pub fn hour_ordinal_at(lex: &Lexicon, toks: &[Token], i: usize) -> Option<Clock> {
    let tw = &lex.time;
    if tw.hour_ordinal.is_empty() {
        return None;
    }
    let t = toks.get(i).filter(|t| t.is_word())?;
    let n = *lex.ordinals.get(t.lower())?;
    let k = suffix(&tw.hour_ordinal, toks, i + 1)?;
    if !(1..=12).contains(&n) {
        return None;
    }
    let from = (n as u16 - 1) * 60;
    Some(Clock { len: 1 + k, from, to: from + 60, approx: false, zone: None, half_day: true })
}

/// Minutes since 1970 (UTC) of `minutes` after midnight of `day` in `zone` (an IANA name).
pub(crate) fn utc_minutes(day: jiff::civil::Date, minutes: u16, zone: &str) -> Option<i32> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let dt = day.at(0, 0, 0, 0).to_zoned(tz).ok()?;
    let secs = dt.timestamp().as_second() + i64::from(minutes) * 60;
    i32::try_from(secs / 60).ok()
}

/// Whether one of `phrases` (lower case, words split by spaces) ends right before token `i`.
fn ends_before(phrases: &[String], toks: &[Token], i: usize) -> bool {
    // (read backwards from `i`, word by word: no allocation, as it is asked at many tokens)
    phrases.iter().any(|phrase| {
        let mut k = i;
        i <= toks.len()
            && phrase.rsplit(' ').all(|w| {
                k = match k.checked_sub(1) {
                    Some(k) => k,
                    None => return false,
                };
                toks[k].is_word() && toks[k].lower() == w
            })
    })
}

/// "áttaleytið" at `i`: an hour word (1 to 12) glued to a suffix of `[time] hour_glued`, about
/// that hour, on a 12-hour clock.
pub(crate) fn glued_hour_at(lex: &Lexicon, toks: &[Token], i: usize) -> Option<Clock> {
    let w = toks.get(i).filter(|t| t.is_word())?.lower();
    let stem = lex.time.hour_glued.iter().find_map(|s| w.strip_suffix(s.as_str()))?;
    let h = *lex.cardinals.get(stem).filter(|v| (1..=12).contains(*v))? as u16;
    Some(Clock { len: 1, from: h * 60, to: h * 60, approx: true, zone: None, half_day: true })
}

/// An hour (digits or a word, 1 to 12) at `j` standing alone: no minutes or thousands glued to
/// it. Returns (tokens, hour).
fn lone_hour(
    toks: &[Token],
    j: usize,
    hour_word: &impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<(usize, u16)> {
    let (n, h) = match toks.get(j) {
        Some(t) if t.is_digits() => {
            let glued = toks.get(j + 1).is_some_and(|p| !p.space_before && !p.is_word())
                && toks.get(j + 2).is_some_and(|d| d.is_digits() && !d.space_before);
            (!glued && t.text.len() <= 2).then_some(())?;
            (1, t.text.parse::<u16>().ok()?)
        }
        Some(_) => hour_word(toks.get(j..)?)
            .filter(|(_, v)| v.fract() == 0.0)
            .map(|(n, v)| (n, v as u16))?,
        None => return None,
    };
    (1..=12).contains(&h).then_some((n, h))
}

/// Whether a part of the day follows token `j` (directly or after one function word: "sjö í
/// morgun", "seven this morning", "sju på morgonen").
fn day_part_after(lex: &Lexicon, toks: &[Token], j: usize) -> bool {
    let part = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.is_word() && lex.time.day_parts.iter().any(|p| p == t.lower()))
    };
    let function = toks.get(j).is_some_and(|t| {
        t.is_word() && lex.flags(t.lower()) & crate::lang::flag::FUNCTION_WORD != 0
    });
    part(j) || function && part(j + 1)
}

/// Whether nothing counted follows an hour at `j`: the clause ends, or a function word or a part
/// of the day follows, or a word that names no thing, unit or number.
fn nothing_counted_after(lex: &Lexicon, toks: &[Token], j: usize) -> bool {
    use crate::lang::flag;
    match toks.get(j) {
        None => true,
        Some(t) if !t.is_word() => !t.is_digits(),
        Some(t) => {
            let f = lex.flags(t.lower());
            let thing = flag::UNIT | flag::CARDINAL | flag::CONCEPT_WORD | flag::CONCEPT_PHRASE;
            f & flag::FUNCTION_WORD != 0 || f & thing == 0
        }
    }
}

/// "um sjö í morgun", "around seven this morning", "rétt um sjö" after an earlier time of the
/// sentence (`time_before`): a bare hour at `i` after one of `[time] about`, `after` or
/// `before`, when a part of the day follows it or the sentence timed something before; never
/// when something counted follows ("um sjö manns").
pub(crate) fn bare_hour_at(
    lex: &Lexicon,
    toks: &[Token],
    i: usize,
    time_before: bool,
    hour_word: impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<Clock> {
    let tw = &lex.time;
    // (a word before it, and the hour, first: most tokens are none; the walk asks only after a
    // word flagged [`crate::lang::flag::HOUR_CUE_LAST`])
    if i == 0 || !toks[i - 1].is_word() {
        return None;
    }
    let (n, h) = lone_hour(toks, i, &hour_word)?;
    if !(ends_before(&tw.about, toks, i)
        || ends_before(&tw.after, toks, i)
        || ends_before(&tw.before, toks, i))
    {
        return None;
    }
    let cue = day_part_after(lex, toks, i + n)
        || time_before && nothing_counted_after(lex, toks, i + n) && toks[i].is_word();
    if !cue {
        return None;
    }
    Some(Clock { len: n, from: h * 60, to: h * 60, approx: true, zone: None, half_day: true })
}

/// "milli sex og sjö í morgun", "between 6 and 7 a.m.": two hours an hour or two apart after
/// `[time] between`, with a part of the day after them: the span between, on a 12-hour clock.
pub(crate) fn between_hours_at(
    lex: &Lexicon,
    toks: &[Token],
    i: usize,
    hour_word: impl Fn(&[Token]) -> Option<(usize, f64)>,
) -> Option<Clock> {
    let tw = &lex.time;
    let w = toks.get(i).filter(|t| t.is_word())?.lower();
    if !tw.between.iter().any(|b| b == w) {
        return None;
    }
    let (n1, h1) = lone_hour(toks, i + 1, &hour_word)?;
    let and = toks.get(i + 1 + n1).filter(|t| t.is_word())?.lower();
    if !tw.and.iter().any(|a| a == and) {
        return None;
    }
    let (n2, h2) = lone_hour(toks, i + 2 + n1, &hour_word)?;
    let end = i + 2 + n1 + n2;
    if !(h2 > h1 && h2 - h1 <= 2 && day_part_after(lex, toks, end)) {
        return None;
    }
    let (from, to) = (h1 * 60, h2 * 60);
    Some(Clock { len: end - i, from, to, approx: false, zone: None, half_day: true })
}

/// The word before a time at `i` that leans one way ("like etter klokken 12.30", "strax efter
/// halv 8", "shortly before 7"): the lexicon's `[time] after` and `before` phrases, ending right
/// before `i`.
pub(crate) fn lean_before(tw: &TimeWords, toks: &[Token], i: usize) -> crate::claims::Lean {
    let ends_here = |phrase: &String| {
        let words: Vec<&str> = phrase.split(' ').collect();
        i >= words.len()
            && words.iter().enumerate().all(|(k, w)| {
                toks.get(i - words.len() + k).is_some_and(|t| t.is_word() && t.lower() == *w)
            })
    };
    if tw.after.iter().any(ends_here) {
        crate::claims::Lean::After
    } else if tw.before.iter().any(ends_here) {
        crate::claims::Lean::Before
    } else {
        crate::claims::Lean::None
    }
}

/// The part of the day named near a time at tokens `from..to` of its sentence (`[time.parts]`,
/// up to four words before it or three after it: "tysdag kveld like før klokka ni", "klukkan
/// fimm í morgun", "halv seks søndag eftermiddag"), the nearest.
pub(crate) fn part_near(lex: &Lexicon, toks: &[Token], from: usize, to: usize) -> Option<DayPart> {
    let tw = &lex.time;
    if tw.parts.is_empty() {
        return None;
    }
    let before = (from.saturating_sub(4)..from).rev();
    let after = to..(to + 3).min(toks.len());
    // (nearest first: right after the time, then right before it, and on outwards)
    let mut order: Vec<usize> = Vec::with_capacity(7);
    let (mut b, mut a) = (before, after);
    loop {
        let (x, y) = (a.next(), b.next());
        if x.is_none() && y.is_none() {
            break;
        }
        order.extend(x);
        order.extend(y);
    }
    order.into_iter().find_map(|k| {
        // (a phrase that begins before the time must end before it)
        phrase_at(&tw.parts, toks, k).filter(|(n, _)| k >= to || k + n <= from).map(|(_, &p)| p)
    })
}

/// An hour on a 12-hour clock, `m` minutes after midnight as read before noon (0:00–12:59), read
/// on the half of the day `after_noon` says: "klukkan þrjú" 03:00 or 15:00.
pub(crate) fn on_half(m: u16, after_noon: bool) -> u16 {
    match (after_noon, m >= 720) {
        (true, false) => m + 720,
        (false, true) => m - 720,
        _ => m,
    }
}
