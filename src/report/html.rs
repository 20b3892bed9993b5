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

/// Rows of a timeline (one a date), at most.
const TIMELINE_ROWS: usize = 24;

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

/// A paragraph that holds labelled claims: its line, its file offset and text (as in the file:
/// a JSONL article's paragraph still has its JSON escapes), and the labelled spans in it.
struct Para {
    line: usize,
    base: usize,
    text: String,
    marks: Vec<(usize, usize)>,
    /// a window of a longer line: cut before, after
    cut: (bool, bool),
}

impl Para {
    fn id(&self, doc: u32) -> String {
        format!("p{doc}-{}", self.base)
    }
}

struct Page<'a> {
    report: &'a Report,
    sources: Sources,
    subjects: Vec<Subject>,
    /// per document: its labelled paragraphs by line
    paras: Vec<Vec<Para>>,
    /// per (document, claim start): the paragraph's file offset, for links
    where_: HashMap<(u32, usize), usize>,
    /// more than [`FULL_DOCS`] documents
    large: bool,
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
            large: report.documents.len() > FULL_DOCS,
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
        if !self.large {
            for c in &r.corroborations {
                out.extend(c.sources.iter().filter_map(|s| self.shown_claim(s.claim)));
            }
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

    /// The paragraph of every labelled claim (a line of a text file; in a JSONL article, the
    /// part of its line between two escaped line breaks), read once a paragraph.
    fn find_paragraphs(&mut self) {
        for s in self.labelled() {
            let Some(d) = self.doc(s.doc) else { continue };
            if self.where_.contains_key(&(s.doc, s.start)) {
                continue;
            }
            let paras = &mut self.paras[s.doc as usize];
            let known =
                paras.iter().position(|p| p.base <= s.start && s.end <= p.base + p.text.len());
            let i = match known {
                Some(i) => i,
                None => {
                    let (line, base, text) = self.sources.line(&d.path, s.start);
                    let off = s.start.saturating_sub(base);
                    let (a, b) = match d.line {
                        Some(_) => escaped_paragraph(&text, off),
                        None => window(&text, off, s.end.saturating_sub(base)),
                    };
                    let cut = (d.line.is_none() && a > 0, d.line.is_none() && b < text.len());
                    let text = text.get(a..b).unwrap_or_default().to_string();
                    paras.push(Para { line, base: base + a, text, marks: Vec::new(), cut });
                    paras.len() - 1
                }
            };
            paras[i].marks.push((s.start, s.end));
            self.where_.insert((s.doc, s.start), paras[i].base);
        }
        for ps in &mut self.paras {
            ps.sort_by_key(|p| p.base);
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
        page(&title, "default-src 'none'; style-src 'unsafe-inline'; img-src data:", body)
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
        let list = html! {
            ol.toc.cols[!self.large] {
                @for (i, s) in subjects.iter().enumerate() {
                    li {
                        a href=(format!("#s{i}")) { (s.name) }
                        " "
                        @if !s.diags.is_empty() { span.tag.conflict { (plural(s.diags.len(), "conflict")) } " " }
                        @if !s.corrs.is_empty() { span.tag.agree { (plural(s.corrs.len(), "agreement")) } }
                    }
                }
            }
        };
        html! {
            nav aria-labelledby="toc-h" {
                h2 #toc-h { "Contents" }
                // (a large report's list of subjects is folded: the subjects follow it)
                @if self.large {
                    details { summary { (plural(subjects.len(), "subject")) ", conflicts first" } (list) }
                } @else {
                    (list)
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
                        (self.claim(s, Some(if l.primary { "Dissenting source" } else { "Other source" }), l.primary, &l.message, false))
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
                        (self.claim(s, None, false, m, self.large))
                    }
                }
            }
        }
    }

    /// One source's claim: its sentence with the claim marked, where it stands, and the note.
    /// (`compact`: an agreeing source of a large report, on one line: the claim without its
    /// sentence.)
    fn claim(
        &mut self,
        s: Shown<'a>,
        role: Option<&str>,
        primary: bool,
        note: &str,
        compact: bool,
    ) -> Markup {
        let d = self.doc(s.doc);
        let link = d.map(DocMeta::short).unwrap_or_default();
        let href = self
            .where_
            .get(&(s.doc, s.start))
            .map(|base| format!("#p{}-{base}", s.doc))
            .unwrap_or_else(|| format!("#doc{}", s.doc));
        let outlet = d.and_then(|d| d.outlet.as_ref()).map_or("outlet unknown", |o| o.as_str());
        let lang = d.map_or("", |d| d.lang.as_str());
        if compact {
            return html! {
                li.c { strong { (outlet) } " · " (lang) " · " (d.and_then(|d| d.published).map(|p| p.to_string()).unwrap_or_else(|| "undated".into())) " · “" mark { (s.text) } "” · " a href=(href) { (link) } }
            };
        }
        let (before, marked, after) = self.sentence(s);
        html! {
            li.claim.primary[primary] {
                p.who {
                    @if let Some(r) = role { span.role { (r) ": " } }
                    strong { (outlet) } " · " (lang) " · " span.nw { (published(d)) }
                }
                blockquote { (before) mark { (marked) } (after) }
                p.note { (note) " · " a href=(href) { (link) } }
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
        let jsonl = d.line.is_some();
        match (t.get(a..st), t.get(st..en), t.get(en..b)) {
            (Some(x), Some(y), Some(z)) => (shown(x, jsonl), shown(y, jsonl), shown(z, jsonl)),
            _ => fallback,
        }
    }

    /// Dated claims of the subject on one axis, a row a date (sources that give the same date
    /// share a row); conflicting ones in red, labelled "✗ conflict". At most [`TIMELINE_ROWS`] rows.
    fn timeline(&self, s: &Subject) -> Markup {
        let r = self.report;
        let mut seen = std::collections::HashSet::new();
        // (start, end, conflicting, who, value)
        let mut points: Vec<(jiff::civil::Date, jiff::civil::Date, bool, String, String)> =
            Vec::new();
        let mut add = |sh: Shown<'a>, conflict: bool| {
            let Some(iv) = sh.claim.and_then(Claim::interval) else { return };
            if !seen.insert((sh.doc, sh.start)) {
                return;
            }
            let who = self
                .doc(sh.doc)
                .map(|d| d.outlet.map_or_else(|| d.short(), |o| o.to_string()))
                .unwrap_or_default();
            let value = sh.claim.map(Claim::value_text).unwrap_or_default();
            points.push((iv.start, iv.end, conflict, who, value));
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
        points.sort_by_key(|a| (a.0, a.1, !a.2));
        // one row a date: its sources' names, the first few
        let mut rows: Vec<(jiff::civil::Date, jiff::civil::Date, bool, Vec<String>, String)> =
            Vec::new();
        for (a, b, conflict, who, value) in points {
            match rows.last_mut() {
                Some(row) if (row.0, row.1, row.2) == (a, b, conflict) => {
                    if !row.3.contains(&who) {
                        row.3.push(who);
                    }
                }
                _ => rows.push((a, b, conflict, vec![who], value)),
            }
        }
        let all_rows = rows.len();
        rows.truncate(TIMELINE_ROWS);
        let lo = rows.iter().map(|p| p.0).min().unwrap_or_default();
        let hi = rows.iter().map(|p| p.1).max().unwrap_or_default();
        let days = |d: jiff::civil::Date| (d - lo).get_days() as f64;
        let span = days(hi).max(1.0);
        let (left, width, row) = (10.0, 380.0, 30.0);
        let x = |d: jiff::civil::Date| left + days(d) / span * width;
        let height = 30.0 + row * rows.len() as f64;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<line class="axis" x1="{left}" y1="{y}" x2="{x2}" y2="{y}"/><text class="tick" x="{left}" y="{ty}">{lo}</text><text class="tick" x="{x2}" y="{ty}" text-anchor="end">{hi}</text>"#,
            y = height - 18.0,
            x2 = left + width,
            ty = height - 4.0
        );
        let mut desc = Vec::new();
        for (k, (a, b, conflict, who, value)) in rows.iter().enumerate() {
            // a row: the label above its bar
            let y = 22.0 + row * k as f64;
            let (x1, x2) = (x(*a), x(*b).max(x(*a) + 3.0));
            let class = if *conflict { "pt conflict" } else { "pt" };
            let _ = write!(
                svg,
                r#"<g class="{class}"><rect x="{x1:.0}" y="{:.0}" width="{:.0}" height="7" rx="2"/>"#,
                y - 2.0,
                x2 - x1
            );
            let names = match who.len() {
                0..=3 => who.join(", "),
                n => format!("{} +{}", who[..2].join(", "), n - 2),
            };
            let label = format!("{}{names}: {value}", if *conflict { "✗ conflict — " } else { "" });
            // (about 6 units a character at 11 px): the label starts at its bar when it fits
            let w = 6.0 * label.chars().count() as f64;
            let (tx, anchor) = if x1 + w <= left + width {
                (x1, "")
            } else if x2 - w >= 0.0 {
                (x2, r#" text-anchor="end""#)
            } else {
                (left, "")
            };
            let _ = write!(
                svg,
                r#"<text x="{tx:.0}" y="{:.0}"{anchor}>{}</text></g>"#,
                y - 6.0,
                maud::html! { (label) }.into_string()
            );
            desc.push(label);
        }
        // (a large report's timelines are read as the claims listed below them: no description)
        let aria = (!self.large).then(|| format!("Timeline of {}: {}", s.name, desc.join("; ")));
        let role = (!self.large).then_some("img");
        let hidden = self.large.then_some("true");
        html! {
            figure.timeline {
                svg role=[role] aria-label=[aria] aria-hidden=[hidden] viewBox=(format!("0 0 400 {height}")) xmlns="http://www.w3.org/2000/svg" {
                    (PreEscaped(svg))
                }
                figcaption {
                    "Dated claims, " (lo) " to " (hi) "; conflicting ones labelled “✗ conflict”."
                    @if all_rows > TIMELINE_ROWS { " The first " (TIMELINE_ROWS) " of " (all_rows) " dates." }
                }
            }
        }
    }

    fn documents(&self) -> Markup {
        let r = self.report;
        html! {
            section #documents aria-labelledby="documents-h" {
                h2 #documents-h { "Documents" }
                p { "What was read of each document. Page furniture is what factlint skips: sidebars (“Most read”), captions, bylines; folded repeats are paragraphs printed twice." }
                @if self.large {
                    p { "A large corpus: each document shows the paragraphs that hold a conflicting claim; its other claims are counted." }
                }
                @for (i, d) in r.documents.iter().enumerate() {
                    @let paras = &self.paras[i];
                    @if self.large && paras.is_empty() {
                        p.d id=(format!("doc{i}")) { (d.name()) " · " (self.about(d)) }
                    } @else {
                        article.doc id=(format!("doc{i}")) aria-labelledby=(format!("doc{i}-h")) {
                            h3 id=(format!("doc{i}-h")) { (d.name()) }
                            p.who { (self.about(d)) }
                            @for p in paras {
                                div.para id=(p.id(i as u32)) tabindex="-1" {
                                    @if !self.large { span.ln { "paragraph at line " (p.line + 1) } }
                                    p {
                                        @if p.cut.0 { "… " }
                                        (marked(p, d.line.is_some()))
                                        @if p.cut.1 { " …" }
                                    }
                                }
                            }
                            @if !self.large && d.claims > 0 {
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

    /// Outlet, language, publication date, claims, and what was skipped of a document.
    fn about(&self, d: &DocMeta) -> Markup {
        html! {
            strong { (d.outlet.map_or("outlet unknown", |o| o.as_str())) }
            " · " (d.lang.as_str()) " (" (lang_source(d)) ")"
            " · " (published(Some(d)))
            " · " (plural(d.claims as usize, "claim"))
            @if d.folded > 0 || d.stripped_bytes > 0 {
                " · " span.skipped {
                    "skipped: " (plural(d.folded as usize, "folded repeat")) ", "
                    (d.stripped_bytes) " bytes of page furniture"
                }
            }
        }
    }
}

/// A paragraph with its labelled spans marked.
fn marked(p: &Para, jsonl: bool) -> Markup {
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
            @if m { mark { (shown(t, jsonl)) } } @else { (shown(t, jsonl)) }
        }
    }
}

/// Text of the file as shown: a JSONL article's JSON escapes decoded (line breaks as spaces).
fn shown(t: &str, jsonl: bool) -> String {
    if !jsonl || !t.contains('\\') {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut it = t.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                let mut code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                if (0xD800..0xDC00).contains(&code) {
                    // a surrogate pair: the low half follows as another escape
                    let rest: String = it.clone().take(6).collect();
                    if let Some(lo) =
                        rest.strip_prefix("\\u").and_then(|h| u32::from_str_radix(h, 16).ok())
                    {
                        code =
                            0x10000 + ((code - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF);
                        it.by_ref().take(6).for_each(drop);
                    }
                }
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(_) => out.push(' '),
            None => {}
        }
    }
    out
}

/// Bytes of a long line (a scraped page on one line) shown on each side of a claim.
const WINDOW: usize = 320;

/// The part of a line shown as a claim's paragraph: the whole line, or on a long one a window
/// around `start..end` cut at spaces.
fn window(line: &str, start: usize, end: usize) -> (usize, usize) {
    if line.len() <= 3 * WINDOW {
        return (0, line.len());
    }
    let floor = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut a = floor(start.saturating_sub(WINDOW));
    if a > 0 {
        a = line[a..start.max(a)].find(' ').map_or(a, |i| a + i + 1);
    }
    let mut b = floor(end + WINDOW);
    if b < line.len() {
        b = line[end.min(b)..b].rfind(' ').map_or(b, |i| end + i);
    }
    (a, b)
}

/// The paragraph around byte `off` of a JSONL line: between escaped line breaks (`\n`), or the
/// quotes that end the JSON string. Byte offsets into `line`.
fn escaped_paragraph(line: &str, off: usize) -> (usize, usize) {
    let b = line.as_bytes();
    let off = off.min(b.len());
    let escaped_break = |i: usize| b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'n');
    let quote = |i: usize| b.get(i) == Some(&b'"') && (i == 0 || b.get(i - 1) != Some(&b'\\'));
    let mut a = off;
    while a > 0 && !(a >= 2 && escaped_break(a - 2)) && !quote(a - 1) {
        a -= 1;
    }
    let mut e = off;
    while e < b.len() && !escaped_break(e) && !quote(e) {
        e += 1;
    }
    (a, e)
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
        crate::corpus::LangSource::CommandLine => "--lang",
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

/// One self-contained page: its own language (the page's words are English), the style inline,
/// and a Content-Security-Policy `csp` that allows no request.
pub(crate) fn page(title: &str, csp: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(csp);
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body { (body) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jsonl_paragraph_is_cut_at_escaped_breaks_and_shown_unescaped() {
        let line = r#"{"text":"Tittel\n\nDet kom \"32 av 44\" droner.\nNeste avsnitt."}"#;
        let at = line.find("32").unwrap();
        let (a, b) = escaped_paragraph(line, at);
        assert_eq!(&line[a..b], r#"Det kom \"32 av 44\" droner."#);
        assert_eq!(shown(&line[a..b], true), "Det kom \"32 av 44\" droner.");
        // the first paragraph ends at the quote that opens the string
        let (a, b) = escaped_paragraph(line, line.find("Tittel").unwrap());
        assert_eq!(&line[a..b], "Tittel");
        assert_eq!(shown(r"\u00fe\ud83d\ude00 x\ty", true), "þ😀 x y");
        // a text file's backslashes are text
        assert_eq!(shown(r"a\nb", false), r"a\nb");
    }

    #[test]
    fn a_long_line_is_windowed_at_spaces_around_the_claim() {
        let line = format!("{} 45 av 44 {}", "ord ".repeat(300), "slutt ".repeat(300));
        let at = line.find("45").unwrap();
        let (a, b) = window(&line, at, at + 8);
        assert!(a > 0 && b < line.len());
        assert!(line[a..b].contains("45 av 44"));
        assert!(line[a..].starts_with("ord ") && line[..b].ends_with("slutt"));
        assert!(b - a <= 2 * WINDOW + 8);
        assert_eq!(window("kort linje", 0, 4), (0, 10));
    }
}
