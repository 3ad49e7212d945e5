//! The code book panel: open with `b` in an open-book exam or a results review, type a code or
//! words (every installed code system), open a page, Esc back. Ctrl-U clears the search; the
//! search is kept when the panel closes. The exam's timer keeps running, as in the real exam.
//! Tab opens the ICD-10-PCS table browser (update/tables.rs), and so does Enter on a PCS table.

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
    if app.book_in_background {
        crate::codeset::prepare_in_background();
    }
    let mut state = BookState {
        query: app.book_query.clone(),
        ..BookState::default()
    };
    requery(&mut state, app.book_in_background);
    app.book = Some(state);
    vec![]
}

/// Searches again for the query. In the background mode the word lists still being built are
/// left out (never waited for) and the state says so.
fn requery(book_state: &mut BookState, background: bool) {
    (book_state.hits, book_state.partial) = if background {
        match crate::codeset::loaded_book() {
            Some(b) => {
                let (hits, complete) = b.search_now(&book_state.query, None, BOOK_HITS);
                (hits, !complete)
            }
            None => (Vec::new(), true),
        }
    } else {
        (book().search(&book_state.query, None, BOOK_HITS), false)
    };
    book_state.cursor = 0;
    book_state.page = None;
    book_state.scroll = 0;
}

/// On each tick: once the word lists are built, a search made without them is made again (the
/// cursor stays where it was when it still points at a hit).
pub fn tick(app: &mut App) {
    let Some(state) = app.book.as_mut() else {
        return;
    };
    // Again once every list is ready, and while nothing was found (the book itself may have
    // been loading: the tabular list and codes answer as soon as it is loaded).
    let Some(b) = crate::codeset::loaded_book() else {
        return;
    };
    if !state.partial || state.page.is_some() || !(state.hits.is_empty() || b.ready()) {
        return;
    }
    let cursor = state.cursor;
    requery(state, app.book_in_background);
    state.cursor = cursor.min(state.hits.len().saturating_sub(1));
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if app.book.as_ref().is_some_and(|s| s.tables.is_some()) {
        return super::tables::key(app, k);
    }
    let background = app.book_in_background;
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
                    // A table or partial code opens the table browser there.
                    let (release, code) = (h.release.clone(), h.code.clone());
                    return super::tables::open(app, Some((&release, &code)));
                } else {
                    state.page = Some((h.system, h.code.clone()));
                    state.scroll = 0;
                }
            }
        }
        KeyCode::Tab => return super::tables::open(app, None),
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
        requery(state, background);
    }
    app.book_query = state.query.clone();
    vec![]
}
