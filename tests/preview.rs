//! `proctor preview FILE [--watch]` (issue 19): reading a bank file for practice, carrying a
//! session over a new reading, the findings in the app, and noticing a save.

mod common;

use chrono::NaiveDate;
use common::{screen, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::authoring::preview::{carry_over, load};
use proctor::authoring::watch::FileWatch;
use proctor::bank::Catalog;
use proctor::tui::app::Origin;
use proctor::tui::update::{preview, update};
use proctor::tui::{App, Effect, Msg, Overlay, Screen, Theme};
use std::path::{Path, PathBuf};

fn bank_text() -> String {
    common::scaffold_cpb()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn write(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("cpb-new.yaml");
    std::fs::write(&p, text).unwrap();
    p
}

fn press(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    let mut fx = vec![];
    for k in keys {
        fx.extend(update(app, Msg::Key(KeyEvent::new(*k, KeyModifiers::NONE))));
    }
    fx
}

fn opened(path: &Path, watching: bool) -> App {
    let mut app = App::new(Catalog::default(), Theme::mono(), 7);
    app.now = t0();
    let fx = preview::open(&mut app, load(path, day()), watching);
    assert_eq!(fx, vec![Effect::SaveProgress]);
    app
}

fn exam(app: &App) -> &proctor::tui::app::ExamState {
    match &app.screen {
        Screen::Exam(e) => e,
        _ => panic!("not on the questions"),
    }
}

/// The line of `needle` in `text` (1-based), to check that findings point at the right place.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_file_is_read_with_its_questions_in_file_order_and_its_findings_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let clean = load(&write(dir.path(), &bank_text()), day());
    assert_eq!(
        clean.questions,
        vec!["CPB-NEW-0001", "CPB-NEW-0002", "CPB-NEW-0003"]
    );
    assert_eq!(clean.blueprint.as_deref(), Some("CPB"));
    assert!(clean.findings.is_empty(), "{:?}", clean.findings);
    let form = clean.form().unwrap();
    assert!(form.tutor && !form.drill);
    assert_eq!(form.items.len(), 3);
    // The options as written: A is the first shown.
    assert_eq!(form.items[0].order[0].to_string(), "A");

    // One question loses a wrong option's reason: a warning at its line, the file can still be sat.
    let text = bank_text().replace(
        "      D: The CMS-1450 is the UB-04 under another name, an institutional claim.\n",
        "",
    );
    let p = load(&write(dir.path(), &text), day());
    assert!(p.unusable().is_none());
    assert_eq!((p.errors(), p.warnings()), (0, 1), "{:?}", p.findings);
    let d = &p.findings[0];
    let first_question = line_of(&text, "id: CPB-NEW-0001");
    let second_question = line_of(&text, "id: CPB-NEW-0002");
    assert!(
        (first_question..second_question).contains(&d.line),
        "finding at line {} is not in the first question ({first_question}..{second_question}): {d}",
        d.line
    );

    // A YAML error: nothing to sit, and the finding says where.
    let broken = bank_text().replace("    answer: A\n", "    answer: [A\n");
    let p = load(&write(dir.path(), &broken), day());
    assert!(p.questions.is_empty());
    assert!(p.unusable().unwrap().contains("error"));
    assert!(
        p.errors() >= 1 && p.findings[0].line > 1,
        "{:?}",
        p.findings
    );
}

#[test]
fn a_new_reading_keeps_answers_to_questions_still_the_same_to_answer_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &bank_text());
    let first = load(&path, day());
    let mut attempt = proctor::exam::Attempt::new(first.form().unwrap(), t0());
    for i in 0..3 {
        attempt.current = i;
        attempt.choose(0, i == 1);
    }
    attempt.current = 2;
    // Question 1's stem is edited (answer kept); question 2's choices change (asked again);
    // a question is added before question 3 (the place follows question 3).
    let text = bank_text()
        .replace(
            "Which claim form does a physician office use",
            "Which paper claim form does a physician office use",
        )
        .replace(
            "      C: V codes (vision and hearing services)",
            "      C: V codes (vision, hearing and speech services)",
        )
        .replace(
            "  # A question of the case group above.\n",
            &format!(
                "{}\n",
                bank_text()
                    .split("  # Single answer: `answer` is one letter.\n")
                    .nth(1)
                    .unwrap()
                    .split("  # Select all that apply")
                    .next()
                    .unwrap()
                    .trim_end()
                    .replace("CPB-NEW-0001", "CPB-NEW-0009")
            ),
        );
    let second = load(&write(dir.path(), &text), day());
    assert_eq!(
        second.questions,
        vec![
            "CPB-NEW-0001",
            "CPB-NEW-0002",
            "CPB-NEW-0009",
            "CPB-NEW-0003"
        ],
        "{:?}",
        second.findings
    );
    let next = carry_over(
        &attempt,
        &first.catalog,
        second.form().unwrap(),
        &second.catalog,
        t0(),
    );
    assert_eq!(next.responses[0], attempt.responses[0]);
    assert!(next.responses[0].answered());
    assert!(
        !next.responses[1].answered(),
        "changed options are asked again"
    );
    assert!(
        !next.responses[2].answered(),
        "a new question starts unanswered"
    );
    assert_eq!(next.responses[3], attempt.responses[2]);
    assert_eq!(next.current, 3, "the question on screen stays on screen");
    assert_eq!(next.id, attempt.id);
}

#[test]
fn the_app_sits_the_file_and_follows_each_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &bank_text());
    let mut app = opened(&path, true);
    let ex = exam(&app);
    assert_eq!(ex.origin, Origin::Preview);
    assert!(ex.attempt.form.tutor);
    assert!(screen(&app, 100, 30).contains("preview (v findings)"));
    // Answer and check question 1, move to question 2.
    press(
        &mut app,
        &[KeyCode::Char('A'), KeyCode::Enter, KeyCode::Enter],
    );
    assert_eq!(exam(&app).attempt.current, 1);
    assert!(exam(&app).attempt.responses[0].checked);

    // Saved with a new stem for question 2: the new text is on screen, the place and the checked
    // answer kept, and the notice says so.
    let text = bank_text().replace(
        "Which of these are HCPCS Level II code sections?",
        "Which of these are sections of HCPCS Level II?",
    );
    write(dir.path(), &text);
    let fx = update(&mut app, Msg::Reloaded(Box::new(load(&path, day()))));
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert_eq!(exam(&app).attempt.current, 1);
    assert!(exam(&app).attempt.responses[0].checked);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("sections of HCPCS Level II?"), "{shown}");
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .starts_with("Reloaded cpb-new.yaml: 3 question(s)")
    );

    // Saved half-written: the questions stay, the findings open and say where.
    let broken = text.replace("    answer: A\n", "    answer: [A\n");
    write(dir.path(), &broken);
    update(&mut app, Msg::Reloaded(Box::new(load(&path, day()))));
    assert!(app.notice.as_deref().unwrap().contains("cannot be sat"));
    let state = app.preview.as_ref().unwrap();
    assert!(state.show_findings && state.errors() >= 1);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("sections of HCPCS Level II?"), "{shown}");
    assert!(shown.contains("error"), "{shown}");
    assert!(shown.contains("v hides"), "{shown}");
    // A click under the open panel does not reach the question behind it.
    let before = exam(&app).attempt.responses.clone();
    for row in 0..30 {
        update(
            &mut app,
            Msg::Mouse(crossterm::event::MouseEvent {
                kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
                column: 8,
                row,
                modifiers: KeyModifiers::NONE,
            }),
        );
    }
    assert_eq!(exam(&app).attempt.responses, before);
    // v closes and opens the panel.
    press(&mut app, &[KeyCode::Char('v')]);
    assert!(!app.preview.as_ref().unwrap().show_findings);
    assert!(!screen(&app, 100, 30).contains("v hides"));
    press(&mut app, &[KeyCode::Char('v')]);

    // Fixed: the session carries on, the panel opened for the errors closes, and the screen is
    // as it was (the highlighted option, the open review grid).
    press(
        &mut app,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Char('r')],
    );
    let cursor = exam(&app).cursor;
    assert_eq!(cursor, 2);
    write(dir.path(), &text);
    update(&mut app, Msg::Reloaded(Box::new(load(&path, day()))));
    let state = app.preview.as_ref().unwrap();
    assert!(state.broken.is_none() && !state.show_findings);
    assert_eq!(exam(&app).attempt.current, 1);
    assert_eq!(exam(&app).cursor, cursor);
    assert!(exam(&app).review.is_some());
    press(&mut app, &[KeyCode::Esc]);
    assert!(exam(&app).review.is_none());

    // Leaving goes to the file's page (nothing kept); Enter sits the questions again.
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    let fx = press(&mut app, &[KeyCode::Char('y')]);
    assert!(fx.is_empty(), "a preview is not saved: {fx:?}");
    assert!(matches!(app.screen, Screen::Home(_)) && !app.quit);
    let page = screen(&app, 100, 30);
    assert!(page.contains("Preview of"), "{page}");
    assert!(page.contains("3 question(s) for CPB"), "{page}");
    assert!(page.contains("Watching the file"), "{page}");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(exam(&app).attempt.current, 0);
    assert!(!exam(&app).attempt.responses[0].answered());
    press(
        &mut app,
        &[KeyCode::Char('q'), KeyCode::Char('y'), KeyCode::Char('q')],
    );
    assert!(app.quit);
}

#[test]
fn v_is_a_letter_while_codes_are_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = opened(&write(dir.path(), &bank_text()), false);
    let before = app.preview.as_ref().unwrap().show_findings;
    if let Screen::Exam(ex) = &mut app.screen {
        ex.entry_focused = true;
    }
    assert!(
        preview::key(
            &mut app,
            KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE)
        )
        .is_none()
    );
    assert_eq!(app.preview.as_ref().unwrap().show_findings, before);
}

#[test]
fn a_file_that_cannot_be_sat_opens_on_its_page_and_a_fix_starts_the_questions() {
    let dir = tempfile::tempdir().unwrap();
    let broken = bank_text().replace("    answer: A\n", "    answer: [A\n");
    let path = write(dir.path(), &broken);
    let mut app = App::new(Catalog::default(), Theme::mono(), 7);
    app.now = t0();
    assert!(preview::open(&mut app, load(&path, day()), true).is_empty());
    assert!(matches!(app.screen, Screen::Home(_)));
    let page = screen(&app, 100, 30);
    assert!(page.contains("Nothing to sit yet"), "{page}");
    assert!(page.contains("error"), "{page}");
    // Enter has nothing to start; the home screen's own keys do nothing here.
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("Nothing to sit yet")
    );
    press(&mut app, &[KeyCode::Char('d'), KeyCode::Char('s')]);
    assert!(matches!(app.screen, Screen::Home(_)) && app.overlay.is_none());
    write(dir.path(), &bank_text());
    update(&mut app, Msg::Reloaded(Box::new(load(&path, day()))));
    // A reading that can be sat on the page: Enter sits it.
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(exam(&app).attempt.form.items.len(), 3);
}

#[test]
fn snapshots_of_the_page_and_the_findings_panel() {
    let dir = tempfile::tempdir().unwrap();
    let text = bank_text().replace(
        "      D: The CMS-1450 is the UB-04 under another name, an institutional claim.\n",
        "",
    );
    let mut app = opened(&write(dir.path(), &text), true);
    let state = app.preview.as_mut().unwrap();
    state.path = PathBuf::from("banks/cpb-new.yaml");
    state.show_findings = true;
    insta::assert_snapshot!("preview_findings_80x24", screen(&app, 80, 24));
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    insta::assert_snapshot!("preview_page_80x24", screen(&app, 80, 24));
    press(&mut app, &[KeyCode::Char('?')]);
    let help = screen(&app, 80, 24);
    assert!(
        help.contains("sit the file's questions in practice"),
        "{help}"
    );
}

#[test]
fn a_save_is_noticed_once_and_an_unchanged_save_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "one");
    let mut w = FileWatch::new(&path).unwrap();
    assert!(!w.changed());
    let wait = |w: &mut FileWatch| {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < until {
            if w.changed() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        false
    };
    // Saved the way editors do: a new file renamed over the old one.
    let tmp = dir.path().join(".cpb-new.yaml.swp");
    std::fs::write(&tmp, "two").unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    assert!(wait(&mut w), "a rename over the file is a save");
    std::fs::write(&path, "three").unwrap();
    assert!(wait(&mut w), "a write in place is a save");
    // The same bytes again, and another file in the folder: no new reading.
    std::fs::write(&path, "three").unwrap();
    std::fs::write(dir.path().join("other.yaml"), "x").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!w.changed());
}

#[test]
fn each_save_is_read_on_a_thread_of_its_own_and_handed_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "one");
    let readings = FileWatch::new(&path)
        .unwrap()
        .on_change(|p| std::fs::read_to_string(p).unwrap());
    std::fs::write(&path, "two").unwrap();
    let got = readings
        .recv_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    assert_eq!(got, "two");
    assert!(readings.try_recv().is_none(), "one save, one reading");
}

#[test]
fn a_new_reading_after_the_results_goes_to_the_files_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &bank_text());
    let mut app = opened(&path, true);
    press(
        &mut app,
        &[KeyCode::Char('A'), KeyCode::Enter, KeyCode::Char('s')],
    );
    press(&mut app, &[KeyCode::Char('y')]);
    assert!(matches!(app.screen, Screen::Results(_)), "finished");
    write(
        dir.path(),
        &bank_text().replace("    answer: A\n", "    answer: B\n"),
    );
    update(&mut app, Msg::Reloaded(Box::new(load(&path, day()))));
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(app.notice.as_deref().unwrap().starts_with("Reloaded"));
    press(&mut app, &[KeyCode::Enter]);
    assert!(!exam(&app).attempt.responses[0].answered());
}
