//! The whole extraction on arbitrary bytes: analyse (language, dateline, boilerplate, sentences,
//! repeats) and extract claims, with and without a publication date, then run the rules over
//! the claims of both runs. Asserts span invariants and determinism.
#![no_main]

use std::sync::OnceLock;

use factlint::claims::Claim;
use factlint::corpus::{analyze, CorpusOptions, Document, Meta, OffsetMap, RawDoc, Stripper};
use factlint::extract::extract;
use factlint::lang::Knowledge;
use factlint::report::DocMeta;
use factlint::rules::Rule;
use libfuzzer_sys::fuzz_target;

struct Setup {
    k: Knowledge,
    stripper: Stripper,
    rules: Vec<Rule>,
}

fn setup() -> &'static Setup {
    static S: OnceLock<Setup> = OnceLock::new();
    S.get_or_init(|| {
        let k = Knowledge::builtin().expect("built-in knowledge loads");
        let stripper = Stripper::new(&k.boilerplate);
        let rules = factlint::rules::load(None).expect("built-in rules load");
        Setup { k, stripper, rules }
    })
}

const LANGS: [Option<&str>; 6] = [None, Some("is"), Some("nn"), Some("nb"), Some("en"), Some("no")];

fn run(s: &Setup, text: &str, lang: Option<&str>, published: Option<&str>, opt_pub: Option<jiff::civil::Date>) -> (Document, Vec<Claim>) {
    let raw = RawDoc {
        path: "fuzz.txt".into(),
        line: None,
        text: text.to_string(),
        map: OffsetMap::identity(),
        meta: Meta { lang: lang.map(str::to_string), published: published.map(str::to_string), ..Default::default() },
    };
    let opts = CorpusOptions { published: opt_pub, lang: None };
    let doc = analyze(raw, &s.k, &s.stripper, &opts);
    let claims = extract(&doc, 0, &s.k);
    (doc, claims)
}

fn check(text: &str, doc: &Document, claims: &[Claim]) {
    for r in &doc.sentences {
        assert!(r.start <= r.end && r.end <= text.len(), "sentence {}..{} outside 0..{}", r.start, r.end, text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    for r in &doc.stripped {
        assert!(r.start <= r.end && r.end <= text.len());
    }
    for c in claims {
        assert!(c.start <= c.end && c.end <= text.len(), "claim {}..{} outside 0..{}", c.start, c.end, text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end), "claim span not on char boundaries");
        assert_eq!(c.text, &text[c.start..c.end]);
        assert!(c.sentence_start <= c.start && c.end <= c.sentence_end, "claim outside its sentence");
        assert!(!c.value.is_nan(), "NaN value");
        assert!(c.whole.is_none_or(|w| !w.is_nan()), "NaN whole");
    }
}

fn meta(doc: &Document, n: usize) -> DocMeta {
    DocMeta {
        path: doc.path.clone(),
        line: doc.line,
        outlet: None,
        lang: doc.lang.clone(),
        lang_source: doc.lang_source,
        published: doc.published,
        published_source: doc.published_source,
        claims: n,
        sentences: doc.sentences.len(),
        folded: doc.folded.len(),
        stripped_bytes: 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let s = setup();
    let (ctl, body) = match data.split_first() {
        Some((c, b)) => (*c, b),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(body);
    let lang = LANGS[(ctl % 6) as usize];
    // metadata date, command-line date, both or none; one of them odd (far past / far future)
    let (published, opt_pub) = match (ctl / 6) % 6 {
        0 => (None, None),
        1 => (Some("2023-09-13"), None),
        2 => (None, Some(jiff::civil::date(2024, 2, 29))),
        3 => (Some("0001-01-01T00:00:00Z"), None),
        4 => (Some("9999-12-31"), Some(jiff::civil::date(2023, 1, 1))),
        _ => (Some("not a date"), Some(jiff::civil::date(-9999, 1, 1))),
    };

    let (doc_a, claims_a) = run(s, &text, lang, published, opt_pub);
    check(&text, &doc_a, &claims_a);
    // deterministic
    let (_, again) = run(s, &text, lang, published, opt_pub);
    assert_eq!(format!("{claims_a:?}"), format!("{again:?}"), "extraction is not deterministic");
    // without any publication date
    let (doc_b, claims_b) = run(s, &text, lang, None, None);
    check(&text, &doc_b, &claims_b);

    // the rules over both documents' claims
    let mut all = claims_a.clone();
    all.extend(claims_b.iter().cloned().map(|mut c| {
        c.doc = 1;
        c
    }));
    let docs = [meta(&doc_a, claims_a.len()), meta(&doc_b, claims_b.len())];
    let _ = factlint::rules::run(&s.rules, &docs, &all);
});
