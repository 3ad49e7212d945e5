//! History flattened to one row per answer, oldest first: the input of every model here.

use crate::store::history::Record;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub question: String,
    pub domain: String,
    pub exam: String,
    pub correct: bool,
    /// Left blank: counts as wrong in a score, but says nothing about confidence.
    pub answered: bool,
    pub flagged: bool,
    pub seconds: f64,
    pub at: DateTime<Utc>,
    /// "exam", "practice" or "drill".
    pub mode: String,
}

/// Every response of every record, in time order (records by end time, responses in form order).
pub fn answers_from(records: &[Record]) -> Vec<Answer> {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| a.ended_at.cmp(&b.ended_at).then(a.id.cmp(&b.id)));
    sorted
        .into_iter()
        .flat_map(|r| {
            r.responses.iter().map(move |x| Answer {
                question: x.question.clone(),
                domain: x.domain.clone(),
                exam: r.exam.clone(),
                correct: x.correct,
                answered: !x.selected.is_empty(),
                flagged: x.flagged,
                seconds: x.seconds,
                at: r.ended_at,
                mode: r.mode.clone(),
            })
        })
        .collect()
}
