//! Boilerplate stripping, sentence segmentation and in-document deduplication.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::lang::token::{Tok, TokKind};
use crate::lang::{flag, Boilerplate, Lexicon};

/// A stripped byte range and the rule that stripped it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stripped {
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

/// Compiled boilerplate matchers (built once per run).
pub struct Stripper {
    /// start markers of blocks (deduplicated); pattern index → the block rules opening with it
    block_starts: AhoCorasick,
    starts_rules: Vec<Vec<usize>>,
    blocks: Vec<(String, String)>,
    tails: AhoCorasick,
    tail_names: Vec<String>,
    line_equals: crate::lang::Map<String, String>,
    /// the longest key of `line_equals`, in bytes: a longer line is none of them
    line_equals_max: usize,
    line_starts: Vec<(String, String)>,
    /// the first bytes of `line_starts`: a line beginning otherwise starts with none of them
    line_start_bytes: [bool; 256],
    /// the languages of the rules that name some (by rule name); a rule not here applies to all
    langs: crate::lang::Map<String, Vec<String>>,
}

fn automaton(p: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(p)
        .or_else(|_| AhoCorasick::new(Vec::<String>::new()))
        .unwrap_or_else(|_| unreachable!("an empty automaton always builds"))
}

impl Stripper {
    pub fn new(b: &Boilerplate) -> Stripper {
        let mut start_pats: Vec<String> = Vec::new();
        let mut starts_rules: Vec<Vec<usize>> = Vec::new();
        for (i, r) in b.block.iter().enumerate() {
            match start_pats.iter().position(|p| *p == r.start) {
                Some(k) => starts_rules[k].push(i),
                None => {
                    start_pats.push(r.start.clone());
                    starts_rules.push(vec![i]);
                }
            }
        }
        let mut tail_pats = Vec::new();
        let mut tail_names = Vec::new();
        for r in &b.tail {
            for m in &r.marker {
                tail_pats.push(m.clone());
                tail_names.push(r.name.clone());
            }
        }
        let mut line_equals = crate::lang::Map::default();
        let mut line_starts = Vec::new();
        for r in &b.line {
            for e in &r.equals {
                line_equals.insert(e.trim().to_string(), r.name.clone());
            }
            for s in &r.starts_with {
                line_starts.push((s.clone(), r.name.clone()));
            }
        }
        let mut line_start_bytes = [false; 256];
        for (s, _) in &line_starts {
            // (an empty prefix starts every line)
            match s.as_bytes().first() {
                Some(&b) => line_start_bytes[b as usize] = true,
                None => line_start_bytes = [true; 256],
            }
        }
        let mut langs: crate::lang::Map<String, Vec<String>> = crate::lang::Map::default();
        let named = b.block.iter().map(|r| (&r.name, &r.lang));
        let named = named.chain(b.line.iter().map(|r| (&r.name, &r.lang)));
        for (name, ls) in named.chain(b.tail.iter().map(|r| (&r.name, &r.lang))) {
            if !ls.is_empty() {
                langs.entry(name.clone()).or_default().extend(ls.iter().map(|l| l.to_lowercase()));
            }
        }
        Stripper {
            langs,
            line_start_bytes,
            block_starts: automaton(&start_pats),
            starts_rules,
            blocks: b.block.iter().map(|r| (r.name.clone(), r.end.clone())).collect(),
            tails: automaton(&tail_pats),
            tail_names,
            line_equals_max: line_equals.keys().map(String::len).max().unwrap_or(0),
            line_equals,
            line_starts,
        }
    }

    /// Whether the rule `name` applies to a document in `lang` (None: not yet known, so every
    /// rule applies).
    fn applies(&self, name: &str, lang: Option<&str>) -> bool {
        match (self.langs.get(name), lang) {
            (Some(ls), Some(l)) => ls.iter().any(|x| x == l),
            _ => true,
        }
    }

    /// Whether some of `stripped` was stripped by a rule that does not apply to `lang` (then the
    /// document is stripped again, in its language).
    pub(crate) fn stripped_for_another_language(&self, stripped: &[Stripped], lang: &str) -> bool {
        !self.langs.is_empty() && stripped.iter().any(|s| !self.applies(&s.reason, Some(lang)))
    }

    /// Ranges of `text` that are site furniture, sorted and non-overlapping, by every rule.
    pub fn strip(&self, text: &str) -> Vec<Stripped> {
        self.strip_in(text, None)
    }

    /// … by the rules for a document in `lang` (a rule with a `lang` list applies only to those
    /// languages; None: every rule).
    pub(crate) fn strip_in(&self, text: &str, lang: Option<&str>) -> Vec<Stripped> {
        let mut out = Vec::new();
        let tail = self.tail(text, lang);
        let body = &text[..tail.as_ref().map_or(text.len(), |t| t.start)];
        out.extend(tail);
        self.blocks_in(body, lang, &mut out);
        self.lines_in(body, lang, &mut out);
        normalise(out)
    }

    /// The tail: from a marker at the start of a line to the end (the first marker whose line's
    /// rest is short).
    fn tail(&self, text: &str, lang: Option<&str>) -> Option<Stripped> {
        for m in self.tails.find_iter(text) {
            if !self.applies(&self.tail_names[m.pattern().as_usize()], lang) {
                continue;
            }
            let line_start = m.start() == 0 || text[..m.start()].ends_with('\n');
            if !line_start {
                // (checked first: reading the rest of the line for every marker inside a long
                // line would be quadratic)
                continue;
            }
            let line_rest = text[m.end()..].split('\n').next().unwrap_or("");
            if line_rest.trim().len() < 40 {
                return Some(Stripped {
                    start: m.start(),
                    end: text.len(),
                    reason: self.tail_names[m.pattern().as_usize()].clone(),
                });
            }
        }
        None
    }

    /// Blocks: from a start marker through the nearest end marker of a rule opening with it;
    /// with no end marker, to the end of the line.
    fn blocks_in(&self, body: &str, lang: Option<&str>, out: &mut Vec<Stripped>) {
        let mut pos = 0;
        // per block rule, the last search for its end marker: (searched from, found at); a later
        // search from a position not past the found one has the same answer (keeps many open
        // blocks without an end marker linear)
        let mut end_seen: Vec<Option<(usize, Option<usize>)>> = vec![None; self.blocks.len()];
        while let Some(m) = self.block_starts.find(&body[pos..]) {
            let s = pos + m.start();
            let after = pos + m.end();
            let rules: Vec<usize> = self.starts_rules[m.pattern().as_usize()]
                .iter()
                .copied()
                .filter(|&ri| self.applies(&self.blocks[ri].0, lang))
                .collect();
            if rules.is_empty() {
                pos = after;
                continue;
            }
            let mut end_marker = |ri: usize| -> Option<usize> {
                let marker = self.blocks[ri].1.as_str();
                let found = match end_seen[ri] {
                    Some((from, found)) if from <= after && found.is_none_or(|f| f >= after) => {
                        found
                    }
                    _ => body[after..].find(marker).map(|k| after + k),
                };
                end_seen[ri] = Some((after, found));
                found.map(|f| f + marker.len())
            };
            let closing = rules.iter().filter_map(|&ri| end_marker(ri).map(|e| (e, ri))).min();
            let (end, ri) = closing.unwrap_or_else(|| {
                (body[s..].find('\n').map(|k| s + k).unwrap_or(body.len()), rules[0])
            });
            out.push(Stripped { start: s, end, reason: self.blocks[ri].0.clone() });
            pos = end.max(after);
        }
    }

    /// Whole lines: equal to a line rule's text, or starting with one.
    fn lines_in(&self, body: &str, lang: Option<&str>, out: &mut Vec<Stripped>) {
        let mut pos = 0;
        for line in body.split_inclusive('\n') {
            let t = line.trim();
            let equal = if t.len() <= self.line_equals_max {
                self.line_equals.get(t).filter(|n| self.applies(n, lang)).cloned()
            } else {
                None
            };
            let reason = equal.or_else(|| {
                let candidate =
                    t.as_bytes().first().is_none_or(|&b| self.line_start_bytes[b as usize]);
                candidate
                    .then(|| {
                        self.line_starts
                            .iter()
                            .find(|(s, n)| t.starts_with(s.as_str()) && self.applies(n, lang))
                            .map(|(_, n)| n.clone())
                    })
                    .flatten()
            });
            if let Some(reason) = reason {
                if !t.is_empty() {
                    out.push(Stripped { start: pos, end: pos + line.trim_end().len(), reason });
                }
            }
            pos += line.len();
        }
    }
}

fn normalise(mut v: Vec<Stripped>) -> Vec<Stripped> {
    v.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Stripped> = Vec::new();
    for s in v {
        if let Some(last) = out.last_mut() {
            if s.start < last.end {
                last.end = last.end.max(s.end);
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Kept ranges: the complement of `stripped` in `0..len`.
pub(crate) fn kept(len: usize, stripped: &[Stripped]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for s in stripped {
        if s.start > pos {
            out.push(pos..s.start);
        }
        pos = pos.max(s.end);
    }
    if pos < len {
        out.push(pos..len);
    }
    out
}

/// A sentence: byte range in the document text, its paragraph (line) number.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// its tokens: an index range of the document's tokens
    pub toks: Range<usize>,
    pub(crate) para: u32,
    /// A variant twin: the earlier sentence this one repeats with different numbers.
    pub twin_of: Option<u32>,
}

/// Split kept ranges into sentences. A sentence ends at ".", "!", "?" or "…" followed by a space
/// and an upper-case letter, digit, dash or quote, unless the word before is an abbreviation, an
/// initial or an ordinal; a line break always ends one.
/// `tokens` are the document's tokens (of the `kept` ranges), `lower` its lower-cased text.
pub(crate) fn sentences(
    text: &str,
    lower: &str,
    kept: &[Range<usize>],
    tokens: &[Tok],
    lex: &Lexicon,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0u32;
    // glued "t.d."-style candidates longer than every abbreviation need not be built
    let longest_abbrev = lex.abbreviations.iter().map(String::len).max().unwrap_or(0);
    let splitter = Splitter { text, lower, lex, longest_abbrev };
    let mut i = 0;
    for r in kept {
        // the tokens of one line of the range at a time: a line break ends every sentence
        while i < tokens.len() && tokens[i].start < r.end {
            let line_end =
                text[tokens[i].start..r.end].find('\n').map_or(r.end, |k| tokens[i].start + k);
            let n = tokens[i..].partition_point(|t| t.start < line_end);
            para += 1;
            splitter.split_line(&tokens[i..i + n], i, para, &mut out);
            i += n;
        }
    }
    out
}

/// Splits lines of a document into sentences.
struct Splitter<'a> {
    text: &'a str,
    lower: &'a str,
    lex: &'a Lexicon,
    /// glued "t.d."-style candidates longer than every abbreviation need not be built
    longest_abbrev: usize,
}

impl Splitter<'_> {
    fn str_of(&self, t: &Tok) -> &str {
        &self.text[t.start..t.end]
    }

    fn punct(&self, t: &Tok, set: &[&str]) -> bool {
        t.kind == TokKind::Punct && set.contains(&self.str_of(t))
    }

    /// The sentences of one line's tokens `toks` (`base`: the index of the first in the
    /// document's tokens).
    fn split_line(&self, toks: &[Tok], base: usize, para: u32, out: &mut Vec<Sentence>) {
        // the first token of the sentence being read
        let mut s_start: Option<usize> = None;
        // end of the run of closers absorbed after the last sentence-end candidate: every
        // candidate inside that run absorbs up to the same token (keeps "....." linear)
        let mut absorbed_to = 0;
        // the word before a ".", lower-cased, with its "."
        let mut word = String::new();
        for (i, t) in toks.iter().enumerate() {
            if s_start.is_none() {
                s_start = Some(i);
            }
            if !self.punct(t, &[".", "!", "?", "…"]) {
                continue;
            }
            // absorb following closing quotes/brackets
            let j = self.closers_end(toks, i, absorbed_to);
            absorbed_to = j;
            let Some(next) = toks.get(j) else { continue };
            if !next.space_before {
                continue;
            }
            let next_starts = self.str_of(next).chars().next().is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '–' | '-' | '«' | '„' | '"' | '“')
            });
            if !next_starts || self.after_abbreviation(toks, i, &mut word) {
                continue;
            }
            if let Some(a) = s_start.take() {
                out.push(Sentence {
                    start: toks[a].start,
                    end: toks[j - 1].end,
                    toks: base + a..base + j,
                    para,
                    twin_of: None,
                });
            }
        }
        if let Some(a) = s_start {
            let s = toks[a].start;
            let last_end = toks.last().map_or(s, |t| t.end);
            // a sentence may have been closed by the last token already
            if s < last_end && out.last().is_none_or(|x| x.end <= s) {
                out.push(Sentence {
                    start: s,
                    end: last_end,
                    toks: base + a..base + toks.len(),
                    para,
                    twin_of: None,
                });
            }
        }
    }

    /// The index after the closing quotes and brackets glued after the end mark at `i` (from
    /// `absorbed_to` when `i` is inside the run the last mark absorbed).
    fn closers_end(&self, toks: &[Tok], i: usize, absorbed_to: usize) -> usize {
        let mut j = if i < absorbed_to { absorbed_to } else { i + 1 };
        while toks.get(j).is_some_and(|n| {
            !n.space_before && self.punct(n, &["\"", "”", "“", "»", "'", ")", "."])
        }) {
            j += 1;
        }
        j
    }

    /// Whether the token at `i` is a "." that ends an abbreviation or an initial, not a
    /// sentence (`word`: a buffer for the word before it).
    fn after_abbreviation(&self, toks: &[Tok], i: usize, word: &mut String) -> bool {
        let t = &toks[i];
        if self.str_of(t) != "." || i == 0 {
            return false;
        }
        let prev = toks[i - 1].view(self.text, self.lower);
        if t.space_before && prev.end != t.start {
            return false;
        }
        word.clear();
        word.push_str(prev.lower());
        word.push('.');
        let single_letter =
            prev.is_word() && prev.text.chars().count() == 1 && prev.is_capitalised();
        if single_letter || self.lex.abbreviations.contains(word.as_str()) {
            return true;
        }
        // "t.d." style abbreviations: glue the preceding tokens back together
        let mut glued: Option<String> = None;
        let mut k = i;
        while k >= 3
            && glued.as_ref().map_or(word.len(), String::len) <= self.longest_abbrev
            && toks[k - 1].end == t.start.min(toks[k].start)
            && toks[k - 2].kind == TokKind::Punct
            && self.str_of(&toks[k - 2]).starts_with('.')
        {
            k -= 2;
            glued = Some(format!(
                "{}.{}",
                toks[k - 1].view(self.text, self.lower).lower(),
                glued.as_deref().unwrap_or(word)
            ));
        }
        glued.is_some_and(|g| self.lex.abbreviations.contains(&g))
    }
}

/// The same words in the same order (whitespace aside): a verbatim repeat.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// A sentence's shape: its tokens with every number (digits or a cardinal word) as "#". Two
/// sentences of one shape with different numbers are variant twins.
fn shape<'t>(
    text: &'t str,
    toks: &'t [Tok],
    flags: &'t [u32],
) -> impl Iterator<Item = &'t str> + 't {
    toks.iter().zip(flags).map(|(t, &f)| if is_number(f) { "#" } else { &text[t.start..t.end] })
}

/// Digits, or a cardinal word, by a token's `flags` ([`flag::DIGITS`] marks digits).
fn is_number(flags: u32) -> bool {
    flags & (flag::DIGITS | flag::CARDINAL | flag::CARDINAL_ONE) != 0
}

/// Normalised sentence text for verbatim comparison (whitespace collapsed).
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A sentence dropped because it repeats an earlier one verbatim.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Folded {
    pub start: usize,
    pub end: usize,
    /// start of the kept copy
    pub copy_of: usize,
}

/// Drop verbatim repeats (keeping the first copy) and teaser sentences cut off with "…" whose text
/// begins another sentence; mark sentences that repeat an earlier one with different numbers.
/// `flags` are the [`crate::lang::flag`]s of `tokens`.
pub(crate) fn dedupe(
    text: &str,
    tokens: &[Tok],
    flags: &[u32],
    sents: &[Sentence],
) -> (Vec<Sentence>, Vec<Folded>) {
    let mut buf: Vec<u8> = Vec::new();
    let hasher = foldhash::fast::RandomState::default();
    // the kept sentences by the hash of their words: (hash, start, end) of the first copy
    let mut seen: hashbrown::HashTable<(u64, usize, usize)> =
        hashbrown::HashTable::with_capacity(sents.len());
    let mut twins = Twins { hasher: &hasher, shapes: hashbrown::HashTable::new() };
    let mut kept: Vec<Sentence> = Vec::with_capacity(sents.len());
    let mut folded = Vec::new();
    let mut teasers = Teasers::default();
    for (idx, s) in sents.iter().enumerate() {
        let raw = &text[s.start..s.end];
        let (toks, tflags) = (&tokens[s.toks.clone()], &flags[s.toks.clone()]);
        let (h, words, nums) = words_hash(text, raw, toks, tflags, &hasher, &mut buf);
        if let Some(&(_, first, _)) = seen.find(h, |&(_, a, b)| same_words(&text[a..b], raw)) {
            folded.push(Folded { start: s.start, end: s.end, copy_of: first });
            continue;
        }
        if teasers.is_teaser(text, sents, idx) {
            folded.push(Folded { start: s.start, end: s.end, copy_of: s.start });
            continue;
        }
        seen.insert_unique(h, (h, s.start, s.end), |e| e.0);
        // variant twins: same words, different numbers
        let mut twin_of = s.twin_of;
        if words >= 5 && nums > 0 {
            twin_of = twins.twin(text, tokens, flags, &kept, s, &mut buf).or(twin_of);
        }
        kept.push(Sentence { twin_of, ..s.clone() });
    }
    (kept, folded)
}

/// The hash of a sentence's words (`raw`: its text, `toks`: its tokens), and how many words and
/// numbers it has. The words are the
/// tokens joined by one space where whitespace separates them (texts that differ only in
/// whitespace hash the same: tokens cover every character but whitespace). Mostly the sentence
/// is that text already, hashed as it stands; else it is built once in `buf`.
fn words_hash(
    text: &str,
    raw: &str,
    toks: &[Tok],
    tflags: &[u32],
    hasher: &foldhash::fast::RandomState,
    buf: &mut Vec<u8>,
) -> (u64, usize, usize) {
    use std::hash::BuildHasher;
    let (mut words, mut nums, mut spaced) = (0, 0, true);
    for (i, (t, &f)) in toks.iter().zip(tflags).enumerate() {
        words += usize::from(t.kind == TokKind::Word);
        nums += usize::from(is_number(f));
        spaced &= i == 0
            || !t.space_before
            || (t.single_space_before && text.as_bytes()[t.start - 1] == b' ');
    }
    let h = if spaced {
        hasher.hash_one(raw.as_bytes())
    } else {
        buf.clear();
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && t.space_before {
                buf.push(b' ');
            }
            buf.extend_from_slice(&text.as_bytes()[t.start..t.end]);
        }
        hasher.hash_one(buf.as_slice())
    };
    (h, words, nums)
}

/// Teasers: "Kim var leystur út með gjöfum áður …" when a full sentence starts the same way.
/// Every sentence normalised and sorted, built at the first teaser only: sentences starting with
/// a prefix are one run of it, found by binary search (a page of teasers stays n log n).
#[derive(Default)]
struct Teasers {
    normed: Vec<String>,
    sorted: Vec<usize>,
}

impl Teasers {
    /// Whether sentence `idx` of `sents` ends in "…" and another sentence begins with its text.
    fn is_teaser(&mut self, text: &str, sents: &[Sentence], idx: usize) -> bool {
        let s = &sents[idx];
        let Some(prefix) = text[s.start..s.end].trim_end().strip_suffix('…') else {
            return false;
        };
        if self.normed.is_empty() {
            let normed: Vec<String> = sents.iter().map(|s| norm(&text[s.start..s.end])).collect();
            let mut sorted: Vec<usize> = (0..normed.len()).collect();
            sorted.sort_unstable_by(|&x, &y| normed[x].cmp(&normed[y]).then(x.cmp(&y)));
            (self.normed, self.sorted) = (normed, sorted);
        }
        let prefix = norm(prefix);
        if prefix.len() < 20 {
            return false;
        }
        let (normed, sorted) = (&self.normed, &self.sorted);
        // the sentences longer than `prefix` that start with it
        let lo = sorted.partition_point(|&k| normed[k].as_str() <= prefix.as_str());
        let run = sorted[lo..].partition_point(|&k| normed[k].starts_with(prefix.as_str()));
        sorted[lo..lo + run].iter().take(2).any(|&k| k != idx)
    }
}

/// Sentences with a number by the hash of their shape: (hash, index in the kept sentences).
struct Twins<'h> {
    hasher: &'h foldhash::fast::RandomState,
    shapes: hashbrown::HashTable<(u64, u32)>,
}

impl Twins<'_> {
    /// The kept sentence that `s` repeats with other numbers, if one does (else `s` is recorded
    /// as the next kept sentence).
    fn twin(
        &mut self,
        text: &str,
        tokens: &[Tok],
        flags: &[u32],
        kept: &[Sentence],
        s: &Sentence,
        buf: &mut Vec<u8>,
    ) -> Option<u32> {
        use std::hash::BuildHasher;
        let (toks, tflags) = (&tokens[s.toks.clone()], &flags[s.toks.clone()]);
        // the hash of the shape, made only here
        buf.clear();
        for w in shape(text, toks, tflags) {
            buf.extend_from_slice(w.as_bytes());
            buf.push(0xff);
        }
        let sh = self.hasher.hash_one(buf.as_slice());
        let same_shape = |&(h2, k): &(u64, u32)| {
            let r = kept[k as usize].toks.clone();
            h2 == sh && shape(text, &tokens[r.clone()], &flags[r]).eq(shape(text, toks, tflags))
        };
        match self.shapes.find(sh, same_shape) {
            Some(&(_, twin)) => Some(twin),
            None => {
                self.shapes.insert_unique(sh, (sh, kept.len() as u32), |e| e.0);
                None
            }
        }
    }
}
