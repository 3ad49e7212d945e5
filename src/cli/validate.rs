//! `proctor validate [PATH...] [--json]`: every finding as `path:line:column: severity: message`, then
//! what each blueprint needs against what the banks hold.

use super::{Context, EXIT_FAILURE, EXIT_OK};
use crate::bank::{Blueprint, Catalog, Diagnostic, DomainCapacity};
use crate::store::plan::exam_day;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    blueprints: Vec<BlueprintCapacity>,
    /// Code years whose code sets have been replaced: the coding items to review.
    code_year_reviews: &'a [String],
}

#[derive(Serialize)]
struct BlueprintCapacity {
    id: String,
    exam: String,
    questions: u32,
    /// The exam day the capacity is for (the planned date for the planned exam, else today).
    on: NaiveDate,
    #[serde(skip)]
    has_bank: bool,
    available: u32,
    can_fill: bool,
    domains: Vec<DomainCapacity>,
}

pub fn run(ctx: &Context, paths: &[PathBuf], json: bool) -> anyhow::Result<u8> {
    let (files, given, catalog, mut report) = if paths.is_empty() {
        let mut read_errors = Vec::new();
        let files = ctx.all_sources(&mut read_errors);
        let (catalog, mut report) = Catalog::load_with(&files, false, true);
        read_errors.append(&mut report.diagnostics);
        report.diagnostics = read_errors;
        (files, None, catalog, report)
    } else {
        let g = crate::bank::given::load_given(paths, true);
        (g.files, Some(g.given), g.catalog, g.report)
    };
    // Findings that depend on the day, made fresh on every run (never cached with the files):
    // windows that have ended, and whether each blueprint can be filled on its exam day.
    let today = ctx.today();
    let plan = ctx.plan();
    let day_of = |bp: &Blueprint| exam_day(plan.as_ref(), &bp.id, today);
    let mut dated = catalog.ended_findings(&files, today);
    dated.extend(catalog.capacity_findings(&files, day_of));
    if let Some(given) = &given {
        dated.retain(|d| given.contains(&d.path));
    }
    report.diagnostics.extend(dated);
    let mut diags = report.diagnostics.clone();
    diags.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    let caps = capacities(&catalog, &day_of);
    let reviews = code_year_reviews(&catalog, today);
    if json {
        let out = JsonReport {
            files: report.files,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: &diags,
            blueprints: caps,
            code_year_reviews: &reviews,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for d in &diags {
            println!("{d}");
        }
        if !diags.is_empty() {
            println!();
        }
        print_summary(&caps, today);
        for r in &reviews {
            println!("{r}");
        }
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

fn capacities(
    catalog: &Catalog,
    day_of: &dyn Fn(&Blueprint) -> NaiveDate,
) -> Vec<BlueprintCapacity> {
    catalog
        .blueprints
        .iter()
        .map(|bp| {
            let on = day_of(bp);
            let domains = catalog.capacity(bp, on);
            BlueprintCapacity {
                id: bp.id.clone(),
                exam: bp.exam.clone(),
                questions: bp.questions,
                on,
                has_bank: catalog.questions_for_exam(&bp.exam).next().is_some(),
                available: domains.iter().map(|d| d.available).sum(),
                can_fill: domains.iter().all(|d| d.available >= d.needed),
                domains,
            }
        })
        .collect()
}

/// A line per bank whose `code_year` code sets have been replaced by `today`: coding items stay
/// in forms (a window per coding item would empty the banks on the day a new code year starts),
/// and this says which banks are due a review against the new year (docs/authoring.md).
fn code_year_reviews(catalog: &Catalog, today: NaiveDate) -> Vec<String> {
    let mut by_year: std::collections::BTreeMap<u16, Vec<&str>> = Default::default();
    for h in catalog.heads() {
        by_year.entry(h.code_year).or_default().push(&h.bank);
    }
    let mut out = Vec::new();
    for (year, banks) in by_year {
        let Some(next) = crate::bank::codeyear::superseded_on(year, today) else {
            continue;
        };
        out.push(format!(
            "code year {year}: {next}; review the coding items of {} bank(s) for the new year ({}{})",
            banks.len(),
            banks.iter().take(4).copied().collect::<Vec<_>>().join(", "),
            if banks.len() > 4 { ", ..." } else { "" }
        ));
    }
    out
}

fn print_summary(caps: &[BlueprintCapacity], today: NaiveDate) {
    for bp in caps {
        if !bp.has_bank {
            println!("{:<8} no bank yet for exam {}", bp.id, bp.exam);
            continue;
        }
        let day = if bp.on == today {
            "today".to_string()
        } else {
            format!("on {} (the planned exam date)", bp.on)
        };
        let verdict = if bp.can_fill {
            format!("can fill a full form {day}")
        } else {
            format!("CANNOT fill a full form {day}")
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
