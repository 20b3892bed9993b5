//! Command-line entry: parses arguments, calls the library, maps results to exit codes
//! (0 no error-level conflict, 1 conflicts found, 2 the run could not proceed).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use factlint::app::{self, RunOptions, Setup};
use factlint::archive;
use factlint::baseline;
use factlint::config::{CliSettings, Config};
use factlint::corpus::CorpusOptions;
use factlint::report::{self, github, human, json, sarif, stats};

/// mimalloc's options (a file of its own: the integration tests check it)
mod allocator;
use allocator::return_freed_memory;

/// mimalloc: a run makes millions of small allocations from every worker (tokens, sentences,
/// claims); with two workers it is faster and smaller than the system allocator (bench/README.md,
/// *Pipeline figures*). It is built without transparent huge pages (a 2 MB page stays resident
/// for a few small live objects), and [`return_freed_memory`] sets how soon it returns freed
/// memory.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// GitHub Actions workflow annotations
    Github,
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
    /// Files or folders (recursive): .txt, .md, .jsonl; a manifest.jsonl beside text files is metadata; `-` (check only): one draft from standard input
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The configuration file (default: factlint.toml in the input's folder or a folder above it)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A desk's rules/data folder: rule files add to (or by code replace) the built-in rules; a data file (lang/<code>.toml, concepts.toml …) adds its forms to the built-in file of that name (`replace = true` in it replaces that file whole; a form of two entries after merging is an error naming both files)
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
enum DataCommand {
    /// Report unknown, duplicate and unused entries in the lexicons, concepts, entities and
    /// boilerplate of a rules folder (exit 1 when there are any)
    Check {
        /// A rules folder (lang/*.toml, concepts.toml, entities.toml, boilerplate.toml)
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
    },
}

/// Which rules run (over the configuration file's `select` and `ignore`).
#[derive(clap::Args, Default)]
struct Selection {
    /// Run only these rules (codes or prefixes, comma-separated: FL002,FL003 or FL00)
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Option<Vec<String>>,
    /// Do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Option<Vec<String>>,
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
        #[command(flatten)]
        selection: Selection,
        /// Report only findings that are not in this baseline (see --write-baseline)
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every finding of this run in FILE (then exit 0)
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Print how many findings each rule made instead of the findings
        #[arg(long)]
        statistics: bool,
    },
    /// Print the configuration in force for PATHS (factlint.toml and flags) and where each value came from
    Config {
        /// Inputs whose configuration to show (default: none, so only --config's file)
        paths: Vec<PathBuf>,
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[command(flatten)]
        selection: Selection,
        #[arg(long)]
        rules: Option<PathBuf>,
        #[arg(long)]
        published: Option<String>,
        #[arg(long)]
        lang: Option<String>,
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
    /// Data files: `data check DIR` reports unknown, duplicate and unused entries
    Data {
        #[command(subcommand)]
        command: DataCommand,
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

fn options(c: &Common, config: &Config) -> Result<RunOptions, ExitCode> {
    let published = match config.published_date() {
        Ok(d) => d,
        Err(e) => return Err(fatal(e)),
    };
    if let Some(n) = c.threads {
        // what runs outside the pipeline's own pool (the JSON printer) keeps to the count too
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    Ok(RunOptions {
        paths: c.paths.clone(),
        rules_dir: config.rules.value.clone(),
        corpus: CorpusOptions { published, lang: config.lang.value.clone() },
        exclude: config.exclude.value.clone(),
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
    // the settings every command shares, over the configuration file of the inputs
    let no_paths: Vec<PathBuf> = Vec::new();
    let (paths, settings) = match &cli.command {
        Command::Check { common, selection, .. } => (&common.paths, settings(common, selection)),
        Command::Claims { common, .. }
        | Command::Corpus { common, .. }
        | Command::Index { common, .. } => (&common.paths, settings(common, &Selection::default())),
        Command::Config { paths, config, selection, rules, published, lang } => (
            paths,
            CliSettings {
                config: config.clone(),
                select: selection.select.clone(),
                ignore: selection.ignore.clone(),
                rules: rules.clone(),
                lang: lang.clone(),
                published: published.clone(),
            },
        ),
        Command::Sources { rules, lang, .. } => (
            &no_paths,
            CliSettings { rules: rules.clone(), lang: lang.clone(), ..Default::default() },
        ),
        Command::Data { .. } => (&no_paths, CliSettings::default()),
        Command::Explain { rules, .. } | Command::Rules { rules } => {
            (&no_paths, CliSettings { rules: rules.clone(), ..Default::default() })
        }
    };
    let config = match Config::resolve(paths, settings) {
        Ok(c) => c,
        Err(e) => return fatal(e),
    };
    let lang = config.lang.value.clone();
    let mut setup = match Setup::load(config.rules.value.as_deref()) {
        Ok(s) => s,
        Err(e) => return fatal(e),
    };
    if let Err(e) = config.apply(&mut setup.rules) {
        return fatal(e);
    }
    if let Some(l) = lang.filter(|l| setup.knowledge.lexicon(l).is_none()) {
        let known: Vec<&str> = setup.knowledge.langs.iter().map(|x| x.code.as_str()).collect();
        return fatal(miette::miette!(
            help = format!("languages with a lexicon: {}; another is a rules/lang/{l}.toml in a --rules folder", known.join(", ")),
            "--lang `{l}` has no lexicon"
        ));
    }
    match cli.command {
        Command::Check {
            common,
            format,
            corroborations,
            against,
            within_days,
            baseline: known,
            write_baseline,
            statistics,
            ..
        } => {
            let mut opts = match options(&common, &config) {
                Ok(o) => o,
                Err(code) => return code,
            };
            // `-`: one draft from standard input, spooled to a file the printers can re-read
            let spool = if common.paths.iter().any(|p| p.as_os_str() == "-") {
                if common.paths.len() > 1 {
                    return fatal(miette::miette!("`-` (standard input) is checked alone"));
                }
                match app::Spool::stdin() {
                    Ok(s) => {
                        opts.paths = vec![s.path.clone()];
                        Some(s)
                    }
                    Err(e) => return fatal(miette::miette!("cannot read standard input: {e}")),
                }
            } else {
                None
            };
            // with --against: the drafts against the archive (its report taken out while the
            // desk's settings apply, and put back for its printer)
            let mut archived = None;
            let mut report = match &against {
                Some(db) => match archive::check_against(
                    &setup,
                    &opts,
                    db,
                    &archive::AgainstOptions { within_days, ..Default::default() },
                ) {
                    Ok(mut a) => {
                        let r = std::mem::take(&mut a.report);
                        archived = Some(a);
                        r
                    }
                    Err(e) => return fatal(e),
                },
                None => app::check(&setup, &opts),
            };
            config.filter_report(&mut report);
            for a in baseline::mark(&mut report, &config.accept, &config.root()) {
                eprintln!(
                    "warning: [[accept]] {} ({}) matches no finding of this run",
                    a.fingerprint, a.who
                );
            }
            app::trace("marked");
            if let Some(file) = &write_baseline {
                match baseline::write(&report, file) {
                    Ok(n) => eprintln!("wrote {n} findings to the baseline {}", file.display()),
                    Err(e) => return fatal(e),
                }
            }
            if let Some(file) = &known {
                match baseline::read(file) {
                    Ok(b) => baseline::apply(&mut report, b, &file.display().to_string()),
                    Err(e) => return fatal(e),
                }
            }
            let mut out = std::io::stdout().lock();
            let written = match (statistics, format) {
                (true, Format::Json) => write_text(&mut out, &stats::json(&report), &spool),
                (true, _) => write_text(&mut out, &stats::human(&report), &spool),
                (false, Format::Human) => {
                    let text = match archived.as_mut() {
                        Some(a) => {
                            a.report = std::mem::take(&mut report);
                            let text = archive::render::print(a, corroborations, color());
                            report = std::mem::take(&mut a.report);
                            text + &human::baseline_lines(&report)
                        }
                        None => human::print(&report, corroborations, color()),
                    };
                    write_text(&mut out, &text, &spool)
                }
                (false, Format::Github) => write_text(&mut out, &github::print(&report), &spool),
                (false, Format::Json) if spool.is_some() => {
                    write_text(&mut out, &json::print(&report), &spool)
                }
                (false, Format::Sarif) if spool.is_some() => {
                    write_text(&mut out, &sarif::print(&report, &setup.rules), &spool)
                }
                // streamed: a large corpus's report is never one string in memory
                (false, Format::Json) => json::write(&report, out),
                (false, Format::Sarif) => sarif::write(&report, &setup.rules, out),
                (false, Format::Html) if spool.is_some() => {
                    let page = report::html::print(&report, human::Sources::default());
                    write_text(&mut out, &page, &spool)
                }
                (false, Format::Html) => {
                    report::html::write(&report, human::Sources::default(), out)
                }
            };
            if let Err(e) = ignore_broken_pipe(written) {
                return fatal(miette::miette!("cannot write the report: {e}"));
            }
            app::trace("reported");
            if write_baseline.is_some() && !report.documents.is_empty() {
                return ExitCode::SUCCESS;
            }
            exit_for(&report)
        }
        Command::Config { .. } => {
            if let Err(e) = config.published_date() {
                return fatal(e);
            }
            emit(&config.show(&setup.rules));
            ExitCode::SUCCESS
        }
        Command::Claims { common, format } => {
            let opts = match options(&common, &config) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let report = app::collect(&setup, &opts);
            match format {
                ListFormat::Json => {
                    let written = json::write(&report, std::io::stdout().lock());
                    if let Err(e) = ignore_broken_pipe(written) {
                        return fatal(miette::miette!("cannot write the report: {e}"));
                    }
                }
                ListFormat::Human => emit(&app::claims_human(&report)),
            }
            if report.documents.is_empty() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Corpus { common, format } => {
            let opts = match options(&common, &config) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let (docs, problems) = app::read_documents(&setup, &opts);
            match format {
                ListFormat::Json => emit(&app::corpus_json(&docs, &problems)),
                ListFormat::Human => emit(&app::corpus_human(&docs, &problems)),
            }
            if docs.is_empty() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Index { common, db, batch } => {
            let opts = match options(&common, &config) {
                Ok(o) => o,
                Err(code) => return code,
            };
            match archive::index(&setup, &opts, &db, &archive::IndexOptions { batch }) {
                Ok(stats) => {
                    emit(&stats.human());
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
                        SourcesFormat::Json => emit(&view.json()),
                        SourcesFormat::Human => emit(&view.human()),
                        SourcesFormat::Html => emit(&view.html()),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fatal(e),
            }
        }
        Command::Explain { code, .. } => match app::explain(&setup.rules, &code) {
            Some(s) => {
                emit(&s);
                ExitCode::SUCCESS
            }
            None => fatal(miette::miette!(
                help = "`factlint rules` lists every rule",
                "no rule `{code}`"
            )),
        },
        Command::Data { command: DataCommand::Check { dir, format } } => {
            match factlint::datacheck::check(&dir) {
                Ok(found) => {
                    match format {
                        ListFormat::Human => emit(&factlint::datacheck::human(&found)),
                        ListFormat::Json => {
                            println!("{}", serde_json::to_string_pretty(&found).unwrap_or_default())
                        }
                    }
                    if found.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => fatal(e),
            }
        }
        Command::Rules { .. } => {
            emit(&app::rules_table(&setup.rules));
            ExitCode::SUCCESS
        }
    }
}

/// The command-line settings of an input command.
fn settings(c: &Common, s: &Selection) -> CliSettings {
    CliSettings {
        config: c.config.clone(),
        select: s.select.clone(),
        ignore: s.ignore.clone(),
        rules: c.rules.clone(),
        lang: c.lang.clone(),
        published: c.published.clone(),
    }
}

/// Write a report made as text; a draft read from standard input is named `-` in it, not by
/// the file it was spooled to.
fn write_text(
    out: &mut impl std::io::Write,
    text: &str,
    spool: &Option<app::Spool>,
) -> std::io::Result<()> {
    match spool {
        Some(s) => out.write_all(s.unspool(text).as_bytes()),
        None => out.write_all(text.as_bytes()),
    }
}

/// Writes to stdout. A reader that stops early (`| head`) closes the pipe: what is left is not
/// wanted, so a broken pipe is no error (`print!` would panic, exit 101); another error is
/// reported once on stderr.
fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
        }
    }
}

/// A streamed report's write error, unless the reader closed the pipe (see [`emit`]).
fn ignore_broken_pipe(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
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
