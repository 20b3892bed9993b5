//! `factlint index`: read a corpus and store its documents and claims.
//!
//! Inputs are read through the pipeline `check` reads through (`app::read_each`: in parallel, in
//! input order) and written a batch of documents at a time, one transaction a batch. A document
//! whose content hash (its text, the program version and the data extraction reads) matches the
//! stored one is not analysed again.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use rusqlite::{params, TransactionBehavior};
use serde::Serialize;

use super::hash::Fnv1a;
use super::store::{encode_claim, encode_meta_with};
use super::{schema, Archive, ArchiveError};
use crate::app::{self, RunOptions, Setup};
use crate::claims::Claim;
use crate::corpus::OffsetMap;
use crate::error::InputProblem;
use crate::report::DocMeta;

#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// documents analysed and written per transaction
    pub batch: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions { batch: 500 }
    }
}

/// What an index run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexStats {
    pub(crate) db: String,
    /// documents read (new + changed + unchanged)
    pub documents: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// claims written for new and changed documents
    pub(crate) claims_written: usize,
    /// documents and claims in the archive after the run
    pub(crate) total_documents: usize,
    pub(crate) total_claims: usize,
    pub(crate) seconds: f64,
    pub(crate) problems: Vec<InputProblem>,
}

impl IndexStats {
    pub fn human(&self) -> String {
        let mut out = String::new();
        for p in &self.problems {
            out.push_str(&p.human_line());
        }
        out.push_str(&format!(
            "indexed {} documents into {}: {} new, {} changed, {} unchanged; {} claims written in {:.1} s\n",
            self.documents, self.db, self.new, self.changed, self.unchanged, self.claims_written, self.seconds
        ));
        out.push_str(&format!(
            "archive holds {} documents, {} claims\n",
            self.total_documents, self.total_claims
        ));
        out
    }
}

/// A document analysed and ready to store.
struct Indexed {
    path: String,
    line: usize,
    hash: String,
    meta: DocMeta,
    source: String,
    source_base: usize,
    /// from `source` to the file, when the text was decoded from UTF-16 or Windows-1252
    map: OffsetMap,
    claims: Vec<Claim>,
}

enum Outcome {
    Unchanged,
    Indexed(Box<Indexed>),
}

/// Everything besides a document that changes what extraction produces: the program (its version,
/// and its build: the executable's size and modification time, so that a rebuilt factlint whose
/// extraction or rules' keys changed without a version bump re-extracts rather than comparing
/// against claims keyed by the old code), the built-in data (lexicons, concepts, entities,
/// boilerplate, rules), the corpus options, and the contents of a desk's rules folder (its rule,
/// data and lexicon files). A change to any of them re-extracts every document.
fn salt(run: &RunOptions) -> Fnv1a {
    let mut h = Fnv1a::default();
    h.field(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(meta) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
        h.field(&meta.len().to_le_bytes());
        let since = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        h.field(&since.map_or(0, |d| d.as_nanos()).to_le_bytes());
    }
    h.field(&schema::VERSION.to_le_bytes());
    let builtin = crate::lang::BUILTIN_LANGS
        .iter()
        .chain([
            &crate::lang::BUILTIN_CONCEPTS,
            &crate::lang::BUILTIN_ENTITIES,
            &crate::lang::BUILTIN_BOILERPLATE,
        ])
        .chain(crate::rules::BUILTIN_RULES);
    for (name, text) in builtin {
        h.field(name.as_bytes()).field(text.as_bytes());
    }
    h.field(run.corpus.published.map(|d| d.to_string()).unwrap_or_default().as_bytes());
    h.field(run.corpus.lang.as_deref().unwrap_or("").as_bytes());
    if let Some(dir) = &run.rules_dir {
        for e in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml") {
                h.field(e.path().to_string_lossy().as_bytes());
                h.field(&std::fs::read(e.path()).unwrap_or_default());
            }
        }
    }
    h
}

struct Ctx<'a> {
    setup: &'a Setup,
    run: &'a RunOptions,
    salt: Fnv1a,
    /// (path, line) → hash of what is stored
    stored: HashMap<(String, usize), String>,
}

impl Ctx<'_> {
    /// A document as read: unchanged (its hash is the stored one), or analysed and extracted
    /// the way `check` does it (`app::analyze`, `app::claims_of`).
    fn process(&self, read: app::Read, problems: &mut Vec<InputProblem>) -> Outcome {
        let raw = read.raw;
        let mut h = self.salt;
        // a JSONL article is its line as in the file; a text file, its decoded text and metadata
        let (line, source, source_base, map) = match read.line {
            Some((text, off)) => {
                h.field(text.as_bytes());
                (raw.line.unwrap_or(0), text.to_string(), off, OffsetMap::identity())
            }
            None => {
                h.field(raw.text.as_bytes())
                    .field(serde_json::to_string(&raw.meta).unwrap_or_default().as_bytes());
                (0, raw.text.clone(), 0, raw.map.clone())
            }
        };
        let hash = h.hex();
        let key = (raw.path.clone(), line);
        if self.stored.get(&key) == Some(&hash) {
            return Outcome::Unchanged;
        }
        let doc = app::analyze(self.setup, self.run, raw, problems);
        let (meta, claims) = app::claims_of(self.setup, &doc);
        Outcome::Indexed(Box::new(Indexed {
            path: key.0,
            line,
            hash,
            meta,
            source,
            source_base,
            map,
            claims,
        }))
    }
}

/// The archive as an index run writes it: opened when there is something to store (a run that
/// reads no document creates no archive), documents written a batch at a time.
struct Writer<'a> {
    db: &'a Path,
    archive: Option<Archive>,
    pending: Vec<Indexed>,
    batch: usize,
    error: Option<ArchiveError>,
}

impl Writer<'_> {
    fn take(
        &mut self,
        outcome: Outcome,
        stats: &mut IndexStats,
        stored: &HashMap<(String, usize), String>,
    ) {
        stats.documents += 1;
        match outcome {
            Outcome::Unchanged => stats.unchanged += 1,
            Outcome::Indexed(d) => {
                if stored.contains_key(&(d.path.clone(), d.line)) {
                    stats.changed += 1;
                } else {
                    stats.new += 1;
                }
                stats.claims_written += d.claims.len();
                self.pending.push(*d);
            }
        }
        if self.pending.len() >= self.batch {
            self.flush();
        }
    }

    fn archive(&mut self) -> Result<&mut Archive, ArchiveError> {
        if self.archive.is_none() {
            self.archive = Some(Archive::create(self.db)?);
        }
        self.archive
            .as_mut()
            .ok_or_else(|| ArchiveError::Missing { path: self.db.display().to_string() })
    }

    /// Write the pending documents in one transaction (after an error, nothing more is written).
    fn flush(&mut self) {
        if self.error.is_some() {
            self.pending.clear();
            return;
        }
        let docs = std::mem::take(&mut self.pending);
        let written =
            self.archive().and_then(|a| if docs.is_empty() { Ok(()) } else { write(a, &docs) });
        if let Err(e) = written {
            self.error = Some(e);
        }
    }
}

/// Index the corpus `run.paths` into the archive at `db`: read through the pipeline `check`
/// reads through (`app::read_each`), a document whose stored hash is unchanged not analysed.
pub fn index(
    setup: &Setup,
    run: &RunOptions,
    db: &Path,
    opts: &IndexOptions,
) -> Result<IndexStats, ArchiveError> {
    let started = Instant::now();
    // an archive that exists is opened (and migrated) first: its stored hashes decide what is read
    let archive = if db.exists() { Some(Archive::create(db)?) } else { None };
    let stored = match &archive {
        Some(a) => load_hashes(a)?,
        None => HashMap::new(),
    };
    let ctx = Ctx { setup, run, salt: salt(run), stored };
    let mut writer =
        Writer { db, archive, pending: Vec::new(), batch: opts.batch.max(1), error: None };
    let mut stats = IndexStats { db: db.display().to_string(), ..Default::default() };
    let problems = app::read_each(
        run,
        |read, problems| ctx.process(read, problems),
        |outcome| writer.take(outcome, &mut stats, &ctx.stored),
    );
    stats.problems = problems;
    if stats.documents > 0 {
        writer.flush();
    }
    if let Some(e) = writer.error {
        return Err(e);
    }
    let Some(archive) = writer.archive else {
        // nothing to index: no archive is created
        return Ok(stats);
    };
    stats.db = archive.name();
    // fold the write-ahead log back into the main file (skipped while readers hold it)
    let _ = archive.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let _ = archive.conn().execute_batch("PRAGMA optimize");
    let (d, c) = archive.counts()?;
    stats.total_documents = d;
    stats.total_claims = c;
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}

fn load_hashes(archive: &Archive) -> Result<HashMap<(String, usize), String>, ArchiveError> {
    let err = archive.sql_err("reading stored hashes");
    let mut stmt =
        archive.conn().prepare("SELECT path, line, hash FROM documents").map_err(&err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize), r.get::<_, String>(2)?))
        })
        .map_err(&err)?;
    rows.collect::<Result<HashMap<_, _>, _>>().map_err(&err)
}

const UPSERT_DOC: &str = "INSERT INTO documents (path, line, outlet, lang, published, hash, meta, source, source_base, n_claims, indexed_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
     ON CONFLICT (path, line) DO UPDATE SET outlet = excluded.outlet, lang = excluded.lang, published = excluded.published,
       hash = excluded.hash, meta = excluded.meta, source = excluded.source, source_base = excluded.source_base,
       n_claims = excluded.n_claims, indexed_at = excluded.indexed_at
     RETURNING id";

const INSERT_CLAIM: &str = "INSERT INTO claims (doc_id, kind, concept, family, principal, qualifier, unit, phase, value, whole,
       date_start, date_end, published, span_start, span_end, sentence, text, claim, noun, role, scope, frame, grows, time_utc)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)
     RETURNING id";

const INSERT_KEY: &str = "INSERT INTO claim_keys (claim_id, key, published) VALUES (?1, ?2, ?3)";

/// Write documents and their claims in one transaction: a changed document's old claims are
/// deleted and its new ones inserted, or nothing of the batch is.
fn write(archive: &mut Archive, docs: &[Indexed]) -> Result<(), ArchiveError> {
    let name = archive.name();
    let sql = |what: &'static str| {
        let name = name.clone();
        move |source| ArchiveError::Sql { path: name.clone(), what, source }
    };
    let now = jiff::Timestamp::now().to_string();
    let tx = archive
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql("starting a write"))?;
    {
        let mut upsert = tx.prepare_cached(UPSERT_DOC).map_err(sql("preparing a write"))?;
        let mut clear = tx
            .prepare_cached("DELETE FROM claims WHERE doc_id = ?1")
            .map_err(sql("preparing a write"))?;
        let mut insert = tx.prepare_cached(INSERT_CLAIM).map_err(sql("preparing a write"))?;
        let mut insert_key = tx.prepare_cached(INSERT_KEY).map_err(sql("preparing a write"))?;
        for d in docs {
            let meta = encode_meta_with(&d.meta, &d.map).map_err(|e| corrupt(&name, &d.path, e))?;
            let published = d.meta.published.map(|p| p.to_string());
            let id: i64 = upsert
                .query_row(
                    params![
                        d.path,
                        d.line as i64,
                        d.meta.outlet,
                        d.meta.lang,
                        published,
                        d.hash,
                        meta,
                        d.source,
                        d.source_base as i64,
                        d.claims.len() as i64,
                        now
                    ],
                    |r| r.get(0),
                )
                .map_err(sql("storing a document"))?;
            clear.execute([id]).map_err(sql("replacing a document's claims"))?;
            for c in &d.claims {
                let json = encode_claim(c).map_err(|e| corrupt(&name, &d.path, e))?;
                let claim_id: i64 = insert
                    .query_row(
                        rusqlite::params_from_iter(claim_row(id, c, &published, json)),
                        |r| r.get(0),
                    )
                    .map_err(sql("storing a claim"))?;
                // the keys every check groups it by: what `check --against` and `sources` look up
                for key in crate::rules::groups::all_keys(c) {
                    insert_key
                        .execute(params![claim_id, key, published])
                        .map_err(sql("storing a claim's keys"))?;
                }
            }
        }
    }
    tx.commit().map_err(sql("committing a batch"))
}

/// A claim's row of `INSERT_CLAIM` (document `doc_id`, published `published`, as JSON `json`).
fn claim_row(
    doc_id: i64,
    c: &Claim,
    published: &Option<String>,
    json: String,
) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_string()));
    let iv = c.interval();
    let frame = serde_json::to_value(c.frame).ok().and_then(|v| v.as_str().map(str::to_string));
    vec![
        Value::Integer(doc_id),
        Value::Text(c.kind.name().to_string()),
        text(c.concept.as_deref()),
        text(c.family.as_deref()),
        text(c.principal.as_deref()),
        text(c.qualifier.as_deref()),
        text(c.unit.map(crate::lang::TimeUnit::name)),
        text(c.phase.map(crate::lang::Phase::name)),
        Value::Real(c.value),
        c.whole().map_or(Value::Null, Value::Real),
        text(iv.map(|i| i.start.to_string()).as_deref()),
        text(iv.map(|i| i.end.to_string()).as_deref()),
        text(published.as_deref()),
        Value::Integer(c.start as i64),
        Value::Integer(c.end as i64),
        Value::Integer(i64::from(c.sentence)),
        Value::Text(c.text.to_string()),
        Value::Text(json),
        text(c.noun.as_deref()),
        text(c.role.as_deref()),
        text(c.scope.as_deref()),
        Value::Text(frame.unwrap_or_default()),
        Value::Integer(i64::from(c.grows)),
        c.time().and_then(|t| t.utc).map_or(Value::Null, |m| Value::Integer(i64::from(m.get()))),
    ]
}

fn corrupt(db: &str, doc: &str, e: serde_json::Error) -> ArchiveError {
    ArchiveError::Corrupt {
        path: db.to_string(),
        what: format!("encoding {doc}"),
        message: e.to_string(),
    }
}
