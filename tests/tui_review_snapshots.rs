//! The review and practice feedback in the order the candidate saw, records that keep their lines,
//! and panels that say what they hide: TestBackend snapshots at 60×16, 80×24 and 120×40, plus the
//! update() key sequences that scroll. Review changes with `cargo insta review`.

mod common;

use common::{fixture_dir, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::bank::{Catalog, ChoiceKey, SourceFile};
use proctor::tui::update::{exam::finish, start_exam, update};
use proctor::tui::view::view;
use proctor::tui::{App, Msg, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

fn review_catalog() -> Catalog {
    let mut diags = Vec::new();
    let files = SourceFile::from_path(&fixture_dir("review"), &mut diags);
    let (catalog, report) = Catalog::load(&files, false);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    catalog
}

fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn press(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        app.size = (w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

/// A 3-question exam (or practice) on the review fixture, on the six-option question.
fn app_on_six_options(tutor: bool, seed: u64) -> App {
    let mut app = App::new(review_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "REVIEW", None, None, tutor, Some(seed));
    let at = item_of(&app, "REV-01");
    press(&mut app, &format!("g{}", at + 1));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.exam().unwrap().attempt.current, at);
    app
}

fn item_of(app: &App, id: &str) -> usize {
    let items = match &app.screen {
        Screen::Exam(e) => &e.attempt.form.items,
        Screen::Results(r) => &r.attempt.form.items,
        _ => panic!("no form on screen"),
    };
    items.iter().position(|i| i.question == id).unwrap()
}

/// A seed whose form shows REV-01's options out of the bank's order, so the test means something.
fn shuffled_seed(tutor: bool) -> u64 {
    (1..50)
        .find(|&s| {
            let app = app_on_six_options(tutor, s);
            let ex = app.exam().unwrap();
            let order = &ex.attempt.form.items[ex.attempt.current].order;
            order[3] != ChoiceKey::D && order.iter().position(|k| *k == ChoiceKey::C) != Some(2)
        })
        .expect("some seed shuffles")
}

/// The review names the answer by the letter pressed and the key by the letter it was shown under;
/// the options come in the order seen, struck options stay struck, and each has its reason.
#[test]
fn review_shows_the_options_as_the_candidate_saw_them() {
    let seed = shuffled_seed(false);
    let mut app = app_on_six_options(false, seed);
    let order = {
        let ex = app.exam().unwrap();
        ex.attempt.form.items[ex.attempt.current].order.clone()
    };
    press(&mut app, "D");
    press(&mut app, "xb");
    let key_seen = (b'A' + order.iter().position(|k| *k == ChoiceKey::C).unwrap() as u8) as char;
    finish(&mut app);
    key(&mut app, KeyCode::Tab);
    let at = item_of(&app, "REV-01");
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    app.size = (120, 40);
    let text = screen(&app, 120, 40).join("\n");
    assert!(text.contains("Your answer: D "), "{text}");
    assert!(text.contains(&format!("Key: {key_seen} ")), "{text}");
    let bank_d = "The claim must be resubmitted";
    let seen_d = match order[3] {
        ChoiceKey::A => "The patient owes the whole",
        ChoiceKey::B => "The practice may bill",
        ChoiceKey::C => "The 52.00 is a contractual",
        ChoiceKey::D => bank_d,
        ChoiceKey::E => "The 52.00 is the patient's",
        ChoiceKey::F => "Nothing is owed",
    };
    assert!(
        text.contains(&format!("(•) D) {seen_d}")),
        "the D pressed is shown as D: {text}"
    );
    assert!(
        text.contains(" -  B) "),
        "the option struck as B is struck: {text}"
    );
    assert!(
        text.contains("A CO adjustment is the provider's obligation"),
        "reasons shown: {text}"
    );
    snap("review_shuffled", &mut app);
}

#[test]
fn practice_feedback_is_shuffled_and_shows_the_letters_seen() {
    let seed = shuffled_seed(true);
    let mut app = app_on_six_options(true, seed);
    press(&mut app, "A");
    key(&mut app, KeyCode::Enter);
    let ex = app.exam().unwrap();
    assert!(ex.attempt.responses[ex.attempt.current].checked);
    app.size = (120, 40);
    let text = screen(&app, 120, 40).join("\n");
    assert!(text.contains("(•) A) "), "{text}");
    snap("practice_feedback_shuffled", &mut app);
}

/// `shuffle: false` keeps the bank's order in practice too.
#[test]
fn practice_respects_shuffle_false() {
    for seed in 1..20 {
        let mut app = App::new(review_catalog(), Theme::mono(), 1);
        app.now = t0();
        start_exam(&mut app, "REVIEW", None, None, true, Some(seed));
        let ex = app.exam().unwrap();
        let item = &ex.attempt.form.items[item_of(&app, "REV-03")];
        assert_eq!(
            item.order,
            [ChoiceKey::A, ChoiceKey::B, ChoiceKey::C, ChoiceKey::D]
        );
    }
}

/// The remittance keeps the author's lines: Patient and Employer on rows of their own, the table's
/// columns intact, and the long Employer line continuing under a marker.
#[test]
fn a_record_case_keeps_its_lines_and_hangs_long_ones() {
    let mut app = app_on_six_options(false, 1);
    for (w, h) in SIZES {
        app.size = (w, h);
        let rows = screen(&app, w, h);
        let row_of = |needle: &str| rows.iter().position(|r| r.contains(needle));
        let patient = row_of("Patient: Harold Dunn").expect("patient line");
        let employer = row_of("Employer: Valley").expect("employer line");
        assert_eq!(employer, patient + 1, "{w}x{h}:\n{}", rows.join("\n"));
        // At 60×16 the case panel shows three lines: the continuation is one `]` away.
        key(&mut app, KeyCode::Char(']'));
        let scrolled = screen(&app, w, h);
        key(&mut app, KeyCode::Char('['));
        assert!(
            rows.get(employer + 1).is_some_and(|r| r.contains("↳ "))
                || scrolled.iter().any(|r| r.contains("│ ↳ ")),
            "the long line continues under a marker at {w}x{h}:\n{}",
            rows.join("\n")
        );
    }
    app.size = (80, 24);
    key(&mut app, KeyCode::Char(']'));
    let rows = screen(&app, 80, 24).join("\n");
    assert!(
        rows.contains("1     Office visit     150.00    98.00   78.40   CO-45 52.00"),
        "{rows}"
    );
    snap("record_case", &mut app);
}

/// At 60×16 the six long options do not fit: the panel says how many lines it hides and the footer
/// names the scroll keys; PgDn reaches every option, and so does moving the highlight.
#[test]
fn at_60x16_every_option_is_reachable_and_the_panel_says_what_it_hides() {
    let mut app = app_on_six_options(false, 1);
    app.size = (60, 16);
    let first = screen(&app, 60, 16).join("\n");
    assert!(first.contains("more · PgDn"), "{first}");
    assert!(
        first.contains("PgDn more"),
        "the footer names the key: {first}"
    );
    snap("more_marker", &mut app);
    app.size = (60, 16);

    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&screen(&app, 60, 16).join("\n"));
        key(&mut app, KeyCode::PageDown);
    }
    for letter in 'A'..='F' {
        assert!(
            seen.contains(&format!("( ) {letter}) ")),
            "option {letter} never shown"
        );
    }
    let last = screen(&app, 60, 16).join("\n");
    assert!(
        !last.contains("more · PgDn"),
        "at the end nothing is hidden below:\n{last}"
    );
    assert!(
        last.contains("↑"),
        "but the lines above are counted:\n{last}"
    );

    // The highlight pulls its option into view.
    let mut app = app_on_six_options(false, 1);
    app.size = (60, 16);
    for _ in 0..5 {
        key(&mut app, KeyCode::Down);
    }
    let rows = screen(&app, 60, 16).join("\n");
    assert!(rows.contains("( ) F) "), "{rows}");
}

/// Scrolling stops at the end, so one PgUp after many PgDn moves back at once; the case scrolls
/// with ] and [ on its own; moving to another question starts both at the top.
#[test]
fn scrolling_is_clamped_and_per_panel() {
    let mut app = app_on_six_options(false, 1);
    app.size = (60, 16);
    for _ in 0..50 {
        key(&mut app, KeyCode::PageDown);
    }
    let end = app.exam().unwrap().body_scroll;
    assert!(end > 0 && end < 40, "clamped at the end: {end}");
    key(&mut app, KeyCode::PageUp);
    assert!(app.exam().unwrap().body_scroll < end);
    assert_eq!(app.exam().unwrap().case_scroll, 0);
    for _ in 0..50 {
        key(&mut app, KeyCode::Char(']'));
    }
    let case_end = app.exam().unwrap().case_scroll;
    assert!(case_end > 0 && case_end < 20, "case clamped: {case_end}");
    key(&mut app, KeyCode::Char('['));
    assert!(app.exam().unwrap().case_scroll < case_end);
    // A larger terminal shows everything: the scroll is clamped back to the top.
    update(&mut app, Msg::Resize(200, 60));
    let ex = app.exam().unwrap();
    assert_eq!((ex.body_scroll, ex.case_scroll), (0, 0));
    update(&mut app, Msg::Resize(60, 16));
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::Right);
    let ex = app.exam().unwrap();
    assert_eq!((ex.body_scroll, ex.case_scroll), (0, 0));
}

/// The results review scrolls its question and its case, clamped, and says what it hides.
#[test]
fn results_review_scrolls_and_shows_the_case() {
    let mut app = app_on_six_options(false, 1);
    finish(&mut app);
    key(&mut app, KeyCode::Tab);
    let at = item_of(&app, "REV-01");
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    app.size = (60, 16);
    let first = screen(&app, 60, 16).join("\n");
    assert!(first.contains("Case: Remittance"), "{first}");
    assert!(first.contains("more · PgDn"), "{first}");
    for _ in 0..50 {
        key(&mut app, KeyCode::PageDown);
    }
    let Screen::Results(r) = &app.screen else {
        panic!("results")
    };
    let end = r.detail_scroll;
    assert!(end > 0 && end < 60, "{end}");
    key(&mut app, KeyCode::PageUp);
    let Screen::Results(r) = &app.screen else {
        panic!("results")
    };
    assert!(r.detail_scroll < end);
    key(&mut app, KeyCode::Char(']'));
    let Screen::Results(r) = &app.screen else {
        panic!("results")
    };
    assert!(r.case_scroll > 0);
    // Beside the question when the terminal is wide enough, above it otherwise ('a' lists all
    // questions again, from the top, unscrolled).
    press(&mut app, "a");
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    for (w, h, beside) in [(160, 40, true), (120, 40, false)] {
        app.size = (w, h);
        let rows = screen(&app, w, h);
        let case_row = rows.iter().position(|r| r.contains("Case: Remittance"));
        let answer_row = rows.iter().position(|r| r.contains("Your answer:"));
        let (Some(c), Some(q)) = (case_row, answer_row) else {
            panic!("case and question shown at {w}x{h}:\n{}", rows.join("\n"));
        };
        assert_eq!(c + 1 == q, beside, "{w}x{h}:\n{}", rows.join("\n"));
    }
}

/// History keeps bank keys (re-scorable) and the order shown, so a reopened attempt is reviewed
/// under the same letters; a record from before the order was kept falls back to the bank's order.
#[test]
fn reopened_history_shows_the_letters_seen() {
    let seed = shuffled_seed(false);
    let mut app = app_on_six_options(false, seed);
    let at = app.exam().unwrap().attempt.current;
    let order = app.exam().unwrap().attempt.form.items[at].order.clone();
    press(&mut app, "D");
    finish(&mut app);
    let record = app.records.last().unwrap().clone();
    assert_eq!(
        record.responses[at].selected,
        vec![order[3]],
        "bank keys stored"
    );
    let json = serde_json::to_string(&record).unwrap();
    let back: proctor::store::history::Record = serde_json::from_str(&json).unwrap();
    assert_eq!(back.responses[at].order, order);

    proctor::tui::update::history::reopen(&mut app, &back);
    let Screen::Results(r) = &app.screen else {
        panic!("results")
    };
    assert_eq!(r.attempt.form.items[at].order, order);

    let mut old = back.clone();
    for x in &mut old.responses {
        x.order.clear();
    }
    let old_json = serde_json::to_string(&old).unwrap();
    assert!(
        !old_json.contains("\"order\""),
        "an empty order is not written"
    );
    proctor::tui::update::history::reopen(&mut app, &old);
    let Screen::Results(r) = &app.screen else {
        panic!("results")
    };
    assert_eq!(
        r.attempt.form.items[at].order,
        [
            ChoiceKey::A,
            ChoiceKey::B,
            ChoiceKey::C,
            ChoiceKey::D,
            ChoiceKey::E,
            ChoiceKey::F
        ]
    );
}
