//! Regression inputs from fuzzing (`fuzz/`, cargo-fuzz targets `numbers`, `extract`, `jsonl`,
//! `rules`). Each input runs through the same code path as its fuzz target and must come back
//! without a panic. Minimised crash inputs live in `tests/fuzz_regressions/<target>/`; inputs that
//! made the pipeline super-linear are generated here at a size where the old behaviour took
//! minutes (no timing assertions: a regression shows as a test that does not finish).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use factlint::claims::Claim;
use factlint::corpus::load::parse_jsonl_line;
use factlint::corpus::{analyze, CorpusOptions, Document, Meta, OffsetMap, RawDoc, Stripper};
use factlint::extract::{extract, parse, resolve};
use factlint::lang::token::tokenize;
use factlint::lang::{Boilerplate, Concepts, Entities, Knowledge, Lexicon};
use factlint::report::DocMeta;
use factlint::rules::Rule;

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

// ---------------------------------------------------------------------------------------------
// The fuzz targets' code paths

const LANGS: [Option<&str>; 6] = [None, Some("is"), Some("nn"), Some("nb"), Some("en"), Some("no")];

fn analyse(text: &str, lang: Option<&str>, published: Option<&str>, opt_pub: Option<jiff::civil::Date>) -> (Document, Vec<Claim>) {
    let s = setup();
    let raw = RawDoc {
        path: "fuzz.txt".into(),
        line: None,
        text: text.to_string(),
        map: OffsetMap::identity(),
        meta: Meta { lang: lang.map(str::to_string), published: published.map(str::to_string), ..Default::default() },
    };
    let doc = analyze(raw, &s.k, &s.stripper, &CorpusOptions { published: opt_pub, lang: None });
    let claims = extract(&doc, 0, &s.k);
    (doc, claims)
}

fn check_spans(text: &str, doc: &Document, claims: &[Claim]) {
    for r in &doc.sentences {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    for c in claims {
        assert!(c.start <= c.end && c.end <= text.len(), "claim {}..{} outside 0..{}", c.start, c.end, text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        assert_eq!(c.text, &text[c.start..c.end]);
        assert!(c.sentence_start <= c.start && c.end <= c.sentence_end);
        assert!(!c.value.is_nan() && c.whole.is_none_or(|w| !w.is_nan()));
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

/// fuzz target `extract`: a control byte (language, publication date), then the text.
fn fuzz_extract(data: &[u8]) -> usize {
    let (ctl, body) = data.split_first().map(|(c, b)| (*c, b)).unwrap_or((0, data));
    let text = String::from_utf8_lossy(body);
    let lang = LANGS[(ctl % 6) as usize];
    let (published, opt_pub) = match (ctl / 6) % 6 {
        0 => (None, None),
        1 => (Some("2023-09-13"), None),
        2 => (None, Some(jiff::civil::date(2024, 2, 29))),
        3 => (Some("0001-01-01T00:00:00Z"), None),
        4 => (Some("9999-12-31"), Some(jiff::civil::date(2023, 1, 1))),
        _ => (Some("not a date"), Some(jiff::civil::date(-9999, 1, 1))),
    };
    let (doc_a, claims_a) = analyse(&text, lang, published, opt_pub);
    check_spans(&text, &doc_a, &claims_a);
    let (_, again) = analyse(&text, lang, published, opt_pub);
    assert_eq!(format!("{claims_a:?}"), format!("{again:?}"), "extraction is not deterministic");
    let (doc_b, claims_b) = analyse(&text, lang, None, None);
    check_spans(&text, &doc_b, &claims_b);
    let mut all = claims_a.clone();
    all.extend(claims_b.iter().cloned().map(|mut c| {
        c.doc = 1;
        c
    }));
    let docs = [meta(&doc_a, claims_a.len()), meta(&doc_b, claims_b.len())];
    let _ = factlint::rules::run(&setup().rules, &docs, &all);
    claims_a.len()
}

/// The extraction of one text in one language with a publication date (for the generated inputs).
fn extract_text(text: &str, lang: &str) -> usize {
    let (doc, claims) = analyse(text, Some(lang), Some("2023-09-13"), None);
    check_spans(text, &doc, &claims);
    claims.len()
}

/// fuzz target `jsonl`: one line; the offset map sends every character and claim into the line.
fn fuzz_jsonl(data: &[u8]) {
    const LINE_OFF: usize = 1000;
    let Ok(line) = std::str::from_utf8(data) else { return };
    let s = setup();
    let Ok(raw) = parse_jsonl_line(Path::new("fuzz.jsonl"), 3, LINE_OFF, line) else { return };
    let text = raw.text.clone();
    let in_line = |f: usize| -> usize {
        assert!(f >= LINE_OFF && f - LINE_OFF <= line.len(), "offset {f} outside the line");
        let f = f - LINE_OFF;
        assert!(line.is_char_boundary(f));
        f
    };
    let mut prev = 0;
    for (p, c) in text.char_indices() {
        let f = in_line(raw.map.to_file(p));
        assert!(f >= prev, "offset map goes backwards");
        prev = f;
        if !line[f..].starts_with('\\') {
            assert!(line[f..].starts_with(c), "decoded {c:?} at {p} maps to {:?}", &line[f..]);
        }
    }
    in_line(raw.map.to_file(text.len()));
    let doc = analyze(raw, &s.k, &s.stripper, &CorpusOptions::default());
    for c in &extract(&doc, 0, &s.k) {
        let (a, b) = (in_line(c.start), in_line(c.end));
        assert!(a <= b);
        in_line(c.sentence_start);
        in_line(c.sentence_end);
        if !line[a..b].contains('\\') {
            assert_eq!(&line[a..b], c.text);
        }
    }
}

/// fuzz target `numbers`: every parser at every token, every language; dates resolved.
fn fuzz_numbers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let k = &setup().k;
    let toks = tokenize(text, 0);
    let pubs = [jiff::civil::date(2023, 9, 13), jiff::civil::date(2024, 2, 29), jiff::civil::date(-9999, 1, 1), jiff::civil::date(9999, 12, 31)];
    for lex in &k.langs {
        for i in 0..toks.len() {
            let here = &toks[i..];
            if let Ok((_, (v, _, _))) = parse::number(lex)(here) {
                assert!(v.is_finite() && v >= 0.0, "number {v}");
            }
            let _ = parse::digit_number(lex)(here);
            let _ = parse::word_number(lex)(here);
            if let Ok((_, d)) = parse::written_date(lex)(here) {
                if let Some(y) = d.year {
                    let _ = resolve::calendar(y, d.month, d.day);
                }
                for p in pubs {
                    let _ = resolve::partial(p, d.month, d.day, false);
                    let _ = resolve::partial(p, d.month, d.day, true);
                }
            }
            if let Ok((_, off)) = parse::relative(lex)(here) {
                for p in pubs {
                    let _ = resolve::relative(p, &off);
                }
            }
            let _ = parse::unit(lex)(here);
            let _ = parse::month(lex)(here);
            if let Ok((_, w)) = parse::weekday(lex)(here) {
                for p in pubs {
                    let _ = resolve::weekday(p, w, false);
                    let _ = resolve::weekday(p, w, true);
                }
            }
            let _ = parse::year(here);
        }
    }
}

/// fuzz target `rules`: rule and data files parse to Ok or Err; errors render.
fn fuzz_rules(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let render = |e: factlint::error::DataError| {
        let _ = format!("{e}");
        let report = miette::Report::new(e);
        let mut out = String::new();
        let _ = miette::GraphicalReportHandler::new().render_report(&mut out, report.as_ref());
    };
    if let Err(e) = Rule::parse(src, "rules/FL999.toml") {
        render(e);
    }
    match Lexicon::parse(src, "lang/xx.toml") {
        Err(e) => render(e),
        Ok(lex) => {
            let toks = tokenize(src, 0);
            for i in 0..toks.len() {
                let here = &toks[i..];
                let _ = parse::number(&lex)(here);
                let _ = parse::written_date(&lex)(here);
                let _ = parse::relative(&lex)(here);
                let _ = parse::unit(&lex)(here);
                let _ = parse::weekday(&lex)(here);
            }
        }
    }
    match Concepts::parse(src, "concepts.toml") {
        Err(e) => render(e),
        Ok(c) => {
            for t in tokenize(src, 0).iter().filter(|t| t.is_word()) {
                let _ = c.lookup(t.lower());
            }
        }
    }
    if let Err(e) = Entities::parse(src, "entities.toml") {
        render(e);
    }
    match Boilerplate::parse(src, "boilerplate.toml") {
        Err(e) => render(e),
        Ok(b) => {
            let _ = Stripper::new(&b).strip(src);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stored minimised inputs

fn stored(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("regression input reads"))).collect()
}

#[test]
fn stored_extract_inputs() {
    for (p, data) in stored("extract") {
        eprintln!("{}", p.display());
        fuzz_extract(&data);
    }
}

#[test]
fn stored_jsonl_inputs() {
    let inputs = stored("jsonl");
    assert!(!inputs.is_empty());
    for (p, data) in inputs {
        eprintln!("{}", p.display());
        fuzz_jsonl(&data);
    }
}

#[test]
fn stored_numbers_inputs() {
    for (p, data) in stored("numbers") {
        eprintln!("{}", p.display());
        fuzz_numbers(&data);
    }
}

#[test]
fn stored_rules_inputs() {
    for (p, data) in stored("rules") {
        eprintln!("{}", p.display());
        fuzz_rules(&data);
    }
}

// ---------------------------------------------------------------------------------------------
// Crashes, inline

/// A "t.d."-style abbreviation check glued tokens before the first one (index underflow).
#[test]
fn abbreviation_glue_at_the_start_of_a_line() {
    fuzz_jsonl(br#"{"text":".5. 4"}"#);
    fuzz_extract(b"\x07.a. B");
}

// ---------------------------------------------------------------------------------------------
// Super-linear inputs, generated

/// "a.a.a.a…a. B": the abbreviation glue rebuilt an ever longer string at each step.
#[test]
fn long_dotted_abbreviation_chain() {
    let text = format!("{}. Bær.", "a.".repeat(150_000));
    extract_text(&text, "is");
}

/// ".........." with no sentence start after it: every period absorbed the rest of the run.
#[test]
fn long_run_of_periods() {
    let text = format!("Hér {} eru 5 hús.", ".".repeat(100_000));
    extract_text(&text, "is");
}

/// Thousands of distinct teaser sentences ("… …"): each was compared with every sentence.
#[test]
fn many_teaser_sentences() {
    let text: String = (0..20_000).map(|i| format!("Þetta er stutt kynning á frétt númer {i} …\n")).collect();
    extract_text(&text, "is");
}

/// A page of boilerplate block starts with no end marker, and tail markers inside one long line.
#[test]
fn many_unclosed_boilerplate_blocks_and_tail_markers() {
    let b = &setup().k.boilerplate;
    let mut text = String::new();
    if let Some(block) = b.block.first() {
        for i in 0..30_000 {
            text.push_str(&format!("{} {i}\n", block.start));
        }
    }
    if let Some(marker) = b.tail.first().and_then(|t| t.marker.first()) {
        text.push_str("Fréttin: ");
        for _ in 0..30_000 {
            text.push_str(marker);
            text.push(' ');
        }
        text.push('\n');
    }
    text.push_str("Tveir menn komu 13. september 2023.\n");
    extract_text(&text, "is");
}

/// A page-long "word": the compound-head look-up hashed and counted every suffix (quadratic).
#[test]
fn one_very_long_word() {
    let text = format!("Hér eru 5 {} og 3 hús.", "ab".repeat(300_000));
    extract_text(&text, "is");
}

/// "1.000.000.000…" beyond f64: the number failed as infinite and was re-read from every group.
#[test]
fn long_chain_of_digit_groups() {
    let text = format!("Alls 1{} manns.", ".000".repeat(100_000));
    extract_text(&text, "is");
    let text = format!("Totalt 1{} personar.", " 000".repeat(100_000));
    extract_text(&text, "nn");
    fuzz_numbers(format!("5{} milljónir", "9".repeat(305)).as_bytes());
}

/// Base-26 names: "Baa", "Bab", …
fn name(mut i: usize) -> String {
    let mut s = String::from("B");
    for _ in 0..4 {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
    }
    s
}

/// A run-on sentence with thousands of distinct names and numbers: every claim carried every name
/// of the sentence (claims × names strings), and "is this word sentence-initial" looked back over
/// the whole sentence.
#[test]
fn run_on_sentence_with_many_names_and_numbers() {
    let mut text = "!".repeat(20_000);
    text.push(' ');
    for i in 0..20_000 {
        text.push_str(&format!("{} {} ", name(i), i % 90 + 2));
    }
    text.push('\n');
    extract_text(&text, "is");
}

/// Many numbers before many mentions of a known person in one sentence: the principal person
/// was searched through every mention for every claim.
#[test]
fn numbers_before_many_person_mentions() {
    let mut text = String::from("Alls ");
    for i in 0..50_000 {
        text.push_str(&format!("{} ", i % 90 + 2));
    }
    for _ in 0..50_000 {
        text.push_str("Pútín ");
    }
    text.push_str("kom.\n");
    extract_text(&text, "is");
}

/// Thousands of Bokmål paragraphs in a Nynorsk document: each sentence looked its paragraph up
/// in the list of other-language paragraphs.
#[test]
fn many_paragraphs_in_another_language() {
    let text: String = (0..10_000).map(|i| format!("Hun sier at de ikke vet hvor mye det er, {i} personer.\n")).collect();
    extract_text(&text, "nn");
}

/// Number words past u64 in a desk's lexicon, and a written-together compound of them.
#[test]
fn lexicon_number_words_beyond_u64() {
    let src = r#"
code = "xx"
name = "X"
[cardinals]
"18446744073709551615" = ["zz"]
"100" = ["hh"]
"5" = ["ff"]
[compound_parts]
tens = ["zz"]
units = ["ff"]
"#;
    let lex = Lexicon::parse(src, "xx.toml").expect("the lexicon loads");
    for text in ["ff hh zz", "hh zz hh zz", "zzff zz", "ff zz ff"] {
        let toks = tokenize(text, 0);
        let (_, (v, _, _)) = parse::number(&lex)(&toks).expect("a number");
        assert!(v.is_finite());
    }
    fuzz_rules(src.as_bytes());
}

/// "fyrsta … í 50000 ár" with a publication date near the start of jiff's calendar: the year
/// subtraction overflowed i16.
#[test]
fn first_in_more_years_than_the_calendar_has() {
    let text = "Þetta var fyrsta heimsókn hans í 50000 ár.";
    let (doc, claims) = analyse(text, Some("is"), None, Some(jiff::civil::date(-9999, 1, 1)));
    check_spans(text, &doc, &claims);
    let (doc, claims) = analyse(text, Some("is"), Some("2023-09-13"), None);
    check_spans(text, &doc, &claims);
}

/// "fyrsta - - - … í 5 ár, í 6 ár, …": the counted thing after "fyrsta" was looked for past
/// every dash, once for each claim.
#[test]
fn many_claims_after_a_long_run_of_dashes() {
    let mut text = format!("Þetta var fyrsta{}", " -".repeat(50_000));
    for i in 0..20_000 {
        text.push_str(&format!(" í {} ár", i % 90 + 2));
    }
    text.push_str(".\n");
    extract_text(&text, "is");
}
