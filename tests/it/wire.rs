//! Copies of one text (wire copy reprinted by several outlets) are one voice in the rules'
//! votes, and every copy is still labelled; two independent reports that share a quoted
//! paragraph stay two voices. Texts of our own writing.

use crate::common;

use factlint::internals::report::{Report, Severity};

/// One agency story's body, as two outlets reprint it under their own heads and tails.
const WIRE: &str = "A fire broke out in the engine room of a coastal ferry on its morning crossing between the island harbours, the regional rescue centre said on Tuesday.
The ferry had 42 passengers on board, and all of them were taken off by lifeboats and a fishing vessel that happened to be nearby.
The captain turned the ship towards the nearest quay while the crew fought the flames with the onboard sprinkler system.
Nobody was hurt, according to a spokeswoman for the shipping company, who said an investigation into the cause had been opened.
Passengers described thick smoke in the lower deck and a calm but hurried walk to the muster stations.
The ferry route was closed for the rest of the day, and the company promised buses for travellers stranded on the islands.
Local officials praised the fishermen who helped bring people ashore in choppy water.\n";

/// (file, labelled file of the primary label) of each error.
fn errors(r: &Report) -> Vec<(String, String)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let file = d.labels[0].path.rsplit('/').next().unwrap_or_default().to_string();
            (d.code.clone(), file)
        })
        .collect()
}

/// An independent report (37 on board) against two reprints of one wire story (42): one voice
/// against one, so the independent report is not outvoted; the earliest report (the first, of
/// one day) is the reference and both copies are labelled; `corpus` names the copy.
#[test]
fn reprints_of_one_wire_story_are_one_voice() {
    let b = format!("Island News\n\nFerry fire forces evacuation\n\n{WIRE}\nRead more: weather warnings for the weekend\n");
    let c = format!("Coast Daily\n\nPassengers rescued after engine room blaze\n\nPhoto: the ferry at the quay on Tuesday afternoon.\n\n{WIRE}");
    let a = "Our reporter at the harbour\n\nSmoke was still rising from the stern of the ferry when it reached the quay on Tuesday.\nThe ferry had 37 passengers on board, the harbour master told us, most of them taken off by a lifeboat crew from the neighbouring island.\nSeveral of them stood wrapped in blankets on the pier, waiting for a bus to the mainland.\nOne woman said she had smelled burning plastic long before any alarm sounded.\nThe shipping company has not yet said when the route will reopen.\n";
    let docs = [
        ("a_own.txt", "en", "2025-03-11", a),
        ("b_copy.txt", "en", "2025-03-11", b.as_str()),
        ("c_copy.txt", "en", "2025-03-11", c.as_str()),
    ];
    let r = common::check_docs(&docs, None);
    assert_eq!(
        errors(&r),
        [("FL002".into(), "b_copy.txt".into()), ("FL002".into(), "c_copy.txt".into())],
        "{:#?}",
        r.diagnostics
    );
    assert!(r.diagnostics.iter().all(|d| d.help.contains("no majority")));
    assert!(r.corroborations.is_empty(), "two copies of one text corroborate nothing");
    // the two copies alone, agreeing: no corroboration either; with a second independent report
    // of 42 the copies and it are two voices against one
    let d = a.replace("37 passengers", "42 passengers").replace("Our reporter", "From the quay");
    let docs = [
        ("a_own.txt", "en", "2025-03-11", a),
        ("b_copy.txt", "en", "2025-03-11", b.as_str()),
        ("c_copy.txt", "en", "2025-03-11", c.as_str()),
        ("d_own.txt", "en", "2025-03-11", d.as_str()),
    ];
    let r = common::check_docs(&docs, None);
    assert_eq!(errors(&r), [("FL002".into(), "a_own.txt".into())]);
    let help = &r.diagnostics[0].help;
    assert!(help.contains("copies of one text counted once: 2 independent"), "{help}");
}

/// Two independent reports that quote one paragraph alike (a statement both print in full)
/// are two voices: the third report's 37 is outvoted by their 42.
#[test]
fn a_shared_quoted_paragraph_is_no_copy() {
    let quote = "\"We heard a loud bang from below and then the lights went out. The crew told \
                 everyone to stay calm, handed out life jackets and walked us up to the top deck, \
                 where we waited for the boats. I have never been so glad to see a fishing \
                 vessel in my life,\" one passenger said in a statement released by the company.\n";
    let x = format!(
        "Harbour Post\n\nThe coastal ferry limped into port on Tuesday with smoke pouring from its \
         stern.\nThe ferry had 42 passengers on board when the engine room caught fire, the \
         rescue centre said.\n{quote}Investigators from the maritime authority were expected \
         at the quay by evening, and the operator cancelled its remaining departures.\nThe \
         vessel, built in the late nineties, had its last safety inspection in the autumn, \
         according to the register kept by the authority. Union representatives said crews on \
         the route had long asked for newer ships, and the mayor of the larger island called for \
         a meeting with the operator before the weekend. Shops on the island reported a rush on \
         bread and milk as word spread that the crossing would stay shut.\n"
    );
    let y = format!(
        "Fjord Weekly\n\nA blaze below deck ended a routine crossing in drama for a ship full of \
         commuters.\nThe ferry had 42 passengers on board, according to the operator, and \
         lifeboats from two islands joined the rescue.\n{quote}Some travellers were checked by \
         paramedics on the pier, though nobody needed hospital treatment, and buses took the rest \
         onwards.\nFor many on board the crossing is a daily commute to schools and jobs on the \
         mainland, and several parents waited at the terminal for news of their children. A \
         teacher travelling with a class said the pupils had behaved better than the adults. The \
         operator thanked the volunteer rescue service and the fishermen, and said it would pay \
         for taxis until a replacement ship arrives from the south.\n"
    );
    let z = "Our reporter at the harbour\n\nThe ferry had 37 passengers on board, the harbour \
             master told us, as the ship was tied up at the quay.\n";
    let docs = [
        ("x.txt", "en", "2025-03-11", x.as_str()),
        ("y.txt", "en", "2025-03-11", y.as_str()),
        ("z.txt", "en", "2025-03-11", z),
    ];
    let r = common::check_docs(&docs, None);
    assert_eq!(errors(&r), [("FL002".into(), "z.txt".into())], "{:#?}", r.diagnostics);
    assert!(!r.diagnostics[0].help.contains("copies"));
    let dir = tempfile::tempdir().expect("tmp");
    for (name, _, _, text) in docs {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let (_, out, _) = common::run(&["corpus", &dir.path().to_string_lossy()]);
    assert!(!out.contains("copy of"), "{out}");
}
