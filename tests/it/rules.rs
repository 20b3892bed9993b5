//! One fixture and one snapshot per rule, in the style of ruff: `tests/fixtures/rules/<CODE>/fires`
//! must raise exactly that rule (snapshots of the human and JSON output), and
//! `tests/fixtures/rules/<CODE>/near_miss` must raise nothing.

use crate::common;

use factlint::internals::report::{human, json};

const CODES: [&str; 9] =
    ["FL001", "FL002", "FL003", "FL004", "FL005", "FL006", "FL007", "FL008", "FL009"];

#[test]
fn every_rule_fires_on_its_fixture() {
    let setup = common::setup();
    for code in CODES {
        let dir = common::fixture(&format!("rules/{code}/fires"));
        let report = common::check(&setup, &[&dir]);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(!codes.is_empty() && codes.iter().all(|c| *c == code), "{code}: got {codes:?}");
        for d in &report.diagnostics {
            assert!(d.labels.iter().any(|l| l.primary), "{code}: no primary label");
            assert!(!d.help.is_empty(), "{code}: no help");
        }
        let settings = snap_settings!();
        settings.bind(|| {
            insta::assert_snapshot!(format!("{code}_fires_human"), common::scrub(&human::print(&report, false, false)));
            let mut v: serde_json::Value = serde_json::from_str(&json::print(&report)).expect("json");
            // (a desk's marks, null here, are pinned by formats.rs: the snapshot is the finding)
            for d in v["diagnostics"].as_array_mut().into_iter().flatten() {
                d.as_object_mut().map(|o| (o.remove("fingerprint"), o.remove("accepted")));
            }
            insta::assert_json_snapshot!(format!("{code}_fires_json"), serde_json::json!({
                "diagnostics": common::scrub(&v["diagnostics"].to_string()).parse::<serde_json::Value>().expect("json"),
            }));
        });
    }
}

#[test]
fn no_rule_fires_on_a_near_miss() {
    let setup = common::setup();
    for code in CODES {
        let dir = common::fixture(&format!("rules/{code}/near_miss"));
        let report = common::check(&setup, &[&dir]);
        let msgs: Vec<String> =
            report.diagnostics.iter().map(|d| format!("{}: {}", d.code, d.message)).collect();
        assert!(msgs.is_empty(), "{code} near miss raised {msgs:?}");
        assert!(!report.claims.is_empty(), "{code} near miss: no claims extracted");
    }
}

#[test]
fn explain_covers_every_rule() {
    let setup = common::setup();
    for code in CODES {
        let text = factlint::internals::app::explain(&setup.rules, code).expect("rule exists");
        assert!(text.contains("## What it does") && text.contains("## Example"), "{code}");
    }
}

/// FL004 takes another source's dates only from near the duration's publication: the same
/// negotiations reported a year later (another round) neither add a diagnostic nor move the dates.
#[test]
fn fl004_ignores_anchors_from_another_time() {
    let setup = common::setup();
    let fires = common::fixture("rules/FL004/fires");
    let messages = |dir: &std::path::Path| -> Vec<String> {
        common::check(&setup, &[dir])
            .diagnostics
            .iter()
            .map(|d| format!("{} {} | {}", d.code, d.message, d.help))
            .collect()
    };
    let before = messages(&fires);
    assert_eq!(before.len(), 1, "{before:?}");
    let dir = common::copy_dir(&fires);
    let ntb = std::fs::read_to_string(fires.join("ntb_havn.txt")).expect("read");
    std::fs::write(dir.path().join("ntb_havn_2025.txt"), ntb.replace("15.03.2024", "14.03.2025"))
        .expect("write");
    let mut manifest = std::fs::read_to_string(fires.join("manifest.jsonl")).expect("read");
    manifest.push_str("{\"path\": \"ntb_havn_2025.txt\", \"outlet\": \"NTB\", \"lang\": \"nb\", \"published\": \"2025-03-14\"}\n");
    std::fs::write(dir.path().join("manifest.jsonl"), manifest).expect("write");
    assert_eq!(messages(dir.path()), before);
}
