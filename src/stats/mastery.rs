//! Mastery of a domain: a Beta posterior over the proportion answered correctly, centred before any
//! answer on the candidate's own overall accuracy (empirical Bayes), with old answers counting for
//! less. See docs/scoring.md for the model, why it was chosen and how it was checked.

use super::answers::Answer;
use super::repeats;
use super::trend::{self, Point};
use chrono::{DateTime, Utc};
use serde::Serialize;
use statrs::distribution::{Beta, ContinuousCDF};
use statrs::function::logistic::logistic;

/// An answer this many days old counts half as much as one given now. Age scales right and wrong
/// answers alike, so it widens the uncertainty without pulling the estimate toward any value.
pub const HALF_LIFE_DAYS: f64 = 90.0;
/// A question met again in a later attempt counts this much: it was chosen for having been missed
/// (so it is harder than a fresh one) and it may be remembered (so it is easier); either way it is
/// not a fresh sample of the domain.
pub const REVIEW_WEIGHT: f64 = 0.5;
/// A domain shows an estimate from this many answers (of its own) on.
pub const ENOUGH_ANSWERS: u32 = 5;
/// The interval shown: 90% equal-tailed.
pub const INTERVAL: f64 = 0.90;
/// How alike one candidate's domains are, before their own answers say: the prior is worth this
/// many answers (domains typically within about ±9 points of the candidate's overall accuracy).
pub const TYPICAL_STRENGTH: f64 = 30.0;
/// The typical strength is itself worth this many answers when blended with the spread the
/// candidate's own domains show.
pub const TYPICAL_STRENGTH_WEIGHT: f64 = 300.0;
/// Bounds on the prior strength (a domain never ignores its own answers, nor the others').
pub const STRENGTH_RANGE: (f64, f64) = (4.0, 400.0);

/// What a domain's estimate starts from before its own answers: the candidate's overall accuracy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prior {
    /// The candidate's overall accuracy (weighted, all domains of the exam), 0..1.
    pub mean: f64,
    /// How many answers the prior is worth.
    pub strength: f64,
    /// The weighted right and wrong answers behind `mean`; its own uncertainty is carried into the
    /// prediction. Zero for a stand-alone domain (flat prior).
    pub overall_right: f64,
    pub overall_wrong: f64,
    /// How fast accuracy has been moving, logit per week (and its uncertainty): the estimates
    /// are stated for the time of the latest answer.
    pub trend_per_week: f64,
    pub trend_sd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mastery {
    pub domain: String,
    /// Posterior mean, 0..1.
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    /// Weighted number of answers behind the estimate.
    pub evidence: f64,
    /// Answers counted as evidence (unweighted): answered, and first in their attempt.
    pub answers: u32,
    pub enough: bool,
    /// Weeks before the latest answer at which this domain's answers sit on average (≤ 0): how far
    /// the trend moved it, and how much the trend's uncertainty matters for it.
    pub centre_weeks: f64,
    /// Weighted right and wrong answers of this domain (moved along the trend).
    pub right: f64,
    pub wrong: f64,
    pub prior: Prior,
    /// Posterior parameters.
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
    let index = DomainIndex::new(domains);
    let mut evidence: Vec<(&Answer, usize)> = Vec::new();
    let mut map = Vec::new();
    for a in answers.iter().filter(|a| a.exam == exam && a.is_evidence()) {
        if let Some(i) = index.of(&mut map, a) {
            evidence.push((a, i));
        }
    }
    let mut sums = vec![(0.0f64, 0.0f64, 0u32); domains.len()];
    let mut points = Vec::with_capacity(evidence.len());
    let mut centre = vec![0.0f64; domains.len()];
    let latest = evidence.iter().map(|(a, _)| a.at).max().unwrap_or(now);
    let questions = evidence
        .iter()
        .map(|(a, _)| a.question_ix as usize + 1)
        .max()
        .unwrap_or(0);
    let mut met = vec![false; questions];
    // Each answer's credit and weight as evidence about its domain, net of its question's own
    // earlier answers (src/stats/repeats.rs).
    let (adjusted, _rho) = repeats::item_adjusted(&evidence, domains.len(), questions);
    // Answers of one attempt share their time: its age weight and week are computed once.
    let mut last_at = None;
    let (mut age_weight, mut weeks) = (1.0, 0.0);
    for ((a, i), (credit, info)) in evidence.iter().zip(adjusted) {
        if last_at != Some(a.at) {
            last_at = Some(a.at);
            age_weight = weight(a.at, now);
            weeks = -((latest - a.at).num_seconds().max(0) as f64) / (7.0 * 86_400.0);
        }
        let first_sight = !std::mem::replace(&mut met[a.question_ix as usize], true);
        let w = age_weight * info * if first_sight { 1.0 } else { REVIEW_WEIGHT };
        sums[*i].0 += w * credit;
        sums[*i].1 += w * (1.0 - credit);
        sums[*i].2 += 1;
        centre[*i] += w * weeks;
        // Answers are in time order: one point per attempt time and domain.
        match points
            .iter_mut()
            .rev()
            .take(domains.len())
            .find(|p: &&mut Point| p.domain == *i && p.weeks == weeks)
        {
            Some(p) => {
                p.credit += w * credit;
                p.weight += w;
            }
            None => points.push(Point {
                domain: *i,
                weeks,
                credit: w * credit,
                weight: w,
            }),
        }
    }
    // A repeat's credit may fall a little outside 0..1 (it is the answer net of the question's
    // own record); a domain's totals do not.
    for s in &mut sums {
        let e = (s.0 + s.1).max(0.0);
        s.0 = s.0.clamp(0.0, e);
        s.1 = e - s.0;
    }
    for (c, s) in centre.iter_mut().zip(&sums) {
        let e = s.0 + s.1;
        *c = if e > 0.0 { *c / e } else { 0.0 };
    }
    // Each domain's level at its answers' mean time, then the shared slope, then each domain
    // moved along it to the time of the latest answer.
    // Offsets from each domain's own answers (not shrunk: a shrunk level would make a weak domain
    // drilled late look like a decline).
    let offset: Vec<f64> = sums
        .iter()
        .map(|s| logit((s.0 + 0.5) / (s.0 + s.1 + 1.0)))
        .collect();
    let (slope, slope_sd) = trend::slope(&points, &offset, &centre);
    for (s, c) in sums.iter_mut().zip(&centre) {
        (s.0, s.1) = shifted(s.0, s.1, -slope * c);
    }
    let mut prior = pooled_prior(&sums);
    prior.trend_per_week = slope;
    prior.trend_sd = slope_sd;
    domains
        .iter()
        .zip(sums)
        .zip(centre)
        .map(|((d, (right, wrong, n)), c)| {
            let mut m = posterior(d, right, wrong, n, prior.clone());
            m.centre_weeks = c;
            m
        })
        .collect()
}

/// Blueprint positions of answers' domains, looked up once per distinct domain of the history
/// (`Answer::domain_ix`) rather than once per answer.
pub struct DomainIndex<'d> {
    domains: &'d [&'d str],
}

impl<'d> DomainIndex<'d> {
    pub fn new(domains: &'d [&'d str]) -> Self {
        DomainIndex { domains }
    }

    /// The position of `a`'s domain in the blueprint, if it is one of them; `map` is the caller's
    /// cache (start it empty and pass the same one for every answer of one history).
    pub fn of(&self, map: &mut Vec<Option<Option<usize>>>, a: &Answer) -> Option<usize> {
        let k = a.domain_ix as usize;
        if k >= map.len() {
            map.resize(k + 1, None);
        }
        *map[k].get_or_insert_with(|| self.domains.iter().position(|d| *d == a.domain))
    }
}

/// Right and wrong counts with the same total, their proportion moved by `shift` on the logit scale.
pub fn shifted(right: f64, wrong: f64, shift: f64) -> (f64, f64) {
    let e = right + wrong;
    if e <= 0.0 || shift == 0.0 {
        return (right, wrong);
    }
    let p = (right + 0.5) / (e + 1.0);
    let moved = logistic(logit(p) + shift);
    let r = (right + e * (moved - p)).clamp(0.0, e);
    (r, e - r)
}

pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// The candidate's overall level and how strongly domains are pulled toward it (empirical Bayes).
///
/// The strength: a method-of-moments estimate of how far the candidate's domains spread beyond
/// sampling noise, blended with the typical spread (`TYPICAL_STRENGTH`, worth
/// `TYPICAL_STRENGTH_WEIGHT` answers). The level: the precision-weighted mean of the domains'
/// accuracies, not of all answers, so drilling the weak domains (more answers there) does not drag
/// the level down; its own uncertainty is kept as equivalent counts.
pub fn pooled_prior(sums: &[(f64, f64, u32)]) -> Prior {
    let right: f64 = sums.iter().map(|s| s.0).sum();
    let wrong: f64 = sums.iter().map(|s| s.1).sum();
    let total = right + wrong;
    let used: Vec<(f64, f64)> = sums
        .iter()
        .filter(|s| s.0 + s.1 > 0.0)
        .map(|s| (s.0 + s.1, s.0 / (s.0 + s.1)))
        .collect();
    if used.is_empty() || total <= 0.0 {
        return Prior {
            mean: 0.5,
            strength: TYPICAL_STRENGTH,
            overall_right: 0.0,
            overall_wrong: 0.0,
            trend_per_week: 0.0,
            trend_sd: 0.0,
        };
    }
    let p = ((right + 0.5) / (total + 1.0)).clamp(0.01, 0.99);
    let mut strength = TYPICAL_STRENGTH;
    if used.len() >= 2 {
        let spread: f64 = used.iter().map(|(e, x)| e * (x - p).powi(2)).sum::<f64>() / total;
        let sq: f64 = used.iter().map(|(e, _)| e * e).sum::<f64>() / total;
        let noise = p * (1.0 - p) * (used.len() as f64 - 1.0) / total;
        let between = ((spread - noise) * total / (total - sq).max(1e-9)).max(1e-6);
        let own = (p * (1.0 - p) / between - 1.0).clamp(STRENGTH_RANGE.0, STRENGTH_RANGE.1);
        // Blend on the scale of the between-domain variance (1 / strength), by amount of evidence.
        let inv =
            (total / own + TYPICAL_STRENGTH_WEIGHT / strength) / (total + TYPICAL_STRENGTH_WEIGHT);
        strength = (1.0 / inv).clamp(STRENGTH_RANGE.0, STRENGTH_RANGE.1);
    }
    let between = p * (1.0 - p) / (strength + 1.0);
    let (mut num, mut den) = (0.0, 0.0);
    for (e, x) in &used {
        let v = 1.0 / (between + p * (1.0 - p) / e);
        num += v * x;
        den += v;
    }
    let mean = (num / den).clamp(1e-4, 1.0 - 1e-4);
    // Equivalent counts: a Beta with this mean whose variance is the level's, 1 / den.
    let n = (mean * (1.0 - mean) * den - 1.0).max(0.5);
    Prior {
        mean,
        strength,
        overall_right: mean * n,
        overall_wrong: (1.0 - mean) * n,
        trend_per_week: 0.0,
        trend_sd: 0.0,
    }
}

/// The posterior of one domain from its weighted right and wrong answers and its prior.
pub fn posterior(domain: &str, right: f64, wrong: f64, answers: u32, prior: Prior) -> Mastery {
    let alpha = prior.strength * prior.mean + right;
    let beta = prior.strength * (1.0 - prior.mean) + wrong;
    let (low, high) = interval(alpha, beta);
    Mastery {
        domain: domain.to_string(),
        mean: alpha / (alpha + beta),
        low,
        high,
        evidence: right + wrong,
        answers,
        centre_weeks: 0.0,
        enough: answers >= ENOUGH_ANSWERS,
        right,
        wrong,
        prior,
        alpha,
        beta,
    }
}

/// A stand-alone domain with a flat Beta(1, 1) prior (no pooling): for tests and for callers that
/// have one domain's counts only.
pub fn from_counts(domain: &str, right: f64, wrong: f64, answers: u32) -> Mastery {
    let prior = Prior {
        mean: 0.5,
        strength: 2.0,
        overall_right: 0.0,
        overall_wrong: 0.0,
        trend_per_week: 0.0,
        trend_sd: 0.0,
    };
    posterior(domain, right, wrong, answers, prior)
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
