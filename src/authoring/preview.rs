//! `proctor preview FILE`: an author sits the questions of the bank file they are writing, in
//! practice mode (each answer checked, its rationale shown), straight from the file and with the
//! validator's findings beside them. With `--watch` the file is read again whenever it changes and
//! the session carries on where it was, so writing, checking and reading a question is one loop.
//! No terminal here: the app turns a [`Preview`] into screens, the tests into assertions.

use crate::bank::given::load_given;
use crate::bank::{Catalog, Diagnostic, Question};
use crate::exam::{Attempt, Form, FormItem, FormSection};
use chrono::{DateTime, NaiveDate, Utc};
use std::path::{Path, PathBuf};

/// One reading of the file: what can be sat and what the validator says about it.
#[derive(Debug)]
pub struct Preview {
    /// The file as the author named it (what is watched and read again).
    pub path: PathBuf,
    /// Everything loaded: the shipped blueprints and banks with this file in place of any shipped
    /// copy at the same path.
    pub catalog: Catalog,
    /// The validator's findings for this file, in file order (as `proctor validate FILE`).
    pub findings: Vec<Diagnostic>,
    /// The file's questions, in file order; empty when the file could not be loaded.
    pub questions: Vec<String>,
    /// The blueprint of the bank's exam (its domains and pass mark name the results).
    pub blueprint: Option<String>,
}

impl Preview {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// Why nothing can be sat, when nothing can: said instead of an empty session.
    pub fn unusable(&self) -> Option<String> {
        if self.questions.is_empty() {
            return Some(match self.errors() {
                0 => "it holds no questions (a bank file has `bank:` and `questions:`)".to_string(),
                n => format!("it has {n} error(s); the findings say where"),
            });
        }
        if self.blueprint.is_none() {
            return Some("no blueprint has the bank's exam id (`exam:`)".into());
        }
        None
    }

    /// The practice session of this reading, if it can be sat.
    pub fn form(&self) -> Option<Form> {
        if self.unusable().is_some() {
            return None;
        }
        practice_form(&self.catalog, self.blueprint.as_deref()?, &self.questions)
    }
}

/// A practice session over `questions` in file order with the options as written (the author
/// checks what they wrote, not a shuffle of it); untimed, each answer checked as it is given.
pub fn practice_form(catalog: &Catalog, blueprint: &str, questions: &[String]) -> Option<Form> {
    let bp = catalog.blueprint(blueprint)?;
    let items: Vec<FormItem> = questions
        .iter()
        .filter(|id| catalog.question(id).is_some())
        .map(|id| FormItem::in_bank_order(catalog, id))
        .collect();
    if items.is_empty() {
        return None;
    }
    let len = items.len();
    Some(Form {
        blueprint: bp.id.clone(),
        exam: bp.exam.clone(),
        seed: 0,
        items,
        sections: vec![FormSection {
            name: "Preview".into(),
            start: 0,
            len,
            seconds: None,
        }],
        tutor: true,
        drill: false,
    })
}

/// Reads `path` with the shipped files, as `proctor validate FILE` does on `today`.
pub fn load(path: &Path, today: NaiveDate) -> Preview {
    let g = load_given(&[path.to_path_buf()], true);
    let mut findings = g.report.diagnostics;
    findings.extend(
        g.catalog
            .ended_findings(&g.files, today)
            .into_iter()
            .filter(|d| g.given.contains(&d.path)),
    );
    findings.sort_by_key(|d| (d.line, d.column));
    let head = g.given.iter().find_map(|p| g.catalog.heads_from(p).next());
    let questions: Vec<String> = head.map_or(Vec::new(), |h| {
        h.questions.iter().map(|(id, _)| id.clone()).collect()
    });
    let blueprint = head.and_then(|h| {
        g.catalog
            .blueprints
            .iter()
            .find(|b| b.exam.eq_ignore_ascii_case(&h.exam))
            .map(|b| b.id.clone())
    });
    Preview {
        path: path.to_path_buf(),
        catalog: g.catalog,
        findings,
        questions,
        blueprint,
    }
}

/// The same question as far as an answer to it goes: an edit to its stem, rationale or references
/// keeps the answer given; a change to its options, key or kind asks again.
fn same_to_answer(a: &Question, b: &Question) -> bool {
    a.choices == b.choices && a.answer == b.answer && a.kind == b.kind && a.entry == b.entry
}

/// The session carried over to a new reading of the file: the answers to questions still the same
/// to answer, and the question on screen (or the one now at its place, if it went).
pub fn carry_over(
    old: &Attempt,
    old_catalog: &Catalog,
    form: Form,
    catalog: &Catalog,
    now: DateTime<Utc>,
) -> Attempt {
    let mut next = Attempt::new(form, now);
    next.id = old.id.clone();
    next.started_at = old.started_at;
    for (i, item) in next.form.items.iter().enumerate() {
        let Some(j) = old
            .form
            .items
            .iter()
            .position(|x| x.question == item.question)
        else {
            continue;
        };
        let same = match (
            old_catalog.question(&item.question),
            catalog.question(&item.question),
        ) {
            (Some(a), Some(b)) => same_to_answer(a, b),
            _ => false,
        };
        if same {
            next.responses[i] = old.responses[j].clone();
        }
    }
    let on_screen = old.form.items.get(old.current).map(|x| x.question.as_str());
    next.current = next
        .form
        .items
        .iter()
        .position(|x| Some(x.question.as_str()) == on_screen)
        .unwrap_or(old.current.min(next.form.items.len().saturating_sub(1)));
    next
}
