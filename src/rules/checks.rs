//! The built-in checks. Each is a short function from claims to diagnostics (and corroborations).

use crate::lang::{Map, Set};

use crate::calendar as resolve;
use crate::claims::{fmt_num, Claim, ClaimKind, DateForm, Interval, Precision, Sym};
use crate::diagnostic::{Corroboration, Diagnostic, DocMeta, Label, Source};
use crate::lang::TimeUnit;

use super::{Check, Rule};

type Out = (Vec<Diagnostic>, Vec<Corroboration>);

pub fn run(rule: &Rule, docs: &[DocMeta], claims: &[Claim]) -> Out {
    let cx = Cx { rule, docs, claims };
    match rule.check {
        Check::PartExceedsWhole => (part_exceeds_whole(&cx, claims), Vec::new()),
        Check::ValueMismatch => value_mismatch(&cx, claims),
        Check::SinceArithmetic => since_arithmetic(&cx, claims),
        Check::DurationVsDates => duration_vs_dates(&cx, claims),
        Check::RelativeVsAbsolute => relative_vs_absolute(&cx, claims),
        Check::WeekdayMismatch => (weekday_mismatch(&cx, claims), Vec::new()),
        Check::PastEventAfterPublication => (past_event_after_publication(&cx, claims), Vec::new()),
        Check::DuplicateVariant => (duplicate_variant(&cx, claims), Vec::new()),
        Check::TimeMismatch => time_mismatch(&cx, claims),
    }
}

struct Cx<'r> {
    rule: &'r Rule,
    docs: &'r [DocMeta],
    claims: &'r [Claim],
}

impl Cx<'_> {
    fn diag(
        &self,
        subject: String,
        message: String,
        help: String,
        labels: Vec<Label>,
    ) -> Diagnostic {
        Diagnostic {
            code: self.rule.code.clone(),
            rule: self.rule.name.clone(),
            severity: self.rule.severity,
            message,
            help,
            labels,
            subject: Some(subject),
        }
    }
    fn label(&self, c: &Claim, message: String, primary: bool) -> Label {
        Label::of(c, self.docs, message, primary)
    }
    /// A corroboration's source: `c` is one of the rule's claims (a reference into them), kept as
    /// its index.
    fn source(&self, c: &Claim, message: String) -> Source {
        let at = (c as *const Claim as usize).wrapping_sub(self.claims.as_ptr() as usize)
            / std::mem::size_of::<Claim>();
        let inside = self.claims.get(at).is_some_and(|x| std::ptr::eq(x, c));
        debug_assert!(inside, "a source outside the rule's claims");
        // (one that is not would be no source: `Corroboration::labels` skips it)
        Source { claim: if inside { at as u32 } else { u32::MAX }, message: Sym::new(&message) }
    }
    fn short(&self, c: &Claim) -> String {
        self.docs.get(c.doc as usize).map(DocMeta::short).unwrap_or_default()
    }
    fn published(&self, c: &Claim) -> Option<jiff::civil::Date> {
        self.docs.get(c.doc as usize).and_then(|d| d.published)
    }
}

/// "drone (shahed)", "visit by kim"
fn subject(c: &Claim) -> String {
    let mut s = c.concept.or(c.noun).map_or_else(|| "thing".to_string(), |x| x.to_string());
    // what is said of it, when that is not the thing itself ("passenger aboard")
    if let Some(r) = c.role.filter(|r| Some(*r) != c.concept) {
        s = format!("{s} {}", r.replace('_', " "));
    }
    if let Some(q) = &c.qualifier {
        s = format!("{s} ({q})");
    }
    if let Some(p) = &c.principal {
        s = format!("{s}, {p}");
    }
    s
}

/// Split claims into classes of agreeing values; returns the classes with the majority first.
/// The majority is the class stated by most documents; ties go to the earliest published source.
fn classes<'c>(
    cx: &Cx,
    members: &[&'c Claim],
    same: impl Fn(&Claim, &Claim) -> bool,
) -> Vec<Vec<&'c Claim>> {
    let mut out: Vec<Vec<&Claim>> = Vec::new();
    for &c in members {
        match out.iter_mut().find(|cl| same(cl[0], c)) {
            Some(cl) => cl.push(c),
            None => out.push(vec![c]),
        }
    }
    // ties go to the earliest report; a source with no publication date never wins one
    let first_pub = |cl: &Vec<&Claim>| {
        cl.iter().map(|c| (cx.published(c).is_none(), cx.published(c), c.doc)).min()
    };
    // keys computed once per class (a stable sort: equal keys keep first-seen order)
    let mut keyed: Vec<_> = out
        .into_iter()
        .map(|cl| ((std::cmp::Reverse(doc_count(&cl)), first_pub(&cl)), cl))
        .collect();
    keyed.sort_by_key(|k| k.0);
    keyed.into_iter().map(|(_, cl)| cl).collect()
}

fn doc_count(cl: &[&Claim]) -> usize {
    let mut d: Vec<u32> = cl.iter().map(|c| c.doc).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

/// Group claims by a key, in first-seen order (deterministic).
fn group<'c, K: std::hash::Hash + Eq>(
    claims: impl Iterator<Item = &'c Claim>,
    key: impl Fn(&Claim) -> Option<K>,
) -> Vec<Vec<&'c Claim>> {
    let mut index: Map<K, usize> = Map::default();
    let mut groups: Vec<Vec<&Claim>> = Vec::new();
    for c in claims {
        let Some(k) = key(c) else { continue };
        let i = *index.entry(k).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(c);
    }
    groups
}

/// A document's claims: the claims of a run come grouped by document, in document order (see
/// `rules::run`), so they are one range, found by binary search.
fn of_doc(claims: &[Claim], doc: u32) -> &[Claim] {
    let a = claims.partition_point(|c| c.doc < doc);
    let b = claims.partition_point(|c| c.doc <= doc);
    &claims[a..b]
}

/// Report each claim outside the majority class (whose document does not also state the
/// majority value), and the majority as a corroboration when two or more sources share it.
fn majority_report(
    cx: &Cx,
    group: &[&Claim],
    same_doc_dissent: bool,
    same: impl Fn(&Claim, &Claim) -> bool,
    show: impl Fn(&Claim) -> String,
    message: impl Fn(&Claim, &[&Claim]) -> String,
    help: impl Fn(&Claim, &[&Claim]) -> String,
) -> Out {
    let mut diags = Vec::new();
    let mut corr = Vec::new();
    // one source is enough when it contradicts itself
    if doc_count(group) < 2 && !(same_doc_dissent && group.len() >= 2) {
        return (diags, corr);
    }
    let cls = classes(cx, group, &same);
    let major = &cls[0];
    let major_n = doc_count(major);
    if major_n >= 2 {
        let mut sources: Vec<Source> = Vec::new();
        let mut seen: Set<u32> = Set::default();
        for c in major {
            if seen.insert(c.doc) {
                sources.push(cx.source(c, show(c)));
            }
        }
        corr.push(Corroboration {
            code: Sym::new(&cx.rule.code),
            subject: Sym::new(&subject(major[0])),
            value: Sym::new(&show(major[0])),
            sources: sources.into(),
        });
    }
    let major_docs: Set<u32> = major.iter().map(|c| c.doc).collect();
    for cl in &cls[1..] {
        let cl_n = doc_count(cl);
        for &c in cl {
            // a document stating both values: a contradiction inside it (reported when asked for)
            if major_docs.contains(&c.doc) && !same_doc_dissent {
                continue;
            }
            // a rounded value that the majority's allows is no dissent, whichever class it joined
            if same(major[0], c) {
                continue;
            }
            let mut labels = vec![cx.label(c, format!("this source: {}", show(c)), true)];
            let mut named: Vec<u32> = Vec::new();
            for m in major.iter() {
                if named.len() >= cx.rule.params.max_examples {
                    break;
                }
                if named.contains(&m.doc) {
                    continue;
                }
                named.push(m.doc);
                labels.push(cx.label(m, format!("{} says {}", cx.short(m), show(m)), false));
            }
            let mut h = help(c, major);
            if cl_n >= major_n {
                // no majority: classes of equal size are ranked by their earliest publication
                h.push_str(&format!("; the sources split {major_n} to {cl_n}: no majority, the earliest report's value is the reference"));
            }
            diags.push(cx.diag(subject(c), message(c, major), h, labels));
        }
    }
    (diags, corr)
}

fn sources_phrase(cx: &Cx, major: &[&Claim]) -> String {
    let shown = cx.rule.params.max_examples.max(1);
    let mut seen: Set<u32> = Set::default();
    let mut names: Vec<String> = Vec::new();
    for m in major {
        if seen.insert(m.doc) && names.len() < shown {
            names.push(cx.short(m));
        }
    }
    let total = seen.len();
    let mut s = names.join(", ");
    if total > shown {
        s.push_str(&format!(" and {} more", total - shown));
    }
    format!("{total} source{} ({s})", if total == 1 { "" } else { "s" })
}

// FL001 --------------------------------------------------------------------------------------

fn part_exceeds_whole(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    claims
        .iter()
        .filter_map(|c| {
            let w = c.whole().filter(|&w| c.kind == ClaimKind::PartOfWhole && c.value > w)?;
            Some(cx.diag(
                subject(c),
                format!("part is larger than the whole: {} of {}", fmt_num(c.value), fmt_num(w)),
                format!(
                    "{} > {}: a part of a whole cannot exceed it; one of the two numbers is wrong",
                    fmt_num(c.value),
                    fmt_num(w)
                ),
                vec![cx.label(c, format!("{} of {}", fmt_num(c.value), fmt_num(w)), true)],
            ))
        })
        .collect()
}

// FL002 --------------------------------------------------------------------------------------

/// Two counts, parts or durations state one amount, as FL002 compares them: the same whole, and
/// values within `tol` when either is approximate ("um 30").
pub(crate) fn same_amount(a: &Claim, b: &Claim, tol: f64) -> bool {
    close(a.value, b.value, a.approx || b.approx, tol) && a.whole() == b.whole()
}

/// Two values agree: equal, or within the relative tolerance when either is approximate.
fn close(a: f64, b: f64, approx: bool, tol: f64) -> bool {
    if a == b {
        return true;
    }
    approx && (a - b).abs() <= tol * a.abs().max(b.abs())
}

/// Claims of a twin copy of a paragraph are compared only with their first copy (FL008).
fn first_copy(c: &Claim) -> bool {
    c.twin_of().is_none()
}

/// Split a group by an optional attribute: claims that have it form one subgroup per value; claims
/// without it join every subgroup (they are compatible with all).
/// Subgroups come in first-seen key order, claims in group order; linear in the group plus the
/// output.
fn split_by<K: std::hash::Hash + Eq>(
    g: Vec<&Claim>,
    attr: impl Fn(&Claim) -> Option<K>,
) -> Vec<Vec<&Claim>> {
    let mut index: Map<K, usize> = Map::default();
    let of: Vec<Option<usize>> = g
        .iter()
        .map(|c| {
            attr(c).map(|k| {
                let next = index.len();
                *index.entry(k).or_insert(next)
            })
        })
        .collect();
    if index.len() <= 1 {
        return vec![g];
    }
    let mut out: Vec<Vec<&Claim>> = vec![Vec::new(); index.len()];
    for (&c, k) in g.iter().zip(&of) {
        match k {
            Some(i) => out[*i].push(c),
            None => out.iter_mut().for_each(|o| o.push(c)),
        }
    }
    out
}

fn value_mismatch(cx: &Cx, claims: &[Claim]) -> Out {
    let p = &cx.rule.params;
    let groups = group(
        claims.iter().filter(|c| p.kinds.iter().any(|n| n == c.kind.name()) && first_copy(c)),
        frame_key,
    );
    let mut out: Out = (Vec::new(), Vec::new());
    for g in groups {
        // only a named qualifier ("Shahed") splits: compound modifiers are words of one language
        for by_q in split_by(g, |c| {
            c.qualifier
                .as_ref()
                .filter(|q| q.chars().next().is_some_and(char::is_uppercase))
                .map(|q| q.to_lowercase())
        }) {
            // durations are about someone's visit or meeting; counts are of things, whoever is named
            for by_p in
                split_by(by_q, |c| if c.kind == ClaimKind::Duration { c.principal } else { None })
            {
                // a count that grows (a toll, the evacuated) is compared only between reports of
                // one day: a later report updates it
                let first = by_p[0];
                // a count that grows (a toll, the missing, the evacuated, the avalanches so far)
                // differs between reports written at different times, even hours apart on one day:
                // an update, unless both name one period ("siste døgn", "i alt")
                let grows = first.grows && first.scope.is_none();
                // inside one article, a duration stated twice with two values is a conflict (a
                // growing count may be given for several places of one story: not compared)
                let same_doc = first.kind == ClaimKind::Duration;
                // no predicate: a weaker match ("fimm björgunarskip" against "sex"), one level down
                // (a part of a whole, "32 af 44", and a duration of its event are specific enough)
                let weak = first.role.is_none() && first.kind == ClaimKind::Count;
                if grows {
                    continue;
                }
                for window in time_windows(cx, &by_p, p.window_days) {
                    let same = |a: &Claim, b: &Claim| same_amount(a, b, p.tolerance);
                    let (d, c) = majority_report(
                        cx,
                        &window,
                        same_doc,
                        same,
                        |c| c.value_text(),
                        |c, _| {
                            format!(
                                "{} says {} for {}, other sources disagree",
                                cx.short(c),
                                c.value_text(),
                                subject(c)
                            )
                        },
                        |c, major| {
                            format!(
                                "{} say{} {}; this source says {}{}",
                                sources_phrase(cx, major),
                                if doc_count(major) == 1 { "s" } else { "" },
                                major[0].value_text(),
                                c.value_text(),
                                if c.approx || major[0].approx {
                                    format!(
                                        " (rounding words allow ±{}%)",
                                        (p.tolerance * 100.0).round()
                                    )
                                } else {
                                    String::new()
                                }
                            )
                        },
                    );
                    out.0.extend(d.into_iter().map(|d| if weak { weaken(d) } else { d }));
                    out.1.extend(c);
                }
            }
        }
    }
    out.1.sort_by(|a, b| (&a.subject, &a.value).cmp(&(&b.subject, &b.value)));
    out.1.dedup_by(|a, b| {
        a.subject == b.subject && a.value == b.value && a.sources.len() == b.sources.len()
    });
    out
}

/// The frame FL002 compares a claim in: its kind, the counted thing (a concept across languages,
/// else its noun within its language), the unit, what the sentence says of the things (the role:
/// evacuated, on board) and the period (in total, in the last day). Only a bound claim has one: a
/// vague number, a measure or a claim whose key came from further away never raises an error.
pub fn frame_key(c: &Claim) -> Option<FrameKey> {
    if !c.bound() {
        return None;
    }
    let (thing, lang) = match (c.concept, c.noun) {
        (Some(k), _) => (k, None),
        (None, Some(n)) => (n, Some(c.lang)),
        (None, None) => return None,
    };
    Some(FrameKey { kind: c.kind, thing, lang, unit: c.unit, role: c.role, scope: c.scope })
}

/// See [`frame_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FrameKey {
    pub kind: ClaimKind,
    pub thing: Sym,
    /// the language of a noun no concept lists (its key holds within that language only)
    pub lang: Option<Sym>,
    pub unit: Option<TimeUnit>,
    pub role: Option<Sym>,
    pub scope: Option<Sym>,
}

/// A diagnostic from a weaker frame match: one severity level below the rule's, and said so.
fn weaken(mut d: Diagnostic) -> Diagnostic {
    d.severity = match d.severity {
        crate::diagnostic::Severity::Error => crate::diagnostic::Severity::Warning,
        _ => crate::diagnostic::Severity::Advice,
    };
    d.help.push_str(
        "; a weaker match: the same thing counted, but neither sentence says what of it \
         (evacuated, on board, injured), so they may count different things",
    );
    d
}

/// Split a group into runs of claims whose sources were published within `days` of the previous
/// one; claims from documents with no known date join every run.
fn time_windows<'c>(cx: &Cx, g: &[&'c Claim], days: i64) -> Vec<Vec<&'c Claim>> {
    let undated: Vec<&Claim> = g.iter().copied().filter(|c| cx.published(c).is_none()).collect();
    let mut dated: Vec<&Claim> = g.iter().copied().filter(|c| cx.published(c).is_some()).collect();
    dated.sort_by_key(|c| (cx.published(c), c.doc, c.start));
    let mut runs: Vec<Vec<&Claim>> = Vec::new();
    let mut last = None;
    for c in dated {
        let d = cx.published(c);
        let gap = match (last, d) {
            (Some(a), Some(b)) => resolve::days_between(a, b).unwrap_or(0),
            _ => 0,
        };
        if runs.is_empty() || gap > days {
            runs.push(Vec::new());
        }
        if let Some(r) = runs.last_mut() {
            r.push(c);
        }
        last = d;
    }
    if runs.is_empty() {
        runs.push(Vec::new());
    }
    for r in &mut runs {
        r.extend(undated.iter().copied());
    }
    runs
}

// FL003 --------------------------------------------------------------------------------------

fn since_arithmetic(cx: &Cx, claims: &[Claim]) -> Out {
    let groups = group(
        claims.iter().filter(|c| {
            first_copy(c)
                && c.kind == ClaimKind::Since
                && c.since().is_some_and(|s| s.year().is_some())
        }),
        |c| Some((c.family?, c.principal)),
    );
    let mut out: Out = (Vec::new(), Vec::new());
    for g in groups {
        let (d, c) = majority_report(
            cx,
            &g,
            true,
            |a, b| a.interval() == b.interval(),
            |c| c.reading(cx.published(c)),
            |c, major| {
                format!(
                    "{} puts the previous {} in {}, other sources in {}",
                    cx.short(c),
                    c.family.as_deref().unwrap_or("event"),
                    c.value_text(),
                    major[0].value_text()
                )
            },
            |c, major| {
                let mut list: Vec<String> = Vec::new();
                let mut named: Vec<u32> = Vec::new();
                for m in major.iter() {
                    if named.len() < cx.rule.params.max_examples && !named.contains(&m.doc) {
                        named.push(m.doc);
                        list.push(format!("{} says {}", cx.short(m), m.reading(cx.published(m))));
                    }
                }
                format!("{}, but {}", c.reading(cx.published(c)), list.join("; "))
            },
        );
        out.0.extend(d);
        out.1.extend(c.into_iter().map(|mut c| {
            c.subject = Sym::new(&format!("previous {}", c.subject));
            c
        }));
    }
    out
}

// FL004 --------------------------------------------------------------------------------------

fn day_of(c: &Claim) -> Option<jiff::civil::Date> {
    let r = c.date()?.resolved?;
    r.is_day().then_some(r.start)
}

/// What a dated start or end is about: the event it names, else its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Anchor {
    Event(Sym),
    Person(Sym),
}

fn duration_vs_dates(cx: &Cx, claims: &[Claim]) -> Out {
    use crate::lang::Phase;
    let max = cx.rule.params.max_examples;
    let (span_days, slack) = (cx.rule.params.event_span_days, cx.rule.params.start_slack_days);
    // dated starts and ends, indexed by the person they are about and by the event they name
    let is_dated = |c: &Claim| first_copy(c) && c.kind == ClaimKind::Date && day_of(c).is_some();
    // a dated start or end counts for a duration of the same event concept, or, when it names no
    // event ("Kim kom til Russland tysdag"), for a duration about the same person
    let anchor = |c: &Claim| match (&c.concept, &c.principal) {
        (Some(e), _) => Some(Anchor::Event(*e)),
        (None, Some(p)) => Some(Anchor::Person(*p)),
        _ => None,
    };
    let mut by_key: Map<(Phase, Anchor), Vec<&Claim>> = Map::default();
    for c in claims.iter().filter(|c| is_dated(c)) {
        if let (Some(ph), Some(key)) = (c.phase, anchor(c)) {
            by_key.entry((ph, key)).or_default().push(c);
        }
    }
    // each key's anchors in date order, so that a duration looks only at the days near it
    for v in by_key.values_mut() {
        v.sort_by_key(|c| day_of(c));
    }
    let in_days = |k: &(Phase, Anchor),
                   lo: Option<jiff::civil::Date>,
                   hi: Option<jiff::civil::Date>|
     -> &[&Claim] {
        let Some(v) = by_key.get(k) else { return &[] };
        let (Some(lo), Some(hi)) = (lo, hi) else { return &[] };
        let a = v.partition_point(|c| day_of(c) < Some(lo));
        let b = v.partition_point(|c| day_of(c) <= Some(hi));
        &v[a..b.max(a)]
    };
    let mut out: Out = (Vec::new(), Vec::new());
    let durations = claims.iter().filter(|c| {
        first_copy(c)
            && c.bound()
            && c.kind == ClaimKind::Duration
            && c.unit == Some(TimeUnit::Day)
            && !c.approx
            && c.value >= 1.0
            && c.value < 400.0
            && c.concept.is_some()
    });
    for d in durations {
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
            continue;
        }
        // anchors, nearest first: the duration's own sentence (a date there with no phase is its
        // end: "fór heim í dag eftir sex daga heimsókn"), then its own article, then other sources
        // on the same person or event dated from 60 days before its publication to 30 after (an
        // article with no publication date uses its own dates only)
        let keys: Vec<Anchor> = [d.concept.map(Anchor::Event), d.principal.map(Anchor::Person)]
            .into_iter()
            .flatten()
            .collect();
        let (window_lo, window_hi) = (
            pubd.and_then(|p| resolve::add_days(p, -cx.rule.params.before_days)),
            pubd.and_then(|p| resolve::add_days(p, cx.rule.params.after_days)),
        );
        // the anchors of a phase; those of other sources only from the days `within` (None: the
        // latest day that has any), since a busy event or person has very many
        let find = |ph: Phase,
                    within: Option<(Option<jiff::civil::Date>, Option<jiff::civil::Date>)>|
         -> Vec<&Claim> {
            let here: Vec<&Claim> = own
                .iter()
                .copied()
                .filter(|c| c.phase == Some(ph) || (ph == Phase::End && c.phase.is_none()))
                .collect();
            if !here.is_empty() {
                return here;
            }
            let same_doc: Vec<&Claim> = keys
                .iter()
                .flat_map(|k| {
                    article
                        .iter()
                        .copied()
                        .filter(move |c| c.phase == Some(ph) && anchor(c) == Some(*k))
                })
                .collect();
            if !same_doc.is_empty() {
                return same_doc;
            }
            let (lo, hi) = match within {
                Some((lo, hi)) => (
                    window_lo.map(|w| lo.map_or(w, |l| l.max(w))),
                    window_hi.map(|w| hi.map_or(w, |h| h.min(w))),
                ),
                None => (
                    keys.iter()
                        .filter_map(|k| {
                            in_days(&(ph, *k), window_lo, window_hi).last().and_then(|c| day_of(c))
                        })
                        .max(),
                    window_hi,
                ),
            };
            keys.iter().flat_map(|k| in_days(&(ph, *k), lo, hi).iter().copied()).collect()
        };
        // a visit runs from the first arrival to the last departure; anchors more than 60 days
        // apart belong to different events
        let ends = find(Phase::End, None);
        let Some(end) = ends.iter().filter_map(|c| day_of(c)).max() else { continue };
        let starts: Vec<&Claim> =
            find(Phase::Start, Some((resolve::add_days(end, -span_days), Some(end))))
                .into_iter()
                .filter(|c| {
                    day_of(c).is_some_and(|s| {
                        s <= end && resolve::days_between(s, end).is_some_and(|x| x < span_days)
                    })
                })
                .collect();
        let Some(start) = starts.iter().filter_map(|c| day_of(c)).min() else { continue };
        let smaj: Vec<&Claim> =
            starts.iter().copied().filter(|c| day_of(c) == Some(start)).collect();
        let emaj: Vec<&Claim> = ends.iter().copied().filter(|c| day_of(c) == Some(end)).collect();
        if smaj.iter().any(|s| emaj.iter().any(|e| std::ptr::eq(*s, *e))) {
            continue;
        }
        let n = d.value as i64;
        let Some(span) = resolve::days_between(start, end).map(|x| x + 1) else { continue };
        let what = d.concept.as_deref().unwrap_or("event");
        // (the claims labelled and what each says; made only for what is kept: a label interns
        // its message)
        let said = || {
            let mut said = vec![(d, format!("{n} days"))];
            for c in emaj.iter().take(max) {
                said.push((*c, format!("{} dates the end {end}", cx.short(c))));
            }
            for c in smaj.iter().take(max) {
                said.push((*c, format!("{} dates the start {start}", cx.short(c))));
            }
            said
        };
        if span == n {
            // the count fits: any other source dating the start differently dissents
            // a misdated start is a few days off; a date weeks away is another event
            let (lo, hi) = (
                resolve::add_days(start, -slack),
                resolve::add_days(start, slack).map(|h| h.min(end)),
            );
            let mut others: Vec<&Claim> = keys
                .iter()
                .flat_map(|k| in_days(&(Phase::Start, *k), lo, hi).iter().copied())
                .collect();
            others.retain(|c| c.doc != d.doc && day_of(c) != Some(start));
            for a in others {
                let Some(day) = day_of(a) else { continue };
                out.0.push(cx.diag(subject(a),
                    format!("{} dates the start of the {what} {day}, but the {n}-day {what} ending {end} began {start}", cx.short(a)),
                    format!("counting both ends, {end} − ({n} − 1) days = {start}; {} says {n} days, ending {end}", cx.short(d)),
                    vec![cx.label(a, format!("started {day}?"), true), cx.label(d, format!("{n} days"), false), cx.label(emaj[0], format!("ended {end}"), false)],
                ));
            }
            // an article agreeing with itself is no corroboration (`rules::run` drops it)
            if emaj.iter().take(max).chain(smaj.iter().take(max)).any(|c| c.doc != d.doc) {
                out.1.push(Corroboration {
                    code: Sym::new(&cx.rule.code),
                    subject: Sym::new(&format!(
                        "{what}{}",
                        d.principal.as_deref().map(|p| format!(" by {p}")).unwrap_or_default()
                    )),
                    value: Sym::new(&format!("{start} to {end}, {n} days")),
                    sources: said().into_iter().map(|(c, m)| cx.source(c, m)).collect(),
                });
            }
            continue;
        }
        out.0.push(cx.diag(subject(d),
            format!("{} says the {what} lasted {n} days, but its dates give {span}", cx.short(d)),
            format!(
                "counting both ends, {start} to {end} is {end} − {start} + 1 = {span} days; a {n}-day {what} ending {end} would have begun {}",
                resolve::add_days(end, -(n - 1)).map(|x| x.to_string()).unwrap_or_default()
            ),
            said().into_iter().enumerate().map(|(i, (c, m))| cx.label(c, m, i == 0)).collect(),
        ));
    }
    out
}

// FL005 --------------------------------------------------------------------------------------

fn relative_vs_absolute(cx: &Cx, claims: &[Claim]) -> Out {
    let dated = claims.iter().filter(|c| {
        first_copy(c)
            && c.kind == ClaimKind::Date
            && (c.concept.is_some() || c.bound() && c.phase.is_some() && c.principal.is_some())
            && c.date().is_some_and(|d| d.resolved.is_some())
    });
    // an event's dates, or a person's arrival or departure when no event is named ("Jonas Berg kom
    // til landsins á mánudag")
    let groups = group(dated, |c| {
        Some((c.concept, c.persons, c.concept.is_none().then_some(c.principal).flatten()))
    });
    // the start and the end of an event are different dates: compare a claim with claims of the
    // same phase; a month or year with no phase ("í desember í fyrra") covers the whole event
    let coarse = |c: &Claim| {
        c.date().is_some_and(|d| matches!(d.precision, Precision::Month | Precision::Year))
    };
    let mut out: Out = (Vec::new(), Vec::new());
    // (a set of agreeing documents is keyed by its number among the sets seen)
    let mut seen: Set<(String, usize)> = Set::default();
    let mut doc_sets: Map<Vec<u32>, usize> = Map::default();
    let max = cx.rule.params.max_examples;
    for g in groups {
        let is_rel = |c: &Claim| {
            c.date().is_some_and(|d| {
                matches!(d.form, DateForm::Relative | DateForm::Weekday | DateForm::Ago)
            })
        };
        let pinned = |c: &Claim| c.date().is_some_and(|d| d.precision != Precision::Range);
        // the group indexed once (a group can be every dated claim about one event) by phase and
        // date, so each relative date looks only at the claims near it
        let is_day = |c: &Claim| c.date().is_some_and(|d| d.precision == Precision::Day);
        let phase_key = |p: Option<crate::lang::Phase>| match p {
            None => 0usize,
            Some(crate::lang::Phase::Start) => 1,
            Some(crate::lang::Phase::End) => 2,
        };
        let mut buckets: Vec<Fl005Bucket> = (0..4).map(|_| Fl005Bucket::default()).collect();
        for (pos, a) in g.iter().enumerate().filter(|(_, a)| pinned(a)) {
            let day = is_day(a);
            for b in [phase_key(a.phase), 3] {
                buckets[b].add(pos, a, day);
            }
        }
        // relative dates that resolve alike ("i fjor" in every article of one year) ask the same
        // question: the claims near a date are found once a bucket, window and date, in any
        // document; each relative date then leaves out its own document's
        let mut near_of: Map<(usize, Interval, Interval, bool), Near> = Map::default();
        for r in g.iter().copied().filter(|c| is_rel(c) && pinned(c) && c.bound()) {
            let Some(ri) = r.interval() else { continue };
            // compatible claims: the same phase, or any phase for a month or year with none
            let bi = if r.phase.is_none() && coarse(r) { 3 } else { phase_key(r.phase) };
            // the same event: dates within the window of days of a day or week ("í gær", "tysdag"),
            // within a year of a month or year ("í desember í fyrra" misplaced is a year off);
            // further away is another occurrence
            // "fyrir fjórum áratugum": misplaced by a share of its own distance
            let ago = r.date().is_some_and(|d| d.form == DateForm::Ago);
            let reach = match (ago, cx.published(r)) {
                (true, Some(p)) => resolve::days_between(ri.start, p).unwrap_or(0).abs() / 2,
                _ if coarse(r) => cx.rule.params.coarse_window_days,
                _ => cx.rule.params.window_days,
            };
            let reach = reach.max(if coarse(r) {
                cx.rule.params.coarse_window_days
            } else {
                cx.rule.params.window_days
            });
            let (Some(lo), Some(hi)) =
                (resolve::add_days(ri.start, -reach), resolve::add_days(ri.end, reach))
            else {
                continue;
            };
            let wide = Interval { start: lo, end: hi };
            // a day is checked against days when other sources give any ("í gær" against "onsdag
            // 13. september"), not merely against the year that contains both
            let days_only = is_day(r) && {
                let all = near_of
                    .entry((bi, wide, ri, false))
                    .or_insert_with(|| Near::new(&g, &buckets[bi], wide, ri, false, is_day));
                all.list.iter().any(|&p| is_day(g[p]) && g[p].doc != r.doc)
            };
            let near = near_of
                .entry((bi, wide, ri, days_only))
                .or_insert_with(|| Near::new(&g, &buckets[bi], wide, ri, days_only, is_day));
            if !near.list.iter().any(|&p| g[p].doc != r.doc) {
                continue;
            }
            let other = |p: &&usize| g[**p].doc != r.doc;
            let agree: Vec<&Claim> =
                near.agree.iter().filter(other).take(max).map(|&p| g[p]).collect();
            // any date may agree; a bound one contradicts: an absolute date, or a relative day
            // of the same event in its own clause (in another source, or elsewhere in this one:
            // "natt til onsdag" and "natt til torsdag" of one slide)
            let contradicts = |p: &&usize| {
                let a = g[**p];
                a.bound()
                    && (a.doc != r.doc || a.sentence != r.sentence && is_day(a) && is_day(r))
                    && (!is_rel(a)
                        || is_day(a)
                            && is_day(r)
                            && (a.doc == r.doc || a.phase.is_some() && a.phase == r.phase)
                            // (a pair of relative dates is reported once, from the first)
                            && (a.doc, a.start) > (r.doc, r.start))
            };
            let others: Vec<&Claim> = near
                .list
                .iter()
                .filter(|p| !near.agree.contains(p))
                .filter(contradicts)
                .take(max)
                .map(|&p| g[p])
                .collect();
            if agree.is_empty() && others.is_empty() {
                continue;
            }
            if !agree.is_empty() {
                // the sources agreeing: every document of the agreeing claims, and this one (most
                // often among them already: then the set is the look-up's, numbered once)
                let mut number = |docs: Vec<u32>| {
                    let next = doc_sets.len();
                    *doc_sets.entry(docs).or_insert(next)
                };
                let docs_id = match near.docs.binary_search(&r.doc) {
                    Ok(_) => *near.docs_id.get_or_insert_with(|| number(near.docs.clone())),
                    Err(at) => {
                        let mut docs = near.docs.clone();
                        docs.insert(at, r.doc);
                        number(docs)
                    }
                };
                let subject = if r.persons.is_empty() {
                    r.concept.map(|x| x.to_string()).unwrap_or_default()
                } else {
                    format!(
                        "{} of {}",
                        r.concept.as_deref().unwrap_or("event"),
                        r.persons.iter().collect::<Vec<_>>().join(" and ")
                    )
                };
                if !seen.insert((subject.clone(), docs_id)) {
                    continue;
                }
                let mut sources = vec![cx.source(r, rel_text(cx, r, ri))];
                sources.extend(agree.iter().map(|a| cx.source(a, a.value_text())));
                out.1.push(Corroboration {
                    code: Sym::new(&cx.rule.code),
                    subject: Sym::new(&subject),
                    value: Sym::new(&ri.to_string()),
                    sources: sources.into(),
                });
                continue;
            }
            let shown: Vec<String> =
                others.iter().map(|a| format!("{} says {}", cx.short(a), a.value_text())).collect();
            let mut labels = vec![cx.label(r, rel_text(cx, r, ri), true)];
            labels.extend(
                others.iter().map(|a| {
                    cx.label(a, format!("{} says {}", cx.short(a), a.value_text()), false)
                }),
            );
            out.0.push(cx.diag(
                subject(r),
                format!(
                    "“{}” in {} points to {}, which other sources contradict",
                    r.text,
                    cx.short(r),
                    ri
                ),
                format!("{}, but {}", rel_text(cx, r, ri), shown.join("; ")),
                labels,
            ));
        }
    }
    out
}

/// The claims of an FL005 bucket near a relative date, in every document (group order): within
/// the window `wide` (only day-precise ones when `days_only`), those of them that overlap the
/// date itself with their documents, and the absolute ones.
struct Near {
    list: Vec<usize>,
    agree: Vec<usize>,
    docs: Vec<u32>,
    /// the number of `docs` among the agreeing sets, once asked for
    docs_id: Option<usize>,
}

impl Near {
    fn new(
        g: &[&Claim],
        bucket: &Fl005Bucket,
        wide: Interval,
        ri: Interval,
        days_only: bool,
        is_day: impl Fn(&Claim) -> bool,
    ) -> Near {
        let mut list: Vec<usize> = bucket
            .overlapping(&wide)
            .into_iter()
            .filter(|&p| {
                g[p].interval().is_some_and(|ai| ai.overlaps(&wide)) && (!days_only || is_day(g[p]))
            })
            .collect();
        list.sort_unstable();
        let agree: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&p| g[p].interval().is_some_and(|ai| ai.overlaps(&ri)))
            .collect();
        let mut docs: Vec<u32> = agree.iter().map(|&p| g[p].doc).collect();
        docs.sort_unstable();
        docs.dedup();
        Near { list, agree, docs, docs_id: None }
    }
}

/// Claims of one FL005 group and phase by first date (day-precise and coarser apart, each with
/// its longest span), for overlap queries.
#[derive(Default)]
struct Fl005Bucket {
    /// (day-precise?) → (longest span in days, first date → positions in the group)
    by_start: [(i64, std::collections::BTreeMap<jiff::civil::Date, Vec<usize>>); 2],
}

impl Fl005Bucket {
    fn add(&mut self, pos: usize, c: &Claim, day: bool) {
        if let Some(i) = c.interval() {
            let k = usize::from(day);
            let span = resolve::days_between(i.start, i.end).unwrap_or(0).abs();
            self.by_start[k].0 = self.by_start[k].0.max(span);
            self.by_start[k].1.entry(i.start).or_default().push(pos);
        }
    }

    /// Positions of claims whose first date could put them over `ri`, in no particular order;
    /// the caller checks the overlap.
    fn overlapping(&self, ri: &Interval) -> Vec<usize> {
        let mut out = Vec::new();
        for (span, map) in &self.by_start {
            let from = resolve::add_days(ri.start, -span).unwrap_or(jiff::civil::Date::MIN);
            for (_, ps) in map.range(from..=ri.end) {
                out.extend(ps.iter().copied());
            }
        }
        out
    }
}

fn rel_text(cx: &Cx, c: &Claim, ri: Interval) -> String {
    match cx.published(c) {
        Some(p) => format!("“{}” written {p} = {ri}", c.text),
        None => format!("“{}” = {ri}", c.text),
    }
}

// FL006 --------------------------------------------------------------------------------------

const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn weekday_mismatch(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date) {
        let Some(info) = c.date() else { continue };
        let (Some(wd), Some(r)) = (info.weekday, info.resolved) else { continue };
        if info.form == DateForm::Weekday || !r.is_day() {
            continue;
        }
        let actual = r.start.weekday().to_monday_one_offset() as u8;
        if actual != wd {
            let name = |d: u8| WEEKDAYS.get(d.saturating_sub(1) as usize).copied().unwrap_or("?");
            out.push(cx.diag(
                subject(c),
                format!("{} was a {}, not a {}", r.start, name(actual), name(wd)),
                format!(
                    "the calendar puts {} on a {}; either the weekday or the date is wrong",
                    r.start,
                    name(actual)
                ),
                vec![cx.label(c, format!("{} ≠ {}", name(wd), name(actual)), true)],
            ));
        }
    }
    out
}

// FL007 --------------------------------------------------------------------------------------

fn past_event_after_publication(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date && !c.future) {
        let Some(info) = c.date() else { continue };
        if info.form != DateForm::Absolute
            || !matches!(info.precision, Precision::Day | Precision::Month)
        {
            continue;
        }
        let (Some(r), Some(p)) = (info.resolved, cx.published(c)) else { continue };
        if r.start > p {
            out.push(cx.diag(subject(c),
                format!("{} dates an event {} after its own publication ({p})", cx.short(c), r),
                format!("{} > {p} and the sentence has no future marker; a past event cannot be dated after publication", r.start),
                vec![cx.label(c, format!("{r} is after {p}"), true)],
            ));
        }
    }
    out
}

// FL008 --------------------------------------------------------------------------------------

fn duplicate_variant(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (c, t) in claims.iter().filter_map(|c| Some((c, c.twin_of()?))) {
        // (the last claim at that position, should two share one)
        let Some(orig) =
            of_doc(claims, c.doc).iter().rev().find(|o| (o.sentence, o.ordinal) == (t, c.ordinal))
        else {
            continue;
        };
        if orig.value_text() != c.value_text() || orig.kind != c.kind {
            out.push(cx.diag(subject(c),
                format!("a repeated paragraph in {} differs: {} here, {} in the first copy", cx.short(c), c.value_text(), orig.value_text()),
                "the page carries the same passage twice with different numbers; one copy was edited and the other was not".into(),
                vec![cx.label(c, format!("second copy: {}", c.text), true), cx.label(orig, format!("first copy: {}", orig.text), false)],
            ));
        }
    }
    out
}

// FL009 --------------------------------------------------------------------------------------

/// Two times of day agree: their intervals meet, in UTC when both are placed there (a zone named
/// or the outlet's), else by their clocks; a rounding word ("um", "around", "i 17-tida") widens a
/// time by the tolerance in minutes; a 12-hour clock ("klukkan sjö") may be twelve hours later.
pub(crate) fn same_time(a: &Claim, b: &Claim, tolerance: i32) -> bool {
    let (Some(ta), Some(tb)) = (a.time(), b.time()) else { return false };
    // a rounding word before a time given to the minute ("um kl. 16:40") allows a few minutes; before
    // a whole or half hour ("um klukkan sjö", "i 17-tida") the tolerance
    let slack = |c: &Claim| match c.time() {
        Some(t) if c.approx && t.from % 30 != 0 => tolerance.min(5),
        _ if c.approx => tolerance,
        _ => 0,
    };
    let span = |c: &Claim, t: &crate::claims::TimeInfo, utc: bool| -> (i32, i32) {
        let (lo, hi) = match (utc, t.utc_span()) {
            (true, Some((lo, hi))) => (lo, hi),
            _ => (i32::from(t.from), i32::from(t.to)),
        };
        (lo - slack(c), hi + slack(c))
    };
    // (by the time of day in UTC: a report's day is often only its publication day)
    let utc = ta.utc.is_some() && tb.utc.is_some();
    let day_of = |x: (i32, i32)| {
        if utc {
            (x.0.rem_euclid(1440), x.0.rem_euclid(1440) + x.1 - x.0)
        } else {
            x
        }
    };
    let (a0, b0) = (day_of(span(a, ta, utc)), day_of(span(b, tb, utc)));
    let shifts = |t: &crate::claims::TimeInfo| if t.half_day() { vec![0, 720] } else { vec![0] };
    let day = 1440;
    shifts(ta).iter().any(|&sa| {
        shifts(tb).iter().any(|&sb| {
            let (al, ah) = (a0.0 + sa, a0.1 + sa);
            let (bl, bh) = (b0.0 + sb, b0.1 + sb);
            // (on a clock, 23:50 and 00:05 meet across midnight)
            [0, day, -day].iter().any(|&d| al <= bh + d && bl + d <= ah)
        })
    })
}

/// A time's first minute in UTC, as "15:40 UTC".
fn utc_clock(c: &Claim) -> Option<String> {
    let m = c.time()?.utc?.get();
    Some(format!("{:02}:{:02} UTC", m.rem_euclid(1440) / 60, m.rem_euclid(60)))
}

fn time_mismatch(cx: &Cx, claims: &[Claim]) -> Out {
    let p = &cx.rule.params;
    let tolerance = (p.tolerance_minutes).max(0) as i32;
    let groups = group(
        claims.iter().filter(|c| {
            // (an hour's span, "á fimmta tímanum", agrees with any time in it: not voted, or it
            // would join two times that disagree into one class)
            c.kind == ClaimKind::Time
                && c.bound()
                && first_copy(c)
                && c.concept.is_some()
                && c.time().is_some_and(|t| t.to - t.from < 30)
        }),
        // a time with no start or end word ("occurred at", "fell at") times the event's start
        |c| Some((c.concept, c.phase == Some(crate::lang::Phase::End))),
    );
    let mut out: Out = (Vec::new(), Vec::new());
    // a time as written, and in UTC when it was read in another zone
    let shown = |c: &Claim| match utc_clock(c) {
        Some(u) if c.time().is_some_and(|t| t.zone.is_some_and(|z| &*z != "UTC")) => {
            format!("{} = {u}", c.value_text())
        }
        _ => c.value_text(),
    };
    let what = |c: &Claim| {
        let ev = c.concept.as_deref().unwrap_or("event").to_string();
        match c.phase {
            Some(crate::lang::Phase::Start) => format!("the start of the {ev}"),
            Some(crate::lang::Phase::End) => format!("the end of the {ev}"),
            None => format!("the {ev}"),
        }
    };
    // reports published within a day of each other speak of the same occurrence
    let groups: Vec<Vec<&Claim>> =
        groups.into_iter().flat_map(|g| time_windows(cx, &g, 1)).collect();
    for mut g in groups {
        // a rounded time ("omkring kl. 17.30") that a precise one of the group allows takes no
        // side: it would join, and weigh, whichever class it met first
        let precise: Vec<&Claim> = g.iter().copied().filter(|c| !c.approx).collect();
        g.retain(|c| !c.approx || !precise.iter().any(|p| same_time(p, c, tolerance)));
        // three times or more, none given by two sources: the event is not one moment (the first
        // and the second alarm, the slide and the police's message): no verdict
        let cls = classes(cx, &g, |a, b| same_time(a, b, tolerance));
        if cls.len() >= 3 && doc_count(&cls[0]) < 2 {
            continue;
        }
        let (d, c) = majority_report(
            cx,
            &g,
            true,
            |a, b| same_time(a, b, tolerance),
            |c| c.value_text(),
            |c, major| {
                // (in UTC where both are placed there: one clock for every zone)
                let utc = |x: &Claim| match utc_clock(x) {
                    Some(u) if c.time().and_then(|t| t.utc).is_some() => {
                        format!("{}{u}", if x.approx { "~" } else { "" })
                    }
                    _ => x.value_text(),
                };
                format!(
                    "{} times {} at {}, other sources at {}",
                    cx.short(c),
                    what(c),
                    utc(c),
                    utc(major[0])
                )
            },
            |c, major| {
                let m = major[0];
                let apart = match (c.time().and_then(|t| t.utc), m.time().and_then(|t| t.utc)) {
                    (Some(a), Some(b)) => {
                        let d = (a.get() - b.get()).rem_euclid(1440);
                        let d = d.min(1440 - d);
                        format!(": {d} minute{} apart", if d == 1 { "" } else { "s" })
                    }
                    _ => String::new(),
                };
                format!(
                    "{} say{} {}; {} says {}{apart}{}",
                    sources_phrase(cx, major),
                    if doc_count(major) == 1 { "s" } else { "" },
                    shown(m),
                    cx.short(c),
                    shown(c),
                    if c.approx || m.approx {
                        format!(" (a rounding word allows ±{tolerance} minutes)")
                    } else {
                        String::new()
                    }
                )
            },
        );
        out.0.extend(d);
        out.1.extend(c);
    }
    out
}
