//! Fingerprints of findings, and baselines made of them.
//!
//! A fingerprint names a finding by what it is about, not where its bytes lie: the rule, the
//! claim it reports (its document by path, its kind, concept or noun, qualifier, unit, people
//! and value) and the values of the other claims it cites. An edit elsewhere in a file, or in
//! another file, leaves it as it was; a changed value makes another. A baseline is the
//! fingerprints of every finding of one run (`check --write-baseline`); `check --baseline`
//! reports only the findings that are not in it. `[[accept]]` entries of the configuration name
//! one finding each by its fingerprint.

use std::path::Path;

use miette::miette;
use serde::{Deserialize, Serialize};

use crate::archive::hash::Fnv1a;
use crate::claims::Claim;
use crate::config::Accept;
use crate::report::{Diagnostic, Label, Mark, Report};

pub(crate) use crate::diagnostic::FINGERPRINT_VERSION;

/// What a fingerprint reads of one claim: its document and what it says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Frame {
    /// the document: its path (and line, in a JSONL file)
    pub doc: String,
    /// kind, concept or noun, qualifier, unit, people, value
    pub what: String,
}

/// A document's identity: its path relative to `root` (the configuration file's folder, else
/// the working directory), with `/` between folders, and its line in a JSONL file. The same
/// corpus checked from another folder, or in another checkout, keeps its fingerprints.
pub fn doc_identity(root: &Path, path: &str, line: Option<usize>) -> String {
    let abs = crate::config::absolute(Path::new(path));
    let rel = match abs.strip_prefix(crate::config::absolute(root)) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        // (outside the root: the whole path)
        Err(_) => abs.to_string_lossy().replace('\\', "/"),
    };
    match line {
        Some(l) => format!("{rel}:{l}"),
        None => rel,
    }
}

/// The frame of a claim (`doc`: its [`doc_identity`]). (The one place a claim's identity is
/// spelled: a richer claim frame feeds the fingerprint here.)
pub(crate) fn frame(doc: String, c: &Claim) -> Frame {
    let persons: Vec<&str> = c.persons.iter().collect();
    Frame {
        doc,
        what: format!(
            "{}|{}|{}|{}|{}|{}",
            c.kind.name(),
            c.concept.or(c.noun).map_or("", |s| s.as_str()),
            c.qualifier.map_or("", |s| s.as_str()),
            c.unit.map_or("", |u| u.name()),
            persons.join(","),
            c.value_text()
        ),
    }
}

/// A finding's fingerprint: the rule, the frame of its claim (`primary`), and what the claims it
/// cites say (`others`: their documents left out, so that one more source agreeing elsewhere, or
/// another chosen as an example, leaves it as it was). 16 hex digits.
pub fn fingerprint(code: &str, primary: &Frame, others: &[Frame]) -> String {
    let mut h = Fnv1a::default();
    h.field(&FINGERPRINT_VERSION.to_le_bytes()).field(code.as_bytes());
    h.field(primary.doc.as_bytes()).field(primary.what.as_bytes());
    let mut said: Vec<&str> = others.iter().map(|f| f.what.as_str()).collect();
    said.sort_unstable();
    said.dedup();
    for s in said {
        h.field(s.as_bytes());
    }
    h.hex()
}

/// The claim a label shows, among the report's claims (grouped by document).
fn claim_of<'r>(report: &'r Report, l: &Label) -> Option<&'r Claim> {
    let cs = &report.claims;
    let a = cs.partition_point(|c| c.doc < l.doc);
    cs[a..].iter().take_while(|c| c.doc == l.doc).find(|c| c.start == l.start && c.end == l.end)
}

/// The documents' identities (see [`doc_identity`]), each made once.
pub(crate) struct DocIds<'r> {
    root: std::path::PathBuf,
    report: &'r Report,
    known: std::cell::RefCell<crate::lang::Map<crate::claims::DocId, String>>,
}

impl<'r> DocIds<'r> {
    pub(crate) fn new(report: &'r Report, root: &Path) -> DocIds<'r> {
        DocIds { root: crate::config::absolute(root), report, known: Default::default() }
    }
    fn of(&self, l: &Label) -> String {
        self.known
            .borrow_mut()
            .entry(l.doc)
            .or_insert_with(|| {
                let line = self.report.documents.get(l.doc.index()).and_then(|m| m.line);
                doc_identity(&self.root, &l.path, line)
            })
            .clone()
    }
}

/// The fingerprint of one of the report's diagnostics.
pub(crate) fn of_diagnostic(report: &Report, d: &Diagnostic, ids: &DocIds) -> String {
    let frame_of = |l: &Label| {
        let doc = ids.of(l);
        match claim_of(report, l) {
            Some(c) => frame(doc, c),
            // (a label with no claim of the report: what it quotes)
            None => Frame { doc, what: l.text.to_string() },
        }
    };
    let primary = d.labels.iter().position(|l| l.primary).unwrap_or(0);
    let Some(first) = d.labels.get(primary) else {
        return fingerprint(&d.code, &Frame { doc: String::new(), what: d.message.clone() }, &[]);
    };
    // (the other labels' documents are not part of the fingerprint, only what they say: their
    // identities are not made)
    let others: Vec<Frame> = d
        .labels
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != primary)
        .map(|(_, l)| match claim_of(report, l) {
            Some(c) => frame(String::new(), c),
            None => Frame { doc: String::new(), what: l.text.to_string() },
        })
        .collect();
    fingerprint(&d.code, &frame_of(first), &others)
}

/// Give every diagnostic its mark: its fingerprint, and the `[[accept]]` entry naming it.
/// Returns the entries that name no finding of the run.
pub fn mark<'a>(report: &mut Report, accepts: &'a [Accept], root: &Path) -> Vec<&'a Accept> {
    let ids = DocIds::new(report, root);
    let marks = report
        .diagnostics
        .iter()
        .map(|d| {
            let fingerprint = of_diagnostic(report, d, &ids);
            let accepted = accepts.iter().find(|a| a.fingerprint == fingerprint).cloned();
            Mark { fingerprint, accepted }
        })
        .collect();
    drop(ids);
    report.marks = marks;
    accepts
        .iter()
        .filter(|a| !report.marks.iter().any(|m| m.fingerprint == a.fingerprint))
        .collect()
}

/// A baseline file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub(crate) fingerprint_version: u32,
    /// the factlint that wrote it (for people; not compared)
    pub(crate) factlint_version: String,
    pub(crate) findings: Vec<Entry>,
}

pub(crate) use crate::diagnostic::{BaselineEntry as Entry, BaselineOutcome as Outcome};

/// The baseline of a marked report: every finding it has.
pub(crate) fn of_report(report: &Report) -> Baseline {
    Baseline {
        fingerprint_version: FINGERPRINT_VERSION,
        factlint_version: env!("CARGO_PKG_VERSION").to_string(),
        findings: report
            .diagnostics
            .iter()
            .zip(&report.marks)
            .map(|(d, m)| Entry {
                fingerprint: m.fingerprint.clone(),
                code: d.code.clone(),
                path: d
                    .labels
                    .iter()
                    .find(|l| l.primary)
                    .or(d.labels.first())
                    .map(|l| l.path.to_string())
                    .unwrap_or_default(),
                message: d.message.clone(),
            })
            .collect(),
    }
}

/// Write the baseline of a marked report to `path`.
pub fn write(report: &Report, path: &Path) -> Result<usize, miette::Report> {
    let b = of_report(report);
    let text = serde_json::to_string_pretty(&b).map_err(|e| miette!("{e}"))? + "\n";
    std::fs::write(path, text)
        .map_err(|e| miette!("cannot write the baseline {}: {e}", path.display()))?;
    Ok(b.findings.len())
}

/// Read a baseline; one written with another fingerprint version is refused.
pub fn read(path: &Path) -> Result<Baseline, miette::Report> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| miette!("cannot read the baseline {name}: {e}"))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        miette!(
            help = "write one with `factlint check --write-baseline FILE`",
            "{name} is not a factlint baseline: {e}"
        )
    })?;
    if b.fingerprint_version != FINGERPRINT_VERSION {
        return Err(miette!(
            help = "write the baseline again with this factlint (`factlint check --write-baseline {name} …`), and review what it adds",
            "{name} was written with fingerprint version {} (factlint {}); this factlint names findings with version {FINGERPRINT_VERSION}, so its entries would match nothing",
            b.fingerprint_version,
            b.factlint_version
        ));
    }
    Ok(b)
}

/// Leave out of a marked report the findings the baseline knows (each entry stands for one
/// finding), and record how many, and which entries no finding matched.
pub fn apply(report: &mut Report, baseline: Baseline, file: &str) {
    let mut left: crate::lang::Map<String, usize> = crate::lang::Map::default();
    for e in &baseline.findings {
        *left.entry(e.fingerprint.clone()).or_insert(0) += 1;
    }
    let mut suppressed = 0;
    report.retain_diagnostics(|_, m| {
        let Some(n) = m.and_then(|m| left.get_mut(&m.fingerprint)).filter(|n| **n > 0) else {
            return true;
        };
        *n -= 1;
        suppressed += 1;
        false
    });
    let mut gone = Vec::new();
    for e in baseline.findings {
        if let Some(n) = left.get_mut(&e.fingerprint).filter(|n| **n > 0) {
            *n -= 1;
            gone.push(e);
        }
    }
    report.baseline = Some(Outcome { file: file.to_string(), suppressed, gone });
}
