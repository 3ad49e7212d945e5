//! The results review of one question, shared by the view (to draw) and `update` (to know how far
//! its panels scroll): the question as the candidate saw it, their answer and the key under the
//! letters they saw, each option's reason, the rationale, and the case beside or above.

use super::layout::{BodyInput, SIDE_BY_SIDE_WIDTH, body_lines, case_lines, rationale_lines};
use super::theme::Theme;
use crate::bank::{Case, Catalog};
use crate::exam::Attempt;
use crate::exam::score::is_correct;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

/// Where the results' question tab puts its parts.
pub struct ReviewAreas {
    pub list: Rect,
    pub case: Option<Rect>,
    pub detail: Rect,
}

/// The list on the left; the case beside the question on a wide terminal, above it on a narrower
/// one, as on the exam screen.
pub fn review_areas(area: Rect, case: Option<&Case>, theme: &Theme) -> ReviewAreas {
    let list_w = 26.min(area.width / 3);
    let [list, right] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Min(10)]).areas(area);
    let Some(case) = case else {
        return ReviewAreas {
            list,
            case: None,
            detail: right,
        };
    };
    // Beside when the pane right of the list is as wide as the exam needs for it; above otherwise.
    let [case, detail] = if right.width >= SIDE_BY_SIDE_WIDTH {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right)
    } else {
        // Above: as tall as the record (up to 40 %), the rest for the question.
        let rows = case_lines(case, right, theme).len() as u16 + 2;
        let cap = (u32::from(right.height) * 40 / 100) as u16;
        Layout::vertical([Constraint::Length(rows.min(cap.max(3))), Constraint::Min(1)])
            .areas(right)
    };
    ReviewAreas {
        list,
        case: Some(case),
        detail,
    }
}

/// The case of item `i`, if its question has one.
pub fn review_case<'a>(catalog: &'a Catalog, attempt: &Attempt, i: usize) -> Option<&'a Case> {
    catalog.case_of(&attempt.form.items.get(i)?.question)
}

/// The case panel's lines for its area.
pub fn review_case_lines(case: &Case, area: Rect, theme: &Theme) -> Vec<Line<'static>> {
    case_lines(case, area, theme)
}

/// Item `i` of the attempt as the review shows it, `width` columns wide.
pub fn review_lines(
    catalog: &Catalog,
    attempt: &Attempt,
    i: usize,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = question_review_lines(catalog, attempt, i, width, theme);
    if attempt.form.items[i].pretest {
        // Told only now, after the exam: while sitting, pretest items look like any other.
        lines.insert(
            0,
            Line::styled(
                "Unscored pretest item: the answer is not part of the score.",
                theme.dim,
            ),
        );
    }
    lines
}

fn question_review_lines(
    catalog: &Catalog,
    attempt: &Attempt,
    i: usize,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let item = &attempt.form.items[i];
    let Some(q) = catalog.question(&item.question) else {
        return vec![Line::from(
            "This question is no longer in the loaded banks.",
        )];
    };
    let resp = &attempt.responses[i];
    let input = BodyInput {
        number: i + 1,
        question: q,
        item,
        response: resp,
        cursor: None,
        reveal: true,
    };
    let secs = resp.seconds.max(0.0).ceil() as u64;
    if q.is_code_entry() {
        // The typed codes' verdicts, the credit and the key, then the question and rationale.
        let mut lines = vec![Line::raw(format!(
            "Time: {}:{:02}:{:02}   {}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            q.id
        ))];
        lines.extend(body_lines(&input, width, theme).lines);
        lines.extend(super::view::entry::review_lines(q, resp, width, theme));
        lines.extend(rationale_lines(q, width, theme));
        return lines;
    }
    // The verdict first: what they answered and the key, under the letters they saw.
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!(
                    "Your answer: {}",
                    super::layout::seen_letters(item, &resp.selected)
                ),
                if is_correct(attempt, catalog, i) {
                    theme.correct
                } else {
                    theme.incorrect
                },
            ),
            Span::raw(format!(
                "   Key: {}   Time: {}:{:02}:{:02}   {}",
                super::layout::seen_letters(item, &q.key_set()),
                secs / 3600,
                secs / 60 % 60,
                secs % 60,
                q.id
            )),
        ]),
        Line::default(),
    ];
    lines.extend(body_lines(&input, width, theme).lines);
    lines.extend(rationale_lines(q, width, theme));
    lines
}
