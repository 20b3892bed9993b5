//! Stage 5: one diagnostic model, its printers (human via miette, JSON, JSON Lines, SARIF,
//! GitHub annotations, HTML).
//!
//! Printers only format; they decide nothing. The human printer re-reads the files that have
//! diagnostics to render their spans (the pipeline keeps claims, not texts).

pub(crate) mod github;
pub(crate) mod html;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod jsonl;
pub(crate) mod sarif;
pub(crate) mod stats;

use crate::claims::Claim;
pub use crate::diagnostic::{Corroboration, Diagnostic, DocMeta, Label, Severity};

/// Everything a run produced.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: Vec<DocMeta>,
    pub claims: Vec<Claim>,
    pub diagnostics: Vec<Diagnostic>,
    pub corroborations: Vec<Corroboration>,
    pub problems: Vec<crate::error::InputProblem>,
    /// one a diagnostic, in their order, once `baseline::mark` has run (else empty):
    /// its fingerprint and whether the configuration accepts it
    pub marks: Vec<Mark>,
    /// what a `--baseline` left out
    pub baseline: Option<crate::diagnostic::BaselineOutcome>,
}

/// What the desk knows of a diagnostic: its fingerprint, and its acceptance if it is accepted.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mark {
    pub fingerprint: String,
    pub accepted: Option<crate::diagnostic::Accept>,
}

/// The version of the JSON report's shape: raised when a field changes meaning or goes away (a
/// field added is a new minor version).
pub const SCHEMA_VERSION: &str = "1.1";

impl Report {
    /// An error-level diagnostic that is not accepted.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .enumerate()
            .any(|(i, d)| d.severity == Severity::Error && self.accepted(i).is_none())
    }
    /// The acceptance of diagnostic `i`, if it is accepted.
    pub fn accepted(&self, i: usize) -> Option<&crate::diagnostic::Accept> {
        self.marks.get(i).and_then(|m| m.accepted.as_ref())
    }
    /// Keep the diagnostics (and their marks) `keep` says yes to.
    pub fn retain_diagnostics(&mut self, mut keep: impl FnMut(&Diagnostic, Option<&Mark>) -> bool) {
        let marks = std::mem::take(&mut self.marks);
        let diags = std::mem::take(&mut self.diagnostics);
        let marked = !marks.is_empty();
        let mut marks = marks.into_iter();
        for d in diags {
            let m = if marked { marks.next() } else { None };
            if keep(&d, m.as_ref()) {
                self.diagnostics.push(d);
                self.marks.extend(m);
            }
        }
    }
}

/// What a streaming printer writes, as one string (for tests and small reports: the CLI streams a
/// check's report); a failed write prints as a JSON error object.
fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    match write(&mut buf) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(e) => format!("{{\"error\":\"{e}\"}}\n"),
    }
}

/// "1 error", "2 errors".
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
