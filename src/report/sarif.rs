//! SARIF 2.1.0 output: one result per diagnostic, byte and line/column regions. Each result is
//! built as JSON and checked against serde-sarif's typed model; the typed log is written out.

use std::io::Write;

use serde::Deserialize;
use serde_json::{json, Value};

use super::human::Sources;
use super::{Label, Report, Severity};
use crate::rules::Rule;

fn region(l: &Label, sources: &mut Sources) -> Value {
    let (sl, sc) = sources.line_col(&l.path, l.start);
    let (el, ec) = sources.line_col(&l.path, l.end);
    json!({
        "byteOffset": l.start,
        "byteLength": l.end.saturating_sub(l.start),
        "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
        "snippet": { "text": l.text },
    })
}

fn location(l: &Label, sources: &mut Sources, id: Option<usize>) -> Value {
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": l.path.replace('\\', "/") },
            "region": region(l, sources),
        },
        "message": { "text": l.message },
    });
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v
}

/// The run's invocation: input problems (files skipped or read with a caveat) as tool execution
/// notifications, each naming its file (and JSONL line), so that CI sees them too.
fn invocation(r: &Report) -> Value {
    let notes: Vec<Value> = r
        .problems
        .iter()
        .map(|p| {
            let mut at = json!({ "artifactLocation": { "uri": p.path.replace('\\', "/") } });
            if let Some(line) = p.line {
                at["region"] = json!({ "startLine": line });
            }
            json!({
                "level": if p.skipped { "error" } else { "warning" },
                "message": { "text": format!("{}{}", if p.skipped { "skipped: " } else { "" }, p.message) },
                "locations": [{ "physicalLocation": at }],
            })
        })
        .collect();
    json!({ "executionSuccessful": true, "toolExecutionNotifications": notes })
}

/// One diagnostic as a SARIF result.
fn result(r: &Report, i: usize, sources: &mut Sources) -> Value {
    let d = &r.diagnostics[i];
    let primary: Vec<&Label> = d.labels.iter().filter(|l| l.primary).collect();
    let others: Vec<&Label> = d.labels.iter().filter(|l| !l.primary).collect();
    let mut v = json!({
        "ruleId": d.code,
        "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Advice => "note" },
        "message": { "text": format!("{}\n{}", d.message, d.help) },
        "locations": primary.iter().map(|l| location(l, sources, None)).collect::<Vec<_>>(),
        "relatedLocations": others.iter().enumerate().map(|(i, l)| location(l, sources, Some(i + 1))).collect::<Vec<_>>(),
    });
    // the fingerprint, for SARIF consumers that match results across runs; an accepted finding
    // is a suppressed result (shown, not counted)
    if let Some(m) = r.marks.get(i) {
        v["partialFingerprints"] = json!({
            format!("factlint/v{}", crate::baseline::FINGERPRINT_VERSION): m.fingerprint,
        });
        if let Some(a) = &m.accepted {
            v["suppressions"] = json!([{
                "kind": "external",
                "status": "accepted",
                "justification": format!("{} ({})", a.reason, a.who),
            }]);
        }
    }
    v
}

/// The report as one SARIF string (for tests and small reports; the CLI streams with [`write`]).
pub fn print(r: &Report, rules: &[Rule]) -> String {
    super::written(|buf| write(r, rules, buf))
}

/// Write the report as a SARIF log to `w`.
pub fn write(r: &Report, rules: &[Rule], w: impl Write) -> std::io::Result<()> {
    let mut sources = Sources::default();
    let rule_descs: Vec<Value> = rules
        .iter()
        .map(|ru| {
            json!({
                "id": ru.code, "name": ru.name,
                "shortDescription": { "text": ru.summary },
                "fullDescription": { "text": ru.explain.what },
                "help": { "text": format!("{}\n\nExample:\n{}", ru.explain.why, ru.explain.example) },
                "defaultConfiguration": { "level": match ru.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Advice => "note" } },
            })
        })
        .collect();
    let mut doc = json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": {
                "name": "factlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/factlint",
                "rules": rule_descs,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(r)],
            "results": [],
        }],
    });
    // validated against the typed SARIF model, a result at a time (a large run's results as JSON
    // values would be ten times its report); printed in the typed form
    let typed = serde_sarif::sarif::Sarif::deserialize(&doc).ok().and_then(|mut log| {
        let results = r
            .diagnostics
            .iter()
            .enumerate()
            .map(|(i, _)| serde_sarif::sarif::Result::deserialize(&result(r, i, &mut sources)).ok())
            .collect::<Option<Vec<_>>>()?;
        log.runs.first_mut()?.results = Some(results);
        Some(log)
    });
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    match typed {
        Some(log) => serde_json::to_writer_pretty(&mut w, &log)?,
        // (not valid SARIF: a bug; the document is printed as built, for the report)
        None => {
            doc["runs"][0]["results"] =
                (0..r.diagnostics.len()).map(|i| result(r, i, &mut sources)).collect();
            serde_json::to_writer_pretty(&mut w, &doc)?;
        }
    }
    w.write_all(b"\n")?;
    w.flush()
}
