//! factlint: a fact-consistency checker for news corpora.
//!
//! The pipeline, one module a stage (see ARCHITECTURE.md):
//! [`corpus`] → [`extract`] → [`claims`] → [`rules`] → [`report`], with language knowledge as data
//! in [`lang`] and the commands wired together in [`app`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Data errors carry the TOML source for miette's span rendering; they occur once, at start-up.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod archive;
pub mod baseline;
pub mod calendar;
pub mod claims;
pub mod config;
pub mod corpus;
pub mod datacheck;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod intern;
pub mod lang;
pub mod report;
pub mod rules;
