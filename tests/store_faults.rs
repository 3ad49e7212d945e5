//! Fault injection: the store writes through a `FaultyDisk` that fails chosen steps, and the app is
//! driven through `update` and the runtime's `apply` as the event loop would drive it. "The next
//! start" is a fresh `Stores` on the same folder and `recover`, as `proctor` does before its first
//! frame.

mod common;

use common::{demo_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::exam::Attempt;
use proctor::store::Stores;
use proctor::store::autosave::{Autosave, Found};
use proctor::store::disk::FaultyDisk;
use proctor::store::history::{History, Record};
use proctor::store::recover::{Recovered, recover};
use proctor::tui::runtime::{apply, leave};
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Effect, Msg, Screen, Theme};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn app() -> App {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    app
}

fn press(app: &mut App, stores: &Stores, code: KeyCode, mods: KeyModifiers) {
    let fx = update(app, Msg::Key(KeyEvent::new(code, mods)));
    apply(app, stores, fx);
}

fn keys(app: &mut App, stores: &Stores, s: &str) {
    for c in s.chars() {
        press(app, stores, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn start(app: &mut App, stores: &Stores, seed: u64) {
    let fx = start_exam(app, "DEMO", None, None, false, Some(seed));
    assert_eq!(fx, vec![Effect::SaveProgress]);
    apply(app, stores, fx);
}

fn submit(app: &mut App, stores: &Stores) -> Attempt {
    let before = app.exam().expect("an exam").attempt.clone();
    keys(app, stores, "sy");
    assert!(matches!(app.screen, Screen::Results(_)), "submitted");
    before
}

fn next_start(dir: &Path) -> Recovered {
    let stores = Stores::new(dir);
    recover(&stores, &demo_catalog(), "later").unwrap()
}

fn on_disk(dir: &Path) -> Option<Attempt> {
    match Autosave::new(dir).load("peek").unwrap() {
        Found::Attempt(a) => Some(*a),
        other => panic!("in-progress.json: {other:?}"),
    }
    .filter(|_| true)
}

fn history(dir: &Path) -> Vec<Record> {
    History::new(dir).load("peek").unwrap().records
}

#[test]
fn a_finished_exam_whose_history_write_fails_is_kept_and_recorded_at_the_next_start() {
    let d = tempfile::tempdir().unwrap();
    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let mut app = app();
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "BnC");
    disk.fail_paths("history/");
    let sat = submit(&mut app, &stores);
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains("could not be written to history") && notice.contains("in-progress.json"),
        "{notice}"
    );
    let kept = on_disk(d.path()).expect("the finished exam stays on disk");
    assert_eq!(kept.id, sat.id);
    assert!(kept.is_finished(), "kept marked finished");
    assert!(history(d.path()).is_empty());

    // A new exam in the same session must not overwrite it while history still fails.
    start(&mut app, &stores, 12);
    keys(&mut app, &stores, "A");
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("Could not save progress"),
        "{:?}",
        app.notice
    );
    assert_eq!(on_disk(d.path()).unwrap().id, sat.id, "never overwritten");

    // The next start records it and says so.
    let r = next_start(d.path());
    assert_eq!(r.records.len(), 1);
    assert!(r.records[0].is_of(&sat));
    assert_eq!(
        r.records[0].responses[0].selected,
        kept.responses[0].selected
    );
    assert_eq!(
        r.records[0].responses[1].selected,
        kept.responses[1].selected
    );
    assert!(!r.records[0].responses[0].selected.is_empty());
    assert!(r.resume.is_none());
    assert!(
        r.notices.iter().any(|n| n.contains("it is recorded now")),
        "{:?}",
        r.notices
    );
    assert!(!d.path().join("in-progress.json").exists());
}

#[test]
fn a_finished_exam_is_recorded_in_the_same_session_once_history_can_be_written() {
    let d = tempfile::tempdir().unwrap();
    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let mut app = app();
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "B");
    disk.fail_paths("history/");
    let sat = submit(&mut app, &stores);
    disk.heal();
    // The next exam's first save records the waiting one first, then saves.
    start(&mut app, &stores, 12);
    let h = history(d.path());
    assert_eq!(h.len(), 1);
    assert!(h[0].is_of(&sat));
    assert_ne!(on_disk(d.path()).unwrap().id, sat.id);
}

#[test]
fn start_a_new_exam_anyway_with_history_failing_keeps_the_unfinished_one() {
    let d = tempfile::tempdir().unwrap();
    // An unfinished exam from an earlier session.
    let mut first = app();
    let plain = Stores::new(d.path());
    start(&mut first, &plain, 11);
    keys(&mut first, &plain, "D");
    let old = first.exam().unwrap().attempt.clone();
    drop(plain);

    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let r = recover(&stores, &demo_catalog(), "s").unwrap();
    let mut app = app();
    app.now = t0() + chrono::Duration::minutes(30);
    if let Screen::Home(h) = &mut app.screen {
        h.resume = r.resume;
    }
    disk.fail_paths("history/");
    // Enter on the home screen asks; y confirms "start a new exam anyway".
    press(&mut app, &stores, KeyCode::Enter, KeyModifiers::NONE);
    keys(&mut app, &stores, "y");
    assert!(matches!(app.screen, Screen::Exam(_)));
    keys(&mut app, &stores, "A");
    let kept = on_disk(d.path()).unwrap();
    assert_eq!(kept.id, old.id, "the old exam is not overwritten");
    assert_eq!(kept.responses[0].selected, old.responses[0].selected);

    let r = next_start(d.path());
    assert_eq!(r.records.len(), 1, "{:?}", r.notices);
    assert!(r.records[0].is_of(&old));
}

#[test]
fn a_crash_between_the_history_write_and_the_autosave_removal_never_duplicates_or_rewrites() {
    let d = tempfile::tempdir().unwrap();
    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let mut app = app();
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "A");
    let unfinished = app.exam().unwrap().attempt.clone();
    // The removal of the autosave fails, as if proctor died right after writing history.
    disk.fail_paths("remove ");
    let sat = submit(&mut app, &stores);
    assert!(
        disk.log()
            .iter()
            .any(|l| l.contains("remove in-progress.json FAILED")),
        "{:?}",
        disk.log()
    );
    let recorded = history(d.path());
    assert_eq!(recorded.len(), 1);
    assert!(d.path().join("in-progress.json").exists());

    let r = next_start(d.path());
    assert!(r.resume.is_none(), "a recorded attempt is never reopened");
    assert_eq!(r.records, recorded, "not rewritten");
    assert!(!d.path().join("in-progress.json").exists(), "retired");

    // The older crash window: the autosave still holds the attempt unfinished (answer A), history
    // holds it submitted. It is retired, never offered, and the record is not touched.
    Autosave::new(d.path()).save(&unfinished).unwrap();
    let r = next_start(d.path());
    assert!(r.resume.is_none());
    assert_eq!(r.records, recorded);
    assert_eq!(
        std::fs::read_dir(d.path().join("history")).unwrap().count(),
        1
    );
    assert!(r.records[0].is_of(&sat));
}

#[test]
fn two_attempts_started_in_the_same_second_leave_two_records() {
    let d = tempfile::tempdir().unwrap();
    let stores = Stores::new(d.path());
    let mut app = app();
    // Same wall-clock time, same seed (a clock stepped back does the same).
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "A");
    let first = submit(&mut app, &stores);
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "C");
    let second = submit(&mut app, &stores);
    assert_ne!(first.id, second.id);
    let h = history(d.path());
    assert_eq!(h.len(), 2, "{h:?}");
    let chosen: Vec<_> = h.iter().map(|r| r.responses[0].selected.clone()).collect();
    assert!(chosen.contains(&first.responses[0].selected));
    assert!(chosen.contains(&second.responses[0].selected));
    assert!(!d.path().join("in-progress.json").exists());
}

#[test]
fn a_record_id_taken_by_another_attempt_gets_the_next_name_never_replaces() {
    // Another process (or a clock stepped back) made the same id: both records stay.
    let d = tempfile::tempdir().unwrap();
    let stores = Stores::new(d.path());
    let mut app = app();
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "A");
    let first = submit(&mut app, &stores);
    let mut other = history(d.path())[0].clone();
    other.responses[0].selected = vec![proctor::bank::ChoiceKey::C];
    let h = History::new(d.path());
    let p = h.append(&other).unwrap();
    assert!(
        p.to_string_lossy()
            .ends_with(&format!("{}-2.json", first.id)),
        "{p:?}"
    );
    // The same record again is not written twice.
    assert_eq!(
        h.append(&history(d.path())[0]).unwrap(),
        d.path().join(format!("history/{}.json", first.id))
    );
    let all = history(d.path());
    assert_eq!(all.len(), 2);
    assert_ne!(all[0].responses[0].selected, all[1].responses[0].selected);
}

#[test]
fn leaving_after_a_failed_save_warns_keeps_trying_and_exits_1_only_when_insisted() {
    let d = tempfile::tempdir().unwrap();
    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let mut app = app();
    start(&mut app, &stores, 11);
    keys(&mut app, &stores, "A");
    disk.fail_paths("in-progress");
    keys(&mut app, &stores, "nB");
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("Could not save progress")
    );
    // Ctrl-C: not silent, not gone.
    press(&mut app, &stores, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!app.quit, "the first request to leave is held back");
    let warning = app.notice.clone().unwrap();
    assert!(
        warning.contains("Not saved")
            && warning.contains("2 answered")
            && warning.contains("status 1"),
        "{warning}"
    );
    // Leaving again goes, with exit status 1 and what was lost.
    press(&mut app, &stores, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
    let out = leave(&app, &stores);
    assert_eq!(out.code, 1);
    let msg = out.message.unwrap();
    assert!(
        msg.contains("DEMO exam") && msg.contains("2 answered"),
        "{msg}"
    );
    assert_eq!(
        on_disk(d.path()).unwrap().answered_count(),
        1,
        "the last good save"
    );
}

#[test]
fn a_failed_save_is_retried_and_the_user_told_when_it_works() {
    let d = tempfile::tempdir().unwrap();
    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let mut app = app();
    start(&mut app, &stores, 11);
    disk.fail_paths("in-progress");
    keys(&mut app, &stores, "A");
    assert!(app.notice.as_deref().unwrap().contains("Could not save"));
    disk.heal();
    let fx = update(
        &mut app,
        Msg::Tick(Duration::from_secs(6), t0() + chrono::Duration::seconds(6)),
    );
    apply(&mut app, &stores, fx);
    assert_eq!(
        app.notice.as_deref(),
        Some("Saved: everything is on disk again.")
    );
    assert_eq!(on_disk(d.path()).unwrap().answered_count(), 1);
    press(&mut app, &stores, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
    assert_eq!(leave(&app, &stores).code, 0);
}

#[test]
fn every_failing_step_of_a_submit_loses_nothing() {
    // Fail each write step of submit-and-record in turn; after the next start the attempt is in
    // history exactly once and nothing is resumable.
    for step in 1..=4 {
        let d = tempfile::tempdir().unwrap();
        let disk = Arc::new(FaultyDisk::new());
        let stores = Stores::with_disk(d.path(), disk.clone());
        let mut app = app();
        start(&mut app, &stores, 11);
        keys(&mut app, &stores, "B");
        let base = disk.log().len();
        disk.fail_steps(&[base + step]);
        let sat = submit(&mut app, &stores);
        let r = next_start(d.path());
        let log = disk.log();
        assert_eq!(
            r.records.iter().filter(|x| x.is_of(&sat)).count(),
            1,
            "step {step}: {log:?} {:?}",
            r.notices
        );
        assert!(r.resume.is_none(), "step {step}");
    }
}

#[test]
fn a_failed_save_that_is_followed_by_a_good_submit_leaves_nothing_unsaved() {
    let d = tempfile::tempdir().unwrap();
    let disk = Arc::new(FaultyDisk::new());
    let stores = Stores::with_disk(d.path(), disk.clone());
    let mut app = app();
    start(&mut app, &stores, 11);
    disk.fail_paths("in-progress");
    keys(&mut app, &stores, "A");
    disk.heal();
    let sat = submit(&mut app, &stores);
    assert!(history(d.path())[0].is_of(&sat));
    assert_eq!(leave(&app, &stores).code, 0);
}
