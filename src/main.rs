//! Command-line entry: parses arguments, calls the library, maps results to exit codes
//! (0 no error-level conflict, 1 conflicts found, 2 the run could not proceed).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use factlint::internals::app::{self, RunOptions, Setup};
use factlint::internals::archive;
use factlint::internals::baseline;
use factlint::internals::config::{CliSettings, Config};
use factlint::internals::corpus::CorpusOptions;
use factlint::internals::report::{self, github, human, json, jsonl, sarif, stats};

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
    /// JSON Lines: one typed record a line (`type`: report, document, claim, diagnostic,
    /// corroboration, problem, baseline), streamed
    Jsonl,
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

/// `claims` can also stream JSON Lines (a large corpus's claims).
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ClaimsFormat {
    Human,
    Json,
    /// JSON Lines: one typed record a line (report, document, claim, problem), streamed
    Jsonl,
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
    /// Language for documents whose metadata gives none (is, nn, nb, en, da, sv); default: detect
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

#[derive(clap::Args)]
struct CheckArgs {
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
}

#[derive(Subcommand)]
enum Command {
    /// Check a corpus: extract claims and report conflicts between sources
    Check(CheckArgs),
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
        format: ClaimsFormat,
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
        Some(s) => match factlint::internals::corpus::dateline::parse_metadata_date(s) {
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
        // what runs outside the pipeline's own pool keeps to the count too
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
    let config = match Config::resolve(command_paths(&cli.command), command_settings(&cli.command))
    {
        Ok(c) => c,
        Err(e) => return fatal(e),
    };
    let setup = match load_setup(&config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let done = match cli.command {
        Command::Check(args) => check(args, &config, &setup),
        Command::Config { .. } => show_config(&config, &setup),
        Command::Claims { common, format } => claims(&common, format, &config, &setup),
        Command::Corpus { common, format } => corpus(&common, format, &config, &setup),
        Command::Index { common, db, batch } => index(&common, &db, batch, &config, &setup),
        Command::Sources { query, db, format, published, lang, limit, .. } => {
            sources(&query, &db, format, published, lang, limit, &setup)
        }
        Command::Explain { code, .. } => explain(&code, &setup),
        Command::Data { command: DataCommand::Check { dir, format } } => data_check(&dir, format),
        Command::Rules { .. } => {
            emit(&app::rules_table(&setup.rules));
            Ok(ExitCode::SUCCESS)
        }
    };
    done.unwrap_or_else(|code| code)
}

/// The inputs a command names, whose configuration file applies.
fn command_paths(command: &Command) -> &[PathBuf] {
    match command {
        Command::Check(CheckArgs { common, .. })
        | Command::Claims { common, .. }
        | Command::Corpus { common, .. }
        | Command::Index { common, .. } => &common.paths,
        Command::Config { paths, .. } => paths,
        Command::Sources { .. }
        | Command::Data { .. }
        | Command::Explain { .. }
        | Command::Rules { .. } => &[],
    }
}

/// The settings every command shares, laid over the configuration file of its inputs.
fn command_settings(command: &Command) -> CliSettings {
    match command {
        Command::Check(CheckArgs { common, selection, .. }) => settings(common, selection),
        Command::Claims { common, .. }
        | Command::Corpus { common, .. }
        | Command::Index { common, .. } => settings(common, &Selection::default()),
        Command::Config { config, selection, rules, published, lang, .. } => CliSettings {
            config: config.clone(),
            select: selection.select.clone(),
            ignore: selection.ignore.clone(),
            rules: rules.clone(),
            lang: lang.clone(),
            published: published.clone(),
        },
        Command::Sources { rules, lang, .. } => {
            CliSettings { rules: rules.clone(), lang: lang.clone(), ..Default::default() }
        }
        Command::Data { .. } => CliSettings::default(),
        Command::Explain { rules, .. } | Command::Rules { rules } => {
            CliSettings { rules: rules.clone(), ..Default::default() }
        }
    }
}

/// The rules and data, with the configuration applied; a `--lang` with no lexicon is exit 2.
fn load_setup(config: &Config) -> Result<Setup, ExitCode> {
    let mut setup = Setup::load(config.rules.value.as_deref()).map_err(fatal)?;
    config.apply(&mut setup.rules).map_err(fatal)?;
    if let Some(l) = config.lang.value.as_ref().filter(|l| setup.knowledge.lexicon(l).is_none()) {
        let known: Vec<&str> = setup.knowledge.langs.iter().map(|x| x.code.as_str()).collect();
        return Err(fatal(miette::miette!(
            help = format!("languages with a lexicon: {}; another is a rules/lang/{l}.toml in a --rules folder", known.join(", ")),
            "--lang `{l}` has no lexicon"
        )));
    }
    Ok(setup)
}

/// `factlint check`: the report, the desk's settings over it, printed; the exit code.
fn check(args: CheckArgs, config: &Config, setup: &Setup) -> Result<ExitCode, ExitCode> {
    let mut opts = options(&args.common, config)?;
    let spool = stdin_spool(&args.common, &mut opts)?;
    // with --against: the drafts against the archive (its report taken out while the desk's
    // settings apply, and put back for its printer)
    let mut archived = None;
    let mut report = match &args.against {
        Some(db) => {
            let against =
                archive::AgainstOptions { within_days: args.within_days, ..Default::default() };
            let mut a = archive::check_against(setup, &opts, db, &against).map_err(fatal)?;
            let r = std::mem::take(&mut a.report);
            archived = Some(a);
            r
        }
        None => app::check(setup, &opts),
    };
    apply_desk(&args, config, &mut report)?;
    let mut out = std::io::stdout().lock();
    let written = match (args.statistics, args.format, archived.as_mut()) {
        (true, Format::Json, _) => write_text(&mut out, &stats::json(&report), &spool),
        (true, Format::Jsonl, _) => write_text(&mut out, &jsonl::statistics(&report), &spool),
        (true, _, _) => write_text(&mut out, &stats::human(&report), &spool),
        (false, Format::Human, Some(a)) => {
            a.report = std::mem::take(&mut report);
            let text = archive::render::print(a, args.corroborations, color());
            report = std::mem::take(&mut a.report);
            write_text(&mut out, &(text + &human::baseline_lines(&report)), &spool)
        }
        (false, format, _) => {
            write_report(&mut out, &report, format, args.corroborations, setup, &spool)
        }
    };
    if let Err(e) = ignore_broken_pipe(written) {
        return Err(fatal(miette::miette!("cannot write the report: {e}")));
    }
    app::trace("reported");
    if args.write_baseline.is_some() && !report.documents.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    Ok(exit_for(&report))
}

/// `-`: one draft from standard input, spooled to a file the printers can re-read (it then
/// replaces `-` among the inputs).
fn stdin_spool(common: &Common, opts: &mut RunOptions) -> Result<Option<app::Spool>, ExitCode> {
    if !common.paths.iter().any(|p| p.as_os_str() == "-") {
        return Ok(None);
    }
    if common.paths.len() > 1 {
        return Err(fatal(miette::miette!("`-` (standard input) is checked alone")));
    }
    match app::Spool::stdin() {
        Ok(s) => {
            opts.paths = vec![s.path.clone()];
            Ok(Some(s))
        }
        Err(e) => Err(fatal(miette::miette!("cannot read standard input: {e}"))),
    }
}

/// The desk's settings over a check's report: per-path ignores, fingerprints and accepts,
/// `--write-baseline`, `--baseline`.
fn apply_desk(
    args: &CheckArgs,
    config: &Config,
    report: &mut report::Report,
) -> Result<(), ExitCode> {
    config.filter_report(report);
    for a in baseline::mark(report, &config.accept, &config.root()) {
        eprintln!(
            "warning: [[accept]] {} ({}) matches no finding of this run",
            a.fingerprint, a.who
        );
    }
    app::trace("marked");
    if let Some(file) = &args.write_baseline {
        let n = baseline::write(report, file).map_err(fatal)?;
        eprintln!("wrote {n} findings to the baseline {}", file.display());
    }
    if let Some(file) = &args.baseline {
        let b = baseline::read(file).map_err(fatal)?;
        baseline::apply(report, b, &file.display().to_string());
    }
    Ok(())
}

/// A check's report (not checked against an archive) in `format`.
fn write_report(
    out: &mut std::io::StdoutLock,
    report: &report::Report,
    format: Format,
    corroborations: bool,
    setup: &Setup,
    spool: &Option<app::Spool>,
) -> std::io::Result<()> {
    match format {
        Format::Github => write_text(out, &github::print(report), spool),
        Format::Json if spool.is_some() => write_text(out, &json::print(report), spool),
        Format::Jsonl if spool.is_some() => write_text(out, &jsonl::print(report), spool),
        Format::Sarif if spool.is_some() => {
            write_text(out, &sarif::print(report, &setup.rules), spool)
        }
        // streamed: a large corpus's report is never one string in memory
        Format::Json => json::write(report, out),
        Format::Jsonl => jsonl::write(report, out),
        Format::Sarif => sarif::write(report, &setup.rules, out),
        Format::Html if spool.is_some() => {
            let page = report::html::print(report, human::Sources::default());
            write_text(out, &page, spool)
        }
        Format::Html => report::html::write(report, human::Sources::default(), out),
        Format::Human => write_text(out, &human::print(report, corroborations, color()), spool),
    }
}

fn show_config(config: &Config, setup: &Setup) -> Result<ExitCode, ExitCode> {
    config.published_date().map_err(fatal)?;
    emit(&config.show(&setup.rules));
    Ok(ExitCode::SUCCESS)
}

fn claims(
    common: &Common,
    format: ClaimsFormat,
    config: &Config,
    setup: &Setup,
) -> Result<ExitCode, ExitCode> {
    let opts = options(common, config)?;
    let report = app::collect(setup, &opts);
    let written = match format {
        ClaimsFormat::Json => json::write(&report, std::io::stdout().lock()),
        ClaimsFormat::Jsonl => jsonl::write(&report, std::io::stdout().lock()),
        ClaimsFormat::Human => {
            emit(&app::claims_human(&report));
            Ok(())
        }
    };
    if let Err(e) = ignore_broken_pipe(written) {
        return Err(fatal(miette::miette!("cannot write the report: {e}")));
    }
    Ok(if report.documents.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn corpus(
    common: &Common,
    format: ListFormat,
    config: &Config,
    setup: &Setup,
) -> Result<ExitCode, ExitCode> {
    let opts = options(common, config)?;
    let (docs, problems) = app::read_documents(setup, &opts);
    match format {
        ListFormat::Json => emit(&app::corpus_json(&docs, &problems)),
        ListFormat::Human => emit(&app::corpus_human(&docs, &problems)),
    }
    Ok(if docs.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn index(
    common: &Common,
    db: &std::path::Path,
    batch: usize,
    config: &Config,
    setup: &Setup,
) -> Result<ExitCode, ExitCode> {
    let opts = options(common, config)?;
    let stats =
        archive::index(setup, &opts, db, &archive::IndexOptions { batch }).map_err(fatal)?;
    emit(&stats.human());
    Ok(if stats.documents == 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn sources(
    query: &[String],
    db: &std::path::Path,
    format: SourcesFormat,
    published: Option<String>,
    lang: Option<String>,
    limit: usize,
    setup: &Setup,
) -> Result<ExitCode, ExitCode> {
    let published = parse_published(published.as_deref())?;
    let opts = archive::SourcesOptions { limit, corpus: CorpusOptions { published, lang } };
    let view = archive::sources(setup, db, &query.join(" "), &opts).map_err(fatal)?;
    match format {
        SourcesFormat::Json => emit(&view.json()),
        SourcesFormat::Human => emit(&view.human()),
        SourcesFormat::Html => emit(&view.html()),
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(code: &str, setup: &Setup) -> Result<ExitCode, ExitCode> {
    match app::explain(&setup.rules, code) {
        Some(s) => {
            emit(&s);
            Ok(ExitCode::SUCCESS)
        }
        None => Err(fatal(miette::miette!(
            help = "`factlint rules` lists every rule",
            "no rule `{code}`"
        ))),
    }
}

fn data_check(dir: &std::path::Path, format: ListFormat) -> Result<ExitCode, ExitCode> {
    let found = factlint::internals::datacheck::check(dir).map_err(fatal)?;
    match format {
        ListFormat::Human => emit(&factlint::internals::datacheck::human(&found)),
        ListFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&found).unwrap_or_default())
        }
    }
    Ok(if found.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
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
