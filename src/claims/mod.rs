//! Stage 3: the one typed claim model every later stage reads.
//!
//! A claim is a number or date the text asserts, with its byte span in the file as read, its
//! resolved value, and the keys the rule engine groups by (concept, qualifier, people). Claims carry
//! no reference to the text they came from beyond spans and a short quote.

use std::num::NonZeroI16;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::lang::{Phase, TimeUnit};

pub use crate::intern::{Sym, SymList};

/// A document's place in a run: the index of its [`DocMeta`](crate::diagnostic::DocMeta) in the
/// report's documents. (Serialized as the bare number.)
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct DocId(pub u32);

impl DocId {
    /// The index into the report's documents.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A claim's place in a run: its index in the report's claims, which a corroboration's sources
/// name. A claim carries its own ([`Claim::idx`]), given where the run's list is built
/// ([`append`]), so the rules never work it out from where the claim lies in memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimIdx(pub u32);

impl ClaimIdx {
    /// The index into the report's claims.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Number a list built otherwise (the archive's claims of known documents): each claim is the
/// one at its place.
pub(crate) fn number(list: &mut [Claim]) {
    for (i, c) in list.iter_mut().enumerate() {
        c.idx = ClaimIdx(u32::try_from(i).unwrap_or(u32::MAX));
    }
}

/// Append one document's claims to a run's list: each is numbered as a claim of `doc` at its
/// place in `list`. The one place a claim's [`DocId`] and [`ClaimIdx`] are given.
pub fn append(list: &mut Vec<Claim>, doc: DocId, claims: impl IntoIterator<Item = Claim>) {
    let from = list.len();
    list.extend(claims.into_iter().enumerate().map(|(i, c)| {
        let idx = ClaimIdx(u32::try_from(from + i).unwrap_or(u32::MAX));
        Claim { doc, idx, ..c }
    }));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Count,
    PartOfWhole,
    Duration,
    Date,
    Since,
    /// a time of day ("kl. 16.40", "around 4:20 p.m. GMT", "i 17-tida")
    Time,
}

impl ClaimKind {
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Count => "count",
            ClaimKind::PartOfWhole => "part_of_whole",
            ClaimKind::Duration => "duration",
            ClaimKind::Date => "date",
            ClaimKind::Since => "since",
            ClaimKind::Time => "time",
        }
    }
}

/// How precisely a date claim pins its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Precision {
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
    /// "fyrir þremur árum", "for tre år sidan", "three years ago": publication date − N units
    Ago,
    /// "natt til onsdag", "aðfaranótt miðvikudags": the night ending on a weekday, dated by that
    /// day
    Night,
}

/// How firmly a claim is tied to what it is about: the counted thing or the event, in its own
/// clause. Only bound claims can raise an error; the others are kept for `claims` and at most
/// corroborate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// the counted noun follows the number, or the event is in the claim's own clause and no
    /// other claim of the sentence is nearer to it
    Bound,
    /// the key was found further away (the nearest event of the sentence, an earlier sentence)
    #[default]
    Loose,
    /// "mörg þúsund", "hundreds of", a range ("3–4 timar"): never voted against a precise value
    Vague,
}

/// How a time's clock and zone are read (one byte: a claim stays small).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ClockReading {
    /// the zone is assumed (the outlet's), the clock has 24 hours
    Assumed,
    /// the zone is written next to the time ("GMT", "norsk tid")
    Explicit,
    /// the zone is assumed, and the clock has 12 hours with no a.m./p.m. ("klukkan sjö"): the
    /// time may be twelve hours later
    AssumedHalfDay,
    /// the zone is written, the clock has 12 hours
    ExplicitHalfDay,
    /// the zone is assumed, the clock has 12 hours and nothing in the text says which half: the
    /// hour is read in waking hours (1 to 6 after noon: "klukkan þrjú" 15:00), the other half
    /// stays possible
    AssumedWaking,
    /// the zone is written, the hour read in waking hours
    ExplicitWaking,
}

/// Which way a word before a time leans ("like etter 12.30", "shortly before 7"): one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    /// no such word: the time itself, or about it either way ("um", "around")
    #[default]
    None,
    /// "like etter", "strax efter", "rétt eftir", "shortly after": at or a little after the time
    After,
    /// "like før", "strax före", "rétt fyrir", "shortly before": at or a little before it
    Before,
}

impl TimeInfo {
    /// On a 12-hour clock with no a.m./p.m.: the time may be twelve hours later.
    pub fn half_day(&self) -> bool {
        !matches!(self.reading, ClockReading::Assumed | ClockReading::Explicit)
    }

    /// On a 12-hour clock that no part of the day, publication time or waking hours decided
    /// ("klokka ni": 09:00 or 21:00): shown with both readings.
    pub(crate) fn open_half(&self) -> bool {
        matches!(self.reading, ClockReading::AssumedHalfDay | ClockReading::ExplicitHalfDay)
    }
}

/// A time of day as written, and where it falls.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeInfo {
    /// minutes after local midnight: the first and the last minute the phrase allows
    /// ("kl. 16.40" 1000–1000, "á sjötta tímanum" 1020–1080)
    pub from: u16,
    pub to: u16,
    /// the zone the clock is read in (IANA name, or "local" for "lokal tid"/"local time"); None
    /// when the text names none and the outlet's is unknown
    pub zone: Option<Sym>,
    /// how the clock and zone are read
    pub(crate) reading: ClockReading,
    /// a word before the time that leans one way ("like etter", "shortly before")
    #[serde(default)]
    pub lean: Lean,
    /// the first minute in UTC, minutes since 1970, on the sentence's date, else the
    /// publication day (None when the day or zone is unknown); the last is `to - from` later
    /// (never zero: the first minute of 1970 is no news time)
    pub utc: Option<std::num::NonZeroI32>,
}

/// How a since claim is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SinceForm {
    /// "fyrsta ferð … í fjögur ár": previous = publication year − N
    FirstInYears,
    /// "frá árinu 2019", "sidan 2019"
    SinceYear,
    /// "sist i 2019"
    LastInYear,
    /// "har prydet byen i næsten 600 år", "has stood for 400 years": a span running up to
    /// publication, begun in publication year − N
    ForYears,
}

/// A resolved calendar interval (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub start: Date,
    pub end: Date,
}

impl Interval {
    pub(crate) fn day(d: Date) -> Interval {
        Interval { start: d, end: d }
    }
    pub(crate) fn overlaps(&self, o: &Interval) -> bool {
        self.start <= o.end && o.start <= self.end
    }
    pub(crate) fn is_day(&self) -> bool {
        self.start == self.end
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else if self.start == self.start.first_of_year() && self.end == self.start.last_of_year()
        {
            write!(f, "{}", self.start.year())
        } else if self.start == self.start.first_of_month()
            && self.end == self.start.last_of_month()
        {
            write!(f, "{:04}-{:02}", self.start.year(), self.start.month())
        } else {
            write!(f, "{}/{}", self.start, self.end)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DateInfo {
    pub form: DateForm,
    pub(crate) precision: Precision,
    /// None when the publication date is needed and unknown
    pub resolved: Option<Interval>,
    /// ISO weekday (1 = Monday) named next to the date, if any
    pub(crate) weekday: Option<u8>,
    /// the years a rounded date allows before and after its resolved year ("fyrir fjórum
    /// áratugum" written in 2023 is 1983, and any year 1979–1988 rounds to it)
    #[serde(default, skip_serializing_if = "no_slack")]
    pub(crate) slack_years: (u8, u8),
}

fn no_slack(s: &(u8, u8)) -> bool {
    *s == (0, 0)
}

impl DateInfo {
    /// The dates the claim allows: its resolved interval widened by its slack.
    pub(crate) fn allowed(&self) -> Option<Interval> {
        let r = self.resolved?;
        let (before, after) = self.slack_years;
        if (before, after) == (0, 0) {
            return Some(r);
        }
        let start = r.start.checked_sub(jiff::Span::new().years(before)).ok()?;
        let end = r.end.checked_add(jiff::Span::new().years(after)).ok()?;
        Some(Interval { start, end })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SinceInfo {
    pub(crate) form: SinceForm,
    /// N in "first in N years" (f32: a count of years is small; it keeps a claim smaller)
    pub(crate) years: Option<f32>,
    /// the previous occurrence's year; None when it needs an unknown publication date (no
    /// year 0: its niche keeps a claim 8 bytes smaller)
    year: Option<NonZeroI16>,
}

impl SinceInfo {
    pub(crate) fn new(form: SinceForm, years: Option<f32>, year: Option<i16>) -> SinceInfo {
        SinceInfo { form, years, year: year.and_then(NonZeroI16::new) }
    }
    /// the previous occurrence's year
    pub fn year(&self) -> Option<i16> {
        self.year.map(NonZeroI16::get)
    }
}

/// What only some kinds of claim carry: the whole of a part-of-whole, a date's or a since's
/// details. One field, so a claim is as large as its largest kind needs, not all kinds at once.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Detail {
    #[default]
    None,
    Whole(f64),
    Date(DateInfo),
    Since(SinceInfo),
    Time(TimeInfo),
    /// the value a count rose from in its own sentence ("rose from 3 to 5": 3 on the claim of 5)
    Previous(f64),
}

/// One extracted claim. An archive of millions is held in memory, so it is compact (128 bytes,
/// no allocation); it serializes as [`ClaimRecord`], its flat form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "ClaimRecord", from = "ClaimRecord")]
pub struct Claim {
    /// the document in the run (not stored in the archive)
    pub doc: DocId,
    /// the claim's index in the run's list (never serialized; see [`ClaimIdx`])
    idx: ClaimIdx,
    pub kind: ClaimKind,
    /// count, part, duration length, or since-year
    pub value: f64,
    /// a rounding word stood before the number ("um 30", "nesten 30")
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
    /// what the sentence says of the counted things (evacuated, on board): the frame's predicate
    pub role: Option<Sym>,
    /// the period a count covers (in total, in the last day): the frame's time scope
    pub scope: Option<Sym>,
    /// how firmly the claim is tied to its key
    pub frame: Frame,
    /// a count that grows as a story unfolds (dead, evacuated): later reports update it
    pub grows: bool,
    /// a count that does not change as a story unfolds (the passengers and crew aboard): reports
    /// of any day compare
    pub stable: bool,
    /// entity keys named in the sentence (sorted)
    pub entities: SymList,
    /// people named in (or just before) the sentence (sorted)
    pub persons: SymList,
    /// the first person of the sentence (or of the nearest earlier sentence naming one)
    pub principal: Option<Sym>,
    /// byte span in the file as read
    pub start: usize,
    pub end: usize,
    /// the sentence's byte span in the file, as bytes before `start` and after `end`
    sentence_before: u32,
    sentence_after: u32,
    /// sentence index in the document
    pub sentence: u32,
    /// 1 + the index of the sentence this one is a variant twin of; 0 for none
    twin: u32,
    /// position of the claim among its sentence's claims
    pub ordinal: u16,
    /// the sentence says the event lies ahead (mun, verður, skal, kjem til å …)
    pub future: bool,
    /// the span's text
    pub text: Sym,
    pub lang: Sym,
    pub detail: Detail,
}

/// A claim as JSON and the archive have it: every field flat, `null` where a kind has none.
#[derive(Serialize, Deserialize)]
pub(crate) struct ClaimRecord {
    #[serde(default)]
    doc: DocId,
    kind: ClaimKind,
    value: f64,
    whole: Option<f64>,
    #[serde(default)]
    approx: bool,
    unit: Option<TimeUnit>,
    concept: Option<Sym>,
    family: Option<Sym>,
    phase: Option<Phase>,
    qualifier: Option<Sym>,
    noun: Option<Sym>,
    #[serde(default)]
    role: Option<Sym>,
    #[serde(default)]
    scope: Option<Sym>,
    #[serde(default)]
    frame: Frame,
    #[serde(default)]
    grows: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    stable: bool,
    #[serde(default)]
    entities: SymList,
    #[serde(default)]
    persons: SymList,
    principal: Option<Sym>,
    start: usize,
    end: usize,
    sentence_start: usize,
    sentence_end: usize,
    sentence: u32,
    twin_of: Option<u32>,
    ordinal: u16,
    #[serde(default)]
    future: bool,
    text: Sym,
    lang: Sym,
    date: Option<DateInfo>,
    since: Option<SinceInfo>,
    #[serde(default)]
    time: Option<TimeInfo>,
    /// see [`Detail::Previous`]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous: Option<f64>,
}

impl From<Claim> for ClaimRecord {
    fn from(c: Claim) -> ClaimRecord {
        let (sentence_start, sentence_end) = c.sentence_span();
        ClaimRecord {
            doc: c.doc,
            kind: c.kind,
            value: c.value,
            whole: c.whole(),
            approx: c.approx,
            unit: c.unit,
            concept: c.concept,
            family: c.family,
            phase: c.phase,
            qualifier: c.qualifier,
            noun: c.noun,
            role: c.role,
            scope: c.scope,
            frame: c.frame,
            grows: c.grows,
            stable: c.stable,
            entities: c.entities,
            persons: c.persons,
            principal: c.principal,
            start: c.start,
            end: c.end,
            sentence_start,
            sentence_end,
            sentence: c.sentence,
            twin_of: c.twin_of(),
            ordinal: c.ordinal,
            future: c.future,
            text: c.text,
            lang: c.lang,
            date: c.date().copied(),
            since: c.since().copied(),
            time: c.time().copied(),
            previous: c.previous(),
        }
    }
}

impl From<ClaimRecord> for Claim {
    fn from(r: ClaimRecord) -> Claim {
        let detail = match (r.date, r.since, r.whole, r.time) {
            (Some(d), _, _, _) => Detail::Date(d),
            (None, Some(s), _, _) => Detail::Since(s),
            (None, None, Some(w), _) => Detail::Whole(w),
            (None, None, None, Some(t)) => Detail::Time(t),
            (None, None, None, None) => r.previous.map_or(Detail::None, Detail::Previous),
        };
        Claim {
            doc: r.doc,
            approx: r.approx,
            unit: r.unit,
            concept: r.concept,
            family: r.family,
            phase: r.phase,
            qualifier: r.qualifier,
            noun: r.noun,
            role: r.role,
            scope: r.scope,
            frame: r.frame,
            grows: r.grows,
            stable: r.stable,
            entities: r.entities,
            persons: r.persons,
            principal: r.principal,
            ordinal: r.ordinal,
            future: r.future,
            detail,
            ..Claim::new(
                r.kind,
                r.value,
                (r.start, r.end),
                (r.sentence, (r.sentence_start, r.sentence_end)),
                r.twin_of,
                r.text,
                r.lang,
            )
        }
    }
}

impl Claim {
    /// The claim's index in the run's list (see [`append`]).
    pub fn idx(&self) -> ClaimIdx {
        self.idx
    }

    /// The claim as the one at `idx` of a run's list (`rules::run` numbers a sorted copy so).
    pub fn numbered(self, idx: ClaimIdx) -> Claim {
        Claim { idx, ..self }
    }

    /// A claim of `kind` and `value` at the file span `span`, in the sentence numbered
    /// `sentence.0` at the file span `sentence.1` (which holds `span`), a variant twin of the
    /// sentence `twin_of`; every key empty.
    pub fn new(
        kind: ClaimKind,
        value: f64,
        span: (usize, usize),
        sentence: (u32, (usize, usize)),
        twin_of: Option<u32>,
        text: Sym,
        lang: Sym,
    ) -> Claim {
        let (start, end) = span;
        let (sentence, (s_start, s_end)) = sentence;
        let gap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Claim {
            doc: DocId::default(),
            idx: ClaimIdx::default(),
            kind,
            value,
            approx: false,
            unit: None,
            concept: None,
            family: None,
            phase: None,
            qualifier: None,
            noun: None,
            role: None,
            scope: None,
            frame: Frame::Loose,
            grows: false,
            stable: false,
            entities: SymList::default(),
            persons: SymList::default(),
            principal: None,
            start,
            end,
            sentence_before: gap(start.saturating_sub(s_start)),
            sentence_after: gap(s_end.saturating_sub(end)),
            sentence,
            twin: twin_of.map_or(0, |t| t.saturating_add(1)),
            ordinal: 0,
            future: false,
            text,
            lang,
            detail: Detail::None,
        }
    }

    /// The sentence's byte span in the file.
    pub fn sentence_span(&self) -> (usize, usize) {
        (self.start - self.sentence_before as usize, self.end + self.sentence_after as usize)
    }

    /// The sentence this claim's sentence is a variant twin of (a repeat with other numbers).
    pub(crate) fn twin_of(&self) -> Option<u32> {
        self.twin.checked_sub(1)
    }

    /// The whole of a part-of-whole claim.
    pub fn whole(&self) -> Option<f64> {
        match self.detail {
            Detail::Whole(w) => Some(w),
            _ => None,
        }
    }

    /// The value a count rose from in its own sentence ("rose from 3 to 5"): see
    /// [`Detail::Previous`].
    pub fn previous(&self) -> Option<f64> {
        match self.detail {
            Detail::Previous(p) => Some(p),
            _ => None,
        }
    }

    /// How a date claim is written and what it resolves to.
    pub fn date(&self) -> Option<&DateInfo> {
        match &self.detail {
            Detail::Date(d) => Some(d),
            _ => None,
        }
    }

    /// How a since claim is written and the year it names.
    pub fn since(&self) -> Option<&SinceInfo> {
        match &self.detail {
            Detail::Since(s) => Some(s),
            _ => None,
        }
    }

    /// A time claim's clock and zone.
    pub fn time(&self) -> Option<&TimeInfo> {
        match &self.detail {
            Detail::Time(t) => Some(t),
            _ => None,
        }
    }

    /// Bound to its key in its own clause, and precise: the only claims that can raise an error.
    pub fn bound(&self) -> bool {
        self.frame == Frame::Bound
    }

    /// The resolved interval of a date claim, or the year of a since claim.
    pub fn interval(&self) -> Option<Interval> {
        if let Some(d) = self.date() {
            return d.resolved;
        }
        let y = self.since()?.year()?;
        let d = Date::new(y, 1, 1).ok()?;
        Some(Interval { start: d, end: d.last_of_year() })
    }

    /// A since claim with its arithmetic ("2023 − 4 = 2019", "since 2019", "last in 2019") for an
    /// article published `published`; any other claim as [`Claim::value_text`].
    pub(crate) fn reading(&self, published: Option<Date>) -> String {
        let Some(s) = self.since() else { return self.value_text() };
        match (s.form, s.year(), s.years, published) {
            (SinceForm::FirstInYears | SinceForm::ForYears, Some(y), Some(n), Some(p)) => {
                format!("{} − {} = {y}", p.year(), fmt_years(n))
            }
            (SinceForm::SinceYear, Some(y), _, _) => format!("since {y}"),
            (SinceForm::LastInYear, Some(y), _, _) => format!("last in {y}"),
            _ => self.value_text(),
        }
    }

    /// A short rendering of the value: "32 of 44", "6 days", "2019", "2023-09-12".
    pub fn value_text(&self) -> String {
        // (the number formatted only for the kinds that show it, and a count without "~" as it is
        // formatted: the report asks this of every claim)
        let n = || fmt_num(self.value);
        let approx = if self.approx { "~" } else { "" };
        match self.kind {
            ClaimKind::Count if !self.approx => n(),
            ClaimKind::Count => format!("{approx}{}", n()),
            ClaimKind::PartOfWhole => {
                let n = n();
                format!("{approx}{n} of {}", self.whole().map(fmt_num).unwrap_or_default())
            }
            ClaimKind::Duration => {
                let n = n();
                let u = self.unit.map(TimeUnit::name).unwrap_or("unit");
                format!("{approx}{n} {u}{}", if self.value == 1.0 { "" } else { "s" })
            }
            ClaimKind::Date => {
                self.interval().map(|i| i.to_string()).unwrap_or_else(|| "unresolved".into())
            }
            ClaimKind::Since => match self.since().and_then(SinceInfo::year) {
                Some(y) => y.to_string(),
                None => "unresolved".into(),
            },
            ClaimKind::Time => {
                format!("{approx}{}", self.time().map(TimeInfo::clock).unwrap_or_default())
            }
        }
    }
}

impl TimeInfo {
    /// "16:40", "17:00–18:00", with "~" for a time given as approximate
    pub(crate) fn clock(&self) -> String {
        let hm = |m: u16| format!("{:02}:{:02}", m / 60 % 24, m % 60);
        let span = |a: u16, b: u16| if a == b { hm(a) } else { format!("{}–{}", hm(a), hm(b)) };
        let mut s = span(self.from, self.to);
        if self.open_half() {
            // (both halves of a 12-hour clock: "09:00 or 21:00")
            s.push_str(&format!(" or {}", span(self.from + 720, self.to + 720)));
        }
        if let Some(z) = self.zone {
            s.push_str(&format!(" ({z})"));
        }
        s
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
