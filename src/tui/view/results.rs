//! Results: score and pass/fail, the per-domain table weakest first, then every question.

use super::super::app::{App, ResultsFilter, ResultsState, ResultsTab};
use super::super::keys::{RESULTS_KEYS, with_scroll_hints};
use super::super::layout::{panel_rows, status_rows};
use super::super::review::{review_areas, review_case, review_case_lines, review_lines};
use super::super::update::results::filtered;
use super::widgets::{bar, clock, scrolled_panel, status};
use crate::exam::score::credit_of;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

pub fn draw(app: &App, r: &ResultsState, frame: &mut Frame, area: Rect) {
    let [main, foot] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status_rows(app.notice.as_deref(), area.width)),
    ])
    .areas(area);
    match r.tab {
        ResultsTab::Summary => summary(app, r, frame, main),
        ResultsTab::Questions => questions(app, r, frame, main),
    }
    // The code book opens over the right-hand part of the review.
    if let Some(book) = &app.book {
        let w = main
            .width
            .saturating_sub(main.width / 3)
            .max(40)
            .min(main.width);
        let rect = Rect::new(main.x + main.width - w, main.y, w, main.height);
        frame.render_widget(ratatui::widgets::Clear, rect);
        super::book::draw(app, book, frame, rect);
    }
    let (case_hidden, question_hidden) = if r.tab == ResultsTab::Questions {
        super::super::update::results::overflow(app, r, main)
    } else {
        (false, false)
    };
    let keys = with_scroll_hints(RESULTS_KEYS, question_hidden, case_hidden);
    frame.render_widget(
        Paragraph::new(status(&app.theme, app.notice.as_deref(), &keys, foot.width)),
        foot,
    );
}

fn summary(app: &App, r: &ResultsState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let s = &r.report;
    let name = app
        .catalog
        .blueprint(&r.attempt.form.blueprint)
        .map_or("", |b| b.name.as_str());
    // Practice and drills are not exams: no pass verdict for them.
    let verdict = if r.attempt.form.tutor {
        Span::styled(format!("({})", r.attempt.form.mode()), t.dim)
    } else if s.passed {
        Span::styled("✓ PASS", t.correct)
    } else {
        Span::styled("✗ NOT YET A PASS", t.incorrect)
    };
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} · {name} · results", r.attempt.form.blueprint),
            t.title,
        )),
        Line::default(),
        Line::from(vec![
            Span::styled(format!("Score {:.1}%", s.percent), t.title),
            Span::raw(points(s.credit, s.correct, s.total)),
            verdict,
            Span::styled(format!("  pass mark {}%", s.pass_percent), t.dim),
        ]),
    ];
    if let Some(e) = &s.scaled_estimate {
        lines.push(Line::from(format!(
            "Estimated scaled score {:.0} (cut {} on a {}-{} scale) - a practice estimate, not the body's own scale",
            e.score, e.cut, e.min, e.max
        )));
    }
    if s.pretest > 0 {
        lines.push(Line::styled(
            format!(
                "Scored on {} questions: {} were unscored pretest items, as on the real exam (marked \"pretest\" in the question list)",
                s.total, s.pretest
            ),
            t.dim,
        ));
    }
    let per_q = s.seconds_used / f64::from((s.total + s.pretest).max(1)) / 60.0;
    let pace = s
        .pace_seconds_per_question
        .map_or(String::new(), |p| format!(" (exam pace {:.1})", p / 60.0));
    let allowed = r
        .attempt
        .form
        .total_seconds()
        .map_or(String::new(), |a| format!(" of {}", clock(a as f64)));
    lines.push(Line::from(format!(
        "Time used {}{allowed} · {per_q:.1} min/question{pace}",
        clock(s.seconds_used)
    )));
    if s.unanswered > 0 {
        lines.push(Line::styled(
            format!(
                "{} question(s) left unanswered (scored as wrong)",
                s.unanswered
            ),
            t.warn,
        ));
    }
    if r.attempt.end == Some(crate::exam::EndReason::TimeUp) {
        lines.push(Line::styled(
            "The exam was submitted when time ran out.",
            t.warn,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "By domain, weakest first",
        t.title,
    )));
    let name_w = (area.width as usize).saturating_sub(36).clamp(12, 44);
    for d in &s.domains {
        let pct = d.percent();
        let style = if pct + 1e-9 >= s.pass_percent {
            t.text
        } else {
            t.warn
        };
        let dname: String = d.name.chars().take(name_w).collect();
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{dname:<name_w$} {:>3}/{:<3} {:>4.0}% ",
                    trim_points(d.credit),
                    d.total,
                    pct
                ),
                style,
            ),
            Span::styled(bar(pct / 100.0, 12), style),
        ]));
    }
    if let Some(before) = &r.mastery_before {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Mastery after this drill",
            t.title,
        )));
        if let Some(bp) = app.catalog.blueprint(&r.attempt.form.blueprint) {
            let ids: Vec<&str> = bp.domains.iter().map(|d| d.id.as_str()).collect();
            let answers = crate::stats::answers_from(&app.records);
            let after = crate::stats::mastery(&answers, &bp.exam, &ids, app.now);
            for ((d, b), a) in bp.domains.iter().zip(before).zip(&after) {
                if a.answers == b.answers {
                    continue;
                }
                let dname: String = d.name.chars().take(name_w).collect();
                let delta = 100.0 * (a.mean - b.mean);
                lines.push(Line::from(format!(
                    "{dname:<name_w$} {:>4.0}% -> {:>4.0}%  ({}{:.0} points)",
                    100.0 * b.mean,
                    100.0 * a.mean,
                    if delta >= 0.0 { "+" } else { "" },
                    delta
                )));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Tab or Enter: review every question with its rationale.",
        t.dim,
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_style(t.border)
                    .padding(Padding::horizontal(1)),
            ),
        area,
    );
}

fn questions(app: &App, r: &ResultsState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let items = filtered(app);
    let current = items.get(r.cursor).copied();
    let case = current.and_then(|i| review_case(&app.catalog, &r.attempt, i));
    let areas = review_areas(area, case, t);
    let filter = match &r.filter {
        ResultsFilter::All => "all".to_string(),
        ResultsFilter::Incorrect => "incorrect".to_string(),
        ResultsFilter::Flagged => "flagged".to_string(),
        ResultsFilter::Domain(d) => d.clone(),
    };
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(row, &i)| {
            let credit = credit_of(&r.attempt, &app.catalog, i);
            let ok = credit >= 1.0;
            // Partial credit (code entry) has its own mark, so a list without colour tells it apart.
            let mark = if ok {
                "✓"
            } else if credit > 0.0 {
                "◐"
            } else {
                "✗"
            };
            let flag = if r.attempt.responses[i].flagged {
                "⚑"
            } else {
                " "
            };
            let domain = app
                .catalog
                .question(&r.attempt.form.items[i].question)
                .map_or("", |q| q.domain.as_str());
            // First in the row, so a narrow list still shows it.
            let pretest = if r.attempt.form.items[i].pretest {
                "pretest · "
            } else {
                ""
            };
            let text = format!("{mark}{flag}{:>4} {pretest}{domain}", i + 1);
            let mut style = if ok { t.correct } else { t.incorrect };
            if row == r.cursor {
                style = style.patch(t.cursor);
            }
            Line::from(Span::styled(text, style))
        })
        .collect();
    let visible = panel_rows(areas.list);
    let scroll = r.cursor.saturating_sub(visible.saturating_sub(1)) as u16;
    let list_block = Block::bordered()
        .border_style(t.border)
        .title(format!(" {} · {filter} ", items.len()));
    scrolled_panel(frame, areas.list, list_block, lines, scroll, ("↑", "↓"), t);
    if let (Some(case), Some(rect)) = (case, areas.case) {
        let block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled(format!(" Case: {} ", case.title), t.title))
            .padding(Padding::horizontal(1));
        let lines = review_case_lines(case, rect, t);
        scrolled_panel(frame, rect, block, lines, r.case_scroll, ("[", "]"), t);
    }
    let block = Block::bordered()
        .border_style(t.border)
        .padding(Padding::horizontal(1));
    let Some(i) = current else {
        frame.render_widget(
            Paragraph::new("No questions match this filter.").block(block),
            areas.detail,
        );
        return;
    };
    let width = areas.detail.width.saturating_sub(4);
    let lines = review_lines(&app.catalog, &r.attempt, i, width, t);
    scrolled_panel(
        frame,
        areas.detail,
        block,
        lines,
        r.detail_scroll,
        ("PgUp", "PgDn"),
        t,
    );
}

/// " (40 of 47 correct)", or with partial credit from code-entry questions
/// " (41.5 points of 47; 40 fully correct)".
fn points(credit: f64, correct: u32, total: u32) -> String {
    if (credit - f64::from(correct)).abs() < 1e-9 {
        format!(" ({correct} of {total} correct)  ")
    } else {
        format!(
            " ({} points of {total}; {correct} fully correct)  ",
            trim_points(credit)
        )
    }
}

/// Points with at most two decimals and no trailing zeros: 3, 3.5, 3.25.
fn trim_points(p: f64) -> String {
    let s = format!("{p:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
