//! Human output: every diagnostic through miette's graphical handler, labels in every source.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::{plural, Diagnostic, Label, Report, Severity};
use crate::corpus::load::{self, OffsetMap};
use crate::error::InputProblem;

/// Files re-read for rendering. A file is read through once for its line starts and never held
/// whole (one JSONL file may hold a gigabyte of articles); a label reads only its own lines.
#[derive(Default)]
pub struct Sources {
    files: HashMap<String, Arc<LineIndex>>,
    /// the lines read last (labels in a row mostly fall on one line): path, first and last line
    /// index, and the excerpt
    last: Option<(String, usize, usize, Excerpt)>,
    /// texts held in memory (a [`crate::Checker`]'s documents), read instead of those files
    texts: HashMap<String, Arc<String>>,
    /// the file read last, still open
    open: Option<(String, std::fs::File)>,
}

/// Where a file's lines start (byte offsets), and its length; empty when it cannot be read. A
/// text file that is not UTF-8 (UTF-16, or read as Windows-1252) is held decoded, as the
/// corpus stage read it, with the map from its file offsets to the text's.
#[derive(Default)]
struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    decoded: Option<(Arc<String>, Arc<OffsetMap>)>,
}

impl LineIndex {
    fn of_text(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts, len: text.len(), decoded: None }
    }
    fn read(path: &str) -> std::io::Result<LineIndex> {
        use std::io::Read;
        let mut f = std::fs::File::open(path)?;
        let mut buf = vec![0u8; 1 << 16];
        let (mut starts, mut len) = (vec![0], 0);
        // a text file is decoded as the corpus stage decodes it when it is not UTF-8 (a JSONL
        // file's lines are always read as UTF-8); the bytes of a character cut by the end of
        // the buffer are checked with the next
        let text_file = !path.ends_with(".jsonl");
        let mut pending: Vec<u8> = Vec::new();
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                if text_file && !pending.is_empty() {
                    return LineIndex::decoded(path);
                }
                return Ok(LineIndex { starts, len, decoded: None });
            }
            if text_file {
                let utf16 =
                    len == 0 && (buf.starts_with(b"\xff\xfe") || buf.starts_with(b"\xfe\xff"));
                pending.extend_from_slice(&buf[..n]);
                match std::str::from_utf8(&pending) {
                    _ if utf16 => return LineIndex::decoded(path),
                    Ok(_) => pending.clear(),
                    Err(e) if e.error_len().is_some() => return LineIndex::decoded(path),
                    Err(e) => {
                        pending.drain(..e.valid_up_to());
                    }
                }
            }
            starts.extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| len + i + 1));
            len += n;
        }
    }
    /// A text file that is not UTF-8, read whole and decoded (such files are articles, small).
    fn decoded(path: &str) -> std::io::Result<LineIndex> {
        let d = load::decode_text(&std::fs::read(path)?);
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', d.text.as_bytes()).map(|i| i + 1))
            .collect();
        Ok(LineIndex {
            starts,
            len: d.text.len(),
            decoded: Some((Arc::new(d.text), Arc::new(d.map))),
        })
    }
    /// The 0-based index of the line holding byte `off`.
    fn line_of(&self, off: usize) -> usize {
        self.starts.partition_point(|&s| s <= off).saturating_sub(1)
    }
}

/// Whole lines of a file: their text, the file offset of its first byte, and the 0-based number
/// of its first line. A decoded file's excerpt is its whole text, with its offset map.
#[derive(Clone)]
pub struct Excerpt {
    pub text: Arc<String>,
    pub base: usize,
    pub first_line: usize,
    pub(crate) map: Option<Arc<OffsetMap>>,
}

impl Excerpt {
    /// The offset in `text` of file offset `off`.
    pub(crate) fn pos(&self, off: usize) -> usize {
        match &self.map {
            Some(m) => m.to_text(off),
            None => off.saturating_sub(self.base),
        }
    }
}

impl Sources {
    /// Sources that read the given texts (by path) from memory, and other paths from disk.
    pub(crate) fn with_texts(texts: HashMap<String, Arc<String>>) -> Sources {
        Sources { texts, ..Sources::default() }
    }

    fn index(&mut self, path: &str) -> Arc<LineIndex> {
        // (asked for every label: the path is copied only the first time)
        if let Some(idx) = self.files.get(path) {
            return idx.clone();
        }
        let idx = Arc::new(match self.texts.get(path) {
            Some(t) => LineIndex::of_text(t),
            None => LineIndex::read(path).unwrap_or_default(),
        });
        self.files.insert(path.to_string(), idx.clone());
        idx
    }

    /// The whole lines of `path` that hold bytes `start..end`, and a line of context on each side
    /// (as miette shows); empty when the file cannot be read.
    pub fn excerpt(&mut self, path: &str, start: usize, end: usize) -> Excerpt {
        let idx = self.index(path);
        if let Some((text, map)) = &idx.decoded {
            return Excerpt { text: text.clone(), base: 0, first_line: 0, map: Some(map.clone()) };
        }
        let (first, last) = (
            idx.line_of(start).saturating_sub(1),
            idx.line_of(end.saturating_sub(1).max(start)) + 1,
        );
        self.lines(path, &idx, first, last)
    }

    /// Lines `first..=last` of `path` (an undecoded file), from the last excerpt when it holds them.
    fn lines(&mut self, path: &str, idx: &LineIndex, first: usize, last: usize) -> Excerpt {
        let last = last.min(idx.starts.len().saturating_sub(1));
        if let Some((p, a, b, ex)) = &self.last {
            if p == path && *a <= first && last <= *b {
                return ex.clone();
            }
        }
        let base = idx.starts.get(first).copied().unwrap_or(0).min(idx.len);
        let stop = idx.starts.get(last + 1).copied().unwrap_or(idx.len).max(base);
        let held = self.texts.get(path).cloned();
        let open = &mut self.open;
        let mut read = || -> std::io::Result<Vec<u8>> {
            use std::io::{Read, Seek};
            if let Some(t) = &held {
                return Ok(t.as_bytes().get(base..stop).unwrap_or_default().to_vec());
            }
            // (the file read last stays open: the HTML report reads thousands of excerpts of
            // one JSONL file)
            if open.as_ref().is_none_or(|(p, _)| p != path) {
                *open = Some((path.to_string(), std::fs::File::open(path)?));
            }
            let Some((_, f)) = open.as_mut() else { return Ok(Vec::new()) };
            f.seek(std::io::SeekFrom::Start(base as u64))?;
            let mut b = Vec::with_capacity(stop - base);
            f.take((stop - base) as u64).read_to_end(&mut b)?;
            Ok(b)
        };
        let text = read()
            .map(|b| {
                // stray control bytes show as the spaces the corpus stage read them as (the
                // bytes are mostly UTF-8 without them: then they are the text, not copied)
                let text = String::from_utf8(b)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                match load::spaces_for_controls(&text) {
                    std::borrow::Cow::Owned(spaced) => spaced,
                    std::borrow::Cow::Borrowed(_) => text,
                }
            })
            .unwrap_or_default();
        let ex = Excerpt { text: Arc::new(text), base, first_line: first, map: None };
        self.last = Some((path.to_string(), first, last, ex.clone()));
        ex
    }

    /// The line of `path` holding byte `off`: its 0-based number, the file offset where it starts,
    /// and its text without the line break (empty when the file cannot be read). Reads that line
    /// only (the HTML report asks for thousands).
    pub(crate) fn line(&mut self, path: &str, off: usize) -> (usize, usize, String) {
        let idx = self.index(path);
        let n = idx.line_of(off);
        let ex = match idx.decoded {
            Some(_) => self.excerpt(path, off, off),
            None => self.lines(path, &idx, n, n),
        };
        let mut at = 0;
        for (i, l) in ex.text.split_inclusive('\n').enumerate() {
            if ex.first_line + i == n {
                return (n, ex.base + at, l.trim_end_matches(['\n', '\r']).to_string());
            }
            at += l.len();
        }
        (n, ex.base, String::new())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&mut self, path: &str, off: usize) -> (usize, usize) {
        let ex = self.excerpt(path, off, off);
        let (line, col) = line_col(&ex.text, ex.pos(off));
        (ex.first_line + line, col)
    }
}

/// 1-based line and column (in characters, as SARIF's `unicodeCodePoints` and `claims` count them)
/// of a byte offset into `text`; an offset inside a character counts as that character's start.
pub fn line_col(text: &str, off: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, off.min(text.len()))];
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (before.matches('\n').count() + 1, col + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A file's text that shows long lines (one-line scraped pages) only around the labelled span;
/// line numbers start at `first_line` (a JSONL article's line in its file).
#[derive(Clone)]
pub(crate) struct Windowed {
    pub(crate) name: String,
    pub(crate) text: Arc<String>,
    pub(crate) first_line: usize,
}

/// Characters of context kept on each side of a span inside a long line.
const WINDOW: usize = 160;

impl SourceCode for Windowed {
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
        if before == 0 && after == 0 {
            // the `file:line:column` header: the span's own line and column, in characters (as
            // `claims` and SARIF count them; miette's reader counts bytes)
            let start = floor_char_boundary(text, start);
            let end = floor_char_boundary(text, end).max(start);
            let (line, col) = line_col(text, start);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                &text.as_bytes()[start..end],
                (start, end - start).into(),
                line - 1 + self.first_line,
                col - 1,
                text[start..end].matches('\n').count() + 1,
            )));
        }
        if line_end - line_start <= 3 * WINDOW {
            let inner = text.read_span(span, before, after)?;
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                inner.line() + self.first_line,
                inner.column(),
                // (miette's own reader counts lines from the start of the text, and merges two
                // labels' windows by that count: counted from the start of the file, as there)
                inner.line_count() + self.first_line,
            )));
        }
        let (ws, we) = window(text, (line_start, line_end), (start, end));
        let line = text[..ws].matches('\n').count() + self.first_line;
        let column = text[line_start..ws].chars().count();
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[ws..we],
            (ws, we - ws).into(),
            line,
            column,
            1,
        )))
    }
}

/// A long line's window around the span `start..end`: [`WINDOW`] characters on each side at
/// most, cut at word boundaries.
fn window(
    text: &str,
    (line_start, line_end): (usize, usize),
    (start, end): (usize, usize),
) -> (usize, usize) {
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
    (ws, we)
}

/// A diagnostic in one file, with the other files as related diagnostics (a part with no
/// source prints its message only).
pub(crate) struct Rendered {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) severity: miette::Severity,
    pub(crate) src: Option<Windowed>,
    pub(crate) labels: Vec<LabeledSpan>,
    pub(crate) related: Vec<Rendered>,
}

impl Rendered {
    /// A part of a diagnostic: an advice note, with a source window and its labels if given.
    pub(crate) fn note(
        message: String,
        src: Option<Windowed>,
        labels: Vec<LabeledSpan>,
    ) -> Rendered {
        Rendered {
            code: String::new(),
            message,
            help: None,
            severity: miette::Severity::Advice,
            src,
            labels,
            related: Vec::new(),
        }
    }

    /// The diagnostic `d` shown in the first of its parts (one a file), the others as related.
    pub(crate) fn assemble(d: &Diagnostic, mut parts: Vec<Rendered>) -> Rendered {
        let first = if parts.is_empty() {
            Rendered::note(String::new(), None, Vec::new())
        } else {
            parts.remove(0)
        };
        Rendered {
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
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
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
        (self.src.is_some() && !self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}

/// Labels as miette spans in `text`, whose offset of a file offset is `pos`.
pub(crate) fn spans(
    labels: &[&Label],
    text: &str,
    pos: impl Fn(usize) -> usize,
) -> Vec<LabeledSpan> {
    labels
        .iter()
        .map(|l| {
            let s = floor_char_boundary(text, pos(l.start).min(text.len()));
            let e = floor_char_boundary(text, pos(l.end).min(text.len())).max(s);
            if l.primary {
                LabeledSpan::new_primary_with_span(Some(l.message.to_string()), (s, e - s))
            } else {
                LabeledSpan::new_with_span(Some(l.message.to_string()), (s, e - s))
            }
        })
        .collect()
}

fn build(d: &Diagnostic, sources: &mut Sources) -> Rendered {
    // files in order of first appearance, primary first
    let mut paths: Vec<&str> = Vec::new();
    if let Some(p) = d.labels.iter().find(|l| l.primary) {
        paths.push(&p.path);
    }
    for l in &d.labels {
        if !paths.contains(&l.path.as_str()) {
            paths.push(&l.path);
        }
    }
    let mut parts: Vec<Rendered> = Vec::new();
    for p in paths {
        for ls in clusters(d.labels.iter().filter(|l| l.path == p).collect()) {
            let (start, end) = (
                ls.iter().map(|l| l.start).min().unwrap_or(0),
                ls.iter().map(|l| l.end).max().unwrap_or(0),
            );
            let ex = sources.excerpt(p, start, end);
            let labels = spans(&ls, &ex.text, |o| ex.pos(o));
            parts.push(Rendered::note(
                format!("in {p}"),
                Some(Windowed { name: p.to_string(), text: ex.text, first_line: ex.first_line }),
                labels,
            ));
        }
    }
    Rendered::assemble(d, parts)
}

/// A file's labels in groups close enough to show in one window (labels far apart on long
/// one-line pages get a window each), the primary label's group first.
fn clusters(mut ls: Vec<&Label>) -> Vec<Vec<&Label>> {
    ls.sort_by_key(|l| l.start);
    let mut out: Vec<Vec<&Label>> = Vec::new();
    for l in ls {
        match out.last_mut() {
            Some(c) if c.last().is_some_and(|p| l.start <= p.end + 2 * WINDOW) => c.push(l),
            _ => out.push(vec![l]),
        }
    }
    if let Some(i) = out.iter().position(|c| c.iter().any(|l| l.primary)) {
        out[..=i].rotate_right(1);
    }
    out
}

/// Colours off when NO_COLOR is set or stdout is not a terminal.
pub(crate) fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_width(110).with_links(false)
}

/// Render one diagnostic to text.
pub(crate) fn render(
    d: &Diagnostic,
    sources: &mut Sources,
    handler: &GraphicalReportHandler,
) -> String {
    let r = build(d, sources);
    let mut out = String::new();
    if handler.render_report(&mut out, &r).is_err() {
        out = format!("{}: {}\n", d.code, d.message);
    }
    out
}

/// The whole human report: problems, diagnostics, optional corroborations, a summary line.
pub fn print(report: &Report, corroborations: bool, color: bool) -> String {
    print_with(report, corroborations, color, Sources::default())
}

/// [`print`], reading the documents' texts through `sources` (a [`crate::Checker`] holds them).
pub(crate) fn print_with(
    report: &Report,
    corroborations: bool,
    color: bool,
    mut sources: Sources,
) -> String {
    let h = handler(color);
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&p.human_line());
    }
    for d in &report.documents {
        if d.published.is_none() {
            out.push_str(&format!("note: {}: publication date unknown; relative dates left unresolved (give --published or a manifest)\n", d.name()));
        }
    }
    for (i, d) in report.diagnostics.iter().enumerate() {
        if report.accepted(i).is_none() {
            out.push_str(&render(d, &mut sources, &h));
            // (what an `[[accept]]` entry or a baseline names it by)
            if let Some(m) = report.marks.get(i) {
                out.push_str(&format!("  fingerprint: {}\n", m.fingerprint));
            }
            out.push('\n');
        }
    }
    out.push_str(&accepted_lines(report, &mut sources));
    out.push_str(&baseline_lines(report));
    if corroborations {
        for c in &report.corroborations {
            out.push_str(&format!("agree [{}] {} = {}\n", c.code, c.subject, c.value));
            for s in c.labels(&report.claims, &report.documents) {
                let (l, col) = sources.line_col(&s.path, s.start);
                out.push_str(&format!("    {}:{l}:{col} “{}” ({})\n", s.path, s.text, s.message));
            }
        }
    }
    let count = |s: Severity| {
        (0..report.diagnostics.len())
            .filter(|&i| report.diagnostics[i].severity == s && report.accepted(i).is_none())
            .count()
    };
    let accepted = (0..report.diagnostics.len()).filter(|&i| report.accepted(i).is_some()).count();
    out.push_str(&format!(
        "{}, {}{} in {} ({}, {}{})\n",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        if accepted > 0 { format!(", {accepted} accepted") } else { String::new() },
        plural(report.documents.len(), "document"),
        plural(report.claims.len(), "claim"),
        plural(report.corroborations.len(), "corroboration"),
        problems_summary(&report.problems),
    ));
    out
}

/// The accepted findings, a line each: where, what, and who accepted it why.
fn accepted_lines(report: &Report, sources: &mut Sources) -> String {
    let mut out = String::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        let (Some(a), Some(m)) = (report.accepted(i), report.marks.get(i)) else { continue };
        let at = match d.labels.iter().find(|l| l.primary).or(d.labels.first()) {
            Some(l) => {
                let (line, col) = sources.line_col(&l.path, l.start);
                format!("{}:{line}:{col}", l.path)
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "accepted {} {at} {} [{}]\n    {} ({})\n",
            d.code, d.message, m.fingerprint, a.reason, a.who
        ));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// What a baseline left out: how many known findings, and its entries that no longer occur.
pub fn baseline_lines(report: &Report) -> String {
    let Some(b) = &report.baseline else { return String::new() };
    let mut out =
        format!("baseline {}: {} suppressed", b.file, plural(b.suppressed, "known finding"));
    if b.gone.is_empty() {
        out.push('\n');
    } else {
        out.push_str(&format!(
            "; {} {} no longer {}:\n",
            b.gone.len(),
            if b.gone.len() == 1 { "entry" } else { "entries" },
            if b.gone.len() == 1 { "occurs" } else { "occur" }
        ));
        for e in &b.gone {
            out.push_str(&format!(
                "  gone {} {} {} [{}]\n",
                e.code, e.path, e.message, e.fingerprint
            ));
        }
    }
    out
}

/// "; 2 inputs skipped, 1 input warning" for the summary line ("" when there are none).
pub(crate) fn problems_summary(problems: &[InputProblem]) -> String {
    let skipped = problems.iter().filter(|p| p.skipped).count();
    let warned = problems.len() - skipped;
    let mut s = String::new();
    if skipped > 0 {
        s.push_str(&format!("; {} skipped", plural(skipped, "input")));
    }
    if warned > 0 {
        s.push_str(&format!("; {}", plural(warned, "input warning")));
    }
    s
}
