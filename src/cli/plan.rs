//! `proctor plan --exam CPB --date 2027-01-15 [--daily 45m]`: set the target; no options shows it
//! with today's recommended work (the same work the home screen's `p` starts).

use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::stats::today::{Today, today};
use crate::stats::{answers_from, stats_report};
use crate::store::history::History;
use crate::store::plan::{Plan, PlanStore, SCHEMA, parse_daily};
use chrono::NaiveDate;

pub fn run(
    ctx: &Context,
    exam: Option<String>,
    date: Option<NaiveDate>,
    daily: &str,
    json: bool,
) -> anyhow::Result<u8> {
    let store = PlanStore::new(ctx.data.root());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let plan = match (exam, date) {
        (None, None) => {
            let (plan, problem) = store.load(&stamp)?;
            if let Some(p) = problem {
                eprintln!("proctor: {p}");
            }
            match plan {
                Some(p) => p,
                None => {
                    println!(
                        "No plan yet. Set one: proctor plan --exam CPB --date 2027-01-15 --daily 45m"
                    );
                    return Ok(EXIT_OK);
                }
            }
        }
        (Some(exam), Some(date)) => {
            let catalog = ctx.load_with_notice();
            let Some(bp) = catalog.blueprint(&exam) else {
                eprintln!("proctor: no exam `{exam}`; `proctor list` shows the ids");
                return Ok(EXIT_USAGE);
            };
            let Some(daily_minutes) = parse_daily(daily) else {
                eprintln!("proctor: --daily takes a time such as 45m, 1h or 1h30m");
                return Ok(EXIT_USAGE);
            };
            if date < chrono::Utc::now().date_naive() {
                eprintln!("proctor: the exam date {date} is in the past");
                return Ok(EXIT_USAGE);
            }
            let plan = Plan {
                schema: SCHEMA,
                exam: bp.id.clone(),
                date,
                daily_minutes,
            };
            store.save(&plan)?;
            short_on_the_day(&catalog, bp, date);
            plan
        }
        _ => {
            eprintln!("proctor: give both --exam and --date (or neither, to show the plan)");
            return Ok(EXIT_USAGE);
        }
    };
    let today = todays_work(ctx, &plan, &stamp)?;
    if json {
        // The plan's own fields, plus `today` (null when the planned exam is not loaded).
        let mut v = serde_json::to_value(&plan)?;
        v["today"] = serde_json::to_value(&today)?;
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        let days = (plan.date - chrono::Utc::now().date_naive()).num_days();
        println!(
            "Target: {} on {} ({days} days from today), {} minutes a day.",
            plan.exam, plan.date, plan.daily_minutes
        );
        match &today {
            Some(t) => println!(
                "Today: {}. Start it with `proctor` then p, or `proctor drill {}`.",
                t.work(),
                plan.exam
            ),
            None => println!(
                "Today: the exam {} is not loaded, so there is no recommendation.",
                plan.exam
            ),
        }
    }
    Ok(EXIT_OK)
}

/// Says so when the banks cannot fill a full form with the questions true on the planned day (a
/// bank of 2026 figures for a 2027 exam): mini-mocks and drills still work with what is left.
fn short_on_the_day(catalog: &crate::bank::Catalog, bp: &crate::bank::Blueprint, day: NaiveDate) {
    let short: Vec<String> = catalog
        .capacity(bp, day)
        .iter()
        .filter(|c| c.available < c.needed)
        .map(|c| format!("{} needs {}, has {}", c.id, c.needed, c.available))
        .collect();
    if !short.is_empty() {
        println!(
            "Note: the banks cannot fill a full {} form for an exam on {day} (only questions true on that date count): {}. Mini-mocks and drills use what there is.",
            bp.id,
            short.join("; ")
        );
    }
}

/// Today's recommended work for the plan, from the history as `proctor stats` sees it.
fn todays_work(ctx: &Context, plan: &Plan, stamp: &str) -> anyhow::Result<Option<Today>> {
    let catalog = ctx.load_with_notice();
    let Some(bp) = catalog.blueprint(&plan.exam) else {
        return Ok(None);
    };
    let loaded = History::new(ctx.data.root()).load(stamp)?;
    for p in &loaded.problems {
        eprintln!("proctor: {p}");
    }
    let now = chrono::Utc::now();
    let answers = answers_from(&loaded.records);
    let report = stats_report(&catalog, bp, &loaded.records, &answers, now);
    Ok(Some(today(plan, &report, now)))
}
