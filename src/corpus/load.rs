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
    /// the outlet's time zone (IANA name): a time with no zone of its own and no place that
    /// gives one is read in it (else in the language's `default_zone`)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// Maps byte offsets in a decoded text to byte offsets in the file as read.
#[derive(Debug, Clone, Default, serde::Serialize, Deserialize)]
pub struct OffsetMap {
    /// file offset of decoded offset 0
    pub(crate) base: usize,
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
    /// The text offset of file offset `off` (the inverse of [`OffsetMap::to_file`]; an offset
    /// inside a character the file writes in more bytes than the text lands past its start).
    pub fn to_text(&self, off: usize) -> usize {
        let off = off.saturating_sub(self.base);
        let i = self.checkpoints.partition_point(|&(_, f)| f as usize <= off);
        if i == 0 {
            return off;
        }
        let (d, f) = self.checkpoints[i - 1];
        d as usize + (off - f as usize)
    }
    /// Whether text and file offsets are the same everywhere.
    pub(crate) fn is_identity(&self) -> bool {
        self.base == 0 && self.checkpoints.is_empty()
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
    pub(crate) fn path(&self) -> &Path {
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
    #[serde(default, alias = "timezone")]
    zone: Option<String>,
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
                        zone: m.zone,
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

pub(crate) fn problem(
    path: &Path,
    line: Option<usize>,
    message: String,
    skipped: bool,
) -> InputProblem {
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
            walk_folder(p, &mut files, &mut problems);
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
    let inputs = with_manifests(files, &mut problems);
    (inputs, problems)
}

/// The article files of folder `p`, recursively, sorted by name; (path, is JSONL).
fn walk_folder(p: &Path, files: &mut Vec<(PathBuf, bool)>, problems: &mut Vec<InputProblem>) {
    let before = files.len();
    // symlinks are followed (walkdir detects loops); a dangling one is reported by name
    // (sorted by name: siblings' paths are their folder's path and a '/' before the name, so
    // their bytes sort as the names do; `sort_by_file_name` parsed each path's last component at
    // every comparison, 13 M instructions for 2,000 files)
    let by_name = |a: &walkdir::DirEntry, b: &walkdir::DirEntry| {
        a.path().as_os_str().cmp(b.path().as_os_str())
    };
    for entry in walkdir::WalkDir::new(p).follow_links(true).sort_by(by_name) {
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
        problems.push(problem(p, None, "folder holds no .txt, .md or .jsonl files".into(), true));
    }
}

/// The inputs of `files`, each text file with its folder's manifest entry. One manifest per
/// folder, applying to the files in it (paths relative to the manifest). Files come folder by
/// folder, so one manifest is held at a time; its metadata is moved into the inputs, never copied
/// (an archive of a million files holds it once). A folder whose files the walk meets again after
/// a subfolder's has its manifest read again, quietly.
fn with_manifests(files: Vec<(PathBuf, bool)>, problems: &mut Vec<InputProblem>) -> Vec<Input> {
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
                read_manifest(&m, problems)
            } else {
                read_manifest(&m, &mut Vec::new())
            };
            manifest = Some((dir.to_path_buf(), metas));
        }
        let meta = manifest.as_mut().and_then(|(_, metas)| metas.remove(&path)).map(Box::new);
        inputs.push(Input::Text { path, meta });
    }
    inputs
}

/// How a text file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// with a byte-order mark (little or big endian)
    Utf16Le,
    Utf16Be,
    /// a file that is not valid UTF-8 (an older page saved as Latin-1 or Windows-1252)
    Windows1252,
}

/// A text file decoded: its text, where the text's offsets are in the file, and what was
/// replaced or guessed on the way (each a sentence for a warning).
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub map: OffsetMap,
    pub encoding: Encoding,
    pub(crate) notes: Vec<String>,
}

/// Magic numbers of files that are not text, whatever their bytes after.
const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"BZh", "bzip2-compressed"),
    (b"\xfd7zXZ\x00", "xz-compressed"),
    (b"(\xb5/\xfd", "zstd-compressed"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
];

/// The share of control bytes (in the first 8 KiB) above which a file is binary, not a text
/// with stray bytes: more than one in a hundred.
const BINARY_SHARE: usize = 100;
const SNIFF: usize = 8192;

/// A C0 control (or NUL) that does not belong in running text: tab, LF, CR and FF do.
fn is_stray_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The offset of the first stray control byte of `b` at or after `from` (at most `b.len()`):
/// eight bytes at a time, a word with no byte below 0x20 (nearly every word of a text) holding
/// none.
fn next_stray(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        // (the borrow of `x - 0x20` in a byte whose top bit was clear: a byte below 0x20)
        if x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 {
            if let Some(p) = chunk.iter().position(|&c| is_stray_control(c)) {
                return Some(i + p);
            }
        }
        i += 8;
    }
    b[i..].iter().position(|&c| is_stray_control(c)).map(|p| i + p)
}

/// The number of stray control bytes of `b`.
fn count_strays(b: &[u8]) -> usize {
    std::iter::successors(next_stray(b, 0), |&at| next_stray(b, at + 1)).count()
}

/// `text` with each stray control byte a space: one byte for one byte, so offsets do not move.
pub fn spaces_for_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(is_stray_control) {
        text.replace(|c: char| c.is_ascii() && is_stray_control(c as u8), " ").into()
    } else {
        text.into()
    }
}

/// Why `bytes` are not a text file, if they are not: a known magic number, or more than 1 %
/// NUL or control bytes in the first 8 KiB (a file with a UTF-16 byte-order mark is text).
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some((_, what)) = BINARY_MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(format!("file looks binary ({what})"));
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    let controls = count_strays(head);
    (controls * BINARY_SHARE > head.len()).then(|| {
        format!(
            "file looks binary ({controls} NUL or control bytes in its first {} bytes)",
            head.len()
        )
    })
}

/// Decode the bytes of a text file (not JSONL): UTF-16 when it starts with a byte-order mark,
/// else UTF-8, else (not valid UTF-8) Windows-1252; stray NUL and control bytes read as spaces.
/// The map takes the text's offsets back to the file's. Binary files are not checked here
/// ([`binary_reason`]).
pub fn decode_text(bytes: &[u8]) -> Decoded {
    let (mut text, map, encoding, mut notes) = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        let (t, m) = utf16(rest, u16::from_le_bytes);
        (t, m, Encoding::Utf16Le, Vec::new())
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        let (t, m) = utf16(rest, u16::from_be_bytes);
        (t, m, Encoding::Utf16Be, Vec::new())
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => (t.to_string(), OffsetMap::identity(), Encoding::Utf8, Vec::new()),
            Err(e) => {
                let (t, m) = windows_1252(bytes);
                let note = format!(
                    "not valid UTF-8 (first bad byte at offset {}): read as Windows-1252",
                    e.valid_up_to()
                );
                (t, m, Encoding::Windows1252, vec![note])
            }
        }
    };
    if let Some(at) = next_stray(text.as_bytes(), 0) {
        let n = count_strays(text.as_bytes());
        text = spaces_for_controls(&text).into_owned();
        notes.push(format!(
            "{n} stray NUL or control {} read as spaces (the first at byte offset {})",
            if n == 1 { "byte" } else { "bytes" },
            map.to_file(at)
        ));
    }
    Decoded { text, map, encoding, notes }
}

/// Text and offset map of UTF-16 code units (after a 2-byte byte-order mark); an unpaired
/// surrogate or an odd last byte is read as U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, OffsetMap) {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut checkpoints = Vec::with_capacity(bytes.len() / 2);
    let mut file = 0u32;
    for c in char::decode_utf16(units) {
        let (c, n) = match c {
            Ok(c) => (c, 2 * c.len_utf16() as u32),
            Err(_) => ('\u{FFFD}', 2),
        };
        text.push(c);
        file += n;
        checkpoints.push((text.len() as u32, file));
    }
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
        checkpoints.push((text.len() as u32, file + 1));
    }
    (text, OffsetMap { base: 2, checkpoints })
}

/// Text and offset map of Windows-1252 bytes (one byte a character).
fn windows_1252(bytes: &[u8]) -> (String, OffsetMap) {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let mut checkpoints = Vec::new();
    let mut file = 0u32;
    for (at, c) in text.char_indices() {
        file += 1;
        if !c.is_ascii() {
            checkpoints.push(((at + c.len_utf8()) as u32, file));
        }
    }
    (text.into_owned(), OffsetMap { base: 0, checkpoints })
}

/// Decode the bytes of a text file for analysis: empty and binary files are problems (the
/// file skipped); what [`decode_text`] replaced or guessed comes back as warnings naming it.
pub(crate) fn decode(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Decoded, Vec<InputProblem>), InputProblem> {
    if bytes.is_empty() {
        return Err(problem(path, None, "file is empty".into(), true));
    }
    if let Some(why) = binary_reason(&bytes) {
        return Err(problem(path, None, why, true));
    }
    let decoded = decode_text(&bytes);
    let warnings = decoded.notes.iter().map(|n| problem(path, None, n.clone(), false)).collect();
    Ok((decoded, warnings))
}

/// Read a text file into one raw document, with the warnings of its decoding.
pub fn read_text(
    path: &Path,
    meta: Option<Box<Meta>>,
) -> Result<(RawDoc, Vec<InputProblem>), InputProblem> {
    let bytes =
        std::fs::read(path).map_err(|e| problem(path, None, format!("cannot read: {e}"), true))?;
    let (decoded, warnings) = decode(path, bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(problem(path, None, "file holds only whitespace".into(), true));
    }
    let doc = RawDoc {
        path: path.display().to_string(),
        line: None,
        text: decoded.text,
        map: decoded.map,
        meta: meta.map(|m| *m).unwrap_or_default(),
    };
    Ok((doc, warnings))
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
    #[serde(default, alias = "timezone")]
    zone: Option<String>,
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
            zone: art.zone,
        },
    })
}

/// Decode a JSON string literal (with its quotes), recording where decoded and raw offsets part.
pub fn decode_json_string(lit: &str, base: usize) -> Option<(String, OffsetMap)> {
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
pub(crate) type JsonlLine = Result<(usize, usize, String), InputProblem>;

/// Read a JSONL file line by line, handing each non-blank line (or why it could not be read: the
/// file, a read error, a line that is not UTF-8) to `each`. Returns whether the file had any
/// non-blank line; a file that cannot be opened counts as having one (its problem is reported).
pub(crate) fn jsonl_lines(path: &Path, mut each: impl FnMut(JsonlLine)) -> bool {
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
pub(crate) fn empty_jsonl(path: &Path) -> InputProblem {
    problem(path, None, "JSONL file holds no articles".into(), true)
}
