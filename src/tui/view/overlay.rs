//! Dialogs over any screen: help, go to, confirmations.

use super::super::app::{App, Confirm, Overlay, Screen};
use super::super::keys::{
    CUSTOM_DRILL_KEYS, EXAM_KEYS, HISTORY_KEYS, HOME_KEYS, RESULTS_KEYS, REVIEW_KEYS, STATS_KEYS,
};
use super::widgets::{centered, clock};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(ov) = &app.overlay else { return };
    let t = &app.theme;
    let (title, lines, width): (&str, Vec<Line>, u16) = match ov {
        Overlay::Help => {
            let keys = match &app.screen {
                Screen::Home(_) => HOME_KEYS,
                Screen::Exam(e) if e.review.is_some() => REVIEW_KEYS,
                Screen::Exam(_) => EXAM_KEYS,
                Screen::Results(_) => RESULTS_KEYS,
                Screen::Stats(_) => STATS_KEYS,
                Screen::History(_) => HISTORY_KEYS,
            };
            let kw = keys
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            let mut lines: Vec<Line> = keys
                .iter()
                .map(|(k, what)| {
                    Line::from(vec![
                        Span::styled(format!("{k:<kw$}  "), t.key),
                        Span::raw(what.to_string()),
                    ])
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::styled("Press any key to close.", t.dim));
            ("Keys", lines, 76)
        }
        Overlay::Goto(text) => {
            let range = app.exam().map(|e| e.attempt.open_range()).unwrap_or(0..0);
            (
                "Go to question",
                vec![
                    Line::from(vec![
                        Span::raw("Number: "),
                        Span::styled(format!("{text}_"), t.selected),
                    ]),
                    Line::styled(
                        format!(
                            "{} to {} · Enter to go · Esc to cancel",
                            range.start + 1,
                            range.end
                        ),
                        t.dim,
                    ),
                ],
                44,
            )
        }
        Overlay::Confirm(c) => confirm(app, c),
        Overlay::CustomDrill(c) => custom_drill(app, c),
    };
    let height = lines.len() as u16 + 4;
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(Span::styled(format!(" {title} "), t.title))
                .padding(Padding::uniform(1)),
        ),
        rect,
    );
}

fn confirm<'a>(app: &'a App, c: &Confirm) -> (&'static str, Vec<Line<'a>>, u16) {
    let t = &app.theme;
    let yes_no = Line::from(vec![
        Span::styled("y", t.key),
        Span::raw(" yes    "),
        Span::styled("n", t.key),
        Span::raw(" no"),
    ]);
    let counts = app.exam().map(|e| {
        let a = &e.attempt;
        let r = a.open_range();
        let unanswered = r.clone().filter(|&i| !a.responses[i].answered()).count();
        let flagged = r.filter(|&i| a.responses[i].flagged).count();
        (unanswered, flagged, a.remaining())
    });
    match c {
        Confirm::Submit => {
            let (u, f, _) = counts.unwrap_or((0, 0, None));
            let practice = app.exam().is_some_and(|e| e.attempt.form.tutor);
            let ask = if practice {
                "Finish and see the summary? Unanswered questions count as missed."
            } else {
                "Submit the exam for scoring? You cannot change answers after this."
            };
            let mut lines = vec![Line::from(ask)];
            lines.push(Line::styled(
                format!("{u} unanswered · {f} flagged for review"),
                if u > 0 { t.warn } else { t.text },
            ));
            lines.push(Line::default());
            lines.push(yes_no);
            ("Submit exam", lines, 60)
        }
        Confirm::EndSection => {
            let (u, f, left) = counts.unwrap_or((0, 0, None));
            let left = left.map_or(String::new(), |s| {
                format!(" · {} left in this part", clock(s))
            });
            (
                "End this part",
                vec![
                    Line::from("End this part now? It closes for good and the next part starts."),
                    Line::styled(
                        format!("{u} unanswered · {f} flagged{left}"),
                        if u > 0 { t.warn } else { t.text },
                    ),
                    Line::default(),
                    yes_no,
                ],
                60,
            )
        }
        Confirm::QuitExam => (
            "Leave the exam",
            vec![
                Line::from(
                    "Leave now? Your answers and the time left are saved; run proctor again to resume.",
                ),
                Line::default(),
                yes_no,
            ],
            60,
        ),
        Confirm::QuitApp => (
            "Quit",
            vec![Line::from("Quit proctor?"), Line::default(), yes_no],
            40,
        ),
        Confirm::ReplaceUnfinished { blueprint, .. } => (
            "Unfinished exam",
            vec![
                Line::from(format!(
                    "An unfinished exam is saved. Start a new {blueprint} exam anyway? The unfinished one is submitted as it stands and goes to your history."
                )),
                Line::default(),
                yes_no,
            ],
            60,
        ),
    }
}

fn custom_drill<'a>(
    app: &'a App,
    c: &crate::tui::app::CustomDrill,
) -> (&'static str, Vec<Line<'a>>, u16) {
    let t = &app.theme;
    let mut lines = Vec::new();
    if let Some(bp) = app.catalog.blueprint(&c.blueprint) {
        for (i, d) in bp.domains.iter().enumerate() {
            let ticked = if c.domains.contains(&d.id) {
                "[x]"
            } else {
                "[ ]"
            };
            let style = if i == c.cursor { t.cursor } else { t.text };
            lines.push(Line::styled(format!("{ticked} {}", d.name), style));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(
        format!("Pool: {:?} · {} questions", c.pool, c.count)
            .to_lowercase()
            .replacen("pool", "Pool", 1),
    ));
    for (k, what) in CUSTOM_DRILL_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("{k:<10} "), t.key),
            Span::styled(what.to_string(), t.dim),
        ]));
    }
    ("Custom drill", lines, 64)
}
