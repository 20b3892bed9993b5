//! The library's unit tests, one module a source file they test (they were `#[cfg(test)]`
//! modules in src/; here, the library is compiled once for `cargo test` instead of twice, with
//! `[lib] test = false`). Each reads its stage through `factlint::internals`.

mod corpus_dateline {
    use factlint::internals::corpus::dateline::*;
    use factlint::internals::lang::{Boilerplate, DatelineWords, Map};

    fn words(published: &[&str]) -> DatelineWords {
        DatelineWords {
            published: published.iter().map(|w| w.to_string()).collect(),
            clock: ["kl", "klokka", "klukkan"].map(String::from).to_vec(),
            am: ["a.m.", "am"].map(String::from).to_vec(),
            pm: ["p.m.", "pm"].map(String::from).to_vec(),
            zones: [("norsk tid", "Europe/Oslo"), ("gmt", "UTC"), ("cet", "Europe/Paris")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .to_vec(),
        }
    }

    fn months() -> Map<String, u8> {
        [
            ("september", 9u8),
            ("júní", 6),
            ("juli", 7),
            ("march", 3),
            ("mar", 3),
            ("mars", 3),
            ("marts", 3),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    #[test]
    fn head_is_the_first_characters() {
        for t in [
            "",
            "abc",
            &"þ".repeat(700),
            &"a".repeat(1300),
            &format!("{}{}", "ð".repeat(90), "x".repeat(2000)),
        ] {
            let want = t.char_indices().nth(1200).map_or(t.len(), |(i, _)| i);
            assert_eq!(char_boundary(t, 1200), want);
        }
    }

    #[test]
    fn visir_style() {
        let t = "Fyrirsögn hér Jón Jónsson skrifar 13. september 2023 06:58 Texti byrjar.";
        let d = find(t, &months(), &words(&[]), None, &Boilerplate::default()).unwrap();
        assert_eq!(d.date, jiff::civil::date(2023, 9, 13));
        assert_eq!(&t[d.start..d.end], "13. september 2023 06:58");
    }

    #[test]
    fn mbl_style_and_published() {
        let t = "Titill\n\nNorður-Kórea | 17. september 2023\n\nMeira.";
        assert_eq!(
            find(t, &months(), &words(&[]), None, &Boilerplate::default()).unwrap().date,
            jiff::civil::date(2023, 9, 17)
        );
        let t = "Tittel\nPublisert 13.09.2023 kl. 10.15\nTekst.";
        let d = find(t, &months(), &words(&["publisert"]), None, &Boilerplate::default()).unwrap();
        assert_eq!(&t[d.start..d.end], "13.09.2023 kl. 10.15");
    }

    #[test]
    fn body_date_is_not_a_dateline() {
        let t = "Han kom 26. juli 2023 til Pyongyang.";
        assert_eq!(find(t, &months(), &words(&[]), None, &Boilerplate::default()), None);
    }

    /// Datelines of Nordic sites (DR, TV 2, Politiken, Ritzau; SVT, DN, TT) and of
    /// wire and web copy.
    #[test]
    fn nordic_and_wire_datelines() {
        let pw = ["publiceret", "opdateret", "publicerad", "uppdaterad", "published", "updated"];
        let d = |t: &str, year| {
            find(t, &months(), &words(&pw), year, &Boilerplate::default())
                .map(|d| (d.date.to_string(), t[d.start..d.end].to_string()))
        };
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        // DR, TV 2: day with a period, "kl."
        assert_eq!(
            d("Overskrift\n14. marts 2025 kl. 10.15\nTekst.", None),
            s("2025-03-14", "14. marts 2025 kl. 10.15")
        );
        assert_eq!(
            d("Overskrift\nOpdateret 14. mar. 2025\nTekst.", None),
            s("2025-03-14", "14. mar. 2025")
        );
        // Ritzau: the date before the credit
        assert_eq!(
            d("Overskrift\n14. marts 2025, 10:15 /ritzau/\nTekst.", None),
            s("2025-03-14", "14. marts 2025, 10:15")
        );
        // SVT, TT: no period after the day; DN: ISO
        assert_eq!(
            d("Rubrik\nPublicerad 14 mars 2025 10.15\nText.", None),
            s("2025-03-14", "14 mars 2025 10.15")
        );
        assert_eq!(
            d("Rubrik\nPublicerad 2025-03-14 10:15\nText.", None),
            s("2025-03-14", "2025-03-14 10:15")
        );
        assert_eq!(
            d("Rubrik\nUppdaterad: 14 mars 2025\nText.", None),
            s("2025-03-14", "14 mars 2025")
        );
        // web copy
        assert_eq!(
            d("Headline\nPublished 10:15 GMT, 14 March 2025\nText.", None),
            s("2025-03-14", "14 March 2025")
        );
        assert_eq!(
            d("Headline\nFirst published on March 14, 2025\nText.", None),
            s("2025-03-14", "March 14, 2025")
        );
        assert_eq!(
            d("Headline\nBy Staff Reporter, 14 March 2025\nText.", None),
            s("2025-03-14", "14 March 2025")
        );
        assert_eq!(
            d("Headline\nReuters, 15 March 2025\nText.", None),
            s("2025-03-15", "15 March 2025")
        );
        // wire: the year from the caller, none without it
        let wire = "OSLO, March 3 (Reuters) - The ferry sank.";
        assert_eq!(d(wire, Some(2025)), s("2025-03-03", "March 3"));
        assert_eq!(d(wire, None), None);
        assert_eq!(
            d("OSLO, March 3rd (AP) — The ferry sank.", Some(2024)),
            s("2024-03-03", "March 3rd")
        );
        // a photo credit's date is not a dateline
        assert_eq!(d("Tittel\n\nFoto: NN / AFP, 14.03.2025\n\nTekst.", None), None);
        // a date inside a sentence is not a dateline
        assert_eq!(d("The ferry sank on 14 March 2025 near Oslo.", Some(2025)), None);
        assert_eq!(d("It sank on March 3 in the strait.", Some(2025)), None);
    }

    /// The time of a dateline, after the date or before it on its line, with the zone written
    /// by it; a short zone word in small letters is a word ("et" in "kl. 10.15 et skib").
    #[test]
    fn dateline_times() {
        let w = words(&["published", "publisert"]);
        let time =
            |t: &str| find(t, &months(), &w, None, &Boilerplate::default()).and_then(|d| d.time);
        let at = |m: u16, z: Option<&str>| Some((m, z.map(str::to_string)));
        assert_eq!(time("T\nPublisert 14.03.2025 kl. 10:15\nX."), at(615, None));
        assert_eq!(
            time("T\n14. mars 2025 klokka 09.05 norsk tid\nX."),
            at(545, Some("Europe/Oslo"))
        );
        assert_eq!(time("T\nPublished 23:30 GMT, 13 March 2025\nX."), at(1410, Some("UTC")));
        assert_eq!(time("T\n14. marts 2025 kl. 10.15 CET\nX."), at(615, Some("Europe/Paris")));
        assert_eq!(time("T\nPublished 10:15 p.m. GMT, 13 March 2025\nX."), at(1335, Some("UTC")));
        assert_eq!(time("T\nMarch 13, 2025 12:05 am\nX."), at(5, None));
        assert_eq!(time("T\n14. marts 2025 kl. 10.15 cet skib\nX."), at(615, None));
        // no time of day: "25:10", or none at all
        assert_eq!(time("T\n14. mars 2025 25:10\nX."), None);
        assert_eq!(time("T\nPublisert 14.03.2025\nX."), None);
    }

    #[test]
    fn metadata() {
        assert_eq!(
            parse_metadata_date("2023-09-13T06:58:00+00:00"),
            Some(jiff::civil::date(2023, 9, 13))
        );
        assert_eq!(parse_metadata_date("13/09/2023"), None);
    }

    #[test]
    fn a_metadata_timestamp_is_read_in_the_outlets_zone() {
        let (d, at) =
            parse_metadata_timestamp("2023-03-27T23:30:00Z", Some("Europe/Oslo")).unwrap();
        assert_eq!(
            (d.to_string(), at.to_string()),
            ("2023-03-28".into(), "01:30 (Europe/Oslo)".into())
        );
        let (d, at) = parse_metadata_timestamp("2023-03-27T23:30:00Z", None).unwrap();
        assert_eq!((d.to_string(), at.to_string()), ("2023-03-27".into(), "23:30 (UTC)".into()));
        let (d, at) =
            parse_metadata_timestamp("2023-03-27 11:22", Some("Atlantic/Reykjavik")).unwrap();
        assert_eq!(
            (d.to_string(), at.to_string()),
            ("2023-03-27".into(), "11:22 (Atlantic/Reykjavik)".into())
        );
        assert!(parse_metadata_timestamp("2023-03-27", Some("Europe/Oslo")).is_none());
    }
}

mod corpus_load {
    use factlint::internals::corpus::load::*;
    use std::path::Path;

    #[test]
    fn json_offsets_map_back_to_the_line() {
        let line = r#"{"id":1,"text":"Tvö \"hús\" brunnu\nog 32 af 44."}"#;
        let d = parse_jsonl_line(Path::new("x.jsonl"), 1, 100, line).unwrap();
        assert_eq!(d.text, "Tvö \"hús\" brunnu\nog 32 af 44.");
        let at = d.text.find("32").unwrap();
        let f = d.map.to_file(at) - 100;
        assert_eq!(&line[f..f + 2], "32");
        let f = d.map.to_file(d.text.find("hús").unwrap()) - 100;
        assert_eq!(&line[f..f + 4], "hús");
    }

    #[test]
    fn surrogate_escapes_decode_to_their_characters() {
        let text = |lit: &str| decode_json_string(lit, 0).map(|(t, _)| t);
        // a pair is one character; its offsets map past both escapes
        let (t, map) = decode_json_string(r#""a\uD83D\uDE00b""#, 0).unwrap();
        assert_eq!(t, "a\u{1F600}b");
        assert_eq!(map.to_file(t.find('b').unwrap()), 13);
        // a high surrogate and an escape that is not a low one: U+FFFD, then that escape's own
        // character (it was read as a pair: U+1F441 for "\uD83D\u0041")
        assert_eq!(text(r#""\uD83D\u0041""#).as_deref(), Some("\u{FFFD}A"));
        assert_eq!(text(r#""\uD83D\uD83D\uDE00""#).as_deref(), Some("\u{FFFD}\u{1F600}"));
        // lone surrogates, either half
        assert_eq!(text(r#""\uD83Dx""#).as_deref(), Some("\u{FFFD}x"));
        assert_eq!(text(r#""\uDE00""#).as_deref(), Some("\u{FFFD}"));
        assert_eq!(text(r#""\u00e9""#).as_deref(), Some("é"));
    }

    #[test]
    fn chunks_come_whole_and_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.jsonl");
        let lines: Vec<String> =
            (0..200).map(|i| format!(r#"{{"text":"Grein {i}: 32 af 44."}}"#)).collect();
        std::fs::write(&path, lines.join("\n") + "\n\n").unwrap();
        // chunks of about 100 bytes: many more chunks than the reader is ahead
        let mut seen = Vec::new();
        let mut chunks = 0;
        let any = read_jsonl_chunks(&path, 100, |chunk| {
            chunks += 1;
            seen.extend(chunk.into_iter().map(|l| l.unwrap().2));
        });
        assert!(any);
        assert!(chunks > 20, "{chunks} chunks");
        assert_eq!(seen, lines, "every line once, in file order");
        let empty = dir.path().join("empty.jsonl");
        std::fs::write(&empty, "\n\n").unwrap();
        assert!(!read_jsonl_chunks(&empty, 100, |_| panic!("no chunk for a file without lines")));
    }

    #[test]
    fn bad_lines() {
        assert!(parse_jsonl_line(Path::new("x"), 3, 0, "{nope")
            .unwrap_err()
            .message
            .contains("not a JSON"));
        let e = parse_jsonl_line(Path::new("x"), 3, 0, r#"{"title":"t"}"#).unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}

mod baseline {
    use factlint::internals::baseline::*;
    use std::path::Path;

    /// A fingerprint is a promise kept across releases: a change here is a new
    /// [`FINGERPRINT_VERSION`], or every desk's baseline silently stops matching.
    #[test]
    fn fingerprints_are_stable() {
        let f = |doc: &str, what: &str| Frame { doc: doc.into(), what: what.into() };
        let dissent = f("004_ntb_toppmote.txt", "part_of_whole|drone|||kim|30 of 44");
        let cited = [f("003_visir_fundur.txt", "part_of_whole|drone|shahed|||32 of 44")];
        assert_eq!(fingerprint("FL002", &dissent, &cited), "68371329dbb27ef0");
        // the cited claims' documents and order do not count; their values do
        let elsewhere = [f("009.txt", "part_of_whole|drone|shahed|||32 of 44")];
        assert_eq!(
            fingerprint("FL002", &dissent, &elsewhere),
            fingerprint("FL002", &dissent, &cited)
        );
        let other = [f("003.txt", "part_of_whole|drone|shahed|||33 of 44")];
        assert_ne!(fingerprint("FL002", &dissent, &other), fingerprint("FL002", &dissent, &cited));
    }

    #[test]
    fn documents_are_named_relative_to_the_root() {
        let root = Path::new("/desk/corpus");
        assert_eq!(doc_identity(root, "/desk/corpus/a/b.txt", None), "a/b.txt");
        assert_eq!(doc_identity(root, "/desk/corpus/./x.jsonl", Some(12)), "x.jsonl:12");
        assert_eq!(doc_identity(root, "/elsewhere/c.txt", None), "/elsewhere/c.txt");
    }
}

mod calendar {
    use factlint::internals::calendar::*;
    use factlint::internals::lang::RelOffset;
    use jiff::civil::date;

    #[test]
    fn weekdays_resolve_backwards() {
        // Wednesday 13 September 2023
        let p = date(2023, 9, 13);
        assert_eq!(weekday(p, 2, false), Some(date(2023, 9, 12)));
        assert_eq!(weekday(p, 3, false), Some(date(2023, 9, 13)));
        assert_eq!(weekday(p, 4, false), Some(date(2023, 9, 7)));
        assert_eq!(weekday(p, 4, true), Some(date(2023, 9, 14)));
    }

    #[test]
    fn relative_years_and_ranges() {
        let p = date(2024, 6, 18);
        let r = relative(p, &RelOffset { years: Some(-1), ..Default::default() }).unwrap();
        assert_eq!((r.start, r.end), (date(2023, 1, 1), date(2023, 12, 31)));
        let r = relative(p, &RelOffset { days: Some(1), to_days: Some(7), ..Default::default() })
            .unwrap();
        assert_eq!((r.start, r.end), (date(2024, 6, 19), date(2024, 6, 25)));
    }

    #[test]
    fn partial_dates_look_back() {
        let p = date(2024, 1, 9);
        assert_eq!(partial(p, Some(12), None, false).unwrap().start, date(2023, 12, 1));
        assert_eq!(days_between(date(2023, 9, 12), date(2023, 9, 17)), Some(5));
    }
}

mod extract_parse {
    use factlint::internals::extract::parse::*;
    use factlint::internals::lang::token::{lower_text, tokenize};
    use factlint::internals::lang::Knowledge;

    fn num(lang: &str, s: &str) -> Option<f64> {
        let k = Knowledge::builtin().unwrap();
        let lex = k.lexicon(lang).unwrap();
        let lower = lower_text(s);
        let toks = tokenize(s, &lower);
        let v = number(lex)(&toks).ok().map(|(_, (v, _, _))| v);
        v
    }

    #[test]
    fn digits() {
        assert_eq!(num("is", "1.000 manns"), Some(1000.0));
        assert_eq!(num("is", "1 000 manns"), Some(1000.0));
        assert_eq!(num("is", "3,5 milljónir"), Some(3_500_000.0));
        assert_eq!(num("is", "850 milljónir"), Some(850_000_000.0));
        assert_eq!(num("is", "32 af 44"), Some(32.0));
        assert_eq!(num("is", "99999999999999999999 drónum"), Some(1e20));
    }

    #[test]
    fn day_with_an_ordinal_suffix() {
        let k = Knowledge::builtin().unwrap();
        let lex = k.lexicon("en").unwrap();
        for (s, rest) in [("March 14th.", 1), ("14th March", 0), ("March 14, 2025", 0)] {
            let lower = lower_text(s);
            let toks = tokenize(s, &lower);
            let (r, d) = written_date(lex)(&toks).unwrap();
            assert_eq!((r.len(), d.month, d.day), (rest, Some(3), Some(14)), "{s}");
        }
        // not in a lexicon without suffixes
        let lower = lower_text("14th mars");
        let toks = tokenize("14th mars", &lower);
        assert!(written_date(k.lexicon("sv").unwrap())(&toks).is_err());
    }

    #[test]
    fn words() {
        assert_eq!(num("is", "tuttugu og fjórir"), Some(24.0));
        assert_eq!(num("is", "tvö hundruð"), Some(200.0));
        assert_eq!(num("is", "þrjú þúsund fjögur hundruð og tólf"), Some(3412.0));
        assert_eq!(num("nn", "fire og tjue"), Some(24.0));
        assert_eq!(num("nb", "tjuefire"), Some(24.0));
        assert_eq!(num("nn", "to hundre og fem"), Some(205.0));
        assert_eq!(num("is", "fimm sex"), Some(5.0));
    }
}

mod report_jsonl {
    use factlint::internals::report::jsonl::*;

    /// Every line is an object whose fields, less `type`, are those of the JSON report's item.
    #[test]
    fn lines_are_the_json_reports_items_with_their_type() {
        let setup = factlint::internals::app::Setup::load(None).expect("built-in data");
        let opts = factlint::internals::app::RunOptions {
            paths: vec![
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
            ],
            ..Default::default()
        };
        let r = factlint::internals::app::check(&setup, &opts);
        let json: serde_json::Value =
            serde_json::from_str(&factlint::internals::report::json::print(&r)).expect("JSON");
        let text = print(&r);
        let mut by_type: std::collections::BTreeMap<String, Vec<serde_json::Value>> =
            Default::default();
        for l in text.lines() {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("one object a line");
            let kind = v["type"].as_str().expect("a type").to_string();
            v.as_object_mut().expect("an object").remove("type");
            by_type.entry(kind).or_default().push(v);
        }
        assert_eq!(
            by_type["report"],
            [serde_json::json!({"schema_version": factlint::internals::report::SCHEMA_VERSION})]
        );
        for (kind, list) in [
            ("document", "documents"),
            ("claim", "claims"),
            ("diagnostic", "diagnostics"),
            ("corroboration", "corroborations"),
        ] {
            assert_eq!(
                serde_json::Value::Array(by_type[kind].clone()),
                json[list],
                "{kind} records are the JSON report's {list}"
            );
        }
        assert!(!by_type.contains_key("problem") && !by_type.contains_key("baseline"));
    }
}

mod report_sarif {
    use factlint::internals::report::human::Sources;
    use factlint::internals::report::sarif::*;
    use serde_json::Value;

    /// Streamed, the log is byte for byte what serde_json pretty-prints for the whole log.
    #[test]
    fn streamed_log_is_the_pretty_printed_log() {
        let setup = factlint::internals::app::Setup::load(None).expect("built-in data");
        let opts = factlint::internals::app::RunOptions {
            paths: vec![
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
            ],
            threads: Some(1),
            ..Default::default()
        };
        let mut r = factlint::internals::app::check(&setup, &opts);
        assert!(r.diagnostics.len() >= 2);
        for report in [&r, &factlint::internals::report::Report::default()] {
            let streamed = print(report, &setup.rules);
            let mut v: Value = serde_json::from_str(&streamed).expect("valid JSON");
            let mut sources = Sources::default();
            v["runs"][0]["results"] =
                (0..report.diagnostics.len()).map(|i| result(report, i, &mut sources)).collect();
            assert_eq!(streamed, serde_json::to_string_pretty(&v).expect("prints") + "\n");
        }
        r.diagnostics.truncate(1);
        let one = print(&r, &setup.rules);
        assert_eq!(
            serde_json::from_str::<Value>(&one).expect("valid")["runs"][0]["results"]
                .as_array()
                .map(Vec::len),
            Some(1)
        );
    }
}

mod report_human {
    use factlint::internals::report::human::*;

    #[test]
    fn sources_read_only_the_lines_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let text = "første linje\nÞórður kom 12. mars\n\nsiste: 45 av 44\nslutt";
        std::fs::write(&path, text).unwrap();
        let p = path.to_str().unwrap();
        let mut sources = Sources::default();
        for off in [0, 5, 13, 14, 20, 35, 36, 40, text.len() - 1, text.len()] {
            assert_eq!(sources.line_col(p, off), line_col(text, off), "offset {off}");
        }
        // the lines of "45 av 44" and one on each side, from a line start
        let at = text.find("45").unwrap();
        let ex = sources.excerpt(p, at, at + 8);
        assert_eq!(
            (ex.base, ex.first_line, ex.text.as_str()),
            (text.find("\n\n").unwrap() + 1, 2, "\nsiste: 45 av 44\nslutt")
        );
        // a label on the last line of the lines read last still gets its line of context after
        let mut sources = Sources::default();
        assert_eq!(sources.excerpt(p, 0, 3).text.as_str(), "første linje\nÞórður kom 12. mars\n");
        let at = text.find("12.").unwrap();
        assert_eq!(
            sources.excerpt(p, at, at + 3).text.as_str(),
            "første linje\nÞórður kom 12. mars\n\n"
        );
        // a file that cannot be read gives nothing, and no panic
        let gone = sources.excerpt("/no/such/file", 10, 20);
        assert!(gone.text.is_empty());
    }
}

mod report_json {
    use factlint::internals::report::json::*;
    use factlint::{DocMeta, InputProblem, Report};
    use serde::Serialize;

    /// The report as serde_json prints it in one piece from collected lists: what [`write`],
    /// which serialises the lists from iterators, must reproduce.
    fn whole(r: &Report) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            schema_version: &'a str,
            documents: &'a [DocMeta],
            claims: Vec<ClaimOut<'a>>,
            diagnostics: Vec<DiagnosticOut<'a>>,
            corroborations: Vec<CorroborationOut<'a>>,
            problems: &'a [InputProblem],
            baseline: &'a Option<factlint::internals::diagnostic::BaselineOutcome>,
        }
        let out = Out {
            schema_version: factlint::internals::report::SCHEMA_VERSION,
            documents: &r.documents,
            claims: r.claims.iter().map(|c| ClaimOut::new(c, &r.documents)).collect(),
            diagnostics: DiagnosticOut::all(r),
            corroborations: r
                .corroborations
                .iter()
                .map(|c| CorroborationOut::new(c, &r.claims, &r.documents))
                .collect(),
            problems: &r.problems,
            baseline: &r.baseline,
        };
        serde_json::to_string_pretty(&out).expect("serialises") + "\n"
    }

    #[test]
    fn same_bytes_as_serde_json_in_one_piece() {
        let setup = factlint::internals::app::Setup::load(None).expect("built-in data");
        let opts = factlint::internals::app::RunOptions {
            paths: vec![
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
            ],
            ..Default::default()
        };
        let mut r = factlint::internals::app::check(&setup, &opts);
        assert!(!r.claims.is_empty() && !r.diagnostics.is_empty() && r.problems.is_empty());
        assert_eq!(print(&r), whole(&r), "a small report, with an empty list");
        // many claims, and a corroboration of many sources first, in the middle and last
        let claims = r.claims.clone();
        while r.claims.len() < 5000 {
            r.claims.extend(claims.iter().cloned());
        }
        let mut large = r.corroborations[0].clone();
        large.sources = large.sources.iter().cycle().take(2000).cloned().collect();
        r.corroborations.insert(0, large.clone());
        r.corroborations.insert(r.corroborations.len() / 2, large.clone());
        r.corroborations.push(large);
        assert_eq!(print(&r), whole(&r), "large lists");
        let empty = Report::default();
        assert_eq!(print(&empty), whole(&empty), "every list empty");
    }

    /// A claim as printed has the claim's fields inline, between its path and its resolved value,
    /// as `#[serde(flatten)]` puts them (in the JSON report's serializer and in serde_json's).
    #[test]
    fn claims_fields_are_inline_as_flattened() {
        #[derive(Serialize)]
        struct Flat<'a> {
            path: &'a str,
            #[serde(flatten)]
            claim: &'a factlint::Claim,
            resolved: serde_json::Value,
            value_text: serde_json::Value,
        }
        let setup = factlint::internals::app::Setup::load(None).expect("built-in data");
        let opts = factlint::internals::app::RunOptions {
            paths: vec![
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
            ],
            ..Default::default()
        };
        let r = factlint::internals::app::check(&setup, &opts);
        assert!(r.claims.len() > 20);
        for c in &r.claims {
            let out = ClaimOut::new(c, &r.documents);
            let v: serde_json::Value = serde_json::to_value(&out).expect("serialises");
            let path = v["path"].as_str().expect("a path");
            let flat = Flat {
                path,
                claim: c,
                resolved: v["resolved"].clone(),
                value_text: v["value_text"].clone(),
            };
            let want = serde_json::to_string_pretty(&flat).expect("serialises");
            assert_eq!(serde_json::to_string_pretty(&out).expect("serialises"), want);
            assert_eq!(pretty(&out).expect("serialises"), want);
        }
    }

    /// The report's serializer prints what serde_json's pretty printer prints: every escape,
    /// strings of every length around the eight-byte steps, numbers, empty and nested lists and
    /// objects, and serde's shapes of enums and maps.
    #[test]
    fn serializer_is_serde_jsons_pretty_printer() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(i32, f32),
            Empty(),
            Struct { a: Option<f64>, b: Vec<()> },
            NoFields {},
        }
        #[derive(Serialize)]
        struct Flat<'a> {
            x: bool,
            #[serde(flatten)]
            inner: &'a std::collections::BTreeMap<String, E>,
            #[serde(skip_serializing_if = "Option::is_none")]
            gone: Option<u8>,
        }
        let mut strings: Vec<String> = (0u8..=0x7f).map(|c| char::from(c).to_string()).collect();
        for n in 0usize..40 {
            for at in [0, n / 2, n.saturating_sub(1)] {
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'ð', '\u{7f}', '\u{2028}'] {
                    let mut s: String = "þa".repeat(n).chars().take(n).collect();
                    if at <= s.chars().count() {
                        let i = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                        s.insert(i, c);
                    }
                    strings.push(s);
                }
            }
        }
        let enums = std::collections::BTreeMap::from([
            ("u".to_string(), E::Unit),
            ("n\"ew".to_string(), E::New(7)),
            ("t".to_string(), E::Tuple(-3, 1.5)),
            ("e".to_string(), E::Empty()),
            ("s".to_string(), E::Struct { a: Some(f64::NAN), b: vec![(), ()] }),
            ("s0".to_string(), E::Struct { a: Some(-0.1), b: vec![] }),
            ("f".to_string(), E::NoFields {}),
        ]);
        let numbers = serde_json::json!([0, -1, u64::MAX, i64::MIN, 1e300, 2.5e-8, 100.0, -0.0]);
        let keys = std::collections::BTreeMap::from([(1u32, "one"), (22, "two")]);
        let value = (
            strings,
            Flat { x: true, inner: &enums, gone: None },
            numbers,
            keys,
            serde_json::json!({"a": [], "b": {}, "c": [[], {}, [[1]], {"d": {"e": null}}]}),
            ('q', b"by".as_slice(), (), [0u8; 0], f32::INFINITY, 0.1f32, u128::MAX, i8::MIN),
        );
        assert_eq!(pretty(&value).expect("prints"), serde_json::to_string_pretty(&value).unwrap());
        let deep =
            (0..40).fold(serde_json::json!("bottom"), |v, _| serde_json::json!([v, {"k": 1}]));
        assert_eq!(pretty(&deep).expect("prints"), serde_json::to_string_pretty(&deep).unwrap());
        // the same field names at every depth, first and not (the serializer's cache of names)
        #[derive(Serialize)]
        struct Node {
            a: u8,
            next: Option<Box<Node>>,
            list: Vec<Node>,
        }
        let nest =
            |n: u8| (0..n).fold(None, |next, a| Some(Box::new(Node { a, next, list: Vec::new() })));
        let tree = Node {
            a: 9,
            next: nest(36),
            list: (0..5).map(|a| Node { a, next: nest(a), list: Vec::new() }).collect(),
        };
        let trees = vec![&tree, &tree];
        assert_eq!(pretty(&trees).expect("prints"), serde_json::to_string_pretty(&trees).unwrap());
    }
}

mod report_html {
    use factlint::internals::report::html::*;

    #[test]
    fn a_jsonl_paragraph_is_cut_at_escaped_breaks_and_shown_unescaped() {
        let line = r#"{"text":"Tittel\n\nDet kom \"32 av 44\" droner.\nNeste avsnitt."}"#;
        let at = line.find("32").unwrap();
        let (a, b) = escaped_paragraph(line, at);
        assert_eq!(&line[a..b], r#"Det kom \"32 av 44\" droner."#);
        assert_eq!(shown(&line[a..b], true), "Det kom \"32 av 44\" droner.");
        // the first paragraph ends at the quote that opens the string
        let (a, b) = escaped_paragraph(line, line.find("Tittel").unwrap());
        assert_eq!(&line[a..b], "Tittel");
        assert_eq!(shown(r"\u00fe\ud83d\ude00 x\ty", true), "þ😀 x y");
        // a text file's backslashes are text
        assert_eq!(shown(r"a\nb", false), r"a\nb");
    }

    #[test]
    fn a_long_line_is_windowed_at_spaces_around_the_claim() {
        let line = format!("{} 45 av 44 {}", "ord ".repeat(300), "slutt ".repeat(300));
        let at = line.find("45").unwrap();
        let (a, b) = window(&line, at, at + 8);
        assert!(a > 0 && b < line.len());
        assert!(line[a..b].contains("45 av 44"));
        assert!(line[a..].starts_with("ord ") && line[..b].ends_with("slutt"));
        assert!(b - a <= 2 * WINDOW + 8);
        assert_eq!(window("kort linje", 0, 4), (0, 10));
    }
}

mod intern {
    use factlint::internals::intern::*;

    #[test]
    fn interned_texts_compare_as_text() {
        let (a, b, a2) = (Sym::new("drone"), Sym::new("visit"), Sym::new(&String::from("drone")));
        assert_eq!(a, a2);
        assert_ne!(a, b);
        assert!(a < b);
        assert_eq!(&*a, "drone");
        let mut m: std::collections::HashMap<Sym, u8> = std::collections::HashMap::new();
        m.insert(a, 1);
        assert_eq!(m.get("drone"), Some(&1));
        assert_eq!(serde_json::to_string(&b).ok().as_deref(), Some("\"visit\""));
        let back: Option<Sym> = serde_json::from_str("\"visit\"").ok();
        assert_eq!(back, Some(b));
    }

    #[test]
    fn lists_behave_as_vectors() {
        use std::hash::BuildHasher;
        let h = std::collections::hash_map::RandomState::new();
        for items in [vec![], vec!["kim"], vec!["kim", "putin"], vec!["a", "ab"]] {
            let l = SymList::new(&items);
            assert_eq!(l.iter().collect::<Vec<_>>(), items);
            assert_eq!(l.len(), items.len());
            assert_eq!(l.is_empty(), items.is_empty());
            assert_eq!(h.hash_one(l), h.hash_one(&items[..]));
            assert_eq!(serde_json::to_string(&l).ok(), serde_json::to_string(&items).ok());
        }
        let (a, b, c) = (SymList::new(&["a"]), SymList::new(&["a", "b"]), SymList::new(&["ab"]));
        assert!(a < b && b < c && vec!["a", "b"] < vec!["ab"]);
    }
}

mod claims {
    use factlint::internals::claims::*;
    use factlint::Sym;

    #[test]
    fn a_claim_is_compact() {
        // 104 bytes before the claim frame (role, scope, frame, grows) and the time detail
        assert!(std::mem::size_of::<Claim>() <= 128, "{}", std::mem::size_of::<Claim>());
    }

    #[test]
    fn a_claim_serializes_flat_and_back() {
        let mut c = Claim::new(
            ClaimKind::PartOfWhole,
            32.0,
            (120, 128),
            (3, (100, 150)),
            Some(1),
            Sym::new("32 af 44"),
            Sym::new("is"),
        );
        c.detail = Detail::Whole(44.0);
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(
            (v["start"].as_u64(), v["sentence_start"].as_u64(), v["sentence_end"].as_u64()),
            (Some(120), Some(100), Some(150))
        );
        assert_eq!(
            (v["whole"].as_f64(), v["twin_of"].as_u64(), v["date"].is_null()),
            (Some(44.0), Some(1), true)
        );
        let back: Claim = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.sentence_span(), (100, 150));
    }

    #[test]
    fn years_print_as_written() {
        assert_eq!(fmt_years(4.0), "4");
        assert_eq!(fmt_years(1.5), "1.5");
        assert_eq!(fmt_years(2.3), "2.3");
    }
}

mod config {
    use factlint::internals::config::*;
    use std::path::Path;

    #[test]
    fn globs() {
        let m = |g: &str, s: &str| glob_match(g.as_bytes(), s.as_bytes());
        assert!(m("*.txt", "a.txt") && !m("*.txt", "d/a.txt"));
        assert!(m("**/*.txt", "a.txt") && m("**/*.txt", "d/e/a.txt"));
        assert!(m("drafts/**", "drafts/a/b.txt") && !m("drafts/**", "old/a.txt"));
        assert!(m("a?c", "abc") && !m("a?c", "a/c"));
        let set = PathSet::new(Path::new("/corpus"), vec!["drafts".into()]);
        assert!(set.matches(Path::new("/corpus/x/drafts/a.txt")));
        assert!(!set.matches(Path::new("/corpus/x/a.txt")));
        assert!(!set.matches(Path::new("/elsewhere/drafts/a.txt")));
    }

    #[test]
    fn codes() {
        assert!(matches_code("FL00", "FL002") && matches_code("fl002", "FL002"));
        assert!(matches_code("ALL", "FL002") && !matches_code("FL0021", "FL002"));
    }
}

mod lang_merge {
    use factlint::internals::lang::merge::*;
    use toml::Table;

    fn b(s: &str) -> (String, String) {
        ("builtin.toml".into(), s.into())
    }
    fn d(s: &str) -> (String, String) {
        ("desk.toml".into(), s.into())
    }

    #[test]
    fn forms_merge_and_replace_replaces() {
        let base = b("[visit]\nkind = \"event\"\nen = [\"visit\"]\n");
        let (_, src) = merge(DataKind::ById, &base, d("[visit]\nda = [\"besøg\"]\n")).unwrap();
        let t: Table = toml::from_str(&src).unwrap();
        assert_eq!(t["visit"]["da"].as_array().unwrap().len(), 1);
        assert_eq!(t["visit"]["en"].as_array().unwrap().len(), 1);
        assert_eq!(t["visit"]["kind"].as_str(), Some("event"));
        let (name, src) = merge(
            DataKind::ById,
            &base,
            d("replace = true\n[trip]\nkind = \"event\"\nen = [\"trip\"]\n"),
        )
        .unwrap();
        assert_eq!(name, "desk.toml");
        let t: Table = toml::from_str(&src).unwrap();
        assert!(t.get("visit").is_none() && t.get("trip").is_some());
    }

    #[test]
    fn a_form_of_two_entries_names_both_files() {
        let base = b("[visit]\nkind = \"event\"\nen = [\"visit\"]\n");
        let e = merge(DataKind::ById, &base, d("[trip]\nkind = \"event\"\nen = [\"Visit\"]\n"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("builtin.toml") && e.contains("desk.toml") && e.contains("`visit`"),
            "{e}"
        );
        let base = b("code = \"xx\"\nname = \"X\"\n[cardinals]\n\"2\" = [\"to\"]\n");
        let e = merge(DataKind::Lexicon, &base, d("[cardinals]\n\"3\" = [\"to\"]\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("cardinals.2") && e.contains("cardinals.3"), "{e}");
        // the same form under the same entry is no conflict
        assert!(
            merge(DataKind::Lexicon, &base, d("[cardinals]\n\"2\" = [\"to\", \"tu\"]\n")).is_ok()
        );
    }
}

mod lang {
    use factlint::internals::lang::*;

    #[test]
    fn fold_names() {
        assert_eq!(fold_name("Pútín"), "putin");
        assert_eq!(fold_name("Sjoígú"), "sjoigu");
        // the Latin-1 table and the per-character decomposition agree with decomposing the
        // whole text
        let whole = |s: &str| -> String {
            use unicode_normalization::UnicodeNormalization;
            s.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .map(nordic)
                .collect()
        };
        for c in (0x80..0x3000u32).filter_map(char::from_u32) {
            let s = format!("Ab{c}é");
            assert_eq!(fold_name(&s), whole(&s), "{c:?}");
        }
    }
}

mod lang_token {
    use factlint::internals::lang::token::*;

    #[test]
    fn words_digits_punct() {
        let s = "Shahed-drónum: 1 000, 2019-2020.";
        let lower = lower_text(s);
        let t = tokenize(s, &lower);
        let texts: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Shahed-drónum", ":", "1", "000", ",", "2019", "-", "2020", "."]);
        assert_eq!((t[2].start, t[2].end), (16, 17));
        assert_eq!(t[0].lower(), "shahed-drónum");
        assert!(t[3].single_space_before);
        assert!(t[2].is_digits());
    }

    #[test]
    fn lower_text_fast_paths_agree_with_unicode() {
        for c in (0..0x2100u32).filter_map(char::from_u32) {
            let mut l = c.to_lowercase();
            let want = match (l.next(), l.next()) {
                (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
                _ => c,
            };
            // (a non-ASCII text: the ASCII one takes another road)
            assert_eq!(lower_text(&format!("é{c}")), format!("é{want}"), "{c:?}");
        }
    }

    #[test]
    fn lower_text_keeps_offsets() {
        let s = "ÞÓRÐUR Pútín İstanbul KELVIN \u{212a} ÆØÅ";
        let l = lower_text(s);
        assert_eq!(l.len(), s.len());
        assert_eq!(l, "þórður pútín İstanbul kelvin \u{212a} æøå");
        let toks = tokenize(s, &l);
        let lowers: Vec<_> = toks.iter().map(|t| t.lower()).collect();
        assert_eq!(lowers, ["þórður", "pútín", "İstanbul", "kelvin", "\u{212a}", "æøå"]);
    }
}

mod archive_store {
    use factlint::internals::archive::store::*;
    use factlint::internals::claims::ClaimKind;
    use factlint::internals::corpus::{DateSource, LangSource};
    use factlint::{DocId, DocMeta};
    use jiff::civil::Date;

    #[test]
    fn meta_round_trip() {
        let d = DocMeta {
            path: "a/b.txt".into(),
            line: Some(3),
            outlet: Some("Vísir".into()),
            lang: "is".into(),
            lang_source: LangSource::Detected,
            published: Date::new(2023, 9, 14).ok(),
            published_source: DateSource::Dateline,
            claims: 2,
            sentences: 5,
            folded: 1,
            stripped_bytes: 40,
            skipped: Default::default(),
            sketch: Default::default(),
        };
        let back = decode_meta(&encode_meta(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn claim_round_trip() {
        use factlint::internals::corpus::{
            analyze, CorpusOptions, Meta, OffsetMap, RawDoc, Stripper,
        };
        let k = factlint::internals::lang::Knowledge::builtin().unwrap();
        let text = "Frétt\n\n13. september 2023 06:58\n\nÞetta er fyrsta ferð Kims í fjögur ár. Um 32 af 44 drónum voru skotnir niður í gær, eftir sex daga heimsókn Pútíns á miðvikudag.\n";
        let raw = RawDoc {
            path: "a.txt".into(),
            line: None,
            text: text.into(),
            map: OffsetMap::identity(),
            meta: Meta::default(),
        };
        let doc = analyze(raw, &k, &Stripper::new(&k.boilerplate), &CorpusOptions::default());
        let claims = factlint::internals::extract::extract(&doc, DocId(7), &k);
        let kinds: std::collections::HashSet<ClaimKind> = claims.iter().map(|c| c.kind).collect();
        assert!(kinds.len() >= 4, "{kinds:?}");
        for c in &claims {
            assert_eq!(&decode_claim(&encode_claim(c).unwrap(), DocId(7)).unwrap(), c);
        }
    }
}

mod archive_hash {
    use factlint::internals::archive::hash::*;

    #[test]
    fn known_vectors() {
        assert_eq!(Fnv1a::default().hex(), "cbf29ce484222325");
        assert_eq!(Fnv1a::default().write(b"a").hex(), "af63dc4c8601ec8c");
        assert_eq!(Fnv1a::default().write(b"foobar").hex(), "85944171f73967e8");
    }
}

mod corpus_wire {
    use factlint::internals::corpus::wire::*;
    use factlint::internals::lang::token::{lower_text, scan};

    fn sk(text: &str) -> Sketch {
        let mut toks = Vec::new();
        scan(text, 0, &mut toks);
        sketch(&lower_text(text), toks.iter())
    }

    fn words(seed: usize, n: usize) -> String {
        (0..n)
            .map(|i| format!("w{}", (i * 7919 + seed * 104_729) % 100_003))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_copy_with_a_head_and_a_tail_is_one_text() {
        let body = words(1, 300);
        let a = sk(&format!("{} {body}", words(2, 40)));
        let b = sk(&format!("{body} {}", words(3, 80)));
        assert!(same_text(&a, &b));
        assert_eq!(voices([&a, &b, &sk(&words(4, 300))].into_iter()), [0, 0, 2]);
    }

    #[test]
    fn a_shared_paragraph_is_not_one_text() {
        let quote = words(9, 50);
        let a = sk(&format!("{} {quote} {}", words(5, 150), words(6, 150)));
        let b = sk(&format!("{} {quote} {}", words(7, 150), words(8, 150)));
        assert!(!same_text(&a, &b), "{}", shared(&a, &b));
        // a short text is never a copy by a few words
        assert!(!same_text(
            &sk("the ferry sank near the coast"),
            &sk("the ferry sank near the coast")
        ));
    }
}
