//! The code book panel: open with `b` in an open-book exam, type a code or words, open a code's
//! page, Esc back. The exam's timer keeps running, as in the real exam.

use super::super::app::{App, BookState, Effect, Screen};
use crate::codeset::icd10cm;
use crossterm::event::{KeyCode, KeyEvent};

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
    if let Err(e) = icd10cm() {
        app.notice = Some(format!("The code book is unavailable: {e}"));
        return vec![];
    }
    app.book = Some(BookState::default());
    vec![]
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(book) = app.book.as_mut() else {
        return vec![];
    };
    let Ok(set) = icd10cm() else {
        app.book = None;
        return vec![];
    };
    let mut requery = false;
    match k.code {
        KeyCode::Esc if book.page.is_some() => {
            book.page = None;
            book.scroll = 0;
        }
        KeyCode::Esc => app.book = None,
        KeyCode::Enter => {
            if let Some(code) = book.hits.get(book.cursor) {
                book.page = Some(code.clone());
                book.scroll = 0;
            }
        }
        KeyCode::Up => book.cursor = book.cursor.saturating_sub(1),
        KeyCode::Down => book.cursor = (book.cursor + 1).min(book.hits.len().saturating_sub(1)),
        KeyCode::PageDown => book.scroll = book.scroll.saturating_add(5),
        KeyCode::PageUp => book.scroll = book.scroll.saturating_sub(5),
        KeyCode::Backspace => {
            book.query.pop();
            requery = true;
        }
        KeyCode::Char(c) if book.query.chars().count() < 60 && !c.is_control() => {
            book.query.push(c);
            requery = true;
        }
        _ => {}
    }
    if requery && let Some(book) = app.book.as_mut() {
        book.hits = set
            .search(&book.query, BOOK_HITS)
            .iter()
            .map(|h| h.code.code().to_string())
            .collect();
        book.cursor = 0;
        book.page = None;
        book.scroll = 0;
    }
    vec![]
}
