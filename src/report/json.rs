//! JSON output: one object with `documents`, `claims`, `diagnostics`, `corroborations`, `problems`.

use serde::Serialize;

use super::{Corroboration, Diagnostic, DocMeta, Report};
use crate::claims::Claim;
use crate::error::InputProblem;

/// A claim as printed: the claim plus its document's path and its resolved value as text.
#[derive(Serialize)]
pub struct ClaimOut<'a> {
    pub path: &'a str,
    #[serde(flatten)]
    pub claim: &'a Claim,
    /// "2023-09-12", "2023-09", "2019", "2024-06-19/2024-06-25", or null when unresolved
    pub resolved: Option<String>,
    pub value_text: String,
}

impl<'a> ClaimOut<'a> {
    pub fn new(c: &'a Claim, docs: &'a [DocMeta]) -> ClaimOut<'a> {
        ClaimOut {
            path: docs.get(c.doc as usize).map(|d| d.path.as_str()).unwrap_or(""),
            claim: c,
            resolved: c.interval().map(|i| i.to_string()),
            value_text: c.value_text(),
        }
    }
}

/// The claims, each made into a [`ClaimOut`] only as it is written.
struct Claims<'a> {
    claims: &'a [Claim],
    docs: &'a [DocMeta],
}

impl Serialize for Claims<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.claims.iter().map(|c| ClaimOut::new(c, self.docs)))
    }
}

#[derive(Serialize)]
struct Out<'a> {
    documents: &'a [DocMeta],
    claims: Claims<'a>,
    diagnostics: &'a [Diagnostic],
    corroborations: &'a [Corroboration],
    problems: &'a [InputProblem],
}

/// Write the report as JSON to `w` as it is serialised, so that a
/// large report is never held in memory as one string.
pub fn write(r: &Report, w: impl std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let out = Out {
        documents: &r.documents,
        claims: Claims { claims: &r.claims, docs: &r.documents },
        diagnostics: &r.diagnostics,
        corroborations: &r.corroborations,
        problems: &r.problems,
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, &out).map_err(std::io::Error::from)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The report as one JSON string (for tests and small reports; the CLI streams with [`write`]).
pub fn print(r: &Report) -> String {
    let mut buf = Vec::new();
    match write(r, &mut buf) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(e) => format!("{{\"error\":\"{e}\"}}\n"),
    }
}
