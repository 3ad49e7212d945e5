//! History flattened to one row per answer, oldest first: the input of every model here.
//!
//! Only answers are evidence (docs/scoring.md, "What counts as evidence"): a response left blank
//! (skipped in a mock, unreached when a drill or practice set ended early, or in an unfinished exam
//! submitted to start another) still scores as wrong in its attempt's own result, which is computed
//! from the record, but it yields no row here, so it never reaches mastery, the prediction, the
//! review schedule or any count of answers.

use crate::store::history::{Record, RecordResponse};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Borrows its texts from the records: a history of a million answers costs no string copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<'a> {
    pub question: &'a str,
    pub domain: &'a str,
    /// The question as a small number: equal for equal `question` ids within one `answers_from`
    /// result, dense from 0 in order of first appearance. The models keep per-question state in a
    /// vector indexed by it instead of hashing the id for every answer (the cost of a long history).
    pub question_ix: u32,
    /// The domain as a small number, the same way (dense from 0 in order of first appearance).
    pub domain_ix: u32,
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
///
/// Each question id is hashed once here (to number it); everything downstream works on the numbers.
pub fn answers_from(records: &[Record]) -> Vec<Answer<'_>> {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| a.ended_at.cmp(&b.ended_at).then(a.id.cmp(&b.id)));
    let mut out = Vec::with_capacity(sorted.iter().map(|r| r.responses.len()).sum());
    let mut questions: HashMap<&str, u32> = HashMap::new();
    let mut domains: Vec<&str> = Vec::new();
    // Per question: the record in which it was last answered (its position in `sorted`, plus one)
    // and the number of the domain it was last filed under.
    let mut last_record: Vec<u32> = Vec::new();
    let mut question_domain: Vec<u32> = Vec::new();
    for (ri, r) in sorted.into_iter().enumerate() {
        let stamp = ri as u32 + 1;
        for x in &r.responses {
            if !is_answered(x) {
                continue;
            }
            let next = questions.len() as u32;
            let question_ix = *questions.entry(x.question.as_str()).or_insert(next);
            let q = question_ix as usize;
            if question_ix == next {
                last_record.push(0);
                question_domain.push(domain_ix(&mut domains, &x.domain));
            } else if domains[question_domain[q] as usize] != x.domain {
                // Filed under another domain than before (a bank moved it): numbered afresh.
                question_domain[q] = domain_ix(&mut domains, &x.domain);
            }
            // Not the first answered occurrence in this record: a drill re-ask.
            let first = last_record[q] != stamp;
            last_record[q] = stamp;
            out.push(Answer {
                question: &x.question,
                domain: &x.domain,
                question_ix,
                domain_ix: question_domain[q],
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

/// The number of `domain` in `seen`, added if new. A history names a few dozen domains at most, and
/// this runs once per question, not per answer.
fn domain_ix<'a>(seen: &mut Vec<&'a str>, domain: &'a str) -> u32 {
    let i = match seen.iter().position(|d| *d == domain) {
        Some(i) => i,
        None => {
            seen.push(domain);
            seen.len() - 1
        }
    };
    i as u32
}
