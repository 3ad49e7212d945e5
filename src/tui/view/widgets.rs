//! Small pieces shared by the screens.

use super::super::theme::Theme;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

/// h:mm:ss, rounding up so that "0:00:00" means time is really up.
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).ceil() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A status bar: the notice if there is one, else the key hints.
pub fn footer(theme: &Theme, notice: Option<&str>, hints: &[(&str, &str)]) -> Line<'static> {
    if let Some(n) = notice {
        return Line::from(Span::styled(format!(" {n}"), theme.warn));
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (k, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(k.to_string(), theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    Line::from(spans)
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
