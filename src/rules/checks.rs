//! The built-in checks. Each is a short function from claims to diagnostics (and corroborations).

use std::collections::HashMap;

use crate::claims::{fmt_num, Claim, ClaimKind, DateForm, Interval, Precision, SinceForm};
use crate::extract::resolve;
use crate::lang::TimeUnit;
use crate::report::{Corroboration, Diagnostic, DocMeta, Label};

use super::{Check, Rule};

type Out = (Vec<Diagnostic>, Vec<Corroboration>);

pub fn run(rule: &Rule, docs: &[DocMeta], claims: &[Claim]) -> Out {
    let cx = Cx { rule, docs };
    match rule.check {
        Check::PartExceedsWhole => (part_exceeds_whole(&cx, claims), Vec::new()),
        Check::ValueMismatch => value_mismatch(&cx, claims),
        Check::SinceArithmetic => since_arithmetic(&cx, claims),
        Check::DurationVsDates => duration_vs_dates(&cx, claims),
        Check::RelativeVsAbsolute => relative_vs_absolute(&cx, claims),
        Check::WeekdayMismatch => (weekday_mismatch(&cx, claims), Vec::new()),
        Check::PastEventAfterPublication => (past_event_after_publication(&cx, claims), Vec::new()),
        Check::DuplicateVariant => (duplicate_variant(&cx, claims), Vec::new()),
    }
}

struct Cx<'r> {
    rule: &'r Rule,
    docs: &'r [DocMeta],
}

impl Cx<'_> {
    fn diag(&self, message: String, help: String, labels: Vec<Label>) -> Diagnostic {
        Diagnostic {
            code: self.rule.code.clone(),
            rule: self.rule.name.clone(),
            severity: self.rule.severity,
            message,
            help,
            labels,
        }
    }
    fn label(&self, c: &Claim, message: String, primary: bool) -> Label {
        Label::of(c, self.docs, message, primary)
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
    let mut s = c.concept.clone().or_else(|| c.noun.clone()).unwrap_or_else(|| "thing".into());
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
fn classes<'c>(cx: &Cx, members: &[&'c Claim], same: impl Fn(&Claim, &Claim) -> bool) -> Vec<Vec<&'c Claim>> {
    let mut out: Vec<Vec<&Claim>> = Vec::new();
    for &c in members {
        match out.iter_mut().find(|cl| same(cl[0], c)) {
            Some(cl) => cl.push(c),
            None => out.push(vec![c]),
        }
    }
    let ndocs = |cl: &Vec<&Claim>| {
        let mut d: Vec<u32> = cl.iter().map(|c| c.doc).collect();
        d.sort_unstable();
        d.dedup();
        d.len()
    };
    let first_pub = |cl: &Vec<&Claim>| cl.iter().map(|c| (cx.published(c), c.doc)).min();
    out.sort_by(|a, b| ndocs(b).cmp(&ndocs(a)).then_with(|| first_pub(a).cmp(&first_pub(b))));
    out
}

fn doc_count(cl: &[&Claim]) -> usize {
    let mut d: Vec<u32> = cl.iter().map(|c| c.doc).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

/// Group claims by a key, in first-seen order (deterministic).
fn group<'c, K: std::hash::Hash + Eq>(claims: impl Iterator<Item = &'c Claim>, key: impl Fn(&Claim) -> Option<K>) -> Vec<Vec<&'c Claim>> {
    let mut index: HashMap<K, usize> = HashMap::new();
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

/// Report each claim outside the majority class (whose document does not also state the
/// majority value), and the majority as a corroboration when two or more sources share it.
fn majority_report(
    cx: &Cx,
    group: &[&Claim],
    same: impl Fn(&Claim, &Claim) -> bool,
    show: impl Fn(&Claim) -> String,
    message: impl Fn(&Claim, &[&Claim]) -> String,
    help: impl Fn(&Claim, &[&Claim]) -> String,
) -> Out {
    let mut diags = Vec::new();
    let mut corr = Vec::new();
    if doc_count(group) < 2 {
        return (diags, corr);
    }
    let cls = classes(cx, group, &same);
    let major = &cls[0];
    if doc_count(major) >= 2 {
        let mut sources: Vec<Label> = Vec::new();
        for c in major {
            if !sources.iter().any(|l| l.doc == c.doc) {
                sources.push(cx.label(c, show(c), false));
            }
        }
        corr.push(Corroboration { code: cx.rule.code.clone(), subject: subject(major[0]), value: show(major[0]), sources });
    }
    let major_docs: Vec<u32> = major.iter().map(|c| c.doc).collect();
    for cl in &cls[1..] {
        for &c in cl {
            if major_docs.contains(&c.doc) {
                continue;
            }
            let mut labels = vec![cx.label(c, format!("this source: {}", show(c)), true)];
            let mut named: Vec<u32> = Vec::new();
            for m in major.iter() {
                if named.len() >= cx.rule.params.max_examples || named.contains(&m.doc) {
                    continue;
                }
                named.push(m.doc);
                labels.push(cx.label(m, format!("{} says {}", cx.short(m), show(m)), false));
            }
            diags.push(cx.diag(message(c, major), help(c, major), labels));
        }
    }
    (diags, corr)
}

fn sources_phrase(cx: &Cx, major: &[&Claim]) -> String {
    let mut names: Vec<String> = Vec::new();
    for m in major {
        let n = cx.short(m);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let total = names.len();
    let shown = cx.rule.params.max_examples.max(1);
    let mut s = names.iter().take(shown).cloned().collect::<Vec<_>>().join(", ");
    if total > shown {
        s.push_str(&format!(" and {} more", total - shown));
    }
    format!("{total} source{} ({s})", if total == 1 { "" } else { "s" })
}

// FL001 --------------------------------------------------------------------------------------

fn part_exceeds_whole(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    claims
        .iter()
        .filter(|c| c.kind == ClaimKind::PartOfWhole && c.whole.is_some_and(|w| c.value > w))
        .map(|c| {
            let w = c.whole.unwrap_or(0.0);
            cx.diag(
                format!("part is larger than the whole: {} of {}", fmt_num(c.value), fmt_num(w)),
                format!("{} > {}: a part of a whole cannot exceed it; one of the two numbers is wrong", fmt_num(c.value), fmt_num(w)),
                vec![cx.label(c, format!("{} of {}", fmt_num(c.value), fmt_num(w)), true)],
            )
        })
        .collect()
}

// FL002 --------------------------------------------------------------------------------------

fn close(a: f64, b: f64, approx: bool, tol: f64) -> bool {
    if a == b {
        return true;
    }
    approx && (a - b).abs() <= tol * a.abs().max(b.abs())
}

fn value_mismatch(cx: &Cx, claims: &[Claim]) -> Out {
    let p = &cx.rule.params;
    let groups = group(claims.iter().filter(|c| p.kinds.iter().any(|n| n == c.kind.name()) && c.concept.is_some()), |c| {
        Some((c.kind, c.concept.clone(), c.qualifier.clone(), c.unit, c.principal.clone()))
    });
    let mut out: Out = (Vec::new(), Vec::new());
    for g in groups {
        for window in time_windows(cx, &g, p.window_days) {
            let same = |a: &Claim, b: &Claim| close(a.value, b.value, a.approx || b.approx, p.tolerance) && a.whole == b.whole;
            let (d, c) = majority_report(
                cx,
                &window,
                same,
                |c| c.value_text(),
                |c, _| format!("{} says {} for {}, other sources disagree", cx.short(c), c.value_text(), subject(c)),
                |c, major| {
                    format!(
                        "{} say{} {}; this source says {}{}",
                        sources_phrase(cx, major),
                        if doc_count(major) == 1 { "s" } else { "" },
                        major[0].value_text(),
                        c.value_text(),
                        if c.approx || major[0].approx { format!(" (rounding words allow ±{}%)", (p.tolerance * 100.0).round()) } else { String::new() }
                    )
                },
            );
            out.0.extend(d);
            out.1.extend(c);
        }
    }
    out
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

fn since_text(cx: &Cx, c: &Claim) -> String {
    let Some(s) = &c.since else { return c.value_text() };
    match (s.form, s.year, s.years, cx.published(c)) {
        (SinceForm::FirstInYears, Some(y), Some(n), Some(p)) => format!("{} − {} = {}", p.year(), fmt_num(n), y),
        (SinceForm::SinceYear, Some(y), _, _) => format!("since {y}"),
        (SinceForm::LastInYear, Some(y), _, _) => format!("last in {y}"),
        _ => c.value_text(),
    }
}

fn since_arithmetic(cx: &Cx, claims: &[Claim]) -> Out {
    let groups = group(claims.iter().filter(|c| c.kind == ClaimKind::Since && c.since.as_ref().is_some_and(|s| s.year.is_some())), |c| {
        Some((c.family.clone()?, c.principal.clone()?))
    });
    let mut out: Out = (Vec::new(), Vec::new());
    for g in groups {
        let (d, c) = majority_report(
            cx,
            &g,
            |a, b| a.interval() == b.interval(),
            |c| since_text(cx, c),
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
                let list: Vec<String> = major.iter().take(cx.rule.params.max_examples).map(|m| format!("{} says {}", cx.short(m), since_text(cx, m))).collect();
                format!("{}, but {}", since_text(cx, c), list.join("; "))
            },
        );
        out.0.extend(d);
        out.1.extend(c.into_iter().map(|mut c| {
            c.subject = format!("previous {}", c.subject);
            c
        }));
    }
    out
}

// FL004 --------------------------------------------------------------------------------------

fn day_of(c: &Claim) -> Option<jiff::civil::Date> {
    let r = c.date.as_ref()?.resolved?;
    r.is_day().then_some(r.start)
}

fn duration_vs_dates(cx: &Cx, claims: &[Claim]) -> Out {
    let p = &cx.rule.params;
    let is = |c: &Claim, list: &[String]| c.concept.as_ref().is_some_and(|x| list.contains(x));
    // start dates (arrivals) and end dates (departures) by person
    let mut starts: HashMap<&str, Vec<&Claim>> = HashMap::new();
    let mut ends: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date && day_of(c).is_some()) {
        if let Some(pr) = c.principal.as_deref() {
            if is(c, &p.start_concepts) {
                starts.entry(pr).or_default().push(c);
            }
            if is(c, &p.end_concepts) {
                ends.entry(pr).or_default().push(c);
            }
        }
    }
    // a date in the duration's own sentence is its end
    let mut by_sentence: HashMap<(u32, u32), Vec<&Claim>> = HashMap::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date && day_of(c).is_some()) {
        by_sentence.entry((c.doc, c.sentence)).or_default().push(c);
    }
    let mut out: Out = (Vec::new(), Vec::new());
    for d in claims.iter().filter(|c| c.kind == ClaimKind::Duration && c.unit == Some(TimeUnit::Day) && !c.approx && c.value >= 1.0 && c.value < 400.0) {
        let Some(pr) = d.principal.as_deref() else { continue };
        if d.family.as_deref() != Some("travel") {
            continue;
        }
        let end_claim = by_sentence
            .get(&(d.doc, d.sentence))
            .and_then(|v| v.iter().find(|c| !is(c, &p.start_concepts)).copied())
            .or_else(|| ends.get(pr).and_then(|v| v.first().copied()));
        let Some(end_claim) = end_claim else { continue };
        let Some(end) = day_of(end_claim) else { continue };
        let n = d.value as i64;
        let Some(expected) = resolve::add_days(end, -(n - 1)) else { continue };
        let Some(arrivals) = starts.get(pr) else { continue };
        let arrivals: Vec<&Claim> = arrivals.iter().copied().filter(|a| a.doc != d.doc || a.sentence != d.sentence).collect();
        if arrivals.is_empty() {
            continue;
        }
        let cls = classes(cx, &arrivals, |a, b| day_of(a) == day_of(b));
        let major = &cls[0];
        let Some(start) = day_of(major[0]) else { continue };
        let counting = format!(
            "a {n}-day {} ending {end} began {expected} (counting both ends: {end} − ({n} − 1) days)",
            d.concept.as_deref().unwrap_or("event")
        );
        let mut labels = vec![cx.label(d, format!("{n} days"), true)];
        if end_claim.doc != d.doc || end_claim.sentence != d.sentence {
            labels.push(cx.label(end_claim, format!("{} says it ended {end}", cx.short(end_claim)), false));
        } else if end_claim.start != d.start {
            labels.push(cx.label(end_claim, format!("ends {end}"), false));
        }
        if start == expected {
            let mut sources = vec![cx.label(d, format!("{n} days ending {end}"), false)];
            sources.extend(major.iter().take(p.max_examples).map(|a| cx.label(a, format!("began {start}"), false)));
            out.1.push(Corroboration { code: cx.rule.code.clone(), subject: format!("{} by {pr}", d.concept.as_deref().unwrap_or("event")), value: format!("{start} to {end}"), sources });
            continue;
        }
        for a in major.iter().take(p.max_examples) {
            labels.push(cx.label(a, format!("{} says it began {start}", cx.short(a)), false));
        }
        out.0.push(cx.diag(
            format!("{} says {n} days, but the dates give {} days", cx.short(d), resolve::days_between(start, end).map(|x| x + 1).unwrap_or(0)),
            format!("{counting}, but {} say{} it began {start}", sources_phrase(cx, major), if doc_count(major) == 1 { "s" } else { "" }),
            labels,
        ));
    }
    out
}

// FL005 --------------------------------------------------------------------------------------

fn relative_vs_absolute(cx: &Cx, claims: &[Claim]) -> Out {
    let dated = claims.iter().filter(|c| c.kind == ClaimKind::Date && c.concept.is_some() && c.date.as_ref().is_some_and(|d| d.resolved.is_some()));
    let groups = group(dated, |c| {
        if c.persons.is_empty() {
            return None;
        }
        Some((c.concept.clone(), c.persons.clone()))
    });
    let mut out: Out = (Vec::new(), Vec::new());
    let mut seen: Vec<(String, Vec<u32>)> = Vec::new();
    let max = cx.rule.params.max_examples;
    for g in groups {
        let is_rel = |c: &Claim| c.date.as_ref().is_some_and(|d| matches!(d.form, DateForm::Relative | DateForm::Weekday));
        let pinned = |c: &Claim| c.date.as_ref().is_some_and(|d| d.precision != Precision::Range);
        for r in g.iter().copied().filter(|c| is_rel(c) && pinned(c)) {
            let Some(ri) = r.interval() else { continue };
            let others: Vec<&Claim> = g.iter().copied().filter(|a| a.doc != r.doc && pinned(a)).collect();
            if others.is_empty() {
                continue;
            }
            let agree: Vec<&Claim> = others.iter().copied().filter(|a| a.interval().is_some_and(|ai| ai.overlaps(&ri))).collect();
            if !agree.is_empty() {
                let mut docs: Vec<u32> = agree.iter().map(|a| a.doc).chain([r.doc]).collect();
                docs.sort_unstable();
                docs.dedup();
                let subject = format!("{} of {}", r.concept.as_deref().unwrap_or("event"), r.persons.join(" and "));
                if seen.iter().any(|(s, d)| *s == subject && *d == docs) {
                    continue;
                }
                seen.push((subject.clone(), docs));
                let mut sources = vec![cx.label(r, rel_text(cx, r, ri), false)];
                sources.extend(agree.iter().take(max).map(|a| cx.label(a, a.value_text(), false)));
                out.1.push(Corroboration { code: cx.rule.code.clone(), subject, value: ri.to_string(), sources });
                continue;
            }
            let shown: Vec<String> = others.iter().take(max).map(|a| format!("{} says {}", cx.short(a), a.value_text())).collect();
            let mut labels = vec![cx.label(r, rel_text(cx, r, ri), true)];
            labels.extend(others.iter().take(max).map(|a| cx.label(a, format!("{} says {}", cx.short(a), a.value_text()), false)));
            out.0.push(cx.diag(
                format!("“{}” in {} points to {}, which other sources contradict", r.text, cx.short(r), ri),
                format!("{}, but {}", rel_text(cx, r, ri), shown.join("; ")),
                labels,
            ));
        }
    }
    out
}

fn rel_text(cx: &Cx, c: &Claim, ri: Interval) -> String {
    match cx.published(c) {
        Some(p) => format!("“{}” written {p} = {ri}", c.text),
        None => format!("“{}” = {ri}", c.text),
    }
}

// FL006 --------------------------------------------------------------------------------------

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn weekday_mismatch(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date) {
        let Some(info) = &c.date else { continue };
        let (Some(wd), Some(r)) = (info.weekday, info.resolved) else { continue };
        if info.form == DateForm::Weekday || !r.is_day() {
            continue;
        }
        let actual = r.start.weekday().to_monday_one_offset() as u8;
        if actual != wd {
            let name = |d: u8| WEEKDAYS.get(d.saturating_sub(1) as usize).copied().unwrap_or("?");
            out.push(cx.diag(
                format!("{} was a {}, not a {}", r.start, name(actual), name(wd)),
                format!("the calendar puts {} on a {}; either the weekday or the date is wrong", r.start, name(actual)),
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
        let Some(info) = &c.date else { continue };
        if info.form != DateForm::Absolute || !matches!(info.precision, Precision::Day | Precision::Month) {
            continue;
        }
        let (Some(r), Some(p)) = (info.resolved, cx.published(c)) else { continue };
        if r.start > p {
            out.push(cx.diag(
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
    let mut by_pos: HashMap<(u32, u32, u16), &Claim> = HashMap::new();
    for c in claims {
        by_pos.insert((c.doc, c.sentence, c.ordinal), c);
    }
    let mut out = Vec::new();
    for c in claims.iter().filter(|c| c.twin_of.is_some()) {
        let Some(t) = c.twin_of else { continue };
        let Some(orig) = by_pos.get(&(c.doc, t, c.ordinal)) else { continue };
        if orig.value_text() != c.value_text() || orig.kind != c.kind {
            out.push(cx.diag(
                format!("a repeated paragraph in {} differs: {} here, {} in the first copy", cx.short(c), c.value_text(), orig.value_text()),
                "the page carries the same passage twice with different numbers; one copy was edited and the other was not".into(),
                vec![cx.label(c, format!("second copy: {}", c.text), true), cx.label(orig, format!("first copy: {}", orig.text), false)],
            ));
        }
    }
    out
}
