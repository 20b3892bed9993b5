//! Stage 3: the one typed claim model every later stage reads.
//!
//! A claim is a number or date the text asserts, with its byte span in the file as read, its
//! resolved value, and the keys the rule engine groups by (concept, qualifier, people). Claims carry
//! no reference to the text they came from beyond spans and a short quote.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::lang::{Phase, TimeUnit};

pub mod sym;
pub use sym::{Sym, SymList};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Count,
    PartOfWhole,
    Duration,
    Date,
    Since,
}

impl ClaimKind {
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Count => "count",
            ClaimKind::PartOfWhole => "part_of_whole",
            ClaimKind::Duration => "duration",
            ClaimKind::Date => "date",
            ClaimKind::Since => "since",
        }
    }
}

/// How precisely a date claim pins its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Range,
}

/// How a date claim is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateForm {
    /// "12. september 2023", "13.09.2023", "árið 2019"
    Absolute,
    /// "í júlí", "i juli i år": month or day without year, placed by the publication date
    Partial,
    /// "í gær", "i fjor", "á næstu dögum"
    Relative,
    /// "tysdag", "á miðvikudag"
    Weekday,
}

/// How a since claim is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SinceForm {
    /// "fyrsta ferð … í fjögur ár": previous = publication year − N
    FirstInYears,
    /// "frá árinu 2019", "sidan 2019"
    SinceYear,
    /// "sist i 2019"
    LastInYear,
}

/// A resolved calendar interval (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub start: Date,
    pub end: Date,
}

impl Interval {
    pub fn day(d: Date) -> Interval {
        Interval { start: d, end: d }
    }
    pub fn overlaps(&self, o: &Interval) -> bool {
        self.start <= o.end && o.start <= self.end
    }
    pub fn is_day(&self) -> bool {
        self.start == self.end
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else if self.start == self.start.first_of_year() && self.end == self.start.last_of_year() {
            write!(f, "{}", self.start.year())
        } else if self.start == self.start.first_of_month() && self.end == self.start.last_of_month() {
            write!(f, "{:04}-{:02}", self.start.year(), self.start.month())
        } else {
            write!(f, "{}/{}", self.start, self.end)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateInfo {
    pub form: DateForm,
    pub precision: Precision,
    /// None when the publication date is needed and unknown
    pub resolved: Option<Interval>,
    /// ISO weekday (1 = Monday) named next to the date, if any
    pub weekday: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SinceInfo {
    pub form: SinceForm,
    /// N in "first in N years" (f32: a count of years is small; it keeps a claim eight bytes
    /// smaller)
    pub years: Option<f32>,
    /// the previous occurrence's year; None when it needs an unknown publication date
    pub year: Option<i16>,
}

/// One extracted claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// index of the document in the run (not stored in the archive)
    #[serde(default)]
    pub doc: u32,
    pub kind: ClaimKind,
    /// count, part, duration length, or since-year
    pub value: f64,
    /// the whole of a part-of-whole claim
    pub whole: Option<f64>,
    /// a rounding word stood before the number ("um 30", "nesten 30")
    #[serde(default)]
    pub approx: bool,
    /// time unit of a duration
    pub unit: Option<TimeUnit>,
    /// concept id of the counted thing or the event ("drone", "visit")
    pub concept: Option<Sym>,
    /// the concept's family ("travel" for visit/trip/meeting)
    pub family: Option<Sym>,
    /// the sentence dates the start or the end of the event (arrived, began; left, ended)
    pub phase: Option<Phase>,
    /// compound modifier ("shahed" in "Shahed-drónum")
    pub qualifier: Option<Sym>,
    /// the head word when no concept is known
    pub noun: Option<Sym>,
    /// entity keys named in the sentence (sorted)
    #[serde(default)]
    pub entities: SymList,
    /// people named in (or just before) the sentence (sorted)
    #[serde(default)]
    pub persons: SymList,
    /// the first person of the sentence (or of the nearest earlier sentence naming one)
    pub principal: Option<Sym>,
    /// byte span in the file as read
    pub start: usize,
    pub end: usize,
    /// the sentence's byte span in the file
    pub sentence_start: usize,
    pub sentence_end: usize,
    /// sentence index in the document, and the sentence it is a variant twin of
    pub sentence: u32,
    pub twin_of: Option<u32>,
    /// position of the claim among its sentence's claims
    pub ordinal: u16,
    /// the sentence says the event lies ahead (mun, verður, skal, kjem til å …)
    #[serde(default)]
    pub future: bool,
    /// the span's text
    pub text: Sym,
    pub lang: Sym,
    pub date: Option<DateInfo>,
    pub since: Option<SinceInfo>,
}

impl Claim {
    /// The resolved interval of a date claim, or the year of a since claim.
    pub fn interval(&self) -> Option<Interval> {
        if let Some(d) = &self.date {
            return d.resolved;
        }
        let y = self.since.as_ref()?.year?;
        let d = Date::new(y, 1, 1).ok()?;
        Some(Interval { start: d, end: d.last_of_year() })
    }

    /// A since claim with its arithmetic ("2023 − 4 = 2019", "since 2019", "last in 2019") for an
    /// article published `published`; any other claim as [`Claim::value_text`].
    pub fn reading(&self, published: Option<Date>) -> String {
        let Some(s) = &self.since else { return self.value_text() };
        match (s.form, s.year, s.years, published) {
            (SinceForm::FirstInYears, Some(y), Some(n), Some(p)) => format!("{} − {} = {y}", p.year(), fmt_years(n)),
            (SinceForm::SinceYear, Some(y), _, _) => format!("since {y}"),
            (SinceForm::LastInYear, Some(y), _, _) => format!("last in {y}"),
            _ => self.value_text(),
        }
    }

    /// A short rendering of the value: "32 of 44", "6 days", "2019", "2023-09-12".
    pub fn value_text(&self) -> String {
        let n = fmt_num(self.value);
        let approx = if self.approx { "~" } else { "" };
        match self.kind {
            ClaimKind::Count => format!("{approx}{n}"),
            ClaimKind::PartOfWhole => format!("{approx}{n} of {}", self.whole.map(fmt_num).unwrap_or_default()),
            ClaimKind::Duration => {
                let u = self.unit.map(TimeUnit::name).unwrap_or("unit");
                format!("{approx}{n} {u}{}", if self.value == 1.0 { "" } else { "s" })
            }
            ClaimKind::Date => self.interval().map(|i| i.to_string()).unwrap_or_else(|| "unresolved".into()),
            ClaimKind::Since => match self.since.as_ref().and_then(|s| s.year) {
                Some(y) => y.to_string(),
                None => "unresolved".into(),
            },
        }
    }
}

/// A count of years as written: "4", "1.5" (an f32's own shortest digits, not its f64 value's).
pub fn fmt_years(n: f32) -> String {
    if n.fract() == 0.0 {
        fmt_num(f64::from(n))
    } else {
        n.to_string()
    }
}

/// "32", "3.5", "850000000"
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_print_as_written() {
        assert_eq!(fmt_years(4.0), "4");
        assert_eq!(fmt_years(1.5), "1.5");
        assert_eq!(fmt_years(2.3), "2.3");
    }
}
