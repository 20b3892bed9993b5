//! The pipeline end to end, and the commands built on it. `main.rs` parses arguments and calls
//! these; tests call them directly.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::claims::{self, Claim, DocId, Sym};
use crate::corpus::{self, CorpusOptions, Document, Input, Stripper};
use crate::error::{DataError, InputProblem};
use crate::extract;
use crate::lang::Knowledge;
use crate::report::{DocMeta, Report};
use crate::rules::{self, Rule};

/// Options shared by every command that reads a corpus.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    /// a desk's rules folder: rule files and data files on top of the built-in ones
    pub rules_dir: Option<PathBuf>,
    pub corpus: CorpusOptions,
    /// worker threads (default: all cores)
    pub threads: Option<usize>,
    /// show a progress bar on stderr (only drawn when stderr is a terminal)
    pub progress: bool,
    /// inputs not read (the configuration's `exclude`)
    pub exclude: crate::config::PathSet,
}

/// Loaded data: language knowledge and rules. Fatal when broken (exit 2).
pub struct Setup {
    pub knowledge: Knowledge,
    pub rules: Vec<Rule>,
    pub stripper: Stripper,
}

impl Setup {
    pub fn load(rules_dir: Option<&std::path::Path>) -> Result<Setup, DataError> {
        let knowledge = Knowledge::load(rules_dir)?;
        let rules = rules::load(rules_dir)?;
        let stripper = Stripper::new(&knowledge.boilerplate);
        Ok(Setup { knowledge, rules, stripper })
    }
}

/// What later stages keep of a document once its claims are extracted.
pub fn meta_of(d: &Document, claims: usize) -> DocMeta {
    DocMeta {
        path: Sym::new(&d.path),
        line: d.line,
        outlet: d.meta.outlet.as_deref().map(Sym::new),
        lang: Sym::new(&d.lang),
        lang_source: d.lang_source,
        published: d.published,
        published_source: d.published_source,
        claims: count(claims),
        sentences: count(d.sentences.len()),
        folded: count(d.folded.len()),
        stripped_bytes: count(d.stripped.iter().map(|s| s.end - s.start).sum()),
        skipped: d.skipped().into(),
        sketch: d.sketch.clone(),
    }
}

/// A count of one document (at most `u32::MAX`: a document is never 4 GB).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Result of reading one input: zero or more documents (kept or reduced), and problems.
struct InputResult<T> {
    items: Vec<T>,
    problems: Vec<InputProblem>,
}

/// Lines of a JSONL file read (and then analysed in parallel) at a time: a few MB, so a single
/// big JSONL file uses every core while only one chunk of texts is in memory.
const JSONL_CHUNK_BYTES: usize = 4 << 20;

/// Text files analysed (in parallel) before their results are handed on: the documents' results
/// of one batch at a time are held twice (as results and as what `sink` keeps), never the corpus's.
const TEXT_BATCH: usize = 256;

/// The inputs of a run, with their sizes in bytes, and the paths that could not be used.
struct Found {
    inputs: Vec<Input>,
    sizes: Vec<u64>,
    problems: Vec<InputProblem>,
}

impl Found {
    fn new(opts: &RunOptions) -> Found {
        let (mut inputs, problems) = corpus::load::discover(&opts.paths);
        if !opts.exclude.is_empty() {
            inputs.retain(|i| !opts.exclude.matches(i.path()));
        }
        // (on the run's workers: a million files' sizes take a second on one core)
        let sizes = inputs
            .par_iter()
            .map(|i| std::fs::metadata(i.path()).map(|m| m.len()).unwrap_or(0))
            .collect();
        Found { inputs, sizes, problems }
    }
}

/// Read and analyse every input in parallel, mapping each document through `each` (which decides
/// what to keep: the whole document, or only its claims) and handing the results to `sink` in
/// input order (and line order within a JSONL file), whatever the thread count. Returns the
/// input problems.
fn for_each_document<T: Send>(
    setup: &Setup,
    opts: &RunOptions,
    found: Found,
    each: impl Fn(Document) -> T + Sync,
    sink: impl FnMut(T) + Send,
) -> Vec<InputProblem> {
    for_each_read(
        opts,
        found,
        |read, problems| each(analyze(setup, opts, read.raw, problems)),
        sink,
    )
}

/// Analyse one document as read (its warnings go to `problems`): the step every command shares.
pub(crate) fn analyze(
    setup: &Setup,
    opts: &RunOptions,
    raw: corpus::RawDoc,
    problems: &mut Vec<InputProblem>,
) -> Document {
    let doc = corpus::analyze(raw, &setup.knowledge, &setup.stripper, &opts.corpus);
    problems.extend(doc.warnings.iter().cloned());
    doc
}

/// One input as read, before it is analysed.
pub(crate) struct Read<'a> {
    pub(crate) raw: corpus::RawDoc,
    /// a JSONL article: its line as in the file, and the file offset of the line
    pub(crate) line: Option<(&'a str, usize)>,
}

/// Read every input of `opts` (its paths, less its `exclude`) and hand each document as read to
/// `each` (which may analyse it, [`analyze`], or not: `index` skips what it has stored), the
/// results to `sink` in input order (and line order within a JSONL file), whatever the thread
/// count. Text files are read one task a file, in batches; a JSONL file is read in chunks of
/// lines whose articles are read in parallel. Only the texts of the documents being read are in
/// memory. Returns the input problems.
pub(crate) fn read_each<T: Send>(
    opts: &RunOptions,
    each: impl Fn(Read, &mut Vec<InputProblem>) -> T + Sync + Send,
    sink: impl FnMut(T) + Send,
) -> Vec<InputProblem> {
    in_pool(opts, || for_each_read(opts, Found::new(opts), each, sink))
}

fn for_each_read<T: Send>(
    opts: &RunOptions,
    found: Found,
    each: impl Fn(Read, &mut Vec<InputProblem>) -> T + Sync,
    mut sink: impl FnMut(T) + Send,
) -> Vec<InputProblem> {
    let Found { mut inputs, sizes, mut problems } = found;
    let reader = Reader { each, bar: progress_bar(opts, sizes.iter().sum()) };
    let mut hand_on = |r: InputResult<T>, problems: &mut Vec<InputProblem>| {
        r.items.into_iter().for_each(&mut sink);
        problems.extend(r.problems);
    };
    let mut i = 0;
    // end of the current run of text files (found once a run: finding it for every batch made a
    // million files quadratic)
    let mut run_end = 0;
    while i < inputs.len() {
        match &inputs[i] {
            Input::Text { .. } => {
                // a run of text files, a batch at a time: one task a file
                if run_end <= i {
                    run_end = inputs[i..]
                        .iter()
                        .position(|x| !matches!(x, Input::Text { .. }))
                        .map_or(inputs.len(), |k| i + k);
                }
                let j = run_end.min(i + TEXT_BATCH);
                for r in reader.text_batch(&mut inputs[i..j], &sizes[i..j]) {
                    hand_on(r, &mut problems);
                }
                i = j;
            }
            Input::Jsonl { path } => {
                let file_problems = reader.jsonl(path, &mut hand_on);
                problems.extend(file_problems);
                i += 1;
            }
        }
    }
    if let Some(b) = reader.bar {
        b.finish_and_clear();
    }
    problems
}

/// Reads inputs, handing each document as read to `each`.
struct Reader<E> {
    each: E,
    bar: Option<indicatif::ProgressBar>,
}

impl<T: Send, E: Fn(Read, &mut Vec<InputProblem>) -> T + Sync> Reader<E> {
    fn analyze(
        &self,
        raw: Result<corpus::RawDoc, InputProblem>,
        line: Option<(&str, usize)>,
        r: &mut InputResult<T>,
    ) {
        match raw {
            Ok(raw) => {
                let item = (self.each)(Read { raw, line }, &mut r.problems);
                r.items.push(item);
            }
            Err(p) => r.problems.push(p),
        }
    }

    /// A batch of text files (`sizes`: theirs), one task a file, in input order.
    fn text_batch(&self, inputs: &mut [Input], sizes: &[u64]) -> Vec<InputResult<T>> {
        inputs
            .par_iter_mut()
            .zip(sizes)
            .map(|(input, &size)| {
                let mut r = InputResult { items: Vec::new(), problems: Vec::new() };
                if let Input::Text { path, meta } = input {
                    // an input is read once: its path and metadata leave the list (a million
                    // files' worth is freed as the run goes)
                    let path = std::mem::take(path);
                    let raw = corpus::load::read_text(&path, meta.take()).map(|(raw, warnings)| {
                        r.problems.extend(warnings);
                        raw
                    });
                    self.analyze(raw, None, &mut r);
                }
                if let Some(b) = &self.bar {
                    b.inc(size);
                }
                r
            })
            .collect()
    }

    /// A JSONL file, a chunk of lines at a time whose articles are analysed in parallel, each
    /// chunk's results handed on in line order; returns the file's problems.
    fn jsonl(
        &self,
        path: &std::path::Path,
        hand_on: &mut impl FnMut(InputResult<T>, &mut Vec<InputProblem>),
    ) -> Vec<InputProblem> {
        let mut file_problems = Vec::new();
        let any = corpus::load::read_jsonl_chunks(path, JSONL_CHUNK_BYTES, |chunk| {
            let bytes: usize =
                chunk.iter().map(|l| l.as_ref().map_or(0, |(_, _, s)| s.len() + 1)).sum();
            let parts: Vec<InputResult<T>> = chunk
                .into_par_iter()
                .map(|line| {
                    let mut part = InputResult { items: Vec::new(), problems: Vec::new() };
                    match line {
                        Ok((n, off, text)) => {
                            let raw = corpus::load::parse_jsonl_line(path, n, off, &text);
                            self.analyze(raw, Some((&text, off)), &mut part)
                        }
                        Err(p) => self.analyze(Err(p), None, &mut part),
                    }
                    part
                })
                .collect();
            for p in parts {
                hand_on(p, &mut file_problems);
            }
            if let Some(b) = &self.bar {
                b.inc(bytes as u64);
            }
        });
        if !any {
            file_problems.push(corpus::load::empty_jsonl(path));
        }
        file_problems
    }
}

/// Run `f` on a pool of `opts.threads` workers (or rayon's global pool, one a core). A pool of
/// its own even when the CLI sized the global pool alike: running the pipeline on the global
/// pool's workers raised the peak RSS by a fifth (bench/README.md, *Pipeline figures*).
fn in_pool<R: Send>(opts: &RunOptions, f: impl FnOnce() -> R + Send) -> R {
    match opts.threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// A progress bar on stderr for runs that take more than a few seconds (about 20 MB of input),
/// only when stderr is a terminal.
fn progress_bar(opts: &RunOptions, total_bytes: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !opts.progress || total_bytes < 20_000_000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(total_bytes);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {wide_bar} {binary_bytes_per_sec} eta {eta}",
    ) {
        b.set_style(style);
    }
    Some(b)
}

/// A draft read from standard input, held in a file of its own for the run (the printers re-read
/// the files they label); removed when dropped.
pub struct Spool {
    pub path: PathBuf,
}

impl Spool {
    pub fn stdin() -> std::io::Result<Spool> {
        use std::io::Read;
        let mut text = Vec::new();
        std::io::stdin().read_to_end(&mut text)?;
        let dir = std::env::temp_dir().join(format!("factlint-stdin-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("stdin.txt");
        std::fs::write(&path, text)?;
        Ok(Spool { path })
    }
    /// Output about the spooled file, naming it `-` as the command line did.
    pub fn unspool(&self, text: &str) -> String {
        text.replace(&self.path.display().to_string(), "-")
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Read the corpus and keep whole documents (for `factlint corpus`).
pub fn read_documents(setup: &Setup, opts: &RunOptions) -> (Vec<Document>, Vec<InputProblem>) {
    in_pool(opts, || {
        let mut docs = Vec::new();
        let problems = for_each_document(setup, opts, Found::new(opts), |d| d, |d| docs.push(d));
        (docs, problems)
    })
}

/// Read the corpus and extract claims, keeping only metadata and claims (texts are dropped).
pub fn collect(setup: &Setup, opts: &RunOptions) -> Report {
    in_pool(opts, || collect_claims(setup, opts))
}

fn collect_claims(setup: &Setup, opts: &RunOptions) -> Report {
    trace("start");
    let found = Found::new(opts);
    trace("found");
    // a text file is one document (a JSONL file, more: the vector grows then)
    let mut documents = Vec::with_capacity(found.inputs.len());
    let mut claims: Vec<Claim> = Vec::new();
    reserve_claims(&mut claims, found.sizes.iter().sum());
    let problems = for_each_document(
        setup,
        opts,
        found,
        |d| claims_of(setup, &d),
        |(meta, cs)| {
            claims::append(&mut claims, DocId(documents.len() as u32), cs);
            documents.push(meta);
        },
    );
    Report { documents, claims, problems, ..Default::default() }
}

/// A document's claims, and what later stages keep of the document.
pub(crate) fn claims_of(setup: &Setup, d: &Document) -> (DocMeta, Vec<Claim>) {
    let claims = extract::extract(d, DocId(0), &setup.knowledge);
    (meta_of(d, claims.len()), claims)
}

/// Input bytes a claim is given room for: denser than any news we have measured (bench/README.md,
/// *Pipeline figures*).
const BYTES_PER_CLAIM: u64 = 128;

/// Reserve room for the run's claims up front: a vector that outgrows its room is copied whole,
/// and the old and the new copy are held at once (bench/README.md, *Pipeline figures*). The
/// room is address space only; memory is used as claims arrive. When the room cannot be had,
/// the vector grows as usual.
fn reserve_claims(claims: &mut Vec<Claim>, total_bytes: u64) {
    let n = usize::try_from(total_bytes / BYTES_PER_CLAIM).unwrap_or(0);
    let _ = claims.try_reserve_exact(n);
}

/// The whole pipeline: collect claims and run the rules.
pub fn check(setup: &Setup, opts: &RunOptions) -> Report {
    in_pool(opts, || {
        let mut report = collect_claims(setup, opts);
        trace("collected");
        (report.diagnostics, report.corroborations) =
            rules::run(&setup.rules, &report.documents, &report.claims);
        trace("rules");
        report
    })
}

/// With `FACTLINT_TRACE` set, say on stderr how long the run has taken and how much memory it
/// holds when it reaches `phase` (for benchmarking large corpora).
pub fn trace(phase: &str) {
    use std::sync::OnceLock;
    static START: OnceLock<Option<std::time::Instant>> = OnceLock::new();
    let Some(start) =
        START.get_or_init(|| std::env::var_os("FACTLINT_TRACE").map(|_| std::time::Instant::now()))
    else {
        return;
    };
    // resident now and at most so far, in kB, from /proc/self/status (Linux; elsewhere, none)
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |field: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mb = |kb: u64| kb as f64 * 1024.0 / 1e6;
    eprintln!(
        "trace: {phase:<10} {:8.2} s {:8.1} MB resident {:8.1} MB peak",
        start.elapsed().as_secs_f64(),
        mb(kb("VmRSS:")),
        mb(kb("VmHWM:"))
    );
}

/// Human listing of claims (for `factlint claims`).
pub fn claims_human(report: &Report) -> String {
    let mut out = String::new();
    let mut sources = crate::report::human::Sources::default();
    for p in &report.problems {
        out.push_str(&p.human_line());
    }
    for c in &report.claims {
        let d = &report.documents[c.doc.index()];
        let (l, col) = sources.line_col(&d.path, c.start);
        let mut what = c.concept.or(c.noun).map(|s| s.to_string()).unwrap_or_default();
        if let Some(ph) = c.phase {
            what.push('/');
            what.push_str(ph.name());
        }
        let q = c.qualifier.as_deref().map(|q| format!(" ({q})")).unwrap_or_default();
        let resolved = if c.date().is_some_and(|d| d.resolved.is_none()) {
            "  [unresolved: publication date unknown]"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}:{l}:{col} {:<13} {:<14} {}{}  “{}”{}{}\n",
            d.path,
            c.kind.name(),
            c.value_text(),
            what,
            q,
            c.text,
            if c.principal.is_some() {
                format!("  [{}]", c.principal.as_deref().unwrap_or(""))
            } else {
                String::new()
            },
            resolved
        ));
    }
    out.push_str(&format!(
        "{} in {}\n",
        crate::report::plural(report.claims.len(), "claim"),
        crate::report::plural(report.documents.len(), "document")
    ));
    out
}

#[derive(serde::Serialize)]
struct DocView<'a> {
    path: &'a str,
    line: Option<usize>,
    outlet: Option<&'a str>,
    lang: &'a str,
    lang_source: corpus::LangSource,
    published: Option<jiff::civil::Date>,
    published_source: corpus::DateSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_time: Option<String>,
    /// where the time came from (the metadata's timestamp or the dateline)
    #[serde(skip_serializing_if = "Option::is_none")]
    published_time_source: Option<corpus::DateSource>,
    dateline: Option<(usize, usize)>,
    /// the first document of which this one is a copy of one text (wire copy: the rules count
    /// the copies as one voice)
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_of: Option<String>,
    kept: Vec<(usize, usize)>,
    stripped: Vec<corpus::Stripped>,
    folded: Vec<corpus::Folded>,
    sentences: usize,
}

/// For each document, the name of the first document it is a copy of ([`corpus::wire`]).
fn copies_of(docs: &[Document]) -> Vec<Option<String>> {
    let voices = corpus::wire::voices(docs.iter().map(|d| &d.sketch));
    voices
        .iter()
        .enumerate()
        .map(|(i, &v)| (v as usize != i).then(|| docs[v as usize].name()))
        .collect()
}

fn doc_view(d: &Document, copy_of: Option<String>) -> DocView<'_> {
    let f = |x: usize| d.file_offset(x);
    DocView {
        path: &d.path,
        line: d.line,
        outlet: d.meta.outlet.as_deref(),
        lang: &d.lang,
        lang_source: d.lang_source,
        published: d.published,
        published_source: d.published_source,
        published_time: d.published_at.as_ref().map(ToString::to_string),
        published_time_source: d.published_at.as_ref().map(|t| t.source),
        dateline: d.dateline.map(|(a, b)| (f(a), f(b))),
        copy_of,
        kept: corpus::segment::kept(d.text.len(), &d.stripped)
            .into_iter()
            .map(|r| (f(r.start), f(r.end)))
            .collect(),
        stripped: d
            .stripped
            .iter()
            .map(|s| corpus::Stripped {
                start: f(s.start),
                end: f(s.end),
                reason: s.reason.clone(),
            })
            .collect(),
        folded: d
            .folded
            .iter()
            .map(|s| corpus::Folded { start: f(s.start), end: f(s.end), copy_of: f(s.copy_of) })
            .collect(),
        sentences: d.sentences.len(),
    }
}

/// `factlint corpus` as JSON.
pub fn corpus_json(docs: &[Document], problems: &[InputProblem]) -> String {
    let v = serde_json::json!({
        "documents": docs.iter().zip(copies_of(docs)).map(|(d, c)| doc_view(d, c)).collect::<Vec<_>>(),
        "problems": problems,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// A document's publication for people: "2025-03-14 00:30 (Europe/Oslo) (from metadata, time
/// from dateline)", or "unknown".
fn published_human(d: &Document) -> String {
    let name = |src: corpus::DateSource| {
        serde_json::to_value(src)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    match (d.published, d.published_source) {
        (Some(p), src) => format!(
            "{p}{} (from {}{})",
            d.published_at.as_ref().map(|t| format!(" {t}")).unwrap_or_default(),
            name(src),
            // (a time from elsewhere than the day: "from metadata, time from dateline")
            d.published_at
                .as_ref()
                .filter(|t| t.source != src)
                .map(|t| format!(", time from {}", name(t.source)))
                .unwrap_or_default()
        ),
        (None, _) => "unknown".to_string(),
    }
}

/// `factlint corpus` for people.
pub fn corpus_human(docs: &[Document], problems: &[InputProblem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&p.human_line());
    }
    for (d, copy_of) in docs.iter().zip(copies_of(docs)) {
        let v = doc_view(d, copy_of);
        let published = published_human(d);
        out.push_str(&format!("{}\n", d.name()));
        out.push_str(&format!("  outlet     {}\n", d.meta.outlet.as_deref().unwrap_or("-")));
        out.push_str(&format!(
            "  language   {} ({})\n",
            d.lang,
            match d.lang_source {
                corpus::LangSource::Metadata => "metadata",
                corpus::LangSource::CommandLine => "--lang",
                corpus::LangSource::Detected => "detected",
                corpus::LangSource::Default => "default",
            }
        ));
        out.push_str(&format!("  published  {published}\n"));
        if let Some(c) = &v.copy_of {
            out.push_str(&format!("  copy of    {c} (one voice in the rules' votes)\n"));
        }
        for (para, l) in &d.para_langs {
            if let Some(s) = d.sentences.iter().find(|s| s.para == *para) {
                out.push_str(&format!(
                    "  paragraph  at byte {} reads as {l}\n",
                    d.file_offset(s.start)
                ));
            }
        }
        let kept: usize = v.kept.iter().map(|(a, b)| b - a).sum();
        out.push_str(&format!(
            "  kept       {kept} bytes in {} sentences ({} repeats folded)\n",
            v.sentences,
            v.folded.len()
        ));
        for s in &d.stripped {
            let text = &d.text[s.start..s.end];
            let preview: String = text.chars().take(50).collect::<String>().replace('\n', " ");
            let more = if text.chars().count() > 50 { "…" } else { "" };
            out.push_str(&format!(
                "  stripped   {}..{} {:<14} “{preview}{more}”\n",
                d.file_offset(s.start),
                d.file_offset(s.end),
                s.reason
            ));
        }
    }
    out
}

/// `factlint explain CODE`
pub fn explain(rules: &[Rule], code: &str) -> Option<String> {
    let r = rules.iter().find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)?;
    let mut s = format!("{} ({}) — {}\n\nSeverity: {}\n\n## What it does\n{}\n\n## Why it matters\n{}\n\n## Example\n{}\n", r.code, r.name, r.summary, r.severity.name(), r.explain.what, r.explain.why, r.explain.example);
    if let Some(n) = &r.explain.near_miss {
        s.push_str(&format!("\n## Not a conflict\n{n}\n"));
    }
    Some(s)
}

/// `factlint rules`
pub fn rules_table(rules: &[Rule]) -> String {
    rules
        .iter()
        .map(|r| {
            let off = if r.enabled { "" } else { " (off)" };
            format!("{:<6} {:<8} {:<30} {}{off}\n", r.code, r.severity.name(), r.name, r.summary)
        })
        .collect()
}
