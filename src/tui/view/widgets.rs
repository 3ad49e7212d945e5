//! Small pieces shared by the screens.

use super::super::keys::{Binding, Hint, footer_hints};
use super::super::layout::max_scroll;
use super::super::layout::notice_lines;
use super::super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// h:mm:ss, rounding up so that "0:00:00" means time is really up.
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).ceil() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The status area at the foot of a screen: the notice, if any, wrapped at word boundaries, then
/// the most important keys of the screen's table that fit (always `? help`).
pub fn status(
    theme: &Theme,
    notice: Option<&str>,
    table: &[Binding],
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = notice_lines(notice, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), theme.warn)))
        .collect();
    lines.push(hint_line(theme, &footer_hints(table, usize::from(width))));
    lines
}

/// Hints as "key label · key label".
pub fn hint_line(theme: &Theme, hints: &[Hint]) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, h) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(h.keys.to_string(), theme.key));
        spans.push(Span::styled(format!(" {}", h.label), theme.dim));
    }
    Line::from(spans)
}

/// `text` in at most `width` columns, cut after a whole word with " …" when it is longer.
pub fn fit_words(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.width() + 2 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // A single word longer than the column: its start, marked as cut.
        let mut cut = String::new();
        for c in text.chars() {
            if cut.width() + c.to_string().width() + 1 > width {
                break;
            }
            cut.push(c);
        }
        return format!("{cut}…");
    }
    format!("{out} …")
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// A bar of `width` cells for a fraction 0..=1, readable without colour.
pub fn bar(fraction: f64, width: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0)) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// A bordered panel of pre-wrapped lines scrolled by `scroll` (clamped to the end). When it holds
/// more than it shows, its borders say how many lines are hidden above and below and which keys
/// scroll (`up`/`down`, e.g. "PgUp"/"PgDn").
#[allow(clippy::too_many_arguments)]
pub fn scrolled_panel(
    frame: &mut Frame,
    area: Rect,
    block: Block<'static>,
    lines: Vec<Line<'static>>,
    scroll: u16,
    (up, down): (&str, &str),
    theme: &Theme,
) {
    let visible = area.height.saturating_sub(2) as usize;
    let total = lines.len();
    let scroll = usize::from(scroll).min(max_scroll(total, visible));
    let below = total.saturating_sub(scroll + visible);
    let mut block = block;
    if scroll > 0 {
        block = block.title_top(
            Line::from(Span::styled(
                format!(" ↑ {scroll} more · {up} "),
                theme.accent,
            ))
            .right_aligned(),
        );
    }
    if below > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" ↓ {below} more · {down} "),
                theme.accent,
            ))
            .right_aligned(),
        );
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(usize::from(u16::MAX)) as u16, 0)),
        area,
    );
}
