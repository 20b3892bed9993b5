//! The whole extraction (and the rules) on arbitrary bytes.
//! The code is `fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = harness::fuzz_extract(data);
});
