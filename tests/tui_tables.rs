//! The ICD-10-PCS table browser in the code book panel, through `update` and on TestBackend
//! (insta) at 80×24 and 120×40: section → body system → root operation → one value per axis,
//! only valid combinations, and the built code added to a code-entry answer. The book of this
//! test process holds the miniature tests/fixtures/codesets/pcs-tables-browse.xml (written for
//! proctor in CMS's schema), installed into a data folder of its own.

mod common;

use common::{fixture_dir, screen, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::bank::{Catalog, SourceFile};
use proctor::codeset::{book, import, installed, set_data_root};
use proctor::tui::app::TableBrowser;
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Effect, Msg, Screen, Theme};
use std::path::PathBuf;
use std::sync::Once;

/// Installs the miniature into this process's data folder, once, before the book is loaded.
fn install_tables() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tui_tables-data");
        let _ = std::fs::remove_dir_all(&root);
        let file = fixture_dir("codesets").join("pcs-tables-browse.xml");
        let imp = import::import_file(&file).expect("the miniature imports");
        let dir = installed::folder(&root);
        std::fs::create_dir_all(&dir).unwrap();
        installed::install(&dir, &imp, "test").expect("installs");
        set_data_root(&root);
        assert!(book().problems.is_empty(), "{:?}", book().problems);
    });
}

fn coding_catalog() -> Catalog {
    let mut diags = Vec::new();
    let files = SourceFile::from_path(&fixture_dir("coding"), &mut diags);
    let (catalog, report) = Catalog::load(&files, false);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    catalog
}

/// The one-question code-entry exam, with the book open.
fn app() -> App {
    install_tables();
    let mut app = App::new(coding_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CODING-CASE", None, None, false, Some(1));
    press(&mut app, "b");
    assert!(app.book.is_some(), "{:?}", app.notice);
    app
}

/// Keys: `\r` Enter, `\x1b` Esc, `\x08` Backspace, `\t` Tab, arrows as arrows.
fn press(app: &mut App, s: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in s.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            '\t' => KeyCode::Tab,
            '←' => KeyCode::Left,
            '→' => KeyCode::Right,
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            c => KeyCode::Char(c),
        };
        fx.extend(update(
            app,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        ));
    }
    fx
}

fn tables(app: &App) -> &TableBrowser {
    app.book
        .as_ref()
        .and_then(|b| b.tables.as_ref())
        .expect("the table browser is open")
}

/// The values offered at the browser's step, as their characters.
fn offered(app: &App) -> String {
    proctor::tui::update::tables::options(tables(app))
        .values
        .iter()
        .map(|v| v.code)
        .collect()
}

fn codes(app: &App) -> Vec<String> {
    let ex = app.exam().expect("exam");
    ex.attempt.responses[ex.attempt.current].codes.clone()
}

fn snap(name: &str, app: &mut App) {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn section_body_system_operation_then_one_value_per_axis_builds_a_code_for_the_answer() {
    let mut app = app();
    press(&mut app, "\t");
    assert_eq!(tables(&app).choices.head, "");
    assert_eq!(offered(&app), "03", "the sections");
    press(&mut app, "\r");
    assert_eq!(offered(&app), "DS", "the body systems of section 0");
    press(&mut app, "\r↓\r");
    assert_eq!(tables(&app).choices.head, "0DT");
    assert_eq!(offered(&app), "16JU", "the body parts of the table");
    assert_eq!(tables(&app).axis, 0);
    // Choosing moves on to the next axis still open.
    press(&mut app, "↓↓\r");
    assert_eq!(tables(&app).choices.code(), "0DTJ___");
    assert_eq!(tables(&app).axis, 1);
    assert_eq!(offered(&app), "0478");
    press(&mut app, "↓\r\r\r");
    assert_eq!(tables(&app).choices.complete().as_deref(), Some("0DTJ4ZZ"));
    // `a` adds it to the answer, saved like typed codes; letters are keys here, not search text.
    let fx = press(&mut app, "a");
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert_eq!(codes(&app), vec!["0DTJ4ZZ"]);
    assert!(app.notice.as_deref().unwrap().contains("0DTJ4ZZ added"));
    // Backspace clears the axis under the cursor; Esc climbs one level at a time.
    press(&mut app, "\x08");
    assert_eq!(tables(&app).choices.code(), "0DTJ4Z_");
    assert!(
        press(&mut app, "a").is_empty(),
        "nothing to add until whole"
    );
    assert_eq!(codes(&app), vec!["0DTJ4ZZ"]);
    press(&mut app, "\x1b");
    assert_eq!(tables(&app).choices.head, "0D");
    assert_eq!(
        tables(&app).cursor,
        1,
        "the cursor is on the operation left"
    );
    press(&mut app, "\x1b\x1b\x1b");
    assert!(
        app.book.as_ref().unwrap().tables.is_none(),
        "back to the search"
    );
    press(&mut app, "\x1b");
    assert!(app.book.is_none());
}

#[test]
fn a_choice_on_one_axis_narrows_the_others() {
    let mut app = app();
    press(&mut app, "\t\r↓\r\r");
    assert_eq!(tables(&app).choices.head, "0SR");
    // The qualifier first: Cemented leaves the synthetic devices only.
    press(&mut app, "←");
    assert_eq!(tables(&app).axis, 3);
    assert_eq!(offered(&app), "9AZ");
    press(&mut app, "\r");
    assert_eq!(tables(&app).choices.code(), "0SR___9");
    assert_eq!(tables(&app).axis, 0, "on to the first axis still open");
    press(&mut app, "→→");
    assert_eq!(offered(&app), "123");
    // Clearing the qualifier offers every device again; a tissue substitute allows only Z.
    press(&mut app, "→\x08←");
    assert_eq!(offered(&app), "1237JK");
    press(&mut app, "↓↓↓\r");
    assert_eq!(tables(&app).choices.code(), "0SR__7_");
    assert_eq!(tables(&app).axis, 3, "on to the next axis still open");
    assert_eq!(offered(&app), "Z");
    snap("pcs_tables_narrowed", &mut app);
    press(&mut app, "\r\r\r");
    let built = tables(&app).choices.complete().expect("whole");
    assert_eq!(built, "0SR907Z");
    let set = proctor::tui::update::tables::tables(&tables(&app).release).unwrap();
    assert!(set.is_valid(&built));
    snap("pcs_tables_built", &mut app);
}

#[test]
fn the_top_of_the_browser_and_enter_on_a_table_found_by_words() {
    let mut app = app();
    press(&mut app, "\t");
    snap("pcs_tables_sections", &mut app);
    press(&mut app, "\t");
    // A body part found by words opens its table with the body part chosen.
    press(&mut app, "omentum");
    let hits = &app.book.as_ref().unwrap().hits;
    let at = hits.iter().position(|h| h.code == "0DTU").expect("found");
    for _ in 0..at {
        press(&mut app, "↓");
    }
    press(&mut app, "\r");
    assert_eq!(tables(&app).choices.code(), "0DTU___");
    assert_eq!(tables(&app).axis, 1);
    assert_eq!(offered(&app), "04", "the omentum's row: open or endoscopic");
}

#[test]
fn a_built_code_goes_only_into_an_open_code_entry_answer() {
    let mut app = app();
    press(&mut app, "\t\r\r\r\r\r\r\r");
    assert_eq!(tables(&app).choices.complete().as_deref(), Some("0DB60ZX"));
    if let Screen::Exam(ex) = &mut app.screen {
        ex.attempt.end = Some(proctor::exam::EndReason::Submitted);
    }
    assert!(press(&mut app, "a").is_empty());
    assert!(codes(&app).is_empty());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("only an open code-entry")
    );
}

#[test]
fn in_the_background_mode_a_search_never_waits_and_completes_on_a_tick() {
    let mut app = app();
    press(&mut app, "\x1b");
    app.book_in_background = true;
    press(&mut app, "b");
    press(&mut app, "omentum");
    let state = app.book.as_ref().unwrap();
    assert!(
        state.partial || state.hits.iter().any(|h| h.code == "0DTU"),
        "a search with every list ready finds the omentum"
    );
    let start = std::time::Instant::now();
    while app.book.as_ref().unwrap().partial {
        assert!(start.elapsed().as_secs() < 120, "the lists never got built");
        std::thread::sleep(std::time::Duration::from_millis(20));
        update(
            &mut app,
            Msg::Tick(std::time::Duration::from_millis(20), t0()),
        );
    }
    let hits = &app.book.as_ref().unwrap().hits;
    assert!(hits.iter().any(|h| h.code == "0DTU"), "{hits:?}");
}
