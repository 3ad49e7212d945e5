//! `proctor items` over a generated history: item statistics from 1,000,000 answers across 10,000
//! questions (100-question records), and at a quarter and half the size to show the time growing no
//! faster than the history. Run: `cargo bench --bench items`.

use chrono::{DateTime, Duration, Utc};
use proctor::bank::ChoiceKey;
use proctor::exam::EndReason;
use proctor::items::item_rows;
use proctor::store::history::{Record, RecordResponse};
use std::time::Instant;

/// `n` answers as 100-question records over 10,000 question ids.
fn history(n: usize) -> Vec<Record> {
    let t0: DateTime<Utc> = DateTime::parse_from_rfc3339("2025-10-01T00:00:00Z")
        .unwrap()
        .into();
    (0..n / 100)
        .map(|r| Record {
            schema: 1,
            id: format!("r{r:06}"),
            mode: "exam".into(),
            blueprint: "CPB".into(),
            exam: "CPB".into(),
            seed: r as u64,
            started_at: t0 + Duration::minutes(r as i64 * 57),
            ended_at: t0 + Duration::minutes(r as i64 * 57 + 50),
            end: EndReason::Submitted,
            seconds_used: 3000.0,
            responses: (0..100)
                .map(|i| {
                    let q = (r * 7919 + i * 104_729) % 10_000;
                    let chose = ChoiceKey::ALL[(q + r + i) % 4];
                    RecordResponse {
                        question: format!("BENCH-{q:05}"),
                        domain: "claims".into(),
                        selected: vec![chose],
                        key: vec![ChoiceKey::A],
                        correct: chose == ChoiceKey::A,
                        credit: Some(f64::from(u8::from(chose == ChoiceKey::A))),
                        seconds: 30.0 + (i % 60) as f64,
                        order: ChoiceKey::ALL[..4].to_vec(),
                        ..Default::default()
                    }
                })
                .collect(),
        })
        .collect()
}

fn main() {
    let none = |_: &str| None;
    for n in [250_000, 500_000, 1_000_000] {
        let records = history(n);
        let mut best = f64::MAX;
        let mut rows = 0;
        for _ in 0..3 {
            let t = Instant::now();
            rows = item_rows(&records, "CPB", &none).len();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "items over {n:>9} answers: {rows} rows, best of 3 {:.0} ms",
            best * 1000.0
        );
    }
}
