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
    let Some(name) = app.preview.as_ref().map(PreviewState::name) else {
        return vec![];
    };
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
    // Results score the questions as they were: a new version of them goes to the file's page,
    // where Enter sits it, rather than half-rescoring a finished session.
    if matches!(app.screen, Screen::Results(_)) {
        app.book = None;
        app.screen = Screen::Home(Default::default());
        return vec![];
    }
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let Some(form) = form(app.preview.as_ref(), &app.catalog) else {
        return vec![];
    };
    let attempt = carry_over(&ex.attempt, &old, form, &app.catalog, app.now);
    let mut next = ExamState::new(attempt);
    next.origin = Origin::Preview;
    keep_view(ex, &mut next);
    **ex = next;
    vec![Effect::SaveProgress]
}

/// The screen as it was when the same question is still on it: a code field being typed in stays
/// focused, the highlighted option, the scrolls and an open review grid stay.
fn keep_view(old: &ExamState, next: &mut ExamState) {
    let id = |e: &ExamState| {
        e.attempt
            .form
            .items
            .get(e.attempt.current)
            .map(|x| x.question.clone())
    };
    if id(old) != id(next) {
        return;
    }
    let options = next.attempt.form.items[next.attempt.current].order.len();
    next.cursor = old.cursor.min(options.saturating_sub(1));
    next.entry_focused = old.entry_focused;
    next.strike_pending = old.strike_pending;
    next.body_scroll = old.body_scroll;
    next.case_scroll = old.case_scroll;
    next.review = old.review.clone().map(|mut r| {
        r.cursor = r
            .cursor
            .min(next.attempt.form.items.len().saturating_sub(1));
        r
    });
}

/// Moves a reading into the app; true if it can be sat.
fn take_reading(app: &mut App, p: Preview) -> bool {
    let Some(state) = app.preview.as_mut() else {
        return false;
    };
    let broken = p.unusable();
    let had_problems = state.errors() > 0 || state.broken.is_some();
    state.path = p.path.clone();
    state.findings = p.findings;
    state.scroll = 0;
    // Errors, and a file that cannot be sat, are what the author must see: the panel opens; it
    // closes again when they are fixed. Warnings alone wait for `v`.
    if state.errors() > 0 || broken.is_some() {
        state.show_findings = true;
    } else if had_problems {
        state.show_findings = false;
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
