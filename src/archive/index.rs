//! `factlint index`: read a corpus and store its documents and claims.
//!
//! Inputs are read in batches: each batch is analysed in parallel, then written in one
//! transaction. A document whose content hash matches the stored one is not analysed again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use rusqlite::{params, TransactionBehavior};
use serde::Serialize;

use super::hash::Fnv1a;
use super::store::{encode_claim, encode_meta_with};
use super::{Archive, ArchiveError};
use crate::app::{RunOptions, Setup};
use crate::claims::Claim;
use crate::corpus::{self, load, Input, Meta, OffsetMap, RawDoc};
use crate::error::InputProblem;
use crate::extract;
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
    pub db: String,
    /// documents read (new + changed + unchanged)
    pub documents: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// claims written for new and changed documents
    pub claims_written: usize,
    /// documents and claims in the archive after the run
    pub total_documents: usize,
    pub total_claims: usize,
    pub seconds: f64,
    pub problems: Vec<InputProblem>,
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

/// One article to read: a text file, or one line of a JSONL file.
enum Unit {
    Text { path: PathBuf, meta: Meta },
    Line { path: PathBuf, lineno: usize, off: usize, line: String },
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
    Skipped(InputProblem),
}

/// Everything besides the bytes that changes what extraction produces: the program version,
/// the corpus options, and the contents of a desk's rules folder.
fn salt(run: &RunOptions) -> Fnv1a {
    let mut h = Fnv1a::default();
    h.field(env!("CARGO_PKG_VERSION").as_bytes());
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
    fn analyse(
        &self,
        raw: RawDoc,
        key: (String, usize),
        hash: String,
        source: String,
        source_base: usize,
        warnings: &mut Vec<InputProblem>,
    ) -> Outcome {
        // a JSONL article's source is its line as in the file; a text file's, its decoded text
        let map = if raw.line.is_none() { raw.map.clone() } else { OffsetMap::identity() };
        let doc =
            corpus::analyze(raw, &self.setup.knowledge, &self.setup.stripper, &self.run.corpus);
        warnings.extend(doc.warnings.iter().cloned());
        let claims = extract::extract(&doc, 0, &self.setup.knowledge);
        let meta = crate::app::meta_of(&doc, claims.len());
        Outcome::Indexed(Box::new(Indexed {
            path: key.0,
            line: key.1,
            hash,
            meta,
            source,
            source_base,
            map,
            claims,
        }))
    }

    fn process(&self, unit: &Unit) -> (Outcome, Vec<InputProblem>) {
        let mut warnings = Vec::new();
        let outcome = match unit {
            Unit::Text { path, meta } => {
                let key = (path.display().to_string(), 0);
                match std::fs::read(path) {
                    Err(e) => Outcome::Skipped(load::problem(
                        path,
                        None,
                        format!("cannot read: {e}"),
                        true,
                    )),
                    Ok(bytes) => {
                        let mut h = self.salt;
                        h.field(&bytes)
                            .field(serde_json::to_string(meta).unwrap_or_default().as_bytes());
                        let hash = h.hex();
                        if self.stored.get(&key) == Some(&hash) {
                            Outcome::Unchanged
                        } else {
                            match load::decode(path, bytes) {
                                Err(p) => Outcome::Skipped(p),
                                Ok((d, _)) if d.text.trim().is_empty() => {
                                    Outcome::Skipped(load::problem(
                                        path,
                                        None,
                                        "file holds only whitespace".into(),
                                        true,
                                    ))
                                }
                                Ok((d, decode_warnings)) => {
                                    warnings.extend(decode_warnings);
                                    let raw = RawDoc {
                                        path: key.0.clone(),
                                        line: None,
                                        text: d.text.clone(),
                                        map: d.map,
                                        meta: meta.clone(),
                                    };
                                    self.analyse(raw, key, hash, d.text, 0, &mut warnings)
                                }
                            }
                        }
                    }
                }
            }
            Unit::Line { path, lineno, off, line } => {
                let key = (path.display().to_string(), *lineno);
                let mut h = self.salt;
                h.field(line.as_bytes());
                let hash = h.hex();
                if self.stored.get(&key) == Some(&hash) {
                    Outcome::Unchanged
                } else {
                    match load::parse_jsonl_line(path, *lineno, *off, line) {
                        Err(p) => Outcome::Skipped(p),
                        Ok(raw) => self.analyse(raw, key, hash, line.clone(), *off, &mut warnings),
                    }
                }
            }
        };
        (outcome, warnings)
    }
}

/// Index the corpus `run.paths` into the archive at `db`.
pub fn index(
    setup: &Setup,
    run: &RunOptions,
    db: &Path,
    opts: &IndexOptions,
) -> Result<IndexStats, ArchiveError> {
    let started = Instant::now();
    let (inputs, problems) = load::discover(&run.paths);
    if inputs.is_empty() {
        // nothing to index: no archive is created
        return Ok(IndexStats { db: db.display().to_string(), problems, ..Default::default() });
    }
    let mut archive = Archive::create(db)?;
    let mut stats = IndexStats { db: archive.name(), ..Default::default() };
    let stored = load_hashes(&archive)?;
    let ctx = Ctx { setup, run, salt: salt(run), stored };
    stats.problems.extend(problems);
    let pool =
        run.threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
    let bar = progress_bar(run, inputs.len());
    let batch = opts.batch.max(1);
    let mut units: Vec<Unit> = Vec::new();
    for input in inputs {
        match input {
            Input::Text { path, meta } => {
                units.push(Unit::Text { path, meta: meta.map(|m| *m).unwrap_or_default() })
            }
            Input::Jsonl { path } => {
                let mut flush_err = None;
                let mut line_problems = Vec::new();
                read_lines(&path, &mut line_problems, |u| {
                    units.push(u);
                    if units.len() >= batch && flush_err.is_none() {
                        if let Err(e) =
                            flush(&ctx, &mut archive, &mut units, &mut stats, pool.as_ref())
                        {
                            flush_err = Some(e);
                        }
                    }
                });
                stats.problems.extend(line_problems);
                if let Some(e) = flush_err {
                    return Err(e);
                }
            }
        }
        if units.len() >= batch {
            flush(&ctx, &mut archive, &mut units, &mut stats, pool.as_ref())?;
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    flush(&ctx, &mut archive, &mut units, &mut stats, pool.as_ref())?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // fold the write-ahead log back into the main file (skipped while readers hold it)
    let _ = archive.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let _ = archive.conn().execute_batch("PRAGMA optimize");
    let (d, c) = archive.counts()?;
    stats.total_documents = d;
    stats.total_claims = c;
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}

fn progress_bar(run: &RunOptions, n: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !run.progress || n < 200 || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {pos}/{len} inputs indexed {wide_bar} {eta}",
    ) {
        b.set_style(style);
    }
    Some(b)
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

/// Split a JSONL file into one unit a non-empty line (the lines are analysed later, in parallel).
fn read_lines(path: &Path, problems: &mut Vec<InputProblem>, mut each: impl FnMut(Unit)) {
    let any = load::jsonl_lines(path, |l| match l {
        Ok((lineno, off, line)) => each(Unit::Line { path: path.to_path_buf(), lineno, off, line }),
        Err(p) => problems.push(p),
    });
    if !any {
        problems.push(load::empty_jsonl(path));
    }
}

/// Analyse the pending units in parallel and write the changed ones in one transaction.
fn flush(
    ctx: &Ctx,
    archive: &mut Archive,
    units: &mut Vec<Unit>,
    stats: &mut IndexStats,
    pool: Option<&rayon::ThreadPool>,
) -> Result<(), ArchiveError> {
    if units.is_empty() {
        return Ok(());
    }
    let work = || units.par_iter().map(|u| ctx.process(u)).collect::<Vec<_>>();
    let results = match pool {
        Some(p) => p.install(work),
        None => work(),
    };
    units.clear();
    let mut docs = Vec::new();
    for (outcome, warnings) in results {
        stats.problems.extend(warnings);
        match outcome {
            Outcome::Unchanged => {
                stats.documents += 1;
                stats.unchanged += 1;
            }
            Outcome::Skipped(p) => stats.problems.push(p),
            Outcome::Indexed(d) => {
                stats.documents += 1;
                if ctx.stored.contains_key(&(d.path.clone(), d.line)) {
                    stats.changed += 1;
                } else {
                    stats.new += 1;
                }
                stats.claims_written += d.claims.len();
                docs.push(d);
            }
        }
    }
    if docs.is_empty() {
        return Ok(());
    }
    write(archive, &docs)
}

const UPSERT_DOC: &str = "INSERT INTO documents (path, line, outlet, lang, published, hash, meta, source, source_base, n_claims, indexed_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
     ON CONFLICT (path, line) DO UPDATE SET outlet = excluded.outlet, lang = excluded.lang, published = excluded.published,
       hash = excluded.hash, meta = excluded.meta, source = excluded.source, source_base = excluded.source_base,
       n_claims = excluded.n_claims, indexed_at = excluded.indexed_at
     RETURNING id";

const INSERT_CLAIM: &str = "INSERT INTO claims (doc_id, kind, concept, family, principal, qualifier, unit, phase, value, whole,
       date_start, date_end, published, span_start, span_end, sentence, text, claim)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

/// Write documents and their claims in one transaction: a changed document's old claims are
/// deleted and its new ones inserted, or nothing of the batch is.
fn write(archive: &mut Archive, docs: &[Box<Indexed>]) -> Result<(), ArchiveError> {
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
                let iv = c.interval();
                insert
                    .execute(params![
                        id,
                        c.kind.name(),
                        c.concept,
                        c.family,
                        c.principal,
                        c.qualifier,
                        c.unit.map(crate::lang::TimeUnit::name),
                        c.phase.map(crate::lang::Phase::name),
                        c.value,
                        c.whole(),
                        iv.map(|i| i.start.to_string()),
                        iv.map(|i| i.end.to_string()),
                        published,
                        c.start as i64,
                        c.end as i64,
                        c.sentence as i64,
                        c.text,
                        json
                    ])
                    .map_err(sql("storing a claim"))?;
            }
        }
    }
    tx.commit().map_err(sql("committing a batch"))
}

fn corrupt(db: &str, doc: &str, e: serde_json::Error) -> ArchiveError {
    ArchiveError::Corrupt {
        path: db.to_string(),
        what: format!("encoding {doc}"),
        message: e.to_string(),
    }
}
