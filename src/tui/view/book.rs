//! The code book panel.

use super::super::app::{App, BookState};
use super::super::layout::wrap;
use crate::codeset::{detail, icd10cm};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

pub fn draw(app: &App, book: &BookState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let block = Block::bordered()
        .border_style(t.accent)
        .title(Span::styled(
            " ICD-10-CM code book, FY2026 (Source: CDC/NCHS) ",
            t.title,
        ))
        .padding(Padding::horizontal(1));
    let width = area.width.saturating_sub(4) as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("Find: ", t.title),
        Span::styled(format!("{}_", book.query), t.selected),
    ])];
    let Ok(set) = icd10cm() else {
        lines.push(Line::from("The code set could not be loaded."));
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    };
    let mut scroll = 0;
    if let Some(page) = book.page.as_deref().and_then(|c| set.lookup(c)) {
        lines.push(Line::styled("Esc: back to the list", t.dim));
        for l in detail(set, page).lines() {
            lines.extend(wrap(&l, width).into_iter().map(Line::from));
        }
        scroll = book.scroll;
    } else if book.query.trim().is_empty() {
        lines.push(Line::styled(
            "Type a code (E11.6) or words (type 2 diabetes).",
            t.dim,
        ));
        lines.push(Line::styled(
            "↑/↓ choose · Enter open · Esc back to the question",
            t.dim,
        ));
        lines.push(Line::styled("The exam timer keeps running.", t.dim));
    } else if book.hits.is_empty() {
        lines.push(Line::styled("No match.", t.dim));
    } else {
        let visible = area.height.saturating_sub(4) as usize;
        let first = book.cursor.saturating_sub(visible.saturating_sub(1));
        for (i, code) in book.hits.iter().enumerate().skip(first).take(visible) {
            let Some(c) = set.lookup(code) else { continue };
            let mark = if c.is_billable() { " " } else { "+" };
            let text: String = format!("{:<8}{mark} {}", c.code(), c.description())
                .chars()
                .take(width)
                .collect();
            let style = if i == book.cursor { t.cursor } else { t.text };
            lines.push(Line::styled(text, style));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
