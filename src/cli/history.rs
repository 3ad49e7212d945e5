//! `proctor history [--json]`: past attempts; the JSON carries every response so another tool can
//! re-check any score.

use super::{Context, EXIT_OK};
use crate::store::history::History;

pub fn run(ctx: &Context, json: bool) -> anyhow::Result<u8> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let loaded = History::new(ctx.data.root()).load(&stamp)?;
    for p in &loaded.problems {
        eprintln!("proctor: {p}");
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&loaded.records)?);
        return Ok(EXIT_OK);
    }
    if loaded.records.is_empty() {
        println!("No attempts yet. Start one with `proctor exam CPB` (or `proctor` for the app).");
        return Ok(EXIT_OK);
    }
    println!(
        "{:<26} {:<9} {:<8} {:>9} {:>7} {:>9}  END",
        "ATTEMPT", "MODE", "EXAM", "CORRECT", "SCORE", "TIME"
    );
    for r in &loaded.records {
        let secs = r.seconds_used.round() as u64;
        println!(
            "{:<26} {:<9} {:<8} {:>4}/{:<4} {:>6.1}% {:>3}:{:02}:{:02}  {}",
            r.id,
            r.mode,
            r.blueprint,
            r.correct(),
            r.scored_count(),
            r.percent(),
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            match r.end {
                crate::exam::EndReason::Submitted => "submitted",
                crate::exam::EndReason::TimeUp => "time up",
            }
        );
    }
    Ok(EXIT_OK)
}
