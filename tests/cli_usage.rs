//! The command line as a user meets it: usage errors that name the valid choices, the plan with
//! today's work, and help text on every option.

mod common;

use clap::CommandFactory;
use proctor::cli::Cli;
use std::process::{Command, Output};

fn proctor(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .env("PROCTOR_DATA_DIR", data)
        .output()
        .expect("run proctor")
}

#[test]
fn a_drill_on_an_unknown_domain_exits_2_naming_the_valid_ids() {
    let data = tempfile::tempdir().unwrap();
    let out = proctor(data.path(), &["drill", "CPB", "--domain", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no domain nosuch"), "{err}");
    let catalog =
        proctor::bank::Catalog::load(&proctor::bank::SourceFile::shipped_files(), false).0;
    let cpb = catalog.blueprint("CPB").unwrap();
    for d in &cpb.domains {
        assert!(err.contains(&d.id), "{} missing from:\n{err}", d.id);
    }
    // A known domain passes the check (and then needs a terminal: exit 1, not 2).
    let first = &cpb.domains[0].id;
    let out = proctor(data.path(), &["drill", "CPB", "--domain", first]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

#[test]
fn plan_with_no_arguments_prints_todays_work() {
    let data = tempfile::tempdir().unwrap();
    let out = proctor(data.path(), &["plan"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No plan yet"));
    let date = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
    let set = proctor(
        data.path(),
        &["plan", "--exam", "CPB", "--date", &date, "--daily", "30m"],
    );
    assert_eq!(set.status.code(), Some(0));
    let out = proctor(data.path(), &["plan"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("30 days from today"), "{text}");
    assert!(text.contains("Today: a "), "{text}");
    assert!(text.contains("-question drill on "), "{text}");
    let json = proctor(data.path(), &["plan", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["exam"], "CPB");
    assert!(v["today"]["drill_questions"].as_u64().unwrap() >= 5);
    assert_eq!(v["today"]["days_left"], 30);
}

#[test]
fn every_option_and_argument_has_help_text() {
    let cli = Cli::command();
    let mut missing = Vec::new();
    let mut json_flags = 0;
    for sub in cli.get_subcommands() {
        assert!(sub.get_about().is_some(), "{} has no about", sub.get_name());
        for arg in sub.get_arguments() {
            if arg.get_id() == "help" || arg.get_id() == "version" {
                continue;
            }
            if arg.get_id() == "json" {
                json_flags += 1;
            }
            if arg.get_help().is_none() {
                missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
            }
        }
    }
    assert!(json_flags >= 6, "every --json flag was checked");
    assert!(missing.is_empty(), "no help text: {missing:?}");
}

#[test]
fn preview_says_what_it_cannot_sit_with_the_findings_and_the_right_exit_code() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = proctor(data.path(), &["preview", folder]);
    assert_eq!(out.status.code(), Some(2), "a folder is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("takes one bank file"));

    let missing = dir.path().join("nope.yaml");
    let out = proctor(data.path(), &["preview", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));

    // A bank with a YAML error: the finding at its line and column, then why nothing is sat.
    let text = common::scaffold_cpb().replace("    answer: A\n", "    answer: [A\n");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, text).unwrap();
    let out = proctor(data.path(), &["preview", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let at = format!("{}:", bad.display());
    assert!(
        err.lines()
            .any(|l| l.starts_with(&at) && l.contains(": error: ")),
        "{err}"
    );
    assert!(err.contains("nothing to preview"), "{err}");
    // A good one needs a terminal, and says how to check a file in scripts.
    let good = dir.path().join("good.yaml");
    std::fs::write(
        &good,
        std::fs::read_to_string(&bad)
            .unwrap()
            .replace("answer: [A\n", "answer: A\n"),
    )
    .unwrap();
    let out = proctor(data.path(), &["preview", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("proctor validate FILE"));
}
