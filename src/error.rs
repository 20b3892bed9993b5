//! Errors that stop a run (exit 2) or skip one document (reported, the rest still checked).

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A data file (lexicon, concepts, rule) that cannot be used. Always fatal: exit 2.
#[derive(Debug, Error, Diagnostic)]
pub enum DataError {
    #[error("{path}: {message}")]
    #[diagnostic(
        code(factlint::data::toml),
        help("fix the TOML in this file; see rules/README.md for the format")
    )]
    Toml {
        path: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("here")]
        span: Option<SourceSpan>,
    },
    #[error("{path}: {message}")]
    #[diagnostic(code(factlint::data::invalid))]
    Invalid { path: String, message: String },
    #[error("cannot read {path}: {source}")]
    #[diagnostic(code(factlint::data::io))]
    Io { path: String, source: std::io::Error },
}

impl DataError {
    pub(crate) fn toml(path: &str, src: &str, e: toml::de::Error) -> DataError {
        DataError::Toml {
            path: path.to_string(),
            message: e.message().to_string(),
            src: NamedSource::new(path, src.to_string()),
            span: e.span().map(|r| SourceSpan::from(r.start..r.end.max(r.start))),
        }
    }
    pub(crate) fn invalid(path: &str, message: String) -> DataError {
        DataError::Invalid { path: path.to_string(), message }
    }
    pub(crate) fn io(path: &str, source: std::io::Error) -> DataError {
        DataError::Io { path: path.to_string(), source }
    }
}

/// A problem with one input document: reported as a warning, the document (or line) is skipped.
#[derive(Debug, Clone, Error, Diagnostic, serde::Serialize)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
#[diagnostic(code(factlint::input))]
pub struct InputProblem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
    /// true when the document was skipped, false when it was read with a caveat
    pub(crate) skipped: bool,
}

impl InputProblem {
    /// "skipped: a.txt: …" or "warning: a.txt: …", the line every human listing prints.
    pub(crate) fn human_line(&self) -> String {
        format!("{}: {self}\n", if self.skipped { "skipped" } else { "warning" })
    }
}
