//! One JSONL line: parse it; for articles that parse, check the offset map sends every decoded
//! character to a byte of the line, then analyse and extract and check every claim span maps into
//! the line.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use factlint::corpus::load::parse_jsonl_line;
use factlint::corpus::{analyze, CorpusOptions, Stripper};
use factlint::extract::extract;
use factlint::lang::Knowledge;
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static (Knowledge, Stripper) {
    static S: OnceLock<(Knowledge, Stripper)> = OnceLock::new();
    S.get_or_init(|| {
        let k = Knowledge::builtin().expect("built-in knowledge loads");
        let s = Stripper::new(&k.boilerplate);
        (k, s)
    })
}

const LINE_OFF: usize = 1000;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else { return };
    let (k, stripper) = setup();
    let Ok(raw) = parse_jsonl_line(Path::new("fuzz.jsonl"), 3, LINE_OFF, line) else { return };
    let text = raw.text.clone();
    let in_line = |f: usize| -> usize {
        assert!(f >= LINE_OFF && f - LINE_OFF <= line.len(), "offset {f} outside the line (len {})", line.len());
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

    let doc = analyze(raw, k, stripper, &CorpusOptions::default());
    let claims = extract(&doc, 0, k);
    for c in &claims {
        let s = in_line(c.start);
        let e = in_line(c.end);
        assert!(s <= e);
        in_line(c.sentence_start);
        in_line(c.sentence_end);
        // the claim text appears verbatim when the span holds no escape
        if !line[s..e].contains('\\') {
            assert_eq!(&line[s..e], c.text);
        }
    }
});
