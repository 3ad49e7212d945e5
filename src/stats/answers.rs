//! History flattened to one row per answer, oldest first: the input of every model here.

use crate::store::history::Record;
use chrono::{DateTime, Utc};

/// Borrows its texts from the records: a history of a million answers costs no string copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<'a> {
    pub question: &'a str,
    pub domain: &'a str,
    pub exam: &'a str,
    /// Fully right (credit 1): what the review schedule counts.
    pub correct: bool,
    /// 0..1: the share of the question earned (fractions come from code-entry questions). What
    /// mastery, accuracy and scores count.
    pub credit: f64,
    /// Left blank: counts as wrong in a score, but says nothing about confidence.
    pub answered: bool,
    pub flagged: bool,
    pub seconds: f64,
    pub at: DateTime<Utc>,
    /// "exam", "practice" or "drill".
    pub mode: &'a str,
}

/// Every response of every record, in time order (records by end time, responses in form order).
pub fn answers_from(records: &[Record]) -> Vec<Answer<'_>> {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| a.ended_at.cmp(&b.ended_at).then(a.id.cmp(&b.id)));
    sorted
        .into_iter()
        .flat_map(|r| {
            r.responses.iter().map(move |x| Answer {
                question: &x.question,
                domain: &x.domain,
                exam: &r.exam,
                correct: x.correct,
                credit: x.credit(),
                answered: x.answered(),
                flagged: x.flagged,
                seconds: x.seconds,
                at: r.ended_at,
                mode: &r.mode,
            })
        })
        .collect()
}
