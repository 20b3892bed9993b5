//! `factlint check DRAFT... --against archive.db`: the rules between a draft and the archive.
//!
//! For each draft claim the archive is asked, through its indexes, for the claims a rule could
//! compare it with: the same concept and kind (counts, parts, durations, dates), the same event
//! family and person (since claims), and the dated starts and ends or the durations of the same
//! event or person (duration vs dates), published within a window around the draft. Those claims
//! and their documents are put together with the draft's (the archived ones first, so a tied
//! majority vote goes to what was published) and the rules run over the whole; what is kept is
//! what concerns the draft: a majority vote the draft loses, or any other diagnostic naming it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rusqlite::types::Value;

use super::store::{decode_claim, decode_meta, decode_offsets};
use super::{Archive, ArchiveError};
use crate::app::{self, RunOptions, Setup};
use crate::calendar as resolve;
use crate::claims::{Claim, ClaimKind, Sym};
use crate::corpus::OffsetMap;
use crate::lang::TimeUnit;
use crate::report::{DocMeta, Report};
use crate::rules::{self, Check};

#[derive(Debug, Clone)]
pub struct AgainstOptions {
    /// compare with archived articles published within this many days of the draft (0: any time)
    pub within_days: i64,
    /// most archived claims fetched by one look-up (the nearest in time are kept)
    pub limit: usize,
}

impl Default for AgainstOptions {
    fn default() -> Self {
        AgainstOptions { within_days: 7, limit: 2000 }
    }
}

/// An archived document taking part in a check, with the text its claim spans point into.
#[derive(Debug, Clone)]
pub struct ArchivedDoc {
    pub id: i64,
    /// the stored text: the whole file, or for a JSONL article its line
    pub source: Arc<String>,
    /// file offset of `source`'s first byte
    pub base: usize,
    /// from `source` to the file, when the text was decoded from UTF-16 or Windows-1252
    pub map: Option<Arc<OffsetMap>>,
}

impl ArchivedDoc {
    /// The offset in `source` of file offset `off`.
    pub fn pos(&self, off: usize) -> usize {
        match &self.map {
            Some(m) => m.to_text(off),
            None => off.saturating_sub(self.base),
        }
    }
}

/// A draft checked against an archive.
#[derive(Debug)]
pub struct Against {
    /// documents: the archived documents compared, then the drafts (`report.documents[first_draft..]`);
    /// claims: the archived ones, then the drafts'; diagnostics and corroborations that concern a draft
    pub report: Report,
    /// how many drafts were read
    pub drafts: usize,
    /// index of the first draft in `report.documents`
    pub first_draft: usize,
    /// the archived documents, in their order in `report.documents`
    pub archived: Vec<ArchivedDoc>,
    /// archived claims fetched and compared
    pub compared: usize,
    pub db: String,
}

impl Against {
    pub fn is_draft(&self, doc: u32) -> bool {
        (doc as usize) >= self.first_draft
    }
    /// The stored document behind `report.documents[doc]`, if it is an archived one.
    pub fn archived(&self, doc: u32) -> Option<&ArchivedDoc> {
        self.archived.get(doc as usize)
    }
    /// The drafts' metadata.
    pub fn draft_documents(&self) -> &[DocMeta] {
        self.report.documents.get(self.first_draft..).unwrap_or_default()
    }
}

/// The look-ups, by name. Parameters: keys first, then from, to (publication window), at (the
/// draft's date, nearest first) and limit. Each names its index (`INDEXED BY`): the planner may not
/// fall back to scanning `claims`, and a query the index cannot serve fails to prepare.
pub(crate) const LOOKUPS: &[(&str, &str)] = &[
    (
        "concept",
        "SELECT id, doc_id, kind, claim FROM (
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_concept
             WHERE concept = ?1 AND kind = ?2 AND published BETWEEN ?3 AND ?4
           UNION ALL
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_concept
             WHERE concept = ?1 AND kind = ?2 AND published IS NULL)
         ORDER BY abs(julianday(published) - julianday(?5)) LIMIT ?6",
    ),
    (
        "concept_person",
        "SELECT id, doc_id, kind, claim FROM (
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_concept
             WHERE concept = ?1 AND kind = ?2 AND published BETWEEN ?3 AND ?4 AND (principal = ?7 OR principal IS NULL)
           UNION ALL
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_concept
             WHERE concept = ?1 AND kind = ?2 AND published IS NULL AND (principal = ?7 OR principal IS NULL))
         ORDER BY abs(julianday(published) - julianday(?5)) LIMIT ?6",
    ),
    (
        "family_person",
        "SELECT id, doc_id, kind, claim FROM (
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_family
             WHERE family = ?1 AND principal = ?2 AND kind = 'since' AND published BETWEEN ?3 AND ?4
           UNION ALL
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_family
             WHERE family = ?1 AND principal = ?2 AND kind = 'since' AND published IS NULL)
         ORDER BY abs(julianday(published) - julianday(?5)) LIMIT ?6",
    ),
    (
        "family_nobody",
        "SELECT id, doc_id, kind, claim FROM (
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_family
             WHERE family = ?1 AND principal IS NULL AND kind = 'since' AND published BETWEEN ?2 AND ?3
           UNION ALL
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_family
             WHERE family = ?1 AND principal IS NULL AND kind = 'since' AND published IS NULL)
         ORDER BY abs(julianday(published) - julianday(?4)) LIMIT ?5",
    ),
    (
        "person",
        "SELECT id, doc_id, kind, claim FROM (
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_principal
             WHERE principal = ?1 AND kind = ?2 AND published BETWEEN ?3 AND ?4
           UNION ALL
           SELECT id, doc_id, kind, claim, published FROM claims INDEXED BY claims_principal
             WHERE principal = ?1 AND kind = ?2 AND published IS NULL)
         ORDER BY abs(julianday(published) - julianday(?5)) LIMIT ?6",
    ),
    ("doc_dates", "SELECT id, doc_id, kind, claim FROM claims INDEXED BY claims_doc WHERE doc_id = ?1 AND kind = 'date'"),
    ("document", "SELECT path, line, meta, source, source_base FROM documents WHERE id = ?1"),
];

fn sql(name: &str) -> &'static str {
    LOOKUPS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or("SELECT 0, 0, '', '' WHERE 0")
}

/// One look-up to make: its name and parameters (deduplicated across draft claims).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Lookup {
    name: &'static str,
    params: Vec<P>,
}

/// A look-up parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum P {
    T(String),
    I(i64),
}

/// The publication window of a draft document: (from, to, at).
fn window(d: &DocMeta, days: i64) -> (String, String, String) {
    match d.published {
        Some(p) if days > 0 => (
            resolve::add_days(p, -days)
                .map(|x| x.to_string())
                .unwrap_or_else(|| "0000-01-01".into()),
            resolve::add_days(p, days)
                .map(|x| x.to_string())
                .unwrap_or_else(|| "9999-12-31".into()),
            p.to_string(),
        ),
        Some(p) => ("0000-01-01".into(), "9999-12-31".into(), p.to_string()),
        // an undated draft: any time, most recent first
        None => ("0000-01-01".into(), "9999-12-31".into(), "9999-12-31".into()),
    }
}

/// The look-ups that find every archived claim a rule could compare `c` with.
fn lookups_for(c: &Claim, w: &(String, String, String), limit: usize, out: &mut HashSet<Lookup>) {
    let mut push = |name: &'static str, keys: Vec<String>, extra: Option<String>| {
        let mut params: Vec<P> = keys.into_iter().map(P::T).collect();
        params.extend([
            P::T(w.0.clone()),
            P::T(w.1.clone()),
            P::T(w.2.clone()),
            P::I(limit as i64),
        ]);
        params.extend(extra.map(P::T));
        out.insert(Lookup { name, params });
    };
    let kind = c.kind.name().to_string();
    // FL002, FL005 (and FL004's anchors of the same event): the same concept and kind. Durations
    // are about someone's visit or meeting: one about a person is compared with those about that
    // person and those naming nobody; counts and dates whoever is named.
    if let Some(concept) = &c.concept {
        match (&c.principal, c.kind) {
            (Some(p), ClaimKind::Duration) => {
                push("concept_person", vec![concept.to_string(), kind.clone()], Some(p.to_string()))
            }
            _ => push("concept", vec![concept.to_string(), kind.clone()], None),
        }
    }
    match c.kind {
        // FL003: the previous event of the same family, for the same person (or for nobody named)
        ClaimKind::Since => match (&c.family, &c.principal) {
            (Some(f), Some(p)) => push("family_person", vec![f.to_string(), p.to_string()], None),
            (Some(f), None) => push("family_nobody", vec![f.to_string()], None),
            _ => {}
        },
        // FL004: a duration in days against dated starts and ends of its event or its person
        ClaimKind::Duration if c.unit == Some(TimeUnit::Day) => {
            if let Some(concept) = &c.concept {
                push("concept", vec![concept.to_string(), "date".into()], None);
            }
            if let Some(p) = &c.principal {
                push("person", vec![p.to_string(), "date".into()], None);
            }
        }
        // FL004 the other way: a dated start or end against archived durations
        ClaimKind::Date if c.phase.is_some() => match (&c.concept, &c.principal) {
            (Some(concept), _) => {
                push("concept", vec![concept.to_string(), "duration".into()], None)
            }
            (None, Some(p)) => push("person", vec![p.to_string(), "duration".into()], None),
            _ => {}
        },
        _ => {}
    }
}

/// A fetched claim row.
struct Row {
    id: i64,
    doc_id: i64,
    kind: String,
    json: String,
}

fn fetch(
    archive: &Archive,
    name: &'static str,
    params: &[P],
    out: &mut BTreeMap<i64, Row>,
) -> Result<(), ArchiveError> {
    let err = archive.sql_err("looking up archived claims");
    let mut stmt = archive.conn().prepare_cached(sql(name)).map_err(&err)?;
    let values = params.iter().map(|p| match p {
        P::T(s) => Value::Text(s.clone()),
        P::I(i) => Value::Integer(*i),
    });
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values), |r| {
            Ok(Row { id: r.get(0)?, doc_id: r.get(1)?, kind: r.get(2)?, json: r.get(3)? })
        })
        .map_err(&err)?;
    for r in rows {
        let r = r.map_err(&err)?;
        out.entry(r.id).or_insert(r);
    }
    Ok(())
}

/// A stored document row.
struct DocRow {
    meta: DocMeta,
    source: String,
    base: usize,
    map: Option<OffsetMap>,
}

fn fetch_doc(archive: &Archive, id: i64) -> Result<DocRow, ArchiveError> {
    let err = archive.sql_err("reading an archived document");
    let mut stmt = archive.conn().prepare_cached(sql("document")).map_err(&err)?;
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
    Ok(DocRow { meta, source, base: base.max(0) as usize, map })
}

/// The same file, however it was named.
fn same_file(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (pa, pb) = (Path::new(a), Path::new(b));
    if pa.file_name() != pb.file_name() {
        return false;
    }
    match (pa.canonicalize(), pb.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Check the drafts `run.paths` against the archive at `db`.
pub fn check_against(
    setup: &Setup,
    run: &RunOptions,
    db: &Path,
    opts: &AgainstOptions,
) -> Result<Against, ArchiveError> {
    let archive = Archive::open_read(db)?;
    let mut report = app::collect(setup, run);
    let drafts = report.documents.len();
    let mut against = Against {
        report: Report::default(),
        drafts,
        first_draft: 0,
        archived: Vec::new(),
        compared: 0,
        db: archive.name(),
    };
    if drafts == 0 {
        against.report = report;
        return Ok(against);
    }

    // look-ups, each once
    let windows: Vec<_> = report.documents.iter().map(|d| window(d, opts.within_days)).collect();
    let mut lookups = HashSet::new();
    for c in &report.claims {
        if let Some(w) = windows.get(c.doc as usize) {
            lookups_for(c, w, opts.limit.max(1), &mut lookups);
        }
    }
    let mut lookups: Vec<Lookup> = lookups.into_iter().collect();
    lookups.sort();
    let mut rows: BTreeMap<i64, Row> = BTreeMap::new();
    for l in &lookups {
        fetch(&archive, l.name, &l.params, &mut rows)?;
    }
    // an archived duration is read with the dates of its own article (FL004 takes the start and
    // end from the duration's own sentence, then its own article, before other sources)
    let own: HashSet<i64> =
        rows.values().filter(|r| r.kind == "duration").map(|r| r.doc_id).collect();
    let mut own: Vec<_> = own.into_iter().collect();
    own.sort_unstable();
    for doc in own {
        fetch(&archive, "doc_dates", &[P::I(doc)], &mut rows)?;
    }

    // their documents, minus any that is one of the drafts (a draft is not checked against itself)
    let mut docs: BTreeMap<i64, DocRow> = BTreeMap::new();
    let doc_ids: HashSet<i64> = rows.values().map(|r| r.doc_id).collect();
    for id in doc_ids {
        let d = fetch_doc(&archive, id)?;
        let is_draft = report
            .documents
            .iter()
            .any(|x| x.line == d.meta.line && same_file(&x.path, &d.meta.path));
        if !is_draft {
            docs.insert(id, d);
        }
    }
    // The archived documents come first, in time order, the drafts after them: a rule's majority
    // vote breaks ties by publication date and then by position, so a draft that disagrees with
    // one archived article of the same day is the one reported, not the published article.
    let mut order: Vec<(i64, DocRow)> = docs.into_iter().collect();
    order.sort_by(|(ia, a), (ib, b)| {
        (a.meta.published, &a.meta.path, a.meta.line, ia).cmp(&(
            b.meta.published,
            &b.meta.path,
            b.meta.line,
            ib,
        ))
    });
    let mut index_of: HashMap<i64, u32> = HashMap::new();
    let mut documents: Vec<DocMeta> = Vec::with_capacity(order.len() + drafts);
    for (id, d) in order {
        index_of.insert(id, documents.len() as u32);
        documents.push(d.meta);
        against.archived.push(ArchivedDoc {
            id,
            source: Arc::new(d.source),
            base: d.base,
            map: d.map.map(Arc::new),
        });
    }
    let first_draft = documents.len();
    against.first_draft = first_draft;
    documents.append(&mut report.documents);
    report.documents = documents;
    let draft_claims = std::mem::take(&mut report.claims);
    let mut archived_claims: Vec<Claim> = Vec::new();
    for r in rows.values() {
        let Some(&doc) = index_of.get(&r.doc_id) else { continue };
        let c = decode_claim(&r.json, doc).map_err(|e| ArchiveError::Corrupt {
            path: archive.name(),
            what: format!("claim {}", r.id),
            message: e.to_string(),
        })?;
        archived_claims.push(c);
    }
    archived_claims.sort_by_key(|c| (c.doc, c.start, c.ordinal));
    against.compared = archived_claims.len();
    report.claims = archived_claims;
    report.claims.extend(draft_claims.into_iter().map(|mut c| {
        c.doc += first_draft as u32;
        c
    }));

    let (diagnostics, corroborations) = rules::run(&setup.rules, &report.documents, &report.claims);
    let check_of = |code: &str| setup.rules.iter().find(|r| r.code == code).map(|r| r.check);
    let draft = |doc: u32| (doc as usize) >= first_draft;
    report.diagnostics = diagnostics
        .into_iter()
        .filter(|d| match check_of(&d.code) {
            // a majority vote concerns the draft when the draft is the one outvoted; a draft that
            // sides with the majority is not wrong because an archived source dissents
            Some(Check::ValueMismatch | Check::SinceArithmetic) => {
                d.labels.iter().any(|l| l.primary && draft(l.doc))
            }
            _ => d.labels.iter().any(|l| draft(l.doc)),
        })
        .collect();
    report.corroborations = corroborations
        .into_iter()
        .filter(|c| c.sources.iter().any(|s| s.doc(&report.claims).is_some_and(draft)))
        .collect();
    against.report = report;
    Ok(against)
}
