//! `proctor preview FILE`: the file's page, the findings panel over its questions, and a new
//! reading of the file (`--watch`) carried into the session on screen.

use super::super::app::{App, Effect, ExamState, Origin, PreviewState, Screen};
use crate::authoring::preview::{Preview, carry_over, practice_form};
use crate::exam::Attempt;
use crossterm::event::{KeyCode, KeyEvent};

/// The first reading: the questions at once if they can be sat, else the file's page saying why.
pub fn open(app: &mut App, p: Preview, watching: bool) -> Vec<Effect> {
    app.preview = Some(PreviewState {
        watching,
        ..Default::default()
    });
    let usable = take_reading(app, p);
    app.screen = Screen::Home(Default::default());
    if usable { sit(app) } else { vec![] }
}

/// A new reading of the file. One that can be sat replaces the questions, keeping the place and
/// the answers to questions still the same to answer; one that cannot keeps the last version that
/// could on screen and opens the findings, which say what to fix.
pub fn reloaded(app: &mut App, p: Preview) -> Vec<Effect> {
    let Some(state) = app.preview.as_mut() else {
        return vec![];
    };
    state.reloads += 1;
    let name = state.name();
    let old = std::mem::take(&mut app.catalog);
    let usable = take_reading(app, p);
    let Some(state) = app.preview.as_ref() else {
        return vec![];
    };
    let counts = format!(
        "{} error(s), {} warning(s)",
        state.errors(),
        state.warnings()
    );
    if !usable {
        app.catalog = old;
        app.notice = Some(format!(
            "{name} changed and cannot be sat ({}); still showing the last version that could. {counts}.",
            state.broken.as_deref().unwrap_or("")
        ));
        return vec![];
    }
    app.notice = Some(format!(
        "Reloaded {name}: {} question(s), {counts}.",
        state.questions.len()
    ));
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let Some(form) = form(app.preview.as_ref(), &app.catalog) else {
        return vec![];
    };
    let attempt = carry_over(&ex.attempt, &old, form, &app.catalog, app.now);
    let mut next = ExamState::new(attempt);
    next.origin = Origin::Preview;
    **ex = next;
    vec![Effect::SaveProgress]
}

/// Moves a reading into the app; true if it can be sat.
fn take_reading(app: &mut App, p: Preview) -> bool {
    let Some(state) = app.preview.as_mut() else {
        return false;
    };
    let broken = p.unusable();
    state.path = p.path.clone();
    state.findings = p.findings;
    state.scroll = 0;
    // Errors are what the author must see; warnings wait for `v`.
    if state.errors() > 0 {
        state.show_findings = true;
    }
    state.broken = broken.clone();
    if broken.is_some() {
        return false;
    }
    state.questions = p.questions;
    state.blueprint = p.blueprint;
    app.catalog = p.catalog;
    true
}

fn form(state: Option<&PreviewState>, catalog: &crate::bank::Catalog) -> Option<crate::exam::Form> {
    let s = state?;
    practice_form(catalog, s.blueprint.as_deref()?, &s.questions)
}

/// Starts the questions afresh, from the last reading that could be sat.
fn sit(app: &mut App) -> Vec<Effect> {
    let Some(form) = form(app.preview.as_ref(), &app.catalog) else {
        app.notice =
            Some("Nothing to sit yet: fix what the findings say and save the file.".into());
        return vec![];
    };
    let mut ex = ExamState::new(Attempt::new(form, app.now));
    ex.origin = Origin::Preview;
    app.screen = Screen::Exam(Box::new(ex));
    vec![Effect::SaveProgress]
}

/// `v` opens and closes the findings anywhere in a preview, except while codes are being typed
/// (where it is a letter of a code) or an option is being struck.
pub fn key(app: &mut App, k: KeyEvent) -> Option<Vec<Effect>> {
    if k.code != KeyCode::Char('v') {
        return None;
    }
    if let Screen::Exam(ex) = &app.screen
        && (ex.entry_focused || ex.strike_pending)
    {
        return None;
    }
    let state = app.preview.as_mut()?;
    state.show_findings = !state.show_findings;
    Some(vec![])
}

/// The file's page: Enter sits the questions, ↑/↓ scroll the findings, q leaves.
pub fn page_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(state) = app.preview.as_mut() else {
        return vec![];
    };
    match k.code {
        KeyCode::Enter => return sit(app),
        KeyCode::Char('?') => return super::open_help(app),
        KeyCode::Char('q') | KeyCode::Esc => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        KeyCode::Down | KeyCode::Char('j') => {
            state.scroll = (state.scroll + 1).min(state.findings.len().saturating_sub(1))
        }
        KeyCode::Up | KeyCode::Char('k') => state.scroll = state.scroll.saturating_sub(1),
        KeyCode::PageDown => {
            state.scroll = (state.scroll + 10).min(state.findings.len().saturating_sub(1))
        }
        KeyCode::PageUp => state.scroll = state.scroll.saturating_sub(10),
        _ => {}
    }
    vec![]
}
