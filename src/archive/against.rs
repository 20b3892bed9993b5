//! `factlint check DRAFT... --against archive.db`: the rules between a draft and the archive.
//!
//! For each draft claim the archive is asked, through its indexes, for the claims a rule could
//! compare it with: those stored under the keys the rules group it by (`rules::keys`: FL002's
//! frame, FL003's family and person, FL005's event, FL009's event and end, FL004's anchors),
//! published within a window around the draft, and for an archived duration (FL004) its own
//! article's claims. No key is made here: a rule's new or changed key reaches the archive. Those claims
//! and their documents are put together with the draft's (the archived ones first, so a tied
//! majority vote goes to what was published) and the rules run over the whole; what is kept is
//! what concerns the draft: a majority vote the draft loses, or any other diagnostic naming it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rusqlite::types::Value;

use super::store::{decode_claim, decode_meta, decode_offsets};
use super::{Archive, ArchiveError};
use crate::app::{self, RunOptions, Setup};
use crate::calendar as resolve;
use crate::claims::{self, Claim, DocId, Sym};
use crate::corpus::OffsetMap;
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
pub(crate) struct ArchivedDoc {
    /// the stored text: the whole file, or for a JSONL article its line
    pub(crate) source: Arc<String>,
    /// file offset of `source`'s first byte
    pub(crate) base: usize,
    /// from `source` to the file, when the text was decoded from UTF-16 or Windows-1252
    pub(crate) map: Option<Arc<OffsetMap>>,
}

impl ArchivedDoc {
    /// The offset in `source` of file offset `off`.
    pub(crate) fn pos(&self, off: usize) -> usize {
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
    pub(crate) drafts: usize,
    /// index of the first draft in `report.documents`
    pub(crate) first_draft: usize,
    /// the archived documents, in their order in `report.documents`
    pub(crate) archived: Vec<ArchivedDoc>,
    /// archived claims fetched and compared
    pub(crate) compared: usize,
    pub(crate) db: String,
}

impl Against {
    pub fn is_draft(&self, doc: DocId) -> bool {
        doc.index() >= self.first_draft
    }
    /// The stored document behind `report.documents[doc]`, if it is an archived one.
    pub(crate) fn archived(&self, doc: DocId) -> Option<&ArchivedDoc> {
        self.archived.get(doc.index())
    }
    /// The drafts' metadata.
    pub(crate) fn draft_documents(&self) -> &[DocMeta] {
        self.report.documents.get(self.first_draft..).unwrap_or_default()
    }
}

/// The look-ups, by name. `key`: the archived claims a rule groups under one key
/// (`rules::keys`, stored in `claim_keys`) published from ?2 to ?3 or undated, nearest in time to
/// ?4 (the draft's date) first, at most ?5. Each names its index (`INDEXED BY`): the planner may
/// not fall back to scanning a table, and a query the index cannot serve fails to prepare.
pub(crate) const LOOKUPS: &[(&str, &str)] = &[
    (
        "key",
        "SELECT c.id, c.doc_id, c.claim FROM (
           SELECT claim_id, published FROM claim_keys INDEXED BY claim_keys_key
             WHERE key = ?1 AND published BETWEEN ?2 AND ?3
           UNION ALL
           SELECT claim_id, published FROM claim_keys INDEXED BY claim_keys_key
             WHERE key = ?1 AND published IS NULL) k
         JOIN claims c ON c.id = k.claim_id
         ORDER BY abs(julianday(k.published) - julianday(?4)) LIMIT ?5",
    ),
    ("doc_claims", "SELECT id, doc_id, claim FROM claims INDEXED BY claims_doc WHERE doc_id = ?1"),
    ("document", "SELECT path, line, meta, source, source_base FROM documents WHERE id = ?1"),
];

fn sql(name: &str) -> &'static str {
    LOOKUPS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s).unwrap_or("SELECT 0, 0, '' WHERE 0")
}

/// A key look-up to make (deduplicated across draft claims): the key, and the draft's window.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Lookup {
    key: String,
    window: (String, String, String),
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

/// The look-ups that find every archived claim a rule could compare a draft claim with: the
/// keys the enabled rules group it by, in its document's window.
fn lookups(setup: &Setup, report: &Report, within_days: i64) -> Vec<Lookup> {
    let windows: Vec<_> = report.documents.iter().map(|d| window(d, within_days)).collect();
    let mut out: HashSet<Lookup> = HashSet::new();
    for c in &report.claims {
        let Some(w) = windows.get(c.doc.index()) else { continue };
        for rule in setup.rules.iter().filter(|r| r.enabled) {
            for key in rules::keys(rule.check, c) {
                out.insert(Lookup { key, window: w.clone() });
            }
        }
    }
    let mut out: Vec<Lookup> = out.into_iter().collect();
    out.sort();
    out
}

/// A fetched claim (its `doc` not yet set), by its archive id.
struct Row {
    doc_id: i64,
    claim: Claim,
}

fn fetch(
    archive: &Archive,
    name: &'static str,
    params: Vec<Value>,
    out: &mut BTreeMap<i64, Row>,
) -> Result<(), ArchiveError> {
    let err = archive.sql_err("looking up archived claims");
    let mut stmt = archive.conn().prepare_cached(sql(name)).map_err(&err)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
        })
        .map_err(&err)?;
    for r in rows {
        let (id, doc_id, json) = r.map_err(&err)?;
        if let std::collections::btree_map::Entry::Vacant(e) = out.entry(id) {
            let claim = decode_claim(&json, DocId(0)).map_err(|e| ArchiveError::Corrupt {
                path: archive.name(),
                what: format!("claim {id}"),
                message: e.to_string(),
            })?;
            e.insert(Row { doc_id, claim });
        }
    }
    Ok(())
}

/// The archived claims the rules could compare the drafts' claims with, and for a claim a rule
/// reads with its own article (FL004's duration), that article's claims.
fn fetch_related(
    archive: &Archive,
    setup: &Setup,
    report: &Report,
    opts: &AgainstOptions,
) -> Result<BTreeMap<i64, Row>, ArchiveError> {
    let mut rows: BTreeMap<i64, Row> = BTreeMap::new();
    let limit = opts.limit.max(1) as i64;
    for l in lookups(setup, report, opts.within_days) {
        let (from, to, at) = l.window;
        let params = vec![
            Value::Text(l.key),
            Value::Text(from),
            Value::Text(to),
            Value::Text(at),
            Value::Integer(limit),
        ];
        fetch(archive, "key", params, &mut rows)?;
    }
    let reads_own = |c: &Claim| {
        setup.rules.iter().any(|r| r.enabled && rules::groups::reads_own_document(r.check, c))
    };
    let own: BTreeSet<i64> =
        rows.values().filter(|r| reads_own(&r.claim)).map(|r| r.doc_id).collect();
    for doc in own {
        fetch(archive, "doc_claims", vec![Value::Integer(doc)], &mut rows)?;
    }
    Ok(rows)
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

/// The documents of the fetched claims, minus any that is one of the drafts (a draft is not
/// checked against itself), in time order: a rule's majority vote breaks ties by publication
/// date and then by position, so a draft that disagrees with one archived article of the same
/// day is the one reported, not the published article.
fn fetch_documents(
    archive: &Archive,
    rows: &BTreeMap<i64, Row>,
    drafts: &[DocMeta],
) -> Result<Vec<(i64, DocRow)>, ArchiveError> {
    let ids: BTreeSet<i64> = rows.values().map(|r| r.doc_id).collect();
    let mut docs: Vec<(i64, DocRow)> = Vec::new();
    for id in ids {
        let d = fetch_doc(archive, id)?;
        let is_draft =
            drafts.iter().any(|x| x.line == d.meta.line && same_file(&x.path, &d.meta.path));
        if !is_draft {
            docs.push((id, d));
        }
    }
    docs.sort_by(|(ia, a), (ib, b)| {
        (a.meta.published, &a.meta.path, a.meta.line, ia).cmp(&(
            b.meta.published,
            &b.meta.path,
            b.meta.line,
            ib,
        ))
    });
    Ok(docs)
}

/// The archived documents and their claims first, the drafts' after them (renumbered).
fn put_together(
    against: &mut Against,
    mut report: Report,
    rows: BTreeMap<i64, Row>,
    docs: Vec<(i64, DocRow)>,
) {
    let mut index_of: HashMap<i64, DocId> = HashMap::new();
    let mut documents: Vec<DocMeta> = Vec::with_capacity(docs.len() + report.documents.len());
    for (id, d) in docs {
        index_of.insert(id, DocId(documents.len() as u32));
        documents.push(d.meta);
        against.archived.push(ArchivedDoc {
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
    let mut archived: Vec<Claim> = rows
        .into_values()
        .filter_map(|r| {
            let mut c = r.claim;
            c.doc = *index_of.get(&r.doc_id)?;
            Some(c)
        })
        .collect();
    archived.sort_by_key(|c| (c.doc, c.start, c.ordinal));
    against.compared = archived.len();
    report.claims = archived;
    report.claims.extend(draft_claims.into_iter().map(|mut c| {
        c.doc = DocId(c.doc.0 + first_draft as u32);
        c
    }));
    // (the list as the rules name its claims: each at its place)
    claims::number(&mut report.claims);
    against.report = report;
}

/// Run the rules over the whole and keep what concerns a draft: a majority vote the draft loses,
/// or any other diagnostic naming it; the corroborations a draft takes part in.
fn judge(setup: &Setup, against: &mut Against) {
    let report = &mut against.report;
    let (diagnostics, corroborations) = rules::run(&setup.rules, &report.documents, &report.claims);
    let check_of = |code: &str| setup.rules.iter().find(|r| r.code == code).map(|r| r.check);
    let first_draft = against.first_draft;
    let draft = |doc: DocId| doc.index() >= first_draft;
    report.diagnostics = diagnostics
        .into_iter()
        .filter(|d| match check_of(&d.code) {
            // a majority vote concerns the draft when the draft is the one outvoted; a draft that
            // sides with the majority is not wrong because an archived source dissents
            Some(Check::ValueMismatch | Check::SinceArithmetic | Check::TimeMismatch) => {
                d.labels.iter().any(|l| l.primary && draft(l.doc))
            }
            _ => d.labels.iter().any(|l| draft(l.doc)),
        })
        .collect();
    let claims = &report.claims;
    report.corroborations = corroborations
        .into_iter()
        .filter(|c| c.sources.iter().any(|s| s.doc(claims).is_some_and(draft)))
        .collect();
}

/// Check the drafts `run.paths` against the archive at `db`.
pub fn check_against(
    setup: &Setup,
    run: &RunOptions,
    db: &Path,
    opts: &AgainstOptions,
) -> Result<Against, ArchiveError> {
    let archive = Archive::open_read(db)?;
    let report = app::collect(setup, run);
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
    let rows = fetch_related(&archive, setup, &report, opts)?;
    let docs = fetch_documents(&archive, &rows, &report.documents)?;
    put_together(&mut against, report, rows, docs);
    judge(setup, &mut against);
    Ok(against)
}
