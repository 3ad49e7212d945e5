//! How fast the candidate's accuracy is moving: one logistic slope per week shared by all domains,
//! fitted to the evidence with each domain's own level as an offset (so drilling a weak domain late
//! does not look like a decline), and shrunk toward a modest gain by a prior. Mastery is then
//! stated for the time of the latest answer, never projected beyond it: nobody is assumed to
//! improve without studying.

use statrs::function::logistic::logistic;

/// Prior on the slope: N(SLOPE_PRIOR_MEAN, this²) logit per week. Study moves accuracy by up to about 0.15 logit
/// (3 points near 70%) a week; faster claims need strong evidence.
pub const SLOPE_PRIOR_SD: f64 = 0.15;
/// The prior's centre: someone answering practice questions over weeks is, before their own data
/// say otherwise, expected to gain a little, 0.03 logit a week (about 0.6 points near 70%, six
/// points over a ten-week plan), not nothing. Centred on no change, the prior shrank every real
/// gain and showed improving learners a point below where study had left them; the choice and its
/// sensitivity are in docs/scoring.md ("Fourth pass"). It only moves answers given over time: a
/// single session has no trend to fit and gets none.
pub const SLOPE_PRIOR_MEAN: f64 = 0.03;

/// The evidence answers of one domain at one time (one attempt), as the trend sees them: grouped,
/// so the fit costs one term per attempt and domain, not per answer.
#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub domain: usize,
    /// Weeks before the latest answer (≤ 0).
    pub weeks: f64,
    /// Weighted credit earned and weighted answers.
    pub credit: f64,
    pub weight: f64,
}

/// The fitted slope (logit per week) and its posterior standard deviation, given each domain's
/// logit level `offset[d]` at its answers' weighted mean time `centre[d]`.
pub fn slope(points: &[Point], offset: &[f64], centre: &[f64]) -> (f64, f64) {
    let prec = 1.0 / (SLOPE_PRIOR_SD * SLOPE_PRIOR_SD);
    let mut b = SLOPE_PRIOR_MEAN;
    let mut h = prec;
    for _ in 0..20 {
        let (mut g, mut hh) = (-(b - SLOPE_PRIOR_MEAN) * prec, prec);
        for p in points {
            let x = p.weeks - centre[p.domain];
            let q = logistic(offset[p.domain] + b * x);
            g += (p.credit - p.weight * q) * x;
            hh += p.weight * q * (1.0 - q) * x * x;
        }
        let step = g / hh;
        b += step;
        h = hh;
        if step.abs() < 1e-9 {
            break;
        }
    }
    (b, 1.0 / h.sqrt())
}
