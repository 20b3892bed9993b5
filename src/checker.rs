//! The library's front door: load rules and data once, check paths or texts held in memory, and
//! get the report as data or as text. Built for a desk's own test suite (snapshot tests with
//! insta): the checker keeps the texts it checked, so printing never reads a file again, and
//! paths can be made relative to a root, so a snapshot is the same on every machine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::app::{self, RunOptions, Setup};
use crate::claims::{Claim, DocId, Sym};
use crate::corpus::load::{Meta, OffsetMap, RawDoc};
use crate::corpus::{self, CorpusOptions, Stripper};
use crate::error::DataError;
use crate::lang::Knowledge;
use crate::report::{self, human, DocMeta, Report};
use crate::rules;

/// Builds a [`Checker`]: where the rules and the language data come from, worker threads, the
/// publication date of documents that give none, and the root that paths are shown relative to.
#[derive(Debug, Clone, Default)]
pub struct CheckerBuilder {
    rules_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    threads: Option<usize>,
    published: Option<jiff::civil::Date>,
    lang: Option<String>,
    root: Option<PathBuf>,
}

impl CheckerBuilder {
    /// A desk's rules folder (as `--rules`): its rule files add to, or by code replace, the
    /// built-in rules; its data files (`lang/<code>.toml`, `concepts.toml` …) replace the
    /// built-in files of their names unless [`CheckerBuilder::data_dir`] is given.
    pub fn rules_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.rules_dir = Some(dir.into());
        self
    }
    /// A folder of data files (`lang/<code>.toml`, `concepts.toml`, `entities.toml`,
    /// `boilerplate.toml`), each replacing the built-in file of its name.
    pub fn data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data_dir = Some(dir.into());
        self
    }
    /// Worker threads (default: one a core). The report is the same for any count.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = Some(n);
        self
    }
    /// The publication date of documents with no date of their own (as `--published`).
    pub fn published(mut self, date: jiff::civil::Date) -> Self {
        self.published = Some(date);
        self
    }
    /// The language of documents whose metadata gives none (as `--lang`; default: detect).
    pub fn lang(mut self, code: impl Into<String>) -> Self {
        self.lang = Some(code.into());
        self
    }
    /// Show paths relative to `root` (a path outside it is shown as given).
    pub fn relative_to(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = Some(root.into());
        self
    }
    /// Load the rules and the language data. Fails, naming the file, when one cannot be used.
    pub fn build(self) -> Result<Checker, DataError> {
        let data = self.data_dir.as_deref().or(self.rules_dir.as_deref());
        let knowledge = Knowledge::load(data)?;
        let rules = rules::load(self.rules_dir.as_deref())?;
        let stripper = Stripper::new(&knowledge.boilerplate);
        Ok(Checker { setup: Setup { knowledge, rules, stripper }, options: self })
    }
}

/// Rules and language data, loaded once; checks paths or in-memory articles (the crate's
/// documentation has an example).
pub struct Checker {
    setup: Setup,
    options: CheckerBuilder,
}

/// One article held in memory: a name (shown as its path), its text and optional metadata.
#[derive(Debug, Clone)]
pub struct Article {
    name: String,
    text: String,
    meta: Meta,
}

impl Article {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Article {
        Article { name: name.into(), text: text.into(), meta: Meta::default() }
    }
    pub fn outlet(mut self, outlet: impl Into<String>) -> Self {
        self.meta.outlet = Some(outlet.into());
        self
    }
    /// A language code with a lexicon (`rules/lang/<code>.toml`).
    pub fn lang(mut self, code: impl Into<String>) -> Self {
        self.meta.lang = Some(code.into());
        self
    }
    /// The publication date, as a manifest gives it ("2023-09-13", "2023-09-13T06:58:00Z").
    pub fn published(mut self, date: impl Into<String>) -> Self {
        self.meta.published = Some(date.into());
        self
    }
}

/// A run's report and the texts it checked, by path (so printers read no file).
pub struct Checked {
    report: Report,
    texts: HashMap<String, Arc<String>>,
}

impl Checker {
    pub fn builder() -> CheckerBuilder {
        CheckerBuilder::default()
    }

    /// A checker with the built-in rules and data.
    pub fn new() -> Result<Checker, DataError> {
        Checker::builder().build()
    }

    fn corpus_options(&self) -> CorpusOptions {
        CorpusOptions { published: self.options.published, lang: self.options.lang.clone() }
    }

    /// Check files and folders (recursive) as `factlint check` does. Unreadable inputs are
    /// [`Report::problems`], as in the CLI.
    pub fn check_paths<P: AsRef<Path>>(&self, paths: &[P]) -> Checked {
        let opts = RunOptions {
            paths: paths.iter().map(|p| p.as_ref().to_path_buf()).collect(),
            rules_dir: self.options.rules_dir.clone(),
            corpus: self.corpus_options(),
            threads: self.options.threads,
            progress: false,
            ..Default::default()
        };
        let report = app::check(&self.setup, &opts);
        // the texts of the documents, read once here (the pipeline drops them)
        let mut texts = HashMap::new();
        for d in &report.documents {
            if !texts.contains_key(d.path.as_str()) {
                if let Ok(t) = std::fs::read(d.path.as_str()) {
                    let t = String::from_utf8_lossy(&t).into_owned();
                    texts.insert(d.path.to_string(), Arc::new(t));
                }
            }
        }
        self.relative(Checked { report, texts })
    }

    /// Check articles held in memory, in the order given.
    pub fn check_articles(&self, articles: impl IntoIterator<Item = Article>) -> Checked {
        let articles: Vec<Article> = articles.into_iter().collect();
        let opts = self.corpus_options();
        let setup = &self.setup;
        let analyse = || -> Vec<(DocMeta, Vec<Claim>, Vec<crate::error::InputProblem>)> {
            articles
                .par_iter()
                .map(|a| {
                    let raw = RawDoc {
                        path: a.name.clone(),
                        line: None,
                        text: a.text.clone(),
                        map: OffsetMap::identity(),
                        meta: a.meta.clone(),
                    };
                    let doc = corpus::analyze(raw, &setup.knowledge, &setup.stripper, &opts);
                    let claims = crate::extract::extract(&doc, DocId(0), &setup.knowledge);
                    (app::meta_of(&doc, claims.len()), claims, doc.warnings.clone())
                })
                .collect()
        };
        let analysed = match self
            .options
            .threads
            .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok())
        {
            Some(pool) => pool.install(analyse),
            None => analyse(),
        };
        let mut report = Report::default();
        for (i, (meta, claims, problems)) in analysed.into_iter().enumerate() {
            report.documents.push(meta);
            crate::claims::append(&mut report.claims, DocId(i as u32), claims);
            report.problems.extend(problems);
        }
        (report.diagnostics, report.corroborations) =
            rules::run(&setup.rules, &report.documents, &report.claims);
        let texts =
            articles.into_iter().map(|a| (a.name, Arc::new(a.text))).collect::<HashMap<_, _>>();
        self.relative(Checked { report, texts })
    }

    /// Paths made relative to the root, in the report and in the texts' keys.
    fn relative(&self, mut checked: Checked) -> Checked {
        let Some(root) = &self.options.root else { return checked };
        let rel = |p: &str| -> Option<String> {
            let r = Path::new(p).strip_prefix(root).ok()?;
            Some(r.to_string_lossy().into_owned())
        };
        let r = &mut checked.report;
        for d in &mut r.documents {
            if let Some(p) = rel(&d.path) {
                d.path = Sym::new(&p);
            }
        }
        for l in r.diagnostics.iter_mut().flat_map(|d| d.labels.iter_mut()) {
            if let Some(p) = rel(&l.path) {
                l.path = Sym::new(&p);
            }
        }
        for p in &mut r.problems {
            if let Some(x) = rel(&p.path) {
                p.path = x;
            }
        }
        checked.texts = checked.texts.into_iter().map(|(p, t)| (rel(&p).unwrap_or(p), t)).collect();
        checked
    }
}

impl Checked {
    /// The report as data: documents, claims, diagnostics, corroborations, input problems.
    pub fn report(&self) -> &Report {
        &self.report
    }
    pub fn into_report(self) -> Report {
        self.report
    }
    /// The text of a checked document, by its path as the report shows it.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(|t| t.as_str())
    }
    /// The human report as `factlint check` prints it with colours off.
    pub fn human(&self) -> String {
        human::print_with(&self.report, false, false, self.sources())
    }
    /// [`Checked::human`] followed by what the sources agree on (`--corroborations`).
    pub fn human_with_corroborations(&self) -> String {
        human::print_with(&self.report, true, false, self.sources())
    }
    /// The JSON report, as `--format json`.
    pub fn json(&self) -> String {
        report::json::print(&self.report)
    }
    /// The HTML report, as `--format html`: one self-contained page.
    pub fn html(&self) -> String {
        report::html::print(&self.report, self.sources())
    }
    fn sources(&self) -> human::Sources {
        human::Sources::with_texts(self.texts.clone())
    }
}
