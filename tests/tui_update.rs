//! Key sequences replayed through `update`, no terminal: what each key does to the state and which
//! effects (saves, records) it asks for.

mod common;

use common::{demo_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proctor::exam::EndReason;
use proctor::tui::app::{Confirm, ResultsFilter, ResultsTab, ReviewFilter};
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Effect, Msg, Overlay, Screen, Theme};
use std::time::Duration;

fn app() -> App {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    let fx = start_exam(&mut app, "DEMO", None, None, false, Some(11));
    assert_eq!(fx, vec![Effect::SaveProgress]);
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn tick(app: &mut App, secs: u64) -> Vec<Effect> {
    let now = app.now + chrono::Duration::seconds(secs as i64);
    update(app, Msg::Tick(Duration::from_secs(secs), now))
}

fn attempt(app: &App) -> &proctor::exam::Attempt {
    &app.exam().expect("exam screen").attempt
}

#[test]
fn letters_and_numbers_answer_with_bank_keys_and_each_answer_is_saved() {
    let mut app = app();
    let fx = key(&mut app, KeyCode::Char('B'));
    assert_eq!(fx, vec![Effect::SaveProgress]);
    let shown_b = attempt(&app).form.items[0].order[1];
    assert_eq!(attempt(&app).responses[0].selected, vec![shown_b]);
    key(&mut app, KeyCode::Char('4'));
    assert_eq!(
        attempt(&app).responses[0].selected,
        vec![attempt(&app).form.items[0].order[3]]
    );
    key(&mut app, KeyCode::Backspace);
    assert!(attempt(&app).responses[0].selected.is_empty());
    // Arrow + Enter chooses the highlighted option (the highlight followed the last choice, D).
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        attempt(&app).responses[0].selected,
        vec![attempt(&app).form.items[0].order[2]]
    );
    // An option beyond the question's choices does nothing.
    assert!(key(&mut app, KeyCode::Char('E')).is_empty());
    // Lowercase letters are commands: they never change an answer, and a hint says how to choose.
    key(&mut app, KeyCode::Char('a'));
    assert!(app.notice.as_deref().unwrap().contains("capital A-F"));
}

#[test]
fn flag_strike_navigate_and_goto() {
    let mut app = app();
    keys(&mut app, "f");
    assert!(attempt(&app).responses[0].flagged);
    keys(&mut app, "xa");
    let a_key = attempt(&app).form.items[0].order[0];
    assert_eq!(attempt(&app).responses[0].struck, vec![a_key]);
    keys(&mut app, "xa");
    assert!(
        attempt(&app).responses[0].struck.is_empty(),
        "x again restores"
    );
    keys(&mut app, "x");
    key(&mut app, KeyCode::Esc);
    assert!(attempt(&app).responses[0].struck.is_empty());
    assert!(
        app.overlay.is_none(),
        "Esc cancelled the strike, not the exam"
    );
    key(&mut app, KeyCode::Right);
    keys(&mut app, "n");
    assert_eq!(attempt(&app).current, 2);
    key(&mut app, KeyCode::Left);
    assert_eq!(attempt(&app).current, 1);
    keys(&mut app, "g7");
    assert_eq!(app.overlay, Some(Overlay::Goto("7".into())));
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert_eq!(attempt(&app).current, 6);
    keys(&mut app, "g99");
    key(&mut app, KeyCode::Enter);
    assert_eq!(attempt(&app).current, 6);
    assert!(app.notice.as_deref().unwrap().contains("not open"));
}

#[test]
fn review_grid_filters_and_jumps() {
    let mut app = app();
    keys(&mut app, "A");
    key(&mut app, KeyCode::Right);
    keys(&mut app, "f");
    key(&mut app, KeyCode::Right);
    keys(&mut app, "r");
    let rv = app.exam().unwrap().review.clone().unwrap();
    assert_eq!((rv.filter, rv.cursor), (ReviewFilter::All, 2));
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        app.exam().unwrap().review.as_ref().unwrap().filter,
        ReviewFilter::Unanswered
    );
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        app.exam().unwrap().review.as_ref().unwrap().filter,
        ReviewFilter::Flagged
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.exam().unwrap().review.is_none());
    assert_eq!(
        attempt(&app).current,
        1,
        "jumped to the only flagged question"
    );
}

#[test]
fn submit_asks_first_then_scores_and_records() {
    let mut app = app();
    keys(&mut app, "A");
    keys(&mut app, "s");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::Submit)));
    key(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Exam(_)));
    keys(&mut app, "s");
    let fx = keys_fx(&mut app, 'y');
    assert!(matches!(fx.as_slice(), [Effect::Record(a)] if a.end == Some(EndReason::Submitted)));
    let Screen::Results(r) = &app.screen else {
        panic!("results expected")
    };
    assert_eq!(r.report.total, 10);
    assert_eq!(r.report.unanswered, 9);
    // Review every question, then filter.
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "i");
    let Screen::Results(r) = &app.screen else {
        panic!()
    };
    assert_eq!(
        (r.tab, &r.filter),
        (ResultsTab::Questions, &ResultsFilter::Incorrect)
    );
    keys(&mut app, "d");
    let Screen::Results(r) = &app.screen else {
        panic!()
    };
    assert!(matches!(r.filter, ResultsFilter::Domain(_)));
    keys(&mut app, "q");
    assert!(matches!(app.screen, Screen::Home(_)));
}

fn keys_fx(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

#[test]
fn time_up_submits_by_itself_with_warnings_before() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "DEMO", None, Some(40), false, Some(2));
    tick(&mut app, 9 * 60 + 30); // 30:30 left
    assert!(app.notice.is_none());
    tick(&mut app, 31); // 29:59 left
    assert_eq!(app.notice.as_deref(), Some("30 minutes left."));
    app.notice = None;
    tick(&mut app, 25 * 60);
    assert_eq!(app.notice.as_deref(), Some("5 minutes left."));
    let fx = tick(&mut app, 5 * 60);
    assert!(matches!(fx.as_slice(), [Effect::Record(a)] if a.end == Some(EndReason::TimeUp)));
    assert!(matches!(app.screen, Screen::Results(_)));
    assert_eq!(
        app.notice.as_deref(),
        Some("Time is up: your exam was submitted.")
    );
}

#[test]
fn the_timer_is_saved_every_few_seconds() {
    let mut app = app();
    assert!(tick(&mut app, 2).is_empty());
    assert!(tick(&mut app, 2).is_empty());
    assert_eq!(tick(&mut app, 2), vec![Effect::SaveProgress]);
}

#[test]
fn quit_asks_and_keeps_the_exam_resumable_while_ctrl_c_leaves_at_once() {
    let mut app = app();
    keys(&mut app, "q");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::QuitExam)));
    key(&mut app, KeyCode::Esc);
    assert!(!app.quit);
    keys(&mut app, "q");
    // Opened by `proctor exam`, leaving ends the app (from the home screen it returns there:
    // tests/tui_navigation.rs).
    if let Screen::Exam(ex) = &mut app.screen {
        ex.origin = proctor::tui::app::Origin::Command;
    }
    let fx = key(&mut app, KeyCode::Char('y'));
    assert_eq!(fx, vec![Effect::SaveProgress, Effect::Quit]);
    let mut app = self::app();
    let fx = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert_eq!(fx, vec![Effect::SaveProgress, Effect::Quit]);
}

#[test]
fn sections_end_only_after_confirmation_and_stay_closed() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "DEMO-PARTS", None, None, false, Some(2));
    keys(&mut app, "s");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::EndSection)));
    keys(&mut app, "y");
    assert_eq!(attempt(&app).section, 1);
    assert_eq!(attempt(&app).current, 5);
    key(&mut app, KeyCode::Left);
    assert_eq!(attempt(&app).current, 5, "part 1 is closed");
}

#[test]
fn practice_mode_checks_the_answer_and_locks_it() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "DEMO", Some(5), None, true, Some(2));
    assert_eq!(attempt(&app).remaining(), None, "practice is untimed");
    keys(&mut app, "A");
    key(&mut app, KeyCode::Enter);
    assert!(attempt(&app).responses[0].checked);
    keys(&mut app, "B");
    assert_eq!(
        attempt(&app).responses[0].selected,
        vec![attempt(&app).form.items[0].order[0]],
        "locked after checking"
    );
}

#[test]
fn a_click_on_an_option_chooses_it() {
    let mut app = app();
    app.size = (80, 24);
    // Find the row of option C by rendering the same layout the click handler uses.
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| proctor::tui::view::view(&app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let row = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("C) ")
        })
        .expect("option C on screen");
    let fx = update(
        &mut app,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 12,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert_eq!(
        attempt(&app).responses[0].selected,
        vec![attempt(&app).form.items[0].order[2]]
    );
}

#[test]
fn help_opens_on_question_mark_and_any_key_closes_it() {
    let mut app = app();
    keys(&mut app, "?");
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    keys(&mut app, "A");
    assert!(app.overlay.is_none());
    assert!(
        attempt(&app).responses[0].selected.is_empty(),
        "the closing key is not also an answer"
    );
}

#[test]
fn the_code_book_opens_in_open_book_exams_searches_and_returns_with_nothing_lost() {
    // DEMO has no open_book list: closed book, as a real closed-book exam.
    let mut app = app();
    keys(&mut app, "b");
    assert!(app.book.is_none());
    assert!(app.notice.as_deref().unwrap().contains("closed book"));
    // The shipped CPB exam is open book.
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CPB", Some(10), None, false, Some(5));
    keys(&mut app, "B");
    keys(&mut app, "f");
    let before = attempt(&app).clone();
    keys(&mut app, "b");
    assert!(app.book.is_some());
    keys(&mut app, "e11.6");
    let book = app.book.clone().unwrap();
    assert_eq!(
        book.hits.first().map(|h| h.code.as_str()),
        Some("E11.6"),
        "exact code first"
    );
    assert!(book.hits.iter().any(|h| h.code == "E11.65"));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.book.as_ref().unwrap().page.is_some());
    // Letters typed in the book are search text, never answers or commands; time keeps running.
    tick(&mut app, 30);
    key(&mut app, KeyCode::Esc);
    assert!(
        app.book.as_ref().unwrap().page.is_none(),
        "Esc closes the page first"
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.book.is_none());
    let after = attempt(&app);
    assert_eq!(after.responses[0].selected, before.responses[0].selected);
    assert_eq!(after.responses[0].flagged, before.responses[0].flagged);
    assert!(
        (after.seconds_used() - before.seconds_used() - 30.0).abs() < 1e-6,
        "the timer ran while the book was open"
    );
    // The book also opens over the results review, and closes when the exam ends.
    keys(&mut app, "b");
    keys(&mut app, "sy");
    assert!(
        app.book.is_some(),
        "typing in the book is search text, not submit"
    );
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "sy");
    assert!(matches!(app.screen, Screen::Results(_)));
    key(&mut app, KeyCode::Tab);
    keys(&mut app, "b");
    assert!(app.book.is_some(), "{:?} {:?}", app.notice, app.overlay);
    key(&mut app, KeyCode::Esc);
    assert!(app.book.is_none());
}

#[test]
fn the_code_book_keeps_its_search_clears_with_ctrl_u_and_finds_abbreviations() {
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CPB", Some(10), None, false, Some(5));
    keys(&mut app, "bchf");
    let first = app.book.as_ref().unwrap().hits[..3]
        .iter()
        .map(|h| h.code.clone())
        .collect::<Vec<_>>();
    assert!(first.contains(&"I50.9".to_string()), "{first:?}");
    key(&mut app, KeyCode::Esc);
    assert!(app.book.is_none());
    keys(&mut app, "b");
    assert_eq!(
        app.book.as_ref().unwrap().query,
        "chf",
        "the search survives closing and reopening"
    );
    assert!(!app.book.as_ref().unwrap().hits.is_empty());
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    let book = app.book.as_ref().unwrap();
    assert_eq!(book.query, "", "Ctrl-U clears the search");
    assert!(book.hits.is_empty());
    // Ctrl-U is not typed as a letter, and the exam's answers are untouched.
    assert!(
        attempt(&app)
            .responses
            .iter()
            .all(|r| r.selected.is_empty())
    );
}
