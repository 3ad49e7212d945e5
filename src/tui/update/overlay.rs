//! Keys while a dialog is open: help, go-to, confirmations.
//!
//! A confirmation answers only to `y` (yes) and `n` or Esc (no): Enter is what a candidate presses
//! by reflex, so it never confirms an irreversible action.

use super::super::app::{App, Confirm, Effect, Origin, Overlay, Screen};
use super::{exam, home};
use crate::exam::EndReason;
use crossterm::event::{KeyCode, KeyEvent};

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(overlay) = app.overlay.take() else {
        return vec![];
    };
    match overlay {
        Overlay::Help { scroll } => {
            let max = crate::tui::view::help_max_scroll(app);
            let to = match k.code {
                KeyCode::Down | KeyCode::Char('j') => Some(scroll.saturating_add(1)),
                KeyCode::Up | KeyCode::Char('k') => Some(scroll.saturating_sub(1)),
                KeyCode::PageDown | KeyCode::Char(' ') => Some(scroll.saturating_add(5)),
                KeyCode::PageUp => Some(scroll.saturating_sub(5)),
                // Any other key closes help.
                _ => None,
            };
            if let Some(s) = to {
                app.overlay = Some(Overlay::Help { scroll: s.min(max) });
            }
            vec![]
        }
        Overlay::Goto(mut text) => match k.code {
            KeyCode::Char(c) if c.is_ascii_digit() && text.len() < 4 => {
                text.push(c);
                app.overlay = Some(Overlay::Goto(text));
                vec![]
            }
            KeyCode::Backspace => {
                text.pop();
                app.overlay = Some(Overlay::Goto(text));
                vec![]
            }
            KeyCode::Enter => goto(app, &text),
            KeyCode::Esc => vec![],
            _ => {
                app.overlay = Some(Overlay::Goto(text));
                vec![]
            }
        },
        Overlay::CustomDrill(c) => super::drill::custom_key(app, c, k),
        Overlay::Confirm(c) => match k.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => confirmed(app, c),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => vec![],
            other => {
                if other == KeyCode::Enter {
                    app.notice = Some(format!(
                        "Enter does not answer this: press y to {}, or n or Esc to go back.",
                        yes_verb(&c)
                    ));
                }
                app.overlay = Some(Overlay::Confirm(c));
                vec![]
            }
        },
    }
}

/// What `y` does, for the hint after a stray Enter.
fn yes_verb(c: &Confirm) -> &'static str {
    match c {
        Confirm::QuitExam => "leave",
        Confirm::QuitApp => "quit",
        Confirm::Submit => "submit",
        Confirm::EndSection => "end this part",
        Confirm::ReplaceUnfinished { .. } => "start the new exam",
    }
}

fn goto(app: &mut App, text: &str) -> Vec<Effect> {
    let Ok(n) = text.parse::<usize>() else {
        return vec![];
    };
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let range = ex.attempt.open_range();
    if n == 0 || !range.contains(&(n - 1)) {
        app.notice = Some(format!(
            "Question {n} is not open: this section holds {} to {}.",
            range.start + 1,
            range.end
        ));
        return vec![];
    }
    if ex.attempt.goto(n - 1) {
        ex.cursor = 0;
        ex.case_scroll = 0;
        ex.body_scroll = 0;
    }
    vec![Effect::SaveProgress]
}

fn confirmed(app: &mut App, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::QuitExam => leave_exam(app),
        Confirm::QuitApp => {
            app.quit = true;
            vec![Effect::Quit]
        }
        Confirm::Submit => {
            let now = app.now;
            if let Screen::Exam(ex) = &mut app.screen {
                ex.attempt.close_section(now, EndReason::Submitted);
            }
            exam::finish(app)
        }
        Confirm::EndSection => exam::end_section(app),
        Confirm::ReplaceUnfinished {
            blueprint,
            questions,
            tutor,
        } => {
            let mut fx = vec![];
            if let Screen::Home(h) = &mut app.screen
                && let Some(mut old) = h.resume.take()
            {
                old.end = Some(EndReason::Submitted);
                old.ended_at = Some(app.now);
                fx.push(app.record(*old));
            }
            fx.extend(home::start(app, &blueprint, questions, None, tutor, None));
            fx
        }
    }
}

/// Leaving saves the exam; started from the command line the app ends, otherwise the home screen
/// comes back with the exam waiting to be resumed.
fn leave_exam(app: &mut App) -> Vec<Effect> {
    app.book = None;
    let Screen::Exam(ex) = &app.screen else {
        return vec![];
    };
    if ex.origin == Origin::Preview {
        app.screen = Screen::Home(Default::default());
        return vec![];
    }
    if ex.origin == Origin::Command {
        app.quit = true;
        return vec![Effect::SaveProgress, Effect::Quit];
    }
    let screen = std::mem::replace(&mut app.screen, Screen::Home(Default::default()));
    if let (Screen::Exam(ex), Screen::Home(h)) = (screen, &mut app.screen) {
        h.resume = Some(Box::new(ex.attempt));
        h.cursor = app
            .catalog
            .blueprints
            .iter()
            .position(|b| h.resume.as_ref().is_some_and(|a| a.form.blueprint == b.id))
            .unwrap_or(0);
    }
    app.notice = Some("Saved. Press r to resume where you left off.".into());
    vec![Effect::SaveProgress]
}
