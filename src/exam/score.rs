//! Scoring an attempt against the blueprint's pass mark, overall and per domain.

use super::attempt::{Attempt, Response};
use super::credit::{CodeScore, score_codes};
use crate::bank::{Blueprint, Catalog, Question};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// Questions answered fully right (credit 1).
    pub correct: u32,
    /// Points earned: each question's credit (0..1; partial for code-entry questions) summed.
    pub credit: f64,
    pub total: u32,
    pub percent: f64,
    pub pass_percent: f64,
    pub passed: bool,
    /// For scaled-score exams: an estimate of the scaled score, never the body's own figure.
    pub scaled_estimate: Option<ScaledEstimate>,
    pub unanswered: u32,
    /// Unscored pretest items on the form (left out of every figure above and below).
    pub pretest: u32,
    /// Weakest first.
    pub domains: Vec<DomainScore>,
    pub seconds_used: f64,
    /// The real exam's time per question, when timed.
    pub pace_seconds_per_question: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaledEstimate {
    pub score: f64,
    pub cut: u32,
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainScore {
    pub id: String,
    pub name: String,
    pub correct: u32,
    /// Credit earned in the domain (see `ScoreReport::credit`).
    pub credit: f64,
    pub total: u32,
}

impl DomainScore {
    pub fn percent(&self) -> f64 {
        percent(self.credit, self.total)
    }
}

fn percent(c: f64, t: u32) -> f64 {
    if t == 0 {
        0.0
    } else {
        100.0 * c / f64::from(t)
    }
}

/// Whether response `i` is fully right: all-or-nothing for select-all items, as real exams score
/// them; credit 1 for a code-entry item.
pub fn is_correct(attempt: &Attempt, catalog: &Catalog, i: usize) -> bool {
    credit_of(attempt, catalog, i) >= 1.0
}

/// The credit of response `i`, 0..=1: 1 or 0 for multiple choice, a fraction for code entry.
pub fn credit_of(attempt: &Attempt, catalog: &Catalog, i: usize) -> f64 {
    let Some(q) = catalog.question(&attempt.form.items[i].question) else {
        return 0.0;
    };
    let r = &attempt.responses[i];
    match code_score(q, r) {
        Some(sc) => sc.credit,
        None => f64::from(u8::from(
            !r.selected.is_empty() && r.selected == q.key_set(),
        )),
    }
}

/// A code-entry question's score for a response; `None` for multiple choice.
pub fn code_score(q: &Question, r: &Response) -> Option<CodeScore> {
    q.is_code_entry().then(|| {
        let sequenced = q.entry.as_ref().is_none_or(|e| e.sequenced);
        score_codes(q.key_codes(), &r.typed_codes(), sequenced)
    })
}

pub fn score(attempt: &Attempt, catalog: &Catalog, bp: &Blueprint) -> ScoreReport {
    let mut domains: Vec<DomainScore> = bp
        .domains
        .iter()
        .map(|d| DomainScore {
            id: d.id.clone(),
            name: d.name.clone(),
            correct: 0,
            credit: 0.0,
            total: 0,
        })
        .collect();
    let (mut correct, mut credit, mut unanswered) = (0, 0.0, 0);
    let pretest = attempt.form.items.iter().filter(|x| x.pretest).count() as u32;
    for (i, item) in attempt.form.items.iter().enumerate() {
        if item.pretest {
            continue;
        }
        let c = credit_of(attempt, catalog, i);
        let ok = c >= 1.0;
        correct += u32::from(ok);
        credit += c;
        unanswered += u32::from(!attempt.responses[i].answered());
        let domain = catalog.question(&item.question).map(|q| q.domain.as_str());
        if let Some(d) = domains.iter_mut().find(|d| Some(d.id.as_str()) == domain) {
            d.total += 1;
            d.correct += u32::from(ok);
            d.credit += c;
        }
    }
    domains.retain(|d| d.total > 0);
    domains.sort_by(|a, b| {
        a.percent()
            .total_cmp(&b.percent())
            .then(b.total.cmp(&a.total))
    });
    let total = attempt.form.items.len() as u32 - pretest;
    let pct = percent(credit, total);
    let scaled_estimate = bp.passing.scaled.as_ref().map(|s| ScaledEstimate {
        score: scaled(pct, bp.passing.percent, s.score, s.min, s.max),
        cut: s.score,
        min: s.min,
        max: s.max,
    });
    let pace = attempt
        .form
        .total_seconds()
        .map(|s| s as f64 / f64::from((total + pretest).max(1)));
    ScoreReport {
        correct,
        credit,
        total,
        percent: pct,
        pass_percent: bp.passing.percent,
        passed: pct + 1e-9 >= bp.passing.percent,
        scaled_estimate,
        unanswered,
        pretest,
        domains,
        seconds_used: attempt.seconds_used(),
        pace_seconds_per_question: pace,
    }
}

/// Piecewise-linear map from percent correct to the body's scale, pinned so that the practice pass
/// percent lands exactly on the scaled cut. A practice estimate only: real scaled scores come from
/// equating that bodies do not publish.
pub fn scaled(pct: f64, pass_pct: f64, cut: u32, min: u32, max: u32) -> f64 {
    let (cut, min, max) = (f64::from(cut), f64::from(min), f64::from(max));
    if pct <= pass_pct {
        min + (cut - min) * pct / pass_pct.max(1e-9)
    } else {
        cut + (max - cut) * (pct - pass_pct) / (100.0 - pass_pct).max(1e-9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_estimate_is_pinned_at_the_cut_and_ends() {
        assert_eq!(scaled(70.0, 70.0, 300, 100, 400), 300.0);
        assert_eq!(scaled(0.0, 70.0, 300, 100, 400), 100.0);
        assert_eq!(scaled(100.0, 70.0, 300, 100, 400), 400.0);
        assert!(scaled(69.0, 70.0, 300, 100, 400) < 300.0);
    }
}
