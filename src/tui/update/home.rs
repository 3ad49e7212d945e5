//! Home: choose an exam and a mode, or resume the unfinished one.

use super::super::app::{App, Confirm, Effect, ExamState, Overlay, Screen};
use super::open_help;
use crate::exam::{Attempt, FormOptions, assemble};
use crossterm::event::{KeyCode, KeyEvent};

/// Questions in a mini-mock or practice set started from the home screen.
pub const SHORT_FORM: u32 = 20;

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let n = app.catalog.blueprints.len();
    let Screen::Home(home) = &mut app.screen else {
        return vec![];
    };
    match k.code {
        KeyCode::Up | KeyCode::Char('k') => home.cursor = home.cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            home.cursor = (home.cursor + 1).min(n.saturating_sub(1))
        }
        KeyCode::Home => home.cursor = 0,
        KeyCode::End => home.cursor = n.saturating_sub(1),
        KeyCode::Char('?') => return open_help(app),
        KeyCode::Char('q') | KeyCode::Esc => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        KeyCode::Char('r') => {
            return match home.resume.take() {
                Some(a) => resume(app, *a),
                None => {
                    app.notice = Some("No unfinished exam to resume.".into());
                    vec![]
                }
            };
        }
        KeyCode::Enter => return start_from_home(app, None, false),
        KeyCode::Char('m') => return start_from_home(app, Some(SHORT_FORM), false),
        KeyCode::Char('t') => return start_from_home(app, Some(SHORT_FORM), true),
        _ => {}
    }
    vec![]
}

fn start_from_home(app: &mut App, questions: Option<u32>, tutor: bool) -> Vec<Effect> {
    let Screen::Home(home) = &app.screen else {
        return vec![];
    };
    let Some(bp) = app.catalog.blueprints.get(home.cursor) else {
        return vec![];
    };
    let blueprint = bp.id.clone();
    if home.resume.is_some() {
        app.overlay = Some(Overlay::Confirm(Confirm::ReplaceUnfinished {
            blueprint,
            questions,
            tutor,
        }));
        return vec![];
    }
    start(app, &blueprint, questions, None, tutor, None)
}

pub fn resume(app: &mut App, attempt: Attempt) -> Vec<Effect> {
    let state = ExamState::new(attempt);
    app.screen = Screen::Exam(Box::new(state));
    app.notice = Some("Resumed where you left off; the timer is running again.".into());
    vec![Effect::SaveProgress]
}

/// Builds a form and opens the exam screen; on failure stays put with a notice saying what is
/// missing and what shorter form would work.
pub fn start(
    app: &mut App,
    blueprint: &str,
    questions: Option<u32>,
    minutes: Option<u32>,
    tutor: bool,
    seed: Option<u64>,
) -> Vec<Effect> {
    let Some(bp) = app.catalog.blueprint(blueprint) else {
        app.notice = Some(format!("No blueprint {blueprint}."));
        return vec![];
    };
    let seed = seed.unwrap_or_else(|| {
        let s = app.next_seed;
        app.next_seed = app
            .next_seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s
    });
    let opts = FormOptions {
        seed,
        questions,
        minutes,
        tutor,
    };
    match assemble(&app.catalog, bp, &opts, &app.seen) {
        Ok(form) => {
            let attempt = Attempt::new(form, app.now);
            app.screen = Screen::Exam(Box::new(ExamState::new(attempt)));
            app.since_save = std::time::Duration::ZERO;
            vec![Effect::SaveProgress]
        }
        Err(e) => {
            let hint = match &e {
                crate::exam::AssembleError::Short {
                    largest_possible, ..
                } if *largest_possible > 0 => {
                    format!(
                        " Press m for a 20-question mini-mock, or try `proctor exam {blueprint} --questions {largest_possible}`."
                    )
                }
                _ => String::new(),
            };
            app.notice = Some(format!("{e}.{hint}"));
            vec![]
        }
    }
}
