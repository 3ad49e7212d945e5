//! Navigation rules replayed through `update`, no terminal: dialogs answer only to y / n / Esc,
//! leaving goes back where the candidate came from, and every screen sees an attempt as soon as it
//! ends.

mod common;

use common::{demo_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::tui::app::{Confirm, HistoryState, HomeState, Origin};
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Effect, Msg, Overlay, Screen, Theme};
use std::time::Duration;

fn home() -> App {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    app
}

fn exam() -> App {
    let mut app = home();
    start_exam(&mut app, "DEMO", Some(5), None, false, Some(3));
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn keys(app: &mut App, s: &str) -> Vec<Effect> {
    s.chars().flat_map(|c| key(app, KeyCode::Char(c))).collect()
}

fn recorded(fx: &[Effect]) -> usize {
    fx.iter().filter(|e| matches!(e, Effect::Record(_))).count()
}

#[test]
fn esc_on_the_question_never_offers_to_leave() {
    let mut app = exam();
    let fx = key(&mut app, KeyCode::Esc);
    assert!(fx.is_empty());
    assert_eq!(app.overlay, None);
    assert!(matches!(app.screen, Screen::Exam(_)));
    assert!(app.notice.as_deref().unwrap().contains("q leaves"));
    keys(&mut app, "q");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::QuitExam)));
}

#[test]
fn enter_never_confirms_a_dialog_y_does_and_n_or_esc_cancel() {
    let mut app = exam();
    keys(&mut app, "A");
    // s then a reflexive Enter: still on the question, nothing recorded.
    keys(&mut app, "s");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::Submit)));
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(recorded(&fx), 0);
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::Submit)));
    assert!(matches!(app.screen, Screen::Exam(_)));
    assert!(app.records.is_empty());
    assert!(app.notice.as_deref().unwrap().contains("press y to submit"));
    // Other keys leave the dialog up; n and Esc close it.
    keys(&mut app, "xq");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::Submit)));
    keys(&mut app, "n");
    assert_eq!(app.overlay, None);
    keys(&mut app, "s");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(matches!(app.screen, Screen::Exam(_)));
    // y submits.
    keys(&mut app, "s");
    let fx = keys(&mut app, "y");
    assert_eq!(recorded(&fx), 1);
    assert!(matches!(app.screen, Screen::Results(_)));
    assert_eq!(app.records.len(), 1);
}

#[test]
fn every_confirmation_ignores_enter() {
    // End of a timed part.
    let mut app = home();
    start_exam(&mut app, "DEMO-PARTS", None, None, false, Some(2));
    keys(&mut app, "s");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.exam().unwrap().attempt.section, 0);
    keys(&mut app, "y");
    assert_eq!(app.exam().unwrap().attempt.section, 1);
    // Leave.
    let mut app = exam();
    keys(&mut app, "q");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Exam(_)));
    assert!(!app.quit);
    // Start a new exam over an unfinished one.
    keys(&mut app, "y");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(Confirm::ReplaceUnfinished { .. }))
    ));
    let fx = key(&mut app, KeyCode::Enter);
    assert!(fx.is_empty());
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn leaving_an_exam_started_from_home_returns_home_and_it_resumes() {
    let mut app = home();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Exam(_)));
    keys(&mut app, "B");
    let fx = keys(&mut app, "qy");
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert!(!app.quit, "the app keeps running");
    let Screen::Home(h) = &app.screen else {
        panic!("home screen after leaving")
    };
    let waiting = h.resume.as_ref().expect("the exam waits to be resumed");
    assert_eq!(waiting.answered_count(), 1);
    // What the runtime saves is the waiting attempt.
    assert_eq!(app.unfinished().unwrap().answered_count(), 1);
    keys(&mut app, "r");
    assert_eq!(app.exam().unwrap().attempt.answered_count(), 1);
}

#[test]
fn a_drill_started_from_home_also_returns_home() {
    let mut app = home();
    keys(&mut app, "d");
    assert!(app.exam().unwrap().attempt.form.drill);
    keys(&mut app, "qy");
    assert!(!app.quit);
    assert!(matches!(&app.screen, Screen::Home(h) if h.resume.is_some()));
}

#[test]
fn leaving_an_exam_opened_by_a_command_ends_the_app() {
    let mut app = exam();
    if let Screen::Exam(ex) = &mut app.screen {
        ex.origin = Origin::Command;
    }
    let fx = keys(&mut app, "qy");
    assert_eq!(fx, vec![Effect::SaveProgress, Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn a_result_opened_from_history_goes_back_to_history() {
    let mut app = exam();
    keys(&mut app, "Asyq");
    start_exam(&mut app, "DEMO", Some(5), None, false, Some(4));
    keys(&mut app, "syq");
    assert_eq!(app.records.len(), 2);
    keys(&mut app, "h");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Results(_)));
    keys(&mut app, "q");
    let Screen::History(HistoryState { cursor }) = app.screen else {
        panic!("q on a reopened result goes back to history")
    };
    assert_eq!(cursor, 1, "on the same row");
    // Esc does the same.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::History(_)));
    keys(&mut app, "q");
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn a_drill_from_stats_goes_back_to_fresh_stats() {
    let mut app = home();
    keys(&mut app, "s");
    let Screen::Stats(before) = &app.screen else {
        panic!("stats")
    };
    let answers_before = before.report.answers;
    keys(&mut app, "d");
    assert!(app.exam().is_some());
    keys(&mut app, "B");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "sy");
    assert!(matches!(app.screen, Screen::Results(_)));
    keys(&mut app, "q");
    let Screen::Stats(after) = &app.screen else {
        panic!("back to stats")
    };
    assert!(after.report.answers > answers_before, "stats recomputed");
}

#[test]
fn an_auto_submitted_exam_is_in_history_at_once() {
    let mut app = exam();
    keys(&mut app, "A");
    let limit = app.exam().unwrap().attempt.remaining().unwrap().ceil() as u64 + 1;
    let now = app.now + chrono::Duration::seconds(limit as i64);
    let fx = update(&mut app, Msg::Tick(Duration::from_secs(limit), now));
    assert_eq!(recorded(&fx), 1);
    assert_eq!(app.records.len(), 1);
    keys(&mut app, "qh");
    assert!(matches!(app.screen, Screen::History(_)));
}

#[test]
fn starting_new_over_unfinished_records_the_old_one_in_memory_too() {
    let mut app = exam();
    keys(&mut app, "Aqy");
    assert!(app.records.is_empty());
    key(&mut app, KeyCode::Enter);
    let fx = keys(&mut app, "y");
    assert_eq!(recorded(&fx), 1);
    assert_eq!(app.records.len(), 1, "history and stats see it at once");
    assert!(matches!(app.screen, Screen::Exam(_)));
}

#[test]
fn practice_enter_needs_a_choice_checks_then_moves_on() {
    let mut app = home();
    start_exam(&mut app, "DEMO", Some(5), None, true, Some(3));
    // Nothing chosen: Enter changes nothing and says how to choose.
    let fx = key(&mut app, KeyCode::Enter);
    assert!(fx.is_empty());
    let a = &app.exam().unwrap().attempt;
    assert!(a.responses[0].selected.is_empty() && !a.responses[0].checked);
    assert!(app.notice.as_deref().unwrap().contains("A-F or 1-6"));
    // Chosen: Enter checks.
    keys(&mut app, "A");
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::SaveProgress]);
    assert!(app.exam().unwrap().attempt.responses[0].checked);
    assert_eq!(app.exam().unwrap().attempt.current, 0);
    // Checked: Enter moves on.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.exam().unwrap().attempt.current, 1);
    // Space still chooses the highlighted option.
    keys(&mut app, " ");
    assert!(app.exam().unwrap().attempt.responses[1].answered());
}

#[test]
fn help_scrolls_within_bounds_and_any_other_key_closes_it() {
    let mut app = exam();
    app.size = (60, 16);
    keys(&mut app, "?");
    for _ in 0..100 {
        key(&mut app, KeyCode::Down);
    }
    let Some(Overlay::Help { scroll }) = app.overlay else {
        panic!("help open")
    };
    assert!(scroll > 0 && scroll < 40, "bounded: {scroll}");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: scroll - 1 }));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(
        matches!(app.screen, Screen::Exam(_)),
        "Esc closes help only"
    );
    // At 120×40 everything fits: nothing to scroll.
    app.size = (120, 40);
    keys(&mut app, "?");
    key(&mut app, KeyCode::Down);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
}

#[test]
fn home_keeps_its_cursor_on_the_left_exam() {
    let mut app = home();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "qy");
    let Screen::Home(HomeState { cursor, .. }) = &app.screen else {
        panic!("home")
    };
    assert_eq!(
        app.catalog.blueprints[*cursor].id,
        app.unfinished().unwrap().form.blueprint
    );
}
