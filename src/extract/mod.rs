//! Stage 2: turn a document's kept sentences into claims.
//!
//! Owns: walking sentences with the nom parsers of [`parse`], attaching concepts and entities, and
//! resolving dates against the publication date (jiff). Never reads files: it sees a [`Document`].

pub(crate) mod clock;
pub(crate) mod parse;
pub(crate) use crate::calendar as resolve;

use std::borrow::Cow;
use std::collections::HashMap;

use nom::combinator::opt;
use nom::sequence::{pair, tuple};

use crate::claims::{
    Claim, ClaimKind, DateForm, DateInfo, Detail, DocId, Frame, Interval, Precision, SinceForm,
    SinceInfo, Sym, SymList, TimeInfo,
};
use crate::corpus::Document;
use crate::lang::token::Token;
use crate::lang::{
    flag, fold_name, ConceptKind, EntityType, Knowledge, Lexicon, Marker, RelOffset, TimeUnit,
};
use parse::{In, WrittenDate};

/// Tokens on each side of a claim searched for its event or phase word.
const NEAR_WINDOW: usize = 40;

/// Tokens on each side of a count searched for its role or scope word, within its clause.
const ROLE_WINDOW: usize = 8;

/// Tokens between a time of day and the event it times, at most.
const TIME_WINDOW: usize = 10;
/// How far before a time a role word of one moment may stand to time it: the verb, its object,
/// a preposition and a rounding word ("arrested the man at about 7:30").
const ROLE_MOMENT_WINDOW: usize = 5;

/// Tokens on each side of a claim whose names it carries, in a sentence longer than this (a page
/// without punctuation): every claim carrying every name of the page would be quadratic.
const ENTITY_WINDOW: usize = 100;

/// Per-sentence context the claim builders need.
struct Ctx<'k, 'd, 'r> {
    k: &'k Knowledge,
    lex: &'k Lexicon,
    doc: &'d Document,
    doc_idx: DocId,
    /// the document's language, interned once
    lang: Sym,
    sentence: u32,
    twin_of: Option<u32>,
    sent_span: (usize, usize),
    /// the sentence's entity keys (sorted, deduplicated), and each with its token index
    entities: SymList,
    entities_at: Vec<(usize, Sym)>,
    /// tokens in the sentence
    sent_tokens: usize,
    /// the sentence's people, else the first person of the nearest earlier sentence naming one
    persons: std::cell::OnceCell<SymList>,
    /// people of this sentence with their token index
    persons_at: Vec<(usize, Sym)>,
    /// capitalised names not in the alias table, with their token index
    names_at: Vec<(usize, Sym)>,
    /// the sentences before, asked only when a claim needs them (most find their person and
    /// event in their own sentence); a trait object keeps the look-back's lifetimes out of Ctx's
    look_back: &'r dyn LookBack,
    /// [`LookBack::person`], once asked
    previous_person: std::cell::OnceCell<Option<Sym>>,
    /// [`LookBack::event`], once asked
    previous_event: std::cell::OnceCell<ConceptRef>,
    future: bool,
    /// token index of the first "first" marker in the sentence
    first_at: Option<usize>,
    /// concept look-ups of the sentence
    sc: SentenceConcepts<'d>,
    /// [`Lexicon::flags`] of each token
    flags: &'d [u32],
    /// dates and times tied to an event of this sentence: (index in the output, the event's
    /// token, the claim's first token); the nearest claim to an event keeps it ([`bind_dates`])
    bindings: std::cell::RefCell<Vec<(usize, usize, usize)>>,
    /// the day the article tells of, when that is not its publication ([`Narrative`])
    narrative: Option<jiff::civil::Date>,
    /// an earlier sentence called the publication day by its weekday ([`Narrative`])
    today_named: bool,
    /// the zone of the places the article names ([`article_zone`]), found once a document and
    /// only when a time asks
    article_zone: &'r std::cell::OnceCell<Option<Sym>>,
}

/// What a concept search found.
#[derive(Default, Clone)]
struct ConceptRef {
    concept: Option<Sym>,
    family: Option<Sym>,
    qualifier: Option<Sym>,
    noun: Option<Sym>,
    /// the token of this sentence it was found at (None: from an earlier sentence)
    at: Option<usize>,
    /// the concept is a generic noun ("people"), a role word or a measure
    generic: bool,
    grows: bool,
    measure: bool,
    /// an event of one moment (an alarm), whose time is that moment
    moment: bool,
    /// an event concept, and one marking a start or end (a phase word)
    event: bool,
    phased: bool,
    /// a clause mark (",", ";", ":") lies between it and the claim
    other_clause: bool,
    /// the role a count of it has when its clause names none (passengers: aboard)
    implies: Option<Sym>,
    /// a quantity that does not change as a story unfolds
    stable: bool,
}

impl Ctx<'_, '_, '_> {
    fn claim(&self, kind: ClaimKind, toks: &[Token], from: usize, to: usize, value: f64) -> Claim {
        let start = self.doc.file_offset(toks[from].start);
        let end = self.doc.file_offset(toks[to - 1].end);
        let text = Sym::new(&self.doc.text[toks[from].start..toks[to - 1].end]);
        let mut c = Claim::new(
            kind,
            value,
            (start, end),
            (self.sentence, self.sent_span),
            self.twin_of,
            text,
            self.lang,
        );
        c.doc = self.doc_idx;
        c.entities = self.entities_near(from, to);
        c.persons = *self.persons.get_or_init(|| {
            let mut persons: Vec<Sym> = self.persons_at.iter().map(|(_, p)| *p).collect();
            if persons.is_empty() {
                persons.extend(self.previous_person());
            }
            persons.sort();
            persons.dedup();
            SymList::of(&persons)
        });
        c.principal = self.principal(from);
        c.future = self.future;
        c
    }

    /// The entities of the sentence, or of its tokens within [`ENTITY_WINDOW`] of the claim.
    fn entities_near(&self, from: usize, to: usize) -> SymList {
        if self.sent_tokens <= ENTITY_WINDOW {
            return self.entities;
        }
        let lo = self.entities_at.partition_point(|(i, _)| i + ENTITY_WINDOW < from);
        let hi = self.entities_at.partition_point(|(i, _)| *i < to + ENTITY_WINDOW);
        let mut v: Vec<Sym> = self.entities_at[lo..hi.max(lo)].iter().map(|(_, e)| *e).collect();
        v.sort();
        v.dedup();
        SymList::of(&v)
    }

    /// Who the claim is about: the first person named before it in the sentence, else the person
    /// of the nearest earlier sentence ("Dei to møttest sist i 2019"), else the first after it.
    fn principal(&self, at: usize) -> Option<Sym> {
        // (both lists are in token order: if the first is not before the claim, none is)
        self.persons_at
            .first()
            .filter(|(i, _)| *i < at)
            .map(|(_, p)| *p)
            // a name not in the alias table, before the claim ("Lindqvist vitja …")
            .or_else(|| self.names_at.first().filter(|(i, _)| *i < at).map(|(_, p)| *p))
            .or_else(|| self.previous_person())
            .or_else(|| self.persons_at.first().map(|(_, p)| *p))
    }

    fn with_concept(mut c: Claim, r: ConceptRef) -> Claim {
        c.concept = r.concept;
        c.family = r.family;
        c.qualifier = r.qualifier;
        c.noun = r.noun;
        c
    }

    /// The counted thing: the first concept within `window` words after `j`, stopping at
    /// punctuation; else the next word as a bare noun.
    fn concept_after(&self, toks: &[Token], j: usize, window: usize) -> ConceptRef {
        let mut fallback: Option<ConceptRef> = None;
        let mut noun_seen = false;
        let mut seen = 0;
        // dashes skipped: bounded too, or a run of them is re-read for every claim before it
        let mut dashes = 0;
        let mut k = j;
        while k < toks.len() && seen < window {
            let t = &toks[k];
            if !t.is_word() {
                if t.is_punct('-') && dashes < window {
                    dashes += 1;
                    k += 1;
                    continue;
                }
                break;
            }
            let hit = self.sc.hit_at(toks, k);
            // a role ends the counted thing's words: "134 om bord på toget" counts those aboard,
            // not the train ("sju skadde personar": the injured)
            if hit.is_some_and(|h| self.k.concepts.get(h.concept).kind == ConceptKind::Role) {
                if k == j {
                    return ConceptRef::default();
                }
                break;
            }
            // a word after the counted noun ends its phrase: "two carriages of a passenger
            // train" counts carriages ("fem nye hus": an adjective and its noun go on)
            if hit.is_none()
                && noun_seen
                && self.flags.get(k).is_some_and(|f| f & flag::FUNCTION_WORD != 0)
            {
                break;
            }
            noun_seen |= hit.is_some() || content_word(self, toks, k);
            // scopes are what a count says of its things, not the things
            if let Some(hit) =
                hit.filter(|h| self.k.concepts.get(h.concept).kind != ConceptKind::Scope)
            {
                let c = self.k.concepts.get(hit.concept);
                // "1,200 residents were evacuated": an event after the counted noun is what
                // happened to them, not the thing counted
                if !(c.generic || fallback.is_some() && c.kind == ConceptKind::Event) {
                    return self.sc.concept_ref(toks, k, hit);
                }
                if fallback.is_none() {
                    fallback = Some(self.sc.concept_ref(toks, k, hit));
                }
            }
            seen += 1;
            k += 1;
        }
        fallback.unwrap_or_else(|| ConceptRef {
            noun: toks.get(j).filter(|t| t.is_word()).map(|t| Sym::new(t.lower())),
            at: toks.get(j).filter(|t| t.is_word()).map(|_| j),
            ..Default::default()
        })
    }

    /// The event a date or duration belongs to: the nearest event concept in the sentence,
    /// looking after the claim first, then anywhere by distance. Phase words (arrived, began)
    /// are not events; see [`Ctx::phase_near`].
    fn event_near(&self, toks: &[Token], from: usize, to: usize) -> ConceptRef {
        let r = self.nearest(toks, from, to, false);
        if r.concept.is_some() {
            r
        } else {
            self.previous_event().clone()
        }
    }

    fn previous_event(&self) -> &ConceptRef {
        self.previous_event.get_or_init(|| self.look_back.event())
    }

    fn previous_person(&self) -> Option<Sym> {
        *self.previous_person.get_or_init(|| self.look_back.person())
    }

    /// The nearest phase word (arrival, departure, began, ended) in the sentence.
    fn phase_near(&self, toks: &[Token], from: usize, to: usize) -> Option<crate::lang::Phase> {
        self.sc
            .nearest_of(toks, from, to, is_phase)
            .and_then(|(_, hit, _)| self.k.concepts.get(hit.concept).phase)
    }

    fn nearest(&self, toks: &[Token], from: usize, to: usize, phase: bool) -> ConceptRef {
        self.sc.nearest(toks, from, to, phase)
    }

    /// What the clause says of the counted things ("evacuated", "on board"): the nearest role
    /// word within the claim's clause.
    fn role_near(&self, toks: &[Token], from: usize, to: usize) -> Option<&crate::lang::Concept> {
        // (an event whose counts grow, "evacuation", is also what a count says of its people)
        self.sc
            .near_in_clause(toks, (from, to), ROLE_WINDOW, |c| {
                c.kind == ConceptKind::Role || c.kind == ConceptKind::Event && c.grows
            })
            .map(|(_, hit)| self.k.concepts.get(hit.concept))
    }

    /// The role of a count of `thing` at tokens `from..to`: the role word of its clause, else
    /// the role its thing implies ("131 passagerare": those aboard); the role, whether its counts
    /// grow, and whether the quantity is stable (passengers, those aboard).
    fn count_role(
        &self,
        toks: &[Token],
        (from, to): (usize, usize),
        thing: &ConceptRef,
    ) -> (Option<Sym>, bool, bool) {
        match self.role_near(toks, from, to) {
            Some(c) => (Some(c.id), c.grows, c.stable),
            None if self.says_nothing_of(toks, (from, to), thing) => {
                (thing.implies, false, thing.stable)
            }
            None => (None, false, false),
        }
    }

    /// The count of tokens `from..to` and its thing stand with no verb of their own: no word
    /// right before the count that may be its verb ("brought 87 passengers ashore", "dræber seks
    /// passagerer"), and none right after its thing, past a passive auxiliary ("87 passengers
    /// were brought ashore", "came ashore"). A content word there says something of the things
    /// that no role names, so the role their thing implies would be a guess.
    fn says_nothing_of(
        &self,
        toks: &[Token],
        (from, to): (usize, usize),
        thing: &ConceptRef,
    ) -> bool {
        let action = |j: usize| {
            content_word(self, toks, j)
                && self
                    .sc
                    .hit_at(toks, j)
                    .is_none_or(|h| self.k.concepts.get(h.concept).kind != ConceptKind::Thing)
        };
        let start = thing.at.filter(|&a| a < from).unwrap_or(from);
        if start > 0 && action(start - 1) {
            return false;
        }
        // (past the thing's words: "400 crew members")
        let len = |a: usize| {
            let words = |k: usize| toks.get(a + k).filter(|t| t.is_word()).map(|t| t.lower());
            self.k.concepts.match_phrase(words).map_or(1, |(n, _)| n)
        };
        let j = thing.at.filter(|&a| a >= to).map_or(to, |a| a + len(a));
        // (past a passive auxiliary: "were brought ashore", "ble hentet"; "var i livsfare" is
        // no action done to them)
        !action(j + self.marker_at(toks, j, Marker::PassiveAux).unwrap_or(0))
    }

    /// The period a count covers ("i alt", "siste døgn"), within the claim's clause.
    fn scope_near(&self, toks: &[Token], from: usize, to: usize) -> Option<Sym> {
        self.sc
            .near_in_clause(toks, (from, to), ROLE_WINDOW, |c| c.kind == ConceptKind::Scope)
            .map(|(_, hit)| self.k.concepts.get(hit.concept).id)
    }

    /// A marker phrase ending right before token `i` ("um", "mörg", "hundreds of").
    fn marker_before(&self, toks: &[Token], i: usize, m: Marker) -> bool {
        self.marker_len_before(toks, i, m).is_some()
    }

    /// The length in tokens of a marker phrase ending right before token `i`.
    fn marker_len_before(&self, toks: &[Token], i: usize, m: Marker) -> Option<usize> {
        let p = self.lex.marker(m);
        (1..=4.min(i)).find(|&back| {
            let words = |k: usize| {
                if k < back {
                    toks.get(i - back + k).filter(|t| t.is_word()).map(|t| t.lower())
                } else {
                    None
                }
            };
            p.match_at(words).is_some_and(|(n, _)| n == back)
        })
    }

    /// A marker phrase beginning at token `j`: its length.
    fn marker_at(&self, toks: &[Token], j: usize, m: Marker) -> Option<usize> {
        let words = |k: usize| toks.get(j + k).filter(|t| t.is_word()).map(|t| t.lower());
        self.lex.marker(m).match_at(words).map(|(n, _)| n)
    }

    /// An ordinal word or "3rd" within the few words before `i` ("the third eruption in two
    /// years", "þriðja gosið á þremur árum"): the span after it is a window, not a duration.
    fn ordinal_before(&self, toks: &[Token], i: usize) -> bool {
        toks[i.saturating_sub(8)..i].iter().any(|t| {
            t.is_word()
                && (self.lex.ordinals.contains_key(t.lower())
                    || t.lower().len() > 2
                        && t.lower().as_bytes()[0].is_ascii_digit()
                        && ["st", "nd", "rd", "th"].iter().any(|s| t.lower().ends_with(s)))
        })
    }

    fn approx_before(&self, toks: &[Token], i: usize) -> bool {
        self.marker_before(toks, i, Marker::Approx)
    }

    /// A marker phrase beginning at token `j` whose words may be signs ("°", "%"): its length.
    fn sign_marker_at(&self, toks: &[Token], j: usize, m: Marker) -> Option<usize> {
        let words = |k: usize| toks.get(j + k).filter(|t| !t.is_digits()).map(|t| t.lower());
        self.lex.marker(m).match_at(words).map(|(n, _)| n)
    }

    /// A measurement, never a count: a unit of measure right after the number of tokens
    /// `from..to` ("1,5 kilometer", "40 km/h", "9 °C", "1 200 kronor", "3,6 að stærð"), or a
    /// measure word right before it ("magnitude 4.2"); money only after digits (`digits`).
    fn measure_at(&self, toks: &[Token], from: usize, to: usize, digits: bool) -> bool {
        self.marker_before(toks, from, Marker::MeasureBefore)
            || self.sign_marker_at(toks, to, Marker::MeasureAfter).is_some()
            || self.sc.hit_at(toks, to).is_some_and(|h| {
                let c = self.k.concepts.get(h.concept);
                c.measure || c.money && digits
            })
    }

    /// An age, never a count or a duration: an age word after the number ("17 årig", "years
    /// old"), or an age word before a number of years ("en mand på 50 år", "i alderen 15 til 50
    /// år", "på henholdsvis 19 og 40 år"). The tokens it spans from `i`.
    fn age_at(&self, toks: &[Token], i: usize, n: usize) -> Option<usize> {
        if let Some(k) = self.marker_at(toks, i + n, Marker::AgeAfter) {
            return Some(n + k);
        }
        // ("aged between 50 and 70": a `between` word may stand after the age word)
        let between = self.marker_len_before(toks, i, Marker::Between);
        if !self.marker_before(toks, i - between.unwrap_or(0), Marker::AgeBefore) {
            return None;
        }
        let years = |j: usize| match parse::unit(self.lex)(&toks[j.min(toks.len())..]) {
            Ok((rest, TimeUnit::Year)) => Some(toks.len() - rest.len()),
            _ => None,
        };
        // a second age joined by "og", "til" or a dash: "19 og 40 år", "40 år og 17 år"
        let joined = |j: usize| {
            let t = toks.get(j)?;
            let join = t.is_punct('-')
                || t.is_punct('–')
                || t.is_word()
                    && (self.lex.connectors.contains(t.lower())
                        || self.marker_at(toks, j, Marker::RangeWords) == Some(1));
            if !join {
                return None;
            }
            let (rest, _) = parse::number(self.lex)(&toks[j + 1..]).ok()?;
            Some(toks.len() - rest.len())
        };
        let (mut pos, mut saw_years) = (i + n, false);
        loop {
            if let Some(e) = years(pos) {
                pos = e;
                saw_years = true;
            }
            // (the second number an age only with its years: "på 44 år og fire andre" counts)
            match joined(pos).and_then(years) {
                Some(e) => {
                    pos = e;
                    saw_years = true;
                }
                None => break,
            }
        }
        // ("aged 61 and …": an age word needs no unit when no counted thing follows)
        let bare = !saw_years
            && pos == i + n
            && !content_word(self, toks, pos)
            && self.sc.hit_at(toks, pos).is_none();
        // (the second number of "between 50 to 70" is an age too)
        if bare && between.is_some() {
            pos = joined(pos).unwrap_or(pos);
        }
        (saw_years || bare).then_some(pos - i)
    }

    /// "10 to 15 minutes", "omkring 40 til 50 containere": a range word and a second number, as
    /// the tokens of the word and the number; before a unit of time, or after a rounding word
    /// (`approx`: "rose from 3 to 5" is no range).
    fn range_word_after(&self, toks: &[Token], j: usize, approx: bool) -> Option<usize> {
        let w = self.marker_at(toks, j, Marker::RangeWords)?;
        let (rest, _) = parse::number(self.lex)(toks.get(j + w..)?).ok()?;
        let end = toks.len() - rest.len();
        // (or before a counted thing: "20 til 30 passasjerer", "10 to 15 boats")
        let counted = || self.sc.hit_at(toks, end).is_some() || content_word(self, toks, end);
        if !approx && parse::unit(self.lex)(rest).is_err() && !counted() {
            return None;
        }
        Some(end - j)
    }
}

/// A concept found at a token, and the length in characters of a compound's modifier ("Shahed"
/// in "Shahed-drónum").
#[derive(Clone, Copy)]
struct Hit {
    concept: u16,
    qualifier_chars: Option<usize>,
}

/// Concept look-ups of one sentence, each token looked up at most once (the claim builders ask
/// about the same words many times).
struct SentenceConcepts<'a> {
    k: &'a Knowledge,
    /// the [`Lexicon::flags`] of the sentence's tokens (a concept's bits are in every language's)
    flags: &'a [u32],
    cells: Vec<std::cell::OnceCell<Option<Hit>>>,
    /// clause marks (",", ";", ":", and the sentence language's clause breaks, "and he") before
    /// each token: `clauses[k]` counts those of `toks[..k]`
    clauses: std::cell::OnceCell<Vec<u32>>,
    /// the sentence's lexicon, for its clause breaks (none: punctuation alone)
    lex: Option<&'a Lexicon>,
}

impl<'a> SentenceConcepts<'a> {
    fn new(k: &'a Knowledge, flags: &'a [u32], lex: Option<&'a Lexicon>) -> Self {
        SentenceConcepts {
            k,
            flags,
            lex,
            cells: (0..flags.len()).map(|_| std::cell::OnceCell::new()).collect(),
            clauses: std::cell::OnceCell::new(),
        }
    }

    fn hit_at(&self, toks: &[Token], j: usize) -> Option<Hit> {
        let compute = || {
            let t = toks.get(j).filter(|t| t.is_word())?;
            let f = self.flags.get(j).copied().unwrap_or(0);
            let words = |k: usize| toks.get(j + k).filter(|t| t.is_word()).map(|t| t.lower());
            let phrase = if f & flag::CONCEPT_PHRASE != 0 {
                self.k.concepts.match_phrase(words)
            } else {
                None
            };
            match phrase {
                Some((_, c)) => Some(Hit { concept: c, qualifier_chars: None }),
                None => {
                    let whole = if f & (flag::CONCEPT_WORD | flag::CONCEPT_PHRASE) != 0 {
                        self.k.concepts.whole(t.lower())
                    } else {
                        None
                    };
                    match whole {
                        Some(c) => Some(Hit { concept: c, qualifier_chars: None }),
                        None => self.k.concepts.compound(t.lower()).map(|h| Hit {
                            concept: h.concept,
                            qualifier_chars: h.qualifier.map(|q| q.chars().count()),
                        }),
                    }
                }
            }
        };
        match self.cells.get(j) {
            Some(cell) => *cell.get_or_init(compute),
            None => compute(),
        }
    }

    fn concept_ref(&self, toks: &[Token], j: usize, hit: Hit) -> ConceptRef {
        let t = &toks[j];
        let c = self.k.concepts.get(hit.concept);
        // the qualifier as written: "Shahed" keeps its capital, which marks a name (see rules)
        let qualifier = hit
            .qualifier_chars
            .map(|n| Sym::new(t.text.char_indices().nth(n).map_or(t.text, |(b, _)| &t.text[..b])));
        ConceptRef {
            concept: Some(c.id),
            family: Some(c.family),
            qualifier,
            noun: Some(Sym::new(t.lower())),
            at: Some(j),
            generic: c.generic,
            grows: c.grows,
            measure: c.measure,
            moment: c.moment,
            event: c.kind == ConceptKind::Event,
            phased: c.phase.is_some(),
            other_clause: false,
            implies: c.implies,
            stable: c.stable,
        }
    }

    /// The nearest concept that `want` accepts in the clause of tokens `from..to`, at most
    /// `window` words from them: where it is, and what.
    fn near_in_clause(
        &self,
        toks: &[Token],
        (from, to): (usize, usize),
        window: usize,
        want: impl Fn(&crate::lang::Concept) -> bool,
    ) -> Option<(usize, Hit)> {
        self.nearest_of(toks, from, to, want)
            .filter(|(k, _, other)| !other && k.abs_diff(from).min(k.abs_diff(to)) <= window)
            .map(|(k, hit, _)| (k, hit))
    }

    /// The nearest concept that `want` accepts to tokens `from..to`, where it is, and whether a
    /// clause mark lies between.
    fn nearest_of(
        &self,
        toks: &[Token],
        from: usize,
        to: usize,
        want: impl Fn(&crate::lang::Concept) -> bool,
    ) -> Option<(usize, Hit, bool)> {
        let mut best: Option<(usize, usize, Hit, bool)> = None;
        // a bounded window keeps this linear on run-on "sentences" (pages without punctuation)
        let lo = from.saturating_sub(NEAR_WINDOW);
        let hi = (to + NEAR_WINDOW).min(toks.len());
        for (k, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if k >= from && k < to || !t.is_word() {
                continue;
            }
            let Some(hit) = self.hit_at(toks, k) else { continue };
            if !want(self.k.concepts.get(hit.concept)) {
                continue;
            }
            // words after the claim are slightly closer than the same distance before it; a
            // clause boundary (",", ";", ":") in between puts a word much further away
            let (lo, hi) = if k >= to { (to, k) } else { (k, from) };
            let marks = self.clause_marks(toks);
            let clauses = (marks[hi] - marks[lo]) as usize;
            let dist = if k >= to { (k - to) * 2 } else { (from - k) * 2 + 1 } + clauses * 40;
            if best.as_ref().is_none_or(|(d, _, _, _)| dist < *d) {
                best = Some((dist, k, hit, clauses > 0));
            }
        }
        best.map(|(_, k, hit, other)| (k, hit, other))
    }

    /// The sentence's clause marks, counted: `[k]` is how many stand in `toks[..k]`.
    fn clause_marks(&self, toks: &[Token]) -> &[u32] {
        self.clauses.get_or_init(|| {
            let mut v = Vec::with_capacity(toks.len() + 1);
            v.push(0);
            let breaks = self.lex.map(|l| l.marker(Marker::ClauseBreak));
            for (j, t) in toks.iter().enumerate() {
                let words = |k: usize| toks.get(j + k).filter(|t| t.is_word()).map(|t| t.lower());
                let mark = clause_punct(t)
                    || t.is_word() && breaks.is_some_and(|b| b.match_at(words).is_some());
                v.push(v[v.len() - 1] + u32::from(mark));
            }
            v
        })
    }

    fn nearest(&self, toks: &[Token], from: usize, to: usize, phase: bool) -> ConceptRef {
        self.nearest_of(toks, from, to, |c| {
            c.kind == ConceptKind::Event && c.phase.is_some() == phase
        })
        .map(|(k, hit, other)| ConceptRef { other_clause: other, ..self.concept_ref(toks, k, hit) })
        .unwrap_or_default()
    }
}

/// Entities of a sentence: known names from the alias table, and unknown capitalised words.
/// `flags` are the tokens' flags in the document's lexicon (a number, month, weekday or
/// function word of the document's language is no name).
fn sentence_entities(
    k: &Knowledge,
    toks: &[Token],
    flags: &[u32],
) -> Vec<(Sym, EntityType, usize)> {
    let mut out = Vec::new();
    // the sentence's first word or number: a capital there is no sign of a name
    let first_content =
        toks.iter().position(|p| p.is_word() || p.is_digits()).unwrap_or(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        let words = |n: usize| toks.get(i + n).filter(|t| t.is_word()).map(|t| t.lower());
        let f = flags.get(i).copied().unwrap_or(0);
        let known = if f & flag::ENTITY_FIRST != 0 { k.entities.match_at(words) } else { None };
        // known people match in any case ("heimsókn pútíns"); other names must be capitalised
        if let Some((n, (id, ty))) =
            known.filter(|(_, (_, ty))| t.is_capitalised() || *ty == EntityType::Person)
        {
            out.push((*id, *ty, i));
            i += n;
            continue;
        }
        if !t.is_capitalised() {
            i += 1;
            continue;
        }
        let sentence_initial = i <= first_content;
        // a number, month, weekday or function word of the language is no name
        let lexical = f
            & (flag::CARDINAL
                | flag::CARDINAL_ONE
                | flag::MONTH
                | flag::WEEKDAY
                | flag::FUNCTION_WORD)
            != 0;
        if !sentence_initial && !lexical && t.text.chars().count() >= 2 {
            let (key, j) = unknown_name(k, toks, flags, i);
            out.push((key, EntityType::Unknown, i));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// An unknown name from token `i`: consecutive capitalised words not known ("Ankit Panda") joined
/// into one key; the key and the token after the name.
fn unknown_name(k: &Knowledge, toks: &[Token], flags: &[u32], i: usize) -> (Sym, usize) {
    let mut j = i + 1;
    let known_at = |j: usize, n: &Token| {
        flags.get(j).is_some_and(|f| f & flag::ENTITY_FIRST != 0)
            && k.entities.match_at(|m| (m == 0).then(|| n.lower())).is_some()
    };
    while toks.get(j).is_some_and(|n| n.is_word() && n.is_capitalised() && !known_at(j, n)) {
        j += 1;
    }
    let mut key = fold_name(toks[i].text);
    for t in &toks[i + 1..j] {
        key.push(' ');
        key.push_str(&fold_name(t.text));
    }
    (Sym::new(&key), j)
}

fn has_marker(lex: &Lexicon, toks: &[Token], flags: &[u32], m: Marker) -> Option<usize> {
    let p = lex.marker(m);
    let bit = crate::lang::flag::marker(m);
    (0..toks.len()).find(|&i| {
        if flags.get(i).is_some_and(|f| f & bit == 0) {
            return false;
        }
        let words = |k: usize| toks.get(i + k).filter(|t| t.is_word()).map(|t| t.lower());
        p.match_at(words).is_some()
    })
}

/// The tokens of a sentence, less the dateline, and their [`flag`]s in the document's lexicon.
fn sentence_tokens<'d>(
    doc: &'d Document,
    s: &crate::corpus::Sentence,
) -> (Vec<Token<'d>>, Cow<'d, [u32]>) {
    let r = s.toks.clone();
    let mut toks: Vec<Token<'d>> =
        doc.tokens[r.clone()].iter().map(|t| t.view(&doc.text, &doc.lower)).collect();
    let mut flags = Cow::Borrowed(&doc.flags[r]);
    crate::lang::token::begin_text(&mut toks);
    if let Some((a, b)) = doc.dateline {
        let outside = |t: &Token| t.end <= a || t.start >= b;
        if !toks.iter().all(outside) {
            let kept: (Vec<Token<'d>>, Vec<u32>) =
                toks.into_iter().zip(flags.iter().copied()).filter(|(t, _)| outside(t)).unzip();
            (toks, flags) = (kept.0, Cow::Owned(kept.1));
        }
    }
    (toks, flags)
}

/// Whether the walk can find a claim in a sentence, by its tokens' [`flag`]s: a digit, a number
/// word (other than "one", unless a time unit is there too, "ein dag", or a listed thing right
/// after it, "eitt hús"), a month, a weekday, or a relative phrase's key word. Most sentences of
/// an article have none, and are skipped.
fn may_claim(flags: &[u32]) -> bool {
    let any = flags.iter().fold(0, |a, f| a | f);
    let claims = flag::DIGITS | flag::CARDINAL | flag::MONTH | flag::WEEKDAY | flag::RELATIVE_KEY;
    any & (claims | flag::TIME_NAME) != 0
        || any & flag::CARDINAL_ONE != 0 && any & (flag::UNIT | flag::marker(Marker::PartOf)) != 0
        // ("one person", "eitt hús": "one" right before a listed thing)
        || any & flag::CARDINAL_ONE != 0
            && flags.windows(2).any(|w| w[0] & flag::CARDINAL_ONE != 0 && w[1] & CONCEPT != 0)
}

/// The flags of a word that begins a concept form.
const CONCEPT: u32 = flag::CONCEPT_WORD | flag::CONCEPT_PHRASE;

/// What later sentences need of an earlier one: its people (the look-back of "Dei to møttest …")
/// and its nearest event; computed (and its tokens viewed) only when a later sentence asks.
struct Recent<'d> {
    sentence: &'d crate::corpus::Sentence,
    /// the sentence's tokens and their flags in the document's lexicon ([`sentence_tokens`])
    toks: Option<(Vec<Token<'d>>, Cow<'d, [u32]>)>,
    persons: Option<Vec<Sym>>,
    event: Option<ConceptRef>,
}

impl<'d> Recent<'d> {
    fn fill(&mut self, doc: &'d Document, k: &Knowledge, persons: bool) {
        let Recent { sentence, toks, persons: p, event } = self;
        let (toks, flags) = toks.get_or_insert_with(|| sentence_tokens(doc, sentence));
        if p.is_none() {
            *p = Some(
                sentence_entities(k, toks, flags)
                    .into_iter()
                    .filter(|(_, t, _)| *t == EntityType::Person)
                    .map(|(e, _, _)| e)
                    .collect(),
            );
        }
        if event.is_none() && !persons {
            *event = Some(SentenceConcepts::new(k, flags, None).nearest(toks, 0, 0, false));
        }
    }
}

/// What a sentence's claims may ask of the sentences before it.
trait LookBack {
    /// The first person of the nearest earlier sentence naming one.
    fn person(&self) -> Option<Sym>;
    /// The event of the nearest of the two sentences before, in the same paragraph only
    /// ("Gosinu lauk í gær. Það hófst mánudaginn 8. janúar …").
    fn event(&self) -> ConceptRef;
    /// The last event of one moment (an alarm, an arrest) named in the sentence right before:
    /// what a span opening its sentence counts from ("Politiet fikk alarmen klokken 18.13. En
    /// halv time senere ble mannen pågrepet").
    fn moment(&self) -> Option<ConceptRef>;
}

/// The last three sentences before one of paragraph `para`.
struct Recents<'a, 'd> {
    recent: std::cell::RefCell<&'a mut std::collections::VecDeque<Recent<'d>>>,
    doc: &'d Document,
    k: &'a Knowledge,
    para: u32,
}

impl LookBack for Recents<'_, '_> {
    fn person(&self) -> Option<Sym> {
        let mut recent = self.recent.borrow_mut();
        recent.iter_mut().rev().find_map(|r| {
            r.fill(self.doc, self.k, true);
            r.persons.as_ref().and_then(|p| p.first()).copied()
        })
    }

    fn event(&self) -> ConceptRef {
        let mut recent = self.recent.borrow_mut();
        for r in recent.iter_mut().rev().take(2) {
            if r.sentence.para != self.para {
                break;
            }
            r.fill(self.doc, self.k, false);
            if let Some(e) = r.event.as_ref().filter(|e| e.concept.is_some()) {
                return ConceptRef { at: None, ..e.clone() };
            }
        }
        ConceptRef::default()
    }

    fn moment(&self) -> Option<ConceptRef> {
        let mut recent = self.recent.borrow_mut();
        let Recent { sentence, toks, .. } = recent.back_mut()?;
        let (toks, flags) = toks.get_or_insert_with(|| sentence_tokens(self.doc, sentence));
        let sc = SentenceConcepts::new(self.k, flags, None);
        (0..toks.len()).rev().find_map(|j| {
            let hit = sc.hit_at(toks, j).filter(|h| self.k.concepts.get(h.concept).moment)?;
            Some(ConceptRef { at: None, ..sc.concept_ref(toks, j, hit) })
        })
    }
}

/// Keep `r` as the latest of the last three sentences.
fn remember<'d>(recent: &mut std::collections::VecDeque<Recent<'d>>, r: Recent<'d>) {
    recent.push_back(r);
    if recent.len() > 3 {
        recent.pop_front();
    }
}

/// The lexicon of paragraph `para`: a paragraph in another language (a Bokmål caption in a
/// Nynorsk article) reads with its own (`para_langs` is in paragraph order), else `lex`.
fn paragraph_lexicon<'k>(
    doc: &Document,
    k: &'k Knowledge,
    lex: &'k Lexicon,
    para: u32,
) -> &'k Lexicon {
    doc.para_langs
        .binary_search_by_key(&para, |(p, _)| *p)
        .ok()
        .and_then(|x| k.lexicon(&doc.para_langs[x].1))
        .unwrap_or(lex)
}

/// Entity keys, each with its token index.
type Indexed = Vec<(usize, Sym)>;

/// A sentence's entities with their token index: all, the people, the unknown names; and the
/// keys sorted, once each.
fn entity_lists(ents: Vec<(Sym, EntityType, usize)>) -> (Indexed, Indexed, Indexed, Vec<Sym>) {
    let persons_at: Vec<(usize, Sym)> = ents
        .iter()
        .filter(|(_, t, _)| *t == EntityType::Person)
        .map(|(e, _, i)| (*i, *e))
        .collect();
    let names_at: Vec<(usize, Sym)> = ents
        .iter()
        .filter(|(_, t, _)| *t == EntityType::Unknown)
        .map(|(e, _, i)| (*i, *e))
        .collect();
    let entities_at: Vec<(usize, Sym)> = ents.into_iter().map(|(e, _, i)| (i, e)).collect();
    let mut entities: Vec<Sym> = entities_at.iter().map(|(_, e)| *e).collect();
    entities.sort();
    entities.dedup();
    (entities_at, persons_at, names_at, entities)
}

// long: a sentence's set-up of `Ctx`, one field a line; its steps are functions of their own
// (sentence_tokens, sentence_entities, walk, bind_dates, remember)
/// Extract every claim of one document, as document `doc_idx` (a run numbers the claims of its
/// list itself: `claims::append`).
pub fn extract<'d>(doc: &'d Document, doc_idx: DocId, k: &Knowledge) -> Vec<Claim> {
    let Some(lex) = k.lexicon(&doc.lang).or(k.langs.first()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut narrative = Narrative::default();
    let captions = caption_lines(&doc.lower, &k.boilerplate);
    let article_zone = std::cell::OnceCell::new();
    let lang = Sym::new(&doc.lang);
    // the last three sentences (persons: three; events: two)
    let mut recent: std::collections::VecDeque<Recent<'d>> =
        std::collections::VecDeque::with_capacity(4);
    for (si, s) in doc.sentences.iter().enumerate() {
        let r = s.toks.clone();
        if r.is_empty() {
            continue;
        }
        let plex = paragraph_lexicon(doc, k, lex, s.para);
        let own_lexicon = std::ptr::eq(plex, lex);
        // (a sentence that a dateline cuts, or in another lexicon, is judged on its own tokens)
        let on_dateline = doc.dateline.is_some_and(|(a, b)| s.start < b && s.end > a);
        // a sentence without claims is remembered for the look-back of later ones
        let skip = |recent: &mut std::collections::VecDeque<Recent<'d>>, toks| {
            remember(recent, Recent { sentence: s, toks, persons: None, event: None })
        };
        if own_lexicon && !on_dateline && !may_claim(&doc.flags[r]) {
            skip(&mut recent, None);
            continue;
        }
        let (toks, doc_flags) = sentence_tokens(doc, s);
        if toks.is_empty() {
            continue;
        }
        let plex_flags: Option<Vec<u32>> = (!own_lexicon).then(|| {
            toks.iter()
                .zip(doc_flags.iter())
                .map(
                    |(t, &f)| {
                        if t.is_word() {
                            plex.flags(t.lower()) | f & flag::DIGITS
                        } else {
                            f
                        }
                    },
                )
                .collect()
        });
        let flags: &[u32] = plex_flags.as_deref().unwrap_or(&doc_flags);
        if !may_claim(flags) {
            skip(&mut recent, Some((toks, doc_flags)));
            continue;
        }
        let (entities_at, persons_at, names_at, entities) =
            entity_lists(sentence_entities(k, &toks, &doc_flags));
        let look_back =
            Recents { recent: std::cell::RefCell::new(&mut recent), doc, k, para: s.para };
        let ctx = Ctx {
            k,
            lex: plex,
            doc,
            doc_idx,
            lang,
            sentence: si as u32,
            twin_of: s.twin_of,
            sent_span: (doc.file_offset(s.start), doc.file_offset(s.end)),
            entities: SymList::of(&entities),
            entities_at,
            sent_tokens: toks.len(),
            persons: std::cell::OnceCell::new(),
            persons_at,
            names_at,
            look_back: &look_back,
            previous_person: std::cell::OnceCell::new(),
            previous_event: std::cell::OnceCell::new(),
            future: has_marker(plex, &toks, flags, Marker::Future).is_some(),
            first_at: has_marker(plex, &toks, flags, Marker::First)
                .or_else(|| has_marker(plex, &toks, flags, Marker::FirstTime)),
            sc: SentenceConcepts::new(k, flags, Some(plex)),
            flags,
            bindings: std::cell::RefCell::new(Vec::new()),
            narrative: narrative.day(),
            today_named: narrative.today_named,
            article_zone: &article_zone,
        };
        let before = out.len();
        walk(&ctx, &toks, &mut out);
        bind_dates(&ctx, &toks, before, &mut out);
        // (after the bindings, which hold indices into `out`)
        drop_fractional_counts(&mut out, before);
        // (a caption's date is the picture's: it tells nothing of the days the article is about)
        if !captions.iter().any(|c| c.contains(&s.start)) {
            narrative.update(&out[before..], doc.published);
        }
        let persons_here = ctx.persons_at.iter().map(|(_, p)| *p).collect();
        // (in the document's lexicon, the event is found when a later sentence asks)
        let event = (!own_lexicon).then(|| ctx.nearest(&toks, 0, 0, false));
        drop(ctx);
        remember(
            &mut recent,
            Recent {
                sentence: s,
                toks: Some((toks, doc_flags)),
                persons: Some(persons_here),
                event,
            },
        );
        for (n, c) in out[before..].iter_mut().enumerate() {
            c.ordinal = n as u16;
        }
    }
    out
}

fn consumed(toks: &[Token], rest: In) -> usize {
    toks.len() - rest.len()
}

/// Words that can begin something the walk parses (digits aside).
const BEGINS_ANY: u32 = flag::marker(Marker::Clock)
    | flag::marker(Marker::Since)
    | flag::marker(Marker::Last)
    | flag::marker(Marker::InSpan)
    | flag::marker(Marker::YearWord)
    | flag::marker(Marker::TimeOfDay)
    | flag::RELATIVE_FIRST
    | flag::WEEKDAY
    | flag::MONTH
    | flag::CARDINAL
    | flag::CARDINAL_ONE;

/// Run parser `p` only when `cond` says it can match here (a failed parse otherwise).
fn gate<'t, O>(
    cond: bool,
    here: In<'t>,
    mut p: impl FnMut(In<'t>) -> parse::PResult<'t, O>,
) -> parse::PResult<'t, O> {
    if cond {
        p(here)
    } else {
        Err(nom::Err::Error(nom::error::Error::new(here, nom::error::ErrorKind::Verify)))
    }
}

/// A count is of whole things: a number with a fraction that no scale made whole ("18.13",
/// "4.7" with nothing measured after it; "1.5 million" is 1 500 000) is no count, whatever it is
/// (a time written with a decimal point, a measurement the lexicon does not know).
fn drop_fractional_counts(out: &mut Vec<Claim>, from: usize) {
    let mut k = from;
    while k < out.len() {
        if matches!(out[k].kind, ClaimKind::Count | ClaimKind::PartOfWhole)
            && out[k].value.fract() != 0.0
        {
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Where the walk stands: a token's index, its [`Lexicon::flags`] and whether it is digits.
#[derive(Clone, Copy)]
struct At {
    i: usize,
    f: u32,
    dig: bool,
}

/// What the walk carries from one token to the next.
struct Walk {
    /// "rose from 3 to 5": where the new value begins, and the value it rose from
    rose: Option<(usize, f64)>,
    /// the sentence's counts: the index in the output, and the tokens of the count with its
    /// thing ([`split_of_a_total`])
    counts: Vec<(usize, usize, usize)>,
    /// whether this sentence gave a time already, from the claims pushed since `scanned`
    time_before: bool,
    scanned: usize,
}

/// Walk a sentence's tokens left to right, each step reading the claim (or the words of no
/// claim) that begins at a token and going on after it.
fn walk(ctx: &Ctx, toks: &[Token], out: &mut Vec<Claim>) {
    let mut w = Walk { rose: None, counts: Vec::new(), time_before: false, scanned: out.len() };
    let mut i = 0;
    while i < toks.len() {
        i = w.step(ctx, toks, i, out);
    }
    split_of_a_total(ctx, toks, &w.counts, out);
}

/// Sentences back from a split ("fem kvinner og åtte menn") where its total may be stated.
const TOTAL_LOOK_BACK: u32 = 2;

/// "1.373 personer var om bord, 915 passasjerer og 482 besetningsmedlemmer": counts listed
/// together (joined by "og", "and" or a comma) with one role and things of their own split a
/// total of that role stated just before (the same sentence or the two before: "antall omkomne
/// var steget til åtte. Blant de omkomne er fem kvinner og tre menn"). When the parts add up to
/// more than the total, their sum is a part of that whole, larger than it (FL001 reports it; a
/// sum not more than the total says nothing: a list may name some of the parts only).
fn split_of_a_total(
    ctx: &Ctx,
    toks: &[Token],
    counts: &[(usize, usize, usize)],
    out: &mut Vec<Claim>,
) {
    let joined = |a: usize, b: usize| {
        let between = toks.get(a..b).unwrap_or_default();
        between.len() <= 3
            && between
                .iter()
                .any(|t| t.is_punct(',') || t.is_word() && ctx.lex.connectors.contains(t.lower()))
            && between.iter().enumerate().all(|(k, t)| {
                t.is_punct(',')
                    || t.is_word()
                        && ctx.flags.get(a + k).is_some_and(|f| f & flag::FUNCTION_WORD != 0)
                    || t.is_word() && ctx.lex.connectors.contains(t.lower())
            })
    };
    let mut lists: Vec<Vec<(usize, usize, usize)>> = Vec::new();
    for &(idx, from, to) in counts {
        match lists.last_mut() {
            Some(l) if l.last().is_some_and(|&(_, _, end)| joined(end, from)) => {
                l.push((idx, from, to))
            }
            _ => lists.push(vec![(idx, from, to)]),
        }
    }
    for list in lists.iter().filter(|l| l.len() >= 2) {
        push_split_sum(ctx, toks, list, out);
    }
}

/// One list of counts ([`split_of_a_total`]): its sum as a part of the total before it, when it
/// is more.
fn push_split_sum(ctx: &Ctx, toks: &[Token], list: &[(usize, usize, usize)], out: &mut Vec<Claim>) {
    let parts: Vec<&Claim> = list.iter().filter_map(|&(idx, _, _)| out.get(idx)).collect();
    let Some(role) = parts[0].role else { return };
    let own_thing = |c: &Claim| c.concept.or(c.noun).filter(|&t| t != role);
    let plain = parts.iter().all(|c| {
        c.kind == ClaimKind::Count
            && c.role == Some(role)
            && !c.approx
            && c.frame == Frame::Bound
            && own_thing(c).is_some()
    });
    let mut things: Vec<Sym> = parts.iter().filter_map(|c| own_thing(c)).collect();
    things.sort();
    things.dedup();
    if !plain || things.len() < parts.len() {
        return;
    }
    let first = list[0].0;
    let total = out[..first].iter().rev().find(|t| {
        t.kind == ClaimKind::Count
            && t.concept == Some(role)
            && t.frame == Frame::Bound
            && !t.approx
            && t.sentence + TOTAL_LOOK_BACK >= ctx.sentence
    });
    let Some(total) = total.map(|t| t.value) else { return };
    let sum: f64 = parts.iter().map(|c| c.value).sum();
    if sum <= total {
        return;
    }
    let (from, to) = (list[0].1, list[list.len() - 1].2);
    let mut c = ctx.claim(ClaimKind::PartOfWhole, toks, from, to, sum);
    c.concept = Some(role);
    c.family = Some(role);
    c.role = Some(role);
    c.frame = Frame::Loose;
    c.detail = Detail::Whole(total);
    out.push(c);
}

impl Walk {
    /// The claim beginning at token `i`, tried in a fixed order (the first that reads wins); the
    /// token to go on from.
    fn step(&mut self, ctx: &Ctx, toks: &[Token], i: usize, out: &mut Vec<Claim>) -> usize {
        // what can begin here (one look-up a token, made before the walk): most words begin nothing
        let at = At { i, f: ctx.flags.get(i).copied().unwrap_or(0), dig: toks[i].is_digits() };
        // "half past seven", "kvart over 7", "at noon": hours from words other parsers may begin
        // (the claims made since the last look, once each: a sentence may hold thousands)
        self.time_before |= out[self.scanned..].iter().any(|c| c.kind == ClaimKind::Time);
        self.scanned = out.len();
        if let Some(c) = hour_idiom(ctx, toks, i, self.time_before) {
            let len = c.len;
            return time_claim(ctx, toks, i, c, len, out);
        }
        if !at.dig && at.f & BEGINS_ANY == 0 {
            return word_step(ctx, toks, i, out);
        }
        clock_time(ctx, toks, at, out)
            .or_else(|| {
                // "2023-09-13", "2020-12": ISO dates
                let (n, w) = iso_date(toks, i)?;
                push_date(ctx, toks, i, i + n, written(ctx, w), out);
                Some(i + n)
            })
            .or_else(|| since_year(ctx, toks, at, out))
            .or_else(|| first_in_years(ctx, toks, at, out))
            .or_else(|| written_date(ctx, toks, at, out))
            .or_else(|| year_word(ctx, toks, at, out))
            .or_else(|| in_month(ctx, toks, i, out))
            .or_else(|| relative_date(ctx, toks, at, out))
            .or_else(|| weekday_date(ctx, toks, at, out))
            .or_else(|| share(ctx, toks, at, out))
            .or_else(|| part_unit(ctx, toks, at, out))
            .or_else(|| self.number(ctx, toks, at, out))
            .unwrap_or(i + 1)
    }
}

/// Push a time of day read at `i` over `len` tokens; the token after it.
fn time_claim(
    ctx: &Ctx,
    toks: &[Token],
    i: usize,
    c: clock::Clock,
    len: usize,
    out: &mut Vec<Claim>,
) -> usize {
    let approx = ctx.approx_before(toks, i);
    push_time(ctx, toks, i, i + len, c, approx, out);
    i + len
}

/// A word no parser begins: a number and a unit written as one word, or a time from words of
/// its own ("halv 8", "á sjötta tímanum"); else the next token.
fn word_step(ctx: &Ctx, toks: &[Token], i: usize, out: &mut Vec<Claim>) -> usize {
    let lex = ctx.lex;
    // "the three-day visit", "tre-dagers": a number and a unit written as one word
    if let Some(n) = hyphen_duration(ctx, toks, i, out) {
        return i + n;
    }
    // "halv 8", "á sjötta tímanum": times from words no parser begins
    let hour = (!lex.time.half_before.is_empty() || !lex.time.hour_ordinal.is_empty())
        .then(|| {
            clock::hour_ordinal_at(lex, toks, i).or_else(|| {
                clock::suffix(&lex.time.half_before, toks, i).and_then(|_| {
                    clock::clock_at(lex, toks, i, 0, |ts| {
                        parse::word_number(lex)(ts)
                            .ok()
                            .map(|(rest, (v, _))| (ts.len() - rest.len(), v))
                    })
                })
            })
        })
        .flatten();
    match hour {
        Some(c) => {
            let len = c.len;
            time_claim(ctx, toks, i, c, len, out)
        }
        None => i + 1,
    }
}

/// Times of day: "kl. 10.15", "06:58", "4:20 p.m. GMT", "1640 GMT", "i 17-tida", "halv 8"; a
/// clock word with nothing a time can be read from is passed over.
fn clock_time(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i) = (ctx.lex, at.i);
    let clock_word = if at.f & flag::marker(Marker::Clock) != 0 {
        ctx.marker_at(toks, i, Marker::Clock).unwrap_or(0)
    } else {
        0
    };
    if !(at.dig || clock_word > 0 || toks[i].is_word()) {
        return None;
    }
    if let Some(c) = clock::clock_at(lex, toks, i, clock_word, |ts| {
        parse::word_number(lex)(ts).ok().map(|(rest, (v, _))| (ts.len() - rest.len(), v))
    }) {
        let len = c.len.max(1);
        return Some(time_claim(ctx, toks, i, c, len, out));
    }
    (clock_word > 0).then_some(i + clock_word)
}

/// Since / last-in: "frá árinu 2019", "sidan 2019", "sist i 2019".
fn since_year(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
    let since = gate(
        at.f & (flag::marker(Marker::Since) | flag::marker(Marker::Last)) != 0,
        here,
        pair(
            parse::marker(lex, Marker::Since),
            pair(opt(parse::marker(lex, Marker::YearWord)), parse::year),
        ),
    )
    .map(|(r, (_, (_, y)))| (r, y, SinceForm::SinceYear))
    .or_else(|_| {
        tuple((
            parse::marker(lex, Marker::Last),
            opt(parse::marker(lex, Marker::InSpan)),
            opt(parse::marker(lex, Marker::YearWord)),
            parse::year,
        ))(here)
        .map(|(r, (_, _, _, y))| (r, y, SinceForm::LastInYear))
    });
    let (rest, y, form) = since.ok()?;
    let n = consumed(here, rest);
    let ev = ctx.event_near(toks, i, i + n);
    let frame = event_frame(&ev);
    let mut c = Ctx::with_concept(ctx.claim(ClaimKind::Since, toks, i, i + n, f64::from(y)), ev);
    c.frame = frame;
    c.detail = Detail::Since(SinceInfo::new(form, None, Some(y)));
    out.push(c);
    Some(i + n)
}

/// First in N years: "fyrsta ferð … í fjögur ár", "første besøk på fire år".
fn first_in_years(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
    let first = ctx.first_at.filter(|&f| f < i)?;
    // ("den værste i næsten 30 år": a rounding word between)
    let (rest, (_, approx, (n_years, _, _), u)) = tuple((
        parse::marker(lex, Marker::InSpan),
        opt(parse::marker(lex, Marker::Approx)),
        parse::number(lex),
        parse::unit(lex),
    ))(here)
    .ok()?;
    if u != TimeUnit::Year {
        return None;
    }
    let n = consumed(here, rest);
    // ("the strongest to hit the region in 30 years": a start or end word after the superlative
    // is no thing; the event near is)
    let ev = ctx.concept_after(toks, first + 1, 3);
    let ev = if ev.concept.is_some() && !ev.phased { ev } else { ctx.event_near(toks, i, i + n) };
    let frame = event_frame(&ev);
    // (a count of years beyond the calendar leaves the year unknown)
    let year = ctx.doc.published.and_then(|p| p.year().checked_sub(n_years as i16));
    let mut c = Ctx::with_concept(
        ctx.claim(ClaimKind::Since, toks, i, i + n, year.map(f64::from).unwrap_or(0.0)),
        ev,
    );
    c.frame = frame;
    c.approx = approx.is_some();
    c.detail = Detail::Since(SinceInfo::new(SinceForm::FirstInYears, Some(n_years as f32), year));
    out.push(c);
    Some(i + n)
}

/// Absolute and partial dates: "12. september 2023", "12. september i fjor" (the year from a
/// relative phrase).
fn written_date(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
    let (rest, mut wd) =
        gate(at.dig || at.f & (flag::WEEKDAY | flag::MONTH) != 0, here, parse::written_date(lex))
            .ok()?;
    let mut n = consumed(here, rest);
    let (mut relative_year, mut from_last) = (false, false);
    // "12. september i fjor": the year comes from a relative phrase; "18. september það sama
    // ár": from the last year the article wrote
    if wd.year.is_none() {
        if let Ok((rest2, off)) = parse::relative(lex)(rest) {
            if let Some(y) = year_of(ctx, out, &off) {
                wd.year = Some(y);
                n = consumed(here, rest2);
                (relative_year, from_last) = (true, off.from_last);
            }
        }
    }
    let mut info = written(ctx, wd);
    if relative_year {
        info.form = DateForm::Relative;
    }
    push_date(ctx, toks, i, i + n, info, out);
    if from_last {
        loosen_last(ctx, out);
    }
    Some(i + n)
}

/// A year after a year word: "árið 2019".
fn year_word(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
    let (rest, (_, y)) = gate(
        at.f & flag::marker(Marker::YearWord) != 0,
        here,
        pair(parse::marker(lex, Marker::YearWord), parse::year),
    )
    .ok()?;
    let n = consumed(here, rest);
    let wd = WrittenDate { year: Some(y), month: None, day: None, weekday: None };
    push_date(ctx, toks, i, i + n, written(ctx, wd), out);
    Some(i + n)
}

/// A month after "in": "í júlí", "i juli i år", "í júlí 2023".
fn in_month(ctx: &Ctx, toks: &[Token], i: usize, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, here) = (ctx.lex, &toks[i..]);
    let (rest, (_, m, y, rel)) = tuple((
        parse::marker(lex, Marker::InSpan),
        parse::month(lex),
        opt(nom::sequence::preceded(opt(parse::marker(lex, Marker::YearWord)), parse::year)),
        opt(parse::relative(lex)),
    ))(here)
    .ok()?;
    let n = consumed(here, rest);
    // ("í september það sama ár": the year from the last year the article wrote)
    let from_last = y.is_none() && rel.is_some_and(|r| r.from_last);
    let year = y.or_else(|| year_of(ctx, out, &rel?));
    let mut info = written(ctx, WrittenDate { year, month: Some(m), day: None, weekday: None });
    if rel.is_some() {
        // "i juli i fjor": placed by the publication date, so relative
        info.form = DateForm::Relative;
        if y.is_none() && year.is_none() {
            info.resolved = None;
        }
    }
    push_date(ctx, toks, i, i + n, info, out);
    if from_last {
        loosen_last(ctx, out);
    }
    Some(i + n)
}

/// Relative dates: "síðdegis í gær", "i fjor", "á næstu dögum" (a night's words before a
/// weekday, "overnight into Wednesday", are the weekday's).
fn relative_date(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
    let begins = at.f & (flag::marker(Marker::TimeOfDay) | flag::RELATIVE_FIRST) != 0;
    let night_word = begins
        && ctx
            .marker_at(toks, i, Marker::NightBefore)
            .is_some_and(|n| parse::weekday(lex)(&toks[i + n..]).is_ok());
    let (rest, off) = gate(!night_word && begins, here, parse::relative(lex)).ok()?;
    let n = consumed(here, rest);
    // "i løbet af natten til torsdag": the night's words end the phrase, the weekday reads them
    if (i + 1..i + n).any(|k| {
        ctx.marker_at(toks, k, Marker::NightBefore)
            .is_some_and(|m| parse::weekday(lex)(&toks[k + m..]).is_ok())
    }) {
        return None;
    }
    // "Same dag", "the following night": from the last date the article named (nothing named
    // before: no date)
    let base = if off.from_last {
        Some(last_named(out, off.years.is_some() && off.days.is_none())?)
    } else {
        ctx.doc.published
    };
    let resolved = base.and_then(|p| resolve::relative(p, &off));
    let precision = if off.to_days.is_some() || off.to_weeks.is_some() || off.season.is_some() {
        Precision::Range
    } else if off.years.is_some() {
        Precision::Year
    } else if off.months.is_some() {
        Precision::Month
    } else if off.weeks.is_some() {
        Precision::Week
    } else {
        Precision::Day
    };
    let info = DateInfo {
        form: DateForm::Relative,
        precision,
        resolved,
        weekday: None,
        slack_years: (0, 0),
    };
    push_date(ctx, toks, i, i + n, info, out);
    if off.from_last {
        // (a date read from another is no evidence of its own: never voted)
        loosen_last(ctx, out);
    }
    Some(i + n)
}

/// Whether weekday `wd` is the day after publication `p`. In an article that has called its
/// publication day by its weekday ([`Narrative`]) it is tomorrow ("Onsdag er der færre brandfolk
/// …", then "fortsætte torsdag"), not that weekday six days back: an article that names today by
/// its weekday names the days around it so (a week back it would say "last Thursday").
fn is_tomorrow(p: jiff::civil::Date, wd: u8) -> bool {
    wd == p.weekday().to_monday_one_offset() as u8 % 7 + 1
}

/// Whether a dateline begins right after text offset `end` (a space or a comma between): the
/// words before it are its own ("Onsdag 2. januar 2019 kl. 08:57").
fn opens_dateline(doc: &Document, end: usize) -> bool {
    doc.dateline.is_some_and(|(a, _)| {
        a >= end
            && a - end <= 3
            && doc
                .text
                .get(end..a)
                .is_some_and(|g| g.chars().all(|c| c == ',' || c.is_whitespace()))
    })
}

/// The last date this document named before this point, for a phrase counted from it: the last
/// day-precise date, or (`year`) the last date written with its year; at its first day.
fn last_named(out: &[Claim], year: bool) -> Option<jiff::civil::Date> {
    // (the last few dozen claims: further back is no antecedent, and a page of such phrases must
    // not cost claims × phrases)
    out.iter().rev().take(64).filter_map(Claim::date).find_map(|d| {
        let r = d.resolved?;
        let fits = if year {
            d.form == DateForm::Absolute
        } else {
            d.precision == Precision::Day && d.form != DateForm::Ago
        };
        fits.then_some(r.start)
    })
}

/// The year a relative phrase gives a month or a day written without one ("i fjor", "það sama
/// ár"): years from the publication date, or from the last year the article wrote; none for a
/// season or a phrase of no years.
fn year_of(ctx: &Ctx, out: &[Claim], off: &RelOffset) -> Option<i16> {
    if off.season.is_some() {
        return None;
    }
    let base = if off.from_last { last_named(out, true) } else { ctx.doc.published };
    Some(base?.year() + off.years? as i16)
}

/// The claim just pushed is loose, and binds no event.
fn loosen_last(ctx: &Ctx, out: &mut [Claim]) {
    let Some(k) = out.len().checked_sub(1) else { return };
    out[k].frame = Frame::Loose;
    ctx.bindings.borrow_mut().retain(|b| b.0 != k);
}

/// A weekday: "tysdag", "á miðvikudag", "natt til onsdag".
fn weekday_date(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (i, here, pub_date) = (at.i, &toks[at.i..], ctx.doc.published);
    let (rest, wd) = gate(at.f & flag::WEEKDAY != 0, here, parse::weekday(ctx.lex)).ok()?;
    let mut n = consumed(here, rest);
    // "Onsdag 2. januar 2019 kl. 08:57": the weekday of a dateline is the dateline's, no claim
    if opens_dateline(ctx.doc, toks[i + n - 1].end) {
        return Some(i + n);
    }
    // "natt til onsdag", "aðfaranótt miðvikudags": the night ending on that day
    let night = ctx.marker_len_before(toks, i, Marker::NightBefore);
    let ahead = ctx.marker_before(toks, i, Marker::WeekdayAhead);
    // "tysdag førre veke", "Tuesday last week": that weekday of the week the phrase names
    let week = parse::relative(ctx.lex)(rest).ok().filter(|(_, o)| {
        o.weeks.is_some() && o.to_weeks.is_none() && o.days.is_none() && !o.from_last
    });
    if let Some((rest2, _)) = week {
        n = consumed(here, rest2);
    }
    let resolved = match (night, ctx.narrative) {
        _ if week.is_some() => week.and_then(|(_, o)| {
            let monday = resolve::relative(pub_date?, &o)?.start;
            resolve::add_days(monday, i64::from(wd) - 1)
        }),
        // "næste mandag", "next Monday": the coming one, whatever the article tells of
        (None, _) if ahead => pub_date.and_then(|p| resolve::weekday(p, wd, true)),
        // a retrospective article: the weekday of the days it tells of
        (_, Some(day)) => resolve::weekday_near(day, wd),
        (Some(_), None) => pub_date.and_then(|p| resolve::night(p, wd, ctx.future)),
        (None, None) => pub_date.and_then(|p| {
            resolve::weekday(p, wd, ctx.future || ctx.today_named && is_tomorrow(p, wd))
        }),
    }
    .map(Interval::day);
    let info = DateInfo {
        form: if night.is_some() { DateForm::Night } else { DateForm::Weekday },
        precision: Precision::Day,
        resolved,
        weekday: Some(wd),
        slack_years: (0, 0),
    };
    push_date(ctx, toks, i - night.unwrap_or(0), i + n, info, out);
    Some(i + n)
}

/// Shares: "one in three residents", "hver tredje innbygger", "two-thirds of the homes"; a part
/// of a whole that counts nothing, so never voted against a count ("every third day" is a
/// frequency, "the third of March" a date: none).
fn share(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
    if at.f & (flag::CARDINAL | flag::CARDINAL_ONE) == 0 {
        return None;
    }
    // ("a quarter of an hour": a fraction of a time unit, read as a number)
    if parse::phrase(&lex.fractions)(here).is_ok_and(|(r, _)| parse::unit(lex)(r).is_ok()) {
        return None;
    }
    let (rest, &(part, whole)) = parse::phrase(&lex.shares)(here).ok()?;
    let n = consumed(here, rest);
    // ("the third of March" is a date)
    if parse::unit(lex)(rest).is_err() && parse::month(lex)(rest).is_err() {
        let mut c = Ctx::with_concept(
            ctx.claim(ClaimKind::PartOfWhole, toks, i, i + n, part),
            ctx.concept_after(toks, i + n, 3),
        );
        c.detail = Detail::Whole(whole);
        c.frame = Frame::Vague;
        out.push(c);
    }
    Some(i + n)
}

/// A number read at token `i` over `n` tokens (a range's two numbers included).
struct Num {
    i: usize,
    n: usize,
    v: f64,
    is_digits: bool,
    just_one: bool,
    approx: bool,
    vague: bool,
}

impl Walk {
    /// Numbers: a measure, an ordinal, a part of a whole, a duration or an ago, a year, or a
    /// count; or a number that is none of these (names, labels, codes, ages) and claims nothing.
    fn number(&mut self, ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
        let (lex, i, here) = (ctx.lex, at.i, &toks[at.i..]);
        let (rest, (v, just_one, is_digits)) = gate(
            at.dig || at.f & (flag::CARDINAL | flag::CARDINAL_ONE) != 0,
            here,
            parse::number(lex),
        )
        .ok()?;
        let mut n = consumed(here, rest);
        let approx = ctx.approx_before(toks, i);
        if let Some(next) = self.no_claim(ctx, toks, i, n, v, is_digits) {
            return Some(next);
        }
        // a range "3–4", "10-20", "10 to 15 minutes": one vague claim over both numbers
        let mut vague = ctx.marker_before(toks, i, Marker::Vague)
            || ctx.marker_at(toks, i, Marker::Vague).is_some();
        if let Some(k) = range_after(lex, toks, i + n)
            .or_else(|| {
                // ("between 50 to 70": a range word after "between" needs no unit)
                let between = ctx.marker_before(toks, i, Marker::Between);
                ctx.range_word_after(toks, i + n, approx || between)
            })
            .or_else(|| between_range(ctx, toks, i, n))
        {
            n += k;
            vague = true;
        }
        let num = Num { i, n, v, is_digits, just_one, approx, vague };
        let next = measure(ctx, toks, &num)
            .or_else(|| ordinal_dot(toks, &num))
            .or_else(|| part_of_whole(ctx, toks, &num, out))
            .or_else(|| anaphoric_part(ctx, toks, &num, out))
            .or_else(|| with_unit(ctx, toks, &num, out))
            .or_else(|| bare_year(ctx, toks, &num, out))
            .unwrap_or_else(|| self.count(ctx, toks, &num, out));
        Some(next)
    }

    /// Numbers that never claim, before a range is read: inside names and codes, the value a
    /// rise starts from, labels, slashed dates and ratios, ages. The token to go on from.
    fn no_claim(
        &mut self,
        ctx: &Ctx,
        toks: &[Token],
        mut i: usize,
        n: usize,
        v: f64,
        is_digits: bool,
    ) -> Option<usize> {
        let lex = ctx.lex;
        // never claims: numbers inside names and codes ("MiG-29", "F-16", "COVID-19", "GMT+3",
        // "330-skvadronen", "(76)"), and a number after a capitalised word that is no counted
        // thing ("Kanal 5", "Radio 1", "TV 2")
        if is_digits && glued_into_name(toks, i, n) {
            i += n;
            while toks
                .get(i)
                .is_some_and(|t| !t.space_before && !t.is_punct('.') && !t.is_punct(','))
            {
                i += 1;
            }
            return Some(i);
        }
        // "rose from 3 to 5", "steg frå 3 til 5": 3 is the value before an update, no claim; the
        // count of 5 carries it
        if ctx.marker_before(toks, i, Marker::RiseFrom) {
            let to = i + n;
            if let Some(w) = ctx.marker_at(toks, to, Marker::RiseTo) {
                if parse::number(lex)(&toks[to + w..]).is_ok() {
                    self.rose = Some((to + w, v));
                    return Some(to + w);
                }
            }
        }
        // a number that names or labels: "area 4", "svæði 4", "call 112", "tip line: 2211 0000";
        // a date or ratio written with slashes: "16/04/2024", "24/7"
        if label_before(lex, toks, i) || is_digits && slashed(toks, i, n) {
            return Some(i + n);
        }
        // an age: "17 årig", "en mand på 50 år", "aged 15 to 50" (of a person: "600 år
        // gammel" is a thing's, a duration)
        ctx.age_at(toks, i, n).filter(|_| v <= MAX_AGE).map(|k| i + k)
    }
}

/// A measurement: "1,5 kilometer", "10–20 meter", "9 °C", "magnitude 4.2"; no claim (and a rate,
/// "80 km an hour", "50 kilometer en time", gives no duration of one hour).
fn measure(ctx: &Ctx, toks: &[Token], num: &Num) -> Option<usize> {
    if !ctx.measure_at(toks, num.i, num.i + num.n, num.is_digits) {
        return None;
    }
    let i = num.i + num.n;
    let one = |j: usize| ctx.flags.get(j).is_some_and(|f| f & flag::CARDINAL_ONE != 0);
    if one(i + 1) && parse::unit(ctx.lex)(&toks[(i + 2).min(toks.len())..]).is_ok() {
        return Some(i + 3);
    }
    Some(i)
}

/// An ordinal "3." before a non-month word, or a lone year: no claim.
fn ordinal_dot(toks: &[Token], num: &Num) -> Option<usize> {
    let rest = &toks[num.i + num.n..];
    (num.is_digits
        && rest.first().is_some_and(|t| t.is_punct('.') && !t.space_before)
        && rest.get(1).is_some_and(|t| t.text.chars().next().is_some_and(char::is_lowercase)))
    .then_some(num.i + num.n + 1)
}

/// Part of a whole: "32 af 44", "30 av 44".
fn part_of_whole(ctx: &Ctx, toks: &[Token], num: &Num, out: &mut Vec<Claim>) -> Option<usize> {
    let (lex, i) = (ctx.lex, num.i);
    let (rest2, (_, (w, _, _))) =
        pair(parse::marker(lex, Marker::PartOf), parse::number(lex))(&toks[i + num.n..]).ok()?;
    let n2 = consumed(&toks[i..], rest2);
    let mut c = Ctx::with_concept(
        ctx.claim(ClaimKind::PartOfWhole, toks, i, i + n2, num.v),
        ctx.concept_after(toks, i + n2, 3),
    );
    c.detail = Detail::Whole(w);
    c.approx = num.approx;
    c.frame = if num.vague { Frame::Vague } else { Frame::Bound };
    out.push(c);
    Some(i + n2)
}

/// A number with a unit of time after it (or glued by a hyphen: "the three-day visit", "a
/// 47-year-old"): an age, an ago date or a duration; a number glued to another word by a hyphen
/// ("330-skvadronen", "17-åringen") is part of that word, no count, as is a decade ("i 50-årene",
/// "i 50'erne").
fn with_unit(ctx: &Ctx, toks: &[Token], num: &Num, out: &mut Vec<Claim>) -> Option<usize> {
    let (i, rest) = (num.i, &toks[num.i + num.n..]);
    // "i 50'erne", "the 1990's": a decade glued by an apostrophe, no claim
    let apostrophe = |t: &Token| (t.is_punct('\'') || t.is_punct('’')) && !t.space_before;
    if rest.first().is_some_and(apostrophe)
        && rest.get(1).is_some_and(|t| t.is_word() && !t.space_before)
    {
        return Some(i + num.n + 2);
    }
    let hyphen = rest.first().is_some_and(|t| t.is_punct('-') && !t.space_before)
        && rest.get(1).is_some_and(|t| t.is_word() && !t.space_before);
    let unit_at = if hyphen { &rest[1..] } else { rest };
    // duration: "sex daga heimsókn", "to timar", "tveggja vikna"
    let Ok((rest2, u)) = parse::unit(ctx.lex)(unit_at) else {
        // "a 47-year-old" is an age; "the 400-year-old building" older than anyone lives
        if hyphen && num.v > MAX_AGE && !num.vague && glued_age(ctx, &unit_at[0]) {
            let mut c = ctx.claim(ClaimKind::Duration, toks, i, i + num.n + 2, num.v);
            c.unit = Some(TimeUnit::Year);
            c.approx = num.approx;
            c.frame = Frame::Loose;
            out.push(c);
        }
        return hyphen.then_some(i + num.n + 2);
    };
    let n2 = consumed(&toks[i..], rest2);
    // "a 47-year-old", "en 6-åring": an age, no claim
    if hyphen && rest2.first().is_some_and(|t| t.is_punct('-') && !t.space_before) {
        return Some(i + n2 + 2);
    }
    // "i 50-årene", "i 50-åra": glued by a hyphen, a span only before its event (as "the
    // three-day visit", hyphen_duration); else a decade of life, no claim
    let glued_ev = ctx.concept_after(toks, i + n2, 3);
    if hyphen && (!glued_ev.event || glued_ev.phased) {
        return Some(i + n2);
    }
    // "an hour and a half", "en time og en halv": the fraction after the unit (none before
    // another unit: "a day and a half hour" is two spans)
    let (num_v, n2) = match parse::and_a_fraction(ctx.lex, rest2) {
        Some((r, f)) if parse::unit(ctx.lex)(r).is_err() => (num.v + f, consumed(&toks[i..], r)),
        _ => (num.v, n2),
    };
    // ("en halv time", "half an hour": 30 minutes)
    let (v, u) = minutes_of_part_hour(num_v, u);
    let num = &Num { v, ..*num };
    Some(
        ago(ctx, toks, num, n2, u, out)
            .or_else(|| running_span(ctx, toks, num, n2, u, out))
            .or_else(|| unbound_span(ctx, toks, num, n2, u, out))
            .unwrap_or_else(|| duration(ctx, toks, num, n2, u, out)),
    )
}

/// "hálftíma", "halvtime", "half-hour": one word that is a part of a time unit, read as a
/// number and its unit ([`with_unit`]'s readings over one token: 30 minutes).
fn part_unit(ctx: &Ctx, toks: &[Token], at: At, out: &mut Vec<Claim>) -> Option<usize> {
    let i = at.i;
    let &(part, u) = toks[i].is_word().then(|| ctx.lex.part_units.get(toks[i].lower()))??;
    let (v, u) = minutes_of_part_hour(part, u);
    let approx = ctx.approx_before(toks, i);
    let num = Num { i, n: 1, v, is_digits: false, just_one: false, approx, vague: false };
    Some(
        ago(ctx, toks, &num, 1, u, out)
            .or_else(|| running_span(ctx, toks, &num, 1, u, out))
            .or_else(|| unbound_span(ctx, toks, &num, 1, u, out))
            .unwrap_or_else(|| duration(ctx, toks, &num, 1, u, out)),
    )
}

/// "three years ago", "fyrir þremur árum", "for tre år sidan": a date, from the number and unit
/// over `n2` tokens.
fn ago(
    ctx: &Ctx,
    toks: &[Token],
    num: &Num,
    n2: usize,
    u: TimeUnit,
    out: &mut Vec<Claim>,
) -> Option<usize> {
    let i = num.i;
    let ago_after = ctx.marker_at(toks, i + n2, Marker::AgoAfter);
    let ago_before = ctx.marker_len_before(toks, i, Marker::AgoBefore);
    if ago_after.is_none() && ago_before.is_none() {
        return None;
    }
    let end = i + n2 + ago_after.unwrap_or(0);
    // (the word opening it is part of it: "fyrir fjórum áratugum", "for tre år siden")
    let lead = ago_before
        .or_else(|| ago_after.and_then(|_| ctx.marker_len_before(toks, i, Marker::AgoLead)));
    let from = i - lead.unwrap_or(0);
    push_ago(ctx, toks, from, end, num.v, u, num.approx || num.vague, out);
    Some(end)
}

/// A word glued by hyphens that reads as an age after a number ("year-old", "årige"): the
/// lexicon's `age_after` with its spaces written as hyphens.
fn glued_age(ctx: &Ctx, t: &Token) -> bool {
    let parts: Vec<&str> = t.lower().split('-').collect();
    ctx.lex
        .marker(Marker::AgeAfter)
        .match_at(|k| parts.get(k).copied())
        .is_some_and(|(n, _)| n == parts.len())
}

/// The thing a clause is about, named right before its verb at `verb`: the word before it,
/// across function words (an auxiliary, "som", "which") and one comma ("Spiret, som har prydet
/// byen", "The tower was built", "Bygningen stod færdig"); none when that word is no noun-like
/// content word (a number, a unit, a month).
fn thing_before(ctx: &Ctx, toks: &[Token], verb: usize) -> Option<Sym> {
    let mut commas = 0;
    for j in (verb.saturating_sub(4)..verb).rev() {
        let t = &toks[j];
        let f = ctx.flags.get(j).copied().unwrap_or(0);
        if t.is_punct(',') && commas == 0 {
            commas += 1;
        } else if t.is_word() && f & flag::FUNCTION_WORD != 0
            || ctx.marker_at(toks, j, Marker::PassiveAux).is_some()
        {
            continue;
        } else if t.is_word() && t.text.chars().count() >= 3 && f & NOT_A_THING == 0 {
            return Some(Sym::new(t.lower()));
        } else {
            return None;
        }
    }
    None
}

/// A comma, semicolon or colon: punctuation that ends a clause.
fn clause_punct(t: &Token) -> bool {
    t.is_punct(',') || t.is_punct(';') || t.is_punct(':')
}

/// Flags of words that name no thing: numbers, units, months, weekdays.
const NOT_A_THING: u32 =
    flag::CARDINAL | flag::CARDINAL_ONE | flag::UNIT | flag::MONTH | flag::WEEKDAY | flag::DIGITS;

/// A date after a word of coming into being ("bygget i 1625", "stod færdig … i 1625", "was built
/// in 1625": a role concept with `phase = "start"` in its clause, before it): the start of the thing named before
/// that word, kept as the date's role and noun for FL003 to meet a span up to publication ("har
/// stået i 400 år").
fn mark_start_of_thing(ctx: &Ctx, toks: &[Token], from: usize, c: &mut Claim) {
    // (the few words before the date, in its clause: a look-up each, cached for the sentence)
    let built = (from.saturating_sub(START_WINDOW)..from)
        .rev()
        .take_while(|&j| !clause_punct(&toks[j]))
        .find_map(|j| {
            let hit = ctx.sc.hit_at(toks, j)?;
            let c = ctx.k.concepts.get(hit.concept);
            (c.kind == ConceptKind::Role && c.phase == Some(crate::lang::Phase::Start))
                .then_some((j, hit))
        });
    let Some((k, hit)) = built else { return };
    if let Some(thing) = thing_before(ctx, toks, k) {
        c.role = Some(ctx.k.concepts.get(hit.concept).id);
        c.noun = Some(thing);
    }
}

/// How many words before its date a word of coming into being may stand ("Bygningen stod færdig
/// med spir i 1625").
const START_WINDOW: usize = 6;

/// Years no one lives: an age of more is a thing's ("the 400-year-old building", "600 år
/// gammel"), a span of years, not a person's age.
const MAX_AGE: f64 = 130.0;

/// How many words before "for N years" a perfect auxiliary may stand ("har prydet det
/// københavnske bybillede i 600 år").
const PERFECT_WINDOW: usize = 8;

/// "har prydet byen i næsten 600 år", "has stood for 400 years", "hefur staðið í 400 ár": years
/// after a duration word, with a perfect auxiliary before them in their clause, run up to
/// publication: a start (since publication year − N), not a length of an event.
fn running_span(
    ctx: &Ctx,
    toks: &[Token],
    num: &Num,
    n2: usize,
    u: TimeUnit,
    out: &mut Vec<Claim>,
) -> Option<usize> {
    let i = num.i;
    if u != TimeUnit::Year || num.vague {
        return None;
    }
    let lead = i - ctx.marker_len_before(toks, i, Marker::Approx).unwrap_or(0);
    let from = lead - ctx.marker_len_before(toks, lead, Marker::DurationBefore)?;
    let aux = (from.saturating_sub(PERFECT_WINDOW)..from)
        .rev()
        .take_while(|&j| !clause_punct(&toks[j]))
        .find(|&j| ctx.marker_at(toks, j, Marker::Perfect).is_some())?;
    let year = ctx.doc.published.and_then(|p| p.year().checked_sub(num.v as i16));
    let mut c = ctx.claim(ClaimKind::Since, toks, from, i + n2, year.map(f64::from).unwrap_or(0.0));
    c.approx = num.approx;
    // (the thing whose start it dates: "Spiret, som har prydet byen …"; none: never compared)
    c.noun = thing_before(ctx, toks, aux);
    c.frame = if c.noun.is_some() { Frame::Bound } else { Frame::Loose };
    c.detail = Detail::Since(SinceInfo::new(SinceForm::ForYears, Some(num.v as f32), year));
    out.push(c);
    Some(i + n2)
}

/// "three days after the summit", "tre dagar seinare": an offset between two events; "the third
/// eruption in two years": a window. A span of time, but of no event: kept loose, never compared
/// (unless it is minutes or hours between two moments named around it: `bind_later_moment`).
fn unbound_span(
    ctx: &Ctx,
    toks: &[Token],
    num: &Num,
    n2: usize,
    u: TimeUnit,
    out: &mut Vec<Claim>,
) -> Option<usize> {
    let i = num.i;
    let offset = ctx.marker_at(toks, i + n2, Marker::OffsetAfter).is_some()
        && !ctx.marker_before(toks, i, Marker::DurationBefore);
    let window =
        || i > 0 && ctx.marker_before(toks, i, Marker::InSpan) && ctx.ordinal_before(toks, i);
    if !(offset || window()) {
        return None;
    }
    let mut c = ctx.claim(ClaimKind::Duration, toks, i, i + n2, num.v);
    c.unit = Some(u);
    c.approx = num.approx;
    c.frame = if num.vague { Frame::Vague } else { Frame::Loose };
    bind_later_moment(ctx, toks, i, i + n2, &mut c);
    bind_after_moment(ctx, toks, i, i + n2, &mut c);
    out.push(c);
    Some(i + n2)
}

/// A duration over `n2` tokens, with the event it is the length of; bound when that event is
/// named with it or its clause says it lasted, began or ended.
fn duration(
    ctx: &Ctx,
    toks: &[Token],
    num: &Num,
    n2: usize,
    u: TimeUnit,
    out: &mut Vec<Claim>,
) -> usize {
    let i = num.i;
    let after = ctx.concept_after(toks, i + n2, 3);
    let is_event = after.event && !after.phased;
    let ev = if is_event { after } else { ctx.event_near(toks, i, i + n2) };
    // bound: the event named with it ("a three-day visit"), or the event of its clause with a
    // start or end word there ("viðræðum lauk eftir sjö daga törn") (or a verb of lasting a few
    // words before it: "møtet varte i to timar")
    let lasted = (i.saturating_sub(2)..=i).any(|j| ctx.marker_before(toks, j, Marker::Lasted));
    // (or the event's verb right before it: "streika i fire dagar")
    // (or further back with a word of duration before the span: "met behind closed doors for two
    // hours")
    let reach = if ctx.marker_before(toks, i, Marker::DurationBefore) { 6 } else { 3 };
    let verb_before = ev.at.is_some_and(|k| k < i && i - k <= reach) && !ev.other_clause;
    // (or a start, end or "lasted" word right by it: "stóð því í þrjá daga", "varte i to timar",
    // "reiste heim etter seks dagar")
    let ends_in_clause =
        !is_event && ctx.sc.near_in_clause(toks, (i, i + n2), ROLE_WINDOW, is_phase).is_some();
    let mut c = Ctx::with_concept(ctx.claim(ClaimKind::Duration, toks, i, i + n2, num.v), ev);
    c.unit = Some(u);
    c.approx = num.approx;
    c.frame = if num.vague {
        Frame::Vague
    } else if is_event || ends_in_clause || verb_before || lasted {
        Frame::Bound
    } else {
        Frame::Loose
    };
    out.push(c);
    i + n2
}

/// A bare year: "í 2019", "2019"; an older one after "in" with nothing counted after it:
/// "færdig i 1625", "built in 1625" (but "i 1200 hjem" counts homes).
fn bare_year(ctx: &Ctx, toks: &[Token], num: &Num, out: &mut Vec<Claim>) -> Option<usize> {
    let (i, n, v) = (num.i, num.n, num.v);
    let old_year = (1000.0..1800.0).contains(&v)
        && ctx.marker_before(toks, i, Marker::InSpan)
        && !content_word(ctx, toks, i + 1)
        && ctx.sc.hit_at(toks, i + 1).is_none()
        && ctx.concept_after(toks, i + n, 2).concept.is_none();
    if !(num.is_digits
        && n == 1
        && v.fract() == 0.0
        && ((1800.0..=2100.0).contains(&v) || old_year)
        && toks[i].text.len() == 4)
    {
        return None;
    }
    let wd = WrittenDate { year: Some(v as i16), month: None, day: None, weekday: None };
    push_date(ctx, toks, i, i + 1, written(ctx, wd), out);
    Some(i + 1)
}

impl Walk {
    /// A count, unless the number refers back, is a code, is an article "one" or ends a name.
    fn count(&mut self, ctx: &Ctx, toks: &[Token], num: &Num, out: &mut Vec<Claim>) -> usize {
        let (lex, i, n) = (ctx.lex, num.i, num.n);
        // "dei to", "þeir tveir": the number refers back to people already named; with the thing
        // named after it ("dei 479 passasjerane", "the two avalanches") it restates a count: kept,
        // but loose (what it refers back to is not known)
        let anaphoric = i > 0
            && parse::marker(lex, Marker::Anaphoric)(&toks[i - 1..])
                .is_ok_and(|(r, _)| r.len() == toks.len() - i);
        let thing_after = ctx.sc.hit_at(toks, i + n).is_some_and(|h| {
            let c = ctx.k.concepts.get(h.concept);
            c.phase.is_none() && c.kind != ConceptKind::Scope
        });
        if anaphoric && !thing_after {
            return i + n;
        }
        // "02800": a phone number or a code, no claim
        let here = &toks[i];
        if num.is_digits && here.text.len() > 1 && here.text.starts_with('0') {
            return i + n;
        }
        if num.just_one {
            count_one(ctx, toks, num, out);
            return i + n;
        }
        let after = ctx.concept_after(toks, i + n, 4);
        let after = noun_before(ctx, toks, i, n).unwrap_or(after);
        // "Kanal 5", "Radio 1": a number after a capitalised word inside the sentence, with no
        // counted thing after it, is part of a name
        if after.concept.is_none()
            && i > 0
            && toks[i - 1].is_word()
            && toks[i - 1].is_capitalised()
            && i > 1
            && !toks[i - 2].is_punct('.')
        {
            return i + n;
        }
        // "de 134 om bord" (not "de resterende 436"): a definite count may restate the whole
        let definite = anaphoric && ctx.marker_before(toks, i, Marker::Definite);
        self.push_count(ctx, toks, num, after, (anaphoric, definite), out);
        i + n
    }

    /// Push the count `num` of the thing `after` (or of the role near it).
    fn push_count(
        &mut self,
        ctx: &Ctx,
        toks: &[Token],
        num: &Num,
        after: ConceptRef,
        (anaphoric, definite): (bool, bool),
        out: &mut Vec<Claim>,
    ) {
        let (i, n) = (num.i, num.n);
        let (role, grows, stable) = ctx.count_role(toks, (i, i + n), &after);
        let scope = ctx.scope_near(toks, i, i + n);
        // "sju skadde", "three killed": with no thing named, the role is what is counted; and
        // "131 personer om bord" counts what "134 om bord" counts (a generic noun adds nothing)
        // (the generic noun's concept stays the family: the subject still reads "person lives")
        // ("to læger om bord": an unlisted noun is named, and counted)
        let named = after.concept.is_some() || after.at.is_some_and(|j| content_word(ctx, toks, j));
        let after = match role {
            Some(r) if !named || after.generic => ConceptRef {
                concept: Some(r),
                family: after.concept.or(Some(r)),
                generic: false,
                stable,
                ..after
            },
            _ => after,
        };
        // a count of events (avalanches, quakes) grows as a story unfolds
        let grows = grows || after.grows || after.event;
        // "dei 479 passasjerane", "the two avalanches" restate a count, loose (a part of what was
        // counted may be meant); "de 134 om bord", "dei 915 passasjerane", a stable quantity with
        // its thing named, are its whole
        let restates = anaphoric && !(definite && stable && !grows && after.concept.is_some());
        let frame = if restates && !num.vague {
            Frame::Loose
        } else {
            count_frame(ctx, toks, &after, role.is_some(), num.vague)
        };
        // (the count with its thing, for a split of a total: "915 passasjerer og 482 …")
        let phrase = (
            after.at.filter(|&a| a < i).unwrap_or(i),
            after.at.filter(|&a| a >= i + n).map_or(i + n, |a| a + 1),
        );
        let mut c = Ctx::with_concept(ctx.claim(ClaimKind::Count, toks, i, i + n, num.v), after);
        c.approx = num.approx;
        c.role = role;
        c.scope = scope;
        c.frame = frame;
        c.grows = grows;
        c.stable = stable && !grows;
        if let Some((_, prev)) = self.rose.filter(|&(at, _)| at == i) {
            c.detail = Detail::Previous(prev);
        }
        self.counts.push((out.len(), phrase.0, phrase.1));
        out.push(c);
    }
}

/// "et mannskap på 458", "a crew of 458": the counted noun before the number, when nothing
/// counted follows it (a thing concept, neither generic nor a measure).
fn noun_before(ctx: &Ctx, toks: &[Token], i: usize, n: usize) -> Option<ConceptRef> {
    let w = ctx.marker_len_before(toks, i, Marker::CountOf)?;
    let j = i.checked_sub(w + 1)?;
    let next = i + n;
    let counted_after = ctx.sc.hit_at(toks, next).is_some() || content_word(ctx, toks, next);
    let hit = ctx.sc.hit_at(toks, j).filter(|_| !counted_after)?;
    let c = ctx.k.concepts.get(hit.concept);
    (c.kind == ConceptKind::Thing && !c.generic && !c.measure && !c.money)
        .then(|| ctx.sc.concept_ref(toks, j, hit))
}

/// "one person", "Én bil", "eitt hús": a count of one, loose (a numeral that is never an
/// article, before a listed thing); else "ein", "eitt", "en" is mostly an article or pronoun
/// ("One was killed", "en bil"), not a count.
fn count_one(ctx: &Ctx, toks: &[Token], num: &Num, out: &mut Vec<Claim>) {
    let (i, n) = (num.i, num.n);
    if ctx.marker_at(toks, i, Marker::NumeralOne) != Some(n) {
        return;
    }
    let Some(hit) = ctx.sc.hit_at(toks, i + n) else { return };
    let c = ctx.k.concepts.get(hit.concept);
    if c.kind != ConceptKind::Thing || c.measure || c.money {
        return;
    }
    let mut claim = Ctx::with_concept(
        ctx.claim(ClaimKind::Count, toks, i, i + n, num.v),
        ctx.sc.concept_ref(toks, i + n, hit),
    );
    claim.frame = Frame::Loose;
    out.push(claim);
}

/// Sentences back from "tre af disse" where the count it takes a part of may stand.
const PART_LOOK_BACK: u32 = 2;

/// "tre af disse", "fire af dem", "one of them": a part of the count named just before (the
/// nearest larger count of this sentence or the two before: "fra morgenen var fire i kritisk
/// tilstand, men tre af disse …" is 3 of 4), loose; "one of them" is a count of one of its thing.
/// With no such count the pronoun's part claims nothing ("One of them was a woman"). (A noun
/// after "af", "Seks af personerne", is read as before: which count it takes a part of is a
/// guess too far.)
fn anaphoric_part(ctx: &Ctx, toks: &[Token], num: &Num, out: &mut Vec<Claim>) -> Option<usize> {
    let (i, n) = (num.i, num.n);
    let j = i + n + ctx.marker_at(toks, i + n, Marker::PartOf)?;
    let end = j + ctx.marker_at(toks, j, Marker::Anaphoric)?;
    let whole = out.iter().rev().find(|c| {
        c.kind == ClaimKind::Count
            && c.value > num.v
            && c.value.fract() == 0.0
            && c.sentence + PART_LOOK_BACK >= ctx.sentence
    });
    let Some(whole) = whole else { return Some(end) };
    if num.just_one {
        let mut c = ctx.claim(ClaimKind::Count, toks, i, i + n, num.v);
        c.concept = whole.concept;
        c.family = whole.family;
        c.noun = whole.noun;
        c.frame = Frame::Loose;
        out.push(c);
        return Some(end);
    }
    let mut c = ctx.claim(ClaimKind::PartOfWhole, toks, i, end, num.v);
    c.concept = whole.concept;
    c.family = whole.family;
    c.noun = whole.noun;
    c.role = whole.role;
    c.approx = num.approx;
    c.frame = if num.vague { Frame::Vague } else { Frame::Loose };
    c.detail = Detail::Whole(whole.value);
    out.push(c);
    Some(end)
}

/// The byte ranges of a document's photo captions and credits: the lines of `lower` (its
/// lower-cased text) holding a caption marker ("(photo credit: …)", "foto: …/ ntb"), and the lines
/// that repeat a caption's words before its credit (the picture's alt text).
fn caption_lines(lower: &str, b: &crate::lang::Boilerplate) -> Vec<std::ops::Range<usize>> {
    // (one pass of the automaton over the whole text; a marker never spans a line, so a line is
    // marked when a marker begins in it; most documents have none)
    let starts = b.caption_marker_starts(lower);
    if starts.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in lower.split_inclusive('\n') {
        lines.push((pos..pos + line.len(), line.trim()));
        pos += line.len();
    }
    let marked_at = |r: &std::ops::Range<usize>| {
        let k = starts.partition_point(|&x| x < r.start);
        starts.get(k).is_some_and(|&x| x < r.end)
    };
    let captions: Vec<&str> = lines.iter().filter(|(r, _)| marked_at(r)).map(|(_, t)| *t).collect();
    // (an alt text of a few words could be any short line: 20 bytes at least)
    let repeats = |t: &str| {
        let t = t.trim_end_matches('.');
        t.len() >= 20 && captions.iter().any(|c| c.len() > t.len() && c.starts_with(t))
    };
    lines.into_iter().filter(|(r, t)| marked_at(r) || repeats(t)).map(|(r, _)| r).collect()
}

/// What an article has dated so far, sentence by sentence: whether any date lies within a week
/// of its publication, and the last day written out ("lørdag 23. mars"). An article that has
/// dated nothing near its publication and wrote out a day more than a week before it tells of
/// that day: a weekday after it ("søndag") belongs to that narrative, not to the week of
/// publication.
#[derive(Default)]
struct Narrative {
    current: bool,
    last_day: Option<jiff::civil::Date>,
    /// a weekday named the publication day
    today_named: bool,
    published: Option<jiff::civil::Date>,
}

impl Narrative {
    fn update(&mut self, claims: &[Claim], published: Option<jiff::civil::Date>) {
        self.published = published;
        let Some(p) = published else { return };
        for d in claims.iter().filter_map(Claim::date) {
            let Some(r) = d.resolved else { continue };
            let near = |x| resolve::days_between(x, p).is_some_and(|n| n.abs() <= 7);
            if near(r.start) || near(r.end) || r.start <= p && p <= r.end {
                self.current = true;
            }
            if matches!(d.form, DateForm::Absolute | DateForm::Partial) && r.is_day() {
                self.last_day = Some(r.start);
            }
            self.today_named |= d.form == DateForm::Weekday && r.is_day() && r.start == p;
        }
    }

    fn day(&self) -> Option<jiff::civil::Date> {
        let (p, last) = (self.published?, self.last_day?);
        (!self.current && resolve::days_between(last, p)? > 7).then_some(last)
    }
}

/// A label word ("area", "call", "tip line") ends right before `i`, perhaps with a ',' or ':'
/// after it.
fn label_before(lex: &Lexicon, toks: &[Token], i: usize) -> bool {
    let end =
        if i > 0 && (toks[i - 1].is_punct(',') || toks[i - 1].is_punct(':')) { i - 1 } else { i };
    (1..=3.min(end)).any(|k| {
        parse::marker(lex, Marker::LabelBefore)(&toks[end - k..end])
            .is_ok_and(|(r, _)| r.is_empty())
    })
}

/// Resolve a written (absolute or partial) date.
fn written(ctx: &Ctx, w: WrittenDate) -> DateInfo {
    let pub_date = ctx.doc.published;
    let form = if w.year.is_some() { DateForm::Absolute } else { DateForm::Partial };
    let precision = match (w.day, w.month) {
        (Some(_), _) => Precision::Day,
        (None, Some(_)) => Precision::Month,
        _ => Precision::Year,
    };
    let resolved = match w.year {
        Some(y) => resolve::calendar(y, w.month, w.day),
        None => pub_date.and_then(|p| resolve::partial(p, w.month, w.day, ctx.future)),
    };
    DateInfo { form, precision, resolved, weekday: w.weekday, slack_years: (0, 0) }
}

fn push_date(
    ctx: &Ctx,
    toks: &[Token],
    from: usize,
    to: usize,
    info: DateInfo,
    out: &mut Vec<Claim>,
) {
    let ev = ctx.event_near(toks, from, to);
    let value = info.resolved.map(|r| f64::from(r.start.year())).unwrap_or(0.0);
    // tied to the event of its clause, or to a start or end word and the person it is about
    // ("Kim kom til Russland tysdag")
    let phase_at = || ctx.sc.near_in_clause(toks, (from, to), usize::MAX, is_phase).map(|(k, _)| k);
    let at = ev.at.filter(|_| !ev.other_clause);
    let mut c = Ctx::with_concept(ctx.claim(ClaimKind::Date, toks, from, to, value), ev);
    c.phase = ctx.phase_near(toks, from, to);
    c.detail = Detail::Date(info);
    mark_start_of_thing(ctx, toks, from, &mut c);
    let at = at.or_else(|| if c.principal.is_some() { phase_at() } else { None });
    if let Some(at) = at {
        c.frame = Frame::Bound;
        ctx.bindings.borrow_mut().push((out.len(), at, from));
    }
    out.push(c);
}

/// The event a time of day at `from..to` times, and its token when the time is bound to it (the
/// event named right by it, of one moment or with a start or end word).
fn timed_event(ctx: &Ctx, toks: &[Token], from: usize, to: usize) -> (ConceptRef, Option<usize>) {
    let dist = |k: usize| k.abs_diff(from).min(k.abs_diff(to));
    // the start or end word of the clause, and how far ("began", "ended")
    let phase_dist =
        ctx.sc.near_in_clause(toks, (from, to), TIME_WINDOW + 4, is_phase).map(|(k, _)| dist(k));
    // an event of one moment near the time is what it times ("første varsel om skredet klokken
    // 3.59": the alert, not the slide; a role of one moment too: "arrested at 18.47"), unless a start or end word stands by the time: then its
    // event is what began or ended ("gosið hafi hafist um klukkan 16:40", whatever announcement
    // told it)
    let event_moment = ctx.sc.near_in_clause(toks, (from, to), TIME_WINDOW, |c| {
        c.kind == ConceptKind::Event && c.moment
    });
    // (a role word of one moment only right before the time, as its verb: "pågrepet klokken
    // 17.48", "arrested the man at 7:30"; "klokken 19 bekrefter politiet at en person er
    // pågrepet" times the statement, "den anholdte vil fremstilles kl. 13" another moment)
    // (or after a time that opens its clause, when a passive auxiliary follows it: "Klokken
    // 17.48 blev den mistænkte anholdt", "klokken 18.47 – blev gerningsmanden anholdt")
    let aux = toks[to..].iter().position(|t| !t.is_punct('-') && !t.is_punct('–')).map(|k| to + k);
    let fronted = (from == 0 || toks[from - 1].is_punct('-') || toks[from - 1].is_punct('–'))
        && aux.is_some_and(|a| ctx.marker_at(toks, a, Marker::PassiveAux).is_some());
    let role_moment = ctx
        .sc
        .near_in_clause(toks, (from, to), ROLE_MOMENT_WINDOW, |c| {
            c.kind == ConceptKind::Role && c.moment
        })
        .filter(|&(k, _)| k < from || fronted);
    let moment_ev = match (event_moment, role_moment) {
        (Some(e), Some(r)) => Some(if dist(r.0) < dist(e.0) { r } else { e }),
        (e, r) => e.or(r),
    }
    .filter(|_| phase_dist.is_none_or(|d| d > TIME_WINDOW))
    .map(|(k, hit)| ctx.sc.concept_ref(toks, k, hit));
    let ev = moment_ev.unwrap_or_else(|| ctx.event_near(toks, from, to));
    // a time is of the event named right by it ("the eruption began at", "kl. 07.36 kom alarmen"),
    // and says which moment of it: its start or end, or the event is one moment (an alarm, a
    // derailment); an avalanche or a shooting at "7" may be any of several
    let moment = ev.moment || phase_dist.is_some();
    let at = ev.at.filter(|&k| !ev.other_clause && dist(k) <= TIME_WINDOW && moment);
    (ev, at)
}

/// A time of day at tokens `from..to`, tied to the nearest event.
fn push_time(
    ctx: &Ctx,
    toks: &[Token],
    from: usize,
    to: usize,
    c: clock::Clock,
    approx: bool,
    out: &mut Vec<Claim>,
) {
    let (ev, at) = timed_event(ctx, toks, from, to);
    let mut c = c;
    // a 12-hour clock with a part of the day by it: "klukkan fimm í morgun", "tysdag kveld like
    // før klokka ni"
    if c.half_day {
        if let Some(part) = clock::part_near(ctx.lex, toks, from, to) {
            let pm = part.after_noon(c.from);
            (c.from, c.to) = (clock::on_half(c.from, pm), clock::on_half(c.to, pm));
            c.half_day = false;
        }
    }
    let explicit = c.zone.is_some();
    let zone = time_zone(ctx, c.zone);
    let mut claim =
        Ctx::with_concept(ctx.claim(ClaimKind::Time, toks, from, to, f64::from(c.from)), ev);
    claim.phase = ctx.phase_near(toks, from, to);
    let lean = clock::lean_before(&ctx.lex.time, toks, from);
    claim.approx = approx || c.approx || lean != crate::claims::Lean::None;
    claim.detail = Detail::Time(TimeInfo {
        from: c.from,
        to: c.to,
        zone: zone.as_deref().map(Sym::new),
        reading: match (explicit, c.half_day) {
            (false, false) => crate::claims::ClockReading::Assumed,
            (true, false) => crate::claims::ClockReading::Explicit,
            (false, true) => crate::claims::ClockReading::AssumedHalfDay,
            (true, true) => crate::claims::ClockReading::ExplicitHalfDay,
        },
        lean,
        utc: None,
    });
    if let Some(at) = at {
        claim.frame = Frame::Bound;
        ctx.bindings.borrow_mut().push((out.len(), at, from));
    }
    out.push(claim);
}

/// A time of day from an hour phrase ("half past seven", "kvart over 7"), a named time after its
/// preposition ("at noon", "um hádegi"), an hour glued to a suffix ("áttaleytið"), a span of hours
/// ("milli sex og sjö í morgun") or a bare hour after an about-word ("um sjö í morgun") at `i`;
/// `time_before`: the sentence gave a time already.
fn hour_idiom(ctx: &Ctx, toks: &[Token], i: usize, time_before: bool) -> Option<clock::Clock> {
    let tw = &ctx.lex.time;
    let word = toks[i].is_word();
    if !word && !toks[i].is_digits() {
        return None;
    }
    // "2am", "7.50am": the a.m./p.m. word glued to the digits
    if let Some(c) = clock::glued_meridiem_at(ctx.lex, toks, i) {
        return Some(c);
    }
    let hour_word = |ts: &[Token]| {
        parse::word_number(ctx.lex)(ts).ok().map(|(rest, (v, _))| (ts.len() - rest.len(), v))
    };
    // (each asked only where the token's flags, or the word before's, say it can match: this is
    // asked at every token)
    let flags = |k: usize| ctx.flags.get(k).copied().unwrap_or(0);
    let idiom = flags(i) & flag::HOUR_WORD_FIRST != 0;
    let glued = flags(i) & flag::TIME_NAME != 0;
    let words = word.then(|| {
        idiom
            .then(|| {
                clock::hour_phrase_at(ctx.lex, toks, i, hour_word)
                    .or_else(|| clock::named_at(ctx.lex, toks, i))
            })
            .flatten()
            .or_else(|| glued.then(|| clock::glued_hour_at(ctx.lex, toks, i))?)
            .or_else(|| clock::between_hours_at(ctx.lex, toks, i, hour_word))
    });
    let cue = i > 0 && flags(i - 1) & flag::HOUR_CUE_LAST != 0;
    words.flatten().or_else(|| {
        (!tw.about.is_empty() && cue)
            .then(|| clock::bare_hour_at(ctx.lex, toks, i, time_before, hour_word))?
    })
}

/// The zone a time is read in: the one written by it ("GMT", "norsk tid"); for "local time",
/// the zone of the place the sentence names (when its places that the entity data gives a zone
/// agree on one); the same place's zone where the language has no zone of its own (English is
/// written everywhere, a Nordic outlet gives its own clock: precision first); else the outlet's
/// (its metadata's `zone`), else the language's `default_zone`.
fn time_zone(ctx: &Ctx, written: Option<String>) -> Option<String> {
    if written.as_deref().is_some_and(|z| z != "local") {
        return written;
    }
    let mut places = ctx.entities_at.iter().filter_map(|&(_, e)| ctx.k.entities.zone(e));
    let place = places.next().filter(|z| places.all(|o| o == *z)).map(|z| z.to_string());
    let own = ctx.lex.time.default_zone.clone();
    match (written, place) {
        (Some(_), Some(p)) => Some(p),
        (None, Some(p)) if own.is_none() => Some(p),
        // a language with no zone of its own (wire copy in English): the zone of the places the
        // article names ("KONGSBERG, Norway (AP) —"), when they agree, before the outlet's
        (None, None) if own.is_none() => ctx
            .article_zone
            .get_or_init(|| article_zone(ctx.k, ctx.doc))
            .map(|z| z.to_string())
            .or_else(|| ctx.doc.meta.zone.clone()),
        (written, _) => written.or_else(|| ctx.doc.meta.zone.clone()).or(own),
    }
}

/// The zone of the places with a zone that the article names (`entities.toml` `zone`), when
/// they all keep one clock on its publication day: "Kongsberg" and "Norway" give Europe/Oslo, a
/// "STOCKHOLM (AP)" dateline beside them too (the same offset), "Oslo" and "London" nothing.
fn article_zone(k: &Knowledge, doc: &Document) -> Option<Sym> {
    let same_clock = |a: &str, b: &str| {
        a == b
            || doc.published.is_some_and(|d| {
                let noon = |z| clock::utc_minutes(d, 720, z);
                noon(a).is_some() && noon(a) == noon(b)
            })
    };
    let mut zone: Option<Sym> = None;
    for s in &doc.sentences {
        let (toks, flags) = sentence_tokens(doc, s);
        for (e, _, _) in sentence_entities(k, &toks, &flags) {
            match (k.entities.zone(e), zone) {
                (Some(z), None) => zone = Some(z),
                (Some(z), Some(y)) if !same_clock(&z, &y) => return None,
                _ => {}
            }
        }
    }
    zone
}

/// "the three-day summit": a number word and a unit joined by a hyphen into one word, a duration
/// of the event named after it. Returns the tokens taken.
fn hyphen_duration(ctx: &Ctx, toks: &[Token], i: usize, out: &mut Vec<Claim>) -> Option<usize> {
    let t = toks.get(i).filter(|t| t.is_word() && t.text.contains('-'))?;
    let (num, unit) = t.lower().split_once('-')?;
    let v = *ctx.lex.cardinals.get(num)? as f64;
    let u = *ctx.lex.units.get(unit.trim_end_matches('s'))?;
    let after = ctx.concept_after(toks, i + 1, 3);
    if !after.event || after.phased || v < 1.0 {
        return None;
    }
    let mut c = Ctx::with_concept(ctx.claim(ClaimKind::Duration, toks, i, i + 1, v), after);
    c.unit = Some(u);
    c.frame = Frame::Bound;
    out.push(c);
    Some(1)
}

/// "three years ago", "fyrir þremur árum": the publication date less `v` units, as a date.
#[allow(clippy::too_many_arguments)]
fn push_ago(
    ctx: &Ctx,
    toks: &[Token],
    from: usize,
    to: usize,
    v: f64,
    u: TimeUnit,
    approx: bool,
    out: &mut Vec<Claim>,
) {
    let a = match ctx.doc.published {
        Some(p) => resolve::ago(p, v, u, approx),
        None => resolve::Ago { resolved: None, precision: Precision::Year, slack_years: (0, 0) },
    };
    let info = DateInfo {
        form: DateForm::Ago,
        precision: a.precision,
        resolved: a.resolved,
        weekday: None,
        slack_years: a.slack_years,
    };
    push_date(ctx, toks, from, to, info, out);
}

/// A word that marks the start or end of an event ("began", "arrived", "ended").
fn is_phase(c: &crate::lang::Concept) -> bool {
    c.kind == ConceptKind::Event && c.phase.is_some()
}

/// A part of an hour is read in minutes ("en halv time", "half an hour", "1,5 timer": 30 and
/// 90 minutes), as a desk reads it.
fn minutes_of_part_hour(v: f64, u: TimeUnit) -> (f64, TimeUnit) {
    if u == TimeUnit::Hour && v.fract() != 0.0 {
        ((v * 60.0).round(), TimeUnit::Minute)
    } else {
        (v, u)
    }
}

/// "alerted at 6:30 p.m. and arrested the suspect 20 minutes later", "alarmen kom 7.20, og to
/// timer senere raste spiret": minutes or hours and a `later` word are the time between two
/// moments (an event or a role of one moment: an alarm, a derailment, an arrest), the later one
/// named in the span's clause, the earlier one before both in its sentence. Such a span is bound
/// to the later moment with the earlier one as its scope (the period it covers), so only spans
/// between the same two moments meet; with no earlier moment named it stays loose.
fn bind_later_moment(ctx: &Ctx, toks: &[Token], from: usize, to: usize, c: &mut Claim) {
    if c.frame == Frame::Vague || !matches!(c.unit, Some(TimeUnit::Minute | TimeUnit::Hour)) {
        return;
    }
    if ctx.marker_at(toks, to, Marker::Later).is_none() {
        return;
    }
    let moment = |j: usize| {
        toks[j].is_word()
            && ctx.sc.hit_at(toks, j).is_some_and(|h| ctx.k.concepts.get(h.concept).moment)
    };
    let Some((k, hit)) = ctx.sc.near_in_clause(toks, (from, to), TIME_WINDOW, |c| c.moment) else {
        return;
    };
    let later = ctx.sc.concept_ref(toks, k, hit);
    let first = k.min(from);
    let earlier = (first.saturating_sub(NEAR_WINDOW)..first)
        .rev()
        .filter(|&j| moment(j))
        .map(|j| ctx.sc.hit_at(toks, j).map(|h| ctx.sc.concept_ref(toks, j, h)))
        .find_map(|r| r.filter(|r| r.concept != later.concept));
    // (none in its sentence: the moment the sentence before ends on, when nothing of the
    // span's own sentence comes between: no clause before it, no "og" opening it)
    let earlier = earlier.or_else(|| {
        continues_narration(ctx, toks, first, from)
            .then(|| ctx.look_back.moment())
            .flatten()
            .filter(|m| m.concept != later.concept)
    });
    let Some(earlier) = earlier else { return };
    (c.concept, c.family, c.qualifier, c.noun) =
        (later.concept, later.family, later.qualifier, later.noun);
    c.scope = earlier.concept;
    c.frame = Frame::Bound;
}

/// "arrested the man about an hour after the first reports", "to timer etter alarmen ble mannen
/// pågrepet": minutes or hours and an `after_moment` word name the earlier moment right after
/// that word (within three words: "eftir að útkallið barst"); the later moment is the nearest
/// other moment of the sentence. Bound to the later one with the earlier as its scope, as
/// [`bind_later_moment`] binds "20 minutes later"; with either moment unnamed it stays loose.
fn bind_after_moment(ctx: &Ctx, toks: &[Token], from: usize, to: usize, c: &mut Claim) {
    if c.frame != Frame::Loose || !matches!(c.unit, Some(TimeUnit::Minute | TimeUnit::Hour)) {
        return;
    }
    let Some(w) = ctx.marker_at(toks, to, Marker::AfterMoment) else { return };
    let moment = |j: usize| {
        let hit = ctx.sc.hit_at(toks, j)?;
        ctx.k.concepts.get(hit.concept).moment.then_some(hit)
    };
    let object = (to + w..(to + w + 3).min(toks.len()))
        .take_while(|&j| toks[j].is_word())
        .find_map(|j| moment(j).map(|h| (j, h)));
    let Some((e, hit)) = object else { return };
    let earlier = ctx.sc.concept_ref(toks, e, hit);
    let later = ctx
        .sc
        .nearest_of(toks, from, e + 1, |k| k.moment && Some(k.id) != earlier.concept)
        .map(|(k, hit, _)| ctx.sc.concept_ref(toks, k, hit));
    let Some(later) = later else { return };
    (c.concept, c.family, c.qualifier, c.noun) =
        (later.concept, later.family, later.qualifier, later.noun);
    c.scope = earlier.concept;
    c.frame = Frame::Bound;
}

/// Whether a span at `from` whose clause begins by token `first` counts from the sentence
/// before: no clause mark (",", ";", ":", a clause break) before its clause, and no connector
/// ("og", "and") in the three tokens before it ("Politiet rykket ut og en halv time senere …"
/// counts from the turnout, which no moment names).
fn continues_narration(ctx: &Ctx, toks: &[Token], first: usize, from: usize) -> bool {
    let clause_mark = ctx.sc.clause_marks(toks)[first] > 0;
    let joined = toks[from.saturating_sub(3)..from]
        .iter()
        .any(|t| t.is_word() && ctx.lex.connectors.contains(t.lower()));
    !clause_mark && !joined
}

/// A claim tied to an event of its own clause is bound; one whose event comes from further away
/// (another clause, an earlier sentence) is loose.
fn event_frame(ev: &ConceptRef) -> Frame {
    if ev.at.is_some() && !ev.other_clause {
        Frame::Bound
    } else {
        Frame::Loose
    }
}

/// How firmly a count is tied to what it counts: a concept after the number (a generic one such
/// as "people" only with a role: "evacuated"), or a content word after it; vague words and
/// measures ("30 kilometres") never raise an error.
fn count_frame(ctx: &Ctx, toks: &[Token], after: &ConceptRef, role: bool, vague: bool) -> Frame {
    if vague {
        return Frame::Vague;
    }
    if after.measure {
        return Frame::Loose;
    }
    // "1,373 passengers and crew": a count of two things together
    let joined = after.at.is_some_and(|j| {
        toks.get(j + 1).is_some_and(|t| t.is_word() && ctx.lex.connectors.contains(t.lower()))
            && toks.get(j + 2).is_some_and(|t| t.is_word() && ctx.sc.hit_at(toks, j + 2).is_some())
    });
    if joined {
        return Frame::Loose;
    }
    if after.concept.is_some() {
        return if !after.generic || role { Frame::Bound } else { Frame::Loose };
    }
    // an unlisted noun keys within its language: a lower-case content word right after the number
    let content = after.at.is_some_and(|j| content_word(ctx, toks, j));
    // (with no role, the rule raises a weaker match only: one level down)
    if content {
        Frame::Bound
    } else {
        Frame::Loose
    }
}

/// A lower-case content word at `j`: no function word, number, unit, month or weekday.
fn content_word(ctx: &Ctx, toks: &[Token], j: usize) -> bool {
    toks.get(j).is_some_and(|t| {
        t.is_word()
            && !t.is_capitalised()
            && t.text.chars().count() >= 3
            && ctx.flags.get(j).is_none_or(|f| {
                f & (flag::FUNCTION_WORD
                    | flag::CARDINAL
                    | flag::CARDINAL_ONE
                    | flag::UNIT
                    | flag::MONTH
                    | flag::WEEKDAY)
                    == 0
            })
    })
}

/// Digits glued by a slash to other digits ("16/04/2024", "24/7", "3/4"): a date or a ratio,
/// no count.
fn slashed(toks: &[Token], i: usize, n: usize) -> bool {
    let glued = |p: Option<&Token>, d: Option<&Token>, p_space: bool| {
        p.is_some_and(|p| p.is_punct('/')) && d.is_some_and(|d| d.is_digits()) && !p_space
    };
    let before = i >= 2
        && glued(
            toks.get(i - 1),
            toks.get(i - 2),
            toks[i].space_before || toks[i - 1].space_before,
        );
    let after = toks.get(i + n).is_some_and(|p| !p.space_before)
        && glued(
            toks.get(i + n),
            toks.get(i + n + 1),
            toks.get(i + n + 1).is_some_and(|d| d.space_before),
        );
    before || after
}

/// A number that is part of a name or code: glued by a hyphen or plus to a capitalised word
/// before it ("MiG-29", "COVID-19", "GMT+3"), in parentheses alone ("(76)", an age), or before
/// the "@" of an e-mail address.
fn glued_into_name(toks: &[Token], i: usize, n: usize) -> bool {
    // (a lower-case code too, "ttn-69", "covid-19", but not a year: "mid-2019")
    let year = toks[i].text.len() == 4;
    let before = i >= 2
        && !toks[i].space_before
        && (toks[i - 1].is_punct('-') || toks[i - 1].is_punct('+'))
        && !toks[i - 1].space_before
        && toks[i - 2].is_word()
        && (toks[i - 2].text.chars().any(char::is_uppercase) || !year);
    let paren =
        i >= 1 && toks[i - 1].is_punct('(') && toks.get(i + n).is_some_and(|t| t.is_punct(')'));
    // an e-mail address: "1224@eb.dk"
    let mail = toks.get(i + n).is_some_and(|t| t.is_punct('@') && !t.space_before);
    before || paren || mail
}

/// "between 40 and 50 people", "mellom 40 og 50": after a `between` word, a connector and a
/// second number make a range, as the tokens of the connector and the number.
fn between_range(ctx: &Ctx, toks: &[Token], i: usize, n: usize) -> Option<usize> {
    if !ctx.marker_before(toks, i, Marker::Between) {
        return None;
    }
    toks.get(i + n).filter(|t| t.is_word() && ctx.lex.connectors.contains(t.lower()))?;
    let (rest, _) = parse::number(ctx.lex)(toks.get(i + n + 1..)?).ok()?;
    Some(toks.len() - rest.len() - (i + n))
}

/// A range after a number: "–4", "-20", "til 20" … as the tokens of the dash and the number.
fn range_after(lex: &Lexicon, toks: &[Token], j: usize) -> Option<usize> {
    let dash = toks.get(j).is_some_and(|t| t.is_punct('-') || t.is_punct('–') || t.is_punct('—'));
    if !dash {
        return None;
    }
    let (rest, _) = parse::number(lex)(&toks[j + 1..]).ok()?;
    Some(toks.len() - rest.len() - j)
}

/// "2023-09-13", "2020-12": digits glued by hyphens, a year first.
fn iso_date(toks: &[Token], i: usize) -> Option<(usize, WrittenDate)> {
    let y = toks.get(i).filter(|t| t.is_digits() && t.text.len() == 4)?;
    let part = |k: usize| {
        toks.get(i + k).filter(|t| t.is_punct('-') && !t.space_before)?;
        toks.get(i + k + 1)
            .filter(|t| t.is_digits() && t.text.len() == 2 && !t.space_before)
            .and_then(|t| t.text.parse::<u8>().ok())
    };
    let year: i16 = y.text.parse().ok()?;
    let month = part(1).filter(|m| (1..=12).contains(m))?;
    let day = part(3).filter(|d| (1..=31).contains(d));
    let n = if day.is_some() { 5 } else { 3 };
    // "2023-09-13T10:00" and other codes run on: not a date as written in a text
    if toks.get(i + n).is_some_and(|t| !t.space_before && (t.is_word() || t.is_digits())) {
        return None;
    }
    Some((n, WrittenDate { year: Some(year), month: Some(month), day, weekday: None }))
}

/// The dates and times of one sentence tied to its events: an event keeps only the claim
/// nearest to it ("on Tuesday warned … an eruption that began on Monday": Monday); times take
/// the day of the sentence's date and are placed in UTC; a line that is little but a date
/// ("Föstudagur 3. október 2025", a byline's stamp) is page furniture and gives no claim.
fn bind_dates(ctx: &Ctx, toks: &[Token], before: usize, out: &mut Vec<Claim>) {
    keep_nearest_bindings(ctx, out);
    // a date at the very top of a page (a banner, the stored page's date line) is furniture
    if toks.first().is_some_and(|t| t.start < 64) {
        drop_page_top_date(ctx, toks, before, out);
    }
    if is_stamp(ctx, toks, &out[before..]) {
        out.truncate(before);
        return;
    }
    drop_stamp_dates(ctx, toks, before, out);
    times_in_utc(ctx, &mut out[before..]);
}

/// Dates that stamp the page or a quoted post, not the story: after a `published` word opening
/// the sentence ("Opdateret mandag formiddag med nye oplysninger", "Updated: 14 Oct 2021, 09:53",
/// with the time stamped with it), a wire dateline's (a date right before a parenthesis and a
/// dash: "KONGSBERG, Norway, Oct 14, 2021 (BSS/AFP) – A man…"), and an embedded post's (a date
/// right after a parenthesised handle: "— Name (@handle) July 10, 2023").
fn drop_stamp_dates(ctx: &Ctx, toks: &[Token], before: usize, out: &mut Vec<Claim>) {
    // (most sentences with claims date nothing)
    if !out[before..].iter().any(|c| c.kind == ClaimKind::Date) {
        return;
    }
    let at = |c: &Claim| toks.partition_point(|t| ctx.doc.file_offset(t.start) < c.start);
    let after = |c: &Claim| toks.partition_point(|t| ctx.doc.file_offset(t.start) < c.end);
    // the sentence opens with a `published` word (a ':' after it allowed)
    let stamp_end = std::cell::OnceCell::new();
    let stamp_end = || {
        *stamp_end.get_or_init(|| {
            (1..=4.min(toks.len()))
                .find(|&n| ctx.marker_len_before(toks, n, Marker::Published) == Some(n))
                .map(|n| if toks.get(n).is_some_and(|t| t.is_punct(':')) { n + 1 } else { n })
        })
    };
    let dash = |t: &Token| t.is_punct('-') || t.is_punct('–') || t.is_punct('—');
    let wire_dateline = |k: usize| {
        toks.get(k).is_some_and(|t| t.is_punct('('))
            && (k + 1..(k + 6).min(toks.len()))
                .find(|&j| toks[j].is_punct(')'))
                .is_some_and(|j| toks.get(j + 1).is_some_and(dash))
    };
    let handle_before = |k: usize| {
        k > 0
            && toks[k - 1].is_punct(')')
            && (k.saturating_sub(6)..k - 1).rev().find(|&j| toks[j].is_punct('(')).is_some_and(
                |j| {
                    ctx.doc
                        .text
                        .get(toks[j].end..toks[k - 1].start)
                        .is_some_and(|s| s.trim_start().starts_with('@'))
                },
            )
    };
    let mut stamped_end = None;
    let mut k = before;
    while k < out.len() {
        let c = &out[k];
        let drop = match c.kind {
            ClaimKind::Date => {
                let (a, b) = (at(c), after(c));
                a <= 5 && stamp_end() == Some(a) || wire_dateline(b) || handle_before(a)
            }
            // (the time stamped with a dropped date: "Updated: 14 Oct 2021, 09:53")
            ClaimKind::Time => stamped_end.is_some_and(|e| c.start >= e && c.start < e + 8),
            _ => false,
        };
        if drop {
            stamped_end = Some(out[k].end);
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Of the dates and times tied to one event, the nearest of each kind stays bound; the others
/// are loose.
fn keep_nearest_bindings(ctx: &Ctx, out: &mut [Claim]) {
    let bindings = ctx.bindings.take();
    // (a claim after its event is a little nearer than one as far before it: "began on Monday")
    let dist =
        |from: usize, at: usize| if from > at { (from - at) * 2 } else { (at - from) * 2 + 1 };
    // (the nearest claim of each kind to each event, found in one pass)
    let mut nearest: HashMap<(usize, ClaimKind), (usize, usize)> = HashMap::new();
    for &(idx, at, from) in &bindings {
        let best = nearest.entry((at, out[idx].kind)).or_insert((dist(from, at), idx));
        *best = (*best).min((dist(from, at), idx));
    }
    for &(idx, at, _) in &bindings {
        if nearest[&(at, out[idx].kind)].1 != idx {
            out[idx].frame = Frame::Loose;
        }
    }
}

/// Drop an absolute date among the first two words of a page (and the time stamped with it).
fn drop_page_top_date(ctx: &Ctx, toks: &[Token], before: usize, out: &mut Vec<Claim>) {
    let second_word = toks.iter().filter(|t| t.is_word() || t.is_digits()).nth(1);
    let head_end = second_word.map_or(0, |t| ctx.doc.file_offset(t.end));
    // (an absolute date: a lead may well begin "Earlier this month" or "Í gær")
    let top = out[before..]
        .iter()
        .position(|c| c.start < head_end && c.date().is_some_and(|d| d.form == DateForm::Absolute));
    if let Some(k) = top {
        // (and the time stamped with it: "10 July 2023 at 19:16"; a stamp gives its minute,
        // never an about-time: "2020-12 Ved 4-tiden natt til torsdag" opens the story)
        let end = out[before + k].end;
        out.remove(before + k);
        if let Some(t) = out[before..].iter().position(|c| {
            c.kind == ClaimKind::Time && !c.approx && c.start >= end && c.start < end + 8
        }) {
            out.remove(before + t);
        }
    }
}

/// Whether a sentence with these claims is a stamp or banner: nothing but absolute dates and
/// times, "Föstudagur 3. október 2025", "27. mars 2023 11:22" (a crosshead "Våpenutstilling i
/// juli" is no furniture).
fn is_stamp(ctx: &Ctx, toks: &[Token], claims: &[Claim]) -> bool {
    // (a line that is little but a date: at most one word outside its dates and times)
    // (the claims' spans sorted once and walked beside the tokens: a sentence of thousands of
    // numbers must not cost tokens × claims)
    let mut spans: Vec<(usize, usize)> = claims.iter().map(|c| (c.start, c.end)).collect();
    spans.sort_unstable();
    let (mut k, mut reach) = (0, 0);
    let words = toks
        .iter()
        .filter(|t| {
            let at = ctx.doc.file_offset(t.start);
            while k < spans.len() && spans[k].0 <= at {
                reach = reach.max(spans[k].1);
                k += 1;
            }
            t.is_word() && at >= reach
        })
        .count();
    words == 0
        && claims.iter().all(|c| {
            c.concept.is_none()
                && (c.kind == ClaimKind::Time
                    || c.date().is_some_and(|d| d.form == DateForm::Absolute))
        })
}

/// Which half of the day a time on a 12-hour clock with no part of the day by it is on. A time
/// of the publication day (told as past: no future marker) cannot be after the publication:
/// "klukkan þrjú" in a story published at 10:40 is 03:00. Else waking hours decide, and say so
/// in the reading (the other half stays possible, so it never raises an error alone): 1 to 6 is
/// after noon (13:00–18:59; "halv seks" 17:30), 12 is noon; 7 to 11 stays open, both halves.
fn read_half(ctx: &Ctx, day: Option<jiff::civil::Date>, future: bool, t: &mut TimeInfo) {
    use crate::claims::ClockReading;
    let explicit = t.reading == ClockReading::ExplicitHalfDay;
    let published = ctx.doc.published_at.as_ref().filter(|_| !future && day == ctx.doc.published);
    if let (Some(p), Some(d)) = (published, day) {
        let zone =
            |z: Option<&str>| z.map(str::to_string).or_else(|| t.zone.map(|z| z.to_string()));
        let at = |m: u16, z: Option<String>| z.and_then(|z| clock::utc_minutes(d, m, &z));
        let (am, pm) = (clock::on_half(t.from, false), clock::on_half(t.from, true));
        let pub_at = at(p.minutes, zone(p.zone.as_deref()));
        if let (Some(am_at), Some(pm_at), Some(pub_at)) =
            (at(am, zone(None)), at(pm, zone(None)), pub_at)
        {
            // (the morning before the publication, the afternoon after it)
            if am_at <= pub_at && pm_at > pub_at {
                (t.from, t.to) = (clock::on_half(t.from, false), clock::on_half(t.to, false));
                t.reading = if explicit { ClockReading::Explicit } else { ClockReading::Assumed };
                return;
            }
        }
    }
    // (7:00–11:59 stays open; the rest is read after noon: 1–6 the afternoon, 12 noon)
    if !(420..720).contains(&t.from) {
        (t.from, t.to) = (clock::on_half(t.from, true), clock::on_half(t.to, true));
        t.reading =
            if explicit { ClockReading::ExplicitWaking } else { ClockReading::AssumedWaking };
    }
}

/// Times take the day of the sentence's first day date (else the publication) and are placed
/// in UTC.
fn times_in_utc(ctx: &Ctx, claims: &mut [Claim]) {
    let day = claims
        .iter()
        .filter_map(|c| c.date().and_then(|d| d.resolved).filter(|r| r.is_day()).map(|r| r.start))
        .next();
    let day = day.or(ctx.doc.published);
    for c in claims {
        let future = c.future;
        if let crate::claims::Detail::Time(t) = &mut c.detail {
            if t.open_half() {
                read_half(ctx, day, future, t);
            }
            if let (Some(d), Some(z)) = (day, t.zone) {
                t.utc = clock::utc_minutes(d, t.from, &z).and_then(std::num::NonZeroI32::new);
            }
        }
    }
}
