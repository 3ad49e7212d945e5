//! Past attempts, newest first.

use super::super::app::{App, HistoryState};
use super::super::keys::HISTORY_KEYS;
use super::super::layout::status_rows;
use super::super::update::history::newest_first;
use super::widgets::{clock, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(app: &App, h: &HistoryState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let [main, foot] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status_rows(app.notice.as_deref(), area.width)),
    ])
    .areas(area);
    let records = newest_first(app);
    let mut lines = vec![Line::styled(
        format!(
            " {:<17} {:<9} {:<8} {:>9} {:>7} {:>9}",
            "WHEN (UTC)", "MODE", "EXAM", "CORRECT", "SCORE", "TIME"
        ),
        t.title,
    )];
    if records.is_empty() {
        lines.push(Line::styled(
            " No attempts yet: start a mock exam or a drill from the home screen.",
            t.dim,
        ));
    }
    for (i, r) in records.iter().enumerate() {
        let text = format!(
            " {:<17} {:<9} {:<8} {:>4}/{:<4} {:>6.1}% {:>9}",
            r.ended_at.format("%Y-%m-%d %H:%M"),
            r.mode,
            r.blueprint,
            r.correct(),
            r.scored_count(),
            r.percent(),
            clock(r.seconds_used)
        );
        lines.push(Line::from(Span::styled(
            text,
            if i == h.cursor { t.cursor } else { t.text },
        )));
    }
    let visible = main.height.saturating_sub(3) as usize;
    let scroll = h.cursor.saturating_sub(visible.saturating_sub(1)) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(Block::bordered().border_style(t.border).title(" History ")),
        main,
    );
    frame.render_widget(
        Paragraph::new(status(t, app.notice.as_deref(), HISTORY_KEYS, foot.width)),
        foot,
    );
}
