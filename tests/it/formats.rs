//! Output for CI systems and CMSs: the pinned JSON shape, GitHub annotations, statistics, a
//! draft from standard input.
use crate::common::{self, root, run};

fn keys(v: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// The JSON report's shape. A field added, renamed or removed fails here: change the test and
/// `report::SCHEMA_VERSION` together, on purpose.
#[test]
fn the_json_report_shape_is_pinned() {
    let (_, out, _) = run(&["check", "--format", "json", "examples/corpus"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // (the keys at the report's top level, in the order written)
    let top: Vec<&str> =
        out.lines().filter_map(|l| l.strip_prefix("  \"")?.split('"').next()).collect();
    assert_eq!(
        top,
        [
            "schema_version",
            "documents",
            "claims",
            "diagnostics",
            "corroborations",
            "problems",
            "baseline"
        ],
        "top-level keys, in order"
    );
    assert_eq!(v["schema_version"], factlint::internals::report::SCHEMA_VERSION);
    assert_eq!(
        keys(&v["documents"][0]),
        [
            "claims",
            "folded",
            "lang",
            "lang_source",
            "line",
            "outlet",
            "path",
            "published",
            "published_source",
            "sentences",
            "stripped_bytes"
        ]
    );
    assert_eq!(
        keys(&v["claims"][0]),
        [
            "approx",
            "concept",
            "date",
            "doc",
            "end",
            "entities",
            "family",
            "frame",
            "future",
            "grows",
            "kind",
            "lang",
            "noun",
            "ordinal",
            "path",
            "persons",
            "phase",
            "principal",
            "qualifier",
            "resolved",
            "role",
            "scope",
            "sentence",
            "sentence_end",
            "sentence_start",
            "since",
            "start",
            "text",
            "time",
            "twin_of",
            "unit",
            "value",
            "value_text",
            "whole"
        ]
    );
    assert_eq!(
        keys(&v["diagnostics"][0]),
        [
            "accepted",
            "code",
            "fingerprint",
            "help",
            "labels",
            "message",
            "rule",
            "severity",
            "subject"
        ]
    );
    let label = ["end", "message", "path", "primary", "start", "text"];
    assert_eq!(keys(&v["diagnostics"][0]["labels"][0]), label);
    assert_eq!(keys(&v["corroborations"][0]), ["code", "sources", "subject", "value"]);
    assert_eq!(keys(&v["corroborations"][0]["sources"][0]), label);
    // with a baseline
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    let f = file.to_str().unwrap();
    run(&["check", "--write-baseline", f, "examples/corpus"]);
    let (_, out, _) = run(&["check", "--format", "json", "--baseline", f, "examples/corpus"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(keys(&v["baseline"]), ["file", "gone", "suppressed"]);
}

/// `--format jsonl`: one typed record a line, in the JSON report's order, each with the fields of
/// the JSON report's item. A record type or field added, renamed or removed fails here (with
/// `report::SCHEMA_VERSION`, on purpose).
#[test]
fn the_jsonl_report_shape_is_pinned() {
    let (code, out, _) = run(&["check", "--format", "jsonl", "examples/corpus"]);
    assert_eq!(code, 1, "an error-level conflict, as with JSON");
    let (_, json, _) = run(&["check", "--format", "json", "examples/corpus"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let records: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).expect("one object a line")).collect();
    // the record types, in order, each run of one type once
    let mut order: Vec<&str> = records.iter().map(|r| r["type"].as_str().expect("type")).collect();
    order.dedup();
    assert_eq!(order, ["report", "document", "claim", "diagnostic", "corroboration"]);
    assert_eq!(records[0], serde_json::json!({"type": "report", "schema_version": "1.1"}));
    for (kind, list) in [
        ("document", "documents"),
        ("claim", "claims"),
        ("diagnostic", "diagnostics"),
        ("corroboration", "corroborations"),
    ] {
        let of: Vec<&serde_json::Value> = records.iter().filter(|r| r["type"] == kind).collect();
        assert_eq!(of.len(), json[list].as_array().expect("a list").len(), "{kind}");
        let mut want = vec!["type"];
        want.extend(keys(&json[list][0]));
        want.sort_unstable();
        assert_eq!(keys(of[0]), want, "a {kind} has the JSON report's fields and its type");
        let mut first = of[0].clone();
        first.as_object_mut().unwrap().remove("type");
        assert_eq!(first, json[list][0], "the same values as the JSON report");
    }
    // one line a record: no newline inside one
    assert_eq!(out.lines().count(), records.len());
    // a problem, and the baseline last
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Um 44 drónar flugu yfir.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let base = dir.path().join("b.json");
    let d = dir.path().to_str().unwrap();
    run(&["check", "--write-baseline", base.to_str().unwrap(), d]);
    let (_, out, _) = run(&["check", "--format", "jsonl", "--baseline", base.to_str().unwrap(), d]);
    let last: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).expect("one object a line")).collect();
    let problem = last.iter().find(|r| r["type"] == "problem").expect("a problem record");
    assert!(problem["path"].as_str().unwrap().ends_with("b.txt"), "{problem}");
    assert_eq!(last.last().unwrap()["type"], "baseline");
    assert_eq!(keys(last.last().unwrap()), ["file", "gone", "suppressed", "type"]);
    // `claims` too, and statistics
    let (_, out, _) = run(&["claims", "--format", "jsonl", "examples/corpus"]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("{\"type\":\"claim\",")).count(),
        json["claims"].as_array().unwrap().len()
    );
    let (_, out, _) = run(&["check", "--statistics", "--format", "jsonl", "examples/corpus"]);
    let stat: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(keys(&stat), ["accepted", "code", "count", "rule", "severity", "type"]);
}

#[test]
fn github_annotations_and_statistics() {
    let (code, out, _) = run(&["check", "--format", "github", "examples/corpus"]);
    assert_eq!(code, 1);
    let (_, json, _) = run(&["check", "--format", "json", "examples/corpus"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let n = v["diagnostics"].as_array().unwrap().len();
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error file=")).collect();
    assert_eq!(errors.len(), n, "{out}");
    // one line each: newlines in the message escaped, the place and the title given
    let fl003 =
        errors.iter().find(|l| l.contains("title=FL003 since-arithmetic::")).expect("FL003");
    assert!(fl003.starts_with("::error file=examples/corpus/005_mbl_gjafir.txt,line=22,col=37,"));
    assert!(fl003.contains("%0A"), "{fl003}");

    let (code, out, _) = run(&["check", "--statistics", "examples/corpus"]);
    assert_eq!(code, 1);
    let total: usize = out
        .lines()
        .filter(|l| l.contains(" FL"))
        .filter_map(|l| l.split_whitespace().next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(total, n, "{out}");
    assert!(
        out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == ["2", "FL003", "error", "since-arithmetic"]),
        "{out}"
    );
    let (_, out, _) = run(&["check", "--statistics", "--format", "json", "examples/corpus"]);
    let stats: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fl003 = stats.as_array().unwrap().iter().find(|s| s["code"] == "FL003").unwrap();
    // (one planted in Icelandic, one in English)
    assert_eq!((fl003["count"].as_u64(), fl003["accepted"].as_u64()), (Some(2), Some(0)));
}

#[test]
fn a_draft_from_standard_input() {
    let text = std::fs::read_to_string(root().join("examples/corpus/005_mbl_gjafir.txt")).unwrap();
    let draft = format!("{text}\nUm 45 af 44 drónum voru skotnir niður.\n");
    let args = ["check", "-", "--published", "2023-09-16", "--format", "json"];
    let (code, stdout, _) = common::run_with_stdin(&args, &draft);
    assert_eq!(code, 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["documents"][0]["path"], "-");
    assert!(!stdout.contains("factlint-stdin"), "the spool file is not named");
    let fl001 = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "FL001");
    assert_eq!(fl001.expect("FL001")["labels"][0]["path"], "-");
}

/// A CMS hook: a draft from standard input checked against an archive, as GitHub annotations.
#[test]
fn a_draft_from_standard_input_against_an_archive() {
    let dir = tempfile::tempdir().unwrap();
    let published = dir.path().join("published");
    std::fs::create_dir(&published).unwrap();
    for f in ["001_visir_lest.txt", "002_nrk_mote.txt", "003_visir_fundur.txt"] {
        std::fs::copy(root().join("examples/corpus").join(f), published.join(f)).unwrap();
    }
    let db = dir.path().join("a.db");
    let (code, _, err) = run(&["index", published.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let draft =
        std::fs::read_to_string(root().join("examples/corpus/004_ntb_toppmote.txt")).unwrap();
    let args = ["check", "-", "--against", db.to_str().unwrap(), "--format", "github"];
    let (code, stdout, _) = common::run_with_stdin(&args, &draft);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.lines().any(|l| l.starts_with("::error file=-,line=19,") && l.contains("FL002")),
        "{stdout}"
    );
}
