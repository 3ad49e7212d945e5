//! The ICD-10-PCS table browser in the code book panel, the way the book is used: choose the
//! section, the body system and the root operation, and the table opens with its four axes (body
//! part, approach, device, qualifier); one value is chosen per axis, in any order, and only
//! values some row holds together with the other choices are offered, so whatever is built is a
//! valid code. A built code can be added to the answer of a code-entry question.
//!
//! Keys: ↑/↓ move · Enter choose (then the next axis left open) · ←/→ another axis · Backspace
//! clears the axis (or steps back) · Esc up one level (back to the search from the sections) ·
//! Tab back to the search · `a` adds the built code to the answer.

use super::super::app::{App, Effect, Screen, TableBrowser};
use crate::codeset::{Choices, Options, System, book, pcs::PcsSet};
use crossterm::event::{KeyCode, KeyEvent};

/// The tables of the release being browsed.
pub fn tables(release: &str) -> Option<&'static PcsSet> {
    book().release(System::Pcs, release).and_then(|s| s.pcs())
}

/// The values offered at the browser's step (the axis being chosen, once in a table).
pub fn options(tb: &TableBrowser) -> Options {
    tables(&tb.release)
        .map(|p| p.options(&tb.choices, tb.axis))
        .unwrap_or_default()
}

/// The code year of the exam under the book: its current question's bank's `code_year`.
fn exam_year(app: &App) -> Option<u16> {
    let Screen::Exam(ex) = &app.screen else {
        return None;
    };
    let a = &ex.attempt;
    let item = a.form.items.get(a.current)?;
    app.catalog.code_year_of(&item.question)
}

/// The release the browser opens at the top: the tables of the exam's code year, so a candidate
/// builds codes from the book the exam is set in; the newest installed when that year is not,
/// with a note saying so (or when no exam is under the book). None: no tables at all.
fn release_to_open(app: &mut App) -> Option<String> {
    let newest = book().newest(System::Pcs)?.release().to_string();
    let Some(year) = exam_year(app) else {
        return Some(newest);
    };
    if let Some(s) = book().for_year(System::Pcs, year) {
        return Some(s.release().to_string());
    }
    app.notice = Some(format!(
        "ICD-10-PCS FY{year} (this exam's code year) is not installed: showing the FY{newest} tables."
    ));
    Some(newest)
}

/// Opens the browser at the top (the exam's code year, see [`release_to_open`]), or at a
/// partial code of a release ("0DT" its table, "0DTJ" with the body part chosen). Says so when
/// no ICD-10-PCS tables are installed.
pub fn open(app: &mut App, at: Option<(&str, &str)>) -> Vec<Effect> {
    let release = match at {
        Some((r, _)) => r.to_string(),
        None => match release_to_open(app) {
            Some(r) => r,
            None => {
                app.notice = Some(
                    "No ICD-10-PCS tables are installed: `proctor codes import \
                     icd10pcs_tables_YYYY.xml` installs CMS's file."
                        .into(),
                );
                return vec![];
            }
        },
    };
    let Some(state) = app.book.as_mut() else {
        return vec![];
    };
    let mut choices = at.map(|(_, c)| Choices::from_code(c)).unwrap_or_default();
    // A partial code that no row completes (typed elsewhere) opens at its table, unchosen.
    if tables(&release).is_none_or(|p| !p.can_complete(&choices)) {
        choices.axes = [None; 4];
        if tables(&release).is_none_or(|p| !p.can_complete(&choices)) {
            choices = Choices::default();
        }
    }
    let mut tb = TableBrowser {
        release,
        choices,
        axis: 0,
        cursor: 0,
    };
    tb.axis = next_open_axis(&tb, 0).unwrap_or(0);
    tb.cursor = cursor_on_choice(&tb);
    state.tables = Some(tb);
    vec![]
}

/// The first axis from `from` on (wrapping) with no value chosen.
fn next_open_axis(tb: &TableBrowser, from: usize) -> Option<usize> {
    (0..4)
        .map(|i| (from + i) % 4)
        .find(|&i| tb.choices.axes[i].is_none())
}

/// The cursor on the value chosen on the current axis, or on the first value.
fn cursor_on_choice(tb: &TableBrowser) -> usize {
    let Some(chosen) = tb.choices.axes[tb.axis].filter(|_| tb.choices.head.len() == 3) else {
        return 0;
    };
    options(tb)
        .values
        .iter()
        .position(|v| v.code == chosen)
        .unwrap_or(0)
}

/// Up one level: from a table to its root operations, and so on up to the sections. The cursor
/// lands on the value left.
fn up(tb: &mut TableBrowser) {
    let left = tb.choices.head.pop();
    tb.choices.axes = [None; 4];
    tb.axis = 0;
    tb.cursor = left
        .and_then(|c| options(tb).values.iter().position(|v| v.code == c))
        .unwrap_or(0);
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(state) = app.book.as_mut() else {
        return vec![];
    };
    let Some(tb) = state.tables.as_mut() else {
        return vec![];
    };
    let offered = options(tb).values;
    let in_table = tb.choices.head.len() == 3;
    let last = offered.len().saturating_sub(1);
    match k.code {
        KeyCode::Up => tb.cursor = tb.cursor.saturating_sub(1),
        KeyCode::Down => tb.cursor = (tb.cursor + 1).min(last),
        KeyCode::PageUp => tb.cursor = tb.cursor.saturating_sub(10),
        KeyCode::PageDown => tb.cursor = (tb.cursor + 10).min(last),
        KeyCode::Enter => {
            if let Some(v) = offered.get(tb.cursor) {
                if in_table {
                    tb.choices.axes[tb.axis] = Some(v.code);
                    tb.axis = next_open_axis(tb, tb.axis).unwrap_or(tb.axis);
                } else {
                    tb.choices.head.push(v.code);
                    tb.axis = 0;
                }
                tb.cursor = cursor_on_choice(tb);
            }
        }
        KeyCode::Left | KeyCode::Right if in_table => {
            tb.axis = if k.code == KeyCode::Left {
                (tb.axis + 3) % 4
            } else {
                (tb.axis + 1) % 4
            };
            tb.cursor = cursor_on_choice(tb);
        }
        KeyCode::Backspace | KeyCode::Delete => {
            if in_table && tb.choices.axes[tb.axis].is_some() {
                tb.choices.axes[tb.axis] = None;
                tb.cursor = 0;
            } else {
                up(tb);
            }
        }
        KeyCode::Esc if tb.choices.head.is_empty() => state.tables = None,
        KeyCode::Esc => up(tb),
        KeyCode::Tab => state.tables = None,
        KeyCode::Char('a' | 'A') => {
            if let Some(code) = tb.choices.complete() {
                return add_to_answer(app, &code);
            }
            app.notice = Some("Choose a value on every axis first.".into());
        }
        _ => {}
    }
    vec![]
}

/// Whether the screen under the book is a code-entry question still taking codes.
pub fn answer_open(app: &App) -> bool {
    let Screen::Exam(ex) = &app.screen else {
        return false;
    };
    let a = &ex.attempt;
    let item = &a.form.items[a.current];
    !a.is_finished()
        && !a.responses[a.current].checked
        && app
            .catalog
            .question(&item.question)
            .is_some_and(|q| q.is_code_entry())
}

/// Adds the built code to the current code-entry answer, autosaved like a typed one.
fn add_to_answer(app: &mut App, code: &str) -> Vec<Effect> {
    if !answer_open(app) {
        app.notice = Some(format!(
            "{code}: only an open code-entry question takes codes from the book."
        ));
        return vec![];
    }
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    if !ex.attempt.add_code(code) {
        app.notice = Some("The answer takes no more codes.".into());
        return vec![];
    }
    app.notice = Some(format!("{code} added to your answer."));
    super::exam::save(app)
}
