//! The predicted exam score and the probability of passing, from mastery and the blueprint's mix.
//!
//! Each domain contributes a beta-binomial count of correct answers (its quota of questions, each
//! right with the domain's uncertain mastery); the domains are independent, so the distribution of
//! the total is their exact convolution. Exact, cheap (a full form is at most a few hundred
//! questions), and monotone: more right answers never lower the predicted pass chance.

use super::mastery::Mastery;
use crate::bank::Blueprint;
use serde::Serialize;
use statrs::function::gamma::ln_gamma;

/// At least this share of the exam (by weight) must have enough data for a prediction.
pub const ENOUGH_WEIGHT: f64 = 0.6;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Expected percent correct on a full form.
    pub score: f64,
    /// 5th and 95th percentiles of the percent correct.
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
            "predicted score {:.0}% (90% range {:.0}-{:.0}), pass mark {}%: {:.0}% chance of passing",
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

/// `mastery` must be in blueprint domain order.
pub fn predict(mastery: &[Mastery], bp: &Blueprint) -> Prediction {
    let n = bp.questions.max(1);
    let quotas = bp.quotas(n);
    let mut dist = vec![1.0];
    let mut covered = 0.0;
    for (m, q) in mastery.iter().zip(&quotas) {
        dist = convolve(&dist, &beta_binomial(*q, m.alpha, m.beta));
        if m.enough {
            covered += f64::from(*q) / f64::from(n);
        }
    }
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
