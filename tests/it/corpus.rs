//! The corpus stage on our own fixtures: publication dates and where they came from, language
//! (Nynorsk vs Bokmål), stripped furniture, folded repeats, spans that stay inside the file.

use crate::common;

use factlint::internals::app;
use factlint::internals::corpus::{DateSource, LangSource};

#[test]
fn dates_languages_furniture_and_repeats() {
    let setup = common::setup();
    let (docs, problems) =
        app::read_documents(&setup, &common::opts(&[&common::fixture("consistent")]));
    assert!(problems.is_empty(), "{problems:?}");
    let by = |name: &str| {
        docs.iter().find(|d| d.path.ends_with(name)).unwrap_or_else(|| panic!("{name}"))
    };
    // 002 has no dateline: the manifest gives its date
    let nrk = by("002_nrk_mote.txt");
    assert_eq!(nrk.published, Some(jiff::civil::date(2023, 9, 13)));
    assert_eq!(nrk.published_source, DateSource::Metadata);
    assert_eq!(nrk.dateline, None);
    // furniture: "Hopp til innhold", "Foto:" lines, the "AKTUELT NÅ" tail
    let reasons: Vec<&str> = nrk.stripped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.contains(&"navigation") && reasons.contains(&"photo-credit"), "{reasons:?}");
    let tail = nrk.stripped.last().expect("tail");
    assert_eq!(tail.end, nrk.text.len(), "the AKTUELT NÅ tail runs to the end");
    // Vísir: the sidebar is stripped and the repeated body folded
    let visir = by("001_visir_lest.txt");
    assert!(visir.stripped.iter().any(|s| visir.text[s.start..s.end].starts_with("Mest lesið")));
    assert!(visir.folded.len() >= 3, "body printed twice is kept once");
    for f in &visir.folded {
        assert_eq!(
            visir.text[f.start..f.end].split_whitespace().collect::<Vec<_>>(),
            visir.text[f.copy_of..f.copy_of + (f.end - f.start)]
                .split_whitespace()
                .collect::<Vec<_>>()
        );
    }
    // the Bokmål caption inside the Nynorsk article is read as Bokmål
    assert_eq!(nrk.para_langs.len(), 1, "{:?}", nrk.para_langs);
    assert_eq!(nrk.para_langs[0].1, "nb");
    // the dateline is found in the text
    let mbl = by("005_mbl_gjafir.txt");
    assert_eq!(mbl.published, Some(jiff::civil::date(2023, 9, 17)));
    // each kept sentence knows its tokens: those that start inside it
    for d in &docs {
        assert!(!d.sentences.is_empty(), "{}", d.path);
        for s in &d.sentences {
            let inside: Vec<usize> = (0..d.tokens.len())
                .filter(|&i| (s.start..s.end).contains(&d.tokens[i].start))
                .collect();
            assert_eq!(
                s.toks.clone().collect::<Vec<_>>(),
                inside,
                "{}: {:?}",
                d.path,
                &d.text[s.start..s.end]
            );
        }
    }
}

#[test]
fn without_manifest_dates_come_from_datelines_or_are_unknown() {
    let dir = common::copy_dir(&common::fixture("consistent"));
    std::fs::remove_file(dir.path().join("manifest.jsonl")).expect("rm manifest");
    let setup = common::setup();
    let (docs, _) = app::read_documents(&setup, &common::opts(&[dir.path()]));
    for d in &docs {
        let name = d.path.rsplit('/').next().unwrap_or("");
        if name == "002_nrk_mote.txt" {
            assert_eq!(d.published, None, "no dateline, no manifest: unknown");
            assert_eq!(d.published_source, DateSource::Unknown);
        } else {
            assert_eq!(d.published_source, DateSource::Dateline, "{name}");
        }
        assert_eq!(d.lang_source, LangSource::Detected);
        let expected = match name {
            "002_nrk_mote.txt" | "006_nrk_putin.txt" | "008_nrk_utbrot.txt" => "nn",
            "004_ntb_toppmote.txt" => "nb",
            _ => "is",
        };
        assert_eq!(d.lang, expected, "{name}");
    }
    // relative dates in the undated article stay unresolved
    let report = common::check(&setup, &[dir.path()]);
    let undated =
        report.documents.iter().position(|d| d.path.ends_with("002_nrk_mote.txt")).expect("doc");
    let rel: Vec<_> = report
        .claims
        .iter()
        .filter(|c| {
            c.doc.index() == undated
                && c.date()
                    .is_some_and(|d| d.form != factlint::internals::claims::DateForm::Absolute)
        })
        .collect();
    assert!(!rel.is_empty());
    assert!(rel.iter().all(|c| c.interval().is_none()));
}

#[test]
fn every_claim_span_is_inside_its_file_on_char_boundaries() {
    let setup = common::setup();
    for dir in ["consistent", "../../examples/corpus"] {
        let report = common::check(&setup, &[&common::fixture(dir)]);
        assert!(!report.claims.is_empty());
        for c in &report.claims {
            let text = std::fs::read_to_string(report.documents[c.doc.index()].path.as_str())
                .expect("file");
            assert!(c.start < c.end && c.end <= text.len());
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            assert_eq!(&text[c.start..c.end], c.text);
            let (s_start, s_end) = c.sentence_span();
            assert!(s_start <= c.start && c.end <= s_end);
        }
    }
}

#[test]
fn corpus_view_snapshot() {
    let setup = common::setup();
    let (docs, problems) =
        app::read_documents(&setup, &common::opts(&[&common::fixture("consistent")]));
    let settings = snap_settings!();
    settings.bind(|| {
        insta::assert_snapshot!(
            "corpus_consistent_human",
            common::scrub(&app::corpus_human(&docs, &problems))
        )
    });
}

/// Repeats fold whatever their spacing, a teaser cut off with "…" folds into the sentence it
/// begins, and a repeat with another number stays, marked as a variant twin of the first.
#[test]
fn repeats_teasers_and_variant_twins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Ráðherrann kom til Óslóar 12. mars 2024 og dvaldi þar í fimm daga.\n\n\
                Fundurinn með forsætisráðherranum stóð lengur en áætlað var í upphafi.\n\n\
                Ráðherrann  kom til Óslóar 12. mars 2024 og \t dvaldi þar í fimm daga.\n\n\
                Fundurinn með forsætisráðherranum stóð lengur …\n\n\
                Ráðherrann kom til Óslóar 12. mars 2024 og dvaldi þar í sex daga.\n";
    let path = dir.path().join("frett.txt");
    std::fs::write(&path, text).expect("write");
    let setup = common::setup();
    let (docs, problems) = app::read_documents(&setup, &common::opts(&[&path]));
    assert!(problems.is_empty(), "{problems:?}");
    let d = &docs[0];
    let at = |needle: &str, nth: usize| {
        text.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle")
    };
    let folded: Vec<(usize, usize)> = d.folded.iter().map(|f| (f.start, f.copy_of)).collect();
    // the second copy (other spacing) folds into the first; the teaser folds on its own start
    assert!(folded.contains(&(at("Ráðherrann  kom", 0), at("Ráðherrann kom", 0))), "{folded:?}");
    let teaser = at("Fundurinn", 1);
    assert!(folded.contains(&(teaser, teaser)), "{folded:?}");
    assert_eq!(d.folded.len(), 2);
    // "sex daga" repeats the first sentence's words with another number: a twin, not a fold
    let six = d.sentences.iter().find(|s| s.start == at("Ráðherrann kom", 1)).expect("kept");
    assert_eq!(six.twin_of, Some(0));
}

#[test]
fn a_manifest_applies_to_its_files_on_both_sides_of_a_subfolder() {
    // the walk goes a.txt, m/b.txt, z.txt: the folder's manifest is needed again after the
    // subfolder's files, and its one bad line is reported once
    let dir = tempfile::tempdir().expect("tempdir");
    let w = |p: &str, s: &str| {
        let p = dir.path().join(p);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, s).expect("write");
    };
    w("manifest.jsonl", "{\"path\":\"a.txt\",\"outlet\":\"RÚV\",\"published\":\"2023-09-13\"}\nnot json\n{\"path\":\"z.txt\",\"outlet\":\"NRK\",\"published\":\"2023-09-14\"}\n");
    w("a.txt", "Heimsóknin stóð í sex daga.\n");
    w("m/b.txt", "Vitjinga varte i seks dagar.\n");
    w("z.txt", "Besøket varte i seks dager.\n");
    let setup = common::setup();
    let (docs, problems) = app::read_documents(&setup, &common::opts(&[dir.path()]));
    let names: Vec<&str> = docs.iter().map(|d| d.path.rsplit('/').next().unwrap_or("")).collect();
    assert_eq!(names, ["a.txt", "b.txt", "z.txt"]);
    let outlets: Vec<Option<&str>> = docs.iter().map(|d| d.meta.outlet.as_deref()).collect();
    assert_eq!(outlets, [Some("RÚV"), None, Some("NRK")]);
    assert_eq!(docs[2].published, Some(jiff::civil::date(2023, 9, 14)));
    assert_eq!(
        problems.iter().filter(|p| p.message.contains("manifest line ignored")).count(),
        1,
        "{problems:?}"
    );
}

/// A metadata language that a lexicon lists as an alias (`metadata_aliases`: Norwegian "no" for
/// Bokmål and Nynorsk) is detected from the text without a warning; a code no lexicon knows is
/// detected too, with a warning.
#[test]
fn a_metadata_alias_is_detected_without_a_warning() {
    use factlint::{Article, Checker};
    let checker = Checker::builder().threads(1).build().expect("built-in data");
    let nynorsk =
        "Russland sende 44 droner mot Kyiv i natt. Dei vart skotne ned ikkje langt frå byen.";
    let bokmal = "Russland sendte 44 droner mot Kyiv i natt. De ble skutt ned ikke langt fra byen.";
    let checked = checker.check_articles(vec![
        Article::new("a.txt", nynorsk).lang("no"),
        Article::new("b.txt", bokmal).lang("NO"),
        Article::new("c.txt", bokmal).lang("xx"),
    ]);
    let r = checked.report();
    let langs: Vec<(&str, LangSource)> =
        r.documents.iter().map(|d| (d.lang.as_str(), d.lang_source)).collect();
    assert_eq!(
        langs,
        [("nn", LangSource::Detected), ("nb", LangSource::Detected), ("nb", LangSource::Detected)]
    );
    let warned: Vec<&str> = r.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(warned, ["c.txt"], "{:?}", r.problems);
    assert!(r.problems[0].message.contains("`xx` has no lexicon"), "{:?}", r.problems);
}

/// A date on a photo credit line ("Bilde: … / NTB | 5. august 2022 kl. 14.00", "Photo: … |
/// August 5, 2022 10:15") is the picture's, never the publication dateline, in every language;
/// near miss: the same line without the credit ("Oslo | …") is a dateline.
#[test]
fn a_photo_credit_date_is_no_dateline() {
    let body = "\n\nFerja mista motorane mandag, opplyser politiet. Passasjerane kom i land.\n";
    let lines = [
        ("Bilde: Ola Nordmann / NTB | 5. august 2022 kl. 14.00", "Oslo | 5. august 2022 kl. 14.00"),
        ("Photo: Jane Doe / AFP | August 5, 2022 10:15", "London | August 5, 2022 10:15"),
        ("Mynd: Jón Jónsson | 5. ágúst 2022 kl. 14.00", "Reykjavík | 5. ágúst 2022 kl. 14.00"),
        (
            "(Foto: Ritzau Scanpix) | 5. august 2022 kl. 14.00",
            "København | 5. august 2022 kl. 14.00",
        ),
        (
            "Foto: Anna Svensson / TT | 5 augusti 2022 kl. 14.00",
            "Stockholm | 5 augusti 2022 kl. 14.00",
        ),
    ];
    let dir = tempfile::tempdir().expect("tmp");
    for (i, (credit, dateline)) in lines.iter().enumerate() {
        std::fs::write(dir.path().join(format!("c{i}.txt")), format!("Ferja{body}{credit}{body}"))
            .expect("write");
        std::fs::write(
            dir.path().join(format!("d{i}.txt")),
            format!("Ferja{body}{dateline}{body}"),
        )
        .expect("write");
    }
    let (docs, _) = app::read_documents(&common::setup(), &common::opts(&[dir.path()]));
    assert_eq!(docs.len(), 2 * lines.len());
    for d in &docs {
        let name = d.path.rsplit('/').next().unwrap_or("");
        if name.starts_with('c') {
            assert_eq!(d.published_source, DateSource::Unknown, "{name}");
        } else {
            assert_eq!(d.published_source, DateSource::Dateline, "{name}");
            assert_eq!(d.published.map(|p| p.to_string()).as_deref(), Some("2022-08-05"), "{name}");
        }
    }
}
