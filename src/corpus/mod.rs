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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    Metadata,
    Dateline,
    CommandLine,
    Unknown,
}

/// Where a document's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// paragraphs in another language than the document: (paragraph, language code)
    pub para_langs: Vec<(u32, String)>,
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

/// Function-word scores per language (index into `k.langs`); distinctive words weigh triple
/// (Nynorsk vs Bokmål).
pub fn lang_scores(text: &str, k: &Knowledge) -> Vec<usize> {
    let mut scores = vec![0usize; k.langs.len()];
    for t in tokenize(text, 0).iter().filter(|t| t.is_word()).take(3000) {
        for (i, l) in k.langs.iter().enumerate() {
            // one look-up a word and language (the lists as flags of the lexicon's word table)
            let f = l.flags(t.lower());
            if f & crate::lang::flag::FUNCTION_WORD != 0 {
                scores[i] += 1;
            }
            if f & crate::lang::flag::DISTINCTIVE != 0 {
                scores[i] += 3;
            }
        }
    }
    scores
}

/// Detect a language from function words.
pub fn detect_lang(text: &str, k: &Knowledge) -> Option<String> {
    let scores = lang_scores(text, k);
    let (best, &score) = scores.iter().enumerate().max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))?;
    (score > 0).then(|| k.langs[best].code.clone())
}

/// Paragraphs written in another language than their document (a Bokmål caption in a Nynorsk
/// article): (paragraph, language code). Only clear cases: at least eight words and twice
/// the document language's score.
fn paragraph_langs(text: &str, sentences: &[Sentence], doc_lang: &str, k: &Knowledge) -> Vec<(u32, String)> {
    let Some(doc_idx) = k.lang_index(doc_lang) else { return Vec::new() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].para;
        let mut j = i;
        while j < sentences.len() && sentences[j].para == para {
            j += 1;
        }
        let ptext = &text[sentences[i].start..sentences[j - 1].end];
        if ptext.split_whitespace().count() >= 8 {
            let scores = lang_scores(ptext, k);
            if let Some((best, &score)) = scores.iter().enumerate().max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i))) {
                if best != doc_idx && score >= 2 * scores[doc_idx].max(1) {
                    out.push((para, k.langs[best].code.clone()));
                }
            }
        }
        i = j;
    }
    out
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

    if let Some(p) = published.filter(|p| *p > today()) {
        warnings.push(load::problem(
            std::path::Path::new(&path),
            line,
            format!("publication date {p} is in the future; used as given"),
            false,
        ));
    }

    let (sentences, folded) = match lex {
        Some(lex) => {
            let s = segment::sentences(&text, &kept, lex);
            segment::dedupe(&text, s, lex)
        }
        None => (Vec::new(), Vec::new()),
    };
    let para_langs = paragraph_langs(&text, &sentences, &lang, k);
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
        para_langs,
        warnings,
    }
}

/// Today (UTC), read once a run: only to warn about publication dates in the future.
fn today() -> Date {
    static TODAY: std::sync::OnceLock<Date> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date())
}
