//! Every screen rendered from a state value on ratatui's TestBackend, at 80×24 and 120×40.
//! Review changes with `cargo insta review`.

mod common;

use common::{demo_catalog, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::tui::update::{start_exam, update};
use proctor::tui::view::view;
use proctor::tui::{App, Msg, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

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

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        app.size = (w, h);
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
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
    snap("submit_confirm", &mut app);
}

#[test]
fn help_overlay() {
    let mut app = exam_app(Theme::mono());
    press(&mut app, "?");
    snap("help", &mut app);
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
    snap("code_book_list", &mut app);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    snap("code_book_page", &mut app);
}
