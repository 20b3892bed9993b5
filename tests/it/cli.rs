//! The command-line contract: exit codes, formats, bad input. Runs the real binary.

use crate::common;

use common::run;

#[test]
fn exit_codes() {
    let (code, out, _) = run(&["check", "examples/corpus"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FL002") && out.contains("FL003"));
    let (code, out, _) = run(&["check", "tests/fixtures/consistent"]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run(&["check", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing could be checked"));
    let (code, _, _) = run(&["check"]);
    assert_eq!(code, 2, "bad usage");
    let (code, out, _) = run(&["explain", "FL003"]);
    assert_eq!(code, 0);
    assert!(out.contains("since-arithmetic"));
    let (code, _, err) = run(&["explain", "FL999"]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule"));
    let (code, out, _) = run(&["rules"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 9);
}

#[test]
fn json_contract() {
    let (code, out, _) = run(&["check", "--format", "json", "examples/corpus"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    for key in ["documents", "claims", "diagnostics", "corroborations"] {
        assert!(v[key].is_array(), "{key}");
    }
    let d = &v["diagnostics"][0];
    for key in ["code", "rule", "severity", "message", "help", "labels"] {
        assert!(!d[key].is_null(), "diagnostic.{key}");
    }
    assert!(["error", "warning", "advice"].contains(&d["severity"].as_str().unwrap_or("")));
    // labels point into the files as read
    for d in v["diagnostics"].as_array().expect("array") {
        for l in d["labels"].as_array().expect("labels") {
            let path = l["path"].as_str().expect("path");
            let (s, e) = (
                l["start"].as_u64().expect("start") as usize,
                l["end"].as_u64().expect("end") as usize,
            );
            let text = std::fs::read_to_string(common::root().join(path)).expect("label file");
            assert_eq!(&text[s..e], l["text"].as_str().expect("text"));
        }
    }
    let c = &v["claims"][0];
    for key in ["kind", "value", "text", "path", "start", "end", "entities", "lang"] {
        assert!(!c[key].is_null(), "claim.{key}");
    }
}

#[test]
fn sarif_is_2_1_0_with_one_result_per_diagnostic() {
    let (_, json_out, _) = run(&["check", "--format", "json", "examples/corpus"]);
    let (code, out, _) = run(&["check", "--format", "sarif", "examples/corpus"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let j: serde_json::Value = serde_json::from_str(&json_out).expect("json");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), j["diagnostics"].as_array().expect("d").len());
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    for key in ["byteOffset", "byteLength", "startLine", "startColumn"] {
        assert!(region[key].is_u64(), "region.{key}");
    }
    serde_json::from_value::<serde_sarif::sarif::Sarif>(v).expect("matches the SARIF model");
}

#[test]
fn claims_and_corpus_verbs() {
    let (code, out, _) = run(&["claims", "--format", "json", "tests/fixtures/consistent"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["claims"].as_array().expect("claims").len() > 50);
    let (code, out, _) = run(&["corpus", "tests/fixtures/consistent"]);
    assert_eq!(code, 0);
    assert!(out.contains("published  2023-09-13 (from metadata)"));
}

#[test]
fn broken_rule_file_is_exit_2_with_its_span() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("FL100.toml"),
        "code = \"FL100\"\nname = \"x\"\nseverity = \"loud\"\n",
    )
    .expect("write");
    let (code, _, err) =
        run(&["check", "--rules", dir.path().to_str().expect("utf8"), "examples/corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("FL100.toml") && err.contains("loud"), "{err}");
    std::fs::write(dir.path().join("FL100.toml"), "code = \"FL100\"\nbogus = 1\n").expect("write");
    let (code, _, err) = run(&["rules", "--rules", dir.path().to_str().expect("utf8")]);
    assert_eq!(code, 2);
    assert!(err.contains("bogus"), "{err}");
}

#[test]
fn desk_rule_folder_adds_a_rule() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = std::fs::read_to_string(common::root().join("rules/FL001.toml")).expect("FL001");
    std::fs::write(
        dir.path().join("DESK01.toml"),
        src.replace("FL001", "DESK01").replace("\"error\"", "\"warning\""),
    )
    .expect("write");
    let (code, out, _) = run(&["rules", "--rules", dir.path().to_str().expect("utf8")]);
    assert_eq!(code, 0);
    assert!(out.contains("DESK01"));
}

#[test]
fn trace_says_each_phase_on_stderr_and_leaves_the_report_alone() {
    let bin = env!("CARGO_BIN_EXE_factlint");
    let args = ["check", "--format", "json", "examples/corpus"];
    let plain = std::process::Command::new(bin)
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("runs");
    let traced = std::process::Command::new(bin)
        .args(args)
        .env("FACTLINT_TRACE", "1")
        .current_dir(common::root())
        .output()
        .expect("runs");
    assert_eq!(plain.stdout, traced.stdout, "the report is the same with the trace on");
    assert_eq!(plain.status.code(), traced.status.code());
    let err = String::from_utf8_lossy(&traced.stderr);
    let phases: Vec<&str> =
        err.lines().filter_map(|l| l.strip_prefix("trace: ")?.split_whitespace().next()).collect();
    assert_eq!(phases, ["start", "found", "collected", "rules", "marked", "reported"], "{err}");
    assert!(err.lines().all(|l| !l.starts_with("trace:") || l.ends_with("MB peak")), "{err}");
    assert!(!String::from_utf8_lossy(&plain.stderr).contains("trace:"), "off unless asked for");
}

/// `claims … | head -1`: the reader closes the pipe after one line; the rest is not wanted, so
/// the run ends quietly (a panic on the broken pipe was exit 101).
#[test]
fn a_closed_pipe_is_not_a_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("tmp");
    // far more output than a pipe holds (64 KiB), so the writer meets the closed pipe
    let text: String =
        (0..4000).map(|i| format!("Alls komu {} manns á fundinn í gær.\n", i + 2)).collect();
    std::fs::write(dir.path().join("many.txt"), text).expect("write");
    for format in ["human", "json", "jsonl"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["claims", "--format", format, "--lang", "is"])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a first line");
        assert!(!first.is_empty());
        // the reader is dropped here: the pipe is closed
        let out = child.wait_with_output().expect("ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {err}");
        assert!(!err.contains("panicked"), "{format}: {err}");
    }
}

/// A language given with `--lang` is reported as coming from the flag, not from metadata.
#[test]
fn lang_flag_is_reported_as_the_flag() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("a.txt"), "Alls komu 40 manns á fundinn í gær.\n")
        .expect("write");
    let path = dir.path().to_str().expect("utf8");
    let (code, out, _) = run(&["corpus", "--lang", "is", path]);
    assert_eq!(code, 0);
    assert!(out.contains("  language   is (--lang)\n"), "{out}");
    let (code, out, _) = run(&["corpus", "--format", "json", "--lang", "is", path]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["documents"][0]["lang_source"], "command_line");
    // metadata still wins over the flag, and says so
    std::fs::write(dir.path().join("manifest.jsonl"), "{\"path\":\"a.txt\",\"lang\":\"is\"}\n")
        .expect("write");
    let (_, out, _) = run(&["corpus", "--lang", "nn", path]);
    assert!(out.contains("  language   is (metadata)\n"), "{out}");
}

/// The SARIF log, input problems included, against serde-sarif's typed model (a
/// dev-dependency: the printer itself writes plain JSON): every result and notification survives
/// the typed round trip.
#[test]
fn sarif_matches_the_typed_model_with_input_problems() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"text\":\"Alls komu 40 manns.\",\"lang\":\"is\"}\n{nope\n{\"title\":\"t\"}\n",
    )
    .expect("write");
    let path = dir.path().to_str().expect("utf8");
    for args in [
        &["check", "--format", "sarif", "examples/corpus"][..],
        &["check", "--format", "sarif", path],
    ] {
        let (_, out, _) = run(args);
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let typed: serde_sarif::sarif::Sarif =
            serde_json::from_value(v.clone()).expect("matches the SARIF model");
        let back = serde_json::to_value(&typed).expect("serialises");
        let count =
            |v: &serde_json::Value, key: &str| v["runs"][0][key].as_array().map_or(0, Vec::len);
        assert_eq!(count(&back, "results"), count(&v, "results"));
        let notes = |v: &serde_json::Value| {
            v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
                .as_array()
                .map_or(0, Vec::len)
        };
        assert_eq!(notes(&back), notes(&v));
    }
    let (_, out, _) = run(&["check", "--format", "sarif", path]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let notes = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().map(Vec::len), Some(2), "{notes}");
    assert_eq!(notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
}
