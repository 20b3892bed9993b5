//! Stage 1: read the corpus the way a desk has it.
//!
//! Owns: finding inputs, decoding, metadata (manifest, JSONL fields), publication date, language,
//! boilerplate, sentences, in-document duplicates. Produces [`Document`]s; knows nothing of claims.

pub(crate) mod dateline;
pub(crate) mod load;
pub(crate) mod segment;
pub(crate) mod wire;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::InputProblem;
use crate::intern::Sym;
use crate::lang::token::{lower_text, scan, Tok, TokKind};
use crate::lang::Knowledge;
pub use load::{Input, Meta, OffsetMap, RawDoc};
pub use segment::Stripper;
pub(crate) use segment::{Folded, Sentence, Stripped};

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
    /// `--lang`
    CommandLine,
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

/// A publication's time of day and the zone it is read in (an IANA name, "UTC", or none for a
/// time written without a zone when the outlet's is unknown).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PublishedAt {
    /// minutes after midnight
    pub(crate) minutes: u16,
    pub(crate) zone: Option<String>,
    /// where the time came from: the metadata's timestamp or the dateline
    pub(crate) source: DateSource,
}

impl std::fmt::Display for PublishedAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)?;
        match &self.zone {
            Some(z) => write!(f, " ({z})"),
            None => Ok(()),
        }
    }
}

/// One analysed article.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub(crate) line: Option<usize>,
    pub meta: Meta,
    pub lang: String,
    pub lang_source: LangSource,
    pub published: Option<Date>,
    pub published_source: DateSource,
    /// the publication's time of day where the metadata ("2023-03-27T11:22:00Z") or the dateline
    /// ("Publisert 14.03.2025 kl. 10:15", "Published 23:30 GMT, 13 March 2025") gives one, in the
    /// outlet's zone (metadata `zone`, else the language's) when it is known
    pub(crate) published_at: Option<PublishedAt>,
    /// dateline range in the text, if one was found
    pub dateline: Option<(usize, usize)>,
    pub text: String,
    /// `text` lower-cased with the same byte offsets ([`lower_text`])
    pub(crate) lower: String,
    /// the tokens of the kept (not stripped) text, in text order
    pub tokens: Vec<Tok>,
    /// the [`crate::lang::flag`]s of each token in the document's lexicon (0 for punctuation,
    /// [`crate::lang::flag::DIGITS`] for digits and words led by digits: "2am")
    pub(crate) flags: Vec<u32>,
    pub(crate) map: OffsetMap,
    pub stripped: Vec<Stripped>,
    pub sentences: Vec<Sentence>,
    pub folded: Vec<Folded>,
    /// paragraphs in another language than the document: (paragraph, language code)
    pub para_langs: Vec<(u32, String)>,
    /// the sketch of its sentences' words, by which copies of one text are found ([`wire`])
    pub(crate) sketch: wire::Sketch,
    pub(crate) warnings: Vec<InputProblem>,
}

impl Document {
    /// A human name: path, plus line for JSONL articles.
    pub(crate) fn name(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.path),
            None => self.path.clone(),
        }
    }
    pub(crate) fn file_offset(&self, text_off: usize) -> usize {
        self.map.to_file(text_off)
    }
    /// What was not read of the document, in text order and file offsets: page furniture and
    /// folded repeats, a run of one kind (apart by whitespace only) as one range.
    pub(crate) fn skipped(&self) -> Vec<Skip> {
        let furniture = self.stripped.iter().map(|s| (s.start, s.end, Some(Sym::new(&s.reason))));
        let mut all: Vec<_> =
            furniture.chain(self.folded.iter().map(|f| (f.start, f.end, None))).collect();
        all.sort_unstable_by_key(|x| x.0);
        let mut out: Vec<(usize, usize, Option<Sym>)> = Vec::with_capacity(all.len());
        for (a, b, why) in all {
            match out.last_mut() {
                Some(l)
                    if l.2 == why && self.text.get(l.1..a).is_some_and(|t| t.trim().is_empty()) =>
                {
                    l.1 = l.1.max(b)
                }
                _ => out.push((a, b, why)),
            }
        }
        let f = |x| self.map.to_file(x);
        let skip = |(a, b, furniture)| {
            let start = f(a);
            Skip {
                start,
                len: u32::try_from(f(b).saturating_sub(start)).unwrap_or(u32::MAX),
                furniture,
            }
        };
        out.into_iter().map(skip).collect()
    }
}

/// A range of a document's file that was not read as text (file offsets, as a claim's). Sixteen
/// bytes: every document's are kept for the HTML report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skip {
    pub(crate) start: usize,
    pub(crate) len: u32,
    /// the boilerplate rule that stripped it as page furniture; `None`: a folded repeat
    pub(crate) furniture: Option<Sym>,
}

impl Skip {
    pub(crate) fn end(&self) -> usize {
        self.start + self.len as usize
    }
}

/// The best-scoring language of `scores` (ties to the first), if any scored.
fn best_lang(scores: &[usize]) -> Option<(usize, usize)> {
    scores
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|&(i, s)| (s, std::cmp::Reverse(i)))
        .filter(|&(_, s)| s > 0)
}

/// The language-detection scores of the first 3,000 words of `tokens`, from their
/// [`crate::lang::Word::lang_bits`] (`bits`, one a token).
fn lang_scores(tokens: &[Tok], bits: &[u64], k: &Knowledge) -> Vec<usize> {
    k.lang_scores(
        tokens
            .iter()
            .zip(bits)
            .filter(|(t, _)| t.kind == TokKind::Word)
            .take(3000)
            .map(|(_, b)| *b),
    )
}

/// Detect a language from the function words of the first 3,000 words of `tokens` (`bits`: their
/// [`crate::lang::Word::lang_bits`]).
pub(crate) fn detect_lang(tokens: &[Tok], bits: &[u64], k: &Knowledge) -> Option<String> {
    best_lang(&lang_scores(tokens, bits, k)).map(|(best, _)| k.langs[best].code.clone())
}

/// Paragraphs written in another language than their document (a Bokmål caption in a Nynorsk
/// article): (paragraph, language code). Only clear cases: at least eight words and twice
/// the document language's score.
fn paragraph_langs(
    tokens: &[Tok],
    bits: &[u64],
    sentences: &[Sentence],
    doc_lang: &str,
    k: &Knowledge,
) -> Vec<(u32, String)> {
    let Some(doc_idx) = k.lang_index(doc_lang) else { return Vec::new() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].para;
        let mut j = i;
        while j < sentences.len() && sentences[j].para == para {
            j += 1;
        }
        let r = sentences[i].toks.start..sentences[j - 1].toks.end;
        let (toks, bits) = (&tokens[r.clone()], &bits[r]);
        // words as whitespace separates them: a paragraph is one line of a kept range, whose
        // tokens cover every character but whitespace
        let words =
            toks.iter().skip(1).filter(|t| t.space_before).count() + usize::from(!toks.is_empty());
        if words >= 8 {
            let scores = lang_scores(toks, bits, k);
            if let Some((best, score)) = best_lang(&scores) {
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
    let mut warn = Warnings { path: &path, line, list: Vec::new() };
    let lower = lower_text(&text);
    // furniture by every rule first (the language is not known yet)
    let mut kept = Kept::read(&text, &lower, stripper.strip(&text), k);
    let (lang, lang_source) = choose_lang(&meta, opts, &kept, k, &mut warn);
    let lex = k.lexicon(&lang).or(k.langs.first());
    // furniture of another language (a Norwegian sidebar's markers in an Icelandic article) is
    // text: stripped again by the rules of the document's language
    if stripper.stripped_for_another_language(&kept.stripped, &lang) {
        kept = Kept::read(&text, &lower, stripper.strip_in(&text, Some(&lang)), k);
    }
    let outlet_zone = meta.zone.clone().or_else(|| lex.and_then(|l| l.time.default_zone.clone()));
    let (published, published_source, published_at, dl) =
        publication(&meta, opts, &text, k, outlet_zone.as_deref(), &mut warn);
    let flags = kept.flags(&text, k.lang_index(&lang).unwrap_or(0));
    let Kept { stripped, ranges, tokens, words, lang_bits } = kept;
    drop(words);
    let (sentences, folded) = match lex {
        Some(lex) => {
            let s = segment::sentences(&text, &lower, &ranges, &tokens, lex);
            segment::dedupe(&text, &tokens, &flags, &s)
        }
        None => (Vec::new(), Vec::new()),
    };
    let para_langs = paragraph_langs(&tokens, &lang_bits, &sentences, &lang, k);
    let sketch = wire::sketch(&lower, sentences.iter().flat_map(|s| &tokens[s.toks.clone()]));
    let warnings = warn.list;
    Document {
        path,
        line,
        meta,
        lang,
        lang_source,
        published,
        published_source,
        published_at,
        dateline: dl,
        text,
        lower,
        tokens,
        flags,
        map,
        stripped,
        sentences,
        folded,
        para_langs,
        sketch,
        warnings,
    }
}

/// A document's warnings (read with a caveat, not skipped), placed at its path and line.
struct Warnings<'a> {
    path: &'a str,
    line: Option<usize>,
    list: Vec<InputProblem>,
}

impl Warnings<'_> {
    fn push(&mut self, message: String) {
        self.list.push(load::problem(std::path::Path::new(self.path), self.line, message, false));
    }
}

/// The kept text of a document, tokenized once (read by every later step and by extraction),
/// with what the tables know of each word: one look-up a token.
struct Kept<'k> {
    stripped: Vec<Stripped>,
    /// the byte ranges not stripped
    ranges: Vec<std::ops::Range<usize>>,
    tokens: Vec<Tok>,
    words: Vec<Option<&'k crate::lang::Word>>,
    /// each token's [`crate::lang::Word::lang_bits`] (0 for no word the tables know)
    lang_bits: Vec<u64>,
}

impl<'k> Kept<'k> {
    fn read(text: &str, lower: &str, stripped: Vec<Stripped>, k: &'k Knowledge) -> Kept<'k> {
        let ranges = segment::kept(text.len(), &stripped);
        let mut tokens = Vec::with_capacity(text.len() / 5);
        for r in &ranges {
            scan(&text[r.clone()], r.start, &mut tokens);
        }
        let words: Vec<Option<&crate::lang::Word>> = tokens
            .iter()
            .map(|t| if t.kind == TokKind::Word { k.word(&lower[t.start..t.end]) } else { None })
            .collect();
        let lang_bits = words.iter().map(|w| w.map_or(0, |w| w.lang_bits)).collect();
        Kept { stripped, ranges, tokens, words, lang_bits }
    }

    /// Each token's [`crate::lang::flag`]s in the lexicon of language `li`.
    fn flags(&self, text: &str, li: usize) -> Vec<u32> {
        self.tokens
            .iter()
            .zip(&self.words)
            .map(|(t, w)| {
                let own = w.and_then(|w| w.flags.get(li).copied()).unwrap_or(0);
                // (a word led by digits, "2am", "14th", holds a number too)
                let digit_led = text.as_bytes().get(t.start).is_some_and(u8::is_ascii_digit);
                if t.kind == TokKind::Digits || digit_led {
                    own | crate::lang::flag::DIGITS
                } else {
                    own
                }
            })
            .collect()
    }
}

/// The document's language: its metadata's when a lexicon has it, else `--lang`, else detected
/// from the text, else the first lexicon's.
fn choose_lang(
    meta: &Meta,
    opts: &CorpusOptions,
    kept: &Kept,
    k: &Knowledge,
    warn: &mut Warnings,
) -> (String, LangSource) {
    match meta.lang.as_deref().map(|l| l.to_lowercase()) {
        Some(l) if k.lexicon(&l).is_some() => (l, LangSource::Metadata),
        // a code that names no lexicon is warned of, unless a lexicon lists it as an alias (one
        // code for two written standards: the text tells which); then the detector chooses
        other => {
            if let Some(l) = &other {
                if !l.is_empty() && !k.is_metadata_alias(l) {
                    warn.push(format!("language `{l}` has no lexicon; detecting from the text"));
                }
            }
            match opts.lang.clone().or_else(|| detect_lang(&kept.tokens, &kept.lang_bits, k)) {
                Some(l) if opts.lang.is_some() => (l, LangSource::CommandLine),
                Some(l) => (l, LangSource::Detected),
                None => (
                    k.langs.first().map(|l| l.code.clone()).unwrap_or_default(),
                    LangSource::Default,
                ),
            }
        }
    }
}

/// The publication date and where it came from (metadata, else the dateline, else
/// `--published`), its time of day where the metadata or the dateline gives one, and the dateline's range in the
/// text if one was found.
type Publication = (Option<Date>, DateSource, Option<PublishedAt>, Option<(usize, usize)>);

/// A document's [`Publication`], with a warning for each disagreement between its sources.
fn publication(
    meta: &Meta,
    opts: &CorpusOptions,
    text: &str,
    k: &Knowledge,
    outlet_zone: Option<&str>,
    warn: &mut Warnings,
) -> Publication {
    // a timestamp ("2023-03-27T23:30:00Z") is read in the outlet's zone: its day there is the
    // publication day that relative dates resolve from
    let stamp =
        meta.published.as_deref().and_then(|s| dateline::parse_metadata_timestamp(s, outlet_zone));
    let meta_date = stamp
        .as_ref()
        .map(|(d, _)| *d)
        .or_else(|| meta.published.as_deref().and_then(dateline::parse_metadata_date));
    // (a wire dateline without a year takes it from metadata or --published, never the clock)
    let year = meta_date.or(opts.published).map(|d| d.year());
    let dl = dateline::find(text, &k.all_months, &k.dateline_words, year, &k.boilerplate);
    // a dateline's time, and its day, read in the outlet's zone as a timestamp is
    let dl_at = dl.as_ref().and_then(|d| {
        let (m, written) = d.time.as_ref()?;
        Some(dateline_time(d.date, *m, written.as_deref(), outlet_zone))
    });
    let dl_date = dl_at.as_ref().map(|(d, _)| *d).or(dl.as_ref().map(|d| d.date));
    let published_at = match (stamp, dl_at) {
        (Some((_, at)), _) => Some(at),
        // (the dateline's time of the metadata's day)
        (None, Some((d, at))) if meta_date.is_none_or(|m| m == d) => Some(at),
        _ => None,
    };
    if meta.published.is_some() && meta_date.is_none() {
        warn.push(format!(
            "publication date `{}` in metadata is not YYYY-MM-DD; ignored",
            meta.published.as_deref().unwrap_or("")
        ));
    }
    if let (Some(m), Some(d)) = (meta_date, dl_date) {
        if m != d {
            warn.push(format!(
                "metadata says published {m}, the dateline says {d}; using the metadata"
            ));
        }
    }
    let (published, published_source) = if let Some(m) = meta_date {
        (Some(m), DateSource::Metadata)
    } else if let Some(d) = dl_date {
        (Some(d), DateSource::Dateline)
    } else if let Some(p) = opts.published {
        (Some(p), DateSource::CommandLine)
    } else {
        (None, DateSource::Unknown)
    };
    if let Some(p) = published.filter(|p| *p > today()) {
        warn.push(format!("publication date {p} is in the future; used as given"));
    }
    (published, published_source, published_at, dl.map(|d| (d.start, d.end)))
}

/// A dateline's day and time (`minutes` on `date`) in the outlet's zone: a time written with a
/// zone ("23:30 GMT") is moved into the outlet's, whose day it may not be ("Published 23:30 GMT,
/// 13 March" is the 14th in Oslo); a time with none is the outlet's clock.
fn dateline_time(
    date: Date,
    minutes: u16,
    written: Option<&str>,
    outlet: Option<&str>,
) -> (Date, PublishedAt) {
    let at = |date, minutes, zone: Option<&str>| {
        let zone = zone.map(str::to_string);
        (date, PublishedAt { minutes, zone, source: DateSource::Dateline })
    };
    let (Some(w), Some(o)) = (written, outlet) else {
        return at(date, minutes, written.or(outlet));
    };
    let zoned = jiff::tz::TimeZone::get(w).ok().zip(jiff::tz::TimeZone::get(o).ok()).and_then(
        |(wz, oz)| {
            let dt = date.at((minutes / 60) as i8, (minutes % 60) as i8, 0, 0);
            Some(dt.to_zoned(wz).ok()?.with_time_zone(oz).datetime())
        },
    );
    match zoned {
        Some(dt) => at(dt.date(), dt.hour() as u16 * 60 + dt.minute() as u16, Some(o)),
        None => at(date, minutes, Some(w)),
    }
}

/// Today (UTC), read once a run: only to warn about publication dates in the future.
fn today() -> Date {
    static TODAY: std::sync::OnceLock<Date> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date())
}
