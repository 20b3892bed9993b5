//! factlint: a fact-consistency checker for news corpora.
//!
//! The pipeline, one module a stage (see ARCHITECTURE.md):
//! [`corpus`] → [`extract`] → [`claims`] → [`rules`] → [`report`], with language knowledge as data
//! in [`lang`] and the commands wired together in [`app`]. A desk's own tests use [`Checker`]
//! (rules and data loaded once; paths or in-memory [`Article`]s checked; the [`Report`] as data,
//! human, JSON or HTML text):
//!
//! ```
//! use factlint::{Article, Checker};
//!
//! let checker = Checker::builder().threads(1).build()?;
//! let checked = checker.check_articles(vec![
//!     Article::new("a.txt", "Rússar skutu 44 drónum á Kænugarð í nótt. 32 af 44 drónum voru skotnir niður.")
//!         .outlet("Vísir").lang("is").published("2023-09-13"),
//!     Article::new("b.txt", "Russland sende 44 droner mot Kyiv i natt. 30 av 44 droner vart skotne ned.")
//!         .outlet("NRK").lang("nn").published("2023-09-13"),
//! ]);
//! let report = checked.report();
//! assert_eq!(report.documents.len(), 2);
//! assert!(report.diagnostics.iter().any(|d| d.code == "FL002"));
//! // the texts are held: the human report shows the sentences without reading a file
//! assert!(checked.human().contains("32 af 44"));
//! # Ok::<(), factlint::error::DataError>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Data errors carry the TOML source for miette's span rendering; they occur once, at start-up.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod archive;
pub mod baseline;
pub mod calendar;
pub mod checker;
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

pub use checker::{Article, Checked, Checker, CheckerBuilder};
pub use report::Report;
