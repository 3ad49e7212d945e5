//! `proctor` and `proctor exam ID`: set up the data folder, find unfinished work, open the app.

use super::{Context, EXIT_FAILURE, EXIT_USAGE};
use crate::exam::{FormOptions, assemble};
use crate::store::plan::PlanStore;
use crate::store::recover::recover;
use crate::tui::app::{Confirm, Overlay, Screen};
use crate::tui::runtime::{Stores, run};
use crate::tui::{App, Theme};
use std::io::IsTerminal;

pub struct ExamRequest {
    pub blueprint: String,
    pub seed: Option<u64>,
    pub questions: Option<u32>,
    pub minutes: Option<u32>,
    pub tutor: bool,
}

/// What to open the app on.
pub enum Start {
    Home,
    Exam(ExamRequest),
    Drill {
        blueprint: Option<String>,
        request: crate::stats::DrillRequest,
        count: Option<usize>,
    },
}

pub fn open_drill(
    ctx: &Context,
    exam: Option<String>,
    domains: Vec<String>,
    pool: crate::stats::Pool,
    count: Option<usize>,
) -> anyhow::Result<u8> {
    let request = crate::stats::DrillRequest {
        domains,
        pool,
        count: 0,
        seed: 0,
        only: vec![],
        on: None,
    };
    open_with(
        ctx,
        Start::Drill {
            blueprint: exam,
            request,
            count,
        },
    )
}

pub fn open(ctx: &Context, exam: Option<ExamRequest>) -> anyhow::Result<u8> {
    open_with(ctx, exam.map_or(Start::Home, Start::Exam))
}

fn open_with(ctx: &Context, start: Start) -> anyhow::Result<u8> {
    let exam = match &start {
        Start::Exam(r) => Some(r),
        _ => None,
    };
    let (catalog, report) = ctx.load();
    let left_out = if report.errors() > 0 {
        report.rejected.len().max(1)
    } else {
        0
    };
    // Named once on stderr (the home screen gives the count and the command that says why).
    if let Some(n) = super::left_out(&report) {
        eprintln!("proctor: {n}");
    }
    if let Some(req) = exam {
        let Some(bp) = catalog.blueprint(&req.blueprint) else {
            eprintln!(
                "proctor: no exam `{}`; `proctor list` shows the ids",
                req.blueprint
            );
            return Ok(EXIT_USAGE);
        };
        if req.questions == Some(0) {
            eprintln!("proctor: --questions must be at least 1");
            return Ok(EXIT_USAGE);
        }
        // Say what is missing before opening the screen, with the shorter form that would work.
        // The app builds the form for the same day (the planned exam date, or today).
        let day = crate::store::plan::exam_day(ctx.plan().as_ref(), &bp.id, ctx.today());
        let probe = FormOptions {
            seed: 0,
            questions: req.questions,
            minutes: req.minutes,
            tutor: req.tutor,
            on: Some(day),
        };
        if let Err(e) = assemble(&catalog, bp, &probe, &Default::default()) {
            eprintln!("proctor: {e}");
            if let crate::exam::AssembleError::Short {
                largest_possible, ..
            } = e
                && largest_possible > 0
            {
                eprintln!(
                    "proctor: a shorter form with the same mix works: proctor exam {} --questions {largest_possible}",
                    bp.id
                );
            }
            return Ok(EXIT_FAILURE);
        }
    }
    // A drill's exam and domains are checked before the terminal is needed: a typo is a usage
    // error (exit 2) that names the valid choices.
    if let Start::Drill {
        blueprint: Some(bp),
        request,
        ..
    } = &start
        && let Some(code) = check_drill(&catalog, bp, &request.domains)
    {
        return Ok(code);
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "proctor: the app needs a terminal; for scripts use `proctor list`, `validate`, `history --json`"
        );
        return Ok(EXIT_FAILURE);
    }
    let signals = crate::tui::runtime::watch_signals()?;
    let root = ctx.data.root().to_path_buf();
    let (stores, read_only) = Stores::open(&root)?;
    let now = chrono::Utc::now();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut notices: Vec<String> = read_only.into_iter().collect();
    let seed = now.timestamp_nanos_opt().unwrap_or_default() as u64;
    let mut app = App::new(catalog, Theme::from_env(), seed);
    app.now = now;
    app.left_out = left_out;
    app.book_in_background = true;
    let recovered = recover(&stores, &app.catalog, &stamp)?;
    notices.extend(recovered.notices);
    for r in &recovered.records {
        // Only answers count as seen (docs/scoring.md, "What counts as evidence").
        for resp in r.responses.iter().filter(|x| x.answered()) {
            *app.seen.entry(resp.question.clone()).or_default() += 1;
        }
    }
    app.records = recovered.records;
    let (plan, plan_problem) = PlanStore::new(&root).load(&stamp)?;
    notices.extend(plan_problem);
    app.plan = plan;
    if let Screen::Home(h) = &mut app.screen {
        h.resume = recovered.resume;
    }
    let has_resume = matches!(&app.screen, Screen::Home(h) if h.resume.is_some());
    if let Start::Drill {
        blueprint,
        mut request,
        count,
    } = start
    {
        let Some(bp) = blueprint.or_else(|| app.plan.as_ref().map(|p| p.exam.clone())) else {
            eprintln!("proctor: which exam? e.g. `proctor drill CPB` (or set a plan)");
            return Ok(EXIT_USAGE);
        };
        if let Some(code) = check_drill(&app.catalog, &bp, &request.domains) {
            return Ok(code);
        }
        if has_resume {
            notices
                .push("An unfinished exam is saved: press r to resume it before drilling.".into());
        } else {
            request.count =
                count.unwrap_or_else(|| crate::tui::update::drill::drill_size(&app, &bp));
            let fx = crate::tui::update::drill::start(&mut app, &bp, request);
            from_command(&mut app);
            crate::tui::runtime::apply(&mut app, &stores, fx);
        }
    } else if let Start::Exam(req) = start {
        if has_resume {
            app.overlay = Some(Overlay::Confirm(Confirm::ReplaceUnfinished {
                blueprint: req.blueprint.clone(),
                questions: req.questions,
                tutor: req.tutor,
            }));
        } else {
            let fx = crate::tui::update::start_exam(
                &mut app,
                &req.blueprint,
                req.questions,
                req.minutes,
                req.tutor,
                req.seed,
            );
            from_command(&mut app);
            crate::tui::runtime::apply(&mut app, &stores, fx);
        }
    }
    if !notices.is_empty() {
        app.notice = Some(notices.join(" "));
    }
    let out = run(app, &stores, &signals)?;
    if let Some(m) = out.message {
        eprintln!("proctor: {m}");
    }
    Ok(out.code)
}

/// An exam or drill opened by a command ends the app when it is left (`q`, `y`).
fn from_command(app: &mut App) {
    if let Screen::Exam(ex) = &mut app.screen {
        ex.origin = crate::tui::app::Origin::Command;
    }
}

/// The drill's exam exists and each `--domain` is one of its domain ids; otherwise the usage exit
/// code, after saying what the valid choices are.
fn check_drill(catalog: &crate::bank::Catalog, blueprint: &str, domains: &[String]) -> Option<u8> {
    let Some(bp) = catalog.blueprint(blueprint) else {
        eprintln!("proctor: no exam `{blueprint}`; `proctor list` shows the ids");
        return Some(EXIT_USAGE);
    };
    let unknown: Vec<&String> = domains
        .iter()
        .filter(|d| !bp.domains.iter().any(|x| &x.id == *d))
        .collect();
    if unknown.is_empty() {
        return None;
    }
    let names: Vec<&str> = unknown.iter().map(|d| d.as_str()).collect();
    eprintln!(
        "proctor: {} has no domain {}; its domain ids are:",
        bp.id,
        names.join(", ")
    );
    for d in &bp.domains {
        eprintln!("  {:<24} {}", d.id, d.name);
    }
    Some(EXIT_USAGE)
}
