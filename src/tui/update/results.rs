//! Results: the score, the per-domain table, then every question with its rationale.

use super::super::app::{
    App, Effect, HistoryState, HomeState, Origin, ResultsFilter, ResultsTab, Screen,
};
use super::open_help;
use crate::exam::score::is_correct;
use crossterm::event::{KeyCode, KeyEvent};

/// Indices of the attempt's items that pass the filter.
pub fn filtered(app: &App) -> Vec<usize> {
    let Screen::Results(r) = &app.screen else {
        return vec![];
    };
    (0..r.attempt.form.items.len())
        .filter(|&i| match &r.filter {
            ResultsFilter::All => true,
            ResultsFilter::Incorrect => !is_correct(&r.attempt, &app.catalog, i),
            ResultsFilter::Flagged => r.attempt.responses[i].flagged,
            ResultsFilter::Domain(d) => app
                .catalog
                .question(&r.attempt.form.items[i].question)
                .is_some_and(|q| &q.domain == d),
        })
        .collect()
}

pub fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let count = filtered(app).len();
    let Screen::Results(r) = &mut app.screen else {
        return vec![];
    };
    match k.code {
        KeyCode::Char('?') => return open_help(app),
        KeyCode::Char('b') => return super::book::open(app),
        KeyCode::Char('q') | KeyCode::Esc => return back(app),
        KeyCode::Tab | KeyCode::BackTab => {
            r.tab = match r.tab {
                ResultsTab::Summary => ResultsTab::Questions,
                ResultsTab::Questions => ResultsTab::Summary,
            };
        }
        KeyCode::Enter if r.tab == ResultsTab::Summary => r.tab = ResultsTab::Questions,
        KeyCode::Down | KeyCode::Char('j') => {
            r.cursor = (r.cursor + 1).min(count.saturating_sub(1));
            r.detail_scroll = 0;
        }
        KeyCode::Up | KeyCode::Char('k') => {
            r.cursor = r.cursor.saturating_sub(1);
            r.detail_scroll = 0;
        }
        KeyCode::PageDown => r.detail_scroll = r.detail_scroll.saturating_add(5),
        KeyCode::PageUp => r.detail_scroll = r.detail_scroll.saturating_sub(5),
        KeyCode::Char('i') => set_filter(r, ResultsFilter::Incorrect),
        KeyCode::Char('f') => set_filter(r, ResultsFilter::Flagged),
        KeyCode::Char('a') => set_filter(r, ResultsFilter::All),
        KeyCode::Char('d') => {
            let domains: Vec<String> = r.report.domains.iter().map(|d| d.id.clone()).collect();
            let next = match &r.filter {
                ResultsFilter::Domain(cur) => domains
                    .iter()
                    .position(|d| d == cur)
                    .and_then(|i| domains.get(i + 1))
                    .map(|d| ResultsFilter::Domain(d.clone()))
                    .unwrap_or(ResultsFilter::All),
                _ => domains
                    .first()
                    .map(|d| ResultsFilter::Domain(d.clone()))
                    .unwrap_or(ResultsFilter::All),
            };
            set_filter(r, next);
        }
        _ => {}
    }
    vec![]
}

/// Closes the results where they were opened from: the history list (at the same row), the stats
/// screen (recomputed, so the attempt just ended counts), or the home screen.
pub fn back(app: &mut App) -> Vec<Effect> {
    app.book = None;
    let Screen::Results(r) = &app.screen else {
        return vec![];
    };
    match r.origin.clone() {
        Origin::History(cursor) => {
            app.screen = Screen::History(HistoryState { cursor });
            vec![]
        }
        Origin::Stats(bp) => super::stats::open(app, &bp),
        Origin::Home | Origin::Command => {
            app.screen = Screen::Home(HomeState::default());
            vec![]
        }
    }
}

fn set_filter(r: &mut super::super::app::ResultsState, f: ResultsFilter) {
    r.filter = f;
    r.cursor = 0;
    r.detail_scroll = 0;
    r.tab = ResultsTab::Questions;
}
