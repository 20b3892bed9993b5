//! Property tests: every integer 0–9999 written in words by our own renderer — Icelandic in every
//! gender and in nominative, dative and genitive, Nynorsk (old and new order), Bokmål — parses back
//! to itself through the lexicon-driven nom parser.

use factlint::internals::extract::parse::number;
use factlint::internals::lang::token::{lower_text, tokenize};
use factlint::internals::lang::Knowledge;
use proptest::prelude::*;
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in data"))
}

#[derive(Clone, Copy, Debug)]
enum Gender {
    M,
    F,
    N,
}
#[derive(Clone, Copy, Debug)]
enum Case {
    Nom,
    Dat,
    Gen,
}

/// Icelandic 1–4 agree with the noun; 5 and up do not.
fn is_small(n: u32, g: Gender, c: Case) -> &'static str {
    use Case::*;
    use Gender::*;
    match (n, c, g) {
        (1, Nom, M) => "einn",
        (1, Nom, F) => "ein",
        (1, Nom, N) => "eitt",
        (1, Dat, M) => "einum",
        (1, Dat, F) => "einni",
        (1, Dat, N) => "einu",
        (1, Gen, F) => "einnar",
        (1, Gen, _) => "eins",
        (2, Nom, M) => "tveir",
        (2, Nom, F) => "tvær",
        (2, Nom, N) => "tvö",
        (2, Dat, _) => "tveimur",
        (2, Gen, _) => "tveggja",
        (3, Nom, M) => "þrír",
        (3, Nom, F) => "þrjár",
        (3, Nom, N) => "þrjú",
        (3, Dat, _) => "þremur",
        (3, Gen, _) => "þriggja",
        (4, Nom, M) => "fjórir",
        (4, Nom, F) => "fjórar",
        (4, Nom, N) => "fjögur",
        (4, Dat, _) => "fjórum",
        (4, Gen, _) => "fjögurra",
        _ => "",
    }
}

const IS_WORDS: [&str; 20] = [
    "núll",
    "",
    "",
    "",
    "",
    "fimm",
    "sex",
    "sjö",
    "átta",
    "níu",
    "tíu",
    "ellefu",
    "tólf",
    "þrettán",
    "fjórtán",
    "fimmtán",
    "sextán",
    "sautján",
    "átján",
    "nítján",
];
const IS_TENS: [&str; 10] =
    ["", "", "tuttugu", "þrjátíu", "fjörutíu", "fimmtíu", "sextíu", "sjötíu", "áttatíu", "níutíu"];

fn is_below_100(n: u32, g: Gender, c: Case) -> Vec<String> {
    let unit = |u: u32| {
        if u <= 4 {
            is_small(u, g, c).to_string()
        } else {
            IS_WORDS[u as usize].to_string()
        }
    };
    if n < 20 {
        vec![unit(n)]
    } else if n % 10 == 0 {
        vec![IS_TENS[(n / 10) as usize].to_string()]
    } else {
        vec![IS_TENS[(n / 10) as usize].to_string(), "og".into(), unit(n % 10)]
    }
}

/// "eitt þúsund tvö hundruð þrjátíu og fjórir": "og" before the last element.
fn render_is(n: u32, g: Gender, c: Case) -> String {
    if n == 0 {
        return "núll".into();
    }
    let mut parts: Vec<Vec<String>> = Vec::new();
    let (th, h, rest) = (n / 1000, (n / 100) % 10, n % 100);
    if th > 0 {
        parts.push(vec![render_is(th, Gender::N, Case::Nom), "þúsund".into()]);
    }
    if h > 0 {
        let word = if h == 1 { "hundrað" } else { "hundruð" };
        parts.push(vec![is_below_100(h, Gender::N, Case::Nom).join(" "), word.into()]);
    }
    if rest > 0 {
        parts.push(is_below_100(rest, g, c));
    }
    let k = parts.len();
    let mut out: Vec<String> = Vec::new();
    for (i, p) in parts.into_iter().enumerate() {
        // "og" before the last element, unless that element already carries one ("tuttugu og fjórir")
        if i == k - 1 && k > 1 && !p.contains(&"og".to_string()) {
            out.push("og".into());
        }
        out.extend(p);
    }
    out.join(" ")
}

const NO_WORDS: [&str; 20] = [
    "null", "", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv",
    "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten",
];
const NO_TENS: [&str; 10] =
    ["", "", "tjue", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti"];

/// Norwegian: "tre tusen fire hundre og tolv"; 21–99 as "tjuefire" or, old style, "fire og tjue".
fn render_no(n: u32, one: &str, old_order: bool) -> String {
    let unit = |u: u32| if u == 1 { one.to_string() } else { NO_WORDS[u as usize].to_string() };
    let below_100 = |r: u32| -> String {
        if r < 20 {
            unit(r)
        } else if r % 10 == 0 {
            NO_TENS[(r / 10) as usize].into()
        } else if old_order {
            format!("{} og {}", unit(r % 10), NO_TENS[(r / 10) as usize])
        } else {
            format!("{}{}", NO_TENS[(r / 10) as usize], unit(r % 10))
        }
    };
    if n == 0 {
        return "null".into();
    }
    let (th, h, rest) = (n / 1000, (n / 100) % 10, n % 100);
    let mut out = Vec::new();
    if th > 0 {
        out.push(format!("{} tusen", below_100(th)));
    }
    if h > 0 {
        out.push(format!("{} hundre", unit(h)));
    }
    if rest > 0 {
        if !out.is_empty() {
            out.push("og".into());
        }
        out.push(below_100(rest));
    }
    out.join(" ")
}

fn parse(lang: &str, s: &str) -> Option<f64> {
    let lex = knowledge().lexicon(lang)?;
    let lower = lower_text(s);
    let toks = tokenize(s, &lower);
    let r = number(lex)(&toks).ok().filter(|(rest, _)| rest.is_empty()).map(|(_, (v, _, _))| v);
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn icelandic_words_round_trip(n in 0u32..10000, g in 0..3usize, c in 0..3usize) {
        let g = [Gender::M, Gender::F, Gender::N][g];
        let c = [Case::Nom, Case::Dat, Case::Gen][c];
        let s = render_is(n, g, c);
        prop_assert_eq!(parse("is", &s), Some(f64::from(n)), "{}", s);
    }

    #[test]
    fn nynorsk_words_round_trip(n in 0u32..10000, old in any::<bool>(), one in 0..3usize) {
        let s = render_no(n, ["ein", "ei", "eitt"][one], old);
        prop_assert_eq!(parse("nn", &s), Some(f64::from(n)), "{}", s);
    }

    #[test]
    fn bokmal_words_round_trip(n in 0u32..10000, old in any::<bool>(), one in 0..3usize) {
        let s = render_no(n, ["en", "ei", "ett"][one], old);
        prop_assert_eq!(parse("nb", &s), Some(f64::from(n)), "{}", s);
    }
}

#[test]
fn every_value_once_in_each_language() {
    for n in 0..10000u32 {
        for (g, c) in [(Gender::M, Case::Nom), (Gender::F, Case::Dat), (Gender::N, Case::Gen)] {
            let s = render_is(n, g, c);
            assert_eq!(parse("is", &s), Some(f64::from(n)), "is: {s}");
        }
        let s = render_no(n, "ein", n % 2 == 0);
        assert_eq!(parse("nn", &s), Some(f64::from(n)), "nn: {s}");
        let s = render_no(n, "en", n % 2 == 1);
        assert_eq!(parse("nb", &s), Some(f64::from(n)), "nb: {s}");
    }
}
