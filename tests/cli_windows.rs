//! Validity windows as a candidate meets them on the command line: `list`, `plan` and `exam` count
//! only the questions true on the planned exam day, and say so when that day cannot be filled.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/windows")
}

fn proctor(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .arg("--bank-dir")
        .arg(fixture())
        .env("PROCTOR_DATA_DIR", data)
        .output()
        .expect("run proctor")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn win_row(data: &Path) -> String {
    let out = proctor(data, &["list"]);
    text(&out)
        .lines()
        .find(|l| l.starts_with("WIN "))
        .expect("WIN listed")
        .to_string()
}

/// The fixture's WIN exam takes 2 questions; two of its three end on 2098-12-31.
#[test]
fn list_plan_and_exam_count_only_questions_true_on_the_planned_day() {
    let data = tempfile::tempdir().unwrap();
    // Today every question is true.
    assert!(
        win_row(data.path()).ends_with("3 questions, ready"),
        "{}",
        win_row(data.path())
    );
    // Planning the exam for 2099 says at once that a full form cannot be built for that day.
    let out = proctor(
        data.path(),
        &["plan", "--exam", "WIN", "--date", "2099-01-01"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("cannot fill a full WIN form for an exam on 2099-01-01"),
        "{}",
        text(&out)
    );
    assert!(
        win_row(data.path()).ends_with("1 questions, short of a full form for 2099-01-01"),
        "{}",
        win_row(data.path())
    );
    let json = proctor(data.path(), &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let win = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "WIN")
        .unwrap();
    assert_eq!(win["available"], 1);
    assert_eq!(win["can_fill"], false);
    assert_eq!(win["on"], "2099-01-01");
    // Other exams keep today's day.
    let cpb = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "CPB")
        .unwrap();
    assert_ne!(cpb["on"], "2099-01-01");
    // A full form fails before the screen opens, naming the day and the form that would work.
    let out = proctor(data.path(), &["exam", "WIN"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("cannot fill a 2-question WIN form for an exam on 2099-01-01"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("--questions 1"), "{}", text(&out));
}

#[test]
fn validate_counts_the_planned_day_and_warns_for_nothing_else_today() {
    let data = tempfile::tempdir().unwrap();
    let out = proctor(
        data.path(),
        &["plan", "--exam", "WIN", "--date", "2099-01-01"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = proctor(data.path(), &["validate", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let win = v["blueprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "WIN")
        .unwrap();
    assert_eq!(
        (win["available"].as_u64(), win["can_fill"].as_bool()),
        (Some(1), Some(false))
    );
    let mine: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("fixtures/windows"))
        .collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert!(
        mine[0]["message"]
            .as_str()
            .unwrap()
            .contains("for an exam on 2099-01-01"),
        "{mine:?}"
    );
    assert!(v["code_year_reviews"].is_array());
}
