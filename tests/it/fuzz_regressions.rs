//! Regression inputs from fuzzing (`fuzz/`, cargo-fuzz targets `numbers`, `extract`, `jsonl`,
//! `rules`, `decode`). Each input runs through the same code path as its fuzz target and must come back
//! without a panic. Minimised crash inputs live in `tests/fuzz_regressions/<target>/`; inputs that
//! made the pipeline super-linear are generated here at a size where the old behaviour took
//! minutes. Each of those runs under [`hang_guard`]: it fails when not done within 30 times its
//! normal time (a hang guard, not a speed assertion).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::harness;

use factlint::internals::extract::parse;
use factlint::internals::lang::token::{lower_text, tokenize};
use factlint::internals::lang::Lexicon;
use harness::{
    analyse, check_spans, fuzz_decode, fuzz_extract, fuzz_jsonl, fuzz_numbers, fuzz_rules, setup,
};
use proptest::prelude::*;

/// The extraction of one text in one language with a publication date (for the generated inputs).
fn extract_text(text: &str, lang: &str) -> usize {
    let (doc, claims) = analyse(text, Some(lang), Some("2023-09-13"), None);
    check_spans(text, &doc, &claims);
    claims.len()
}

// ---------------------------------------------------------------------------------------------
// Stored minimised inputs

fn stored(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).expect("regression input reads")))
        .collect()
}

/// Runs every stored input of `target` through `run`; a target with no stored input fails (the
/// folder is misnamed or gone, and the test would pass on nothing).
fn run_stored(target: &str, run: impl Fn(&[u8])) {
    let inputs = stored(target);
    assert!(!inputs.is_empty(), "no stored input in tests/fuzz_regressions/{target}/");
    for (p, data) in inputs {
        eprintln!("{}", p.display());
        run(&data);
    }
}

#[test]
fn stored_extract_inputs() {
    run_stored("extract", |d| {
        fuzz_extract(d);
    });
}

#[test]
fn stored_jsonl_inputs() {
    run_stored("jsonl", fuzz_jsonl);
}

#[test]
fn stored_numbers_inputs() {
    run_stored("numbers", fuzz_numbers);
}

#[test]
fn stored_decode_inputs() {
    let inputs = stored("decode");
    assert!(!inputs.is_empty());
    for (p, data) in inputs {
        eprintln!("{}", p.display());
        fuzz_decode(&data);
    }
}

/// The `decode` target over generated files (cargo-fuzz needs a nightly build of everything):
/// text in UTF-8, re-encoded as Windows-1252 or UTF-16 (either order, with a BOM), with stray
/// bytes and controls put in, cut at any byte.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let words = prop::sample::select(vec![
        "Þetta",
        "er",
        "fyrsta",
        "ferð",
        "í",
        "fjögur",
        "ár",
        "32",
        "af",
        "44",
        "drónum",
        "Sjö",
        "passasjerar",
        "vart",
        "skadde",
        "14.",
        "september",
        "2023",
        "\n\n",
        "€",
        "—",
        "“x”",
    ]);
    (
        prop::collection::vec(words, 0..40),
        0u8..4,
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(words, enc, stray, cut, do_cut)| {
            let text = words.join(" ");
            let mut b = match enc {
                0 => text.into_bytes(),
                1 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
                2 => [0xff, 0xfe]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                _ => [0xfe, 0xff]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                    .collect(),
            };
            for (at, byte) in stray {
                if !b.is_empty() {
                    let i = at.index(b.len());
                    b[i] = byte;
                }
            }
            if do_cut && !b.is_empty() {
                b.truncate(cut.index(b.len()));
            }
            b
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn generated_decode_inputs(data in file_bytes()) {
        fuzz_decode(&data);
    }

    #[test]
    fn arbitrary_bytes_decode(data in prop::collection::vec(any::<u8>(), 0..300)) {
        fuzz_decode(&data);
    }
}

#[test]
fn stored_rules_inputs() {
    run_stored("rules", fuzz_rules);
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

/// Runs `f` on a thread of its own and fails if it is not done within 30 times `normal` (the
/// test's time in a debug build on a 2-core machine shared by several builds, rounded up): a
/// return to the old super-linear behaviour fails here instead of running for minutes. A panic
/// inside `f` is the test's panic.
fn hang_guard(normal: Duration, f: impl FnOnce() + Send + 'static) {
    let limit = normal * 30;
    let (done, wait) = mpsc::channel();
    let started = Instant::now();
    let worker = std::thread::spawn(move || {
        f();
        let _ = done.send(());
    });
    match wait.recv_timeout(limit) {
        Ok(()) => eprintln!("done in {:?} (limit {limit:?})", started.elapsed()),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("not done within {limit:?} (30 × its normal {normal:?}): super-linear again?")
        }
    }
}

#[test]
fn the_hang_guard_fails_a_hang_and_passes_a_panic_through() {
    let hang = std::panic::catch_unwind(|| {
        hang_guard(Duration::from_millis(2), || std::thread::sleep(Duration::from_millis(500)))
    });
    assert!(hang.is_err());
    let panic = std::panic::catch_unwind(|| hang_guard(Duration::from_secs(1), || panic!("own")));
    let msg = panic.expect_err("the panic comes through");
    assert_eq!(msg.downcast_ref::<&str>(), Some(&"own"));
    hang_guard(Duration::from_secs(1), || {});
}

/// "a.a.a.a…a. B": the abbreviation glue rebuilt an ever longer string at each step.
#[test]
fn long_dotted_abbreviation_chain() {
    // 0.36 s alone in a debug build
    hang_guard(Duration::from_millis(1000), || {
        let text = format!("{}. Bær.", "a.".repeat(150_000));
        extract_text(&text, "is");
    });
}

/// ".........." with no sentence start after it: every period absorbed the rest of the run.
#[test]
fn long_run_of_periods() {
    // 0.18 s alone in a debug build
    hang_guard(Duration::from_millis(500), || {
        let text = format!("Hér {} eru 5 hús.", ".".repeat(100_000));
        extract_text(&text, "is");
    });
}

/// Thousands of distinct teaser sentences ("… …"): each was compared with every sentence.
#[test]
fn many_teaser_sentences() {
    // 2.8 s alone in a debug build
    hang_guard(Duration::from_millis(6000), || {
        let text: String =
            (0..20_000).map(|i| format!("Þetta er stutt kynning á frétt númer {i} …\n")).collect();
        extract_text(&text, "is");
    });
}

/// A page of boilerplate block starts with no end marker, and tail markers inside one long line.
#[test]
fn many_unclosed_boilerplate_blocks_and_tail_markers() {
    // 0.48 s alone in a debug build
    hang_guard(Duration::from_millis(1500), || {
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
    });
}

/// A page-long "word": the compound-head look-up hashed and counted every suffix (quadratic).
#[test]
fn one_very_long_word() {
    // 0.02 s alone in a debug build
    hang_guard(Duration::from_millis(200), || {
        let text = format!("Hér eru 5 {} og 3 hús.", "ab".repeat(300_000));
        extract_text(&text, "is");
    });
}

/// "1.000.000.000…" beyond f64: the number failed as infinite and was re-read from every group.
#[test]
fn long_chain_of_digit_groups() {
    // 0.56 s alone in a debug build
    hang_guard(Duration::from_millis(1500), || {
        let text = format!("Alls 1{} manns.", ".000".repeat(100_000));
        extract_text(&text, "is");
        let text = format!("Totalt 1{} personar.", " 000".repeat(100_000));
        extract_text(&text, "nn");
        fuzz_numbers(format!("5{} milljónir", "9".repeat(305)).as_bytes());
    });
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
    // 12.8 s alone in a debug build
    hang_guard(Duration::from_millis(20000), || {
        let mut text = "!".repeat(20_000);
        text.push(' ');
        for i in 0..20_000 {
            text.push_str(&format!("{} {} ", name(i), i % 90 + 2));
        }
        text.push('\n');
        extract_text(&text, "is");
    });
}

/// Many numbers before many mentions of a known person in one sentence: the principal person
/// was searched through every mention for every claim.
#[test]
fn numbers_before_many_person_mentions() {
    // 1.0 s alone in a debug build
    hang_guard(Duration::from_millis(3000), || {
        let mut text = String::from("Alls ");
        for i in 0..50_000 {
            text.push_str(&format!("{} ", i % 90 + 2));
        }
        for _ in 0..50_000 {
            text.push_str("Pútín ");
        }
        text.push_str("kom.\n");
        extract_text(&text, "is");
    });
}

/// Thousands of Bokmål paragraphs in a Nynorsk document: each sentence looked its paragraph up
/// in the list of other-language paragraphs.
#[test]
fn many_paragraphs_in_another_language() {
    // 2.1 s alone in a debug build
    hang_guard(Duration::from_millis(5000), || {
        let text: String = (0..10_000)
            .map(|i| format!("Hun sier at de ikke vet hvor mye det er, {i} personer.\n"))
            .collect();
        extract_text(&text, "nn");
    });
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
        let lower = lower_text(text);
        let toks = tokenize(text, &lower);
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
    // 0.64 s alone in a debug build
    hang_guard(Duration::from_millis(1500), || {
        let mut text = format!("Þetta var fyrsta{}", " -".repeat(50_000));
        for i in 0..20_000 {
            text.push_str(&format!(" í {} ár", i % 90 + 2));
        }
        text.push_str(".\n");
        extract_text(&text, "is");
    });
}
