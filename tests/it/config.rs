//! `factlint.toml`, rule files that say what they mean, and accepted findings. Runs the binary
//! on copies of the sample corpus.

use std::path::Path;

use crate::common::{copy_dir, root, run};

/// The codes of a JSON report's diagnostics, sorted and deduplicated.
fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON report");
    let mut c: Vec<String> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect();
    c.sort();
    c.dedup();
    c
}

fn corpus() -> tempfile::TempDir {
    copy_dir(&root().join("examples/corpus"))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn a_config_file_in_the_input_folder_selects_and_ignores_rules() {
    let dir = corpus();
    let (code, all, _) = run(&["check", "--format", "json", s(dir.path())]);
    assert_eq!(code, 1);
    assert!(codes(&all).len() >= 3, "{:?}", codes(&all));
    std::fs::write(
        dir.path().join("factlint.toml"),
        "select = [\"FL002\", \"FL003\", \"FL008\"]\nignore = [\"FL008\"]\n",
    )
    .unwrap();
    let (code, out, err) = run(&["check", "--format", "json", s(dir.path())]);
    assert_eq!((code, codes(&out)), (1, vec!["FL002".to_string(), "FL003".to_string()]), "{err}");
    // the command line wins over the file
    let (_, out, _) = run(&["check", "--format", "json", "--select", "FL003", s(dir.path())]);
    assert_eq!(codes(&out), vec!["FL003"]);
    // one file given: the configuration is found in its folder
    let one = dir.path().join("005_mbl_gjafir.txt");
    let (_, out, _) =
        run(&["check", "--format", "json", s(&one), s(&dir.path().join("001_visir_lest.txt"))]);
    assert!(codes(&out).iter().all(|c| c == "FL002" || c == "FL003"), "{out}");
    // an unknown code is an error, not a rule silently left on
    let (code, _, err) = run(&["check", "--ignore", "FL0008", s(dir.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule `FL0008`"), "{err}");
}

#[test]
fn the_config_file_is_found_above_the_input_folder_not_in_the_working_directory() {
    let top = tempfile::tempdir().unwrap();
    let sub = top.path().join("desk/corpus");
    std::fs::create_dir_all(&sub).unwrap();
    for e in std::fs::read_dir(root().join("examples/corpus")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(top.path().join("factlint.toml"), "select = [\"FL003\"]\n").unwrap();
    let (_, out, _) = run(&["check", "--format", "json", s(&sub)]);
    assert_eq!(codes(&out), vec!["FL003"]);
    // `factlint config` says where each value came from
    let (code, out, _) = run(&["config", s(&sub)]);
    assert_eq!(code, 0);
    let file = top.path().join("factlint.toml");
    let select = out.lines().find(|l| l.starts_with("select")).expect("select line");
    assert!(select.contains("FL003") && select.contains(s(&file)), "{out}");
    let ignore = out.lines().find(|l| l.starts_with("ignore ")).expect("ignore line");
    assert!(ignore.contains("(default)"), "{out}");
    let (_, out, _) = run(&["config", s(&sub), "--ignore", "FL001"]);
    assert!(out.lines().any(|l| l.starts_with("ignore ") && l.contains("(command line)")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("FL001  false ")), "{out}");
}

#[test]
fn exclude_severity_params_and_per_path_ignores() {
    let dir = corpus();
    std::fs::write(
        dir.path().join("factlint.toml"),
        r#"exclude = ["007_*"]
[severity]
FL003 = "warning"
[params.FL002]
max_examples = 1
[per-path-ignores]
"006_*.txt" = ["FL007"]
"#,
    )
    .unwrap();
    let (_, out, err) = run(&["check", "--format", "json", s(dir.path())]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 9, "{err}");
    assert!(docs.iter().all(|d| !d["path"].as_str().unwrap().contains("007_")));
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d["code"] != "FL007"), "FL007 ignored in 006_*");
    let fl003 = diags.iter().find(|d| d["code"] == "FL003").expect("FL003");
    assert_eq!(fl003["severity"], "warning");
}

#[test]
fn an_unknown_rule_parameter_is_an_error_with_its_span() {
    let rules = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join("rules/FL004.toml"))
        .unwrap()
        .replace("FL004", "FL009")
        .replace("max_examples = 3", "max_examples = 3\nwindow_days = 5");
    std::fs::write(rules.path().join("FL009.toml"), &src).unwrap();
    let (code, _, err) = run(&["check", "--rules", s(rules.path()), "tests/fixtures/consistent"]);
    assert_eq!(code, 2);
    let line = src.lines().position(|l| l == "window_days = 5").unwrap() + 1;
    assert!(err.contains("FL009.toml") && err.contains("unknown field `window_days`"), "{err}");
    assert!(err.contains(&format!("{line} │ window_days = 5")), "the span's line: {err}");
    // a wrong type, too
    std::fs::write(
        rules.path().join("FL009.toml"),
        src.replace("window_days = 5", "before_days = \"sixty\""),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--rules", s(rules.path()), "tests/fixtures/consistent"]);
    assert_eq!(code, 2);
    assert!(err.contains("FL009.toml") && err.contains("before_days"), "{err}");
    // and in the configuration file: the key's span
    let dir = corpus();
    std::fs::write(
        dir.path().join("factlint.toml"),
        "[params.FL005]\nwindow_days = 3\nreach = 9\n",
    )
    .unwrap();
    let (code, _, err) = run(&["check", s(dir.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `reach`") && err.contains("3 │ reach = 9"), "{err}");
}

#[test]
fn a_misnamed_or_broken_rule_file_is_an_error_naming_it() {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(rules.path().join("broken.toml"), "code = \"FL009\"\nname = [oops\n").unwrap();
    let (code, out, err) = run(&["check", "--rules", s(rules.path()), "examples/corpus"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("broken.toml"), "{err}");
    std::fs::remove_file(rules.path().join("broken.toml")).unwrap();
    let rule = std::fs::read_to_string(root().join("rules/FL003.toml")).unwrap();
    std::fs::write(rules.path().join("desk-rule.toml"), rule.replace("FL003", "FL009")).unwrap();
    let (code, _, err) = run(&["check", "--rules", s(rules.path()), "examples/corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("desk-rule.toml") && err.contains("FL009.toml"), "{err}");
    // a TOML file in a subfolder nothing reads
    std::fs::remove_file(rules.path().join("desk-rule.toml")).unwrap();
    std::fs::create_dir(rules.path().join("old")).unwrap();
    std::fs::write(rules.path().join("old/FL003.toml"), &rule).unwrap();
    let (code, _, err) = run(&["check", "--rules", s(rules.path()), "examples/corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("old/FL003.toml"), "{err}");
    // data files are data, and a rule file named by its code loads
    std::fs::remove_dir_all(rules.path().join("old")).unwrap();
    std::fs::copy(root().join("rules/concepts.toml"), rules.path().join("concepts.toml")).unwrap();
    std::fs::write(rules.path().join("fl003.toml"), rule.replace("enabled", "x")).unwrap();
    let (code, _, err) = run(&["check", "--rules", s(rules.path()), "examples/corpus"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn enabled_false_turns_a_rule_off() {
    let rules = tempfile::tempdir().unwrap();
    let rule = std::fs::read_to_string(root().join("rules/FL002.toml")).unwrap();
    std::fs::write(
        rules.path().join("FL002.toml"),
        rule.replacen("check = ", "enabled = false\ncheck = ", 1),
    )
    .unwrap();
    let (_, out, err) =
        run(&["check", "--format", "json", "--rules", s(rules.path()), "examples/corpus"]);
    let c = codes(&out);
    assert!(!c.contains(&"FL002".to_string()) && c.contains(&"FL003".to_string()), "{c:?} {err}");
}

#[test]
fn an_accepted_finding_shows_as_accepted_and_exits_0() {
    let dir = corpus();
    std::fs::write(dir.path().join("factlint.toml"), "select = [\"FL002\"]\n").unwrap();
    let (code, out, _) = run(&["check", "--format", "json", s(dir.path())]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fps: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["fingerprint"].as_str().expect("fingerprint").to_string())
        .collect();
    assert!(!fps.is_empty());
    let mut toml = "select = [\"FL002\"]\n".to_string();
    for f in &fps {
        toml.push_str(&format!(
            "[[accept]]\nfingerprint = \"{f}\"\nreason = \"both figures are quoted\"\nwho = \"night desk\"\n"
        ));
    }
    std::fs::write(dir.path().join("factlint.toml"), &toml).unwrap();
    let (code, out, _) = run(&["check", s(dir.path())]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("accepted FL002 ") && out.contains("both figures are quoted (night desk)"),
        "{out}"
    );
    assert!(out.contains(&format!("0 errors, 0 warnings, {} accepted", fps.len())), "{out}");
    let (code, out, _) = run(&["check", "--format", "json", s(dir.path())]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for d in v["diagnostics"].as_array().unwrap() {
        assert_eq!(d["accepted"]["who"], "night desk");
    }
    let (code, out, _) = run(&["check", "--format", "sarif", s(dir.path())]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), fps.len());
    assert!(results.iter().all(|r| r["suppressions"][0]["status"] == "accepted"));
    let (code, out, _) = run(&["check", "--format", "github", s(dir.path())]);
    assert_eq!(code, 0);
    assert!(out.lines().filter(|l| l.starts_with("::notice ")).count() == fps.len(), "{out}");
}

#[test]
fn publication_date_policy_and_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Kim kom til Russland i går med toget.\n").unwrap();
    let published = |toml: &str| {
        std::fs::write(dir.path().join("factlint.toml"), toml).unwrap();
        let (code, out, err) = run(&["corpus", "--format", "json", s(dir.path())]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        (code, v["documents"][0]["published"].clone(), err)
    };
    let (code, date, err) = published("published = \"2023-09-13\"\n");
    assert_eq!((code, date), (0, serde_json::json!("2023-09-13")), "{err}");
    let (_, date, _) = published("published = \"unknown\"\n");
    assert!(date.is_null());
    // "today" in the desk's zone: a date, whatever it is now
    let (code, date, err) = published("published = \"today\"\ntimezone = \"Atlantic/Reykjavik\"\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(date.as_str().map(str::len), Some(10), "{date}");
    let (code, _, err) = published("published = \"today\"\ntimezone = \"Mars/Olympus\"\n");
    assert_eq!(code, 2);
    assert!(err.contains("timezone `Mars/Olympus`"), "{err}");
    let (code, _, err) = published("published = \"soon\"\n");
    assert_eq!(code, 2);
    assert!(err.contains("published `soon`"), "{err}");
    // the command line wins
    std::fs::write(dir.path().join("factlint.toml"), "published = \"2023-09-13\"\n").unwrap();
    let (_, out, _) =
        run(&["corpus", "--format", "json", "--published", "2024-01-02", s(dir.path())]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"][0]["published"], "2024-01-02");
}

#[test]
fn the_rules_folder_of_the_config_file_is_relative_to_it() {
    let dir = corpus();
    let rules = dir.path().join("desk-rules");
    std::fs::create_dir(&rules).unwrap();
    let rule = std::fs::read_to_string(root().join("rules/FL003.toml")).unwrap();
    std::fs::write(
        rules.join("FL003.toml"),
        rule.replacen("check = ", "enabled = false\ncheck = ", 1),
    )
    .unwrap();
    std::fs::write(dir.path().join("factlint.toml"), "rules = \"desk-rules\"\n").unwrap();
    let (code, out, err) = run(&["check", "--format", "json", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    let c = codes(&out);
    assert!(!c.contains(&"FL003".to_string()) && c.contains(&"FL002".to_string()), "{c:?}");
    let (_, out, _) = run(&["rules", "--rules", s(&rules)]);
    assert!(out.lines().any(|l| l.starts_with("FL003") && l.ends_with("(off)")), "{out}");
}
