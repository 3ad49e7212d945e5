//! Only answers are evidence (issue 10 §2, issue 21): the rule replayed across mock, practice,
//! drill (ended early, with a re-ask) and start-new-anyway, through update(), real history files
//! and the real stats; and the real binary's `stats --json` after a mini-mock with 2 answers.

mod common;

use common::{demo_catalog, shipped_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::exam::Attempt;
use proctor::stats::{DrillRequest, answers_from, question_states, stats_report};
use proctor::store::history::{History, Record};
use proctor::tui::update::{drill, start_exam, update};
use proctor::tui::{App, Effect, Msg, Theme};
use std::path::Path;
use std::process::Command;

fn press(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    let mut fx = vec![];
    for k in keys {
        fx.extend(update(app, Msg::Key(KeyEvent::new(*k, KeyModifiers::NONE))));
    }
    fx
}

fn recorded(fx: &[Effect]) -> Vec<Attempt> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Record(a) => Some((**a).clone()),
            _ => None,
        })
        .collect()
}

/// Answers the current question with its first option (right or wrong, whatever it is).
fn answer_first(app: &mut App) -> Vec<Effect> {
    press(app, &[KeyCode::Char('A')])
}

/// Writes the attempts as the runtime does and reads the history back.
fn through_files(app: &App, attempts: &[Attempt], dir: &Path) -> Vec<Record> {
    let h = History::new(dir);
    for a in attempts {
        h.append(&Record::from_attempt(a, &app.catalog)).unwrap();
    }
    h.load("test").unwrap().records
}

#[test]
fn unanswered_questions_are_never_evidence_in_any_mode() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 7);
    app.now = t0();
    let mut attempts = Vec::new();
    // A mock of 4 with one answered, submitted.
    start_exam(&mut app, "DEMO", Some(4), None, false, Some(1));
    answer_first(&mut app);
    attempts.extend(recorded(&press(
        &mut app,
        &[KeyCode::Char('s'), KeyCode::Char('y')],
    )));
    // Practice (tutor) of 4 with nothing answered, ended at once.
    press(&mut app, &[KeyCode::Char('q')]);
    app.now += chrono::Duration::minutes(10);
    start_exam(&mut app, "DEMO", Some(4), None, true, Some(2));
    attempts.extend(recorded(&press(
        &mut app,
        &[KeyCode::Char('s'), KeyCode::Char('y')],
    )));
    // A drill of 4: the first question checked, the rest unreached, ended early.
    press(&mut app, &[KeyCode::Char('q')]);
    app.now += chrono::Duration::minutes(10);
    drill::start(
        &mut app,
        "DEMO",
        DrillRequest {
            count: 4,
            seed: 3,
            ..Default::default()
        },
    );
    answer_first(&mut app);
    press(&mut app, &[KeyCode::Enter]);
    attempts.extend(recorded(&press(
        &mut app,
        &[KeyCode::Char('s'), KeyCode::Char('y')],
    )));
    // An unfinished mock with one answer, submitted by "start a new one anyway".
    press(&mut app, &[KeyCode::Char('q')]);
    app.now += chrono::Duration::minutes(10);
    start_exam(&mut app, "DEMO", Some(4), None, false, Some(4));
    answer_first(&mut app);
    let unfinished = app.exam().unwrap().attempt.clone();
    app.screen = proctor::tui::Screen::Home(Default::default());
    if let proctor::tui::Screen::Home(h) = &mut app.screen {
        h.resume = Some(Box::new(unfinished));
    }
    let fx = press(&mut app, &[KeyCode::Enter]);
    let mut fx2 = fx.clone();
    fx2.extend(press(&mut app, &[KeyCode::Char('y')]));
    attempts.extend(recorded(&fx2));
    assert_eq!(
        attempts.len(),
        4,
        "mock, practice, drill, replaced: {}",
        attempts.len()
    );
    let answered: usize = attempts.iter().map(Attempt::answered_count).sum();
    assert_eq!(answered, 3, "one answer in each but the practice set");

    let dir = tempfile::tempdir().unwrap();
    let records = through_files(&app, &attempts, dir.path());
    let bp = app.catalog.blueprint("DEMO").unwrap();
    let answers = answers_from(&records);
    assert_eq!(records.len(), 4);
    let report = stats_report(&app.catalog, bp, &records, &answers, app.now);
    assert_eq!(report.answers, 3);
    assert_eq!(report.evidence_answers, 3);
    let counted: u32 = report.domains.iter().map(|d| d.mastery.answers).sum();
    assert_eq!(counted, 3);
    let distinct: std::collections::HashSet<&str> = answers.iter().map(|a| a.question).collect();
    let seen: u32 = report.domains.iter().map(|d| d.seen).sum();
    assert_eq!(
        seen as usize,
        distinct.len(),
        "only answered questions are seen"
    );
    assert_eq!(
        question_states(&answers).len(),
        distinct.len(),
        "only answered questions get a box"
    );
    // Each attempt's own result still scores blanks as wrong: the practice set is 0 of 4.
    let practice = records.iter().find(|r| r.mode == "practice").unwrap();
    assert_eq!((practice.correct(), practice.responses.len()), (0, 4));
    // The attempt with nothing answered changes nothing.
    let without: Vec<Record> = records
        .iter()
        .filter(|r| r.mode != "practice")
        .cloned()
        .collect();
    let r2 = stats_report(&app.catalog, bp, &without, &answers_from(&without), app.now);
    assert_eq!(r2.answers, report.answers);
    assert_eq!(r2.prediction, report.prediction);
    for (a, b) in r2.domains.iter().zip(&report.domains) {
        assert_eq!(a.mastery, b.mastery);
        assert_eq!(
            (a.seen, a.first_sight_accuracy),
            (b.seen, b.first_sight_accuracy)
        );
    }
}

#[test]
fn a_missed_drill_question_comes_back_once_and_its_reask_is_not_evidence() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 7);
    app.now = t0();
    drill::start(
        &mut app,
        "DEMO",
        DrillRequest {
            count: 4,
            seed: 3,
            ..Default::default()
        },
    );
    let first = app.exam().unwrap().attempt.form.items[0].question.clone();
    let q = app.catalog.question(&first).unwrap().clone();
    // A wrong letter at the shown position of a non-key option.
    let wrong_at = |app: &App| {
        let ex = app.exam().unwrap();
        let item = &ex.attempt.form.items[ex.attempt.current];
        let pos = item
            .order
            .iter()
            .position(|k| !q.key_set().contains(k))
            .unwrap();
        KeyCode::Char((b'A' + pos as u8) as char)
    };
    let k = wrong_at(&app);
    press(&mut app, &[k, KeyCode::Enter]);
    // Walk to the re-ask and miss it again: it does not come back a second time.
    loop {
        press(&mut app, &[KeyCode::Right]);
        let ex = app.exam().unwrap();
        if ex.attempt.form.items[ex.attempt.current].question == first {
            break;
        }
        assert!(
            ex.attempt.current + 1 < ex.attempt.form.items.len(),
            "re-ask missing"
        );
    }
    let k = wrong_at(&app);
    press(&mut app, &[k, KeyCode::Enter]);
    let ex = app.exam().unwrap();
    let times = ex
        .attempt
        .form
        .items
        .iter()
        .filter(|i| i.question == first)
        .count();
    assert_eq!(times, 2, "a miss comes back once, not after every miss");
    let attempts = recorded(&press(&mut app, &[KeyCode::Char('s'), KeyCode::Char('y')]));
    let dir = tempfile::tempdir().unwrap();
    let records = through_files(&app, &attempts, dir.path());
    let answers = answers_from(&records);
    assert_eq!(answers.len(), 2);
    assert_eq!(answers.iter().filter(|a| a.is_evidence()).count(), 1);
    let bp = app.catalog.blueprint("DEMO").unwrap();
    let report = stats_report(&app.catalog, bp, &records, &answers, t0());
    assert_eq!((report.answers, report.evidence_answers), (2, 1));
    let counted: u32 = report.domains.iter().map(|d| d.mastery.answers).sum();
    assert_eq!(counted, 1);
}

#[test]
fn a_mini_mock_with_two_answers_gives_two_answers_in_stats_json() {
    let mut app = App::new(shipped_catalog(), Theme::mono(), 7);
    app.now = chrono::Utc::now() - chrono::Duration::hours(1);
    start_exam(&mut app, "CPB", Some(10), None, false, Some(11));
    answer_first(&mut app);
    press(&mut app, &[KeyCode::Right]);
    answer_first(&mut app);
    let attempts = recorded(&press(&mut app, &[KeyCode::Char('s'), KeyCode::Char('y')]));
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].form.items.len(), 10);
    let dir = tempfile::tempdir().unwrap();
    through_files(&app, &attempts, dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(["--data-dir"])
        .arg(dir.path())
        .args(["stats", "CPB", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report"]["answers"], 2);
    let per_domain: u64 = v["report"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["mastery"]["answers"].as_u64().unwrap())
        .sum();
    assert_eq!(per_domain, 2);
}
