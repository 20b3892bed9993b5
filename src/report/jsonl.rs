//! JSON Lines output (`--format jsonl`): one JSON object a line, written as it is serialised, for
//! large runs whose report a reader takes apart as it streams (`jq -c`, a database loader).
//!
//! Each line is a record of the JSON report with a `type` field before its own fields: first one
//! `{"type":"report","schema_version":…}`, then a `document` a document, a `claim` a claim, a
//! `diagnostic`, a `corroboration`, a `problem` each, in the JSON report's order, and last, when a
//! baseline was applied, one `baseline`. A record's fields are named as in the JSON report
//! (`json.rs`: a claim with its `path`, `resolved` and `value_text`, a diagnostic with its
//! `fingerprint` and `accepted`, a corroboration's sources as labels).

use std::io::Write;

use serde::Serialize;

use super::json::{ClaimOut, CorroborationOut, DiagnosticOut};
use super::Report;

/// One line: `{"type": …, <the item's fields>}`.
#[derive(Serialize)]
struct Record<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(flatten)]
    item: T,
}

fn line<T: Serialize>(w: &mut impl Write, kind: &str, item: T) -> std::io::Result<()> {
    // (From, not `other`: a closed pipe stays a BrokenPipe, which is no error to the CLI)
    serde_json::to_writer(&mut *w, &Record { kind, item }).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// Write the report as JSON Lines to `w`.
pub fn write(r: &Report, w: impl Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Head {
        schema_version: &'static str,
    }
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    line(&mut w, "report", Head { schema_version: super::SCHEMA_VERSION })?;
    for d in &r.documents {
        line(&mut w, "document", d)?;
    }
    for c in &r.claims {
        line(&mut w, "claim", ClaimOut::new(c, &r.documents))?;
    }
    for d in DiagnosticOut::all(r) {
        line(&mut w, "diagnostic", d)?;
    }
    for c in &r.corroborations {
        line(&mut w, "corroboration", CorroborationOut::new(c, &r.claims, &r.documents))?;
    }
    for p in &r.problems {
        line(&mut w, "problem", p)?;
    }
    if let Some(b) = &r.baseline {
        line(&mut w, "baseline", b)?;
    }
    w.flush()
}

/// `--statistics` as JSON Lines: a `statistic` record a rule (fields as in the JSON statistics).
pub fn statistics(r: &Report) -> String {
    super::written(|buf| {
        for s in super::stats::statistics(r) {
            line(buf, "statistic", s)?;
        }
        Ok(())
    })
}

/// The report as JSON Lines in one string (for tests and small reports; the CLI streams with
/// [`write`]).
pub fn print(r: &Report) -> String {
    super::written(|buf| write(r, buf))
}
