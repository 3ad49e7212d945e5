//! Home: the exams, their format, and how to start.

use super::super::app::{App, HomeState};
use super::super::keys::HOME_KEYS;
use super::super::layout::status_rows;
use super::widgets::{clock, fit_words, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, home: &HomeState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let resume = home.resume.as_ref().map(|a| {
        let left = a
            .remaining()
            .map_or("untimed".into(), |s| format!("{} left", clock(s)));
        let text = format!(
            "Unfinished {} exam: question {} of {}, {} answered, {left}. Press r to resume.",
            a.form.blueprint,
            a.current + 1,
            a.form.items.len(),
            a.answered_count()
        );
        Paragraph::new(Span::styled(text, t.warn))
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_style(t.border)
                    .padding(Padding::horizontal(1)),
            )
    });
    // The banner is as tall as its wrapped text, so nothing in it is cut.
    let resume_h = resume
        .as_ref()
        .map_or(0, |p| p.line_count(area.width) as u16);
    let mut head = vec![Line::from(Span::styled(
        "proctor · mock exams for billing and coding certifications",
        t.title,
    ))];
    if app.left_out > 0 {
        head.push(Line::styled(
            format!(
                "{} bank file(s) left out because of errors: `proctor validate` shows why.",
                app.left_out
            ),
            t.warn,
        ));
    } else {
        head.push(Line::styled(
            "Choose an exam. Enter starts a full timed mock.",
            t.dim,
        ));
    }
    let head = Paragraph::new(head).wrap(Wrap { trim: true });
    let head_h = head.line_count(area.width.saturating_sub(2)) as u16;
    let status_h = status_rows(app.notice.as_deref(), area.width);
    // The title, the resume banner and the status line are never squeezed; the exam list keeps
    // at least one row and the detail panel takes what is left, up to 8 rows.
    let spare = area.height.saturating_sub(head_h + resume_h + status_h + 3);
    let detail_h = spare.min(8);
    let [title, resume_area, list, detail, foot] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Length(resume_h),
        Constraint::Fill(1),
        Constraint::Length(detail_h),
        Constraint::Length(status_h),
    ])
    .areas(area);
    frame.render_widget(
        head.block(Block::new().padding(Padding::horizontal(1))),
        title,
    );
    if let Some(p) = resume {
        frame.render_widget(p, resume_area);
    }
    let names = short_names(
        &app.catalog
            .blueprints
            .iter()
            .map(|b| b.name.as_str())
            .collect::<Vec<_>>(),
        name_width(app, list.width),
    );
    let mut lines = Vec::new();
    for (i, bp) in app.catalog.blueprints.iter().enumerate() {
        let cap = app.catalog.capacity(bp, app.exam_day(&bp.id));
        let have: u32 = cap.iter().map(|c| c.available).sum();
        let status = if have == 0 {
            "no questions".to_string()
        } else if cap.iter().all(|c| c.available >= c.needed) {
            "ready".to_string()
        } else {
            "mini only".to_string()
        };
        let time = bp
            .minutes
            .map_or("untimed".into(), |m| format!("{}h{:02}", m / 60, m % 60));
        let pass = match &bp.passing.scaled {
            Some(s) => format!("{} scaled", s.score),
            None => format!("{}%", bp.passing.percent),
        };
        let cols = Columns::at(list.width);
        let mut text = format!(" {:<w$}", bp.id, w = id_width(app));
        if cols.body {
            text.push_str(&format!("{:<6}", bp.body));
        }
        text.push_str(&format!(
            "{:<w$} ",
            names[i],
            w = name_width(app, list.width)
        ));
        if cols.numbers {
            text.push_str(&format!("{:>4} q {:>7} {:>10}  ", bp.questions, time, pass));
        }
        text.push_str(&status);
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
        // The plan comes first: days left and today's work are what the candidate acts on, so a
        // short screen keeps them.
        let mut text: Vec<Line> = plan_line(app, bp).into_iter().collect();
        text.push(Line::from(Span::styled(
            format!("{} ({}) · {} · {}", bp.name, bp.body, bp.format, book),
            t.title,
        )));
        text.extend(progress_line(app, bp));
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
    frame.render_widget(
        Paragraph::new(status(t, app.notice.as_deref(), HOME_KEYS, foot.width)),
        foot,
    );
}

/// When this is the planned exam: the date, days left and today's recommended work.
fn plan_line(app: &App, bp: &crate::bank::Blueprint) -> Option<Line<'static>> {
    let plan = app
        .plan
        .as_ref()
        .filter(|p| p.exam.eq_ignore_ascii_case(&bp.id))?;
    let report = app.cached_report(bp);
    let today = crate::stats::today::today(plan, &report, app.now);
    Some(Line::styled(
        format!(
            "Exam on {}: {} days left. Today (p): {}.",
            plan.date,
            today.days_left,
            today.work()
        ),
        app.theme.accent,
    ))
}

/// Where the candidate stands on this exam: the prediction, or how to get one.
fn progress_line(app: &App, bp: &crate::bank::Blueprint) -> Option<Line<'static>> {
    if !app.records.iter().any(|r| r.exam == bp.exam) {
        return app.catalog.question_domains(&bp.exam).next().map(|_| {
            Line::from("No answers yet: a mini-mock (m) or a drill (d) gives a first estimate.")
        });
    }
    let report = app.cached_report(bp);
    let p = &report.prediction;
    Some(Line::from(if p.enough {
        format!("{} answers: {}.", report.answers, p.sentence())
    } else {
        format!(
            "{} answers so far: not enough data for a prediction yet.",
            report.answers
        )
    }))
}

/// Cells of the id column: the longest id and a space.
fn id_width(app: &App) -> usize {
    app.catalog
        .blueprints
        .iter()
        .map(|b| b.id.chars().count())
        .max()
        .unwrap_or(4)
        + 1
}

/// Which optional columns of the exam list fit: the body (also in the detail panel) goes first,
/// then the counts, so that the names keep room to tell the exams apart.
struct Columns {
    body: bool,
    numbers: bool,
}

impl Columns {
    fn at(width: u16) -> Columns {
        Columns {
            body: width >= 100,
            numbers: width >= 70,
        }
    }
}

/// The name column takes what the other columns leave (border, id, body, counts, status).
fn name_width(app: &App, list_width: u16) -> usize {
    let cols = Columns::at(list_width);
    let mut fixed = 2 + 1 + id_width(app) + 1 + 12;
    if cols.body {
        fixed += 6;
    }
    if cols.numbers {
        fixed += 6 + 1 + 7 + 1 + 10 + 2;
    }
    (list_width as usize).saturating_sub(fixed).clamp(8, 56)
}

/// Exam names fitted to `width` so that they still tell the exams apart: words every name starts
/// with ("Certified") say nothing and go first, then a name too long is cut after its last whole
/// word that fits, with "…" (never inside a word).
pub fn short_names(names: &[&str], width: usize) -> Vec<String> {
    let words: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    let mut common = 0;
    if names.len() > 1 {
        while words
            .iter()
            .all(|w| w.len() > common + 1 && w[common] == words[0][common])
        {
            common += 1;
        }
    }
    let full: Vec<String> = words.iter().map(|w| w[common..].join(" ")).collect();
    full.iter()
        .enumerate()
        .map(|(i, name)| {
            let short = fit_words(name, width);
            let kept = short.trim_end_matches(" …");
            // Cut to a start another name shares ("Professional Biller …" for both billers): show
            // the end of the name instead, which is where such names differ.
            let ambiguous = short.ends_with('…')
                && full
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && other.starts_with(kept));
            if !ambiguous {
                return short;
            }
            let w: Vec<&str> = name.split_whitespace().collect();
            (1..w.len())
                .map(|k| format!("… {}", w[k..].join(" ")))
                .find(|tail| tail.width() <= width)
                .unwrap_or(short)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_distinct_and_whole_worded_at_80_columns() {
        let names = [
            "Certified Professional Biller",
            "Certified Professional Biller (200-question format)",
            "Certified Professional Coder",
            "Certified Professional Coder-Payer",
            "Certified Coding Specialist - Physician-based",
            "Certified Coding Specialist",
        ];
        let short = short_names(&names, 29);
        assert_eq!(short[0], "Professional Biller");
        assert_eq!(short[1], "… (200-question format)");
        assert_eq!(short[2], "Professional Coder");
        for (i, a) in short.iter().enumerate() {
            assert!(a.width() <= 29, "{a}");
            for b in &short[i + 1..] {
                assert_ne!(a, b);
            }
            // Every word shown is a whole word of the name.
            for w in a.split_whitespace().filter(|w| *w != "…") {
                assert!(names[i].split_whitespace().any(|n| n == w), "{w} cut");
            }
        }
        assert_eq!(fit_words("Supercalifragilistic", 8), "Superca…");
    }
}
