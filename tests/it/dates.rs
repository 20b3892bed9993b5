//! Relative dates of our own writing: "N years ago" against written dates, nights ("natt til
//! onsdag"), each with a planted conflict that must fire and a near miss that must stay silent.

use crate::common;

use factlint::internals::claims::{ClaimKind, DateForm};
use factlint::internals::report::{Report, Severity};

/// Check texts given as (file name, language, publication date, text), with a manifest.
fn check(docs: &[(&str, &str, &str, &str)]) -> Report {
    common::check_docs(docs, None)
}

fn errors(r: &Report) -> Vec<&factlint::internals::report::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// The text under each label of a diagnostic, in label order.
fn labelled(d: &factlint::internals::report::Diagnostic) -> Vec<String> {
    d.labels.iter().map(|l| l.text.to_string()).collect()
}

/// "Four decades ago" of an event a written date puts 48 years back, in every language: the
/// article's own date and another source's both contradict it.
#[test]
fn decades_ago_against_a_written_date() {
    let own = "Flóðin vekja upp minningar um mannskæð snjóflóð fyrir fjórum áratugum.\n\nMannskæðu snjóflóðin féllu í desember árið 1977 og tíu létust.\n";
    let docs = [
        ("a.txt", "is", own),
        ("b.txt", "nn", "Snøskreda minner om det dødelege snøskredet for fire tiår sidan.\n"),
        (
            "c.txt",
            "en",
            "The avalanche brought back memories of the deadly avalanche four decades ago.\n",
        ),
        ("d.txt", "da", "Lavinen minder om den dødbringende lavine for fire årtier siden.\n"),
        (
            "e.txt",
            "sv",
            "Lavinen i byn väcker minnen av den dödliga lavinen för fyra decennier sedan.\n",
        ),
        ("f.txt", "nb", "Snøskredet minner om det dødelige snøskredet for fire tiår siden.\n"),
        ("g.txt", "en", "The deadly avalanche came down on 20 December 1977.\n"),
    ];
    let with_date: Vec<(&str, &str, &str, &str)> =
        docs.iter().map(|(n, l, t)| (*n, *l, "2025-03-10", *t)).collect();
    let r = check(&with_date);
    let ago: Vec<_> = r
        .claims
        .iter()
        .filter(|c| c.date().is_some_and(|d| d.form == DateForm::Ago))
        .map(|c| (c.text.to_string(), c.value_text()))
        .collect();
    assert_eq!(
        ago,
        [
            ("fyrir fjórum áratugum".to_string(), "1985".to_string()),
            ("for fire tiår sidan".into(), "1985".into()),
            ("four decades ago".into(), "1985".into()),
            ("for fire årtier siden".into(), "1985".into()),
            ("för fyra decennier sedan".into(), "1985".into()),
            ("for fire tiår siden".into(), "1985".into()),
        ]
    );
    let errs = errors(&r);
    assert_eq!(errs.len(), 6, "{:?}", r.diagnostics);
    assert!(errs.iter().all(|d| d.code == "FL005"));
    // the Icelandic article: its own date first, then the other source's
    assert_eq!(
        labelled(errs[0]),
        ["fyrir fjórum áratugum", "í desember árið 1977", "20 December 1977"]
    );
    assert!(errs[0].message.contains("1985 (any of 1981–1990)"), "{}", errs[0].message);
    assert!(errs[0].message.contains("its own article and other sources"), "{}", errs[0].message);
    assert!(errs[0].help.contains("1977-12, 48 years before 2025"), "{}", errs[0].help);
    assert_eq!(labelled(errs[2]), ["four decades ago", "20 December 1977", "í desember árið 1977"]);
}

/// Near misses: "for 600 år siden" against "i året 1425" agrees; "four decades ago" against 1981 (44
/// years back rounds to four decades) agrees; against 2000 (25 years back) it is another
/// avalanche, out of reach; two agos that agree with each other are no conflict.
#[test]
fn years_ago_that_agree_or_are_another_occurrence() {
    let r = check(&[
        ("a.txt", "nb", "2025-03-10", "Skredet gikk for 600 år siden.\n"),
        ("b.txt", "nb", "2025-03-10", "Skredet gikk i året 1425.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.corroborations.len(), 1, "{:?}", r.corroborations);
    let r = check(&[
        (
            "a.txt",
            "en",
            "2025-03-10",
            "It revived memories of the deadly avalanche four decades ago.\n",
        ),
        ("b.txt", "is", "2025-03-10", "Mannskæða snjóflóðið féll árið 1981.\n"),
        ("c.txt", "nn", "2025-03-10", "Snøskredet gjekk i 2000.\n"),
        (
            "d.txt",
            "da",
            "2025-03-10",
            "Lavinen minder om den dødbringende lavine for fire årtier siden.\n",
        ),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    // and in one article: its own year agrees
    let r = check(&[(
        "a.txt",
        "is",
        "2025-03-10",
        "Flóðin vekja upp minningar um mannskæð snjóflóð fyrir fjórum áratugum.\n\nMannskæðu snjóflóðin féllu árið 1982.\n",
    )]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
}

/// "natt til onsdag" written on a Wednesday is that Wednesday; "natt til torsdag" written on the
/// same Wednesday is the coming night, Thursday (never the Thursday a week back); and the other
/// languages' nights.
#[test]
fn nights_end_on_their_weekday() {
    let r = check(&[
        ("a.txt", "nb", "2025-02-05", "Skredet gikk natt til onsdag.\n"),
        ("b.txt", "nb", "2025-02-05", "Uværet kommer natt til torsdag.\n"),
        ("c.txt", "is", "2025-02-06", "Skriðan féll aðfaranótt miðvikudags.\n"),
        ("d.txt", "sv", "2025-02-05", "Skredet gick natten mot onsdag.\n"),
        ("e.txt", "da", "2025-02-05", "Jordskredet skete natten til mandag.\n"),
        ("f.txt", "en", "2025-02-05", "The slide came down overnight into Wednesday.\n"),
    ]);
    let nights: Vec<(String, String)> = r
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date)
        .map(|c| {
            assert_eq!(c.date().map(|d| d.form), Some(DateForm::Night), "{}", c.text);
            (c.text.to_string(), c.value_text())
        })
        .collect();
    let want = [
        ("natt til onsdag", "2025-02-05"),
        ("natt til torsdag", "2025-02-06"),
        ("aðfaranótt miðvikudags", "2025-02-05"),
        ("natten mot onsdag", "2025-02-05"),
        ("natten til mandag", "2025-02-03"),
        ("overnight into Wednesday", "2025-02-05"),
    ];
    let want: Vec<(String, String)> =
        want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(nights, want);
}

/// One article giving the slide two nights fires, with both places and both resolved days; two
/// nights of two different events, and a night and a later weekday of one ongoing event, do not.
#[test]
fn two_nights_of_one_event_in_one_article() {
    let text = "Skredet gikk natt til onsdag i sentrum av bygda.\n\nKartet viser hvor skredet gikk natt til torsdag.\n";
    let r = check(&[("a.txt", "nb", "2025-02-05", text)]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL005");
    assert_eq!(labelled(errs[0]), ["natt til onsdag", "natt til torsdag"]);
    assert!(
        errs[0].message.contains("both 2025-02-05 (“natt til onsdag”) and 2025-02-06"),
        "{}",
        errs[0].message
    );
    let r = check(&[(
        "a.txt",
        "nb",
        "2025-02-05",
        "Skredet gikk natt til onsdag i sentrum av bygda.\n\nBrannen startet natt til torsdag.\n",
    )]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
    let r = check(&[(
        "a.txt",
        "en",
        "2023-07-11",
        "The eruption began overnight into Monday.\n\nBy Tuesday the eruption had shrunk.\n",
    )]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
}

/// A weekday in an article that tells of days long before its publication belongs to the days
/// it tells of: "søndag" after "lørdag 9. mars", in an article of November, is 10 March; in an
/// article telling of this week it stays the Sunday before publication.
#[test]
fn a_weekday_in_a_retrospective_article() {
    let day = |r: &Report, text: &str| {
        r.claims
            .iter()
            .find(|c| c.text.as_str() == text)
            .map(|c| c.value_text())
            .unwrap_or_else(|| panic!("no claim {text}: {:?}", r.claims))
    };
    let back =
        "Ferja mista motorane lørdag 9. mars.\n\nPassasjerane kom i land søndag ettermiddag.\n";
    let r = check(&[("a.txt", "nb", "2024-11-13", back)]);
    assert_eq!(day(&r, "lørdag 9. mars"), "2024-03-09");
    assert_eq!(day(&r, "søndag"), "2024-03-10");
    // (a night of those days too)
    let r = check(&[(
        "a.txt",
        "en",
        "2024-11-13",
        "The ferry lost power on Saturday, 9 March.\n\nThe passengers came ashore overnight into Monday.\n",
    )]);
    assert_eq!(day(&r, "overnight into Monday"), "2024-03-11");
    // near miss: a date of this week leaves the weekday to the publication date
    let now = "Ferja mista motorane mandag 11. november.\n\nPassasjerane kom i land søndag.\n";
    let r = check(&[("a.txt", "nb", "2024-11-13", now)]);
    assert_eq!(day(&r, "søndag"), "2024-11-10");
}

/// "this evening", "under eftermiddagen", "the past week" and their siblings are relative dates ("dei siste dagane",
/// "the past few days" are vague, no date); an old year after a word of time is a year ("færdig
/// i 1625"), an old number before a counted thing is not.
#[test]
fn relative_phrases_and_old_years() {
    let r = check(&[
        (
            "a.txt",
            "en",
            "2023-03-27",
            "The roads will close this evening after the past week of snow.\n",
        ),
        ("b.txt", "sv", "2023-03-27", "Det har snöat mycket den senaste veckan.\n"),
        ("e.txt", "nn", "2023-03-27", "Det har vore travelt dei siste dagane.\n"),
        ("f.txt", "sv", "2023-03-27", "Vägen stängdes under eftermiddagen.\n"),
        ("c.txt", "da", "2024-04-16", "Bygningen stod færdig i 1625.\n"),
        ("d.txt", "en", "2024-04-16", "The fire spread to 1625 homes.\n"),
    ]);
    let dates: Vec<(String, String)> = r
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date)
        .map(|c| (c.text.to_string(), c.value_text()))
        .collect();
    let want = [
        ("this evening", "2023-03-27"),
        ("the past week", "2023-03-20/2023-03-26"),
        ("den senaste veckan", "2023-03-20/2023-03-26"),
        ("1625", "1625"),
        ("under eftermiddagen", "2023-03-27"),
    ];
    let want: Vec<(String, String)> =
        want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(dates, want);
}

/// Slides falling for days, told by reports written on three days: "yesterday", "last night" and
/// "today" name three different days of one event, a series, and none is voted against another;
/// two reports of one arrival that name two days still conflict (the planted conflict beside it).
#[test]
fn relative_days_of_a_series_are_not_voted() {
    let series = check(&[
        ("a.txt", "en", "2024-03-12", "A landslide hit the town yesterday.\n"),
        ("b.txt", "en", "2024-03-14", "Another landslide hit the town last night.\n"),
        ("c.txt", "en", "2024-03-14", "A third landslide hit the town today.\n"),
        ("d.txt", "is", "2024-03-12", "Aurskriða féll á bæinn í gær.\n"),
    ]);
    assert!(errors(&series).is_empty(), "{:?}", series.diagnostics);
    let arrival = check(&[
        ("a.txt", "is", "2025-02-05", "Ráðherrann Jonas Berg kom til landsins á mánudag.\n"),
        ("b.txt", "is", "2025-02-05", "Ráðherrann Jonas Berg kom til landsins í gærmorgun.\n"),
    ]);
    let e = errors(&arrival);
    assert_eq!(e.len(), 1, "{:?}", arrival.diagnostics);
    assert_eq!(e[0].code, "FL005");
}

/// "crossed the border on 12 September and he went home on 17 September": a conjunction and a
/// subject pronoun open a new clause as a comma does (the language's `clause_break`), so the first
/// date takes the start word of its own clause, not the end word of the next; the dates give six
/// days. Planted: "five days" fires FL004 in every language; near miss: "six days" is silent.
#[test]
fn a_conjunction_and_a_pronoun_open_a_clause() {
    let texts = [
        ("en", "Kim crossed the border on 12 September and he went home on 17 September. The visit to Russia lasted {} days.", "five", "six"),
        ("nb", "Kim krysset grensen 12. september og han reiste hjem 17. september. Besøket i Russland varte i {} dager.", "fem", "seks"),
        ("nn", "Kim kryssa grensa 12. september og han reiste heim 17. september. Besøket i Russland varte i {} dagar.", "fem", "seks"),
        ("is", "Kim fór yfir landamærin 12. september og hann hélt heim 17. september. Heimsóknin til Rússlands stóð í {} daga.", "fimm", "sex"),
        ("da", "Kim ankom til Rusland 12. september og han rejste hjem 17. september. Besøget varede {} dage.", "fem", "seks"),
        ("sv", "Kim anlände till Ryssland den 12 september och han åkte hem den 17 september. Besöket varade i {} dagar.", "fem", "sex"),
    ];
    for (lang, text, five, six) in texts {
        let doc = |n: &str| format!("Kim\n\n{}\n", text.replace("{}", n));
        let r = check(&[("a.txt", lang, "2023-09-20", &doc(five))]);
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["FL004"], "{lang}: {:?}", r.diagnostics);
        assert!(r.diagnostics[0].message.contains("lasted 5 days, but its dates give 6"), "{lang}");
        let r = check(&[("a.txt", lang, "2023-09-20", &doc(six))]);
        assert!(r.diagnostics.is_empty(), "{lang}: {:?}", r.diagnostics);
    }
}

/// "welcomed Kim on Tuesday at a rocket launch site": a welcome is the meeting (`meeting` lists
/// "welcomed", "ønsket velkommen", "var boðinn velkominn", "välkomnades"; a phrase split by its
/// object, "ønsket Kim velkommen", is not matched), and a launch site is a place,
/// no launch, so the date is the meeting's. Planted: Tuesday against a report of the meeting on
/// Wednesday 13 September fires FL005; near miss: Wednesday is silent.
#[test]
fn a_welcome_at_a_launch_site_dates_the_meeting() {
    let meeting = "Toppmøtet\n\nPutin og Kim møttes onsdag 13. september, opplyser Kreml.\n";
    let welcome = [
        (
            "en",
            "Putin welcomed Kim on {} at a rocket launch site, the Kremlin said.",
            "Tuesday",
            "Wednesday",
        ),
        (
            "nb",
            "Kim ble ønsket velkommen av Putin på {} ved oppskytingsbasen, opplyser Kreml.",
            "tirsdag",
            "onsdag",
        ),
        (
            "nn",
            "Kim vart ønskt velkommen av Putin på {} ved oppskytingsbasen, opplyser Kreml.",
            "tysdag",
            "onsdag",
        ),
        (
            "is",
            "Kim var boðinn velkominn af Pútín á {} á geimskotastöðinni, segir Kreml.",
            "þriðjudag",
            "miðvikudag",
        ),
        (
            "da",
            "Kim blev budt velkommen af Putin på {} ved affyringsrampen, oplyser Kreml.",
            "tirsdag",
            "onsdag",
        ),
        (
            "sv",
            "Kim välkomnades av Putin på {} vid uppskjutningsplatsen, uppger Kreml.",
            "tisdagen",
            "onsdagen",
        ),
    ];
    for (lang, text, wrong, right) in welcome {
        let doc = |day: &str| format!("Toppmøtet\n\n{}\n", text.replace("{}", day));
        let run = |day: &str| {
            check(&[
                ("a.txt", "nb", "2023-09-14", meeting),
                ("b.txt", lang, "2023-09-14", &doc(day)),
            ])
        };
        let r = run(wrong);
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["FL005"], "{lang}: {:?}", r.diagnostics);
        let r = run(right);
        assert!(r.diagnostics.is_empty(), "{lang}: {:?}", r.diagnostics);
    }
}

/// Near miss: a welcome at a launch site is no launch, so it never contradicts the date of a
/// launch ("watched a rocket launch on 30 August").
#[test]
fn a_launch_site_is_no_launch() {
    let r = check(&[
        ("a.txt", "en", "2023-09-14", "Launch\n\nPutin and Kim watched a rocket launch on 30 August.\n"),
        (
            "b.txt",
            "en",
            "2023-09-14",
            "Summit\n\nPutin welcomed Kim on Wednesday at a rocket launch site, the Kremlin said.\n",
        ),
    ]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// A photo caption dated long before the article (the file picture of an earlier eruption, with
/// its credit) tells of the picture, not of the days the article is about: a weekday in the body
/// is of the week of publication, in every language; the caption's alt text, repeated without
/// its credit, is the caption too. Near miss: the same old date written in the body, without a
/// credit, still makes the article retrospective.
#[test]
fn a_caption_date_is_the_pictures() {
    let day = |r: &Report, text: &str| {
        r.claims
            .iter()
            .find(|c| c.text.as_str() == text)
            .map(|c| c.value_text())
            .unwrap_or_else(|| panic!("no claim {text}: {:?}", r.claims))
    };
    let cases = [
        (
            "en",
            "Lava flows near the ridge on 3 March 2022. (Photo credit: STAFF/FILE PHOTO)\nLava flows near the ridge on 3 March 2022.\n\nThe ferry lost power on Monday, the coast guard said.\n",
            "Monday",
        ),
        (
            "nb",
            "Lava renner ved fjellet 3. mars 2022. Foto: Ola Nordmann / NTB\n\nFerja mista motorane mandag, opplyser politiet.\n",
            "mandag",
        ),
        (
            "nn",
            "Lava renn ved fjellet 3. mars 2022. (Bilete: Kari Nordmann / NTB)\n\nFerja mista motorane måndag, seier politiet.\n",
            "måndag",
        ),
        (
            "is",
            "Hraun rennur við fjallið 3. mars 2022. Mynd: Jón Jónsson\n\nFerjan missti vélarnar á mánudag, segir lögreglan.\n",
            "mánudag",
        ),
        (
            "da",
            "Lava løber ved bjerget 3. marts 2022. Foto: Ritzau Scanpix\n\nFærgen mistede motorerne mandag, oplyser politiet.\n",
            "mandag",
        ),
        (
            "sv",
            "Lava rinner vid berget 3 mars 2022. Foto: TT\n\nFärjan förlorade motorerna måndag, uppger polisen.\n",
            "måndag",
        ),
    ];
    for (lang, text, weekday) in cases {
        let r = check(&[("a.txt", lang, "2024-11-13", text)]);
        assert_eq!(day(&r, weekday), "2024-11-11", "{lang}: {text}");
        // near miss: the old date in the body, no credit: a retrospective article
        let body = text.replace(
            " (Photo credit: STAFF/FILE PHOTO)\nLava flows near the ridge on 3 March 2022.",
            "",
        );
        let body = [
            "Foto: Ola Nordmann / NTB",
            "(Bilete: Kari Nordmann / NTB)",
            "Mynd: Jón Jónsson",
            "Foto: Ritzau Scanpix",
            "Foto: TT",
        ]
        .iter()
        .fold(body, |b, credit| b.replace(credit, ""));
        let r = check(&[("a.txt", lang, "2024-11-13", &body)]);
        assert_eq!(day(&r, weekday), "2022-02-28", "{lang}: {body}");
    }
}

/// An English page with its "Published:" stamp (furniture, stripped) and a file photo's caption
/// of an older date before the story: the stamp is the publication date, and a weekday resolves
/// from it.
#[test]
fn the_stamp_dates_the_page_past_an_old_caption() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = "Ferry loses power off the coast\n\nBy STAFF\nPublished: NOVEMBER 13, 2024 21:20\n\nUpdated: NOVEMBER 13, 2024 21:51\nLava flows near the ridge on March 3, 2022. (photo credit: STAFF/FILE PHOTO)\nLava flows near the ridge on March 3, 2022.\nThe ferry lost power on Monday, the coast guard said, and the passengers came ashore safely.\n";
    std::fs::write(dir.path().join("a.txt"), text).expect("write");
    let r = common::check(&common::setup(), &[dir.path()]);
    let monday = r.claims.iter().find(|c| c.text.as_str() == "Monday").expect("Monday");
    assert_eq!(monday.value_text(), "2024-11-11");
}

/// Each claim's text and resolved value, dates only, in claim order.
fn dates_of(r: &Report) -> Vec<(String, String)> {
    r.claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date)
        .map(|c| (c.text.to_string(), c.value_text()))
        .collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Relative phrases of the lexicons in every language: early this morning, tomorrow, a weekday's
/// genitive or possessive ("tirsdagens skred", "Tuesday's blaze"), this morning's; after New Year
/// (the next year) and a season of the publication year ("i haust": a range, never voted).
#[test]
fn relative_phrases_of_every_language() {
    let wed = "2025-02-05";
    let r = check(&[
        ("a.txt", "da", wed, "Ulykken skete i morgenstunden, og politiet sagde her til morgen at broen er lukket.\n"),
        ("b.txt", "nb", wed, "Raset gikk i morgentimene, og tirsdagens skred stengte veien.\n"),
        ("c.txt", "nn", wed, "Vegen er stengd etter tysdagens skred.\n"),
        ("d.txt", "is", wed, "Skriðan féll í morgunsárið og búist er við úrkomu á morgundaginn.\n"),
        ("e.txt", "en", wed, "Tuesday's blaze destroyed the spire, and this morning's meeting put off tomorrow's vote.\n"),
    ]);
    let want = [
        ("i morgenstunden", "2025-02-05"),
        ("her til morgen", "2025-02-05"),
        ("i morgentimene", "2025-02-05"),
        ("tirsdagens", "2025-02-04"),
        ("tysdagens", "2025-02-04"),
        ("í morgunsárið", "2025-02-05"),
        ("á morgundaginn", "2025-02-06"),
        ("Tuesday's", "2025-02-04"),
        ("this morning's", "2025-02-05"),
        ("tomorrow's", "2025-02-06"),
    ];
    assert_eq!(dates_of(&r), pairs(&want));
    let oct = "2025-10-15";
    let r = check(&[
        ("a.txt", "nn", oct, "Rapporten skulle vere klar i haust, men kjem over nyttår.\n"),
        ("b.txt", "nb", oct, "Rapporten kommer i høst, broen åpner etter nyttår.\n"),
        ("c.txt", "da", oct, "Broen åbner efter nytår, ikke i sommer.\n"),
        ("d.txt", "sv", oct, "Banan öppnar i höst eller efter nyår.\n"),
        ("e.txt", "is", oct, "Skýrslan kemur í haust eða eftir áramót.\n"),
        ("f.txt", "en", oct, "The report is due this autumn, the bridge after the new year.\n"),
    ]);
    let autumn = "2025-09-01/2025-11-30";
    let want = [
        ("i haust", autumn),
        ("over nyttår", "2026"),
        ("i høst", autumn),
        ("etter nyttår", "2026"),
        ("efter nytår", "2026"),
        ("i sommer", "2025-06-01/2025-08-31"),
        ("i höst", autumn),
        ("efter nyår", "2026"),
        ("í haust", autumn),
        ("eftir áramót", "2026"),
        ("this autumn", autumn),
        ("after the new year", "2026"),
    ];
    assert_eq!(dates_of(&r), pairs(&want));
}

/// "Same dag", "påfølgende natt", "það sama ár", "the next day": counted from the last date the
/// article named, never voted (a date read from another is no evidence of its own); with no date
/// named before, no date at all.
#[test]
fn phrases_counted_from_the_last_date_named() {
    let wed = "2025-02-05";
    let r = check(&[
        ("a.txt", "nn", wed, "Arbeidet vart stansa tysdag førre veke. Same dag sa lensmannen at vegen var stengd.\n"),
        ("b.txt", "nb", wed, "Fergen mistet motorene lørdag 9. mars 2024. Påfølgende natt ble tre motorer reparert.\n"),
        ("c.txt", "da", wed, "Broen blev lukket mandag den 3. februar. Samme dag blev togene stoppet.\n"),
        ("d.txt", "sv", wed, "Banan stängdes den 3 februari. Samma dag ställdes tågen in.\n"),
        ("e.txt", "is", wed, "Gosið hófst 19. mars 2021. Þann 18. september það sama ár hætti kvikan að renna.\n"),
        ("f.txt", "en", wed, "The roof was repaired on 3 March 2020 and again on 18 June the same year. The next day the crane left.\n"),
        ("g.txt", "sv", wed, "Samma dag ställdes tågen in.\n"),
    ]);
    let want = [
        ("tysdag førre veke", "2025-01-28"),
        ("Same dag", "2025-01-28"),
        ("lørdag 9. mars 2024", "2024-03-09"),
        ("Påfølgende natt", "2024-03-10"),
        ("mandag den 3. februar", "2025-02-03"),
        ("Samme dag", "2025-02-03"),
        ("3 februari", "2025-02-03"),
        ("Samma dag", "2025-02-03"),
        ("19. mars 2021", "2021-03-19"),
        ("18. september það sama ár", "2021-09-18"),
        ("3 March 2020", "2020-03-03"),
        ("18 June the same year", "2020-06-18"),
        ("The next day", "2020-06-19"),
    ];
    assert_eq!(dates_of(&r), pairs(&want));
    let counted = [
        "Same dag",
        "Påfølgende natt",
        "Samme dag",
        "Samma dag",
        "18. september það sama ár",
        "18 June the same year",
        "The next day",
    ];
    for c in r.claims.iter().filter(|c| counted.contains(&c.text.as_str())) {
        assert!(!c.bound(), "{} is never voted", c.text);
    }
}

/// A weekday with a week phrase is one date, that weekday of that week, in every language; a
/// planted conflict with another source's relative day of the arrival fires, its near miss (the
/// same Tuesday written out) agrees.
#[test]
fn a_weekday_with_a_week_phrase_is_one_date() {
    let wed = "2025-02-05";
    let r = check(&[
        ("a.txt", "nn", wed, "Vegen vart stengd tysdag førre veke.\n"),
        ("b.txt", "nb", wed, "Veien ble stengt tirsdag forrige uke.\n"),
        ("c.txt", "da", wed, "Vejen blev lukket tirsdag i sidste uge.\n"),
        ("d.txt", "sv", wed, "Vägen stängdes tisdag förra veckan.\n"),
        ("e.txt", "is", wed, "Veginum var lokað á þriðjudaginn í síðustu viku.\n"),
        ("f.txt", "en", wed, "The road was closed on Tuesday last week.\n"),
    ]);
    let tue = "2025-01-28";
    let want = [
        ("tysdag førre veke", tue),
        ("tirsdag forrige uke", tue),
        ("tirsdag i sidste uge", tue),
        ("tisdag förra veckan", tue),
        ("þriðjudaginn í síðustu viku", tue),
        ("Tuesday last week", tue),
    ];
    assert_eq!(dates_of(&r), pairs(&want));
    let r = check(&[
        (
            "a.txt",
            "is",
            wed,
            "Ráðherrann Jonas Berg kom til landsins á þriðjudaginn í síðustu viku.\n",
        ),
        ("b.txt", "is", wed, "Ráðherrann Jonas Berg kom til landsins í gærmorgun.\n"),
    ]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(errs[0].code, "FL005");
    assert_eq!(labelled(errs[0]), ["þriðjudaginn í síðustu viku", "í gærmorgun"]);
    let r = check(&[
        (
            "a.txt",
            "is",
            wed,
            "Ráðherrann Jonas Berg kom til landsins á þriðjudaginn í síðustu viku.\n",
        ),
        ("b.txt", "is", wed, "Ráðherrann Jonas Berg kom til landsins 28. janúar.\n"),
    ]);
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
}

/// The weekday opening a byline or dateline ("Onsdag 2. januar 2019 kl. 08:57") is the
/// dateline's: no claim; a weekday in the text after it is one.
#[test]
fn a_weekday_opening_a_dateline_is_no_claim() {
    let r = check(&[
        (
            "a.txt",
            "da",
            "2019-01-02",
            "Ulykke på broen\n\nOnsdag 2. januar 2019 kl. 08:57Der skete en ulykke på broen i morgenstunden.\n\nBroen var lukket onsdag.\n",
        ),
        (
            "b.txt",
            "en",
            "2024-04-18",
            "Thursday, 18 April 2024 at 10:15\n\nThe bridge was closed on Tuesday.\n",
        ),
    ]);
    let want =
        [("i morgenstunden", "2019-01-02"), ("onsdag", "2019-01-02"), ("Tuesday", "2024-04-16")];
    assert_eq!(dates_of(&r), pairs(&want));
}

/// The day after publication, named by its weekday in an article that calls its publication day
/// by its own weekday, is tomorrow; with no such word it stays the same weekday six days back.
#[test]
fn tomorrow_in_an_article_that_names_today() {
    let wed = "2024-04-17";
    let day = |r: &Report, text: &str| {
        r.claims
            .iter()
            .find(|c| c.text.as_str() == text)
            .map(|c| c.value_text())
            .unwrap_or_else(|| panic!("no claim {text}: {:?}", r.claims))
    };
    let r = check(&[
        ("a.txt", "da", wed, "Onsdag er der færre brandfolk ved bygningen.\n\nArbejdet ved bygningen fortsætter torsdag.\n"),
        ("b.txt", "en", wed, "Fewer firefighters were at the building on Wednesday.\n\nThe work at the building goes on Thursday.\n"),
    ]);
    assert_eq!(day(&r, "torsdag"), "2024-04-18");
    assert_eq!(day(&r, "Thursday"), "2024-04-18");
    // near miss: no word for today, and the Thursday is the one before
    let r = check(&[("a.txt", "da", wed, "Arbejdet ved bygningen fortsatte torsdag.\n")]);
    assert_eq!(day(&r, "torsdag"), "2024-04-11");
}

/// Stamps of the page and of quoted posts are no claims: a date after a published word opening
/// its sentence (in every language), a wire dateline's date before the agency and a dash, an
/// embedded post's date after its handle. Near misses: a published word inside a sentence, a date
/// before a parenthesis with no dash after it.
#[test]
fn stamps_of_the_page_and_of_quoted_posts_are_no_claims() {
    let day = "2021-10-14";
    let r = check(&[
        ("a.txt", "da", day, "Opdateret onsdag formiddag med nye oplysninger om de sårede.\n"),
        ("b.txt", "nb", day, "Oppdatert onsdag kveld med nye opplysninger.\n"),
        ("c.txt", "nn", day, "Oppdatert onsdag kveld med nye opplysningar.\n"),
        ("d.txt", "sv", day, "Uppdaterad onsdag eftermiddag med nya uppgifter.\n"),
        ("e.txt", "is", day, "Uppfært í gær með nýjum upplýsingum.\n"),
        ("f.txt", "en", day, "Updated: 14 Oct 2021, 09:53\n\nThe bridge was closed.\n"),
        (
            "g.txt",
            "en",
            day,
            "OSLO, Norway, Oct 14, 2021 (AFP) - A man was arrested on Wednesday.\n\nThe ash rose high.\n— A Person (@someone) July 10, 2021\n",
        ),
    ]);
    let want = [("Wednesday", "2021-10-13")];
    assert_eq!(dates_of(&r), pairs(&want));
    let r = check(&[(
        "a.txt",
        "en",
        day,
        "The police in the town by the river updated Monday that five had died.\n\nOn 12 October 2021 (in the evening) the bridge closed.\n",
    )]);
    let want = [("Monday", "2021-10-11"), ("12 October 2021", "2021-10-12")];
    assert_eq!(dates_of(&r), pairs(&want));
}
