//! Questions met again: what a repeat answer says about the domain, given that question's own
//! earlier answers.
//!
//! A question comes back because of how it was answered before (the review schedule brings a
//! miss back the next day, a right answer later), and questions differ in difficulty. So a repeat
//! is not a fresh sample of the domain: a question missed before is, on average, a harder one,
//! and counting its repeats as fresh answers pulls the domain down. The model (docs/scoring.md,
//! "Questions met again"): each question's own chance of being answered right is drawn around
//! the domain's accuracy m, as Beta(s·m, s·(1 − m)); its answers are then exchangeable, and after
//! r right of n earlier answers the next is right with chance q = (s·m + r) / (s + n). That is the
//! exact likelihood of the question's whole record, whatever the schedule chose (selection on
//! answers already seen does not bias a likelihood). Each repeat answer y is folded into the
//! domain's Beta counts as the Bernoulli(m) answer that carries the same score and information at
//! m (one Fisher-scoring step from a first-sight estimate of m): a credit m + (y − q) / a with
//! weight a²·m(1 − m) / (q(1 − q)), where a = s / (s + n). With s infinite (questions alike) this
//! is the plain count, y with weight 1.
//!
//! s comes from the candidate's own repeats (empirical Bayes): in the model, the chance of a
//! right answer after a right one exceeds that after a miss by exactly ρ = 1 / (s + 1), the
//! correlation of two answers to one question; that difference is measured on every repeat.

use super::answers::Answer;

/// The correlation between two answers to one question is estimated in this range: 0 is
/// questions all alike (the plain count), and beyond one half a repeat would say next to nothing
/// about the domain.
pub const RHO_RANGE: (f64, f64) = (0.0, 0.5);

/// Per evidence answer (in the order given): the credit it counts as and its weight relative to
/// a fresh answer, plus the correlation ρ used. `evidence` holds each answer with its domain's
/// position; `questions` bounds `Answer::question_ix`.
pub fn item_adjusted(
    evidence: &[(&Answer, usize)],
    domains: usize,
    questions: usize,
) -> (Vec<(f64, f64)>, f64) {
    // First sights give each domain a fresh-sample accuracy (and the candidate an overall one).
    let mut seen = vec![(0u32, 0.0f64, 0.0f64); questions];
    let mut fresh = vec![(0.0f64, 0.0f64); domains];
    // Repeats after a right answer and after a miss: (right, answers) each, for ρ.
    let (mut after_right, mut after_miss) = ((0.0f64, 0.0f64), (0.0f64, 0.0f64));
    for (a, d) in evidence {
        let s = &mut seen[a.question_ix as usize];
        if s.0 == 0 {
            fresh[*d].0 += a.credit;
            fresh[*d].1 += 1.0;
        } else {
            let last = s.2;
            after_right.0 += last * a.credit;
            after_right.1 += last;
            after_miss.0 += (1.0 - last) * a.credit;
            after_miss.1 += 1.0 - last;
        }
        s.0 += 1;
        s.1 += a.credit;
        s.2 = a.credit;
    }
    let rho = if after_right.1 > 0.0 && after_miss.1 > 0.0 {
        (after_right.0 / after_right.1 - after_miss.0 / after_miss.1)
            .clamp(RHO_RANGE.0, RHO_RANGE.1)
    } else {
        0.0
    };
    let overall = {
        let (c, n) = fresh
            .iter()
            .fold((0.0, 0.0), |acc, f| (acc.0 + f.0, acc.1 + f.1));
        (c + 0.5) / (n + 1.0)
    };
    // Each domain's first-sight accuracy, steadied toward the overall one by a few answers' worth.
    let m: Vec<f64> = fresh
        .iter()
        .map(|(c, n)| ((c + 5.0 * overall) / (n + 5.0)).clamp(0.02, 0.98))
        .collect();
    let mut out = Vec::with_capacity(evidence.len());
    for s in seen.iter_mut() {
        *s = (0, 0.0, 0.0);
    }
    for (a, d) in evidence {
        let s = &mut seen[a.question_ix as usize];
        let (n, r) = (f64::from(s.0), s.1);
        out.push(if s.0 == 0 || rho <= 0.0 {
            (a.credit, 1.0)
        } else {
            let strength = 1.0 / rho - 1.0;
            let md = m[*d];
            let slope = strength / (strength + n);
            let q = ((strength * md + r) / (strength + n)).clamp(1e-3, 1.0 - 1e-3);
            (
                md + (a.credit - q) / slope,
                slope * slope * md * (1.0 - md) / (q * (1.0 - q)),
            )
        });
        s.0 += 1;
        s.1 += a.credit;
    }
    (out, rho)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn answer(question_ix: u32, credit: f64) -> Answer<'static> {
        Answer {
            question: "q",
            domain: "d",
            question_ix,
            domain_ix: 0,
            exam: "CPB",
            correct: credit >= 1.0,
            credit,
            first_in_attempt: true,
            flagged: false,
            seconds: 60.0,
            at: DateTime::<Utc>::UNIX_EPOCH,
            mode: "drill",
        }
    }

    fn run(record: &[(u32, f64)]) -> (Vec<(f64, f64)>, f64) {
        let answers: Vec<Answer> = record.iter().map(|(q, c)| answer(*q, *c)).collect();
        let evidence: Vec<(&Answer, usize)> = answers.iter().map(|a| (a, 0)).collect();
        item_adjusted(&evidence, 1, 8)
    }

    #[test]
    fn first_sights_and_alike_questions_count_as_they_are() {
        let (out, rho) = run(&[(0, 1.0), (1, 0.0), (2, 1.0)]);
        assert_eq!(rho, 0.0);
        assert_eq!(out, vec![(1.0, 1.0), (0.0, 1.0), (1.0, 1.0)]);
        // Right after a right answer as often as after a miss: questions look alike, ρ = 0.
        let (out, rho) = run(&[(0, 1.0), (1, 0.0), (0, 1.0), (1, 1.0)]);
        assert_eq!(rho, 0.0);
        assert_eq!(out[2..], [(1.0, 1.0), (1.0, 1.0)]);
    }

    #[test]
    fn a_repeat_counts_net_of_its_question_s_record() {
        // Four questions met twice: right then right, wrong then wrong, right then right, wrong then
        // right. After a right answer 2 of 2 right, after a miss 1 of 2: ρ = 1 - 1/2, s = 1.
        // First sights 2 of 4, so m = 0.5. A repeat after r right of n = 1: a = 1/2,
        // q = (0.5 + r) / 2, credit 0.5 + (y - q) / a, weight a² m(1 - m) / (q(1 - q)) = 1/3.
        let (out, rho) = run(&[
            (0, 1.0),
            (1, 0.0),
            (2, 1.0),
            (3, 0.0),
            (0, 1.0),
            (1, 0.0),
            (2, 1.0),
            (3, 1.0),
        ]);
        assert!((rho - 0.5).abs() < 1e-12, "rho {rho}");
        let want = [
            (1.0, 1.0 / 3.0),
            (0.0, 1.0 / 3.0),
            (1.0, 1.0 / 3.0),
            (2.0, 1.0 / 3.0),
        ];
        for ((c, w), (wc, ww)) in out[4..].iter().zip(want) {
            assert!((c - wc).abs() < 1e-12 && (w - ww).abs() < 1e-12, "{c} {w}");
        }
        // A right answer to a question missed before (credit 2) says more for the domain than one
        // to a question answered right before (credit 1): the first beat its question's record.
        let total: f64 = out[4..].iter().map(|(c, w)| c * w).sum();
        assert!((total - 4.0 / 3.0).abs() < 1e-12);
    }
}
