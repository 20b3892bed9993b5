//! Stage 5: one diagnostic model, three printers (human via miette, JSON, SARIF).
//!
//! Printers only format; they decide nothing. The human printer re-reads the files that have
//! diagnostics to render their spans (the pipeline keeps claims, not texts).

pub mod human;
pub mod json;
pub mod sarif;

use crate::claims::Claim;
pub use crate::diagnostic::{Corroboration, Diagnostic, DocMeta, Label, Severity, Source};

/// Everything a run produced.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: Vec<DocMeta>,
    pub claims: Vec<Claim>,
    pub diagnostics: Vec<Diagnostic>,
    pub corroborations: Vec<Corroboration>,
    pub problems: Vec<crate::error::InputProblem>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
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
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
