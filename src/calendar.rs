//! Calendar arithmetic for resolving dates against a publication date. All of it goes through jiff.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::claims::Interval;
use crate::lang::RelOffset;

pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> Option<i64> {
    a.until((jiff::Unit::Day, b)).ok().map(|s| s.get_days() as i64)
}

/// A calendar date or month or year as an interval.
pub fn calendar(year: i16, month: Option<u8>, day: Option<u8>) -> Option<Interval> {
    match (month, day) {
        (Some(m), Some(d)) => Date::new(year, m as i8, d as i8).ok().map(Interval::day),
        (Some(m), None) => {
            let s = Date::new(year, m as i8, 1).ok()?;
            Some(Interval { start: s, end: s.last_of_month() })
        }
        _ => {
            let s = Date::new(year, 1, 1).ok()?;
            Some(Interval { start: s, end: s.last_of_year() })
        }
    }
}

/// A date written without a year: the most recent such date on or before publication (or the next
/// one when the sentence speaks of the future).
pub fn partial(
    pub_date: Date,
    month: Option<u8>,
    day: Option<u8>,
    future: bool,
) -> Option<Interval> {
    let this = calendar(pub_date.year(), month, day)?;
    if future {
        if this.end < pub_date {
            return calendar(pub_date.year() + 1, month, day);
        }
    } else if this.start > pub_date {
        return calendar(pub_date.year() - 1, month, day);
    }
    Some(this)
}

/// The weekday nearest before (or after, for the future) the publication date; the publication day
/// itself counts.
pub fn weekday(pub_date: Date, iso: u8, future: bool) -> Option<Date> {
    let p = i64::from(pub_date.weekday().to_monday_one_offset());
    let w = i64::from(iso);
    if future {
        add_days(pub_date, (w - p).rem_euclid(7))
    } else {
        add_days(pub_date, -((p - w).rem_euclid(7)))
    }
}

/// The weekday `iso` nearest to `day` (three days either side).
pub(crate) fn weekday_near(day: Date, iso: u8) -> Option<Date> {
    let d = i64::from(day.weekday().to_monday_one_offset());
    let ahead = (i64::from(iso) - d).rem_euclid(7);
    add_days(day, if ahead <= 3 { ahead } else { ahead - 7 })
}

/// The night ending on weekday `iso` ("natt til onsdag"): its evening is the day before, the
/// nearest such evening on or before the publication date (or after it, for the future); the
/// night is dated by the day it ends on.
pub(crate) fn night(pub_date: Date, iso: u8, future: bool) -> Option<Date> {
    let eve = if iso == 1 { 7 } else { iso - 1 };
    add_days(weekday(pub_date, eve, future)?, 1)
}

/// A relative expression against the publication date.
pub fn relative(pub_date: Date, off: &RelOffset) -> Option<Interval> {
    // "i haust": the months of a season in the year the offset gives
    if let Some([first, last]) = off.season {
        let y = pub_date.year().checked_add(i16::try_from(off.years.unwrap_or(0)).ok()?)?;
        let start = calendar(y, Some(first), None)?.start;
        let end = calendar(y, Some(last), None)?.end;
        return (start <= end).then_some(Interval { start, end });
    }
    if let Some(y) = off.years {
        let d = pub_date.checked_add(Span::new().years(y)).ok()?;
        return Some(Interval { start: d.first_of_year(), end: d.last_of_year() });
    }
    if let Some(m) = off.months {
        let d = pub_date.checked_add(Span::new().months(m)).ok()?;
        return Some(Interval { start: d.first_of_month(), end: d.last_of_month() });
    }
    if let Some(w) = off.weeks {
        let monday = add_days(pub_date, -(i64::from(pub_date.weekday().to_monday_zero_offset())))?;
        let start = add_days(monday, i64::from(w) * 7)?;
        let end = match off.to_weeks {
            Some(tw) => add_days(monday, i64::from(tw) * 7 + 6)?,
            None => add_days(start, 6)?,
        };
        return Some(Interval { start, end });
    }
    let days = off.days.unwrap_or(0);
    let start = add_days(pub_date, i64::from(days))?;
    let end = match off.to_days {
        Some(t) => add_days(pub_date, i64::from(t))?,
        None => start,
    };
    Some(Interval { start, end })
}

/// "three years ago", "fyrir fjórum áratugum": the publication date less `n` units, as precise
/// as the unit, with the years a rounded count allows on either side: "four decades ago" is the
/// year forty years back, and any year whose distance rounds to four decades (35–44 years back);
/// a rounding word widens a count of years by a tenth.
pub fn ago(pub_date: Date, n: f64, unit: crate::lang::TimeUnit, approx: bool) -> Ago {
    use crate::claims::Precision;
    use crate::lang::TimeUnit;
    let none = Ago { resolved: None, precision: Precision::Range, slack_years: (0, 0) };
    if !(0.0..=10_000.0).contains(&n) || n.fract() != 0.0 {
        return none;
    }
    let n = n as i64;
    let year = |back: i64| {
        let y = i16::try_from(i64::from(pub_date.year()) - back).ok()?;
        crate::calendar::calendar(y, None, None)
    };
    let day = |d: Option<Date>| Ago { resolved: d.map(Interval::day), ..none };
    let (resolved, precision, slack) = match unit {
        TimeUnit::Minute | TimeUnit::Hour => return day(Some(pub_date)),
        TimeUnit::Day => return day(add_days(pub_date, -n)),
        TimeUnit::Week => {
            let d = add_days(pub_date, -7 * n);
            let r =
                d.and_then(|d| Some(Interval { start: add_days(d, -3)?, end: add_days(d, 3)? }));
            (r, Precision::Week, (0, 0))
        }
        TimeUnit::Month => {
            let d = pub_date.checked_sub(Span::new().months(n)).ok();
            let r = d.map(|d| Interval { start: d.first_of_month(), end: d.last_of_month() });
            (r, Precision::Month, (0, 0))
        }
        TimeUnit::Year => {
            let s = if approx { (n / 10).max(1) } else { 0 };
            (year(n), Precision::Year, (s, s))
        }
        // (35 years back rounds up to four decades, 45 to five)
        TimeUnit::Decade => (year(10 * n), Precision::Year, (4, 5)),
    };
    let clamp = |x: i64| u8::try_from(x).unwrap_or(u8::MAX);
    Ago { resolved, precision, slack_years: (clamp(slack.0), clamp(slack.1)) }
}

/// An "N units ago" date resolved: the interval, its precision, and the years a rounded count
/// allows (before, after).
pub struct Ago {
    pub(crate) resolved: Option<Interval>,
    pub(crate) precision: crate::claims::Precision,
    pub(crate) slack_years: (u8, u8),
}

/// The minute in UTC (minutes since 1970) of `minutes` after midnight in `zone` on the day, in
/// that zone, of `reference` (minutes since 1970): a time whose report gave no day, placed on
/// the day of another time it is compared with.
pub(crate) fn utc_on_day_of(reference: i32, minutes: u16, zone: &str) -> Option<i32> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let at = jiff::Timestamp::from_second(i64::from(reference) * 60).ok()?;
    let day = at.to_zoned(tz.clone()).date();
    let midnight = day.at(0, 0, 0, 0).to_zoned(tz).ok()?;
    let secs = midnight.timestamp().as_second() + i64::from(minutes) * 60;
    i32::try_from(secs / 60).ok()
}
