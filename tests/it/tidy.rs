//! Tidy tests (in the spirit of rust-analyzer's): they read the source tree and fail when a
//! convention of ARCHITECTURE.md breaks, so the convention stays true.
//!
//! - **Layering:** a module of `src/` may name (`use crate::…` or a `crate::…` path) only modules
//!   of a lower layer, never one of its own layer or above. Test code (`#[cfg(test)]` items) and
//!   comments are not read.
//! - **No language named in code:** no string literal under `src/` is a language's code or names one
//!   (languages are data, in rules/lang/*.toml).
//! - **Short functions:** no function under `src/` runs over [`MAX_FN_LINES`] lines without a
//!   `// long:` comment just above it saying why (`python3 bench/fn-lengths.py` lists them).

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

/// Functions longer than this many lines say why in a `// long:` comment just above them (among
/// their doc comments and attributes). `python3 bench/fn-lengths.py` lists them, counted the same
/// way.
const MAX_FN_LINES: usize = 60;

/// The text with comments and string and char literals blanked, newlines kept (so braces and
/// semicolons left are code).
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let keep_newlines = |out: &mut String, s: &[char]| {
        out.extend(s.iter().filter(|&&c| c == '\n'));
    };
    let mut i = 0;
    while i < b.len() {
        let at = |s: &str| s.chars().enumerate().all(|(k, c)| b.get(i + k) == Some(&c));
        let after_ident = i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_');
        if at("//") {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if at("/*") {
            let (mut depth, start) = (0, i);
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            keep_newlines(&mut out, &b[start..i.min(b.len())]);
        } else if !after_ident && (at("r\"") || at("r#") || at("br\"") || at("br#")) {
            // a raw string: r"…", r#"…"#
            let start = i;
            i += if b[i] == 'b' { 2 } else { 1 };
            let hashes = b[i..].iter().take_while(|&&c| c == '#').count();
            i += hashes + 1;
            let close: Vec<char> = std::iter::once('"').chain("#".repeat(hashes).chars()).collect();
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            i = (i + close.len()).min(b.len());
            keep_newlines(&mut out, &b[start..i]);
        } else if b[i] == '"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
            keep_newlines(&mut out, &b[start..i]);
        } else if b[i] == '\'' {
            // a char literal ('{', '\'', '\u{7b}'); a lifetime has no closing quote near
            let len = if b.get(i + 1) == Some(&'\\') {
                b[i + 2..].iter().take(10).position(|&c| c == '\'').map(|p| p + 3)
            } else {
                (b.get(i + 2) == Some(&'\'')).then_some(3)
            };
            match len {
                Some(n) => i += n,
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The name of the function a line of code opens (`pub(crate) const fn name(…`), if it opens one.
fn fn_name(line: &str) -> Option<&str> {
    let mut t = line.trim_start();
    let prefixes =
        ["pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe ", "extern \"C\" "];
    while let Some(p) = prefixes.iter().find(|p| t.starts_with(**p)) {
        t = t[p.len()..].trim_start();
    }
    let rest = t.strip_prefix("fn ")?.trim_start();
    Some(&rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())])
}

/// Each function with a body of a source text: its name, first line (from 1), length in lines,
/// and whether a `// long:` comment stands among the comments and attributes just above it.
fn functions(text: &str) -> Vec<(String, usize, usize, bool)> {
    let lines: Vec<&str> = text.lines().collect();
    let code = code_only(text);
    let code: Vec<&str> = code.lines().collect();
    assert_eq!(lines.len(), code.len(), "blanking keeps the lines");
    let mut out = Vec::new();
    for (n, line) in code.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let (mut depth, mut nest, mut end) = (0i32, 0i32, None);
        'lines: for (k, l) in code.iter().enumerate().skip(n) {
            for c in l.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(k);
                            break 'lines;
                        }
                    }
                    '(' | '[' => nest += 1,
                    ')' | ']' => nest -= 1,
                    // a declaration without a body (in a trait)
                    ';' if depth == 0 && nest == 0 => break 'lines,
                    _ => {}
                }
            }
        }
        let Some(end) = end else { continue };
        let reason = lines[..n]
            .iter()
            .rev()
            .map(|l| l.trim_start())
            .take_while(|l| l.starts_with("//") || l.starts_with("#["))
            .any(|l| l.starts_with("// long:"));
        out.push((name.to_string(), n + 1, end - n + 1, reason));
    }
    out
}

#[test]
fn no_function_is_long_without_a_reason() {
    let mut long = Vec::new();
    let mut read = 0;
    for (_, path) in source_files() {
        let rel =
            path.strip_prefix(src()).expect("under src/").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("a source file reads");
        for (name, line, len, reason) in functions(&text) {
            read += 1;
            if len > MAX_FN_LINES && !reason {
                long.push(format!("src/{rel}:{line}: `{name}` is {len} lines"));
            }
        }
    }
    assert!(read > 500, "functions are read ({read})");
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines without a `// long:` reason just above them (split \
         them into named steps, or say why they stay long):\n{}",
        long.join("\n")
    );
}

/// The counter itself: strings, chars, comments and raw strings hold no braces that count;
/// declarations without a body are no functions; a reason is read above doc comments.
#[test]
fn the_function_counter_counts_what_it_should() {
    let src = "trait T {\n    fn decl(&self) -> [u8; 2];\n}\n\
               /// doc\n\
               pub(crate) fn a(x: [u8; 2]) -> &'static str {\n    let c = '{';\n    \
               let s = \"}}\\\"{\";\n    let r = r#\"}\"#; // }\n    /* } */\n    s\n}\n\
               // long: a table of cases\n\
               /// doc\n#[inline]\nconst fn b() {\n}\n\
               fn c<'a>(x: &'a str) -> &'a str { x }\n";
    let got = functions(src);
    let want = [
        ("a".to_string(), 5, 7, false),
        ("b".to_string(), 15, 2, true),
        ("c".to_string(), 17, 1, false),
    ];
    assert_eq!(got, want);
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
