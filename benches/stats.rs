//! `stats` over a generated history: 1,000,000 answers across 10,000 questions, and the same at a
//! quarter and half the size to show time and memory growing no faster than the history.
//! Run: `cargo bench --bench stats`.

#[path = "support.rs"]
mod support;

use chrono::{DateTime, Duration, Utc};
use proctor::bank::{Catalog, ChoiceKey, SourceFile};
use proctor::exam::EndReason;
use proctor::stats::{answers_from, stats_report};
use proctor::store::history::{Record, RecordResponse};
use std::time::Instant;

use support::DOMAINS;

/// `n` answers as 100-question records over 10,000 question ids, spread over 400 days.
fn history(n: usize) -> Vec<Record> {
    let t0: DateTime<Utc> = DateTime::parse_from_rfc3339("2025-10-01T00:00:00Z")
        .unwrap()
        .into();
    (0..n / 100)
        .map(|r| Record {
            schema: 1,
            id: format!("r{r:06}"),
            mode: if r % 10 == 0 {
                "exam".into()
            } else {
                "drill".into()
            },
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
                    let correct = (q + r + i) % 3 != 0;
                    RecordResponse {
                        question: format!("BENCH-{q:05}"),
                        domain: DOMAINS[q % 8].into(),
                        selected: vec![ChoiceKey::A],
                        key: vec![if correct { ChoiceKey::A } else { ChoiceKey::B }],
                        correct,
                        seconds: 60.0,
                        flagged: i % 17 == 0,
                        struck: vec![],
                        order: vec![],
                        ..Default::default()
                    }
                })
                .collect(),
        })
        .collect()
}

/// Peak resident memory of this process so far, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time used by this thread so far, in seconds: unlike wall-clock time it does not grow when
/// other processes share the cores, so it shows the cost on a busy machine too.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    let mut files: Vec<SourceFile> = SourceFile::shipped_files()
        .into_iter()
        .filter(|f| f.path.contains("/blueprints/"))
        .collect();
    files.push(SourceFile::new(
        "bench.yaml",
        support::generated_bank(10_000),
        false,
    ));
    let (catalog, _) = Catalog::load(&files, false);
    let bp = catalog.blueprint("CPB").unwrap();
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-22T00:00:00Z")
        .unwrap()
        .into();
    for n in [250_000, 500_000, 1_000_000] {
        let records = history(n);
        let rss_before = peak_rss_mib().unwrap_or(0.0);
        let start = Instant::now();
        let answers = answers_from(&records);
        let report = stats_report(&catalog, bp, &records, &answers, now);
        let elapsed = start.elapsed();
        assert_eq!(report.answers, n);
        let t = support::median(3, || {
            let answers = answers_from(&records);
            stats_report(&catalog, bp, &records, &answers, now).answers
        });
        let mut cpu: Vec<f64> = (0..3)
            .map(|_| {
                let c0 = thread_cpu_seconds();
                let answers = answers_from(&records);
                let r = stats_report(&catalog, bp, &records, &answers, now);
                assert_eq!(r.answers, n);
                thread_cpu_seconds() - c0
            })
            .collect();
        cpu.sort_by(f64::total_cmp);
        println!(
            "stats over {n:>9} answers / 10,000 questions: {:>7.1} ms wall, {:>7.1} ms CPU of the thread (first run {:.1} ms wall, medians of 3); peak RSS {:.0} MiB (was {:.0} before)",
            t.as_secs_f64() * 1e3,
            cpu[1] * 1e3,
            elapsed.as_secs_f64() * 1e3,
            peak_rss_mib().unwrap_or(0.0),
            rss_before
        );
    }
}
