//! `factlint.toml`: a desk's settings, found like ruff's and Vale's: in the input folder itself,
//! then in each folder above it (never from the working directory). The command line wins over
//! the file, and the file over the defaults; [`Config::show`] says where each value came from.
//!
//! ```toml
//! select = ["FL001", "FL002", "FL003"]   # codes or prefixes ("FL00"); absent: every rule
//! ignore = ["FL008"]
//! exclude = ["drafts/**"]                # inputs not read (globs, relative to this file)
//! rules = "desk-rules"                   # a rules and data folder, as --rules
//! lang = "<code>"                        # for documents that give none (skips detection)
//! published = "today"                    # for undated documents: a date, "today" or "unknown"
//! timezone = "Atlantic/Reykjavik"        # what "today" is
//!
//! [severity]
//! FL007 = "warning"
//!
//! [params.FL004]                         # the rule's typed [params], laid over its file's
//! event_span_days = 90
//!
//! [per-path-ignores]
//! "archive/**" = ["FL008"]
//!
//! [[accept]]                             # one finding, by its fingerprint
//! fingerprint = "5b0e9c3d2a1f4e67"
//! reason = "the ministry corrected the figure; both are quoted"
//! who = "night desk"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use miette::{miette, NamedSource, SourceSpan};
use serde::Deserialize;

use crate::error::DataError;
use crate::report::{Report, Severity};
use crate::rules::{CheckParams, Rule};

/// The configuration file's name.
pub(crate) const FILE_NAME: &str = crate::rules::CONFIG_FILE_NAME;

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Origin {
    Default,
    File(PathBuf),
    CommandLine,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(p) => write!(f, "{}", p.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A setting and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub(crate) origin: Origin,
}

pub(crate) use crate::diagnostic::Accept;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    params: BTreeMap<String, toml::Spanned<toml::Table>>,
    exclude: Option<Vec<String>>,
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Vec<String>>,
    rules: Option<PathBuf>,
    lang: Option<String>,
    timezone: Option<String>,
    published: Option<String>,
    #[serde(default)]
    accept: Vec<Accept>,
}

/// What the command line gives: each, when given, wins over the file.
#[derive(Debug, Default, Clone)]
pub struct CliSettings {
    /// `--config FILE`: this file, not one found from the inputs
    pub config: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub rules: Option<PathBuf>,
    pub lang: Option<String>,
    pub published: Option<String>,
}

/// Globs over paths relative to a folder (the configuration file's): `*` and `?` within a path
/// component, `**` across components; a pattern names a file or a folder (then everything in
/// it), and one with no `/` matches at any depth.
#[derive(Debug, Clone, Default)]
pub struct PathSet {
    base: PathBuf,
    globs: Vec<String>,
}

impl PathSet {
    pub fn new(base: &Path, globs: Vec<String>) -> PathSet {
        PathSet { base: absolute(base), globs }
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }
    pub fn matches(&self, path: &Path) -> bool {
        !self.globs.is_empty() && self.globs.iter().any(|g| self.matches_one(g, path))
    }
    fn matches_one(&self, glob: &str, path: &Path) -> bool {
        let abs = absolute(path);
        let Ok(rel) = abs.strip_prefix(&self.base) else { return false };
        let rel: Vec<String> =
            rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let glob = glob.trim_start_matches("./").trim_end_matches('/');
        let anywhere = !glob.contains('/');
        // the path itself or a folder above it; a pattern with no `/` from any folder down
        (0..rel.len()).filter(|&a| a == 0 || anywhere).any(|a| {
            (a + 1..=rel.len()).any(|b| glob_match(glob.as_bytes(), rel[a..b].join("/").as_bytes()))
        })
    }
}

/// `p` made absolute, with `.` and `..` left out (links not followed).
pub(crate) fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // (`..` and `.` left out, without following links, so prefixes compare as written)
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

pub fn glob_match(p: &[u8], s: &[u8]) -> bool {
    match p {
        [] => s.is_empty(),
        [b'*', b'*', b'/', rest @ ..] => {
            (0..=s.len()).filter(|&i| i == 0 || s[i - 1] == b'/').any(|i| glob_match(rest, &s[i..]))
        }
        [b'*', b'*', rest @ ..] => (0..=s.len()).any(|i| glob_match(rest, &s[i..])),
        [b'*', rest @ ..] => {
            let stop = s.iter().position(|&c| c == b'/').unwrap_or(s.len());
            (0..=stop).any(|i| glob_match(rest, &s[i..]))
        }
        [b'?', rest @ ..] => s.first().is_some_and(|&c| c != b'/') && glob_match(rest, &s[1..]),
        [c, rest @ ..] => s.first() == Some(c) && glob_match(rest, &s[1..]),
    }
}

/// The resolved configuration.
#[derive(Debug)]
pub struct Config {
    /// the file read, if any
    pub(crate) file: Option<PathBuf>,
    src: String,
    pub(crate) select: Setting<Option<Vec<String>>>,
    pub(crate) ignore: Setting<Vec<String>>,
    pub(crate) severity: Setting<BTreeMap<String, Severity>>,
    params: BTreeMap<String, toml::Spanned<toml::Table>>,
    pub exclude: Setting<PathSet>,
    pub(crate) per_path_ignores: Setting<Vec<(PathSet, Vec<String>)>>,
    pub rules: Setting<Option<PathBuf>>,
    pub lang: Setting<Option<String>>,
    pub(crate) timezone: Setting<Option<String>>,
    pub(crate) published: Setting<Option<String>>,
    pub accept: Vec<Accept>,
}

/// The configuration file that applies to `paths`: `--config`'s, else the nearest
/// `factlint.toml` in an input's folder or above it. Inputs under different files are an error.
pub(crate) fn discover(paths: &[PathBuf]) -> Result<Option<PathBuf>, miette::Report> {
    let mut found: Option<PathBuf> = None;
    for p in paths.iter().filter(|p| p.as_os_str() != "-") {
        let abs = absolute(p);
        let start = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
        let here = start
            .into_iter()
            .flat_map(Path::ancestors)
            .map(|d| d.join(FILE_NAME))
            .find(|f| f.is_file());
        match (&found, here) {
            (Some(a), Some(b)) if *a != b => {
                return Err(miette!(
                    help = "check them apart, or give one with --config",
                    "the inputs are under different {FILE_NAME} files: {} and {}",
                    a.display(),
                    b.display()
                ))
            }
            (None, Some(b)) => found = Some(b),
            _ => {}
        }
    }
    Ok(found)
}

/// The configuration file's text and settings (none: empty, the defaults).
fn read_file(file: Option<&Path>) -> Result<(String, File), miette::Report> {
    let Some(f) = file else { return Ok((String::new(), File::default())) };
    let name = f.display().to_string();
    let src = std::fs::read_to_string(f).map_err(|e| DataError::io(&name, e))?;
    let parsed: File = toml::from_str(&src).map_err(|e| DataError::toml(&name, &src, e))?;
    Ok((src, parsed))
}

/// A setting: the command line's, else the file's, else the default.
fn pick<T>(cli: Option<T>, file: Option<T>, default: T, origin: Origin) -> Setting<T> {
    match (cli, file) {
        (Some(v), _) => Setting { value: v, origin: Origin::CommandLine },
        (None, Some(v)) => Setting { value: v, origin },
        (None, None) => Setting { value: default, origin: Origin::Default },
    }
}

impl Config {
    /// Read the configuration for `paths` and lay the command line over it.
    pub fn resolve(paths: &[PathBuf], cli: CliSettings) -> Result<Config, miette::Report> {
        let file = match &cli.config {
            Some(f) => Some(f.clone()),
            None => discover(paths)?,
        };
        let (src, parsed) = read_file(file.as_deref())?;
        let base =
            file.as_ref().and_then(|f| f.parent()).map_or_else(PathBuf::new, Path::to_path_buf);
        let from_file = || file.clone().map_or(Origin::Default, Origin::File);
        let opt = |cli: Option<String>, file: Option<String>| {
            pick(cli.map(Some), file.map(Some), None, from_file())
        };
        let in_file = file.is_some();
        let set_or_default =
            |non_empty: bool| if non_empty && in_file { from_file() } else { Origin::Default };
        Ok(Config {
            select: pick(cli.select.map(Some), parsed.select.map(Some), None, from_file()),
            ignore: pick(cli.ignore, parsed.ignore, Vec::new(), from_file()),
            severity: Setting {
                origin: set_or_default(!parsed.severity.is_empty()),
                value: parsed.severity,
            },
            params: parsed.params,
            exclude: Setting {
                origin: set_or_default(parsed.exclude.is_some()),
                value: PathSet::new(&base, parsed.exclude.unwrap_or_default()),
            },
            per_path_ignores: Setting {
                origin: set_or_default(!parsed.per_path_ignores.is_empty()),
                value: parsed
                    .per_path_ignores
                    .into_iter()
                    .map(|(g, codes)| (PathSet::new(&base, vec![g]), codes))
                    .collect(),
            },
            rules: pick(
                cli.rules.map(Some),
                parsed.rules.map(|r| Some(base.join(r))),
                None,
                from_file(),
            ),
            lang: opt(cli.lang, parsed.lang),
            timezone: opt(None, parsed.timezone),
            published: opt(cli.published, parsed.published),
            accept: parsed.accept,
            file,
            src,
        })
    }

    /// An error at `key`'s place in the file (the first place it is written after `from`).
    fn error_at(&self, from: usize, key: &str, message: String) -> miette::Report {
        let name = self.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default();
        let at = self.src.get(from..).and_then(|s| s.find(key)).map(|i| from + i);
        let err = DataError::Toml {
            path: name.clone(),
            message,
            src: NamedSource::new(name, self.src.clone()),
            span: at.map(|a| SourceSpan::from(a..a + key.len())),
        };
        err.into()
    }

    /// Select, ignore, severities and parameters laid over the rules. A code the configuration
    /// names that no rule has is an error (a typo would otherwise leave a rule on).
    pub fn apply(&self, rules: &mut [Rule]) -> Result<(), miette::Report> {
        let known = |pattern: &str| rules.iter().any(|r| matches_code(pattern, &r.code));
        let lists = [
            ("select", self.select.value.as_deref().unwrap_or(&[]), &self.select.origin),
            ("ignore", &self.ignore.value[..], &self.ignore.origin),
        ];
        for (what, list, origin) in lists {
            if let Some(bad) = list.iter().find(|c| !known(c)) {
                return Err(miette!(
                    help = "`factlint rules` lists every rule",
                    "{what}: no rule `{bad}` (from {origin})"
                ));
            }
        }
        for code in self.severity.value.keys().chain(self.params.keys()) {
            if !rules.iter().any(|r| r.code == *code) {
                return Err(self.error_at(0, code, format!("no rule `{code}`")));
            }
        }
        for (_, codes) in &self.per_path_ignores.value {
            if let Some(bad) = codes.iter().find(|c| !known(c)) {
                return Err(self.error_at(0, bad, format!("per-path-ignores: no rule `{bad}`")));
            }
        }
        for r in rules.iter_mut() {
            if let Some(select) = &self.select.value {
                r.enabled &= select.iter().any(|p| matches_code(p, &r.code));
            }
            if self.ignore.value.iter().any(|p| matches_code(p, &r.code)) {
                r.enabled = false;
            }
            if let Some(s) = self.severity.value.get(&r.code) {
                r.severity = *s;
            }
            if let Some(table) = self.params.get(&r.code) {
                let from = table.span().start;
                let value = toml::Value::Table(table.get_ref().clone());
                let applied = crate::with_check_params!(r.check, P => {
                    value.try_into::<P>().map_err(|e| e.message().to_string()).and_then(|p| p.apply(&mut r.params))
                });
                if let Err(message) = applied {
                    // the unknown or mistyped key, when the message names one
                    let key = message
                        .split('`')
                        .nth(1)
                        .filter(|k| table.get_ref().contains_key(*k))
                        .unwrap_or(&r.code)
                        .to_string();
                    return Err(self.error_at(
                        from,
                        &key,
                        format!("[params.{}]: {message}", r.code),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The publication date for undated documents: a date, "today" (in `timezone`, else the
    /// system's), or "unknown" (none).
    pub fn published_date(&self) -> Result<Option<jiff::civil::Date>, miette::Report> {
        let Some(p) = self.published.value.as_deref() else { return Ok(None) };
        let zone = match self.timezone.value.as_deref() {
            Some(name) => jiff::tz::TimeZone::get(name)
                .map_err(|e| miette!("timezone `{name}` ({}): {e}", self.timezone.origin))?,
            None => jiff::tz::TimeZone::system(),
        };
        match p {
            "unknown" => Ok(None),
            "today" => Ok(Some(jiff::Timestamp::now().to_zoned(zone).date())),
            s => crate::corpus::dateline::parse_metadata_date(s).map(Some).ok_or_else(|| {
                miette!(
                    help = "a date like 2023-09-13, \"today\" or \"unknown\"",
                    "published `{s}` ({}) is not a date",
                    self.published.origin
                )
            }),
        }
    }

    /// The folder paths in fingerprints are relative to: the configuration file's, else the
    /// working directory.
    pub fn root(&self) -> PathBuf {
        match self.file.as_ref().and_then(|f| f.parent()) {
            Some(d) => absolute(d),
            None => absolute(Path::new(".")),
        }
    }

    /// Drop the diagnostics the per-path ignores name (by the path of their primary label).
    pub fn filter_report(&self, report: &mut Report) {
        if self.per_path_ignores.value.is_empty() {
            return;
        }
        report.retain_diagnostics(|d, _| {
            let Some(l) = d.labels.iter().find(|l| l.primary).or(d.labels.first()) else {
                return true;
            };
            !self.per_path_ignores.value.iter().any(|(set, codes)| {
                codes.iter().any(|c| matches_code(c, &d.code))
                    && set.matches(Path::new(l.path.as_str()))
            })
        });
    }

    /// `factlint config`: every setting, its value and where it came from.
    pub fn show(&self, rules: &[Rule]) -> String {
        let mut out = String::new();
        let mut line = |key: &str, value: String, origin: &Origin| {
            out.push_str(&format!("{key:<18} {value:<40} ({origin})\n"));
        };
        line(
            "file",
            self.file.as_ref().map_or("none found".into(), |f| f.display().to_string()),
            &if self.file.is_some() {
                Origin::File(self.file.clone().unwrap_or_default())
            } else {
                Origin::Default
            },
        );
        let list = |v: &[String]| if v.is_empty() { "-".to_string() } else { v.join(", ") };
        line(
            "select",
            self.select.value.as_deref().map_or("every rule".into(), list),
            &self.select.origin,
        );
        line("ignore", list(&self.ignore.value), &self.ignore.origin);
        line("exclude", list(&self.exclude.value.globs), &self.exclude.origin);
        let opt = |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_string());
        line(
            "rules",
            self.rules.value.as_ref().map_or("built-in only".into(), |p| p.display().to_string()),
            &self.rules.origin,
        );
        line("lang", opt(&self.lang.value, "detect"), &self.lang.origin);
        line("published", opt(&self.published.value, "unknown"), &self.published.origin);
        line("timezone", opt(&self.timezone.value, "system"), &self.timezone.origin);
        for (set, codes) in &self.per_path_ignores.value {
            line(
                &format!("ignore in {}", list(&set.globs)),
                list(codes),
                &self.per_path_ignores.origin,
            );
        }
        for a in &self.accept {
            line(
                &format!("accept {}", a.fingerprint),
                format!("{} ({})", a.reason, a.who),
                &Origin::File(self.file.clone().unwrap_or_default()),
            );
        }
        self.rules_table(rules, &mut out);
        out
    }

    /// `factlint config`'s table of rules: enabled, severity, parameters, and which the file set.
    fn rules_table(&self, rules: &[Rule], out: &mut String) {
        out.push_str("\nrule   enabled  severity  parameters\n");
        for r in rules {
            let p = &r.params;
            let params = crate::with_check_params!(r.check, P => describe_params::<P>(p));
            let sev_origin = if self.severity.value.contains_key(&r.code) { "*" } else { "" };
            let par_origin = if self.params.contains_key(&r.code) { " (*)" } else { "" };
            out.push_str(&format!(
                "{:<6} {:<8} {:<9} {params}{par_origin}\n",
                r.code,
                r.enabled,
                format!("{}{sev_origin}", r.severity.name()),
            ));
        }
        out.push_str("(* set in the configuration file)\n");
    }
}

/// A rule's parameters as `name = value`, only those its check reads.
fn describe_params<P: CheckParams>(p: &crate::rules::Params) -> String {
    P::names()
        .iter()
        .map(|n| {
            let v = match *n {
                "kinds" => format!("{:?}", p.kinds),
                "tolerance" => p.tolerance.to_string(),
                "window_days" => p.window_days.to_string(),
                "coarse_window_days" => p.coarse_window_days.to_string(),
                "before_days" => p.before_days.to_string(),
                "after_days" => p.after_days.to_string(),
                "event_span_days" => p.event_span_days.to_string(),
                "start_slack_days" => p.start_slack_days.to_string(),
                "max_examples" => p.max_examples.to_string(),
                _ => "?".to_string(),
            };
            format!("{n} = {v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A code pattern: the code itself, a prefix of it ("FL00"), or "ALL".
pub fn matches_code(pattern: &str, code: &str) -> bool {
    pattern.eq_ignore_ascii_case("ALL")
        || code.len() >= pattern.len()
            && code.is_char_boundary(pattern.len())
            && code[..pattern.len()].eq_ignore_ascii_case(pattern)
}
