//! gen_corpus: a deterministic synthetic news corpus for benchmarks (Icelandic, Nynorsk, Bokmål).
//!
//! ```text
//! cargo run --release -p gen_corpus -- --mb 10 --out /tmp/gen10 [--jsonl] [--seed 1] [--conflict-rate 0.05]
//! cargo run --release -p gen_corpus -- --mb 5 --out /tmp/plain --plain
//! ```
//!
//! Writes, under `--out`:
//! - `corpus/` — folders of `.txt` articles (1 000 a folder) with a `manifest.jsonl` each, or with
//!   `--jsonl` one `corpus.jsonl` (one article a line, scraper-style fields);
//! - `rules/entities.toml` — the built-in entity table plus the invented people of the stories, so
//!   that `factlint check --rules OUT/rules` knows who each story is about (a desk keeps its own table);
//! - `truth.jsonl` — one line per planted conflict: story, rule(s), file (and line), the planted text;
//! - `stats.json` — bytes, documents, stories, planted conflicts.
//!
//! With `--plain`: `is.txt`, `nn.txt`, `nb.txt` of article body text only (no furniture, no
//! metadata), for comparing extractors on the same text.
//!
//! Stories: every story is drawn from original templates (written for this generator) with varied
//! numbers, dates, weekdays, relative expressions ("í gær", "i går"), durations, part-of-whole,
//! "first in N years" / "since YEAR". Several outlets report each story, so documents share facts;
//! a known fraction of stories (`--conflict-rate`) carries one planted conflict in one document.
//! Stories about the same person are spaced 30 days apart, so the rules' one-week windows keep
//! stories apart. Vísir-style sidebars full of unrelated numbers, photo credits, navigation lines
//! and bodies printed twice are added to some documents, as scraped pages have them.
//!
//! A 64-bit SplitMix generator makes the output a pure function of the arguments.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use jiff::civil::Date;
use jiff::ToSpan;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

// ------------------------------------------------------------------------------------------------
// PRNG

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

// ------------------------------------------------------------------------------------------------
// Languages and words

#[derive(Clone, Copy, PartialEq, Eq)]
enum L {
    Is,
    Nn,
    Nb,
}

impl L {
    fn code(self) -> &'static str {
        match self {
            L::Is => "is",
            L::Nn => "nn",
            L::Nb => "nb",
        }
    }
}

const IS_MONTHS: [&str; 12] = [
    "janúar",
    "febrúar",
    "mars",
    "apríl",
    "maí",
    "júní",
    "júlí",
    "ágúst",
    "september",
    "október",
    "nóvember",
    "desember",
];
const NO_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
/// "á þriðjudag" (accusative), "þriðjudaginn 12. september" (definite)
const IS_WD: [&str; 7] =
    ["mánudag", "þriðjudag", "miðvikudag", "fimmtudag", "föstudag", "laugardag", "sunnudag"];
const IS_WD_DEF: [&str; 7] = [
    "mánudaginn",
    "þriðjudaginn",
    "miðvikudaginn",
    "fimmtudaginn",
    "föstudaginn",
    "laugardaginn",
    "sunnudaginn",
];
const NN_WD: [&str; 7] = ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "søndag"];
const NB_WD: [&str; 7] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];

const IS_5_20: [&str; 16] = [
    "fimm",
    "sex",
    "sjö",
    "átta",
    "níu",
    "tíu",
    "ellefu",
    "tólf",
    "þrettán",
    "fjórtán",
    "fimmtán",
    "sextán",
    "sautján",
    "átján",
    "nítján",
    "tuttugu",
];
const NO_2_20: [&str; 19] = [
    "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv", "tretten",
    "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tjue",
];

/// Icelandic grammatical slot of a number word.
#[derive(Clone, Copy)]
enum Case {
    /// neuter accusative: "fjögur ár"
    NeutAcc,
    /// genitive: "fjögurra daga heimsókn"
    Gen,
    /// feminine accusative / nominative: "fjórar klukkustundir"
    Fem,
}

/// A number as a word where the language has a simple one (2–20, Icelandic inflected), else digits.
fn num_word(l: L, n: i64, case: Case) -> String {
    match l {
        L::Is => {
            let small = match (n, case) {
                (2, Case::NeutAcc) => Some("tvö"),
                (3, Case::NeutAcc) => Some("þrjú"),
                (4, Case::NeutAcc) => Some("fjögur"),
                (2, Case::Gen) => Some("tveggja"),
                (3, Case::Gen) => Some("þriggja"),
                (4, Case::Gen) => Some("fjögurra"),
                (2, Case::Fem) => Some("tvær"),
                (3, Case::Fem) => Some("þrjár"),
                (4, Case::Fem) => Some("fjórar"),
                _ => None,
            };
            if let Some(s) = small {
                return s.to_string();
            }
            if (5..=20).contains(&n) {
                return IS_5_20[(n - 5) as usize].to_string();
            }
            n.to_string()
        }
        L::Nn | L::Nb => {
            if (2..=20).contains(&n) {
                NO_2_20[(n - 2) as usize].to_string()
            } else {
                n.to_string()
            }
        }
    }
}

/// A number in words or digits (digits more often for larger numbers).
fn num(r: &mut Rng, l: L, n: i64, case: Case) -> String {
    if n <= 20 && r.chance(0.6) {
        num_word(l, n, case)
    } else {
        n.to_string()
    }
}

fn weekday_idx(d: Date) -> usize {
    d.weekday().to_monday_zero_offset() as usize
}

/// "12. september", "12. september 2023"
fn date_text(l: L, d: Date, with_year: bool) -> String {
    let m = match l {
        L::Is => IS_MONTHS[d.month() as usize - 1],
        L::Nn | L::Nb => NO_MONTHS[d.month() as usize - 1],
    };
    if with_year {
        format!("{}. {m} {}", d.day(), d.year())
    } else {
        format!("{}. {m}", d.day())
    }
}

/// "þriðjudaginn 12. september" — the weekday as given (a planted FL006 passes a wrong one).
fn weekday_date_text(l: L, d: Date, wd: usize, with_year: bool) -> String {
    let w = match l {
        L::Is => IS_WD_DEF[wd],
        L::Nn => NN_WD[wd],
        L::Nb => NB_WD[wd],
    };
    format!("{w} {}", date_text(l, d, with_year))
}

fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

fn add(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap_or(d)
}

/// When something happened or will happen, as a paper dated `pubd` would put it: "í gær", "i går",
/// a weekday, or a date. `force_rel`: always the relative phrase when the language has one.
fn when(r: &mut Rng, l: L, event: Date, pubd: Date, force_rel: bool) -> String {
    let delta = days_between(pubd, event);
    let rel = match (l, delta) {
        (L::Is, 0) => Some("í dag"),
        (L::Is, -1) => Some("í gær"),
        (L::Is, -2) => Some("í fyrradag"),
        (L::Is, 1) => Some("á morgun"),
        (L::Nn, 0) => Some("i dag"),
        (L::Nn, -1) => Some("i går"),
        (L::Nn, -2) => Some("i forgårs"),
        (L::Nn, 1) => Some("i morgon"),
        (L::Nb, 0) => Some("i dag"),
        (L::Nb, -1) => Some("i går"),
        (L::Nb, -2) => Some("i forgårs"),
        (L::Nb, 1) => Some("i morgen"),
        _ => None,
    };
    if force_rel {
        if let Some(s) = rel {
            return s.to_string();
        }
    }
    match rel {
        Some(s) if r.chance(0.7) => s.to_string(),
        _ if (-6..=-3).contains(&delta) && r.chance(0.5) => {
            let wd = weekday_idx(event);
            match l {
                L::Is => format!("á {}", IS_WD[wd]),
                L::Nn => NN_WD[wd].to_string(),
                L::Nb => NB_WD[wd].to_string(),
            }
        }
        _ => {
            let on = match l {
                L::Is => "",
                L::Nn | L::Nb => "den ",
            };
            if r.chance(0.3) {
                format!("{on}{}", weekday_date_text(l, event, weekday_idx(event), false))
            } else {
                format!("{on}{}", date_text(l, event, r.chance(0.3)))
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Invented names (unique by index: mixed-radix syllables)

const GIVEN: [&str; 32] = [
    "Marek", "Ilona", "Tomas", "Aino", "Darius", "Lena", "Viktor", "Sanna", "Oskar", "Mira",
    "Anton", "Irina", "Felix", "Nadia", "Pavel", "Ruta", "Emil", "Katja", "Jonas", "Vera", "Milan",
    "Alma", "Bruno", "Dana", "Elias", "Greta", "Hugo", "Ines", "Leon", "Maja", "Nils", "Olga",
];
const SYL_A: [&str; 24] = [
    "Dar", "Vel", "Kor", "Mis", "Tal", "Ber", "Lun", "Sor", "Gav", "Ren", "Pol", "Zan", "Hal",
    "Nor", "Vik", "Sel", "Mar", "Tor", "Bel", "Kas", "Dor", "Fen", "Gul", "Jar",
];
const SYL_B: [&str; 12] = ["an", "ov", "ek", "ar", "us", "al", "en", "ic", "at", "or", "el", "im"];
const SYL_C: [&str; 14] =
    ["in", "ov", "ek", "ard", "usk", "ani", "eno", "ic", "ath", "orn", "ela", "imo", "ust", "ix"];

fn invented(i: usize) -> String {
    let a = SYL_A[i % SYL_A.len()];
    let b = SYL_B[(i / SYL_A.len()) % SYL_B.len()];
    let c = SYL_C[(i / (SYL_A.len() * SYL_B.len())) % SYL_C.len()];
    format!("{a}{b}{c}")
}

const NAME_SPACE: usize = 24 * 12 * 14;

#[derive(Clone)]
struct Person {
    id: String,
    given: String,
    last: String,
    /// year of this person's previous trip abroad (all stories agree on it)
    last_trip: i16,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.given, self.last)
    }
    fn gen(&self) -> String {
        genitive(&self.last)
    }
}

fn genitive(s: &str) -> String {
    if s.ends_with('s') || s.ends_with('x') {
        s.to_string()
    } else {
        format!("{s}s")
    }
}

/// Host cities: (Icelandic nominative, Icelandic genitive, Norwegian).
const CITIES: [(&str, &str, &str); 10] = [
    ("Varsjá", "Varsjár", "Warszawa"),
    ("Tókýó", "Tókýó", "Tokyo"),
    ("Berlín", "Berlínar", "Berlin"),
    ("Róm", "Rómar", "Roma"),
    ("Vín", "Vínar", "Wien"),
    ("Prag", "Prag", "Praha"),
    ("Madríd", "Madrídar", "Madrid"),
    ("Aþenu", "Aþenu", "Athen"),
    ("Lissabon", "Lissabon", "Lisboa"),
    ("Búdapest", "Búdapest", "Budapest"),
];

// ------------------------------------------------------------------------------------------------
// Outlets

struct Outlet {
    name: &'static str,
    lang: L,
    /// file-name slug
    slug: &'static str,
    style: Style,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// the whole page on one line, "Nafn skrifar 12. september 2023 06:49", "Mest lesið … Sjá meira"
    Visir,
    /// paragraphs, photo credits
    Paper,
    /// NRK: "Hopp til innhold", photo credits, "AKTUELT NÅ" tail
    Nrk,
    /// "Publisert 13.09.2023 kl. 10.15"
    Stamp,
}

const OUTLETS: [Outlet; 8] = [
    Outlet { name: "Vísir", lang: L::Is, slug: "visir", style: Style::Visir },
    Outlet { name: "mbl.is", lang: L::Is, slug: "mbl", style: Style::Paper },
    Outlet { name: "RÚV", lang: L::Is, slug: "ruv", style: Style::Paper },
    Outlet { name: "NRK", lang: L::Nn, slug: "nrk", style: Style::Nrk },
    Outlet { name: "Bergens Tidende", lang: L::Nn, slug: "bt", style: Style::Paper },
    Outlet { name: "NTB", lang: L::Nb, slug: "ntb", style: Style::Stamp },
    Outlet { name: "VG", lang: L::Nb, slug: "vg", style: Style::Stamp },
    Outlet { name: "Dagbladet", lang: L::Nb, slug: "dagbladet", style: Style::Paper },
];

// ------------------------------------------------------------------------------------------------
// Stories

#[derive(Clone, Copy, PartialEq, Debug)]
enum Plant {
    None,
    /// FL002: another drone count
    Count,
    /// FL001 (+FL002): more shot down than sent
    PartExceedsWhole,
    /// FL002: another meeting length
    Hours,
    /// FL003: first in N±1 years
    Since,
    /// FL004 (+FL002): a visit length that the dates do not give
    Duration,
    /// FL005: a relative arrival day that points to the wrong day
    Relative,
    /// FL006: a weekday that is not the date's
    Weekday,
    /// FL007: a past event dated after publication
    AfterPublication,
    /// FL008: a paragraph printed twice with another number in the copy
    DuplicateVariant,
}

impl Plant {
    fn rules(self) -> &'static [&'static str] {
        match self {
            Plant::None => &[],
            Plant::Count => &["FL002"],
            Plant::PartExceedsWhole => &["FL001", "FL002"],
            Plant::Hours => &["FL002"],
            Plant::Since => &["FL003"],
            Plant::Duration => &["FL004", "FL002"],
            Plant::Relative => &["FL005", "FL004"],
            Plant::Weekday => &["FL006"],
            Plant::AfterPublication => &["FL007"],
            Plant::DuplicateVariant => &["FL008"],
        }
    }
}

const PLANTS: [Plant; 9] = [
    Plant::Count,
    Plant::PartExceedsWhole,
    Plant::Hours,
    Plant::Since,
    Plant::Duration,
    Plant::Relative,
    Plant::Weekday,
    Plant::AfterPublication,
    Plant::DuplicateVariant,
];

/// A state visit: the facts every source of the story shares.
struct Visit {
    person: Person,
    city: (&'static str, &'static str, &'static str),
    arrive: Date,
    days: i64,
    hours: i64,
    drones_sent: i64,
    drones_down: i64,
    drone_day: Date,
    qualifier: String,
}

impl Visit {
    fn leave(&self) -> Date {
        add(self.arrive, self.days - 1)
    }
}

/// An eruption near an invented place: no person; dates only.
struct Eruption {
    place: String,
    start: Date,
    years_quiet: i64,
}

/// What one document of a story says (after a plant, if any).
struct DocFacts {
    pubd: Date,
    plant: Plant,
}

/// One rendered article.
struct Article {
    outlet: &'static Outlet,
    published: Date,
    /// the manifest/JSONL date is left out (the dateline gives it)
    no_meta_date: bool,
    title: String,
    text: String,
    /// the planted text, if any
    planted: Option<String>,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// Filler: sentences without numbers, as most of a news article is.
const IS_FILL: [&str; 16] = [
    "Með {P} í för eru ráðherrar og ráðgjafar úr utanríkisþjónustunni.",
    "Gestgjafarnir tóku vel á móti sendinefndinni á flugvellinum.",
    "Að sögn talsmanns ráðuneytisins var andrúmsloftið á fundunum gott.",
    "Fjölmiðlar í {H} hafa fylgst grannt með heimsókninni.",
    "{S} ræddi einnig við fulltrúa atvinnulífsins og háskólanna.",
    "Mótmælendur söfnuðust saman fyrir utan þinghúsið en mótmælin fóru friðsamlega fram.",
    "Ekki liggur fyrir hvort samkomulag verði undirritað.",
    "Sérfræðingar segja að heimsóknin marki tímamót í samskiptum ríkjanna.",
    "Stjórnarandstaðan gagnrýndi ferðina harðlega á þingi.",
    "Utanríkisráðherrann sagði að samstarfið væri báðum þjóðum í hag.",
    "Öryggisgæsla í borginni hefur verið hert til muna.",
    "Viðræðurnar snerust meðal annars um orkumál og varnarmál.",
    "{S} lagði blómsveig að minnisvarða um fórnarlömb stríðsins.",
    "Blaðamannafundur var haldinn að loknum viðræðunum.",
    "Gagnrýnendur benda á að mannréttindamál hafi lítið verið rædd.",
    "Talsmaður stjórnarinnar vildi ekki tjá sig um einstök atriði.",
];
const NN_FILL: [&str; 16] = [
    "Med {P} på reisa er ministrar og rådgjevarar frå utanriksdepartementet.",
    "Vertskapet tok godt imot delegasjonen på flyplassen.",
    "Ifølgje talspersonen til departementet var stemninga på møta god.",
    "Media i {H} har fylgt vitjinga tett.",
    "{S} snakka òg med representantar for næringslivet og universiteta.",
    "Demonstrantar samla seg utanfor parlamentet, men alt gjekk roleg føre seg.",
    "Det er ikkje klart om det blir skrive under på ein avtale.",
    "Ekspertar meiner at vitjinga markerer eit vendepunkt i forholdet mellom landa.",
    "Opposisjonen kritiserte reisa hardt i parlamentet.",
    "Utanriksministeren sa at samarbeidet er til nytte for begge land.",
    "Tryggleiken i byen er skjerpa kraftig.",
    "Samtalane handla mellom anna om energi og forsvar.",
    "{S} la ned ein krans ved minnesmerket over krigsoffera.",
    "Det vart halde ein pressekonferanse etter samtalane.",
    "Kritikarar peikar på at menneskerettar knapt vart tekne opp.",
    "Talspersonen for regjeringa ville ikkje kommentere detaljane.",
];
const NB_FILL: [&str; 16] = [
    "Med {P} på reisen er ministre og rådgivere fra utenriksdepartementet.",
    "Vertskapet tok godt imot delegasjonen på flyplassen.",
    "Ifølge departementets talsperson var stemningen på møtene god.",
    "Mediene i {H} har fulgt besøket tett.",
    "{S} snakket også med representanter for næringslivet og universitetene.",
    "Demonstranter samlet seg utenfor parlamentet, men alt foregikk rolig.",
    "Det er ikke klart om det blir undertegnet en avtale.",
    "Eksperter mener at besøket markerer et vendepunkt i forholdet mellom landene.",
    "Opposisjonen kritiserte reisen kraftig i parlamentet.",
    "Utenriksministeren sa at samarbeidet er til nytte for begge land.",
    "Sikkerheten i byen er kraftig skjerpet.",
    "Samtalene handlet blant annet om energi og forsvar.",
    "{S} la ned en krans ved minnesmerket over krigens ofre.",
    "Det ble holdt en pressekonferanse etter samtalene.",
    "Kritikere peker på at menneskerettigheter knapt ble tatt opp.",
    "Regjeringens talsperson ville ikke kommentere detaljene.",
];
const IS_ERUPT_FILL: [&str; 8] = [
    "Almannavarnir fylgjast grannt með stöðunni.",
    "Hraunið rennur til suðurs og ógnar ekki byggð að svo stöddu.",
    "Veðurstofan varar fólk við að fara nálægt gosstöðvunum.",
    "Vegum í grenndinni hefur verið lokað.",
    "Jarðvísindamenn segja of snemmt að segja til um framhaldið.",
    "Gasmengun gæti borist yfir byggð ef vindátt breytist.",
    "Íbúar í nágrenninu fengu að vitja heimila sinna í fylgd björgunarsveita.",
    "Sprungan hefur lengst nokkuð frá því að gosið hófst.",
];
const NN_ERUPT_FILL: [&str; 8] = [
    "Styresmaktene fylgjer situasjonen tett.",
    "Lavaen renn mot sør og trugar ikkje busetnad enno.",
    "Meteorologane åtvarar folk mot å gå nær krateret.",
    "Vegar i nærleiken er stengde.",
    "Geologar seier det er for tidleg å seie kva som skjer vidare.",
    "Gass kan driva inn over busetnaden om vinden snur.",
    "Bebuarar i nærleiken fekk hente eigedelar med hjelp frå redningsmannskap.",
    "Sprekka har vorte lengre sidan utbrotet tok til.",
];
const NB_ERUPT_FILL: [&str; 8] = [
    "Myndighetene følger situasjonen tett.",
    "Lavaen renner sørover og truer ikke bebyggelse foreløpig.",
    "Meteorologene advarer folk mot å gå nær krateret.",
    "Veier i nærheten er stengt.",
    "Geologer sier det er for tidlig å si hva som skjer videre.",
    "Gass kan drive inn over bebyggelsen om vinden snur.",
    "Beboere i nærheten fikk hente eiendeler med hjelp fra redningsmannskaper.",
    "Sprekken har blitt lengre siden utbruddet startet.",
];

// Sidebars: unrelated headlines full of numbers, which the stripper must remove.
const IS_SIDEBAR: [&str; 10] = [
    "Þrír slasaðir í árekstri á Reykjanesbraut Innlent",
    "Segja upp 14 starfsmönnum á Akureyri Innlent",
    "Tveir drónar féllu til jarðar Erlent",
    "Fimm daga verkfalli lokið Innlent",
    "Bæjarstjórn greiðir 850 milljónir í bætur Innlent",
    "Rúmlega 200 manns mótmæltu við Alþingi Innlent",
    "Sex daga opinberri heimsókn forsetans lokið Erlent",
    "Tugir látnir í flóðum Erlent",
    "Flugi aflýst vegna óveðurs Innlent",
    "Kosið var 30. nóvember og úrslitin liggja fyrir Innlent",
];
const NO_SIDEBAR: [&str; 8] = [
    "12 skadde i bussulukke på E6",
    "Tre personar sakna etter ras",
    "Straumprisen ned 40 prosent",
    "Snøstorm stengde fjellovergang i 8 timar",
    "Tre av fire nordmenn vil ha sommartid heile året",
    "To døde i brann i natt",
    "Fem dagar med streik er over",
    "Over 300 evakuerte etter flaum",
];

/// A relative phrase (or weekday) that points one day off `event`, as a paper dated `pubd` would
/// write it.
fn wrong_relative(r: &mut Rng, l: L, event: Date, pubd: Date) -> String {
    let mut d = add(event, if r.chance(0.5) { 1 } else { -1 });
    if d == event {
        d = add(event, 1);
    }
    let delta = days_between(pubd, d);
    if (-2..=1).contains(&delta) {
        return when(r, l, d, pubd, true);
    }
    let wd = weekday_idx(d);
    match l {
        L::Is => format!("á {}", IS_WD[wd]),
        L::Nn => NN_WD[wd].to_string(),
        L::Nb => NB_WD[wd].to_string(),
    }
}

/// Every filler sentence of the language, shuffled (a document uses each at most once).
fn fill_shuffled(r: &mut Rng, l: L, v: Option<&Visit>) -> Vec<String> {
    let n = match v {
        Some(_) => IS_FILL.len(),
        None => IS_ERUPT_FILL.len(),
    };
    let mut idx: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        idx.swap(i, r.below(i as u64 + 1) as usize);
    }
    idx.into_iter()
        .map(|i| {
            let t = match (l, v) {
                (L::Is, Some(_)) => IS_FILL[i],
                (L::Nn, Some(_)) => NN_FILL[i],
                (L::Nb, Some(_)) => NB_FILL[i],
                (L::Is, None) => IS_ERUPT_FILL[i],
                (L::Nn, None) => NN_ERUPT_FILL[i],
                (L::Nb, None) => NB_ERUPT_FILL[i],
            };
            match v {
                Some(v) => t
                    .replace("{P}", &v.person.full())
                    .replace("{S}", &v.person.last)
                    .replace("{H}", if l == L::Is { v.city.0 } else { v.city.2 }),
                None => t.to_string(),
            }
        })
        .collect()
}

/// The fact sentences of a visit as one document states them. Returns (sentences, planted text).
fn visit_sentences(r: &mut Rng, l: L, v: &Visit, f: &DocFacts) -> (Vec<String>, Option<String>) {
    let p = &v.person;
    let (full, last, gen) = (p.full(), p.last.clone(), p.gen());
    let city = if l == L::Is { v.city.0 } else { v.city.2 };
    let mut out = Vec::new();
    let mut planted = None;
    let pubd = f.pubd;

    // arrival
    {
        let (arrive, w) = match f.plant {
            Plant::AfterPublication => {
                let d = add(pubd, r.range(2, 5));
                (d, format!("{}{}", if l == L::Is { "" } else { "den " }, date_text(l, d, true)))
            }
            Plant::Weekday => {
                let wd = (weekday_idx(v.arrive) + r.range(1, 6) as usize) % 7;
                (v.arrive, weekday_date_text(l, v.arrive, wd, true))
            }
            _ => (v.arrive, when(r, l, v.arrive, pubd, false)),
        };
        let _ = arrive;
        let s = match (l, r.below(2)) {
            (L::Is, 0) => format!("{full} kom til {city} {w} ásamt fylgdarliði."),
            (L::Is, _) => format!("{cap} kom {full} til {city}.", cap = cap(&w)),
            (L::Nn, 0) => format!("{full} kom til {city} {w} saman med eit stort fylgje."),
            (L::Nn, _) => format!("{cap} kom {full} til {city}.", cap = cap(&w)),
            (L::Nb, 0) => format!("{full} kom til {city} {w} sammen med et stort følge."),
            (L::Nb, _) => format!("{cap} kom {full} til {city}.", cap = cap(&w)),
        };
        if matches!(f.plant, Plant::AfterPublication | Plant::Weekday) {
            planted = Some(w.clone());
        }
        out.push(s);
    }

    // visit length
    if r.chance(0.8) || f.plant == Plant::Duration {
        let days = if f.plant == Plant::Duration {
            v.days + if r.chance(0.5) { 1 } else { -1 }
        } else {
            v.days
        };
        let leave = v.leave();
        let future = leave > pubd;
        let wl = if f.plant == Plant::Relative {
            let w = wrong_relative(r, l, leave, pubd);
            planted = Some(w.clone());
            w
        } else {
            when(r, l, leave, pubd, false)
        };
        let s = match (l, future) {
            (L::Is, true) => format!(
                "{last} mun yfirgefa {city} {wl} að lokinni {} daga heimsókn.",
                num(r, l, days, Case::Gen)
            ),
            (L::Is, false) => format!(
                "{last} yfirgaf {city} {wl} að lokinni {} daga heimsókn.",
                num(r, l, days, Case::Gen)
            ),
            (L::Nn, true) => format!(
                "Avreisa til {last} skal vere {wl}, etter ei vitjing på {} dagar.",
                num(r, l, days, Case::Gen)
            ),
            (L::Nn, false) => format!(
                "{last} reiste heim frå {city} {wl} etter ei vitjing på {} dagar.",
                num(r, l, days, Case::Gen)
            ),
            (L::Nb, true) => format!(
                "Avreisen til {last} skal etter planen være {wl}, etter et besøk på {} dager.",
                num(r, l, days, Case::Gen)
            ),
            (L::Nb, false) => format!(
                "{last} reiste hjem fra {city} {wl} etter et besøk på {} dager.",
                num(r, l, days, Case::Gen)
            ),
        };
        if f.plant == Plant::Duration {
            planted = Some(format!("{days} days"));
        }
        out.push(s);
    }

    // meeting length
    if r.chance(0.6) || f.plant == Plant::Hours {
        let h = if f.plant == Plant::Hours { v.hours + 1 } else { v.hours };
        let s = match l {
            L::Is => format!(
                "Fundur {gen} með forsætisráðherranum stóð í {} klukkustundir.",
                num(r, l, h, Case::Fem)
            ),
            L::Nn => format!(
                "Møtet mellom {last} og statsministeren varte i {} timar.",
                num(r, l, h, Case::Fem)
            ),
            L::Nb => format!(
                "Møtet mellom {last} og statsministeren varte i {} timer.",
                num(r, l, h, Case::Fem)
            ),
        };
        if f.plant == Plant::Hours {
            planted = Some(format!("{h} hours"));
        }
        out.push(s);
    }

    // drones shot down: part of whole, with the system's name
    if r.chance(0.7)
        || matches!(f.plant, Plant::Count | Plant::PartExceedsWhole | Plant::DuplicateVariant)
    {
        let down = match f.plant {
            Plant::Count => {
                v.drones_down
                    + r.range(1, 3)
                        * if v.drones_down + 3 < v.drones_sent && r.chance(0.5) { 1 } else { -1 }
            }
            Plant::PartExceedsWhole => v.drones_sent + r.range(1, 3),
            _ => v.drones_down,
        };
        let q = &v.qualifier;
        let w = when(r, l, v.drone_day, pubd, false);
        let s = match l {
            L::Is => format!("Loftvarnir skutu niður {down} af {} {q}-drónum sem sendir voru að borginni {w}, að sögn {gen}.", v.drones_sent),
            L::Nn => format!("Luftvernet skaut ned {down} av {} {q}-dronar som vart sende mot byen {w}, seier {last}.", v.drones_sent),
            L::Nb => format!("Luftvernet skjøt ned {down} av {} {q}-droner som ble sendt mot byen {w}, sier {last}.", v.drones_sent),
        };
        if matches!(f.plant, Plant::Count | Plant::PartExceedsWhole) {
            planted = Some(format!("{down} of {}", v.drones_sent));
        }
        out.push(s);
    }

    // first trip in N years / since YEAR
    {
        let n = i64::from(pubd.year() - p.last_trip)
            + if f.plant == Plant::Since {
                if r.chance(0.5) {
                    1
                } else {
                    -1
                }
            } else {
                0
            };
        let s = if r.chance(0.6) || f.plant == Plant::Since {
            match l {
                L::Is => format!(
                    "Þetta er fyrsta utanlandsferð {gen} í {} ár.",
                    num(r, l, n, Case::NeutAcc)
                ),
                L::Nn => format!(
                    "Det er den første utanlandsreisa til {last} på {} år.",
                    num(r, l, n, Case::NeutAcc)
                ),
                L::Nb => format!(
                    "Det er {gen} første utenlandsreise på {} år.",
                    num(r, l, n, Case::NeutAcc)
                ),
            }
        } else {
            let y = p.last_trip;
            match l {
                L::Is => format!("{last} hefur ekki farið úr landi síðan {y}."),
                L::Nn => format!("{last} har ikkje vore utanlands sidan {y}."),
                L::Nb => format!("{last} har ikke vært utenlands siden {y}."),
            }
        };
        if f.plant == Plant::Since {
            planted = Some(format!("{n} years"));
        }
        out.push(s);
    }
    (out, planted)
}

fn eruption_sentences(r: &mut Rng, l: L, e: &Eruption, pubd: Date) -> Vec<String> {
    let w = when(r, l, e.start, pubd, false);
    let place = &e.place;
    let mut out = vec![match l {
        L::Is => format!("Eldgos hófst við {place} {w}."),
        L::Nn => format!("Eit vulkanutbrot tok til ved {place} {w}."),
        L::Nb => format!("Et vulkanutbrudd startet ved {place} {w}."),
    }];
    if r.chance(0.6) {
        let n = i64::from(pubd.year()) - e.years_quiet;
        out.push(match l {
            L::Is => {
                format!("Þetta er fyrsta gosið á svæðinu í {} ár.", num(r, l, n, Case::NeutAcc))
            }
            L::Nn => format!(
                "Det er det første utbrotet i området på {} år.",
                num(r, l, n, Case::NeutAcc)
            ),
            L::Nb => format!(
                "Det er det første utbruddet i området på {} år.",
                num(r, l, n, Case::NeutAcc)
            ),
        });
    }
    out
}

/// Assemble an article: title, dateline, paragraphs, furniture.
fn render(
    r: &mut Rng,
    o: &'static Outlet,
    pubd: Date,
    title: String,
    facts: Vec<String>,
    v: Option<&Visit>,
    dup_variant: Option<(String, String)>,
) -> Article {
    let l = o.lang;
    // interleave facts with filler sentences; 2-3 sentences a paragraph
    let mut sents: Vec<String> = Vec::new();
    let mut fillers = fill_shuffled(r, l, v);
    let per_fact = if v.is_some() { 3 } else { 4 };
    for f in facts {
        sents.push(f);
        for _ in 0..r.range(1, per_fact) {
            sents.extend(fillers.pop());
        }
    }
    for _ in 0..r.range(0, 3) {
        sents.extend(fillers.pop());
    }
    let mut paras: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sents.len() {
        let n = (r.range(1, 3) as usize).min(sents.len() - i);
        paras.push(sents[i..i + n].join(" "));
        i += n;
    }
    if let Some((orig, variant)) = dup_variant {
        paras.push(orig);
        paras.extend(fillers.pop());
        paras.push(variant);
    }
    // a body printed twice (scraped pages do that), folded by the segmenter
    if o.style != Style::Visir && r.chance(0.08) && paras.len() > 2 {
        let copy: Vec<String> = paras[..2].to_vec();
        paras.extend(copy);
    }
    let hh = r.range(6, 22);
    let mm = r.range(0, 59);
    let no_meta_date = r.chance(0.1);
    let mut text = String::with_capacity(4096);
    match o.style {
        Style::Visir => {
            let author =
                format!("{} {}", r.pick(&GIVEN), invented(r.below(NAME_SPACE as u64) as usize));
            let _ = write!(
                text,
                "{title} {author} skrifar {} {hh:02}:{mm:02} ",
                date_text(l, pubd, true)
            );
            text.push_str(&paras.join(" "));
            if r.chance(0.7) {
                text.push_str(" Mest lesið ");
                for _ in 0..5 {
                    let s = *r.pick(&IS_SIDEBAR);
                    text.push_str(s);
                    text.push(' ');
                }
                text.push_str("Sjá meira");
            }
            text.push('\n');
        }
        Style::Nrk => {
            text.push_str("Hopp til innhold\n\n");
            let _ = write!(text, "{title}\n\n");
            if no_meta_date {
                let _ = write!(
                    text,
                    "Publisert {:02}.{:02}.{} kl. {hh:02}.{mm:02}\n\n",
                    pubd.day(),
                    pubd.month(),
                    pubd.year()
                );
            }
            for (k, p) in paras.iter().enumerate() {
                text.push_str(p);
                text.push_str("\n\n");
                if k == 1 && r.chance(0.5) {
                    let _ = write!(
                        text,
                        "Foto: {} / NTB, {:02}.{:02}.{}\n\n",
                        invented(r.below(NAME_SPACE as u64) as usize),
                        pubd.day(),
                        pubd.month(),
                        pubd.year()
                    );
                }
            }
            if r.chance(0.6) {
                text.push_str("AKTUELT NÅ\n\n");
                for _ in 0..4 {
                    let s = *r.pick(&NO_SIDEBAR);
                    text.push_str(s);
                    text.push_str("\n\n");
                }
            }
        }
        Style::Stamp => {
            let _ = write!(
                text,
                "{title}\n\nPublisert {:02}.{:02}.{} kl. {hh:02}.{mm:02}\n\n",
                pubd.day(),
                pubd.month(),
                pubd.year()
            );
            for p in &paras {
                text.push_str(p);
                text.push_str("\n\n");
            }
            if r.chance(0.4) {
                text.push_str("Les også: ");
                let s = *r.pick(&NO_SIDEBAR);
                text.push_str(s);
                text.push('\n');
            }
        }
        Style::Paper => {
            let _ = write!(text, "{title}\n\n");
            if no_meta_date {
                let _ = write!(text, "{}\n\n", date_text(l, pubd, true));
            }
            for p in &paras {
                text.push_str(p);
                text.push_str("\n\n");
            }
            if r.chance(0.3) {
                let credit = if l == L::Is { "Mynd:" } else { "Foto:" };
                let _ =
                    writeln!(text, "{credit} {}", invented(r.below(NAME_SPACE as u64) as usize));
            }
        }
    }
    Article { outlet: o, published: pubd, no_meta_date, title, text, planted: None }
}

fn visit_title(l: L, v: &Visit) -> String {
    match l {
        L::Is => format!("{} kominn til {}", v.person.full(), v.city.0),
        L::Nn => format!("{} har kome til {}", v.person.last, v.city.2),
        L::Nb => format!("{} har kommet til {}", v.person.last, v.city.2),
    }
}

fn eruption_title(l: L, e: &Eruption) -> String {
    match l {
        L::Is => format!("Eldgos hafið við {}", e.place),
        L::Nn => format!("Utbrot ved {}", e.place),
        L::Nb => format!("Utbrudd ved {}", e.place),
    }
}

// ------------------------------------------------------------------------------------------------
// Output

struct Args {
    mb: f64,
    out: PathBuf,
    jsonl: bool,
    plain: bool,
    seed: u64,
    conflict_rate: f64,
}

fn parse_args() -> Res<Args> {
    let mut a = Args {
        mb: 10.0,
        out: PathBuf::from("/tmp/factlint-gen"),
        jsonl: false,
        plain: false,
        seed: 1,
        conflict_rate: 0.05,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{k} needs a value"));
        match k.as_str() {
            "--mb" => a.mb = val()?.parse()?,
            "--out" => a.out = PathBuf::from(val()?),
            "--seed" => a.seed = val()?.parse()?,
            "--conflict-rate" => a.conflict_rate = val()?.parse()?,
            "--jsonl" => a.jsonl = true,
            "--plain" => a.plain = true,
            "-h" | "--help" => {
                println!("gen_corpus --mb N --out DIR [--jsonl | --plain] [--seed S] [--conflict-rate R]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`").into()),
        }
    }
    Ok(a)
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

enum Sink {
    Txt {
        root: PathBuf,
        folder: usize,
        in_folder: usize,
        manifest: Option<std::io::BufWriter<std::fs::File>>,
    },
    Jsonl {
        w: std::io::BufWriter<std::fs::File>,
        line: usize,
    },
    Plain {
        w: Vec<std::io::BufWriter<std::fs::File>>,
    },
}

impl Sink {
    /// Write an article; returns (path relative to the output folder, JSONL line).
    fn write(&mut self, idx: usize, a: &Article) -> Res<(String, Option<usize>)> {
        let published = if a.no_meta_date { None } else { Some(a.published.to_string()) };
        match self {
            Sink::Txt { root, folder, in_folder, manifest } => {
                if manifest.is_none() || *in_folder >= 1000 {
                    if let Some(m) = manifest.as_mut() {
                        m.flush()?;
                    }
                    *folder += 1;
                    *in_folder = 0;
                    let dir = root.join(format!("s{:04}", *folder));
                    std::fs::create_dir_all(&dir)?;
                    *manifest = Some(std::io::BufWriter::new(std::fs::File::create(
                        dir.join("manifest.jsonl"),
                    )?));
                }
                *in_folder += 1;
                let name = format!("{idx:07}_{}.txt", a.outlet.slug);
                let rel = format!("corpus/s{:04}/{name}", *folder);
                std::fs::write(root.join(format!("s{:04}", *folder)).join(&name), &a.text)?;
                if let Some(m) = manifest.as_mut() {
                    let mut line = format!(
                        "{{\"path\":{},\"outlet\":{},\"lang\":\"{}\"",
                        json_str(&name),
                        json_str(a.outlet.name),
                        a.outlet.lang.code()
                    );
                    if let Some(p) = published {
                        let _ = write!(line, ",\"published\":\"{p}\"");
                    }
                    line.push_str("}\n");
                    m.write_all(line.as_bytes())?;
                }
                Ok((rel, None))
            }
            Sink::Jsonl { w, line } => {
                *line += 1;
                let mut s = format!(
                    "{{\"id\":\"gen-{idx}\",\"source_domain\":{},\"language\":\"{}\"",
                    json_str(a.outlet.name),
                    a.outlet.lang.code()
                );
                if let Some(p) = published {
                    let _ = write!(s, ",\"date_publish\":\"{p}\"");
                }
                let _ = writeln!(
                    s,
                    ",\"title\":{},\"maintext\":{}}}",
                    json_str(&a.title),
                    json_str(&a.text)
                );
                w.write_all(s.as_bytes())?;
                Ok(("corpus.jsonl".into(), Some(*line)))
            }
            Sink::Plain { .. } => Ok((String::new(), None)),
        }
    }
    fn finish(&mut self) -> Res<()> {
        match self {
            Sink::Txt { manifest: Some(m), .. } => m.flush()?,
            Sink::Jsonl { w, .. } => w.flush()?,
            Sink::Plain { w } => {
                for f in w {
                    f.flush()?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

const BUILTIN_ENTITIES: &str = include_str!("../../../rules/entities.toml");

fn main() -> Res<()> {
    let a = parse_args()?;
    let target = (a.mb * 1_000_000.0) as u64;
    std::fs::create_dir_all(&a.out)?;
    let mut rng = Rng(a.seed ^ 0x5EED_F00D);
    // about 15 KB of text a story: persons so that each gets a story a month
    let est_stories = (target / 15_000).max(1) as usize;
    let n_persons = (est_stories / 4).clamp(20, NAME_SPACE);
    let persons: Vec<Person> = (0..n_persons)
        .map(|i| {
            let last = invented(i * 7919 % NAME_SPACE);
            Person {
                id: format!("gen_{}", last.to_lowercase()),
                given: GIVEN[i % GIVEN.len()].to_string(),
                last,
                last_trip: 2005 + (i % 15) as i16,
            }
        })
        .collect();
    let rules_dir = a.out.join("rules");
    std::fs::create_dir_all(&rules_dir)?;
    {
        let mut ent = String::from(BUILTIN_ENTITIES);
        ent.push_str("\n# ---- invented people of the generated stories (gen_corpus)\n");
        for p in &persons {
            let full = p.full();
            let _ = write!(
                ent,
                "\n[{}]\ntype = \"person\"\nforms = [{}, {}, {}, {}]\n",
                p.id,
                json_str(&full),
                json_str(&format!("{} {}", genitive(&p.given), p.gen())),
                json_str(&p.last),
                json_str(&p.gen())
            );
        }
        std::fs::write(rules_dir.join("entities.toml"), ent)?;
    }

    let mut sink = if a.plain {
        Sink::Plain {
            w: ["is", "nn", "nb"]
                .iter()
                .map(|l| {
                    std::fs::File::create(a.out.join(format!("{l}.txt")))
                        .map(std::io::BufWriter::new)
                })
                .collect::<Result<Vec<_>, _>>()?,
        }
    } else if a.jsonl {
        Sink::Jsonl {
            w: std::io::BufWriter::new(std::fs::File::create(a.out.join("corpus.jsonl"))?),
            line: 0,
        }
    } else {
        let root = a.out.join("corpus");
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        std::fs::create_dir_all(&root)?;
        Sink::Txt { root, folder: 0, in_folder: 0, manifest: None }
    };
    let mut truth = std::io::BufWriter::new(std::fs::File::create(a.out.join("truth.jsonl"))?);

    let base = Date::new(2016, 1, 4)?;
    let mut written: u64 = 0;
    let mut docs = 0usize;
    let mut story = 0usize;
    let mut planted_n = 0usize;
    while written < target {
        let person = &persons[story % n_persons];
        let round = (story / n_persons) as i64;
        let start = add(base, round * 75 + rng.range(0, 4));
        let conflict = rng.chance(a.conflict_rate);
        let n_docs = rng.range(3, 7) as usize;
        let mut outlets: Vec<&'static Outlet> = (0..n_docs).map(|_| rng.pick(&OUTLETS)).collect();
        let mut articles: Vec<Article> = Vec::with_capacity(n_docs);
        let mut plant = Plant::None;
        if rng.chance(0.15) {
            // eruption near an invented place
            let e = Eruption {
                place: format!("{}fell", invented((story * 31 + 17) % NAME_SPACE)),
                start,
                years_quiet: 2010,
            };
            for o in &outlets {
                let pubd = add(start, rng.range(0, 3));
                let facts = eruption_sentences(&mut rng, o.lang, &e, pubd);
                let art = render(&mut rng, o, pubd, eruption_title(o.lang, &e), facts, None, None);
                articles.push(art);
            }
        } else {
            let days = rng.range(2, 7);
            let sent = rng.range(20, 90);
            let v = Visit {
                person: person.clone(),
                city: *rng.pick(&CITIES),
                arrive: start,
                days,
                hours: rng.range(2, 5),
                drones_sent: sent,
                drones_down: rng.range(sent / 2, sent - 1),
                drone_day: add(start, -1),
                qualifier: invented((story * 13 + 5) % NAME_SPACE),
            };
            if conflict {
                plant = *rng.pick(&PLANTS);
                // two sources in the same language at least, so the majority is clear
                if outlets.len() < 4 {
                    outlets.push(rng.pick(&OUTLETS));
                }
            }
            let victim =
                if conflict { rng.below(outlets.len() as u64) as usize } else { usize::MAX };
            for (k, o) in outlets.iter().enumerate() {
                let pubd = add(start, rng.range(0, days));
                let p = if k == victim && plant != Plant::DuplicateVariant {
                    plant
                } else {
                    Plant::None
                };
                let f = DocFacts { pubd, plant: p };
                let (facts, planted) = visit_sentences(&mut rng, o.lang, &v, &f);
                let dup = if k == victim && plant == Plant::DuplicateVariant {
                    let orig = match o.lang {
                        L::Is => format!("Alls voru {} {}-drónar sendir að borginni á meðan á heimsókninni stóð.", v.drones_sent, v.qualifier),
                        L::Nn => format!("Totalt vart {} {}-dronar sende mot byen medan vitjinga varte.", v.drones_sent, v.qualifier),
                        L::Nb => format!("Totalt ble {} {}-droner sendt mot byen mens besøket pågikk.", v.drones_sent, v.qualifier),
                    };
                    let changed = v.drones_sent + rng.range(1, 9);
                    let var = orig.replacen(&v.drones_sent.to_string(), &changed.to_string(), 1);
                    Some((orig, var))
                } else {
                    None
                };
                let planted = if dup.is_some() {
                    Some(format!(
                        "{} vs {}",
                        v.drones_sent,
                        dup.as_ref().map(|d| d.1.clone()).unwrap_or_default()
                    ))
                } else {
                    planted
                };
                let mut art =
                    render(&mut rng, o, pubd, visit_title(o.lang, &v), facts, Some(&v), dup);
                if k == victim {
                    art.planted = planted;
                }
                articles.push(art);
            }
        }
        for art in &articles {
            if let Sink::Plain { w } = &mut sink {
                let i = match art.outlet.lang {
                    L::Is => 0,
                    L::Nn => 1,
                    L::Nb => 2,
                };
                // body text only: drop furniture lines and the Vísir sidebar
                let body = art.text.split(" Mest lesið ").next().unwrap_or("");
                let mut out = String::new();
                for line in body.lines() {
                    let t = line.trim();
                    if t.is_empty()
                        || t.starts_with("Foto:")
                        || t.starts_with("Mynd:")
                        || t.starts_with("Publisert")
                        || t == "Hopp til innhold"
                        || t.starts_with("Les også")
                    {
                        continue;
                    }
                    if t == "AKTUELT NÅ" {
                        break;
                    }
                    out.push_str(t);
                    out.push_str("\n\n");
                }
                w[i].write_all(out.as_bytes())?;
                written += out.len() as u64;
            } else {
                let (path, line) = sink.write(docs, art)?;
                written += art.text.len() as u64;
                if let Some(pl) = &art.planted {
                    planted_n += 1;
                    let mut t = format!(
                        "{{\"story\":{story},\"rules\":{},\"kind\":\"{:?}\",\"path\":{}",
                        serde_json::to_string(plant.rules()).unwrap_or_default(),
                        plant,
                        json_str(&path)
                    );
                    if let Some(n) = line {
                        let _ = write!(t, ",\"line\":{n}");
                    }
                    let _ = writeln!(
                        t,
                        ",\"outlet\":{},\"lang\":\"{}\",\"published\":\"{}\",\"planted\":{}}}",
                        json_str(art.outlet.name),
                        art.outlet.lang.code(),
                        art.published,
                        json_str(pl)
                    );
                    truth.write_all(t.as_bytes())?;
                }
            }
            docs += 1;
        }
        story += 1;
    }
    sink.finish()?;
    truth.flush()?;
    let stats = format!(
        "{{\"bytes\":{written},\"documents\":{docs},\"stories\":{story},\"persons\":{n_persons},\"planted\":{planted_n},\"seed\":{},\"conflict_rate\":{}}}\n",
        a.seed, a.conflict_rate
    );
    std::fs::write(a.out.join("stats.json"), &stats)?;
    eprint!("{}: {stats}", a.out.display());
    Ok(())
}
