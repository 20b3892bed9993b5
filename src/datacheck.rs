//! `factlint data check DIR`: what a desk's data files say that the loader would take silently:
//! entries for languages no lexicon has (unknown), words listed twice or claimed by two entries
//! (duplicate: the loader keeps the first), and entries that can never match (unused). The files
//! must load first; a file that does not is a data error (exit 2).

use std::collections::BTreeMap;
use std::path::Path;

use toml::Value;

use crate::error::DataError;
use crate::lang::Knowledge;

/// One thing the data check found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub(crate) path: String,
    /// "unknown", "duplicate" or "unused"
    pub(crate) kind: &'static str,
    pub(crate) message: String,
}

/// Check the data files of `dir` (`lang/*.toml`, `concepts.toml`, `entities.toml`,
/// `boilerplate.toml`); the languages known are the built-in ones and those of `dir`.
pub fn check(dir: &Path) -> Result<Vec<Finding>, DataError> {
    let knowledge = Knowledge::load(Some(dir))?;
    let codes: Vec<String> = knowledge.langs.iter().map(|l| l.code.clone()).collect();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    let ldir = dir.join("lang");
    if ldir.is_dir() {
        let entries =
            std::fs::read_dir(&ldir).map_err(|e| DataError::io(&ldir.display().to_string(), e))?;
        let mut langs: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        langs.sort();
        files.extend(langs);
    }
    files.extend(crate::rules::DATA_FILES.iter().map(|f| dir.join(f)).filter(|p| p.is_file()));
    if files.is_empty() {
        return Err(DataError::invalid(
            &dir.display().to_string(),
            "no data files here (lang/*.toml, concepts.toml, entities.toml, boilerplate.toml)"
                .to_string(),
        ));
    }
    let mut out = Vec::new();
    for p in files {
        let name = p.display().to_string();
        let src = std::fs::read_to_string(&p).map_err(|e| DataError::io(&name, e))?;
        let v: toml::Table = toml::from_str(&src).map_err(|e| DataError::toml(&name, &src, e))?;
        let mut f = |kind, message| out.push(Finding { path: name.clone(), kind, message });
        match p.file_name().and_then(|n| n.to_str()) {
            Some("concepts.toml") => concepts(&v, &codes, &mut f),
            Some("entities.toml") => entities(&v, &mut f),
            Some("boilerplate.toml") => boilerplate(&v, &codes, &mut f),
            _ => lexicon(&v, &mut f),
        }
    }
    Ok(out)
}

fn words(v: &Value) -> Vec<&str> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// Words listed twice in one list.
fn twice<'a>(list: &[&'a str]) -> Vec<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<&str> =
        list.iter().copied().filter(|w| !seen.insert(w.to_lowercase())).collect();
    out.dedup();
    out
}

type Report<'a> = dyn FnMut(&'static str, String) + 'a;

/// Lexicon tables that load but that nothing reads (whoever makes the extractor read one takes
/// it out of this list).
const UNREAD_LEXICON_TABLES: &[(&str, &str)] =
    &[("ordinals", "word ordinals are read nowhere yet (digits with a period are)")];

fn lexicon(v: &toml::Table, f: &mut Report) {
    for (table, why) in UNREAD_LEXICON_TABLES {
        if v.get(*table).and_then(Value::as_table).is_some_and(|t| !t.is_empty()) {
            f("unused", format!("[{table}]: {why}"));
        }
    }
    for (key, val) in v {
        match val {
            Value::Array(_) => {
                for w in twice(&words(val)) {
                    f("duplicate", format!("`{w}` is listed twice in {key}"));
                }
                if key == "abbreviations" {
                    for w in words(val).into_iter().filter(|w| !w.ends_with('.')) {
                        f("unused", format!("abbreviation `{w}` does not end in \".\", so it never ends a sentence anyway"));
                    }
                }
            }
            // word tables: a word under two keys is read as the first only
            Value::Table(t) if t.values().all(Value::is_array) => {
                let mut first: BTreeMap<String, &str> = BTreeMap::new();
                for (k, list) in t {
                    let list = words(list);
                    for w in twice(&list) {
                        f("duplicate", format!("`{w}` is listed twice under \"{k}\" in [{key}]"));
                    }
                    if key == "markers" {
                        continue;
                    }
                    for w in list {
                        match first.get(&w.to_lowercase()) {
                            Some(other) if other != k => f(
                                "duplicate",
                                format!("`{w}` is under both \"{other}\" and \"{k}\" in [{key}]"),
                            ),
                            Some(_) => {}
                            None => {
                                first.insert(w.to_lowercase(), k);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Concept fields that are not languages.
const CONCEPT_FIELDS: &[&str] =
    &["kind", "phase", "generic", "family", "exact", "grows", "measure", "money", "moment"];

fn concepts(v: &toml::Table, codes: &[String], f: &mut Report) {
    // (lang, form) → the concept that has it (the loader keeps the first, in id order)
    let mut owner: BTreeMap<(String, String), &str> = BTreeMap::new();
    for (id, c) in v {
        let Some(t) = c.as_table() else { continue };
        let mut forms = 0;
        for (k, val) in t {
            if CONCEPT_FIELDS.contains(&k.as_str()) && k != "exact" {
                continue;
            }
            let list = words(val);
            forms += list.len();
            if k != "exact" && !codes.contains(k) {
                f("unknown", format!("[{id}] lists forms under `{k}`, which is no field and no language with a lexicon ({}): they are read in every language", codes.join(", ")));
            }
            for w in twice(&list) {
                f("duplicate", format!("`{w}` is listed twice in [{id}] {k}"));
            }
            for w in list {
                let key = (k.clone(), w.to_lowercase());
                match owner.get(&key) {
                    Some(other) if other != id => f(
                        "duplicate",
                        format!("`{w}` ({k}) is a form of both [{other}] and [{id}]; it is read as [{other}]"),
                    ),
                    Some(_) => {}
                    None => {
                        owner.insert(key, id);
                    }
                }
            }
        }
        if forms == 0 {
            f("unused", format!("[{id}] has no forms, so nothing is ever this concept"));
        }
    }
}

fn entities(v: &toml::Table, f: &mut Report) {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for (id, e) in v {
        let list = e.get("forms").map(words).unwrap_or_default();
        if list.is_empty() {
            f("unused", format!("[{id}] has no forms"));
        }
        // (a zone is read for places only: a time in a sentence naming the place)
        if let Some(z) = e.get("zone").and_then(Value::as_str) {
            if e.get("type").and_then(Value::as_str) != Some("place") {
                f(
                    "unused",
                    format!("[{id}] has zone = \"{z}\" but is no place (type = \"place\")"),
                );
            }
        }
        for w in twice(&list) {
            f(
                "duplicate",
                format!("`{w}` is listed twice in [{id}] (forms match in any letter case)"),
            );
        }
        for w in list {
            match owner.get(w) {
                Some(other) if other != id => {
                    f("duplicate", format!("`{w}` is a form of both [{other}] and [{id}]"))
                }
                Some(_) => {}
                None => {
                    owner.insert(w.to_string(), id);
                }
            }
        }
    }
}

fn boilerplate(v: &toml::Table, codes: &[String], f: &mut Report) {
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    for (kind, rules) in v {
        let Some(rules) = rules.as_array() else { continue };
        let mut markers: BTreeMap<String, String> = BTreeMap::new();
        for r in rules {
            let name = r.get("name").and_then(Value::as_str).unwrap_or("?");
            if let Some(other) = names.insert(name.to_string(), kind) {
                f("duplicate", format!("two rules are named `{name}` ([[{other}]] and [[{kind}]]); names are what `factlint corpus` reports"));
            }
            let langs = r.get("lang").map(words).unwrap_or_default();
            let unknown: Vec<&str> = langs
                .iter()
                .copied()
                .filter(|l| !codes.iter().any(|c| c.eq_ignore_ascii_case(l)))
                .collect();
            for l in &unknown {
                f("unknown", format!("[[{kind}]] `{name}`: lang `{l}` has no lexicon"));
            }
            if !langs.is_empty() && unknown.len() == langs.len() {
                f("unused", format!("[[{kind}]] `{name}` applies to no language with a lexicon"));
            }
            // the same marker in two rules of a kind: the first rule's name is reported
            let own: Vec<&str> = ["start", "marker", "starts_with", "equals"]
                .iter()
                .filter_map(|k| r.get(*k))
                .flat_map(|x| match x {
                    Value::String(s) => vec![s.as_str()],
                    other => words(other),
                })
                .collect();
            for m in own {
                if kind == "block" {
                    // (blocks may share a start marker: each has its own end)
                    continue;
                }
                match markers.get(m) {
                    Some(other) if other != name => f(
                        "duplicate",
                        format!("[[{kind}]] marker `{m}` is in both `{other}` and `{name}`"),
                    ),
                    _ => {
                        markers.insert(m.to_string(), name.to_string());
                    }
                }
            }
        }
    }
}

/// The findings for people, a line each, and a count.
pub fn human(findings: &[Finding]) -> String {
    let mut out: String =
        findings.iter().map(|x| format!("{}: {}: {}\n", x.path, x.kind, x.message)).collect();
    out.push_str(&format!("{}\n", crate::report::plural(findings.len(), "finding")));
    out
}
