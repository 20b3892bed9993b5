//! factlint: a fact-consistency checker for news corpora.
//!
//! The pipeline, one module a stage (see ARCHITECTURE.md):
//! `corpus` → `extract` → `claims` → `rules` → `report`, with language knowledge as data
//! in `lang` and the commands wired together in `app`. A desk's own tests use [`Checker`]
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
//! # Ok::<(), factlint::DataError>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Data errors carry the TOML source for miette's span rendering; they occur once, at start-up.
#![allow(clippy::result_large_err)]

// The stages are private to the crate (an item no path reaches from the public API or
// `internals` is dead code, and the compiler says so); the public surface is the library API
// below.
mod app;
mod archive;
mod baseline;
mod calendar;
mod checker;
mod claims;
mod config;
mod corpus;
mod datacheck;
mod diagnostic;
mod error;
mod extract;
mod intern;
mod lang;
mod report;
mod rules;

pub use checker::{Article, Checked, Checker, CheckerBuilder};
pub use claims::{Claim, ClaimIdx, ClaimKind, DocId};
pub use diagnostic::{Corroboration, Diagnostic, DocMeta, Label, Severity, Source};
pub use error::{DataError, InputProblem};
pub use intern::{Sym, SymList};
pub use report::Report;

/// What the binary, the integration tests (tests/it), the fuzz targets and the benchmarks reach
/// of the stages: not the library API (hidden from its documentation, no stability promised).
/// Each stage's items by the stage's own path (`internals::corpus::analyze` is
/// `crate::corpus::analyze`); add what a new test or tool needs here, nothing wholesale.
#[doc(hidden)]
pub mod internals {
    pub mod intern {
        pub use crate::intern::{Sym, SymList};
    }
    pub mod app {
        pub use crate::app::{
            check, claims_human, collect, corpus_human, corpus_json, explain, meta_of,
            read_documents, rules_table, trace, RunOptions, Setup, Spool,
        };
    }
    pub mod archive {
        pub mod hash {
            pub use crate::archive::hash::Fnv1a;
        }
        pub use crate::archive::{
            check_against, index, sources, AgainstOptions, Archive, IndexOptions, SourcesOptions,
            APPLICATION_ID,
        };
        pub mod render {
            pub use crate::archive::render::print;
        }
        pub mod schema {
            pub use crate::archive::schema::{MIGRATIONS, VERSION};
        }
        pub mod store {
            pub use crate::archive::store::decode_claim;
            pub use crate::archive::store::{decode_meta, encode_claim, encode_meta};
        }
    }
    pub mod baseline {
        pub use crate::baseline::{apply, mark, read, write};
        pub use crate::baseline::{doc_identity, fingerprint, Frame};
    }
    pub mod calendar {
        pub use crate::calendar::days_between;
        pub use crate::calendar::{ago, calendar, partial, relative, weekday};
    }
    pub mod claims {
        pub use crate::claims::fmt_years;
        pub use crate::claims::{
            append, fmt_num, Claim, ClaimKind, DateForm, Detail, DocId, Frame, Lean,
        };
    }
    pub mod config {
        pub use crate::config::{glob_match, matches_code, PathSet};
        pub use crate::config::{CliSettings, Config};
    }
    pub mod corpus {
        pub use crate::corpus::{
            analyze, CorpusOptions, DateSource, Document, Input, LangSource, Meta, OffsetMap,
            RawDoc, Stripper,
        };
        pub mod dateline {
            pub use crate::corpus::dateline::parse_metadata_date;
            pub use crate::corpus::dateline::{char_boundary, find, parse_metadata_timestamp};
        }
        pub mod wire {
            pub use crate::corpus::wire::{same_text, shared, sketch, voices, Sketch};
        }
        pub mod load {
            pub use crate::corpus::load::{
                binary_reason, decode_text, discover, parse_jsonl_line, read_text,
                spaces_for_controls, Encoding,
            };
            pub use crate::corpus::load::{decode_json_string, read_jsonl_chunks};
        }
    }
    pub mod datacheck {
        pub use crate::datacheck::{check, human};
    }
    pub mod diagnostic {
        pub use crate::diagnostic::BaselineOutcome;
    }
    pub mod error {
        pub use crate::error::DataError;
    }
    pub mod extract {
        pub use super::calendar as resolve;
        pub use crate::extract::extract;
        pub mod clock {
            pub use crate::extract::clock::{clock_at, hour_ordinal_at};
        }
        pub mod parse {
            pub use crate::extract::parse::{
                digit_number, month, number, relative, unit, weekday, word_number, written_date,
                year,
            };
        }
    }
    pub mod lang {
        pub use crate::lang::{fold_name, nordic, Map, RelOffset};
        pub mod merge {
            pub use crate::lang::merge::merge;
            pub use crate::lang::merge::DataKind;
        }
        pub use crate::lang::{
            Boilerplate, Concepts, DatelineWords, Entities, Knowledge, Lexicon, TimeUnit,
        };
        pub mod token {
            pub use crate::lang::token::{lower_text, scan, tokenize, Tok, TokKind};
        }
    }
    pub mod report {
        pub use crate::report::{
            Corroboration, Diagnostic, DocMeta, Report, Severity, SCHEMA_VERSION,
        };
        pub mod github {
            pub use crate::report::github::print;
        }
        pub mod html {
            pub use crate::report::html::{escaped_paragraph, shown, window, WINDOW};
            pub use crate::report::html::{print, write};
        }
        pub mod human {
            pub use crate::report::human::line_col;
            pub use crate::report::human::{baseline_lines, print, Sources};
        }
        pub mod json {
            pub use crate::report::json::{pretty, print, write};
            pub use crate::report::json::{ClaimOut, CorroborationOut, DiagnosticOut};
        }
        pub mod jsonl {
            pub use crate::report::jsonl::{print, statistics, write};
        }
        pub mod sarif {
            pub use crate::report::sarif::result;
            pub use crate::report::sarif::{print, write};
        }
        pub mod stats {
            pub use crate::report::stats::{human, json};
        }
    }
    pub mod rules {
        pub use crate::rules::{load, run, Check, Rule, Verdict};
        pub mod groups {
            pub use crate::rules::groups::groups;
        }
    }
}
