//! The one place state changes: `update(app, msg)` returns what the runtime must do (save, record,
//! quit). Pure apart from the state it is given, so every key sequence replays in a test.

pub mod book;
pub mod drill;
pub mod entry;
pub mod exam;
pub mod history;
mod home;
mod overlay;
pub mod preview;
pub mod results;
pub mod stats;
pub mod tables;

/// Opens an exam directly (for `proctor exam ID`): the same path the home screen takes.
pub use home::start as start_exam;

use super::app::{App, Effect, Msg, Overlay, Screen};
use super::keys::is_ctrl_c;
use crossterm::event::{KeyEventKind, MouseButton, MouseEventKind};
use std::time::Duration;

/// The timer state is autosaved at least this often while an exam runs.
pub const SAVE_EVERY: Duration = Duration::from_secs(5);

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            // A panel that grew may now hold less than its scroll: clamp, so clicks map right.
            if matches!(app.screen, Screen::Exam(_)) {
                exam::scroll_body(app, 0);
                exam::scroll_case(app, 0);
            }
            vec![]
        }
        Msg::Tick(dt, now) => {
            app.now = now;
            book::tick(app);
            exam::tick(app, dt)
        }
        Msg::Reloaded(p) => preview::reloaded(app, *p),
        Msg::Key(k) if k.kind != KeyEventKind::Press => vec![],
        Msg::Key(k) if is_ctrl_c(&k) => {
            app.quit = true;
            let mut fx = vec![];
            if matches!(app.screen, Screen::Exam(_)) {
                fx.push(Effect::SaveProgress);
            }
            fx.push(Effect::Quit);
            fx
        }
        Msg::Key(k) => {
            if app.overlay.is_some() {
                return overlay::key(app, k);
            }
            app.notice = None;
            if app.book.is_some() {
                return book::key(app, k);
            }
            if let Some(fx) = preview::key(app, k) {
                return fx;
            }
            match &app.screen {
                Screen::Home(_) if app.preview.is_some() => preview::page_key(app, k),
                Screen::Home(_) => home::key(app, k),
                Screen::Exam(_) => exam::key(app, k),
                Screen::Results(_) => results::key(app, k),
                Screen::Stats(_) => stats::key(app, k),
                Screen::History(_) => history::key(app, k),
            }
        }
        Msg::Mouse(m) => {
            // A click under a dialog, the code book or the preview's findings must not reach the
            // question behind it.
            let findings = app.preview.as_ref().is_some_and(|p| p.show_findings);
            if app.overlay.is_some() || app.book.is_some() || findings {
                return vec![];
            }
            match (m.kind, &app.screen) {
                (MouseEventKind::Down(MouseButton::Left), Screen::Exam(_)) => {
                    exam::click(app, m.column, m.row)
                }
                (MouseEventKind::ScrollDown, Screen::Exam(_)) => {
                    exam::wheel(app, m.column, m.row, 3)
                }
                (MouseEventKind::ScrollUp, Screen::Exam(_)) => {
                    exam::wheel(app, m.column, m.row, -3)
                }
                _ => vec![],
            }
        }
    }
}

pub(crate) fn open_help(app: &mut App) -> Vec<Effect> {
    app.overlay = Some(Overlay::Help { scroll: 0 });
    vec![]
}
