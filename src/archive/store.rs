//! Claims and document metadata to and from their stored JSON (the model's own serde form).

use crate::claims::{Claim, Sym};
use crate::corpus::OffsetMap;
use crate::report::DocMeta;

/// Key columns hold the interned texts.
impl rusqlite::ToSql for Sym {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
    }
}

#[cfg(test)]
use crate::corpus::{DateSource, LangSource};
#[cfg(test)]
use jiff::civil::Date;

/// A claim as stored: its JSON without nulls, empty lists, `false` and the run-local `doc`.
pub fn encode_claim(c: &Claim) -> serde_json::Result<String> {
    let mut v = serde_json::to_value(c)?;
    if let serde_json::Value::Object(m) = &mut v {
        m.remove("doc");
        m.retain(|_, x| {
            !(x.is_null()
                || x == &serde_json::Value::Bool(false)
                || x.as_array().is_some_and(Vec::is_empty))
        });
    }
    serde_json::to_string(&v)
}

/// A stored claim, as claim `doc` of this run.
pub fn decode_claim(s: &str, doc: u32) -> serde_json::Result<Claim> {
    let mut c: Claim = serde_json::from_str(s)?;
    c.doc = doc;
    Ok(c)
}

pub fn encode_meta(d: &DocMeta) -> serde_json::Result<String> {
    serde_json::to_string(d)
}

/// The metadata of a document whose stored text was decoded from UTF-16 or Windows-1252: with
/// the offset map (key `offsets`) from that text to the file, which its claims' spans count in.
pub fn encode_meta_with(d: &DocMeta, map: &OffsetMap) -> serde_json::Result<String> {
    if map.is_identity() {
        return encode_meta(d);
    }
    let mut v = serde_json::to_value(d)?;
    if let serde_json::Value::Object(m) = &mut v {
        m.insert("offsets".into(), serde_json::to_value(map)?);
    }
    serde_json::to_string(&v)
}

/// The offset map stored with a document's metadata, if its text was decoded.
pub fn decode_offsets(meta: &str) -> Option<OffsetMap> {
    #[derive(serde::Deserialize)]
    struct Offsets {
        offsets: Option<OffsetMap>,
    }
    serde_json::from_str::<Offsets>(meta).ok()?.offsets
}

pub fn decode_meta(s: &str) -> serde_json::Result<DocMeta> {
    serde_json::from_str(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::ClaimKind;

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
            skipped: Default::default(),
            sketch: Default::default(),
        };
        let back = decode_meta(&encode_meta(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn claim_round_trip() {
        use crate::corpus::{analyze, CorpusOptions, Meta, OffsetMap, RawDoc, Stripper};
        let k = crate::lang::Knowledge::builtin().unwrap();
        let text = "Frétt\n\n13. september 2023 06:58\n\nÞetta er fyrsta ferð Kims í fjögur ár. Um 32 af 44 drónum voru skotnir niður í gær, eftir sex daga heimsókn Pútíns á miðvikudag.\n";
        let raw = RawDoc {
            path: "a.txt".into(),
            line: None,
            text: text.into(),
            map: OffsetMap::identity(),
            meta: Meta::default(),
        };
        let doc = analyze(raw, &k, &Stripper::new(&k.boilerplate), &CorpusOptions::default());
        let claims = crate::extract::extract(&doc, 7, &k);
        let kinds: std::collections::HashSet<ClaimKind> = claims.iter().map(|c| c.kind).collect();
        assert!(kinds.len() >= 4, "{kinds:?}");
        for c in &claims {
            assert_eq!(&decode_claim(&encode_claim(c).unwrap(), 7).unwrap(), c);
        }
    }
}
