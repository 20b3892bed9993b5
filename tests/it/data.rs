//! Data files that say what they mean: `factlint data check`, and boilerplate for one language.

use std::path::Path;

use crate::common::run;

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn data_check_reports_unknown_duplicate_and_unused_entries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("concepts.toml"),
        r#"replace = true

[drone]
kind = "thing"
is = ["dróni", "drónar", "drónar"]
nb = ["drone", "droner"]
dk = ["drone"]

[aircraft]
kind = "thing"
nb = ["fly", "droner"]

[nothing]
kind = "thing"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("boilerplate.toml"),
        r#"[[line]]
name = "credit"
lang = ["xx"]
starts_with = ["Foto:"]

[[tail]]
name = "credit"
marker = ["LES OGSÅ"]
"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("entities.toml"), "[nato]\nforms = [\"NATO\", \"Nato\"]\n")
        .unwrap();
    let (code, out, err) = run(&["data", "check", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let has = |file: &str, kind: &str, what: &str| {
        lines
            .iter()
            .any(|l| l.contains(file) && l.contains(&format!(": {kind}: ")) && l.contains(what))
    };
    assert!(has("concepts.toml", "duplicate", "`drónar` is listed twice in [drone] is"), "{out}");
    assert!(
        has("concepts.toml", "duplicate", "`droner` (nb) is a form of both [aircraft] and [drone]"),
        "{out}"
    );
    assert!(has("concepts.toml", "unknown", "[drone] lists forms under `dk`"), "{out}");
    assert!(has("concepts.toml", "unused", "[nothing] has no forms"), "{out}");
    assert!(has("boilerplate.toml", "unknown", "lang `xx` has no lexicon"), "{out}");
    assert!(has("boilerplate.toml", "unused", "`credit` applies to no language"), "{out}");
    assert!(has("boilerplate.toml", "duplicate", "two rules are named `credit`"), "{out}");
    assert!(has("entities.toml", "duplicate", "`Nato` is listed twice in [nato]"), "{out}");
    assert!(out.ends_with("8 findings\n"), "{out}");
    // clean data: exit 0; data that does not load: exit 2 naming the file
    std::fs::write(
        dir.path().join("concepts.toml"),
        "[drone]\nkind = \"thing\"\nnb = [\"drone\"]\n",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("boilerplate.toml")).unwrap();
    std::fs::write(dir.path().join("entities.toml"), "[nato]\nforms = [\"NATO\"]\n").unwrap();
    let (code, out, _) = run(&["data", "check", s(dir.path())]);
    assert_eq!((code, out.as_str()), (0, "0 findings\n"));
    std::fs::write(dir.path().join("entities.toml"), "[nato]\nforms = \"NATO\"\n").unwrap();
    let (code, _, err) = run(&["data", "check", s(dir.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("entities.toml"), "{err}");
}

/// A sidebar pattern of one language does not strip text from an article in another: "Mest lest
/// … Se flere" is Norwegian furniture, words of an Icelandic sentence here.
#[test]
fn boilerplate_for_another_language_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Reykjavík | 13. september 2023\n\nPútín og Kim hittust í Vostotsjní-geimferðastöðinni á miðvikudag. Kim kom til Rússlands á þriðjudag með lest.\n\nMest lest var fréttin um 44 dróna sem voru skotnir niður. Se flere fréttir síðar. Kim og Pútín ræddu saman um samstarf ríkjanna.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let (code, out, _) = run(&["corpus", "--format", "json", s(dir.path())]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"][0]["lang"], "is");
    assert_eq!(v["documents"][0]["stripped"], serde_json::json!([]), "{out}");
    // in a Bokmål article the same lines are furniture
    let nb = "Oslo\n\nPutin og Kim møttes onsdag. Det var første gang på fire år at de møttes, og de snakket lenge.\n\nMest lest: 44 droner skutt ned. Se flere\n\nKim reiste hjem med toget etter møtet og samtalene.\n";
    std::fs::write(dir.path().join("a.txt"), nb).unwrap();
    let (_, out, _) = run(&["corpus", "--format", "json", s(dir.path())]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"][0]["lang"], "nb", "{out}");
    assert_eq!(v["documents"][0]["stripped"][0]["reason"], "most-read-no", "{out}");
}
