//! `proctor codes import|list|diff`: installing official code sets and comparing releases.

use super::{CodesAction, Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::codeset::{CodeBook, CodeSystem, System, diff, import, installed};

pub fn run(ctx: &Context, action: CodesAction) -> anyhow::Result<u8> {
    match action {
        CodesAction::Import { files } => import_all(ctx, &files),
        CodesAction::List { json } => list(ctx, json),
        CodesAction::Diff {
            old,
            new,
            system,
            json,
        } => run_diff(ctx, &old, &new, system.as_deref(), json),
    }
}

/// Every file is read and checked before any is installed: one bad file changes nothing.
fn import_all(ctx: &Context, files: &[std::path::PathBuf]) -> anyhow::Result<u8> {
    let mut ready = Vec::new();
    let mut failed = false;
    for f in files {
        let t = std::time::Instant::now();
        match import::import_file(f) {
            Ok(imp) => ready.push((imp, t.elapsed())),
            Err(e) => {
                eprintln!("proctor: {e}");
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("proctor: nothing was installed");
        return Ok(EXIT_FAILURE);
    }
    let dir = installed::folder(ctx.data.root());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    for (imp, took) in &ready {
        let path = installed::install(&dir, imp, &stamp)?;
        let counts: Vec<String> = imp
            .meta
            .counts
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        println!(
            "installed {} {} ({}) from {}: {} [{} ms] -> {}",
            imp.meta.kind.describe(),
            imp.meta.release,
            imp.meta.system.name(),
            imp.meta.source_file,
            counts.join(", "),
            took.as_millis(),
            path.display()
        );
        for n in &imp.notes {
            println!("  note: {n}");
        }
    }
    Ok(EXIT_OK)
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<u8> {
    let (files, bad) = installed::list(&installed::folder(ctx.data.root()));
    if json {
        let items: Vec<serde_json::Value> = files
            .iter()
            .map(|f| {
                serde_json::json!({
                    "system": f.meta.system,
                    "kind": f.meta.kind,
                    "release": f.meta.release,
                    "counts": f.meta.counts,
                    "source_file": f.meta.source_file,
                    "source_sha256": f.meta.source_sha256,
                    "path": f.path.display().to_string(),
                })
            })
            .collect();
        let v = serde_json::json!({
            "built_in": [{"system": "cm", "kind": "cm-tabular", "release": crate::codeset::ICD10CM_YEAR.to_string()}],
            "installed": items,
            "unreadable": bad.iter().map(ToString::to_string).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    println!(
        "built in: ICD-10-CM tabular list FY{}",
        crate::codeset::ICD10CM_YEAR
    );
    if files.is_empty() {
        println!("nothing imported (see `proctor codes import --help`)");
    }
    for f in &files {
        let counts: Vec<String> = f
            .meta
            .counts
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        println!(
            "{:<6} {:<24} {:<8} {:<40} {}  sha256 {}",
            f.meta.system.id(),
            f.meta.kind.id(),
            f.meta.release,
            counts.join(", "),
            f.meta.source_file,
            f.meta.source_sha256
        );
    }
    for b in &bad {
        eprintln!("proctor: {b}");
    }
    Ok(if bad.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILURE
    })
}

/// "pcs:2025" or "2025" with `--system`.
fn parse_release(s: &str, system: Option<&str>) -> Option<(System, String)> {
    match s.split_once([':', '@']) {
        Some((sys, rel)) => Some((System::parse(sys)?, rel.to_string())),
        None => Some((System::parse(system?)?, s.to_string())),
    }
}

fn run_diff(
    ctx: &Context,
    old: &str,
    new: &str,
    system: Option<&str>,
    json: bool,
) -> anyhow::Result<u8> {
    let (Some((s1, r1)), Some((s2, r2))) = (parse_release(old, system), parse_release(new, system))
    else {
        eprintln!(
            "proctor: name the releases as SYSTEM:RELEASE (e.g. `proctor codes diff pcs:2025 pcs:2026`) or add --system"
        );
        return Ok(EXIT_USAGE);
    };
    if s1 != s2 {
        eprintln!("proctor: both releases must be of the same code system");
        return Ok(EXIT_USAGE);
    }
    let book = CodeBook::load(Some(ctx.data.root()));
    for p in &book.problems {
        eprintln!("proctor: {p}");
    }
    let get = |r: &str| -> Option<&dyn CodeSystem> { book.release(s1, r) };
    let (Some(a), Some(b)) = (get(&r1), get(&r2)) else {
        let have = book.releases(s1).join(", ");
        eprintln!(
            "proctor: {} {r1} and {r2} must both be installed (installed: {})",
            s1.name(),
            if have.is_empty() { "none" } else { &have }
        );
        return Ok(EXIT_FAILURE);
    };
    let d = diff(a, b);
    if json {
        let pair = |v: &Vec<(String, String)>| -> Vec<serde_json::Value> {
            v.iter()
                .map(|(c, t)| serde_json::json!({"code": c, "title": t}))
                .collect()
        };
        let v = serde_json::json!({
            "system": s1,
            "old": r1,
            "new": r2,
            "counts": {"added": d.added.len(), "deleted": d.deleted.len(), "retitled": d.retitled.len()},
            "added": pair(&d.added),
            "deleted": pair(&d.deleted),
            "retitled": d.retitled.iter().map(|(c, o, n)| serde_json::json!({"code": c, "old": o, "new": n})).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    println!(
        "{} {r1} -> {r2}: {} added, {} deleted, {} retitled",
        s1.name(),
        d.added.len(),
        d.deleted.len(),
        d.retitled.len()
    );
    for (c, t) in &d.added {
        println!("+ {c}  {t}");
    }
    for (c, t) in &d.deleted {
        println!("- {c}  {t}");
    }
    for (c, o, n) in &d.retitled {
        println!("~ {c}  {o}\n          -> {n}");
    }
    Ok(EXIT_OK)
}
