//! The question screen.

use super::super::app::{App, ExamState};
use super::super::keys::{
    CODE_ENTRY_KEYS, ENTRY_FIELD_KEYS, EXAM_KEYS, PRACTICE_KEYS, with_scroll_hints,
};
use super::super::layout::status_rows;
use super::super::layout::{
    BodyInput, body_lines, body_text_width, case_lines, exam_areas, panel_rows, question_panel,
    rationale_lines,
};
use super::widgets::{clock, fit_words, scrolled_panel, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, ex: &ExamState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let a = &ex.attempt;
    let item = &a.form.items[a.current];
    let question = app.catalog.question(&item.question);
    let case = app.catalog.case_of(&item.question);
    let status_h = status_rows(app.notice.as_deref(), area.width);
    let mut areas = exam_areas(area, case, status_h);
    // The code book sits beside the question on a wide terminal; on a narrower one (80 columns)
    // it takes the lower part and the question stays visible above it.
    if let Some(book) = &app.book {
        let body = areas.body;
        let split = if area.width >= 100 {
            ratatui::layout::Layout::horizontal([
                Constraint::Percentage(50),
                Constraint::Percentage(50),
            ])
        } else {
            ratatui::layout::Layout::vertical([
                Constraint::Percentage(40),
                Constraint::Percentage(60),
            ])
        };
        let [q, b] = split.areas(body);
        areas.body = q;
        super::book::draw(app, book, frame, b);
    }
    header(app, ex, frame, areas.header);

    if let (Some(case), Some(rect)) = (case, areas.case) {
        let block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled(format!(" Case: {} ", case.title), t.title))
            .padding(Padding::horizontal(1));
        let lines = case_lines(case, rect, t);
        scrolled_panel(frame, rect, block, lines, ex.case_scroll, ("[", "]"), t);
    }

    let block = Block::bordered()
        .border_style(t.border)
        .padding(Padding::horizontal(1));
    let Some(q) = question else {
        frame.render_widget(
            Paragraph::new(
                "This question is no longer in the loaded banks; it will be scored as unanswered.",
            )
            .block(block),
            areas.body,
        );
        return;
    };
    let response = &a.responses[a.current];
    let input = BodyInput {
        number: a.current + 1,
        question: q,
        item,
        response,
        cursor: Some(ex.cursor),
        reveal: response.checked,
    };
    let width = body_text_width(areas.body);
    let lines = if q.is_code_entry() {
        // The code field and its live checks under the stem; once checked (practice), the review
        // code by code and the rationale.
        let year = app.catalog.code_year_of(&q.id).unwrap_or(0);
        let mut lines = body_lines(&input, width, t).lines;
        lines.extend(super::entry::entry_lines(
            app,
            q,
            response,
            ex.entry_focused,
            year,
            width,
        ));
        if response.checked {
            lines.extend(super::entry::review_lines(q, response, width, t));
            lines.extend(rationale_lines(q, width, t));
        }
        lines
    } else {
        question_panel(&input, width, t).lines
    };
    let overflow = app.book.is_none() && lines.len() > panel_rows(areas.body);
    scrolled_panel(
        frame,
        areas.body,
        block,
        lines,
        ex.body_scroll,
        ("PgUp", "PgDn"),
        t,
    );

    let keys = if ex.entry_focused {
        ENTRY_FIELD_KEYS
    } else if q.is_code_entry() {
        CODE_ENTRY_KEYS
    } else if a.form.tutor {
        PRACTICE_KEYS
    } else {
        EXAM_KEYS
    };
    // The keys that reveal what a panel hides come right after choosing: without them an option
    // can be out of sight.
    let case_hidden = app.book.is_none()
        && case.is_some_and(|c| {
            areas
                .case
                .is_some_and(|r| case_lines(c, r, t).len() > panel_rows(r))
        });
    let keys = with_scroll_hints(keys, overflow, case_hidden);
    frame.render_widget(
        Paragraph::new(status(t, app.notice.as_deref(), &keys, areas.footer.width)),
        areas.footer,
    );
}

fn header(app: &App, ex: &ExamState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let a = &ex.attempt;
    let name = app
        .catalog
        .blueprint(&a.form.blueprint)
        .map_or(a.form.blueprint.clone(), |b| {
            format!("{} · {}", b.id, b.name)
        });
    let mode = match a.form.mode() {
        _ if app.preview.is_some() => " · preview (v findings)".to_string(),
        "exam" => String::new(),
        m => format!(" · {m}"),
    };
    let section = if a.form.sections.len() > 1 {
        format!(" · {}", a.form.sections[a.section].name)
    } else {
        String::new()
    };
    let limit = a
        .form
        .sections
        .get(a.section)
        .and_then(|s| s.seconds)
        .unwrap_or(0) as f64;
    let (timer, style) = match a.remaining() {
        None => ("untimed".to_string(), t.dim),
        Some(left) if left <= 5.0 * 60.0 && limit > 5.0 * 60.0 => {
            (format!("⚠ {} left", clock(left)), t.danger)
        }
        Some(left) if left <= 30.0 * 60.0 && limit > 30.0 * 60.0 => {
            (format!("⚠ {} left", clock(left)), t.warn)
        }
        Some(left) => (format!("{} left", clock(left)), t.title),
    };
    let [l1, l2] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let [left, right] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(timer.chars().count() as u16 + 1),
    ])
    .areas(l1);
    // A long exam name gives way to the timer, and is cut only after a whole word.
    let title = fit_words(
        &format!("{name}{section}{mode}"),
        usize::from(left.width.saturating_sub(2)),
    );
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {title}"), t.title)),
        left,
    );
    frame.render_widget(Paragraph::new(Span::styled(timer, style)), right);
    let r = &a.responses[a.current];
    let base = format!(
        " Question {} of {} · {} answered · {} flagged",
        a.current + 1,
        a.form.items.len(),
        a.answered_count(),
        a.flagged_count()
    );
    // Markers are added only whole: one that does not fit is left out, never cut (the strike
    // prompt is also in the status line).
    let mut used = base.width();
    let mut spans = vec![Span::raw(base)];
    for (on, text, style) in [
        (r.flagged, "  ⚑ FLAGGED", t.flag),
        (ex.strike_pending, "  ✗ strike: which option?", t.warn),
    ] {
        if on && used + text.width() <= usize::from(l2.width) {
            used += text.width();
            spans.push(Span::styled(text, style));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), l2);
}
