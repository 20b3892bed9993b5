//! Stage 4: the rule engine. Rules are data (`rules/FL*.toml`); each names a built-in check and
//! its parameters. Checks see claims and document metadata only, never text. Claims are grouped
//! by key in hash maps, so a run is linear in the number of claims.

pub mod checks;

use std::path::Path;

use serde::Deserialize;

use crate::claims::Claim;
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

/// Parameters; each check reads those it needs (unknown names are an error).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// claim kinds compared (value_mismatch)
    #[serde(default)]
    pub kinds: Vec<String>,
    /// relative tolerance when either value is approximate ("um 30")
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    /// FL002: only compare sources published within this many days of each other; FL005: dates
    /// within this many days of a relative day or week are the same event
    #[serde(default = "default_window")]
    pub window_days: i64,
    /// most sources of the majority named in a diagnostic
    #[serde(default = "default_examples")]
    pub max_examples: usize,
    /// FL009: minutes a rounding word ("um", "around", "i 17-tida") allows either way
    #[serde(default = "default_tolerance_minutes")]
    pub tolerance_minutes: i64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            kinds: Vec::new(),
            tolerance: default_tolerance(),
            window_days: default_window(),
            max_examples: default_examples(),
            tolerance_minutes: default_tolerance_minutes(),
        }
    }
}

fn default_tolerance() -> f64 {
    0.1
}
fn default_window() -> i64 {
    7
}
fn default_examples() -> usize {
    3
}
fn default_tolerance_minutes() -> i64 {
    15
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explain {
    /// what the rule checks
    pub what: String,
    /// why it matters to a desk
    pub why: String,
    /// an example that fires
    pub example: String,
    /// an example that must not fire
    #[serde(default)]
    pub near_miss: Option<String>,
}

/// One rule as written in `rules/FL*.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub summary: String,
    pub check: Check,
    #[serde(default)]
    pub params: Params,
    pub explain: Explain,
}

/// The built-in rules, embedded in the binary.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
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
        let r: Rule = toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
        let valid_code = r.code.len() >= 3 && r.code.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid_code {
            return Err(DataError::invalid(
                name,
                format!("rule code `{}` must be letters and digits, like FL009", r.code),
            ));
        }
        for k in &r.params.kinds {
            if !["count", "part_of_whole", "duration", "date", "since", "time"]
                .contains(&k.as_str())
            {
                return Err(DataError::invalid(
                    name,
                    format!("unknown claim kind `{k}` in params.kinds"),
                ));
            }
        }
        Ok(r)
    }
}

/// Load the built-in rules, then every `*.toml` rule file of `extra` (same code replaces).
pub fn load(extra: Option<&Path>) -> Result<Vec<Rule>, DataError> {
    let mut rules =
        BUILTIN_RULES.iter().map(|(n, s)| Rule::parse(s, n)).collect::<Result<Vec<_>, _>>()?;
    if let Some(dir) = extra {
        let entries =
            std::fs::read_dir(dir).map_err(|e| DataError::io(&dir.display().to_string(), e))?;
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
            })
            .collect();
        files.sort();
        for p in files {
            let name = p.display().to_string();
            let src = std::fs::read_to_string(&p).map_err(|e| DataError::io(&name, e))?;
            let r = Rule::parse(&src, &name)?;
            rules.retain(|x| x.code != r.code);
            rules.push(r);
        }
    }
    rules.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(rules)
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
    // order are put in the order a run extracts them (document, sentence, place in the sentence)
    // (`order`: the index in `claims` of each sorted claim, which corroborations' sources name)
    let (sorted, order): (Vec<Claim>, Vec<u32>);
    let (claims, order) = if claims.is_sorted_by_key(|c| c.doc) {
        (claims, None)
    } else {
        order = {
            let mut o: Vec<u32> = (0..claims.len() as u32).collect();
            o.sort_by_key(|&i| {
                let c = &claims[i as usize];
                (c.doc, c.sentence, c.ordinal)
            });
            o
        };
        sorted = order.iter().map(|&i| claims[i as usize].clone()).collect();
        (&sorted[..], Some(&order))
    };
    let mut diags = Vec::new();
    let mut corr = Vec::new();
    // the rules run in parallel; their results are joined in rule order
    let outs: Vec<_> = rules.par_iter().map(|r| checks::run(r, docs, claims)).collect();
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
    let doc = |s: &Source| s.doc(claims);
    corr.retain(|c| c.sources.iter().any(|s| doc(s) != doc(&c.sources[0])));
    corr.sort_by(|a, b| (&a.code, &a.subject, &a.value).cmp(&(&b.code, &b.subject, &b.value)));
    if let Some(order) = order {
        for s in corr.iter_mut().flat_map(|c| c.sources.iter_mut()) {
            s.claim = order.get(s.claim as usize).copied().unwrap_or(u32::MAX);
        }
    }
    (diags, corr)
}
