//! Finding and reading inputs: files, folders, JSONL, manifests. The only place that opens articles.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::InputProblem;

/// Metadata a scraper or manifest gives about one article.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Meta {
    pub id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
}

/// Maps byte offsets in a decoded text to byte offsets in the file as read.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// file offset of decoded offset 0
    pub base: usize,
    /// (decoded offset, file offset) at every point where the two stop advancing together
    checkpoints: Vec<(u32, u32)>,
}

impl OffsetMap {
    pub fn identity() -> OffsetMap {
        OffsetMap::default()
    }
    pub fn to_file(&self, off: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(d, _)| d as usize <= off);
        if i == 0 {
            return self.base + off;
        }
        let (d, f) = self.checkpoints[i - 1];
        self.base + f as usize + (off - d as usize)
    }
}

/// One article as read, before analysis.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// path as given/found (display form)
    pub path: String,
    /// 1-based line for JSONL articles
    pub line: Option<usize>,
    pub text: String,
    pub map: OffsetMap,
    pub meta: Meta,
}

/// Something to read: a text file (with manifest metadata) or a JSONL file of articles.
#[derive(Debug, Clone)]
pub enum Input {
    /// (the manifest's metadata, boxed: most files have none, and a run holds every input)
    Text {
        path: PathBuf,
        meta: Option<Box<Meta>>,
    },
    Jsonl {
        path: PathBuf,
    },
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::Text { path, .. } | Input::Jsonl { path } => path,
        }
    }
}

#[derive(Debug, Deserialize)]
struct ManifestLine {
    path: String,
    #[serde(default, alias = "source", alias = "source_domain")]
    outlet: Option<String>,
    #[serde(default, alias = "language")]
    lang: Option<String>,
    #[serde(default, alias = "date_publish", alias = "date")]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

fn read_manifest(path: &Path, problems: &mut Vec<InputProblem>) -> HashMap<PathBuf, Meta> {
    let mut out = HashMap::new();
    let dir = path.parent().unwrap_or(Path::new("."));
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(problem(path, None, format!("cannot read manifest: {e}"), false));
            return out;
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<ManifestLine>(line) {
            Ok(m) => {
                out.insert(
                    dir.join(&m.path),
                    Meta {
                        id: None,
                        url: m.url,
                        outlet: m.outlet,
                        lang: m.lang,
                        published: m.published,
                        title: m.title,
                    },
                );
            }
            Err(e) => problems.push(problem(
                path,
                Some(n + 1),
                format!("manifest line ignored: {}", json_error(&e)),
                false,
            )),
        }
    }
    out
}

pub fn problem(path: &Path, line: Option<usize>, message: String, skipped: bool) -> InputProblem {
    InputProblem { path: path.display().to_string(), line, message, skipped }
}

/// A JSON error of one line, placed by column only (serde's "line 1" would contradict the file's
/// line number the problem is reported at).
fn json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let what = s.split(" at line ").next().unwrap_or(&s);
    if e.column() > 0 {
        format!("{what} at column {}", e.column())
    } else {
        what.to_string()
    }
}

fn is_article_ext(p: &Path) -> Option<bool> {
    match p.extension().and_then(|e| e.to_str()) {
        Some("txt") | Some("md") => Some(false),
        Some("jsonl") => Some(true),
        _ => None,
    }
}

/// Expand the command-line paths into inputs, in a stable order. Folders are walked recursively;
/// `manifest.jsonl` files are metadata, never articles.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputProblem>) {
    let mut problems = Vec::new();
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            // symlinks are followed (walkdir detects loops); a dangling one is reported by name
            for entry in walkdir::WalkDir::new(p).follow_links(true).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if let Some(j) = is_article_ext(e.path()) {
                            files.push((e.path().to_path_buf(), j));
                        }
                    }
                    Ok(_) => {}
                    // a dangling link to something that is not an article is no loss
                    Err(e)
                        if e.loop_ancestor().is_none()
                            && e.path().is_some_and(|q| is_article_ext(q).is_none()) => {}
                    Err(e) => {
                        let at = e.path().unwrap_or(p).to_path_buf();
                        let why = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                        problems.push(problem(&at, None, format!("cannot read: {why}"), true))
                    }
                }
            }
            if files.len() == before {
                problems.push(problem(
                    p,
                    None,
                    "folder holds no .txt, .md or .jsonl files".into(),
                    true,
                ));
            }
        } else if p.exists() {
            match is_article_ext(p) {
                Some(j) => files.push((p.clone(), j)),
                // a file named explicitly is read whatever its extension
                None => files.push((p.clone(), false)),
            }
        } else {
            problems.push(problem(p, None, "no such file or folder".into(), true));
        }
    }
    // manifests: one per folder, applying to the files in it (paths relative to the manifest).
    // Files come folder by folder, so one manifest is held at a time; its metadata is moved
    // into the inputs, never copied (an archive of a million files holds it once). A folder
    // whose files the walk meets again after a subfolder's has its manifest read again, quietly.
    let mut manifest: Option<(PathBuf, HashMap<PathBuf, Meta>)> = None;
    let mut read_before: HashSet<PathBuf> = HashSet::new();
    let mut inputs = Vec::with_capacity(files.len());
    for (path, jsonl) in files {
        if path.file_name().is_some_and(|n| n == "manifest.jsonl") {
            continue;
        }
        if jsonl {
            inputs.push(Input::Jsonl { path });
            continue;
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        if manifest.as_ref().is_none_or(|(d, _)| d != dir) {
            let m = dir.join("manifest.jsonl");
            let metas = if !m.is_file() {
                HashMap::new()
            } else if read_before.insert(dir.to_path_buf()) {
                read_manifest(&m, &mut problems)
            } else {
                read_manifest(&m, &mut Vec::new())
            };
            manifest = Some((dir.to_path_buf(), metas));
        }
        let meta = manifest.as_mut().and_then(|(_, metas)| metas.remove(&path)).map(Box::new);
        inputs.push(Input::Text { path, meta });
    }
    (inputs, problems)
}

/// Decode file bytes as UTF-8. Invalid sequences are replaced (U+FFFD) and reported with the byte
/// offset of the first one; a file with NUL bytes is binary and skipped.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, Option<InputProblem>), InputProblem> {
    if bytes.is_empty() {
        return Err(problem(path, None, "file is empty".into(), true));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(problem(path, None, "file looks binary (contains NUL bytes)".into(), true));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // keep offsets true to the file: a lossy decode would change lengths, so invalid bytes
            // become U+FFFD only when the lengths agree; otherwise the file is skipped
            Err(problem(
                path,
                None,
                format!(
                    "not valid UTF-8 (first bad byte at offset {at}); convert the file to UTF-8"
                ),
                true,
            ))
        }
    }
}

/// Read a text file into one raw document.
pub fn read_text(path: &Path, meta: Option<Box<Meta>>) -> Result<RawDoc, InputProblem> {
    let bytes =
        std::fs::read(path).map_err(|e| problem(path, None, format!("cannot read: {e}"), true))?;
    let (text, _) = decode(path, bytes)?;
    if text.trim().is_empty() {
        return Err(problem(path, None, "file holds only whitespace".into(), true));
    }
    Ok(RawDoc {
        path: path.display().to_string(),
        line: None,
        text,
        map: OffsetMap::identity(),
        meta: meta.map(|m| *m).unwrap_or_default(),
    })
}

#[derive(Debug, Deserialize)]
struct JsonlArticle<'a> {
    #[serde(default, alias = "article_id")]
    id: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, alias = "source", alias = "source_domain", alias = "site")]
    outlet: Option<String>,
    #[serde(default, alias = "language")]
    lang: Option<String>,
    #[serde(
        default,
        alias = "date_publish",
        alias = "date",
        alias = "publish_date",
        alias = "published_at"
    )]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(
        default,
        borrow,
        alias = "maintext",
        alias = "body",
        alias = "content",
        alias = "article"
    )]
    text: Option<&'a RawValue>,
}

/// Parse one JSONL line (at file offset `line_off`) into a raw document.
pub fn parse_jsonl_line(
    path: &Path,
    lineno: usize,
    line_off: usize,
    line: &str,
) -> Result<RawDoc, InputProblem> {
    let art: JsonlArticle = serde_json::from_str(line).map_err(|e| {
        problem(path, Some(lineno), format!("not a JSON object: {}", json_error(&e)), true)
    })?;
    let raw = art.text.ok_or_else(|| {
        problem(path, Some(lineno), "no `text` (or `maintext`) field".into(), true)
    })?;
    let lit = raw.get();
    if !lit.starts_with('"') {
        return Err(problem(path, Some(lineno), "the `text` field is not a string".into(), true));
    }
    let lit_off = lit.as_ptr() as usize - line.as_ptr() as usize;
    let (text, map) = decode_json_string(lit, line_off + lit_off + 1).ok_or_else(|| {
        problem(path, Some(lineno), "the `text` field is not a valid JSON string".into(), true)
    })?;
    if text.trim().is_empty() {
        return Err(problem(path, Some(lineno), "the `text` field is empty".into(), true));
    }
    Ok(RawDoc {
        path: path.display().to_string(),
        line: Some(lineno),
        text,
        map,
        meta: Meta {
            id: art.id.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            }),
            url: art.url,
            outlet: art.outlet,
            lang: art.lang,
            published: art.published,
            title: art.title,
        },
    })
}

/// Decode a JSON string literal (with its quotes), recording where decoded and raw offsets part.
fn decode_json_string(lit: &str, base: usize) -> Option<(String, OffsetMap)> {
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut checkpoints = Vec::new();
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            let next = inner[i..].find('\\').map(|k| i + k).unwrap_or(bytes.len());
            out.push_str(&inner[i..next]);
            i = next;
            continue;
        }
        let esc_start = i;
        let c = *bytes.get(i + 1)?;
        let ch = match c {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'u' => {
                let hex =
                    |k: usize| inner.get(k..k + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
                let hi = hex(i + 2)?;
                // a high surrogate pairs only with a low one that follows it; a lone surrogate
                // is U+FFFD, and an escape after it is decoded on its own
                let lo = inner.get(i + 6..i + 8).filter(|&e| e == "\\u").and_then(|_| hex(i + 8));
                match lo {
                    Some(lo)
                        if (0xD800..0xDC00).contains(&hi) && (0xDC00..0xE000).contains(&lo) =>
                    {
                        i += 6;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                    }
                    _ => char::from_u32(hi).unwrap_or('\u{FFFD}'),
                }
            }
            _ => return None,
        };
        i += if c == b'u' { 6 } else { 2 };
        let _ = esc_start;
        out.push(ch);
        // after this escape, decoded offset out.len() corresponds to raw offset i
        checkpoints.push((out.len() as u32, i as u32));
    }
    Some((out, OffsetMap { base, checkpoints }))
}

/// One line of a JSONL file as read: (1-based line number, file offset, text), or why it could
/// not be read.
pub type JsonlLine = Result<(usize, usize, String), InputProblem>;

/// Read a JSONL file line by line, handing each non-blank line (or why it could not be read: the
/// file, a read error, a line that is not UTF-8) to `each`. Returns whether the file had any
/// non-blank line; a file that cannot be opened counts as having one (its problem is reported).
pub fn jsonl_lines(path: &Path, mut each: impl FnMut(JsonlLine)) -> bool {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            each(Err(problem(path, None, format!("cannot read: {e}"), true)));
            return true;
        }
    };
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let (mut off, mut lineno, mut any) = (0usize, 0usize, false);
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                each(Err(problem(path, Some(lineno + 1), format!("read error: {e}"), true)));
                return true;
            }
        };
        lineno += 1;
        let line_off = off;
        off += n;
        match std::str::from_utf8(&buf) {
            Ok(s) => {
                let line = s.trim_end_matches(['\n', '\r']);
                if !line.trim().is_empty() {
                    any = true;
                    each(Ok((lineno, line_off, line.to_string())));
                }
            }
            Err(e) => each(Err(problem(
                path,
                Some(lineno),
                format!("not valid UTF-8 at byte {}", line_off + e.valid_up_to()),
                true,
            ))),
        }
    }
    any
}

/// Read a JSONL file in chunks of about `chunk_bytes` of lines, handing each chunk (in file order)
/// to `each`, so that a caller can parse the lines of a chunk in parallel while holding only two
/// chunks in memory (the next is read meanwhile). Lines as [`jsonl_lines`] gives them; returns
/// whether the file had any.
pub fn read_jsonl_chunks(
    path: &Path,
    chunk_bytes: usize,
    mut each: impl FnMut(Vec<JsonlLine>),
) -> bool {
    // the next chunk is read (on a thread of its own, waiting on the disk) while this one is
    // analysed: one chunk ahead, so two are in memory at most
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<JsonlLine>>(1);
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let mut chunk: Vec<JsonlLine> = Vec::new();
            let mut chunk_len = 0usize;
            let any = jsonl_lines(path, |l| {
                chunk_len += l.as_ref().map_or(0, |(_, _, line)| line.len());
                chunk.push(l);
                if chunk_len >= chunk_bytes {
                    // (a send fails only when the consumer is gone: nothing is left to do then)
                    let _ = tx.send(std::mem::take(&mut chunk));
                    chunk_len = 0;
                }
            });
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
            any
        });
        for chunk in rx {
            each(chunk);
        }
        reader.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// The problem of a JSONL file that holds no article.
pub fn empty_jsonl(path: &Path) -> InputProblem {
    problem(path, None, "JSONL file holds no articles".into(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_offsets_map_back_to_the_line() {
        let line = r#"{"id":1,"text":"Tvö \"hús\" brunnu\nog 32 af 44."}"#;
        let d = parse_jsonl_line(Path::new("x.jsonl"), 1, 100, line).unwrap();
        assert_eq!(d.text, "Tvö \"hús\" brunnu\nog 32 af 44.");
        let at = d.text.find("32").unwrap();
        let f = d.map.to_file(at) - 100;
        assert_eq!(&line[f..f + 2], "32");
        let f = d.map.to_file(d.text.find("hús").unwrap()) - 100;
        assert_eq!(&line[f..f + 4], "hús");
    }

    #[test]
    fn surrogate_escapes_decode_to_their_characters() {
        let text = |lit: &str| decode_json_string(lit, 0).map(|(t, _)| t);
        // a pair is one character; its offsets map past both escapes
        let (t, map) = decode_json_string(r#""a\uD83D\uDE00b""#, 0).unwrap();
        assert_eq!(t, "a\u{1F600}b");
        assert_eq!(map.to_file(t.find('b').unwrap()), 13);
        // a high surrogate and an escape that is not a low one: U+FFFD, then that escape's own
        // character (it was read as a pair: U+1F441 for "\uD83D\u0041")
        assert_eq!(text(r#""\uD83D\u0041""#).as_deref(), Some("\u{FFFD}A"));
        assert_eq!(text(r#""\uD83D\uD83D\uDE00""#).as_deref(), Some("\u{FFFD}\u{1F600}"));
        // lone surrogates, either half
        assert_eq!(text(r#""\uD83Dx""#).as_deref(), Some("\u{FFFD}x"));
        assert_eq!(text(r#""\uDE00""#).as_deref(), Some("\u{FFFD}"));
        assert_eq!(text(r#""\u00e9""#).as_deref(), Some("é"));
    }

    #[test]
    fn chunks_come_whole_and_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.jsonl");
        let lines: Vec<String> =
            (0..200).map(|i| format!(r#"{{"text":"Grein {i}: 32 af 44."}}"#)).collect();
        std::fs::write(&path, lines.join("\n") + "\n\n").unwrap();
        // chunks of about 100 bytes: many more chunks than the reader is ahead
        let mut seen = Vec::new();
        let mut chunks = 0;
        let any = read_jsonl_chunks(&path, 100, |chunk| {
            chunks += 1;
            seen.extend(chunk.into_iter().map(|l| l.unwrap().2));
        });
        assert!(any);
        assert!(chunks > 20, "{chunks} chunks");
        assert_eq!(seen, lines, "every line once, in file order");
        let empty = dir.path().join("empty.jsonl");
        std::fs::write(&empty, "\n\n").unwrap();
        assert!(!read_jsonl_chunks(&empty, 100, |_| panic!("no chunk for a file without lines")));
    }

    #[test]
    fn bad_lines() {
        assert!(parse_jsonl_line(Path::new("x"), 3, 0, "{nope")
            .unwrap_err()
            .message
            .contains("not a JSON"));
        let e = parse_jsonl_line(Path::new("x"), 3, 0, r#"{"title":"t"}"#).unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
