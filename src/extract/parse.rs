//! nom parsers over token slices. Every parser reads the lexicon; none knows a word of any language.
//!
//! Input is `&[Token]` (one sentence, starting at the current position); output is the value and the
//! number of tokens consumed (the remaining slice).

use nom::branch::alt;
use nom::combinator::{map, opt};
use nom::error::{Error, ErrorKind};
use nom::sequence::{pair, preceded, tuple};
use nom::IResult;

use crate::lang::token::{TokKind, Token};
use crate::lang::{Lexicon, Marker, NumberGrammar, Phrases, RelOffset, TimeUnit};

pub(crate) type In<'t> = &'t [Token<'t>];
pub(crate) type PResult<'t, O> = IResult<In<'t>, O>;

fn fail<'t, O>(i: In<'t>) -> PResult<'t, O> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

/// One token satisfying `pred`.
pub(crate) fn tok<'t, F>(pred: F) -> impl Fn(In<'t>) -> PResult<'t, &'t Token<'t>>
where
    F: Fn(&Token<'t>) -> bool,
{
    move |i: In<'t>| match i.first() {
        Some(t) if pred(t) => Ok((&i[1..], t)),
        _ => fail(i),
    }
}

/// A punctuation token directly attached to the previous one (no space before).
pub(crate) fn tight_punct<'t>(c: char) -> impl Fn(In<'t>) -> PResult<'t, &'t Token<'t>> {
    tok(move |t: &Token| t.is_punct(c) && !t.space_before)
}

/// A phrase from a lexicon table (longest match), returning its payload.
pub(crate) fn phrase<'t, 'p, T: Clone>(
    p: &'p Phrases<T>,
) -> impl Fn(In<'t>) -> PResult<'t, &'p T> + 'p
where
    't: 'p,
{
    move |i: In<'t>| {
        let words =
            |k: usize| i.get(k).filter(|t| t.is_word() || t.text == "kl").map(|t| t.lower());
        match p.match_at(words) {
            Some((n, v)) => Ok((&i[n..], v)),
            None => fail(i),
        }
    }
}

pub(crate) fn marker<'t, 'p>(lex: &'p Lexicon, m: Marker) -> impl Fn(In<'t>) -> PResult<'t, ()> + 'p
where
    't: 'p,
{
    let p = lex.marker(m);
    move |i| map(phrase(p), |_| ())(i)
}

fn digits_value(t: &Token) -> Option<u64> {
    if t.text.len() > 19 {
        return None;
    }
    t.text.parse().ok()
}

/// A run of digits with group separators and a decimal part: "1.000", "1 000", "3,5", "44".
pub fn digit_number<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, f64> + '_ {
    move |i: In<'t>| {
        let Some(first) = i.first().filter(|t| t.is_digits()) else { return fail(i) };
        let mut text = first.text.to_string();
        let mut k = 1;
        // groups of exactly three digits after a group separator (or one space), if the first
        // group has 1–3 digits; at most MAX_GROUPS of them (a longer chain is read as several
        // numbers rather than failing as infinite and being re-read from every group: quadratic)
        const MAX_GROUPS: usize = 32;
        if first.text.len() <= 3 {
            for _ in 0..MAX_GROUPS {
                let tight = i.get(k).is_some_and(|s| {
                    s.kind == TokKind::Punct
                        && !s.space_before
                        && s.text.chars().next().is_some_and(|c| lex.groups.contains(&c))
                }) && i
                    .get(k + 1)
                    .is_some_and(|d| d.is_digits() && !d.space_before && d.text.len() == 3);
                let spaced = lex.groups.contains(&' ')
                    && i.get(k).is_some_and(|d| {
                        d.is_digits() && d.single_space_before && d.text.len() == 3
                    });
                if tight {
                    text.push_str(i[k + 1].text);
                    k += 2;
                } else if spaced {
                    text.push_str(i[k].text);
                    k += 1;
                } else {
                    break;
                }
            }
        }
        // decimal part
        if i.get(k).is_some_and(|s| {
            s.kind == TokKind::Punct && !s.space_before && s.text.starts_with(lex.decimal)
        }) && i.get(k + 1).is_some_and(|d| d.is_digits() && !d.space_before)
        {
            text.push('.');
            text.push_str(i[k + 1].text);
            k += 2;
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok((&i[k..], v)),
            _ => fail(i),
        }
    }
}

/// Number words: "tuttugu og fjórir", "tvö hundruð", "fire og tjue", "tjuefire",
/// "þrjú þúsund fjögur hundruð og tólf" ([`NumberGrammar`]); a written-together compound
/// ("toogtredive") is read part by part. Returns the value and whether the value is just "one"
/// (often an article, not a number).
pub fn word_number<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, (f64, bool)> + '_ {
    move |i: In<'t>| {
        let mut g = NumberGrammar::default();
        let mut k = 0;
        let mut consumed = 0;
        let mut one = [(0, false); 1];
        loop {
            let mut j = k;
            let mut connector = false;
            if g.started()
                && i.get(j).is_some_and(|t| t.is_word() && lex.connectors.contains(t.lower()))
            {
                connector = true;
                j += 1;
            }
            let Some(parts) = i
                .get(j)
                .filter(|t| t.is_word())
                .and_then(|t| lex.number_parts(t.lower(), &mut one))
            else {
                break;
            };
            // a word is taken whole or not at all
            let before = g;
            let whole =
                parts.iter().enumerate().all(|(n, &(v, c))| g.push(v, c || (n == 0 && connector)));
            if !whole {
                g = before;
                break;
            }
            k = j + 1;
            consumed = k;
        }
        if g.words == 0 {
            return fail(i);
        }
        Ok((&i[consumed..], (g.value() as f64, g.only_one && g.words == 1)))
    }
}

/// A number in digits or words, with a following scale word ("850 milljónir").
/// Returns (value, is-just-"one", consumed a digit).
pub fn number<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, (f64, bool, bool)> + '_ {
    move |i: In<'t>| {
        let scale = || {
            tok(|t: &Token| t.is_word() && lex.cardinals.get(t.lower()).is_some_and(|&v| v >= 1000))
        };
        // "half a million": a fraction of a scale word
        if let Ok((rest, (f, s))) = pair(phrase(&lex.fractions), scale())(i) {
            let v = lex.cardinals.get(s.lower()).map_or(0.0, |&v| v as f64) * f;
            return Ok((rest, (v, false, false)));
        }
        // "en halv time", "half an hour", "hálfan sólarhring": a fraction of a time unit (the
        // unit is left for the duration's parser)
        if let Ok((rest, f)) = phrase(&lex.fractions)(i) {
            if unit_word(lex)(rest).is_ok() {
                return Ok((rest, (*f, false, false)));
            }
        }
        let (rest, out) = alt((
            map(
                pair(
                    digit_number(lex),
                    opt(tok(|t: &Token| {
                        t.is_word() && lex.cardinals.get(t.lower()).is_some_and(|&v| v >= 1000)
                    })),
                ),
                |(v, scale)| {
                    (
                        v * scale
                            .and_then(|t| lex.cardinals.get(t.lower()))
                            .map(|&s| s as f64)
                            .unwrap_or(1.0),
                        false,
                        true,
                    )
                },
            ),
            map(word_number(lex), |(v, one)| (v, one, false)),
        ))(i)?;
        // "9…9 milljónir" beyond f64
        if !out.0.is_finite() {
            return fail(i);
        }
        // "einn og hálfan tíma", "to og en halv time", "one and a half hours": a whole number and
        // a fraction of the time unit after them
        if let Some((rest, f)) =
            and_a_fraction(lex, rest).filter(|(r, _)| unit_word(lex)(r).is_ok())
        {
            return Ok((rest, (out.0 + f, false, out.2)));
        }
        Ok((rest, out))
    }
}

/// A connector, an article (a word for one) if any, and a fraction: "og hálfan", "og en halv",
/// "och en halv", "and a half" (the fraction and what follows it).
pub fn and_a_fraction<'t>(lex: &Lexicon, i: In<'t>) -> Option<(In<'t>, f64)> {
    let (rest, _) = tok(|t: &Token| t.is_word() && lex.connectors.contains(t.lower()))(i).ok()?;
    // (the article: a word for one, "en", "ein", or a function word, "a")
    let article = |t: &Token| {
        t.is_word()
            && (lex.cardinals.get(t.lower()) == Some(&1)
                || lex.flags(t.lower()) & crate::lang::flag::FUNCTION_WORD != 0)
    };
    let rest = match rest.first() {
        Some(t) if article(t) && phrase(&lex.fractions)(&rest[1..]).is_ok() => &rest[1..],
        _ => rest,
    };
    let (rest, f) = phrase(&lex.fractions)(rest).ok()?;
    Some((rest, *f))
}

/// A four-digit year 1000–2999.
pub fn year<'t>(i: In<'t>) -> PResult<'t, i16> {
    match i.first() {
        Some(t) if t.is_digits() && t.text.len() == 4 => match digits_value(t) {
            Some(y @ 1000..=2999) => Ok((&i[1..], y as i16)),
            _ => fail(i),
        },
        _ => fail(i),
    }
}

pub fn month<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, u8> + '_ {
    move |i: In<'t>| match i.first() {
        Some(t) if t.is_word() => match lex.months.get(t.lower()) {
            Some(&m) => {
                // an abbreviation may carry its period
                let rest = &i[1..];
                let rest = match rest.first() {
                    Some(p)
                        if p.is_punct('.')
                            && !p.space_before
                            && t.text.chars().count() <= 4
                            && rest.get(1).is_some_and(|n| n.is_digits()) =>
                    {
                        &rest[1..]
                    }
                    _ => rest,
                };
                Ok((rest, m))
            }
            None => fail(i),
        },
        _ => fail(i),
    }
}

pub fn weekday<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, u8> + '_ {
    move |i: In<'t>| match i.first() {
        Some(t) if t.is_word() => match lex.weekdays.get(t.lower()) {
            Some(&d) => Ok((&i[1..], d)),
            None => fail(i),
        },
        _ => fail(i),
    }
}

/// A time unit word, also glued to its number by a hyphen ("a 3-day visit": the hyphen is its
/// own token after digits).
pub fn unit<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, TimeUnit> + '_ {
    move |i: In<'t>| {
        let i = match i {
            [h, w, ..] if h.is_punct('-') && !h.space_before && !w.space_before => &i[1..],
            _ => i,
        };
        unit_word(lex)(i)
    }
}

fn unit_word<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, TimeUnit> + '_ {
    move |i: In<'t>| match i.first() {
        Some(t) if t.is_word() => match lex.units.get(t.lower()) {
            Some(&u) => Ok((&i[1..], u)),
            None => fail(i),
        },
        _ => fail(i),
    }
}

/// Day of month in digits with its ordinal period: "13."
fn day_ordinal<'t>(i: In<'t>) -> PResult<'t, u8> {
    let (rest, d) = tok(|t: &Token| t.is_digits() && t.text.len() <= 2)(i)?;
    let (rest, _) = tight_punct('.')(rest)?;
    match digits_value(d) {
        Some(v @ 1..=31) => Ok((rest, v as u8)),
        _ => fail(i),
    }
}

/// A day of the month: "14", or "14th" with one of the lexicon's
/// `ordinal_suffixes` glued on.
fn day_number<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, u8> + '_ {
    move |i: In<'t>| {
        let Some(t) = i.first() else { return fail(i) };
        let digits = if t.is_digits() {
            t.text
        } else if t.is_word() && !lex.ordinal_suffixes.is_empty() {
            let l = t.lower();
            let n = l.bytes().take_while(u8::is_ascii_digit).count();
            if !lex.ordinal_suffixes.iter().any(|s| s == &l[n..]) {
                return fail(i);
            }
            &t.text[..n]
        } else {
            return fail(i);
        };
        match digits.parse::<u8>() {
            Ok(d) if !digits.is_empty() && digits.len() <= 2 => Ok((&i[1..], d)),
            _ => fail(i),
        }
    }
}

/// An absolute or partial calendar date as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WrittenDate {
    pub year: Option<i16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub(crate) weekday: Option<u8>,
}

/// "13. september 2023", "miðvikudaginn 13. september", "13.09.2023", "september 2023",
/// "13 September 2023", "September 13, 2023", "onsdag 13. september".
pub fn written_date<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, WrittenDate> + '_ {
    move |i: In<'t>| {
        let comma = || opt(tok(|t: &Token| t.is_punct(',')));
        let (rest, wd) =
            opt(tuple((weekday(lex), comma(), opt(marker(lex, Marker::DayArticle)))))(i)?;
        let wd = wd.map(|(w, _, _)| w);
        let numeric = map(
            tuple((
                tok(|t: &Token| t.is_digits() && t.text.len() <= 2),
                tight_punct('.'),
                tok(|t: &Token| t.is_digits() && t.text.len() <= 2 && !t.space_before),
                tight_punct('.'),
                tok(|t: &Token| t.is_digits() && t.text.len() == 4 && !t.space_before),
            )),
            |(d, _, m, _, y)| WrittenDate {
                year: digits_value(y).map(|v| v as i16),
                month: digits_value(m).map(|v| v as u8),
                day: digits_value(d).map(|v| v as u8),
                weekday: None,
            },
        );
        let day_month = map(tuple((day_ordinal, month(lex), opt(year))), |(d, m, y)| WrittenDate {
            year: y,
            month: Some(m),
            day: Some(d),
            weekday: None,
        });
        // English: "13 September 2023"
        // ("16 April, 2024": a comma before the year)
        let day_month_en =
            map(tuple((day_number(lex), month(lex), opt(preceded(comma(), year)))), |(d, m, y)| {
                WrittenDate { year: y, month: Some(m), day: Some(d), weekday: None }
            });
        // English: "September 13, 2023"
        let month_day_en =
            map(tuple((month(lex), day_number(lex), opt(preceded(comma(), year)))), |(m, d, y)| {
                WrittenDate { year: y, month: Some(m), day: Some(d), weekday: None }
            });
        let month_year = map(pair(month(lex), year), |(m, y)| WrittenDate {
            year: Some(y),
            month: Some(m),
            day: None,
            weekday: None,
        });
        let (rest, mut d) =
            alt((numeric, day_month, day_month_en, month_day_en, month_year))(rest)?;
        if d.day.is_some_and(|x| !(1..=31).contains(&x))
            || d.month.is_some_and(|x| !(1..=12).contains(&x))
        {
            return fail(i);
        }
        d.weekday = wd;
        Ok((rest, d))
    }
}

/// A relative expression, optionally after a time-of-day word: "síðdegis í gær", "i går".
pub fn relative<'t>(lex: &Lexicon) -> impl Fn(In<'t>) -> PResult<'t, RelOffset> + '_ {
    move |i: In<'t>| {
        let (rest, _) = opt(marker(lex, Marker::TimeOfDay))(i)?;
        match phrase(&lex.relative)(rest) {
            Ok((r, v)) => Ok((r, *v)),
            // the time-of-day word may itself be the relative phrase ("í morgun")
            Err(_) => map(phrase(&lex.relative), |v| *v)(i),
        }
    }
}
