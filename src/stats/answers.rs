//! History flattened to one row per answer, oldest first: the input of every model here.
//!
//! Only answers are evidence (docs/scoring.md, "What counts as evidence"): a response left blank
//! (skipped in a mock, unreached when a drill or practice set ended early, or in an unfinished exam
//! submitted to start another) still scores as wrong in its attempt's own result, which is computed
//! from the record, but it yields no row here, so it never reaches mastery, the prediction, the
//! review schedule or any count of answers.

use crate::store::history::{Record, RecordResponse};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// Borrows its texts from the records: a history of a million answers costs no string copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<'a> {
    pub question: &'a str,
    pub domain: &'a str,
    pub exam: &'a str,
    /// Fully right (credit 1): what the review schedule counts.
    pub correct: bool,
    /// How much of the question was earned, 0..=1: 0 or 1 for choice questions today; a partial
    /// credit (code entry) slots in here without touching the models.
    pub credit: f64,
    /// The first answer to this question in its attempt. A drill brings a missed question back a
    /// few questions later, right after its rationale was read: that re-ask is practice, answered
    /// from memory, and is not counted as independent evidence.
    pub first_in_attempt: bool,
    pub flagged: bool,
    pub seconds: f64,
    pub at: DateTime<Utc>,
    /// "exam", "practice" or "drill".
    pub mode: &'a str,
}

impl Answer<'_> {
    /// Whether this answer is evidence about the candidate (see the module comment).
    pub fn is_evidence(&self) -> bool {
        self.first_in_attempt
    }
}

/// A response says something about the candidate only when something was chosen or typed.
pub fn is_answered(r: &RecordResponse) -> bool {
    r.answered()
}

/// Every answered response of every record, in time order (records by end time, responses in form
/// order). Blank responses are left out.
pub fn answers_from(records: &[Record]) -> Vec<Answer<'_>> {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| a.ended_at.cmp(&b.ended_at).then(a.id.cmp(&b.id)));
    let mut out = Vec::with_capacity(sorted.iter().map(|r| r.responses.len()).sum());
    let mut met: HashSet<&str> = HashSet::new();
    for r in sorted {
        met.clear();
        for x in &r.responses {
            if !is_answered(x) {
                continue;
            }
            // Not the first answered occurrence in this record: a drill re-ask.
            let first = met.insert(&x.question);
            out.push(Answer {
                question: &x.question,
                domain: &x.domain,
                exam: &r.exam,
                correct: x.correct,
                credit: x.credit(),
                first_in_attempt: first,
                flagged: x.flagged,
                seconds: x.seconds,
                at: r.ended_at,
                mode: &r.mode,
            });
        }
    }
    out
}
