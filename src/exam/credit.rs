//! Scoring a code-entry response: a credit between 0 and 1 and a verdict for every code, by the
//! rules in docs/scoring.md ("Code-entry questions"). Modelled on how the bodies describe their
//! case items: AHIMA's CCS scenario items score the principal diagnosis on its own and the other
//! diagnoses and procedures as a set; AAPC's CIC cases are fill-in-the-blank codes. Codes are
//! compared in canonical form (upper case, no dots), so scoring never needs a code set and a
//! score can always be re-checked from history.

use crate::codeset::{EntrySystem, canonical, system_of};
use serde::{Deserialize, Serialize};

/// What one code earned. Stored in history per code, so a review needs nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeVerdict {
    pub code: String,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Typed, in the key, in its place.
    Correct,
    /// Typed and in the key, but a principal (first) code not typed first among its system's codes.
    Sequence,
    /// In the key, not typed.
    Missing,
    /// Typed, not in the key (a wrong code, or one the record does not support).
    Extra,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Correct => "correct",
            Verdict::Sequence => "sequencing",
            Verdict::Missing => "missing",
            Verdict::Extra => "extra",
        }
    }
}

/// A code-entry response's score.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeScore {
    /// 0..=1.
    pub credit: f64,
    /// The typed codes in the order typed, then the missing key codes in key order.
    pub verdicts: Vec<CodeVerdict>,
}

/// Share of a key code lost when a principal code is typed out of its place.
pub const SEQUENCE_LOSS: f64 = 0.5;

/// Scores `typed` against `key` (the bank's ordered answer).
///
/// Rules (each has a test below):
/// 1. Each key code is worth an equal share, 1/K.
/// 2. A typed code equal to a key code (case and dots ignored) earns its share: `correct`.
/// 3. With `sequenced`, the first key code of each system (principal diagnosis, principal
///    procedure) must be typed first among that system's typed codes; typed elsewhere it earns
///    half its share: `sequencing`. Other codes may come in any order.
/// 4. A typed code not in the key (a wrong code, a code cut short, a code the record does not
///    support) costs one share: `extra`. Credit never goes below 0.
/// 5. A key code not typed earns nothing: `missing`.
/// 6. A code typed twice counts once.
/// 7. Nothing typed: credit 0, the response is unanswered.
pub fn score_codes(key: &[String], typed: &[String], sequenced: bool) -> CodeScore {
    let key_c: Vec<String> = key.iter().map(|c| canonical(c)).collect();
    let share = if key.is_empty() {
        0.0
    } else {
        1.0 / key.len() as f64
    };
    // The principal code of each system: the first key code of that system.
    let principal = |i: usize| {
        let s = system_of(&key[i]);
        key.iter().position(|k| system_of(k) == s) == Some(i)
    };
    let mut seen: Vec<String> = Vec::new();
    let mut first_typed_of: Vec<Option<EntrySystem>> = Vec::new();
    let mut verdicts = Vec::new();
    let (mut earned, mut extras) = (0.0, 0usize);
    for t in typed {
        let c = canonical(t);
        if c.is_empty() || seen.contains(&c) {
            continue;
        }
        seen.push(c.clone());
        let verdict = match key_c.iter().position(|k| *k == c) {
            None => {
                extras += 1;
                Verdict::Extra
            }
            Some(i) => {
                let system = system_of(&key[i]);
                let first_of_system = !first_typed_of.contains(&system);
                if sequenced && principal(i) && !first_of_system {
                    earned += share * (1.0 - SEQUENCE_LOSS);
                    Verdict::Sequence
                } else {
                    earned += share;
                    Verdict::Correct
                }
            }
        };
        // The system this typed code counts toward for sequencing: the key's, or its own shape.
        let system = key_c.iter().position(|k| *k == c).map_or_else(
            || system_of(&t.to_ascii_uppercase()),
            |i| system_of(&key[i]),
        );
        first_typed_of.push(system);
        verdicts.push(CodeVerdict {
            code: t.to_ascii_uppercase(),
            verdict,
        });
    }
    for (i, k) in key.iter().enumerate() {
        if !seen.contains(&key_c[i]) {
            verdicts.push(CodeVerdict {
                code: k.clone(),
                verdict: Verdict::Missing,
            });
        }
    }
    let credit = (earned - extras as f64 * share).clamp(0.0, 1.0);
    // 1/3 + 1/3 + 1/3 must read as exactly 1.
    let credit = if (1.0 - credit).abs() < 1e-9 {
        1.0
    } else {
        credit
    };
    CodeScore { credit, verdicts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|c| c.to_string()).collect()
    }

    fn verdicts(sc: &CodeScore) -> Vec<(&str, Verdict)> {
        sc.verdicts
            .iter()
            .map(|v| (v.code.as_str(), v.verdict))
            .collect()
    }

    const KEY: [&str; 2] = ["K35.80", "0DTJ4ZZ"];

    #[test]
    fn rule_1_2_every_key_code_typed_is_full_credit() {
        let sc = score_codes(&s(&KEY), &s(&["K35.80", "0DTJ4ZZ"]), true);
        assert_eq!(sc.credit, 1.0);
        assert_eq!(
            verdicts(&sc),
            vec![("K35.80", Correct), ("0DTJ4ZZ", Correct)]
        );
    }

    #[test]
    fn rule_2_case_and_dots_do_not_matter() {
        let sc = score_codes(&s(&KEY), &s(&["k3580", "0dtj4zz"]), true);
        assert_eq!(sc.credit, 1.0);
    }

    #[test]
    fn rule_1_5_each_missing_code_loses_its_share() {
        let sc = score_codes(&s(&KEY), &s(&["K35.80"]), true);
        assert_eq!(sc.credit, 0.5);
        assert_eq!(
            verdicts(&sc),
            vec![("K35.80", Correct), ("0DTJ4ZZ", Missing)]
        );
        let three = s(&["K35.80", "E11.9", "0DTJ4ZZ"]);
        let sc = score_codes(&three, &s(&["0DTJ4ZZ"]), true);
        assert!((sc.credit - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn rule_3_sequencing_is_per_system() {
        // Procedures before diagnoses is fine: each system's principal is still first of its own.
        let sc = score_codes(&s(&KEY), &s(&["0DTJ4ZZ", "K35.80"]), true);
        assert_eq!(sc.credit, 1.0);
        // A secondary diagnosis typed before the principal one: the principal earns half.
        let key = s(&["K35.80", "E11.9"]);
        let sc = score_codes(&key, &s(&["E11.9", "K35.80"]), true);
        assert_eq!(sc.credit, 0.75);
        assert_eq!(
            verdicts(&sc),
            vec![("E11.9", Correct), ("K35.80", Sequence)]
        );
        // Secondary codes may come in any order.
        let key = s(&["K35.80", "E11.9", "I10"]);
        let sc = score_codes(&key, &s(&["K35.80", "I10", "E11.9"]), true);
        assert_eq!(sc.credit, 1.0);
    }

    #[test]
    fn rule_3_without_sequencing_order_is_free() {
        let key = s(&["K35.80", "E11.9"]);
        let sc = score_codes(&key, &s(&["E11.9", "K35.80"]), false);
        assert_eq!(sc.credit, 1.0);
        assert!(sc.verdicts.iter().all(|v| v.verdict == Correct));
    }

    #[test]
    fn rule_3_a_wrong_code_first_puts_the_principal_out_of_place() {
        let key = s(&["K35.80", "E11.9"]);
        let sc = score_codes(&key, &s(&["K35.89", "K35.80", "E11.9"]), true);
        // 0.5 × 0.5 (out of place) + 0.5 − 0.5 (one extra) = 0.25
        assert_eq!(sc.credit, 0.25);
        assert_eq!(
            verdicts(&sc),
            vec![("K35.89", Extra), ("K35.80", Sequence), ("E11.9", Correct)]
        );
    }

    #[test]
    fn rule_4_extra_codes_cost_a_share_and_credit_stays_at_or_above_zero() {
        let sc = score_codes(&s(&KEY), &s(&["K35.80", "0DTJ4ZZ", "E11.9"]), true);
        assert_eq!(sc.credit, 0.5);
        assert_eq!(sc.verdicts[2].verdict, Extra);
        let sc = score_codes(&s(&KEY), &s(&["A00.0", "B20", "C50.911"]), true);
        assert_eq!(sc.credit, 0.0);
        assert_eq!(sc.verdicts.len(), 5, "3 extra + 2 missing");
    }

    #[test]
    fn rule_6_a_repeated_code_counts_once() {
        let sc = score_codes(&s(&KEY), &s(&["K35.80", "k35.80", "0DTJ4ZZ"]), true);
        assert_eq!(sc.credit, 1.0);
        assert_eq!(sc.verdicts.len(), 2);
    }

    #[test]
    fn rule_7_nothing_typed_is_zero() {
        let sc = score_codes(&s(&KEY), &[], true);
        assert_eq!(sc.credit, 0.0);
        assert!(sc.verdicts.iter().all(|v| v.verdict == Missing));
    }

    #[test]
    fn thirds_add_up_to_exactly_one() {
        let key = s(&["K35.80", "E11.9", "I10"]);
        let sc = score_codes(&key, &key, true);
        assert_eq!(sc.credit, 1.0);
    }
}
