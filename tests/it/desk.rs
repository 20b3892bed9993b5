//! What a desk writes to snapshot its corpus's report (README, "Snapshot your corpus with
//! insta"): only factlint's public library API, on a corpus of three articles we wrote
//! (`tests/fixtures/desk`: one planted disagreement on the injured, an agreement on the houses).

use factlint::{Article, Checker};

/// The README's test, word for word but for the snapshot folder (this repository keeps every
/// snapshot in snapshots/).
#[test]
fn desk_corpus_snapshot() {
    let root = env!("CARGO_MANIFEST_DIR");
    let checker = Checker::builder().relative_to(root).threads(1).build().unwrap();
    let checked = checker.check_paths(&[format!("{root}/tests/fixtures/desk")]);
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("desk_human", checked.human_with_corroborations());
        insta::assert_snapshot!("desk_json", checked.json());
    });
}

#[test]
fn report_as_data_with_relative_paths() {
    let root = env!("CARGO_MANIFEST_DIR");
    let checker = Checker::builder().relative_to(root).build().unwrap();
    let checked = checker.check_paths(&[format!("{root}/tests/fixtures/desk")]);
    let r = checked.report();
    let paths: Vec<&str> = r.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "tests/fixtures/desk/01_fjordposten.txt",
            "tests/fixtures/desk/02_dagsavisa.txt",
            "tests/fixtures/desk/03_nordurfrettir.txt"
        ]
    );
    assert_eq!(r.diagnostics.len(), 1);
    let d = &r.diagnostics[0];
    assert_eq!((d.code.as_str(), d.subject.as_deref()), ("FL002", Some("person lives")));
    assert_eq!(d.labels[0].path.as_str(), "tests/fixtures/desk/02_dagsavisa.txt");
    let agree: Vec<(&str, &str)> =
        r.corroborations.iter().map(|c| (c.subject.as_str(), c.value.as_str())).collect();
    assert_eq!(agree, [("house", "12"), ("person lives", "700")]);
    // the texts are kept under the paths the report shows
    assert!(checked.text("tests/fixtures/desk/02_dagsavisa.txt").unwrap().contains("900 personer"));
}

/// In-memory articles: no file is read, the printers show the texts held by the checker.
#[test]
fn articles_in_memory_are_checked_and_printed() {
    let checker = Checker::builder().threads(2).build().unwrap();
    let a = "Skjelvet\n\nI dalen bor 900 personer, og 12 hus fikk store skader.\n";
    let b = "Skjelvet\n\nI dalen bur 700 personar, og 12 hus fekk store skadar.\n";
    let c = "Skjálfti\n\nÍ dalnum búa 700 manns og 12 hús skemmdust mikið.\n";
    let checked = checker.check_articles([
        Article::new("memory/a", a).outlet("A").lang("nb").published("2024-03-12"),
        Article::new("memory/b", b).outlet("B").lang("nn").published("2024-03-12"),
        Article::new("memory/c", c).outlet("C").lang("is").published("2024-03-12"),
    ]);
    let r = checked.report();
    assert_eq!(r.documents.len(), 3);
    assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].labels[0].path.as_str(), "memory/a");
    let human = checked.human();
    assert!(human.contains("│ I dalen bor 900 personer"), "{human}");
    assert!(
        human.ends_with("1 error, 0 warnings in 3 documents (6 claims, 2 corroborations)\n"),
        "{human}"
    );
    let html = checked.html();
    assert!(html.contains("<mark>900</mark> personer"), "the number is marked in its sentence");
    assert!(html.contains("2 sources (b, c) say 700; this source says 900"));
    let json: serde_json::Value = serde_json::from_str(&checked.json()).unwrap();
    assert_eq!(json["diagnostics"][0]["subject"], "person lives");
}

/// The HTML page of the fixture corpus: self-contained, every document and every diagnostic.
#[test]
fn html_page_is_self_contained() {
    let root = env!("CARGO_MANIFEST_DIR");
    let checker = Checker::builder().relative_to(root).build().unwrap();
    let checked = checker.check_paths(&[format!("{root}/tests/fixtures/desk")]);
    let html = checked.html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for d in &checked.report().documents {
        assert!(html.contains(&format!(">{}</h3>", d.path)), "{}", d.path);
    }
    assert!(html.contains("02_dagsavisa.txt says 900 for person lives, other sources disagree"));
    assert!(html.contains("<h4><span class=\"badge\">✓ Agree</span>"));
    // no script, no external resource: the only URL is the SVG namespace
    assert!(!html.contains("<script"));
    let urls = html.matches("http://").count() + html.matches("https://").count();
    assert_eq!(urls, html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count());
}
