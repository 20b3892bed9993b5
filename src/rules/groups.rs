//! The rules' groups as data: under which key each check compares a claim, how it tests two
//! values for agreement, and what a run of the rules said of each group (agree, conflict, no
//! verdict). A thin layer over the checks: the keys and tests are the functions the checks call
//! (`checks::frame_key`, `since_key`, `start_key`, `event_key`, `time_key`, `anchor_of`;
//! `same_amount`, `same_since`, `same_start`, `same_date`, `same_time`), and a verdict is read
//! from the diagnostics and corroborations of the run itself, so `check`, `check --against` and
//! `sources` agree by construction.

use serde::Serialize;

use super::checks::{self, Anchor};
use super::{Check, Rule};
use crate::claims::{Claim, ClaimIdx, ClaimKind, DocId};
use crate::diagnostic::{Corroboration, Diagnostic, DocMeta};
use crate::lang::{Map, Set};

/// The keys under which `check` compares `c` with the claims of other documents, as text (the
/// archive stores them, and looks a draft's claims up by them). A voting check gives at most one
/// (its [`group_key`], whatever the rule's parameters); FL004 reads a duration with the dated starts and ends of its event and of its
/// person, and a dated start or end with the durations of what it anchors. Empty: the check never
/// compares `c` with another document's claims.
pub(crate) fn keys(check: Check, c: &Claim) -> Vec<String> {
    let tag = |k: &dyn std::fmt::Debug| format!("{check:?} {k:?}");
    match check {
        Check::DurationVsDates => {
            let anchors: Vec<Anchor> = match c.kind {
                ClaimKind::Duration => {
                    [c.concept.map(Anchor::Event), c.principal.map(Anchor::Person)]
                        .into_iter()
                        .flatten()
                        .collect()
                }
                ClaimKind::Date if c.phase.is_some() => checks::anchor_of(c).into_iter().collect(),
                _ => Vec::new(),
            };
            anchors.iter().map(|a| tag(a)).collect()
        }
        Check::ValueMismatch => checks::frame_key(c).map(|k| tag(&k)).into_iter().collect(),
        Check::SinceArithmetic => {
            let since = checks::since_key(c).filter(|_| c.kind == ClaimKind::Since);
            since
                .map(|k| tag(&k))
                .into_iter()
                .chain(checks::start_key(c).map(|k| tag(&k)))
                .collect()
        }
        Check::RelativeVsAbsolute if c.kind == ClaimKind::Date => {
            checks::event_key(c).map(|k| tag(&k)).into_iter().collect()
        }
        Check::TimeMismatch if c.kind == ClaimKind::Time => {
            checks::time_key(c).map(|k| tag(&k)).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// Every check, for [`all_keys`].
const CHECKS: [Check; 9] = [
    Check::PartExceedsWhole,
    Check::ValueMismatch,
    Check::SinceArithmetic,
    Check::DurationVsDates,
    Check::RelativeVsAbsolute,
    Check::WeekdayMismatch,
    Check::PastEventAfterPublication,
    Check::DuplicateVariant,
    Check::TimeMismatch,
];

/// The keys of `c` under every check (what the archive stores: a rule a desk enables later finds
/// its claims too).
pub(crate) fn all_keys(c: &Claim) -> Vec<String> {
    let mut out: Vec<String> = CHECKS.iter().flat_map(|&k| keys(k, c)).collect();
    out.sort();
    out.dedup();
    out
}

/// The key of the group in which a voting rule (FL002, FL003, FL005, FL009) weighs `c` against
/// the other values stated: the claims of one key are one vote (the check may split it further,
/// by qualifier, person or publication window). None for a claim it never votes on (a kind FL002
/// is not set to compare, a twin copy of a paragraph), and for checks that do not vote.
pub(crate) fn group_key(rule: &Rule, c: &Claim) -> Option<String> {
    if c.twin_of().is_some() {
        return None;
    }
    match rule.check {
        Check::ValueMismatch if !rule.params.kinds.iter().any(|k| k == c.kind.name()) => None,
        Check::ValueMismatch
        | Check::SinceArithmetic
        | Check::RelativeVsAbsolute
        | Check::TimeMismatch => keys(rule.check, c).into_iter().next(),
        _ => None,
    }
}

/// Whether `check` reads a claim together with the other claims of its own document (FL004: a
/// duration's start and end are looked for in its own sentence and article first).
pub(crate) fn reads_own_document(check: Check, c: &Claim) -> bool {
    check == Check::DurationVsDates && c.kind == ClaimKind::Duration
}

/// The rule's test of whether two claims of one group state the same value: FL002's tolerance
/// for a rounding word, FL003's year, FL005's overlap (a year contains its days), FL009's clock
/// with its tolerance. Other checks: the same value as written.
pub(crate) fn agrees(rule: &Rule, a: &Claim, b: &Claim) -> bool {
    let p = &rule.params;
    match rule.check {
        Check::ValueMismatch => checks::same_amount(a, b, p.tolerance),
        Check::SinceArithmetic if checks::start_key(a).is_some() => checks::same_start(a, b),
        Check::SinceArithmetic => checks::same_since(a, b),
        Check::RelativeVsAbsolute => checks::same_date(a, b),
        Check::TimeMismatch => checks::same_time(a, b, p),
        _ => a.kind == b.kind && a.value_text() == b.value_text(),
    }
}

/// What the rule said of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// two or more documents state a value the rule's test finds the same, and none is reported
    Agree,
    /// the rule reports a claim of the group against the others
    Conflict,
    /// nothing to weigh: one document, or claims the rule does not vote on
    NoVerdict,
}

impl Verdict {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Conflict => "conflict",
            Verdict::NoVerdict => "no verdict",
        }
    }
}

/// One group of one rule: the claims of one key, and the verdict.
#[derive(Debug, Clone)]
pub struct Group {
    /// the rule's code
    pub code: String,
    /// the key ([`group_key`])
    pub key: String,
    /// the claims (indices into the run's claims, in order)
    pub claims: Vec<ClaimIdx>,
    /// the claims the rule reports against the others (the primary claims of its diagnostics)
    pub(crate) dissent: Vec<ClaimIdx>,
    /// the claims of its corroborations that span two or more documents
    pub(crate) agreeing: Vec<ClaimIdx>,
    pub verdict: Verdict,
}

impl Group {
    /// The classes of agreeing values, by the rule's own test ([`agrees`]): each claim joins the
    /// first class whose first claim it agrees with; the class stated by most documents first
    /// (ties: the first seen).
    pub(crate) fn classes(&self, rule: &Rule, claims: &[Claim]) -> Vec<Vec<ClaimIdx>> {
        let mut out: Vec<Vec<ClaimIdx>> = Vec::new();
        for &i in &self.claims {
            let c = &claims[i.index()];
            match out.iter_mut().find(|cl| agrees(rule, &claims[cl[0].index()], c)) {
                Some(cl) => cl.push(i),
                None => out.push(vec![i]),
            }
        }
        let docs = |cl: &Vec<ClaimIdx>| doc_count(cl.iter().map(|&i| claims[i.index()].doc));
        out.sort_by_key(|cl| std::cmp::Reverse(docs(cl)));
        out
    }
}

/// The number of distinct documents.
pub(crate) fn doc_count(docs: impl Iterator<Item = DocId>) -> usize {
    docs.collect::<Set<DocId>>().len()
}

/// Run the rules (as [`super::run`]) and read their groups from what they said.
pub(crate) fn judge(
    rules: &[Rule],
    docs: &[DocMeta],
    claims: &[Claim],
) -> (Vec<Diagnostic>, Vec<Corroboration>, Vec<Group>) {
    let (diags, corr) = super::run(rules, docs, claims);
    let groups = groups(rules, claims, &diags, &corr);
    (diags, corr, groups)
}

/// The groups of every enabled voting rule over `claims`, with the verdict the run's own
/// `diagnostics` and `corroborations` (over the same claims, in the same order) give each: in rule
/// order, each rule's groups in first-seen order.
pub fn groups(
    rules: &[Rule],
    claims: &[Claim],
    diagnostics: &[Diagnostic],
    corroborations: &[Corroboration],
) -> Vec<Group> {
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.enabled) {
        let mut index: Map<String, usize> = Map::default();
        let mut groups: Vec<Group> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let Some(key) = group_key(rule, c) else { continue };
            let g = *index.entry(key.clone()).or_insert_with(|| {
                groups.push(Group {
                    code: rule.code.clone(),
                    key,
                    claims: Vec::new(),
                    dissent: Vec::new(),
                    agreeing: Vec::new(),
                    verdict: Verdict::NoVerdict,
                });
                groups.len() - 1
            });
            groups[g].claims.push(ClaimIdx(i as u32));
        }
        let (dissent, agreeing) = said(rule, claims, diagnostics, corroborations);
        for g in &mut groups {
            g.dissent = g.claims.iter().copied().filter(|i| dissent.contains(i)).collect();
            g.agreeing = g.claims.iter().copied().filter(|i| agreeing.contains(i)).collect();
            g.verdict = if !g.dissent.is_empty() {
                Verdict::Conflict
            } else if doc_count(g.agreeing.iter().map(|&i| claims[i.index()].doc)) >= 2 {
                Verdict::Agree
            } else {
                Verdict::NoVerdict
            };
        }
        out.extend(groups);
    }
    out
}

/// The claims a rule reported against the others (its diagnostics' primary labels), and those of
/// its corroborations across two or more documents.
fn said(
    rule: &Rule,
    claims: &[Claim],
    diagnostics: &[Diagnostic],
    corroborations: &[Corroboration],
) -> (Set<ClaimIdx>, Set<ClaimIdx>) {
    // a label names its claim by document and span
    let mut at: Map<(DocId, usize, usize), Vec<ClaimIdx>> = Map::default();
    for (i, c) in claims.iter().enumerate() {
        at.entry((c.doc, c.start, c.end)).or_default().push(ClaimIdx(i as u32));
    }
    let dissent: Set<ClaimIdx> = diagnostics
        .iter()
        .filter(|d| d.code == rule.code)
        .flat_map(|d| d.labels.iter().filter(|l| l.primary))
        .flat_map(|l| at.get(&(l.doc, l.start, l.end)).into_iter().flatten().copied())
        .collect();
    let agreeing: Set<ClaimIdx> = corroborations
        .iter()
        .filter(|c| c.code.as_str() == rule.code)
        .filter(|c| doc_count(c.sources.iter().filter_map(|s| s.doc(claims))) >= 2)
        .flat_map(|c| c.sources.iter().map(|s| s.claim))
        .filter(|&i| i.index() < claims.len())
        .collect();
    (dissent, agreeing)
}
