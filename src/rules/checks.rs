//! The built-in checks. Each is a short function from claims to diagnostics (and corroborations).

use crate::lang::{Map, Set};

use crate::calendar as resolve;
use crate::claims::{fmt_num, Claim, ClaimKind, DateForm, DocId, Precision, Sym};
use crate::diagnostic::{Corroboration, Diagnostic, DocMeta, Label, Source};
use crate::lang::TimeUnit;

use super::{Check, Rule};

#[path = "fl009.rs"]
mod fl009;
pub(crate) use fl009::{same_time, time_key};

type Out = (Vec<Diagnostic>, Vec<Corroboration>);

/// Run one rule; `voices` gives each document's voice (`corpus::wire::voices`: copies of one
/// text are one), by which majorities are counted.
pub(crate) fn run(rule: &Rule, docs: &[DocMeta], voices: &[u32], claims: &[Claim]) -> Out {
    let cx = Cx { rule, docs, voices };
    match rule.check {
        Check::PartExceedsWhole => (part_exceeds_whole(&cx, claims), Vec::new()),
        Check::ValueMismatch => value_mismatch(&cx, claims),
        Check::SinceArithmetic => since_arithmetic(&cx, claims),
        Check::DurationVsDates => fl004::duration_vs_dates(&cx, claims),
        Check::RelativeVsAbsolute => fl005::relative_vs_absolute(&cx, claims),
        Check::WeekdayMismatch => (weekday_mismatch(&cx, claims), Vec::new()),
        Check::PastEventAfterPublication => (past_event_after_publication(&cx, claims), Vec::new()),
        Check::DuplicateVariant => (duplicate_variant(&cx, claims), Vec::new()),
        Check::TimeMismatch => fl009::time_mismatch(&cx, claims),
    }
}

struct Cx<'r> {
    rule: &'r Rule,
    docs: &'r [DocMeta],
    voices: &'r [u32],
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
    /// A corroboration's source: `c` is one of the rule's claims, named by the index it carries
    /// (its place in the list `rules::run` was given, which numbers them).
    fn source(&self, c: &Claim, message: String) -> Source {
        Source { claim: c.idx(), message: Sym::new(&message) }
    }
    fn short(&self, c: &Claim) -> String {
        self.docs.get(c.doc.index()).map(DocMeta::short).unwrap_or_default()
    }
    fn published(&self, c: &Claim) -> Option<jiff::civil::Date> {
        self.docs.get(c.doc.index()).and_then(|d| d.published)
    }
}

/// "drone (shahed)", "visit by kim": the key the checks name a claim's subject by (the HTML
/// report summarises the claims no rule labelled by it)
pub(crate) fn subject(c: &Claim) -> String {
    // (a generic noun with a role counts the role, its concept kept as the family: "person
    // lives", as a specific noun reads "passenger aboard")
    let generic =
        c.family.filter(|f| c.role.is_some() && c.concept == c.role && Some(*f) != c.role);
    let mut s =
        generic.or(c.concept).or(c.noun).map_or_else(|| "thing".to_string(), |x| x.to_string());
    // what is said of it, when that is not the thing itself ("passenger aboard")
    if let Some(r) = c.role.filter(|r| Some(*r) != c.concept || generic.is_some()) {
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
        .map(|cl| ((std::cmp::Reverse(voice_count(cx, &cl)), first_pub(&cl)), cl))
        .collect();
    keyed.sort_by_key(|k| k.0);
    keyed.into_iter().map(|(_, cl)| cl).collect()
}

/// The number of voices among the documents of `cl`: copies of one text count once.
fn voice_count(cx: &Cx, cl: &[&Claim]) -> usize {
    let mut d: Vec<DocId> =
        cl.iter().map(|c| cx.voices.get(c.doc.index()).map_or(c.doc, |&v| DocId(v))).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

fn doc_count(cl: &[&Claim]) -> usize {
    let mut d: Vec<DocId> = cl.iter().map(|c| c.doc).collect();
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
fn of_doc(claims: &[Claim], doc: DocId) -> &[Claim] {
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
    let major_n = voice_count(cx, major);
    if major_n >= 2 {
        corr.push(majority_corroboration(cx, major, &show));
    }
    let major_docs: Set<DocId> = major.iter().map(|c| c.doc).collect();
    for cl in &cls[1..] {
        let cl_n = voice_count(cx, cl);
        for &c in cl {
            // a document stating both values: a contradiction inside it (reported when asked for)
            if major_docs.contains(&c.doc) && !same_doc_dissent {
                continue;
            }
            // a rounded value that the majority's allows is no dissent, whichever class it joined
            if same(major[0], c) {
                continue;
            }
            let labels = dissent_labels(cx, c, major, &show);
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

/// The majority's sources, one claim a document, as a corroboration.
fn majority_corroboration(
    cx: &Cx,
    major: &[&Claim],
    show: impl Fn(&Claim) -> String,
) -> Corroboration {
    let mut sources: Vec<Source> = Vec::new();
    let mut seen: Set<DocId> = Set::default();
    for c in major {
        if seen.insert(c.doc) {
            sources.push(cx.source(c, show(c)));
        }
    }
    Corroboration {
        code: Sym::new(&cx.rule.code),
        subject: Sym::new(&subject(major[0])),
        value: Sym::new(&show(major[0])),
        sources: sources.into(),
    }
}

/// A dissenting claim's labels: itself, then the majority's first documents.
fn dissent_labels(
    cx: &Cx,
    c: &Claim,
    major: &[&Claim],
    show: impl Fn(&Claim) -> String,
) -> Vec<Label> {
    let mut labels = vec![cx.label(c, format!("this source: {}", show(c)), true)];
    // one label a voice: a copy of a text already shown adds nothing (its outlet is still named
    // in the help)
    let voice = |d: DocId| cx.voices.get(d.index()).map_or(d, |&v| DocId(v));
    let mut named: Vec<DocId> = Vec::new();
    for m in major.iter() {
        if named.len() >= cx.rule.params.max_examples {
            break;
        }
        if named.contains(&voice(m.doc)) {
            continue;
        }
        named.push(voice(m.doc));
        labels.push(cx.label(m, format!("{} says {}", cx.short(m), show(m)), false));
    }
    labels
}

fn sources_phrase(cx: &Cx, major: &[&Claim]) -> String {
    let shown = cx.rule.params.max_examples.max(1);
    let mut seen: Set<DocId> = Set::default();
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
    let voices = voice_count(cx, major);
    if voices < total {
        s.push_str(&format!("; copies of one text counted once: {voices} independent"));
    }
    format!("{total} source{} ({s})", if total == 1 { "" } else { "s" })
}

// FL001 --------------------------------------------------------------------------------------

fn part_exceeds_whole(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    claims
        .iter()
        .filter_map(|c| {
            let w = c.whole().filter(|&w| c.kind == ClaimKind::PartOfWhole && c.value > w)?;
            let mut labels =
                vec![cx.label(c, format!("{} of {}", fmt_num(c.value), fmt_num(w)), true)];
            // the whole stated on its own before it in the article ("1.373 personer var om bord,
            // 915 passasjerer og 482 besetningsmedlemmer": the parts add up to more)
            let total = of_doc(claims, c.doc).iter().rev().find(|t| {
                t.kind == ClaimKind::Count
                    && t.start < c.start
                    && t.value == w
                    && t.concept.is_some()
                    && t.concept == c.concept
            });
            if let Some(t) = total {
                labels.push(cx.label(t, format!("the whole: {}", fmt_num(w)), false));
            }
            Some(cx.diag(
                subject(c),
                format!("part is larger than the whole: {} of {}", fmt_num(c.value), fmt_num(w)),
                format!(
                    "{} > {}: a part of a whole cannot exceed it; {}",
                    fmt_num(c.value),
                    fmt_num(w),
                    if total.is_some() {
                        "the parts listed add up to more than the whole stated before them: one \
                         of the numbers is wrong"
                    } else {
                        "one of the two numbers is wrong"
                    }
                ),
                labels,
            ))
        })
        .collect()
}

// FL002 --------------------------------------------------------------------------------------

/// Two counts, parts or durations state one amount, as FL002 compares them: the same whole, and
/// values within `tol` when either is approximate ("um 30").
pub(crate) fn same_amount(a: &Claim, b: &Claim, tol: f64) -> bool {
    close(amount(a), amount(b), a.approx || b.approx, tol) && a.whole() == b.whole()
}

/// A claim's value on the scale its frame key compares it on: an hour as 60 minutes.
fn amount(c: &Claim) -> f64 {
    if c.unit == Some(TimeUnit::Hour) {
        c.value * 60.0
    } else {
        c.value
    }
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
    let mut out: Out = (update_notes_in_sentence(cx, claims), Vec::new());
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
                compare_values(cx, &by_p, &mut out);
            }
        }
    }
    let flagged = out.0.len();
    let mixed = count_against_part(cx, claims);
    let seen =
        |d: &Diagnostic| out.0[..flagged].iter().any(|e| e.labels.first() == d.labels.first());
    let mixed: Vec<Diagnostic> = mixed.into_iter().filter(|d| !seen(d)).collect();
    out.0.extend(mixed);
    out.1.sort_by(|a, b| (&a.subject, &a.value).cmp(&(&b.subject, &b.value)));
    out.1.dedup_by(|a, b| {
        a.subject == b.subject && a.value == b.value && a.sources.len() == b.sources.len()
    });
    out
}

/// A plain count against the part of a plain part-of-whole, in one frame but for the kind: "78
/// passengers" against "87 of the 104 passengers" states the part, or the whole ("104
/// passengers"), and agrees with either. Plain: neither names a qualifier ("Shahed", "sprengju")
/// nor a person, and neither is a count that grows (an update). A weak match (a warning at most,
/// see [`weaken`]) unless both sentences say what of the things, said only when a majority of
/// sources stands behind one value (no 1-to-1 split is decided across kinds); no corroboration
/// comes of it.
fn count_against_part(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let p = &cx.rule.params;
    let kinds = [ClaimKind::Count, ClaimKind::PartOfWhole];
    let plain = |c: &&Claim| {
        kinds.contains(&c.kind)
            && p.kinds.iter().any(|n| n == c.kind.name())
            && first_copy(c)
            && c.qualifier.is_none()
            && c.principal.is_none()
            && !c.grows
    };
    let key = |c: &Claim| frame_key(c).map(|k| FrameKey { kind: ClaimKind::Count, ..k });
    let mut out = Vec::new();
    for g in group(claims.iter().filter(plain), key) {
        let has = |k: ClaimKind| g.iter().any(|c| c.kind == k);
        if !has(ClaimKind::Count) || !has(ClaimKind::PartOfWhole) {
            continue;
        }
        let tol = p.tolerance;
        let same = |a: &Claim, b: &Claim| {
            let approx = a.approx || b.approx;
            // the count against the part, or against the whole
            let count = |w: f64, c: &Claim, part: &Claim| {
                close(amount(c), amount(part), approx, tol) || close(amount(c), w, approx, tol)
            };
            match (a.whole(), b.whole()) {
                (Some(w), None) => count(w, b, a),
                (None, Some(w)) => count(w, a, b),
                _ => same_amount(a, b, tol),
            }
        };
        for window in time_windows(cx, &g, window_days(p.window_days, &g)) {
            // a match across kinds is said only when a majority of sources stands behind a value
            let cls = classes(cx, &window, same);
            let major = cls.first().map_or(0, |c| voice_count(cx, c));
            if major < 2 || cls[1..].iter().any(|c| voice_count(cx, c) >= major) {
                continue;
            }
            let (d, _) = value_report(cx, &window, false, same);
            let weak = g[0].role.is_none();
            out.extend(d.into_iter().map(|d| if weak { weaken(d) } else { d }));
        }
    }
    out
}

/// The majority and dissent of a count's or duration's values in one window ("X says 78 for the
/// rescued, other sources disagree"), with the arithmetic in the help.
fn value_report(
    cx: &Cx,
    window: &[&Claim],
    same_doc_dissent: bool,
    same: impl Fn(&Claim, &Claim) -> bool,
) -> Out {
    majority_report(
        cx,
        window,
        same_doc_dissent,
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
        |c, major| value_help(cx, c, major),
    )
}

/// The values of one subgroup (one thing, one named qualifier, one person for durations): a
/// count that grows gives an update note; else each window of days its majority and dissent.
fn compare_values(cx: &Cx, by_p: &[&Claim], out: &mut Out) {
    let p = &cx.rule.params;
    // a count that grows (a toll, the evacuated) is compared only between reports of one day: a
    // later report updates it
    let first = by_p[0];
    // a count that grows (a toll, the missing, the evacuated, the avalanches so far) differs
    // between reports written at different times, even hours apart on one day: an update, unless
    // both name one period ("siste døgn", "i alt")
    let grows = first.grows && first.scope.is_none();
    // inside one article, a duration stated twice with two values is a conflict (a growing count
    // may be given for several places of one story: not compared)
    let same_doc = first.kind == ClaimKind::Duration;
    // no predicate: a weaker match ("fimm björgunarskip" against "sex"), one level down (a part of
    // a whole, "32 af 44", and a duration of its event are specific enough)
    let weak = first.role.is_none() && first.kind == ClaimKind::Count;
    if grows {
        out.0.extend(update_note_between_reports(cx, by_p));
        return;
    }
    for window in time_windows(cx, by_p, window_days(p.window_days, by_p)) {
        let same = |a: &Claim, b: &Claim| same_amount(a, b, p.tolerance);
        let (d, c) = value_report(cx, &window, same_doc, same);
        out.0.extend(d.into_iter().map(|d| if weak { weaken(d) } else { d }));
        out.1.extend(c);
    }
}

/// FL002's help: what the majority says, and the rounding its words allow.
fn value_help(cx: &Cx, c: &Claim, major: &[&Claim]) -> String {
    format!(
        "{} say{} {}; this source says {}{}",
        sources_phrase(cx, major),
        if doc_count(major) == 1 { "s" } else { "" },
        major[0].value_text(),
        c.value_text(),
        if c.approx || major[0].approx {
            format!(" (rounding words allow ±{}%)", (cx.rule.params.tolerance * 100.0).round())
        } else {
            String::new()
        }
    )
}

/// An update as a note, never an error: one advice-level diagnostic of the rule.
fn update_note(cx: &Cx, c: &Claim, message: String, help: &str, labels: Vec<Label>) -> Diagnostic {
    let mut d = cx.diag(subject(c), message, help.to_string(), labels);
    d.severity = crate::diagnostic::Severity::Advice;
    d
}

/// "The toll rose from 3 to 5": a reported update inside one sentence, shown as a note.
fn update_notes_in_sentence(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let kinds = &cx.rule.params.kinds;
    claims
        .iter()
        .filter(|c| first_copy(c) && kinds.iter().any(|n| n == c.kind.name()))
        .filter_map(|c| Some((c, c.previous().filter(|&p| p < c.value)?)))
        .map(|(c, p)| {
            update_note(
                cx,
                c,
                format!(
                    "update: {} says {} rose from {} to {}",
                    cx.short(c),
                    subject(c),
                    fmt_num(p),
                    c.value_text()
                ),
                "a reported update: the earlier value is no claim of its own, and no conflict",
                vec![cx.label(c, format!("rose from {}", fmt_num(p)), true)],
            )
        })
        .collect()
}

/// A count that grows (a toll, the evacuated), higher in a report published on a later day than
/// in the earliest one: an update, shown as a note (reports of one day, or of unknown days, are
/// not ordered: nothing is said).
fn update_note_between_reports(cx: &Cx, g: &[&Claim]) -> Option<Diagnostic> {
    let dated = g.iter().copied().filter(|c| cx.published(c).is_some());
    let first = dated.clone().min_by_key(|c| (cx.published(c), c.doc, c.start))?;
    let last = dated.max_by_key(|c| (cx.published(c), std::cmp::Reverse(c.doc), c.value as i64))?;
    let later = cx.published(last) > cx.published(first);
    let tol = cx.rule.params.tolerance;
    if !later || last.value <= first.value || same_amount(first, last, tol) {
        return None;
    }
    let day = |c: &Claim| cx.published(c).map(|d| d.to_string()).unwrap_or_default();
    Some(update_note(
        cx,
        last,
        format!(
            "update: {} rose from {} ({}, {}) to {} ({}, {})",
            subject(last),
            first.value_text(),
            cx.short(first),
            day(first),
            last.value_text(),
            cx.short(last),
            day(last)
        ),
        "a count that grows as a story unfolds, in reports of different days: an update, no \
         conflict (unless both name one period, \"i alt\", \"siste døgn\")",
        vec![
            cx.label(last, format!("{} on {}", last.value_text(), day(last)), true),
            cx.label(first, format!("{} on {}", first.value_text(), day(first)), false),
        ],
    ))
}

/// The frame FL002 compares a claim in: its kind, the counted thing (a concept across languages,
/// else its noun within its language), the unit, what the sentence says of the things (the role:
/// evacuated, on board) and the period (in total, in the last day). Only a bound claim has one: a
/// vague number, a measure or a claim whose key came from further away never raises an error.
pub(crate) fn frame_key(c: &Claim) -> Option<FrameKey> {
    if !c.bound() {
        return None;
    }
    let (thing, lang) = match (c.concept, c.noun) {
        (Some(k), _) => (k, None),
        (None, Some(n)) => (n, Some(c.lang)),
        (None, None) => return None,
    };
    // (minutes and hours are one scale: "90 minutes" against "two hours" of one meeting)
    let unit = c.unit.map(|u| if u == TimeUnit::Hour { TimeUnit::Minute } else { u });
    Some(FrameKey { kind: c.kind, thing, lang, unit, role: c.role, scope: c.scope })
}

/// See [`frame_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FrameKey {
    pub(crate) kind: ClaimKind,
    pub(crate) thing: Sym,
    /// the language of a noun no concept lists (its key holds within that language only)
    pub(crate) lang: Option<Sym>,
    pub(crate) unit: Option<TimeUnit>,
    pub(crate) role: Option<Sym>,
    pub(crate) scope: Option<Sym>,
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

/// The days between publications within which a group's values are compared: the rule's
/// window, or every day when the quantity is stable (the passengers and crew aboard in one
/// accident do not change between a report of the day and one of a year later).
fn window_days(days: i64, g: &[&Claim]) -> i64 {
    if g.iter().all(|c| c.stable) {
        i64::MAX
    } else {
        days
    }
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
        since_key,
    );
    let mut out: Out = (Vec::new(), Vec::new());
    for g in groups {
        let (d, c) = majority_report(
            cx,
            &g,
            true,
            same_since,
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
                let list = says(cx, major, |m| m.reading(cx.published(m)));
                format!("{}, but {list}", c.reading(cx.published(c)))
            },
        );
        out.0.extend(d);
        out.1.extend(c.into_iter().map(|mut c| {
            c.subject = Sym::new(&format!("previous {}", c.subject));
            c
        }));
    }
    let (d, c) = start_of_thing(cx, claims);
    out.0.extend(d);
    out.1.extend(c);
    out
}

/// A span up to publication ("Spiret har prydet byen i næsten 600 år": since 1424) against the
/// dated start of the same thing ("Spiret stod færdig i 1625"): the thing named before the verb,
/// within one language, and the place or person the sentence is about. A count of years allows
/// what its writing does (a rounding word or a round number: a tenth of it; else a year, for the
/// months the years do not count); two written starts alone are left to the date rules.
fn start_of_thing(cx: &Cx, claims: &[Claim]) -> Out {
    let groups = group(claims.iter().filter(|c| first_copy(c)), start_key);
    let mut out: Out = (Vec::new(), Vec::new());
    for g in groups {
        if !(g.iter().any(|c| running_years(c)) && g.iter().any(|c| dated_start(c))) {
            continue;
        }
        let (d, c) = majority_report(
            cx,
            &g,
            true,
            same_start,
            |c| start_reading(cx, c),
            |c, major| {
                format!(
                    "{} dates the start of “{}” to {}, other sources to {}",
                    cx.short(c),
                    c.noun.map(|n| n.to_string()).unwrap_or_default(),
                    start_years(c).map_or_else(String::new, |(a, b)| format_years(a, b)),
                    start_years(major[0]).map_or_else(String::new, |(a, b)| format_years(a, b)),
                )
            },
            |c, major| {
                let list = says(cx, major, |m| start_reading(cx, m));
                format!("{}, but {list}", start_reading(cx, c))
            },
        );
        out.0.extend(d);
        out.1.extend(c.into_iter().map(|mut c| {
            c.subject = Sym::new(&format!("start of {}", c.subject));
            c
        }));
    }
    out
}

/// "a.txt says 2019; b.txt says 2020": the majority's readings, one a document, at most the
/// rule's `max_examples`.
fn says(cx: &Cx, major: &[&Claim], reading: impl Fn(&Claim) -> String) -> String {
    let mut list: Vec<String> = Vec::new();
    let mut named: Vec<DocId> = Vec::new();
    for m in major.iter() {
        if named.len() < cx.rule.params.max_examples && !named.contains(&m.doc) {
            named.push(m.doc);
            list.push(format!("{} says {}", cx.short(m), reading(m)));
        }
    }
    list.join("; ")
}

/// FL003's key of a thing's start: the thing (a noun, within its language) and the place or
/// person its sentence is about; for a span up to publication or a dated start only.
pub(crate) fn start_key(c: &Claim) -> Option<(Sym, Sym, Option<Sym>)> {
    (running_years(c) || dated_start(c)).then_some((c.noun?, c.lang, c.principal))
}

/// A since claim of a span up to publication ("has stood for 400 years") with its thing.
fn running_years(c: &Claim) -> bool {
    c.bound()
        && c.since()
            .is_some_and(|s| s.form == crate::claims::SinceForm::ForYears && s.year().is_some())
}

/// A date of a thing's coming into being ("built in 1625": a role on a date, with its thing).
fn dated_start(c: &Claim) -> bool {
    c.kind == ClaimKind::Date && c.role.is_some() && c.noun.is_some() && c.interval().is_some()
}

/// The years a start allows: a dated start its own; a span of N years up to publication its year
/// less or more a tenth of N when rounded ("næsten 600", "400"), else one year.
fn start_years(c: &Claim) -> Option<(i32, i32)> {
    if let Some(s) = c.since() {
        let y = i32::from(s.year()?);
        let n = f64::from(s.years?);
        let round = n >= 10.0 && n % 10.0 == 0.0;
        let slack = if c.approx || round { ((n * 0.1).round() as i32).max(1) } else { 1 };
        return Some((y - slack, y + slack));
    }
    let r = c.interval()?;
    Some((i32::from(r.start.year()), i32::from(r.end.year())))
}

fn format_years(a: i32, b: i32) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// FL003's agreement of two starts: the years they allow overlap.
pub(crate) fn same_start(a: &Claim, b: &Claim) -> bool {
    matches!((start_years(a), start_years(b)), (Some((a0, a1)), Some((b0, b1))) if a0 <= b1 && b0 <= a1)
}

/// A start as read: "2024 − 600 = 1424 (a rounded count: 1364–1484)", or the written year.
fn start_reading(cx: &Cx, c: &Claim) -> String {
    match (c.since(), start_years(c)) {
        (Some(_), Some((a, b))) => {
            format!("{} (allowing {})", c.reading(cx.published(c)), format_years(a, b))
        }
        _ => c.value_text(),
    }
}

// FL004: src/rules/fl004.rs

#[path = "fl004.rs"]
mod fl004;

/// What a dated start or end is about: the event it names, else its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Anchor {
    Event(Sym),
    Person(Sym),
}

// FL005: src/rules/fl005.rs

#[path = "fl005.rs"]
mod fl005;

// FL006 --------------------------------------------------------------------------------------

const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn weekday_mismatch(cx: &Cx, claims: &[Claim]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Date) {
        let Some(info) = c.date() else { continue };
        let (Some(wd), Some(r)) = (info.weekday, info.resolved) else { continue };
        if matches!(info.form, DateForm::Weekday | DateForm::Night) || !r.is_day() {
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

// Keys and agreement tests ---------------------------------------------------------------------
// What the checks group claims by and how they test two values for agreement, named so that
// `rules::groups` (and through it `check --against` and `sources`) reads the functions the checks
// call. (FL002's key is `frame_key`, its test `same_amount`; FL009's are `time_key` and
// `same_time`, in fl009.rs.)

/// FL003's key: the previous event's family, and the person (a span running up to publication,
/// "has stood for 400 years", dates a start, not a previous event: not compared).
pub(crate) fn since_key(c: &Claim) -> Option<(Sym, Option<Sym>)> {
    if c.since().is_some_and(|s| s.form == crate::claims::SinceForm::ForYears) {
        return None;
    }
    Some((c.family?, c.principal))
}

/// FL003's agreement: the same year, or, when either counts its years with a rounding word
/// ("in nearly 30 years"), years a tenth of that count apart.
pub(crate) fn same_since(a: &Claim, b: &Claim) -> bool {
    if a.interval() == b.interval() {
        return true;
    }
    let slack = |c: &Claim| {
        let years = c.since().and_then(|s| s.years).filter(|_| c.approx);
        years.map_or(0, |n| (f64::from(n) * 0.1).round() as i32)
    };
    let year = |c: &Claim| c.since().and_then(|s| s.year()).map(i32::from);
    match (year(a), year(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= slack(a).max(slack(b)),
        _ => false,
    }
}

/// FL004's anchor of a dated start or end: a duration of the same event concept, or, when it
/// names no event ("Kim kom til Russland tysdag"), a duration about the same person.
pub(crate) fn anchor_of(c: &Claim) -> Option<Anchor> {
    match (&c.concept, &c.principal) {
        (Some(e), _) => Some(Anchor::Event(*e)),
        (None, Some(p)) => Some(Anchor::Person(*p)),
        _ => None,
    }
}

/// FL005's key: an event's dates, or a person's arrival or departure when no event is named
/// ("Jonas Berg kom til landsins á mánudag").
pub(crate) fn event_key(c: &Claim) -> Option<(Option<Sym>, crate::claims::SymList, Option<Sym>)> {
    Some((c.concept, c.persons, c.concept.is_none().then_some(c.principal).flatten()))
}

/// FL005's agreement: the dates overlap (a year-precise date contains its days: "í fyrra"
/// written in 2024 agrees with "13. september 2023").
pub(crate) fn same_date(a: &Claim, b: &Claim) -> bool {
    // (what each allows: a rounded "four decades ago" more than its year)
    let allowed = |c: &Claim| c.date().and_then(|d| d.allowed()).or_else(|| c.interval());
    matches!((allowed(a), allowed(b)), (Some(x), Some(y)) if x.overlaps(&y))
}
