//! Stage 1: read the corpus the way a desk has it.
//!
//! Owns: finding inputs, decoding, metadata (manifest, JSONL fields), publication date, language,
//! boilerplate, sentences, in-document duplicates. Produces [`Document`]s; knows nothing of claims.

pub mod dateline;
pub mod load;
pub mod segment;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::InputProblem;
use crate::lang::token::tokenize;
use crate::lang::Knowledge;
pub use load::{Input, Meta, OffsetMap, RawDoc};
pub use segment::{Folded, Sentence, Stripped, Stripper};

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    Metadata,
    Dateline,
    CommandLine,
    Unknown,
}

/// Where a document's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LangSource {
    Metadata,
    Detected,
    Default,
}

/// Options of the corpus stage that come from the command line.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// publication date for documents that have none of their own
    pub published: Option<Date>,
    /// language for documents whose metadata gives none (skips detection)
    pub lang: Option<String>,
}

/// One analysed article.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub line: Option<usize>,
    pub meta: Meta,
    pub lang: String,
    pub lang_source: LangSource,
    pub published: Option<Date>,
    pub published_source: DateSource,
    /// dateline range in the text, if one was found
    pub dateline: Option<(usize, usize)>,
    pub text: String,
    pub map: OffsetMap,
    pub stripped: Vec<Stripped>,
    pub sentences: Vec<Sentence>,
    pub folded: Vec<Folded>,
    pub warnings: Vec<InputProblem>,
}

impl Document {
    /// A human name: path, plus line for JSONL articles.
    pub fn name(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.path),
            None => self.path.clone(),
        }
    }
    pub fn file_offset(&self, text_off: usize) -> usize {
        self.map.to_file(text_off)
    }
}

/// Detect a language from function words; distinctive words weigh triple (Nynorsk vs Bokmål).
pub fn detect_lang(text: &str, k: &Knowledge) -> Option<String> {
    let mut scores = vec![0usize; k.langs.len()];
    let sets: Vec<(std::collections::HashSet<&str>, std::collections::HashSet<&str>)> = k
        .langs
        .iter()
        .map(|l| {
            (
                l.function_words.iter().map(String::as_str).collect(),
                l.distinctive.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    for t in tokenize(text, 0).iter().filter(|t| t.is_word()).take(3000) {
        for (i, (fw, dw)) in sets.iter().enumerate() {
            if fw.contains(t.lower()) {
                scores[i] += 1;
            }
            if dw.contains(t.lower()) {
                scores[i] += 3;
            }
        }
    }
    let (best, &score) = scores.iter().enumerate().max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))?;
    (score > 0).then(|| k.langs[best].code.clone())
}

/// Analyse one raw document: language, publication date, boilerplate, sentences, duplicates.
pub fn analyze(raw: RawDoc, k: &Knowledge, stripper: &Stripper, opts: &CorpusOptions) -> Document {
    let RawDoc { path, line, text, map, meta } = raw;
    let mut warnings = Vec::new();
    let stripped = stripper.strip(&text);
    let kept = segment::kept(text.len(), &stripped);
    let kept_text: String = kept.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join("\n");

    let (lang, lang_source) = match meta.lang.as_deref().map(|l| l.to_lowercase()) {
        Some(l) if k.lexicon(&l).is_some() => (l, LangSource::Metadata),
        // "no" is Norwegian without the written standard: let the detector choose nn or nb
        other => {
            if let Some(l) = &other {
                if l != "no" && !l.is_empty() {
                    warnings.push(load::problem(
                        std::path::Path::new(&path),
                        line,
                        format!("language `{l}` has no lexicon; detecting from the text"),
                        false,
                    ));
                }
            }
            match opts.lang.clone().or_else(|| detect_lang(&kept_text, k)) {
                Some(l) if opts.lang.is_some() => (l, LangSource::Metadata),
                Some(l) => (l, LangSource::Detected),
                None => (k.langs.first().map(|l| l.code.clone()).unwrap_or_default(), LangSource::Default),
            }
        }
    };
    let lex = k.lexicon(&lang).or(k.langs.first());

    let pw: Vec<&str> = k.langs.iter().flat_map(|l| l.marker(crate::lang::Marker::Published).words()).collect();
    let dl = dateline::find(&text, &k.all_months, &pw);
    let meta_date = meta.published.as_deref().and_then(dateline::parse_metadata_date);
    if meta.published.is_some() && meta_date.is_none() {
        warnings.push(load::problem(
            std::path::Path::new(&path),
            line,
            format!("publication date `{}` in metadata is not YYYY-MM-DD; ignored", meta.published.as_deref().unwrap_or("")),
            false,
        ));
    }
    if let (Some(m), Some(d)) = (meta_date, &dl) {
        if m != d.date {
            warnings.push(load::problem(
                std::path::Path::new(&path),
                line,
                format!("metadata says published {m}, the dateline says {}; using the metadata", d.date),
                false,
            ));
        }
    }
    let (published, published_source) = if let Some(m) = meta_date {
        (Some(m), DateSource::Metadata)
    } else if let Some(d) = &dl {
        (Some(d.date), DateSource::Dateline)
    } else if let Some(p) = opts.published {
        (Some(p), DateSource::CommandLine)
    } else {
        (None, DateSource::Unknown)
    };

    let (sentences, folded) = match lex {
        Some(lex) => {
            let s = segment::sentences(&text, &kept, lex);
            segment::dedupe(&text, s, lex)
        }
        None => (Vec::new(), Vec::new()),
    };
    Document {
        path,
        line,
        meta,
        lang,
        lang_source,
        published,
        published_source,
        dateline: dl.map(|d| (d.start, d.end)),
        text,
        map,
        stripped,
        sentences,
        folded,
        warnings,
    }
}
