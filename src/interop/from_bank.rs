//! Proctor questions as neutral items, for export. A question's case record is put before its
//! stem (no exchange format has shared case records); code-entry questions have no choices and
//! are left out (the caller reports how many).

use super::item::{Choice, Item};
use super::text::tidy;
use crate::bank::{Bank, Difficulty, Question};

/// The bank's multiple-choice questions as items, and how many code-entry questions were left out.
pub fn items(bank: &Bank) -> (Vec<Item>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for q in &bank.questions {
        if q.is_code_entry() {
            skipped += 1;
            continue;
        }
        let case = q
            .case
            .as_ref()
            .and_then(|id| bank.cases.iter().find(|c| &c.id == id))
            .map(|c| format!("{}\n{}", c.title, c.text));
        out.push(item(q, case.as_deref()));
    }
    (out, skipped)
}

pub fn item(q: &Question, case: Option<&str>) -> Item {
    let stem = match case {
        Some(c) => format!("{c}\n\n{}", q.stem),
        None => q.stem.clone(),
    };
    let keys = q.key_set();
    Item {
        id: Some(q.id.clone()),
        category: Some(q.domain.clone()).filter(|d| !d.is_empty()),
        stem: tidy(&stem),
        choices: q
            .choices
            .iter()
            .map(|(k, text)| Choice {
                text: tidy(text),
                correct: keys.contains(k),
                feedback: q.why.get(k).map(|w| tidy(w)).filter(|w| !w.is_empty()),
            })
            .collect(),
        multi: q.is_multi(),
        explanation: Some(tidy(&q.explanation)).filter(|e| !e.is_empty()),
        references: q
            .references
            .iter()
            .map(|r| tidy(r).replace('\n', " "))
            .filter(|r| !r.is_empty())
            .collect(),
        difficulty: Some(q.difficulty).filter(|d| *d != Difficulty::Unrated),
        line: 0,
        part: None,
    }
}
