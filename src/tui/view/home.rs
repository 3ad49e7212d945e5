//! Home: the exams, their format, and how to start.

use super::super::app::{App, HomeState};
use super::widgets::{clock, footer};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

pub fn draw(app: &App, home: &HomeState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let resume_h = if home.resume.is_some() { 3 } else { 0 };
    let [title, resume, list, detail, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(resume_h),
        Constraint::Min(5),
        Constraint::Length(8),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                " proctor · mock exams for billing and coding certifications",
                t.title,
            )),
            Line::from(Span::styled(
                " Choose an exam. Enter starts a full timed mock.",
                t.dim,
            )),
        ]),
        title,
    );
    if let Some(a) = &home.resume {
        let left = a
            .remaining()
            .map_or("untimed".into(), |s| format!("{} left", clock(s)));
        let text = format!(
            " Unfinished {} exam: question {} of {}, {} answered, {left}. Press r to resume.",
            a.form.blueprint,
            a.current + 1,
            a.form.items.len(),
            a.answered_count()
        );
        frame.render_widget(
            Paragraph::new(Span::styled(text, t.warn))
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_style(t.border)),
            resume,
        );
    }
    let mut lines = Vec::new();
    for (i, bp) in app.catalog.blueprints.iter().enumerate() {
        let cap = app.catalog.capacity(bp);
        let have: u32 = cap.iter().map(|c| c.available).sum();
        let status = if have == 0 {
            "no questions".to_string()
        } else if cap.iter().all(|c| c.available >= c.needed) {
            "ready".to_string()
        } else {
            format!("{have} q: mini only")
        };
        let time = bp
            .minutes
            .map_or("untimed".into(), |m| format!("{}h{:02}", m / 60, m % 60));
        let pass = match &bp.passing.scaled {
            Some(s) => format!("{} scaled", s.score),
            None => format!("{}%", bp.passing.percent),
        };
        // Id, body, counts and status keep their width; the name takes what is left.
        let id_w = app
            .catalog
            .blueprints
            .iter()
            .map(|b| b.id.chars().count())
            .max()
            .unwrap_or(4)
            + 1;
        let name_w = (list.width as usize).saturating_sub(id_w + 50).clamp(8, 48);
        let name: String = bp.name.chars().take(name_w).collect();
        let text = format!(
            " {:<id_w$}{:<6}{name:<name_w$} {:>4} q {:>7} {:>10}  {}",
            bp.id, bp.body, bp.questions, time, pass, status
        );
        let style = if i == home.cursor {
            t.cursor
        } else if have == 0 {
            t.dim
        } else {
            t.text
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    let visible = list.height.saturating_sub(2) as usize;
    let scroll = home.cursor.saturating_sub(visible.saturating_sub(1)) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(Block::bordered().border_style(t.border).title(" Exams ")),
        list,
    );
    if let Some(bp) = app.catalog.blueprints.get(home.cursor) {
        let book = if bp.open_book.is_empty() {
            "closed book".to_string()
        } else {
            format!("open book: {}", bp.open_book.join("; "))
        };
        let mut text = vec![Line::from(Span::styled(
            format!("{} · {} · {}", bp.name, bp.format, book),
            t.title,
        ))];
        text.extend(progress_lines(app, bp));
        text.push(Line::styled(bp.confidence.clone(), t.dim));
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(
                Block::bordered()
                    .border_style(t.border)
                    .padding(Padding::horizontal(1)),
            ),
            detail,
        );
    }
    let hints = [
        ("Enter", "mock"),
        ("m", "mini"),
        ("p", "today"),
        ("d", "drill"),
        ("c", "custom"),
        ("s", "stats"),
        ("h", "history"),
        ("?", "help"),
        ("q", "quit"),
    ];
    frame.render_widget(
        Paragraph::new(footer(t, app.notice.as_deref(), &hints)),
        foot,
    );
}

/// Where the candidate stands on this exam: the prediction and, when it is the planned exam, days
/// left and today's recommended work.
fn progress_lines(app: &App, bp: &crate::bank::Blueprint) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    if !app.records.iter().any(|r| r.exam == bp.exam) {
        if app.catalog.questions_for_exam(&bp.exam).next().is_some() {
            out.push(Line::from(
                "No answers yet: a mini-mock (m) or a drill (d) gives a first estimate.",
            ));
        }
        return out;
    }
    let report = app.cached_report(bp);
    let p = &report.prediction;
    out.push(Line::from(if p.enough {
        format!("{} answers: {}.", report.answers, p.sentence())
    } else {
        format!(
            "{} answers so far: not enough data for a prediction yet.",
            report.answers
        )
    }));
    if let Some(plan) = app
        .plan
        .as_ref()
        .filter(|p| p.exam.eq_ignore_ascii_case(&bp.id))
    {
        let today = crate::stats::today::today(plan, &report, app.now);
        let work = today.work();
        out.push(Line::styled(
            format!(
                "Exam on {}: {} days left. Today (p): {work}.",
                plan.date, today.days_left
            ),
            t.accent,
        ));
    }
    out
}
