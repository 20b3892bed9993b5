//! JSON output: one object with `documents`, `claims`, `diagnostics`, `corroborations`, `problems`.
//!
//! The report is written as it is serialised (serde_json's pretty printer), never held as one
//! string; the claims and corroborations are serialised from iterators, never collected.

use std::io::Write;

use serde::Serialize;

use super::{Corroboration, Diagnostic, DocMeta, Report};
use crate::claims::{Claim, Sym};
use crate::error::InputProblem;

mod ser;
pub use ser::pretty;

/// A claim as printed: the claim plus its document's path and its resolved value as text.
pub struct ClaimOut<'a> {
    pub(crate) path: &'a str,
    /// (its fields inline, as `#[serde(flatten)]` would put them: see `Serialize` below)
    pub(crate) claim: &'a Claim,
    /// "2023-09-12", "2023-09", "2019", "2024-06-19/2024-06-25", or null when unresolved
    pub(crate) resolved: Option<String>,
    pub(crate) value_text: String,
}

impl Serialize for ClaimOut<'_> {
    /// `path`, the claim's fields, `resolved`, `value_text`: the claim's fields are those of its
    /// own struct, written inline ([`ser::Inline`]) rather than through `#[serde(flatten)]`'s
    /// map, so that they keep their names as `&'static str` (the same output: a test compares it
    /// with the flattened form).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // (any length but 0, which would make serde_json close the object at once)
        let mut out = s.serialize_struct("ClaimOut", 3)?;
        out.serialize_field("path", self.path)?;
        self.claim.serialize(ser::Inline(&mut out))?;
        out.serialize_field("resolved", &self.resolved)?;
        out.serialize_field("value_text", &self.value_text)?;
        out.end()
    }
}

impl<'a> ClaimOut<'a> {
    pub fn new(c: &'a Claim, docs: &'a [DocMeta]) -> ClaimOut<'a> {
        let resolved = c.interval().map(|i| i.to_string());
        // (a resolved date's value is its interval as text: formatted once)
        let value_text = match (&resolved, c.kind) {
            (Some(r), crate::claims::ClaimKind::Date) => r.clone(),
            _ => c.value_text(),
        };
        debug_assert_eq!(value_text, c.value_text());
        ClaimOut {
            path: docs.get(c.doc.index()).map(|d| d.path.as_str()).unwrap_or(""),
            claim: c,
            resolved,
            value_text,
        }
    }
}

/// A corroboration as printed: its sources as labels.
#[derive(Serialize)]
pub struct CorroborationOut<'a> {
    pub(crate) code: Sym,
    pub(crate) subject: Sym,
    pub(crate) value: Sym,
    sources: SourceLabels<'a>,
}

struct SourceLabels<'a>(&'a Corroboration, &'a [Claim], &'a [DocMeta]);

impl Serialize for SourceLabels<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.labels(self.1, self.2))
    }
}

impl<'a> CorroborationOut<'a> {
    pub fn new(
        c: &'a Corroboration,
        claims: &'a [Claim],
        docs: &'a [DocMeta],
    ) -> CorroborationOut<'a> {
        CorroborationOut {
            code: c.code,
            subject: c.subject,
            value: c.value,
            sources: SourceLabels(c, claims, docs),
        }
    }
}

/// A diagnostic as printed: with its fingerprint and its acceptance (null when not accepted).
#[derive(Serialize)]
pub struct DiagnosticOut<'a> {
    #[serde(flatten)]
    pub(crate) diagnostic: &'a Diagnostic,
    /// null when the report was not marked (see `baseline::mark`)
    pub(crate) fingerprint: Option<&'a str>,
    pub(crate) accepted: Option<&'a crate::diagnostic::Accept>,
}

impl<'a> DiagnosticOut<'a> {
    pub fn all(r: &'a Report) -> Vec<DiagnosticOut<'a>> {
        r.diagnostics
            .iter()
            .enumerate()
            .map(|(i, d)| DiagnosticOut {
                diagnostic: d,
                fingerprint: r.marks.get(i).map(|m| m.fingerprint.as_str()),
                accepted: r.accepted(i),
            })
            .collect()
    }
}

/// Write the report as JSON to `w`: serde_json's pretty layout over the whole report, each list
/// serialised from an iterator as it is written (nothing collected, the report never one
/// string), by the serializer of [`ser`] (the same bytes as serde_json's, a third of the
/// instructions). A printer of its own, lists serialised in parallel a window at a time, was no
/// faster on two cores (bench/README.md, *JSON and JSON Lines*).
pub fn write(r: &Report, w: impl Write) -> std::io::Result<()> {
    let out = Out {
        schema_version: super::SCHEMA_VERSION,
        documents: &r.documents,
        claims: Seq(|| r.claims.iter().map(|c| ClaimOut::new(c, &r.documents))),
        diagnostics: DiagnosticOut::all(r),
        corroborations: Seq(|| {
            r.corroborations.iter().map(|c| CorroborationOut::new(c, &r.claims, &r.documents))
        }),
        problems: &r.problems,
        baseline: &r.baseline,
    };
    let mut json = ser::Json::new(w);
    // (From, not `other`: a closed pipe stays a BrokenPipe, which is no error to the CLI)
    out.serialize(&mut json).map_err(std::io::Error::from)?;
    json.raw(b"\n");
    json.finish()
}

/// The report object as printed (`C`, `K`: the claims and corroborations, as [`Seq`]s).
#[derive(Serialize)]
struct Out<'a, C, K> {
    schema_version: &'a str,
    documents: &'a [DocMeta],
    claims: C,
    diagnostics: Vec<DiagnosticOut<'a>>,
    corroborations: K,
    problems: &'a [InputProblem],
    baseline: &'a Option<crate::diagnostic::BaselineOutcome>,
}

/// A list serialised from the iterator its function makes, item by item as it is written.
struct Seq<F>(F);

impl<I: Iterator, F: Fn() -> I> Serialize for Seq<F>
where
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// The report as one JSON string (for tests and small reports; the CLI streams with [`write`]).
pub fn print(r: &Report) -> String {
    super::written(|buf| write(r, buf))
}
