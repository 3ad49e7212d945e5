//! The calibration study of docs/scoring.md: simulated CPB candidates (tests/simulator/mod.rs)
//! study, their history files are read back and `stats_report` is compared with the exact truth.
//! Run: `cargo bench --bench calibration` (CANDIDATES=N to change the population size,
//! EVAL_SEED=S to draw another evaluation population, SKIP_REFERENCE=1 to skip the training
//! population and fit the Brier reference in-sample, for quick comparisons).

#[path = "../tests/simulator/mod.rs"]
mod simulator;

use proctor::bank::{Catalog, SourceFile};
use simulator::*;

fn row(label: &str, o: &[&Outcome]) {
    if o.is_empty() {
        println!("| {label} | 0 | | | | |");
        return;
    }
    println!(
        "| {label} | {} | {:+.2} | {:.1}% | {:.3} | {:.3} |",
        o.len(),
        bias(o),
        100.0 * coverage(o),
        o.iter().map(|x| x.predicted_p).sum::<f64>() / o.len() as f64,
        o.iter().map(|x| x.true_p).sum::<f64>() / o.len() as f64,
    );
}

fn main() {
    let n: usize = std::env::var("CANDIDATES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let (catalog, _) = Catalog::load(&SourceFile::shipped_files(), false);
    let world = World::new(&catalog, "CPB", 21);
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let train = if std::env::var("SKIP_REFERENCE").is_ok() {
        Vec::new()
    } else {
        population(&world, n, 1, &dir.path().join("train"))
    };
    let eval_seed: u64 = std::env::var("EVAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let all = population(&world, n, eval_seed, &dir.path().join("eval"));
    println!(
        "{} candidates simulated twice (training and evaluation) in {:.1} s",
        n,
        start.elapsed().as_secs_f64()
    );
    let shown: Vec<&Outcome> = all.iter().filter(|x| x.shown).collect();
    let train_shown: Vec<&Outcome> = train.iter().filter(|x| x.shown).collect();
    println!(
        "prediction shown for {} of {} evaluation candidates",
        shown.len(),
        all.len()
    );
    let (a, b) = recalibration(&shown);
    println!("\nlogistic recalibration: intercept {a:+.3}, slope {b:.3}");
    let ours = brier(&shown, |x| x.predicted_p);
    let train_shown = if train_shown.is_empty() {
        shown.clone()
    } else {
        train_shown
    };
    let oracle = population_oracle(&train_shown);
    let pop = brier(&shown, &oracle);
    let base = shown.iter().map(|x| x.true_p).sum::<f64>() / shown.len() as f64;
    let base_rate = brier(&shown, |_| base);
    let abilities = brier(&shown, |x| x.true_p);
    println!(
        "Brier: proctor {ours:.4}; population-aware reference {pop:.4} (proctor {:+.1}%); base rate {base_rate:.4}; knowing the abilities {abilities:.4}",
        100.0 * (ours / pop - 1.0)
    );
    println!("\n| P(pass) decile | candidates | mean shown | true pass rate | difference |");
    println!("|---|---|---|---|---|");
    for (i, (c, p, t)) in deciles(&shown).into_iter().enumerate() {
        println!(
            "| {} | {c} | {:.1}% | {:.1}% | {:+.1} |",
            i + 1,
            100.0 * p,
            100.0 * t,
            100.0 * (p - t)
        );
    }
    println!(
        "\n| group | candidates | score bias (points) | 90% range holds a sitting | mean P(pass) shown | true pass rate |"
    );
    println!("|---|---|---|---|---|---|");
    row("all shown", &shown);
    for (lo, hi) in [
        (0.0, 60.0),
        (60.0, 65.0),
        (65.0, 70.0),
        (70.0, 75.0),
        (75.0, 80.0),
        (80.0, 101.0),
    ] {
        let g: Vec<&Outcome> = shown
            .iter()
            .copied()
            .filter(|x| x.true_score >= lo && x.true_score < hi)
            .collect();
        row(&format!("true score {lo:.0}-{:.0}%", hi.min(100.0)), &g);
    }
    for (lo, hi) in [(0, 100), (100, 300), (300, 700), (700, usize::MAX)] {
        let g: Vec<&Outcome> = shown
            .iter()
            .copied()
            .filter(|x| x.evidence >= lo && x.evidence < hi)
            .collect();
        let label = if hi == usize::MAX {
            format!("{lo}+ answers")
        } else {
            format!("{lo}-{} answers", hi - 1)
        };
        row(&label, &g);
    }
    for (lo, hi) in [(0, 1), (1, 8), (8, 22), (42, 43)] {
        let g: Vec<&Outcome> = shown
            .iter()
            .copied()
            .filter(|x| x.age_days >= lo && x.age_days < hi)
            .collect();
        row(&format!("last answer {lo}-{} days before", hi - 1), &g);
    }
    for imp in [false, true] {
        let g: Vec<&Outcome> = shown
            .iter()
            .copied()
            .filter(|x| x.improving == imp)
            .collect();
        row(
            if imp {
                "improving learners"
            } else {
                "stationary learners"
            },
            &g,
        );
    }
    let old: Vec<&Outcome> = all.iter().filter(|x| x.age_days == 42).collect();
    let old_shown = old.iter().filter(|x| x.shown).count();
    let width =
        |g: &[&Outcome]| g.iter().map(|x| x.high - x.low).sum::<f64>() / g.len().max(1) as f64;
    let fresh: Vec<&Outcome> = shown.iter().copied().filter(|x| x.age_days == 0).collect();
    let old_s: Vec<&Outcome> = shown.iter().copied().filter(|x| x.age_days == 42).collect();
    println!(
        "\n42 days after the last session: prediction shown for {old_shown} of {} (the rest had too few answers); mean range width {:.1} points against {:.1} on the day",
        old.len(),
        width(&old_s),
        width(&fresh)
    );
}
