//! Code-entry questions end to end without a terminal: the entry field's keys through `update`,
//! its live checks and the per-code review on TestBackend (insta), form assembly, history and
//! stats with partial credit. The real binary in a pty is in e2e_pty.rs.

mod common;

use common::{fixture_dir, screen, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::bank::{Catalog, SourceFile};
use proctor::codeset::{CodeLookup, EntrySystem, Lookup};
use proctor::exam::{FormOptions, assemble};
use proctor::store::history::Record;
use proctor::tui::update::{start_exam, update};
use proctor::tui::{App, Effect, Msg, Screen, Theme};
use std::sync::Arc;

fn coding_catalog() -> Catalog {
    let mut diags = Vec::new();
    let files = SourceFile::from_path(&fixture_dir("coding"), &mut diags);
    let (catalog, report) = Catalog::load(&files, false);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    catalog
}

fn app(blueprint: &str, tutor: bool) -> App {
    let mut app = App::new(coding_catalog(), Theme::mono(), 1);
    app.now = t0();
    start_exam(&mut app, blueprint, None, None, tutor, Some(1));
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types text key by key: `\r` is Enter, `\x1b` Esc, `\x08` Backspace.
fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        key(app, code);
    }
}

fn response(app: &App) -> &proctor::exam::Response {
    let ex = app.exam().expect("exam screen");
    &ex.attempt.responses[ex.attempt.current]
}

fn focused(app: &App) -> bool {
    app.exam().is_some_and(|e| e.entry_focused)
}

fn snap(name: &str, app: &mut App) {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn enter_focuses_the_field_and_typed_letters_are_codes_not_commands() {
    let mut app = app("CODING-CASE", false);
    assert!(!focused(&app));
    key(&mut app, KeyCode::Enter);
    assert!(focused(&app));
    // f (flag), n (next), b (book), q (leave), s (submit) are all code characters here.
    let fx = key(&mut app, KeyCode::Char('k'));
    assert_eq!(fx, vec![Effect::SaveProgress], "each keystroke is saved");
    typed(&mut app, "35.80 0dtj4zz,fnbqs");
    let r = response(&app);
    assert_eq!(r.codes, vec!["K35.80", "0DTJ4ZZ"]);
    assert_eq!(r.draft, "FNBQS");
    assert!(!r.flagged);
    assert!(app.overlay.is_none() && app.book.is_none());
    // Backspace edits; a character that is never in a code is refused with a hint.
    typed(&mut app, "\x08\x08\x08\x08\x08\x08");
    assert_eq!(response(&app).draft, "0DTJ4ZZ");
    assert_eq!(response(&app).codes, vec!["K35.80"]);
    assert!(key(&mut app, KeyCode::Char('-')).is_empty());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("letters, digits and the dot")
    );
    // Enter ends the code and leaves the field: keys are commands again.
    typed(&mut app, "\r");
    assert!(!focused(&app));
    assert_eq!(response(&app).codes, vec!["K35.80", "0DTJ4ZZ"]);
    typed(&mut app, "f");
    assert!(response(&app).flagged);
    // Enter again to add more; Esc leaves too, keeping what was being typed.
    typed(&mut app, "\rI10\x1b");
    assert!(!focused(&app));
    assert_eq!(response(&app).codes, vec!["K35.80", "0DTJ4ZZ", "I10"]);
}

/// A code book with ICD-10-PCS installed (the importer is issue 12's; this stands in for it).
struct WithPcs;
impl CodeLookup for WithPcs {
    fn lookup(&self, s: EntrySystem, year: u16, code: &str) -> Option<Lookup> {
        match s {
            EntrySystem::Icd10Pcs => Some(match code {
                "0DTJ4ZZ" => Lookup::Billable(
                    "Resection of Appendix, Percutaneous Endoscopic Approach".into(),
                ),
                _ => Lookup::Unknown,
            }),
            _ => proctor::codeset::InstalledBooks.lookup(s, year, code),
        }
    }
}

#[test]
fn live_checks_say_not_a_code_or_needs_more_and_never_right_or_wrong() {
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "\rK35.8 K35.99 J9035 0DTJ4ZZ 0DTJ");
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("K35.8    not billable — needs more characters"),
        "{s}"
    );
    assert!(s.contains("K35.99   not a code"), "{s}");
    assert!(
        s.contains("J9035    HCPCS Level II: not asked for here"),
        "{s}"
    );
    assert!(
        s.contains("0DTJ4ZZ  ICD-10-PCS not installed: not checked"),
        "{s}"
    );
    assert!(!s.contains("correct") && !s.contains("missing"), "{s}");
    snap("code_entry_live_checks", &mut app);
    // With ICD-10-PCS installed the same code is checked and titled.
    app.books = Arc::new(WithPcs);
    let s = screen(&app, 100, 30);
    assert!(s.contains("0DTJ4ZZ  Resection of Appendix"), "{s}");
    assert!(
        s.contains("0DTJ     not billable — needs more characters"),
        "{s}"
    );
    typed(&mut app, "\x08\x08\x08\x08ZZZZZZZ");
    let s = screen(&app, 100, 30);
    assert!(s.contains("ZZZZZZZ  not a code"), "{s}");
}

#[test]
fn unfocused_entry_field_and_its_instruction() {
    let mut app = app("CODING-CASE", false);
    snap("code_entry_unfocused", &mut app);
    // A capital letter does not type or choose anything; it says how to type.
    assert!(key(&mut app, KeyCode::Char('K')).is_empty());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("Enter to type codes")
    );
}

#[test]
fn ctrl_b_opens_the_code_book_from_the_field_and_esc_returns_to_it() {
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "\rK35");
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::CONTROL)),
    );
    assert!(app.book.is_some());
    typed(&mut app, "appendicitis\x1b");
    assert!(app.book.is_none());
    assert!(focused(&app));
    typed(&mut app, ".80\r");
    assert_eq!(response(&app).codes, vec!["K35.80"]);
    // Unfocused, `b` opens the book as in any open-book exam.
    typed(&mut app, "b");
    assert!(app.book.is_some());
}

#[test]
fn per_code_review_after_submitting() {
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "\rE11.9 K35.80\rsy");
    let Screen::Results(r) = &app.screen else {
        panic!("results expected");
    };
    // E11.9 extra (−0.5), the principal K35.80 after it (0.25), 0DTJ4ZZ missing: 0.
    assert_eq!(r.report.credit, 0.0);
    typed(&mut app, "\t");
    let s = screen(&app, 120, 40);
    assert!(s.contains("✗ E11.9    extra"), "{s}");
    assert!(s.contains("↕ K35.80   sequencing"), "{s}");
    assert!(s.contains("✗ 0DTJ4ZZ  missing"), "{s}");
    snap("code_entry_review_results", &mut app);
}

#[test]
fn practice_checks_a_code_entry_answer_and_shows_sequencing() {
    let mut app = app("CODING-CASE", true);
    typed(&mut app, "\r0DTJ4ZZ K35.80\r");
    assert!(!response(&app).checked);
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert!(response(&app).checked);
    // Procedure before diagnosis is fine: sequencing is per system.
    let s = screen(&app, 120, 40);
    assert!(s.contains("Credit 1.00 of 1"), "{s}");
    // Checked answers are final.
    typed(&mut app, "\rX");
    assert_eq!(response(&app).codes, vec!["0DTJ4ZZ", "K35.80"]);
    snap("code_entry_review_practice", &mut app);
}

#[test]
fn results_count_partial_credit() {
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "\rK35.80\rsy");
    let Screen::Results(r) = &app.screen else {
        panic!("results expected");
    };
    assert_eq!(r.report.credit, 0.5);
    assert_eq!(r.report.correct, 0);
    assert_eq!(r.report.percent, 50.0);
    let s = screen(&app, 80, 24);
    assert!(s.contains("0.5 points of 1; 0 fully correct"), "{s}");
}

#[test]
fn assembly_puts_the_code_entry_case_last() {
    let catalog = coding_catalog();
    let bp = catalog.blueprint("CODING").unwrap();
    for seed in 0..20 {
        let opts = FormOptions {
            seed,
            questions: None,
            minutes: None,
            tutor: false,
            on: None,
        };
        let form = assemble(&catalog, bp, &opts, &Default::default()).unwrap();
        let last = &form.items[2];
        assert_eq!(last.question, "CODING-10", "seed {seed}");
        assert!(last.order.is_empty(), "a code-entry item has no options");
        assert!(form.items[..2].iter().all(|i| i.order.len() == 4));
    }
}

#[test]
fn history_holds_typed_codes_verdicts_and_credit_and_old_files_still_read() {
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "\rK35.80\rs");
    let fx = key(&mut app, KeyCode::Char('y'));
    let Some(Effect::Record(attempt)) = fx.first() else {
        panic!("a record effect: {fx:?}");
    };
    let record = Record::from_attempt(attempt, &app.catalog);
    let json = serde_json::to_value(&record).unwrap();
    let r = &json["responses"][0];
    assert_eq!(r["codes"], serde_json::json!(["K35.80"]));
    assert_eq!(r["key_codes"], serde_json::json!(["K35.80", "0DTJ4ZZ"]));
    assert_eq!(r["credit"], 0.5);
    assert_eq!(r["verdicts"][0]["verdict"], "correct");
    assert_eq!(r["verdicts"][1]["verdict"], "missing");
    // A file from before code entry: no credit, codes or verdicts.
    let old = serde_json::json!({
        "schema": 1, "id": "old", "mode": "exam", "blueprint": "CODING", "exam": "CODING",
        "seed": 1, "started_at": "2026-01-01T00:00:00Z", "ended_at": "2026-01-01T01:00:00Z",
        "end": "submitted", "seconds_used": 60.0,
        "responses": [
            {"question": "CODING-01", "domain": "mc", "selected": ["A"], "key": ["A"],
             "correct": true, "seconds": 5.0, "flagged": false, "struck": []},
            {"question": "CODING-02", "domain": "mc", "selected": ["A"], "key": ["B"],
             "correct": false, "seconds": 5.0, "flagged": false, "struck": []}
        ]
    });
    let old: Record = serde_json::from_value(old).unwrap();
    assert_eq!(old.responses[0].credit(), 1.0);
    assert_eq!(old.responses[1].credit(), 0.0);
    assert_eq!(old.credit(), 1.0);
}

#[test]
fn stats_weigh_answers_by_credit() {
    let catalog = coding_catalog();
    let bp = catalog.blueprint("CODING").unwrap();
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "\rK35.80\rs");
    let fx = key(&mut app, KeyCode::Char('y'));
    let Some(Effect::Record(attempt)) = fx.first() else {
        panic!("a record effect");
    };
    let half = Record::from_attempt(attempt, &catalog);
    let records = vec![half];
    let answers = proctor::stats::answers_from(&records);
    assert_eq!(answers[0].credit, 0.5);
    let report = proctor::stats::stats_report(&catalog, bp, &records, &answers, t0());
    let cases = report.domains.iter().find(|d| d.id == "cases").unwrap();
    // A half-right answer adds as much to right as to wrong: the only evidence there is sits at
    // one half, so the posterior is symmetric (whatever the prior's strength, it is centred on the
    // candidate's own level, here 0.5).
    assert!(cases.mastery.alpha > 0.0);
    assert!((cases.mastery.alpha - cases.mastery.beta).abs() < 1e-9);
    assert_eq!(cases.first_sight_accuracy, Some(0.5));
    assert_eq!(report.mock_scores[0].percent, 50.0);
}

#[test]
fn help_on_a_code_entry_question_lists_the_field_keys() {
    let mut app = app("CODING-CASE", false);
    typed(&mut app, "?");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Keys: code-entry question"), "{s}");
    assert!(s.contains("type codes in the field"), "{s}");
    assert!(!s.contains("strike out an option"), "{s}");
    // In the field `?` is never part of a code: it opens the field's keys.
    typed(&mut app, "\x1b\r?");
    assert!(focused(&app));
    let s = screen(&app, 80, 24);
    assert!(s.contains("Keys: code field"), "{s}");
    assert!(s.contains("end a code and start the next"), "{s}");
}
