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
    // A low panel (80×24 under a case) keeps one line for the way down and the code, and lists
    // the values of the axis being chosen; a taller one shows every axis and the code's meaning.
    let compact = height < 12;
    let heading = format!("PCS {} tables: {trail}", tb.release);
    if compact {
        out.push(Line::styled(cut(heading), t.title));
    } else {
        out.extend(
            wrap(&heading, width)
                .into_iter()
                .map(|l| Line::styled(l, t.title)),
        );
    }
    let offered = options(tb);
    let in_table = head.len() == 3;
    let keys = if in_table {
        "↑/↓ Enter choose · ←/→ axis · Bksp clear · Esc up · Tab search"
    } else {
        "↑/↓ Enter choose · Esc up · Tab search"
    };
    // Keys last when there is room for them and a few values.
    let help: Vec<String> = if height >= 14 {
        wrap(keys, width)
    } else {
        Vec::new()
    };
    if in_table {
        if height >= 20
            && let Some(d) = set.table(head).and_then(|x| x.definition.as_deref())
        {
            for l in wrap(&format!("Definition: {d}"), width) {
                out.push(Line::styled(l, t.dim));
            }
        }
        let titles: Vec<String> = (0..4).map(|i| set.options(&tb.choices, i).title).collect();
        if !compact {
            axis_lines(tb, set, &titles, width, &mut out, t);
        }
        let code = tb.choices.code();
        let focus = format!(" · {} {}:", tb.axis + 4, titles[tb.axis]);
        match tb.choices.complete() {
            Some(c) => {
                let add = answer_open(app).then_some("a: add to the answer");
                let mut rest = " valid".to_string();
                let own_line = add.filter(|a| {
                    let fits = 12 + rest.len() + 3 + a.chars().count() <= width;
                    if fits {
                        rest.push_str(&format!(" · {a}"));
                    }
                    !fits
                });
                if compact {
                    rest.push_str(&focus);
                }
                let rest: String = rest.chars().take(width.saturating_sub(12)).collect();
                out.push(Line::from(vec![
                    Span::styled(format!("Code {c}"), t.correct),
                    Span::styled(rest, t.text),
                ]));
                if let Some(a) = own_line.filter(|_| !compact) {
                    out.push(Line::styled(cut(a.to_string()), t.text));
                }
                if let Some(title) = set.title(&c) {
                    let list = offered.values.len().min(3);
                    let room = height.saturating_sub(out.len() + list + help.len());
                    let meaning = wrap(&title, width);
                    out.extend(
                        meaning
                            .into_iter()
                            .take(room)
                            .map(|l| Line::styled(l, t.dim)),
                    );
                }
            }
            None if compact => out.push(Line::styled(cut(format!("Code {code}{focus}")), t.text)),
            None => out.push(Line::styled(format!("Code {code}"), t.text)),
        }
    } else if !offered.title.is_empty() {
        out.push(Line::styled(format!("{}:", offered.title), t.text));
    }
    let rows = height.saturating_sub(out.len() + help.len()).max(1);
    let first = tb.cursor.saturating_sub(rows - 1);
    for (i, v) in offered.values.iter().enumerate().skip(first).take(rows) {
        let style = if i == tb.cursor { t.cursor } else { t.text };
        out.push(Line::styled(
            cut(format!("  {}  {}", v.code, v.label)),
            style,
        ));
    }
    out.extend(help.into_iter().map(|l| Line::styled(l, t.dim)));
    out
}

/// One line per axis of the table: its position and title, then the value chosen or how many
/// are left to choose from; the value goes under the title when the line would not fit.
fn axis_lines(
    tb: &TableBrowser,
    set: &crate::codeset::pcs::PcsSet,
    titles: &[String],
    width: usize,
    out: &mut Vec<Line<'static>>,
    t: &super::super::theme::Theme,
) {
    let pad = titles.iter().map(|x| x.chars().count()).max().unwrap_or(0);
    for (i, title) in titles.iter().enumerate() {
        let o = set.options(&tb.choices, i);
        let value = match tb.choices.axes[i] {
            Some(c) => {
                let label = o
                    .values
                    .iter()
                    .find(|v| v.code == c)
                    .map(|v| v.label.as_str());
                format!("{c} {}", label.unwrap_or_default())
            }
            None => format!("· ({} to choose from)", o.values.len()),
        };
        let mark = if i == tb.axis { "▸" } else { " " };
        let style = if i == tb.axis { t.selected } else { t.text };
        let line = format!("{mark} {} {title:<pad$}  {value}", i + 4);
        if line.chars().count() <= width {
            out.push(Line::styled(line, style));
            continue;
        }
        out.push(Line::styled(format!("{mark} {} {title}", i + 4), style));
        for l in wrap(&value, width.saturating_sub(4)) {
            out.push(Line::styled(format!("    {l}"), style));
        }
    }
}
