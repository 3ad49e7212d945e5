//! Past attempts; each reopens in the results review.

use super::super::app::{App, Effect, HomeState, Origin, ResultsState, Screen};
use super::open_help;
use crate::exam::{Attempt, Form, FormItem, FormSection, Response, score};
use crate::store::history::Record;
use crossterm::event::{KeyCode, KeyEvent};

/// Records newest first, as the screen lists them.
pub fn newest_first(app: &App) -> Vec<&Record> {
    app.records.iter().rev().collect()
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let n = app.records.len();
    let Screen::History(h) = &mut app.screen else {
        return vec![];
    };
    match k.code {
        KeyCode::Char('?') => return open_help(app),
        KeyCode::Char('q') | KeyCode::Esc => app.screen = Screen::Home(HomeState::default()),
        KeyCode::Up | KeyCode::Char('k') => h.cursor = h.cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => h.cursor = (h.cursor + 1).min(n.saturating_sub(1)),
        KeyCode::Enter => {
            let cursor = h.cursor;
            let Some(r) = newest_first(app).get(cursor).map(|r| (*r).clone()) else {
                return vec![];
            };
            reopen(app, &r);
            if let Screen::Results(res) = &mut app.screen {
                res.origin = Origin::History(cursor);
            }
        }
        _ => {}
    }
    vec![]
}

/// Rebuilds an attempt from its record for the results review, options in the order the record
/// says they were shown (the bank's order for records from before it was kept, or when the
/// question's options have changed since).
pub fn reopen(app: &mut App, r: &Record) {
    let Some(bp) = app.catalog.blueprint(&r.blueprint) else {
        app.notice = Some(format!("Blueprint {} is no longer loaded.", r.blueprint));
        return;
    };
    let items: Vec<FormItem> = r
        .responses
        .iter()
        .map(|x| {
            let bank = FormItem::in_bank_order(&app.catalog, &x.question);
            let mut seen = x.order.clone();
            seen.sort();
            let mut now = bank.order.clone();
            now.sort();
            if !x.order.is_empty() && seen == now {
                FormItem {
                    question: x.question.clone(),
                    order: x.order.clone(),
                    pretest: x.pretest,
                }
            } else {
                bank
            }
        })
        .collect();
    let n = items.len();
    let form = Form {
        blueprint: r.blueprint.clone(),
        exam: r.exam.clone(),
        seed: r.seed,
        items,
        sections: vec![FormSection {
            name: "Exam".into(),
            start: 0,
            len: n,
            seconds: None,
        }],
        tutor: r.mode != "exam",
        drill: r.mode == "drill",
    };
    let mut attempt = Attempt::new(form, r.started_at);
    attempt.id = r.id.clone();
    attempt.responses = r
        .responses
        .iter()
        .map(|x| Response {
            selected: x.selected.clone(),
            flagged: x.flagged,
            struck: x.struck.clone(),
            seconds: x.seconds,
            checked: true,
            codes: x.codes.clone(),
            draft: String::new(),
        })
        .collect();
    attempt.section_elapsed = vec![r.seconds_used];
    attempt.ended_at = Some(r.ended_at);
    attempt.end = Some(r.end);
    let report = score(&attempt, &app.catalog, bp);
    app.screen = Screen::Results(Box::new(ResultsState::new(attempt, report, None)));
}
