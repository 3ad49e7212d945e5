//! The ICD-10-PCS table browser inside the code book panel (update/tables.rs has the keys): the
//! way down so far (section › body system › root operation), then in a table one line per axis
//! with the value chosen or how many remain, the code as built and, once whole, its meaning; then
//! the values offered for the axis being chosen. Drawn from the state and the installed tables
//! only.

use super::super::app::{App, TableBrowser};
use super::super::layout::wrap;
use super::super::update::tables::{answer_open, options, tables};
use ratatui::text::{Line, Span};

/// The browser's lines for an inner area of `width` × `height`.
pub fn lines(app: &App, tb: &TableBrowser, width: usize, height: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let cut = |s: String| -> String { s.chars().take(width).collect() };
    let Some(set) = tables(&tb.release) else {
        return vec![Line::styled(
            format!("ICD-10-PCS {} is no longer installed.", tb.release),
            t.dim,
        )];
    };
    let head = &tb.choices.head;
    let labels = set.head_labels(head);
    let path: Vec<String> = head
        .chars()
        .zip(&labels)
        .map(|(c, l)| format!("{c} {l}"))
        .collect();
    let mut out: Vec<Line> = Vec::new();
    let trail = if path.is_empty() {
        "choose a section".to_string()
    } else {
        path.join(" › ")
    };
    let first = wrap(&format!("PCS {} tables: {trail}", tb.release), width);
    out.extend(first.into_iter().map(|l| Line::styled(l, t.title)));
    let offered = options(tb);
    let in_table = head.len() == 3;
    // Keys last when there is room for them and a few values.
    let help = height >= 14;
    if in_table {
        let table = set.table(head);
        if height >= 20
            && let Some(d) = table.and_then(|x| x.definition.as_deref())
        {
            for l in wrap(&format!("Definition: {d}"), width) {
                out.push(Line::styled(l, t.dim));
            }
        }
        let titles: Vec<String> = (0..4)
            .map(|i| set.options(&tb.choices, i).title)
            .collect();
        let pad = titles.iter().map(|x| x.chars().count()).max().unwrap_or(0);
        for (i, title) in titles.iter().enumerate() {
            let mark = if i == tb.axis { "▸" } else { " " };
            let value = match tb.choices.axes[i] {
                Some(c) => {
                    let o = set.options(&tb.choices, i);
                    let label = o
                        .values
                        .iter()
                        .find(|v| v.code == c)
                        .map(|v| v.label.clone())
                        .unwrap_or_default();
                    format!("{c} {label}")
                }
                None => {
                    let n = set.options(&tb.choices, i).values.len();
                    format!("· ({n} to choose from)")
                }
            };
            let text = cut(format!("{mark} {} {title:<pad$}  {value}", i + 4));
            let style = if i == tb.axis { t.selected } else { t.text };
            out.push(Line::styled(text, style));
        }
        let code = tb.choices.code();
        match tb.choices.complete() {
            Some(c) => {
                let add = if answer_open(app) {
                    " · a: add to the answer"
                } else {
                    ""
                };
                out.push(Line::from(vec![
                    Span::styled(format!("Code {c}"), t.correct),
                    Span::styled(cut(format!(" valid{add}")), t.text),
                ]));
                if let Some(title) = set.title(&c) {
                    let room = height.saturating_sub(out.len() + 3 + usize::from(help));
                    let meaning = wrap(&title, width);
                    out.extend(meaning.into_iter().take(room).map(|l| Line::styled(l, t.dim)));
                }
            }
            None => out.push(Line::styled(format!("Code {code}"), t.text)),
        }
    } else if !offered.title.is_empty() {
        out.push(Line::styled(format!("{}:", offered.title), t.text));
    }
    let rows = height.saturating_sub(out.len() + usize::from(help)).max(1);
    let first = tb.cursor.saturating_sub(rows - 1);
    for (i, v) in offered.values.iter().enumerate().skip(first).take(rows) {
        let style = if i == tb.cursor { t.cursor } else { t.text };
        out.push(Line::styled(cut(format!("  {}  {}", v.code, v.label)), style));
    }
    if help {
        let keys = if in_table {
            "↑/↓ Enter choose · ←/→ axis · Bksp clear · Esc up · Tab search"
        } else {
            "↑/↓ Enter choose · Esc up · Tab search"
        };
        out.push(Line::styled(cut(keys.to_string()), t.dim));
    }
    out
}
