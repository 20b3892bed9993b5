//! JSON output: one object with `documents`, `claims`, `diagnostics`, `corroborations`, `problems`.
//!
//! The report is written as it is serialised, never held as one string. Each list (the claims are
//! most of a large report) is serialised in parallel, a window of items at a time, and written in
//! order; the output is the bytes `serde_json::to_writer_pretty` would write for the whole object.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::{Corroboration, Diagnostic, DocMeta, Report};
use crate::claims::{Claim, Sym};
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

/// A corroboration as printed: its sources as labels.
#[derive(Serialize)]
pub struct CorroborationOut<'a> {
    pub code: Sym,
    pub subject: Sym,
    pub value: Sym,
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
    pub diagnostic: &'a Diagnostic,
    /// null when the report was not marked (see `baseline::mark`)
    pub fingerprint: Option<&'a str>,
    pub accepted: Option<&'a crate::diagnostic::Accept>,
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

/// Items serialised by one task, and items in memory as text at once (a few MB).
const ITEMS_PER_TASK: usize = 256;
const ITEMS_PER_WINDOW: usize = 16 * ITEMS_PER_TASK;
/// An item weighing more than this is written as it is serialised, not held as text (a
/// corroboration of a hundred thousand sources is tens of MB of JSON).
const LARGE: usize = ITEMS_PER_TASK;

/// An item of one of the report's lists, as it is printed.
trait Item: Sync {
    /// about how many plain items its text is as long as
    fn weight(&self) -> usize {
        1
    }
    /// (`r`: the report it is of)
    fn write(&self, w: impl Write, r: &Report) -> serde_json::Result<()>;
}

impl Item for Claim {
    fn write(&self, w: impl Write, r: &Report) -> serde_json::Result<()> {
        pretty(w, &ClaimOut::new(self, &r.documents))
    }
}

impl Item for Corroboration {
    fn weight(&self) -> usize {
        self.sources.len().div_ceil(4)
    }
    fn write(&self, w: impl Write, r: &Report) -> serde_json::Result<()> {
        pretty(w, &CorroborationOut::new(self, &r.claims, &r.documents))
    }
}

macro_rules! plain_item {
    ($($t:ty),*) => {$(
        impl Item for $t {
            fn write(&self, w: impl Write, _: &Report) -> serde_json::Result<()> {
                pretty(w, self)
            }
        }
    )*};
}
plain_item!(DocMeta, DiagnosticOut<'_>, InputProblem);

/// `"name": [ ... ]` at depth one of the report object: the items are serialised in parallel,
/// a window at a time, and written in order; a large item is written alone, as it is serialised.
fn array<T: Item>(
    w: &mut impl Write,
    name: &str,
    first: bool,
    items: &[T],
    r: &Report,
) -> std::io::Result<()> {
    write!(w, "{}\n  \"{name}\": ", if first { "{" } else { "," })?;
    array_items(w, items, r)
}

/// A list's items (after its name).
fn array_items<T: Item>(w: &mut impl Write, items: &[T], r: &Report) -> std::io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let mut rest = items;
    // whether an item was written (and a comma goes before the next)
    let mut after = false;
    while let Some(item) = rest.first() {
        if item.weight() > LARGE {
            w.write_all(if after { b",\n    " } else { b"\n    " })?;
            item.write(&mut *w, r)?;
            rest = &rest[1..];
        } else {
            let (mut n, mut weight) = (0, 0);
            while n < rest.len().min(ITEMS_PER_WINDOW)
                && weight < ITEMS_PER_WINDOW
                && rest[n].weight() <= LARGE
            {
                weight += rest[n].weight();
                n += 1;
            }
            let (window, tail) = rest.split_at(n);
            let parts: Vec<std::io::Result<Vec<u8>>> = window
                .par_chunks(ITEMS_PER_TASK)
                .enumerate()
                .map(|(i, part)| pretty_items(part, after || i > 0, r))
                .collect();
            for part in parts {
                w.write_all(&part?)?;
            }
            rest = tail;
        }
        after = true;
    }
    w.write_all(b"\n  ]")
}

/// Items as pretty JSON at depth two of the report, each on a new line, with a comma before
/// each but the first of the list (`after`: an item was written before these).
fn pretty_items<T: Item>(items: &[T], after: bool, r: &Report) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(items.len() * 1024);
    for (i, item) in items.iter().enumerate() {
        buf.extend_from_slice(if after || i > 0 { b",\n    " } else { b"\n    " });
        item.write(&mut buf, r)?;
    }
    Ok(buf)
}

/// `serde_json`'s pretty printing (two spaces a level) of a value that stands at depth two of
/// the report: the same bytes as the whole report pretty-printed, without indenting each item
/// again afterwards (which took a quarter of writing a large report).
struct AtDepthTwo {
    depth: usize,
    has_value: bool,
}

impl AtDepthTwo {
    fn newline(&self, w: &mut (impl Write + ?Sized), first: bool) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(if first { b"\n" } else { b",\n" })?;
        let mut n = 2 * self.depth;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
    fn open(&mut self, w: &mut (impl Write + ?Sized), b: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b)
    }
    fn close(&mut self, w: &mut (impl Write + ?Sized), b: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, true)?;
        }
        w.write_all(b)
    }
}

impl serde_json::ser::Formatter for AtDepthTwo {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn pretty<S: Serialize>(w: impl Write, value: &S) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        w,
        AtDepthTwo { depth: 2, has_value: false },
    ))
}

/// A value pretty-printed at `depth` of the report.
fn pretty_at<S: Serialize>(w: impl Write, value: &S, depth: usize) -> std::io::Result<()> {
    value
        .serialize(&mut serde_json::Serializer::with_formatter(
            w,
            AtDepthTwo { depth, has_value: false },
        ))
        .map_err(std::io::Error::other)
}

/// Write the report as JSON to `w`.
pub fn write(r: &Report, w: impl Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    write!(w, "{{\n  \"schema_version\": \"{}\"", super::SCHEMA_VERSION)?;
    array(&mut w, "documents", false, &r.documents, r)?;
    array(&mut w, "claims", false, &r.claims, r)?;
    array(&mut w, "diagnostics", false, &DiagnosticOut::all(r), r)?;
    array(&mut w, "corroborations", false, &r.corroborations, r)?;
    array(&mut w, "problems", false, &r.problems, r)?;
    w.write_all(b",\n  \"baseline\": ")?;
    match &r.baseline {
        Some(b) => pretty_at(&mut w, b, 1)?,
        None => w.write_all(b"null")?,
    }
    w.write_all(b"\n}\n")?;
    w.flush()
}

/// The report as one JSON string (for tests and small reports; the CLI streams with [`write`]).
pub fn print(r: &Report) -> String {
    super::written(|buf| write(r, buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report as serde_json prints it in one piece: what [`write`] must reproduce.
    fn whole(r: &Report) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            schema_version: &'a str,
            documents: &'a [DocMeta],
            claims: Vec<ClaimOut<'a>>,
            diagnostics: Vec<DiagnosticOut<'a>>,
            corroborations: Vec<CorroborationOut<'a>>,
            problems: &'a [InputProblem],
            baseline: &'a Option<crate::diagnostic::BaselineOutcome>,
        }
        let out = Out {
            schema_version: crate::report::SCHEMA_VERSION,
            documents: &r.documents,
            claims: r.claims.iter().map(|c| ClaimOut::new(c, &r.documents)).collect(),
            diagnostics: DiagnosticOut::all(r),
            corroborations: r
                .corroborations
                .iter()
                .map(|c| CorroborationOut::new(c, &r.claims, &r.documents))
                .collect(),
            problems: &r.problems,
            baseline: &r.baseline,
        };
        serde_json::to_string_pretty(&out).expect("serialises") + "\n"
    }

    #[test]
    fn same_bytes_as_serde_json_in_one_piece() {
        let setup = crate::app::Setup::load(None).expect("built-in data");
        let opts = crate::app::RunOptions {
            paths: vec![
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
            ],
            ..Default::default()
        };
        let mut r = crate::app::check(&setup, &opts);
        assert!(!r.claims.is_empty() && !r.diagnostics.is_empty() && r.problems.is_empty());
        assert_eq!(print(&r), whole(&r), "a small report, with an empty list");
        // several windows, the last one partial
        let claims = r.claims.clone();
        while r.claims.len() < 2 * ITEMS_PER_WINDOW + 7 {
            r.claims.extend(claims.iter().cloned());
        }
        assert_eq!(print(&r), whole(&r), "{} claims", r.claims.len());
        r.claims.truncate(2 * ITEMS_PER_WINDOW);
        assert_eq!(print(&r), whole(&r), "whole windows only");
        // a corroboration too large to hold as text, first, in the middle and last
        let mut large = r.corroborations[0].clone();
        large.sources = large.sources.iter().cycle().take(8 * LARGE).cloned().collect();
        assert!(large.weight() > LARGE);
        r.corroborations.insert(0, large.clone());
        r.corroborations.insert(r.corroborations.len() / 2, large.clone());
        r.corroborations.push(large);
        assert_eq!(print(&r), whole(&r), "large items");
        let empty = Report::default();
        assert_eq!(print(&empty), whole(&empty), "every list empty");
    }
}
