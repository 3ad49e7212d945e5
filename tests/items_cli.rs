//! Issue 19, item statistics through the real binary: three scripted mini-mocks written to history
//! as the app writes them, then `proctor items CPB --json`; `history --export` round-trips into
//! `items --history`, never replacing a file; `new bank` scaffolds validate clean; completions and
//! the man page name the subcommands.

mod common;

use common::shipped_catalog;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::exam::Attempt;
use proctor::store::history::{History, Record};
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Effect, Msg, Theme};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

fn press(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    let mut fx = vec![];
    for k in keys {
        fx.extend(update(app, Msg::Key(KeyEvent::new(*k, KeyModifiers::NONE))));
    }
    fx
}

fn proctor(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run proctor")
}

fn ok_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Three mini-mocks of the same CPB form (seed 11, each by a fresh app, as three learners would),
/// answered with the options shown as A, B and C in turn (the last question left blank in the
/// second), recorded as the runtime records them.
fn three_mini_mocks(dir: &Path) -> Vec<Record> {
    let history = History::new(dir);
    let start = chrono::Utc::now() - chrono::Duration::hours(3);
    for (i, letter) in ['A', 'B', 'C'].into_iter().enumerate() {
        let mut app = App::new(shipped_catalog(), Theme::mono(), 7);
        app.now = start + chrono::Duration::minutes(20 * i as i64);
        start_exam(&mut app, "CPB", Some(5), None, false, Some(11));
        for q in 0..5 {
            if !(i == 1 && q == 4) {
                press(&mut app, &[KeyCode::Char(letter)]);
            }
            press(&mut app, &[KeyCode::Right]);
        }
        let fx = press(&mut app, &[KeyCode::Char('s'), KeyCode::Char('y')]);
        let attempts: Vec<Attempt> = fx
            .iter()
            .filter_map(|e| match e {
                Effect::Record(a) => Some((**a).clone()),
                _ => None,
            })
            .collect();
        assert_eq!(attempts.len(), 1);
        history
            .append(&Record::from_attempt(&attempts[0], &app.catalog))
            .unwrap();
    }
    history.load("test").unwrap().records
}

#[test]
fn items_json_lists_each_answered_question_with_counts_that_add_up() {
    let data = tempfile::tempdir().unwrap();
    let records = three_mini_mocks(data.path());
    assert_eq!(records.len(), 3);
    // What the records say, computed here independently of the items module.
    let mut answers: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in &records {
        for x in r.responses.iter().filter(|x| x.answered()) {
            answers
                .entry(x.question.clone())
                .or_default()
                .push(x.credit());
        }
    }
    assert_eq!(answers.len(), 5);
    let v = ok_json(&proctor(data.path(), &["items", "CPB", "--json"]));
    let items = v["items"].as_array().unwrap();
    let ids: BTreeSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, answers.keys().map(String::as_str).collect());
    for item in items {
        let credits = &answers[item["id"].as_str().unwrap()];
        let seen = item["seen"].as_u64().unwrap() as usize;
        assert_eq!(seen, credits.len(), "{item}");
        let p = credits.iter().sum::<f64>() / credits.len() as f64;
        assert!(
            (item["p_value"].as_f64().unwrap() - p).abs() < 1e-9,
            "{item}"
        );
        assert!(
            item.get("discrimination").is_some(),
            "present, null when undefined"
        );
        let d = &item["discrimination"];
        assert!(d.is_null() || (-1.0..=1.0).contains(&d.as_f64().unwrap()));
        let by_response: u64 = item["responses"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(by_response as usize, seen, "{item}");
        let options = item["options"].as_array().unwrap();
        assert!(options.len() >= 4, "{item}");
        if item["kind"] == "single" {
            let chosen: u64 = options.iter().map(|o| o["chosen"].as_u64().unwrap()).sum();
            assert_eq!(chosen as usize, seen, "{item}");
        }
        assert!(item["median_seconds"].as_f64().unwrap() >= 0.0);
        assert!(
            item["flags"].as_array().unwrap().is_empty(),
            "3 answers: under every minimum"
        );
    }
    // The question left blank once was seen twice.
    assert!(items.iter().any(|i| i["seen"] == 2));
    let table = proctor(data.path(), &["items", "CPB"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(ids.iter().all(|id| text.contains(id)), "{text}");
    // An unknown exam is a usage error.
    assert_eq!(
        proctor(data.path(), &["items", "NOPE"]).status.code(),
        Some(2)
    );
}

#[test]
fn an_export_round_trips_into_items_and_never_replaces_a_file() {
    let data = tempfile::tempdir().unwrap();
    three_mini_mocks(data.path());
    let own = ok_json(&proctor(data.path(), &["items", "CPB", "--json"]));
    let class = tempfile::tempdir().unwrap();
    let out = proctor(data.path(), &["history", "--export"]).status.code();
    assert_eq!(out, Some(2), "--export needs a folder");
    let first = proctor(
        data.path(),
        &[
            "history",
            "--export",
            class.path().to_str().unwrap(),
            "--name",
            "Pat",
        ],
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let path1 = String::from_utf8_lossy(&first.stdout).trim().to_string();
    let before = std::fs::read(&path1).unwrap();
    let export: Value = serde_json::from_slice(&before).unwrap();
    assert_eq!(export["format"], "proctor-history-export");
    assert_eq!(export["version"], 1);
    assert_eq!(export["learner"], "Pat");
    assert_eq!(export["records"].as_array().unwrap().len(), 3);
    // A second export in the same second gets a new name; the first file is untouched.
    let second = proctor(
        data.path(),
        &["history", "--export", class.path().to_str().unwrap()],
    );
    let path2 = String::from_utf8_lossy(&second.stdout).trim().to_string();
    assert_ne!(path1, path2);
    assert_eq!(std::fs::read(&path1).unwrap(), before);
    // Read from an empty data folder: the same rows (identical records read twice count once).
    let empty = tempfile::tempdir().unwrap();
    let theirs = ok_json(&proctor(
        empty.path(),
        &[
            "items",
            "CPB",
            "--json",
            "--history",
            class.path().to_str().unwrap(),
        ],
    ));
    assert_eq!(theirs["items"], own["items"]);
    assert!(!own["items"].as_array().unwrap().is_empty());
}

#[test]
fn a_new_bank_validates_with_no_errors_with_and_without_code_entry() {
    let data = tempfile::tempdir().unwrap();
    let list = ok_json(&proctor(data.path(), &["list", "--json"]));
    let mut exams: Vec<String> = list
        .as_array()
        .or_else(|| list["exams"].as_array())
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    exams.sort();
    exams.dedup();
    assert!(exams.len() >= 10);
    assert!(exams.iter().any(|e| e == "CIC"));
    let mut kinds_seen = false;
    // CPB has no code-entry domain, CIC has one: the two shapes of the scaffold.
    for exam in ["CPB", "CIC"] {
        let file = data.path().join(format!("{exam}.yaml"));
        let new_bank = || {
            proctor(
                data.path(),
                &[
                    "new",
                    "bank",
                    "--exam",
                    exam,
                    "--out",
                    file.to_str().unwrap(),
                ],
            )
        };
        let out = new_bank();
        assert!(
            out.status.success(),
            "{exam}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("answer: [A, B, C]") && text.contains("    case: "),
            "{exam}"
        );
        if text.contains("\n    kind: code-entry") {
            kinds_seen = true;
        }
        let v = proctor(data.path(), &["validate", "--json", file.to_str().unwrap()]);
        let report: Value = serde_json::from_slice(&v.stdout).unwrap();
        assert_eq!(report["errors"], 0, "{exam}: {report}");
        assert_eq!(report["warnings"], 0, "{exam}: {report}");
        // Never over an existing file.
        let again = new_bank();
        assert_eq!(again.status.code(), Some(1));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
    assert!(
        kinds_seen,
        "an exam with a code-entry domain gets a live code-entry example"
    );
    assert_eq!(
        proctor(data.path(), &["new", "bank", "--exam", "NOPE"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn completions_and_the_man_page_name_the_subcommands() {
    let data = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = proctor(data.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.trim().is_empty(), "{shell}");
        for sub in [
            "exam",
            "drill",
            "items",
            "validate",
            "history",
            "completions",
        ] {
            assert!(text.contains(sub), "{shell} lacks {sub}");
        }
    }
    let man = proctor(data.path(), &["man"]);
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(
        text.starts_with(".ie") || text.contains(".TH proctor"),
        "{text}"
    );
    for sub in ["exam", "items", "validate", "completions"] {
        assert!(text.contains(sub), "man lacks {sub}");
    }
    assert_eq!(
        proctor(data.path(), &["completions", "tcsh"]).status.code(),
        Some(2)
    );
}
