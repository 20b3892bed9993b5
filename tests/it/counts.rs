//! Counts, durations and numbers that are no claims (the accuracy issue's claim precision and
//! recall), and reported updates. Each class in texts of our own writing: near misses that must
//! not become claims (exact claim lists), planted conflicts that must fire.

use crate::common;

use factlint::internals::report::{Report, Severity};

/// Check texts given as (file name, language, publication date, text), with a manifest.
fn check(docs: &[(&str, &str, &str, &str)]) -> Report {
    common::check_docs(docs, None)
}

/// One text's claims as "kind text value".
fn claims(lang: &str, text: &str) -> Vec<String> {
    let r = check(&[("a.txt", lang, "2025-02-03", text)]);
    r.claims.iter().map(|c| format!("{} {} {}", c.kind.name(), c.text, c.value_text())).collect()
}

fn by(r: &Report, sev: Severity) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == sev)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

// ---------------------------------------------------------------- measurements

/// A number before a unit of length, speed, temperature, money or a magnitude word measures; it
/// counts nothing. The counts beside them stay.
#[test]
fn measurements_are_no_counts() {
    assert_eq!(
        claims(
            "en",
            "The lava front stood 52 metres (171 feet) from the road, 19 miles from the town, \
             and winds of 40 mph blew at 4 °C. A magnitude 4.2 quake shook 30 houses.\n"
        ),
        ["count 30 30"]
    );
    assert_eq!(
        claims(
            "is",
            "Sprungan er um 300 metra löng og skjálfti 3,8 að stærð fannst. Fimm hús skemmdust.\n"
        ),
        ["count Fimm 5"]
    );
    assert_eq!(
        claims(
            "nb",
            "Skredet var 600 meter langt og 15–25 meter bredt. Skjelvet hadde styrke 3,1. \
             Tolv hus ble tatt.\n"
        ),
        ["count Tolv 12"]
    );
    assert_eq!(
        claims("nn", "Toget køyrde i 60 kilometer i timen då fire vogner spora av.\n"),
        ["count fire 4"]
    );
    // a rate is no duration of one hour
    assert_eq!(claims("en", "Gusts reached 90 km an hour as nine boats sank.\n"), ["count nine 9"]);
    assert_eq!(
        claims("da", "Billetten kostede 1 500 kroner, og der var 12 °C. Tre busser kørte.\n"),
        ["count Tre 3"]
    );
    assert_eq!(
        claims("sv", "Det kostar 2 400 kronor och är 3,5 kilometer dit. Sju vagnar spårade ur.\n"),
        ["count Sju 7"]
    );
}

/// A count is of whole things: a number with a fraction left after its scale ("18.13", "4,7",
/// "10.5" with nothing measured) is no count in any language; near misses: "1.5 million",
/// "1,5 millioner", "2,5 miljoner" are whole once scaled and stay, as do the whole counts beside.
#[test]
fn fractional_numbers_are_no_counts() {
    for (lang, text, want) in [
        ("en", "A reading of 18.13 was logged, and 30 houses were evacuated.\n", "count 30 30"),
        ("nb", "Målingen viste 4,7 ved stasjonen, og 30 hus ble evakuert.\n", "count 30 30"),
        ("da", "Målingen viste 4,7 ved stationen, og 30 huse blev evakueret.\n", "count 30 30"),
        ("sv", "Mätningen visade 10,5 vid stationen, och 30 hus evakuerades.\n", "count 30 30"),
        ("is", "Mælingin sýndi 4,7 við stöðina og 30 hús voru rýmd.\n", "count 30 30"),
    ] {
        assert_eq!(claims(lang, text), [want], "{lang}: {text}");
    }
    for (lang, text, want) in [
        ("en", "About 1.5 million people live there.\n", "count 1.5 million ~1500000"),
        ("nb", "Rundt 1,5 millioner mennesker bor der.\n", "count 1,5 millioner ~1500000"),
        ("sv", "Runt 2,5 miljoner människor bor där.\n", "count 2,5 miljoner ~2500000"),
    ] {
        assert_eq!(claims(lang, text), [want], "{lang}: {text}");
    }
}

/// A decade of life or of a century glued to its number ("i 50-årene", "i 50-åra", "i 50'erne",
/// "in his 50s", "the 1990's") is no duration and no count; near misses: a span glued before its
/// event ("the 3-day visit", "the 10-day search") and "de siste 50 årene" stay durations.
#[test]
fn decades_of_life_are_no_claims() {
    for (lang, text) in [
        ("nb", "En mann i 50-årene er savnet, og 30 hus er evakuert.\n"),
        ("nn", "Ein mann i 50-åra er sakna, og 30 hus er evakuerte.\n"),
        ("da", "En mand i 50'erne er savnet, og 30 huse er evakueret.\n"),
        ("en", "A man in his 50s is missing, and 30 houses were evacuated.\n"),
        ("en", "Built in the 1990's, the bridge stood by 30 houses.\n"),
    ] {
        let got = claims(lang, text);
        assert_eq!(got.len(), 1, "{lang}: {text}: {got:?}");
        assert!(got[0].ends_with(" 30"), "{lang}: {text}: {got:?}");
    }
    for (lang, text, want) in [
        ("en", "The 3-day visit ended.\n", "duration 3-day 3 days"),
        ("en", "The 10-day search was called off.\n", "duration 10-day 10 days"),
        ("nb", "Det har vært rolig de siste 50 årene.\n", "duration 50 årene 50 years"),
    ] {
        assert_eq!(claims(lang, text), [want], "{lang}: {text}");
    }
}

/// Money is an amount only in digits: a number in words may count the things ("three crowns" on
/// a spire, a coin).
#[test]
fn money_in_words_may_count_things() {
    assert_eq!(
        claims("da", "På toppen sidder tre kroner, og reparationen kostede 40 kroner.\n"),
        ["count tre 3"]
    );
}

// ---------------------------------------------------------------- ages, names, furniture

/// Ages are no counts and no durations: "på 50 år", "i alderen 15 til 50 år", "17 årig", "years
/// old". "Tre personer" beside them stays a count.
#[test]
fn ages_are_no_claims() {
    assert_eq!(
        claims(
            "da",
            "Tre personer blev såret: en mand på 52 år og to kvinder på henholdsvis 18 og 33 år. \
             De er i alderen 18 til 52 år, og en 16 årig dreng blev også ramt.\n"
        ),
        // ("to kvinder": two women, a count)
        ["count Tre 3", "count to 2"]
    );
    assert_eq!(
        claims("en", "A man aged 61 and a girl who is 9 years old were among 14 people hurt.\n"),
        ["count 14 14"]
    );
    assert_eq!(claims("sv", "En man på 44 år och fyra andra skadades.\n"), ["count fyra 4"]);
    // a near miss: a duration after "på" with no person before it is still a duration
    assert_eq!(claims("da", "Værket blev bygget på 12 år.\n"), ["duration 12 år 12 years"]);
}

/// Numbers that name: an emergency number after a call verb, a zone or area number, a date or
/// ratio written with slashes, a site code glued by a hyphen.
#[test]
fn names_and_codes_are_no_counts() {
    assert_eq!(
        claims(
            "en",
            "She called 112 at once. Homes in area 4 and zone 7 were cleared; 40 homes in all. \
             Posted 03/02/2025. ttn-69\n"
        ),
        ["count 40 40"]
    );
    assert_eq!(
        claims("is", "Íbúar á svæði 4 hringdu í 112 og níu hús voru rýmd.\n"),
        ["count níu 9"]
    );
    assert_eq!(claims("nb", "Han ringte 113 da sju biler kolliderte i sone 2.\n"), ["count sju 7"]);
    // a near miss: a year glued by a hyphen is still a year
    assert!(claims("en", "The work ends in mid-2027.\n").iter().any(|c| c.contains("2027")));
}

/// "2 min read", the reading time of a page, is furniture.
#[test]
fn reading_time_is_no_count() {
    assert_eq!(claims("en", "5 min read\n\nSix boats were lost in the storm.\n"), ["count Six 6"]);
}

// ---------------------------------------------------------------- durations and anaphora

/// Offsets between two events and ranges of time are durations of no event: loose, never the
/// event's own duration, never compared; "an hour" and genitive units are durations.
#[test]
fn offsets_ranges_and_articles_are_durations() {
    assert_eq!(
        claims(
            "en",
            "Crews arrived 10 to 15 minutes after the alarm. About an hour later the fire was out.\n"
        ),
        ["duration 10 to 15 minutes 10 minutes", "duration an hour ~1 hour"]
    );
    assert_eq!(
        claims("nb", "Fire dager senere kom skipet til kai.\n"),
        ["duration Fire dager 4 days"]
    );
    assert_eq!(claims("sv", "Huset har 300 års historia.\n"), ["duration 300 års 300 years"]);
    // two outlets that disagree on an offset raise nothing: an offset is no event's duration
    let r = check(&[
        ("a.txt", "da", "2025-02-03", "Politiet kom 13 minutter efter anmeldelsen.\n"),
        ("b.txt", "da", "2025-02-03", "Politiet kom 20 minutter efter anmeldelsen.\n"),
    ]);
    assert!(by(&r, Severity::Error).is_empty() && by(&r, Severity::Warning).is_empty());
}

/// A number after "the", "dei", "de" with a counted thing after it restates a count: a loose
/// count; with nothing after it, it only refers back. "One of them" is a count of one.
#[test]
fn anaphoric_counts_with_their_noun() {
    assert_eq!(
        claims(
            "nn",
            "Dei 212 passasjerane vart henta. Dei to kom seinare. Ein av desse var skadd.\n"
        ),
        ["count 212 212", "count Ein 1"]
    );
    assert_eq!(claims("en", "The two avalanches hit at night.\n"), ["count two 2"]);
    // loose: two reports restating different numbers raise nothing
    let r = check(&[
        ("a.txt", "nb", "2025-02-03", "De 212 passasjerene ble fløyet i land.\n"),
        ("b.txt", "nb", "2025-02-03", "De 240 passasjerene ble fløyet i land.\n"),
    ]);
    assert!(r.claims.iter().all(|c| !c.bound()), "{:?}", r.claims);
    assert!(by(&r, Severity::Error).is_empty(), "{:?}", by(&r, Severity::Error));
}

/// An old year after "i"/"in" before no noun is a year; before a noun it counts.
#[test]
fn an_old_year_is_a_date() {
    assert_eq!(
        claims("da", "Huset blev bygget i 1640. Der er plads i 1200 hjem.\n"),
        ["date 1640 1640", "count 1200 1200"]
    );
}

// ---------------------------------------------------------------- planted conflicts still fire

/// The classes above take nothing from a real conflict: two counts of one frame beside
/// measurements, ages and a slashed date still disagree.
#[test]
fn a_count_beside_measurements_still_conflicts() {
    let r = check(&[
        (
            "a.txt",
            "nb",
            "2025-02-03",
            "Oppdatert 03/02/2025\n\nOm bord var 45 passasjerer da toget, som kjørte i 80 \
             kilometer i timen, sporet av. De 45 passasjerene og en mann på 40 år er skadd.\n",
        ),
        (
            "b.txt",
            "nn",
            "2025-02-03",
            "Toget var 200 meter langt. Om bord var 54 passasjerar då toget spora av.\n",
        ),
    ]);
    assert_eq!(by(&r, Severity::Error).len(), 1, "{:?}", r.diagnostics);
    assert!(by(&r, Severity::Error)[0].starts_with("FL002"), "{:?}", by(&r, Severity::Error));
}

// ---------------------------------------------------------------- updates

/// "The toll rose from 3 to 5" in any language: a note (advice), never an error; the earlier
/// value is no claim.
#[test]
fn a_reported_rise_is_a_note() {
    for (lang, text) in [
        ("en", "The number of dead rose from 3 to 5 people.\n"),
        ("nb", "Antall døde steg fra 3 til 5 personer.\n"),
        ("nn", "Talet på døde steg frå 3 til 5 personar.\n"),
        ("da", "Antallet af døde steg fra 3 til 5 personer.\n"),
        ("sv", "Antalet döda ökade från 3 till 5 personer.\n"),
        ("is", "Fjöldi látinna hækkaði úr 3 í 5 manns.\n"),
    ] {
        let r = check(&[("a.txt", lang, "2025-02-03", text)]);
        let values: Vec<String> = r.claims.iter().map(|c| c.value_text()).collect();
        assert_eq!(values, ["5"], "{lang}");
        assert_eq!(r.claims[0].previous(), Some(3.0), "{lang}");
        assert!(by(&r, Severity::Error).is_empty(), "{lang}");
        assert_eq!(by(&r, Severity::Advice).len(), 1, "{lang}: {:?}", r.diagnostics);
        assert!(by(&r, Severity::Advice)[0].contains("rose from 3 to 5"), "{lang}");
    }
    // a near miss: a range of time is no update
    let r = check(&[("a.txt", "en", "2025-02-03", "The talks ran from 3 to 5 hours a day.\n")]);
    assert!(by(&r, Severity::Advice).is_empty(), "{:?}", r.diagnostics);
}

/// A growing count, higher in a later day's report: one note between the two reports, exit 0;
/// the same counts on one day say nothing; a count that does not grow still conflicts.
#[test]
fn a_growing_count_in_a_later_report_is_a_note() {
    let r = check(&[
        ("a.txt", "nb", "2025-02-03", "Fire personer omkom i skredet, opplyser politiet.\n"),
        ("b.txt", "nb", "2025-02-05", "Sju personer omkom i skredet, opplyser politiet.\n"),
    ]);
    assert!(by(&r, Severity::Error).is_empty(), "{:?}", r.diagnostics);
    let notes = by(&r, Severity::Advice);
    assert_eq!(notes.len(), 1, "{:?}", r.diagnostics);
    assert!(notes[0].contains("rose from 4") && notes[0].contains("to 7"), "{notes:?}");
    assert!(!r.has_errors());
    // one day: not ordered, nothing said
    let r = check(&[
        ("a.txt", "nb", "2025-02-03", "Fire personer omkom i skredet, opplyser politiet.\n"),
        ("b.txt", "nb", "2025-02-03", "Sju personer omkom i skredet, opplyser politiet.\n"),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // a falling toll between days is no rise: nothing said
    let r = check(&[
        ("a.txt", "nb", "2025-02-03", "Sju personer omkom i skredet, opplyser politiet.\n"),
        ("b.txt", "nb", "2025-02-05", "Fire personer omkom i skredet, opplyser politiet.\n"),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// The note in the command's JSON and human output, with exit status 0.
#[test]
fn the_update_note_in_json_and_human_output() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("a.txt"), "Antall døde steg fra 3 til 5 personer.\n")
        .expect("write");
    std::fs::write(
        dir.path().join("manifest.jsonl"),
        "{\"path\": \"a.txt\", \"lang\": \"nb\", \"published\": \"2025-02-03\"}\n",
    )
    .expect("manifest");
    let path = dir.path().to_str().expect("utf-8");
    let (code, out, _) = common::run(&["check", "--format", "json", path]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let d = &v["diagnostics"][0];
    assert_eq!((d["code"].as_str(), d["severity"].as_str()), (Some("FL002"), Some("advice")));
    assert!(d["message"].as_str().is_some_and(|m| m.contains("rose from 3 to 5")), "{d}");
    let (code, out, err) = common::run(&["check", path]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(format!("{out}{err}").contains("rose from 3 to 5"), "{out}{err}");
}

// ---------------------------------------------------------------- a count against a part of a whole

/// "78 passengers" against "87 of the 104 passengers": the part of a part-of-whole is a count of
/// its things, compared with counts in one frame, across languages (a weak match, a warning: no
/// sentence says what of the passengers).
#[test]
fn a_count_is_compared_with_the_part_of_a_part_of_whole() {
    let part_en = "Ferry turns back\n\nRescuers helped 87 of the 104 passengers off the ferry at \
                   Floro on Thursday, the rescue centre said.\n";
    let part_is = "Ferjan sneri við\n\nBjörgunarmenn komu 87 af 104 farþegum í land í Florø á \
                   fimmtudag.\n";
    let count_nb = "Ferja snudde\n\nRedningsmannskapene hjalp 78 passasjerer i land i Florø \
                    torsdag, opplyser hovedredningssentralen.\n";
    let count_en = "Ferry turns back\n\nRescuers brought 78 passengers ashore at Floro on \
                    Thursday, the rescue centre said.\n";
    for (count, count_lang) in [(count_nb, "nb"), (count_en, "en")] {
        let r = check(&[
            ("a.txt", "en", "2025-03-14", part_en),
            ("b.txt", "is", "2025-03-14", part_is),
            ("c.txt", count_lang, "2025-03-14", count),
        ]);
        let warnings = by(&r, Severity::Warning);
        assert_eq!(warnings, ["FL002: c.txt says 78 for passenger, other sources disagree"]);
        assert!(by(&r, Severity::Error).is_empty(), "{:?}", r.diagnostics);
    }
}

/// Near misses: a count that states the part ("87 passengers") or the whole ("104 passengers")
/// of "87 of the 104 passengers" agrees with it.
#[test]
fn a_count_of_the_part_or_the_whole_agrees_with_a_part_of_whole() {
    let part_en = "Ferry turns back\n\nRescuers helped 87 of the 104 passengers off the ferry at \
                   Floro on Thursday, the rescue centre said.\n";
    for (lang, count) in [
        (
            "nb",
            "Ferja snudde\n\nRedningsmannskapene hjalp 87 passasjerer i land i Florø torsdag.\n",
        ),
        ("sv", "Färjan vände\n\nRäddningstjänsten hjälpte 104 passagerare i land i Florø.\n"),
        ("en", "Ferry turns back\n\nRescuers brought 104 passengers ashore at Floro.\n"),
    ] {
        let r =
            check(&[("a.txt", "en", "2025-03-14", part_en), ("c.txt", lang, "2025-03-14", count)]);
        assert!(r.diagnostics.is_empty(), "{lang}: {:?}", r.diagnostics);
    }
}

// ---------------------------------------------------------------- passengers, crew, those aboard

fn errors_with_files(r: &Report) -> Vec<(String, Vec<String>)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let files = d
                .labels
                .iter()
                .map(|l| l.path.rsplit('/').next().unwrap_or_default().to_string())
                .collect();
            (format!("{}: {}", d.code, d.message), files)
        })
        .collect()
}

/// Passengers and crew with no verb of their own beside them are those aboard ("a ferry with
/// 212 passengers, a captain and …"): they meet "212 passasjerer om bord" across languages, and
/// a report of 250 on board is an error labelled at both.
#[test]
fn passengers_with_no_verb_of_their_own_are_those_aboard() {
    let a =
        ("a.txt", "nb", "2025-03-03", "Om bord på ferja var 212 passasjerer da motoren stanset.\n");
    let b = (
        "b.txt",
        "sv",
        "2025-03-03",
        "Färjan med 212 passagerare, en kapten och en styrman drev mot land i natt.\n",
    );
    let c = (
        "c.txt",
        "en",
        "2025-03-03",
        "The ferry had 250 passengers on board when its engine failed.\n",
    );
    let r = check(&[a, b, c]);
    let errors = errors_with_files(&r);
    assert_eq!(errors.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errors[0].0, "FL002: c.txt says 250 for passenger aboard, other sources disagree");
    assert_eq!(errors[0].1, ["c.txt", "a.txt", "b.txt"]);
    // near misses: a verb of its own says what happened to them ("brought … ashore", "dræber"),
    // so no role is guessed and nothing is an error
    for (lang, text) in [
        ("en", "Rescuers brought 250 passengers ashore on Monday night.\n"),
        ("da", "Ulykken dræber seks passagerer og kvæster mange andre.\n"),
        ("nn", "Helikoptera henta 30 passasjerar om gongen.\n"),
    ] {
        let r = check(&[a, b, ("c.txt", lang, "2025-03-03", text)]);
        assert!(by(&r, Severity::Error).is_empty(), "{lang}: {:?}", r.diagnostics);
    }
}

/// The crew aboard does not change between a report of the day and one a year later: compared
/// across any span of publication ("et mannskap på 40", "a crew of 46"); a growing count a year
/// apart is not.
#[test]
fn crew_is_compared_across_publication_windows() {
    let r = check(&[
        (
            "a.txt",
            "nb",
            "2025-03-03",
            "Skipet hadde 300 passasjerer. Et mannskap på 40 var om bord.\n",
        ),
        ("b.txt", "nn", "2025-03-04", "Mannskapet på 40 fekk i gang motorane att.\n"),
        (
            "c.txt",
            "en",
            "2026-01-20",
            "A year on, the inquiry said a crew of 46 had kept the ship afloat.\n",
        ),
    ]);
    let errors = errors_with_files(&r);
    assert_eq!(errors.len(), 1, "{:?}", r.diagnostics);
    assert!(errors[0].0.starts_with("FL002: c.txt says 46 for crew aboard"), "{errors:?}");
    // near miss: the evacuated a year apart are an update at most, never an error
    let r = check(&[
        ("a.txt", "nb", "2025-03-03", "Politiet evakuerte 40 personer fra skipet.\n"),
        ("b.txt", "nb", "2026-01-20", "Politiet evakuerte 46 personer fra skipet.\n"),
    ]);
    assert!(by(&r, Severity::Error).is_empty(), "{:?}", r.diagnostics);
}

/// "131 personer om bord" counts what "de 134 om bord" counts: a generic noun with a role counts
/// the role, and a definite count with its thing or role named restates the whole (Danish against
/// Bokmål). "De resterende 120 om bord" (the rest) is a part: no error.
#[test]
fn the_definite_count_of_those_aboard_restates_the_whole() {
    let a = ("a.txt", "nb", "2025-03-03", "Det var 131 personer om bord på toget.\n");
    let b = ("b.txt", "da", "2025-03-03", "Blandt de 134 om bord på toget var to læger.\n");
    let r = check(&[a, b]);
    let errors = errors_with_files(&r);
    assert_eq!(errors.len(), 1, "{:?}", r.diagnostics);
    let mut files = errors[0].1.clone();
    files.sort();
    assert_eq!(files, ["a.txt", "b.txt"]);
    for (lang, text) in [
        ("da", "Blandt de resterende 120 om bord på toget var to læger.\n"),
        ("en", "Two doctors were among the remaining 120 on board the train.\n"),
    ] {
        let r = check(&[a, ("b.txt", lang, "2025-03-03", text)]);
        assert!(by(&r, Severity::Error).is_empty(), "{lang}: {:?}", r.diagnostics);
    }
}

/// A word after the counted noun ends its phrase: "two carriages of a passenger train" counts
/// carriages, "20 til 30 passasjerer" is one vague range.
#[test]
fn the_counted_noun_ends_at_its_phrase() {
    let r = check(&[(
        "a.txt",
        "en",
        "2025-03-03",
        "Two carriages of a passenger train left the rails.\n",
    )]);
    let c = &r.claims[0];
    assert_eq!((c.value, c.concept, c.noun.as_deref()), (2.0, None, Some("carriages")));
    let r = check(&[(
        "a.txt",
        "nb",
        "2025-03-03",
        "Helikoptrene fraktet 20 til 30 passasjerer i land av gangen.\n",
    )]);
    let ranges: Vec<(&str, bool)> = r
        .claims
        .iter()
        .map(|c| (c.text.as_ref(), c.frame == factlint::internals::claims::Frame::Vague))
        .collect();
    assert_eq!(ranges, [("20 til 30", true)]);
}

// ---------------------------------------------------------------- a split larger than its total

/// Counts listed together with one role and things of their own split a total of that role stated
/// just before: when they add up to more, FL001 fires, labelled at the list and at the total, in
/// every language; a list that adds up to the total or less (some of the parts) is silent.
#[test]
fn a_split_that_adds_up_to_more_than_its_total() {
    for (lang, total, parts) in [
        ("nb", "Åtte personer omkom i ulykken.", "Blant de omkomne er fem kvinner og {n} menn."),
        ("da", "Otte mennesker omkom i ulykken.", "Blandt de omkomne er fem kvinder og {n} mænd."),
        ("en", "Eight people were killed in the crash.", "Five women and {n} men were killed."),
        ("sv", "Åtta personer omkom i olyckan.", "Bland de omkomna finns fem kvinnor och {n} män."),
        ("is", "Átta manns létust í slysinu.", "Fimm konur og {n} karlar létust."),
    ] {
        for (n, fires) in [("4", true), ("3", false), ("1", false)] {
            let word = |v: &str| v.to_string();
            let text = format!("{total} {}\n", parts.replace("{n}", &word(n)));
            let r = check(&[("a.txt", lang, "2025-03-03", &text)]);
            let errors = errors_with_files(&r);
            if fires {
                assert_eq!(errors.len(), 1, "{lang}: {:?}", r.diagnostics);
                assert_eq!(errors[0].0, "FL001: part is larger than the whole: 9 of 8", "{lang}");
                assert_eq!(errors[0].1.len(), 2, "{lang}: labelled at the list and the total");
            } else {
                assert!(errors.is_empty(), "{lang} {n}: {:?}", r.diagnostics);
            }
        }
    }
    // passengers and crew after those aboard
    let r = check(&[(
        "a.txt",
        "en",
        "2025-03-03",
        "The ship had 1,300 people on board, 1,000 passengers and 400 crew members.\n",
    )]);
    assert_eq!(by(&r, Severity::Error), ["FL001: part is larger than the whole: 1400 of 1300"]);
    let r = check(&[(
        "a.txt",
        "nn",
        "2025-03-03",
        "Skipet hadde 1400 personar om bord, 1000 passasjerar og 400 i mannskapet.\n",
    )]);
    assert!(by(&r, Severity::Error).is_empty(), "{:?}", r.diagnostics);
}

// ---------------------------------------------------------------- one, and a part of the count before

/// "one" that is never an article, before a listed thing, counts one (loose: never voted);
/// the articles "en bil", "an hour"-like uses, and "One was …" with no thing, count nothing.
#[test]
fn one_before_a_listed_thing_counts_one() {
    for (lang, text, want) in [
        ("en", "Police said one person was behind the attack.\n", vec!["count one 1"]),
        ("is", "Staðfest er að eitt hús hafi eyðilagst í flóðinu.\n", vec!["count eitt 1"]),
        ("nb", "Det var ett hus som ble tatt av raset.\n", vec!["count ett 1"]),
        ("da", "Politiet bekræfter, at én person er anholdt.\n", vec!["count én 1"]),
        // near misses: the article, and a pronoun
        ("nb", "En person ble sett i vannet.\n", vec![]),
        ("da", "En mand blev set ved broen.\n", vec![]),
        ("en", "One was still missing.\n", vec![]),
    ] {
        assert_eq!(claims(lang, text), want, "{lang}: {text}");
    }
    let r = check(&[("a.txt", "en", "2025-03-03", "Police said one person was behind it.\n")]);
    assert_eq!(r.claims[0].frame, factlint::internals::claims::Frame::Loose);
}

/// "tre af disse", "fire af dem", "tre av desse": a part of the nearest larger count before it
/// (this sentence or the two before); "one of them" with a count before is a count of one, and
/// with none ("One of them was a woman") nothing.
#[test]
fn a_part_of_the_count_before() {
    let parts = |lang: &str, text: &str| -> Vec<String> {
        let r = check(&[("a.txt", lang, "2025-02-03", text)]);
        r.claims
            .iter()
            .filter(|c| c.text.contains(' '))
            .map(|c| format!("{} {} {}", c.kind.name(), c.text, c.value_text()))
            .collect()
    };
    assert_eq!(
        parts("da", "Fem personer blev indlagt. Tre af disse er nu udskrevet.\n"),
        ["part_of_whole Tre af disse 3 of 5"]
    );
    assert_eq!(
        parts("nn", "Sju personar vart skadde, og fire av desse ligg på sjukehus.\n"),
        ["part_of_whole fire av desse 4 of 7"]
    );
    assert_eq!(
        parts("sv", "Tolv personer skadades. Två av dem vårdas på sjukhus.\n"),
        ["part_of_whole Två av dem 2 of 12"]
    );
    assert_eq!(
        claims("en", "Ten people were hurt. One of them was a firefighter.\n"),
        ["count Ten 10", "count One 1"]
    );
    // near misses: no count before, nothing
    assert!(claims("en", "People ran for their lives. One of them was a woman.\n").is_empty());
    assert!(claims("nb", "Folk flyktet fra området. Tre av dem kom tilbake.\n").is_empty());
}

/// A tip-off line's SMS number and an e-mail address count nothing; a count beside them stays.
#[test]
fn sms_numbers_and_mail_addresses_are_no_counts() {
    assert_eq!(
        claims("da", "Tip os på sms/mms 1224 eller skriv til 1224@avisen.dk. Tre huse brændte.\n"),
        ["count Tre 3"]
    );
    assert_eq!(claims("nb", "Tips oss på SMS 2030. Fire hus brant.\n"), ["count Fire 4"]);
}

/// "between 40 and 50 people", "mellom 40 og 50", "mellan 40 och 50": one vague range (never
/// voted); without "between" two numbers joined by "og" stay two ("fem kvinner og tre menn").
#[test]
fn between_two_numbers_is_one_range() {
    for (lang, text, want) in [
        ("en", "Between 40 and 50 people sought shelter at the school.\n", "40 and 50"),
        ("nb", "Mellom 40 og 50 personer søkte ly på skolen.\n", "40 og 50"),
        ("sv", "Mellan 40 och 50 personer sökte skydd i skolan.\n", "40 och 50"),
        ("is", "Á milli 40 og 50 manns leituðu skjóls í skólanum.\n", "40 og 50"),
    ] {
        let r = check(&[("a.txt", lang, "2025-03-03", text)]);
        let got: Vec<(&str, bool)> = r
            .claims
            .iter()
            .map(|c| (c.text.as_ref(), c.frame == factlint::internals::claims::Frame::Vague))
            .collect();
        assert_eq!(got, [(want, true)], "{lang}");
    }
    assert_eq!(
        claims("nb", "Fem kvinner og tre menn ble skadet.\n"),
        ["count Fem 5", "count tre 3"]
    );
}

/// "aged between 50 to 70", "i alderen mellom 15 og 50 år": ages, no claims, after a `between`
/// word too; a count after them stays.
#[test]
fn ages_after_between_are_no_claims() {
    assert_eq!(
        claims("en", "Five people were killed. All were aged between 50 to 70, police said.\n"),
        ["count Five 5"]
    );
    assert_eq!(
        claims("nb", "Fire personer ble skadet, i alderen mellom 15 og 50 år.\n"),
        ["count Fire 4"]
    );
}
