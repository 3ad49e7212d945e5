//! A code-entry question's field with the live check of every code typed, and, once the answer is
//! revealed (practice, results), the review code by code. The live check says whether a text is a
//! complete code of an asked-for system, never whether it is the right one.

use super::super::app::App;
use super::super::layout::wrap;
use super::super::theme::Theme;
use crate::bank::Question;
use crate::codeset::check_entry;
use crate::exam::score::code_score;
use crate::exam::{Response, Verdict};
use ratatui::text::{Line, Span};

/// The instruction, the field and one line per typed code with its check.
pub fn entry_lines(
    app: &App,
    q: &Question,
    r: &Response,
    focused: bool,
    year: u16,
    width: u16,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(spec) = &q.entry else {
        return vec![];
    };
    let systems: Vec<&str> = spec.systems.iter().map(|s| s.name()).collect();
    let order = if spec.sequenced {
        " Principal or first-listed code first in each system."
    } else {
        " Any order."
    };
    let mut lines: Vec<Line<'static>> = wrap(
        &format!(
            "Code {} ({}).{order}",
            spec.code.label(),
            systems.join(", ")
        ),
        usize::from(width),
    )
    .into_iter()
    .map(|l| Line::styled(l, t.accent))
    .collect();
    let mut field = vec![Span::styled("Codes: ", t.title)];
    let shown = r.codes.join(" ");
    if focused {
        let mut text = shown.clone();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&r.draft);
        field.push(Span::styled(format!("[ {text}▏]"), t.cursor));
    } else if shown.is_empty() && r.draft.is_empty() {
        field.push(Span::styled("[ ] Enter to type codes", t.dim));
    } else {
        let mut text = shown;
        if !r.draft.is_empty() {
            text = format!("{text} {}", r.draft).trim().to_string();
        }
        field.push(Span::styled(format!("[ {text} ]"), t.selected));
        field.push(Span::styled("  Enter to edit", t.dim));
    }
    lines.push(Line::default());
    lines.push(Line::from(field));
    let typed = r.typed_codes();
    let w = usize::from(width);
    for (i, code) in typed.iter().enumerate() {
        let check = check_entry(app.books.as_ref(), &spec.systems, year, code);
        let being_typed = focused && i + 1 == typed.len() && !r.draft.is_empty();
        let style = if check.is_problem() && !being_typed {
            t.warn
        } else {
            t.dim
        };
        let mark = if check.is_problem() { "⚠ " } else { "· " };
        let text = format!("{mark}{code:<9}{}", check.message());
        let text: String = text.chars().take(w.max(10)).collect();
        lines.push(Line::styled(text, style));
    }
    lines
}

/// The per-code review: every typed code with its verdict, every missing key code, the key in
/// order and the credit, with the rule that earned it.
pub fn review_lines(q: &Question, r: &Response, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(sc) = code_score(q, r) else {
        return vec![];
    };
    let t = theme;
    let w = usize::from(width);
    let mut lines = vec![
        Line::default(),
        Line::styled("Your codes, code by code", t.title),
    ];
    if r.typed_codes().is_empty() {
        lines.push(Line::styled("No codes typed.", t.incorrect));
    }
    for v in &sc.verdicts {
        let (mark, style, why) = match v.verdict {
            Verdict::Correct => ("✓", t.correct, "correct"),
            Verdict::Sequence => ("↕", t.warn, "sequencing: a principal code not typed first"),
            Verdict::Missing => ("✗", t.incorrect, "missing"),
            Verdict::Extra => ("✗", t.incorrect, "extra: not supported by the record"),
        };
        let lead = format!("{mark} {:<9}", v.code);
        let hang = lead.chars().count();
        for (i, l) in wrap(why, w.saturating_sub(hang)).into_iter().enumerate() {
            let head = if i == 0 {
                lead.clone()
            } else {
                " ".repeat(hang)
            };
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::styled(l, style),
            ]));
        }
    }
    lines.push(Line::from(vec![
        Span::styled(format!("Credit {:.2} of 1", sc.credit), t.title),
        Span::raw(format!("   Key: {}", q.key_codes().join(", "))),
    ]));
    let n = q.key_codes().len().max(1);
    let rule = format!(
        "Each key code is worth 1/{n}; an extra code costs 1/{n}; a principal code typed after another code of its system earns half its share (docs/scoring.md)."
    );
    lines.extend(wrap(&rule, w).into_iter().map(|l| Line::styled(l, t.dim)));
    lines
}
