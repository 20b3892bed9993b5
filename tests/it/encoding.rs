//! Text files that are not clean UTF-8: stray NUL and control bytes, Windows-1252, UTF-16 with a
//! byte-order mark. Each is read with one warning naming the file, and every output (claims,
//! human, JSON, SARIF) points at the bytes of the file as it is on disk: a corpus re-encoded
//! gives the same diagnostics, lines and columns as the UTF-8 original.

use std::path::Path;

use crate::common::{self, run};

const NRK: &str = "nrk_ferje.txt";
const RUV: &str = "ruv_ferja.txt";

/// The FL002 fixture corpus (two sources disagree on the injured) in a temp dir, with `nrk` and
/// `ruv` as the bytes of those files given their UTF-8 text.
fn corpus(nrk: impl Fn(&str) -> Vec<u8>, ruv: impl Fn(&str) -> Vec<u8>) -> tempfile::TempDir {
    let dir = common::copy_dir(&common::fixture("rules/FL002/fires"));
    for (name, f) in [(NRK, &nrk as &dyn Fn(&str) -> Vec<u8>), (RUV, &ruv)] {
        let text = std::fs::read_to_string(dir.path().join(name)).expect("fixture");
        std::fs::write(dir.path().join(name), f(&text)).expect("write");
    }
    dir
}

fn utf8(t: &str) -> Vec<u8> {
    t.as_bytes().to_vec()
}

/// Two spaces become a NUL and a control byte: one byte for one byte, so the text as read (the
/// bytes as spaces) is the original's.
fn with_controls(t: &str) -> Vec<u8> {
    let mut b = t.as_bytes().to_vec();
    let first = t.find(' ').expect("a space");
    b[first] = 0;
    let later = t.find(" passasjerar vart").expect("a later space");
    b[later] = 0x01;
    b
}

fn windows_1252(t: &str) -> Vec<u8> {
    let (b, _, lossy) = encoding_rs::WINDOWS_1252.encode(t);
    assert!(!lossy, "the fixture fits Windows-1252");
    b.into_owned()
}

fn utf16le(t: &str) -> Vec<u8> {
    let mut b = vec![0xff, 0xfe];
    b.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
    b
}

/// The text of file bytes `s..e` as factlint decodes that file.
fn decoded(path: &Path, s: usize, e: usize) -> String {
    let bytes = std::fs::read(path).expect("read");
    if bytes.starts_with(&[0xff, 0xfe]) {
        let units: Vec<u16> =
            bytes[s..e].chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        return String::from_utf16(&units).expect("utf-16");
    }
    match std::str::from_utf8(&bytes) {
        Ok(t) => t[s..e].replace(['\0', '\u{1}'], " "),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes[s..e]).0.into(),
    }
}

/// Output with the corpus folder and the warning lines taken out.
fn scrubbed(out: &str, dir: &Path) -> String {
    out.replace(&format!("{}/", dir.display()), "")
        .lines()
        .filter(|l| !l.starts_with("warning: "))
        // (a fingerprint names its document by path, and the two corpora sit in two folders)
        .filter(|l| !l.trim_start().starts_with("fingerprint: "))
        .map(|l| l.replace("; 2 input warnings", "").replace("; 1 input warning", ""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every claim's and label's span decodes to its quoted text; the human outputs of `check` and
/// `claims` and SARIF's regions equal the UTF-8 original's; returns the warning lines.
fn same_as_original(dir: &Path) -> Vec<String> {
    let orig = corpus(utf8, utf8);
    let p = dir.to_str().expect("utf8");
    let o = orig.path().to_str().expect("utf8");
    // claims: found, at the right bytes
    let (code, out, err) = run(&["claims", "--format", "json", p]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let claims = v["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 9, "{out}");
    for c in claims {
        let path = Path::new(c["path"].as_str().expect("path"));
        let (s, e) =
            (c["start"].as_u64().expect("s") as usize, c["end"].as_u64().expect("e") as usize);
        assert_eq!(decoded(path, s, e), c["text"].as_str().expect("text"), "{c}");
        let (s, e) = (
            c["sentence_start"].as_u64().expect("s") as usize,
            c["sentence_end"].as_u64().expect("e") as usize,
        );
        assert!(decoded(path, s, e).contains(c["text"].as_str().expect("text")));
    }
    // diagnostics in JSON: labels at the right bytes
    let (code, out, _) = run(&["check", "--format", "json", p]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let labels: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .flat_map(|d| d["labels"].as_array().expect("labels"))
        .collect();
    assert_eq!(labels.len(), 2, "{out}");
    for l in labels {
        let (s, e) =
            (l["start"].as_u64().expect("s") as usize, l["end"].as_u64().expect("e") as usize);
        assert_eq!(
            decoded(Path::new(l["path"].as_str().expect("p")), s, e),
            l["text"].as_str().expect("t")
        );
    }
    // human `check` and `claims`: the same lines, columns and rendered text as the original
    for args in [&["check"][..], &["claims"][..]] {
        let (_, mine, _) = run(&[args, &[p]].concat());
        let (_, theirs, _) = run(&[args, &[o]].concat());
        assert_eq!(scrubbed(&mine, dir), scrubbed(&theirs, orig.path()));
    }
    // SARIF: the same lines and columns (byte offsets are the file's own, checked above)
    let regions = |p: &str| {
        let (_, out, _) = run(&["check", "--format", "sarif", p]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("sarif");
        let mut r = Vec::new();
        for res in v["runs"][0]["results"].as_array().expect("results") {
            for loc in res["locations"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(res["relatedLocations"].as_array().into_iter().flatten())
            {
                let reg = &loc["physicalLocation"]["region"];
                r.push((
                    reg["startLine"].clone(),
                    reg["startColumn"].clone(),
                    reg["endColumn"].clone(),
                    reg["snippet"].clone(),
                ));
            }
        }
        r
    };
    let mine = regions(p);
    assert!(!mine.is_empty());
    assert_eq!(mine, regions(o));
    let (_, out, _) = run(&["check", p]);
    out.lines()
        .filter(|l| l.starts_with("warning: "))
        .map(|l| l.replace(&format!("{p}/"), ""))
        .collect()
}

#[test]
fn stray_nul_and_control_bytes_are_read_as_spaces_with_one_warning() {
    let dir = corpus(with_controls, utf8);
    let at = std::fs::read(dir.path().join(NRK)).expect("read").iter().position(|&b| b == 0);
    assert_eq!(
        same_as_original(dir.path()),
        [format!(
            "warning: {NRK}: 2 stray NUL or control bytes read as spaces (the first at byte offset {})",
            at.expect("a NUL")
        )]
    );
}

#[test]
fn windows_1252_is_decoded_with_one_warning() {
    let dir = corpus(utf8, windows_1252);
    let bad = std::fs::read(dir.path().join(RUV)).expect("read").iter().position(|&b| b >= 0x80);
    assert_eq!(
        same_as_original(dir.path()),
        [format!(
            "warning: {RUV}: not valid UTF-8 (first bad byte at offset {}): read as Windows-1252",
            bad.expect("a Latin-1 letter")
        )]
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let dir = corpus(utf16le, windows_1252);
    let warnings = same_as_original(dir.path());
    assert_eq!(warnings.len(), 1, "UTF-16 is read without a warning: {warnings:?}");
    assert!(warnings[0].contains(RUV));
}

#[test]
fn real_binary_files_are_still_skipped() {
    let dir = corpus(utf8, utf8);
    // the factlint executable itself, and a PNG header, named as articles
    std::fs::copy(env!("CARGO_BIN_EXE_factlint"), dir.path().join("program.txt")).expect("copy");
    std::fs::write(dir.path().join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    // a text of control bytes, one in fifty
    let noisy: Vec<u8> = (0..5000).map(|i| if i % 50 == 0 { 2 } else { b'a' }).collect();
    std::fs::write(dir.path().join("noisy.txt"), noisy).expect("write");
    let (code, out, _) = run(&["check", dir.path().to_str().expect("utf8")]);
    assert_eq!(code, 1, "the articles are still checked: {out}");
    assert!(
        out.contains("skipped: ") && out.contains("program.txt: file looks binary (an executable)"),
        "{out}"
    );
    assert!(out.contains("image.txt: file looks binary (a PNG image)"), "{out}");
    assert!(
        out.contains(
            "noisy.txt: file looks binary (100 NUL or control bytes in its first 5000 bytes)"
        ),
        "{out}"
    );
    assert!(out.contains("3 inputs skipped"), "{out}");
}

/// Index a corpus, then check a draft that disagrees with it (the Nynorsk article with 118
/// passengers on board) against the archive, and ask `sources` about the ferry: (check, sources).
fn against_archive(corpus: &Path) -> (String, String) {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("a.db");
    let (db, c) = (db.to_str().expect("utf8"), corpus.to_str().expect("utf8"));
    let (code, out, err) = run(&["index", c, "--db", db]);
    assert_eq!(code, 0, "{out}{err}");
    let draft = tmp.path().join("draft.txt");
    let orig = common::fixture("rules/FL002/fires").join(NRK);
    let text = std::fs::read_to_string(&orig)
        .expect("fixture")
        .replace("Om bord var 112 passasjerar", "Om bord var 118 passasjerar");
    std::fs::write(&draft, text).expect("write");
    let draft = draft.to_str().expect("utf8");
    let (code, check, err) =
        run(&["check", draft, "--against", db, "--published", "2023-10-05", "--corroborations"]);
    assert_eq!(code, 1, "{check}{err}");
    let (code, sources, err) = run(&["sources", "--db", db, "passenger"]);
    assert_eq!(code, 0, "{sources}{err}");
    let scrub = |s: &str| {
        s.replace(&format!("{}/", tmp.path().display()), "")
            .replace(&format!("{c}/"), "")
            .replace(db, "a.db")
    };
    (scrub(&check), scrub(&sources))
}

/// Archived articles decoded from Windows-1252 or UTF-16 keep the map from their stored text to
/// the file: `check --against` quotes and labels them, and `sources` places them, as it does
/// the UTF-8 originals.
#[test]
fn archived_re_encoded_articles_render_as_the_originals() {
    let orig = corpus(utf8, utf8);
    let re = corpus(utf16le, windows_1252);
    let (check, sources) = against_archive(re.path());
    let (orig_check, orig_sources) = against_archive(orig.path());
    assert_eq!(check, orig_check);
    assert_eq!(sources, orig_sources);
    // the UTF-16 article quoted with its line, the Windows-1252 one placed by line and column
    assert!(check.contains(&format!("archived: {NRK}")), "{check}");
    assert!(check.contains("Om bord var 112 passasjerar"), "the archived line is shown: {check}");
    assert!(check.contains(&format!("{RUV}:7:32 “40”")), "{check}");
}

/// The count of stray control bytes (read eight bytes at a time) is the count byte by byte: a
/// control at every offset of short texts, next to tab, LF, CR and FF (which are not stray) and
/// to letters of two bytes.
#[test]
fn stray_controls_are_counted_at_every_offset() {
    use factlint::internals::corpus::load::{binary_reason, decode_text};
    let stray = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    for len in 1..40usize {
        for at in 0..len {
            for c in [0u8, 1, 0x1f, b'\t', b'\n', b'\r', 0x0c] {
                let mut bytes: Vec<u8> = "æa\nb\tc".bytes().cycle().take(len).collect();
                bytes[at] = c;
                if at + 3 < len {
                    bytes[at + 3] = 0x1b;
                }
                let n = bytes.iter().filter(|&&b| stray(b)).count();
                let want = (n > 0).then(|| {
                    format!("file looks binary ({n} NUL or control bytes in its first {len} bytes)")
                });
                assert_eq!(binary_reason(&bytes), want, "{bytes:?}");
                let text = decode_text(&bytes).text;
                assert_eq!(text.bytes().filter(|&b| stray(b)).count(), 0, "{bytes:?}");
            }
        }
    }
}
