//! One JSONL line: parsing, the offset map into the line, extraction.
//! The code is `fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::fuzz_jsonl(data);
});
