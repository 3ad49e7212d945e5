//! Dialogs over any screen: help, go to, confirmations, the custom drill. All of them are drawn by
//! the one [`Dialog`] component, so each shows its keys inside its box at every size.

use super::super::app::{App, Confirm, CustomDrill, Origin, Overlay, Screen};
use super::super::keys::{
    Binding, CODE_ENTRY_KEYS, CUSTOM_DRILL_KEYS, ENTRY_FIELD_KEYS, EXAM_KEYS, HISTORY_KEYS,
    HOME_KEYS, PRACTICE_KEYS, PREVIEW_KEYS, RESULTS_KEYS, REVIEW_KEYS, STATS_KEYS,
};
use super::dialog::{Dialog, key};
use super::widgets::clock;
use crate::tui::layout::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Widest a help box gets; narrower terminals get their whole width.
const HELP_WIDTH: u16 = 78;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(ov) = &app.overlay else { return };
    let dialog = match ov {
        Overlay::Help { scroll } => help(app, area, *scroll),
        Overlay::Goto(text) => goto(app, text),
        Overlay::Confirm(c) => confirm(app, c),
        Overlay::CustomDrill(c) => custom_drill(app, c),
    };
    dialog.draw(&app.theme, frame, area);
}

/// The key table of the screen under the overlay, and what to call it.
pub fn screen_keys(app: &App) -> (&'static str, &'static [Binding]) {
    match &app.screen {
        Screen::Home(_) if app.preview.is_some() => ("preview", PREVIEW_KEYS),
        Screen::Home(_) => ("home", HOME_KEYS),
        Screen::Exam(e) if e.review.is_some() => ("review grid", REVIEW_KEYS),
        Screen::Exam(e) if e.entry_focused => ("code field", ENTRY_FIELD_KEYS),
        Screen::Exam(e)
            if app
                .catalog
                .question(&e.attempt.form.items[e.attempt.current].question)
                .is_some_and(|q| q.is_code_entry()) =>
        {
            ("code-entry question", CODE_ENTRY_KEYS)
        }
        Screen::Exam(e) if e.attempt.form.tutor => ("practice", PRACTICE_KEYS),
        Screen::Exam(_) => ("exam", EXAM_KEYS),
        Screen::Results(_) => ("results", RESULTS_KEYS),
        Screen::Stats(_) => ("stats", STATS_KEYS),
        Screen::History(_) => ("history", HISTORY_KEYS),
    }
}

/// Every key of the screen, the key column aligned and long descriptions hanging under their text.
fn help(app: &App, area: Rect, scroll: u16) -> Dialog<'static> {
    let t = &app.theme;
    let (name, keys) = screen_keys(app);
    let inner = usize::from(HELP_WIDTH.min(area.width).saturating_sub(4));
    let kw = keys.iter().map(|b| b.keys.width()).max().unwrap_or(0);
    let text_w = inner.saturating_sub(kw + 2).max(12);
    let mut lines: Vec<Line> = Vec::new();
    for b in keys {
        for (i, part) in wrap(b.help, text_w).into_iter().enumerate() {
            let k = if i == 0 { b.keys } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{k:<w$}  ", w = kw), t.key),
                Span::raw(part),
            ]));
        }
    }
    if matches!(app.screen, Screen::Exam(_)) {
        lines.push(Line::default());
        lines.push(Line::styled(
            "In a dialog, y confirms and n or Esc cancels; Enter never confirms.",
            t.dim,
        ));
    }
    Dialog::new(format!("Keys: {name}"), lines, vec![key("Esc", "close")])
        .width(HELP_WIDTH)
        .scrolled(scroll)
}

/// How far the help dialog can scroll at the app's size, for `update` to bound the scroll.
pub fn help_max_scroll(app: &App) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let d = help(app, area, u16::MAX);
    d.layout(area, &app.theme).scroll
}

fn goto<'a>(app: &'a App, text: &str) -> Dialog<'a> {
    let t = &app.theme;
    let range = app.exam().map(|e| e.attempt.open_range()).unwrap_or(0..0);
    Dialog::new(
        "Go to question",
        vec![
            Line::from(vec![
                Span::raw("Number: "),
                Span::styled(format!("{text}_"), t.selected),
            ]),
            Line::styled(
                format!("Questions {} to {} are open.", range.start + 1, range.end),
                t.dim,
            ),
        ],
        vec![key("Enter", "go"), key("Esc", "cancel")],
    )
    .width(44)
}

fn confirm<'a>(app: &'a App, c: &Confirm) -> Dialog<'a> {
    let t = &app.theme;
    let counts = app.exam().map(|e| {
        let a = &e.attempt;
        let r = a.open_range();
        let unanswered = r.clone().filter(|&i| !a.responses[i].answered()).count();
        let flagged = r.filter(|&i| a.responses[i].flagged).count();
        (unanswered, flagged, a.remaining())
    });
    let counts_line = |left: String| {
        let (u, f, _) = counts.unwrap_or((0, 0, None));
        Line::styled(
            format!("{u} unanswered · {f} flagged for review{left}"),
            if u > 0 { t.warn } else { t.text },
        )
    };
    match c {
        Confirm::Submit => {
            let practice = app.exam().is_some_and(|e| e.attempt.form.tutor);
            let (title, ask, yes) = if practice {
                (
                    "Finish",
                    "Finish and see the summary? Unanswered questions count as missed in this set.",
                    "finish",
                )
            } else {
                (
                    "Submit exam",
                    "Submit the exam for scoring? You cannot change answers after this.",
                    "submit",
                )
            };
            Dialog::new(
                title,
                vec![Line::from(ask), counts_line(String::new())],
                vec![key("y", yes), key("n/Esc", "keep answering")],
            )
        }
        Confirm::EndSection => {
            let left = counts.and_then(|c| c.2).map_or(String::new(), |s| {
                format!(" · {} left in this part", clock(s))
            });
            Dialog::new(
                "End this part",
                vec![
                    Line::from("End this part now? It closes for good and the next part starts."),
                    counts_line(left),
                ],
                vec![key("y", "end this part"), key("n/Esc", "keep working")],
            )
        }
        Confirm::QuitExam => {
            let back_home = app.exam().is_some_and(|e| e.origin == Origin::Home);
            let preview = app.exam().is_some_and(|e| e.origin == Origin::Preview);
            let resume = if preview {
                "Leave the questions? A preview is not kept; the file's page lists the findings and Enter starts again."
            } else if back_home {
                "Leave now? Your answers and the time left are saved; r on the home screen resumes."
            } else {
                "Leave now? Your answers and the time left are saved; run proctor again to resume."
            };
            Dialog::new(
                "Leave",
                vec![Line::from(resume)],
                vec![key("y", "leave"), key("n/Esc", "stay")],
            )
        }
        Confirm::QuitApp => Dialog::new(
            "Quit",
            vec![Line::from("Quit proctor?")],
            vec![key("y", "quit"), key("n/Esc", "stay")],
        )
        .width(40),
        Confirm::ReplaceUnfinished { blueprint, .. } => Dialog::new(
            "Unfinished exam",
            vec![Line::from(format!(
                "An unfinished exam is saved. Start a new {blueprint} exam anyway? The unfinished one is submitted as it stands and goes to your history."
            ))],
            vec![key("y", "start the new one"), key("n/Esc", "keep it")],
        ),
    }
}

fn custom_drill<'a>(app: &'a App, c: &CustomDrill) -> Dialog<'a> {
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
    for b in CUSTOM_DRILL_KEYS.iter().filter(|b| b.hint.is_none()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<10} ", b.keys), t.key),
            Span::styled(b.help.to_string(), t.dim),
        ]));
    }
    Dialog::new(
        format!("Custom drill: {}", c.blueprint),
        lines,
        CUSTOM_DRILL_KEYS.iter().filter_map(|b| b.hint).collect(),
    )
    .width(64)
    .focus(c.cursor)
}
