//! A desk's data file under `--rules` merged into the built-in file of its name.
//!
//! Tables merge key by key, lists gain the desk's items they lack, a desk's single value replaces
//! the built-in one; `replace = true` at the top of the desk's file replaces the built-in file
//! whole. A word form that, after merging, belongs to two entries (a cardinal form under two
//! values, a concept form under two concepts) is an error naming both files.

use toml::{Table, Value};

use crate::error::DataError;

/// What kind of data file: which of its tables map forms to entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `lang/<code>.toml`: `[cardinals]`, `[ordinals]`, `[months]`, `[weekdays]`, `[units]` map
    /// forms to a key, `[relative]` maps a phrase to an offset
    Lexicon,
    /// `concepts.toml`, `entities.toml`: every form under a top-level id
    ById,
    /// `boilerplate.toml`: lists only
    Lists,
}

/// Tables of a lexicon whose keys own the forms listed under them.
const FORM_TABLES: [&str; 5] = ["cardinals", "ordinals", "months", "weekdays", "units"];

/// (name, source) of `desk` merged into `builtin`: the name to report errors under and the TOML
/// to parse.
pub fn merge(
    kind: DataKind,
    builtin: &(String, String),
    desk: (String, String),
) -> Result<(String, String), DataError> {
    let (dname, dsrc) = desk;
    let mut dtable: Table = toml::from_str(&dsrc).map_err(|e| DataError::toml(&dname, &dsrc, e))?;
    match dtable.remove("replace") {
        None | Some(Value::Boolean(false)) => {}
        Some(Value::Boolean(true)) => {
            // (the desk's own text, less its `replace` line, so TOML errors keep their spans)
            let src = serialize(&dtable, &dname)?;
            return Ok((dname, src));
        }
        Some(_) => return Err(DataError::invalid(&dname, "`replace` is true or false".into())),
    }
    let (bname, bsrc) = builtin;
    let mut btable: Table = toml::from_str(bsrc).map_err(|e| DataError::toml(bname, bsrc, e))?;
    // a form's entry in the built-in file (whatever it holds itself), then the desk's forms
    // against it and against each other
    let mut owner: crate::lang::Map<String, (String, &str)> = crate::lang::Map::default();
    for (form, entry) in forms(kind, &btable) {
        owner.entry(form).or_insert((entry, bname.as_str()));
    }
    for (form, entry) in forms(kind, &dtable) {
        match owner.get(&form) {
            Some((e, f)) if *e != entry => {
                return Err(DataError::invalid(
                    &dname,
                    format!(
                        "`{form}` is {e} in {f} and {entry} in {dname}: a form belongs to one \
                         entry (give `replace = true` to replace the built-in file whole)"
                    ),
                ))
            }
            Some(_) => {}
            None => {
                owner.insert(form, (entry, dname.as_str()));
            }
        }
    }
    merge_tables(&mut btable, dtable);
    let name = format!("{dname} (merged into {bname})");
    let src = serialize(&btable, &name)?;
    Ok((name, src))
}

fn serialize(t: &Table, name: &str) -> Result<String, DataError> {
    toml::to_string(t)
        .map_err(|e| DataError::invalid(name, format!("cannot write merged TOML: {e}")))
}

/// Every (form, entry) of a data file, forms lower case.
fn forms(kind: DataKind, t: &Table) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let strings = |v: &Value, out: &mut Vec<String>| {
        if let Value::Array(a) = v {
            out.extend(a.iter().filter_map(Value::as_str).map(str::to_lowercase));
        }
    };
    match kind {
        DataKind::Lexicon => {
            for name in FORM_TABLES {
                let Some(Value::Table(tab)) = t.get(name) else { continue };
                for (key, v) in tab {
                    let mut fs = Vec::new();
                    strings(v, &mut fs);
                    out.extend(fs.into_iter().map(|f| (f, format!("{name}.{key}"))));
                }
            }
            if let Some(Value::Table(rel)) = t.get("relative") {
                for (phrase, v) in rel {
                    out.push((phrase.to_lowercase(), format!("relative {v}")));
                }
            }
        }
        DataKind::ById => {
            for (id, v) in t {
                let Value::Table(entry) = v else { continue };
                let mut fs = Vec::new();
                for v in entry.values() {
                    strings(v, &mut fs);
                }
                out.extend(fs.into_iter().map(|f| (f, format!("`{id}`"))));
            }
        }
        DataKind::Lists => {}
    }
    out
}

/// `desk` into `into`: tables key by key, arrays gain the items they lack, other values replace.
fn merge_tables(into: &mut Table, desk: Table) {
    for (k, v) in desk {
        match (into.get_mut(&k), v) {
            (Some(Value::Table(a)), Value::Table(b)) => merge_tables(a, b),
            (Some(Value::Array(a)), Value::Array(b)) => {
                for x in b {
                    if !a.contains(&x) {
                        a.push(x);
                    }
                }
            }
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}
