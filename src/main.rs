//! Command-line entry: parses arguments, calls the library, maps results to exit codes
//! (0 no error-level conflict, 1 conflicts found, 2 the run could not proceed).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use factlint::app::{self, RunOptions, Setup};
use factlint::archive;
use factlint::corpus::CorpusOptions;
use factlint::report::{self, human, json, sarif};

/// mimalloc: a run makes millions of small allocations from every worker (tokens, sentences,
/// claims). Measured on 1 GB of news with two workers, extraction took 74 s instead of 95 s and
/// the RSS after it was 1.46 GB instead of 1.83 GB (one run each); on one worker it gains ~1 %.
/// It is built without transparent huge pages (a 2 MB page stays resident for a few small live
/// objects), and [`return_freed_memory`] sets how soon it returns freed memory.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Freed memory goes back to the system after 100 ms, not mimalloc's default 10 ms: a worker's
/// freed texts would otherwise stay resident while the claim list grows (without huge pages, the
/// peak RSS of 1 GB of news fell from 1.31 to 1.20 GB), and returning it at once (0 ms) spent a
/// third of the run's time in the kernel (1 GB of JSONL, two workers: 10-11 s of system time
/// and 32-34 s in all at 0 ms, 1.2 s and 25 s at 100 ms, at the same peak). `MIMALLOC_PURGE_DELAY`
/// in the environment is left to mimalloc.
fn return_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc's option enum (its place is kept across versions)
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options; mimalloc reads options at any time
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
}

#[derive(Parser)]
#[command(
    name = "factlint",
    version,
    about = "Find numbers and dates that disagree between news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
    Sarif,
    /// one self-contained HTML page (CSS inline, no script, no network)
    Html,
}

/// Listings (claims, corpus, sources) have no SARIF form: they are not findings.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ListFormat {
    Human,
    Json,
}

/// `sources` also has a page for a browser.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum SourcesFormat {
    Human,
    Json,
    /// one self-contained HTML page
    Html,
}

#[derive(clap::Args)]
struct Common {
    /// Files or folders (recursive): .txt, .md, .jsonl; a manifest.jsonl beside text files is metadata
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A desk's rules/data folder: rule files add to (or by code replace) the built-in rules; a data file (lang/<code>.toml, concepts.toml …) replaces the built-in file of that name
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents with no dateline or metadata date
    #[arg(long)]
    published: Option<String>,
    /// Language for documents whose metadata gives none (is, nn, nb, en); default: detect
    #[arg(long)]
    lang: Option<String>,
    /// Worker threads (default: all cores)
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a corpus: extract claims and report conflicts between sources
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Also list what sources agree on (always present in JSON)
        #[arg(long)]
        corroborations: bool,
        /// Check the given drafts against a claims archive (made by `factlint index`)
        #[arg(long, value_name = "DB")]
        against: Option<PathBuf>,
        /// With --against: compare with archived articles published within N days of the draft
        /// (default: a news cycle, the window FL002 compares within; 0: the whole archive)
        #[arg(long, value_name = "N", default_value_t = 7)]
        within_days: i64,
    },
    /// Store a corpus's documents and claims in a SQLite archive (re-indexing skips unchanged documents)
    Index {
        #[command(flatten)]
        common: Common,
        /// The archive file (created if missing)
        #[arg(long, value_name = "DB")]
        db: PathBuf,
        /// Documents written per transaction
        #[arg(long, default_value_t = 500)]
        batch: usize,
    },
    /// What an archive holds on a subject: the claims in time order, which outlets agree and which disagree
    Sources {
        /// A key (visit@kim, travel@kim, drone(shahed), @putin, since:travel@kim) or a sentence
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, value_name = "DB")]
        db: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: SourcesFormat,
        /// Publication date (YYYY-MM-DD) of a sentence given as the query (default: today)
        #[arg(long)]
        published: Option<String>,
        /// Language of a sentence given as the query; default: detect
        #[arg(long)]
        lang: Option<String>,
        /// Most claims fetched per look-up (the most recent)
        #[arg(long, default_value_t = 500)]
        limit: usize,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// List every extracted claim
    Claims {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
    },
    /// Show what factlint read: outlet, language, publication date, kept and stripped ranges
    Corpus {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
    },
    /// Explain a rule: what it checks, why, an example
    Explain {
        /// Rule code (FL003) or name (since-arithmetic)
        code: String,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// List every rule
    Rules {
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

fn fatal(e: impl Into<miette::Report>) -> ExitCode {
    eprintln!("{:?}", e.into());
    ExitCode::from(2)
}

/// `--published` as a date; a malformed one is exit 2.
fn parse_published(s: Option<&str>) -> Result<Option<jiff::civil::Date>, ExitCode> {
    match s {
        Some(s) => match factlint::corpus::dateline::parse_metadata_date(s) {
            Some(d) => Ok(Some(d)),
            None => Err(fatal(miette::miette!("--published `{s}` is not a date like 2023-09-13"))),
        },
        None => Ok(None),
    }
}

fn options(c: &Common) -> Result<RunOptions, ExitCode> {
    let published = parse_published(c.published.as_deref())?;
    if let Some(n) = c.threads {
        // what runs outside the pipeline's own pool (the JSON printer) keeps to the count too
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    Ok(RunOptions {
        paths: c.paths.clone(),
        rules_dir: c.rules.clone(),
        corpus: CorpusOptions { published, lang: c.lang.clone() },
        threads: c.threads,
        progress: true,
    })
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

fn main() -> ExitCode {
    return_freed_memory();
    let cli = Cli::parse();
    // the options every command shares: the desk's rules folder and the language
    let (rules_dir, lang) = match &cli.command {
        Command::Check { common, .. }
        | Command::Claims { common, .. }
        | Command::Corpus { common, .. }
        | Command::Index { common, .. } => (common.rules.clone(), common.lang.clone()),
        Command::Sources { rules, lang, .. } => (rules.clone(), lang.clone()),
        Command::Explain { rules, .. } | Command::Rules { rules } => (rules.clone(), None),
    };
    let setup = match Setup::load(rules_dir.as_deref()) {
        Ok(s) => s,
        Err(e) => return fatal(e),
    };
    if let Some(l) = lang.filter(|l| setup.knowledge.lexicon(l).is_none()) {
        let known: Vec<&str> = setup.knowledge.langs.iter().map(|x| x.code.as_str()).collect();
        return fatal(miette::miette!(
            help = format!("languages with a lexicon: {}; another is a rules/lang/{l}.toml in a --rules folder", known.join(", ")),
            "--lang `{l}` has no lexicon"
        ));
    }
    match cli.command {
        Command::Check { common, format, corroborations, against: Some(db), within_days } => {
            let opts = match options(&common) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let against = match archive::check_against(
                &setup,
                &opts,
                &db,
                &archive::AgainstOptions { within_days, ..Default::default() },
            ) {
                Ok(a) => a,
                Err(e) => return fatal(e),
            };
            let out = match format {
                Format::Human => archive::render::print(&against, corroborations, color()),
                Format::Json => json::print(&against.report),
                Format::Sarif => sarif::print(&against.report, &setup.rules),
                Format::Html => report::html::print(&against.report, human::Sources::default()),
            };
            print!("{out}");
            exit_for(&against.report)
        }
        Command::Check { common, format, corroborations, .. } => {
            let opts = match options(&common) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let report = app::check(&setup, &opts);
            let written = match format {
                Format::Human => {
                    print!("{}", human::print(&report, corroborations, color()));
                    Ok(())
                }
                // streamed: a large corpus's report is never one string in memory
                Format::Json => json::write(&report, std::io::stdout().lock()),
                Format::Sarif => sarif::write(&report, &setup.rules, std::io::stdout().lock()),
                Format::Html => {
                    use std::io::Write;
                    let page = report::html::print(&report, human::Sources::default());
                    std::io::stdout().lock().write_all(page.as_bytes())
                }
            };
            if let Err(e) = written {
                return fatal(miette::miette!("cannot write the report: {e}"));
            }
            app::trace("reported");
            exit_for(&report)
        }
        Command::Claims { common, format } => {
            let opts = match options(&common) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let report = app::collect(&setup, &opts);
            match format {
                ListFormat::Json => {
                    if let Err(e) = json::write(&report, std::io::stdout().lock()) {
                        return fatal(miette::miette!("cannot write the report: {e}"));
                    }
                }
                ListFormat::Human => print!("{}", app::claims_human(&report)),
            }
            if report.documents.is_empty() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Corpus { common, format } => {
            let opts = match options(&common) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let (docs, problems) = app::read_documents(&setup, &opts);
            match format {
                ListFormat::Json => print!("{}", app::corpus_json(&docs, &problems)),
                ListFormat::Human => print!("{}", app::corpus_human(&docs, &problems)),
            }
            if docs.is_empty() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Index { common, db, batch } => {
            let opts = match options(&common) {
                Ok(o) => o,
                Err(code) => return code,
            };
            match archive::index(&setup, &opts, &db, &archive::IndexOptions { batch }) {
                Ok(stats) => {
                    print!("{}", stats.human());
                    if stats.documents == 0 {
                        ExitCode::from(2)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => fatal(e),
            }
        }
        Command::Sources { query, db, format, published, lang, limit, .. } => {
            let published = match parse_published(published.as_deref()) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let opts = archive::SourcesOptions { limit, corpus: CorpusOptions { published, lang } };
            match archive::sources(&setup, &db, &query.join(" "), &opts) {
                Ok(view) => {
                    match format {
                        SourcesFormat::Json => print!("{}", view.json()),
                        SourcesFormat::Human => print!("{}", view.human()),
                        SourcesFormat::Html => print!("{}", view.html()),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fatal(e),
            }
        }
        Command::Explain { code, .. } => match app::explain(&setup.rules, &code) {
            Some(s) => {
                print!("{s}");
                ExitCode::SUCCESS
            }
            None => fatal(miette::miette!(
                help = "`factlint rules` lists every rule",
                "no rule `{code}`"
            )),
        },
        Command::Rules { .. } => {
            print!("{}", app::rules_table(&setup.rules));
            ExitCode::SUCCESS
        }
    }
}

fn exit_for(report: &report::Report) -> ExitCode {
    if report.documents.is_empty() {
        eprintln!("error: nothing could be checked");
        return ExitCode::from(2);
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
