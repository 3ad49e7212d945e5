//! Each question's review schedule, replayed from history: a Leitner scheme. A right answer moves a
//! question up a box (longer until it returns), a wrong one sends it back to box 1. No separate
//! state file: history is the single source of truth. Only answers count (blank responses never
//! reach here), and only the first answer to a question in an attempt.

use super::answers::Answer;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// Days until a question in box 1..=5 is due again.
pub const BOX_DAYS: [i64; 5] = [1, 2, 4, 8, 16];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionState {
    pub seen: u32,
    pub first_correct: bool,
    pub last_correct: bool,
    pub last_flagged: bool,
    /// Answered wrong without flagging it: the candidate did not know they did not know.
    pub confidently_wrong: bool,
    /// 1..=5.
    pub leitner_box: u8,
    pub last_seen: DateTime<Utc>,
    pub due: DateTime<Utc>,
}

/// The state of every question answered in `answers` (evidence only), keyed by id.
///
/// States are kept in a vector indexed by `Answer::question_ix` while replaying, so the id is
/// hashed once per question, not once per answer.
pub fn question_states<'a, 'b>(
    answers: impl IntoIterator<Item = &'b Answer<'a>>,
) -> HashMap<&'a str, QuestionState>
where
    'a: 'b,
{
    let mut slots: Vec<Option<(&'a str, QuestionState)>> = Vec::new();
    // Re-asks within an attempt are practice: the first answer in each attempt sets the box.
    for a in answers.into_iter().filter(|a| a.is_evidence()) {
        let k = a.question_ix as usize;
        if k >= slots.len() {
            slots.resize(k + 1, None);
        }
        match &mut slots[k] {
            Some((_, s)) => {
                s.seen += 1;
                s.leitner_box = if a.correct {
                    (s.leitner_box + 1).min(5)
                } else {
                    1
                };
                s.last_correct = a.correct;
                s.last_flagged = a.flagged;
                s.confidently_wrong = !a.correct && !a.flagged;
                s.last_seen = a.at;
                s.due = due(a.at, s.leitner_box);
            }
            slot @ None => {
                let b = if a.correct { 2 } else { 1 };
                *slot = Some((
                    a.question,
                    QuestionState {
                        seen: 1,
                        first_correct: a.correct,
                        last_correct: a.correct,
                        last_flagged: a.flagged,
                        confidently_wrong: !a.correct && !a.flagged,
                        leitner_box: b,
                        last_seen: a.at,
                        due: due(a.at, b),
                    },
                ));
            }
        }
    }
    let mut out = HashMap::with_capacity(slots.iter().flatten().count());
    out.extend(slots.into_iter().flatten());
    out
}

fn due(at: DateTime<Utc>, b: u8) -> DateTime<Utc> {
    at + Duration::days(BOX_DAYS[usize::from(b.clamp(1, 5)) - 1])
}
