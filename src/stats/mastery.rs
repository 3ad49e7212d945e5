//! Mastery of a domain: a Beta posterior over the proportion answered correctly, with recent
//! answers weighing more. See docs/scoring.md for the model and its assumptions.

use super::answers::Answer;
use chrono::{DateTime, Utc};
use serde::Serialize;
use statrs::distribution::{Beta, ContinuousCDF};

/// An answer this many days old counts half as much as one given now.
pub const HALF_LIFE_DAYS: f64 = 21.0;
/// Prior Beta(1, 1): no opinion, worth two answers.
pub const PRIOR: (f64, f64) = (1.0, 1.0);
/// Below this much (weighted) evidence a domain shows "not enough data".
pub const ENOUGH_EVIDENCE: f64 = 5.0;
/// The interval shown: 90% equal-tailed.
pub const INTERVAL: f64 = 0.90;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mastery {
    pub domain: String,
    /// Posterior mean, 0..1.
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    /// Weighted number of answers behind the estimate.
    pub evidence: f64,
    /// Answers counted (unweighted).
    pub answers: u32,
    pub enough: bool,
    /// Posterior parameters, for the prediction's variance.
    pub alpha: f64,
    pub beta: f64,
}

pub fn weight(at: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    let days = (now - at).num_seconds().max(0) as f64 / 86_400.0;
    0.5f64.powf(days / HALF_LIFE_DAYS)
}

/// Mastery of each of `domains` (in that order) for `exam`.
pub fn mastery(
    answers: &[Answer],
    exam: &str,
    domains: &[&str],
    now: DateTime<Utc>,
) -> Vec<Mastery> {
    let mut sums = vec![(0.0f64, 0.0f64, 0u32); domains.len()];
    let index: std::collections::HashMap<&str, usize> =
        domains.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    for a in answers.iter().filter(|a| a.exam == exam) {
        if let Some(&i) = index.get(a.domain) {
            let w = weight(a.at, now);
            // A fractional credit is a fractional success: Beta(α + w·c, β + w·(1 − c)).
            let c = a.credit.clamp(0.0, 1.0);
            sums[i].0 += w * c;
            sums[i].1 += w * (1.0 - c);
            sums[i].2 += 1;
        }
    }
    domains
        .iter()
        .zip(sums)
        .map(|(d, (right, wrong, n))| from_counts(d, right, wrong, n))
        .collect()
}

/// The posterior from weighted right and wrong counts.
pub fn from_counts(domain: &str, right: f64, wrong: f64, answers: u32) -> Mastery {
    let alpha = PRIOR.0 + right;
    let beta = PRIOR.1 + wrong;
    let (low, high) = interval(alpha, beta);
    Mastery {
        domain: domain.to_string(),
        mean: alpha / (alpha + beta),
        low,
        high,
        evidence: right + wrong,
        answers,
        enough: right + wrong >= ENOUGH_EVIDENCE,
        alpha,
        beta,
    }
}

fn interval(alpha: f64, beta: f64) -> (f64, f64) {
    let tail = (1.0 - INTERVAL) / 2.0;
    match Beta::new(alpha, beta) {
        Ok(dist) => (dist.inverse_cdf(tail), dist.inverse_cdf(1.0 - tail)),
        Err(_) => (0.0, 1.0),
    }
}

impl Mastery {
    pub fn variance(&self) -> f64 {
        let s = self.alpha + self.beta;
        self.alpha * self.beta / (s * s * (s + 1.0))
    }
}
