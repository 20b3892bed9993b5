//! The archive's schema, versioned with `PRAGMA user_version`: migration N takes a database at
//! version N − 1 to version N, each in its own transaction. A reader never migrates; it asks for
//! an index run when the file is older than this build and refuses a file newer than it.

use rusqlite::{Connection, TransactionBehavior};

/// Migrations in order; `MIGRATIONS[i]` takes version `i` to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents and claims, with the key columns rules look claims up by
    r#"
    CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        path        TEXT NOT NULL,
        -- 1-based line of a JSONL article; 0 for a whole file
        line        INTEGER NOT NULL DEFAULT 0,
        outlet      TEXT,
        lang        TEXT NOT NULL,
        -- YYYY-MM-DD, NULL when unknown
        published   TEXT,
        -- FNV-1a 64 (hex) of the bytes read, the metadata and the options that shape extraction
        hash        TEXT NOT NULL,
        -- DocMeta as JSON
        meta        TEXT NOT NULL,
        -- the text claim spans point into (a whole file, or one JSONL line starting at source_base)
        source      TEXT NOT NULL,
        source_base INTEGER NOT NULL DEFAULT 0,
        n_claims    INTEGER NOT NULL,
        indexed_at  TEXT NOT NULL,
        UNIQUE (path, line)
    );
    CREATE INDEX documents_published ON documents (published);

    CREATE TABLE claims (
        id          INTEGER PRIMARY KEY,
        doc_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        concept     TEXT,
        family      TEXT,
        principal   TEXT,
        qualifier   TEXT,
        unit        TEXT,
        phase       TEXT,
        value       REAL NOT NULL,
        whole       REAL,
        -- resolved interval of a date claim (or the year of a since claim), YYYY-MM-DD
        date_start  TEXT,
        date_end    TEXT,
        -- the document's publication date, copied here so look-ups filter by time in the index
        published   TEXT,
        span_start  INTEGER NOT NULL,
        span_end    INTEGER NOT NULL,
        sentence    INTEGER NOT NULL,
        text        TEXT NOT NULL,
        -- the whole claim as JSON (nulls, empty lists and false left out)
        claim       TEXT NOT NULL
    );
    CREATE INDEX claims_doc ON claims (doc_id, sentence);
    CREATE INDEX claims_concept ON claims (concept, kind, published) WHERE concept IS NOT NULL;
    CREATE INDEX claims_family ON claims (family, principal, kind, published) WHERE family IS NOT NULL;
    CREATE INDEX claims_principal ON claims (principal, kind, published) WHERE principal IS NOT NULL;
    CREATE INDEX claims_interval ON claims (date_start, date_end) WHERE date_start IS NOT NULL;
    "#,
    // 2: the claim frame in columns, and the keys the rules group a claim by (`rules::keys`),
    // which `check --against` and `sources` look claims up by. Claims stored before carry no
    // keys: every document is marked for re-extraction by the next index run.
    r#"
    ALTER TABLE claims ADD COLUMN noun TEXT;
    ALTER TABLE claims ADD COLUMN role TEXT;
    ALTER TABLE claims ADD COLUMN scope TEXT;
    -- bound, loose or vague (claims::Frame)
    ALTER TABLE claims ADD COLUMN frame TEXT NOT NULL DEFAULT 'loose';
    ALTER TABLE claims ADD COLUMN grows INTEGER NOT NULL DEFAULT 0;
    -- a time of day: its first minute in UTC (minutes since 1970), when it is placed there
    ALTER TABLE claims ADD COLUMN time_utc INTEGER;

    CREATE TABLE claim_keys (
        claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        -- a rule's grouping key, as `rules::keys` writes it
        key         TEXT NOT NULL,
        -- the document's publication date, so look-ups filter by time in the index
        published   TEXT
    );
    CREATE INDEX claim_keys_key ON claim_keys (key, published);
    CREATE INDEX claim_keys_claim ON claim_keys (claim_id);
    UPDATE documents SET hash = '';
    "#,
];

/// The schema version this build reads and writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Bring a writable database up to [`VERSION`]; returns the version it was at.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    let from = version(conn)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // another writer may have migrated while this one waited for the lock
        if version(&tx)? > i as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(from)
}
