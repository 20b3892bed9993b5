//! Bad input: each row of README's table. The document is reported (naming file and line) and
//! skipped or read with a warning; the rest of the corpus is still checked.

use crate::common;

use common::run;

fn corpus_with(extra: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = common::copy_dir(&common::fixture("rules/FL002/fires"));
    for (name, bytes) in extra {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    dir
}

fn check_dir(dir: &tempfile::TempDir, extra_args: &[&str]) -> (i32, String, String) {
    let p = dir.path().to_str().expect("utf8").to_string();
    let mut args = vec!["check"];
    args.extend_from_slice(extra_args);
    args.push(&p);
    run(&args)
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_with_its_offset() {
    let dir = corpus_with(&[("bad.txt", b"Gott \xff\xfe 32 af 44")]);
    let (code, out, _) = check_dir(&dir, &[]);
    assert_eq!(code, 1, "the other documents are still checked: {out}");
    assert!(
        out.contains("warning: ")
            && out.contains(
                "bad.txt: not valid UTF-8 (first bad byte at offset 5): read as Windows-1252"
            ),
        "{out}"
    );
    assert!(!out.contains("skipped"), "{out}");
}

#[test]
fn empty_and_binary_files() {
    let dir = corpus_with(&[("empty.txt", b""), ("blob.txt", b"\x00\x01\x02ELF")]);
    let (code, out, _) = check_dir(&dir, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("empty.txt: file is empty"), "{out}");
    assert!(out.contains("blob.txt: file looks binary"), "{out}");
}

#[test]
fn jsonl_bad_lines_name_their_line() {
    let dir = corpus_with(&[(
        "feed.jsonl",
        "{\"id\":1,\"lang\":\"is\",\"published\":\"2023-09-13\",\"text\":\"Sjö farþegar slösuðust.\"}\nnot json\n{\"id\":3,\"title\":\"no text\"}\n".as_bytes(),
    )]);
    let (code, out, _) = check_dir(&dir, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("feed.jsonl:2: not a JSON object"), "{out}");
    assert!(out.contains("feed.jsonl:3: no `text`"), "{out}");
}

#[test]
fn jsonl_claim_offsets_point_into_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let line = "{\"id\":\"a\",\"lang\":\"is\",\"published\":\"2023-09-13\",\"maintext\":\"\\\"Hér\\\" segir að 32 af 44 drónum hafi verið skotnir niður.\"}\n";
    std::fs::write(dir.path().join("a.jsonl"), format!("{line}{line}")).expect("write");
    let (code, out, _) = run(&["claims", "--format", "json", dir.path().to_str().expect("utf8")]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let file = std::fs::read_to_string(dir.path().join("a.jsonl")).expect("read");
    let claims = v["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 2);
    for c in claims {
        let (s, e) =
            (c["start"].as_u64().expect("s") as usize, c["end"].as_u64().expect("e") as usize);
        assert_eq!(&file[s..e], "32 af 44");
    }
}

#[test]
fn missing_path_and_nothing_to_check() {
    let (code, out, err) = run(&["check", "does/not/exist.txt"]);
    assert_eq!(code, 2);
    assert!(out.contains("does/not/exist.txt: no such file or folder"), "{out}");
    assert!(err.contains("nothing could be checked"));
    let empty = tempfile::tempdir().expect("tmp");
    let (code, out, _) = run(&["check", empty.path().to_str().expect("utf8")]);
    assert_eq!(code, 2);
    assert!(out.contains("folder holds no .txt, .md or .jsonl files"), "{out}");
}

#[test]
fn huge_numbers_do_not_crash() {
    let dir = corpus_with(&[(
        "huge.txt",
        "Úkraínumenn segja 99999999999999999999 drónum hafa verið grandað.\n".as_bytes(),
    )]);
    let (code, out, _) = check_dir(&dir, &["--published", "2023-09-13"]);
    assert_eq!(code, 1, "the other documents are still checked: {out}");
    let (code, out, _) =
        run(&["claims", "--format", "json", dir.path().join("huge.txt").to_str().expect("utf8")]);
    assert_eq!(code, 0);
    assert!(
        out.contains("1e20") || out.contains("100000000000000000000"),
        "huge value kept: {out}"
    );
}

/// A 100 MB file without a single newline: one paragraph of run-on text with claims scattered
/// through it. It is read and checked (claims at its far end included), nothing is lost.
#[test]
fn a_100_mb_single_line_is_read() {
    const SIZE: usize = 100 * 1024 * 1024;
    let filler = "Ráðherrann ræddi við blaðamenn um stöðuna og sagði að viðræður héldu áfram ";
    let claim = "Sjö farþegar slösuðust og 32 af 44 bílum skemmdust. ";
    let mut line = String::with_capacity(SIZE + 200);
    while line.len() < SIZE {
        for _ in 0..1000 {
            line.push_str(filler);
        }
        line.push_str(claim);
    }
    line.push_str("Að lokum voru 45 af 44 drónum skotnir niður.");
    let dir = corpus_with(&[("line.txt", line.as_bytes())]);
    drop(line);
    let (code, out, _) = check_dir(&dir, &["--published", "2023-09-13", "--format", "json"]);
    assert_eq!(code, 1, "{}", &out[..out.len().min(2000)]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let fired = |path: &str, code: &str| {
        v["diagnostics"].as_array().expect("diagnostics").iter().any(|d| {
            d["code"] == code && d["labels"][0]["path"].as_str().is_some_and(|p| p.ends_with(path))
        })
    };
    assert!(fired("line.txt", "FL001"), "the claim at the end of the line is checked");
    assert!(
        fired("ferja.txt", "FL002") || fired("ferje.txt", "FL002"),
        "the other documents are still checked"
    );
}

#[test]
fn unknown_publication_date_is_said_and_relative_dates_stay_unresolved() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("a.txt"), "Fundurinn var haldinn í gær og stóð í tvo daga.\n")
        .expect("write");
    let p = dir.path().to_str().expect("utf8");
    let (_, out, _) = run(&["check", p]);
    assert!(out.contains("publication date unknown"), "{out}");
    let (_, out, _) = run(&["claims", p]);
    assert!(out.contains("unresolved"), "{out}");
    let (_, out, _) = run(&["claims", "--published", "2023-09-13", p]);
    assert!(out.contains("2023-09-12"), "{out}");
}

#[test]
fn future_publication_date_is_read_as_given() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("a.txt"),
        "Frétt\n13. september 2099 06:58\nFundurinn var í gær.\n",
    )
    .expect("write");
    let (code, out, _) = run(&["claims", dir.path().to_str().expect("utf8")]);
    assert_eq!(code, 0);
    assert!(out.contains("2099-09-12"), "{out}");
    let (code, out, _) = run(&["check", dir.path().to_str().expect("utf8")]);
    assert_eq!(code, 0);
    assert!(out.contains("a.txt") && out.contains("2099-09-13 is in the future"), "{out}");
}

#[test]
fn unreadable_files_are_named_and_the_rest_checked() {
    let dir = corpus_with(&[]);
    // a dangling link (unreadable even as root) and a linked article that must be read
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
            .expect("symlink");
        let elsewhere = tempfile::tempdir().expect("tmp");
        std::fs::write(
            elsewhere.path().join("real.txt"),
            "Fréttin\n\n45 af 44 drónum voru skotnir niður.\n",
        )
        .expect("write");
        std::os::unix::fs::symlink(
            elsewhere.path().join("real.txt"),
            dir.path().join("linked.txt"),
        )
        .expect("symlink");
        let (code, out, _) = check_dir(&dir, &["--format", "json"]);
        assert_eq!(code, 1, "the other documents are still checked: {out}");
        assert!(out.contains("dangling.txt") && out.contains("cannot read"), "{out}");
        assert!(
            out.contains("linked.txt") && out.contains("FL001"),
            "a linked article is read: {out}"
        );
    }
    // a file without read permission (root reads it anyway, so only asserted for other users)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.txt");
        std::fs::write(&locked, "Fundurinn stóð í tvo daga.\n").expect("write");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&locked).is_err() {
            let (code, out, _) = check_dir(&dir, &[]);
            assert_eq!(code, 1, "{out}");
            assert!(out.contains("locked.txt") && out.contains("cannot read"), "{out}");
        }
    }
}
