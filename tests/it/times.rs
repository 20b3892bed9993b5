//! Times of day (FL009) as each reading allows them: a minute, a rounded hour, a rounding word, a
//! word that leans one way ("like etter", "shortly before"); zones from the text, a place or the
//! outlet; hour idioms ("half past seven", "kvart over 7", "at noon"). Texts of our own writing.

use crate::common;

use factlint::internals::claims::{ClaimKind, Lean};
use factlint::internals::report::{Report, Severity};

fn check(docs: &[(&str, &str, &str, &str)]) -> Report {
    common::check_docs(docs, None)
}

fn errors(r: &Report) -> Vec<&factlint::internals::report::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// (file, labelled text, byte span) of each label of a diagnostic, the primary first.
fn labels(d: &factlint::internals::report::Diagnostic) -> Vec<(String, String, (usize, usize))> {
    d.labels
        .iter()
        .map(|l| {
            let file = l.path.rsplit('/').next().unwrap_or_default().to_string();
            (file, l.text.to_string(), (l.start, l.end))
        })
        .collect()
}

fn span(text: &str, phrase: &str) -> (usize, usize) {
    let at = text.find(phrase).expect("phrase in text");
    (at, at + phrase.len())
}

const ROUNDED: &str = "Omkring klokken 7.20 fik brandvæsenet alarmen om branden.\n";
const PRECISE: &str = "Alarmen gik første gang klokken 07.36 tirsdag.\n";
const AFTER: &str = "Larmet kom strax efter halv 8 på morgonen, enligt räddningstjänsten.\n";

/// "omkring 7.20" allows 07:15–07:25; "strax efter halv 8" 07:30–07:40, which holds 07.36: the
/// rounded Danish time is the dissent, labelled with both others.
#[test]
fn a_rounding_word_allows_what_its_time_allows() {
    let r = check(&[
        ("a.txt", "da", "2025-04-16", ROUNDED),
        ("b.txt", "da", "2025-04-16", PRECISE),
        ("c.txt", "sv", "2025-04-16", AFTER),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    let l = labels(errs[0]);
    assert_eq!(l[0], ("a.txt".into(), "klokken 7.20".into(), span(ROUNDED, "klokken 7.20")));
    let mut others: Vec<_> = l[1..].to_vec();
    others.sort();
    assert_eq!(
        others,
        [
            ("b.txt".into(), "klokken 07.36".into(), span(PRECISE, "klokken 07.36")),
            ("c.txt".into(), "halv 8".into(), span(AFTER, "halv 8")),
        ]
    );
    assert!(errs[0].help.contains("allows 07:15–07:25"), "{}", errs[0].help);
    let lean = r.claims.iter().find(|c| c.text.as_ref() == "halv 8").and_then(|c| c.time());
    assert_eq!(lean.map(|t| t.lean), Some(Lean::After));
}

/// Near miss: "like etter 12.30" and "12.36" are one moment; so are "omkring 7.20" and "7.23";
/// "klokken 7" (a rounded hour) and "7.05".
#[test]
fn times_a_reading_allows_stay_silent() {
    let r = check(&[
        ("a.txt", "nb", "2025-08-07", "Like etter klokken 12.30 sporet toget av.\n"),
        ("b.txt", "sv", "2025-08-07", "Tåget spårade ur klockan 12.36.\n"),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = check(&[
        ("a.txt", "da", "2025-04-16", ROUNDED),
        ("b.txt", "da", "2025-04-16", "Alarmen kom klokken 7.23 tirsdag.\n"),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = check(&[
        ("a.txt", "is", "2025-03-27", "Gosið hófst klukkan 7 í morgun.\n"),
        ("b.txt", "nb", "2025-03-27", "Utbruddet startet klokken 08.05 norsk tid.\n"),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// "like før 12.30" reaches back, not forward: 12.38 is another moment.
#[test]
fn a_word_before_the_time_leans_one_way() {
    let a = "Like før klokken 12.30 kom alarmen.\n";
    let r = check(&[
        ("a.txt", "nb", "2025-08-07", a),
        ("b.txt", "nb", "2025-08-07", "Alarmen kom klokken 12.38.\n"),
        ("c.txt", "nb", "2025-08-07", "Alarmen kom klokken 12.38, ifølge politiet.\n"),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(
        labels(errs[0])[0],
        ("a.txt".into(), "klokken 12.30".into(), span(a, "klokken 12.30"))
    );
    let r = check(&[
        ("a.txt", "nb", "2025-08-07", a),
        ("b.txt", "nb", "2025-08-07", "Alarmen kom klokken 12.24.\n"),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// An English time with no zone is read in the zone of the place its sentence names: "7:30" near
/// Reykjavík against "klukkan 7" there (two sources: the earlier is the reference).
#[test]
fn an_english_time_takes_its_place_zone() {
    let en = "The eruption near Reykjavík began at 7:30 this morning.\n";
    let is = "Gosið hófst klukkan 7 í morgun.\n";
    let r = check(&[("a.txt", "en", "2025-03-27", en), ("b.txt", "is", "2025-03-27", is)]);
    let t = r.claims.iter().find(|c| c.kind == ClaimKind::Time && c.text.as_ref() == "7:30");
    let t = t.and_then(|c| c.time()).expect("a time");
    assert_eq!(t.zone.as_deref(), Some("Atlantic/Reykjavik"));
    assert!(t.utc.is_some());
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    let mut l = labels(errs[0]);
    l.sort();
    assert_eq!(
        l,
        [
            ("a.txt".into(), "7:30".into(), span(en, "7:30")),
            ("b.txt".into(), "klukkan 7".into(), span(is, "klukkan 7")),
        ]
    );
}

/// Near miss: the same moment told in two zones agrees: "8:30" in Oslo (English, the place's
/// zone) and "klukkan 6.30" GMT; and an English time naming no place takes the outlet's zone from
/// the manifest.
#[test]
fn an_english_and_a_nordic_time_in_different_zones_agree() {
    let r = check(&[
        ("a.txt", "en", "2025-03-27", "The fire in Oslo started at 8:30 this morning.\n"),
        (
            "b.txt",
            "is",
            "2025-03-27",
            "Eldurinn kviknaði, og hófst klukkan 6.30 að íslenskum tíma.\n",
        ),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = common::check_docs(
        &[("a.txt", "en", "2025-03-27", "The fire started at 8:30 this morning.\n")],
        Some("Europe/Oslo"),
    );
    let t = r.claims.iter().find_map(|c| c.time()).expect("a time");
    assert_eq!(t.zone.as_deref(), Some("Europe/Oslo"));
}

/// A Nordic outlet's own clock wins over a place's zone (precision first): "klokken 10" in a
/// Norwegian text about Reykjavík is Norwegian time.
#[test]
fn a_nordic_outlet_keeps_its_own_zone() {
    let r = check(&[("a.txt", "nb", "2025-03-27", "Brannen i Reykjavík startet klokken 10.\n")]);
    let t = r.claims.iter().find_map(|c| c.time()).expect("a time");
    assert_eq!(t.zone.as_deref(), Some("Europe/Oslo"));
}

/// Hour idioms in every language: "half past seven", "a quarter to 8", "kvart over sju",
/// "kvart i otte", "korter yfir sjö"; a name after its preposition ("at noon", "um hádegi").
#[test]
fn hour_idioms_are_times() {
    let cases = [
        ("en", "The avalanche struck at half past seven.", 450),
        ("en", "The alarm came at a quarter to 8.", 465),
        ("nb", "Alarmen kom kvart over sju.", 435),
        ("nn", "Alarmen kom kvart på åtte.", 465),
        ("da", "Alarmen kom kvart i otte.", 465),
        ("sv", "Larmet kom kvart över sju.", 435),
        ("is", "Boðið kom korter yfir sjö.", 435),
        ("en", "The storm hit at noon.", 720),
        ("is", "Snjóflóðið féll um hádegi.", 720),
        ("da", "Branden startede ved middagstid.", 720),
    ];
    for (lang, text, minutes) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        let t: Vec<_> = r.claims.iter().filter_map(|c| c.time()).collect();
        assert_eq!(t.len(), 1, "{lang}: {text}: {:?}", r.claims);
        assert_eq!(t[0].from, minutes, "{lang}: {text}");
        assert!(
            r.claims.iter().all(|c| c.kind != ClaimKind::Count),
            "{lang}: {text}: no count: {:?}",
            r.claims
        );
    }
}

/// Near misses: "before noon" is the morning, "fyrir hádegi" too; "kvart over 3 år" is no
/// time; "half past" alone no time.
#[test]
fn hour_idiom_near_misses_stay_silent() {
    let cases = [
        ("en", "The meeting was over before noon."),
        ("is", "Fundinum lauk fyrir hádegi."),
        ("nb", "Det er kvart over 3 år siden sist."),
        ("en", "It was half past the deadline."),
    ];
    for (lang, text) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        assert!(
            r.claims.iter().all(|c| c.kind != ClaimKind::Time),
            "{lang}: {text}: {:?}",
            r.claims
        );
    }
}

/// The a.m./p.m. word glued to the digits ("2am", "7.50am", "11:30pm GMT") is one word to the
/// tokenizer; it is a time all the same, and its digits are no count.
#[test]
fn a_glued_am_or_pm_is_a_time() {
    let cases = [
        ("The plane landed at 2.45am local time.", 165, None),
        ("The fissure opened at 7.50am.", 470, None),
        ("The alarm was raised at 2am.", 120, None),
        ("Police were called at 11:30pm GMT.", 1410, Some("UTC")),
        ("The shelter opened at 12am and closed at 12.15pm.", 0, None),
    ];
    for (text, minutes, zone) in cases {
        let r = check(&[("a.txt", "en", "2025-03-27", &format!("{text}\n"))]);
        let t: Vec<_> = r.claims.iter().filter_map(|c| c.time()).collect();
        assert_eq!(t[0].from, minutes, "{text}: {:?}", r.claims);
        if let Some(z) = zone {
            assert_eq!(t[0].zone.as_deref(), Some(z), "{text}");
        }
        assert!(r.claims.iter().all(|c| c.kind != ClaimKind::Count), "{text}: {:?}", r.claims);
    }
    let r = check(&[("a.txt", "en", "2025-03-27", "It opened at 12am and closed at 12.15pm.\n")]);
    let t: Vec<u16> = r.claims.iter().filter_map(|c| c.time()).map(|t| t.from).collect();
    assert_eq!(t, [0, 735]);
}

/// Near misses: digits glued to other letters ("a 2.5km fissure", "the 3rd day"), an hour past
/// twelve ("13pm"), a one-digit minute ("7.5am") and a time-of-day word in a Nordic text are
/// no glued time.
#[test]
fn glued_am_pm_near_misses_are_no_times() {
    let cases = [
        ("en", "Lava flowed from a 2.5km fissure on the 3rd day."),
        ("en", "A reading of 13pm was logged, and 7.5am in another log."),
        ("nb", "Brannen startet ved 2am-skiltet i Bergen."),
    ];
    for (lang, text) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        assert!(
            r.claims.iter().all(|c| c.kind != ClaimKind::Time),
            "{lang}: {text}: {:?}",
            r.claims
        );
    }
}

/// A glued time against a spaced one of the same event: "7.50am" and "9:50 a.m." disagree.
#[test]
fn a_glued_time_is_compared() {
    let a = "The eruption near Grindavik began at 7.50am on Monday.\n";
    let r = check(&[
        ("a.txt", "en", "2024-01-08", a),
        (
            "b.txt",
            "en",
            "2024-01-08",
            "The eruption near Grindavik began at 9:50 a.m. on Monday.\n",
        ),
        (
            "c.txt",
            "en",
            "2024-01-08",
            "The eruption near Grindavik began at 9:50 a.m. on Monday.\n",
        ),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    assert_eq!(labels(errs[0])[0], ("a.txt".into(), "7.50am".into(), span(a, "7.50am")));
}

/// "half past seven" against "klukkan sjö" of the same eruption: half an hour apart.
#[test]
fn an_hour_idiom_is_compared() {
    let en = "The eruption near Reykjavík began at half past seven.\n";
    let r = check(&[
        ("a.txt", "en", "2025-03-27", en),
        ("b.txt", "is", "2025-03-27", "Gosið hófst klukkan sjö í morgun.\n"),
        ("c.txt", "is", "2025-03-27", "Gosið hófst klukkan 7 í morgun.\n"),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(
        labels(errs[0])[0],
        ("a.txt".into(), "half past seven".into(), span(en, "half past seven"))
    );
}

/// Bare hours read as times only with a cue: "um sjö í morgun", "áttaleytið", "milli sex og
/// sjö í morgun", "rétt um sjö" after another time of the sentence, in every language.
#[test]
fn bare_hours_with_a_cue_are_times() {
    let cases = [
        ("is", "Þriðja flóðið sást um áttaleytið í morgun.", vec![(480, 480)]),
        ("is", "Þrjú snjóflóð féllu milli sex og sjö í morgun.", vec![(360, 420)]),
        ("is", "Um sjö í morgun féll flóðið.", vec![(420, 420)]),
        (
            "is",
            "Klukkan sex í morgun féll eitt flóð, og rétt um sjö féll annað.",
            vec![(360, 360), (420, 420)],
        ),
        ("en", "The avalanche fell at about seven this morning.", vec![(420, 420)]),
        ("en", "It came down between 6 and 7 this morning.", vec![(360, 420)]),
        ("nb", "Skredet gikk rundt sju i morges.", vec![(420, 420)]),
        ("nn", "Skredet gjekk kring sju i morgon.", vec![(420, 420)]),
        ("da", "Skreddet kom omkring syv i morges.", vec![(420, 420)]),
        ("sv", "Skredet gick runt sju i morse.", vec![(420, 420)]),
    ];
    for (lang, text, want) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        let got: Vec<(u16, u16)> =
            r.claims.iter().filter_map(|c| c.time()).map(|t| (t.from, t.to)).collect();
        assert_eq!(got, want, "{lang}: {text}: {:?}", r.claims);
    }
}

/// Near misses: a bare number after an about-word is a count without a cue, or with something
/// counted after it ("um sjö manns", "milli sex og sjö manns", "rundt 7 000").
#[test]
fn bare_hour_near_misses_stay_counts() {
    let cases = [
        ("is", "Um sjö manns voru fluttir á sjúkrahús í morgun."),
        ("is", "Milli sex og sjö manns slösuðust í morgun."),
        ("is", "Klukkan sex kom boðið og um sjö manns fóru út."),
        ("en", "Between 6 and 7 people were hurt this morning."),
        ("nb", "Rundt 7 000 mennesker ble evakuert i morges."),
        ("sv", "Runt sju personer skadades."),
    ];
    for (lang, text) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        let times: Vec<_> =
            r.claims.iter().filter(|c| c.kind == ClaimKind::Time && c.value < 60.0 * 8.0).collect();
        let hours: Vec<_> = times.iter().filter(|c| c.text.as_ref() != "Klukkan sex").collect();
        assert!(hours.is_empty(), "{lang}: {text}: {:?}", r.claims);
        assert!(
            r.claims.iter().any(|c| c.kind == ClaimKind::Count),
            "{lang}: {text}: {:?}",
            r.claims
        );
    }
}

/// A publication timestamp is kept, read in the outlet's zone, and its day there is the day
/// relative dates resolve from: 23:30 UTC on the 27th is 01:30 on the 28th in Oslo, so "i går"
/// is the 27th; the same stamp for an outlet in Iceland (UTC) keeps the 27th, "í gær" the 26th.
#[test]
fn a_publication_timestamp_is_read_in_the_outlets_zone() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("a.txt"), "Brannen startet i går kveld.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Eldurinn kviknaði í gær.\n").unwrap();
    std::fs::write(
        dir.path().join("manifest.jsonl"),
        "{\"path\": \"a.txt\", \"lang\": \"nb\", \"published\": \"2023-03-27T23:30:00Z\"}\n\
         {\"path\": \"b.txt\", \"lang\": \"is\", \"published\": \"2023-03-27T23:30:00Z\"}\n",
    )
    .unwrap();
    let r = common::check(&common::setup(), &[dir.path()]);
    let dates: Vec<String> =
        r.claims.iter().filter(|c| c.kind == ClaimKind::Date).map(|c| c.value_text()).collect();
    assert_eq!(dates, ["2023-03-27", "2023-03-26"], "{:?}", r.claims);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["corpus", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let times: Vec<&str> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["published_time"].as_str())
        .collect();
    assert_eq!(times, ["01:30 (Europe/Oslo)", "23:30 (Atlantic/Reykjavik)"]);
}

/// Wire copy in English names its place in the dateline, not beside the time: "6:30 p.m." is read
/// in the zone of the places the article names (Oslo, Norway), so it meets "klokken 19.30" there
/// and agrees with "klukkan 17:30" in Reykjavík (the same moment, UTC+1 against UTC); an article
/// naming places of two clocks (Oslo and Reykjavík) gives its time no zone of theirs.
#[test]
fn wire_copy_takes_its_articles_place_zone() {
    let en = "OSLO, March 27 (Reuters) - A fire broke out in a warehouse in Norway on Thursday.\n\nThe fire started at 6:30 p.m., police said.\n";
    let nb = "Brannen startet klokken 19.30 torsdag.\n";
    let r = check(&[("a.txt", "en", "2025-03-27", en), ("b.txt", "nb", "2025-03-27", nb)]);
    let t = r.claims.iter().find(|c| c.kind == ClaimKind::Time && c.text.as_ref() == "6:30 p.m.");
    let t = t.and_then(|c| c.time()).expect("a time");
    assert_eq!(t.zone.as_deref(), Some("Europe/Oslo"));
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    let is = "Eldurinn kviknaði klukkan 17:30 í gær.\n";
    let r = check(&[("a.txt", "en", "2025-03-27", en), ("b.txt", "is", "2025-03-28", is)]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    let two = "OSLO, March 27 (Reuters) - A fire broke out in Oslo on Thursday, as in Reykjavík last week.\n\nThe fire started at 6:30 p.m., police said.\n";
    let r = check(&[("a.txt", "en", "2025-03-27", two)]);
    let t = r.claims.iter().find(|c| c.kind == ClaimKind::Time && c.text.as_ref() == "6:30 p.m.");
    assert_eq!(t.and_then(|c| c.time()).expect("a time").zone, None);
}

/// An arrest is one moment: a time right after its verb times it ("ble pågrepet klokken 18.05",
/// "arrested the man at about 7:30 p.m.", "handtekinn klukkan 17:05", "greps klockan 18.05"),
/// so two outlets timing the arrest differently conflict (the alarm of the same evening is another
/// moment and stays out of it).
#[test]
fn a_time_after_an_arrest_verb_times_the_arrest() {
    let nb =
        "Mannen ble pågrepet klokken 18.05 onsdag, etter at politiet fikk alarmen klokken 17.40.\n";
    let en =
        "OSLO, Norway (AP) - Police in Norway arrested the man at about 7:30 p.m. on Wednesday.\n";
    let sv = "Mannen greps klockan 18.05 på onsdagen.\n";
    let is = "Maðurinn var handtekinn klukkan 16:05 að íslenskum tíma.\n";
    let r = check(&[
        ("a.txt", "nb", "2025-10-15", nb),
        ("b.txt", "en", "2025-10-15", en),
        ("c.txt", "sv", "2025-10-15", sv),
        ("d.txt", "is", "2025-10-15", is),
    ]);
    let arrest = |text: &str| {
        r.claims
            .iter()
            .find(|c| c.kind == ClaimKind::Time && c.text.as_ref() == text)
            .and_then(|c| c.concept)
            .map(|s| s.to_string())
    };
    assert_eq!(arrest("klokken 18.05").as_deref(), Some("arrested"));
    assert_eq!(arrest("klokken 17.40").as_deref(), Some("alarm"));
    assert_eq!(arrest("klockan 18.05").as_deref(), Some("arrested"));
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    let l = labels(errs[0]);
    assert_eq!(l[0], ("b.txt".into(), "7:30 p.m.".into(), span(en, "7:30 p.m.")));
    assert!(l.iter().any(|x| x.0 == "a.txt" && x.1 == "klokken 18.05"), "{l:?}");
    assert!(l.iter().any(|x| x.0 == "d.txt"), "{l:?}");
}

/// Near miss: a time before the arrest word, or far from it, times something else: a statement
/// ("klokken 19 bekreftet politiet at en mann er pågrepet"), a hearing ("den anholdte fremstilles
/// i grundlovsforhør kl. 13"), the alarm before "and arrested" ("alerted at 6:30 p.m. and arrested
/// the suspect"): none of them is the arrest, and none conflicts with "pågrepet klokken 18.05".
#[test]
fn times_near_an_arrest_word_that_are_not_the_arrest_stay_silent() {
    let nb = "Mannen ble pågrepet klokken 18.05 onsdag.\n";
    let others = [
        ("nb", "Like over klokken 19 bekreftet politiet at en mann er pågrepet.\n"),
        ("da", "Den anholdte vil blive fremstillet i grundlovsforhør kl. 13 torsdag.\n"),
        ("en", "Police were alerted to the attack around 5:30 p.m. and arrested the suspect.\n"),
    ];
    for (lang, text) in others {
        let r = check(&[("a.txt", "nb", "2025-10-15", nb), ("b.txt", lang, "2025-10-15", text)]);
        assert!(errors(&r).is_empty(), "{text}: {:?}", r.diagnostics);
        let t = r.claims.iter().find(|c| c.kind == ClaimKind::Time && c.doc.index() == 1);
        let t = t.expect("a time");
        assert_ne!(t.concept.map(|s| s.to_string()).as_deref(), Some("arrested"), "{text}");
    }
}

/// A time that opens its clause, followed by a passive auxiliary, times the arrest named a few
/// words on ("Klokken 18.47 blev den formodede gerningsmand anholdt", "klokken 18.47 – ble mannen
/// pågrepet", "Klukkan 17:05 var maðurinn handtekinn"): the Icelandic time is 18 minutes later
/// in UTC than the two Nordic ones.
#[test]
fn a_fronted_time_before_a_passive_times_the_arrest() {
    let da = "Klokken 18.47 blev den formodede gerningsmand anholdt af politiet.\n";
    let nb = "Godt en halv time senere – klokken 18.47 – ble mannen pågrepet.\n";
    let is = "Klukkan 17:05 var maðurinn handtekinn, segir lögreglan í Noregi.\n";
    let r = check(&[
        ("a.txt", "da", "2025-10-15", da),
        ("b.txt", "nb", "2025-10-15", nb),
        ("c.txt", "is", "2025-10-15", is),
    ]);
    let arrest: Vec<_> = r
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Time && c.bound())
        .map(|c| (c.text.to_string(), c.concept.map(|s| s.to_string())))
        .collect();
    let want = |t: &str| (t.to_string(), Some("arrested".to_string()));
    assert_eq!(arrest, [want("Klokken 18.47"), want("klokken 18.47"), want("Klukkan 17:05")]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    assert_eq!(
        labels(errs[0])[0],
        ("c.txt".into(), "Klukkan 17:05".into(), span(is, "Klukkan 17:05"))
    );
}

/// Near miss: a fronted time with a passive whose verb is another ("Klokken 19 ble det bekreftet
/// at en mann er pågrepet": the statement), or with no passive ("Klokken 19 sa politiet at …
/// pågrepet"), does not time the arrest.
#[test]
fn a_fronted_time_of_another_verb_stays_silent() {
    let nb = "Mannen ble pågrepet klokken 18.05 onsdag.\n";
    for text in [
        "Klokken 19 ble det bekreftet at en mann er pågrepet.\n",
        "Klokken 19 sa politiet at mannen er pågrepet.\n",
    ] {
        let r = check(&[("a.txt", "nb", "2025-10-15", nb), ("b.txt", "nb", "2025-10-15", text)]);
        assert!(errors(&r).is_empty(), "{text}: {:?}", r.diagnostics);
        let t = r
            .claims
            .iter()
            .find(|c| c.kind == ClaimKind::Time && c.doc.index() == 1)
            .expect("a time");
        assert_ne!(t.concept.map(|s| s.to_string()).as_deref(), Some("arrested"), "{text}");
    }
}

/// Writes `docs` (name, manifest line fields after the path, text) with a manifest and returns
/// the folder.
fn folder(docs: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let mut manifest = String::new();
    for (name, fields, text) in docs {
        std::fs::write(dir.path().join(name), text).expect("write");
        manifest.push_str(&format!("{{\"path\": \"{name}\"{fields}}}\n"));
    }
    std::fs::write(dir.path().join("manifest.jsonl"), manifest).expect("manifest");
    dir
}

/// `factlint corpus --format json`'s documents of `dir`: (file, published, time, time source).
fn corpus_times(dir: &std::path::Path) -> Vec<(String, String, String, String)> {
    let (code, out, err) = common::run(&["corpus", "--format", "json", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("-").to_string();
    v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let file = s(&d["path"]).rsplit('/').next().unwrap_or_default().to_string();
            (file, s(&d["published"]), s(&d["published_time"]), s(&d["published_time_source"]))
        })
        .collect()
}

/// A dateline's time is kept with the date in every language's form, read in the outlet's zone
/// (the language's when the metadata names none), and `corpus` says it came from the dateline.
#[test]
fn a_datelines_time_is_kept_in_every_language() {
    let dir = folder(&[
        (
            "da.txt",
            ", \"lang\": \"da\"",
            "Overskrift\nOpdateret 14. marts 2025 kl. 10.15\n\nBranden startede i går.\n",
        ),
        (
            "en.txt",
            ", \"lang\": \"en\"",
            "Headline\nPublished 10:15 GMT, 14 March 2025\n\nThe fire started yesterday.\n",
        ),
        (
            "is.txt",
            ", \"lang\": \"is\"",
            "Fyrirsögn\nBirt: 14. mars 2025 kl. 10:15\n\nEldurinn kviknaði í gær.\n",
        ),
        (
            "nb.txt",
            ", \"lang\": \"nb\"",
            "Tittel\nPublisert 14.03.2025 kl. 10:15\n\nBrannen startet i går.\n",
        ),
        (
            "nn.txt",
            ", \"lang\": \"nn\"",
            "Tittel\nPublisert 14. mars 2025 klokka 10.15\n\nBrannen starta i går.\n",
        ),
        (
            "sv.txt",
            ", \"lang\": \"sv\"",
            "Rubrik\nPublicerad 14 mars 2025 10:15\n\nBranden startade i går.\n",
        ),
        // a date with no time: no time, and none invented
        (
            "xx.txt",
            ", \"lang\": \"nb\"",
            "Tittel\nPublisert 14.03.2025\n\nBrannen startet i går.\n",
        ),
    ]);
    let t = |f: &str, time: &str, src: &str| {
        (f.to_string(), "2025-03-14".to_string(), time.to_string(), src.to_string())
    };
    assert_eq!(
        corpus_times(dir.path()),
        [
            t("da.txt", "10:15 (Europe/Copenhagen)", "dateline"),
            t("en.txt", "10:15 (UTC)", "dateline"),
            t("is.txt", "10:15 (Atlantic/Reykjavik)", "dateline"),
            t("nb.txt", "10:15 (Europe/Oslo)", "dateline"),
            t("nn.txt", "10:15 (Europe/Oslo)", "dateline"),
            t("sv.txt", "10:15 (Europe/Stockholm)", "dateline"),
            t("xx.txt", "-", "-"),
        ]
    );
    // every "yesterday" is the 13th
    let r = common::check(&common::setup(), &[dir.path()]);
    let dates: Vec<String> =
        r.claims.iter().filter(|c| c.kind == ClaimKind::Date).map(|c| c.value_text()).collect();
    assert_eq!(dates, ["2025-03-13"; 7], "{:?}", r.claims);
    let (code, human, _) = common::run(&["corpus", &dir.path().to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(human.contains("published  2025-03-14 10:15 (Europe/Oslo) (from dateline)"), "{human}");
}

/// A dateline time written in another zone than the outlet's can fall on another day there:
/// "Published 23:30 GMT, 13 March" is 00:30 on the 14th for an outlet in Oslo, whose
/// "yesterday" is then the 13th; the same page for an outlet in London keeps the 13th, and its
/// "yesterday" is the 12th. A bare time with a relative day ("i går kveld klokka 22", written
/// at 00:30 in Oslo) is placed in UTC on that day: 21:00 UTC on the 13th.
#[test]
fn a_datelines_zone_decides_the_publication_day() {
    let en = "Headline\nPublished 23:30 GMT, 13 March 2025\n\nThe fire started yesterday.\n";
    let nb = "Tittel\nPublisert 14.03.2025 kl. 00:30\n\nBrannen startet i går kveld klokka 22.\n";
    let dir = folder(&[
        ("a.txt", ", \"lang\": \"en\", \"zone\": \"Europe/Oslo\"", en),
        ("b.txt", ", \"lang\": \"en\", \"zone\": \"Europe/London\"", en),
        ("c.txt", ", \"lang\": \"nb\"", nb),
        // the metadata's day, the dateline's time
        ("d.txt", ", \"lang\": \"nb\", \"published\": \"2025-03-14\"", nb),
    ]);
    let s = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        corpus_times(dir.path()),
        [
            s("a.txt", "2025-03-14", "00:30 (Europe/Oslo)", "dateline"),
            s("b.txt", "2025-03-13", "23:30 (Europe/London)", "dateline"),
            s("c.txt", "2025-03-14", "00:30 (Europe/Oslo)", "dateline"),
            s("d.txt", "2025-03-14", "00:30 (Europe/Oslo)", "dateline"),
        ]
    );
    let (_, human, _) = common::run(&["corpus", &dir.path().to_string_lossy()]);
    assert!(
        human.contains(
            "published  2025-03-14 00:30 (Europe/Oslo) (from metadata, time from dateline)"
        ),
        "{human}"
    );
    let r = common::check(&common::setup(), &[dir.path()]);
    let dates: Vec<(u32, String)> = r
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date)
        .map(|c| (c.doc.0, c.value_text()))
        .collect();
    assert_eq!(
        dates,
        [
            (0, "2025-03-13".into()),
            (1, "2025-03-12".into()),
            (2, "2025-03-13".into()),
            (3, "2025-03-13".into())
        ]
    );
    let utc: Vec<Option<String>> = r
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Time)
        .map(|c| match &c.detail {
            factlint::internals::claims::Detail::Time(t) => t.utc.map(|m| {
                let ts = jiff::Timestamp::from_second(i64::from(m.get()) * 60).expect("ts");
                ts.to_string()
            }),
            _ => None,
        })
        .collect();
    assert_eq!(utc, [Some("2025-03-13T21:00:00Z".into()), Some("2025-03-13T21:00:00Z".into())]);
}

/// The first time claim of `text` (language `lang`, published `published`): its text, minutes,
/// whether the other half of a 12-hour clock stays possible, and its value as shown.
fn first_time(lang: &str, published: &str, text: &str) -> (String, u16, u16, bool, String) {
    let r = check(&[("a.txt", lang, published, &format!("{text}\n"))]);
    let c = r.claims.iter().find(|c| c.kind == ClaimKind::Time);
    let c = c.unwrap_or_else(|| panic!("{lang}: {text}: no time in {:?}", r.claims));
    let t = c.time().expect("time");
    (c.text.to_string(), t.from, t.to, t.half_day(), c.value_text())
}

/// An hour on a 12-hour clock (a number word, "halv seks", "á fimmta tímanum", English digits
/// with no a.m./p.m.) is read on the half of the day a part of the day near it names, in every
/// language; with none, waking hours read 1 to 6 after noon (the morning stays possible), and 7
/// to 11 stay open, shown with both readings. A 24-hour figure, "a.m." and "kl. 07" are what
/// they say.
#[test]
fn a_twelve_hour_clock_is_read_on_its_half_of_the_day() {
    // (language, text, minutes from, to, the other half still possible)
    let cases = [
        ("is", "Skriðan féll á húsið klukkan fimm í morgun.", 300, 300, false),
        ("is", "Flóðið féll klukkan tvö í nótt.", 120, 120, false),
        ("is", "Boðið barst klukkan átta í gærkvöldi.", 1200, 1200, false),
        ("nn", "Raset gjekk tysdag kveld like før klokka ni.", 1260, 1260, false),
        ("nb", "Alarmen gikk klokken sju i morges.", 420, 420, false),
        ("da", "Anmeldelsen kom omkring klokken halv seks søndag eftermiddag.", 1050, 1050, false),
        ("sv", "Larmet kom klockan nio i kväll.", 1260, 1260, false),
        ("en", "The avalanche hit the houses at 7:30 this morning.", 450, 450, false),
        ("en", "At six o'clock this morning the fire was out.", 360, 360, false),
        ("en", "The alarm came at 7 a.m.", 420, 420, false),
        ("nb", "Alarmen gikk kl. 07.", 420, 420, false),
        ("nn", "Skredet gjekk klokka 5.18.", 318, 318, false),
        // waking hours: the afternoon, the morning still possible
        ("is", "Skriðan féll rétt fyrir klukkan þrjú í dag.", 900, 900, true),
        ("is", "Eldgosið hófst á fimmta tímanum í dag.", 960, 1020, true),
        ("da", "Alarmen kom klokken halv seks.", 1050, 1050, true),
        ("en", "The blast was heard at six o'clock.", 1080, 1080, true),
        ("is", "Fundurinn hófst klukkan tólf.", 720, 720, true),
        // open: 7 to 11 with nothing to read the half from
        ("nb", "Skredet gikk klokken ni.", 540, 540, true),
        ("en", "The avalanche hit the houses at 7:30.", 450, 450, true),
    ];
    for (lang, text, from, to, half) in cases {
        let (_, f, t, h, shown) = first_time(lang, "2025-03-27", text);
        assert_eq!((f, t, h), (from, to, half), "{lang}: {text}: {shown}");
    }
    let (_, _, _, _, shown) = first_time("nb", "2025-03-27", "Skredet gikk klokken ni.");
    assert_eq!(shown, "09:00 or 21:00 (Europe/Oslo)");
    let (_, _, _, _, shown) = first_time("is", "2023-07-10", "Gosið hófst á fimmta tímanum.");
    assert_eq!(shown, "16:00–17:00 (Atlantic/Reykjavik)");
}

/// A time of the publication day told as past cannot be after the publication: "klukkan þrjú í
/// dag" in a story stamped 10:40 is 03:00; stamped 18:00 waking hours decide (15:00); a future
/// marker ("verður") leaves it to waking hours as well.
#[test]
fn the_publication_time_reads_the_half_of_the_day() {
    let run = |stamp: &str, text: &str| {
        let dir = folder(&[(
            "a.txt",
            &format!(", \"lang\": \"is\", \"published\": \"2020-12-18T{stamp}:00Z\""),
            &format!("{text}\n"),
        )]);
        let r = common::check(&common::setup(), &[dir.path()]);
        let c = r.claims.iter().find(|c| c.kind == ClaimKind::Time).expect("a time");
        let t = c.time().expect("time");
        (t.from, t.half_day())
    };
    assert_eq!(run("10:40", "Skriðan féll klukkan þrjú í dag."), (180, false));
    assert_eq!(run("18:00", "Skriðan féll klukkan þrjú í dag."), (900, true));
    assert_eq!(run("10:40", "Fundurinn verður klukkan þrjú í dag."), (900, true));
    // (a day other than the publication's says nothing of it)
    assert_eq!(run("10:40", "Skriðan féll klukkan þrjú í gær."), (900, true));
}

/// An hour read by waking hours or left open never raises an error alone: "klokka ni" (open)
/// and "klukkan fimm" (read 17:00) meet "21.00" and "05.00" of other sources. Planted: the same
/// hour with a part of the day against two sources of the other half is a conflict.
#[test]
fn an_open_half_of_the_day_raises_no_error_alone() {
    let r = check(&[
        ("a.txt", "nn", "2025-03-25", "Alarmen kom klokka ni tysdag.\n"),
        ("b.txt", "nb", "2025-03-25", "Alarmen kom klokken 21.00 tirsdag.\n"),
        ("c.txt", "nb", "2025-03-25", "Alarmen kom klokken 21.00 tirsdag, sier politiet.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    let r = check(&[
        ("a.txt", "is", "2025-03-25", "Útkallið kom klukkan fimm.\n"),
        ("b.txt", "nb", "2025-03-25", "Alarmen kom klokken 06.00 tirsdag.\n"),
        ("c.txt", "da", "2025-03-25", "Alarmen kom klokken 07.00 tirsdag.\n"),
    ]);
    // (05:00 in Reykjavík is 06:00 in Oslo and Copenhagen in March)
    let fl009: Vec<_> =
        errors(&r).into_iter().filter(|d| d.labels[0].path.ends_with("a.txt")).collect();
    assert!(fl009.is_empty(), "{:?}", r.diagnostics);
    let text = "Alarmen kom tysdag kveld klokka ni.\n";
    let r = check(&[
        ("a.txt", "nn", "2025-03-25", text),
        ("b.txt", "nb", "2025-03-25", "Alarmen kom klokken 09.00 tirsdag.\n"),
        ("c.txt", "da", "2025-03-25", "Alarmen kom klokken 09.00 tirsdag.\n"),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    assert_eq!(labels(errs[0])[0], ("a.txt".into(), "klokka ni".into(), span(text, "klokka ni")));
}

/// Clock forms of each language that were missed: an about-hour opening a story right after a
/// page-top date ("2020-12-31 Ved 4-tiden"; a stamp's exact time there is still dropped), "six
/// o'clock", "by midday", "um og eftir hádegi", "at 18.13" in English copy (a 24-hour figure
/// after a clock preposition), zone phrases of the neighbour countries, seconds.
#[test]
fn missed_clock_forms_are_times() {
    let cases = [
        ("nb", "2020-12-31 Ved 4-tiden natt til torsdag var ti savnet.", "4-tiden", 240, 240),
        (
            "nn",
            "2019-07-30 Ved 20.30-tiden tysdag kveld vart vegen opna.",
            "20.30-tiden",
            1230,
            1230,
        ),
        ("en", "Police could not account for 30 people by midday.", "midday", 720, 779),
        ("is", "Veðrið skánar um og eftir hádegi.", "hádegi", 720, 779),
        ("en", "It was at 18.13 that the police got the message.", "18.13", 1093, 1093),
        ("en", "The man was arrested at 18.47, police said.", "18.47", 1127, 1127),
        ("en", "The message came in at 18:12:30 and was logged.", "18:12:30", 1092, 1093),
    ];
    for (lang, text, phrase, from, to) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        let got: Vec<_> = r
            .claims
            .iter()
            .filter_map(|c| c.time().map(|t| (c.text.to_string(), t.from, t.to)))
            .collect();
        assert_eq!(got, [(phrase.to_string(), from, to)], "{lang}: {text}");
    }
    let zones = [
        ("en", "Smoke was seen at 18.40 Norwegian time.", "Europe/Oslo"),
        ("en", "The quake struck at 3:15 p.m. Icelandic time.", "Atlantic/Reykjavik"),
        ("is", "Reykur sást klukkan 18.40 að norskum tíma.", "Europe/Oslo"),
        ("nb", "Utbruddet startet klokken 16.40 islandsk tid.", "Atlantic/Reykjavik"),
        ("da", "Toget afsporede klokken 12.40 svensk tid.", "Europe/Stockholm"),
        ("sv", "Bron stängdes klockan 07.30 dansk tid.", "Europe/Copenhagen"),
    ];
    for (lang, text, zone) in zones {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        let t = r.claims.iter().find_map(|c| c.time()).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(t.zone.as_deref(), Some(zone), "{lang}: {text}");
    }
    // a stamp's exact time at the page top is still furniture
    let r = check(&[("a.txt", "nb", "2025-03-27", "2020-12-31 04:12\n\nSkredet gikk i natt.\n")]);
    assert!(r.claims.iter().all(|c| c.kind != ClaimKind::Time), "{:?}", r.claims);
}

/// Near misses: a figure with a decimal point is no time in English without a clock
/// preposition, under 13 ("at 8.47"), or before something counted ("at 18.50 dollars"); "fyrir
/// hádegi" alone is no noon.
#[test]
fn dotted_figures_in_english_that_are_no_times_stay_silent() {
    let cases = [
        ("en", "The index rose 18.13 points."),
        ("en", "The fare was cut at 8.47 in the morning sale."),
        ("en", "Shares were sold at 18.50 dollars each."),
        ("is", "Fundinum lauk fyrir hádegi."),
    ];
    for (lang, text) in cases {
        let r = check(&[("a.txt", lang, "2025-03-27", &format!("{text}\n"))]);
        assert!(
            r.claims.iter().all(|c| c.kind != ClaimKind::Time),
            "{lang}: {text}: {:?}",
            r.claims
        );
    }
}

/// A report with no day is placed on the day of the time it meets: "kl. 16:40" in Reykjavík (no
/// publication date) and "18.40 Norwegian time" are one moment, 16:40 UTC; against two sources
/// saying 18.10 Norwegian time (16:10 UTC) it dissents. Clocks of two zones that cannot be placed
/// at all are no verdict.
#[test]
fn a_time_with_no_day_is_placed_on_the_others_day() {
    let is = "Eldgosið hófst kl. 16:40 í gær.\n";
    let en = "The eruption began at 18.40 Norwegian time, the broadcaster said.\n";
    let early = "The eruption began at 18.10 Norwegian time, the institute said.\n";
    let run = |docs: &[(&str, &str, &str)]| {
        let dir = folder(docs);
        common::check(&common::setup(), &[dir.path()])
    };
    let r = run(&[
        ("a.txt", ", \"lang\": \"is\"", is),
        ("b.txt", ", \"lang\": \"en\", \"published\": \"2023-07-10\"", en),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    let r = run(&[
        ("a.txt", ", \"lang\": \"is\"", is),
        ("b.txt", ", \"lang\": \"en\", \"published\": \"2023-07-10\"", early),
        (
            "c.txt",
            ", \"lang\": \"en\", \"published\": \"2023-07-10\"",
            early.replace("institute", "agency").as_str(),
        ),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(labels(errs[0])[0].1, "kl. 16:40");
    let r = run(&[("a.txt", ", \"lang\": \"is\"", is), ("b.txt", ", \"lang\": \"en\"", en)]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
}

/// A report coming in to the police is the alarm ("police were informed at 6:13 p.m.", "meldingen
/// kom inn klokken 18.13"): it meets "around 6:30 p.m." given twice and dissents; "around 6:30"
/// against "6:25" is one moment.
#[test]
fn a_report_coming_in_is_the_alarm() {
    let informed = "Police were informed of the attack at 6:13 p.m. in Kongsberg, Norway.\n";
    let nb = "Meldingen kom inn klokken 18.13, opplyser politiet i Kongsberg.\n";
    let around = "Police were alerted to the attack around 6:30 p.m. in Kongsberg, Norway.\n";
    let r = check(&[("a.txt", "en", "2021-10-13", informed), ("b.txt", "nb", "2021-10-13", nb)]);
    let alarm: Vec<_> = r
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Time && c.concept.as_deref() == Some("alarm") && c.bound())
        .collect();
    assert_eq!(alarm.len(), 2, "{:?}", r.claims);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    let r = check(&[
        ("a.txt", "en", "2021-10-13", informed),
        ("b.txt", "nb", "2021-10-13", "Alarmen kom klokken 18.30 onsdag, opplyser politiet.\n"),
        ("c.txt", "en", "2021-10-13", around),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(labels(errs[0])[0].1, "6:13 p.m.");
    let r = check(&[
        ("a.txt", "en", "2021-10-13", around),
        ("b.txt", "en", "2021-10-13", "Police were alerted to the attack at 6:25 p.m.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
}
