//! Results: the score, the per-domain table, then every question with its rationale.

use super::super::app::{
    App, Effect, HistoryState, HomeState, Origin, ResultsFilter, ResultsState, ResultsTab, Screen,
};
use super::super::layout::{max_scroll, panel_rows};
use super::super::review::{review_areas, review_case, review_case_lines, review_lines};
use super::open_help;
use crate::exam::score::is_correct;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

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
            (r.detail_scroll, r.case_scroll) = (0, 0);
        }
        KeyCode::Up | KeyCode::Char('k') => {
            r.cursor = r.cursor.saturating_sub(1);
            (r.detail_scroll, r.case_scroll) = (0, 0);
        }
        KeyCode::PageDown => return scroll(app, Pane::Detail, 1),
        KeyCode::PageUp => return scroll(app, Pane::Detail, -1),
        KeyCode::Char(']') => return scroll(app, Pane::Case, 1),
        KeyCode::Char('[') => return scroll(app, Pane::Case, -1),
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
        Origin::Home | Origin::Command | Origin::Preview => {
            app.screen = Screen::Home(HomeState::default());
            vec![]
        }
    }
}

fn set_filter(r: &mut super::super::app::ResultsState, f: ResultsFilter) {
    r.filter = f;
    r.cursor = 0;
    r.detail_scroll = 0;
    r.case_scroll = 0;
    r.tab = ResultsTab::Questions;
}

#[derive(Clone, Copy)]
enum Pane {
    Case,
    Detail,
}

/// (lines, rows shown) of the case and question panels of the review at this size.
fn panes(app: &App, r: &ResultsState, main: Rect) -> (Option<(usize, usize)>, (usize, usize)) {
    let Some(&i) = filtered(app).get(r.cursor) else {
        return (None, (0, 0));
    };
    let case = review_case(&app.catalog, &r.attempt, i);
    let areas = review_areas(main, case, &app.theme);
    let width = areas.detail.width.saturating_sub(4);
    let detail = review_lines(&app.catalog, &r.attempt, i, width, &app.theme).len();
    (
        case.zip(areas.case)
            .map(|(c, a)| (review_case_lines(c, a, &app.theme).len(), panel_rows(a))),
        (detail, panel_rows(areas.detail)),
    )
}

/// Whether the case and the question panels hold more than they show (for the footer's hints).
pub fn overflow(app: &App, r: &ResultsState, main: Rect) -> (bool, bool) {
    let (case, detail) = panes(app, r, main);
    (case.is_some_and(|(n, v)| n > v), detail.0 > detail.1)
}

/// The review's main area at the current size (the status area is at the foot).
fn main_area(app: &App) -> Rect {
    let status = super::super::layout::status_rows(app.notice.as_deref(), app.size.0);
    Rect::new(0, 0, app.size.0, app.size.1.saturating_sub(status))
}

/// Scrolls a panel by pages (the question) or by three lines (the case), never past its end.
fn scroll(app: &mut App, pane: Pane, by: i32) -> Vec<Effect> {
    let main = main_area(app);
    let Screen::Results(r) = &app.screen else {
        return vec![];
    };
    let (case, detail) = panes(app, r, main);
    let Screen::Results(r) = &mut app.screen else {
        return vec![];
    };
    let (target, (total, visible), step) = match (pane, case) {
        (Pane::Detail, _) => (
            &mut r.detail_scroll,
            detail,
            detail.1.saturating_sub(1).max(1),
        ),
        (Pane::Case, Some(c)) => (&mut r.case_scroll, c, 3),
        (Pane::Case, None) => return vec![],
    };
    let max = max_scroll(total, visible).min(usize::from(u16::MAX)) as i32;
    *target = (i32::from(*target) + by * step as i32).clamp(0, max) as u16;
    vec![]
}
