//! Claims and document metadata to and from their stored JSON. The pipeline's types only
//! serialize, so reading them back goes through mirror types here; an exhaustive conversion makes
//! a new field or variant in the model a compile error in this file rather than a silent loss.

use jiff::civil::Date;
use serde::Deserialize;

use crate::claims::{Claim, ClaimKind, DateForm, DateInfo, Interval, Precision, SinceForm, SinceInfo};
use crate::corpus::{DateSource, LangSource};
use crate::lang::{Phase, TimeUnit};
use crate::report::DocMeta;

/// A claim as stored: its JSON without nulls, empty lists, `false` and the run-local `doc`.
pub fn encode_claim(c: &Claim) -> serde_json::Result<String> {
    let mut v = serde_json::to_value(c)?;
    if let serde_json::Value::Object(m) = &mut v {
        m.remove("doc");
        m.retain(|_, x| !(x.is_null() || x == &serde_json::Value::Bool(false) || x.as_array().is_some_and(Vec::is_empty)));
    }
    serde_json::to_string(&v)
}

pub fn decode_claim(s: &str, doc: u32) -> serde_json::Result<Claim> {
    let r: ClaimDe = serde_json::from_str(s)?;
    Ok(r.into_claim(doc))
}

pub fn encode_meta(d: &DocMeta) -> serde_json::Result<String> {
    serde_json::to_string(d)
}

pub fn decode_meta(s: &str) -> serde_json::Result<DocMeta> {
    let m: DocMetaDe = serde_json::from_str(s)?;
    Ok(DocMeta {
        path: m.path,
        line: m.line,
        outlet: m.outlet,
        lang: m.lang,
        lang_source: match m.lang_source {
            LangSourceDe::Metadata => LangSource::Metadata,
            LangSourceDe::Detected => LangSource::Detected,
            LangSourceDe::Default => LangSource::Default,
        },
        published: m.published,
        published_source: match m.published_source {
            DateSourceDe::Metadata => DateSource::Metadata,
            DateSourceDe::Dateline => DateSource::Dateline,
            DateSourceDe::CommandLine => DateSource::CommandLine,
            DateSourceDe::Unknown => DateSource::Unknown,
        },
        claims: m.claims,
        sentences: m.sentences,
        folded: m.folded,
        stripped_bytes: m.stripped_bytes,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum LangSourceDe {
    Metadata,
    Detected,
    Default,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DateSourceDe {
    Metadata,
    Dateline,
    CommandLine,
    Unknown,
}

#[derive(Deserialize)]
struct DocMetaDe {
    path: String,
    line: Option<usize>,
    outlet: Option<String>,
    lang: String,
    lang_source: LangSourceDe,
    published: Option<Date>,
    published_source: DateSourceDe,
    claims: usize,
    sentences: usize,
    folded: usize,
    stripped_bytes: usize,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindDe {
    Count,
    PartOfWhole,
    Duration,
    Date,
    Since,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum PrecisionDe {
    Day,
    Week,
    Month,
    Year,
    Range,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DateFormDe {
    Absolute,
    Partial,
    Relative,
    Weekday,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SinceFormDe {
    FirstInYears,
    SinceYear,
    LastInYear,
}

#[derive(Deserialize)]
struct IntervalDe {
    start: Date,
    end: Date,
}

#[derive(Deserialize)]
struct DateInfoDe {
    form: DateFormDe,
    precision: PrecisionDe,
    #[serde(default)]
    resolved: Option<IntervalDe>,
    #[serde(default)]
    weekday: Option<u8>,
}

#[derive(Deserialize)]
struct SinceInfoDe {
    form: SinceFormDe,
    #[serde(default)]
    years: Option<f64>,
    #[serde(default)]
    year: Option<i16>,
}

#[derive(Deserialize)]
struct ClaimDe {
    kind: KindDe,
    value: f64,
    #[serde(default)]
    whole: Option<f64>,
    #[serde(default)]
    approx: bool,
    #[serde(default)]
    unit: Option<TimeUnit>,
    #[serde(default)]
    concept: Option<String>,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    phase: Option<Phase>,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    noun: Option<String>,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    persons: Vec<String>,
    #[serde(default)]
    principal: Option<String>,
    start: usize,
    end: usize,
    sentence_start: usize,
    sentence_end: usize,
    sentence: u32,
    #[serde(default)]
    twin_of: Option<u32>,
    ordinal: u16,
    #[serde(default)]
    future: bool,
    text: String,
    lang: String,
    #[serde(default)]
    date: Option<DateInfoDe>,
    #[serde(default)]
    since: Option<SinceInfoDe>,
}

impl ClaimDe {
    fn into_claim(self, doc: u32) -> Claim {
        let ClaimDe {
            kind,
            value,
            whole,
            approx,
            unit,
            concept,
            family,
            phase,
            qualifier,
            noun,
            entities,
            persons,
            principal,
            start,
            end,
            sentence_start,
            sentence_end,
            sentence,
            twin_of,
            ordinal,
            future,
            text,
            lang,
            date,
            since,
        } = self;
        Claim {
            doc,
            kind: match kind {
                KindDe::Count => ClaimKind::Count,
                KindDe::PartOfWhole => ClaimKind::PartOfWhole,
                KindDe::Duration => ClaimKind::Duration,
                KindDe::Date => ClaimKind::Date,
                KindDe::Since => ClaimKind::Since,
            },
            value,
            whole,
            approx,
            unit,
            concept,
            family,
            phase,
            qualifier,
            noun,
            entities,
            persons,
            principal,
            start,
            end,
            sentence_start,
            sentence_end,
            sentence,
            twin_of,
            ordinal,
            future,
            text,
            lang,
            date: date.map(|d| DateInfo {
                form: match d.form {
                    DateFormDe::Absolute => DateForm::Absolute,
                    DateFormDe::Partial => DateForm::Partial,
                    DateFormDe::Relative => DateForm::Relative,
                    DateFormDe::Weekday => DateForm::Weekday,
                },
                precision: match d.precision {
                    PrecisionDe::Day => Precision::Day,
                    PrecisionDe::Week => Precision::Week,
                    PrecisionDe::Month => Precision::Month,
                    PrecisionDe::Year => Precision::Year,
                    PrecisionDe::Range => Precision::Range,
                },
                resolved: d.resolved.map(|i| Interval { start: i.start, end: i.end }),
                weekday: d.weekday,
            }),
            since: since.map(|s| SinceInfo {
                form: match s.form {
                    SinceFormDe::FirstInYears => SinceForm::FirstInYears,
                    SinceFormDe::SinceYear => SinceForm::SinceYear,
                    SinceFormDe::LastInYear => SinceForm::LastInYear,
                },
                years: s.years,
                year: s.year,
            }),
        }
    }
}

/// Text names of the enum key columns (the same spelling as the JSON).
pub fn kind_name(k: ClaimKind) -> &'static str {
    k.name()
}

pub fn unit_name(u: TimeUnit) -> &'static str {
    u.name()
}

pub fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Start => "start",
        Phase::End => "end",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_round_trip() {
        let d = DocMeta {
            path: "a/b.txt".into(),
            line: Some(3),
            outlet: Some("Vísir".into()),
            lang: "is".into(),
            lang_source: LangSource::Detected,
            published: Date::new(2023, 9, 14).ok(),
            published_source: DateSource::Dateline,
            claims: 2,
            sentences: 5,
            folded: 1,
            stripped_bytes: 40,
        };
        let back = decode_meta(&encode_meta(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }
}
