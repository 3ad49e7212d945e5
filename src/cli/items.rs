//! `proctor items EXAM [--history DIR...] [--json]` and `proctor history --export DIR`: how each
//! question performs, from your own history or a class's exports (docs/item-statistics.md).

use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::items::{Export, gather, item_rows};
use crate::store::history::History;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, exam: &str, history: &[PathBuf], json: bool) -> anyhow::Result<u8> {
    let catalog = ctx.load_with_notice();
    let records = if history.is_empty() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let loaded = History::new(ctx.data.root()).load(&stamp)?;
        for p in &loaded.problems {
            eprintln!("proctor: {p}");
        }
        loaded.records
    } else {
        let g = gather(history)?;
        for p in &g.problems {
            eprintln!("proctor: {p}");
        }
        g.records
    };
    let known = catalog.blueprint(exam).is_some()
        || records
            .iter()
            .any(|r| r.exam.eq_ignore_ascii_case(exam) || r.blueprint.eq_ignore_ascii_case(exam));
    if !known {
        eprintln!("proctor: no exam `{exam}`; `proctor list` shows the ids");
        return Ok(EXIT_USAGE);
    }
    let options_of = |id: &str| {
        catalog
            .question(id)
            .filter(|q| !q.is_code_entry())
            .map(|q| q.choices.keys().copied().collect())
    };
    let rows = item_rows(&records, exam, &options_of);
    if json {
        let v = serde_json::json!({ "exam": exam, "items": rows });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    if rows.is_empty() {
        println!("No answers to {exam} questions yet.");
        return Ok(EXIT_OK);
    }
    println!(
        "{:<16} {:>5} {:>6} {:>6} {:>7}  {:<28} FLAGS",
        "QUESTION", "SEEN", "P", "DISC", "MEDIAN", "OPTIONS (* key)"
    );
    for r in &rows {
        let disc = r
            .discrimination
            .map_or("-".to_string(), |d| format!("{d:+.2}"));
        let opts = if r.options.is_empty() {
            r.responses
                .iter()
                .map(|(k, n)| format!("{k}:{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            r.options
                .iter()
                .map(|o| {
                    format!(
                        "{}{}:{}",
                        o.option,
                        if o.is_key { "*" } else { "" },
                        o.chosen
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let flags: Vec<String> = r.flags.iter().map(|f| f.to_string()).collect();
        println!(
            "{:<16} {:>5} {:>6.2} {:>6} {:>6.0}s  {:<28} {}",
            r.id,
            r.seen,
            r.p_value,
            disc,
            r.median_seconds,
            opts,
            flags.join(", ")
        );
    }
    Ok(EXIT_OK)
}

/// `proctor history --export DIR [--name NAME]`.
pub fn export(ctx: &Context, dir: &Path, name: Option<String>) -> anyhow::Result<u8> {
    let now = chrono::Utc::now();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let loaded = History::new(ctx.data.root()).load(&stamp)?;
    for p in &loaded.problems {
        eprintln!("proctor: {p}");
    }
    let n = loaded.records.len();
    let path = Export::new(loaded.records, name, now).write_to(dir)?;
    println!("{}", path.display());
    eprintln!("proctor: exported {n} attempts");
    Ok(EXIT_OK)
}
