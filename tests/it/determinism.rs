//! The output of `check` does not depend on the thread count, nor on the run: JSON and SARIF are
//! byte-identical with `--threads 1` and `--threads 4`, and across two runs.

use crate::common;

use common::{root, run};

fn outputs(path: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for format in ["json", "sarif"] {
        for threads in ["1", "4", "4", "1"] {
            let mut args = vec!["check", path, "--format", format, "--threads", threads];
            args.extend_from_slice(extra);
            let (code, stdout, stderr) = run(&args);
            assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
            out.push((format!("{format} --threads {threads}"), stdout));
        }
    }
    out
}

fn assert_same(path: &str, extra: &[&str]) {
    let outs = outputs(path, extra);
    for pair in outs.chunks(4) {
        let (first_name, first) = &pair[0];
        assert!(!first.is_empty(), "{path}: {first_name} printed nothing");
        for (name, o) in &pair[1..] {
            assert!(o == first, "{path}: `{name}` differs from `{first_name}`");
        }
    }
}

#[test]
fn consistent_fixture_is_the_same_whatever_the_threads() {
    assert_same("tests/fixtures/consistent", &[]);
}

#[test]
fn sample_corpus_is_the_same_whatever_the_threads() {
    assert_same("examples/corpus", &[]);
}

/// A JSONL file of many articles is analysed in parallel within the file: line order is kept.
#[test]
fn jsonl_lines_keep_their_order_whatever_the_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = root().join("examples/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&src)
        .expect("examples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut jsonl = String::new();
    for round in 0..40 {
        for (i, f) in files.iter().enumerate() {
            let text = std::fs::read_to_string(f).expect("article");
            let line = serde_json::json!({
                "id": format!("{round}-{i}"),
                "outlet": format!("outlet{i}"),
                "published": format!("2023-09-{:02}", 10 + (i % 5)),
                "text": text,
            });
            jsonl.push_str(&line.to_string());
            jsonl.push('\n');
        }
        if round == 7 {
            jsonl.push_str("{not json\n");
        }
    }
    let path = dir.path().join("many.jsonl");
    std::fs::write(&path, jsonl).expect("write");
    let p = path.display().to_string();
    assert_same(&p, &[]);
}

/// The rules give the same diagnostics and corroborations for claims out of document order (the
/// checks find a document's claims by binary search; such claims are put in extraction order).
#[test]
fn rules_do_not_depend_on_claim_order() {
    let setup = common::setup();
    let report = common::check(&setup, &[&root().join("examples/corpus")]);
    assert!(!report.diagnostics.is_empty(), "the sample corpus has conflicts");
    let mut reversed = report.claims.clone();
    reversed.reverse();
    let (diags, corr) = factlint::internals::rules::run(&setup.rules, &report.documents, &reversed);
    assert_eq!(diags, report.diagnostics);
    // (a corroboration's sources are indices into the claims it was given: compared as labels)
    let shown = |corr: &[factlint::internals::report::Corroboration], claims| -> Vec<_> {
        corr.iter()
            .map(|c| {
                (
                    c.code,
                    c.subject,
                    c.value,
                    c.labels(claims, &report.documents).collect::<Vec<_>>(),
                )
            })
            .collect()
    };
    assert!(!corr.is_empty());
    assert_eq!(shown(&corr, &reversed), shown(&report.corroborations, &report.claims));
}
