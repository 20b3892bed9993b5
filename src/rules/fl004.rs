//! FL004: a duration in days ("a six-day visit", "viðræðum lauk eftir sjö daga törn") against the
//! dates its sources give for the start and the end of the same event, or of the same person's
//! stay: counting both ends, the dates must span as many days as the duration says.

use jiff::civil::Date;

use crate::calendar as resolve;
use crate::claims::{Claim, ClaimKind, Sym};
use crate::diagnostic::{Corroboration, Diagnostic};
use crate::lang::{Map, Phase, TimeUnit};

use super::{anchor_of, first_copy, of_doc, subject, Anchor, Cx, Out};

/// The durations checked are whole days from this many…
const MIN_DAYS: f64 = 1.0;
/// … up to (not including) this many: longer ones are counted, seldom dated by their two ends.
const MAX_DAYS: f64 = 400.0;

fn day_of(c: &Claim) -> Option<Date> {
    let r = c.date()?.resolved?;
    r.is_day().then_some(r.start)
}

pub(super) fn duration_vs_dates(cx: &Cx, claims: &[Claim]) -> Out {
    let anchors = Anchors::new(claims);
    let mut out: Out = (Vec::new(), Vec::new());
    for d in claims.iter().filter(|c| checked(c)) {
        let Some(near) = Near::of(cx, claims, &anchors, d) else { continue };
        let Some(dates) = near.dates(cx.rule.params.event_span_days) else { continue };
        let n = d.value as i64;
        let Some(span) = resolve::days_between(dates.start, dates.end).map(|x| x + 1) else {
            continue;
        };
        if span == n {
            dissent(cx, &near, d, &dates, &mut out.0);
            out.1.extend(corroboration(cx, d, &dates));
            continue;
        }
        out.0.push(mismatch(cx, d, &dates, span));
    }
    out
}

/// A bound, exact duration of whole days (within the checked range) of a named event.
fn checked(c: &Claim) -> bool {
    first_copy(c)
        && c.bound()
        && c.kind == ClaimKind::Duration
        && c.unit == Some(TimeUnit::Day)
        && !c.approx
        && c.value >= MIN_DAYS
        && c.value < MAX_DAYS
        && c.concept.is_some()
}

/// A date of one day (first copies only).
fn is_dated(c: &Claim) -> bool {
    first_copy(c) && c.kind == ClaimKind::Date && day_of(c).is_some()
}

/// Dated starts and ends, by their phase and what they are about, each key's in date order (so
/// that a duration looks only at the days near it). A dated start or end counts for a duration of
/// the same event concept, or, when it names no event ("Kim kom til Russland tysdag"), for a
/// duration about the same person.
struct Anchors<'c>(Map<(Phase, Anchor), Vec<&'c Claim>>);

impl<'c> Anchors<'c> {
    fn new(claims: &'c [Claim]) -> Self {
        let mut by_key: Map<(Phase, Anchor), Vec<&Claim>> = Map::default();
        for c in claims.iter().filter(|c| is_dated(c)) {
            if let (Some(ph), Some(key)) = (c.phase, anchor_of(c)) {
                by_key.entry((ph, key)).or_default().push(c);
            }
        }
        for v in by_key.values_mut() {
            v.sort_by_key(|c| day_of(c));
        }
        Anchors(by_key)
    }

    /// A key's anchors dated from `lo` to `hi` (none when either is unknown).
    fn in_days(&self, k: &(Phase, Anchor), lo: Option<Date>, hi: Option<Date>) -> &[&'c Claim] {
        let Some(v) = self.0.get(k) else { return &[] };
        let (Some(lo), Some(hi)) = (lo, hi) else { return &[] };
        let a = v.partition_point(|c| day_of(c) < Some(lo));
        let b = v.partition_point(|c| day_of(c) <= Some(hi));
        &v[a..b.max(a)]
    }
}

/// Where a duration's anchors are sought, nearest first: its own sentence (a date there with no
/// phase is its end: "fór heim í dag eftir sex daga heimsókn"), then its own article, then other
/// sources on the same person or event dated from `before_days` before its publication to
/// `after_days` after (an article with no publication date uses its own dates only).
struct Near<'a, 'c> {
    anchors: &'a Anchors<'c>,
    /// the dated claims of the duration's sentence, and of its article
    own: Vec<&'c Claim>,
    article: Vec<&'c Claim>,
    /// the duration's event, then its person
    keys: Vec<Anchor>,
    /// the days other sources' anchors are read from
    window: (Option<Date>, Option<Date>),
}

/// The dates a duration is checked against: the latest end, the earliest start in the span before
/// it, and the claims dating each.
struct Dates<'c> {
    start: Date,
    end: Date,
    starts: Vec<&'c Claim>,
    ends: Vec<&'c Claim>,
}

impl<'a, 'c> Near<'a, 'c> {
    /// None: the duration is dated to a time before the window.
    fn of(cx: &Cx, claims: &'c [Claim], anchors: &'a Anchors<'c>, d: &'c Claim) -> Option<Self> {
        // the duration's article, and its sentence, among the dated claims
        let article: Vec<&Claim> = of_doc(claims, d.doc).iter().filter(|c| is_dated(c)).collect();
        let own: Vec<&Claim> =
            article.iter().copied().filter(|c| c.sentence == d.sentence).collect();
        let pubd = cx.published(d);
        // "a journey that took 24 days in 2001": a sentence with no day of its own that dates the
        // duration to a time before the rule's window is about that time, not this story's dates
        let dated_before = |c: &Claim| {
            c.sentence == d.sentence
                && c.kind == ClaimKind::Date
                && c.date().and_then(|i| i.resolved).zip(pubd).is_some_and(|(r, p)| {
                    resolve::add_days(p, -cx.rule.params.before_days).is_some_and(|lo| r.end < lo)
                })
        };
        if own.is_empty() && of_doc(claims, d.doc).iter().any(dated_before) {
            return None;
        }
        let keys: Vec<Anchor> = [d.concept.map(Anchor::Event), d.principal.map(Anchor::Person)]
            .into_iter()
            .flatten()
            .collect();
        let window = (
            pubd.and_then(|p| resolve::add_days(p, -cx.rule.params.before_days)),
            pubd.and_then(|p| resolve::add_days(p, cx.rule.params.after_days)),
        );
        Some(Near { anchors, own, article, keys, window })
    }

    /// A visit runs from the first arrival to the last departure; anchors more than `span_days`
    /// apart belong to different events. None: no end, no start, or one claim dating both.
    fn dates(&self, span_days: i64) -> Option<Dates<'c>> {
        let ends = self.find(Phase::End, None);
        let end = ends.iter().filter_map(|c| day_of(c)).max()?;
        let starts: Vec<&Claim> = self
            .find(Phase::Start, Some((resolve::add_days(end, -span_days), Some(end))))
            .into_iter()
            .filter(|c| {
                day_of(c).is_some_and(|s| {
                    s <= end && resolve::days_between(s, end).is_some_and(|x| x < span_days)
                })
            })
            .collect();
        let start = starts.iter().filter_map(|c| day_of(c)).min()?;
        let starts: Vec<&Claim> =
            starts.iter().copied().filter(|c| day_of(c) == Some(start)).collect();
        let ends: Vec<&Claim> = ends.iter().copied().filter(|c| day_of(c) == Some(end)).collect();
        if starts.iter().any(|s| ends.iter().any(|e| std::ptr::eq(*s, *e))) {
            return None;
        }
        Some(Dates { start, end, starts, ends })
    }

    /// The anchors of a phase, nearest first; those of other sources only from the days `within`
    /// (None: the latest day that has any), since a busy event or person has very many.
    fn find(&self, ph: Phase, within: Option<(Option<Date>, Option<Date>)>) -> Vec<&'c Claim> {
        let here: Vec<&Claim> = self
            .own
            .iter()
            .copied()
            .filter(|c| c.phase == Some(ph) || (ph == Phase::End && c.phase.is_none()))
            .collect();
        if !here.is_empty() {
            return here;
        }
        let same_doc: Vec<&Claim> = self
            .keys
            .iter()
            .flat_map(|k| {
                self.article
                    .iter()
                    .copied()
                    .filter(move |c| c.phase == Some(ph) && anchor_of(c) == Some(*k))
            })
            .collect();
        if !same_doc.is_empty() {
            return same_doc;
        }
        self.other_sources(ph, within)
    }

    /// The anchors of a phase in other sources, from the days `within` the window (None: the
    /// latest day in the window that has any, to its end).
    fn other_sources(
        &self,
        ph: Phase,
        within: Option<(Option<Date>, Option<Date>)>,
    ) -> Vec<&'c Claim> {
        let (window_lo, window_hi) = self.window;
        let (lo, hi) = match within {
            Some((lo, hi)) => (
                window_lo.map(|w| lo.map_or(w, |l| l.max(w))),
                window_hi.map(|w| hi.map_or(w, |h| h.min(w))),
            ),
            None => (
                self.keys
                    .iter()
                    .filter_map(|k| {
                        let days = self.anchors.in_days(&(ph, *k), window_lo, window_hi);
                        days.last().and_then(|c| day_of(c))
                    })
                    .max(),
                window_hi,
            ),
        };
        self.keys
            .iter()
            .flat_map(|k| self.anchors.in_days(&(ph, *k), lo, hi).iter().copied())
            .collect()
    }
}

/// The count fits its dates: any other source dating the start differently dissents (a misdated
/// start is a few days off; a date weeks away is another event).
fn dissent(cx: &Cx, near: &Near, d: &Claim, dates: &Dates, out: &mut Vec<Diagnostic>) {
    let (start, end, slack) = (dates.start, dates.end, cx.rule.params.start_slack_days);
    let (lo, hi) =
        (resolve::add_days(start, -slack), resolve::add_days(start, slack).map(|h| h.min(end)));
    let mut others: Vec<&Claim> = near
        .keys
        .iter()
        .flat_map(|k| near.anchors.in_days(&(Phase::Start, *k), lo, hi).iter().copied())
        .collect();
    others.retain(|c| c.doc != d.doc && day_of(c) != Some(start));
    let (n, what) = (d.value as i64, d.concept.as_deref().unwrap_or("event"));
    for a in others {
        let Some(day) = day_of(a) else { continue };
        out.push(cx.diag(subject(a),
            format!("{} dates the start of the {what} {day}, but the {n}-day {what} ending {end} began {start}", cx.short(a)),
            format!("counting both ends, {end} − ({n} − 1) days = {start}; {} says {n} days, ending {end}", cx.short(d)),
            vec![cx.label(a, format!("started {day}?"), true), cx.label(d, format!("{n} days"), false), cx.label(dates.ends[0], format!("ended {end}"), false)],
        ));
    }
}

/// The sources agreeing on the duration and its dates, when another article than the duration's
/// is among them (an article agreeing with itself is no corroboration: `rules::run` drops it).
fn corroboration(cx: &Cx, d: &Claim, dates: &Dates) -> Option<Corroboration> {
    let max = cx.rule.params.max_examples;
    if !dates.ends.iter().take(max).chain(dates.starts.iter().take(max)).any(|c| c.doc != d.doc) {
        return None;
    }
    let what = d.concept.as_deref().unwrap_or("event");
    let (n, start, end) = (d.value as i64, dates.start, dates.end);
    Some(Corroboration {
        code: Sym::new(&cx.rule.code),
        subject: Sym::new(&format!(
            "{what}{}",
            d.principal.as_deref().map(|p| format!(" by {p}")).unwrap_or_default()
        )),
        value: Sym::new(&format!("{start} to {end}, {n} days")),
        sources: said(cx, d, dates).into_iter().map(|(c, m)| cx.source(c, m)).collect(),
    })
}

/// The dates give another count of days than the duration.
fn mismatch(cx: &Cx, d: &Claim, dates: &Dates, span: i64) -> Diagnostic {
    let (n, start, end) = (d.value as i64, dates.start, dates.end);
    let what = d.concept.as_deref().unwrap_or("event");
    cx.diag(subject(d),
        format!("{} says the {what} lasted {n} days, but its dates give {span}", cx.short(d)),
        format!(
            "counting both ends, {start} to {end} is {end} − {start} + 1 = {span} days; a {n}-day {what} ending {end} would have begun {}",
            resolve::add_days(end, -(n - 1)).map(|x| x.to_string()).unwrap_or_default()
        ),
        said(cx, d, dates).into_iter().enumerate().map(|(i, (c, m))| cx.label(c, m, i == 0)).collect(),
    )
}

/// The claims labelled and what each says (made only for what is kept: a label interns its
/// message).
fn said<'c>(cx: &Cx, d: &'c Claim, dates: &Dates<'c>) -> Vec<(&'c Claim, String)> {
    let (max, n) = (cx.rule.params.max_examples, d.value as i64);
    let mut said = vec![(d, format!("{n} days"))];
    for c in dates.ends.iter().take(max) {
        said.push((*c, format!("{} dates the end {}", cx.short(c), dates.end)));
    }
    for c in dates.starts.iter().take(max) {
        said.push((*c, format!("{} dates the start {}", cx.short(c), dates.start)));
    }
    said
}
