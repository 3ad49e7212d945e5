//! Every screen and every dialog rendered from a state value on ratatui's TestBackend, at the
//! minimum 60×16, at 80×24 and at 120×40. Review changes with `cargo insta review`.
//!
//! Besides the snapshots, each test checks what must hold at every size: a dialog's key line is
//! inside its box, and the footer shows `? help`.

mod common;

use common::{demo_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::store::plan::Plan;
use proctor::tui::app::{Confirm, HomeState};
use proctor::tui::update::{start_exam, update};
use proctor::tui::view::view;
use proctor::tui::{App, Msg, Overlay, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t
}

fn press(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '→' => KeyCode::Right,
            '\t' => KeyCode::Tab,
            _ => KeyCode::Char(c),
        };
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

/// An exam with some answers, a flag and a strike-out, on the first case question if any.
fn exam_app(theme: Theme) -> App {
    let mut app = App::new(demo_catalog(), theme, 1);
    app.now = t0();
    start_exam(&mut app, "DEMO", None, None, false, Some(4));
    app
}

fn goto_case_question(app: &mut App) {
    let ex = app.exam().unwrap();
    let i = ex
        .attempt
        .form
        .items
        .iter()
        .position(|it| app.catalog.case_of(&it.question).is_some())
        .expect("demo form has the case");
    press(app, &format!("g{}", i + 1));
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
}

fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        app.size = (w, h);
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        if app.overlay.is_none() {
            let last = rows(&t).pop().unwrap();
            assert!(
                last.contains("? help"),
                "{name} at {w}×{h}: the footer must show ? help, got {last:?}"
            );
        }
    }
}

/// A dialog at every size: its key line (containing `keys`) sits between the box's side borders,
/// above its bottom border.
fn snap_dialog(name: &str, app: &mut App, keys: &[&str]) {
    for (w, h) in SIZES {
        app.size = (w, h);
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        let rows = rows(&t);
        let key_row = rows
            .iter()
            .rposition(|r| keys.iter().all(|k| r.contains(k)))
            .unwrap_or_else(|| {
                panic!(
                    "{name} at {w}×{h}: no line with {keys:?} in\n{}",
                    rows.join("\n")
                )
            });
        let line = &rows[key_row];
        let at = line.find(keys[0]).unwrap();
        assert!(
            line[..at].contains('│') && line[at..].contains('│'),
            "{name} at {w}×{h}: the key line is inside the box: {line:?}"
        );
        assert!(
            rows[key_row + 1..(key_row + 3).min(rows.len())]
                .iter()
                .any(|r| r.contains('└')),
            "{name} at {w}×{h}: the key line is the last line of the box"
        );
        assert!(rows[..key_row].iter().any(|r| r.contains('┌')));
    }
}

#[test]
fn exam_screen() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "Bfxc");
    snap("exam", &mut app);
}

#[test]
fn exam_screen_with_case() {
    let mut app = exam_app(Theme::mono());
    goto_case_question(&mut app);
    press(&mut app, "A");
    snap("exam_case", &mut app);
}

#[test]
fn review_grid() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "A→Bf→→C→f→r");
    snap("review", &mut app);
}

#[test]
fn submit_confirmation() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "A→B→fs");
    snap_dialog("submit_confirm", &mut app, &["y submit", "n/Esc"]);
}

#[test]
fn end_of_part_confirmation() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "DEMO-PARTS", None, None, false, Some(2));
    press(&mut app, "As");
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::EndSection)));
    snap_dialog("end_part_confirm", &mut app, &["y end this part", "n/Esc"]);
}

#[test]
fn leave_confirmation() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "q");
    snap_dialog("leave_confirm", &mut app, &["y leave", "n/Esc"]);
}

#[test]
fn start_new_over_unfinished_confirmation() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "Aqy");
    assert!(matches!(app.screen, Screen::Home(_)));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    snap_dialog(
        "replace_unfinished_confirm",
        &mut app,
        &["y start", "n/Esc"],
    );
}

#[test]
fn go_to_dialog() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "g1");
    snap_dialog("goto", &mut app, &["Enter go", "Esc cancel"]);
}

#[test]
fn custom_drill_dialog() {
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    app.now = t0();
    // CPC has 17 domains: at 60×16 the list scrolls with the cursor, the keys stay in the box.
    let cpc = app
        .catalog
        .blueprints
        .iter()
        .position(|b| b.id == "CPC")
        .unwrap();
    app.screen = Screen::Home(HomeState {
        cursor: cpc,
        resume: None,
    });
    press(&mut app, "c");
    for _ in 0..12 {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        );
    }
    press(&mut app, " ");
    snap_dialog("custom_drill", &mut app, &["Enter start", "Esc cancel"]);
}

#[test]
fn help_overlay() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "?");
    snap_dialog("help", &mut app, &["Esc close"]);
    // At 60×16 the list scrolls; the last key can be reached.
    app.size = (60, 16);
    for _ in 0..40 {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        );
    }
    let t = render(&app, 60, 16);
    insta::assert_snapshot!("help_scrolled_60x16", t.backend());
    assert!(rows(&t).iter().any(|r| r.contains("Ctrl-C")));
}

#[test]
fn help_on_every_screen() {
    let mut practice = App::new(demo_catalog(), Theme::mono(), 1);
    practice.now = t0();
    start_exam(&mut practice, "DEMO", Some(5), None, true, Some(3));
    press(&mut practice, "?");
    snap_dialog("help_practice", &mut practice, &["Esc close"]);
    let mut home = App::new(demo_catalog(), Theme::mono(), 1);
    press(&mut home, "?");
    snap_dialog("help_home", &mut home, &["Esc close"]);
    let mut review = exam_app(Theme::mono());
    press(&mut review, "r?");
    snap_dialog("help_review", &mut review, &["Esc close"]);
    let mut results = finished_app();
    press(&mut results, "?");
    snap_dialog("help_results", &mut results, &["Esc close"]);
}

/// A finished demo exam, on its results.
fn finished_app() -> App {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "A→B→sy");
    assert!(matches!(app.screen, Screen::Results(_)));
    app
}

#[test]
fn practice_feedback_says_correct_or_the_letter_seen() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "DEMO", Some(5), None, true, Some(3));
    let (wrong, right) = {
        let ex = app.exam().unwrap();
        let item = &ex.attempt.form.items[0];
        let q = app.catalog.question(&item.question).unwrap();
        let key = q.key_set()[0];
        let pos = item.position_of(key).unwrap();
        (
            (b'A' + ((pos + 1) % item.order.len()) as u8) as char,
            (b'A' + pos as u8) as char,
        )
    };
    press(&mut app, &wrong.to_string());
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    snap("practice_incorrect", &mut app);
    let t = render(&app, 120, 40);
    assert!(
        rows(&t)
            .iter()
            .any(|r| r.contains(&format!("Incorrect — the answer is {right}")))
    );
}

#[test]
fn stats_history_and_plan_screens() {
    let mut app = finished_app();
    app.plan = Some(Plan {
        schema: 1,
        exam: "DEMO".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        daily_minutes: 30,
    });
    press(&mut app, "q");
    assert!(matches!(app.screen, Screen::Home(_)));
    snap("home_with_plan", &mut app);
    for (w, h) in SIZES {
        let t = render(&app, w, h);
        assert!(
            rows(&t).iter().any(|r| r.contains("days left")),
            "days left at {w}×{h}"
        );
    }
    press(&mut app, "s");
    assert!(matches!(app.screen, Screen::Stats(_)));
    snap("stats", &mut app);
    press(&mut app, "?");
    snap_dialog("help_stats", &mut app, &["Esc close"]);
    press(&mut app, "x");
    assert!(app.overlay.is_none());
    press(&mut app, "qh");
    snap("history", &mut app);
    press(&mut app, "?");
    snap_dialog("help_history", &mut app, &["Esc close"]);
}

#[test]
fn a_long_notice_wraps_above_the_keys() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "a");
    snap("exam_notice", &mut app);
}

#[test]
fn home_with_a_resumable_exam_and_banks_left_out() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "Aqy");
    app.left_out = 2;
    snap("home_resume", &mut app);
}

#[test]
fn results_summary_and_questions() {
    let mut app = exam_app(Theme::mono());
    // Answer every question with its key except every third, which stays blank.
    for i in 0..10 {
        let ex = app.exam().unwrap();
        let item = &ex.attempt.form.items[i];
        let q = app.catalog.question(&item.question).unwrap();
        let letters: String = q
            .key_set()
            .iter()
            .map(|k| (b'A' + item.position_of(*k).unwrap() as u8) as char)
            .collect();
        if i % 3 != 2 {
            press(&mut app, &letters);
        }
        press(&mut app, "→");
    }
    press(&mut app, "sy");
    assert!(matches!(app.screen, Screen::Results(_)));
    snap("results_summary", &mut app);
    press(&mut app, "\t");
    snap("results_questions", &mut app);
}

#[test]
fn home_screen() {
    let mut app = App::new(demo_catalog(), Theme::mono(), 1);
    snap("home", &mut app);
}

#[test]
fn home_screen_tells_the_shipped_exams_apart() {
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    // Readiness counts the questions true today (validity windows), so the clock is fixed.
    app.now = common::t0();
    snap("home_shipped", &mut app);
    let t = render(&app, 80, 24);
    let rows = rows(&t);
    // The name column of an exam's row: after the id, before the question count.
    let name_of = |id: &str| -> String {
        let row = rows
            .iter()
            .find(|r| r.trim_start_matches('│').split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} listed at 80 columns"));
        let after = row.trim_start_matches('│').trim_start()[id.len()..].to_string();
        let end = after.find(" q ").expect("question count");
        let name = after[..end].trim_end();
        name[..name.rfind(' ').unwrap()].trim().to_string()
    };
    let (cpb, cpb200, cpc) = (name_of("CPB"), name_of("CPB-200"), name_of("CPC"));
    assert!(cpb.contains("Biller"), "{cpb}");
    assert!(cpb200.contains("200-question"), "{cpb200}");
    assert!(cpc.contains("Coder"), "{cpc}");
    assert!(cpb != cpb200 && cpb != cpc && cpb200 != cpc);
}

#[test]
fn too_small_keeps_the_timer_visible() {
    let app = exam_app(Theme::mono());
    let t = render(&app, 50, 12);
    insta::assert_snapshot!("too_small_50x12", t.backend());
}

#[test]
fn no_color_theme_uses_no_colour_at_all() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "Bfxc");
    let t = render(&app, 80, 24);
    for cell in t.backend().buffer().content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "a colour leaked into the mono theme at {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, Color::Reset);
    }
    // State is still visible through markers.
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("(•)"), "chosen marker");
    assert!(text.contains(" - "), "struck marker");
    assert!(text.contains("FLAGGED"), "flag marker");
}

#[test]
fn colour_theme_renders_the_same_text() {
    let mut a = exam_app(Theme::mono());
    let mut b = exam_app(Theme::color());
    press(&mut a, "Bf");
    press(&mut b, "Bf");
    let ta = render(&a, 80, 24);
    let tb = render(&b, 80, 24);
    let text = |t: &Terminal<TestBackend>| {
        t.backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol().to_string())
            .collect::<String>()
    };
    assert_eq!(text(&ta), text(&tb));
}

#[test]
fn code_book_panel() {
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CPB", Some(10), None, false, Some(5));
    press(&mut app, "btype 2 diabetes");
    snap_at("code_book_list", &mut app, &SIZES[1..]);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    snap_at("code_book_page", &mut app, &SIZES[1..]);
}

/// Snapshots at some sizes only (the code book panel's own tests cover its layouts).
fn snap_at(name: &str, app: &mut App, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        app.size = (w, h);
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_plan_shows_on_home_before_any_answer_and_beside_a_resumable_exam() {
    let mut app = exam_app(Theme::mono());
    app.plan = Some(Plan {
        schema: 1,
        exam: "DEMO".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
        daily_minutes: 30,
    });
    // No answers yet, and an unfinished exam waiting: the plan still shows at every size.
    press(&mut app, "Aqy");
    assert!(app.records.is_empty());
    for (w, h) in SIZES {
        let t = render(&app, w, h);
        let text = rows(&t).join("\n");
        assert!(
            text.contains("28 days left") && text.contains("Today (p)"),
            "plan at {w}×{h}:\n{text}"
        );
    }
}

/// At 80 columns the book takes the lower part and the question stays visible above it; over a
/// results review it says nothing about a timer.
#[test]
fn code_book_beside_the_question_and_over_results() {
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CPB", Some(10), None, false, Some(5));
    press(&mut app, "b");
    snap("code_book_empty_in_exam", &mut app);
    press(&mut app, "htn");
    snap("code_book_abbreviation", &mut app);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );
    press(&mut app, "sy\tb");
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    assert!(matches!(app.screen, proctor::tui::Screen::Results(_)));
    snap("code_book_over_results", &mut app);
}

/// A full CCS mock has unscored pretest items: nothing on the exam screen tells them apart; after
/// submitting, the results say how many there were and the question list and review name them.
#[test]
fn pretest_items_are_named_only_after_the_exam() {
    let mut app = App::new(common::shipped_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CCS", None, None, false, Some(4));
    let ex = app.exam().unwrap();
    assert_eq!(
        ex.attempt.form.items.iter().filter(|x| x.pretest).count(),
        10
    );
    let first_pretest = ex
        .attempt
        .form
        .items
        .iter()
        .position(|x| x.pretest)
        .unwrap();
    press(&mut app, &format!("g{}", first_pretest + 1));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let sitting = rows(&render(&app, 120, 40)).join("\n");
    assert!(!sitting.to_lowercase().contains("pretest"), "{sitting}");
    press(&mut app, "sy");
    assert!(matches!(app.screen, Screen::Results(_)));
    let summary = rows(&render(&app, 120, 40)).join("\n");
    assert!(
        summary.contains("Scored on 97 questions: 10 were unscored pretest items"),
        "{summary}"
    );
    press(&mut app, "\t");
    let list = rows(&render(&app, 120, 40)).join("\n");
    let Screen::Results(res) = &app.screen else {
        unreachable!()
    };
    // Every listed row says "pretest" exactly when its question is one.
    let mut shown = 0;
    for row in list.lines() {
        let Some(rest) = row.strip_prefix("│✗") else {
            continue;
        };
        let rest = rest.trim_start_matches(['⚑', ' ']);
        let Some((num, after)) = rest.split_once(' ') else {
            continue;
        };
        let Ok(n) = num.parse::<usize>() else {
            continue;
        };
        let marked = after.starts_with("pretest · ");
        assert_eq!(
            marked,
            res.attempt.form.items[n - 1].pretest,
            "row {n}: {row}"
        );
        shown += usize::from(marked);
    }
    assert!(shown > 0, "{list}");
}
