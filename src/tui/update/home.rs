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
        KeyCode::Char('h') => {
            app.screen = Screen::History(Default::default());
        }
        KeyCode::Char('s') | KeyCode::Char('d') | KeyCode::Char('c') | KeyCode::Char('p') => {
            let Some(bp) = app
                .catalog
                .blueprints
                .get(home.cursor)
                .map(|b| b.id.clone())
            else {
                return vec![];
            };
            if home.resume.is_some() && k.code != KeyCode::Char('s') {
                app.notice = Some("Finish or resume the unfinished exam first (r).".into());
                return vec![];
            }
            return match k.code {
                KeyCode::Char('s') => super::stats::open(app, &bp),
                KeyCode::Char('c') => {
                    super::drill::open_custom(app, &bp);
                    vec![]
                }
                KeyCode::Char('p') => todays_plan(app, &bp),
                _ => {
                    let count = super::drill::drill_size(app, &bp);
                    super::drill::start(
                        app,
                        &bp,
                        crate::stats::DrillRequest {
                            count,
                            ..Default::default()
                        },
                    )
                }
            };
        }
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
        on: Some(app.exam_day(&bp.id)),
    };
    // An open-book exam loads the code book and its word lists while the first questions are
    // read, so that `b` finds them ready.
    if app.book_in_background && !bp.open_book.is_empty() {
        crate::codeset::prepare_in_background();
    }
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

/// Today's recommended work for the planned exam: a full mock when one is due, else the drill.
fn todays_plan(app: &mut App, blueprint: &str) -> Vec<Effect> {
    let Some(plan) = app.plan.clone() else {
        app.notice = Some(
            "No plan yet: run `proctor plan --exam CPB --date 2027-01-15 --daily 45m`.".into(),
        );
        return vec![];
    };
    let bp_id = if plan.exam.eq_ignore_ascii_case(blueprint) {
        blueprint.to_string()
    } else {
        plan.exam.clone()
    };
    let Some(bp) = app.catalog.blueprint(&bp_id) else {
        app.notice = Some(format!("The planned exam {} is not loaded.", plan.exam));
        return vec![];
    };
    let report = super::stats::report_for(app, bp);
    let today = crate::stats::today::today(&plan, &report, app.now);
    if today.mock_due {
        return start(app, &bp_id, None, None, false, None);
    }
    let req = crate::stats::DrillRequest {
        domains: today.focus,
        count: today.drill_questions as usize,
        ..Default::default()
    };
    super::drill::start(app, &bp_id, req)
}
