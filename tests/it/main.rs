//! The integration tests: one crate, so a change links the library into one test binary, not
//! eleven. Each module is one area; `common` holds the shared helpers (nothing reads ../shared).

#[macro_use]
mod common;
#[path = "../../fuzz/harness.rs"]
#[allow(dead_code)]
mod harness;

mod archive;
mod cli;
mod corpus;
mod determinism;
mod encoding;
mod fuzz_regressions;
mod gold;
mod input;
mod mutations;
mod numbers;
mod rules;
