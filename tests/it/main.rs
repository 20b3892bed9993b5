//! The integration tests: one crate, so a change links the library into one test binary, not
//! eleven. Each module is one area; `common` holds the shared helpers (nothing reads ../shared).

#[macro_use]
mod common;
#[path = "../../fuzz/harness.rs"]
#[allow(dead_code)]
mod harness;

mod accuracy;
mod allocator;
mod archive;
mod baseline;
mod cli;
mod config;
mod corpus;
mod counts;
mod data;
mod dates;
mod desk;
mod determinism;
mod encoding;
mod formats;
mod fuzz_regressions;
mod gold;
mod input;
mod lang;
mod mutations;
mod numbers;
mod report_html;
mod rules;
mod tidy;
mod times;
mod token;
mod unit;
mod wire;
