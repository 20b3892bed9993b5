//! GitHub Actions output: one workflow command a finding (`::error file=…,line=…::message`), so
//! that a pull request shows each on its line. Accepted findings are notices; input problems,
//! warnings.

use super::human::Sources;
use super::{Label, Report, Severity};

/// A workflow command's message: `%`, CR and LF escaped.
fn message(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,` too.
fn property(s: &str) -> String {
    message(s).replace(':', "%3A").replace(',', "%2C")
}

fn at(l: &Label, sources: &mut Sources) -> String {
    let (line, col) = sources.line_col(&l.path, l.start);
    let (end_line, end_col) = sources.line_col(&l.path, l.end);
    format!(
        "file={},line={line},col={col},endLine={end_line},endColumn={end_col}",
        property(&l.path.replace('\\', "/"))
    )
}

/// The report as workflow commands, and the summary line.
pub fn print(r: &Report) -> String {
    let mut sources = Sources::default();
    let mut out = String::new();
    for p in &r.problems {
        let line = p.line.map(|l| format!(",line={l}")).unwrap_or_default();
        out.push_str(&format!(
            "::warning file={}{line},title=factlint::{}\n",
            property(&p.path),
            message(&format!("{}{}", if p.skipped { "skipped: " } else { "" }, p.message))
        ));
    }
    for (i, d) in r.diagnostics.iter().enumerate() {
        let accepted = r.accepted(i);
        let level = match (accepted, d.severity) {
            (Some(_), _) | (None, Severity::Advice) => "notice",
            (None, Severity::Error) => "error",
            (None, Severity::Warning) => "warning",
        };
        let place = d.labels.iter().find(|l| l.primary).or(d.labels.first());
        let place = place.map(|l| at(l, &mut sources) + ",").unwrap_or_default();
        let mut text = format!("{}\n{}", d.message, d.help);
        let mut title = format!("{} {}", d.code, d.rule);
        if let Some(a) = accepted {
            text.push_str(&format!("\naccepted: {} ({})", a.reason, a.who));
            title.push_str(" (accepted)");
        }
        out.push_str(&format!("::{level} {place}title={}::{}\n", property(&title), message(&text)));
    }
    out.push_str(&super::human::baseline_lines(r));
    out.push_str(&super::stats::summary(r));
    out
}
