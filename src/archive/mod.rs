//! A claims archive in SQLite: what a desk has published, kept to check drafts against.
//!
//! - [`index()`] reads a corpus and stores each document (path, outlet, language, publication date,
//!   content hash, the text its claim spans point into) and its claims (the whole claim as JSON,
//!   plus the key columns rules group by). A document whose hash is unchanged is skipped; a changed
//!   one has its claims replaced. Documents are written in batches, one transaction a batch, so an
//!   interrupted run leaves every stored document with all of its claims.
//! - [`check_against()`] runs the rules between a draft's claims and the archived claims that share
//!   their keys, fetched through the indexes, and keeps the diagnostics that concern the draft.
//! - [`sources()`] shows what the archive holds on a subject: the claims in time order and which
//!   outlets agree and which disagree.
//!
//! The database runs in WAL mode: readers (`check --against`, `sources`) proceed while one indexer
//! writes. The schema is versioned with `PRAGMA user_version` ([`schema`]).

pub(crate) mod against;
pub(crate) mod hash;
pub(crate) mod html;
pub mod index;
pub(crate) mod render;
pub(crate) mod schema;
pub mod sources;
pub(crate) mod store;

use std::path::{Path, PathBuf};
use std::time::Duration;

use miette::Diagnostic;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use thiserror::Error;

pub use against::{check_against, AgainstOptions};
pub use index::{index, IndexOptions};
pub use sources::{sources, SourcesOptions};

/// `PRAGMA application_id` of a factlint archive ("FLNT").
pub const APPLICATION_ID: i64 = 0x464c_4e54;

/// Why an archive could not be used. Always fatal (exit 2).
#[derive(Debug, Error, Diagnostic)]
pub enum ArchiveError {
    #[error("archive {path} does not exist")]
    #[diagnostic(
        code(factlint::archive::missing),
        help("create it with `factlint index CORPUS... --db {path}`")
    )]
    Missing { path: String },
    #[error("cannot open archive {path}")]
    #[diagnostic(code(factlint::archive::open))]
    Open { path: String, source: rusqlite::Error },
    #[error("{path} is not a factlint archive")]
    #[diagnostic(
        code(factlint::archive::foreign),
        help("give a file made by `factlint index`, or a new file name")
    )]
    Foreign { path: String },
    #[error("archive {path} has schema version {found}; this factlint reads up to {supported}")]
    #[diagnostic(code(factlint::archive::too_new), help("use a newer factlint with this archive"))]
    TooNew { path: String, found: i64, supported: i64 },
    #[error("archive {path} has schema version {found}; this factlint needs {supported}")]
    #[diagnostic(
        code(factlint::archive::too_old),
        help("run `factlint index` once with this archive to upgrade it")
    )]
    TooOld { path: String, found: i64, supported: i64 },
    #[error("archive {path}: {what}")]
    #[diagnostic(code(factlint::archive::sql))]
    Sql { path: String, what: &'static str, source: rusqlite::Error },
    #[error("archive {path}: {what}: {message}")]
    #[diagnostic(code(factlint::archive::corrupt), help("re-index the corpus into a new archive"))]
    Corrupt { path: String, what: String, message: String },
}

/// The start of an archive file: what says whose it is and how far it is migrated.
struct Header {
    app_id: i64,
    version: i64,
    tables: i64,
}

impl Header {
    /// Read in one transaction, so the three agree (another process may be creating the file).
    fn read(conn: &mut Connection) -> rusqlite::Result<Header> {
        let tx = conn.transaction()?;
        let header = Header::read_in(&tx)?;
        tx.commit()?;
        Ok(header)
    }
    fn read_in(conn: &Connection) -> rusqlite::Result<Header> {
        Ok(Header {
            app_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
            version: schema::version(conn)?,
            tables: conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?,
        })
    }
    fn is_empty(&self) -> bool {
        self.version == 0 && self.tables == 0
    }
    /// Whether a writer may use the file: a factlint archive no newer than this build, or an
    /// empty database.
    fn check(&self, name: &str) -> Result<(), ArchiveError> {
        if self.app_id != APPLICATION_ID && (self.app_id != 0 || !self.is_empty()) {
            return Err(ArchiveError::Foreign { path: name.to_string() });
        }
        if self.version > schema::VERSION {
            return Err(ArchiveError::TooNew {
                path: name.to_string(),
                found: self.version,
                supported: schema::VERSION,
            });
        }
        Ok(())
    }
}

/// Waiting for other processes that write the archive: up to a minute, said on stderr once a
/// wait passes a second.
mod wait {
    use std::cell::{Cell, RefCell};
    use std::time::{Duration, Instant};

    /// How long a writer waits for the others before it gives up.
    pub(crate) const LIMIT: Duration = Duration::from_secs(60);
    const SAY_AFTER: Duration = Duration::from_secs(1);

    thread_local! {
        static NAME: RefCell<String> = const { RefCell::new(String::new()) };
        static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
        static SAID: Cell<bool> = const { Cell::new(false) };
    }

    pub(crate) fn set_name(name: &str) {
        NAME.with(|n| *n.borrow_mut() = name.to_string());
    }

    fn say(waited: Duration) {
        NAME.with(|n| {
            eprintln!(
                "waiting for archive {}: another process is writing it ({:.1} s so far)",
                n.borrow(),
                waited.as_secs_f64()
            )
        });
    }

    /// The archive connection's busy handler: `n` is how often it was called for this wait.
    pub(crate) fn busy(n: i32) -> bool {
        let started = match STARTED.get() {
            Some(t) if n > 0 => t,
            _ => {
                let now = Instant::now();
                STARTED.set(Some(now));
                SAID.set(false);
                now
            }
        };
        let waited = started.elapsed();
        if waited >= LIMIT {
            return false;
        }
        if waited >= SAY_AFTER && !SAID.get() {
            SAID.set(true);
            say(waited);
        }
        std::thread::sleep(Duration::from_millis((1 + n as u64).min(25)));
        true
    }

    /// A step retried while SQLite answers "busy" or "locked" without waiting (it does so when
    /// waiting could deadlock: two connections that both read a new file and both want to
    /// write its header).
    pub(crate) struct Waited {
        started: Instant,
        said: bool,
    }

    impl Waited {
        pub(crate) fn new() -> Waited {
            Waited { started: Instant::now(), said: false }
        }
        pub(crate) fn retry<T>(
            &mut self,
            mut step: impl FnMut() -> rusqlite::Result<T>,
        ) -> rusqlite::Result<T> {
            let mut tries = 0u64;
            loop {
                match step() {
                    Err(e) if is_busy(&e) && self.started.elapsed() < LIMIT => {
                        let waited = self.started.elapsed();
                        if waited >= SAY_AFTER && !self.said {
                            self.said = true;
                            say(waited);
                        }
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(tries.min(25)));
                    }
                    other => return other,
                }
            }
        }
    }

    fn is_busy(e: &rusqlite::Error) -> bool {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

/// An open archive.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

impl Archive {
    /// Open for writing, creating the file if needed and migrating it to the current schema.
    ///
    /// Several processes may do this at once on a new file: every step waits for the others
    /// (the busy handler, and a retry of the steps SQLite refuses at once rather than wait,
    /// such as two connections switching a new file to WAL together), the header is read in one
    /// transaction and the file is claimed (`application_id`) in the same transaction that
    /// checks it is still empty, so no process sees another's half-made archive as foreign.
    pub fn create(path: &Path) -> Result<Archive, ArchiveError> {
        let name = path.display().to_string();
        let open_err = |source| ArchiveError::Open { path: name.clone(), source };
        let mut conn = Connection::open(path).map_err(open_err)?;
        wait::set_name(&name);
        conn.busy_handler(Some(wait::busy)).map_err(open_err)?;
        let mut waited = wait::Waited::new();
        // the first read of the header fails here when the file is not SQLite at all
        let header = waited.retry(|| Header::read(&mut conn)).map_err(open_err)?;
        header.check(&name)?;
        let mode: String = waited
            .retry(|| conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(ArchiveError::Open { path: name, source: rusqlite::Error::InvalidQuery });
        }
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(open_err)?;
        // claim the file, unless another process made it something else meanwhile
        let header = waited
            .retry(|| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let header = Header::read_in(&tx)?;
                if header.app_id == 0 && header.is_empty() {
                    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                }
                tx.commit()?;
                Ok(header)
            })
            .map_err(open_err)?;
        header.check(&name)?;
        waited.retry(|| schema::migrate(&mut conn)).map_err(|source| ArchiveError::Sql {
            path: name.clone(),
            what: "migrating the schema",
            source,
        })?;
        Ok(Archive { conn, path: path.to_path_buf() })
    }

    /// Open an existing archive for reading. Never writes and never migrates.
    pub fn open_read(path: &Path) -> Result<Archive, ArchiveError> {
        let name = path.display().to_string();
        if !path.is_file() {
            return Err(ArchiveError::Missing { path: name });
        }
        let open_err = |source| ArchiveError::Open { path: name.clone(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(open_err)?;
        let app_id: i64 =
            conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(open_err)?;
        if app_id != APPLICATION_ID {
            return Err(ArchiveError::Foreign { path: name });
        }
        let version = schema::version(&conn).map_err(open_err)?;
        if version > schema::VERSION {
            return Err(ArchiveError::TooNew {
                path: name,
                found: version,
                supported: schema::VERSION,
            });
        }
        if version < schema::VERSION {
            return Err(ArchiveError::TooOld {
                path: name,
                found: version,
                supported: schema::VERSION,
            });
        }
        Ok(Archive { conn, path: path.to_path_buf() })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn name(&self) -> String {
        self.path.display().to_string()
    }

    pub(crate) fn sql_err(
        &self,
        what: &'static str,
    ) -> impl Fn(rusqlite::Error) -> ArchiveError + '_ {
        move |source| ArchiveError::Sql { path: self.name(), what, source }
    }

    /// Documents and claims stored.
    pub(crate) fn counts(&self) -> Result<(usize, usize), ArchiveError> {
        let n = |sql: &str| {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map_err(self.sql_err("counting rows"))
        };
        Ok((
            n("SELECT count(*) FROM documents")? as usize,
            n("SELECT count(*) FROM claims")? as usize,
        ))
    }

    /// The query plan of every look-up `check --against` and `sources` make, one line per step
    /// (for tests and `EXPLAIN`-minded readers: each should search an index, never scan `claims`).
    pub fn lookup_plans(&self) -> Result<Vec<(String, Vec<String>)>, ArchiveError> {
        let mut out = Vec::new();
        for (name, sql) in against::LOOKUPS.iter().chain(sources::LOOKUPS) {
            let mut stmt = self
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .map_err(self.sql_err("planning a look-up"))?;
            let n = stmt.parameter_count();
            let params: Vec<rusqlite::types::Value> =
                (0..n).map(|_| rusqlite::types::Value::Text("x".into())).collect();
            let rows = stmt
                .query_map(rusqlite::params_from_iter(params), |r| r.get::<_, String>(3))
                .map_err(self.sql_err("planning a look-up"))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(self.sql_err("planning a look-up"))?;
            out.push((name.to_string(), rows));
        }
        Ok(out)
    }
}
