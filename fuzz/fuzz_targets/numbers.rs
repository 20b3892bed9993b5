//! The number, date, duration and relative-expression parsers on arbitrary UTF-8.
//! The code is `fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::fuzz_numbers(data);
});
