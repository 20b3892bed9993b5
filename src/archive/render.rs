//! Human output of `check --against`: each diagnostic in the draft through miette, with a related
//! note for every archived source quoting its text, path, outlet and date. Archived spans are
//! rendered from the text stored in the archive, so they print whether or not the archived file
//! is still on disk (or has changed since it was indexed).

use super::against::{Against, ArchivedDoc};
use crate::claims::DocId;
use crate::report::human::{self, spans, Rendered, Sources, Windowed};
use crate::report::{plural, Diagnostic, DocMeta, Label, Severity};

/// "NRK, published 2023-09-13"
fn provenance(d: &DocMeta) -> String {
    let mut s = d.outlet.map(|o| o.to_string()).unwrap_or_default();
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
fn stored_text<'a>(
    a: &'a Against,
    doc: DocId,
    labels: &[&Label],
) -> Option<(Windowed, &'a ArchivedDoc)> {
    let ad = a.archived(doc)?;
    let meta = a.report.documents.get(doc.index())?;
    // the quote must be where the label says: otherwise show the note without a snippet
    let fits = labels.iter().all(|l| {
        l.start >= ad.base && ad.source.get(ad.pos(l.start)..ad.pos(l.end)) == Some(l.text.as_str())
    });
    if ad.source.is_empty() || !fits {
        return None;
    }
    let first_line = meta.line.map(|l| l.saturating_sub(1)).unwrap_or(0);
    Some((Windowed { name: meta.name(), text: ad.source.clone(), first_line }, ad))
}

fn build(d: &Diagnostic, a: &Against, sources: &mut Sources) -> Rendered {
    // documents in order: the draft with the primary label (or the first draft), other drafts,
    // then the archived ones
    let mut docs: Vec<DocId> = Vec::new();
    let primary_draft = d
        .labels
        .iter()
        .find(|l| l.primary && a.is_draft(l.doc))
        .or_else(|| d.labels.iter().find(|l| a.is_draft(l.doc)));
    docs.extend(primary_draft.map(|l| l.doc));
    for l in d
        .labels
        .iter()
        .filter(|l| a.is_draft(l.doc))
        .chain(d.labels.iter().filter(|l| !a.is_draft(l.doc)))
    {
        if !docs.contains(&l.doc) {
            docs.push(l.doc);
        }
    }
    let parts: Vec<Rendered> = docs
        .iter()
        .map(|&doc| {
            let ls: Vec<&Label> = d.labels.iter().filter(|l| l.doc == doc).collect();
            let meta = a.report.documents.get(doc.index());
            let path = meta
                .map(|m| m.name())
                .or_else(|| ls.first().map(|l| l.path.to_string()))
                .unwrap_or_default();
            if a.is_draft(doc) {
                let file = ls.first().map(|l| l.path.to_string()).unwrap_or_default();
                let (start, end) = (
                    ls.iter().map(|l| l.start).min().unwrap_or(0),
                    ls.iter().map(|l| l.end).max().unwrap_or(0),
                );
                let ex = sources.excerpt(&file, start, end);
                let labels = spans(&ls, &ex.text, |o| ex.pos(o));
                return Rendered::note(
                    format!("in {path}"),
                    Some(Windowed { name: file, text: ex.text, first_line: ex.first_line }),
                    labels,
                );
            }
            let quotes: Vec<String> = ls.iter().map(|l| format!("“{}”", l.text)).collect();
            let message = format!(
                "archived: {path} ({}): {}",
                meta.map(provenance).unwrap_or_default(),
                quotes.join(", ")
            );
            archived_part(a, doc, &ls, message)
        })
        .collect();
    Rendered::assemble(d, parts)
}

/// An archived document's part: its stored text with the labels, else the note alone.
fn archived_part(a: &Against, doc: DocId, ls: &[&Label], message: String) -> Rendered {
    match stored_text(a, doc, ls) {
        Some((src, ad)) => {
            let labels = spans(ls, &src.text, |o| ad.pos(o));
            Rendered::note(message, Some(src), labels)
        }
        // no stored text to show: the note alone names the source and quotes it
        None => Rendered::note(
            format!("{message} — {}", ls.iter().map(|l| l.message).collect::<Vec<_>>().join("; ")),
            None,
            Vec::new(),
        ),
    }
}

/// 1-based line and column of a label, in a draft file or in an archived document's stored text.
fn line_col(a: &Against, l: &Label, sources: &mut Sources) -> (usize, usize) {
    let Some(ad) = a.archived(l.doc) else { return sources.line_col(&l.path, l.start) };
    let (line, col) = human::line_col(&ad.source, ad.pos(l.start));
    let first = a.report.documents.get(l.doc.index()).and_then(|d| d.line).unwrap_or(1);
    (first.max(1) - 1 + line, col)
}

/// The whole human report of a check against an archive.
pub fn print(a: &Against, corroborations: bool, color: bool) -> String {
    let h = human::handler(color);
    let mut sources = Sources::default();
    let r = &a.report;
    let mut out = String::new();
    for p in &r.problems {
        out.push_str(&p.human_line());
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
            for s in c.labels(&r.claims, &r.documents) {
                let (l, col) = line_col(a, &s, &mut sources);
                let origin = match a.report.documents.get(s.doc.index()) {
                    Some(d) if !a.is_draft(s.doc) => format!(" [archived: {}]", provenance(d)),
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "    {}:{l}:{col} “{}” ({}){origin}\n",
                    s.path, s.text, s.message
                ));
            }
        }
    }
    let count = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
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
