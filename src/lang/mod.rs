//! Language knowledge as data: lexicons (`rules/lang/*.toml`), concepts, entities and boilerplate.
//!
//! This module never decides anything about a text; it loads the data files and answers look-ups
//! ("is this word a number word, and which value?"). Adding a language is a new `lang/<code>.toml`.

pub(crate) mod merge;
pub(crate) mod token;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::DataError;
use crate::intern::Sym;

/// The hash map of every look-up table and grouping (foldhash: fast on short keys, seeded per
/// process; nothing iterates a map to decide an order).
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// The hash set to go with [`Map`].
pub(crate) type Set<K> = HashSet<K, foldhash::fast::RandomState>;

/// A phrase table: word sequences (lower case) mapped to a payload, matched longest first.
#[derive(Debug, Clone)]
pub(crate) struct Phrases<T> {
    by_first: Map<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { by_first: Map::default() }
    }
}

impl<T: Clone> Phrases<T> {
    pub(crate) fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let Some(first) = words.first().cloned() else { return };
        let list = self.by_first.entry(first).or_default();
        list.push((words, value));
        list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    }

    /// Match at the start of `words` (lower-cased word texts); returns (words consumed, payload).
    pub(crate) fn match_at<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(usize, &T)> {
        let first = words(0)?;
        let list = self.by_first.get(first)?;
        'outer: for (phrase, v) in list {
            for (k, w) in phrase.iter().enumerate().skip(1) {
                if words(k) != Some(w.as_str()) {
                    continue 'outer;
                }
            }
            return Some((phrase.len(), v));
        }
        None
    }

    /// Every phrase, as its words.
    pub(crate) fn phrases(&self) -> impl Iterator<Item = &[String]> {
        self.by_first.values().flatten().map(|(p, _)| p.as_slice())
    }

    /// The single-word phrases.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> {
        self.by_first.values().flatten().filter(|(p, _)| p.len() == 1).map(|(p, _)| p[0].as_str())
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    /// ten years ("áratugur", "decade"): in durations and "N decades ago"
    Decade,
}

impl TimeUnit {
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
            TimeUnit::Decade => "decade",
        }
    }
}

/// An offset from the publication date: `days`/`weeks`/`months`/`years`, optionally an interval;
/// `from_last`: from the last date the article named instead ("same dag", "the following night",
/// "það sama ár"); `season`: the first and last month of a season of the year the offset gives
/// ("i haust": September to November of the publication year).
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelOffset {
    #[serde(default)]
    pub from_last: bool,
    #[serde(default)]
    pub season: Option<[u8; 2]>,
    #[serde(default)]
    pub days: Option<i32>,
    #[serde(default)]
    pub weeks: Option<i32>,
    #[serde(default)]
    pub months: Option<i32>,
    #[serde(default)]
    pub years: Option<i32>,
    #[serde(default)]
    pub to_days: Option<i32>,
    #[serde(default)]
    pub to_weeks: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    /// (read by `merge`; a new language's file may carry it too)
    #[serde(default, rename = "replace")]
    _replace: bool,
    code: String,
    /// (the language's name, for the people reading the file: required, read by nothing)
    #[serde(rename = "name")]
    _name: String,
    #[serde(default)]
    metadata_aliases: Vec<String>,
    #[serde(default = "default_decimal")]
    decimal_separator: String,
    #[serde(default)]
    group_separators: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
    #[serde(default)]
    distinctive_words: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    ordinal_suffixes: Vec<String>,
    #[serde(default)]
    cardinals: HashMap<String, Vec<String>>,
    #[serde(default)]
    compound_parts: HashMap<String, Vec<String>>,
    #[serde(default)]
    ordinals: HashMap<String, Vec<String>>,
    #[serde(default)]
    months: HashMap<String, Vec<String>>,
    #[serde(default)]
    weekdays: HashMap<String, Vec<String>>,
    #[serde(default)]
    units: HashMap<TimeUnit, Vec<String>>,
    #[serde(default)]
    relative: HashMap<String, RelOffset>,
    /// fraction words before a scale word ("half a" million): value = the fraction
    #[serde(default)]
    fractions: HashMap<String, f64>,
    /// shares of a whole ("one in three", "hver tredje", "two-thirds of"): [part, whole]
    #[serde(default)]
    shares: HashMap<String, [f64; 2]>,
    /// one word that is a part of a time unit, by unit ("hálftíma": half an hour)
    #[serde(default)]
    part_units: HashMap<TimeUnit, HashMap<String, f64>>,
    #[serde(default)]
    markers: MarkersFile,
    #[serde(default)]
    time: TimeWords,
}

/// The words of clock times: what follows or precedes an hour, and the zones a text names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimeWords {
    /// the zone of the language's outlets when a text names none (IANA name)
    #[serde(default)]
    pub(crate) default_zone: Option<String>,
    /// after an hour: before noon ("a.m.") and after it ("p.m."), as written with their periods
    #[serde(default)]
    pub(crate) am: Vec<String>,
    #[serde(default)]
    pub(crate) pm: Vec<String>,
    /// glued to an hour by a hyphen: about that hour ("i 17-tida", "ved 4-tiden")
    #[serde(default)]
    pub(crate) hour_suffix: Vec<String>,
    /// before an hour: half an hour before it ("halv 8" = 7:30)
    #[serde(default)]
    pub(crate) half_before: Vec<String>,
    /// after an ordinal: the hour that ordinal counts ("á sjötta tímanum" = 17:00–18:00)
    #[serde(default)]
    pub(crate) hour_ordinal: Vec<String>,
    /// before an hour: minutes from it ("half past" = 30, "quarter to" = -15, "kvart over" = 15)
    #[serde(default)]
    pub(crate) hour_phrases: std::collections::BTreeMap<String, i16>,
    /// times of day by name, the minute of the day ("noon" = 720, "midnight" = 0), read only
    /// after one of `named_after` ("at noon", "um hádegi"; "fyrir hádegi" is the morning)
    #[serde(default)]
    pub(crate) named: std::collections::BTreeMap<String, u16>,
    #[serde(default)]
    pub(crate) named_after: Vec<String>,
    /// glued to an hour word: about that hour ("áttaleytið" = about 8)
    #[serde(default)]
    pub(crate) hour_glued: Vec<String>,
    /// before a bare hour ("um sjö í morgun", "around seven this morning"): a time only with a
    /// part of the day right after it, or a time earlier in the sentence
    #[serde(default)]
    pub(crate) about: Vec<String>,
    /// parts of the day, as written after an hour ("morgun", "morning", "morges")
    #[serde(default)]
    pub(crate) day_parts: Vec<String>,
    /// "milli sex og sjö": the words before and between two hours of a span
    #[serde(default)]
    pub(crate) between: Vec<String>,
    #[serde(default)]
    pub(crate) and: Vec<String>,
    /// before a time: at or a little after it ("like etter klokken 12.30", "shortly after 7")
    #[serde(default)]
    pub(crate) after: Vec<String>,
    /// before a time: at or a little before it ("like før", "rétt fyrir klukkan fimm")
    #[serde(default)]
    pub(crate) before: Vec<String>,
    /// words naming a zone after a time ("GMT", "norsk tid"): an IANA name, or "local" for the
    /// place of the event
    #[serde(default)]
    pub(crate) zones: std::collections::BTreeMap<String, String>,
    /// after an hour: the hour is a clock time ("six o'clock")
    #[serde(default)]
    pub(crate) hour_after: Vec<String>,
    /// the language writes hours in digits on a 12-hour clock when it gives no a.m./p.m. ("at
    /// 7:30" in English; "klokka 5.18" is 05:18 in Norwegian)
    #[serde(default)]
    pub(crate) twelve_hour_digits: bool,
    /// parts of the day by name, one or more words ("í morgun", "this morning", "kveld",
    /// "søndag morgen"): which half of a 12-hour clock an hour near them is on
    #[serde(default)]
    pub(crate) parts: std::collections::BTreeMap<String, DayPart>,
}

/// A part of the day (`[time.parts]`): the half of a 12-hour clock an hour said with it is read
/// on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DayPart {
    /// 05:00–12:00 ("í morgun", "this morning", "i morges")
    Morning,
    /// 09:00–12:00 ("formiddag", "fyrir hádegi")
    Forenoon,
    /// 12:00–18:00 ("ettermiddag", "síðdegis", "afternoon")
    Afternoon,
    /// 18:00–24:00 ("kveld", "í kvöld", "evening", "tonight")
    Evening,
    /// 22:00–06:00 ("natt", "í nótt", "overnight")
    Night,
}

impl DayPart {
    /// Whether an hour said with this part, `m` minutes after midnight on a 12-hour clock
    /// (1:00–12:59), is after noon: the morning's hours are before it, the afternoon's and the
    /// evening's after it; at night 1 to 6 are before it ("klukkan tvö í nótt"), 7 to 11 after
    /// it ("klokka 11 i natt") and 12 is midnight.
    pub(crate) fn after_noon(self, m: u16) -> bool {
        match self {
            DayPart::Morning | DayPart::Forenoon => false,
            DayPart::Afternoon | DayPart::Evening => true,
            DayPart::Night => m % 720 >= 420,
        }
    }
}

fn default_decimal() -> String {
    ",".into()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkersFile {
    #[serde(default)]
    part_of: Vec<String>,
    #[serde(default)]
    approx: Vec<String>,
    #[serde(default)]
    first: Vec<String>,
    #[serde(default)]
    for_the_first_time: Vec<String>,
    #[serde(default)]
    since: Vec<String>,
    #[serde(default)]
    last: Vec<String>,
    #[serde(default)]
    in_span: Vec<String>,
    #[serde(default)]
    year_words: Vec<String>,
    #[serde(default)]
    clock: Vec<String>,
    #[serde(default)]
    future: Vec<String>,
    #[serde(default)]
    time_of_day: Vec<String>,
    #[serde(default)]
    published: Vec<String>,
    #[serde(default)]
    anaphoric: Vec<String>,
    /// words that make a number vague ("mörg þúsund", "hundreds of"): never voted on
    #[serde(default)]
    vague: Vec<String>,
    /// words before a number of time units that make it a time ago ("fyrir þremur árum")
    #[serde(default)]
    ago_before: Vec<String>,
    /// words after a number of time units that make it a time ago ("three years ago", "for tre
    /// år sidan")
    #[serde(default)]
    ago_after: Vec<String>,
    /// words after a number of time units that make it an offset from another event ("three days
    /// after the summit", "tre dagar seinare"), not a duration
    #[serde(default)]
    offset_after: Vec<String>,
    /// verbs of lasting, a few words before a duration ("varte i to timar", "stóð í þrjá daga")
    #[serde(default)]
    lasted: Vec<String>,
    /// words right before a number that make it a measurement ("magnitude 4.2", "styrke 3,6")
    #[serde(default)]
    measure_before: Vec<String>,
    /// words or signs right after a number that make it a measurement ("°", "að stærð", "mph");
    /// units of length and weight are concepts with `measure = true`, currencies `money = true`
    #[serde(default)]
    measure_after: Vec<String>,
    /// words right before a number of years that make it an age ("en mand på 50 år", "aged")
    #[serde(default)]
    age_before: Vec<String>,
    /// words right after a number that make it an age ("17 årig", "years old", "ára gamall")
    #[serde(default)]
    age_after: Vec<String>,
    /// words joining two numbers of one unit into a range ("10 to 15 minutes", "15 til 50 år")
    #[serde(default)]
    range_words: Vec<String>,
    /// a verb of rising and its "from" right before a number ("rose from", "steg frå", "hækkaði
    /// úr"): the number is the value before a reported update
    #[serde(default)]
    rise_from: Vec<String>,
    /// the word between the two values of an update ("to", "til", "í")
    #[serde(default)]
    rise_to: Vec<String>,
    /// words before a weekday that make it a night ending on that day ("natt til onsdag",
    /// "aðfaranótt miðvikudags")
    #[serde(default)]
    night_before: Vec<String>,
    /// words opening a time ago that `ago_after` closes ("for" in "for tre år siden"): part of
    /// the date's span
    #[serde(default)]
    ago_lead: Vec<String>,
    /// words right before a number that make it a label, never a claim: a phone number after
    /// "call", "ring", "tip line" ("call 112")
    #[serde(default)]
    label_before: Vec<String>,
    /// a word between a weekday and its date ("måndagen den 8 januari", "Monday the 8th")
    #[serde(default)]
    day_article: Vec<String>,
    /// words right before a span that make it a duration even with an offset word after it
    /// ("for two hours before the dinner")
    #[serde(default)]
    duration_before: Vec<String>,
    /// offset words after a span that make it the time from an earlier moment to the one named
    /// beside it ("arrested the suspect 20 minutes later", "to timer senere raste spiret"); a
    /// subset of `offset_after` ("before", "earlier" name the later moment's other side)
    #[serde(default)]
    later: Vec<String>,
    /// passive auxiliaries: right after a time that opens its clause, they make a role word of one
    /// moment a few words on its verb ("Klokken 17.48 blev den mistænkte anholdt")
    #[serde(default)]
    passive_aux: Vec<String>,
    /// words right before a weekday that make it the coming one ("næste mandag", "next Monday")
    #[serde(default)]
    weekday_ahead: Vec<String>,
    /// a conjunction and a subject pronoun that open a new clause without a comma ("and he", "og
    /// han"): a clause boundary, like ",", for what a number is tied to
    #[serde(default)]
    clause_break: Vec<String>,
    /// auxiliaries of the present perfect, a few words before "for N years" in one clause ("has
    /// stood for 400 years", "har prydet byen i 600 år"): a span running up to publication, so a
    /// start (since publication year − N)
    #[serde(default)]
    perfect: Vec<String>,
    /// offset words after a span that name its earlier moment right after them ("arrested two
    /// hours after the alarm", "to timer etter alarmen"); a subset of `offset_after`
    #[serde(default)]
    after_moment: Vec<String>,
    /// the determiners of a count that restates a whole already known ("de 134 om bord", "the
    /// 915 passengers"), a subset of `anaphoric` without "remaining", "other", "both"
    #[serde(default)]
    definite: Vec<String>,
    /// the word between a counted noun and its number after it ("et mannskap på 458", "a crew
    /// of 458")
    #[serde(default)]
    count_of: Vec<String>,
    /// forms of "one" that are never an article ("one", "én", "eitt"): before a listed thing
    /// ("one person", "Én bil", "eitt hús") a count of one
    #[serde(default)]
    numeral_one: Vec<String>,
    /// a word before the first number of a range joined by a connector ("between 40 and 50
    /// people", "mellom 40 og 50"): one vague claim
    #[serde(default)]
    between: Vec<String>,
}

/// How many marker kinds there are.
pub(crate) const MARKER_KINDS: usize = 40;

/// Markers below this index have a "first word" bit in [`Lexicon::word_flags`]; those above are
/// asked only next to a number, never to gate the walk.
const FLAGGED_MARKERS: usize = 16;

/// Which marker a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Marker {
    PartOf,
    Approx,
    First,
    FirstTime,
    Since,
    Last,
    InSpan,
    YearWord,
    Clock,
    Future,
    TimeOfDay,
    Published,
    Anaphoric,
    Vague,
    AgoBefore,
    AgoAfter,
    // (from here on no flag bit: see FLAGGED_MARKERS)
    OffsetAfter,
    Lasted,
    MeasureBefore,
    MeasureAfter,
    AgeBefore,
    AgeAfter,
    RangeWords,
    RiseFrom,
    RiseTo,
    NightBefore,
    AgoLead,
    LabelBefore,
    DayArticle,
    DurationBefore,
    Later,
    PassiveAux,
    WeekdayAhead,
    ClauseBreak,
    Perfect,
    AfterMoment,
    Definite,
    CountOf,
    NumeralOne,
    Between,
}

/// One language's lexicon, ready for look-ups.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub code: String,
    /// codes a document's metadata may give for this language without saying which written
    /// standard it is in (one code for two standards): such a document's language is detected
    /// from its text, without a warning
    pub(crate) metadata_aliases: Vec<String>,
    pub(crate) decimal: char,
    pub(crate) groups: Vec<char>,
    pub(crate) connectors: Set<String>,
    pub(crate) cardinals: Map<String, u64>,
    /// written-together number words ("toogtredive"), as the cardinal values they are made of,
    /// each with whether a connector ("og") stood before it: the number grammar reads them part
    /// by part, as if written apart
    pub(crate) compounds: Map<String, NumberParts>,
    pub(crate) ordinals: Map<String, u32>,
    pub(crate) months: Map<String, u8>,
    pub(crate) weekdays: Map<String, u8>,
    pub(crate) units: Map<String, TimeUnit>,
    pub(crate) relative: Phrases<RelOffset>,
    /// fractions of a scale word: "half a" (million) = 0.5
    pub(crate) fractions: Phrases<f64>,
    /// shares of a whole: "one in three" = (1, 3), a part-of-whole with no count
    pub(crate) shares: Phrases<(f64, f64)>,
    /// one word that is a part of a time unit: "hálftíma" = (0.5, hour)
    pub(crate) part_units: Map<String, (f64, TimeUnit)>,
    /// indexed by `Marker as usize`
    pub(crate) markers: [Phrases<()>; MARKER_KINDS],
    pub(crate) abbreviations: Set<String>,
    /// letters glued to a day number that make it an ordinal ("14th")
    pub(crate) ordinal_suffixes: Vec<String>,
    /// What each word can begin or be (see [`flag`]); one look-up a token tells the extractor
    /// which parsers can match there, and whether a sentence can hold a claim at all.
    pub(crate) word_flags: Map<String, u32>,
    pub(crate) time: TimeWords,
}

/// Bits of [`Lexicon::word_flags`]. Bits 0..[`FLAGGED_MARKERS`] are "first word of a marker
/// phrase" (`1 << Marker as u32`); the markers after those have no bit (`marker` of one would be
/// another flag's).
pub(crate) mod flag {
    /// first word of a relative phrase ("í" of "í gær")
    pub(crate) const RELATIVE_FIRST: u32 = 1 << 16;
    /// a cardinal other than one
    pub(crate) const CARDINAL: u32 = 1 << 17;
    /// a cardinal "one" ("ein", "en": mostly an article)
    pub(crate) const CARDINAL_ONE: u32 = 1 << 18;
    pub(crate) const MONTH: u32 = 1 << 19;
    pub(crate) const WEEKDAY: u32 = 1 << 20;
    pub(crate) const UNIT: u32 = 1 << 21;
    /// the longest word of a relative phrase: no relative phrase matches in a sentence without one
    pub(crate) const RELATIVE_KEY: u32 = 1 << 22;
    /// one of the language's frequent function words (language detection)
    pub(crate) const FUNCTION_WORD: u32 = 1 << 23;
    /// one of the words that tell the language from its neighbours (weighs triple)
    pub(crate) const DISTINCTIVE: u32 = 1 << 24;
    /// first word of a known entity's name (set in every language: entities are shared)
    pub(crate) const ENTITY_FIRST: u32 = 1 << 25;
    /// first word of a concept form of several words (every language: concepts are shared)
    pub(crate) const CONCEPT_PHRASE: u32 = 1 << 26;
    /// a whole one-word concept form (every language)
    pub(crate) const CONCEPT_WORD: u32 = 1 << 27;
    /// a run of digits: no word, so in no lexicon; the corpus stage sets it on a document's flags
    pub(crate) const DIGITS: u32 = 1 << 28;
    /// a time of day's name ("noon", "hádegi"): a sentence with one may hold a time
    pub(crate) const TIME_NAME: u32 = 1 << 29;
    /// the last word of a `[time]` about, after or before phrase ("um", "around", "like etter"):
    /// a bare hour can follow only such a word
    pub(crate) const HOUR_CUE_LAST: u32 = 1 << 30;
    /// the first word of a `[time]` hour phrase or named time ("half", "kvart", "noon"): an hour
    /// idiom can begin only at such a word
    pub(crate) const HOUR_WORD_FIRST: u32 = 1 << 31;

    /// The bit of a marker kind.
    pub(crate) const fn marker(m: super::Marker) -> u32 {
        1 << (m as u32)
    }
}

#[allow(clippy::too_many_arguments)]
fn word_flags(
    function_words: &[String],
    distinctive: &[String],
    cardinals: &Map<String, u64>,
    months: &Map<String, u8>,
    weekdays: &Map<String, u8>,
    units: &Map<String, TimeUnit>,
    relative: &Phrases<RelOffset>,
    markers: &[Phrases<()>; MARKER_KINDS],
) -> Map<String, u32> {
    let mut f: Map<String, u32> = Map::default();
    let mut set = |w: &str, bit: u32| *f.entry(w.to_string()).or_insert(0) |= bit;
    for w in function_words {
        set(w, flag::FUNCTION_WORD);
    }
    for w in distinctive {
        set(w, flag::DISTINCTIVE);
    }
    for (w, v) in cardinals {
        set(w, if *v == 1 { flag::CARDINAL_ONE } else { flag::CARDINAL });
    }
    for w in months.keys() {
        set(w, flag::MONTH);
    }
    for w in weekdays.keys() {
        set(w, flag::WEEKDAY);
    }
    for w in units.keys() {
        set(w, flag::UNIT);
    }
    for p in relative.phrases() {
        if let Some(first) = p.first() {
            set(first, flag::RELATIVE_FIRST);
        }
        // the longest word (the last of equals): every word of a phrase must be there to match;
        // one of the language's frequent words only when the phrase has no other ("efter" of
        // "efter nytår" would open most sentences to the walk)
        let frequent = |w: &&String| function_words.contains(w) || distinctive.contains(w);
        let longest = |rare: bool| {
            p.iter().rev().filter(|w| !rare || !frequent(w)).max_by_key(|w| w.chars().count())
        };
        if let Some(key) = longest(true).or_else(|| longest(false)) {
            set(key, flag::RELATIVE_KEY);
        }
    }
    for (i, m) in markers.iter().enumerate().take(FLAGGED_MARKERS) {
        for p in m.phrases() {
            if let Some(first) = p.first() {
                set(first, 1 << i);
            }
        }
    }
    f
}

/// At most this many forms from one compound pattern (a pattern that multiplies lists of
/// thousands is a mistake in the data, not a lexicon).
const MAX_PATTERN_FORMS: usize = 50_000;

/// The cardinal values a number word is made of, each with whether a connector stood before it.
pub(crate) type NumberParts = Box<[(u64, bool)]>;

/// The cardinal number words: each form by its value.
fn cardinals(
    m: &HashMap<String, Vec<String>>,
    bad: &dyn Fn(String) -> DataError,
) -> Result<Map<String, u64>, DataError> {
    let mut out = Map::default();
    for (k, forms) in m {
        let v: u64 = k.parse().map_err(|_| bad(format!("cardinal key `{k}` is not a number")))?;
        for form in forms {
            out.insert(form.to_lowercase(), v);
        }
    }
    Ok(out)
}

/// Fraction words before a scale word ("half a" million), each a positive number.
fn fractions(
    m: &HashMap<String, f64>,
    bad: &dyn Fn(String) -> DataError,
) -> Result<Phrases<f64>, DataError> {
    let mut out = Phrases::default();
    for (k, v) in m {
        if !(v.is_finite() && *v > 0.0) {
            return Err(bad(format!("fraction `{k}` is not a positive number")));
        }
        out.insert(k, *v);
    }
    Ok(out)
}

/// A table of numbered forms (ordinals, months, weekdays): each form by its key, a number in
/// 1..=`max`.
fn numbered(
    m: &HashMap<String, Vec<String>>,
    what: &str,
    max: u32,
    bad: &dyn Fn(String) -> DataError,
) -> Result<Map<String, u32>, DataError> {
    let mut out = Map::default();
    for (k, forms) in m {
        let v: u32 = k.parse().map_err(|_| bad(format!("{what} key `{k}` is not a number")))?;
        if v == 0 || v > max {
            return Err(bad(format!("{what} key `{k}` is out of range 1..={max}")));
        }
        for form in forms {
            out.insert(form.trim_end_matches('.').to_lowercase(), v);
        }
    }
    Ok(out)
}

/// The marker phrases of each [`Marker`] kind.
fn markers(m: &MarkersFile) -> [Phrases<()>; MARKER_KINDS] {
    let mut markers: [Phrases<()>; MARKER_KINDS] = std::array::from_fn(|_| Phrases::default());
    for (kind, list) in [
        (Marker::PartOf, &m.part_of),
        (Marker::Approx, &m.approx),
        (Marker::First, &m.first),
        (Marker::FirstTime, &m.for_the_first_time),
        (Marker::Since, &m.since),
        (Marker::Last, &m.last),
        (Marker::InSpan, &m.in_span),
        (Marker::YearWord, &m.year_words),
        (Marker::Clock, &m.clock),
        (Marker::Future, &m.future),
        (Marker::TimeOfDay, &m.time_of_day),
        (Marker::Published, &m.published),
        (Marker::Anaphoric, &m.anaphoric),
        (Marker::Vague, &m.vague),
        (Marker::AgoBefore, &m.ago_before),
        (Marker::AgoAfter, &m.ago_after),
        (Marker::OffsetAfter, &m.offset_after),
        (Marker::Lasted, &m.lasted),
        (Marker::MeasureBefore, &m.measure_before),
        (Marker::MeasureAfter, &m.measure_after),
        (Marker::AgeBefore, &m.age_before),
        (Marker::AgeAfter, &m.age_after),
        (Marker::RangeWords, &m.range_words),
        (Marker::RiseFrom, &m.rise_from),
        (Marker::RiseTo, &m.rise_to),
        (Marker::NightBefore, &m.night_before),
        (Marker::AgoLead, &m.ago_lead),
        (Marker::LabelBefore, &m.label_before),
        (Marker::DayArticle, &m.day_article),
        (Marker::DurationBefore, &m.duration_before),
        (Marker::Later, &m.later),
        (Marker::PassiveAux, &m.passive_aux),
        (Marker::WeekdayAhead, &m.weekday_ahead),
        (Marker::ClauseBreak, &m.clause_break),
        (Marker::Perfect, &m.perfect),
        (Marker::AfterMoment, &m.after_moment),
        (Marker::Definite, &m.definite),
        (Marker::CountOf, &m.count_of),
        (Marker::NumeralOne, &m.numeral_one),
        (Marker::Between, &m.between),
    ] {
        let mut p = Phrases::default();
        for w in list {
            p.insert(w, ());
        }
        markers[kind as usize] = p;
    }
    markers
}

/// The `[shares]` table: each a part less than its whole.
fn shares(
    m: &HashMap<String, [f64; 2]>,
    bad: &dyn Fn(String) -> DataError,
) -> Result<Phrases<(f64, f64)>, DataError> {
    let mut shares = Phrases::default();
    for (k, [p, w]) in m {
        if !(p.is_finite() && w.is_finite() && *p > 0.0 && p < w) {
            return Err(bad(format!("share `{k}` is not a part less than its whole")));
        }
        shares.insert(k, (*p, *w));
    }
    Ok(shares)
}

/// Flags of the words that begin a share, of the times that are claims without a number, and of
/// the words of hour phrases.
fn flag_shares_and_times(
    word_flags: &mut Map<String, u32>,
    shares: &Phrases<(f64, f64)>,
    time: &TimeWords,
    cardinals: &Map<String, u64>,
) {
    // a share's first word can begin a number ("one in three", "hver tredje")
    for p in shares.phrases() {
        if let Some(first) = p.first() {
            *word_flags.entry(first.clone()).or_insert(0) |= flag::CARDINAL;
        }
    }
    // a time by name ("noon", "hádegi") or glued to its hour ("áttaleytið") is a claim in a
    // sentence with no number
    for name in time.named.keys() {
        if let Some(last) = name.to_lowercase().split(' ').next_back() {
            *word_flags.entry(last.to_string()).or_insert(0) |= flag::TIME_NAME;
        }
    }
    // (and the word after an hour's ordinal: "á fimmta tímanum" has no number word)
    for w in &time.hour_ordinal {
        *word_flags.entry(w.to_lowercase()).or_insert(0) |= flag::TIME_NAME;
    }
    for suffix in &time.hour_glued {
        for (w, _) in cardinals.iter().filter(|(_, v)| (1..=12).contains(*v)) {
            *word_flags.entry(format!("{w}{suffix}")).or_insert(0) |= flag::TIME_NAME;
        }
    }
    // (as `clock::ends_before` and `clock::phrase_at` read them: split by spaces, not
    // lower-cased)
    for p in time.about.iter().chain(&time.after).chain(&time.before) {
        if let Some(last) = p.rsplit(' ').next() {
            *word_flags.entry(last.to_string()).or_insert(0) |= flag::HOUR_CUE_LAST;
        }
    }
    for p in time.hour_phrases.keys().chain(time.named.keys()) {
        if let Some(first) = p.split(' ').next() {
            *word_flags.entry(first.to_string()).or_insert(0) |= flag::HOUR_WORD_FIRST;
        }
    }
}

/// Number flags of the words that begin a fraction ("half a million") and of written-together
/// compounds.
fn flag_numbers(
    word_flags: &mut Map<String, u32>,
    fractions: &Phrases<f64>,
    compounds: &Map<String, NumberParts>,
) {
    // a fraction's first word can begin a number ("half a million")
    for p in fractions.phrases() {
        if let Some(first) = p.first() {
            *word_flags.entry(first.clone()).or_insert(0) |= flag::CARDINAL;
        }
    }
    for (w, parts) in compounds {
        let one = parts.len() == 1 && parts[0].0 == 1;
        *word_flags.entry(w.clone()).or_insert(0) |=
            if one { flag::CARDINAL_ONE } else { flag::CARDINAL };
    }
}

/// The forms the `patterns` of `[compound_parts]` spell (default: `{tens}{units}` and
/// `{units}{hundreds}`). A `{name}` is the forms of `compound_parts.name`; `{<N}` is every
/// cardinal and every compound made so far with a value from 1 to N−1; other text is spelled as
/// it stands, and when it is a connector ("og") the part after it counts as joined by one. A form
/// the number grammar does not accept is left out.
fn compounds(
    parts: &HashMap<String, Vec<String>>,
    cardinals: &Map<String, u64>,
    connectors: &[String],
    bad: &dyn Fn(String) -> DataError,
) -> Result<Map<String, NumberParts>, DataError> {
    let mut out: Map<String, NumberParts> = Map::default();
    if parts.is_empty() {
        return Ok(out);
    }
    let default = vec!["{tens}{units}".to_string(), "{units}{hundreds}".to_string()];
    let explicit = parts.get("patterns");
    let patterns = explicit.unwrap_or(&default);
    let connectors: Vec<String> = connectors.iter().map(|c| c.to_lowercase()).collect();
    for pat in patterns {
        let slots = Slots { parts, cardinals, explicit: explicit.is_some(), pat, bad };
        let pieces = slots.pieces(&out)?;
        for (w, p, _) in spell(&pieces, &connectors, pat, bad)? {
            if p.len() > 1 && number_value(&p).is_some() && !cardinals.contains_key(&w) {
                out.entry(w).or_insert_with(|| p.into_boxed_slice());
            }
        }
    }
    Ok(out)
}

/// A slot of a compound pattern: the (form, parts) to choose from.
type Slot = Vec<(String, Vec<(u64, bool)>)>;

/// A piece of a compound pattern: a slot, or literal text.
enum Piece {
    Slot(Slot),
    Text(String),
}

/// Reads one compound pattern (`pat`) into its [`Piece`]s.
struct Slots<'a> {
    parts: &'a HashMap<String, Vec<String>>,
    cardinals: &'a Map<String, u64>,
    /// whether the data gives its own patterns (a default pattern's missing part spells nothing)
    explicit: bool,
    pat: &'a str,
    bad: &'a dyn Fn(String) -> DataError,
}

impl Slots<'_> {
    /// The pattern's pieces (`made`: the compounds of the patterns before it, which `{<N}` reads).
    fn pieces(&self, made: &Map<String, NumberParts>) -> Result<Vec<Piece>, DataError> {
        let (pat, bad) = (self.pat, self.bad);
        let mut pieces = Vec::new();
        let mut rest = pat;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('{') {
                let Some(end) = r.find('}') else {
                    return Err(bad(format!("compound pattern `{pat}` has an unclosed `{{`")));
                };
                let name = &r[..end];
                rest = &r[end + 1..];
                let slot = match name.strip_prefix('<') {
                    Some(n) => self.below(name, n, made)?,
                    None => self.named(name)?,
                };
                pieces.push(Piece::Slot(slot));
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                pieces.push(Piece::Text(rest[..end].to_lowercase()));
                rest = &rest[end..];
            }
        }
        Ok(pieces)
    }

    /// `{<N}`: every cardinal and compound made so far below N.
    fn below(
        &self,
        name: &str,
        n: &str,
        made: &Map<String, NumberParts>,
    ) -> Result<Slot, DataError> {
        let pat = self.pat;
        let n: u64 = n.parse().map_err(|_| {
            (self.bad)(format!("compound pattern `{pat}`: `{{{name}}}` is not `{{<N}}`"))
        })?;
        let mut v: Vec<_> = self
            .cardinals
            .iter()
            .filter(|(_, &v)| (1..n).contains(&v))
            .map(|(w, &v)| (w.clone(), vec![(v, false)]))
            .chain(
                made.iter()
                    .filter(|(_, p)| number_value(p).is_some_and(|v| (1..n).contains(&v)))
                    .map(|(w, p)| (w.clone(), p.to_vec())),
            )
            .collect();
        v.sort();
        Ok(v)
    }

    /// `{name}`: the forms of a `compound_parts` list, each a cardinal.
    fn named(&self, name: &str) -> Result<Slot, DataError> {
        let (pat, bad) = (self.pat, self.bad);
        // (a default pattern's part that is not there spells nothing)
        let none = Vec::new();
        let forms = match self.parts.get(name).filter(|_| name != "patterns") {
            Some(f) => f,
            None if !self.explicit => &none,
            None => {
                return Err(bad(format!(
                    "compound pattern `{pat}` names `{name}`, not in compound_parts"
                )))
            }
        };
        let mut v = Vec::new();
        for form in forms {
            let form = form.to_lowercase();
            let Some(&val) = self.cardinals.get(&form) else {
                return Err(bad(format!("compound part `{form}` ({name}) is not a cardinal")));
            };
            v.push((form, vec![(val, false)]));
        }
        Ok(v)
    }
}

/// Every combination of a pattern's pieces, one piece at a time: (spelled, its parts, whether it
/// ends in a connector).
#[allow(clippy::type_complexity)]
fn spell(
    pieces: &[Piece],
    connectors: &[String],
    pat: &str,
    bad: &dyn Fn(String) -> DataError,
) -> Result<Vec<(String, Vec<(u64, bool)>, bool)>, DataError> {
    let mut made: Vec<(String, Vec<(u64, bool)>, bool)> = vec![(String::new(), Vec::new(), false)];
    for piece in pieces {
        let mut next = Vec::new();
        for (w, p, joined) in &made {
            match piece {
                Piece::Text(t) => {
                    let joined = connectors.contains(t);
                    next.push((format!("{w}{t}"), p.clone(), joined));
                }
                Piece::Slot(slot) => {
                    for (f, fp) in slot {
                        let mut p = p.clone();
                        let at = p.len();
                        p.extend_from_slice(fp);
                        if *joined {
                            p[at].1 = true;
                        }
                        next.push((format!("{w}{f}"), p, false));
                    }
                }
            }
            if next.len() > MAX_PATTERN_FORMS {
                return Err(bad(format!(
                    "compound pattern `{pat}` spells more than {MAX_PATTERN_FORMS} forms"
                )));
            }
        }
        made = next;
    }
    Ok(made)
}

/// The value of number-word parts read by [`NumberGrammar`], if it reads all of them.
pub(crate) fn number_value(parts: &[(u64, bool)]) -> Option<u64> {
    let mut g = NumberGrammar::default();
    parts.iter().all(|&(v, c)| g.push(v, c)).then(|| g.value())
}

#[derive(Clone, Copy, PartialEq, Debug, Default)]
enum Class {
    #[default]
    Start,
    Unit,
    Teen,
    Tens,
    Hundred,
    Big,
}

/// The grammar of number words, one cardinal value at a time: "tuttugu og fjórir", "tvö
/// hundruð", "fire og tjue" (units, a connector, tens), "þrjú þúsund fjögur hundruð og tólf".
/// 100 and the values from 1000 up multiply what comes before them.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NumberGrammar {
    total: u64,
    current: u64,
    class: Class,
    /// values taken
    pub(crate) words: usize,
    /// every value taken is 1
    pub(crate) only_one: bool,
}

impl NumberGrammar {
    /// Whether a connector may come next (not before the first value).
    pub(crate) fn started(&self) -> bool {
        self.class != Class::Start
    }

    /// Take the value `v` (`connector`: a connector stood before it); false, and unchanged, when
    /// it cannot follow what was taken.
    pub(crate) fn push(&mut self, v: u64, connector: bool) -> bool {
        let next = match v {
            0..=9 => Class::Unit,
            10..=19 => Class::Teen,
            20..=99 => Class::Tens,
            100 => Class::Hundred,
            _ => Class::Big,
        };
        let ok = match (self.class, next) {
            (Class::Start, _) => !connector,
            // "fire og tjue" (units before tens)
            (Class::Unit, Class::Tens) => {
                connector && self.current % 100 < 10 && self.current % 10 != 0
            }
            (Class::Unit | Class::Teen | Class::Tens, Class::Hundred) => {
                !connector && self.current % 100 == self.current
            }
            (Class::Unit | Class::Teen | Class::Tens | Class::Hundred, Class::Big) => !connector,
            (Class::Tens, Class::Unit) => self.current % 10 == 0,
            (Class::Hundred | Class::Big, Class::Unit | Class::Teen | Class::Tens) => true,
            (Class::Big, Class::Hundred) => true,
            _ => false,
        };
        if !ok || (v == 0 && self.class != Class::Start) {
            return false;
        }
        if self.words == 0 {
            self.only_one = true;
        }
        if v != 1 {
            self.only_one = false;
        }
        match next {
            // (saturating: a lexicon may give any u64, and words may go on for a page)
            Class::Hundred => self.current = self.current.max(1).saturating_mul(100),
            Class::Big => {
                self.total = self.total.saturating_add(self.current.max(1).saturating_mul(v));
                self.current = 0;
            }
            _ => self.current = self.current.saturating_add(v),
        }
        self.class = next;
        self.words += 1;
        true
    }

    pub(crate) fn value(&self) -> u64 {
        self.total.saturating_add(self.current)
    }
}

impl Lexicon {
    /// The cardinal values a lower-cased word is made of: one for a cardinal, several for a
    /// written-together compound.
    pub(crate) fn number_parts<'s>(
        &'s self,
        lower: &str,
        one: &'s mut [(u64, bool); 1],
    ) -> Option<&'s [(u64, bool)]> {
        if let Some(&v) = self.cardinals.get(lower) {
            one[0] = (v, false);
            return Some(&one[..]);
        }
        self.compounds.get(lower).map(|p| &p[..])
    }

    // long: its `Lexicon` literal, one field a line; each table is a step of its own.
    pub fn parse(src: &str, name: &str) -> Result<Lexicon, DataError> {
        let f: LangFile = toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
        let bad = |msg: String| DataError::invalid(name, msg);
        let cardinals = cardinals(&f.cardinals, &bad)?;
        // written-together compounds ("tjuefire", "toogtredive", "etthundratrettiosju"): every
        // form a pattern of `compound_parts` spells, with the parts it is made of
        let compounds = compounds(&f.compound_parts, &cardinals, &f.connectors, &bad)?;
        let ordinals = numbered(&f.ordinals, "ordinal", 1000, &bad)?;
        let months = numbered(&f.months, "month", 12, &bad)?
            .into_iter()
            .map(|(k, v)| (k, v as u8))
            .collect();
        let weekdays = numbered(&f.weekdays, "weekday", 7, &bad)?
            .into_iter()
            .map(|(k, v)| (k, v as u8))
            .collect();
        let mut units = Map::default();
        for (u, forms) in &f.units {
            for form in forms {
                units.insert(form.to_lowercase(), *u);
            }
        }
        let fractions = fractions(&f.fractions, &bad)?;
        let shares = shares(&f.shares, &bad)?;
        let mut part_units = Map::default();
        for (u, forms) in &f.part_units {
            for (form, part) in forms {
                part_units.insert(form.to_lowercase(), (*part, *u));
            }
        }
        let mut relative = Phrases::default();
        for (k, v) in &f.relative {
            relative.insert(k, *v);
        }
        let markers = markers(&f.markers);
        let function_words: Vec<String> =
            f.function_words.iter().map(|s| s.to_lowercase()).collect();
        let distinctive: Vec<String> =
            f.distinctive_words.iter().map(|s| s.to_lowercase()).collect();
        let mut word_flags = word_flags(
            &function_words,
            &distinctive,
            &cardinals,
            &months,
            &weekdays,
            &units,
            &relative,
            &markers,
        );
        flag_numbers(&mut word_flags, &fractions, &compounds);
        // (a part of a unit in one word is a number and its unit at once)
        for w in part_units.keys() {
            *word_flags.entry(w.clone()).or_insert(0) |= flag::CARDINAL | flag::UNIT;
        }
        flag_shares_and_times(&mut word_flags, &shares, &f.time, &cardinals);
        let ch = |s: &str| s.chars().next();
        Ok(Lexicon {
            word_flags,
            compounds,
            code: f.code,
            metadata_aliases: f.metadata_aliases.iter().map(|s| s.to_lowercase()).collect(),
            decimal: ch(&f.decimal_separator).unwrap_or(','),
            groups: f.group_separators.iter().filter_map(|s| ch(s)).collect(),
            connectors: f.connectors.iter().map(|s| s.to_lowercase()).collect(),
            cardinals,
            ordinals,
            months,
            weekdays,
            units,
            relative,
            fractions,
            shares,
            part_units,
            markers,
            abbreviations: f.abbreviations.iter().map(|s| s.to_lowercase()).collect(),
            ordinal_suffixes: f.ordinal_suffixes.iter().map(|s| s.to_lowercase()).collect(),
            time: TimeWords {
                zones: f.time.zones.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect(),
                ..f.time
            },
        })
    }

    /// The [`flag`] bits of a lower-cased word.
    pub(crate) fn flags(&self, lower: &str) -> u32 {
        self.word_flags.get(lower).copied().unwrap_or(0)
    }

    pub(crate) fn marker(&self, m: Marker) -> &Phrases<()> {
        // every marker kind is filled at load time
        &self.markers[m as usize]
    }
}

// ---------------------------------------------------------------------------------------------
// Concepts

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ConceptKind {
    Event,
    Thing,
    /// what a count says of its things: evacuated, injured, on board, live in (the predicate of
    /// a claim's frame)
    Role,
    /// the period a count covers: in total, in the last day (a claim's time scope)
    Scope,
}

// no deny_unknown_fields: the language arrays are collected by `flatten`
#[derive(Debug, Deserialize)]
struct ConceptFile {
    kind: ConceptKind,
    #[serde(default)]
    phase: Option<Phase>,
    /// a vague noun ("people"): a more specific concept right after it wins
    #[serde(default)]
    generic: bool,
    /// a role whose counts grow as a story unfolds (dead, injured, evacuated): reports published
    /// on different days are updates, not conflicts
    #[serde(default)]
    grows: bool,
    /// a unit of measure ("kilometre", "percent"): a number of it is a measurement, not a count
    #[serde(default)]
    measure: bool,
    /// a currency: a number in digits before it is an amount of money, never a count ("1 200
    /// kronor"); a number in words may count the things ("tre kroner" on a spire)
    #[serde(default)]
    money: bool,
    /// an event of one moment (an alarm, a derailment): a time of day of it times that moment
    #[serde(default)]
    moment: bool,
    /// the role a count of these things has when its clause names none (passengers and crew
    /// are those aboard): a role concept's id
    #[serde(default)]
    implies: Option<String>,
    /// a quantity that does not change as a story unfolds (the passengers and crew aboard in one
    /// accident): reports of any day are compared, not only those within the rule's window
    #[serde(default)]
    stable: bool,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    exact: Vec<String>,
    #[serde(flatten)]
    forms: HashMap<String, Vec<String>>,
}

/// A concept that marks the start or end of another event (arrival, departure, began, ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Start,
    End,
}

impl Phase {
    /// The name in JSON and in the archive's key columns.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::End => "end",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Concept {
    /// (interned once here, so extraction never interns a concept)
    pub(crate) id: Sym,
    pub(crate) kind: ConceptKind,
    pub(crate) family: Sym,
    pub(crate) phase: Option<Phase>,
    pub(crate) generic: bool,
    pub(crate) grows: bool,
    pub(crate) measure: bool,
    /// see `ConceptFile::money`
    pub(crate) money: bool,
    pub(crate) moment: bool,
    /// see `ConceptFile::implies`: the role concept's id
    pub(crate) implies: Option<Sym>,
    /// see `ConceptFile::stable`
    pub(crate) stable: bool,
}

/// Concept look-up: exact word forms, and compound heads ("sprengjudrónar" → drone, "sprengju").
#[derive(Debug, Clone, Default)]
pub struct Concepts {
    pub(crate) list: Vec<Concept>,
    forms: Map<String, u16>,
    exact: Map<String, u16>,
    multi: Phrases<u16>,
    min_suffix_chars: usize,
    /// the forms of `forms` by their last `min_suffix_chars` characters, longest first: the
    /// compound heads a word of that ending can have
    heads: Map<String, Vec<(String, u16)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConceptHit {
    pub(crate) concept: u16,
    /// The compound's modifier ("shahed" in "Shahed-drónum"), lower case.
    pub(crate) qualifier: Option<String>,
}

impl Concepts {
    pub fn parse(src: &str, name: &str) -> Result<Concepts, DataError> {
        let raw: std::collections::BTreeMap<String, ConceptFile> =
            toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
        let mut c = Concepts { min_suffix_chars: 4, ..Default::default() };
        for (id, cf) in &raw {
            let Some(r) = &cf.implies else { continue };
            if !raw.get(r).is_some_and(|rc| rc.kind == ConceptKind::Role) {
                return Err(DataError::invalid(
                    name,
                    format!("concept `{id}`: implies = \"{r}\" names no concept of kind \"role\""),
                ));
            }
        }
        for (id, cf) in raw {
            let idx = c.list.len() as u16;
            c.list.push(Concept {
                family: Sym::new(cf.family.as_deref().unwrap_or(&id)),
                id: Sym::new(&id),
                kind: cf.kind,
                phase: cf.phase,
                generic: cf.generic,
                grows: cf.grows,
                measure: cf.measure,
                money: cf.money,
                moment: cf.moment,
                implies: cf.implies.as_deref().map(Sym::new),
                stable: cf.stable,
            });
            for w in &cf.exact {
                c.exact.entry(w.to_lowercase()).or_insert(idx);
            }
            for forms in cf.forms.values() {
                for w in forms {
                    let w = w.to_lowercase();
                    if w.contains(' ') {
                        c.multi.insert(&w, idx);
                    } else if w.chars().count() < c.min_suffix_chars {
                        c.exact.entry(w).or_insert(idx);
                    } else {
                        c.forms.entry(w).or_insert(idx);
                    }
                }
            }
        }
        for (w, &i) in &c.forms {
            c.heads
                .entry(last_chars(w, c.min_suffix_chars).to_string())
                .or_default()
                .push((w.clone(), i));
        }
        for forms in c.heads.values_mut() {
            forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(c)
    }

    pub(crate) fn get(&self, idx: u16) -> &Concept {
        &self.list[idx as usize]
    }

    /// The words of [`flag::CONCEPT_WORD`] and [`flag::CONCEPT_PHRASE`], with their bit.
    fn word_bits(&self) -> impl Iterator<Item = (&str, u32)> {
        let whole =
            self.exact.keys().chain(self.forms.keys()).map(|w| (w.as_str(), flag::CONCEPT_WORD));
        whole.chain(
            self.multi
                .phrases()
                .filter_map(|p| p.first())
                .map(|w| (w.as_str(), flag::CONCEPT_PHRASE)),
        )
    }

    /// Multi-word concept forms ("lagði af stað") at the start of `words`.
    pub(crate) fn match_phrase<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(usize, u16)> {
        self.multi.match_at(words).filter(|(n, _)| *n > 1).map(|(n, c)| (n, *c))
    }

    /// Look up one lower-cased word, as a whole form or as a compound ending in a form.
    pub fn lookup(&self, word: &str) -> Option<ConceptHit> {
        self.whole(word)
            .map(|i| ConceptHit { concept: i, qualifier: None })
            .or_else(|| self.compound(word))
    }

    /// One lower-cased word as a whole form (a word whose [`Lexicon::flags`] have neither
    /// [`flag::CONCEPT_WORD`] nor [`flag::CONCEPT_PHRASE`] is none).
    pub(crate) fn whole(&self, word: &str) -> Option<u16> {
        if let Some(&i) = self.exact.get(word).or_else(|| self.forms.get(word)) {
            return Some(i);
        }
        self.multi.match_at(|k| (k == 0).then_some(word)).map(|(_, &i)| i)
    }

    /// One lower-cased word as a compound ending in a form ("sprengjudrónar"): the longest form
    /// it ends in after a modifier of at least two characters.
    pub(crate) fn compound(&self, word: &str) -> Option<ConceptHit> {
        // (a head has min_suffix_chars characters at least: a shorter word, in bytes so surely in
        // characters, is none)
        if word.len() < self.min_suffix_chars + 2 {
            return None;
        }
        let heads = self.heads.get(last_chars(word, self.min_suffix_chars))?;
        // (a form is whole UTF-8, so where it begins in the word is a character boundary)
        let (pos, i) = heads
            .iter()
            .filter(|(f, _)| word.len() > f.len() && word.ends_with(f.as_str()))
            .map(|(f, i)| (word.len() - f.len(), *i))
            .find(|&(pos, _)| word[..pos].chars().nth(1).is_some())?;
        let q = word[..pos].trim_end_matches(['-', '‑']);
        // (the caller restores the original case of the qualifier)
        Some(ConceptHit { concept: i, qualifier: (!q.is_empty()).then(|| q.to_string()) })
    }
}

/// The last `n` characters of `s` (all of it when shorter).
fn last_chars(s: &str, n: usize) -> &str {
    s.char_indices().rev().nth(n.saturating_sub(1)).map_or(s, |(i, _)| &s[i..])
}

// ---------------------------------------------------------------------------------------------
// Entities

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum EntityType {
    Person,
    Place,
    Org,
    #[default]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    forms: Vec<String>,
    #[serde(default, rename = "type")]
    kind: EntityType,
    /// a place's time zone (IANA name): a time in a sentence naming the place is read in it
    #[serde(default)]
    zone: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    phrases: Phrases<(Sym, EntityType)>,
    /// the time zones of places that give one
    zones: Map<Sym, Sym>,
}

impl Entities {
    pub fn parse(src: &str, name: &str) -> Result<Entities, DataError> {
        let raw: std::collections::BTreeMap<String, EntityFile> =
            toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
        let mut e = Entities::default();
        for (id, ef) in raw {
            if let Some(z) = &ef.zone {
                if jiff::tz::TimeZone::get(z).is_err() {
                    let msg = format!("[{id}] zone = \"{z}\" is no IANA time zone");
                    return Err(DataError::invalid(name, msg));
                }
                e.zones.insert(Sym::new(&id), Sym::new(z));
            }
            for form in &ef.forms {
                // split "Kim Jong-un" into words the tokenizer produces
                e.phrases.insert(form, (Sym::new(&id), ef.kind));
            }
        }
        Ok(e)
    }

    /// The time zone of a place entity, where the data gives one.
    pub(crate) fn zone(&self, id: Sym) -> Option<Sym> {
        self.zones.get(&id).copied()
    }

    /// The first words of every known entity's names.
    pub(crate) fn first_words(&self) -> impl Iterator<Item = &str> {
        self.phrases.phrases().filter_map(|p| p.first()).map(String::as_str)
    }

    /// Match a known entity at the start of `words` (lower case).
    pub(crate) fn match_at<'w>(
        &self,
        words: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(usize, &(Sym, EntityType))> {
        self.phrases.match_at(words)
    }
}

/// Fold an unknown name to a key: lower case, diacritics removed ("Pútín" → "putin").
pub fn fold_name(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // the Latin-1 letters from a table of their folds, the rest (rare) by decomposition
    static LATIN1: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let latin1 = LATIN1.get_or_init(|| ('\u{c0}'..='\u{ff}').map(fold_char).collect());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{c0}'..='\u{ff}' => out.push_str(&latin1[c as usize - 0xc0]),
            c => out.push_str(&fold_char(c)),
        }
    }
    out
}

/// One character of [`fold_name`]: decomposed, less its combining marks, lower-cased, [`nordic`].
fn fold_char(c: char) -> String {
    let mut parts = Vec::new();
    unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
    parts
        .into_iter()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(nordic)
        .collect()
}

/// The Nordic letters without a decomposition, as their nearest Latin letter.
pub fn nordic(c: char) -> char {
    match c {
        'ð' => 'd',
        'þ' => 't',
        'æ' => 'a',
        'ø' => 'o',
        'å' => 'a',
        c => c,
    }
}

// ---------------------------------------------------------------------------------------------
// Boilerplate

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRule {
    pub(crate) name: String,
    pub start: String,
    pub(crate) end: String,
    #[serde(default)]
    pub(crate) lang: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineRule {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) starts_with: Vec<String>,
    #[serde(default)]
    pub(crate) equals: Vec<String>,
    #[serde(default)]
    pub(crate) lang: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TailRule {
    pub(crate) name: String,
    pub marker: Vec<String>,
    #[serde(default)]
    pub(crate) lang: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// markers found anywhere in a line (lower case) that make it a photo caption or credit
    /// ("(photo credit: …)", "Foto: NTB", "Getty Images"): the line is kept, but its dates tell
    /// of the picture, not of the article's story
    #[serde(default)]
    pub(crate) caption_markers: Vec<String>,
    /// `caption_markers` compiled once (built by [`Boilerplate::parse`]): one pass over a line or
    /// a document finds them all
    #[serde(skip)]
    captions: Option<aho_corasick::AhoCorasick>,
    #[serde(default)]
    pub block: Vec<BlockRule>,
    #[serde(default)]
    pub(crate) line: Vec<LineRule>,
    #[serde(default)]
    pub tail: Vec<TailRule>,
}

impl Boilerplate {
    pub fn parse(src: &str, name: &str) -> Result<Boilerplate, DataError> {
        let mut b: Boilerplate = toml::from_str(src).map_err(|e| DataError::toml(name, src, e))?;
        // (an empty list matches nothing: no automaton)
        b.captions = (!b.caption_markers.is_empty())
            .then(|| {
                // (a DFA: a few dozen markers, and every document's text is scanned once.
                // Leftmost-first, not the standard semantics, for its prefilter (SIMD, a few
                // instructions a 16 bytes; the standard semantics have none for this many
                // markers, and the DFA read every byte): a line holds a marker if and only if
                // a reported match begins in it either way, since no marker spans a line)
                aho_corasick::AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(&b.caption_markers)
                    .ok()
            })
            .flatten();
        Ok(b)
    }

    /// Whether the lower-cased `text` holds a caption or credit marker anywhere.
    pub(crate) fn has_caption_marker(&self, text: &str) -> bool {
        self.captions.as_ref().is_some_and(|ac| ac.is_match(text))
    }

    /// Where the caption or credit markers of the lower-cased `text` begin, in order.
    pub(crate) fn caption_marker_starts(&self, text: &str) -> Vec<usize> {
        self.captions
            .as_ref()
            .map_or_else(Vec::new, |ac| ac.find_iter(text).map(|m| m.start()).collect())
    }
}

// ---------------------------------------------------------------------------------------------
// All knowledge together

/// The built-in data files, embedded so the binary works from any folder.
pub(crate) const BUILTIN_LANGS: &[(&str, &str)] = &[
    ("rules/lang/is.toml", include_str!("../../rules/lang/is.toml")),
    ("rules/lang/nn.toml", include_str!("../../rules/lang/nn.toml")),
    ("rules/lang/nb.toml", include_str!("../../rules/lang/nb.toml")),
    ("rules/lang/en.toml", include_str!("../../rules/lang/en.toml")),
    ("rules/lang/da.toml", include_str!("../../rules/lang/da.toml")),
    ("rules/lang/sv.toml", include_str!("../../rules/lang/sv.toml")),
];
pub(crate) const BUILTIN_CONCEPTS: (&str, &str) =
    ("rules/concepts.toml", include_str!("../../rules/concepts.toml"));
pub(crate) const BUILTIN_ENTITIES: (&str, &str) =
    ("rules/entities.toml", include_str!("../../rules/entities.toml"));
pub(crate) const BUILTIN_BOILERPLATE: (&str, &str) =
    ("rules/boilerplate.toml", include_str!("../../rules/boilerplate.toml"));

#[derive(Debug, Clone)]
pub struct Knowledge {
    pub langs: Vec<Lexicon>,
    pub(crate) concepts: Concepts,
    pub(crate) entities: Entities,
    pub boilerplate: Boilerplate,
    /// Month names of every language (for datelines, whatever the document's language).
    pub(crate) all_months: Map<String, u8>,
    /// The other words of datelines, of every language (see [`DatelineWords`]).
    pub(crate) dateline_words: DatelineWords,
    /// Every word some table knows, and what each table knows of it: one look-up a token.
    words: Map<String, Word>,
}

/// The words of publication datelines, of every language (a dateline is found before the
/// document's language is known): the `published` markers ("Publisert", "Birt"), the `clock`
/// markers before a time ("kl.", "klokken") and the `[time.zones]` phrases after it ("GMT",
/// "norsk tid"; not those naming the event's place, "local time").
#[derive(Debug, Clone, Default)]
pub struct DatelineWords {
    pub published: Vec<String>,
    pub clock: Vec<String>,
    /// (phrase, IANA zone), lower-cased, the longest phrase first
    pub zones: Vec<(String, String)>,
    /// after a time: before noon / after it ("a.m.", "p.m."), the longest first
    pub am: Vec<String>,
    pub pm: Vec<String>,
}

impl DatelineWords {
    fn of(langs: &[Lexicon]) -> DatelineWords {
        let list = |m: Marker| {
            let mut v: Vec<String> =
                langs.iter().flat_map(|l| l.marker(m).words()).map(str::to_string).collect();
            v.sort();
            v.dedup();
            v
        };
        let mut zones: Vec<(String, String)> = langs
            .iter()
            .flat_map(|l| l.time.zones.iter())
            .filter(|(_, z)| z.as_str() != "local")
            .map(|(p, z)| (p.clone(), z.clone()))
            .collect();
        zones.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        zones.dedup_by(|a, b| a.0 == b.0);
        let clock12 = |f: fn(&Lexicon) -> &Vec<String>| {
            let mut v: Vec<String> =
                langs.iter().flat_map(|l| f(l).iter()).map(|w| w.to_lowercase()).collect();
            v.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            v.dedup();
            v
        };
        DatelineWords {
            published: list(Marker::Published),
            clock: list(Marker::Clock),
            zones,
            am: clock12(|l| &l.time.am),
            pm: clock12(|l| &l.time.pm),
        }
    }
}

/// What the tables know of one lower-cased word.
#[derive(Debug, Clone, Default)]
pub(crate) struct Word {
    /// language detection: `1 << i` when it is a function word of `langs[i]`, `1 << (32 + i)`
    /// when it is one of its distinctive words
    pub(crate) lang_bits: u64,
    /// its [`Lexicon::flags`] in each of `langs`
    pub(crate) flags: Box<[u32]>,
}

/// The data files' sources, (name, text) each: the built-in ones, with a desk's merged in.
struct Sources {
    langs: Vec<(String, String)>,
    concepts: (String, String),
    entities: (String, String),
    boiler: (String, String),
}

impl Sources {
    fn builtin() -> Sources {
        let own = |(n, s): (&str, &str)| (n.to_string(), s.to_string());
        Sources {
            langs: BUILTIN_LANGS.iter().map(|&f| own(f)).collect(),
            concepts: own(BUILTIN_CONCEPTS),
            entities: own(BUILTIN_ENTITIES),
            boiler: own(BUILTIN_BOILERPLATE),
        }
    }

    /// The files of a desk's folder merged in (`merge.rs`): a language of the built-in data
    /// gains the desk's forms; another is added.
    fn merge_desk(&mut self, dir: &Path) -> Result<(), DataError> {
        use merge::{merge, DataKind};
        if let Some(x) = read_data(&dir.join("concepts.toml"))? {
            self.concepts = merge(DataKind::ById, &self.concepts, x)?;
        }
        if let Some(x) = read_data(&dir.join("entities.toml"))? {
            self.entities = merge(DataKind::ById, &self.entities, x)?;
        }
        if let Some(x) = read_data(&dir.join("boilerplate.toml"))? {
            self.boiler = merge(DataKind::Lists, &self.boiler, x)?;
        }
        let ldir = dir.join("lang");
        if !ldir.is_dir() {
            return Ok(());
        }
        let mut files: Vec<_> = std::fs::read_dir(&ldir)
            .map_err(|e| DataError::io(&ldir.display().to_string(), e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for p in files {
            if let Some(desk) = read_data(&p)? {
                let stem =
                    p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                match self.langs.iter_mut().find(|(bn, _)| {
                    Path::new(bn).file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                }) {
                    Some(b) => *b = merge(DataKind::Lexicon, b, desk)?,
                    None => self.langs.push(desk),
                }
            }
        }
        Ok(())
    }
}

/// A data file of a desk's folder, (name, text), if it exists.
fn read_data(p: &Path) -> Result<Option<(String, String)>, DataError> {
    if !p.exists() {
        return Ok(None);
    }
    std::fs::read_to_string(p)
        .map(|s| Some((p.display().to_string(), s)))
        .map_err(|e| DataError::io(&p.display().to_string(), e))
}

/// Every word some lexicon knows, with its flags in each language and its detection bits.
fn words_of(langs: &[Lexicon]) -> Map<String, Word> {
    let mut words: Map<String, Word> = Map::default();
    for (i, l) in langs.iter().enumerate() {
        for (w, f) in &l.word_flags {
            let e = words
                .entry(w.clone())
                .or_insert_with(|| Word { lang_bits: 0, flags: vec![0; langs.len()].into() });
            e.flags[i] = *f;
            // (a desk may add languages; past 32 the extra ones are never detected, only named)
            if i < 32 {
                if f & flag::FUNCTION_WORD != 0 {
                    e.lang_bits |= 1 << i;
                }
                if f & flag::DISTINCTIVE != 0 {
                    e.lang_bits |= 1 << (32 + i);
                }
            }
        }
    }
    words
}

impl Knowledge {
    /// The built-in data, with files from `extra` (a desk's rules folder) replacing or adding to it.
    pub(crate) fn load(extra: Option<&Path>) -> Result<Knowledge, DataError> {
        let mut src = Sources::builtin();
        if let Some(dir) = extra {
            src.merge_desk(dir)?;
        }
        let mut langs =
            src.langs.iter().map(|(n, s)| Lexicon::parse(s, n)).collect::<Result<Vec<_>, _>>()?;
        let mut all_months = Map::default();
        for l in &langs {
            for (k, v) in &l.months {
                all_months.entry(k.clone()).or_insert(*v);
            }
        }
        let dateline_words = DatelineWords::of(&langs);
        let concepts = Concepts::parse(&src.concepts.1, &src.concepts.0)?;
        let entities = Entities::parse(&src.entities.1, &src.entities.0)?;
        // concepts and entities are shared: their words carry their bits in every language
        let shared: Vec<(&str, u32)> = entities
            .first_words()
            .map(|w| (w, flag::ENTITY_FIRST))
            .chain(concepts.word_bits())
            .collect();
        for l in &mut langs {
            for (w, bit) in &shared {
                *l.word_flags.entry(w.to_string()).or_insert(0) |= bit;
            }
        }
        Ok(Knowledge {
            words: words_of(&langs),
            concepts,
            entities,
            boilerplate: Boilerplate::parse(&src.boiler.1, &src.boiler.0)?,
            langs,
            all_months,
            dateline_words,
        })
    }

    pub fn builtin() -> Result<Knowledge, DataError> {
        Knowledge::load(None)
    }

    pub fn lexicon(&self, code: &str) -> Option<&Lexicon> {
        self.langs.iter().find(|l| l.code == code)
    }

    /// Whether a (lower-cased) metadata language code is a lexicon's alias: a language whose text
    /// tells which lexicon reads it ([`Lexicon::metadata_aliases`]).
    pub(crate) fn is_metadata_alias(&self, code: &str) -> bool {
        self.langs.iter().any(|l| l.metadata_aliases.iter().any(|a| a == code))
    }

    pub(crate) fn lang_index(&self, code: &str) -> Option<usize> {
        self.langs.iter().position(|l| l.code == code)
    }

    /// What the tables know of a lower-cased word (nothing: `None`).
    pub(crate) fn word(&self, lower: &str) -> Option<&Word> {
        self.words.get(lower)
    }

    /// Language-detection scores (index into `langs`) of words given by their [`Word::lang_bits`]:
    /// a function word of a language counts one, one of its distinctive words (Nynorsk vs Bokmål) three.
    pub(crate) fn lang_scores(&self, words: impl Iterator<Item = u64>) -> Vec<usize> {
        let mut scores = vec![0usize; self.langs.len()];
        for bits in words {
            let mut b = bits;
            while b != 0 {
                let i = b.trailing_zeros() as usize;
                scores[i % 32] += if i >= 32 { 3 } else { 1 };
                b &= b - 1;
            }
        }
        scores
    }
}
