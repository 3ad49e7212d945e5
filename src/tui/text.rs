//! Bank text as screen lines. Every view that draws a stem, option, reason, explanation, reference
//! or case goes through here, so the one layout rule of `bank::flow` holds on every screen.

use crate::bank::flow::{CONTINUES, Field, rows};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The text laid out at `width` columns: kept lines that continue start with the marker (dim).
pub fn text_lines(
    text: &str,
    field: Field,
    width: usize,
    style: Style,
    marker: Style,
) -> Vec<Line<'static>> {
    rows(text, field, width)
        .into_iter()
        .map(|r| {
            let mut spans = Vec::with_capacity(3);
            if r.indent > 0 {
                spans.push(Span::raw(" ".repeat(r.indent)));
            }
            if r.continues {
                spans.push(Span::styled(CONTINUES, marker));
            }
            spans.push(Span::styled(r.text, style));
            Line::from(spans)
        })
        .collect()
}

/// `text_lines` behind a first-row prefix (`"3. "`, `"( ) B) "`), later rows under the text.
pub fn hung_lines(
    first: Vec<Span<'static>>,
    text: &str,
    width: usize,
    style: Style,
    marker: Style,
) -> Vec<Line<'static>> {
    let hang: usize = first.iter().map(|s| s.width()).sum();
    text_lines(
        text,
        Field::Prose,
        width.saturating_sub(hang),
        style,
        marker,
    )
    .into_iter()
    .enumerate()
    .map(|(i, l)| {
        let mut spans = if i == 0 {
            first.clone()
        } else {
            vec![Span::raw(" ".repeat(hang))]
        };
        spans.extend(l.spans);
        Line::from(spans)
    })
    .collect()
}

/// Plain strings for text that is not the bank's (the code book's notes): the same breaks, but a
/// long line simply goes on at its indent, without the record marker.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    rows(text, Field::Prose, width)
        .into_iter()
        .map(|r| format!("{}{}", " ".repeat(r.indent), r.text))
        .collect()
}
