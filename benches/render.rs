//! Exam-screen redraw for a 200-question form on TestBackend, and start-up to the first frame with
//! all shipped banks. Run: `cargo bench --bench render`.

#[path = "support.rs"]
mod support;

use proctor::bank::{Catalog, SourceFile};
use proctor::store::history::History;
use proctor::tui::app::Confirm;
use proctor::tui::update::start_exam;
use proctor::tui::view::view;
use proctor::tui::{App, Overlay, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let (catalog, _) = Catalog::load(&SourceFile::shipped_files(), false);
    let mut app = App::new(catalog, Theme::color(), 1);
    start_exam(&mut app, "CPB-200", None, None, false, Some(1));
    assert_eq!(
        app.exam().expect("CPB-200 form").attempt.form.items.len(),
        200
    );
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let t = support::median(2001, || {
            // A full redraw: clear the previous buffer so nothing is diffed away.
            term.clear().unwrap();
            term.draw(|f| view(&app, f)).unwrap();
        });
        println!(
            "exam screen redraw, 200-question form, {w}x{h}: {:>7.1} µs (median of 2001)",
            t.as_secs_f64() * 1e6
        );
    }

    // Dialogs over the exam: each frame wraps the dialog's text to find its height (the help
    // dialog also lays itself out once more to bound its scroll in `update`; that is per key).
    for (name, overlay) in [
        ("submit dialog", Overlay::Confirm(Confirm::Submit)),
        ("help dialog", Overlay::Help { scroll: 0 }),
    ] {
        app.overlay = Some(overlay);
        for (w, h) in [(60u16, 16u16), (80, 24)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            let t = support::median(2001, || {
                term.clear().unwrap();
                term.draw(|f| view(&app, f)).unwrap();
            });
            println!(
                "exam screen with the {name}, {w}x{h}: {:>7.1} µs (median of 2001)",
                t.as_secs_f64() * 1e6
            );
        }
    }
    app.overlay = None;
    // A code-entry question with 10 typed codes: every frame runs the live check of each code
    // against the ICD-10-CM set (loaded before timing, as the first frame does).
    let mut diags = Vec::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coding");
    let (catalog, _) = Catalog::load(&SourceFile::from_path(&fixture, &mut diags), false);
    let mut app = App::new(catalog, Theme::color(), 1);
    start_exam(&mut app, "CODING-CASE", None, None, false, Some(1));
    if let proctor::tui::Screen::Exam(ex) = &mut app.screen {
        ex.entry_focused = true;
        let typed = "K35.80 0DTJ4ZZ E11.9 I10 K35.8 K35.99 J9035 Z79.4 E78.5 N18.3";
        for code in typed.split(' ') {
            code.chars().for_each(|c| {
                ex.attempt.type_char(c);
            });
            ex.attempt.end_code();
        }
    }
    let _ = proctor::codeset::icd10cm();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let t = support::median(2001, || {
            term.clear().unwrap();
            term.draw(|f| view(&app, f)).unwrap();
        });
        println!(
            "code-entry question redraw, 10 typed codes live-checked, {w}x{h}: {:>7.1} µs (median of 2001)",
            t.as_secs_f64() * 1e6
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let t = support::median(31, || {
        let (catalog, report) = Catalog::load(&SourceFile::shipped_files(), false);
        assert_eq!(report.errors(), 0);
        let history = History::new(dir.path()).load("bench").unwrap();
        let app = App::new(catalog, Theme::color(), 1);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| view(&app, f)).unwrap();
        history.records.len()
    });
    println!(
        "start-up to first frame (load + validate all shipped banks, history, first draw): {:>6.1} ms (median of 31)",
        t.as_secs_f64() * 1e3
    );

    let bin = env!("CARGO_BIN_EXE_proctor");
    let t = support::median(21, || {
        let out = std::process::Command::new(bin)
            .args(["--data-dir", dir.path().to_str().unwrap(), "list"])
            .output()
            .unwrap();
        assert!(out.status.success());
    });
    println!(
        "whole process `proctor list` (spawn, load, validate, print, exit): {:>6.1} ms (median of 21)",
        t.as_secs_f64() * 1e3
    );
}
