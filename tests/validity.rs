//! Validity windows end to end in the core and the app state: forms and drills for an exam day
//! serve only questions true on that day; history and review keep the others.

mod common;

use chrono::NaiveDate;
use common::{demo_catalog, shipped_catalog, t0};
use proctor::bank::{Catalog, Validity};
use proctor::exam::{AssembleError, FormOptions, assemble};
use proctor::stats::{DrillRequest, pick_drill};
use proctor::store::plan::{Plan, SCHEMA};
use proctor::tui::update::start_exam;
use proctor::tui::{App, Screen, Theme};
use proptest::prelude::*;
use std::collections::HashMap;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn window(from: Option<&str>, until: Option<&str>) -> Validity {
    Validity {
        from: from.map(d),
        until: until.map(d),
        replaced_by: None,
    }
}

/// The "must show": a form for an exam date in 2027 never contains a question whose window
/// ended in 2026, on every shipped blueprint that can be filled then, for many seeds; and the
/// same forms for a 2026 exam do serve those questions (so the check is not vacuous).
#[test]
fn a_form_for_a_2027_exam_never_contains_a_question_whose_window_ended_in_2026() {
    let catalog = shipped_catalog();
    let ended_2026 = |id: &str| {
        catalog
            .window_of(id)
            .and_then(|w| w.until)
            .is_some_and(|u| u < d("2027-01-01"))
    };
    let marked = catalog
        .banks()
        .flat_map(|b| &b.questions)
        .filter(|q| ended_2026(&q.id))
        .count();
    assert!(marked >= 25, "only {marked} shipped questions end in 2026");
    let (in_2027, in_2026) = (d("2027-03-01"), d("2026-11-15"));
    let mut forms = 0;
    let mut served_in_2026 = 0;
    for bp in &catalog.blueprints {
        let fillable = catalog
            .capacity(bp, in_2027)
            .iter()
            .all(|c| c.available >= c.needed);
        let has_bank = catalog.questions_for_exam(&bp.exam).next().is_some();
        // Every exam with a bank is still ready in 2027: the 2026-only questions are few.
        assert_eq!(fillable, has_bank, "{} in 2027", bp.id);
        if !fillable {
            continue;
        }
        for seed in 0..12 {
            let on = |day| FormOptions {
                seed,
                on: Some(day),
                ..Default::default()
            };
            let form = assemble(&catalog, bp, &on(in_2027), &HashMap::new()).unwrap();
            forms += 1;
            for item in &form.items {
                assert!(
                    !ended_2026(&item.question),
                    "{} seed {seed}: {} ended in 2026",
                    bp.id,
                    item.question
                );
                assert!(catalog.is_valid_on(&item.question, in_2027));
            }
            let earlier = assemble(&catalog, bp, &on(in_2026), &HashMap::new()).unwrap();
            served_in_2026 += earlier
                .items
                .iter()
                .filter(|i| ended_2026(&i.question))
                .count();
        }
    }
    assert!(forms >= 60, "{forms} forms checked");
    assert!(served_in_2026 > 0, "2026 forms serve the 2026 questions");
}

/// The demo catalog with windows laid on its questions (index -> window).
fn demo_with(windows: &[(usize, Validity)]) -> Catalog {
    let mut c = demo_catalog();
    let mut banks: Vec<_> = c.banks().cloned().collect();
    for (i, w) in windows {
        banks[0].questions[*i].valid = Some(w.clone());
    }
    Catalog::new(std::mem::take(&mut c.blueprints), banks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any windows, any day: a form is built only from questions true that day, and fails (saying
    /// the day) exactly when the questions true that day cannot fill the blueprint.
    #[test]
    fn forms_serve_only_questions_true_on_the_day(
        ends in proptest::collection::vec((0u8..4, 0u8..4), 14),
        day_idx in 0usize..4,
        seed in 0u64..1000,
    ) {
        let years = [None, Some("2025-12-31"), Some("2026-12-31"), Some("2027-12-31")];
        let starts = [None, Some("2025-01-01"), Some("2026-01-01"), Some("2027-01-01")];
        let windows: Vec<(usize, Validity)> = ends
            .iter()
            .enumerate()
            .map(|(i, (f, u))| (i, window(starts[*f as usize], years[*u as usize])))
            .collect();
        let catalog = demo_with(&windows);
        let day = [d("2025-06-01"), d("2026-06-01"), d("2027-06-01"), d("2028-06-01")][day_idx];
        let bp = catalog.blueprint("DEMO").unwrap();
        let fillable = catalog.capacity(bp, day).iter().all(|c| c.available >= c.needed);
        let opts = FormOptions { seed, on: Some(day), ..Default::default() };
        match assemble(&catalog, bp, &opts, &HashMap::new()) {
            Ok(form) => {
                prop_assert!(fillable);
                for item in &form.items {
                    prop_assert!(catalog.is_valid_on(&item.question, day), "{}", item.question);
                }
            }
            Err(e @ AssembleError::Short { .. }) => {
                prop_assert!(!fillable);
                prop_assert!(e.to_string().contains(&format!("for an exam on {day}")), "{e}");
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
        // Drills keep to the day too.
        let req = DrillRequest { count: 14, seed, on: Some(day), ..Default::default() };
        let ids = pick_drill(&catalog, bp, &HashMap::new(), &[], &req, t0());
        prop_assert_eq!(ids.len(), catalog.questions_on("DEMO", day).count());
        for id in &ids {
            prop_assert!(catalog.is_valid_on(id, day), "{}", id);
        }
    }
}

#[test]
fn a_bank_window_covers_its_questions_unless_they_give_their_own() {
    let mut c = demo_catalog();
    let mut banks: Vec<_> = c.banks().cloned().collect();
    banks[0].valid = Some(window(None, Some("2026-12-31")));
    banks[0].questions[0].valid = Some(Validity::default());
    let c = Catalog::new(std::mem::take(&mut c.blueprints), banks);
    let in_2027: Vec<_> = c
        .questions_on("DEMO", d("2027-01-01"))
        .map(|q| &q.id)
        .collect();
    assert_eq!(in_2027, ["DEMO-01"]);
    assert_eq!(c.questions_on("DEMO", d("2026-12-31")).count(), 14);
    // Still there for history and review.
    assert!(c.question("DEMO-02").is_some());
    assert_eq!(c.questions_for_exam("DEMO").count(), 14);
}

/// The app builds forms for the planned exam day: with a plan for 2027, a question that ended in
/// 2026 is never on the form, though today (the clock) is still 2026; a plan for another exam
/// leaves the day at today.
#[test]
fn the_app_builds_forms_for_the_planned_exam_day() {
    let catalog = || {
        demo_with(&[
            (1, window(None, Some("2026-12-31"))),
            (12, window(None, Some("2026-12-31"))),
        ])
    };
    let ended = ["DEMO-02", "DEMO-13"];
    for (plan_exam, expect_ended_possible) in [("DEMO", false), ("OTHER", true)] {
        let mut any_ended = false;
        for seed in 0..20 {
            let mut app = App::new(catalog(), Theme::mono(), 1);
            app.now = t0();
            app.plan = Some(Plan {
                schema: SCHEMA,
                exam: plan_exam.into(),
                date: d("2027-02-01"),
                daily_minutes: 30,
            });
            start_exam(&mut app, "DEMO", Some(8), None, false, Some(seed));
            let Screen::Exam(ex) = &app.screen else {
                panic!("no form: {:?}", app.notice)
            };
            let has = ex
                .attempt
                .form
                .items
                .iter()
                .any(|i| ended.contains(&i.question.as_str()));
            any_ended |= has;
            if !expect_ended_possible {
                assert!(!has, "seed {seed}: a 2026 question on a 2027 form");
            }
        }
        assert_eq!(any_ended, expect_ended_possible, "plan for {plan_exam}");
    }
}

/// A question whose window ended after it was asked is still in the candidate's history: the
/// reopened attempt reviews it, in 2027, with its stem on screen.
#[test]
fn history_and_review_still_show_a_question_whose_window_has_ended() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use proctor::tui::update::{exam::finish, update};
    let catalog = || demo_with(&[(1, window(None, Some("2026-12-31")))]);
    let mut app = App::new(catalog(), Theme::mono(), 1);
    app.now = t0();
    let seed = (0..50)
        .find(|&s| {
            start_exam(&mut app, "DEMO", None, None, false, Some(s));
            let Screen::Exam(ex) = &app.screen else {
                return false;
            };
            ex.attempt
                .form
                .items
                .iter()
                .any(|i| i.question == "DEMO-02")
        })
        .expect("a 2026 form with DEMO-02");
    assert!(seed < 50);
    finish(&mut app);
    let record = app.records.last().unwrap().clone();
    let at = record
        .responses
        .iter()
        .position(|r| r.question == "DEMO-02")
        .unwrap();

    // A year later: the question is no longer served, but the record reopens and reviews it.
    let mut later = App::new(catalog(), Theme::mono(), 1);
    later.now = t0() + chrono::Duration::days(400);
    assert!(!later.catalog.is_valid_on("DEMO-02", later.now.date_naive()));
    later.records.push(record.clone());
    proctor::tui::update::history::reopen(&mut later, &record);
    let Screen::Results(r) = &later.screen else {
        panic!("results")
    };
    assert_eq!(r.attempt.form.items[at].question, "DEMO-02");
    let key = |app: &mut App, code| {
        update(
            app,
            proctor::tui::Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
    };
    key(&mut later, KeyCode::Tab);
    for _ in 0..at {
        key(&mut later, KeyCode::Down);
    }
    later.size = (120, 40);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| proctor::tui::view::view(&later, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let text: String = (0..40)
        .map(|y| (0..120).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect();
    assert!(text.contains("Demonstration question 2"), "{text}");
}
