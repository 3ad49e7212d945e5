//! The code book panel: open with `b` in an open-book exam or a results review, type a code or
//! words (every installed code system), open a page, Esc back. Ctrl-U clears the search; the
//! search is kept when the panel closes. The exam's timer keeps running, as in the real exam.

use super::super::app::{App, BookState, Effect, Screen};
use crate::codeset::book;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Matches listed while typing.
pub const BOOK_HITS: usize = 40;

/// Opens the book over an exam, drill or results review of an open-book blueprint.
pub fn open(app: &mut App) -> Vec<Effect> {
    let blueprint = match &app.screen {
        Screen::Exam(ex) => &ex.attempt.form.blueprint,
        Screen::Results(r) => &r.attempt.form.blueprint,
        _ => return vec![],
    };
    let open_book = app
        .catalog
        .blueprint(blueprint)
        .is_some_and(|b| !b.open_book.is_empty());
    if !open_book {
        app.notice = Some("This exam is closed book: no code book, as on the real exam.".into());
        return vec![];
    }
    if let Err(e) = crate::codeset::icd10cm() {
        app.notice = Some(format!("The code book is unavailable: {e}"));
        return vec![];
    }
    let mut state = BookState {
        query: app.book_query.clone(),
        ..BookState::default()
    };
    requery(&mut state);
    app.book = Some(state);
    vec![]
}

fn requery(book_state: &mut BookState) {
    book_state.hits = book().search(&book_state.query, None, BOOK_HITS);
    book_state.cursor = 0;
    book_state.page = None;
    book_state.scroll = 0;
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(state) = app.book.as_mut() else {
        return vec![];
    };
    let mut changed = false;
    match k.code {
        KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
            state.query.clear();
            changed = true;
        }
        KeyCode::Esc if state.page.is_some() => {
            state.page = None;
            state.scroll = 0;
        }
        KeyCode::Esc => {
            app.book_query = state.query.clone();
            app.book = None;
            return vec![];
        }
        KeyCode::Enter => {
            if let Some(h) = state.hits.get(state.cursor) {
                if h.code.is_empty() {
                    // An index entry that only says "see ...": follow it.
                    if let Some(target) = h.title.split("see ").nth(1) {
                        state.query = target.split(';').next().unwrap_or_default().to_string();
                        changed = true;
                    }
                } else if h.system == crate::codeset::System::Pcs && h.code.len() < 7 {
                    // The PCS table browser: Enter takes the value and offers the next axis.
                    state.query = h.code.clone();
                    changed = true;
                } else {
                    state.page = Some((h.system, h.code.clone()));
                    state.scroll = 0;
                }
            }
        }
        KeyCode::Up => state.cursor = state.cursor.saturating_sub(1),
        KeyCode::Down => state.cursor = (state.cursor + 1).min(state.hits.len().saturating_sub(1)),
        KeyCode::PageDown => state.scroll = state.scroll.saturating_add(5),
        KeyCode::PageUp => state.scroll = state.scroll.saturating_sub(5),
        KeyCode::Backspace => {
            state.query.pop();
            changed = true;
        }
        KeyCode::Char(c)
            if state.query.chars().count() < 60
                && !c.is_control()
                && !k.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            state.query.push(c);
            changed = true;
        }
        _ => {}
    }
    if changed {
        requery(state);
    }
    app.book_query = state.query.clone();
    vec![]
}
