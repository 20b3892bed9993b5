//! The bytes of a text file: binary or not, decoding (UTF-8, UTF-16 with a BOM, Windows-1252,
//! stray control bytes), the offset map back to the file, extraction over the decoded text.
//! The code is `fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::fuzz_decode(data);
});
