//! Claims and document metadata to and from their stored JSON (the model's own serde form).

use crate::claims::{Claim, DocId, Sym};
use crate::corpus::OffsetMap;
use crate::report::DocMeta;

/// Key columns hold the interned texts.
impl rusqlite::ToSql for Sym {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
    }
}

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
pub fn decode_claim(s: &str, doc: DocId) -> serde_json::Result<Claim> {
    let mut c: Claim = serde_json::from_str(s)?;
    c.doc = doc;
    Ok(c)
}

pub fn encode_meta(d: &DocMeta) -> serde_json::Result<String> {
    serde_json::to_string(d)
}

/// The metadata of a document whose stored text was decoded from UTF-16 or Windows-1252: with
/// the offset map (key `offsets`) from that text to the file, which its claims' spans count in.
pub(crate) fn encode_meta_with(d: &DocMeta, map: &OffsetMap) -> serde_json::Result<String> {
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
pub(crate) fn decode_offsets(meta: &str) -> Option<OffsetMap> {
    #[derive(serde::Deserialize)]
    struct Offsets {
        offsets: Option<OffsetMap>,
    }
    serde_json::from_str::<Offsets>(meta).ok()?.offsets
}

pub fn decode_meta(s: &str) -> serde_json::Result<DocMeta> {
    serde_json::from_str(s)
}
