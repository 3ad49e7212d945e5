//! `proctor validate [PATH...] [--json]`: every finding as `path:line:column: severity: message`, then
//! what each blueprint needs against what the banks hold.

use super::{Context, EXIT_FAILURE, EXIT_OK};
use crate::bank::{Catalog, Diagnostic, DomainCapacity, LoadReport, SourceFile};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    blueprints: Vec<BlueprintCapacity>,
}

#[derive(Serialize)]
struct BlueprintCapacity {
    id: String,
    exam: String,
    questions: u32,
    available: u32,
    can_fill: bool,
    domains: Vec<DomainCapacity>,
}

pub fn run(ctx: &Context, paths: &[PathBuf], json: bool) -> anyhow::Result<u8> {
    let (catalog, report) = if paths.is_empty() {
        ctx.load_with(true)
    } else {
        load_paths(paths)
    };
    let mut diags = report.diagnostics.clone();
    diags.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    let caps = capacities(&catalog);
    if json {
        let out = JsonReport {
            files: report.files,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: &diags,
            blueprints: caps,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for d in &diags {
            println!("{d}");
        }
        if !diags.is_empty() {
            println!();
        }
        print_summary(&caps);
        println!(
            "{} file(s) checked: {} error(s), {} warning(s)",
            report.files,
            report.errors(),
            report.warnings()
        );
    }
    Ok(if report.errors() > 0 {
        EXIT_FAILURE
    } else {
        EXIT_OK
    })
}

/// The given files, checked against the shipped blueprints and banks; a given file with the id of a
/// shipped one takes its place, so `proctor validate question-banks` checks a working copy.
fn load_paths(paths: &[PathBuf]) -> (Catalog, LoadReport) {
    let mut read_errors = Vec::new();
    let mut files = SourceFile::shipped_files();
    let shipped = files.len();
    for p in paths {
        if p.exists() {
            files.extend(SourceFile::from_path(p, &mut read_errors));
        } else {
            read_errors.push(Diagnostic::error(
                &p.display().to_string(),
                crate::bank::Pos::START,
                "no such file or folder",
            ));
        }
    }
    let (catalog, mut report) = Catalog::load_with(&files, true, true);
    report.files = files.len() - shipped;
    // The shipped files are loaded only to check the given ones against them: their own findings
    // are not the author's to fix here (`proctor validate` with no path shows them), and depend on
    // the code sets this user installed (a test fixture set, an older year) as much as on the files.
    let given: std::collections::HashSet<&str> =
        files[shipped..].iter().map(|f| f.path.as_str()).collect();
    report
        .diagnostics
        .retain(|d| given.contains(d.path.as_str()));
    read_errors.append(&mut report.diagnostics);
    report.diagnostics = read_errors;
    (catalog, report)
}

fn capacities(catalog: &Catalog) -> Vec<BlueprintCapacity> {
    catalog
        .blueprints
        .iter()
        .map(|bp| {
            let domains = catalog.capacity(bp);
            BlueprintCapacity {
                id: bp.id.clone(),
                exam: bp.exam.clone(),
                questions: bp.questions,
                available: domains.iter().map(|d| d.available).sum(),
                can_fill: domains.iter().all(|d| d.available >= d.needed),
                domains,
            }
        })
        .collect()
}

fn print_summary(caps: &[BlueprintCapacity]) {
    for bp in caps {
        if bp.available == 0 {
            println!("{:<8} no bank yet for exam {}", bp.id, bp.exam);
            continue;
        }
        let verdict = if bp.can_fill {
            "can fill a full form"
        } else {
            "CANNOT fill a full form"
        };
        println!(
            "{:<8} {} questions available for a {}-question form: {verdict}",
            bp.id, bp.available, bp.questions
        );
        for d in &bp.domains {
            let mark = if d.available >= d.needed {
                "ok"
            } else {
                "SHORT"
            };
            println!(
                "  {:<32} needs {:>4}  has {:>4}  {mark}",
                d.id, d.needed, d.available
            );
        }
    }
}
