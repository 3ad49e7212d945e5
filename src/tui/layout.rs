//! Where things go on the exam screen. Shared by the view (to draw) and by `update` (to map a mouse
//! click to an option), so both always agree.

use super::theme::Theme;
use crate::bank::{ChoiceKey, Question};
use crate::exam::{FormItem, Response};
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};

/// Below this the exam cannot be shown usefully; a notice replaces it and the timer keeps running.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width a case is shown beside the question instead of above it.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;

/// The question box has a border and one cell of padding each side: text starts one row down.
pub const BODY_TOP_PAD: usize = 1;

pub fn body_text_width(body: Rect) -> u16 {
    body.width.saturating_sub(4)
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub struct ExamAreas {
    pub header: Rect,
    pub case: Option<Rect>,
    pub body: Rect,
    pub footer: Rect,
}

/// Most rows a notice may take above the key line; a longer one ends in "…" at a word boundary.
pub const NOTICE_MAX_ROWS: usize = 3;

/// The notice wrapped at word boundaries to the status area's width (one cell of margin).
pub fn notice_lines(notice: Option<&str>, width: u16) -> Vec<String> {
    let Some(n) = notice.filter(|n| !n.trim().is_empty()) else {
        return Vec::new();
    };
    let w = usize::from(width.saturating_sub(2)).max(8);
    let mut lines: Vec<String> = textwrap::wrap(n, w)
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    if lines.len() > NOTICE_MAX_ROWS {
        lines.truncate(NOTICE_MAX_ROWS);
        let last = lines.last_mut().expect("three lines");
        let room = w.saturating_sub(2);
        let cut: String = textwrap::wrap(last, room)
            .first()
            .map(|c| c.to_string())
            .unwrap_or_default();
        *last = format!("{cut} …");
    }
    lines
}

/// Rows of the status area at the foot of every screen: the notice, then the key line.
pub fn status_rows(notice: Option<&str>, width: u16) -> u16 {
    1 + notice_lines(notice, width).len() as u16
}

/// `status` is the height of the status area ([`status_rows`]).
pub fn exam_areas(area: Rect, has_case: bool, status: u16) -> ExamAreas {
    let [header, main, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(status),
    ])
    .areas(area);
    if !has_case {
        return ExamAreas {
            header,
            case: None,
            body: main,
            footer,
        };
    }
    let (case, body) = if area.width >= SIDE_BY_SIDE_WIDTH {
        let [c, b] = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(main);
        (c, b)
    } else {
        let [c, b] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(main);
        (c, b)
    };
    ExamAreas {
        header,
        case: Some(case),
        body,
        footer,
    }
}

/// The question as wrapped lines, with the rows each option occupies.
pub struct BodyLines {
    pub lines: Vec<Line<'static>>,
    /// (first row, last row exclusive) of each option, by screen position.
    pub option_rows: Vec<(usize, usize)>,
}

pub struct BodyInput<'a> {
    pub number: usize,
    pub question: &'a Question,
    pub item: &'a FormItem,
    pub response: &'a Response,
    pub cursor: Option<usize>,
    /// Show which options are right (practice feedback and review), in the bank's order so the
    /// letters match the rationale.
    pub reveal: bool,
}

/// Wraps prose to `width`. Authors break lines in YAML wherever they like, so single line breaks
/// inside a paragraph are reflowed; blank lines, list items and indented or column-aligned lines
/// (tables in case records) keep their breaks.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for para in reflow(text) {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        out.extend(
            textwrap::wrap(&para, width)
                .into_iter()
                .map(|c| c.into_owned()),
        );
    }
    out
}

fn keeps_break(line: &str) -> bool {
    let t = line.trim_start();
    line.starts_with(' ')
        || line.contains("  ")
        || t.starts_with("- ")
        || t.starts_with("• ")
        || t.starts_with('|')
}

/// Lines joined into paragraphs where the author's break was only for the editor.
pub fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.trim_end().split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            out.push(String::new());
            open = false;
        } else if open && !keeps_break(line) {
            let last = out.last_mut().expect("open paragraph");
            last.push(' ');
            last.push_str(line.trim_start());
        } else {
            out.push(line.to_string());
            open = !keeps_break(line);
        }
    }
    out
}

pub fn body_lines(input: &BodyInput, width: u16, theme: &Theme) -> BodyLines {
    let w = width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let q = input.question;
    let number = format!("{}. ", input.number);
    let hang = number.chars().count();
    for (i, l) in wrap(&q.stem, w.saturating_sub(hang))
        .into_iter()
        .enumerate()
    {
        let prefix = if i == 0 {
            number.clone()
        } else {
            " ".repeat(hang)
        };
        lines.push(Line::from(vec![
            Span::styled(prefix, theme.title),
            Span::styled(l, theme.text),
        ]));
    }
    if q.is_multi() {
        lines.push(Line::styled(
            "Select all that apply.".to_string(),
            theme.accent,
        ));
    }
    lines.push(Line::default());
    let keys = q.key_set();
    let mut option_rows = Vec::new();
    // Rationales name options by the bank's letters, so whenever one is shown the options are too.
    let bank_order: Vec<ChoiceKey> = q.choices.keys().copied().collect();
    let order = if input.reveal {
        &bank_order
    } else {
        &input.item.order
    };
    for (pos, key) in order.iter().enumerate() {
        let text = q.choices.get(key).cloned().unwrap_or_default();
        let chosen = input.response.selected.contains(key);
        let struck = input.response.struck.contains(key);
        let is_key = keys.contains(key);
        let letter = (b'A' + pos as u8) as char;
        // Markers carry the state without colour: chosen, not chosen, struck out.
        let mark = match (q.is_multi(), chosen, struck) {
            (true, true, _) => "[x]",
            (false, true, _) => "(•)",
            (_, false, true) => " - ",
            (true, false, false) => "[ ]",
            (false, false, false) => "( )",
        };
        let verdict = if input.reveal {
            match (is_key, chosen) {
                (true, _) => " ✓",
                (false, true) => " ✗",
                _ => "  ",
            }
        } else {
            ""
        };
        let mut style = if struck {
            theme.struck
        } else if chosen {
            theme.selected
        } else {
            theme.text
        };
        if input.reveal && is_key {
            style = theme.correct;
        } else if input.reveal && chosen {
            style = theme.incorrect;
        }
        let lead = format!("{mark} {letter}) ");
        let indent = lead.chars().count() + verdict.chars().count();
        let wrapped = wrap(&text, w.saturating_sub(indent));
        let start = lines.len();
        for (i, l) in wrapped.into_iter().enumerate() {
            let mut spans = Vec::new();
            if i == 0 {
                spans.push(Span::styled(
                    verdict.to_string(),
                    if is_key {
                        theme.correct
                    } else {
                        theme.incorrect
                    },
                ));
                spans.push(Span::styled(lead.clone(), style));
            } else {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            let text_style = if struck { theme.struck } else { style };
            spans.push(Span::styled(l, text_style));
            let mut line = Line::from(spans);
            if input.cursor == Some(pos) {
                line = line.patch_style(theme.cursor);
            }
            lines.push(line);
        }
        option_rows.push((start, lines.len()));
    }
    BodyLines { lines, option_rows }
}

/// The rationale and references under a question, wherever one is revealed.
pub fn rationale_lines(q: &Question, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = width as usize;
    let mut lines = vec![Line::default(), Line::styled("Rationale", theme.title)];
    lines.extend(wrap(&q.explanation, w).into_iter().map(Line::from));
    lines.push(Line::styled("References", theme.title));
    for r in &q.references {
        lines.extend(wrap(&format!("• {r}"), w).into_iter().map(Line::from));
    }
    lines
}

/// Which option (screen position) a click at `row` of the body hits.
pub fn option_at(body: &BodyLines, row: usize) -> Option<usize> {
    body.option_rows
        .iter()
        .position(|(s, e)| row >= *s && row < *e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflow_joins_editor_breaks_but_keeps_tables_and_lists() {
        let text = "A patient is seen\nin the office.\n\nLine  Code   Units\n1     99213  1\n- item one\n- item two\n";
        assert_eq!(
            reflow(text),
            vec![
                "A patient is seen in the office.",
                "",
                "Line  Code   Units",
                "1     99213  1",
                "- item one",
                "- item two",
            ]
        );
    }

    #[test]
    fn a_notice_wraps_at_words_and_never_cuts_one() {
        let n = "Choose with capital A-F (Shift) or 1-6; lowercase letters are commands (? lists them).";
        let lines = notice_lines(Some(n), 60);
        assert!(lines.len() >= 2);
        let words: Vec<&str> = n.split_whitespace().collect();
        let got: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_string))
            .collect();
        assert_eq!(got, words);
        assert_eq!(status_rows(Some(n), 60), 1 + lines.len() as u16);
        assert_eq!(status_rows(None, 60), 1);
        let long = "word ".repeat(200);
        let capped = notice_lines(Some(&long), 60);
        assert_eq!(capped.len(), NOTICE_MAX_ROWS);
        assert!(capped[2].ends_with(" …"));
        assert!(
            capped
                .iter()
                .all(|l| l.split_whitespace().all(|w| w == "word" || w == "…"))
        );
    }
}
