//! Stage 4: the rule engine. Rules are data (`rules/FL*.toml`); each names a built-in check and
//! its parameters. Checks see claims and document metadata only, never text. Claims are grouped
//! by key in hash maps, so a run is linear in the number of claims.

pub(crate) mod checks;
pub mod groups;

pub use groups::Verdict;
pub(crate) use groups::{agrees, group_key, judge, keys, Group};

use std::path::Path;

use serde::Deserialize;

use crate::claims::{Claim, ClaimIdx};
use crate::diagnostic::{Corroboration, Diagnostic, DocMeta, Severity, Source};
use crate::error::DataError;

/// The built-in checks a rule file can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    PartExceedsWhole,
    ValueMismatch,
    SinceArithmetic,
    DurationVsDates,
    RelativeVsAbsolute,
    WeekdayMismatch,
    PastEventAfterPublication,
    DuplicateVariant,
    TimeMismatch,
}

/// Parameters as the checks read them: every check's, with its default. A rule file (and a
/// desk's `factlint.toml`) sets them through the typed table of its check ([`CheckParams`]), so
/// a name that means nothing to the check is an error, never silently ignored.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    /// claim kinds compared (value_mismatch)
    pub(crate) kinds: Vec<String>,
    /// relative tolerance when either value is approximate ("um 30")
    pub(crate) tolerance: f64,
    /// FL002: only compare sources published within this many days of each other; FL005: dates
    /// within this many days of a relative day or week are the same event
    pub(crate) window_days: i64,
    /// FL005: how far a relative month or year ("í desember í fyrra") reaches
    pub(crate) coarse_window_days: i64,
    /// FL004: other sources' dates are read from this many days before a duration's publication
    pub(crate) before_days: i64,
    /// FL004: … to this many days after it
    pub(crate) after_days: i64,
    /// FL004: a start and an end further apart than this are different events
    pub(crate) event_span_days: i64,
    /// FL004: another source's start this many days from the agreed start is a misdated start
    /// (further away, another event)
    pub(crate) start_slack_days: i64,
    /// most sources of the majority named in a diagnostic
    pub(crate) max_examples: usize,
    /// FL009: minutes a rounding word before a whole or half hour ("um klukkan sjö", "around
    /// 7.30", "i 17-tida") allows either way
    pub(crate) tolerance_minutes: i64,
    /// FL009: … before a time to the minute ("omkring 7.20", "12.40-tiden")
    pub(crate) precise_tolerance_minutes: i64,
    /// FL009: minutes a whole or half hour with no rounding word ("klokken 7", "halv 8") allows
    /// either way: such a time is itself rounded
    pub(crate) rounded_minutes: i64,
    /// FL009: minutes "like etter", "strax efter", "shortly after" reach after the time ("like
    /// før", "shortly before": before it)
    pub(crate) lean_minutes: i64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            kinds: Vec::new(),
            tolerance: 0.1,
            window_days: 7,
            coarse_window_days: 366,
            before_days: 60,
            after_days: 30,
            event_span_days: 60,
            start_slack_days: 3,
            max_examples: 3,
            tolerance_minutes: 15,
            precise_tolerance_minutes: 5,
            rounded_minutes: 10,
            lean_minutes: 10,
        }
    }
}

/// The `[params]` table of each check: only the names the check reads, each typed. (The check a
/// rule names is the tag that chooses the table.)
pub(crate) mod typed {
    use serde::Deserialize;

    /// A check that reads no parameter: any name is unknown.
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct NoParams {}

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct ValueMismatch {
        pub(crate) kinds: Option<Vec<String>>,
        pub(crate) tolerance: Option<f64>,
        pub(crate) window_days: Option<i64>,
        pub(crate) max_examples: Option<usize>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct SinceArithmetic {
        pub(crate) max_examples: Option<usize>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct DurationVsDates {
        pub(crate) max_examples: Option<usize>,
        pub(crate) before_days: Option<i64>,
        pub(crate) after_days: Option<i64>,
        pub(crate) event_span_days: Option<i64>,
        pub(crate) start_slack_days: Option<i64>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct TimeMismatch {
        pub(crate) max_examples: Option<usize>,
        pub(crate) tolerance_minutes: Option<i64>,
        pub(crate) precise_tolerance_minutes: Option<i64>,
        pub(crate) rounded_minutes: Option<i64>,
        pub(crate) lean_minutes: Option<i64>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct RelativeVsAbsolute {
        pub(crate) max_examples: Option<usize>,
        pub(crate) window_days: Option<i64>,
        pub(crate) coarse_window_days: Option<i64>,
    }
}

/// A check's typed parameter table: laid over [`Params`], what it sets checked for meaning.
pub(crate) trait CheckParams: serde::de::DeserializeOwned + Default {
    /// The names the table takes.
    fn names() -> &'static [&'static str];
    /// Set what the table gives; a value wrong in meaning is an error naming it.
    fn apply(self, p: &mut Params) -> Result<(), String>;
}

fn days(name: &str, v: Option<i64>, to: &mut i64) -> Result<(), String> {
    match v {
        Some(d) if d < 0 => Err(format!("`{name}` is {d}: a number of days is 0 or more")),
        Some(d) => {
            *to = d;
            Ok(())
        }
        None => Ok(()),
    }
}

impl CheckParams for typed::NoParams {
    fn names() -> &'static [&'static str] {
        &[]
    }
    fn apply(self, _: &mut Params) -> Result<(), String> {
        Ok(())
    }
}

impl CheckParams for typed::ValueMismatch {
    fn names() -> &'static [&'static str] {
        &["kinds", "tolerance", "window_days", "max_examples"]
    }
    fn apply(self, p: &mut Params) -> Result<(), String> {
        if let Some(kinds) = self.kinds {
            for k in &kinds {
                if !["count", "part_of_whole", "duration", "date", "since", "time"]
                    .contains(&k.as_str())
                {
                    return Err(format!("unknown claim kind `{k}` in kinds"));
                }
            }
            p.kinds = kinds;
        }
        if let Some(t) = self.tolerance {
            if !(0.0..1.0).contains(&t) {
                return Err(format!("`tolerance` is {t}: a share from 0 to below 1 (0.1 is 10 %)"));
            }
            p.tolerance = t;
        }
        days("window_days", self.window_days, &mut p.window_days)?;
        p.max_examples = self.max_examples.unwrap_or(p.max_examples);
        Ok(())
    }
}

impl CheckParams for typed::SinceArithmetic {
    fn names() -> &'static [&'static str] {
        &["max_examples"]
    }
    fn apply(self, p: &mut Params) -> Result<(), String> {
        p.max_examples = self.max_examples.unwrap_or(p.max_examples);
        Ok(())
    }
}

impl CheckParams for typed::DurationVsDates {
    fn names() -> &'static [&'static str] {
        &["max_examples", "before_days", "after_days", "event_span_days", "start_slack_days"]
    }
    fn apply(self, p: &mut Params) -> Result<(), String> {
        p.max_examples = self.max_examples.unwrap_or(p.max_examples);
        days("before_days", self.before_days, &mut p.before_days)?;
        days("after_days", self.after_days, &mut p.after_days)?;
        days("event_span_days", self.event_span_days, &mut p.event_span_days)?;
        days("start_slack_days", self.start_slack_days, &mut p.start_slack_days)
    }
}

impl CheckParams for typed::TimeMismatch {
    fn names() -> &'static [&'static str] {
        &[
            "max_examples",
            "tolerance_minutes",
            "precise_tolerance_minutes",
            "rounded_minutes",
            "lean_minutes",
        ]
    }
    fn apply(self, p: &mut Params) -> Result<(), String> {
        p.max_examples = self.max_examples.unwrap_or(p.max_examples);
        minutes("tolerance_minutes", self.tolerance_minutes, &mut p.tolerance_minutes)?;
        minutes(
            "precise_tolerance_minutes",
            self.precise_tolerance_minutes,
            &mut p.precise_tolerance_minutes,
        )?;
        minutes("rounded_minutes", self.rounded_minutes, &mut p.rounded_minutes)?;
        minutes("lean_minutes", self.lean_minutes, &mut p.lean_minutes)
    }
}

/// A parameter in minutes, from 0 to 180.
fn minutes(name: &str, v: Option<i64>, into: &mut i64) -> Result<(), String> {
    match v {
        Some(m) if !(0..=180).contains(&m) => {
            Err(format!("`{name}` is {m}: minutes from 0 to 180"))
        }
        Some(m) => {
            *into = m;
            Ok(())
        }
        None => Ok(()),
    }
}

impl CheckParams for typed::RelativeVsAbsolute {
    fn names() -> &'static [&'static str] {
        &["max_examples", "window_days", "coarse_window_days"]
    }
    fn apply(self, p: &mut Params) -> Result<(), String> {
        p.max_examples = self.max_examples.unwrap_or(p.max_examples);
        days("window_days", self.window_days, &mut p.window_days)?;
        days("coarse_window_days", self.coarse_window_days, &mut p.coarse_window_days)
    }
}

/// Run `$body` with `$P` the typed parameter table of `$check`.
#[macro_export]
#[doc(hidden)]
macro_rules! with_check_params {
    ($check:expr, $P:ident => $body:expr) => {{
        use $crate::rules::{typed, Check};
        match $check {
            Check::ValueMismatch => {
                type $P = typed::ValueMismatch;
                $body
            }
            Check::SinceArithmetic => {
                type $P = typed::SinceArithmetic;
                $body
            }
            Check::DurationVsDates => {
                type $P = typed::DurationVsDates;
                $body
            }
            Check::RelativeVsAbsolute => {
                type $P = typed::RelativeVsAbsolute;
                $body
            }
            Check::TimeMismatch => {
                type $P = typed::TimeMismatch;
                $body
            }
            Check::PartExceedsWhole
            | Check::WeekdayMismatch
            | Check::PastEventAfterPublication
            | Check::DuplicateVariant => {
                type $P = typed::NoParams;
                $body
            }
        }
    }};
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Explain {
    /// what the rule checks
    pub(crate) what: String,
    /// why it matters to a desk
    pub(crate) why: String,
    /// an example that fires
    pub(crate) example: String,
    /// an example that must not fire
    #[serde(default)]
    pub(crate) near_miss: Option<String>,
}

/// One rule, as its file gives it and as the run uses it.
#[derive(Debug, Clone)]
pub struct Rule {
    pub code: String,
    pub(crate) name: String,
    pub(crate) severity: Severity,
    pub(crate) summary: String,
    pub check: Check,
    /// false: the rule is known (explain, rules) but not run (`enabled = false` in its file, or
    /// left out by the configuration's select/ignore)
    pub(crate) enabled: bool,
    pub(crate) params: Params,
    pub(crate) explain: Explain,
}

/// A rule file: `check` is the tag that chooses the type of its `[params]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile<P> {
    code: String,
    name: String,
    severity: Severity,
    summary: String,
    check: Check,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    params: P,
    explain: Explain,
}

fn yes() -> bool {
    true
}

/// A rule file's tag alone, read first to choose the type of the whole file.
#[derive(Deserialize)]
struct Tag {
    check: Check,
}

/// A desk's configuration file, which may sit in a rules folder (it is read by `config`).
pub(crate) const CONFIG_FILE_NAME: &str = "factlint.toml";

/// The built-in rules, embedded in the binary.
pub(crate) const BUILTIN_RULES: &[(&str, &str)] = &[
    ("rules/FL001.toml", include_str!("../../rules/FL001.toml")),
    ("rules/FL002.toml", include_str!("../../rules/FL002.toml")),
    ("rules/FL003.toml", include_str!("../../rules/FL003.toml")),
    ("rules/FL004.toml", include_str!("../../rules/FL004.toml")),
    ("rules/FL005.toml", include_str!("../../rules/FL005.toml")),
    ("rules/FL006.toml", include_str!("../../rules/FL006.toml")),
    ("rules/FL007.toml", include_str!("../../rules/FL007.toml")),
    ("rules/FL008.toml", include_str!("../../rules/FL008.toml")),
    ("rules/FL009.toml", include_str!("../../rules/FL009.toml")),
];

impl Rule {
    pub fn parse(src: &str, name: &str) -> Result<Rule, DataError> {
        let tag: Tag = toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
        let r = crate::with_check_params!(tag.check, P => parse_as::<P>(src, name))?;
        let valid_code = r.code.len() >= 3 && r.code.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid_code {
            return Err(DataError::invalid(
                name,
                format!("rule code `{}` must be letters and digits, like FL009", r.code),
            ));
        }
        Ok(r)
    }
}

fn parse_as<P: CheckParams>(src: &str, name: &str) -> Result<Rule, DataError> {
    let f: RuleFile<P> = toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
    let mut params = Params::default();
    f.params.apply(&mut params).map_err(|m| DataError::invalid(name, format!("[params]: {m}")))?;
    Ok(Rule {
        code: f.code,
        name: f.name,
        severity: f.severity,
        summary: f.summary,
        check: f.check,
        enabled: f.enabled,
        params,
        explain: f.explain,
    })
}

/// The data files a rules folder may hold beside rule files (`lang/<code>.toml` are lexicons).
pub(crate) const DATA_FILES: &[&str] = &["concepts.toml", "entities.toml", "boilerplate.toml"];

/// Load the built-in rules, then every rule file of `extra` (same code replaces). Every `*.toml`
/// there is read: a data file ([`DATA_FILES`], `lang/*.toml`) by the lexicon loader, any other as
/// a rule, named by its code (`FL009.toml`); one that is not a rule is an error naming it.
pub fn load(extra: Option<&Path>) -> Result<Vec<Rule>, DataError> {
    let mut rules =
        BUILTIN_RULES.iter().map(|(n, s)| Rule::parse(s, n)).collect::<Result<Vec<_>, _>>()?;
    if let Some(dir) = extra {
        for p in rule_files(dir)? {
            let name = p.display().to_string();
            let src = std::fs::read_to_string(&p).map_err(|e| DataError::io(&name, e))?;
            let r = Rule::parse(&src, &name)?;
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if !stem.eq_ignore_ascii_case(&r.code) {
                return Err(DataError::invalid(
                    &name,
                    format!(
                        "this file holds rule {code}; a rule file is named by its code: {code}.toml",
                        code = r.code
                    ),
                ));
            }
            rules.retain(|x| x.code != r.code);
            rules.push(r);
        }
    }
    rules.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(rules)
}

/// The rule files of a rules folder: its `*.toml` but the data files. A `*.toml` in a subfolder
/// other than `lang/` is read by nothing, so it is an error naming it.
fn rule_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, DataError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| DataError::io(&dir.display().to_string(), e))?;
    let mut files = Vec::new();
    for p in entries.filter_map(Result::ok).map(|e| e.path()) {
        let file_name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if p.is_dir() {
            if file_name == "lang" {
                continue;
            }
            let stray = walkdir::WalkDir::new(&p)
                .into_iter()
                .filter_map(Result::ok)
                .find(|e| e.path().extension().is_some_and(|x| x == "toml"));
            if let Some(e) = stray {
                return Err(DataError::invalid(
                    &e.path().display().to_string(),
                    "not read: rule and data files go at the top of the rules folder, lexicons in its lang/ folder".to_string(),
                ));
            }
        } else if p.extension().is_some_and(|x| x == "toml")
            && !DATA_FILES.contains(&file_name.as_str())
            && file_name != CONFIG_FILE_NAME
        {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// Run every rule over the claims. Output is sorted, so it does not depend on claim order.
pub fn run(
    rules: &[Rule],
    docs: &[DocMeta],
    claims: &[Claim],
) -> (Vec<Diagnostic>, Vec<Corroboration>) {
    use rayon::prelude::*;
    // the checks find a document's claims by binary search, so they need the claims grouped by
    // document in document order, as a run and the archive collect them; claims in any other
    // order are put in the order a run extracts them (document, sentence, place in the sentence).
    // Corroborations' sources name a claim by the index it carries: its place in `claims`
    // (`claims::append` numbers a run's list so; any other list is numbered here, in a copy)
    let given = claims;
    let sorted: Vec<Claim>;
    let numbered = claims.iter().enumerate().all(|(i, c)| c.idx().index() == i);
    let claims = if numbered && claims.is_sorted_by_key(|c| c.doc) {
        claims
    } else {
        let mut order: Vec<usize> = (0..claims.len()).collect();
        if !claims.is_sorted_by_key(|c| c.doc) {
            order.sort_by_key(|&i| {
                let c = &claims[i];
                (c.doc, c.sentence, c.ordinal)
            });
        }
        sorted = order
            .into_iter()
            .map(|i| claims[i].clone().numbered(ClaimIdx(u32::try_from(i).unwrap_or(u32::MAX))))
            .collect();
        &sorted[..]
    };
    let mut diags = Vec::new();
    let mut corr = Vec::new();
    // copies of one text (wire copy reprinted by several outlets) are one voice in every vote
    let voices = crate::corpus::wire::voices(docs.iter().map(|d| &d.sketch));
    // the rules run in parallel; their results are joined in rule order
    let outs: Vec<_> = rules
        .par_iter()
        .filter(|r| r.enabled)
        .map(|r| checks::run(r, docs, &voices, claims))
        .collect();
    for (d, c) in outs {
        diags.extend(d);
        corr.extend(c);
    }
    // (the key holds strings: built once a diagnostic)
    diags.sort_by_cached_key(Diagnostic::sort_key);
    // a claim compared in two overlapping groups is reported once
    diags.dedup_by(|a, b| {
        a.code == b.code && a.labels.first() == b.labels.first() && a.message == b.message
    });
    // a corroboration is two or more sources agreeing: one article agreeing with itself is not one
    let doc = |s: &Source| s.doc(given);
    corr.retain(|c| c.sources.iter().any(|s| doc(s) != doc(&c.sources[0])));
    corr.sort_by(|a, b| (&a.code, &a.subject, &a.value).cmp(&(&b.code, &b.subject, &b.value)));
    (diags, corr)
}
