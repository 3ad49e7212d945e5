//! Validator rules about validity windows. The per-file rules (an empty window, an unmarked
//! year-specific question) depend only on the file, so their findings may be cached with it; the
//! rule "this window has ended" depends on today and is run by `validate` on every call
//! ([`ended_windows`]), never cached.

use super::diagnostic::Diagnostic;
use super::model::{Bank, Question};
use super::source::SourceFile;
use super::validity::Validity;
use super::yearly::year_specific;
use chrono::NaiveDate;

fn empty_window(
    file: &SourceFile,
    path: &str,
    who: &str,
    w: &Validity,
    diags: &mut Vec<Diagnostic>,
) {
    if w.is_empty() {
        diags.push(Diagnostic::error(
            &file.path,
            file.pos(path),
            format!(
                "{who}: `valid` ends ({}) before it starts ({}), so it is never served: swap the dates or fix the year",
                w.until.expect("empty has both ends"),
                w.from.expect("empty has both ends")
            ),
        ));
    }
}

pub fn check_bank_window(file: &SourceFile, bank: &Bank, diags: &mut Vec<Diagnostic>) {
    if let Some(w) = &bank.valid {
        empty_window(file, "valid", &format!("bank {}", bank.bank), w, diags);
    }
}

pub fn check_question_window(
    file: &SourceFile,
    bank: &Bank,
    i: usize,
    q: &Question,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(w) = &q.valid {
        empty_window(
            file,
            &format!("questions[{i}].valid"),
            &format!("question {}", q.id),
            w,
            diags,
        );
        return;
    }
    if bank.valid.is_some() {
        return;
    }
    if let Some(why) = year_specific(&q.stem, &q.explanation, &q.tags, &q.references) {
        diags.push(Diagnostic::warning(
            &file.path,
            file.pos(&format!("questions[{i}].id")),
            format!(
                "question {}: looks year-specific ({why}) but says no `valid:` window: add the dates its key is true for (`valid: {{from: 2026-01-01, until: 2026-12-31}}`), or an open window from the date the rule took effect (`valid: {{from: 2025-01-01}}`) if the key does not change with the year",
                q.id
            ),
        ));
    }
}

/// Every question (or bank) of these files whose window ended before `today` and names no
/// successor: still shown in history and review, no longer served in forms or drills. A window with
/// `replaced_by` is how a bank keeps last year's version for its history, so it is not reported; a
/// `replaced_by` naming no question (`known` says which ids exist) is.
pub fn ended_windows(
    files: &[SourceFile],
    banks: &[(usize, &Bank)],
    today: NaiveDate,
    known: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &(fi, bank) in banks {
        let file = &files[fi];
        let bank_window = bank.valid.as_ref().map(|w| {
            (
                "valid".to_string(),
                format!("bank {}", bank.bank),
                "its questions without a window of their own",
                w,
            )
        });
        let question_windows = bank.questions.iter().enumerate().filter_map(|(i, q)| {
            let w = q.valid.as_ref()?;
            Some((
                format!("questions[{i}].valid"),
                format!("question {}", q.id),
                "it",
                w,
            ))
        });
        for (path, who, what, w) in bank_window.into_iter().chain(question_windows) {
            match &w.replaced_by {
                Some(next) if !known(next) => out.push(Diagnostic::warning(
                    &file.path,
                    file.pos(&format!("{path}.replaced_by")),
                    format!(
                        "{who}: `replaced_by: {next}` names no question: give the id of the question that carries the key after this window"
                    ),
                )),
                Some(_) => {}
                None if w.ended_before(today) => {
                    out.push(ended(file, &format!("{path}.until"), &who, w, today, what));
                }
                None => {}
            }
        }
    }
    out
}

fn ended(
    file: &SourceFile,
    path: &str,
    who: &str,
    w: &Validity,
    today: NaiveDate,
    what: &str,
) -> Diagnostic {
    let until = w.until.expect("ended has an end");
    Diagnostic::warning(
        &file.path,
        file.pos(path),
        format!(
            "{who}: its window ended on {until} (today is {today}), so forms and drills no longer serve {what}: check it against the current year's source and move `until` on, or add the new year's version as a new question beside it and name it in `replaced_by:`",
        ),
    )
}
