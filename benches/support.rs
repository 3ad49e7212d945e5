//! Shared by the bench binaries: timing with a median over repeats, and generated inputs.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Median wall time of `runs` calls of `f` (after one warm-up call).
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// The CPB blueprint's domain ids.
pub const DOMAINS: [&str; 8] = [
    "insurance",
    "regulations",
    "coverage",
    "claims",
    "coding",
    "payment",
    "denials",
    "ar",
];

/// A valid CPB bank of `n` questions spread over the CPB domains, keys rotating A-D.
pub fn generated_bank(n: usize) -> String {
    generated_bank_as("bench-generated", "BENCH", n, false)
}

/// As `generated_bank`, with its own bank id and question-id prefix; `long_reasons` makes each
/// wrong option's reason as long as a shipped one's, which brings a question to about the size
/// of a shipped question.
pub fn generated_bank_as(bank: &str, prefix: &str, n: usize, long_reasons: bool) -> String {
    let mut s = format!(
        "bank: {bank}\ntitle: Generated for benchmarks\nexam: CPB\nversion: 1\ncode_year: 2026\nauthors: [bench]\nlicense: CC-BY-4.0\nquestions:\n",
    );
    for i in 0..n {
        let key = ["A", "B", "C", "D"][(i * 7 + i / 4) % 4];
        let difficulty = ["easy", "medium", "medium", "hard"][i % 4];
        // One reason per wrong option, as the style guide asks.
        let reasons: String = ["A", "B", "C", "D"]
            .iter()
            .filter(|k| **k != key)
            .map(|k| {
                if long_reasons {
                    format!(
                        "      {k}: This payer is not first for visit {i} under the stated coverage, and the reason names the rule, the payer and the step of the claim where the choice goes wrong, as an instructor would write it.\n"
                    )
                } else {
                    format!(
                        "      {k}: This payer is not first for visit {i} under the stated coverage.\n"
                    )
                }
            })
            .collect();
        s.push_str(&format!(
            "  - id: {prefix}-{i:05}\n    domain: {}\n    difficulty: {difficulty}\n    stem: |\n      A patient aged {} is seen for visit number {i}. Which payer receives the claim first, given the\n      coverage described in the record and the rules for coordination of benefits that apply in 2026?\n    choices:\n      A: The employer group health plan of the patient {i}\n      B: Medicare Part B as the primary payer for visit {i}\n      C: The plan with the earlier effective date for {i}\n      D: Medicaid, then the group plan, for visit {i}\n    answer: {key}\n    explanation: |\n      Generated text explaining why the key is right for item {i}, with enough words to be the\n      size of a real rationale in a real bank file, naming options by what they say.\n    why:\n{reasons}    references:\n      - 42 U.S.C. 1395y(b)(1)(A)\n      - Medicare Secondary Payer Manual, Ch. 2, Sec. 10\n    tags: [bench, msp]\n",
            DOMAINS[i % 8],
            20 + i % 70
        ));
    }
    s
}
