//! Scoring an attempt against the blueprint's pass mark, overall and per domain.

use super::attempt::Attempt;
use crate::bank::{Blueprint, Catalog};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    pub correct: u32,
    pub total: u32,
    pub percent: f64,
    pub pass_percent: f64,
    pub passed: bool,
    /// For scaled-score exams: an estimate of the scaled score, never the body's own figure.
    pub scaled_estimate: Option<ScaledEstimate>,
    pub unanswered: u32,
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
    pub total: u32,
}

impl DomainScore {
    pub fn percent(&self) -> f64 {
        percent(self.correct, self.total)
    }
}

fn percent(c: u32, t: u32) -> f64 {
    if t == 0 {
        0.0
    } else {
        100.0 * f64::from(c) / f64::from(t)
    }
}

/// Whether response `i` is right: all-or-nothing, as real exams score select-all items.
pub fn is_correct(attempt: &Attempt, catalog: &Catalog, i: usize) -> bool {
    let Some(q) = catalog.question(&attempt.form.items[i].question) else {
        return false;
    };
    attempt.responses[i].selected == q.key_set()
}

pub fn score(attempt: &Attempt, catalog: &Catalog, bp: &Blueprint) -> ScoreReport {
    let mut domains: Vec<DomainScore> = bp
        .domains
        .iter()
        .map(|d| DomainScore {
            id: d.id.clone(),
            name: d.name.clone(),
            correct: 0,
            total: 0,
        })
        .collect();
    let (mut correct, mut unanswered) = (0, 0);
    for (i, item) in attempt.form.items.iter().enumerate() {
        let ok = is_correct(attempt, catalog, i);
        correct += u32::from(ok);
        unanswered += u32::from(!attempt.responses[i].answered());
        let domain = catalog.question(&item.question).map(|q| q.domain.as_str());
        if let Some(d) = domains.iter_mut().find(|d| Some(d.id.as_str()) == domain) {
            d.total += 1;
            d.correct += u32::from(ok);
        }
    }
    domains.retain(|d| d.total > 0);
    domains.sort_by(|a, b| {
        a.percent()
            .total_cmp(&b.percent())
            .then(b.total.cmp(&a.total))
    });
    let total = attempt.form.items.len() as u32;
    let pct = percent(correct, total);
    let scaled_estimate = bp.passing.scaled.as_ref().map(|s| ScaledEstimate {
        score: scaled(pct, bp.passing.percent, s.score, s.min, s.max),
        cut: s.score,
        min: s.min,
        max: s.max,
    });
    let pace = attempt
        .form
        .total_seconds()
        .map(|s| s as f64 / f64::from(total.max(1)));
    ScoreReport {
        correct,
        total,
        percent: pct,
        pass_percent: bp.passing.percent,
        passed: pct + 1e-9 >= bp.passing.percent,
        scaled_estimate,
        unanswered,
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
