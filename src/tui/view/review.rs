//! The review grid: every question of the open section, answered / unanswered / flagged.

use super::super::app::{App, ExamState, ReviewFilter};
use super::super::keys::REVIEW_KEYS;
use super::super::layout::status_rows;
use super::super::update::exam::{review_columns, review_items};
use super::widgets::{clock, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(app: &App, ex: &ExamState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let a = &ex.attempt;
    let Some(rv) = &ex.review else { return };
    let [head, grid, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(status_rows(app.notice.as_deref(), area.width)),
    ])
    .areas(area);
    let range = a.open_range();
    let in_section = range.len();
    let answered = range.clone().filter(|&i| a.responses[i].answered()).count();
    let flagged = range.clone().filter(|&i| a.responses[i].flagged).count();
    let filter = match rv.filter {
        ReviewFilter::All => "all questions",
        ReviewFilter::Unanswered => "unanswered only",
        ReviewFilter::Flagged => "flagged only",
    };
    let time = a
        .remaining()
        .map_or("untimed".into(), |s| format!("{} left", clock(s)));
    let lines = vec![
        Line::from(Span::styled(
            format!(
                " Review · {} · showing {filter} · {time}",
                a.form
                    .sections
                    .get(a.section)
                    .map_or("Exam", |s| s.name.as_str())
            ),
            t.title,
        )),
        Line::from(format!(
            " {answered} of {in_section} answered · {} unanswered · {flagged} flagged",
            in_section - answered
        )),
        Line::from(vec![
            Span::styled(" ● ", t.selected),
            Span::raw("answered  "),
            Span::styled("· ", t.dim),
            Span::raw("unanswered  "),
            Span::styled("⚑ ", t.flag),
            Span::raw("flagged  "),
            Span::raw("> current question"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), head);

    let items = review_items(a, rv.filter);
    let cols = review_columns(area.width);
    let mut rows: Vec<Line> = Vec::new();
    for chunk_start in (0..items.len()).step_by(cols) {
        let mut spans = Vec::new();
        for (j, &i) in items[chunk_start..(chunk_start + cols).min(items.len())]
            .iter()
            .enumerate()
        {
            let r = &a.responses[i];
            let cur = if i == a.current { ">" } else { " " };
            let mark = if r.answered() { "●" } else { "·" };
            let flag = if r.flagged { "⚑" } else { " " };
            let text = format!("{cur}{:>3} {mark}{flag}", i + 1);
            let mut style = if r.answered() { t.selected } else { t.dim };
            if r.flagged {
                style = t.flag;
            }
            if chunk_start + j == rv.cursor {
                style = style.patch(t.cursor);
            }
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        rows.push(Line::from(spans));
    }
    if items.is_empty() {
        rows.push(Line::from(Span::styled(
            "  Nothing to show with this filter.",
            t.dim,
        )));
    }
    let cursor_row = (rv.cursor / cols) as u16;
    let visible = grid.height.saturating_sub(2);
    let scroll = cursor_row.saturating_sub(visible.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(rows)
            .block(Block::bordered().border_style(t.border))
            .scroll((scroll, 0)),
        grid,
    );
    frame.render_widget(
        Paragraph::new(status(t, app.notice.as_deref(), REVIEW_KEYS, foot.width)),
        foot,
    );
}
