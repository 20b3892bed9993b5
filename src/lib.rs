//! factlint: a fact-consistency checker for news corpora.
//!
//! The pipeline, one module a stage (see ARCHITECTURE.md):
//! [`corpus`] → [`extract`] → [`claims`] → [`rules`] → [`report`], with language knowledge as data
//! in [`lang`] and the commands wired together in [`app`]. A desk's own tests use [`Checker`]
//! (rules and data loaded once; paths or in-memory [`Article`]s checked; the [`Report`] as data,
//! human, JSON or HTML text).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Data errors carry the TOML source for miette's span rendering; they occur once, at start-up.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod archive;
pub mod checker;
pub mod claims;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod lang;
pub mod report;
pub mod rules;

pub use checker::{Article, Checked, Checker, CheckerBuilder};
pub use report::Report;
