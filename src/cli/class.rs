//! `proctor class report --lrs URL --exam ID [--json]`: a class's progress read from the LRS
//! (every learner who synced), computed with the same models as `proctor stats`.

use super::sync::lrs_client;
use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::xapi::Settings;
use crate::xapi::class::class_report;
use crate::xapi::ids::exam_iri;

pub fn report(ctx: &Context, lrs: Option<String>, exam: &str, json: bool) -> anyhow::Result<u8> {
    let settings = Settings::load(ctx.data.root())
        .map_err(anyhow::Error::msg)?
        .resolve(|k| std::env::var(k).ok(), lrs);
    let Some(endpoint) = settings.endpoint.clone() else {
        eprintln!("proctor: which LRS? pass --lrs URL (or set PROCTOR_LRS_URL)");
        return Ok(EXIT_USAGE);
    };
    let catalog = ctx.load_with_notice();
    let Some(bp) = catalog.blueprint(exam) else {
        eprintln!("proctor: no exam `{exam}`; `proctor list` shows the ids");
        return Ok(EXIT_USAGE);
    };
    let Some(client) = lrs_client(&endpoint, &settings) else {
        return Ok(EXIT_USAGE);
    };
    let params = [
        ("activity", exam_iri(&bp.exam)),
        ("related_activities", "true".to_string()),
    ];
    // Some LRSs do not filter by activity (Ralph 5.1's file backend never matches one): when the
    // filtered query finds nothing, read every statement and keep the exam's here.
    let statements = match client.query(&params).and_then(|s| {
        if s.is_empty() {
            client.query(&[])
        } else {
            Ok(s)
        }
    }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("proctor: {e}");
            return Ok(EXIT_FAILURE);
        }
    };
    let r = class_report(&catalog, bp, &statements, chrono::Utc::now());
    if json {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(EXIT_OK);
    }
    println!(
        "{} · {} · {} learners · {} statements",
        bp.id,
        bp.name,
        r.learners.len(),
        r.statements
    );
    println!();
    println!(
        "{:<34} {:>8} {:>7} {:>7} {:>7} {:>6}  LAST ACTIVE",
        "LEARNER", "ATTEMPTS", "ANSWERS", "LATEST", "BEST", "PASS%"
    );
    let pct = |m: &Option<crate::xapi::class::MockRow>| {
        m.as_ref()
            .map_or("-".to_string(), |m| format!("{:.0}%", m.percent))
    };
    for l in &r.learners {
        println!(
            "{:<34} {:>8} {:>7} {:>7} {:>7} {:>6}  {}",
            l.learner.chars().take(34).collect::<String>(),
            l.attempts,
            l.answers,
            pct(&l.latest_mock),
            pct(&l.best_mock),
            if l.prediction_enough {
                format!("{:.0}", 100.0 * l.pass_probability)
            } else {
                "-".into()
            },
            l.last_active
                .map_or("-".into(), |t| t.format("%Y-%m-%d %H:%M").to_string())
        );
        let weak: Vec<String> = l
            .mastery
            .iter()
            .filter(|d| d.enough)
            .map(|d| format!("{} {:.0}%", d.id, 100.0 * d.mean))
            .collect();
        if !weak.is_empty() {
            println!("    mastery: {}", weak.join(", "));
        }
    }
    println!();
    let mut hardest: Vec<&crate::xapi::class::QuestionRow> = r.questions.iter().collect();
    hardest.sort_by(|a, b| a.p_value.total_cmp(&b.p_value));
    println!("{} questions answered; hardest first:", r.questions.len());
    for q in hardest.iter().take(10) {
        println!(
            "  {:<24} p={:.2}  {}/{} right",
            q.question, q.p_value, q.correct, q.answers
        );
    }
    Ok(EXIT_OK)
}
