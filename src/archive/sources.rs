//! `factlint sources --db archive.db KEY-or-text`: what the archive holds on a subject.
//!
//! A key names a concept or event family and/or a person: `visit@kim`, `travel@kim`,
//! `drone(shahed)`, `@putin`, `since:travel@kim`. Anything else is read as text: the claims
//! extracted from it give the keys (and the text's own value is placed among the archive's), and
//! failing that the people and concepts it names do. The claims found are grouped by subject, listed
//! in time order, and split into classes of agreeing values: the outlets that agree, and those that
//! disagree.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::civil::Date;
use rusqlite::types::Value;
use serde::Serialize;

use super::store::{decode_claim, decode_meta, decode_offsets};
use super::{Archive, ArchiveError};
use crate::app::Setup;
use crate::claims::{self, Claim, ClaimIdx, ClaimKind, DocId, Sym};
use crate::corpus::{self, CorpusOptions, Meta, OffsetMap, RawDoc};
use crate::extract;
use crate::lang::token::{lower_text, tokenize};
use crate::lang::EntityType;
use crate::report::{plural, DocMeta};
use crate::rules::groups::doc_count;
use crate::rules::{agrees, group_key, judge, Check, Group, Rule, Verdict};

#[derive(Debug, Clone)]
pub struct SourcesOptions {
    /// most claims fetched per look-up (the most recent are kept)
    pub limit: usize,
    /// language and publication date of a text query (default: detected, and today)
    pub corpus: CorpusOptions,
}

impl Default for SourcesOptions {
    fn default() -> Self {
        SourcesOptions { limit: 500, corpus: CorpusOptions::default() }
    }
}

/// The look-ups, by name; the last parameter is the limit.
pub(crate) const LOOKUPS: &[(&str, &str)] = &[
    ("sources_concept", "SELECT id, doc_id, claim FROM claims INDEXED BY claims_concept WHERE concept = ?1 ORDER BY published DESC LIMIT ?2"),
    ("sources_family", "SELECT id, doc_id, claim FROM claims INDEXED BY claims_family WHERE family = ?1 ORDER BY published DESC LIMIT ?2"),
    ("sources_person", "SELECT id, doc_id, claim FROM claims INDEXED BY claims_principal WHERE principal = ?1 ORDER BY published DESC LIMIT ?2"),
    (
        "sources_concept_person",
        "SELECT id, doc_id, claim FROM claims INDEXED BY claims_concept WHERE concept = ?1 AND principal = ?2 ORDER BY published DESC LIMIT ?3",
    ),
    (
        "sources_family_person",
        "SELECT id, doc_id, claim FROM claims INDEXED BY claims_family WHERE family = ?1 AND principal = ?2 ORDER BY published DESC LIMIT ?3",
    ),
    (
        "sources_key",
        "SELECT c.id, c.doc_id, c.claim FROM claim_keys k INDEXED BY claim_keys_key JOIN claims c ON c.id = k.claim_id
           WHERE k.key = ?1 ORDER BY k.published DESC LIMIT ?2",
    ),
];

fn sql(name: &str) -> &'static str {
    LOOKUPS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s).unwrap_or("SELECT 0, 0, '' WHERE 0")
}

/// What to look for: a concept or family, a qualifier, a person, a claim kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    pub(crate) kind: Option<String>,
    pub(crate) term: Option<String>,
    pub(crate) qualifier: Option<String>,
    pub(crate) person: Option<String>,
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(k) = &self.kind {
            write!(f, "{k}:")?;
        }
        write!(f, "{}", self.term.as_deref().unwrap_or(""))?;
        if let Some(q) = &self.qualifier {
            write!(f, "({q})")?;
        }
        if let Some(p) = &self.person {
            write!(f, "@{p}")?;
        }
        Ok(())
    }
}

const KINDS: [&str; 5] = ["count", "part_of_whole", "duration", "date", "since"];

/// Parse `[kind:]term[(qualifier)][@person]`; None when the query is not in key form.
pub(crate) fn parse_key(q: &str) -> Option<Key> {
    let q = q.trim().to_string();
    // keys are written as ids: lower-case ASCII, digits, `_` and `-`
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    let (rest, person) = match q.split_once('@') {
        Some((a, p)) if ident(p) => (a.to_string(), Some(p.to_string())),
        Some(_) => return None,
        None => (q.clone(), None),
    };
    let (kind, rest) = match rest.split_once(':') {
        Some((k, r)) if KINDS.contains(&k) => (Some(k.to_string()), r.to_string()),
        Some(_) => return None,
        None => (None, rest),
    };
    let (term, qualifier) = match rest.split_once('(') {
        Some((t, qq)) => {
            let qq = qq.strip_suffix(')')?;
            if !ident(qq) {
                return None;
            }
            (t.to_string(), Some(qq.to_string()))
        }
        None => (rest, None),
    };
    if !term.is_empty() && !ident(&term) {
        return None;
    }
    let term = (!term.is_empty()).then_some(term);
    if term.is_none() && person.is_none() {
        return None;
    }
    Some(Key { kind, term, qualifier, person })
}

/// One archived claim in the view.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub(crate) published: Option<Date>,
    pub(crate) outlet: Option<String>,
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) value: String,
    /// how the value was reached ("2023 − 4 = 2019", "since 2019")
    pub(crate) reading: String,
    pub text: String,
    /// index into the subject's `classes`
    pub class: usize,
}

/// Sources that state one value.
#[derive(Debug, Clone, Serialize)]
pub struct Class {
    pub value: String,
    /// "agree" (two or more documents state it, by the rule's test, and the rule reports none of
    /// them), "disagree" (the rule reports it against the others), "split" (a conflict with no
    /// majority) or "single" (one document states it and no other agrees)
    pub standing: &'static str,
    pub(crate) outlets: Vec<String>,
    pub documents: usize,
}

/// Everything the archive holds on one subject: one group of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    pub(crate) subject: String,
    pub(crate) kind: &'static str,
    /// the rule that groups and weighs these claims, and its key
    pub rule: String,
    pub key: String,
    /// what the rule says of the group: "agree", "conflict" or "no verdict"
    pub verdict: &'static str,
    /// in time order
    pub claims: Vec<Entry>,
    /// the majority first
    pub classes: Vec<Class>,
    /// the query text's own value on this subject, and the class it joins
    pub(crate) query_value: Option<String>,
    pub(crate) query_class: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourcesView {
    pub(crate) db: String,
    pub(crate) query: String,
    /// the keys the query was read as
    pub(crate) keys: Vec<String>,
    pub subjects: Vec<Subject>,
    /// a look-up hit `--limit`: only the most recent claims are shown
    pub(crate) truncated: bool,
}

/// The keys of a claim: what `check --against` would compare it with.
fn key_of(c: &Claim) -> Option<Key> {
    if c.kind == ClaimKind::Since {
        return Some(Key {
            kind: Some("since".into()),
            term: Some(c.family?.to_string()),
            qualifier: None,
            person: c.principal.map(|p| p.to_string()),
        });
    }
    Some(Key {
        kind: Some(c.kind.name().into()),
        term: Some(c.concept?.to_string()),
        qualifier: c.qualifier.map(|q| q.to_string()),
        person: c.principal.map(|p| p.to_string()),
    })
}

/// Read a text query: its claims, or the people and concepts it names.
fn read_text(
    setup: &Setup,
    text: &str,
    opts: &SourcesOptions,
) -> (Vec<Key>, Vec<Claim>, Option<Date>) {
    let mut copts = opts.corpus.clone();
    if copts.published.is_none() {
        copts.published = Some(jiff::Zoned::now().date());
    }
    let raw = RawDoc {
        path: "<query>".into(),
        line: None,
        text: text.to_string(),
        map: OffsetMap::identity(),
        meta: Meta::default(),
    };
    let doc = corpus::analyze(raw, &setup.knowledge, &setup.stripper, &copts);
    let claims: Vec<Claim> = extract::extract(&doc, DocId(0), &setup.knowledge)
        .into_iter()
        .filter(|c| key_of(c).is_some())
        .collect();
    let mut keys: Vec<Key> = claims.iter().filter_map(key_of).collect();
    if keys.is_empty() {
        keys = named_keys(setup, text);
    }
    keys.sort();
    keys.dedup();
    (keys, claims, doc.published)
}

/// The keys of a text with no claim to look up: each concept it names with each person, or
/// either alone.
fn named_keys(setup: &Setup, text: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    let lower = lower_text(text);
    let toks = tokenize(text, &lower);
    let words: Vec<&str> = toks.iter().filter(|t| t.is_word()).map(|t| t.lower()).collect();
    let mut persons = Vec::new();
    let mut terms = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((n, (id, ty))) =
            setup.knowledge.entities.match_at(|k| words.get(i + k).copied())
        {
            if *ty == EntityType::Person && !persons.contains(id) {
                persons.push(*id);
            }
            i += n.max(1);
            continue;
        }
        if let Some(hit) = setup.knowledge.concepts.lookup(words[i]) {
            let id = setup.knowledge.concepts.get(hit.concept).id;
            if !terms.contains(&id) {
                terms.push(id);
            }
        }
        i += 1;
    }
    match (terms.is_empty(), persons.is_empty()) {
        (false, false) => {
            for t in &terms {
                for p in &persons {
                    keys.push(Key {
                        term: Some(t.to_string()),
                        person: Some(p.to_string()),
                        ..Default::default()
                    });
                }
            }
        }
        (false, true) => keys.extend(
            terms.into_iter().map(|t| Key { term: Some(t.to_string()), ..Default::default() }),
        ),
        (true, false) => keys.extend(
            persons.into_iter().map(|p| Key { person: Some(p.to_string()), ..Default::default() }),
        ),
        (true, true) => {}
    }
    keys
}

struct Row {
    doc_id: i64,
    json: String,
}

/// Fetch one look-up's claims; true when it hit the limit (older claims left out).
fn fetch(
    archive: &Archive,
    name: &str,
    keys: &[&str],
    limit: usize,
    out: &mut BTreeMap<i64, Row>,
) -> Result<bool, ArchiveError> {
    let err = archive.sql_err("looking up archived claims");
    let mut stmt = archive.conn().prepare_cached(sql(name)).map_err(&err)?;
    let mut params: Vec<Value> = keys.iter().map(|k| Value::Text(k.to_string())).collect();
    params.push(Value::Integer(limit as i64));
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            Ok((r.get::<_, i64>(0)?, Row { doc_id: r.get(1)?, json: r.get(2)? }))
        })
        .map_err(&err)?;
    let mut n = 0;
    for r in rows {
        let (id, row) = r.map_err(&err)?;
        out.entry(id).or_insert(row);
        n += 1;
    }
    Ok(n >= limit)
}

/// A key's claims: a term matches a concept or a family.
fn fetch_key(
    archive: &Archive,
    key: &Key,
    limit: usize,
    out: &mut BTreeMap<i64, Row>,
) -> Result<bool, ArchiveError> {
    Ok(match (&key.term, &key.person) {
        (Some(t), Some(p)) => {
            fetch(archive, "sources_concept_person", &[t, p], limit, out)?
                | fetch(archive, "sources_family_person", &[t, p], limit, out)?
        }
        (Some(t), None) => {
            fetch(archive, "sources_concept", &[t], limit, out)?
                | fetch(archive, "sources_family", &[t], limit, out)?
        }
        (None, Some(p)) => fetch(archive, "sources_person", &[p], limit, out)?,
        (None, None) => false,
    })
}

fn matches(key: &Key, c: &Claim) -> bool {
    let term_ok = key
        .term
        .as_deref()
        .is_none_or(|t| c.concept.as_deref() == Some(t) || c.family.as_deref() == Some(t));
    let kind_ok = key.kind.as_ref().is_none_or(|k| k == c.kind.name());
    let qual_ok = key
        .qualifier
        .as_ref()
        .is_none_or(|q| c.qualifier.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(q)));
    let person_ok = key.person.as_deref().is_none_or(|p| c.principal.as_deref() == Some(p));
    term_ok && kind_ok && qual_ok && person_ok
}

/// A group's name, from what its key holds (of its first claim): the thing and what is said of
/// it (FL002: with the qualifier, and a duration's person), the previous event and the person
/// (FL003), the event and its people (FL005), the event and whether it is its end (FL009).
fn subject_name(rule: &Rule, c: &Claim) -> String {
    let thing = c.concept.or(c.noun).map_or_else(|| "event".to_string(), |t| t.to_string());
    match rule.check {
        Check::SinceArithmetic => {
            let p = c.principal.map(|p| format!(", {p}")).unwrap_or_default();
            format!("previous {}{p}", c.family.as_deref().unwrap_or("event"))
        }
        Check::RelativeVsAbsolute => {
            let people: Vec<&str> = c.persons.iter().collect();
            match (c.concept, people.is_empty()) {
                (Some(_), true) => thing,
                (Some(_), false) => format!("{thing}, {}", people.join(" and ")),
                (None, _) => format!("{}, {}", thing, c.principal.as_deref().unwrap_or("")),
            }
        }
        Check::TimeMismatch if c.phase == Some(crate::lang::Phase::End) => format!("{thing} (end)"),
        Check::TimeMismatch => thing,
        _ => {
            let mut s = thing;
            if let Some(r) = c.role.filter(|r| Some(*r) != c.concept) {
                s.push_str(&format!(" {}", r.replace('_', " ")));
            }
            if let Some(sc) = c.scope {
                s.push_str(&format!(" ({})", sc.replace('_', " ")));
            }
            if let Some(q) = c.qualifier {
                s.push_str(&format!(" ({})", q.to_lowercase()));
            }
            if let Some(p) = c.principal.filter(|_| c.kind == ClaimKind::Duration) {
                s.push_str(&format!(", {p}"));
            }
            s
        }
    }
}

struct Doc {
    published: Option<Date>,
    outlet: Option<String>,
    name: String,
    path: String,
    first_line: usize,
    source: String,
    base: usize,
    /// from `source` to the file, when the text was decoded from UTF-16 or Windows-1252
    map: Option<OffsetMap>,
}

fn load_doc(archive: &Archive, id: i64) -> Result<(Doc, DocMeta), ArchiveError> {
    let err = archive.sql_err("reading an archived document");
    let mut stmt = archive
        .conn()
        .prepare_cached("SELECT path, line, meta, source, source_base FROM documents WHERE id = ?1")
        .map_err(&err)?;
    let (path, line, meta, source, base): (String, i64, String, String, i64) = stmt
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .map_err(&err)?;
    let map = decode_offsets(&meta);
    let mut meta = decode_meta(&meta).map_err(|e| ArchiveError::Corrupt {
        path: archive.name(),
        what: format!("document {path}"),
        message: e.to_string(),
    })?;
    meta.path = Sym::new(&path);
    meta.line = (line > 0).then_some(line as usize);
    let name = if line > 0 { format!("{path}:{line}") } else { path.clone() };
    let doc = Doc {
        published: meta.published,
        outlet: meta.outlet.map(|o| o.to_string()),
        name,
        path,
        first_line: line.max(1) as usize,
        source,
        base: base.max(0) as usize,
        map,
    };
    Ok((doc, meta))
}

fn line_col(d: &Doc, off: usize) -> (usize, usize) {
    let pos = d.map.as_ref().map_or(off.saturating_sub(d.base), |m| m.to_text(off));
    let (line, col) = crate::report::human::line_col(&d.source, pos);
    (d.first_line - 1 + line, col)
}

/// The query read: the keys it gives, its own claims, and its publication date.
type Query = (Vec<Key>, Vec<Claim>, Option<Date>);

fn read_query(setup: &Setup, query: &str, opts: &SourcesOptions) -> Query {
    match parse_key(query) {
        // a bare id may name a concept, a family or a person
        Some(k) if k.kind.is_none() && k.qualifier.is_none() && k.person.is_none() => {
            let person = Key { person: k.term.clone(), ..Default::default() };
            (vec![k, person], Vec::new(), None)
        }
        Some(k) => (vec![k], Vec::new(), None),
        None => read_text(setup, query, opts),
    }
}

/// Fetched claims by archive id, the ids of those the query names, and whether a look-up hit
/// the limit.
type Fetched = (BTreeMap<i64, Row>, Vec<i64>, bool);

/// The archived claims the query names, then every claim of the groups the rules put them in
/// (so a group is weighed whole); true when a look-up hit the limit. Returns the claims matching
/// the query by id too.
fn fetch_groups(
    archive: &Archive,
    setup: &Setup,
    keys: &[Key],
    limit: usize,
) -> Result<Fetched, ArchiveError> {
    let mut rows: BTreeMap<i64, Row> = BTreeMap::new();
    let mut truncated = false;
    for k in keys {
        truncated |= fetch_key(archive, k, limit, &mut rows)?;
    }
    let mut named = Vec::new();
    let mut group_keys: std::collections::BTreeSet<String> = Default::default();
    for (id, r) in &rows {
        let c = decode(archive, *id, &r.json)?;
        if keys.iter().any(|k| matches(k, &c)) {
            named.push(*id);
            group_keys
                .extend(setup.rules.iter().filter(|r| r.enabled).filter_map(|r| group_key(r, &c)));
        }
    }
    rows.retain(|id, _| named.binary_search(id).is_ok());
    for key in &group_keys {
        truncated |= fetch(archive, "sources_key", &[key], limit, &mut rows)?;
    }
    Ok((rows, named, truncated))
}

fn decode(archive: &Archive, id: i64, json: &str) -> Result<Claim, ArchiveError> {
    decode_claim(json, DocId(0)).map_err(|e| ArchiveError::Corrupt {
        path: archive.name(),
        what: format!("claim {id}"),
        message: e.to_string(),
    })
}

/// The fetched claims as a run has them: their documents in path order (as a corpus is read),
/// each document's claims together in their order; with each claim's archive id.
struct Run {
    docs: Vec<Doc>,
    metas: Vec<DocMeta>,
    claims: Vec<Claim>,
    ids: Vec<i64>,
}

fn as_run(archive: &Archive, rows: &BTreeMap<i64, Row>) -> Result<Run, ArchiveError> {
    let doc_ids: std::collections::BTreeSet<i64> = rows.values().map(|r| r.doc_id).collect();
    let mut docs: Vec<(i64, Doc, DocMeta)> = Vec::new();
    for id in doc_ids {
        let (d, m) = load_doc(archive, id)?;
        docs.push((id, d, m));
    }
    docs.sort_by(|a, b| (&a.1.path, a.1.first_line, a.0).cmp(&(&b.1.path, b.1.first_line, b.0)));
    let index: HashMap<i64, DocId> =
        docs.iter().enumerate().map(|(i, d)| (d.0, DocId(i as u32))).collect();
    let mut claims: Vec<(Claim, i64)> = Vec::new();
    for (id, r) in rows {
        let mut c = decode(archive, *id, &r.json)?;
        c.doc = index.get(&r.doc_id).copied().unwrap_or_default();
        claims.push((c, *id));
    }
    claims.sort_by_key(|(c, _)| (c.doc, c.sentence, c.ordinal, c.start));
    let (mut claims, ids): (Vec<Claim>, _) = claims.into_iter().unzip();
    claims::number(&mut claims);
    let (docs, metas) = docs.into_iter().map(|(_, d, m)| (d, m)).unzip();
    Ok(Run { docs, metas, claims, ids })
}

/// The classes as the view shows them: the outlets of each, and its standing as the rule judged
/// the group (a conflict with no majority: the classes split).
fn class_list(g: &Group, classes: &[Vec<ClaimIdx>], run: &Run) -> Vec<Class> {
    let claims = &run.claims;
    let doc = |i: ClaimIdx| &run.docs[claims[i.index()].doc.index()];
    let ndocs = |cl: &Vec<ClaimIdx>| doc_count(cl.iter().map(|&i| claims[i.index()].doc));
    let tie = g.verdict == Verdict::Conflict
        && classes.len() > 1
        && ndocs(&classes[0]) == ndocs(&classes[1]);
    classes
        .iter()
        .map(|cl| {
            let against = cl.iter().any(|i| g.dissent.contains(i));
            let mut outlets: Vec<String> = Vec::new();
            for &i in cl {
                let d = doc(i);
                let o = d.outlet.clone().unwrap_or_else(|| d.name.clone());
                if !outlets.contains(&o) {
                    outlets.push(o);
                }
            }
            let standing = match (tie, against, ndocs(cl)) {
                (true, _, n) if n == ndocs(&classes[0]) => "split",
                (_, true, _) => "disagree",
                (_, false, n) if n >= 2 => "agree",
                _ => "single",
            };
            Class {
                value: claims[cl[0].index()].value_text(),
                standing,
                outlets,
                documents: ndocs(cl),
            }
        })
        .collect()
}

/// The group's claims in time order, each with its class.
fn entries(g: &Group, classes: &[Vec<ClaimIdx>], run: &Run) -> Vec<Entry> {
    let claims = &run.claims;
    let doc = |i: ClaimIdx| &run.docs[claims[i.index()].doc.index()];
    let mut members = g.claims.clone();
    members.sort_by(|&a, &b| {
        (doc(a).published, &doc(a).path, claims[a.index()].start).cmp(&(
            doc(b).published,
            &doc(b).path,
            claims[b.index()].start,
        ))
    });
    members
        .iter()
        .map(|&i| {
            let (c, d) = (&claims[i.index()], doc(i));
            let (line, column) = line_col(d, c.start);
            Entry {
                published: d.published,
                outlet: d.outlet.clone(),
                path: d.path.clone(),
                line,
                column,
                value: c.value_text(),
                reading: c.reading(d.published),
                text: c.text.to_string(),
                class: classes.iter().position(|cl| cl.contains(&i)).unwrap_or(0),
            }
        })
        .collect()
}

/// One group as the view shows it: its claims in time order, the classes of agreeing values by
/// the rule's own test, each standing as the rule judged it, and where the query's own claim on
/// it stands.
fn subject_of(rule: &Rule, g: &Group, run: &Run, query: &(Vec<Claim>, Option<Date>)) -> Subject {
    let claims = &run.claims;
    let classes = g.classes(rule, claims);
    let first = &claims[g.claims[0].index()];
    let own = query.0.iter().find(|q| group_key(rule, q).as_deref() == Some(&g.key));
    let query_class =
        own.and_then(|q| classes.iter().position(|cl| agrees(rule, &claims[cl[0].index()], q)));
    Subject {
        subject: subject_name(rule, first),
        kind: first.kind.name(),
        rule: rule.code.clone(),
        key: g.key.clone(),
        verdict: g.verdict.name(),
        claims: entries(g, &classes, run),
        classes: class_list(g, &classes, run),
        query_value: own.map(|q| q.reading(query.1)),
        query_class,
    }
}

/// Look the query up in the archive at `db`: the claims it names, grouped and weighed by the
/// rules (`rules::judge`), one subject a group that holds a claim the query names.
pub fn sources(
    setup: &Setup,
    db: &Path,
    query: &str,
    opts: &SourcesOptions,
) -> Result<SourcesView, ArchiveError> {
    let archive = Archive::open_read(db)?;
    let (keys, query_claims, query_published) = read_query(setup, query, opts);
    let (rows, named, truncated) = fetch_groups(&archive, setup, &keys, opts.limit.max(1))?;
    let run = as_run(&archive, &rows)?;
    let (_, _, groups) = judge(&setup.rules, &run.metas, &run.claims);
    let named: Vec<ClaimIdx> = (0..run.ids.len() as u32)
        .map(ClaimIdx)
        .filter(|&i| named.binary_search(&run.ids[i.index()]).is_ok())
        .collect();
    let own = (query_claims, query_published);
    let mut subjects: Vec<Subject> = groups
        .iter()
        .filter(|g| g.claims.iter().any(|i| named.contains(i)))
        .filter_map(|g| {
            let rule = setup.rules.iter().find(|r| r.code == g.code)?;
            Some(subject_of(rule, g, &run, &own))
        })
        .collect();
    // subjects the text's own claims bear on first, then the best attested
    subjects.sort_by(|a, b| {
        b.query_value
            .is_some()
            .cmp(&a.query_value.is_some())
            .then(b.claims.len().cmp(&a.claims.len()))
            .then(a.subject.cmp(&b.subject))
    });
    Ok(SourcesView {
        db: archive.name(),
        query: query.to_string(),
        keys: keys.iter().map(Key::to_string).collect(),
        subjects,
        truncated,
    })
}

impl SourcesView {
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn human(&self) -> String {
        let mut out = String::new();
        if self.keys.is_empty() {
            out.push_str(&format!(
                "nothing to look up in “{}”: name a person or an event, or give a key like visit@kim, travel@kim, drone(shahed), @putin\n",
                self.query
            ));
            return out;
        }
        let n: usize = self.subjects.iter().map(|s| s.claims.len()).sum();
        out.push_str(&format!(
            "{}: {} on {} ({})\n",
            self.db,
            plural(n, "claim"),
            self.keys.join(", "),
            plural(self.subjects.len(), "subject")
        ));
        if self.truncated {
            out.push_str(
                "(the most recent only: a look-up reached --limit; raise it to go further back)\n",
            );
        }
        for s in &self.subjects {
            s.human(&mut out);
        }
        out
    }
}

impl Subject {
    /// The subject for people: a header with the rule's verdict, the claims in time order (a
    /// dissent marked ✗), the classes, and where the query's own value stands.
    fn human(&self, out: &mut String) {
        let mut docs: Vec<(&str, usize)> =
            self.claims.iter().map(|e| (e.path.as_str(), e.line)).collect();
        docs.sort_unstable();
        docs.dedup_by_key(|d| d.0);
        out.push_str(&format!(
            "\n{} [{}] — {} in {} — {}: {}\n",
            self.subject,
            self.kind,
            plural(self.claims.len(), "claim"),
            plural(docs.len(), "document"),
            self.rule,
            self.verdict
        ));
        let width = |f: &dyn Fn(&Entry) -> usize| self.claims.iter().map(f).max().unwrap_or(1);
        let ow = width(&|e| e.outlet.as_deref().unwrap_or("-").chars().count());
        let rw = width(&|e| e.reading.chars().count());
        let tw = width(&|e| e.text.chars().count() + 2);
        for e in &self.claims {
            let date = e.published.map(|d| d.to_string()).unwrap_or_else(|| "undated   ".into());
            let outlet = e.outlet.as_deref().unwrap_or("-");
            let against = self.classes.get(e.class).is_some_and(|c| c.standing == "disagree");
            let mark = if against { "✗" } else { " " };
            let quote = format!("“{}”", e.text);
            out.push_str(&format!(
                "  {mark} {date}  {outlet:<ow$}  {:<rw$}  {quote:<tw$}  {}:{}:{}\n",
                e.reading, e.path, e.line, e.column
            ));
        }
        for c in &self.classes {
            out.push_str(&format!(
                "  {:<9} {} — {} ({})\n",
                c.standing,
                c.value,
                c.outlets.join(", "),
                plural(c.documents, "document")
            ));
        }
        if let Some(v) = &self.query_value {
            out.push_str(&format!("  your text {v} — {}\n", self.query_standing()));
        }
    }

    /// Where the query's own value stands among the classes.
    fn query_standing(&self) -> String {
        match self.query_class.and_then(|i| self.classes.get(i)) {
            Some(c) if c.standing == "agree" || c.standing == "single" => {
                format!("agrees with {}", c.outlets.join(", "))
            }
            Some(c) => format!(
                "sides with {} ({}), against the majority",
                c.outlets.join(", "),
                c.standing
            ),
            None => match self.classes.first() {
                Some(m) if m.standing == "agree" => {
                    format!("disagrees with the majority ({}: {})", m.value, m.outlets.join(", "))
                }
                _ => "matches no archived source".to_string(),
            },
        }
    }
}
