//! FL005: a relative date ("í gær", "i fjor", "tysdag", "natt til onsdag", "fyrir fjórum
//! áratugum") resolved against its article's publication date, compared with the dates other
//! sources (and, for "N years ago" and for two relative days, the same article) give for the same
//! event.

use crate::calendar as resolve;
use crate::claims::{Claim, ClaimKind, DateForm, DocId, Interval, Precision, Sym};
use crate::diagnostic::Corroboration;
use crate::lang::{Map, Phase, Set};

use super::{first_copy, group, subject, Cx, Out};

pub(super) fn relative_vs_absolute(cx: &Cx, claims: &[Claim]) -> Out {
    let dated = claims.iter().filter(|c| {
        first_copy(c)
            && c.kind == ClaimKind::Date
            && (c.concept.is_some() || c.bound() && c.phase.is_some() && c.principal.is_some())
            && c.date().is_some_and(|d| d.resolved.is_some())
    });
    // an event's dates, or a person's arrival or departure when no event is named ("Jonas Berg kom
    // til landsins á mánudag")
    let groups = group(dated, super::event_key);
    let mut st = State::default();
    for g in groups {
        check_group(cx, &g, &mut st);
        within_article(cx, &g, &mut st.out);
    }
    st.out
}

/// What the whole run keeps: the findings, and the sets of agreeing documents already reported
/// (keyed by their number among the sets seen).
#[derive(Default)]
struct State {
    out: Out,
    seen: Set<(String, usize)>,
    doc_sets: Map<Vec<DocId>, usize>,
}

fn is_rel(c: &Claim) -> bool {
    c.date().is_some_and(|d| {
        matches!(d.form, DateForm::Relative | DateForm::Weekday | DateForm::Night | DateForm::Ago)
    })
}

fn is_ago(c: &Claim) -> bool {
    c.date().is_some_and(|d| d.form == DateForm::Ago)
}

fn is_day(c: &Claim) -> bool {
    c.date().is_some_and(|d| d.precision == Precision::Day)
}

/// A month or year: with no phase ("í desember í fyrra") it covers the whole event.
fn coarse(c: &Claim) -> bool {
    c.date().is_some_and(|d| matches!(d.precision, Precision::Month | Precision::Year))
}

fn pinned(c: &Claim) -> bool {
    c.date().is_some_and(|d| d.precision != Precision::Range)
}

/// The start and the end of an event are different dates: claims are compared within a phase
/// (bucket 0 none, 1 start, 2 end); bucket 3 holds every phase.
fn phase_key(p: Option<Phase>) -> usize {
    match p {
        None => 0,
        Some(Phase::Start) => 1,
        Some(Phase::End) => 2,
    }
}

/// The dates a relative date allows (a rounded "four decades ago" more than its year).
fn allowed(c: &Claim) -> Option<Interval> {
    c.date()?.allowed()
}

fn check_group(cx: &Cx, g: &[&Claim], st: &mut State) {
    // the group indexed once (a group can be every dated claim about one event) by phase and
    // date, so each relative date looks only at the claims near it
    let mut buckets: Vec<Fl005Bucket> = (0..4).map(|_| Fl005Bucket::default()).collect();
    for (pos, a) in g.iter().enumerate().filter(|(_, a)| pinned(a)) {
        for b in [phase_key(a.phase), 3] {
            buckets[b].add(pos, a, is_day(a));
        }
    }
    // relative dates that resolve alike ("i fjor" in every article of one year) ask the same
    // question: the claims near a date are found once a bucket, window and date, in any
    // document; each relative date then leaves out its own document's
    let mut near_of: Map<(usize, Interval, Interval, bool), Near> = Map::default();
    for r in g.iter().copied().filter(|c| is_rel(c) && pinned(c) && c.bound()) {
        let Some(q) = Query::of(cx, r) else { continue };
        // a day is checked against days when other sources give any ("í gær" against "onsdag
        // 13. september"), not merely against the year that contains both
        let days_only = is_day(r) && {
            let all = q.near(g, &buckets, &mut near_of, false);
            all.list.iter().any(|&p| is_day(g[p]) && g[p].doc != r.doc)
        };
        let near = q.near(g, &buckets, &mut near_of, days_only);
        judge(cx, g, r, &q, near, st);
    }
}

/// One article giving one event two nights ("natt til onsdag" and, in a caption, "natt til
/// torsdag" of one slide): both bound to the event in their own clause, of the same phase, in
/// different sentences, within the window of days. A night is the moment of an event; weekdays
/// are not compared so (an eruption seen "on Monday" had shrunk "by Tuesday"), nor a night with
/// a later day ("natt til onsdag", then "torsdag": two moments of one story).
fn within_article(cx: &Cx, g: &[&Claim], out: &mut Out) {
    let night = |c: &Claim| c.date().is_some_and(|d| d.form == DateForm::Night);
    let days: Vec<&Claim> =
        g.iter().copied().filter(|c| c.bound() && night(c) && c.interval().is_some()).collect();
    let window = cx.rule.params.window_days;
    for (i, a) in days.iter().enumerate() {
        let pair = days[i + 1..].iter().find(|b| {
            b.doc == a.doc
                && b.sentence != a.sentence
                && b.phase == a.phase
                && b.interval() != a.interval()
                && a.interval().zip(b.interval()).is_some_and(|(x, y)| {
                    resolve::days_between(x.start, y.start).is_some_and(|d| d.abs() <= window)
                })
        });
        if let Some(b) = pair {
            report_pair(cx, a, b, out);
        }
    }
}

fn report_pair(cx: &Cx, a: &Claim, b: &Claim, out: &mut Out) {
    let (Some(ai), Some(bi)) = (a.interval(), b.interval()) else { return };
    out.0.push(cx.diag(
        subject(a),
        format!(
            "{} dates the {} both {ai} (“{}”) and {bi} (“{}”)",
            cx.short(a),
            a.concept.as_deref().unwrap_or("event"),
            a.text,
            b.text
        ),
        format!("{}, but later {}", rel_text(cx, a, ai), rel_text(cx, b, bi)),
        vec![
            cx.label(a, rel_text(cx, a, ai), true),
            cx.label(b, format!("the same article: {}", rel_text(cx, b, bi)), false),
        ],
    ));
}

/// A relative date's question: its dates, its bucket, and the window of dates that may be the
/// same event.
struct Query {
    ri: Interval,
    bucket: usize,
    wide: Interval,
}

impl Query {
    fn of(cx: &Cx, r: &Claim) -> Option<Query> {
        let ri = allowed(r)?;
        // compatible claims: the same phase, or any phase for a month or year with none
        let bucket = if r.phase.is_none() && coarse(r) { 3 } else { phase_key(r.phase) };
        // the same event: dates within the window of days of a day or week ("í gær", "tysdag"),
        // within a year of a month or year ("í desember í fyrra" misplaced is a year off);
        // further away is another occurrence
        let p = &cx.rule.params;
        let window = if coarse(r) { p.coarse_window_days } else { p.window_days };
        let (lo, hi) = (resolve::add_days(ri.start, -window)?, resolve::add_days(ri.end, window)?);
        let mut wide = Interval { start: lo, end: hi };
        // "fyrir fjórum áratugum": misplaced by up to a quarter of its own distance
        if let (true, Some(pubd), Some(nominal)) = (is_ago(r), cx.published(r), r.interval()) {
            let reach = resolve::days_between(nominal.start, pubd).unwrap_or(0).abs() / 4;
            wide.start = wide.start.min(resolve::add_days(nominal.start, -reach)?);
            wide.end = wide.end.max(resolve::add_days(nominal.end, reach)?);
        }
        Some(Query { ri, bucket, wide })
    }

    fn near<'m>(
        &self,
        g: &[&Claim],
        buckets: &[Fl005Bucket],
        near_of: &'m mut Map<(usize, Interval, Interval, bool), Near>,
        days_only: bool,
    ) -> &'m mut Near {
        near_of.entry((self.bucket, self.wide, self.ri, days_only)).or_insert_with(|| {
            Near::new(g, &buckets[self.bucket], self.wide, self.ri, days_only, is_day)
        })
    }
}

/// Whether claim `a`, near relative date `r` and not agreeing with it, contradicts it: a bound
/// date of another source (an absolute one, or a relative day of the same start or end); in the
/// same article, in another sentence, a relative day against a relative day ("natt til onsdag"
/// and "natt til torsdag" of one slide), or an absolute date against "N years ago".
fn contradicts(r: &Claim, a: &Claim) -> bool {
    if !a.bound() {
        return false;
    }
    let days = is_day(a) && is_day(r);
    let same_doc = a.doc == r.doc;
    if same_doc && a.sentence == r.sentence {
        return false;
    }
    if !is_rel(a) {
        return !same_doc || days || is_ago(r);
    }
    // (a pair of relative dates is reported once, from the first; two in one article by
    // `within_article`)
    days && !same_doc
        && a.phase.is_some()
        && a.phase == r.phase
        && (a.doc, a.start) > (r.doc, r.start)
}

fn judge(cx: &Cx, g: &[&Claim], r: &Claim, q: &Query, near: &mut Near, st: &mut State) {
    let max = cx.rule.params.max_examples;
    // "N years ago" meets its own article's dates too; any other relative date only other
    // sources' (and its own article's relative days, when some other source is near)
    // ("N years ago" is rounded: only a date written out confirms it, another rounding does not)
    let confirms = |a: &Claim| !(std::ptr::eq(a, r) || is_ago(r) && is_rel(a));
    let own_agrees = near.agree.iter().any(|&p| g[p].doc == r.doc && confirms(g[p]));
    if !near.list.iter().any(|&p| g[p].doc != r.doc) && (!is_ago(r) || own_agrees) {
        return;
    }
    let other = |p: &&usize| g[**p].doc != r.doc;
    let agree: Vec<&Claim> =
        near.agree.iter().filter(other).map(|&p| g[p]).filter(|a| confirms(a)).take(max).collect();
    if !agree.is_empty() {
        corroborate(cx, r, q, near, agree, st);
        return;
    }
    // relative days naming three or more different days of one event near each other are a
    // series ("yesterday", "last night", "today" of slides falling for days): no relative date
    // of it is voted against another (as FL009 gives a three-way split no verdict)
    let series = near
        .list
        .iter()
        .map(|&p| g[p])
        .chain([r])
        .filter(|a| is_rel(a) && is_day(a) && a.bound())
        .filter_map(|a| a.interval())
        .collect::<Set<Interval>>()
        .len()
        >= 3;
    let against: Vec<&Claim> = near
        .list
        .iter()
        .filter(|p| !near.agree.contains(p))
        .map(|&p| g[p])
        .filter(|a| contradicts(r, a) && !(a.doc == r.doc && is_ago(r) && own_agrees))
        .filter(|a| !(series && is_rel(a)))
        .collect();
    // its own article's dates first, then other sources', the most precise first
    let (mut own, mut others): (Vec<&Claim>, Vec<&Claim>) =
        against.into_iter().partition(|a| a.doc == r.doc);
    own.truncate(max);
    others.sort_by_key(|a| a.date().map(|d| d.precision as u8));
    others.truncate(max);
    own.extend(others);
    if !own.is_empty() {
        report(cx, r, q, &own, &mut st.out);
    }
}

/// Sources agreeing with a relative date, one corroboration per subject and set of documents.
fn corroborate(cx: &Cx, r: &Claim, q: &Query, near: &mut Near, agree: Vec<&Claim>, st: &mut State) {
    // the sources agreeing: every document of the agreeing claims, and this one (most often
    // among them already: then the set is the look-up's, numbered once)
    let doc_sets = &mut st.doc_sets;
    let mut number = |docs: Vec<DocId>| {
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
    if !st.seen.insert((subject.clone(), docs_id)) {
        return;
    }
    let mut sources = vec![cx.source(r, rel_text(cx, r, q.ri))];
    sources.extend(agree.iter().map(|a| cx.source(a, a.value_text())));
    st.out.1.push(Corroboration {
        code: Sym::new(&cx.rule.code),
        subject: Sym::new(&subject),
        value: Sym::new(&q.ri.to_string()),
        sources: sources.into(),
    });
}

fn report(cx: &Cx, r: &Claim, q: &Query, against: &[&Claim], out: &mut Out) {
    let ri = q.ri;
    // (against "N years ago", how many years back the other date is)
    let back = |a: &Claim| match (is_ago(r), cx.published(r), a.interval()) {
        (true, Some(p), Some(ai)) => {
            format!(
                ", {} years before {}",
                i32::from(p.year()) - i32::from(ai.start.year()),
                p.year()
            )
        }
        _ => String::new(),
    };
    let says = |a: &Claim| {
        let whose = if a.doc == r.doc { "the same article".to_string() } else { cx.short(a) };
        format!("{whose} says {}{}", a.value_text(), back(a))
    };
    let said: Vec<String> = against.iter().map(|a| says(a)).collect();
    let mut labels = vec![cx.label(r, rel_text(cx, r, ri), true)];
    labels.extend(against.iter().map(|a| cx.label(a, says(a), false)));
    let whom =
        match (against.iter().any(|a| a.doc == r.doc), against.iter().any(|a| a.doc != r.doc)) {
            (true, true) => "its own article and other sources contradict",
            (true, false) => "its own article contradicts",
            _ => "other sources contradict",
        };
    out.0.push(cx.diag(
        subject(r),
        format!("“{}” in {} points to {}, which {whom}", r.text, cx.short(r), shown(r, ri)),
        format!("{}, but {}", rel_text(cx, r, ri), said.join("; ")),
        labels,
    ));
}

/// The claims of an FL005 bucket near a relative date, in every document (group order): within
/// the window `wide` (only day-precise ones when `days_only`), those of them that overlap the
/// date itself with their documents, and the absolute ones.
struct Near {
    list: Vec<usize>,
    agree: Vec<usize>,
    docs: Vec<DocId>,
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
            .filter(|&p| allowed(g[p]).is_some_and(|ai| ai.overlaps(&ri)))
            .collect();
        let mut docs: Vec<DocId> = agree.iter().map(|&p| g[p].doc).collect();
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

/// A relative date's dates: "2023-09-12", or for a rounded one "1983 (any of 1979–1988)".
fn shown(c: &Claim, ri: Interval) -> String {
    match c.interval().filter(|n| *n != ri) {
        Some(n) if ri.start == ri.start.first_of_year() && ri.end == ri.end.last_of_year() => {
            format!("{n} (any of {}–{})", ri.start.year(), ri.end.year())
        }
        Some(n) => format!("{n} (any of {ri})"),
        None => ri.to_string(),
    }
}

fn rel_text(cx: &Cx, c: &Claim, ri: Interval) -> String {
    let shown = shown(c, ri);
    match cx.published(c) {
        Some(p) => format!("“{}” written {p} = {shown}", c.text),
        None => format!("“{}” = {shown}", c.text),
    }
}
