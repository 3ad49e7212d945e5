//! The command line: parse, dispatch, and map outcomes to exit codes (0 ok, 1 failure, 2 usage).

mod app;
mod args;
mod code;
mod codes;
mod history;
mod list;
mod plan;
mod stats;
mod validate;
// Issue 20: classes (xAPI).
mod class;
mod sync;
// Issue 19: import and export of question banks.
mod export;
mod import;

// issue 19
mod completions;
mod items;
mod new;
mod preview;

pub use args::{ClassAction, Cli, CodesAction, Command, NewAction};

use crate::bank::{Catalog, LoadReport, SourceFile};
use crate::store::paths::DataDir;
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("proctor: {}", once(&e));
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// The error and its causes, each said once: typed errors already include their cause in their
/// message (`path: reason`), so `{:#}` would repeat it.
fn once(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if msg.contains(&text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}

/// Everything a command needs from the global options.
pub struct Context {
    pub data: DataDir,
    pub bank_dirs: Vec<PathBuf>,
    user_banks: PathBuf,
}

impl Context {
    fn new(cli: &Cli) -> anyhow::Result<Context> {
        let data = DataDir::resolve(cli.data_dir.clone())?;
        Ok(Context {
            user_banks: data.banks(),
            data,
            bank_dirs: cli.bank_dir.clone(),
        })
    }

    /// The shipped banks, then the user's banks folder, then each `--bank-dir`.
    pub fn all_sources(&self, report: &mut Vec<crate::bank::Diagnostic>) -> Vec<SourceFile> {
        crate::bank::library::sources(&self.roots(), report)
    }

    fn roots(&self) -> crate::bank::library::Roots<'_> {
        crate::bank::library::Roots {
            user: self.user_banks.as_path(),
            extra: &self.bank_dirs,
        }
    }

    /// Loads everything; read errors join the load findings. When no bank file changed since the
    /// last run, from the library summary in the data folder's cache, each bank decoded when
    /// first used; else files unchanged come from the parsed-bank cache (validate never uses it).
    pub fn load(&self) -> (Catalog, LoadReport) {
        let mut cache = crate::bank::BankCache::open(self.data.root());
        let out = crate::bank::library::load(&self.roots(), &mut cache);
        cache.save();
        out
    }

    /// As `load`, optionally checking cited codes against the code set (validate does).
    pub fn load_with(&self, check_codes: bool) -> (Catalog, LoadReport) {
        let mut read_errors = Vec::new();
        let files = self.all_sources(&mut read_errors);
        let (catalog, mut report) = Catalog::load_with(&files, false, check_codes);
        read_errors.append(&mut report.diagnostics);
        report.diagnostics = read_errors;
        (catalog, report)
    }

    /// Today's date from the system clock: the CLI is where the clock is read; the core takes
    /// the day as an argument.
    pub fn today(&self) -> chrono::NaiveDate {
        chrono::Utc::now().date_naive()
    }

    /// The saved plan, if any and readable (an unreadable one is reported and moved aside).
    pub fn plan(&self) -> Option<crate::store::plan::Plan> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        match crate::store::plan::PlanStore::new(self.data.root()).load(&stamp) {
            Ok((plan, problem)) => {
                if let Some(p) = problem {
                    eprintln!("proctor: {p}");
                }
                plan
            }
            Err(e) => {
                eprintln!("proctor: {e}");
                None
            }
        }
    }

    /// For commands other than `validate`: a short notice naming the files left out.
    pub fn load_with_notice(&self) -> Catalog {
        let (catalog, report) = self.load();
        if let Some(n) = left_out(&report) {
            eprintln!("proctor: {n}");
        }
        catalog
    }
}

/// "bank files left out because of errors: a.yaml, b.yaml and 3 more; run `proctor validate`".
fn left_out(report: &LoadReport) -> Option<String> {
    let mut paths: Vec<&str> = Vec::new();
    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
        if !paths.contains(&d.path.as_str()) {
            paths.push(&d.path);
        }
    }
    if paths.is_empty() {
        return None;
    }
    let shown = paths.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    let more = match paths.len() {
        n if n > 3 => format!(" and {} more", n - 3),
        _ => String::new(),
    };
    Some(format!(
        "left out because of errors: {shown}{more}; run `proctor validate` for details"
    ))
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let ctx = Context::new(&cli)?;
    crate::codeset::set_data_root(ctx.data.root());
    match cli.command {
        None => app::open(&ctx, None),
        Some(Command::Exam {
            id,
            seed,
            questions,
            minutes,
            tutor,
        }) => app::open(
            &ctx,
            Some(app::ExamRequest {
                blueprint: id,
                seed,
                questions,
                minutes,
                tutor,
            }),
        ),
        Some(Command::History {
            export: Some(dir),
            name,
            ..
        }) => items::export(&ctx, &dir, name),
        Some(Command::History { json, .. }) => history::run(&ctx, json),
        Some(Command::Code {
            query,
            system,
            json,
            limit,
            year,
        }) => code::run(&query, system.as_deref(), json, limit, year),
        Some(Command::Codes { action }) => codes::run(&ctx, action),
        Some(Command::Stats { exam, json }) => stats::run(&ctx, exam, json),
        Some(Command::Plan {
            exam,
            date,
            daily,
            json,
        }) => plan::run(&ctx, exam, date, &daily, json),
        Some(Command::Drill {
            exam,
            domains,
            pool,
            count,
        }) => app::open_drill(&ctx, exam, domains, pool, count),
        Some(Command::List { json }) => list::run(&ctx, json),
        Some(Command::Validate { paths, json }) => validate::run(&ctx, &paths, json),
        // Issue 20: classes (xAPI).
        Some(Command::Sync {
            lrs,
            dry_run,
            json,
            configure,
            user,
            learner,
            password_stdin,
        }) => {
            if configure {
                sync::configure(
                    &ctx,
                    lrs,
                    sync::Configure {
                        user,
                        learner,
                        password_stdin,
                    },
                )
            } else {
                sync::run(&ctx, lrs, dry_run, json)
            }
        }
        Some(Command::Class {
            action: ClassAction::Report { lrs, exam, json },
        }) => class::report(&ctx, lrs, &exam, json),
        Some(Command::Import {
            file,
            exam,
            domain,
            out,
            format,
            code_year,
        }) => import::run(
            &ctx,
            &import::Request {
                file,
                exam,
                domain,
                out,
                format,
                code_year,
            },
        ),
        Some(Command::Export { what, format, out }) => export::run(&ctx, &what, format, out),
        Some(Command::Items {
            exam,
            history,
            json,
        }) => items::run(&ctx, &exam, &history, json),
        Some(Command::New { what }) => new::run(&ctx, what),
        Some(Command::Preview { file, watch }) => preview::run(&ctx, &file, watch),
        Some(Command::Completions { shell }) => completions::completions(shell),
        Some(Command::Man) => completions::man(),
    }
}

/// `proctor history --json | head` should end quietly like any Unix tool, not panic on a closed
/// pipe; Rust ignores SIGPIPE by default, so put the default action back.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_error_and_its_cause_are_printed_once() {
        let io = std::io::Error::other("Not a directory");
        let e: anyhow::Error = crate::store::StoreError::Io {
            path: "/x/history".into(),
            source: io,
        }
        .into();
        assert_eq!(super::once(&e), "/x/history: Not a directory");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(super::once(&e), "outer: inner");
    }
}
