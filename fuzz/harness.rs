//! The fuzz targets' code, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, one line
//! each) and by the regression tests (`tests/fuzz_regressions.rs`), so that a stored input runs
//! through exactly what the fuzzer ran. Every function panics on a broken invariant, never on odd
//! input.

use std::path::Path;
use std::sync::OnceLock;

use factlint::internals::claims::Claim;
use factlint::internals::corpus::load::parse_jsonl_line;
use factlint::internals::corpus::{
    analyze, CorpusOptions, Document, Meta, OffsetMap, RawDoc, Stripper,
};
use factlint::internals::extract::{extract, parse, resolve};
use factlint::internals::lang::token::{lower_text, tokenize};
use factlint::internals::lang::{Boilerplate, Concepts, Entities, Knowledge, Lexicon};
use factlint::internals::report::DocMeta;
use factlint::internals::rules::Rule;

pub struct Setup {
    pub k: Knowledge,
    pub stripper: Stripper,
    pub rules: Vec<Rule>,
}

pub fn setup() -> &'static Setup {
    static S: OnceLock<Setup> = OnceLock::new();
    S.get_or_init(|| {
        let k = Knowledge::builtin().expect("built-in knowledge loads");
        let stripper = Stripper::new(&k.boilerplate);
        let rules = factlint::internals::rules::load(None).expect("built-in rules load");
        Setup { k, stripper, rules }
    })
}

const LANGS: [Option<&str>; 6] = [None, Some("is"), Some("nn"), Some("nb"), Some("en"), Some("no")];

/// Analyse and extract one text as a document.
pub fn analyse(
    text: &str,
    lang: Option<&str>,
    published: Option<&str>,
    opt_pub: Option<jiff::civil::Date>,
) -> (Document, Vec<Claim>) {
    let s = setup();
    let raw = RawDoc {
        path: "fuzz.txt".into(),
        line: None,
        text: text.to_string(),
        map: OffsetMap::identity(),
        meta: Meta {
            lang: lang.map(str::to_string),
            published: published.map(str::to_string),
            ..Default::default()
        },
    };
    let doc = analyze(raw, &s.k, &s.stripper, &CorpusOptions { published: opt_pub, lang: None });
    let claims = extract(&doc, factlint::internals::claims::DocId(0), &s.k);
    (doc, claims)
}

/// Spans inside the text, on character boundaries, claims inside their sentences, no NaN.
pub fn check_spans(text: &str, doc: &Document, claims: &[Claim]) {
    for r in &doc.sentences {
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "sentence {}..{} outside 0..{}",
            r.start,
            r.end,
            text.len()
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    for r in &doc.stripped {
        assert!(r.start <= r.end && r.end <= text.len());
    }
    for c in claims {
        assert!(
            c.start <= c.end && c.end <= text.len(),
            "claim {}..{} outside 0..{}",
            c.start,
            c.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(c.start) && text.is_char_boundary(c.end),
            "claim span not on char boundaries"
        );
        assert_eq!(c.text, &text[c.start..c.end]);
        let (s_start, s_end) = c.sentence_span();
        assert!(s_start <= c.start && c.end <= s_end, "claim outside its sentence");
        assert!(!c.value.is_nan(), "NaN value");
        assert!(c.whole().is_none_or(|w| !w.is_nan()), "NaN whole");
    }
}

/// The document metadata the rule engine reads.
pub fn meta(doc: &Document, n: usize) -> DocMeta {
    factlint::internals::app::meta_of(doc, n)
}

/// Target `extract`: a control byte (language, publication date), then the text. Analyses and
/// extracts with and without a publication date, checks span invariants and determinism, and
/// runs the rules over the claims of both runs. Returns the number of claims.
pub fn fuzz_extract(data: &[u8]) -> usize {
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

    let (doc_a, claims_a) = analyse(&text, lang, published, opt_pub);
    check_spans(&text, &doc_a, &claims_a);
    // deterministic
    let (_, again) = analyse(&text, lang, published, opt_pub);
    assert_eq!(format!("{claims_a:?}"), format!("{again:?}"), "extraction is not deterministic");
    // without any publication date
    let (doc_b, claims_b) = analyse(&text, lang, None, None);
    check_spans(&text, &doc_b, &claims_b);

    // the rules over both documents' claims
    let mut all = Vec::new();
    factlint::internals::claims::append(
        &mut all,
        factlint::internals::claims::DocId(0),
        claims_a.iter().cloned(),
    );
    factlint::internals::claims::append(
        &mut all,
        factlint::internals::claims::DocId(1),
        claims_b.iter().cloned(),
    );
    let docs = [meta(&doc_a, claims_a.len()), meta(&doc_b, claims_b.len())];
    let _ = factlint::internals::rules::run(&setup().rules, &docs, &all);
    claims_a.len()
}

const LINE_OFF: usize = 1000;

/// Target `jsonl`: one JSONL line; for an article that parses, the offset map must send every
/// decoded character and every claim span into the line.
pub fn fuzz_jsonl(data: &[u8]) {
    let Ok(line) = std::str::from_utf8(data) else { return };
    let s = setup();
    let Ok(raw) = parse_jsonl_line(Path::new("fuzz.jsonl"), 3, LINE_OFF, line) else { return };
    let text = raw.text.clone();
    let in_line = |f: usize| -> usize {
        assert!(
            f >= LINE_OFF && f - LINE_OFF <= line.len(),
            "offset {f} outside the line (len {})",
            line.len()
        );
        let f = f - LINE_OFF;
        assert!(line.is_char_boundary(f), "offset {f} not on a char boundary of the line");
        f
    };
    let mut prev = 0;
    for (p, c) in text.char_indices() {
        let f = in_line(raw.map.to_file(p));
        assert!(f >= prev, "offset map goes backwards");
        prev = f;
        // a character not written as an escape is the same character in the line
        if !line[f..].starts_with('\\') {
            assert!(line[f..].starts_with(c), "decoded {c:?} at {p} maps to {:?}", &line[f..]);
        }
    }
    in_line(raw.map.to_file(text.len()));

    let doc = analyze(raw, &s.k, &s.stripper, &CorpusOptions::default());
    let claims = extract(&doc, factlint::internals::claims::DocId(0), &s.k);
    for c in &claims {
        let s = in_line(c.start);
        let e = in_line(c.end);
        assert!(s <= e);
        let (s_start, s_end) = c.sentence_span();
        in_line(s_start);
        in_line(s_end);
        // the claim text appears verbatim when the span holds no escape
        if !line[s..e].contains('\\') {
            assert_eq!(&line[s..e], c.text);
        }
    }
}

fn pub_dates() -> [jiff::civil::Date; 4] {
    [
        jiff::civil::date(2023, 9, 13),
        jiff::civil::date(2024, 2, 29),
        jiff::civil::date(-9999, 1, 1),
        jiff::civil::date(9999, 12, 31),
    ]
}

/// Target `numbers`: every parser at every token of arbitrary UTF-8, for every built-in
/// language; parsed dates are resolved against odd publication dates.
pub fn fuzz_numbers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let k = &setup().k;
    let lower = lower_text(text);
    let toks = tokenize(text, &lower);
    for t in &toks {
        assert!(t.start < t.end && t.end <= text.len());
        assert_eq!(t.text, &text[t.start..t.end]);
    }
    for lex in &k.langs {
        for i in 0..toks.len() {
            let here = &toks[i..];
            let left = |rest: &[_]| {
                assert!(rest.len() <= here.len());
            };
            if let Ok((rest, (v, _, _))) = parse::number(lex)(here) {
                left(rest);
                assert!(v.is_finite() && v >= 0.0, "number {v}");
                assert!(rest.len() < here.len());
            }
            if let Ok((rest, v)) = parse::digit_number(lex)(here) {
                left(rest);
                assert!(v.is_finite() && v >= 0.0);
            }
            if let Ok((rest, (v, _))) = parse::word_number(lex)(here) {
                left(rest);
                assert!(v.is_finite() && v >= 0.0);
            }
            if let Ok((rest, d)) = parse::written_date(lex)(here) {
                left(rest);
                assert!(d.day.is_none_or(|x| (1..=31).contains(&x)));
                assert!(d.month.is_none_or(|x| (1..=12).contains(&x)));
                if let Some(y) = d.year {
                    let _ = resolve::calendar(y, d.month, d.day);
                }
                for p in pub_dates() {
                    let _ = resolve::partial(p, d.month, d.day, false);
                    let _ = resolve::partial(p, d.month, d.day, true);
                }
            }
            if let Ok((rest, off)) = parse::relative(lex)(here) {
                left(rest);
                for p in pub_dates() {
                    let _ = resolve::relative(p, &off);
                }
            }
            if let Ok((rest, _)) = parse::unit(lex)(here) {
                left(rest);
            }
            if let Ok((rest, m)) = parse::month(lex)(here) {
                left(rest);
                assert!((1..=12).contains(&m));
            }
            if let Ok((rest, w)) = parse::weekday(lex)(here) {
                left(rest);
                for p in pub_dates() {
                    let _ = resolve::weekday(p, w, false);
                    let _ = resolve::weekday(p, w, true);
                }
            }
            if let Ok((rest, y)) = parse::year(here) {
                left(rest);
                assert!((1000..=2999).contains(&y));
            }
            // times of day, with and without a clock word before them, and hour idioms
            for clock_word in [0, 1] {
                if i + clock_word > toks.len() {
                    continue;
                }
                let clock = factlint::internals::extract::clock::clock_at(
                    lex,
                    &toks,
                    i,
                    clock_word,
                    |ts| {
                        let (rest, (v, _)) = parse::word_number(lex)(ts).ok()?;
                        Some((ts.len() - rest.len(), v))
                    },
                );
                if let Some(c) = clock {
                    assert!(c.len >= 1 && i + c.len <= toks.len(), "clock {c:?}");
                    assert!(c.from <= c.to && c.to < 24 * 60 + 60, "clock {c:?}");
                }
            }
            if let Some(c) = factlint::internals::extract::clock::hour_ordinal_at(lex, &toks, i) {
                assert!(i + c.len <= toks.len() && c.from < c.to, "hour {c:?}");
            }
            if let Ok((_, (v, _, _))) = parse::number(lex)(here) {
                for p in pub_dates() {
                    for u in [
                        factlint::internals::lang::TimeUnit::Day,
                        factlint::internals::lang::TimeUnit::Year,
                    ] {
                        let _ = factlint::internals::calendar::ago(p, v, u, false);
                        let _ = factlint::internals::calendar::ago(p, v, u, true);
                    }
                }
            }
        }
    }
}

fn render(e: factlint::internals::error::DataError) {
    let _ = format!("{e}");
    let report = miette::Report::new(e);
    let mut out = String::new();
    let _ = miette::GraphicalReportHandler::new().render_report(&mut out, report.as_ref());
}

/// Target `rules`: rule and data files (lexicon, concepts, entities, boilerplate) parse to Ok or
/// Err, never a panic; errors render; a lexicon that loads is used on its own text.
pub fn fuzz_rules(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Err(e) = Rule::parse(src, "rules/FL999.toml") {
        render(e);
    }
    match Lexicon::parse(src, "lang/xx.toml") {
        Err(e) => render(e),
        Ok(lex) => {
            let lower = lower_text(src);
            let toks = tokenize(src, &lower);
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
            let lower = lower_text(src);
            for t in tokenize(src, &lower).iter().filter(|t| t.is_word()) {
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
            let s = Stripper::new(&b);
            let _ = s.strip(src);
        }
    }
}

/// Target `decode`: the bytes of a text file. A file that is not binary decodes to a text whose
/// offset map sends every character to the bytes it was read from (and back), with no stray
/// control byte left; the claims extracted from it point at those bytes.
pub fn fuzz_decode(data: &[u8]) {
    use factlint::internals::corpus::load::{binary_reason, decode_text, Encoding};
    let binary = binary_reason(data).is_some();
    let d = decode_text(data);
    let (text, map) = (&d.text, &d.map);
    assert!(
        !text.bytes().any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)),
        "a stray control byte is left in the text"
    );
    // every character: the file bytes it came from, in order, and back
    let mut prev = map.to_file(0);
    assert!(prev <= data.len());
    let bounds: Vec<usize> = text.char_indices().map(|(p, _)| p).chain([text.len()]).collect();
    for w in bounds.windows(2) {
        let (p, q) = (w[0], w[1]);
        let (f, g) = (map.to_file(p), map.to_file(q));
        assert!(prev <= f && f < g && g <= data.len(), "char {p}..{q} maps to {f}..{g}");
        assert_eq!(map.to_text(f), p, "file offset {f} does not map back to {p}");
        prev = g;
        let c = &text[p..q];
        let bytes = &data[f..g];
        let read = match d.encoding {
            Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Windows1252 => {
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let unit = |p: &[u8]| match d.encoding {
                    Encoding::Utf16Le => u16::from_le_bytes([p[0], p[1]]),
                    _ => u16::from_be_bytes([p[0], p[1]]),
                };
                String::from_utf16_lossy(&bytes.chunks_exact(2).map(unit).collect::<Vec<_>>())
            }
        };
        let read = factlint::internals::corpus::load::spaces_for_controls(&read).into_owned();
        // (a lone surrogate or a cut last byte reads as U+FFFD)
        assert!(read == c || c == "\u{FFFD}", "{c:?} at {p} was read from {bytes:?} ({read:?})");
    }
    assert_eq!(map.to_file(text.len()), data.len().max(map.to_file(0)), "bytes left unread");
    if binary || text.trim().is_empty() {
        return;
    }
    let s = setup();
    let raw = RawDoc {
        path: "fuzz.txt".into(),
        line: None,
        text: text.clone(),
        map: map.clone(),
        meta: Meta::default(),
    };
    let doc = analyze(raw, &s.k, &s.stripper, &CorpusOptions::default());
    for c in extract(&doc, factlint::internals::claims::DocId(0), &s.k) {
        assert!(
            c.start <= c.end && c.end <= data.len(),
            "claim {}..{} outside the file",
            c.start,
            c.end
        );
        let (a, b) = (map.to_text(c.start), map.to_text(c.end));
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert_eq!(&text[a..b], c.text.as_str(), "claim span reads another text");
    }
}
