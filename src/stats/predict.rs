//! The predicted exam score and the probability of passing, from mastery and the blueprint's mix.
//!
//! Each domain contributes a beta-binomial count of correct answers (its quota of questions, each
//! right with the domain's uncertain mastery); the domains are independent, so the distribution of
//! the total is their exact convolution. Exact, cheap (a full form is at most a few hundred
//! questions), and monotone: more right answers never lower the predicted pass chance.

use super::mastery::Mastery;
use super::mastery::shifted;
use crate::bank::Blueprint;
use serde::Serialize;
use statrs::distribution::{Beta, ContinuousCDF, Normal};
use statrs::function::gamma::ln_gamma;

/// At least this share of the exam (by weight) must have enough data for a prediction.
pub const ENOUGH_WEIGHT: f64 = 0.6;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Expected percent correct on a full form.
    pub score: f64,
    /// 5th and 95th percentiles of the percent correct of one sitting of a full form: the range
    /// covers the sitting's score (ability uncertainty and the luck of the form), not the mean.
    pub low: f64,
    pub high: f64,
    pub pass_percent: f64,
    pub pass_probability: f64,
    pub enough: bool,
}

impl Prediction {
    /// The prediction in one sentence, as every screen and command says it.
    pub fn sentence(&self) -> String {
        format!(
            "predicted score {:.0}% (a sitting scores {:.0}-{:.0}% 9 times in 10), pass mark {}%: {:.0}% chance of passing",
            self.score,
            self.low,
            self.high,
            self.pass_percent,
            100.0 * self.pass_probability
        )
    }
}

/// P(K = k) for K ~ BetaBinomial(n, a, b), k = 0..=n.
fn beta_binomial(n: u32, a: f64, b: f64) -> Vec<f64> {
    let ln_beta = |x: f64, y: f64| ln_gamma(x) + ln_gamma(y) - ln_gamma(x + y);
    let nf = f64::from(n);
    let ln_n_fact = ln_gamma(nf + 1.0);
    let base = ln_beta(a, b);
    (0..=n)
        .map(|k| {
            let kf = f64::from(k);
            let ln_choose = ln_n_fact - ln_gamma(kf + 1.0) - ln_gamma(nf - kf + 1.0);
            (ln_choose + ln_beta(kf + a, nf - kf + b) - base).exp()
        })
        .collect()
}

fn convolve(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        if *x == 0.0 {
            continue;
        }
        for (j, y) in b.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    out
}

/// Points of the candidate's overall accuracy the prediction averages over (equal-probability
/// quantiles of its posterior): its uncertainty moves every domain together, which widens the
/// range of the total beyond what independent domains would give.
pub const OVERALL_NODES: usize = 7;
/// Points of the trend's uncertainty averaged over likewise (it, too, moves every domain at once).
pub const TREND_NODES: usize = 5;

/// `mastery` must be in blueprint domain order.
pub fn predict(mastery: &[Mastery], bp: &Blueprint) -> Prediction {
    let n = bp.questions.max(1);
    let quotas = bp.quotas(n);
    let covered: f64 = mastery
        .iter()
        .zip(&quotas)
        .filter(|(m, _)| m.enough)
        .map(|(_, q)| f64::from(*q) / f64::from(n))
        .sum();
    let dist = score_distribution(mastery, &quotas);
    let total: f64 = dist.iter().sum();
    let pct = |k: usize| 100.0 * k as f64 / f64::from(n);
    let mean = dist
        .iter()
        .enumerate()
        .map(|(k, p)| p * pct(k))
        .sum::<f64>()
        / total;
    let quantile = |q: f64| {
        let mut acc = 0.0;
        for (k, p) in dist.iter().enumerate() {
            acc += p / total;
            if acc >= q {
                return pct(k);
            }
        }
        100.0
    };
    let need = (bp.passing.percent / 100.0 * f64::from(n) - 1e-9)
        .ceil()
        .max(0.0) as usize;
    let pass: f64 = dist.iter().skip(need).sum::<f64>() / total;
    Prediction {
        score: mean,
        low: quantile(0.05),
        high: quantile(0.95),
        pass_percent: bp.passing.percent,
        pass_probability: pass.clamp(0.0, 1.0),
        enough: covered >= ENOUGH_WEIGHT,
    }
}

/// P(total right = k) on a form with `quotas[d]` questions from domain d: for each value of the
/// shared unknowns (the overall accuracy each domain is pulled toward, and the trend), an exact
/// convolution of the domains' beta-binomials; then the average over those values, taken at
/// equal-probability quantiles of their posteriors.
pub fn score_distribution(mastery: &[Mastery], quotas: &[u32]) -> Vec<f64> {
    let one = |ab: &dyn Fn(&Mastery) -> (f64, f64)| {
        let mut dist = vec![1.0];
        for (x, q) in mastery.iter().zip(quotas) {
            let (a, b) = ab(x);
            dist = convolve(&dist, &beta_binomial(*q, a, b));
        }
        dist
    };
    let Some(prior) = mastery
        .first()
        .map(|m| &m.prior)
        .filter(|p| p.overall_right + p.overall_wrong > 0.0)
    else {
        return one(&|m: &Mastery| (m.alpha, m.beta));
    };
    let (Ok(overall), Ok(normal)) = (
        Beta::new(prior.overall_right, prior.overall_wrong),
        Normal::new(0.0, 1.0),
    ) else {
        return one(&|m: &Mastery| (m.alpha, m.beta));
    };
    let trend_nodes = if prior.trend_sd > 0.0 { TREND_NODES } else { 1 };
    let mut sum: Vec<f64> = Vec::new();
    for i in 0..OVERALL_NODES {
        let mu = overall
            .inverse_cdf((i as f64 + 0.5) / OVERALL_NODES as f64)
            .clamp(1e-6, 1.0 - 1e-6);
        for j in 0..trend_nodes {
            let z = if trend_nodes == 1 {
                0.0
            } else {
                normal.inverse_cdf((j as f64 + 0.5) / trend_nodes as f64)
            };
            let dist = one(&|m: &Mastery| {
                // Another slope within its uncertainty moves each domain by how far back its
                // answers sit.
                let (r, w) = shifted(m.right, m.wrong, -z * prior.trend_sd * m.centre_weeks);
                (m.prior.strength * mu + r, m.prior.strength * (1.0 - mu) + w)
            });
            if sum.is_empty() {
                sum = dist;
            } else {
                sum.iter_mut().zip(&dist).for_each(|(s, d)| *s += d);
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_binomial_sums_to_one_and_matches_uniform_case() {
        // BetaBinomial(n, 1, 1) is uniform on 0..=n.
        let p = beta_binomial(4, 1.0, 1.0);
        for x in &p {
            assert!((x - 0.2).abs() < 1e-9);
        }
        let q = beta_binomial(30, 7.5, 2.25);
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
