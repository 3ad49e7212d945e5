//! Keys while a dialog is open: help, go-to, confirmations.

use super::super::app::{App, Confirm, Effect, Overlay, Screen};
use super::{exam, home};
use crate::exam::EndReason;
use crossterm::event::{KeyCode, KeyEvent};

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(overlay) = app.overlay.take() else {
        return vec![];
    };
    match overlay {
        Overlay::Help => {
            // Any key closes help.
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
        Overlay::Confirm(c) => {
            let yes = matches!(
                k.code,
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter
            ) || (c == Confirm::QuitExam && k.code == KeyCode::Char('q'));
            let no = matches!(
                k.code,
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
            );
            if yes {
                confirmed(app, c)
            } else {
                if !no {
                    app.overlay = Some(Overlay::Confirm(c));
                }
                vec![]
            }
        }
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
        Confirm::QuitExam => {
            app.quit = true;
            vec![Effect::SaveProgress, Effect::Quit]
        }
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
                fx.push(Effect::Record(old));
            }
            fx.extend(home::start(app, &blueprint, questions, None, tutor, None));
            fx
        }
    }
}
