//! Where things go on the exam screen. Shared by the view (to draw) and by `update` (to map a mouse
//! click to an option), so both always agree.

use super::text::{hung_lines, text_lines};
use super::theme::Theme;
use crate::bank::flow::Field;
use crate::bank::{Case, ChoiceKey, Question};
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

/// The furthest a panel of `total` lines showing `visible` of them can scroll.
pub fn max_scroll(total: usize, visible: usize) -> usize {
    total.saturating_sub(visible)
}

/// Rows of text inside a bordered panel of this height.
pub fn panel_rows(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
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

/// The case's share of a wide screen: enough for its widest table row (columns separated by two or
/// more spaces) when that fits in 60 %, never less than 45 %, so a remittance's columns stay on one
/// row where the screen allows. Other long lines wrap under their marker.
fn case_percent(area: Rect, case: &Case) -> u16 {
    let widest = case
        .text
        .lines()
        .filter(|l| l.trim().contains("  "))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        + 4;
    let pct = (widest * 100).div_ceil(usize::from(area.width.max(1)));
    pct.clamp(45, 60) as u16
}

/// `status` is the height of the status area ([`status_rows`]).
pub fn exam_areas(area: Rect, case: Option<&Case>, status: u16) -> ExamAreas {
    let [header, main, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(status),
    ])
    .areas(area);
    let Some(case) = case else {
        return ExamAreas {
            header,
            case: None,
            body: main,
            footer,
        };
    };
    let (case, body) = if area.width >= SIDE_BY_SIDE_WIDTH {
        let pct = case_percent(area, case);
        let [c, b] = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([
                Constraint::Percentage(pct),
                Constraint::Percentage(100 - pct),
            ])
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
    /// Show which options are right and each option's reason (practice feedback and review).
    pub reveal: bool,
}

pub use super::text::wrap;

pub fn body_lines(input: &BodyInput, width: u16, theme: &Theme) -> BodyLines {
    let w = width as usize;
    let q = input.question;
    let number = Span::styled(format!("{}. ", input.number), theme.title);
    let mut lines = hung_lines(vec![number], &q.stem, w, theme.text, theme.dim);
    if q.is_multi() {
        lines.push(Line::styled(
            "Select all that apply.".to_string(),
            theme.accent,
        ));
    }
    lines.push(Line::default());
    let keys = q.key_set();
    let mut option_rows = Vec::new();
    // Always the order and letters the candidate saw: reasons are keyed by option, not by letter.
    for (pos, key) in input.item.order.iter().enumerate() {
        let text = q.choices.get(key).cloned().unwrap_or_default();
        let chosen = input.response.selected.contains(key);
        let struck = input.response.struck.contains(key);
        let is_key = keys.contains(key);
        let letter = seen_letter(pos);
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
        let verdict_style = if is_key {
            theme.correct
        } else {
            theme.incorrect
        };
        let lead = vec![
            Span::styled(verdict.to_string(), verdict_style),
            Span::styled(format!("{mark} {letter}) "), style),
        ];
        let indent: usize = lead.iter().map(|s| s.width()).sum();
        let text_style = if struck { theme.struck } else { style };
        let start = lines.len();
        for line in hung_lines(lead, &text, w, text_style, theme.dim) {
            lines.push(if input.cursor == Some(pos) {
                line.patch_style(theme.cursor)
            } else {
                line
            });
        }
        if input.reveal
            && let Some(why) = q.why.get(key)
        {
            let pad = vec![Span::raw(" ".repeat(indent))];
            lines.extend(hung_lines(pad, why, w, theme.dim, theme.dim));
        }
        option_rows.push((start, lines.len()));
    }
    BodyLines { lines, option_rows }
}

/// The question panel: the question, and once it is revealed its rationale and references.
pub fn question_panel(input: &BodyInput, width: u16, theme: &Theme) -> BodyLines {
    let mut body = body_lines(input, width, theme);
    if input.reveal {
        body.lines.push(Line::default());
        body.lines.push(verdict_line(
            input.question,
            input.item,
            input.response,
            theme,
        ));
        body.lines
            .extend(rationale_lines(input.question, width, theme));
    }
    body
}

/// Practice feedback in one line: "Correct", or "Incorrect — the answer is C" with the letters the
/// candidate saw when answering (the form's order, not the bank's).
pub fn verdict_line(
    q: &Question,
    item: &FormItem,
    response: &Response,
    t: &Theme,
) -> Line<'static> {
    let keys = q.key_set();
    if response.selected == keys {
        return Line::styled("✓ Correct", t.correct);
    }
    let mut letters: Vec<char> = keys
        .iter()
        .filter_map(|k| item.position_of(*k))
        .map(|p| (b'A' + p as u8) as char)
        .collect();
    letters.sort();
    let answer = match letters.as_slice() {
        [one] => format!("the answer is {one}"),
        many => {
            let list: Vec<String> = many.iter().map(char::to_string).collect();
            format!("the answers are {}", list.join(", "))
        }
    };
    Line::styled(format!("✗ Incorrect — {answer}"), t.incorrect)
}

/// A case record as lines for a panel of this outer width (border and padding inside).
pub fn case_lines(case: &Case, outer: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let width = outer.width.saturating_sub(4) as usize;
    text_lines(&case.text, Field::Record, width, theme.text, theme.dim)
}

/// The letter the candidate saw at screen position `pos`.
pub fn seen_letter(pos: usize) -> char {
    (b'A' + pos.min(25) as u8) as char
}

/// Bank keys as the letters the candidate saw them under, in screen order ("no answer" for none).
pub fn seen_letters(item: &FormItem, keys: &[ChoiceKey]) -> String {
    let mut pos: Vec<usize> = keys.iter().filter_map(|k| item.position_of(*k)).collect();
    pos.sort_unstable();
    if pos.is_empty() {
        return "no answer".into();
    }
    pos.into_iter()
        .map(|p| seen_letter(p).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rationale and references under a question, wherever one is revealed.
pub fn rationale_lines(q: &Question, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = width as usize;
    let mut lines = vec![Line::default(), Line::styled("Rationale", theme.title)];
    lines.extend(text_lines(
        &q.explanation,
        Field::Prose,
        w,
        theme.text,
        theme.dim,
    ));
    lines.push(Line::styled("References", theme.title));
    for r in &q.references {
        let bullet = vec![Span::raw("• ")];
        lines.extend(hung_lines(bullet, r, w, theme.text, theme.dim));
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
