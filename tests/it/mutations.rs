//! The mutation suite: single edits to the consistent corpus (tests/mutations.toml), each of which
//! must be caught by its rule with labels in the edited place (and, for cross-source rules, in
//! another source); edits to sidebars and tolerated rounding must raise nothing. A mutation with
//! `with = ["english"]` runs on the consistent corpus together with that fixture folder (its files
//! and manifest lines added): the English, Danish and Swedish sets, and their cross-language pairs.

use crate::common;

use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    mutation: Vec<Mutation>,
    #[serde(default)]
    sidebar: Vec<Mutation>,
    #[serde(default)]
    tolerated: Vec<Mutation>,
}

#[derive(Deserialize, Clone)]
struct Mutation {
    id: String,
    file: String,
    find: String,
    replace: String,
    #[serde(default)]
    nth: Option<usize>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    also: Vec<String>,
    /// fixture folders read together with the consistent corpus ("english", "danish", "swedish")
    #[serde(default)]
    with: Vec<String>,
    /// why the checker misses it today (the suite pins its misses)
    #[serde(default)]
    known_miss: Option<String>,
}

fn suite() -> Suite {
    toml::from_str(
        &std::fs::read_to_string(common::root().join("tests/mutations.toml")).expect("suite"),
    )
    .expect("suite parses")
}

/// A copy of the consistent corpus with the files of the folders `with` added to it, manifests
/// joined.
fn corpus(with: &[String]) -> tempfile::TempDir {
    let dir = common::copy_dir(&common::fixture("consistent"));
    for w in with {
        let src = common::fixture(w);
        for e in std::fs::read_dir(&src).expect("a fixture folder") {
            let p = e.expect("an entry").path();
            let name = p.file_name().expect("a name");
            if p.extension().is_some_and(|x| x == "txt") {
                assert!(!dir.path().join(name).exists(), "{w}: a file name taken twice");
                std::fs::copy(&p, dir.path().join(name)).expect("copy");
            }
        }
        let mut manifest =
            std::fs::read_to_string(dir.path().join("manifest.jsonl")).expect("a manifest");
        manifest.push_str(&std::fs::read_to_string(src.join("manifest.jsonl")).expect("manifest"));
        std::fs::write(dir.path().join("manifest.jsonl"), manifest).expect("write");
    }
    dir
}

/// Apply a mutation to a copy of the consistent corpus (and the folders it is read `with`) and
/// check it.
fn apply(
    setup: &factlint::internals::app::Setup,
    m: &Mutation,
) -> (factlint::internals::report::Report, usize, usize) {
    let dir = corpus(&m.with);
    let path = dir.path().join(&m.file);
    let text = std::fs::read_to_string(&path).expect("mutated file");
    let edited = common::replace_nth(&text, &m.find, &m.replace, m.nth.unwrap_or(1))
        .unwrap_or_else(|| panic!("{}: `{}` not found", m.id, m.find));
    std::fs::write(&path, edited).expect("write");
    let at = common::replace_nth(&text, &m.find, "\u{0}", m.nth.unwrap_or(1))
        .and_then(|t| t.find('\u{0}'))
        .unwrap_or(0);
    let report = common::check(setup, &[dir.path()]);
    (report, at, at + m.replace.len())
}

/// Cross-source rules must label two documents; in-document rules one.
fn in_document(rule: &str) -> bool {
    matches!(rule, "FL001" | "FL006" | "FL007" | "FL008")
}

#[test]
fn mutation_suite_catch_rate() {
    let setup = common::setup();
    let suite = suite();
    assert!(suite.mutation.len() >= 30);
    let mut caught = 0;
    let mut failures = Vec::new();
    for m in &suite.mutation {
        let rule = m.rule.clone().expect("a mutation names its rule");
        let (report, start, end) = apply(&setup, m);
        let hit = report.diagnostics.iter().find(|d| {
            d.code == rule
                && d.labels
                    .iter()
                    .any(|l| l.path.ends_with(&m.file) && l.start < end + 4 && start < l.end + 4)
                && (in_document(&rule) || d.labels.len() >= 2)
        });
        let unexpected: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code != rule && !m.also.contains(&d.code))
            .map(|d| d.code.as_str())
            .collect();
        match (hit, unexpected.is_empty()) {
            (Some(_), true) => caught += 1,
            (Some(_), false) => failures
                .push((m.id.clone(), format!("{}: caught, but also {:?}", m.id, unexpected))),
            (None, _) => failures.push((
                m.id.clone(),
                format!(
                    "{}: {} not raised at the edit (got {:?})",
                    m.id,
                    rule,
                    report.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
                ),
            )),
        }
    }
    let rate = caught as f64 / suite.mutation.len() as f64;
    println!("mutation suite: caught {caught}/{} = {:.1}%", suite.mutation.len(), rate * 100.0);
    let mut rules: Vec<&str> = suite.mutation.iter().filter_map(|m| m.rule.as_deref()).collect();
    rules.sort_unstable();
    rules.dedup();
    for rule in rules {
        let of_rule: Vec<&Mutation> =
            suite.mutation.iter().filter(|m| m.rule.as_deref() == Some(rule)).collect();
        let missed = of_rule.iter().filter(|m| failures.iter().any(|(id, _)| id == &m.id)).count();
        println!("  {rule}: caught {} of {}", of_rule.len() - missed, of_rule.len());
    }
    for (_, f) in &failures {
        println!("  {f}");
    }
    // pinned exactly: a new miss fails, and so does a known miss that is now caught
    let missed: Vec<&str> = failures.iter().map(|(id, _)| id.as_str()).collect();
    let known: Vec<&str> =
        suite.mutation.iter().filter(|m| m.known_miss.is_some()).map(|m| m.id.as_str()).collect();
    assert_eq!(
        missed, known,
        "the misses changed: mark a new miss `known_miss` in tests/mutations.toml, or remove the \
         mark from one that is caught now"
    );
}

#[test]
fn sidebar_and_tolerated_edits_raise_nothing() {
    let setup = common::setup();
    let suite = suite();
    assert!(suite.sidebar.len() >= 5);
    for m in suite.sidebar.iter().chain(&suite.tolerated) {
        let (report, _, _) = apply(&setup, m);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.is_empty(), "{}: raised {:?}", m.id, codes);
    }
}

#[test]
fn consistent_corpus_is_clean() {
    let setup = common::setup();
    let report = common::check(&setup, &[&common::fixture("consistent")]);
    let codes: Vec<String> =
        report.diagnostics.iter().map(|d| format!("{}: {}", d.code, d.message)).collect();
    assert!(codes.is_empty(), "{codes:#?}");
    assert!(report.corroborations.len() >= 5);
}

/// The English, Danish and Swedish sets agree with the consistent corpus and with themselves:
/// the base every `with` mutation starts from raises nothing.
#[test]
fn consistent_corpus_with_other_languages_is_clean() {
    let setup = common::setup();
    for with in ["english", "danish", "swedish"] {
        let dir = corpus(&[with.to_string()]);
        let report = common::check(&setup, &[dir.path()]);
        let codes: Vec<String> =
            report.diagnostics.iter().map(|d| format!("{}: {}", d.code, d.message)).collect();
        assert!(codes.is_empty(), "{with}: {codes:#?}");
    }
}
