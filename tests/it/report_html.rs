//! The HTML page's own promises, through the public library API: what the corpus stage skipped
//! is marked where it falls in a shown paragraph, and the claims no rule labelled are summarised
//! per subject. (The page in a real browser: tests/browser.)

use factlint::{Article, Checker};

/// Three articles of one story: the first holds the dissenting count in a paragraph with a
/// "most read" sidebar and two repeated sentences inside it; the third a count no rule compares.
fn checked() -> factlint::Checked {
    let checker = Checker::builder().threads(1).build().unwrap();
    let a = "Skjelvet\n\nI dalen bor 900 personer, og 12 hus fikk store skader. Mest lest Brann i \
             Bergen: 40 evakuert Se flere Ordføreren ber folk holde seg inne. I dalen bor 900 \
             personer, og 12 hus fikk store skader. Ordføreren ber folk holde seg inne.\n";
    let b = "Skjelvet\n\nI dalen bur 700 personar, og 12 hus fekk store skadar.\n";
    let c = "Skjálfti\n\nÍ dalnum búa 700 manns og 12 hús skemmdust mikið. Björgunarsveitin \
             sendi 14 bíla á staðinn.\n";
    checker.check_articles([
        Article::new("memory/a", a).outlet("A").lang("nb").published("2024-03-12"),
        Article::new("memory/b", b).outlet("B").lang("nn").published("2024-03-12"),
        Article::new("memory/c", c).outlet("C").lang("is").published("2024-03-12"),
    ])
}

#[test]
fn skipped_text_is_marked_in_words_where_it_falls() {
    let checked = checked();
    let r = checked.report();
    assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
    let html = checked.html();
    // the paragraph of the dissenting claim: the claim marked, the sidebar and the repeat said
    // in brackets with their size and words, the text between them as it stands
    let para = html
        .split("<div class=\"para\" id=\"p0-")
        .nth(1)
        .and_then(|p| p.split("</div>").next())
        .expect("the dissenting claim's paragraph is on the page");
    assert!(para.contains("<mark>900</mark> personer"), "{para}");
    assert!(
        para.contains(
            "<span class=\"elided\">[skipped: page furniture (most-read-no), 46 bytes: \
             “Mest lest Brann i Bergen: 40 evakuert Se flere”]</span> Ordføreren ber folk"
        ),
        "{para}"
    );
    // (the two repeated sentences in a row: one passage)
    assert!(
        para.contains(
            "<span class=\"elided\">[skipped: a repeat, folded, 91 bytes: “I dalen bor 900 \
             personer, … ber folk holde seg inne.”]</span></p>"
        ),
        "{para}"
    );
    // the skipped numbers are never marked as claims
    assert!(!para.contains("<mark>40</mark>"), "{para}");
    // and what the document skipped is counted under its name
    assert!(html.contains("skipped: 2 folded repeats, 46 bytes of page furniture"), "{html}");
}

#[test]
fn claims_no_rule_labelled_are_summarised_per_subject() {
    let checked = checked();
    let html = checked.html();
    let others = html.split("<section id=\"others\"").nth(1).expect("the section is on the page");
    let others = others.split("</section>").next().unwrap();
    // the count no rule compares: a row of its subject, its value, one source, its outlet
    assert!(
        others.contains("<th scope=\"row\">vehicle</th><td>14\u{a0}(×1)</td><td>1</td><td>C</td>"),
        "{others}"
    );
    // a claim of a conflict or an agreement is not summarised again
    assert!(!others.contains("900") && !others.contains("700"), "{others}");
}

/// A long one-line page (a scrape) shows a window around its claim, and a sidebar cut by the
/// window's edge is still marked with its whole size.
#[test]
fn a_sidebar_cut_by_the_window_keeps_its_size() {
    let checker = Checker::builder().threads(1).build().unwrap();
    let filler = "Ordføreren ber folk holde seg inne. ".repeat(20);
    let sidebar = format!("Mest lest {} Se flere", "Brann i Bergen, mange evakuert. ".repeat(12));
    let a = format!("I dalen bor 900 personer, og 12 hus fikk store skader. {sidebar} {filler}\n");
    let b = "I dalen bur 700 personar, og 12 hus fekk store skadar.\n";
    let c = "I dalen bor 700 personer, og 12 hus fikk store skader.\n";
    let checked = checker.check_articles([
        Article::new("memory/a", a).outlet("A").lang("nb").published("2024-03-12"),
        Article::new("memory/b", b).outlet("B").lang("nn").published("2024-03-12"),
        Article::new("memory/c", c).outlet("C").lang("nb").published("2024-03-12"),
    ]);
    let html = checked.html();
    let para = html.split("<div class=\"para\" id=\"p0-").nth(1).unwrap();
    let para = para.split("</div>").next().unwrap();
    assert!(para.contains("<mark>900</mark>"), "{para}");
    let size = sidebar.len();
    assert!(
        para.contains(&format!(
            "[skipped: page furniture (most-read-no), {size} bytes: “Mest lest"
        )),
        "{para}"
    );
    assert!(para.ends_with(" …</p>"), "the window is cut after the claim: {para}");
}
