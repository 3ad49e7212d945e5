//! `proctor preview`: the file's page (what it holds, what the validator says) and the findings
//! panel `v` lays over the questions.

use super::super::app::{App, PreviewState};
use super::super::keys::PREVIEW_KEYS;
use super::super::layout::status_rows;
use super::widgets::status;
use crate::bank::Diagnostic;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

/// Text from outside (a path, a message quoting the file) with control characters shown as `?`:
/// nothing from a file reaches the terminal as a command.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn finding_line(d: &Diagnostic, app: &App) -> Line<'static> {
    let t = &app.theme;
    let (word, style): (&str, Style) = if d.is_error() {
        ("error", t.danger)
    } else {
        ("warning", t.warn)
    };
    Line::from(vec![
        Span::styled(format!("{:>5}:{:<3} ", d.line, d.column), t.dim),
        Span::styled(word.to_string(), style),
        Span::raw(format!(" {}", printable(&d.message))),
    ])
}

/// "2 error(s), 1 warning(s)", or that the validator found nothing.
fn counts(p: &PreviewState) -> String {
    if p.findings.is_empty() {
        "no findings: `proctor validate` accepts it".into()
    } else {
        format!("{} error(s), {} warning(s)", p.errors(), p.warnings())
    }
}

/// The file's page: shown first when the file cannot be sat, and after leaving the questions.
pub fn page(app: &App, p: &PreviewState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let [main, foot] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status_rows(app.notice.as_deref(), area.width)),
    ])
    .areas(area);
    let exam = p
        .blueprint
        .as_deref()
        .and_then(|b| app.catalog.blueprint(b))
        .map_or(String::new(), |b| format!(" for {} · {}", b.id, b.name));
    let mut lines = vec![Line::styled(
        format!("Preview of {}", printable(&p.path.display().to_string())),
        t.title,
    )];
    match &p.broken {
        Some(why) if p.questions.is_empty() => lines.push(Line::styled(
            format!("Nothing to sit yet: {why}."),
            t.warn,
        )),
        Some(why) => lines.push(Line::styled(
            format!(
                "As last saved it cannot be sat ({why}); Enter sits the last version that could ({} question(s){exam}).",
                p.questions.len()
            ),
            t.warn,
        )),
        None => lines.push(Line::from(format!(
            "{} question(s){exam}. Enter sits them in practice: each answer checked, its rationale shown.",
            p.questions.len()
        ))),
    }
    lines.push(Line::styled(
        "Nothing from a preview goes to your history or your stats.",
        t.dim,
    ));
    if p.watching {
        lines.push(Line::styled(
            "Watching the file: every save is read again and the questions follow it.",
            t.dim,
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(format!("Findings: {}", counts(p)), t.title));
    for d in p.findings.iter().skip(p.scroll) {
        lines.push(finding_line(d, app));
    }
    let block = Block::bordered()
        .border_style(t.border)
        .padding(Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        main,
    );
    let table = PREVIEW_KEYS;
    frame.render_widget(
        Paragraph::new(status(t, app.notice.as_deref(), table, area.width)),
        foot,
    );
}

/// The findings over the lower part of the questions (a third of the screen at most), when open.
pub fn panel(app: &App, p: &PreviewState, frame: &mut Frame, area: Rect) {
    if !p.show_findings {
        return;
    }
    let t = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(why) = &p.broken {
        lines.push(Line::styled(
            format!(
                "As saved it cannot be sat ({why}); these are the last questions that could be."
            ),
            t.warn,
        ));
    }
    lines.extend(p.findings.iter().map(|d| finding_line(d, app)));
    let body = Paragraph::new(lines).wrap(Wrap { trim: false });
    let wanted = u16::try_from(body.line_count(area.width.saturating_sub(2)).max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let height = wanted.min((area.height / 3).max(4)).min(area.height);
    // Above the status rows, so the notice that says what changed stays readable.
    let foot = status_rows(app.notice.as_deref(), area.width).min(area.height - height);
    let rect = Rect {
        x: area.x,
        y: area.y + area.height - height - foot,
        width: area.width,
        height,
    };
    let mut block = Block::bordered().border_style(t.border).title(Span::styled(
        format!(" {} · {} · v hides ", printable(&p.name()), counts(p)),
        t.title,
    ));
    if wanted > height {
        block = block.title_bottom(Span::styled(
            " more: leave (q) for the file's page, which lists them all ",
            t.dim,
        ));
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(body.block(block), rect);
}
