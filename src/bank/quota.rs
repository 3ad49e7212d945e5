//! How many questions of each domain one full form takes.

use super::model::Blueprint;

impl Blueprint {
    /// The questions a full sitting scores: all but the pretest items (at least one).
    pub fn scored(&self) -> u32 {
        self.questions.saturating_sub(self.pretest).max(1)
    }

    /// Questions per domain for a form of `total` questions, in blueprint order. Weights are turned
    /// into counts by largest-remainder rounding (ties go to the domain listed first), so the counts
    /// always add up to `total`; exact counts are scaled the same way when `total` differs from the
    /// blueprint's own length (a mini-mock keeps the real mix).
    pub fn quotas(&self, total: u32) -> Vec<u32> {
        let shares: Vec<f64> = self
            .domains
            .iter()
            .map(|d| match (d.questions, d.weight) {
                (Some(n), _) => f64::from(n),
                (None, Some(w)) => w,
                (None, None) => 0.0,
            })
            .collect();
        largest_remainder(&shares, total)
    }
}

/// Splits `total` in proportion to `shares`; the result always sums to `total` when any share is
/// positive.
pub fn largest_remainder(shares: &[f64], total: u32) -> Vec<u32> {
    let sum: f64 = shares.iter().filter(|s| **s > 0.0).sum();
    if sum <= 0.0 {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares
        .iter()
        .map(|s| s.max(0.0) * f64::from(total) / sum)
        .collect();
    let mut counts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let given: u32 = counts.iter().sum();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Stable sort keeps blueprint order among equal remainders.
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.partial_cmp(&ra).unwrap_or(std::cmp::Ordering::Equal)
    });
    for &i in order
        .iter()
        .cycle()
        .take(total.saturating_sub(given) as usize)
    {
        counts[i] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_split() {
        assert_eq!(
            largest_remainder(&[22.0, 13.0, 65.0], 135),
            vec![30, 17, 88]
        );
        assert_eq!(largest_remainder(&[1.0, 1.0, 1.0], 10), vec![4, 3, 3]);
        assert_eq!(largest_remainder(&[44.0, 156.0], 200), vec![44, 156]);
    }

    proptest! {
        #[test]
        fn always_sums_to_total(shares in prop::collection::vec(0.1f64..100.0, 1..20), total in 0u32..500) {
            let c = largest_remainder(&shares, total);
            prop_assert_eq!(c.iter().sum::<u32>(), total);
            let sum: f64 = shares.iter().sum();
            for (s, n) in shares.iter().zip(&c) {
                let exact = s * f64::from(total) / sum;
                prop_assert!((f64::from(*n) - exact).abs() < 1.0 + 1e-9);
            }
        }
    }
}
