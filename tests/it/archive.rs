//! The claims archive: `factlint index`, `check --against`, `sources`. Corpora are written to temp
//! folders here (short original articles, the consistent fixtures, or generated ones); nothing
//! reads ../shared.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use factlint::internals::app::{self, RunOptions, Setup};
use factlint::internals::archive::{self, schema, Archive, IndexOptions};
use factlint::internals::rules::{self, Verdict};
use rusqlite::{Connection, OpenFlags};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the binary in `dir`; returns (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(path: &Path, text: &str) {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

fn copy_consistent(to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(root().join("tests/fixtures/consistent")).expect("fixtures") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
    }
}

/// "indexed 8 documents into x.db: 8 new, 0 changed, 0 unchanged; …" → (new, changed, unchanged)
fn counts(out: &str) -> (usize, usize, usize) {
    let line = out
        .lines()
        .find(|l| l.starts_with("indexed "))
        .unwrap_or_else(|| panic!("no summary in {out}"));
    let num = |word: &str| -> usize {
        let before = line.split(&format!(" {word}")).next().expect("field");
        before
            .rsplit([' ', ':'])
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no `{word}` count in {line}"))
    };
    (num("new"), num("changed"), num("unchanged"))
}

fn ro(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open archive")
}

fn scalar(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// Every document row has exactly the claims it says it has, and the file is sound.
fn assert_consistent(db: &Path) -> (i64, i64) {
    let c = ro(db);
    let ok: String =
        c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(ok, "ok");
    let fk: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("fk check");
    assert_eq!(fk, 0, "claims without a document");
    let bad = scalar(&c, "SELECT count(*) FROM documents d WHERE d.n_claims != (SELECT count(*) FROM claims c WHERE c.doc_id = d.id)");
    assert_eq!(bad, 0, "a document is missing some of its claims");
    (scalar(&c, "SELECT count(*) FROM documents"), scalar(&c, "SELECT count(*) FROM claims"))
}

// A short corpus of our own: two sources put Kim's previous trip abroad in 2019, one in 2020.
const A: &str = "Kim Jong-un kominn til Rússlands\n\nKim Jong-un, leiðtogi Norður-Kóreu, kom til Rússlands í morgun með brynvarinni lest. Þetta er fyrsta ferð Kims úr landi í fjögur ár.\n";
const B: &str = "Leiðtogi Norður-Kóreu í Rússlandi\n\nKim Jong-un fundaði með Pútín í gær. Þetta er fyrsta ferð Kims til útlanda frá árinu 2019.\n";
const C: &str = "Kim hittir Pútín\n\nKim Jong-un er staddur í Rússlandi. Þetta er fyrsta ferð Kims úr landi í þrjú ár.\n";
const MANIFEST: &str = r#"{"path":"a.txt","outlet":"Vísir","lang":"is","published":"2023-09-12"}
{"path":"b.txt","outlet":"RÚV","lang":"is","published":"2023-09-13"}
{"path":"c.txt","outlet":"DV","lang":"is","published":"2023-09-13"}
"#;

fn mini_corpus(dir: &Path) {
    write(&dir.join("a.txt"), A);
    write(&dir.join("b.txt"), B);
    write(&dir.join("c.txt"), C);
    write(&dir.join("manifest.jsonl"), MANIFEST);
}

#[test]
fn index_is_incremental_and_replaces_changed_claims() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    copy_consistent(&corpus);
    let db = tmp.path().join("archive.db");
    let (code, out, err) = run_in(tmp.path(), &["index", "corpus", "--db", "archive.db"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(counts(&out), (8, 0, 0), "{out}");
    let (docs, claims) = assert_consistent(&db);
    assert_eq!(docs, 8);
    assert!(claims > 20, "{claims} claims");
    let c = ro(&db);
    assert_eq!(scalar(&c, "PRAGMA user_version"), schema::VERSION);
    assert_eq!(scalar(&c, "PRAGMA application_id"), archive::APPLICATION_ID);
    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal_mode");
    assert_eq!(mode, "wal");
    let ids_before: Vec<i64> = c
        .prepare("SELECT id FROM claims ORDER BY id")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("q")
        .map(Result::unwrap)
        .collect();
    drop(c);

    // unchanged: a no-op
    let (code, out, _) = run_in(tmp.path(), &["index", "corpus", "--db", "archive.db"]);
    assert_eq!(code, 0);
    assert_eq!(counts(&out), (0, 0, 8), "{out}");
    let c = ro(&db);
    let ids_after: Vec<i64> = c
        .prepare("SELECT id FROM claims ORDER BY id")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("q")
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids_before, ids_after, "an unchanged re-index rewrote claims");
    drop(c);

    // one document changed: only its claims are replaced
    let f = corpus.join("001_visir_lest.txt");
    let text = std::fs::read_to_string(&f).expect("read");
    assert!(text.contains("í fjögur ár"));
    std::fs::write(&f, text.replacen("í fjögur ár", "í fimm ár", 1)).expect("write");
    let (code, out, _) = run_in(tmp.path(), &["index", "corpus", "--db", "archive.db"]);
    assert_eq!(code, 0);
    assert_eq!(counts(&out), (0, 1, 7), "{out}");
    let (docs, _) = assert_consistent(&db);
    assert_eq!(docs, 8);
    let c = ro(&db);
    let texts: Vec<String> = c
        .prepare("SELECT c.text FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.path LIKE '%001_visir_lest.txt'")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("q")
        .map(Result::unwrap)
        .collect();
    assert!(texts.iter().any(|t| t == "í fimm ár"), "{texts:?}");
    assert!(!texts.iter().any(|t| t == "í fjögur ár"), "old claim kept: {texts:?}");
    // the other documents' claims were not touched
    let untouched = scalar(&c, "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.path NOT LIKE '%001_visir_lest.txt'");
    let kept: i64 = ids_before
        .iter()
        .filter(|id| {
            c.query_row("SELECT count(*) FROM claims WHERE id = ?1", [**id], |r| r.get::<_, i64>(0))
                .expect("q")
                == 1
        })
        .count() as i64;
    assert_eq!(kept, untouched);
}

#[test]
fn stored_claims_read_back_equal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    copy_consistent(&corpus);
    let db = tmp.path().join("a.db");
    let setup = Setup::load(None).expect("setup");
    let opts = RunOptions { paths: vec![corpus.clone()], threads: Some(1), ..Default::default() };
    let stats = archive::index(&setup, &opts, &db, &IndexOptions::default()).expect("index");
    assert_eq!((stats.new, stats.changed, stats.unchanged), (8, 0, 0));
    let report = app::collect(&setup, &opts);
    let a = Archive::open_read(&db).expect("open");
    let mut stmt = a.conn().prepare("SELECT d.path, c.claim FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY c.id").expect("q");
    let stored: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("q")
        .map(Result::unwrap)
        .collect();
    assert_eq!(stored.len(), report.claims.len());
    for (path, json) in &stored {
        let doc =
            report.documents.iter().position(|d| d.path == path.as_str()).expect("document") as u32;
        let back = archive::store::decode_claim(json, factlint::internals::claims::DocId(doc))
            .expect("decodes");
        // (a stored claim knows no place in a run's list)
        assert!(
            report.claims.iter().any(|c| *c == back.clone().numbered(c.idx())),
            "{path}: {back:?} not as extracted"
        );
    }
}

#[test]
fn check_against_finds_planted_conflict() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_consistent(&tmp.path().join("archive"));
    let (code, out, err) = run_in(tmp.path(), &["index", "archive", "--db", "a.db"]);
    assert_eq!(code, 0, "{out}{err}");
    // a draft written two days after 001 that miscounts the years since Kim last went abroad
    write(
        &tmp.path().join("draft.txt"),
        "Kim Jong-un í Rússlandi\n\nRitstjórn skrifar 14. september 2023 08:00\n\nKim Jong-un, leiðtogi Norður-Kóreu, er kominn til Rússlands. Þetta er fyrsta ferð Kims úr landi í þrjú ár.\n",
    );
    let (code, out, err) = run_in(tmp.path(), &["check", "draft.txt", "--against", "a.db"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("FL003"), "{out}");
    assert!(out.contains("draft.txt puts the previous travel in 2020"), "{out}");
    // the archived sources: path, outlet and date, and the quote
    assert!(
        out.contains("archived: archive/001_visir_lest.txt (Vísir, published 2023-09-12)"),
        "{out}"
    );
    assert!(out.contains("archive/004_ntb_toppmote.txt"), "{out}");
    assert!(out.contains("“í fjögur ár”") || out.contains("“frá árinu 2019”"), "{out}");
    assert!(out.contains("1 error"), "{out}");

    // JSON: labels in the draft and in the archive, every archived quote where its label says
    let (code, json, _) =
        run_in(tmp.path(), &["check", "draft.txt", "--against", "a.db", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "FL003");
    let labels = d["labels"].as_array().expect("labels");
    assert_eq!(labels[0]["path"], "draft.txt");
    assert!(labels.iter().any(|l| l["path"] == "archive/001_visir_lest.txt"));

    // the archived files gone: the notes still quote them, from the text stored in the archive
    std::fs::remove_dir_all(tmp.path().join("archive")).expect("rm");
    let (code, out2, _) = run_in(tmp.path(), &["check", "draft.txt", "--against", "a.db"]);
    assert_eq!(code, 1);
    assert!(
        out2.contains("archived: archive/001_visir_lest.txt (Vísir, published 2023-09-12)"),
        "{out2}"
    );
    assert!(out2.contains("frá árinu 2019") || out2.contains("fjögur ár"), "{out2}");

    // a draft that agrees: exit 0
    write(
        &tmp.path().join("ok.txt"),
        "Kim Jong-un í Rússlandi\n\nRitstjórn skrifar 14. september 2023 08:00\n\nKim Jong-un er kominn til Rússlands. Þetta er fyrsta ferð Kims úr landi í fjögur ár.\n",
    );
    let (code, out, _) =
        run_in(tmp.path(), &["check", "ok.txt", "--against", "a.db", "--corroborations"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("agree [FL003]"), "{out}");

    // a draft checked against the archive holding it is not compared with itself
    let (code, out, _) = run_in(tmp.path(), &["index", "ok.txt", "--db", "a.db"]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) =
        run_in(tmp.path(), &["check", "ok.txt", "--against", "a.db", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert_eq!(paths.iter().filter(|p| p.ends_with("ok.txt")).count(), 1, "{paths:?}");
}

/// A draft with no date (no dateline, no --published) is still compared with the whole archive,
/// and a three-way split (the sample corpus's 32 and 30 of 44 drones, the draft's 31) goes to the
/// archived articles: an undated draft never wins a tie.
#[test]
fn undated_draft_loses_a_tie() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run_in(
        tmp.path(),
        &["index", root().join("examples/corpus").to_str().expect("utf8"), "--db", "a.db"],
    );
    assert_eq!(code, 0, "{out}{err}");
    write(&tmp.path().join("undated.txt"), "Drónar\n\nÚkraínski flugherinn segir að 31 af 44 Shahed-drónum hafi verið skotnir niður.\n");
    let (code, out, _) = run_in(tmp.path(), &["check", "undated.txt", "--against", "a.db"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("publication date unknown"), "{out}");
    assert!(out.contains("undated.txt says 31 of 44"), "{out}");
}

/// What a run says about one document, comparable across runs: (code, file name, offset) of every
/// diagnostic that concerns it, by `check --against`'s rule (majority votes: the document is the
/// one outvoted; other rules: the document takes part).
fn concerning(
    report: &factlint::internals::report::Report,
    setup: &Setup,
    file: &str,
) -> Vec<(String, String, usize)> {
    let name = |p: &str| {
        Path::new(p).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
    };
    let mut out: Vec<(String, String, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| {
            let majority = setup.rules.iter().any(|r| {
                r.code == d.code
                    && matches!(
                        r.check,
                        factlint::internals::rules::Check::ValueMismatch
                            | factlint::internals::rules::Check::SinceArithmetic
                            | factlint::internals::rules::Check::TimeMismatch
                    )
            });
            d.labels.iter().any(|l| name(&l.path) == file && (l.primary || !majority))
        })
        .filter_map(|d| {
            let p = d.labels.iter().find(|l| l.primary)?;
            Some((d.code.clone(), name(&p.path), p.start))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Checking a draft against an archive of the other articles says what checking them all together
/// (the draft last) says about the draft: for every article of every per-rule fixture, as the draft.
#[test]
fn against_archive_equals_checking_together() {
    let setup = Setup::load(None).expect("setup");
    let rules_dir = root().join("tests/fixtures/rules");
    let mut compared = 0;
    let mut fired = 0;
    for code in std::fs::read_dir(&rules_dir)
        .expect("rules fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
    {
        for case in ["fires", "near_miss"] {
            let dir = code.join(case);
            if !dir.is_dir() {
                continue;
            }
            let files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .expect("dir")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            for draft in &files {
                let name = draft.file_name().expect("name").to_string_lossy().to_string();
                let tmp = tempfile::tempdir().expect("tempdir");
                let (adir, ddir) = (tmp.path().join("archive"), tmp.path().join("draft"));
                for f in
                    std::fs::read_dir(&dir).expect("dir").filter_map(Result::ok).map(|e| e.path())
                {
                    let fname = f.file_name().expect("name").to_owned();
                    let to = if f == *draft { &ddir } else { &adir };
                    std::fs::create_dir_all(to).expect("mkdir");
                    std::fs::copy(&f, to.join(&fname)).expect("copy");
                    if fname == "manifest.jsonl" {
                        std::fs::create_dir_all(&ddir).expect("mkdir");
                        std::fs::copy(&f, ddir.join(&fname)).expect("copy");
                    }
                }
                let db = tmp.path().join("a.db");
                let opts = |p: &Path| RunOptions {
                    paths: vec![p.to_path_buf()],
                    threads: Some(1),
                    ..Default::default()
                };
                if adir.exists() {
                    archive::index(&setup, &opts(&adir), &db, &IndexOptions::default())
                        .expect("index");
                }
                if !db.exists() {
                    // a one-article case (nothing to index creates no archive): an empty archive
                    Archive::create(&db).expect("create");
                }
                let against = archive::check_against(
                    &setup,
                    &opts(&ddir.join(&name)),
                    &db,
                    &archive::AgainstOptions { within_days: 0, ..Default::default() },
                )
                .expect("check");
                // the same articles checked together, the draft last (as `check --against` places it:
                // a tied vote goes to the published articles)
                let mut paths = vec![ddir.join(&name)];
                if adir.exists() {
                    paths.insert(0, adir.clone());
                }
                let together = app::check(
                    &setup,
                    &RunOptions { paths, threads: Some(1), ..Default::default() },
                );
                let want = concerning(&together, &setup, &name);
                let got = concerning(&against.report, &setup, &name);
                assert_eq!(got, want, "{}/{case}, draft {name}", code.display());
                compared += 1;
                fired += usize::from(!want.is_empty());
            }
        }
    }
    assert!(compared >= 10, "only {compared} drafts compared");
    assert!(fired >= 4, "only {fired} drafts had diagnostics");
}

#[test]
fn sources_lists_agreeing_and_disagreeing_outlets() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mini_corpus(&tmp.path().join("news"));
    let (code, out, err) = run_in(tmp.path(), &["index", "news", "--db", "n.db"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(counts(&out), (3, 0, 0));

    let (code, out, err) = run_in(tmp.path(), &["sources", "--db", "n.db", "travel@kim"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("previous travel, kim [since]"), "{out}");
    assert!(out.contains("agree     2019 — Vísir, RÚV (2 documents)"), "{out}");
    assert!(out.contains("disagree  2020 — DV (1 document)"), "{out}");
    // time order: Vísir (12th) before RÚV and DV (13th)
    let pos = |s: &str| out.find(s).unwrap_or(usize::MAX);
    assert!(pos("2023-09-12  Vísir") < pos("2023-09-13  RÚV"), "{out}");

    // a sentence as the query: its own value placed among the archive's
    let (code, out, _) = run_in(
        tmp.path(),
        &[
            "sources",
            "--db",
            "n.db",
            "--published",
            "2023-09-14",
            "Þetta er fyrsta ferð Kims úr landi í þrjú ár.",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("your text 2023 − 3 = 2020"), "{out}");
    assert!(out.contains("sides with DV"), "{out}");

    // a name alone
    let (code, out, _) = run_in(tmp.path(), &["sources", "--db", "n.db", "Kim"]);
    assert_eq!(code, 0);
    assert!(out.contains("on @kim"), "{out}");
    assert!(out.contains("previous travel, kim"), "{out}");

    // JSON
    let (code, out, _) =
        run_in(tmp.path(), &["sources", "--db", "n.db", "--format", "json", "since:travel@kim"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let s = &v["subjects"][0];
    assert_eq!(s["classes"][0]["standing"], "agree");
    assert_eq!(s["classes"][0]["outlets"], serde_json::json!(["Vísir", "RÚV"]));
    assert_eq!(s["classes"][1]["standing"], "disagree");
    assert_eq!(s["classes"][1]["outlets"], serde_json::json!(["DV"]));
    let dates: Vec<&str> = s["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["published"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn lookups_search_indexes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mini_corpus(tmp.path());
    let db = tmp.path().join("n.db");
    let setup = Setup::load(None).expect("setup");
    archive::index(
        &setup,
        &RunOptions { paths: vec![tmp.path().to_path_buf()], ..Default::default() },
        &db,
        &IndexOptions::default(),
    )
    .expect("index");
    let a = Archive::open_read(&db).expect("open");
    for (name, plan) in a.lookup_plans().expect("plans") {
        assert!(plan.iter().any(|s| s.starts_with("SEARCH")), "{name}: {plan:?}");
        // (a scan of a subquery's few rows is fine; a scan of a table is not)
        assert!(
            !plan.iter().any(|s| s.starts_with("SCAN claims") || s.starts_with("SCAN documents")),
            "{name} scans: {plan:?}"
        );
    }
}

#[test]
fn unusable_archives_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mini_corpus(&tmp.path().join("news"));
    let (code, _, err) = run_in(tmp.path(), &["check", "news/c.txt", "--against", "missing.db"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.db does not exist"), "{err}");
    write(
        &tmp.path().join("junk.db"),
        "not a database at all, just text that is long enough to be a header\n",
    );
    let (code, _, err) = run_in(tmp.path(), &["check", "news/c.txt", "--against", "junk.db"]);
    assert_eq!(code, 2);
    assert!(err.contains("junk.db"), "{err}");
    let (code, _, err) = run_in(tmp.path(), &["index", "news", "--db", "junk.db"]);
    assert_eq!(code, 2);
    assert!(err.contains("junk.db"), "{err}");
    let (code, _, err) = run_in(tmp.path(), &["index", "news", "--db", "no/such/dir/x.db"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run_in(tmp.path(), &["sources", "--db", "missing.db", "travel@kim"]);
    assert_eq!(code, 2, "{err}");
    // a SQLite file of another program is left alone
    Connection::open(tmp.path().join("other.db"))
        .expect("open")
        .execute_batch("CREATE TABLE t (x)")
        .expect("create");
    let (code, _, err) = run_in(tmp.path(), &["index", "news", "--db", "other.db"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a factlint archive"), "{err}");
    // an archive from a newer factlint
    let (code, _, _) = run_in(tmp.path(), &["index", "news", "--db", "n.db"]);
    assert_eq!(code, 0);
    Connection::open(tmp.path().join("n.db"))
        .expect("open")
        .pragma_update(None, "user_version", 99)
        .expect("bump");
    let (code, _, err) = run_in(tmp.path(), &["check", "news/c.txt", "--against", "n.db"]);
    assert_eq!(code, 2);
    assert!(err.contains("schema version 99"), "{err}");
}

// ------------------------------------------------------------------------------------------------
// Generated corpora: short articles recombined from templates, with varied people, places,
// numbers and dates (and a share of planted disagreements).

const PEOPLE: [(&str, &str, &str); 6] = [
    ("Vladimír Pútín", "Pútíns", "Vladimir Putin"),
    ("Kim Jong-un", "Kims", "Kim Jong-un"),
    ("Sergei Lavrov", "Lavrovs", "Sergej Lavrov"),
    ("Volodímír Selenskí", "Selenskís", "Volodymyr Zelenskyj"),
    ("Joe Biden", "Bidens", "Joe Biden"),
    ("Sergei Sjoígú", "Sjoígús", "Sergej Sjojgu"),
];
const PLACES: [(&str, &str); 5] = [
    ("Kína", "Kina"),
    ("Indlands", "India"),
    ("Tyrklands", "Tyrkia"),
    ("Írans", "Iran"),
    ("Brasilíu", "Brasil"),
];
const YEARS_IS: [&str; 4] = ["tvö", "þrjú", "fjögur", "fimm"];
const OUTLETS_IS: [&str; 4] = ["Vísir", "RÚV", "mbl.is", "DV"];
const OUTLETS_NN: [&str; 3] = ["NRK", "Framtida", "Dag og Tid"];

/// A tiny deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Write `n` articles under `dir`, 1000 a folder, each folder with its manifest.
pub fn generate(dir: &Path, n: usize) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = jiff::civil::date(2021, 1, 1);
    let mut manifest = String::new();
    for i in 0..n {
        let folder = dir.join(format!("{:03}", i / 1000));
        let p = rng.below(PEOPLE.len());
        let (nom, gen, nn_name) = PEOPLE[p];
        let (place_is, place_nn) = PLACES[rng.below(PLACES.len())];
        let day = (i * 1095 / n.max(1)) as i64 + rng.below(5) as i64;
        let published = start.checked_add(jiff::Span::new().days(day)).unwrap_or(start);
        // the years since the person last went abroad: the same for everyone writing that week,
        // but one article in ten gets it wrong
        let mut years = 2 + (p + (day / 7) as usize) % 4;
        if rng.below(10) == 0 {
            years = 2 + (years - 1) % 4;
        }
        let whole = 20 + (day as usize % 40);
        let mut part = whole - 1 - (day as usize % 7);
        if rng.below(12) == 0 {
            part -= 1;
        }
        let injured = 2 + (day as usize % 9);
        let other = PEOPLE[(p + 1 + rng.below(PEOPLE.len() - 1)) % PEOPLE.len()];
        let (text, outlet, lang) = if i % 3 == 2 {
            let mut t = format!(
                "{nn_name} på vitjing i {place_nn}\n\n{nn_name} kom til {place_nn} tysdag. "
            );
            t.push_str(&format!(
                "{nn_name} og {} møttest sist i {}. ",
                other.2,
                published.year() as usize - years
            ));
            t.push_str(&format!(
                "Det lukka møtet mellom leiarane varte i {} timar.\n\n",
                ["to", "tre", "fire"][rng.below(3)]
            ));
            t.push_str(&format!("Russland seier at {part} av {whole} dronar vart skotne ned natt til onsdag. {injured} personar vart skadde.\n"));
            (t, OUTLETS_NN[rng.below(OUTLETS_NN.len())], "nn")
        } else {
            let mut t = format!("{nom} í heimsókn\n\n{nom} kom til {place_is} í morgun. ");
            t.push_str(&format!(
                "Þetta er fyrsta ferð {gen} úr landi í {} ár. ",
                YEARS_IS[years - 2]
            ));
            t.push_str(&format!("{} fundaði með {} í gær.\n\n", nom, other.0));
            t.push_str(&format!("Rússar segja að {part} af {whole} drónum hafi verið skotnir niður í nótt. {injured} særðust í árásinni.\n"));
            if rng.below(3) == 0 {
                t.push_str(&format!(
                    "\n{nom} kvaddi {place_is} í dag eftir {} daga heimsókn.\n",
                    3 + rng.below(4)
                ));
            }
            (t, OUTLETS_IS[rng.below(OUTLETS_IS.len())], "is")
        };
        let name = format!("{i:06}.txt");
        write(&folder.join(&name), &text);
        manifest.push_str(&format!("{{\"path\":\"{name}\",\"outlet\":\"{outlet}\",\"lang\":\"{lang}\",\"published\":\"{published}\"}}\n"));
        if i % 1000 == 999 || i + 1 == n {
            write(&folder.join("manifest.jsonl"), &manifest);
            manifest.clear();
        }
    }
}

/// Start `factlint index` and kill it once more than `after` documents are stored, plus
/// `extra` milliseconds; returns (documents stored, whether it had finished before the kill).
fn index_and_kill(dir: &Path, db: &Path, batch: usize, after: i64, extra: u64) -> (i64, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["index", "gen", "--db", "big.db", "--threads", "1", "--batch", &batch.to_string()])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // read while the indexer writes (WAL): wait for a committed batch past `after`
    let started = Instant::now();
    let mut seen = after;
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(10));
        let Ok(c) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
            continue;
        };
        seen = c
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
            .unwrap_or(after);
        if seen > after {
            break;
        }
    }
    assert!(seen > after, "the indexer committed nothing in time");
    std::thread::sleep(Duration::from_millis(extra));
    let finished = child.try_wait().expect("try_wait").is_some();
    child.kill().expect("kill");
    let _ = child.wait();
    let (docs, _) = assert_consistent(db);
    (docs, finished)
}

#[test]
fn killed_index_leaves_archive_consistent() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("gen");
    let n = 4000;
    generate(&corpus, n);
    let db = tmp.path().join("big.db");
    let batch = 50;
    let mut stored = 0;
    // kill at several points: right after a commit, and some way into the next batches
    for extra in [0, 37, 113] {
        let (docs, finished) = index_and_kill(tmp.path(), &db, batch, stored, extra);
        if !finished {
            assert!(docs < n as i64, "killed, yet everything was stored");
            // whole batches or nothing: no half-written batch
            assert_eq!(docs % batch as i64, 0, "{docs} documents is not a whole number of batches");
        }
        assert!(docs >= stored);
        stored = docs;
        // a reader command works on what is there
        let (code, _, err) = run_in(tmp.path(), &["sources", "--db", "big.db", "@kim"]);
        assert_eq!(code, 0, "{err}");
        let _ = writeln!(
            std::io::stderr(),
            "killed after {docs} of {n} documents (finished before the kill: {finished})"
        );
    }
    // a last run completes the archive and skips what was stored
    let (code, out, err) =
        run_in(tmp.path(), &["index", "gen", "--db", "big.db", "--threads", "1"]);
    assert_eq!(code, 0, "{out}{err}");
    let (new, changed, unchanged) = counts(&out);
    assert_eq!((new, changed, unchanged), (n - stored as usize, 0, stored as usize), "{out}");
    let (all, claims) = assert_consistent(&db);
    assert_eq!(all, n as i64);
    assert!(claims > 4 * n as i64, "{claims} claims");
}

/// Write a corpus for timing: `FACTLINT_GEN_DIR=/tmp/gen100k FACTLINT_GEN_N=100000 cargo test
/// --test archive -- --ignored generate_corpus`.
#[test]
#[ignore]
fn generate_corpus() {
    let dir = std::env::var("FACTLINT_GEN_DIR").unwrap_or_else(|_| "/tmp/factlint-gen".into());
    let n = std::env::var("FACTLINT_GEN_N").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    generate(Path::new(&dir), n);
}

#[test]
fn sources_as_an_html_page() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mini_corpus(&tmp.path().join("news"));
    let (code, _, err) = run_in(tmp.path(), &["index", "news", "--db", "n.db"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) =
        run_in(tmp.path(), &["sources", "--db", "n.db", "travel@kim", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>"), "{out}");
    assert!(out.contains("previous travel, kim <span class=\"rule\">(since)</span>"), "{out}");
    // the dissenting outlet is said in words, not only in colour
    assert!(out.contains("<span class=\"role\">✗ disagrees: </span><strong>DV</strong>"), "{out}");
    assert!(!out.contains("<script"));
}

/// `index` runs started together on a new archive (the race is in creating it: the header
/// pragmas and the switch to WAL come before any write waits for another). Repeated, and four at
/// a time, since the overlap is a matter of timing: every run must finish with exit 0 and every
/// document of every run be stored.
#[test]
fn indexers_started_together_create_one_archive() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpora: Vec<PathBuf> = (0..4).map(|k| tmp.path().join(format!("c{k}"))).collect();
    for (k, dir) in corpora.iter().enumerate() {
        for (i, text) in [A, B].iter().enumerate() {
            write(&dir.join(format!("{k}{i}.txt")), text);
        }
    }
    for round in 0..20 {
        let db = tmp.path().join(format!("new{round}.db"));
        let db_arg = db.display().to_string();
        let children: Vec<_> = corpora
            .iter()
            .map(|corpus| {
                Command::new(env!("CARGO_BIN_EXE_factlint"))
                    .args(["index", &corpus.display().to_string(), "--db", &db_arg])
                    .args(["--threads", "1"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let (docs, _) = assert_consistent(&db);
        assert_eq!(docs, 8, "round {round}: every document of every run is stored");
    }
}

/// An indexer that has to wait more than a second for another writer says so, then finishes.
#[test]
fn index_says_it_is_waiting() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mini_corpus(&tmp.path().join("one"));
    write(&tmp.path().join("two/d.txt"), A);
    let (code, out, err) = run_in(tmp.path(), &["index", "one", "--db", "a.db"]);
    assert_eq!(code, 0, "{out}{err}");
    // another writer holds the archive for two seconds
    let mut holder = Connection::open(tmp.path().join("a.db")).expect("open");
    let tx = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("write lock");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["index", "two", "--db", "a.db", "--threads", "1"])
        .current_dir(tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // hold the lock until the writer says it waits (a fixed sleep raced a slow start under load)
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut err = String::new();
    while !err.contains("waiting for archive") {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut stderr, &mut line).expect("read stderr") == 0 {
            break;
        }
        err.push_str(&line);
    }
    tx.commit().expect("release");
    std::io::Read::read_to_string(&mut stderr, &mut err).expect("read stderr");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(
        err.matches("waiting for archive a.db: another process is writing it").count(),
        1,
        "{err}"
    );
    assert_eq!(assert_consistent(&tmp.path().join("a.db")).0, 4);
}

// A corpus of our own for the three ways: Kim's visit to Russia dated "13. september 2023" by one
// outlet and "í fyrra" by another writing in 2024 (FL005: the year holds the day); an earlier
// visit of his, in April 2019, dated by two outlets (another occurrence, never against the
// first); the years since his previous trip (FL003: one outlet off by one); the drones shot down
// (FL002: one outlet off).
const THREE_WAYS: &[(&str, &str)] = &[
    ("a.txt", "Kim í Rússlandi\n\nKim Jong-un kom í heimsókn til Rússlands 13. september 2023 með brynvarinni lest. Þetta er fyrsta ferð Kims úr landi í fjögur ár. Úkraínumenn segja 32 af 44 Shahed-drónum hafa verið skotna niður í nótt.\n"),
    ("b.txt", "Pútín í Norður-Kóreu\n\nVladímír Pútín kom til Pjongjang í dag. Kim Jong-un kom í heimsókn til Rússlands í fyrra. Þetta var fyrsta ferð Kims úr landi frá árinu 2019.\n"),
    ("c.txt", "Kim hittir Pútín\n\nKim Jong-un er staddur í Rússlandi. Þetta er fyrsta ferð Kims úr landi í þrjú ár. Úkraínumenn segja 30 af 44 Shahed-drónum hafa verið skotna niður í nótt.\n"),
    ("d.txt", "Drónar\n\nÚkraínumenn segja 32 af 44 Shahed-drónum hafa verið skotna niður í nótt.\n"),
    ("e.txt", "Kim til Vladívostok\n\nKim Jong-un kom í heimsókn til Rússlands 25. apríl 2019.\n"),
    ("f.txt", "Kim í Vladívostok\n\nKim Jong-un kom í heimsókn til Rússlands í gær.\n"),
    ("manifest.jsonl", r#"{"path":"a.txt","outlet":"Vísir","lang":"is","published":"2023-09-13"}
{"path":"b.txt","outlet":"RÚV","lang":"is","published":"2024-06-19"}
{"path":"c.txt","outlet":"DV","lang":"is","published":"2023-09-14"}
{"path":"d.txt","outlet":"mbl.is","lang":"is","published":"2023-09-14"}
{"path":"e.txt","outlet":"Vísir","lang":"is","published":"2019-04-25"}
{"path":"f.txt","outlet":"RÚV","lang":"is","published":"2019-04-26"}
"#),
];

/// The strongest of what several runs said of one group: a conflict any run reports, else an
/// agreement any run finds.
fn strongest(a: Verdict, b: Verdict) -> Verdict {
    let rank = |v: Verdict| match v {
        Verdict::Conflict => 2,
        Verdict::Agree => 1,
        Verdict::NoVerdict => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// One corpus checked three ways — `check`, `index` + `check --against` (each article as the
/// draft), `index` + `sources` — gets the same verdict on every group of every rule.
#[test]
fn check_against_and_sources_give_one_verdict() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let news = tmp.path().join("news");
    for (name, text) in THREE_WAYS {
        write(&news.join(name), text);
    }
    let setup = Setup::load(None).expect("setup");
    let opts = |p: PathBuf| RunOptions { paths: vec![p], threads: Some(1), ..Default::default() };

    // 1. check: the groups and their verdicts, read from the run
    let report = app::check(&setup, &opts(news.clone()));
    let groups = rules::groups::groups(
        &setup.rules,
        &report.claims,
        &report.diagnostics,
        &report.corroborations,
    );
    let by_check: BTreeMap<(String, String), Verdict> =
        groups.iter().map(|g| ((g.code.clone(), g.key.clone()), g.verdict)).collect();
    let verdict = |code: &str, text: &str| {
        let g = groups
            .iter()
            .find(|g| {
                g.code == code && g.claims.iter().any(|&i| report.claims[i.index()].text == text)
            })
            .unwrap_or_else(|| panic!("no {code} group holds “{text}”"));
        (g.key.clone(), g.verdict)
    };
    let (fyrra, v) = verdict("FL005", "í fyrra");
    assert_eq!(v, Verdict::Agree, "“í fyrra” written in 2024 holds 13 September 2023");
    assert_eq!(verdict("FL005", "13. september 2023"), (fyrra.clone(), Verdict::Agree));
    assert_eq!(verdict("FL005", "25. apríl 2019").0, fyrra, "one key, two visits");
    assert_eq!(verdict("FL003", "í þrjú ár").1, Verdict::Conflict);
    assert_eq!(verdict("FL002", "30 af 44").1, Verdict::Conflict);

    // 2. index + check --against, each article the draft, against an archive of them all (a
    // draft is never compared with itself)
    let db = tmp.path().join("n.db");
    archive::index(&setup, &opts(news.clone()), &db, &IndexOptions::default()).expect("index");
    let mut by_against: BTreeMap<(String, String), Verdict> = BTreeMap::new();
    for (name, _) in THREE_WAYS.iter().filter(|(n, _)| n.ends_with(".txt")) {
        let against = archive::check_against(
            &setup,
            &opts(news.join(name)),
            &db,
            &archive::AgainstOptions { within_days: 0, ..Default::default() },
        )
        .expect("check --against");
        let r = &against.report;
        for g in rules::groups::groups(&setup.rules, &r.claims, &r.diagnostics, &r.corroborations) {
            if g.claims.iter().any(|&i| against.is_draft(r.claims[i.index()].doc)) {
                let v = by_against.entry((g.code, g.key)).or_insert(Verdict::NoVerdict);
                *v = strongest(*v, g.verdict);
            }
        }
    }
    assert_eq!(by_against, by_check, "check --against");

    // 3. index + sources: each group looked up by what its claims name
    let mut by_sources: BTreeMap<(String, String), Verdict> = BTreeMap::new();
    for g in &groups {
        let c = &report.claims[g.claims[0].index()];
        let query = match (c.concept, c.family, c.principal) {
            (Some(t), _, _) | (None, Some(t), _) => t.to_string(),
            (None, None, Some(p)) => format!("@{p}"),
            _ => panic!("a group sources cannot name: {}", g.key),
        };
        let view = archive::sources(&setup, &db, &query, &archive::SourcesOptions::default())
            .expect("sources");
        let s = view
            .subjects
            .iter()
            .find(|s| s.rule == g.code && s.key == g.key)
            .unwrap_or_else(|| panic!("sources {query}: no subject {}", g.key));
        let v = match s.verdict {
            "agree" => Verdict::Agree,
            "conflict" => Verdict::Conflict,
            _ => Verdict::NoVerdict,
        };
        by_sources.insert((g.code.clone(), g.key.clone()), v);
        // agreement only across two or more documents
        for cl in &s.classes {
            assert!(cl.standing != "agree" || cl.documents >= 2, "{query}: {cl:?}");
        }
    }
    assert_eq!(by_sources, by_check, "sources");

    // in sources, the year and the day are one value; the visit of 2019 is a value of its own,
    // agreed on by its two outlets, not a dissent
    let view = archive::sources(&setup, &db, "visit@kim", &archive::SourcesOptions::default())
        .expect("sources");
    let s = view.subjects.iter().find(|s| s.key == fyrra).expect("the visit's dates");
    let class_of = |text: &str| {
        let e = s.claims.iter().find(|e| e.text == text).expect("entry");
        &s.classes[e.class]
    };
    assert_eq!(class_of("í fyrra").value, class_of("13. september 2023").value);
    assert_eq!(class_of("í fyrra").standing, "agree");
    assert_eq!(class_of("25. apríl 2019").standing, "agree");
    assert_ne!(class_of("25. apríl 2019").value, class_of("í fyrra").value);
    assert!(s.classes.iter().all(|c| c.standing == "agree"), "{:?}", s.classes);
}

/// A change to the data extraction reads (a desk's concept entry, then a lexicon entry) re-extracts
/// on the next index run: the stored claims follow the data, never "unchanged".
#[test]
fn index_reextracts_after_a_data_change() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (rules_dir, news) = (tmp.path().join("rules"), tmp.path().join("news"));
    let entry = |id: &str| {
        format!("[{id}]\nkind = \"thing\"\nis = [\"björgunarbátur\", \"björgunarbátar\", \"björgunarbáta\", \"björgunarbátum\"]\n")
    };
    write(&rules_dir.join("concepts.toml"), &entry("rescue_boat"));
    write(
        &news.join("x.txt"),
        "Björgun\n\nAlls voru sex björgunarbátar sendir á vettvang. Kim Jong-un kom í heimsókn til Rússlands nýverið.\n",
    );
    let db = tmp.path().join("l.db");
    let run = || {
        let setup = Setup::load(Some(&rules_dir)).expect("setup");
        let opts = RunOptions {
            paths: vec![news.clone()],
            rules_dir: Some(rules_dir.clone()),
            corpus: factlint::internals::corpus::CorpusOptions {
                published: jiff::civil::Date::new(2023, 9, 13).ok(),
                lang: Some("is".into()),
            },
            ..Default::default()
        };
        let s = archive::index(&setup, &opts, &db, &IndexOptions::default()).expect("index");
        (s.new, s.changed, s.unchanged)
    };
    let concepts = || -> Vec<String> {
        let c = ro(&db);
        let mut stmt =
            c.prepare("SELECT concept FROM claims WHERE kind = 'count' ORDER BY id").expect("q");
        stmt.query_map([], |r| r.get(0)).expect("q").map(Result::unwrap).collect()
    };
    assert_eq!(run(), (1, 0, 0));
    assert_eq!(concepts(), ["rescue_boat"]);
    assert_eq!(run(), (0, 0, 1));
    write(&rules_dir.join("concepts.toml"), &entry("lifeboat"));
    assert_eq!(run(), (0, 1, 0), "a data change re-extracts");
    assert_eq!(concepts(), ["lifeboat"]);
    // the stored keys follow: the rules' frame key names the new concept
    let c = ro(&db);
    let keys = scalar(&c, "SELECT count(*) FROM claim_keys WHERE key LIKE '%\"lifeboat\"%'");
    assert!(keys >= 1, "no key of the new concept");
    drop(c);
    // a lexicon entry: a relative word, two days back, then three
    let day = || -> Option<String> {
        ro(&db)
            .query_row("SELECT date_start FROM claims WHERE text = 'nýverið'", [], |r| r.get(0))
            .ok()
    };
    assert_eq!(day(), None, "not a relative word yet");
    write(&rules_dir.join("lang/is.toml"), "[relative]\n\"nýverið\" = { days = -2 }\n");
    assert_eq!(run(), (0, 1, 0));
    assert_eq!(day().as_deref(), Some("2023-09-11"));
    write(&rules_dir.join("lang/is.toml"), "[relative]\n\"nýverið\" = { days = -3 }\n");
    assert_eq!(run(), (0, 1, 0), "a lexicon change re-extracts");
    assert_eq!(day().as_deref(), Some("2023-09-10"));
}

/// An archive of schema 1 (no frame columns, no keys) is migrated by the next index run, and every
/// document it holds is extracted again, so its claims get the rules' keys.
#[test]
fn a_schema_1_archive_is_migrated_and_reextracted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mini_corpus(&tmp.path().join("news"));
    let db = tmp.path().join("old.db");
    {
        let c = Connection::open(&db).expect("create");
        c.execute_batch(schema::MIGRATIONS[0]).expect("schema 1");
        c.pragma_update(None, "user_version", 1).expect("version");
        c.pragma_update(None, "application_id", archive::APPLICATION_ID).expect("id");
        c.execute(
            "INSERT INTO documents (path, line, lang, hash, meta, source, n_claims, indexed_at)
             VALUES ('news/a.txt', 0, 'is', 'old', '{}', '', 0, 'then')",
            [],
        )
        .expect("a stored document");
    }
    let (code, out, err) = run_in(tmp.path(), &["index", "news", "--db", "old.db"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(counts(&out), (2, 1, 0), "{out}");
    assert_consistent(&db);
    let c = ro(&db);
    assert_eq!(scalar(&c, "PRAGMA user_version"), schema::VERSION);
    let unkeyed = scalar(
        &c,
        "SELECT count(*) FROM claims WHERE kind = 'since' AND id NOT IN (SELECT claim_id FROM claim_keys)",
    );
    assert_eq!(unkeyed, 0, "a since claim with no key");
    // and read: the archive answers as a new one does
    let (code, out, _) = run_in(tmp.path(), &["sources", "--db", "old.db", "travel@kim"]);
    assert_eq!(code, 0);
    assert!(out.contains("FL003: conflict"), "{out}");
}

/// A rebuilt program re-extracts: the content hash covers the executable's build (its size and
/// modification time), so an archive indexed by an older build, whose extraction or keys may
/// differ at the same version number, is not compared as "unchanged" (the same build is).
#[test]
fn index_reextracts_after_a_new_build() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let exe = tmp.path().join("factlint");
    std::fs::copy(env!("CARGO_BIN_EXE_factlint"), &exe).expect("copy the binary");
    let news = tmp.path().join("news");
    write(&news.join("a.txt"), "Rescue\n\nSix lifeboats were sent out on 3 May 2024.\n");
    let db = tmp.path().join("b.db");
    let index = || {
        let out = std::process::Command::new(&exe)
            .args(["index", "--published", "2024-05-03", "--db"])
            .arg(&db)
            .arg(&news)
            .output()
            .expect("run the copied binary");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        counts(&String::from_utf8_lossy(&out.stdout))
    };
    assert_eq!(index(), (1, 0, 0));
    assert_eq!(index(), (0, 0, 1), "the same build finds the document unchanged");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&exe)
        .expect("open")
        .set_modified(later)
        .expect("touch");
    assert_eq!(index(), (0, 1, 0), "a new build re-extracts");
}
