//! SARIF 2.1.0 output: one result per diagnostic, byte and line/column regions, streamed a
//! result at a time. The tests check the output against serde-sarif's typed model (a
//! dev-dependency).

use std::io::Write;

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
pub fn result(r: &Report, i: usize, sources: &mut Sources) -> Value {
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
            format!("factlint/v{}", crate::diagnostic::FINGERPRINT_VERSION): m.fingerprint,
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
    let doc = json!({
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
    // the log around its results, then the results streamed one at a time into their place (a
    // large run's results as JSON values would be ten times its report): the same bytes as
    // `serde_json::to_writer_pretty` of the whole log. (serde-sarif's typed model checks the
    // output in the tests, not here.)
    let frame = serde_json::to_string_pretty(&doc)?;
    let (head, tail) =
        frame.split_once(RESULTS_SLOT).ok_or_else(|| std::io::Error::other("no results slot"))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    w.write_all(head.as_bytes())?;
    w.write_all(b"\"results\": [")?;
    for i in 0..r.diagnostics.len() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let item = serde_json::to_string_pretty(&result(r, i, &mut sources))?;
        for (j, line) in item.lines().enumerate() {
            if j > 0 {
                w.write_all(b"\n")?;
            }
            w.write_all(RESULT_INDENT.as_bytes())?;
            w.write_all(line.as_bytes())?;
        }
    }
    if !r.diagnostics.is_empty() {
        w.write_all(b"\n")?;
        w.write_all(&RESULT_INDENT.as_bytes()[2..])?;
    }
    w.write_all(b"]")?;
    w.write_all(tail.as_bytes())?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Where the results go in the pretty-printed log (a key's quotes cannot occur unescaped inside
/// a string, so this is the one place), and the indentation of a result there (depth 4: the log,
/// its runs, the run, its results).
const RESULTS_SLOT: &str = "\"results\": []";
const RESULT_INDENT: &str = "        ";
