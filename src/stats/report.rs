//! The figures of the stats screen and `proctor stats --json`, in one value.

use super::answers::Answer;
use super::drill::domain_priority;
use super::leitner::{QuestionState, question_states};
use super::mastery::{DomainIndex, Mastery, mastery};
use super::predict::{Prediction, predict};
use crate::bank::{Blueprint, Catalog};
use crate::store::history::Record;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct StatsReport {
    pub blueprint: String,
    pub exam: String,
    /// Answered responses (blank ones are never counted), re-asks within a drill included.
    pub answers: usize,
    /// Of those, the answers counted as evidence: the first answer to a question in its attempt.
    pub evidence_answers: usize,
    /// Days since the most recent answer (its age widens the ranges shown).
    pub days_since_last_answer: Option<f64>,
    pub domains: Vec<DomainStats>,
    pub prediction: Prediction,
    /// Full and mini mock exams of this exam, oldest first.
    pub mock_scores: Vec<MockScore>,
    pub seconds_per_question: Option<f64>,
    /// The exam's pace, for comparison.
    pub pace_seconds_per_question: Option<f64>,
    /// Domain ids, most worth drilling first.
    pub weakest: Vec<String>,
    /// Question ids last answered wrong without a flag.
    pub confidently_wrong: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainStats {
    pub id: String,
    pub name: String,
    pub mastery: Mastery,
    pub questions: u32,
    pub seen: u32,
    pub unseen: u32,
    /// Accuracy the first time a question was met, and on later meetings.
    pub first_sight_accuracy: Option<f64>,
    pub review_accuracy: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MockScore {
    pub id: String,
    pub at: DateTime<Utc>,
    pub percent: f64,
    pub questions: usize,
    pub passed: bool,
}

pub fn stats_report(
    catalog: &Catalog,
    bp: &Blueprint,
    records: &[Record],
    answers: &[Answer<'_>],
    now: DateTime<Utc>,
) -> StatsReport {
    let domain_ids: Vec<&str> = bp.domains.iter().map(|d| d.id.as_str()).collect();
    let m = mastery(answers, &bp.exam, &domain_ids, now);
    let prediction = predict(&m, bp);
    // Borrowed, not copied: a long history is a million rows.
    let exam_answers: Vec<&Answer> = answers.iter().filter(|a| a.exam == bp.exam).collect();
    let states: HashMap<&str, QuestionState> = question_states(exam_answers.iter().copied());
    // (credit earned, answers) on first sight and on review.
    let mut first = vec![(0f64, 0u32); domain_ids.len()];
    let mut later = vec![(0f64, 0u32); domain_ids.len()];
    let questions = exam_answers
        .iter()
        .map(|a| a.question_ix as usize + 1)
        .max()
        .unwrap_or(0);
    let mut met = vec![false; questions];
    let index = DomainIndex::new(&domain_ids);
    let mut map = Vec::new();
    for a in exam_answers.iter().filter(|a| a.is_evidence()) {
        let Some(d) = index.of(&mut map, a) else {
            continue;
        };
        let slot = if !std::mem::replace(&mut met[a.question_ix as usize], true) {
            &mut first[d]
        } else {
            &mut later[d]
        };
        slot.0 += a.credit;
        slot.1 += 1;
    }
    let mut totals = vec![0u32; domain_ids.len()];
    let mut seen = vec![0u32; domain_ids.len()];
    for (id, domain) in catalog.question_domains(&bp.exam) {
        if let Some(d) = domain_ids.iter().position(|d| *d == domain) {
            totals[d] += 1;
            seen[d] += u32::from(states.contains_key(id));
        }
    }
    let ratio = |(c, n): (f64, u32)| (n > 0).then(|| c / f64::from(n));
    let domains: Vec<DomainStats> = bp
        .domains
        .iter()
        .enumerate()
        .map(|(i, d)| DomainStats {
            id: d.id.clone(),
            name: d.name.clone(),
            mastery: m[i].clone(),
            questions: totals[i],
            seen: seen[i],
            unseen: totals[i] - seen[i],
            first_sight_accuracy: ratio(first[i]),
            review_accuracy: ratio(later[i]),
        })
        .collect();
    let quotas = bp.quotas(bp.questions);
    let n = f64::from(bp.questions.max(1));
    let mut weakest: Vec<(f64, String)> = domains
        .iter()
        .zip(&quotas)
        .map(|(d, q)| (domain_priority(f64::from(*q) / n, &d.mastery), d.id.clone()))
        .collect();
    weakest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mock_scores = records
        .iter()
        .filter(|r| r.exam == bp.exam && r.mode == "exam" && !r.responses.is_empty())
        .map(|r| {
            let percent = r.percent();
            MockScore {
                id: r.id.clone(),
                at: r.ended_at,
                percent,
                questions: r.scored_count(),
                passed: percent + 1e-9 >= bp.passing.percent,
            }
        })
        .collect();
    let timed: Vec<&&Answer> = exam_answers.iter().filter(|a| a.mode == "exam").collect();
    let seconds_per_question = (!timed.is_empty())
        .then(|| timed.iter().map(|a| a.seconds).sum::<f64>() / timed.len() as f64);
    let mut confidently_wrong: Vec<String> = states
        .iter()
        .filter(|(_, s)| s.confidently_wrong)
        .map(|(q, _)| q.to_string())
        .collect();
    confidently_wrong.sort();
    StatsReport {
        blueprint: bp.id.clone(),
        exam: bp.exam.clone(),
        answers: exam_answers.len(),
        evidence_answers: exam_answers.iter().filter(|a| a.is_evidence()).count(),
        days_since_last_answer: exam_answers
            .iter()
            .map(|a| a.at)
            .max()
            .map(|at| (now - at).num_seconds().max(0) as f64 / 86_400.0),
        domains,
        prediction,
        mock_scores,
        seconds_per_question,
        pace_seconds_per_question: bp.minutes.map(|m| f64::from(m) * 60.0 / n),
        weakest: weakest.into_iter().map(|(_, d)| d).collect(),
        confidently_wrong,
    }
}
