//! The diagnostic model every printer reads: a [`Diagnostic`] with its [`Label`]s, a
//! [`Corroboration`] with its [`Source`]s, their [`Severity`], and [`DocMeta`], what later stages
//! keep of a document. The rules make these, the report prints them; it sits below both, so
//! neither imports the other for it.

use serde::Serialize;

use crate::claims::{Claim, ClaimIdx, DocId, Sym};
use crate::corpus::{DateSource, LangSource, Skip};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

/// A labelled span in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    #[serde(skip)]
    pub doc: DocId,
    pub path: Sym,
    /// byte offsets into the file as read
    pub start: usize,
    pub end: usize,
    pub text: Sym,
    /// (interned: most labels are the sources of corroborations, whose messages are values)
    pub message: Sym,
    pub primary: bool,
}

impl Label {
    pub(crate) fn of(claim: &Claim, docs: &[DocMeta], message: String, primary: bool) -> Label {
        Label::with(claim, docs, Sym::new(&message), primary)
    }
    fn with(claim: &Claim, docs: &[DocMeta], message: Sym, primary: bool) -> Label {
        Label {
            doc: claim.doc,
            path: docs.get(claim.doc.index()).map_or_else(|| Sym::new(""), |d| d.path),
            start: claim.start,
            end: claim.end,
            text: claim.text,
            message,
            primary,
        }
    }
}

/// One conflict, ready for any printer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub labels: Vec<Label>,
    /// what the diagnostic is about, as the rules group claims ("travel, kim"): the HTML report
    /// groups by it
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Diagnostic {
    /// Sort key: primary label's path and offset, then code.
    pub(crate) fn sort_key(&self) -> (String, usize, String) {
        let p = self.labels.iter().find(|l| l.primary).or(self.labels.first());
        (
            p.map(|l| l.path.to_string()).unwrap_or_default(),
            p.map(|l| l.start).unwrap_or(0),
            self.code.clone(),
        )
    }
}

/// Sources that agree on a value for one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Corroboration {
    pub code: Sym,
    /// what the sources agree on, e.g. "previous travel by kim"
    pub subject: Sym,
    pub value: Sym,
    /// (a boxed slice, exactly as long as it is: a large corpus has a million corroborations)
    pub sources: Box<[Source]>,
}

/// One source of a corroboration: a claim of the report and what it says. (Eight bytes, where a
/// [`Label`] is forty: a large corpus has millions of sources.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Source {
    /// the claim of the report
    pub claim: ClaimIdx,
    pub message: Sym,
}

impl Source {
    /// The document of the source (`claims`: the report's).
    pub fn doc(&self, claims: &[Claim]) -> Option<DocId> {
        claims.get(self.claim.index()).map(|c| c.doc)
    }
}

impl Corroboration {
    /// Its sources as labels (`claims`, `docs`: the report's).
    pub fn labels<'a>(
        &'a self,
        claims: &'a [Claim],
        docs: &'a [DocMeta],
    ) -> impl Iterator<Item = Label> + 'a {
        self.sources.iter().filter_map(move |s| {
            claims.get(s.claim.index()).map(|c| Label::with(c, docs, s.message, false))
        })
    }
}

/// What later stages keep of a document (the text itself is dropped after extraction).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DocMeta {
    /// (interned: every label of the document names it)
    pub path: Sym,
    pub line: Option<usize>,
    pub outlet: Option<Sym>,
    pub lang: Sym,
    pub lang_source: LangSource,
    pub published: Option<jiff::civil::Date>,
    pub published_source: DateSource,
    // (counts of one document: u32, which a million documents' metadata feels)
    pub claims: u32,
    pub sentences: u32,
    pub folded: u32,
    pub stripped_bytes: u32,
    /// what was skipped, for the HTML page to mark in the paragraphs it shows (not serialised)
    #[serde(skip)]
    pub skipped: Box<[Skip]>,
    /// the sketch of its words, by which the rules count copies of one text as one voice
    /// (`corpus::wire`; not serialised, empty for an archived document)
    #[serde(skip)]
    pub sketch: crate::corpus::wire::Sketch,
}

impl DocMeta {
    pub fn name(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.path),
            None => self.path.to_string(),
        }
    }
    /// File name without folders, for compact messages.
    pub fn short(&self) -> String {
        let base = std::path::Path::new(self.path.as_str())
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_else(|| self.path.to_string());
        match self.line {
            Some(l) => format!("{base}:{l}"),
            None => base,
        }
    }
}

/// Raised whenever `baseline::fingerprint` or `baseline::frame` would name a finding differently: a baseline of
/// another version is refused, not silently matched against nothing.
pub(crate) const FINGERPRINT_VERSION: u32 = 1;

/// One accepted finding (`[[accept]]` in factlint.toml): shown as accepted, not counted for the
/// exit code.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    pub fingerprint: String,
    pub reason: String,
    pub who: String,
}

/// One known finding of a baseline. Only the fingerprint is matched; the rest is for the people
/// reading it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub code: String,
    pub path: String,
    pub message: String,
}

/// What a baseline left out of a run.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineOutcome {
    pub file: String,
    /// known findings not reported
    pub suppressed: usize,
    /// entries of the baseline that no finding of the run matched (fixed, or changed)
    pub gone: Vec<BaselineEntry>,
}
