//! The exam screen and its review grid: answering, moving, flagging, striking, time.

use super::super::app::{
    App, Confirm, Effect, ExamState, Overlay, ResultsState, ReviewFilter, ReviewState, Screen,
};
use super::super::keys::{option_key, strike_key};
use super::super::layout::{
    BODY_TOP_PAD, BodyInput, body_lines, body_text_width, case_lines, exam_areas, max_scroll,
    option_at, panel_rows, question_panel, status_rows, too_small,
};
use super::{SAVE_EVERY, open_help};
use crate::exam::attempt::TimeEvent;
use crate::exam::{Attempt, EndReason, score};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::time::Duration;

/// Minutes left at which the candidate is warned, as the real exam does.
pub const WARN_AT_MINUTES: [u64; 2] = [30, 5];

pub fn tick(app: &mut App, dt: Duration) -> Vec<Effect> {
    let now = app.now;
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let section_before = ex.attempt.section;
    let event = ex.attempt.advance(dt, now);
    app.since_save += dt;
    match event {
        TimeEvent::TimeUp => {
            app.notice = Some("Time is up: your exam was submitted.".into());
            return finish(app);
        }
        TimeEvent::SectionClosed => {
            ex.cursor = 0;
            ex.review = None;
            let name = ex.attempt.form.sections[ex.attempt.section].name.clone();
            app.notice = Some(format!(
                "Time is up for {}: it is closed, and {name} has started.",
                ex.attempt.form.sections[section_before].name
            ));
            app.since_save = Duration::ZERO;
            return vec![Effect::SaveProgress];
        }
        TimeEvent::None => {}
    }
    if let Some(left) = ex.attempt.remaining() {
        let mins = (left / 60.0).ceil() as u64;
        let s = ex.attempt.section;
        let limit = ex.attempt.form.sections[s].seconds.unwrap_or(0);
        for w in WARN_AT_MINUTES {
            // Only a warning when the limit was longer than the threshold to begin with.
            if limit > w * 60 && mins <= w && ex.warned[s] > w {
                ex.warned[s] = w;
                app.notice = Some(format!("{w} minutes left."));
            }
        }
    }
    if app.since_save >= SAVE_EVERY {
        app.since_save = Duration::ZERO;
        return vec![Effect::SaveProgress];
    }
    vec![]
}

fn multi(app: &App, ex: &ExamState) -> bool {
    let id = &ex.attempt.form.items[ex.attempt.current].question;
    app.catalog.question(id).is_some_and(|q| q.is_multi())
}

fn option_count(ex: &ExamState) -> usize {
    ex.attempt.form.items[ex.attempt.current].order.len()
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Screen::Exam(ex) = &app.screen else {
        return vec![];
    };
    if ex.review.is_some() {
        return review_key(app, k);
    }
    let is_multi = multi(app, ex);
    let code_entry = {
        let id = &ex.attempt.form.items[ex.attempt.current].question;
        app.catalog.question(id).is_some_and(|q| q.is_code_entry())
    };
    if code_entry && let Some(fx) = super::entry::key(app, k) {
        return fx;
    }
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let n_opts = option_count(ex);
    if ex.strike_pending {
        ex.strike_pending = false;
        if let Some(pos) = strike_key(k.code).filter(|p| *p < n_opts) {
            ex.attempt.toggle_strike(pos);
            return vec![Effect::SaveProgress];
        }
        app.notice = Some("Strike-out cancelled.".into());
        return vec![];
    }
    let changed = match k.code {
        KeyCode::Char('?') => return open_help(app),
        KeyCode::Char('q') => {
            app.overlay = Some(Overlay::Confirm(Confirm::QuitExam));
            return vec![];
        }
        // Esc is pressed by reflex to close things; on the question it never offers to leave.
        KeyCode::Esc => {
            app.notice = Some("q leaves the exam (it is saved); ? lists every key.".into());
            return vec![];
        }
        KeyCode::Char('s') => {
            app.overlay = Some(Overlay::Confirm(submit_confirm(&ex.attempt)));
            return vec![];
        }
        KeyCode::Char('r') => {
            let filter = ReviewFilter::All;
            let cursor = review_items(&ex.attempt, filter)
                .iter()
                .position(|i| *i == ex.attempt.current)
                .unwrap_or(0);
            ex.review = Some(ReviewState { filter, cursor });
            return vec![];
        }
        KeyCode::Char('b') => return super::book::open(app),
        KeyCode::Char('g') => {
            app.overlay = Some(Overlay::Goto(String::new()));
            return vec![];
        }
        KeyCode::Char('x') => {
            ex.strike_pending = true;
            app.notice = Some("Strike out which option? (a letter; Esc cancels)".into());
            return vec![];
        }
        KeyCode::Char('f') => ex.attempt.toggle_flag(),
        KeyCode::Up | KeyCode::Char('k') => {
            ex.cursor = ex.cursor.saturating_sub(1);
            follow_cursor(app);
            return vec![];
        }
        KeyCode::Down | KeyCode::Char('j') => {
            ex.cursor = (ex.cursor + 1).min(n_opts.saturating_sub(1));
            follow_cursor(app);
            return vec![];
        }
        KeyCode::Enter if ex.attempt.form.tutor => return practice_enter(app),
        KeyCode::Enter | KeyCode::Char(' ') => ex.attempt.choose(ex.cursor, is_multi),
        KeyCode::Backspace | KeyCode::Delete => ex.attempt.clear(),
        KeyCode::Right | KeyCode::Char('n') => moved(ex, |a| a.go_next()),
        KeyCode::Left | KeyCode::Char('p') => moved(ex, |a| a.go_prev()),
        KeyCode::PageDown => return scroll_body(app, 1),
        KeyCode::PageUp => return scroll_body(app, -1),
        KeyCode::Char(']') => return scroll_case(app, 3),
        KeyCode::Char('[') => return scroll_case(app, -3),
        code => match option_key(code).filter(|p| *p < n_opts) {
            Some(pos) => {
                ex.cursor = pos;
                let changed = ex.attempt.choose(pos, is_multi);
                follow_cursor(app);
                changed
            }
            None => {
                if code_entry
                    && !ex.attempt.responses[ex.attempt.current].checked
                    && matches!(code, KeyCode::Char(c) if c.is_ascii_alphanumeric())
                {
                    app.notice = Some("Press Enter to type codes into the field.".into());
                } else if matches!(code, KeyCode::Char('a' | 'c' | 'd' | 'e')) {
                    app.notice = Some("Choose with capital A-F (Shift) or 1-6; lowercase letters are commands (? lists them).".into());
                }
                false
            }
        },
    };
    if changed { save(app) } else { vec![] }
}

/// Practice: Enter checks a chosen answer, moves on from a checked one, and otherwise only says
/// how to choose (it never picks the highlighted option by itself).
fn practice_enter(app: &mut App) -> Vec<Effect> {
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let r = &ex.attempt.responses[ex.attempt.current];
    if r.checked {
        if moved(ex, |a| a.go_next()) {
            return save(app);
        }
        app.notice = Some("That was the last question: s finishes and shows the summary.".into());
        return vec![];
    }
    if !r.answered() {
        app.notice = Some(
            "Choose first: A-F or 1-6 (or ↑/↓ then Space); then Enter checks your answer.".into(),
        );
        return vec![];
    }
    if ex.attempt.check() {
        super::drill::requeue_if_missed(app);
        return save(app);
    }
    vec![]
}

fn moved(ex: &mut ExamState, f: impl FnOnce(&mut Attempt) -> bool) -> bool {
    // Leaving a question ends the code being typed and leaves its entry field.
    if ex.entry_focused {
        ex.attempt.end_code();
        ex.entry_focused = false;
    }
    let did = f(&mut ex.attempt);
    if did {
        ex.cursor = 0;
        ex.case_scroll = 0;
        ex.body_scroll = 0;
    }
    did
}

pub(super) fn save(app: &mut App) -> Vec<Effect> {
    app.since_save = Duration::ZERO;
    vec![Effect::SaveProgress]
}

/// What the exam screen's panels hold and show at the current size: the same lines the view draws.
struct Panels {
    /// (lines, rows shown) of the case panel.
    case: Option<(usize, usize)>,
    /// (lines, rows shown) of the question panel.
    body: (usize, usize),
    /// Rows of each option in the question panel.
    option_rows: Vec<(usize, usize)>,
}

fn panels(app: &App) -> Option<Panels> {
    let ex = app.exam()?;
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let item = &ex.attempt.form.items[ex.attempt.current];
    let q = app.catalog.question(&item.question)?;
    let case = app.catalog.case_of(&item.question);
    let areas = exam_areas(area, case, status_rows(app.notice.as_deref(), area.width));
    let response = &ex.attempt.responses[ex.attempt.current];
    let input = BodyInput {
        number: ex.attempt.current + 1,
        question: q,
        item,
        response,
        cursor: Some(ex.cursor),
        reveal: response.checked,
    };
    let body = question_panel(&input, body_text_width(areas.body), &app.theme);
    Some(Panels {
        case: case
            .zip(areas.case)
            .map(|(c, r)| (case_lines(c, r, &app.theme).len(), panel_rows(r))),
        body: (body.lines.len(), panel_rows(areas.body)),
        option_rows: body.option_rows,
    })
}

fn clamp(scroll: u16, by: i32, (total, visible): (usize, usize)) -> u16 {
    let max = max_scroll(total, visible).min(usize::from(u16::MAX)) as i32;
    (i32::from(scroll) + by).clamp(0, max) as u16
}

/// A page of a panel: what it shows less one line, so the reader keeps their place.
fn page((_, visible): (usize, usize)) -> i32 {
    visible.saturating_sub(1).max(1) as i32
}

/// Scrolls the question panel by `pages` pages (negative: up).
pub fn scroll_body(app: &mut App, pages: i32) -> Vec<Effect> {
    let Some(p) = panels(app) else { return vec![] };
    if let Screen::Exam(ex) = &mut app.screen {
        ex.body_scroll = clamp(ex.body_scroll, pages * page(p.body), p.body);
    }
    vec![]
}

/// Scrolls the case panel by `lines` (negative: up).
pub fn scroll_case(app: &mut App, lines: i32) -> Vec<Effect> {
    let Some(case) = panels(app).and_then(|p| p.case) else {
        return vec![];
    };
    if let Screen::Exam(ex) = &mut app.screen {
        ex.case_scroll = clamp(ex.case_scroll, lines, case);
    }
    vec![]
}

/// The mouse wheel scrolls the panel under the pointer.
pub fn wheel(app: &mut App, col: u16, row: u16, by: i32) -> Vec<Effect> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let in_case = app.exam().is_some_and(|ex| {
        let id = &ex.attempt.form.items[ex.attempt.current].question;
        exam_areas(
            area,
            app.catalog.case_of(id),
            status_rows(app.notice.as_deref(), area.width),
        )
        .case
        .is_some_and(|r| r.contains(ratatui::layout::Position::new(col, row)))
    });
    if in_case {
        return scroll_case(app, by);
    }
    let Some(p) = panels(app) else { return vec![] };
    if let Screen::Exam(ex) = &mut app.screen {
        ex.body_scroll = clamp(ex.body_scroll, by, p.body);
    }
    vec![]
}

/// After the highlight moves, the question panel scrolls so the highlighted option is in view.
fn follow_cursor(app: &mut App) {
    let Some(p) = panels(app) else { return };
    let Screen::Exam(ex) = &mut app.screen else {
        return;
    };
    let Some(&(start, end)) = p.option_rows.get(ex.cursor) else {
        return;
    };
    let visible = p.body.1.saturating_sub(BODY_TOP_PAD).max(1);
    let (start, end) = (start + BODY_TOP_PAD, end + BODY_TOP_PAD);
    let top = usize::from(ex.body_scroll);
    let top = if start < top {
        start
    } else if end > top + visible {
        (end - visible).min(start)
    } else {
        top
    };
    ex.body_scroll = clamp(top.min(usize::from(u16::MAX)) as u16, 0, p.body);
}

/// A left click on an option chooses it.
pub fn click(app: &mut App, col: u16, row: u16) -> Vec<Effect> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let Screen::Exam(ex) = &app.screen else {
        return vec![];
    };
    if too_small(area) || ex.review.is_some() {
        return vec![];
    }
    let item = &ex.attempt.form.items[ex.attempt.current];
    let Some(q) = app.catalog.question(&item.question) else {
        return vec![];
    };
    let status = status_rows(app.notice.as_deref(), area.width);
    let areas = exam_areas(area, app.catalog.case_of(&item.question), status);
    let body = areas.body;
    if col < body.x || col >= body.x + body.width || row < body.y || row >= body.y + body.height {
        return vec![];
    }
    let response = &ex.attempt.responses[ex.attempt.current];
    let input = BodyInput {
        number: ex.attempt.current + 1,
        question: q,
        item,
        response,
        cursor: Some(ex.cursor),
        reveal: response.checked,
    };
    let lines = body_lines(&input, body_text_width(body), &app.theme);
    let line = usize::from(row - body.y) + usize::from(ex.body_scroll);
    let multi = q.is_multi();
    let Some(pos) = option_at(&lines, line.saturating_sub(BODY_TOP_PAD)) else {
        return vec![];
    };
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    ex.cursor = pos;
    if ex.attempt.choose(pos, multi) {
        save(app)
    } else {
        vec![]
    }
}

/// `s` submits in the last section and ends the section before it.
fn submit_confirm(a: &Attempt) -> Confirm {
    if a.is_last_section() {
        Confirm::Submit
    } else {
        Confirm::EndSection
    }
}

/// Items of the open section that pass the review filter.
pub fn review_items(a: &Attempt, filter: ReviewFilter) -> Vec<usize> {
    a.open_range()
        .filter(|&i| {
            let r = &a.responses[i];
            match filter {
                ReviewFilter::All => true,
                ReviewFilter::Unanswered => !r.answered(),
                ReviewFilter::Flagged => r.flagged,
            }
        })
        .collect()
}

/// Cells per row in the review grid at this width.
pub fn review_columns(width: u16) -> usize {
    (usize::from(width.saturating_sub(4)) / 8).max(1)
}

fn review_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let cols = review_columns(app.size.0);
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let Some(rv) = ex.review.as_mut() else {
        return vec![];
    };
    let items = review_items(&ex.attempt, rv.filter);
    let last = items.len().saturating_sub(1);
    match k.code {
        KeyCode::Char('r') | KeyCode::Esc | KeyCode::Char('q') => ex.review = None,
        KeyCode::Char('?') => return open_help(app),
        KeyCode::Tab => {
            rv.filter = match rv.filter {
                ReviewFilter::All => ReviewFilter::Unanswered,
                ReviewFilter::Unanswered => ReviewFilter::Flagged,
                ReviewFilter::Flagged => ReviewFilter::All,
            };
            rv.cursor = 0;
        }
        KeyCode::Char('u') => (rv.filter, rv.cursor) = (ReviewFilter::Unanswered, 0),
        KeyCode::Char('f') => (rv.filter, rv.cursor) = (ReviewFilter::Flagged, 0),
        KeyCode::Char('a') => (rv.filter, rv.cursor) = (ReviewFilter::All, 0),
        KeyCode::Right | KeyCode::Char('l') => rv.cursor = (rv.cursor + 1).min(last),
        KeyCode::Left | KeyCode::Char('h') => rv.cursor = rv.cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => rv.cursor = (rv.cursor + cols).min(last),
        KeyCode::Up | KeyCode::Char('k') => rv.cursor = rv.cursor.saturating_sub(cols),
        KeyCode::Home => rv.cursor = 0,
        KeyCode::End => rv.cursor = last,
        KeyCode::Char('s') => {
            app.overlay = Some(Overlay::Confirm(submit_confirm(&ex.attempt)));
        }
        KeyCode::Enter => {
            if let Some(&i) = items.get(rv.cursor) {
                ex.review = None;
                if moved(ex, |a| a.goto(i)) || ex.attempt.current == i {
                    return save(app);
                }
            }
        }
        _ => {}
    }
    vec![]
}

/// Ends the attempt and opens the results; the runtime records it.
pub fn finish(app: &mut App) -> Vec<Effect> {
    app.book = None;
    let screen = std::mem::replace(&mut app.screen, Screen::Home(Default::default()));
    let Screen::Exam(ex) = screen else {
        app.screen = screen;
        return vec![];
    };
    let mut attempt = ex.attempt;
    if !attempt.is_finished() {
        attempt.end = Some(EndReason::Submitted);
        attempt.ended_at = Some(app.now);
    }
    let Some(bp) = app.catalog.blueprint(&attempt.form.blueprint) else {
        return vec![app.record(attempt)];
    };
    let report = score(&attempt, &app.catalog, bp);
    let domain_ids: Vec<&str> = bp.domains.iter().map(|d| d.id.as_str()).collect();
    let mastery_before = attempt.form.drill.then(|| {
        crate::stats::mastery(
            &crate::stats::answers_from(&app.records),
            &bp.exam,
            &domain_ids,
            app.now,
        )
    });
    let record = app.record(attempt.clone());
    let mut results = ResultsState::new(attempt, report, mastery_before);
    results.origin = ex.origin;
    app.screen = Screen::Results(Box::new(results));
    vec![record]
}

pub fn end_section(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    let Screen::Exam(ex) = &mut app.screen else {
        return vec![];
    };
    let closed = ex.attempt.form.sections[ex.attempt.section].name.clone();
    ex.attempt.close_section(now, EndReason::Submitted);
    ex.cursor = 0;
    ex.review = None;
    let next = ex.attempt.form.sections[ex.attempt.section].name.clone();
    app.notice = Some(format!("{closed} is closed; {next} has started."));
    save(app)
}
