//! Shared by the integration tests: catalogs from fixtures and the shipped banks, fixed times.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use proctor::bank::{Catalog, SourceFile};
use std::path::Path;

pub fn fixture_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The demo exam (blueprints DEMO and DEMO-PARTS, 14 questions) and nothing else, so screen tests do
/// not change when the shipped banks grow.
pub fn demo_catalog() -> Catalog {
    let mut diags = Vec::new();
    let files = SourceFile::from_path(&fixture_dir("demo"), &mut diags);
    let (catalog, report) = Catalog::load(&files, false);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    catalog
}

pub fn shipped_catalog() -> Catalog {
    let (catalog, report) = Catalog::load(&SourceFile::shipped_files(), false);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    catalog
}

pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z")
        .unwrap()
        .into()
}

/// The app drawn by its pure view on a `w`×`h` test terminal, as text: what snapshot tests compare.
pub fn screen(app: &proctor::tui::App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| proctor::tui::view::view(app, f)).unwrap();
    format!("{}", t.backend())
}

/// A valid CPB bank of three questions, as `proctor new bank --exam CPB` writes it (keys A,
/// [A, B, C], A): the author's file of the preview tests.
pub fn scaffold_cpb() -> String {
    proctor::authoring::scaffold_bank(
        "CPB",
        "cpb-new",
        &proctor::authoring::ScaffoldDomains {
            choice: "insurance".into(),
            code_entry: None,
        },
    )
}
