//! Baselines: known findings suppressed by fingerprint, new ones reported, gone ones named.

use std::path::Path;

use crate::common::{copy_dir, root, run};

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).expect("JSON report")
}

fn edit(path: &Path, find: &str, replace: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(find), "{find} in {}", path.display());
    std::fs::write(path, text.replacen(find, replace, 1)).unwrap();
}

#[test]
fn a_baseline_suppresses_known_findings_and_reports_new_and_gone_ones() {
    let dir = copy_dir(&root().join("examples/corpus"));
    let corpus = dir.path();
    let base = tempfile::tempdir().unwrap();
    let file = base.path().join("baseline.json");
    let (code, _, err) = run(&["check", "--write-baseline", s(&file), s(corpus)]);
    assert_eq!(code, 0, "{err}");
    let known =
        json(&std::fs::read_to_string(&file).unwrap())["findings"].as_array().unwrap().len();
    assert!(known >= 8 && err.contains(&format!("wrote {known} findings")), "{err}");

    let (code, out, _) = run(&["check", "--baseline", s(&file), s(corpus)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{known} known findings suppressed")), "{out}");

    // unrelated edits elsewhere: a line before the conflict, a sentence after it
    let nb = corpus.join("004_ntb_toppmote.txt");
    let text = std::fs::read_to_string(&nb).unwrap();
    std::fs::write(&nb, format!("Oppdatert med ein ny ingress.\n\n{text}")).unwrap();
    let is = corpus.join("003_visir_fundur.txt");
    let text = std::fs::read_to_string(&is).unwrap();
    std::fs::write(&is, format!("{text}\nÞetta er ný setning í lokin.\n")).unwrap();
    let (code, out, _) = run(&["check", "--format", "json", "--baseline", s(&file), s(corpus)]);
    let v = json(&out);
    assert_eq!(code, 0, "{}", v["diagnostics"]);
    assert_eq!(v["baseline"]["suppressed"], known);
    assert_eq!(v["baseline"]["gone"].as_array().unwrap().len(), 0);

    // a changed value: one new finding (exit 1), and its old entry gone
    edit(&nb, "30 av 44", "31 av 44");
    let (code, out, _) = run(&["check", "--format", "json", "--baseline", s(&file), s(corpus)]);
    let v = json(&out);
    assert_eq!(code, 1);
    let new = v["diagnostics"].as_array().unwrap();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0]["code"], "FL002");
    assert!(new[0]["message"].as_str().unwrap().contains("31 of 44"));
    let gone = v["baseline"]["gone"].as_array().unwrap();
    assert_eq!(gone.len(), 1);
    assert!(gone[0]["message"].as_str().unwrap().contains("30 of 44"));

    // fixed: nothing new, the entry reported as gone
    edit(&nb, "31 av 44", "32 av 44");
    let (code, out, _) = run(&["check", "--baseline", s(&file), s(corpus)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("{} known findings suppressed; 1 entry no longer occurs", known - 1)),
        "{out}"
    );
    assert!(out.contains("  gone FL002 ") && out.contains("30 of 44"), "{out}");
}

#[test]
fn a_baseline_of_another_fingerprint_version_is_refused() {
    let base = tempfile::tempdir().unwrap();
    let file = base.path().join("baseline.json");
    let (code, _, _) = run(&["check", "--write-baseline", s(&file), "examples/corpus"]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&file).unwrap();
    let v = json(&text);
    let now = v["fingerprint_version"].as_u64().unwrap();
    std::fs::write(
        &file,
        text.replacen(
            &format!("\"fingerprint_version\": {now}"),
            "\"fingerprint_version\": 999",
            1,
        ),
    )
    .unwrap();
    let (code, out, err) = run(&["check", "--baseline", s(&file), "examples/corpus"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("fingerprint version 999") && err.contains(&format!("version {now}")),
        "{err}"
    );
    std::fs::write(&file, "{\"not\": \"a baseline\"}").unwrap();
    let (code, _, err) = run(&["check", "--baseline", s(&file), "examples/corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a factlint baseline"), "{err}");
}

#[test]
fn fingerprints_do_not_depend_on_the_working_directory_or_the_checkout() {
    // the same corpus in two places, each with a configuration file: the same fingerprints
    let a = copy_dir(&root().join("examples/corpus"));
    let b = copy_dir(&root().join("examples/corpus"));
    for d in [&a, &b] {
        std::fs::write(d.path().join("factlint.toml"), "").unwrap();
    }
    let fps = |d: &Path| -> Vec<String> {
        let (_, out, _) = run(&["check", "--format", "json", s(d)]);
        json(&out)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let (fa, fb) = (fps(a.path()), fps(b.path()));
    assert!(!fa.is_empty());
    assert_eq!(fa, fb);
}
