//! HTML output: one self-contained page for a fact desk (inline CSS, no script, no network).
//!
//! A summary; then one section per subject (the rules' grouping key, as the diagnostics and
//! corroborations carry it: the printer does not regroup), with a timeline of its dated claims,
//! its conflicts (every source's claim in its sentence, the arithmetic) and its agreements; then
//! the claims no rule labelled, summarised per subject (the same key); then the documents, each
//! with the paragraphs that hold a labelled claim, which every claim links to, and what the
//! corpus stage skipped in them (page furniture, folded repeats) marked in words. A large corpus
//! (more than [`FULL_DOCS`] documents) gets the conflicts and agreements in full, and paragraphs
//! only around conflicting claims.
//!
//! The page is streamed: a section at a time into a buffered writer. Each document line the page
//! quotes is read once ([`Lines`]).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::rc::Rc;

use maud::{html, Markup, PreEscaped, Render, DOCTYPE};

use super::human::Sources;
use super::{plural, Diagnostic, DocMeta, Label, Report, Severity};
use crate::claims::{Claim, ClaimIdx, DocId};
use crate::corpus::{DateSource, Skip};

/// Documents up to which every claim is listed under its document.
const FULL_DOCS: usize = 200;

/// Rows of a timeline (one a date), at most.
const TIMELINE_ROWS: usize = 24;

/// Values and outlets a summary of other claims names, at most (the rest are counted).
const SUMMARY_VALUES: usize = 3;
const SUMMARY_OUTLETS: usize = 4;

/// Characters quoted from each end of a skipped passage in its marker.
const SKIP_QUOTE: usize = 28;

/// The check report's Content-Security-Policy: no request of any kind.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

pub(crate) const CSS: &str = include_str!("html.css");

/// The page for `report`, reading the labelled paragraphs through `sources`.
pub fn print(report: &Report, sources: Sources) -> String {
    super::written(|buf| write(report, sources, buf))
}

/// The page for `report`, streamed to `out` a section at a time.
pub fn write(report: &Report, sources: Sources, out: impl Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    Page::new(report, sources).write(&mut w)?;
    w.flush()
}

/// The report's outlets (sorted, once each) and languages with their documents (sorted).
fn outlets_and_languages(r: &Report) -> (Vec<&str>, Vec<(&str, usize)>) {
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
    (outlets, langs)
}

/// Errors and warnings per rule, in code order: (code, name, errors, warnings).
fn per_rule(r: &Report) -> Vec<(&str, &str, usize, usize)> {
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
    rules
}

/// A dated claim on a timeline: (start, end, conflicting, who, value).
type Point = (jiff::civil::Date, jiff::civil::Date, bool, String, String);

/// A timeline row: (start, end, conflicting, its sources' names, value).
type Row = (jiff::civil::Date, jiff::civil::Date, bool, Vec<String>, String);

/// One row a date: its sources' names, the first few.
fn timeline_rows(points: Vec<Point>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
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
    rows
}

/// The timeline's SVG body from `lo` to `hi`, its rows' labels and its height.
fn timeline_svg(
    rows: &[Row],
    lo: jiff::civil::Date,
    hi: jiff::civil::Date,
) -> (String, Vec<String>, f64) {
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
        let label = row_label(*conflict, who, value);
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
    (svg, desc, height)
}

/// A timeline row's label: its sources (the first few) and value.
fn row_label(conflict: bool, who: &[String], value: &str) -> String {
    let names = match who.len() {
        0..=3 => who.join(", "),
        n => format!("{} +{}", who[..2].join(", "), n - 2),
    };
    format!("{}{names}: {value}", if conflict { "✗ conflict — " } else { "" })
}

/// A claim shown on the page: its document, byte span, and the claim when the report has it.
#[derive(Clone, Copy)]
struct Shown<'a> {
    doc: DocId,
    start: usize,
    end: usize,
    claim: Option<&'a Claim>,
    text: &'a str,
}

/// One subject's diagnostics and corroborations (indices into the report's lists).
#[derive(Default)]
struct Subject<'a> {
    name: &'a str,
    diags: Vec<usize>,
    corrs: Vec<usize>,
    /// its claims that no diagnostic or corroboration names, summarised
    others: Option<Others>,
}

/// Claims of one subject that no diagnostic or corroboration names, summarised.
#[derive(Default)]
struct Others {
    subject: String,
    claims: usize,
    /// the values stated and how many claims state each, most first
    values: Vec<(String, usize)>,
    /// documents that state them (claims come in document order: `last` is the latest counted)
    docs: usize,
    last: Option<DocId>,
    outlets: Vec<&'static str>,
}

impl Others {
    fn add(&mut self, c: &Claim, outlet: Option<&'static str>) {
        self.claims += 1;
        let v = c.value_text();
        match self.values.iter_mut().find(|(x, _)| *x == v) {
            Some(x) => x.1 += 1,
            None => self.values.push((v, 1)),
        }
        if self.last != Some(c.doc) {
            self.docs += 1;
            self.last = Some(c.doc);
        }
        if let Some(o) = outlet.filter(|o| !self.outlets.contains(o)) {
            self.outlets.push(o);
        }
    }
    /// Values most stated first (ties in order of first statement).
    fn sort(&mut self) {
        self.values.sort_by_key(|v| std::cmp::Reverse(v.1));
    }
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

/// The lines of the documents' files that the page quotes, each read once (a JSONL article is
/// one line, a text file's paragraph is one): per document, (0-based line, file offset of its
/// start, text without the line break).
struct Lines {
    sources: Sources,
    held: HashMap<DocId, Vec<(usize, usize, Rc<str>)>>,
}

impl Lines {
    fn get(&mut self, doc: DocId, path: &str, off: usize) -> (usize, usize, Rc<str>) {
        let held = self.held.entry(doc).or_default();
        if let Some(l) = held.iter().find(|l| l.1 <= off && off <= l.1 + l.2.len()) {
            return l.clone();
        }
        let (n, base, text) = self.sources.line(path, off);
        let l = (n, base, Rc::<str>::from(text));
        held.push(l.clone());
        l
    }
}

struct Page<'a> {
    report: &'a Report,
    lines: Lines,
    subjects: Vec<Subject<'a>>,
    /// other claims of subjects that have no section, most sources first
    others: Vec<Others>,
    /// per document: its labelled paragraphs by line
    paras: Vec<Vec<Para>>,
    /// per (document, claim start): the paragraph's file offset, for links
    where_: HashMap<(DocId, usize), usize>,
    /// more than [`FULL_DOCS`] documents
    large: bool,
}

impl<'a> Page<'a> {
    fn new(report: &'a Report, sources: Sources) -> Page<'a> {
        // subjects in order of first appearance: conflicts first, then agreements
        let mut subjects: Vec<Subject> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut slot = |name: &'a str, subjects: &mut Vec<Subject<'a>>| -> usize {
            *index.entry(name).or_insert_with(|| {
                subjects.push(Subject { name, ..Subject::default() });
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
        let others = summarise_others(report, &mut subjects, &index);
        let mut page = Page {
            report,
            lines: Lines { sources, held: HashMap::new() },
            subjects,
            others,
            paras: (0..report.documents.len()).map(|_| Vec::new()).collect(),
            where_: HashMap::new(),
            large: report.documents.len() > FULL_DOCS,
        };
        page.find_paragraphs();
        page
    }

    fn doc(&self, i: DocId) -> Option<&'a DocMeta> {
        self.report.documents.get(i.index())
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
            claim: claim_index(&self.report.claims, l.doc, l.start, l.end)
                .map(|i| &self.report.claims[i.index()]),
            text: l.text.as_str(),
        }
    }

    fn shown_claim(&self, i: ClaimIdx) -> Option<Shown<'a>> {
        let c = self.report.claims.get(i.index())?;
        Some(Shown {
            doc: c.doc,
            start: c.start,
            end: c.end,
            claim: Some(c),
            text: c.text.as_str(),
        })
    }

    /// The paragraph of every labelled claim (a line of a text file; in a JSONL article, the
    /// part of its line between two escaped line breaks).
    fn find_paragraphs(&mut self) {
        for s in self.labelled() {
            let Some(d) = self.doc(s.doc) else { continue };
            if self.where_.contains_key(&(s.doc, s.start)) {
                continue;
            }
            let known = self.paras[s.doc.index()]
                .iter()
                .position(|p| p.base <= s.start && s.end <= p.base + p.text.len());
            let i = match known {
                Some(i) => i,
                None => {
                    let (line, base, text) = self.lines.get(s.doc, &d.path, s.start);
                    let off = s.start.saturating_sub(base);
                    let (a, b) = match d.line {
                        Some(_) => escaped_paragraph(&text, off),
                        None => window(&text, off, s.end.saturating_sub(base)),
                    };
                    let cut = (d.line.is_none() && a > 0, d.line.is_none() && b < text.len());
                    let text = text.get(a..b).unwrap_or_default().to_string();
                    let paras = &mut self.paras[s.doc.index()];
                    paras.push(Para { line, base: base + a, text, marks: Vec::new(), cut });
                    paras.len() - 1
                }
            };
            let p = &mut self.paras[s.doc.index()][i];
            p.marks.push((s.start, s.end));
            self.where_.insert((s.doc, s.start), p.base);
        }
        for ps in &mut self.paras {
            ps.sort_by_key(|p| p.base);
            for p in ps.iter_mut() {
                p.marks.sort_unstable();
                p.marks.dedup();
            }
        }
    }

    /// The whole page, a section at a time.
    fn write(&mut self, w: &mut impl Write) -> std::io::Result<()> {
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
        let mut put = |m: Markup| w.write_all(m.0.as_bytes());
        put(page_start(&title, CSP))?;
        put(html! {
            a.skip href="#subjects" { "Skip to the subjects" }
            header {
                h1 { "Fact-consistency report" }
                p.lede { (title) }
            }
            (PreEscaped("<main>"))
            (self.summary())
            (self.contents(&subjects))
            (PreEscaped(r#"<section id="subjects" aria-labelledby="subjects-h">"#))
            h2 #subjects-h { "Subjects" }
        })?;
        for (i, s) in subjects.iter().enumerate() {
            put(self.subject(i, s))?;
        }
        put(html! {
            (PreEscaped("</section>"))
            (self.other_claims())
        })?;
        self.documents(&mut put)?;
        put(html! {
            (PreEscaped("</main>"))
            footer { p { "Written by factlint. Every claim links to its paragraph under " a href="#documents" { "Documents" } "." } }
            (PreEscaped(PAGE_END))
        })
    }

    fn summary(&self) -> Markup {
        let r = self.report;
        let (outlets, langs) = outlets_and_languages(r);
        let rules = per_rule(r);
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
                        a href={ "#s" (i) } { (s.name) }
                        " "
                        @if !s.diags.is_empty() { span.tag.conflict { (Plural(s.diags.len(), "conflict")) } " " }
                        @if !s.corrs.is_empty() { span.tag.agree { (Plural(s.corrs.len(), "agreement")) } }
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
                p { "Then " a href="#others" { "other claims, by subject" } " and the " a href="#documents" { "documents" } "." }
            }
        }
    }

    fn subject(&mut self, i: usize, s: &Subject) -> Markup {
        let r = self.report;
        let diags: Vec<&Diagnostic> = s.diags.iter().map(|&d| &r.diagnostics[d]).collect();
        let timeline = self.timeline(s);
        html! {
            section.subject id={ "s" (i) } aria-labelledby={ "s" (i) "-h" } {
                h3 id={ "s" (i) "-h" } { (s.name) }
                (timeline)
                @for d in &diags {
                    (self.diagnostic(d))
                }
                @for &c in &s.corrs {
                    (self.corroboration(c))
                }
                @if let Some(o) = &s.others {
                    p.others {
                        strong { "Also stated, in no conflict or agreement: " }
                        (Values(o)) " — " (Plural(o.docs, "source")) " (" (Outlets(o)) ")"
                    }
                }
            }
        }
    }

    fn diagnostic(&mut self, d: &'a Diagnostic) -> Markup {
        let (badge, class) = match d.severity {
            Severity::Error => ("Error", "diag error"),
            Severity::Warning => ("Warning", "diag warning"),
            Severity::Advice => ("Advice", "diag advice"),
        };
        let mut labels: Vec<&Label> = d.labels.iter().collect();
        labels.sort_by_key(|l| !l.primary);
        html! {
            article class=(class) {
                h4 {
                    span.badge { "✗ " (badge) } " "
                    code { (d.code) } " " span.rule { (d.rule) }
                }
                p.msg { (d.message) }
                p.help { strong { "Arithmetic: " } (d.help) }
                ul.claims {
                    @for l in labels {
                        @let s = self.shown_label(l);
                        // (a large report names only the dissenting source's role)
                        @let role = match (l.primary, self.large) {
                            (true, _) => Some("Dissenting source"),
                            (false, false) => Some("Other source"),
                            (false, true) => None,
                        };
                        (self.claim(s, role, l.primary, &l.message, false))
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
            article.agreement aria-label={ "Agreement on " (c.subject) ": " (c.value) } {
                h4 {
                    span.badge { "✓ Agree" } " "
                    code { (c.code) } " "
                    span.value { (c.value) }
                    " — " (Plural(shown.len(), "source"))
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
        let link = Link { doc: s.doc, para: self.where_.get(&(s.doc, s.start)).copied() };
        let outlet = d.and_then(|d| d.outlet.as_ref()).map_or("outlet unknown", |o| o.as_str());
        let lang = d.map_or("", |d| d.lang.as_str());
        if compact {
            return html! {
                li.c {
                    strong { (outlet) } " · " (lang) " · "
                    @if let Some(p) = d.and_then(|d| d.published) { (p) } @else { "undated" }
                    " · “" (s.text) "” · " a href=(link) { (Short(d)) }
                }
            };
        }
        let jsonl = d.is_some_and(|d| d.line.is_some());
        let sentence = self.sentence(s);
        let parts = sentence.as_ref().and_then(|(t, [a, st, en, b])| {
            Some((t.get(*a..*st)?, t.get(*st..*en)?, t.get(*en..*b)?))
        });
        html! {
            li.claim.primary[primary] {
                p.who {
                    @if let Some(r) = role { span.role { (r) ": " } }
                    strong { (outlet) } " · " (lang) " · " span.nw { (Published(d)) }
                }
                blockquote {
                    @if let Some((x, y, z)) = parts {
                        (Text(x, jsonl)) mark { (Text(y, jsonl)) } (Text(z, jsonl))
                    } @else {
                        mark { (s.text) }
                    }
                }
                p.note { (note) " · " a href=(link) { (Short(d)) } }
            }
        }
    }

    /// The text that holds the claim's sentence, and in it the sentence's start, the claim's
    /// start and end, and the sentence's end (`None` when the file cannot be read).
    fn sentence(&mut self, s: Shown<'a>) -> Option<(Rc<str>, [usize; 4])> {
        let (c, d) = (s.claim?, self.doc(s.doc)?);
        let (a, b) = c.sentence_span();
        let (_, base, text) = self.lines.get(s.doc, &d.path, s.start);
        let on_line = |x: usize| x.checked_sub(base).filter(|&x| x <= text.len());
        if let (Some(a), Some(st), Some(en), Some(b)) =
            (on_line(a), on_line(s.start), on_line(s.end), on_line(b))
        {
            return Some((text, [a, st, en, b]));
        }
        // a sentence across lines (a text file wrapped by hand): the lines that hold it
        let ex = self.lines.sources.excerpt(&d.path, a, b);
        let at = |x: usize| x.checked_sub(ex.base);
        Some((Rc::from(ex.text.as_str()), [at(a)?, at(s.start)?, at(s.end)?, at(b)?]))
    }

    /// Dated claims of the subject on one axis, a row a date (sources that give the same date
    /// share a row); conflicting ones in red, labelled "✗ conflict". At most [`TIMELINE_ROWS`] rows.
    fn timeline(&self, s: &Subject) -> Markup {
        let points = self.timeline_points(s);
        if points.len() < 2 {
            return html! {};
        }
        let mut rows = timeline_rows(points);
        let all_rows = rows.len();
        rows.truncate(TIMELINE_ROWS);
        let lo = rows.iter().map(|p| p.0).min().unwrap_or_default();
        let hi = rows.iter().map(|p| p.1).max().unwrap_or_default();
        let (svg, desc, height) = timeline_svg(&rows, lo, hi);
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

    /// The dated claims of a subject's diagnostics and corroborations, once each, in date order.
    fn timeline_points(&self, s: &Subject) -> Vec<Point> {
        let r = self.report;
        let mut seen = std::collections::HashSet::new();
        let mut points: Vec<Point> = Vec::new();
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
        points.sort_by_key(|a| (a.0, a.1, !a.2));
        points
    }

    /// The claims no diagnostic or corroboration names, of the subjects without a section.
    fn other_claims(&self) -> Markup {
        html! {
            section #others aria-labelledby="others-h" {
                h2 #others-h { "Other claims, by subject" }
                p { "Claims that no conflict and no agreement names, a row a subject (as the rules name subjects): the values stated, with how many claims state each; how many sources state them; their outlets. A subject with a section above says its own there." }
                @if self.others.is_empty() {
                    p { "None." }
                } @else {
                    table.others {
                        caption { (plural(self.others.len(), "subject")) ", the most sources first" }
                        thead { tr { th scope="col" { "Subject" } th scope="col" { "Values (claims)" } th scope="col" { "Sources" } th scope="col" { "Outlets" } } }
                        tbody {
                            @for o in &self.others {
                                tr { th scope="row" { (o.subject) } td { (Values(o)) } td { (o.docs) } td { (Outlets(o)) } }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The documents section, a document at a time.
    fn documents(
        &self,
        put: &mut impl FnMut(Markup) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        put(html! {
            (PreEscaped(r#"<section id="documents" aria-labelledby="documents-h">"#))
            h2 #documents-h { "Documents" }
            p { "What was read of each document. Page furniture is what factlint skips: sidebars (“Most read”), captions, bylines; folded repeats are passages printed twice. Where skipped text falls inside a paragraph shown here, it is marked in brackets: “[skipped: …]”, with its size and its first and last words." }
            @if self.large {
                p { "A large corpus: each document shows the paragraphs that hold a conflicting claim; its other claims are counted here and summarised under " a href="#others" { "Other claims" } "." }
            }
        })?;
        for (i, d) in self.report.documents.iter().enumerate() {
            put(self.document(i, d))?;
        }
        put(PreEscaped("</section>".to_string()))
    }

    fn document(&self, i: usize, d: &DocMeta) -> Markup {
        let paras = &self.paras[i];
        let jsonl = d.line.is_some();
        html! {
            @if self.large && paras.is_empty() {
                p.d id={ "doc" (i) } { (Name(d)) " · " (self.about(d)) }
            } @else {
                article.doc id={ "doc" (i) } aria-labelledby={ "doc" (i) "-h" } {
                    h3 id={ "doc" (i) "-h" } { (Name(d)) }
                    p.who { (self.about(d)) }
                    @for p in paras {
                        div.para id={ "p" (i) "-" (p.base) } tabindex="-1" {
                            @if !self.large { span.ln { "paragraph at line " (p.line + 1) } }
                            p {
                                @if p.cut.0 { "… " }
                                (marked(p, jsonl, &d.skipped))
                                @if p.cut.1 { " …" }
                            }
                        }
                    }
                    @if !self.large && d.claims > 0 {
                        details {
                            summary { "All " (Plural(d.claims as usize, "claim")) }
                            ul.all {
                                @for c in of_doc(&self.report.claims, DocId(i as u32)) {
                                    li { span.kind { (c.kind.name()) } " " strong { (c.value_text()) } " “" (c.text) "”" }
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
            " · " (Published(Some(d)))
            " · " (Plural(d.claims as usize, "claim"))
            @if d.folded > 0 || d.stripped_bytes > 0 {
                " · " span.skipped {
                    "skipped: "
                    @if d.folded > 0 { (Plural(d.folded as usize, "folded repeat")) }
                    @if d.folded > 0 && d.stripped_bytes > 0 { ", " }
                    @if d.stripped_bytes > 0 { (d.stripped_bytes) " bytes of page furniture" }
                }
            }
        }
    }
}

/// The claims no diagnostic or corroboration names, summarised per subject (the key the rules
/// name subjects by, [`crate::rules::checks::subject`]): a subject with a section gets its
/// summary there; the others' are returned, the most sources first.
fn summarise_others<'a>(
    r: &'a Report,
    subjects: &mut [Subject<'a>],
    index: &HashMap<&str, usize>,
) -> Vec<Others> {
    let mut named = vec![false; r.claims.len()];
    for l in r.diagnostics.iter().flat_map(|d| &d.labels) {
        if let Some(i) = claim_index(&r.claims, l.doc, l.start, l.end) {
            named[i.index()] = true;
        }
    }
    for s in r.corroborations.iter().flat_map(|c| c.sources.iter()) {
        if let Some(n) = named.get_mut(s.claim.index()) {
            *n = true;
        }
    }
    let mut rest: Vec<Others> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (c, _) in r.claims.iter().zip(&named).filter(|(_, named)| !**named) {
        let outlet = r.documents.get(c.doc.index()).and_then(|d| d.outlet).map(|o| o.as_str());
        let subject = crate::rules::checks::subject(c);
        let k = match (index.get(subject.as_str()), at.get(&subject)) {
            (Some(&i), _) => {
                let o = subjects[i]
                    .others
                    .get_or_insert_with(|| Others { subject, ..Others::default() });
                o.add(c, outlet);
                continue;
            }
            (None, Some(&k)) => k,
            (None, None) => {
                at.insert(subject.clone(), rest.len());
                rest.push(Others { subject, ..Others::default() });
                rest.len() - 1
            }
        };
        rest[k].add(c, outlet);
    }
    subjects.iter_mut().filter_map(|s| s.others.as_mut()).for_each(Others::sort);
    rest.iter_mut().for_each(Others::sort);
    rest.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.subject.cmp(&b.subject)));
    rest
}

/// "3 claims", rendered in place.
struct Plural<'w>(usize, &'w str);

impl Render for Plural<'_> {
    fn render_to(&self, buf: &mut String) {
        let _ = write!(buf, "{} {}{}", self.0, self.1, if self.0 == 1 { "" } else { "s" });
    }
}

/// Text of the file as shown (a JSONL article's JSON escapes decoded), escaped for HTML.
struct Text<'t>(&'t str, bool);

impl Render for Text<'_> {
    fn render_to(&self, buf: &mut String) {
        if self.1 && self.0.contains('\\') {
            shown(self.0, true).as_str().render_to(buf)
        } else {
            self.0.render_to(buf)
        }
    }
}

/// A document's path, and its line for a JSONL article.
struct Name<'d>(&'d DocMeta);

impl Render for Name<'_> {
    fn render_to(&self, buf: &mut String) {
        self.0.path.as_str().render_to(buf);
        if let Some(l) = self.0.line {
            let _ = write!(buf, ":{l}");
        }
    }
}

/// A document's file name without folders, and its line for a JSONL article (as
/// [`DocMeta::short`], without allocating).
struct Short<'d>(Option<&'d DocMeta>);

impl Render for Short<'_> {
    fn render_to(&self, buf: &mut String) {
        let Some(d) = self.0 else { return };
        let path = d.path.as_str();
        let base = std::path::Path::new(path).file_name().and_then(|f| f.to_str()).unwrap_or(path);
        base.render_to(buf);
        if let Some(l) = d.line {
            let _ = write!(buf, ":{l}");
        }
    }
}

/// Where a claim links: its paragraph (`para`: the paragraph's file offset), else its document.
struct Link {
    doc: DocId,
    para: Option<usize>,
}

impl Render for Link {
    fn render_to(&self, buf: &mut String) {
        let _ = match self.para {
            Some(base) => write!(buf, "#p{}-{base}", self.doc),
            None => write!(buf, "#doc{}", self.doc),
        };
    }
}

/// "published 2023-09-12 (dateline)", "publication date unknown".
struct Published<'d>(Option<&'d DocMeta>);

impl Render for Published<'_> {
    fn render_to(&self, buf: &mut String) {
        let _ = match self.0.and_then(|d| d.published.map(|p| (p, d.published_source))) {
            Some((p, DateSource::Dateline)) => write!(buf, "published {p} (dateline)"),
            Some((p, DateSource::CommandLine)) => write!(buf, "published {p} (given)"),
            Some((p, _)) => write!(buf, "published {p}"),
            None => write!(buf, "publication date unknown"),
        };
    }
}

/// The values of a summary, most stated first: "3 days (×4), 4 days (×1) and 2 more".
struct Values<'o>(&'o Others);

impl Render for Values<'_> {
    fn render_to(&self, buf: &mut String) {
        for (i, (v, n)) in self.0.values.iter().take(SUMMARY_VALUES).enumerate() {
            if i > 0 {
                buf.push_str(", ");
            }
            v.as_str().render_to(buf);
            // (a no-break space: the count stays with its value)
            let _ = write!(buf, "\u{a0}(×{n})");
        }
        let more = self.0.values.len().saturating_sub(SUMMARY_VALUES);
        if more > 0 {
            let _ = write!(buf, " and {more} more");
        }
    }
}

/// The outlets of a summary: "RÚV, Vísir and 3 more".
struct Outlets<'o>(&'o Others);

impl Render for Outlets<'_> {
    fn render_to(&self, buf: &mut String) {
        let outlets = &self.0.outlets;
        if outlets.is_empty() {
            buf.push_str("outlets unknown");
        }
        for (i, o) in outlets.iter().take(SUMMARY_OUTLETS).enumerate() {
            if i > 0 {
                buf.push_str(", ");
            }
            o.render_to(buf);
        }
        let more = outlets.len().saturating_sub(SUMMARY_OUTLETS);
        if more > 0 {
            let _ = write!(buf, " and {more} more");
        }
    }
}

/// A paragraph with its labelled claims marked, and what the corpus stage skipped of it (a
/// document's `skipped`, in file order) said in words where it falls.
fn marked(p: &Para, jsonl: bool, skipped: &[Skip]) -> Markup {
    let end = p.base + p.text.len();
    let from = skipped.partition_point(|k| k.end() <= p.base);
    let skips = skipped[from..].iter().take_while(|k| k.start < end);
    // (start, end, the skipped range: none for a claim), in paragraph order
    let mut spans: Vec<(usize, usize, Option<&Skip>)> =
        p.marks.iter().map(|&(s, e)| (s, e, None)).collect();
    spans.extend(skips.map(|k| (k.start.max(p.base), k.end().min(end), Some(k))));
    spans.sort_by_key(|x| (x.0, x.2.is_some()));
    let mut parts: Vec<(&str, Option<Option<&Skip>>)> = Vec::new();
    let mut at = 0;
    for (s, e, skip) in spans {
        let (Some(s), Some(e)) = (s.checked_sub(p.base), e.checked_sub(p.base)) else { continue };
        if s < at {
            continue;
        }
        if let (Some(x), Some(y)) = (p.text.get(at..s), p.text.get(s..e)) {
            parts.push((x, None));
            parts.push((y, Some(skip)));
            at = e;
        }
    }
    parts.push((p.text.get(at..).unwrap_or(""), None));
    html! {
        @for (t, what) in parts {
            @match what {
                None => { (Text(t, jsonl)) }
                Some(None) => { mark { (Text(t, jsonl)) } }
                Some(Some(k)) => { (skip_marker(k, &shown(t, jsonl))) }
            }
        }
    }
}

/// A skipped passage as the page shows it: in brackets, what it was, its size, and its first and
/// last words (`text`: the part of it in the paragraph).
fn skip_marker(k: &Skip, text: &str) -> Markup {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = text.chars().count();
    let (head, tail) = if chars <= 2 * SKIP_QUOTE + 5 {
        (text.as_str(), "")
    } else {
        let cut = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
        let head = &text[..cut(SKIP_QUOTE)];
        let head = head.rfind(' ').filter(|&i| i > 0).map_or(head, |i| &head[..i]);
        let tail = &text[cut(chars - SKIP_QUOTE)..];
        let tail = tail.find(' ').map_or(tail, |i| &tail[i + 1..]);
        (head, tail)
    };
    html! {
        span.elided {
            "[skipped: "
            @match k.furniture {
                Some(rule) => { "page furniture (" (rule) ")" }
                None => { "a repeat, folded" }
            }
            ", " (k.len) " bytes"
            @if !head.is_empty() {
                ": “" (head) @if !tail.is_empty() { " … " (tail) } "”"
            }
            "]"
        }
    }
}

/// Text of the file as shown: a JSONL article's JSON escapes decoded (line breaks as spaces).
pub fn shown(t: &str, jsonl: bool) -> String {
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
pub const WINDOW: usize = 320;

/// The part of a line shown as a claim's paragraph: the whole line, or on a long one a window
/// around `start..end` cut at spaces.
pub fn window(line: &str, start: usize, end: usize) -> (usize, usize) {
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
pub fn escaped_paragraph(line: &str, off: usize) -> (usize, usize) {
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

fn lang_source(d: &DocMeta) -> &'static str {
    match d.lang_source {
        crate::corpus::LangSource::Metadata => "metadata",
        crate::corpus::LangSource::Detected => "detected",
        crate::corpus::LangSource::Default => "default",
        crate::corpus::LangSource::CommandLine => "--lang",
    }
}

/// The claims of document `doc` (claims are grouped by document, in document order).
fn of_doc(claims: &[Claim], doc: DocId) -> &[Claim] {
    let a = claims.partition_point(|c| c.doc < doc);
    let b = claims.partition_point(|c| c.doc <= doc);
    claims.get(a..b).unwrap_or(&[])
}

/// The index of the claim of document `doc` at `start..end`.
fn claim_index(claims: &[Claim], doc: DocId, start: usize, end: usize) -> Option<ClaimIdx> {
    let a = claims.partition_point(|c| c.doc < doc);
    let found = claims[a..].iter().take_while(|c| c.doc == doc);
    found
        .take_while(|c| c.start <= start)
        .position(|c| c.start == start && c.end == end)
        .map(|i| ClaimIdx((a + i) as u32))
}

/// One self-contained page: its own language (the page's words are English), the style inline,
/// and a Content-Security-Policy `csp` that allows no request.
pub(crate) fn page(title: &str, csp: &str, body: Markup) -> Markup {
    html! { (page_start(title, csp)) (body) (PreEscaped(PAGE_END)) }
}

/// A page up to its body's first child (the check report streams its body).
fn page_start(title: &str, csp: &str) -> Markup {
    html! {
        (DOCTYPE)
        (PreEscaped(r#"<html lang=""#)) (PAGE_LANG) (PreEscaped(r#"">"#))
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta http-equiv="Content-Security-Policy" content=(csp);
            title { (title) }
            style { (PreEscaped(CSS)) }
        }
        (PreEscaped("<body>"))
    }
}

const PAGE_END: &str = "</body></html>";

/// The pages' own language: their headings and labels are English (not a lexicon's language).
const PAGE_LANG: &str = "en";
