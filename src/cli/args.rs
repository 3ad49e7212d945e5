use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// `--version`: the version and the notices the shipped code sets require.
const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\n\nICD-10-CM (FY2026, April 1, 2026): Source: CDC/NCHS. ICD-10 \u{a9} World Health Organization. ",
    "Use of this material does not imply endorsement by CDC, HHS or the U.S. Government. ",
    "This material is available free of charge from CDC.",
    "\nCPT\u{ae} is a registered trademark of the American Medical Association; proctor contains no CPT descriptors."
);

/// Timed mock exams and weak-topic drills for US medical billing and coding certifications.
///
/// Run with no command to open the app. Data (history, autosave, your banks) lives in the
/// platform's data folder unless --data-dir or PROCTOR_DATA_DIR says otherwise.
#[derive(Debug, Parser)]
#[command(name = "proctor", version, long_version = LONG_VERSION, about, long_about)]
pub struct Cli {
    /// Keep all state (history, autosave, user banks) in DIR.
    #[arg(long, global = true, env = "PROCTOR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Also load banks and blueprints from DIR (repeatable).
    #[arg(long, global = true, value_name = "DIR")]
    pub bank_dir: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sit a timed mock exam (e.g. `proctor exam CPB`).
    Exam {
        /// Blueprint id, as `proctor list` shows it.
        id: String,
        /// Build the same form again from this seed.
        #[arg(long)]
        seed: Option<u64>,
        /// A shorter mock with the same domain mix.
        #[arg(long)]
        questions: Option<u32>,
        /// Time limit in minutes (default: the real exam's pace).
        #[arg(long)]
        minutes: Option<u32>,
        /// Practice mode: the rationale after each answer, no time limit.
        #[arg(long)]
        tutor: bool,
    },
    /// Drill the weakest topics with instant feedback.
    Drill {
        /// Exam id (default: your planned exam).
        exam: Option<String>,
        /// Only these domains (repeatable); default: the weakest, weighted by their share.
        #[arg(long = "domain", value_name = "ID")]
        domains: Vec<String>,
        /// Which questions: never answered, last answered wrong, flagged, or all.
        #[arg(long, value_enum, default_value_t = crate::stats::Pool::All)]
        pool: crate::stats::Pool,
        /// How many questions (default: sized to your daily time, else 20).
        #[arg(long)]
        count: Option<usize>,
    },
    /// Set your target exam, its date and your daily study time; with no options, show the plan
    /// and today's recommended work.
    Plan {
        /// Blueprint id, e.g. CPB.
        #[arg(long)]
        exam: Option<String>,
        /// Exam date, YYYY-MM-DD.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Daily study time: 45m, 1h, 1h30m.
        #[arg(long, default_value = "45m")]
        daily: String,
        /// Print the plan as JSON, with today's recommended work under `today`.
        #[arg(long)]
        json: bool,
    },
    /// Mastery per topic and the predicted score.
    Stats {
        /// Exam id (default: your planned exam, else the last one you sat).
        exam: Option<String>,
        /// Print the whole report as JSON (`report`, and `today` when a plan is set).
        #[arg(long)]
        json: bool,
    },
    /// Past attempts.
    History {
        /// Print every attempt as JSON, with every response.
        #[arg(long)]
        json: bool,
        /// Write the history as a new export file in DIR, for `proctor items --history` and
        /// instructors (docs/item-statistics.md); never replaces a file.
        #[arg(long, value_name = "DIR", conflicts_with = "json")]
        export: Option<PathBuf>,
        /// With --export: the name to put in the export (nothing else personal is written).
        #[arg(long, requires = "export")]
        name: Option<String>,
    },
    /// The exams available, with their format and how many questions the banks hold.
    List {
        /// Print the exams as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Look up codes by code or by words in every installed code set (ICD-10-CM built in;
    /// ICD-10-PCS and HCPCS Level II once imported with `proctor codes import`).
    Code {
        /// A code (E11.65, 0DTJ4ZZ, J9035, a PCS table 0DT) or words (type 2 diabetes, chf).
        #[arg(required = true)]
        query: Vec<String>,
        /// Only this code system.
        #[arg(long, value_parser = ["cm", "pcs", "hcpcs"])]
        system: Option<String>,
        /// Print the page and the matches as JSON.
        #[arg(long)]
        json: bool,
        /// How many matches to list.
        #[arg(long, default_value_t = 25)]
        limit: usize,
        /// Look in the code sets of this year (a bank's `code_year`: the fiscal year for ICD-10,
        /// the calendar year for HCPCS) instead of the newest installed.
        #[arg(long, value_parser = clap::value_parser!(u16).range(2000..=2100))]
        year: Option<u16>,
    },
    /// Install, list and compare official code sets (ICD-10-PCS, HCPCS Level II, ICD-10-CM index
    /// and tables) from the files CMS and CDC publish.
    Codes {
        #[command(subcommand)]
        action: CodesAction,
    },
    /// Check banks and blueprints; no path means everything shipped plus your own.
    Validate {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    // Issue 19 (import/export of question banks).
    /// Turn a GIFT, Aiken, Moodle XML, QTI 2.1/3.0 (file or zip) or CSV file into proctor bank
    /// YAML; what the source lacks is left empty and reported (docs/import-export.md).
    Import {
        /// The file to read; its format is told from its content.
        file: PathBuf,
        /// The exam (blueprint id) the questions are for.
        #[arg(long)]
        exam: String,
        /// Put every question in this domain (default: the source's categories, where they
        /// match a domain's id or name).
        #[arg(long, value_name = "ID")]
        domain: Option<String>,
        /// Folder to write the bank file(s) in.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// Read as this format instead of detecting it.
        #[arg(long, value_enum)]
        format: Option<crate::interop::Format>,
        /// The `code_year:` to write (the source has none; default: this year).
        #[arg(long, value_name = "YEAR")]
        code_year: Option<u16>,
    },
    /// Write an exam's banks, one bank (by id) or a bank file for another system to import.
    Export {
        /// Blueprint id (every bank of its exam), bank id, or a bank file.
        what: String,
        /// qti (a QTI 2.1 package zip), moodle-xml, gift or csv.
        #[arg(long, value_enum)]
        format: crate::interop::Format,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    // Issue 20: classes (xAPI).
    /// Send your attempts to your school's Learning Record Store (xAPI); only what it lacks goes.
    /// Nothing leaves this machine unless an LRS is configured (docs/xapi.md).
    Sync {
        /// The LRS's xAPI endpoint (overrides PROCTOR_LRS_URL and the settings file).
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// Count what would be sent; send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
        /// Save the LRS settings (--lrs, --user, --learner, the password from PROCTOR_LRS_PASSWORD
        /// or --password-stdin) to lrs.json in the data folder, readable by you only.
        #[arg(long)]
        configure: bool,
        /// With --configure: the LRS account.
        #[arg(long, requires = "configure")]
        user: Option<String>,
        /// With --configure: who you are to the LRS, mailto:you@example.org or HOMEPAGE#ACCOUNT.
        #[arg(long, requires = "configure")]
        learner: Option<String>,
        /// With --configure: read the LRS password from the first line of standard input.
        #[arg(long, requires = "configure")]
        password_stdin: bool,
    },
    /// Instructors: a class's progress, read from the LRS its learners sync to.
    Class {
        #[command(subcommand)]
        action: ClassAction,
    },
    // issue 19 (items, new, completions, man) ------------------------------------------
    /// How each question performs: times seen, p-value, discrimination, option counts, median
    /// time and flags (docs/item-statistics.md).
    Items {
        /// Exam id, e.g. CPB.
        exam: String,
        /// Read exported histories (a class) from these folders or files instead of your own.
        #[arg(long = "history", value_name = "DIR", num_args = 1..)]
        history: Vec<PathBuf>,
        /// Print `{"items": [...]}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Scaffold new content.
    New {
        #[command(subcommand)]
        what: NewAction,
    },
    /// Sit a bank file's questions in practice straight from the file, with the validator's
    /// findings in the app (nothing is written to your history).
    Preview {
        /// The bank file (YAML).
        file: PathBuf,
        /// Read the file again whenever it is saved, keeping your place and answers.
        #[arg(long)]
        watch: bool,
    },
    /// Print a shell completion script (see the README for where it goes).
    Completions {
        /// The shell: bash, zsh, fish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on standard output.
    Man,
}

/// Issue 20: what `proctor class` does.
#[derive(Debug, Subcommand)]
pub enum ClassAction {
    /// Per learner: attempts, latest and best mock, mastery by domain, pass chance, last active;
    /// per question: answers and p-value.
    Report {
        /// The LRS's xAPI endpoint (default: PROCTOR_LRS_URL or the settings file).
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// Blueprint id, e.g. CPB.
        #[arg(long)]
        exam: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// What `proctor new` makes.
#[derive(Debug, Subcommand)]
pub enum NewAction {
    /// A bank with one example of each question kind, which validates clean.
    Bank {
        /// The exam the bank is for.
        #[arg(long)]
        exam: String,
        /// Write here (never over an existing file); default: standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CodesAction {
    /// Read official files (kind and year told from their content) and install them in the data
    /// folder; a file that cannot be read changes nothing.
    Import {
        /// ICD-10-PCS tables/index/definitions XML, the HCPCS alpha-numeric zip or .txt, ICD-10-CM
        /// index, drug, neoplasm or external-cause index XML.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// What is installed: system, release, counts, source file and its sha256.
    List {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Codes added, deleted and retitled between two installed releases, e.g. `pcs:2025 pcs:2026`.
    Diff {
        /// The older release: SYSTEM:RELEASE (pcs:2025, hcpcs:2026-01) or RELEASE with --system.
        old: String,
        /// The newer release.
        new: String,
        /// The system, when OLD and NEW are releases only.
        #[arg(long, value_parser = ["cm", "pcs", "hcpcs"])]
        system: Option<String>,
        /// Print the differences as JSON.
        #[arg(long)]
        json: bool,
    },
}
