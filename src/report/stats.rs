//! `--statistics`: how many findings each rule made, like ruff's.

use serde::Serialize;

use super::{plural, Report, Severity};

/// One rule's count.
#[derive(Debug, Serialize)]
pub(crate) struct Stat {
    pub(crate) code: String,
    pub(crate) rule: String,
    pub(crate) severity: Severity,
    /// findings counted (not accepted)
    pub(crate) count: usize,
    pub(crate) accepted: usize,
}

/// The rules that made findings, most first (then by code).
pub(crate) fn statistics(r: &Report) -> Vec<Stat> {
    let mut out: Vec<Stat> = Vec::new();
    for (i, d) in r.diagnostics.iter().enumerate() {
        let s = match out.iter_mut().find(|s| s.code == d.code) {
            Some(s) => s,
            None => {
                out.push(Stat {
                    code: d.code.clone(),
                    rule: d.rule.clone(),
                    severity: d.severity,
                    count: 0,
                    accepted: 0,
                });
                let n = out.len() - 1;
                &mut out[n]
            }
        };
        if r.accepted(i).is_some() {
            s.accepted += 1;
        } else {
            s.count += 1;
        }
    }
    out.sort_by(|a, b| (b.count + b.accepted, &a.code).cmp(&(a.count + a.accepted, &b.code)));
    out
}

/// The statistics as a table, then the summary line.
pub fn human(r: &Report) -> String {
    let mut out = String::new();
    for s in statistics(r) {
        let accepted =
            if s.accepted > 0 { format!("  ({} accepted)", s.accepted) } else { String::new() };
        out.push_str(&format!(
            "{:>5}  {:<6} {:<8} {}{accepted}\n",
            s.count,
            s.code,
            s.severity.name(),
            s.rule
        ));
    }
    out.push_str(&super::human::baseline_lines(r));
    out.push_str(&summary(r));
    out
}

/// The statistics as JSON.
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(&statistics(r)).unwrap_or_default() + "\n"
}

/// "2 errors, 1 warning, 1 accepted in 8 documents" (findings not accepted).
pub(crate) fn summary(r: &Report) -> String {
    let count = |sev: Severity| {
        (0..r.diagnostics.len())
            .filter(|&i| r.diagnostics[i].severity == sev && r.accepted(i).is_none())
            .count()
    };
    let accepted = (0..r.diagnostics.len()).filter(|&i| r.accepted(i).is_some()).count();
    format!(
        "{}, {}{} in {}\n",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        if accepted > 0 { format!(", {accepted} accepted") } else { String::new() },
        plural(r.documents.len(), "document")
    )
}
