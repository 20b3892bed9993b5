//! Shared helpers for the integration tests. Nothing here reads ../shared.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use factlint::internals::app::{self, RunOptions, Setup};
use factlint::internals::report::Report;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

pub fn setup() -> Setup {
    Setup::load(None).expect("built-in data loads")
}

pub fn opts(paths: &[&Path]) -> RunOptions {
    RunOptions {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        threads: Some(1),
        ..Default::default()
    }
}

pub fn check(setup: &Setup, paths: &[&Path]) -> Report {
    app::check(setup, &opts(paths))
}

/// Run the binary; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(root())
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run the binary with `input` on its standard input; returns (exit code, stdout, stderr).
pub fn run_with_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("written");
    let out = child.wait_with_output().expect("binary ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Copy a folder (flat) into a fresh temp dir.
pub fn copy_dir(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for e in std::fs::read_dir(src).expect("read fixture dir") {
        let p = e.expect("entry").path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

/// Replace the `nth` (1-based) occurrence of `find` in `text`.
pub fn replace_nth(text: &str, find: &str, replace: &str, nth: usize) -> Option<String> {
    let (pos, _) = text.match_indices(find).nth(nth.saturating_sub(1))?;
    Some(format!("{}{}{}", &text[..pos], replace, &text[pos + find.len()..]))
}

/// insta settings: snapshots live in the top-level snapshots/ folder.
#[macro_export]
macro_rules! snap_settings {
    () => {{
        let mut s = insta::Settings::clone_current();
        s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
        s.set_prepend_module_to_snapshot(false);
        s
    }};
}

/// Paths in output made relative to the repo, so snapshots do not depend on the checkout.
pub fn scrub(s: &str) -> String {
    s.replace(&format!("{}/", root().display()), "")
}

/// Check texts given as (file name, language, publication date, text), with a manifest; `zone`
/// is the outlets' zone when given.
pub fn check_docs(docs: &[(&str, &str, &str, &str)], zone: Option<&str>) -> Report {
    let dir = tempfile::tempdir().expect("tmp");
    let mut manifest = String::new();
    for (name, lang, published, text) in docs {
        std::fs::write(dir.path().join(name), text).expect("write");
        let zone = zone.map(|z| format!(", \"zone\": \"{z}\"")).unwrap_or_default();
        manifest.push_str(&format!(
            "{{\"path\": \"{name}\", \"lang\": \"{lang}\", \"published\": \"{published}\"{zone}}}\n"
        ));
    }
    std::fs::write(dir.path().join("manifest.jsonl"), manifest).expect("manifest");
    check(&setup(), &[dir.path()])
}
