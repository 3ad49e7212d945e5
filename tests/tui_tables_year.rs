//! The ICD-10-PCS table browser opens the tables of the exam's code year (the bank's
//! `code_year`), not merely the newest installed, and says so when it must fall back to the
//! newest. Through `update` key sequences, with two releases of the miniature
//! tests/fixtures/codesets/pcs-tables-browse.xml (written for proctor in CMS's schema) installed
//! as FY2026 and FY2027 in a data folder of this test process.

mod common;

use common::{fixture_dir, screen, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::bank::{Catalog, SourceFile};
use proctor::codeset::{System, book, import, installed, set_data_root};
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Msg, Theme};
use std::path::{Path, PathBuf};
use std::sync::Once;

/// FY2026 and FY2027 tables installed, once, before the book is loaded.
fn install_two_years() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tui_tables_year-data");
        let _ = std::fs::remove_dir_all(&root);
        let dir = installed::folder(&root);
        std::fs::create_dir_all(&dir).unwrap();
        let text =
            std::fs::read_to_string(fixture_dir("codesets").join("pcs-tables-browse.xml")).unwrap();
        for year in ["2026", "2027"] {
            let xml = text.replace(
                "<version>2026</version>",
                &format!("<version>{year}</version>"),
            );
            let imp = import::import_bytes("pcs-tables-browse.xml", xml.as_bytes()).unwrap();
            assert_eq!(imp.meta.release, year);
            installed::install(&dir, &imp, "test").expect("installs");
        }
        set_data_root(&root);
        assert!(book().problems.is_empty(), "{:?}", book().problems);
        assert_eq!(book().releases(System::Pcs), ["2027", "2026"]);
    });
}

/// The coding fixture banks with their `code_year` set to `year`, in a folder of their own.
fn catalog_of_year(year: u16) -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture_dir("coding")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let text = text.replace("code_year: 2026", &format!("code_year: {year}"));
        std::fs::write(dir.path().join(p.file_name().unwrap()), text).unwrap();
    }
    let mut diags = Vec::new();
    let files = SourceFile::from_path(Path::new(dir.path()), &mut diags);
    let (catalog, report) = Catalog::load(&files, false);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    catalog
}

fn press(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

/// The one-question code-entry exam of a bank of `year`, the book open, then Tab: the tables.
fn browser_for(year: u16) -> App {
    install_two_years();
    let mut app = App::new(catalog_of_year(year), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, "CODING-CASE", None, None, false, Some(1));
    assert_eq!(
        app.catalog
            .code_year_of(&app.exam().unwrap().attempt.form.items[0].question),
        Some(year)
    );
    press(&mut app, "b\t");
    app
}

fn release(app: &App) -> &str {
    &app.book
        .as_ref()
        .and_then(|b| b.tables.as_ref())
        .expect("the table browser is open")
        .release
}

#[test]
fn the_browser_opens_the_tables_of_the_banks_code_year() {
    let mut app = browser_for(2026);
    assert_eq!(release(&app), "2026", "not the newest (2027)");
    assert!(app.notice.is_none(), "{:?}", app.notice);
    assert!(screen(&app, 120, 40).contains("PCS 2026 tables"));
    // Down to a table and back out and in again: still the bank's year.
    press(&mut app, "\r\r\x1b\x1b\t\t");
    assert_eq!(release(&app), "2026");
    let app = browser_for(2027);
    assert_eq!(release(&app), "2027");
}

#[test]
fn a_code_year_not_installed_falls_back_to_the_newest_and_says_so() {
    let app = browser_for(2025);
    assert_eq!(release(&app), "2027");
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("FY2025 (this exam's code year) is not installed")
            && notice.contains("FY2027"),
        "{notice}"
    );
    let s = screen(&app, 120, 40);
    assert!(s.contains("PCS 2027 tables") && s.contains("FY2025"), "{s}");
}
