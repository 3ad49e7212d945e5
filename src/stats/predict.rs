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

/// The candidate's overall level and the trend are uncertain and move every domain at once, so
/// the score's distribution is averaged over them with Gauss-Hermite rules: 7 points for the level,
/// 5 for the trend. A Gauss-Hermite rule of n points integrates polynomials up to degree 2n - 1
/// exactly against the normal, so the spread these unknowns add to the total is kept. (The
/// equal-probability quantiles used before, (i + 0.5) / n, leave the tails out: 7 of them carry 83%
/// of a normal's variance, 5 of them 77%, which made the range too narrow and P(pass) too sure.)
pub const OVERALL_NODES: usize = 7;
/// Points of the trend's uncertainty (Gauss-Hermite, as above).
pub const TREND_NODES: usize = 5;

/// Gauss-Hermite rule of 7 points for a standard normal (probabilists'): nodes, weights.
const GH7: ([f64; OVERALL_NODES], [f64; OVERALL_NODES]) = (
    [
        -3.750_439_717_725_742,
        -2.366_759_410_734_541,
        -1.154_405_394_739_968,
        0.0,
        1.154_405_394_739_968,
        2.366_759_410_734_541,
        3.750_439_717_725_742,
    ],
    [
        0.000_548_268_855_972_218_5,
        0.030_757_123_967_586_55,
        0.240_123_178_605_012_7,
        0.457_142_857_142_857_1,
        0.240_123_178_605_012_7,
        0.030_757_123_967_586_55,
        0.000_548_268_855_972_218_5,
    ],
);
/// Gauss-Hermite rule of 5 points for a standard normal.
const GH5: ([f64; TREND_NODES], [f64; TREND_NODES]) = (
    [
        -2.856_970_013_872_806,
        -1.355_626_179_974_266,
        0.0,
        1.355_626_179_974_266,
        2.856_970_013_872_806,
    ],
    [
        0.011_257_411_327_720_69,
        0.222_075_922_005_612_6,
        0.533_333_333_333_333_3,
        0.222_075_922_005_612_6,
        0.011_257_411_327_720_69,
    ],
);

/// `mastery` must be in blueprint domain order.
pub fn predict(mastery: &[Mastery], bp: &Blueprint) -> Prediction {
    // A sitting's score counts only its scored questions (not the pretest items).
    let n = bp.scored();
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
/// convolution of the domains' beta-binomials; then the average over those values, by Gauss-Hermite
/// quadrature over their posteriors (see `OVERALL_NODES`).
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
    for (&zi, &wi) in GH7.0.iter().zip(&GH7.1) {
        // The level's Beta posterior at the normal quantile of the node (a Gaussian copula): it
        // stays inside (0, 1), and for the near-normal Betas met here it keeps their variance.
        let mu = overall.inverse_cdf(normal.cdf(zi)).clamp(1e-6, 1.0 - 1e-6);
        for j in 0..trend_nodes {
            let (z, wj) = if trend_nodes == 1 {
                (0.0, 1.0)
            } else {
                (GH5.0[j], GH5.1[j])
            };
            let wt = wi * wj;
            let dist = one(&|m: &Mastery| {
                // Another slope within its uncertainty moves each domain by how far back its
                // answers sit.
                let (r, w) = shifted(m.right, m.wrong, -z * prior.trend_sd * m.centre_weeks);
                (m.prior.strength * mu + r, m.prior.strength * (1.0 - mu) + w)
            });
            if sum.is_empty() {
                sum = dist.iter().map(|d| wt * d).collect();
            } else {
                sum.iter_mut().zip(&dist).for_each(|(s, d)| *s += wt * d);
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    /// E[z^k] of a standard normal: 1, 0, 1, 0, 3, 0, 15, 0, 105 for k = 0..=8.
    fn normal_moment(k: i32) -> f64 {
        if k % 2 == 1 {
            0.0
        } else {
            (1..k).step_by(2).map(f64::from).product()
        }
    }

    #[test]
    fn gauss_hermite_rules_integrate_normal_moments_exactly() {
        for (nodes, weights, exact_to) in
            [(&GH7.0[..], &GH7.1[..], 13), (&GH5.0[..], &GH5.1[..], 9)]
        {
            for k in 0..=exact_to {
                let q: f64 = nodes.iter().zip(weights).map(|(z, w)| w * z.powi(k)).sum();
                let want = normal_moment(k);
                assert!(
                    (q - want).abs() <= 1e-9 * want.max(1.0),
                    "{} points, moment {k}: {q} vs {want}",
                    nodes.len()
                );
            }
        }
    }

    #[test]
    fn the_level_s_uncertainty_widens_the_score_distribution_by_its_full_variance() {
        use crate::stats::mastery::{Prior, posterior};
        // Eight domains of 10 questions, no answers of their own and a strong pull (strength
        // 10^6) toward a level whose posterior is Beta(70, 30): the total is then, to within
        // 1e-4, Binomial(80, mu) mixed over that Beta, whose variance is known in closed form.
        let prior = Prior {
            mean: 0.7,
            strength: 1e6,
            overall_right: 70.0,
            overall_wrong: 30.0,
            trend_per_week: 0.0,
            trend_sd: 0.0,
        };
        let m: Vec<Mastery> = (0..8)
            .map(|_| posterior("d", 0.0, 0.0, 0, prior.clone()))
            .collect();
        let dist = score_distribution(&m, &[10; 8]);
        let total: f64 = dist.iter().sum();
        let mean: f64 = dist
            .iter()
            .enumerate()
            .map(|(k, p)| k as f64 * p)
            .sum::<f64>()
            / total;
        let var: f64 = dist
            .iter()
            .enumerate()
            .map(|(k, p)| (k as f64 - mean).powi(2) * p)
            .sum::<f64>()
            / total;
        let (n, a, b): (f64, f64, f64) = (80.0, 70.0, 30.0);
        let want = n * a * b * (a + b + n) / ((a + b).powi(2) * (a + b + 1.0));
        assert!((total - 1.0).abs() < 1e-6, "total {total}");
        assert!((mean - 56.0).abs() < 0.01, "mean {mean}");
        assert!((var / want - 1.0).abs() < 0.01, "variance {var} vs {want}");
    }

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
