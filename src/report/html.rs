//! HTML output: one self-contained page for a fact desk (inline CSS, no script, no network).
//!
//! A summary; then one section per subject (the rules' grouping key, as the diagnostics and
//! corroborations carry it: the printer does not regroup), with a timeline of its dated claims,
//! its conflicts (every source's claim in its sentence, the arithmetic) and its agreements; then
//! the documents, each with the paragraphs that hold a labelled claim, which every claim links to.
//! A large corpus (more than [`FULL_DOCS`] documents) gets the conflicts and agreements in full,
//! and each document's other claims as a count.

use std::collections::HashMap;
use std::fmt::Write;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::human::Sources;
use super::{plural, Diagnostic, DocMeta, Label, Report, Severity};
use crate::claims::Claim;
use crate::corpus::DateSource;

/// Documents up to which every claim is listed under its document.
const FULL_DOCS: usize = 200;

pub(crate) const CSS: &str = include_str!("html.css");

/// The page for `report`, reading the labelled paragraphs through `sources`.
pub fn print(report: &Report, sources: Sources) -> String {
    Page::new(report, sources).render().into_string()
}

/// A claim shown on the page: its document, byte span, and the claim when the report has it.
#[derive(Clone, Copy)]
struct Shown<'a> {
    doc: u32,
    start: usize,
    end: usize,
    claim: Option<&'a Claim>,
    text: &'a str,
}

/// One subject's diagnostics and corroborations (indices into the report's lists).
#[derive(Default)]
struct Subject {
    name: String,
    diags: Vec<usize>,
    corrs: Vec<usize>,
}

/// A paragraph that holds labelled claims: its line and text, and the labelled spans in it.
struct Para {
    line: usize,
    base: usize,
    text: String,
    marks: Vec<(usize, usize)>,
}

struct Page<'a> {
    report: &'a Report,
    sources: Sources,
    subjects: Vec<Subject>,
    /// per document: its labelled paragraphs by line
    paras: Vec<Vec<Para>>,
    /// per (document, claim start): the paragraph's line, for links
    where_: HashMap<(u32, usize), usize>,
}

impl<'a> Page<'a> {
    fn new(report: &'a Report, sources: Sources) -> Page<'a> {
        // subjects in order of first appearance: conflicts first, then agreements
        let mut subjects: Vec<Subject> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut slot = |name: &'a str, subjects: &mut Vec<Subject>| -> usize {
            *index.entry(name).or_insert_with(|| {
                subjects.push(Subject { name: name.to_string(), ..Subject::default() });
                subjects.len() - 1
            })
        };
        for (i, d) in report.diagnostics.iter().enumerate() {
            let s = slot(d.subject.as_deref().unwrap_or("(no subject)"), &mut subjects);
            subjects[s].diags.push(i);
        }
        for (i, c) in report.corroborations.iter().enumerate() {
            let s = slot(c.subject.as_str(), &mut subjects);
            subjects[s].corrs.push(i);
        }
        let mut page = Page {
            report,
            sources,
            subjects,
            paras: (0..report.documents.len()).map(|_| Vec::new()).collect(),
            where_: HashMap::new(),
        };
        page.find_paragraphs();
        page
    }

    fn doc(&self, i: u32) -> Option<&'a DocMeta> {
        self.report.documents.get(i as usize)
    }

    /// Every labelled claim of the page, in page order.
    fn labelled(&self) -> Vec<Shown<'a>> {
        let r = self.report;
        let mut out = Vec::new();
        for d in &r.diagnostics {
            out.extend(d.labels.iter().map(|l| self.shown_label(l)));
        }
        for c in &r.corroborations {
            out.extend(c.sources.iter().filter_map(|s| self.shown_claim(s.claim)));
        }
        out
    }

    fn shown_label(&self, l: &'a Label) -> Shown<'a> {
        Shown {
            doc: l.doc,
            start: l.start,
            end: l.end,
            claim: claim_at(&self.report.claims, l.doc, l.start, l.end),
            text: l.text.as_str(),
        }
    }

    fn shown_claim(&self, i: u32) -> Option<Shown<'a>> {
        let c = self.report.claims.get(i as usize)?;
        Some(Shown {
            doc: c.doc,
            start: c.start,
            end: c.end,
            claim: Some(c),
            text: c.text.as_str(),
        })
    }

    /// The paragraph (line) of every labelled claim, read once a paragraph.
    fn find_paragraphs(&mut self) {
        for s in self.labelled() {
            let Some(d) = self.doc(s.doc) else { continue };
            if self.where_.contains_key(&(s.doc, s.start)) {
                continue;
            }
            let paras = &mut self.paras[s.doc as usize];
            let known = paras.iter().position(|p| {
                p.base <= s.start && s.start <= p.base + p.text.len() && !p.text.is_empty()
            });
            let i = match known {
                Some(i) => i,
                None => {
                    let (line, base, text) = self.sources.line(&d.path, s.start);
                    paras.push(Para { line, base, text, marks: Vec::new() });
                    paras.len() - 1
                }
            };
            paras[i].marks.push((s.start, s.end));
            self.where_.insert((s.doc, s.start), paras[i].line);
        }
        for ps in &mut self.paras {
            ps.sort_by_key(|p| p.line);
            for p in ps.iter_mut() {
                p.marks.sort_unstable();
                p.marks.dedup();
            }
        }
    }

    fn render(&mut self) -> Markup {
        let r = self.report;
        let errors = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = r.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        let title = format!(
            "factlint: {}, {} in {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(r.documents.len(), "document")
        );
        let subjects = std::mem::take(&mut self.subjects);
        let body = html! {
            a.skip href="#subjects" { "Skip to the subjects" }
            header {
                h1 { "Fact-consistency report" }
                p.lede { (title) }
            }
            main {
                (self.summary())
                (self.contents(&subjects))
                section #subjects aria-labelledby="subjects-h" {
                    h2 #subjects-h { "Subjects" }
                    @for (i, s) in subjects.iter().enumerate() {
                        (self.subject(i, s))
                    }
                }
                (self.documents())
            }
            footer { p { "Written by factlint. Every claim links to its paragraph under " a href="#documents" { "Documents" } "." } }
        };
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                    title { (title) }
                    style { (PreEscaped(CSS)) }
                }
                body { (body) }
            }
        }
    }

    fn summary(&self) -> Markup {
        let r = self.report;
        let mut outlets: Vec<&str> =
            r.documents.iter().filter_map(|d| d.outlet.as_ref().map(|o| o.as_str())).collect();
        outlets.sort_unstable();
        outlets.dedup();
        let mut langs: Vec<(&str, usize)> = Vec::new();
        for d in &r.documents {
            match langs.iter_mut().find(|(l, _)| *l == d.lang.as_str()) {
                Some(x) => x.1 += 1,
                None => langs.push((d.lang.as_str(), 1)),
            }
        }
        langs.sort_unstable();
        // errors and warnings per rule, in code order
        let mut rules: Vec<(&str, &str, usize, usize)> = Vec::new();
        for d in &r.diagnostics {
            let i = match rules.iter().position(|x| x.0 == d.code) {
                Some(i) => i,
                None => {
                    rules.push((&d.code, &d.rule, 0, 0));
                    rules.len() - 1
                }
            };
            match d.severity {
                Severity::Error => rules[i].2 += 1,
                _ => rules[i].3 += 1,
            }
        }
        rules.sort_unstable();
        let shown_outlets = 12;
        html! {
            section #summary aria-labelledby="summary-h" {
                h2 #summary-h { "Summary" }
                dl.stats {
                    div { dt { "Documents" } dd { (r.documents.len()) } }
                    div { dt { "Claims" } dd { (r.claims.len()) } }
                    div { dt { "Conflicts" } dd { (r.diagnostics.len()) } }
                    div { dt { "Corroborations" } dd { (r.corroborations.len()) } }
                }
                p {
                    strong { (plural(outlets.len(), "outlet")) ": " }
                    (outlets.iter().take(shown_outlets).copied().collect::<Vec<_>>().join(", "))
                    @if outlets.len() > shown_outlets { ", and " (outlets.len() - shown_outlets) " more" }
                    @if outlets.is_empty() { "none named" }
                }
                p {
                    strong { (plural(langs.len(), "language")) ": " }
                    (langs.iter().map(|(l, n)| format!("{l} ({n})")).collect::<Vec<_>>().join(", "))
                }
                @if !rules.is_empty() {
                    table.rules {
                        caption { "Conflicts per rule" }
                        thead { tr { th scope="col" { "Rule" } th scope="col" { "Name" } th scope="col" { "Errors" } th scope="col" { "Warnings" } } }
                        tbody {
                            @for (code, name, e, w) in &rules {
                                tr { th scope="row" { code { (code) } } td { (name) } td { (e) } td { (w) } }
                            }
                        }
                    }
                }
                @if !r.problems.is_empty() {
                    h3 { "Inputs with problems" }
                    ul.problems {
                        @for p in &r.problems {
                            li { strong { @if p.skipped { "Skipped: " } @else { "Warning: " } } (p.to_string()) }
                        }
                    }
                }
            }
        }
    }

    fn contents(&self, subjects: &[Subject]) -> Markup {
        html! {
            nav aria-labelledby="toc-h" {
                h2 #toc-h { "Contents" }
                ol.toc {
                    @for (i, s) in subjects.iter().enumerate() {
                        li {
                            a href=(format!("#s{i}")) { (s.name) }
                            " "
                            span.counts {
                                @if !s.diags.is_empty() { span.tag.conflict { (plural(s.diags.len(), "conflict")) } " " }
                                @if !s.corrs.is_empty() { span.tag.agree { (plural(s.corrs.len(), "agreement")) } }
                            }
                        }
                    }
                }
            }
        }
    }

    fn subject(&mut self, i: usize, s: &Subject) -> Markup {
        let r = self.report;
        let diags: Vec<&Diagnostic> = s.diags.iter().map(|&d| &r.diagnostics[d]).collect();
        let timeline = self.timeline(s);
        html! {
            section.subject id=(format!("s{i}")) aria-labelledby=(format!("s{i}-h")) {
                h3 id=(format!("s{i}-h")) { (s.name) }
                (timeline)
                @for (k, d) in diags.iter().enumerate() {
                    (self.diagnostic(&format!("s{i}d{k}"), d))
                }
                @for &c in &s.corrs {
                    (self.corroboration(c))
                }
            }
        }
    }

    fn diagnostic(&mut self, id: &str, d: &'a Diagnostic) -> Markup {
        let (badge, class) = match d.severity {
            Severity::Error => ("Error", "diag error"),
            Severity::Warning => ("Warning", "diag warning"),
            Severity::Advice => ("Advice", "diag advice"),
        };
        let mut labels: Vec<&Label> = d.labels.iter().collect();
        labels.sort_by_key(|l| !l.primary);
        html! {
            article class=(class) id=(id) aria-labelledby=(format!("{id}-h")) {
                h4 id=(format!("{id}-h")) {
                    span.badge { "✗ " (badge) } " "
                    code { (d.code) } " " span.rule { (d.rule) }
                }
                p.msg { (d.message) }
                p.help { strong { "Arithmetic: " } (d.help) }
                ul.claims {
                    @for l in labels {
                        @let s = self.shown_label(l);
                        (self.claim(s, if l.primary { "Dissenting source" } else { "Other source" }, l.primary, &l.message))
                    }
                }
            }
        }
    }

    fn corroboration(&mut self, i: usize) -> Markup {
        let c = &self.report.corroborations[i];
        let shown: Vec<(Shown, &str)> = c
            .sources
            .iter()
            .filter_map(|s| Some((self.shown_claim(s.claim)?, s.message.as_str())))
            .collect();
        html! {
            article.agreement aria-label=(format!("Agreement on {}: {}", c.subject, c.value)) {
                h4 {
                    span.badge { "✓ Agree" } " "
                    code { (c.code) } " "
                    span.value { (c.value) }
                    " — " (plural(shown.len(), "source"))
                }
                ul.claims {
                    @for (s, m) in shown {
                        (self.claim(s, "Agreeing source", false, m))
                    }
                }
            }
        }
    }

    /// One source's claim: its sentence with the claim marked, where it stands, and the note.
    fn claim(&mut self, s: Shown<'a>, role: &str, primary: bool, note: &str) -> Markup {
        let d = self.doc(s.doc);
        let path = d.map(|d| d.name()).unwrap_or_default();
        let (before, marked, after) = self.sentence(s);
        let href = self
            .where_
            .get(&(s.doc, s.start))
            .map(|line| format!("#p{}-{}", s.doc, line))
            .unwrap_or_else(|| format!("#doc{}", s.doc));
        html! {
            li.claim.primary[primary] {
                p.who {
                    span.role { (role) ": " }
                    strong { (d.and_then(|d| d.outlet.as_ref()).map_or("outlet unknown", |o| o.as_str())) }
                    " · " (d.map_or("", |d| d.lang.as_str()))
                    " · " span.nw { (published(d)) }
                }
                blockquote { (before) mark { (marked) } (after) }
                p.note {
                    (note) " · "
                    a href=(href) { (path) }
                }
            }
        }
    }

    /// The claim's sentence, cut around the claim's span (the claim's own text when the file
    /// cannot be read).
    fn sentence(&mut self, s: Shown<'a>) -> (String, String, String) {
        let fallback = (String::new(), s.text.to_string(), String::new());
        let (Some(c), Some(d)) = (s.claim, self.doc(s.doc)) else { return fallback };
        let (a, b) = c.sentence_span();
        let ex = self.sources.excerpt(&d.path, a, b);
        let t = ex.text.as_str();
        let at = |x: usize| x.checked_sub(ex.base);
        let (Some(a), Some(st), Some(en), Some(b)) = (at(a), at(s.start), at(s.end), at(b)) else {
            return fallback;
        };
        match (t.get(a..st), t.get(st..en), t.get(en..b)) {
            (Some(x), Some(y), Some(z)) => (x.to_string(), y.to_string(), z.to_string()),
            _ => fallback,
        }
    }

    /// Dated claims of the subject on one axis; conflicting ones marked (a cross and a label).
    fn timeline(&self, s: &Subject) -> Markup {
        let r = self.report;
        let mut points: Vec<(Shown, bool, jiff::civil::Date, jiff::civil::Date)> = Vec::new();
        let mut add = |sh: Shown<'a>, conflict: bool| {
            let Some(iv) = sh.claim.and_then(Claim::interval) else { return };
            if !points.iter().any(|p| (p.0.doc, p.0.start) == (sh.doc, sh.start)) {
                points.push((sh, conflict, iv.start, iv.end));
            }
        };
        for &i in &s.diags {
            for l in &r.diagnostics[i].labels {
                add(self.shown_label(l), l.primary);
            }
        }
        for &i in &s.corrs {
            for src in r.corroborations[i].sources.iter() {
                if let Some(sh) = self.shown_claim(src.claim) {
                    add(sh, false);
                }
            }
        }
        if points.len() < 2 {
            return html! {};
        }
        points.sort_by_key(|p| (p.2, p.3, !p.1));
        let lo = points.iter().map(|p| p.2).min().unwrap_or_default();
        let hi = points.iter().map(|p| p.3).max().unwrap_or_default();
        let days = |d: jiff::civil::Date| (d - lo).get_days() as f64;
        let span = days(hi).max(1.0);
        let (left, width, row) = (10.0, 380.0, 22.0);
        let x = |d: jiff::civil::Date| left + days(d) / span * width;
        let height = 30.0 + row * points.len() as f64;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<line class="axis" x1="{left}" y1="{y}" x2="{x2}" y2="{y}"/><text class="tick" x="{left}" y="{ty}">{lo}</text><text class="tick" x="{x2}" y="{ty}" text-anchor="end">{hi}</text>"#,
            y = height - 22.0,
            x2 = left + width,
            ty = height - 6.0
        );
        let mut desc = Vec::new();
        for (k, (sh, conflict, a, b)) in points.iter().enumerate() {
            let y = 14.0 + row * k as f64;
            let who = self
                .doc(sh.doc)
                .map(|d| d.outlet.map_or_else(|| d.short(), |o| o.to_string()))
                .unwrap_or_default();
            let value = sh.claim.map(Claim::value_text).unwrap_or_default();
            let (x1, x2) = (x(*a), x(*b).max(x(*a) + 3.0));
            let class = if *conflict { "pt conflict" } else { "pt" };
            let _ = write!(
                svg,
                r#"<g class="{class}"><rect x="{x1:.1}" y="{:.1}" width="{:.1}" height="8" rx="2"/>"#,
                y - 4.0,
                x2 - x1
            );
            if *conflict {
                let _ = write!(
                    svg,
                    r#"<path class="cross" d="M{:.1} {:.1}l7 7m0 -7l-7 7"/>"#,
                    x1 - 9.0,
                    y - 3.5
                );
            }
            let label = format!("{}{who}: {value}", if *conflict { "✗ conflict — " } else { "" });
            let anchor_end = x1 > left + width * 0.55;
            let gap = if *conflict { 10.0 } else { 4.0 };
            let tx = if anchor_end { x1 - gap } else { x2 + 6.0 };
            let _ = write!(
                svg,
                r#"<text x="{tx:.1}" y="{:.1}"{}>{}</text></g>"#,
                y + 4.0,
                if anchor_end { r#" text-anchor="end""# } else { "" },
                maud::html! { (label) }.into_string()
            );
            desc.push(label);
        }
        let aria = format!("Timeline of {}: {}", s.name, desc.join("; "));
        html! {
            figure.timeline {
                svg role="img" aria-label=(aria) viewBox=(format!("0 0 400 {height}")) xmlns="http://www.w3.org/2000/svg" {
                    (PreEscaped(svg))
                }
                figcaption { "Dated claims, " (lo) " to " (hi) "; conflicting ones crossed and labelled “conflict”." }
            }
        }
    }

    fn documents(&self) -> Markup {
        let r = self.report;
        let full = r.documents.len() <= FULL_DOCS;
        html! {
            section #documents aria-labelledby="documents-h" {
                h2 #documents-h { "Documents" }
                @if !full {
                    p { "A large corpus: each document shows the paragraphs that hold a conflicting or agreeing claim; its other claims are counted." }
                }
                @for (i, d) in r.documents.iter().enumerate() {
                    article.doc id=(format!("doc{i}")) aria-labelledby=(format!("doc{i}-h")) {
                        h3 id=(format!("doc{i}-h")) { (d.name()) }
                        p.who {
                            strong { (d.outlet.map_or("outlet unknown", |o| o.as_str())) }
                            " · " (d.lang.as_str()) " (" (lang_source(d)) ")"
                            " · " (published(Some(d)))
                            " · " (plural(d.claims as usize, "claim"))
                        }
                        @if d.folded > 0 || d.stripped_bytes > 0 {
                            p.skipped {
                                "Skipped: "
                                (plural(d.folded as usize, "folded repeat")) ", "
                                (d.stripped_bytes) " bytes of page furniture (sidebars, captions, bylines)"
                            }
                        }
                        @for p in &self.paras[i] {
                            div.para id=(format!("p{i}-{}", p.line)) tabindex="-1" {
                                span.ln { "paragraph at line " (p.line + 1) }
                                p { (marked(p)) }
                            }
                        }
                        @if full && d.claims > 0 {
                            details {
                                summary { "All " (plural(d.claims as usize, "claim")) }
                                ul.all {
                                    @for c in of_doc(&r.claims, i as u32) {
                                        li { span.kind { (c.kind.name()) } " " strong { (c.value_text()) } " “" (c.text) "”" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A paragraph with its labelled spans marked.
fn marked(p: &Para) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for &(s, e) in &p.marks {
        let (Some(s), Some(e)) = (s.checked_sub(p.base), e.checked_sub(p.base)) else { continue };
        if s < at {
            continue;
        }
        if let (Some(x), Some(y)) = (p.text.get(at..s), p.text.get(s..e)) {
            parts.push((false, x));
            parts.push((true, y));
            at = e;
        }
    }
    parts.push((false, p.text.get(at..).unwrap_or("")));
    html! {
        @for (m, t) in parts {
            @if m { mark { (t) } } @else { (t) }
        }
    }
}

fn published(d: Option<&DocMeta>) -> String {
    match d.and_then(|d| d.published.map(|p| (p, d.published_source))) {
        Some((p, DateSource::Dateline)) => format!("published {p} (dateline)"),
        Some((p, DateSource::CommandLine)) => format!("published {p} (given)"),
        Some((p, _)) => format!("published {p}"),
        None => "publication date unknown".to_string(),
    }
}

fn lang_source(d: &DocMeta) -> &'static str {
    match d.lang_source {
        crate::corpus::LangSource::Metadata => "metadata",
        crate::corpus::LangSource::Detected => "detected",
        crate::corpus::LangSource::Default => "default",
    }
}

/// The claims of document `doc` (claims are grouped by document, in document order).
fn of_doc(claims: &[Claim], doc: u32) -> &[Claim] {
    let a = claims.partition_point(|c| c.doc < doc);
    let b = claims.partition_point(|c| c.doc <= doc);
    claims.get(a..b).unwrap_or(&[])
}

/// The claim of document `doc` at `start..end`.
fn claim_at(claims: &[Claim], doc: u32, start: usize, end: usize) -> Option<&Claim> {
    of_doc(claims, doc).iter().find(|c| c.start == start && c.end == end)
}
