//! `proctor list [--json]`: the exams, their format, and whether the banks can fill a form.

use super::{Context, EXIT_OK};
use serde::Serialize;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    #[serde(skip)]
    exam: &'a str,
    name: &'a str,
    body: &'a str,
    questions: u32,
    minutes: Option<u32>,
    passing_percent: f64,
    passing_scaled: Option<u32>,
    open_book: bool,
    available: u32,
    can_fill: bool,
    /// The exam day the two figures above are for: the planned date for the planned exam, else
    /// today. Only questions true on that day count.
    on: chrono::NaiveDate,
}

pub fn run(ctx: &Context, json: bool) -> anyhow::Result<u8> {
    let catalog = ctx.load_with_notice();
    let plan = ctx.plan();
    let today = ctx.today();
    let rows: Vec<Row> = catalog
        .blueprints
        .iter()
        .map(|bp| {
            let on = crate::store::plan::exam_day(plan.as_ref(), &bp.id, today);
            let cap = catalog.capacity(bp, on);
            Row {
                id: &bp.id,
                exam: &bp.exam,
                name: &bp.name,
                body: &bp.body,
                questions: bp.questions,
                minutes: bp.minutes,
                passing_percent: bp.passing.percent,
                passing_scaled: bp.passing.scaled.as_ref().map(|s| s.score),
                open_book: !bp.open_book.is_empty(),
                available: cap.iter().map(|c| c.available).sum(),
                can_fill: cap.iter().all(|c| c.available >= c.needed),
                on,
            }
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(EXIT_OK);
    }
    println!(
        "{:<8} {:<5} {:<52} {:>9} {:>8} {:>9}  BANK",
        "EXAM", "BODY", "NAME", "QUESTIONS", "TIME", "PASS"
    );
    for r in &rows {
        let time = r.minutes.map_or("untimed".to_string(), |m| {
            format!("{}h{:02}", m / 60, m % 60)
        });
        let pass = match r.passing_scaled {
            Some(s) => format!("{s} scaled"),
            None => format!("{}%", r.passing_percent),
        };
        let planned = if r.on == today {
            String::new()
        } else {
            format!(" for {}", r.on)
        };
        let bank = if r.available == 0 && catalog.questions_for_exam(r.exam).next().is_none() {
            "no questions yet".to_string()
        } else if r.can_fill {
            format!("{} questions, ready{planned}", r.available)
        } else {
            format!("{} questions, short of a full form{planned}", r.available)
        };
        println!(
            "{:<8} {:<5} {:<52} {:>9} {:>8} {:>9}  {bank}",
            r.id, r.body, r.name, r.questions, time, pass
        );
    }
    Ok(EXIT_OK)
}
