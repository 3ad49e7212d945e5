//! `proctor stats [EXAM] [--json]`: mastery per domain, the predicted score and pass probability,
//! the mock trend, the weakest topics and the confidently-wrong questions.

use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::stats::today::today;
use crate::stats::{answers_from, stats_report};
use crate::store::history::History;
use crate::store::plan::PlanStore;

pub fn run(ctx: &Context, exam: Option<String>, json: bool) -> anyhow::Result<u8> {
    let catalog = ctx.load_with_notice();
    let now = chrono::Utc::now();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let loaded = History::new(ctx.data.root()).load(&stamp)?;
    for p in &loaded.problems {
        eprintln!("proctor: {p}");
    }
    let (plan, _) = PlanStore::new(ctx.data.root()).load(&stamp)?;
    let wanted = exam
        .or_else(|| plan.as_ref().map(|p| p.exam.clone()))
        .or_else(|| loaded.records.last().map(|r| r.blueprint.clone()));
    let Some(wanted) = wanted else {
        eprintln!(
            "proctor: which exam? e.g. `proctor stats CPB` (no history or plan to choose from)"
        );
        return Ok(EXIT_USAGE);
    };
    let Some(bp) = catalog.blueprint(&wanted) else {
        eprintln!("proctor: no exam `{wanted}`; `proctor list` shows the ids");
        return Ok(EXIT_USAGE);
    };
    let answers = answers_from(&loaded.records);
    let report = stats_report(&catalog, bp, &loaded.records, &answers, now);
    let today = plan
        .as_ref()
        .filter(|p| p.exam.eq_ignore_ascii_case(&bp.id))
        .map(|p| today(p, &report, now));
    if json {
        let v = serde_json::json!({ "report": report, "today": today });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    let p = &report.prediction;
    println!("{} · {} · {} answers", bp.id, bp.name, report.answers);
    if p.enough {
        println!("{}", capitalized(&p.sentence()));
    } else {
        println!("Predicted score: not enough data yet");
    }
    println!();
    println!(
        "{:<40} {:>9} {:>12} {:>10} {:>8}",
        "DOMAIN", "MASTERY", "90% RANGE", "SEEN", "1ST/REV"
    );
    for d in &report.domains {
        let m = &d.mastery;
        let est = if m.enough {
            format!("{:.0}%", 100.0 * m.mean)
        } else {
            "no data".into()
        };
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.0}", 100.0 * v));
        println!(
            "{:<40} {:>9} {:>5.0}-{:<5.0} {:>4}/{:<5} {:>3}/{:<3}",
            d.name.chars().take(40).collect::<String>(),
            est,
            100.0 * m.low,
            100.0 * m.high,
            d.seen,
            d.questions,
            pct(d.first_sight_accuracy),
            pct(d.review_accuracy)
        );
    }
    println!();
    let trend: Vec<String> = report
        .mock_scores
        .iter()
        .map(|m| format!("{:.0}%", m.percent))
        .collect();
    println!(
        "Mock exams: {}",
        if trend.is_empty() {
            "none yet".into()
        } else {
            trend.join(" -> ")
        }
    );
    println!(
        "Weakest: {}",
        report
            .weakest
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("Confidently wrong: {}", report.confidently_wrong.len());
    if let Some(t) = today {
        let work = t.work();
        println!("{} days left. Today: {work}.", t.days_left);
    }
    Ok(EXIT_OK)
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
