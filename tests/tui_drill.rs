//! Drills, stats, history and the plan on screen: key sequences through `update`, and snapshots.

mod common;

use chrono::NaiveDate;
use common::{demo_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::stats::DrillRequest;
use proctor::store::plan::Plan;
use proctor::tui::app::HomeState;
use proctor::tui::update::{drill, update};
use proctor::tui::view::view;
use proctor::tui::{App, Effect, Msg, Overlay, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    let mut fx = vec![];
    for k in keys {
        fx.extend(update(app, Msg::Key(KeyEvent::new(*k, KeyModifiers::NONE))));
    }
    fx
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn new_app() -> App {
    let mut app = App::new(demo_catalog(), Theme::mono(), 7);
    app.now = t0();
    app
}

/// Letters that answer the current question right (every key) or wrong (one non-key option).
fn letters(app: &App, right: bool) -> Vec<KeyCode> {
    let ex = app.exam().unwrap();
    let item = &ex.attempt.form.items[ex.attempt.current];
    let q = app.catalog.question(&item.question).unwrap();
    let keys = q.key_set();
    let mut out: Vec<KeyCode> = item
        .order
        .iter()
        .enumerate()
        .filter(|(_, k)| keys.contains(k) == right)
        .map(|(pos, _)| KeyCode::Char((b'A' + pos as u8) as char))
        .collect();
    if !right {
        out.truncate(1);
    }
    out
}

/// Runs a 4-question drill: misses the first, gets the rest right (the miss comes back).
fn run_drill(app: &mut App) -> Vec<Effect> {
    let fx = drill::start(
        app,
        "DEMO",
        DrillRequest {
            count: 4,
            seed: 3,
            ..Default::default()
        },
    );
    assert_eq!(fx, vec![Effect::SaveProgress]);
    let first = app.exam().unwrap().attempt.form.items[0].question.clone();
    let mut keys = letters(app, false);
    keys.push(KeyCode::Enter);
    press(app, &keys);
    let items: Vec<String> = app
        .exam()
        .unwrap()
        .attempt
        .form
        .items
        .iter()
        .map(|i| i.question.clone())
        .collect();
    assert_eq!(items.len(), 5, "the miss is queued again");
    assert_eq!(items.iter().filter(|q| **q == first).count(), 2);
    assert!(app.notice.as_deref().unwrap().contains("come back later"));
    let mut fx = vec![];
    for _ in 1..5 {
        press(app, &[KeyCode::Right]);
        let mut keys = letters(app, true);
        keys.push(KeyCode::Enter);
        fx.extend(press(app, &keys));
    }
    fx.extend(press(app, &[KeyCode::Char('s'), KeyCode::Char('y')]));
    fx
}

#[test]
fn a_drill_requeues_misses_records_as_drill_and_shows_mastery_change() {
    let mut app = new_app();
    let fx = run_drill(&mut app);
    let record = fx.iter().find_map(|e| match e {
        Effect::Record(a) => Some(a.clone()),
        _ => None,
    });
    let a = record.expect("the drill is recorded");
    assert_eq!(a.form.mode(), "drill");
    assert_eq!(app.records.len(), 1);
    assert_eq!(app.records[0].mode, "drill");
    assert_eq!(app.records[0].correct(), 4);
    let Screen::Results(r) = &app.screen else {
        panic!("results")
    };
    assert!(r.mastery_before.is_some());
    snap("drill_summary", &app);
}

#[test]
fn drill_feedback_screen() {
    let mut app = new_app();
    drill::start(
        &mut app,
        "DEMO",
        DrillRequest {
            count: 4,
            seed: 3,
            ..Default::default()
        },
    );
    let mut keys = letters(&app, false);
    keys.push(KeyCode::Enter);
    press(&mut app, &keys);
    snap("drill_feedback", &app);
}

#[test]
fn stats_history_home_and_custom_drill_screens() {
    let mut app = new_app();
    run_drill(&mut app);
    app.plan = Some(Plan {
        schema: 1,
        exam: "DEMO".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        daily_minutes: 30,
    });
    press(&mut app, &[KeyCode::Char('q')]);
    // Two short mock exams, for the trend chart.
    for seed in [1, 2] {
        proctor::tui::update::start_exam(&mut app, "DEMO", Some(5), None, false, Some(seed));
        // Every question answered (one in three wrong), so the stats have enough for a prediction.
        for i in 0..5 {
            let mut keys = letters(&app, i % 3 != 2);
            keys.push(KeyCode::Right);
            press(&mut app, &keys);
        }
        press(
            &mut app,
            &[KeyCode::Char('s'), KeyCode::Char('y'), KeyCode::Char('q')],
        );
    }
    assert_eq!(app.records.iter().filter(|r| r.mode == "exam").count(), 2);
    assert!(matches!(app.screen, Screen::Home(_)));
    snap("home_with_progress", &app);
    press(&mut app, &chars("s"));
    assert!(matches!(app.screen, Screen::Stats(_)));
    snap("stats", &app);
    press(&mut app, &chars("q"));
    press(&mut app, &chars("h"));
    snap("history", &app);
    // Newest first: the two mocks, then the drill.
    press(&mut app, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    let Screen::Results(r) = &app.screen else {
        panic!("a past attempt reopens in results")
    };
    assert_eq!(r.report.correct, 4);
    assert!(r.attempt.form.drill);
    // q closes the results back to the history list, and q again goes home.
    press(&mut app, &chars("q"));
    assert!(matches!(app.screen, Screen::History(_)));
    press(&mut app, &chars("q"));
    press(&mut app, &chars("c"));
    assert!(matches!(app.overlay, Some(Overlay::CustomDrill(_))));
    press(&mut app, &[KeyCode::Char(' '), KeyCode::Tab]);
    snap("custom_drill", &app);
    let fx = press(&mut app, &[KeyCode::Enter]);
    assert_eq!(fx, vec![Effect::SaveProgress]);
    let ex = app.exam().unwrap();
    assert!(ex.attempt.form.drill);
    for it in &ex.attempt.form.items {
        assert_eq!(
            app.catalog.question(&it.question).unwrap().domain,
            "alpha",
            "only the ticked domain"
        );
        assert!(
            !app.records[0]
                .responses
                .iter()
                .any(|r| r.question == it.question),
            "pool: unused only"
        );
    }
}

#[test]
fn todays_plan_starts_the_recommended_drill() {
    let mut app = new_app();
    app.plan = Some(Plan {
        schema: 1,
        exam: "DEMO".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        daily_minutes: 10,
    });
    app.screen = Screen::Home(HomeState::default());
    press(&mut app, &chars("p"));
    let ex = app.exam().expect("a drill opened");
    assert!(ex.attempt.form.drill);
    // 10 minutes at the DEMO pace (20 min / 10 q = 120 s, plus 45 s to read) is 3 questions; the
    // minimum drill is 5.
    assert_eq!(ex.attempt.form.items.len(), 5);
}
