//! Stats: mastery per domain with its uncertainty, the predicted score, the mock trend.

use super::super::app::{App, StatsState};
use super::super::keys::STATS_KEYS;
use super::super::layout::status_rows;
use super::widgets::{fit_words, status};
use crate::stats::mastery::{HALF_LIFE_DAYS, Prior};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

/// A mastery bar: `█` up to the mean, `▒` across the interval above it, with the pass mark as `|`.
fn mastery_bar(mean: f64, low: f64, high: f64, pass: f64, width: usize) -> String {
    (0..width)
        .map(|i| {
            let x = (i as f64 + 0.5) / width as f64;
            let at_pass = ((pass * width as f64) as usize) == i;
            if at_pass {
                '|'
            } else if x <= mean {
                '█'
            } else if x >= low && x <= high {
                '▒'
            } else {
                '·'
            }
        })
        .collect()
}

/// How the estimates were made, in one line a candidate can check (docs/scoring.md).
fn explain(m: &Prior, days: Option<f64>) -> String {
    let trend = 100.0 * m.trend_per_week * m.mean * (1.0 - m.mean);
    // Said only when the answers show it (beyond one standard deviation), not the prior's own
    // modest expectation of a gain.
    let clear = m.trend_per_week.abs() > m.trend_sd;
    let moving = if !clear {
        String::new()
    } else if trend >= 0.5 {
        format!(", rising {trend:.0} points a week")
    } else if trend <= -0.5 {
        format!(", falling {:.0} points a week", -trend)
    } else {
        String::new()
    };
    let age = match days {
        Some(d) if d >= 7.0 => format!(
            " Last answer {d:.0} days ago: answers lose half their weight in {:.0} days, so ranges widen.",
            HALF_LIFE_DAYS
        ),
        _ => String::new(),
    };
    format!(
        "How: each domain starts from your overall level ({:.0}%{moving}) and moves with its own first answers (re-asks and blanks do not count).{age}",
        100.0 * m.mean
    )
}

pub fn draw(app: &App, s: &StatsState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = &s.report;
    let chart_h = if r.mock_scores.is_empty() || area.height < 30 {
        0
    } else {
        10
    };
    let [main, chart, foot] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(chart_h),
        Constraint::Length(status_rows(app.notice.as_deref(), area.width)),
    ])
    .areas(area);
    if chart_h > 0 {
        trend_chart(app, s, frame, chart);
    }
    let name = app
        .catalog
        .blueprint(&r.blueprint)
        .map_or("", |b| b.name.as_str());
    let p = &r.prediction;
    let pass = p.pass_percent / 100.0;
    let mut lines = vec![Line::from(Span::styled(
        format!("{} · {name} · {} answers", r.blueprint, r.evidence_answers),
        t.title,
    ))];
    if p.enough {
        lines.push(Line::from(format!(
            "Based on {} answers: {}.",
            r.evidence_answers,
            p.sentence()
        )));
        if let Some(m) = r.domains.first().map(|d| &d.mastery.prior) {
            lines.push(Line::styled(explain(m, r.days_since_last_answer), t.dim));
        }
    } else {
        lines.push(Line::styled(
            "Predicted score: not enough data yet (answer more questions across the domains).",
            t.dim,
        ));
    }
    lines.push(Line::default());
    // Narrow screens get a shorter bar and lose the first-sight/review column before a domain
    // name is cut (and a name is only ever cut after a whole word).
    let width = main.width as usize;
    let bar_w = if width >= 100 { 20 } else { 10 };
    let review = width >= 80;
    let fixed = 4 + 1 + bar_w + 9 + 10 + if review { 12 } else { 0 };
    let name_w = width.saturating_sub(fixed).clamp(10, 40);
    let mut head = format!(
        "{:<name_w$} {:<bar_w$} {:>8} {:>9}",
        "Domain",
        if bar_w >= 18 {
            "mastery (| = pass)"
        } else {
            "mastery"
        },
        "estimate",
        "seen"
    );
    if review {
        head.push_str(&format!(" {:>11}", "1st/review"));
    }
    lines.push(Line::styled(head, t.title));
    for d in &r.domains {
        let m = &d.mastery;
        let est = if m.enough {
            format!("{:.0}%", 100.0 * m.mean)
        } else {
            "no data".to_string()
        };
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.0}%", 100.0 * v));
        let dname = fit_words(&d.name, name_w);
        let style = if m.enough && m.mean < pass {
            t.warn
        } else {
            t.text
        };
        let mut row = format!(
            "{dname:<name_w$} {} {est:>8} {:>4}/{:<4}",
            mastery_bar(m.mean, m.low, m.high, pass, bar_w),
            d.seen,
            d.questions,
        );
        if review {
            row.push_str(&format!(
                " {:>5}/{:<5}",
                pct(d.first_sight_accuracy),
                pct(d.review_accuracy)
            ));
        }
        lines.push(Line::styled(row, style));
    }
    lines.push(Line::default());
    let trend: Vec<String> = r
        .mock_scores
        .iter()
        .rev()
        .take(8)
        .rev()
        .map(|m| format!("{:.0}%{}", m.percent, if m.passed { "✓" } else { "" }))
        .collect();
    lines.push(Line::from(if trend.is_empty() {
        "Mock exams: none yet.".to_string()
    } else {
        format!(
            "Mock exams, oldest to newest: {}  (pass {}%)",
            trend.join(" → "),
            p.pass_percent
        )
    }));
    if let (Some(spq), Some(pace)) = (r.seconds_per_question, r.pace_seconds_per_question) {
        lines.push(Line::from(format!(
            "Time per question in mocks {:.0} s; the exam allows {:.0} s.",
            spq, pace
        )));
    }
    let weakest: Vec<&str> = r.weakest.iter().take(3).map(String::as_str).collect();
    lines.push(Line::from(format!(
        "Weakest (most worth drilling): {}",
        weakest.join(", ")
    )));
    lines.push(Line::from(format!(
        "Confidently wrong (missed without a flag): {} question(s)",
        r.confidently_wrong.len()
    )));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_style(t.border)
                .padding(Padding::horizontal(1)),
        ),
        main,
    );
    frame.render_widget(
        Paragraph::new(status(t, app.notice.as_deref(), STATS_KEYS, foot.width)),
        foot,
    );
}

/// Mock exam scores in order, against the pass mark, as a line chart.
fn trend_chart(app: &App, s: &StatsState, frame: &mut Frame, area: Rect) {
    use ratatui::symbols::Marker;
    use ratatui::widgets::{Axis, Chart, Dataset, GraphType};
    let t = &app.theme;
    let r = &s.report;
    let scores: Vec<(f64, f64)> = r
        .mock_scores
        .iter()
        .enumerate()
        .map(|(i, m)| (i as f64 + 1.0, m.percent))
        .collect();
    let n = scores.len().max(2) as f64;
    let pass = r.prediction.pass_percent;
    let pass_line = vec![(1.0, pass), (n, pass)];
    let datasets = vec![
        Dataset::default()
            .name(format!("pass mark {pass}%"))
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(t.dim)
            .data(&pass_line),
        Dataset::default()
            .name("mock exams (%)")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.accent)
            .data(&scores),
    ];
    let chart = Chart::new(datasets)
        .block(
            Block::bordered()
                .border_style(t.border)
                .title(" Mock exam scores, oldest to newest "),
        )
        .x_axis(Axis::default().bounds([1.0, n]).labels(vec![
            Line::from("1"),
            Line::from(format!("{}", scores.len())),
        ]))
        .y_axis(Axis::default().bounds([0.0, 100.0]).labels(vec![
            Line::from("0"),
            Line::from("50"),
            Line::from("100"),
        ]));
    frame.render_widget(chart, area);
}
