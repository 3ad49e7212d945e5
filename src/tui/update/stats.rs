//! The stats screen: mastery, prediction, trend; weak topics one key away from a drill.

use super::super::app::{App, Effect, HomeState, Origin, Screen, StatsState};
use super::open_help;
use crate::bank::Blueprint;
use crate::stats::{DrillRequest, StatsReport, answers_from, stats_report};
use crossterm::event::{KeyCode, KeyEvent};

pub fn report_for(app: &App, bp: &Blueprint) -> StatsReport {
    stats_report(
        &app.catalog,
        bp,
        &app.records,
        &answers_from(&app.records),
        app.now,
    )
}

pub fn open(app: &mut App, blueprint: &str) -> Vec<Effect> {
    let Some(bp) = app.catalog.blueprint(blueprint) else {
        return vec![];
    };
    let report = report_for(app, bp);
    app.screen = Screen::Stats(Box::new(StatsState { report }));
    vec![]
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Screen::Stats(s) = &app.screen else {
        return vec![];
    };
    let bp = s.report.blueprint.clone();
    let weakest: Vec<String> = s.report.weakest.iter().take(3).cloned().collect();
    let wrong = s.report.confidently_wrong.clone();
    let count = super::drill::drill_size(app, &bp);
    match k.code {
        KeyCode::Char('?') => open_help(app),
        KeyCode::Char('q') | KeyCode::Esc => {
            app.screen = Screen::Home(HomeState::default());
            vec![]
        }
        KeyCode::Char('d') => {
            let fx = super::drill::start(
                app,
                &bp,
                DrillRequest {
                    domains: weakest,
                    count,
                    ..Default::default()
                },
            );
            from_stats(app, &bp);
            fx
        }
        KeyCode::Char('w') => {
            if wrong.is_empty() {
                app.notice = Some(
                    "No confidently-wrong questions: nothing answered wrong without a flag.".into(),
                );
                return vec![];
            }
            let n = wrong.len();
            let fx = super::drill::start(
                app,
                &bp,
                DrillRequest {
                    only: wrong,
                    count: n,
                    ..Default::default()
                },
            );
            from_stats(app, &bp);
            fx
        }
        _ => vec![],
    }
}

/// A drill opened from the stats screen goes back to it (recomputed) when its results close.
fn from_stats(app: &mut App, blueprint: &str) {
    if let Screen::Exam(ex) = &mut app.screen {
        ex.origin = Origin::Stats(blueprint.to_string());
    }
}
