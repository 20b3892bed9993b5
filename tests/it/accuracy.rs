//! The classes of the accuracy issue, each reproduced in texts of our own writing (never an
//! article's sentences): for every false error a near miss that must stay silent, for every miss
//! a planted conflict that must fire. The real articles that showed them are listed, by URL only,
//! in eval/real/.

use crate::common;

use factlint::internals::claims::{Claim, ClaimKind};
use factlint::internals::report::{Report, Severity};

/// Check texts given as (file name, language, publication date, text), with a manifest.
fn check(docs: &[(&str, &str, &str, &str)]) -> Report {
    common::check_docs(docs, None)
}

fn errors(r: &Report) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

fn codes(r: &Report, sev: Severity) -> Vec<&str> {
    r.diagnostics.iter().filter(|d| d.severity == sev).map(|d| d.code.as_str()).collect()
}

fn claims_of(r: &Report, kind: ClaimKind) -> Vec<&Claim> {
    r.claims.iter().filter(|c| c.kind == kind).collect()
}

fn texts(cs: &[&Claim]) -> Vec<String> {
    cs.iter().map(|c| c.text.to_string()).collect()
}

// ---------------------------------------------------------------- false errors: near misses

/// Class 1: A town's population, the people in one shelter and "many thousands" are different counts.
#[test]
fn counts_of_different_things_are_not_compared() {
    let r = check(&[
        (
            "a.txt",
            "is",
            "2025-02-03",
            "Um 2.400 manns búa í bænum. Mörg þúsund manns fylgdust með.\n",
        ),
        ("b.txt", "is", "2025-02-03", "Um 60 manns gista í íþróttahúsinu í nótt.\n"),
        ("c.txt", "is", "2025-02-03", "Þrjú hundruð manns gista nú í fjöldahjálparstöðvum.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// Class 2: An ordinal is no count: "the first car" against "four cars".
#[test]
fn ordinals_are_not_counts() {
    let r = check(&[
        ("a.txt", "nb", "2025-02-03", "Den første bilen ble truffet av steinene.\n"),
        ("b.txt", "nb", "2025-02-03", "Fire biler ble truffet av steinene på veien.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let counts = claims_of(&r, ClaimKind::Count);
    assert_eq!(texts(&counts), ["Fire"], "only the cardinal is a count");
}

/// Class 3: "on Friday, March 7" is a date, not a count of 7.
#[test]
fn a_weekday_and_date_is_one_date() {
    let r = check(&[(
        "a.txt",
        "en",
        "2025-03-10",
        "The ferry sank on Friday, March 7, off the coast.\n",
    )]);
    assert!(claims_of(&r, ClaimKind::Count).is_empty(), "{:?}", r.claims);
    let dates = claims_of(&r, ClaimKind::Date);
    assert_eq!(texts(&dates), ["Friday, March 7"]);
    assert_eq!(dates[0].value_text(), "2025-03-07");
}

/// Class 4: A banner at the top of a page carries the day it was viewed, not an event.
#[test]
fn a_banner_date_is_furniture() {
    let r = check(&[(
        "a.txt",
        "is",
        "2024-05-02",
        "Föstudagur 3. október 2025\n\nBrú lokað vegna vatnavaxta\n\nVegagerðin lokaði brúnni yfir ána í gær.\n",
    )]);
    assert!(codes(&r, Severity::Error).is_empty(), "{:?}", errors(&r));
    assert!(!r.claims.iter().any(|c| c.text.contains("október")), "{:?}", r.claims);
}

/// Class 5: Counts that grow over a story (quakes, the toll) in reports of different times: updates.
#[test]
fn growing_counts_in_two_reports_are_updates() {
    let r = check(&[
        ("a.txt", "nb", "2025-02-03", "Minst fire personer omkom i skredet, opplyser politiet.\n"),
        ("b.txt", "nb", "2025-02-03", "Sju personer omkom i skredet, bekrefter politiet nå.\n"),
        ("c.txt", "nn", "2025-02-03", "Over 1 200 skjelv vart målte siste døgnet.\n"),
        ("d.txt", "en", "2025-02-03", "Nearly 2,000 quakes were measured.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// Class 6: Numbers that are no quantities: clock times, model numbers, an emergency number, a UTC
/// offset; an ISO date is one date.
#[test]
fn numbers_that_are_no_quantities() {
    let r = check(&[(
        "a.txt",
        "en",
        "2025-02-03",
        "Two MiG-29 jets and an F-16 flew over at 3:15 a.m. local time. COVID-19 closed the school. \
         Residents were told to call 112. The clocks show GMT+3. The order is dated 2023-09-13.\n",
    )]);
    let counts: Vec<String> =
        claims_of(&r, ClaimKind::Count).iter().map(|c| c.value_text()).collect();
    for n in ["29", "16", "19", "3", "13", "9"] {
        assert!(!counts.contains(&n.to_string()), "{n} read as a count: {counts:?}");
    }
    let times = claims_of(&r, ClaimKind::Time);
    assert_eq!(texts(&times), ["3:15 a.m. local time"]);
    let dates = claims_of(&r, ClaimKind::Date);
    assert_eq!(dates.iter().map(|c| c.value_text()).collect::<Vec<_>>(), ["2023-09-13"]);
    // "112" is kept for `claims` but tied to nothing: it can raise nothing
    assert!(r.claims.iter().filter(|c| c.text.as_ref() == "112").all(|c| !c.bound()));
}

/// Class 7: An offset from an event is no duration of it; "the third in two years" is a window.
/// Both are spans of time (the real set's gold lists them as durations), kept loose: never the
/// summit's duration, never compared.
#[test]
fn offsets_and_windows_are_no_durations() {
    let r = check(&[
        ("a.txt", "en", "2025-02-03", "The deal was signed three days after the summit. The eruption, the third in two years, ended.\n"),
        ("b.txt", "en", "2025-02-03", "The summit lasted two days.\n"),
    ]);
    let durations = claims_of(&r, ClaimKind::Duration);
    assert_eq!(texts(&durations), ["three days", "two years", "two days"], "{:?}", r.claims);
    let bound: Vec<_> =
        durations.iter().filter(|c| c.bound()).map(|c| c.text.to_string()).collect();
    assert_eq!(bound, ["two days"]);
    assert!(durations[..2].iter().all(|c| c.concept.is_none()), "{:?}", r.claims);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// Class 8: Numbers inside names, ranges and seconds.
#[test]
fn names_and_ranges() {
    let r = check(&[(
        "a.txt",
        "nb",
        "2025-02-03",
        "Saken ble omtalt på Kanal 5 og Radio 1 i går. Arbeidet tar 3–4 timer.\n",
    )]);
    let counts = claims_of(&r, ClaimKind::Count);
    assert!(counts.is_empty(), "{:?}", texts(&counts));
    let d = claims_of(&r, ClaimKind::Duration);
    assert_eq!(texts(&d), ["3–4 timer"]);
    assert_eq!(d[0].frame, factlint::internals::claims::Frame::Vague, "a range is never voted");
}

// ---------------------------------------------------------------- misses: planted conflicts

/// Class 9: The same count of an unlisted noun, in one language, is compared: a weaker match (no
/// predicate), so a warning that says so.
#[test]
fn an_unlisted_noun_keys_within_its_language() {
    let r = check(&[
        ("a.txt", "is", "2025-02-03", "Fimm björgunarskip héldu á vettvang í morgun.\n"),
        ("b.txt", "is", "2025-02-03", "Sex björgunarskip héldu á vettvang í morgun.\n"),
    ]);
    let w: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "FL002").collect();
    assert_eq!(w.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(w[0].severity, Severity::Warning);
    assert!(w[0].help.contains("a weaker match"), "{}", w[0].help);
}

/// The same count with its predicate ("on board") in two languages is an error.
#[test]
fn the_same_frame_in_two_languages_is_an_error() {
    let r = check(&[
        ("a.txt", "is", "2025-02-03", "Um borð voru 131 farþegi þegar skipið strandaði.\n"),
        ("b.txt", "nb", "2025-02-03", "Om bord var det 113 passasjerer da skipet grunnstøtte.\n"),
    ]);
    assert_eq!(codes(&r, Severity::Error), ["FL002"], "{:?}", r.diagnostics);
}

/// Class 10: Two relative dates of one arrival that disagree: "á mánudag" against "í gærmorgun"
/// written on a Wednesday (Tuesday).
#[test]
fn relative_against_relative() {
    let r = check(&[
        ("a.txt", "is", "2025-02-05", "Ráðherrann Jonas Berg kom til landsins á mánudag.\n"),
        ("b.txt", "is", "2025-02-05", "Ráðherrann Jonas Berg kom til landsins í gærmorgun.\n"),
    ]);
    assert_eq!(codes(&r, Severity::Error), ["FL005"], "{:?}", r.diagnostics);
}

/// Class 11: Times of day: the same eruption timed in three zones; and the same moment in three zones
/// agrees ("kl. 20" in Iceland in winter = "3 p.m. ET" = "21.00 norsk tid").
#[test]
fn times_of_day_in_their_zones() {
    let agree = check(&[
        ("a.txt", "is", "2025-01-15", "Gosið hófst klukkan 20 í kvöld.\n"),
        ("b.txt", "en", "2025-01-15", "The eruption began at 3 p.m. ET.\n"),
        ("c.txt", "nb", "2025-01-15", "Utbruddet startet klokken 21.00 norsk tid.\n"),
    ]);
    let times = claims_of(&agree, ClaimKind::Time);
    assert_eq!(times.len(), 3, "{:?}", agree.claims);
    let utc: Vec<i32> =
        times.iter().map(|c| c.time().and_then(|t| t.utc).expect("placed").get()).collect();
    assert!(utc.iter().all(|&m| m == utc[0]), "one moment in UTC: {utc:?}");
    assert!(agree.diagnostics.is_empty(), "{:?}", agree.diagnostics);
    let differ = check(&[
        ("a.txt", "is", "2025-01-15", "Gosið hófst klukkan 20 í kvöld.\n"),
        ("b.txt", "nb", "2025-01-15", "Utbruddet startet klokken 21.00 norsk tid.\n"),
        ("c.txt", "en", "2025-01-15", "The eruption began at 4:30 p.m. ET.\n"),
    ]);
    assert_eq!(codes(&differ, Severity::Error), ["FL009"], "{:?}", differ.diagnostics);
    let d = &differ.diagnostics[0];
    assert!(d.help.contains("90 minutes apart"), "{}", d.help);
    assert_eq!(d.labels.len(), 3, "the dissent and both sources of the majority");
}

/// "á sjötta tímanum" is the hour before six, on a 12-hour clock: "í morgun" by it reads it
/// before noon, and nothing then allows the evening.
#[test]
fn an_hour_idiom_is_an_hour_long() {
    let r = check(&[("a.txt", "is", "2025-01-15", "Gosið hófst á sjötta tímanum í morgun.\n")]);
    let t = claims_of(&r, ClaimKind::Time);
    assert_eq!(texts(&t), ["sjötta tímanum"]);
    let info = t[0].time().expect("time");
    assert_eq!((info.from, info.to, info.half_day()), (300, 360, false));
}

/// Class 12: "N years ago" in every language is a date, not a duration.
#[test]
fn years_ago_is_a_date() {
    let r = check(&[
        ("a.txt", "is", "2025-02-03", "Skriðan féll fyrir þremur árum.\n"),
        ("b.txt", "nn", "2025-02-03", "Skredet gjekk for fem år sidan.\n"),
        ("c.txt", "en", "2025-02-03", "The slide came down three years ago.\n"),
    ]);
    assert!(claims_of(&r, ClaimKind::Duration).is_empty(), "{:?}", r.claims);
    let years: Vec<String> =
        claims_of(&r, ClaimKind::Date).iter().map(|c| c.value_text()).collect();
    assert_eq!(years, ["2022", "2020", "2022"]);
}

/// Class 13: One article contradicting itself on a duration.
#[test]
fn one_article_contradicting_itself() {
    let r = check(&[(
        "a.txt",
        "nn",
        "2025-02-03",
        "Det vart ein tre dagar lang streik ved hamna.\n\nArbeidarane ved hamna streika i fire dagar i februar.\n",
    )]);
    assert_eq!(codes(&r, Severity::Error), ["FL002"], "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].labels.len(), 2, "both places labelled");
}

/// Class 14: A photo credit glued to a repeated paragraph's first word hides the repeat (known miss:
/// the repeat is still found only when the copies match word for word).
#[test]
#[ignore = "known miss: a glued photo credit hides a variant repeat from FL008"]
fn a_glued_credit_does_not_hide_a_repeat() {
    let r = check(&[(
        "a.txt",
        "is",
        "2025-02-03",
        "Rúmlega 200 manns þurftu að yfirgefa heimili sín í gær.\n\nJón Jónsson Rúmlega 300 manns þurftu að yfirgefa heimili sín í gær.\n",
    )]);
    assert_eq!(codes(&r, Severity::Error), ["FL008"]);
}

/// Class 15: Durations written as hyphenated adjectives.
#[test]
fn hyphenated_durations() {
    let r = check(&[("a.txt", "en", "2025-02-03", "The three-day summit ended on Friday.\n")]);
    let d = claims_of(&r, ClaimKind::Duration);
    assert_eq!(texts(&d), ["three-day"]);
    assert_eq!(d[0].value_text(), "3 days");
    assert!(d[0].bound(), "tied to the summit named with it");
}

/// A rounded time joins no side: "omkring kl. 17.30" allows both 17:35 and 17:36, which still
/// conflict with each other (the alarm, one moment); the rounded one is never the dissent.
#[test]
fn a_rounded_time_is_no_dissent() {
    let r = check(&[
        ("a.txt", "da", "2022-07-04", "Politiet fik anmeldelsen omkring kl. 17.30 søndag.\n"),
        (
            "b.txt",
            "nb",
            "2022-07-04",
            "Det var klokken 17.36 politiet mottok beskjed om skytingen.\n",
        ),
        ("c.txt", "da", "2022-07-04", "Politiet fik anmeldelsen klokken 17.35.\n"),
        ("d.txt", "da", "2022-07-04", "Anmeldelsen kom til politiet klokken 17.35.\n"),
    ]);
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL009");
    assert_eq!(errs[0].labels[0].text.as_ref(), "klokken 17.36");
    assert!(errs[0].help.contains("1 minute apart"), "{}", errs[0].help);
}

// ---------------------------------------------------------------- the time between two moments

const ALERT_EN: &str =
    "Police were alerted at 6:30 p.m. and arrested the suspect about 20 minutes later.\n";
const ALERT_DA: &str = "Politiet fik alarmen, og 20 minutter senere blev manden anholdt.\n";
const ALERT_IS: &str = "Útkall barst lögreglu og tuttugu mínútum síðar var maðurinn handtekinn.\n";
const ALERT_NB: &str = "Politiet fikk alarmen, og en halv time senere ble mannen pågrepet.\n";

/// "alerted … and arrested the suspect 20 minutes later": the span between two moments (an
/// alarm, an arrest), bound to the later one with the earlier as its scope. Sources timing the
/// same pair of moments differently conflict; "en halv time" is 30 minutes (minutes and hours
/// are one scale), against 20 minutes in three sources.
#[test]
fn the_time_between_two_moments_is_compared() {
    let r = check(&[
        ("a.txt", "en", "2025-10-15", ALERT_EN),
        ("b.txt", "da", "2025-10-15", ALERT_DA),
        ("c.txt", "is", "2025-10-15", ALERT_IS),
        ("d.txt", "nb", "2025-10-15", ALERT_NB),
    ]);
    let spans = claims_of(&r, ClaimKind::Duration);
    let seen: Vec<_> = spans
        .iter()
        .map(|c| {
            let key = |s: Option<factlint::Sym>| s.map(|s| s.to_string()).unwrap_or_default();
            (c.text.to_string(), c.value, key(c.concept), key(c.scope), c.bound())
        })
        .collect();
    let want =
        |t: &str, v: f64| (t.to_string(), v, "arrested".to_string(), "alarm".to_string(), true);
    assert_eq!(
        seen,
        [
            want("20 minutes", 20.0),
            want("20 minutter", 20.0),
            want("tuttugu mínútum", 20.0),
            want("halv time", 30.0)
        ]
    );
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL002");
    assert!(errs[0].labels[0].path.ends_with("d.txt"), "{:?}", errs[0].labels);
    assert!(errs[0].help.contains("30 minutes"), "{}", errs[0].help);
}

/// Near miss: a span with no earlier moment named ("Politiet rykket ut, og en halv time senere
/// ble mannen pågrepet") or from another moment (the derailment, not the alarm) is not the time
/// from the alarm to the arrest; a span after "after" that names no moment ("two hours after
/// the meeting"), and a span of days, are no time between two moments of one evening.
#[test]
fn spans_between_other_moments_stay_silent() {
    let others = [
        ("nb", "Politiet rykket ut, og en halv time senere ble mannen pågrepet.\n"),
        ("sv", "Tåget spårade ur, och en timme senare greps mannen.\n"),
        ("en", "The suspect was arrested two hours after the meeting.\n"),
        ("da", "Politiet fik alarmen, og to dage senere blev manden anholdt.\n"),
        ("nb", "Mannen ble pågrepet to dager etter alarmen.\n"),
    ];
    for (lang, text) in others {
        let r = check(&[
            ("a.txt", "en", "2025-10-15", ALERT_EN),
            ("b.txt", "da", "2025-10-15", ALERT_DA),
            ("c.txt", lang, "2025-10-15", text),
        ]);
        assert!(errors(&r).is_empty(), "{text}: {:?}", errors(&r));
        let span = r.claims.iter().find(|c| c.kind == ClaimKind::Duration && c.doc.index() == 2);
        let span = span.expect("a span");
        assert!(
            !span.bound() || span.scope.map(|s| s.to_string()).as_deref() != Some("alarm"),
            "{text}: {span:?}"
        );
    }
}

/// Class 15: fractions of a time unit are durations: "en halv time", "half an hour", "halvannen
/// time", "en halvtimme" (one word, `part_units`) in minutes; "et halvt år", "hálfan sólarhring"
/// in their own unit.
#[test]
fn fractions_of_a_time_unit_are_durations() {
    let r = check(&[
        ("a.txt", "da", "2025-10-15", "Mødet varede en halv time.\n"),
        ("b.txt", "en", "2025-10-15", "The meeting lasted half an hour.\n"),
        ("c.txt", "nb", "2025-10-15", "Møtet varte i halvannen time.\n"),
        ("d.txt", "nn", "2025-10-15", "Streiken varte i eit halvt år.\n"),
        (
            "e.txt",
            "sv",
            "2025-10-15",
            "Mötet varade i en halvtimme, och strejken i ett halvt år.\n",
        ),
        ("f.txt", "is", "2025-10-15", "Fundurinn stóð í hálfan sólarhring.\n"),
    ]);
    let spans: Vec<_> = claims_of(&r, ClaimKind::Duration)
        .iter()
        .map(|c| (c.text.to_string(), c.value, c.unit.map(|u| u.name())))
        .collect();
    let want = |t: &str, v: f64, u: &'static str| (t.to_string(), v, Some(u));
    assert_eq!(
        spans,
        [
            want("halv time", 30.0, "minute"),
            want("half an hour", 30.0, "minute"),
            want("halvannen time", 90.0, "minute"),
            want("halvt år", 0.5, "year"),
            want("halvtimme", 30.0, "minute"),
            want("halvt år", 0.5, "year"),
            want("hálfan sólarhring", 0.5, "day"),
        ]
    );
    // (the meeting's half hour against its 90 minutes: one scale, two values)
    assert_eq!(codes(&r, Severity::Error), ["FL002"], "{:?}", r.diagnostics);
}

/// A span opening its sentence counts from the moment the sentence before ends on: "Politiet
/// fikk alarmen. En time senere ble mannen pågrepet" is the time from the alarm to
/// the arrest, in every language, and meets the same span written in one sentence.
#[test]
fn a_span_counts_from_the_moment_of_the_sentence_before() {
    let r = check(&[
        ("a.txt", "en", "2025-10-15", ALERT_EN),
        ("b.txt", "da", "2025-10-15", "Politiet fik anmeldelsen. 20 minutter senere blev manden anholdt.\n"),
        ("c.txt", "is", "2025-10-15", "Lögreglu barst útkall. Tuttugu mínútum síðar var maðurinn handtekinn.\n"),
        ("d.txt", "nn", "2025-10-15", "Politiet fekk alarmen. Tjue minutt seinare vart mannen pågripen.\n"),
        ("e.txt", "sv", "2025-10-15", "Polisen fick larmet. Tjugo minuter senare greps mannen.\n"),
        ("f.txt", "en", "2025-10-15", "Police received the first reports of a man with a bow.\n\nOfficers arrested the suspect 20 minutes later.\n"),
        ("g.txt", "nb", "2025-10-15", "Politiet fikk alarmen. En time senere ble mannen pågrepet.\n"),
    ]);
    let seen: Vec<_> = claims_of(&r, ClaimKind::Duration)
        .iter()
        .map(|c| {
            let key = |s: Option<factlint::Sym>| s.map(|s| s.to_string()).unwrap_or_default();
            (c.text.to_string(), c.value, key(c.concept), key(c.scope), c.bound())
        })
        .collect();
    let want =
        |t: &str, v: f64| (t.to_string(), v, "arrested".to_string(), "alarm".to_string(), true);
    assert_eq!(
        seen,
        [
            want("20 minutes", 20.0),
            want("20 minutter", 20.0),
            want("Tuttugu mínútum", 20.0),
            want("Tjue minutt", 20.0),
            want("Tjugo minuter", 20.0),
            want("20 minutes", 20.0),
            want("En time", 1.0),
        ]
    );
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL002");
    assert!(errs[0].labels[0].path.ends_with("g.txt"), "{:?}", errs[0].labels);
    assert_eq!(errs[0].labels[0].text.as_ref(), "En time");
}

/// Near misses: the sentence before ends on another moment (the derailment), the alarm is two
/// sentences back, or a clause of the span's own sentence comes between ("Politiet rykket ut, og
/// en time senere …": from the turnout): the span is not the time from the alarm.
#[test]
fn a_span_after_another_narration_stays_silent() {
    let others = [
        ("nb", "Politiet fikk alarmen. Toget sporet av. En time senere ble mannen pågrepet.\n"),
        ("da", "Politiet fik alarmen. Politiet rykkede ud med fem patruljer. En time senere blev manden anholdt.\n"),
        ("sv", "Polisen fick larmet. Polisen ryckte ut, och en timme senare greps mannen.\n"),
        ("nn", "Politiet fekk alarmen. Politiet rykte ut og ein time seinare vart mannen pågripen.\n"),
        ("is", "Lögreglu barst útkall. Lögreglan fór á vettvang, og klukkustund síðar var maðurinn handtekinn.\n"),
        ("en", "Police were alerted. Officers drove to the scene, and an hour later the suspect was arrested.\n"),
    ];
    for (lang, text) in others {
        let r = check(&[
            ("a.txt", "en", "2025-10-15", ALERT_EN),
            ("b.txt", "da", "2025-10-15", ALERT_DA),
            ("c.txt", lang, "2025-10-15", text),
        ]);
        assert!(errors(&r).is_empty(), "{text}: {:?}", errors(&r));
        for span in r.claims.iter().filter(|c| c.kind == ClaimKind::Duration && c.doc.index() == 2)
        {
            assert!(
                !span.bound() || span.scope.map(|s| s.to_string()).as_deref() != Some("alarm"),
                "{text}: {span:?}"
            );
        }
    }
}

// ---------------------------------------------------------------- spans up to publication

/// A span of years with a perfect auxiliary before it in its clause runs up to publication:
/// "has stood for 400 years" written in 2024 dates a start, 1624 (a since claim), in every
/// language; a rounding word ("næsten", "nearly") is kept.
#[test]
fn a_span_up_to_publication_is_a_start() {
    let r = check(&[
        ("a.txt", "da", "2024-04-16", "Spiret, som har prydet byen i næsten 600 år, faldt.\n"),
        ("b.txt", "en", "2024-04-16", "The tower has stood on the square for 400 years.\n"),
        ("c.txt", "is", "2024-04-16", "Turninn hefur staðið á torginu í 400 ár.\n"),
        ("d.txt", "nb", "2024-04-16", "Tårnet har stått på torget i 400 år.\n"),
        ("e.txt", "nn", "2024-04-16", "Tårnet har stått på torget i 400 år.\n"),
        ("f.txt", "sv", "2024-04-16", "Tornet har stått på torget i nästan 400 år.\n"),
    ]);
    assert!(claims_of(&r, ClaimKind::Duration).is_empty(), "{:?}", r.claims);
    let starts: Vec<_> = claims_of(&r, ClaimKind::Since)
        .iter()
        .map(|c| (c.text.to_string(), c.value, c.approx))
        .collect();
    let want = |t: &str, v: f64, a: bool| (t.to_string(), v, a);
    assert_eq!(
        starts,
        [
            want("i næsten 600 år", 1424.0, true),
            want("for 400 years", 1624.0, false),
            want("í 400 ár", 1624.0, false),
            want("i 400 år", 1624.0, false),
            want("i 400 år", 1624.0, false),
            want("i nästan 400 år", 1624.0, true),
        ]
    );
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

/// Near misses: a span in the past ("varede i 400 år", "had stood for 400 years"), one whose
/// perfect is in another clause, and one of days, are durations, not starts.
#[test]
fn a_finished_span_is_a_duration() {
    let r = check(&[
        ("a.txt", "da", "2024-04-16", "Krigen varede i 30 år.\n"),
        ("b.txt", "en", "2024-04-16", "The tower had stood on the square for 400 years.\n"),
        ("c.txt", "nb", "2024-04-16", "Politiet har bekreftet det, og streiken varte i 3 år.\n"),
        ("d.txt", "sv", "2024-04-16", "Branden har pågått i tre dagar.\n"),
    ]);
    assert!(claims_of(&r, ClaimKind::Since).is_empty(), "{:?}", r.claims);
    assert_eq!(
        texts(&claims_of(&r, ClaimKind::Duration)),
        ["30 år", "400 years", "3 år", "tre dagar"]
    );
}

/// "The worst in nearly 30 years" is a since claim with its rounding word, in every language;
/// FL003 lets it differ from a written year by a tenth of its years: "the first visit in
/// nearly ten years" (2023) agrees with "since 2014", not with "since 2010".
#[test]
fn a_rounded_first_in_years() {
    let r = check(&[
        ("a.txt", "da", "2019-01-03", "Det er den værste togulykke i næsten 30 år.\n"),
        ("b.txt", "en", "2019-01-03", "It is the worst rail crash in nearly 30 years.\n"),
        ("c.txt", "is", "2019-01-03", "Þetta er versta lestarslys í tæplega 30 ár.\n"),
        ("d.txt", "nb", "2019-01-03", "Det er den verste togulykken på nesten 30 år.\n"),
        ("e.txt", "sv", "2019-01-03", "Det är den värsta tågolyckan på nästan 30 år.\n"),
    ]);
    let since: Vec<_> =
        claims_of(&r, ClaimKind::Since).iter().map(|c| (c.value, c.approx)).collect();
    assert_eq!(since, [(1989.0, true); 5], "{:?}", r.claims);
    let visit = |other: &str| {
        check(&[
            ("a.txt", "en", "2023-09-13", "It is his first visit to Russia in nearly ten years.\n"),
            ("b.txt", "en", "2023-09-13", other),
        ])
    };
    let agree = visit("He has not visited Russia since 2014.\n");
    assert!(errors(&agree).is_empty(), "{:?}", errors(&agree));
    let differ = visit("He has not visited Russia since 2010.\n");
    assert_eq!(codes(&differ, Severity::Error), ["FL003"], "{:?}", differ.diagnostics);
}

/// One word that is a part of a time unit (`part_units`) is a duration in minutes, in every
/// language, and meets the same span written out: "hálftíma", "halvtime", "kvarter", "korter",
/// "half-hour"; "an hour" against "halvtimen" of one meeting is a conflict.
#[test]
fn a_part_of_an_hour_in_one_word() {
    let r = check(&[
        ("a.txt", "is", "2025-10-15", "Fundurinn stóð í hálftíma.\n"),
        ("b.txt", "nb", "2025-10-15", "Møtet varte en halvtime.\n"),
        ("c.txt", "nn", "2025-10-15", "Møtet varte eit kvarter.\n"),
        ("d.txt", "da", "2025-10-15", "Mødet varede en halvtime.\n"),
        ("e.txt", "sv", "2025-10-15", "Mötet varade i en halvtimme.\n"),
        ("f.txt", "en", "2025-10-15", "The meeting lasted half an hour.\n"),
        ("g.txt", "is", "2025-10-15", "Hléið var korter.\n"),
    ]);
    let spans: Vec<_> = claims_of(&r, ClaimKind::Duration)
        .iter()
        .map(|c| (c.text.to_string(), c.value, c.unit.map(|u| u.name())))
        .collect();
    let want = |t: &str, v: f64| (t.to_string(), v, Some("minute"));
    assert_eq!(
        spans,
        [
            want("hálftíma", 30.0),
            want("halvtime", 30.0),
            want("kvarter", 15.0),
            want("halvtime", 30.0),
            want("halvtimme", 30.0),
            want("half an hour", 30.0),
            want("korter", 15.0),
        ]
    );
    // (the meeting's quarter of an hour in c.txt against its half hour in five sources)
    let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL002");
    assert_eq!(errs[0].labels[0].text.as_ref(), "kvarter");
}

/// Near misses: "kvarteret" (a part of town in Danish and often in Norwegian), "kvart over 7" (a
/// time of day) and a "47-year-old" are no durations; "the 400-year-old building" is older than
/// anyone lives, a span of years.
#[test]
fn parts_of_town_and_ages_are_no_spans() {
    let r = check(&[
        ("a.txt", "da", "2025-10-15", "Politiet afspærrede kvarteret omkring stationen.\n"),
        ("b.txt", "nb", "2025-10-15", "Beboerne i kvarteret ble evakuert.\n"),
        ("c.txt", "en", "2025-10-15", "A 47-year-old man was held in the 400-year-old building.\n"),
        ("d.txt", "da", "2025-10-15", "En 47-årig mand blev anholdt i den 400-årige bygning.\n"),
    ]);
    let spans: Vec<_> = claims_of(&r, ClaimKind::Duration)
        .iter()
        .map(|c| (c.text.to_string(), c.value, c.unit.map(|u| u.name())))
        .collect();
    let want = |t: &str| (t.to_string(), 400.0, Some("year"));
    assert_eq!(spans, [want("400-year-old"), want("400-årige")], "{:?}", r.claims);
    assert!(claims_of(&r, ClaimKind::Count).is_empty(), "{:?}", r.claims);
}

/// Built in 1625 against "has stood for nearly 600 years" (written in 2024: about 1424) of the
/// same thing, in every language: FL003, on the span up to publication.
const STARTS: [(&str, &str, &str); 6] = [
    ("nb", "Tårnet ble bygget i 1625.\n", "Tårnet har stått på torget i nesten 600 år.\n"),
    ("nn", "Tårnet vart bygd i 1625.\n", "Tårnet har stått på torget i nesten 600 år.\n"),
    ("da", "Tårnet blev bygget i 1625.\n", "Tårnet har stået på torvet i næsten 600 år.\n"),
    ("sv", "Tornet byggdes i 1625.\n", "Tornet har stått på torget i nästan 600 år.\n"),
    (
        "en",
        "The tower was built in 1625.\n",
        "The tower has stood on the square for nearly 600 years.\n",
    ),
    (
        "is",
        "Turninn var byggður árið 1625.\n",
        "Turninn hefur staðið á torginu í tæplega 600 ár.\n",
    ),
];

#[test]
fn a_span_up_to_publication_meets_the_dated_start() {
    for (lang, built, stood) in STARTS {
        let r =
            check(&[("a.txt", lang, "2024-04-16", built), ("b.txt", lang, "2024-04-16", stood)]);
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert_eq!(errs.len(), 1, "{lang}: {:?} {:?}", r.diagnostics, r.claims);
        assert_eq!(errs[0].code, "FL003");
        assert!(errs[0].labels[0].path.ends_with("b.txt"), "{lang}: {:?}", errs[0].labels);
        assert!(errs[0].labels[1].path.ends_with("a.txt"), "{lang}: {:?}", errs[0].labels);
        assert!(errs[0].help.contains("2024 − 600 = 1424"), "{lang}: {}", errs[0].help);
    }
}

/// Near misses: a round "400 years" allows 1625 (a tenth of it either way), another thing
/// ("kirken") has a start of its own, and a span that ended ("had stood") dates nothing.
#[test]
fn starts_that_agree_or_differ_in_thing_stay_silent() {
    let others = [
        ("nb", "Tårnet ble bygget i 1625.\n", "Tårnet har stått på torget i 400 år.\n"),
        ("da", "Tårnet blev bygget i 1625.\n", "Kirken har stået på torvet i næsten 600 år.\n"),
        (
            "en",
            "The tower was built in 1625.\n",
            "The tower had stood on the square for 600 years.\n",
        ),
        ("is", "Turninn var byggður árið 1625.\n", "Turninn hefur staðið á torginu í 399 ár.\n"),
    ];
    for (lang, built, stood) in others {
        let r =
            check(&[("a.txt", lang, "2024-04-16", built), ("b.txt", lang, "2024-04-16", stood)]);
        assert!(errors(&r).is_empty(), "{stood}: {:?}", errors(&r));
    }
}

/// "arrested two hours after the alarm": a span whose `after_moment` word names the earlier
/// moment after it is the time between the two moments, in every language, and meets "20
/// minutes later" of the same two moments.
#[test]
fn a_span_after_a_named_moment_is_compared() {
    let after = [
        ("en", "The suspect was arrested two hours after the alarm.\n", "two hours"),
        ("nb", "To timer etter alarmen ble mannen pågrepet.\n", "To timer"),
        ("nn", "Mannen vart pågripen to timar etter alarmen.\n", "to timar"),
        ("da", "Manden blev anholdt to timer efter alarmen.\n", "to timer"),
        ("sv", "Mannen greps två timmar efter larmet.\n", "två timmar"),
        (
            "is",
            "Maðurinn var handtekinn tveimur klukkustundum eftir að útkallið barst.\n",
            "tveimur klukkustundum",
        ),
    ];
    for (lang, text, span) in after {
        let r = check(&[
            ("a.txt", "en", "2025-10-15", ALERT_EN),
            ("b.txt", "da", "2025-10-15", ALERT_DA),
            ("c.txt", lang, "2025-10-15", text),
        ]);
        let c = r.claims.iter().find(|c| c.kind == ClaimKind::Duration && c.doc.index() == 2);
        let c = c.expect("a span");
        let key = |s: Option<factlint::Sym>| s.map(|s| s.to_string()).unwrap_or_default();
        assert_eq!(
            (c.text.to_string(), key(c.concept), key(c.scope), c.bound()),
            (span.to_string(), "arrested".to_string(), "alarm".to_string(), true),
            "{text}"
        );
        let errs: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert_eq!(errs.len(), 1, "{text}: {:?}", r.diagnostics);
        assert_eq!(errs[0].code, "FL002");
        assert_eq!(errs[0].labels[0].text.as_ref(), span, "{text}");
    }
}

/// A whole number and a half of a time unit: "einn og hálfan tíma", "to og en halv time", "en
/// och en halv timme", "one and a half hours", "an hour and a half", and "a quarter of an hour"
/// (a fraction, not a share), in minutes: never the half alone.
#[test]
fn a_number_and_a_half_of_a_unit() {
    let r = check(&[
        ("a.txt", "is", "2025-10-15", "Fundurinn stóð í einn og hálfan tíma.\n"),
        ("b.txt", "nb", "2025-10-15", "Møtet varte i to og en halv time.\n"),
        ("c.txt", "nn", "2025-10-15", "Møtet varte i to og ein halv time.\n"),
        ("d.txt", "da", "2025-10-15", "Mødet varede to og en halv time.\n"),
        ("e.txt", "sv", "2025-10-15", "Mötet varade en och en halv timme.\n"),
        ("f.txt", "en", "2025-10-15", "The talks lasted one and a half hours.\n"),
        ("g.txt", "en", "2025-10-15", "The strike lasted an hour and a half.\n"),
        ("h.txt", "en", "2025-10-15", "The pause lasted a quarter of an hour.\n"),
    ]);
    let spans: Vec<_> = claims_of(&r, ClaimKind::Duration)
        .iter()
        .map(|c| (c.text.to_string(), c.value, c.unit.map(|u| u.name())))
        .collect();
    let want = |t: &str, v: f64| (t.to_string(), v, Some("minute"));
    assert_eq!(
        spans,
        [
            want("einn og hálfan tíma", 90.0),
            want("to og en halv time", 150.0),
            want("to og ein halv time", 150.0),
            want("to og en halv time", 150.0),
            want("en och en halv timme", 90.0),
            want("one and a half hours", 90.0),
            want("an hour and a half", 90.0),
            want("quarter of an hour", 15.0),
        ]
    );
    assert!(claims_of(&r, ClaimKind::PartOfWhole).is_empty(), "{:?}", r.claims);
}

/// Near misses: "half the homes" and "half of the residents" count no time; "two days and a half
/// hour" are two spans, not two and a half days.
#[test]
fn halves_that_are_no_span_of_one_unit() {
    let r = check(&[
        ("a.txt", "en", "2025-10-15", "Half the homes burned, and half of the residents left.\n"),
        ("b.txt", "en", "2025-10-15", "The search lasted two days and a half hour.\n"),
    ]);
    let spans: Vec<_> = claims_of(&r, ClaimKind::Duration)
        .iter()
        .map(|c| (c.text.to_string(), c.value, c.unit.map(|u| u.name())))
        .collect();
    assert_eq!(
        spans,
        [
            ("two days".to_string(), 2.0, Some("day")),
            ("half hour".to_string(), 30.0, Some("minute"))
        ],
        "{:?}",
        r.claims
    );
}
