//! Tidy tests (in the spirit of rust-analyzer's): they read the source tree and fail when a
//! convention of ARCHITECTURE.md breaks, so the convention stays true.
//!
//! - **Layering:** a module of `src/` may name (`use crate::…` or a `crate::…` path) only modules
//!   of a lower layer, never one of its own layer or above. Test code (`#[cfg(test)]` items) and
//!   comments are not read.
//! - **No language named in code:** no string literal under `src/` is a language's code or names one
//!   (languages are data, in rules/lang/*.toml).

use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import from a lower layer only; modules of one layer
/// are independent of each other. (Keep ARCHITECTURE.md's "Layers" in step.)
const LAYERS: &[&[&str]] = &[
    // interning, errors: below everything
    &["error", "intern"],
    // language knowledge as data (its ids are interned)
    &["lang"],
    // reading documents; the typed claim model
    &["corpus", "claims"],
    // calendar arithmetic over claims' intervals; the diagnostic model (claims, document metadata)
    &["calendar", "diagnostic"],
    // extraction (documents → claims); the rule engine (claims → diagnostics): never each other
    &["extract", "rules"],
    // the printers
    &["report"],
    // the desk's configuration (rules, severities, parameters over the loaded rules); the data check
    &["config", "datacheck"],
    // the pipeline wired together
    &["app"],
    // the archive runs the pipeline and the rules over stored claims; the library API over the app
    &["archive", "checker"],
    // fingerprints and baselines (a finding's document identity as the archive hashes it)
    &["baseline"],
];

/// Macros exported at the crate root (`#[macro_export]`), by the module that defines them.
const MACROS: &[(&str, &str)] = &[("with_check_params", "rules")];

fn layer(module: &str) -> Option<usize> {
    let module = MACROS.iter().find(|(m, _)| *m == module).map_or(module, |(_, home)| *home);
    LAYERS.iter().position(|l| l.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library source file (not the crate roots, nor the binary's `allocator.rs`: the binary
/// sits above the library), with the module it belongs to: `src/corpus/load.rs` → `corpus`,
/// `src/intern.rs` → `intern`.
fn library_files() -> Vec<(String, PathBuf)> {
    source_files()
        .into_iter()
        .filter(|(module, _)| !["main", "lib", "allocator"].contains(&module.as_str()))
        .collect()
}

/// Every source file under `src/`, with the module it belongs to.
fn source_files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("src/ reads") {
            let p = e.expect("a directory entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src()).expect("under src/").to_path_buf();
            let first = rel.components().next().expect("a component");
            let module = Path::new(first.as_os_str())
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            out.push((module, p));
        }
    }
    out.sort();
    out
}

/// The file's code without comments and without `#[cfg(test)]` items, one string a line (string
/// literals kept). Line numbers are kept: a dropped line is an empty string.
fn code_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            out.push(String::new());
            // skip the item that follows: one line ending in `;`, or up to its closing brace
            let mut depth = 0i32;
            let mut opened = false;
            for next in lines.by_ref() {
                out.push(String::new());
                for c in next.chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if (opened && depth <= 0) || (!opened && next.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        out.push(strip_comment(line));
    }
    out
}

/// A line without its `//` comment (a `//` inside a string literal is kept).
fn strip_comment(line: &str) -> String {
    let mut in_str = false;
    let mut prev = ' ';
    let b: Vec<char> = line.chars().collect();
    for (i, &c) in b.iter().enumerate() {
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        }
        if !in_str && c == '/' && b.get(i + 1) == Some(&'/') {
            return b[..i].iter().collect();
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    line.to_string()
}

/// The top modules a file's code names through `crate::`, with their line numbers
/// (`crate::{a, b::c}` names `a` and `b`).
fn crate_paths(lines: &[String]) -> Vec<(usize, String)> {
    let text = lines.join("\n");
    let mut out = Vec::new();
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let ident = |s: &str| -> String {
        s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
    };
    for (at, _) in text.match_indices("crate::") {
        // `factlint::crate::…` does not exist; `$crate::` in macros names this crate too
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 1 => {
                        item_start = false;
                        let name = ident(&group[i..]);
                        if !name.is_empty() {
                            out.push((line_of(at), name));
                        }
                    }
                    _ => {}
                }
            }
        } else {
            out.push((line_of(at), ident(rest)));
        }
    }
    out
}

#[test]
fn no_module_imports_from_its_own_layer_or_above() {
    let files = library_files();
    assert!(files.len() > 20, "the source tree is read ({} files)", files.len());
    let mut wrong = Vec::new();
    let mut edges = 0;
    for (module, path) in &files {
        let from = layer(module).unwrap_or_else(|| {
            panic!("{}: module `{module}` has no layer in tidy.rs's LAYERS", path.display())
        });
        let text = std::fs::read_to_string(path).expect("a source file reads");
        for (line, to) in crate_paths(&code_lines(&text)) {
            let home = MACROS.iter().find(|(m, _)| *m == to).map_or(to.as_str(), |(_, h)| *h);
            if home == module {
                continue;
            }
            edges += 1;
            let Some(l) = layer(&to) else {
                wrong.push(format!("{}:{line}: `crate::{to}` has no layer", path.display()));
                continue;
            };
            if l >= from {
                wrong.push(format!(
                    "{}:{line}: `{module}` (layer {from}) imports `{to}` (layer {l})",
                    path.display()
                ));
            }
        }
    }
    assert!(edges > 50, "imports between modules are found ({edges})");
    assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.join("\n"));
}

/// The reader itself: grouped imports, `#[cfg(test)]` items and comments.
#[test]
fn the_layering_reader_reads_what_it_should() {
    let src = "use crate::lang::Map; // crate::app in a comment\n\
               use crate::{claims::Sym, corpus};\n\
               #[cfg(test)]\n\
               use crate::app;\n\
               fn f() -> crate::report::Report { todo!() }\n\
               #[cfg(test)]\n\
               mod tests {\n    use crate::archive;\n    fn g() { crate::app::x() }\n}\n\
               const S: &str = \"//\"; fn h() { crate::rules::x() }\n";
    let got = crate_paths(&code_lines(src));
    let names: Vec<&str> = got.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["lang", "claims", "corpus", "report", "rules"]);
    assert_eq!(got.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [1, 2, 2, 5, 11]);
}

/// Language codes (a whole string literal) and names (anywhere in one) that must not appear in
/// the code under `src/` (library and binary; tests, the fuzz harness and the corpus generator
/// write text in languages and are not read).
const LANGUAGES: &[&str] = &[
    "is",
    "nb",
    "nn",
    "no",
    "en",
    "da",
    "sv",
    "fo",
    "de",
    "fi",
    "icelandic",
    "íslenska",
    "norwegian",
    "norsk",
    "bokmål",
    "bokmal",
    "nynorsk",
    "english",
    "danish",
    "dansk",
    "swedish",
    "svenska",
    "faroese",
];

/// Known exceptions, each with its reason (a new one fails; a fixed one fails too, so this list
/// shrinks as they are fixed).
const LANGUAGE_EXCEPTIONS: &[(&str, &str)] = &[
    // the HTML pages' own language (their headings and labels are English), not a lexicon's
    ("report/html.rs", "en"),
];

/// The string literals of a line of code (plain `"…"` literals, escapes kept as written).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (&mut cur, c) {
            (None, '"') => cur = Some(String::new()),
            (Some(s), '\\') => {
                s.push('\\');
                if let Some(n) = chars.next() {
                    s.push(n);
                }
            }
            (Some(_), '"') => out.extend(cur.take()),
            (Some(s), c) => s.push(c),
            (None, '\'') => {
                // a char literal such as '"': skip it whole; a lifetime has no closing quote
                let rest: String = chars.clone().take(4).collect();
                let from = if rest.starts_with('\\') { 2 } else { 0 };
                if let Some(end) = rest.get(from..).and_then(|r| r.find('\'')).map(|e| e + from) {
                    for _ in 0..=end {
                        chars.next();
                    }
                }
            }
            (None, _) => {}
        }
    }
    out
}

#[test]
fn no_code_names_a_language() {
    let mut found = Vec::new();
    let mut literals_read = 0;
    for (_, path) in source_files() {
        let rel =
            path.strip_prefix(src()).expect("under src/").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("a source file reads");
        for (i, line) in code_lines(&text).iter().enumerate() {
            for lit in literals(line) {
                literals_read += 1;
                let l = lit.to_lowercase();
                let named = LANGUAGES.iter().find(|&&name| {
                    if name.chars().count() <= 2 {
                        l == name
                    } else {
                        l.contains(name)
                    }
                });
                if let Some(name) = named {
                    found.push((rel.clone(), name.to_string(), i + 1));
                }
            }
        }
    }
    assert!(literals_read > 500, "string literals are read ({literals_read})");
    let unexpected: Vec<String> = found
        .iter()
        .filter(|(f, l, _)| !LANGUAGE_EXCEPTIONS.contains(&(f.as_str(), l.as_str())))
        .map(|(f, l, n)| format!("src/{f}:{n}: \"{l}\""))
        .collect();
    assert!(unexpected.is_empty(), "languages named in code:\n{}", unexpected.join("\n"));
    for (f, l) in LANGUAGE_EXCEPTIONS {
        assert!(
            found.iter().any(|(ff, ll, _)| ff == f && ll == l),
            "src/{f} no longer names \"{l}\": remove it from LANGUAGE_EXCEPTIONS"
        );
    }
}

#[test]
fn the_literal_reader_reads_what_it_should() {
    assert_eq!(
        literals(r#"let a = "is"; let b = '"'; f::<'a>("x\"y", "nn")"#),
        ["is", "x\\\"y", "nn"]
    );
}

/// The library's public surface is the API (`Checker` and the report it returns, README's
/// *Snapshot your corpus*) and one hidden `internals` module for the binary, these tests, the
/// fuzz targets and the benchmarks: every other module of lib.rs is private, so an item no path
/// reaches is dead code and the compiler says so.
#[test]
fn the_public_surface_is_the_api_and_one_hidden_internals_module() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    let lines: Vec<&str> = lib.lines().collect();
    // top-level items only (no indentation): what lib.rs makes public
    let public: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("pub")).collect();
    assert_eq!(
        public,
        [
            "pub use checker::{Article, Checked, Checker, CheckerBuilder};",
            "pub use claims::{Claim, ClaimIdx, ClaimKind, DocId};",
            "pub use diagnostic::{Corroboration, Diagnostic, DocMeta, Label, Severity, Source};",
            "pub use error::{DataError, InputProblem};",
            "pub use intern::{Sym, SymList};",
            "pub use report::Report;",
            "pub mod internals {",
        ],
        "lib.rs's public items changed: the library API is a decision, not a side effect"
    );
    let at = lines.iter().position(|l| *l == "pub mod internals {").expect("internals");
    assert_eq!(lines[at - 1], "#[doc(hidden)]", "`internals` is hidden from the documentation");
    // every stage is a private module
    let modules: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("mod ")).collect();
    assert_eq!(modules.len(), 16, "{modules:?}");
    assert!(!lib.contains("pub(crate) mod"), "a stage is `mod x;` (private), not pub(crate)");
}
