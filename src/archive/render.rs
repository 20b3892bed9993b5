//! Human output of `check --against`: each diagnostic in the draft through miette, with a related
//! note for every archived source quoting its text, path, outlet and date. Archived spans are
//! rendered from the text stored in the archive, so they print whether or not the archived file
//! is still on disk (or has changed since it was indexed).

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, SourceCode};

use super::against::Against;
use crate::report::human::{self, Sources};
use crate::report::{Diagnostic, DocMeta, Label, Severity};

/// Characters of context kept on each side of a span inside a long line.
const WINDOW: usize = 160;

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A text as miette source: long lines (one-line scraped pages) are cut to a window around the
/// span, and line numbers start at `first_line` (a JSONL article's line in its file).
#[derive(Clone)]
struct Text {
    name: String,
    text: Arc<String>,
    first_line: usize,
}

impl SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.text.as_str();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text[end..].find('\n').map(|i| end + i).unwrap_or(text.len());
        if line_end - line_start <= 3 * WINDOW {
            let inner = text.read_span(span, before, after)?;
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                inner.line() + self.first_line,
                inner.column(),
                inner.line_count(),
            )));
        }
        let mut ws = floor_char_boundary(text, start.saturating_sub(WINDOW).max(line_start));
        if ws > line_start {
            if let Some(sp) = text[ws..start].find(' ') {
                ws += sp + 1;
            }
        }
        let mut we = floor_char_boundary(text, (end + WINDOW).min(line_end));
        if we < line_end {
            if let Some(sp) = text[end..we].rfind(' ') {
                we = end + sp;
            }
        }
        let line = text[..ws].matches('\n').count() + self.first_line;
        let column = text[line_start..ws].chars().count();
        Ok(Box::new(miette::MietteSpanContents::new_named(self.name.clone(), &text.as_bytes()[ws..we], (ws, we - ws).into(), line, column, 1)))
    }
}

/// One file's part of a diagnostic; the first part carries the diagnostic, the others follow as
/// related notes.
struct Part {
    code: String,
    message: String,
    help: Option<String>,
    severity: miette::Severity,
    src: Option<Text>,
    labels: Vec<LabeledSpan>,
    related: Vec<Part>,
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Part {}

impl miette::Diagnostic for Part {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (self.src.is_some() && !self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty()).then(|| Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)) as Box<dyn Iterator<Item = _>>)
    }
}

fn spans(labels: &[&Label], text: &str, base: usize) -> Vec<LabeledSpan> {
    labels
        .iter()
        .map(|l| {
            let s = floor_char_boundary(text, l.start.saturating_sub(base).min(text.len()));
            let e = floor_char_boundary(text, l.end.saturating_sub(base).min(text.len())).max(s);
            if l.primary {
                LabeledSpan::new_primary_with_span(Some(l.message.clone()), (s, e - s))
            } else {
                LabeledSpan::new_with_span(Some(l.message.clone()), (s, e - s))
            }
        })
        .collect()
}

/// "NRK, published 2023-09-13"
fn provenance(d: &DocMeta) -> String {
    let mut s = d.outlet.clone().unwrap_or_default();
    if !s.is_empty() {
        s.push_str(", ");
    }
    match d.published {
        Some(p) => s.push_str(&format!("published {p}")),
        None => s.push_str("publication date unknown"),
    }
    s
}

/// The stored text of an archived document, if it holds the labelled spans.
fn stored_text(a: &Against, doc: u32, labels: &[&Label]) -> Option<(Text, usize)> {
    let ad = a.archived(doc)?;
    let meta = a.report.documents.get(doc as usize)?;
    // the quote must be where the label says: otherwise show the note without a snippet
    let fits = labels.iter().all(|l| {
        let (s, e) = (l.start.checked_sub(ad.base), l.end.checked_sub(ad.base));
        matches!((s, e), (Some(s), Some(e)) if ad.source.get(s..e) == Some(l.text.as_str()))
    });
    if ad.source.is_empty() || !fits {
        return None;
    }
    let first_line = meta.line.map(|l| l.saturating_sub(1)).unwrap_or(0);
    Some((Text { name: meta.name(), text: ad.source.clone(), first_line }, ad.base))
}

fn build(d: &Diagnostic, a: &Against, sources: &mut Sources) -> Part {
    // documents in order: the draft with the primary label (or the first draft), other drafts,
    // then the archived ones
    let mut docs: Vec<u32> = Vec::new();
    let primary_draft = d.labels.iter().find(|l| l.primary && a.is_draft(l.doc)).or_else(|| d.labels.iter().find(|l| a.is_draft(l.doc)));
    docs.extend(primary_draft.map(|l| l.doc));
    for l in d.labels.iter().filter(|l| a.is_draft(l.doc)).chain(d.labels.iter().filter(|l| !a.is_draft(l.doc))) {
        if !docs.contains(&l.doc) {
            docs.push(l.doc);
        }
    }
    let mut parts: Vec<Part> = docs
        .iter()
        .map(|&doc| {
            let ls: Vec<&Label> = d.labels.iter().filter(|l| l.doc == doc).collect();
            let meta = a.report.documents.get(doc as usize);
            let path = meta.map(|m| m.name()).or_else(|| ls.first().map(|l| l.path.clone())).unwrap_or_default();
            if a.is_draft(doc) {
                let file = ls.first().map(|l| l.path.clone()).unwrap_or_default();
                let text = sources.get(&file);
                return Part {
                    code: String::new(),
                    message: format!("in {path}"),
                    help: None,
                    severity: miette::Severity::Advice,
                    labels: spans(&ls, &text, 0),
                    src: Some(Text { name: file, text, first_line: 0 }),
                    related: Vec::new(),
                };
            }
            let quotes: Vec<String> = ls.iter().map(|l| format!("“{}”", l.text)).collect();
            let message = format!(
                "archived: {path} ({}): {}",
                meta.map(provenance).unwrap_or_default(),
                quotes.join(", ")
            );
            match stored_text(a, doc, &ls) {
                Some((src, base)) => Part {
                    code: String::new(),
                    message,
                    help: None,
                    severity: miette::Severity::Advice,
                    labels: spans(&ls, &src.text, base),
                    src: Some(src),
                    related: Vec::new(),
                },
                // no stored text to show: the note alone names the source and quotes it
                None => Part {
                    code: String::new(),
                    message: format!("{message} — {}", ls.iter().map(|l| l.message.clone()).collect::<Vec<_>>().join("; ")),
                    help: None,
                    severity: miette::Severity::Advice,
                    labels: Vec::new(),
                    src: None,
                    related: Vec::new(),
                },
            }
        })
        .collect();
    let first = if parts.is_empty() {
        Part { code: String::new(), message: String::new(), help: None, severity: miette::Severity::Advice, src: None, labels: Vec::new(), related: Vec::new() }
    } else {
        parts.remove(0)
    };
    Part {
        code: d.code.clone(),
        message: d.message.clone(),
        help: Some(d.help.clone()),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        },
        src: first.src,
        labels: first.labels,
        related: parts,
    }
}

/// 1-based line and column of a label, in a draft file or in an archived document's stored text.
fn line_col(a: &Against, l: &Label, sources: &mut Sources) -> (usize, usize) {
    let Some(ad) = a.archived(l.doc) else { return sources.line_col(&l.path, l.start) };
    let text = ad.source.as_str();
    let off = floor_char_boundary(text, l.start.saturating_sub(ad.base).min(text.len()));
    let before = &text[..off];
    let first = a.report.documents.get(l.doc as usize).and_then(|d| d.line).unwrap_or(1);
    let col = before.rsplit('\n').next().map(|x| x.chars().count()).unwrap_or(0) + 1;
    (first + before.matches('\n').count(), col)
}

/// The whole human report of a check against an archive.
pub fn print(a: &Against, corroborations: bool, color: bool) -> String {
    let h = human::handler(color);
    let mut sources = Sources::default();
    let r = &a.report;
    let mut out = String::new();
    for p in &r.problems {
        out.push_str(&format!("{}: {p}\n", if p.skipped { "skipped" } else { "warning" }));
    }
    for d in a.draft_documents() {
        if d.published.is_none() {
            out.push_str(&format!(
                "note: {}: publication date unknown; relative dates left unresolved and the whole archive searched (give --published or a dateline)\n",
                d.name()
            ));
        }
    }
    for d in &r.diagnostics {
        let part = build(d, a, &mut sources);
        let mut s = String::new();
        if h.render_report(&mut s, &part).is_err() {
            s = format!("{}: {}\n", d.code, d.message);
        }
        out.push_str(&s);
        out.push('\n');
    }
    if corroborations {
        for c in &r.corroborations {
            out.push_str(&format!("agree [{}] {} = {}\n", c.code, c.subject, c.value));
            for s in &c.sources {
                let (l, col) = line_col(a, s, &mut sources);
                let origin = match a.report.documents.get(s.doc as usize) {
                    Some(d) if !a.is_draft(s.doc) => format!(" [archived: {}]", provenance(d)),
                    _ => String::new(),
                };
                out.push_str(&format!("    {}:{l}:{col} “{}” ({}){origin}\n", s.path, s.text, s.message));
            }
        }
    }
    let count = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let draft_claims = r.claims.iter().filter(|c| a.is_draft(c.doc)).count();
    out.push_str(&format!(
        "{}, {} in {} ({}) checked against {} in {} ({} compared, {})\n",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(a.drafts, "draft"),
        plural(draft_claims, "claim"),
        a.db,
        plural(a.archived.len(), "archived document"),
        plural(a.compared, "claim"),
        plural(r.corroborations.len(), "corroboration"),
    ));
    out
}
