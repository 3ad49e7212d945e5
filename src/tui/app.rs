//! The state of the app: what screen is up, what is on it, and what the runtime must do next.

use super::theme::Theme;
use crate::bank::Catalog;
use crate::exam::{Attempt, ScoreReport};
use crate::stats::{Mastery, StatsReport};
use crate::store::history::Record;
use crate::store::plan::Plan;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};
use std::collections::HashMap;
use std::time::Duration;

/// Inputs to `update`: everything that can happen to the app.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Running time since the last tick (monotonic), and the wall-clock time now.
    Tick(Duration, DateTime<Utc>),
    Resize(u16, u16),
    /// `proctor preview --watch`: the file was read again after it changed.
    Reloaded(Box<crate::authoring::preview::Preview>),
}

/// What `update` asks the runtime to do; the only way state reaches the disk.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the in-progress attempt (autosave).
    SaveProgress,
    /// Write this finished attempt to history and clear the autosave.
    Record(Box<Attempt>),
    /// Leave the app (the attempt is already saved).
    Quit,
}

pub struct App {
    pub catalog: Catalog,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub theme: Theme,
    /// One line for the status bar: what just happened or went wrong.
    pub notice: Option<String>,
    pub size: (u16, u16),
    /// Seeds for new forms; the runtime seeds it from the clock, tests fix it.
    pub next_seed: u64,
    /// Running time since the last autosave; the timer state is saved every few seconds.
    pub since_save: Duration,
    /// Wall-clock time of the last tick, for timestamps.
    pub now: DateTime<Utc>,
    /// How often the user has seen each question, so new forms prefer fresh ones.
    pub seen: HashMap<String, u32>,
    /// Every finished attempt, oldest first: the input of stats, drills and the plan.
    pub records: Vec<Record>,
    pub plan: Option<Plan>,
    /// The last stats report the home screen drew, keyed by (records seen, blueprint): the view
    /// redraws every tick and must not recompute stats over the whole history each time.
    pub report_cache: std::cell::RefCell<Option<(usize, String, StatsReport)>>,
    /// The code book panel, open over an exam, a drill or a results review.
    pub book: Option<BookState>,
    /// Bank files left out at start-up because of errors: the home screen says so, with the
    /// command that shows why, instead of the banks silently missing.
    pub left_out: usize,
    /// The book's last search, kept when it closes so reopening finds it again.
    pub book_query: String,
    /// The installed code sets, for the live checks of typed codes (tests install others).
    pub books: std::sync::Arc<dyn crate::codeset::CodeLookup>,
    /// Build the book's word lists on a thread of their own and search without waiting for
    /// them. The terminal turns it on; tests leave it off so that what a search finds never
    /// depends on a thread's timing.
    pub book_in_background: bool,
    /// `proctor preview FILE`: the file being sat and what the validator says of it.
    pub preview: Option<PreviewState>,
    pub quit: bool,
}

/// An author's preview of one bank file (`proctor preview`): the findings of its last reading,
/// shown on its page and, over the questions, in a panel `v` opens and closes.
#[derive(Debug, Clone, Default)]
pub struct PreviewState {
    pub path: std::path::PathBuf,
    pub findings: Vec<crate::bank::Diagnostic>,
    /// The questions of the last reading that could be sat, in file order, and their exam.
    pub questions: Vec<String>,
    pub blueprint: Option<String>,
    /// The findings panel is open over the questions.
    pub show_findings: bool,
    /// First finding shown (the list scrolls with ↑/↓ on the file's page).
    pub scroll: usize,
    /// `--watch`: the file is read again whenever it is saved.
    pub watching: bool,
    /// Why the file as last read cannot be sat; the session keeps the last version that could.
    pub broken: Option<String>,
}

impl PreviewState {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The file's name as the header shows it.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

pub enum Screen {
    Home(HomeState),
    Exam(Box<ExamState>),
    Results(Box<ResultsState>),
    Stats(Box<StatsState>),
    History(HistoryState),
}

#[derive(Debug, Clone)]
pub struct StatsState {
    pub report: StatsReport,
}

/// Where a screen was opened from, so that leaving it goes back there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    /// The home screen: leaving an exam returns there and the app keeps running.
    #[default]
    Home,
    /// The command line (`proctor exam`, `proctor drill`): leaving an exam ends the app.
    Command,
    /// The stats screen of this blueprint.
    Stats(String),
    /// The history list, with this row chosen.
    History(usize),
    /// `proctor preview`: leaving goes back to the file's page (the session is not kept).
    Preview,
}

#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    /// Index into the records, newest first.
    pub cursor: usize,
}

#[derive(Debug, Clone, Default)]
pub struct HomeState {
    pub cursor: usize,
    /// An unfinished attempt found at start-up, offered first.
    pub resume: Option<Box<Attempt>>,
}

#[derive(Debug, Clone)]
pub struct ExamState {
    pub attempt: Attempt,
    /// Highlighted option (screen position) for ↑/↓ + Enter.
    pub cursor: usize,
    /// `x` was pressed: the next letter strikes an option.
    pub strike_pending: bool,
    pub case_scroll: u16,
    pub body_scroll: u16,
    pub review: Option<ReviewState>,
    /// Time warnings already given (30 and 5 minutes), per section.
    pub warned: Vec<u64>,
    /// Where leaving the exam (and closing its results) goes back to.
    pub origin: Origin,
    /// A code-entry question's field has the keys: typed characters are codes, not commands.
    pub entry_focused: bool,
}

/// The code book panel (every installed code system): a search as you type, and one code's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookState {
    pub query: String,
    /// Matches, best first (computed when the query changes, not per frame).
    pub hits: Vec<crate::codeset::BookHit>,
    pub cursor: usize,
    /// The code whose page is open, and its system.
    pub page: Option<(crate::codeset::System, String)>,
    pub scroll: u16,
    /// The hits were found without the word lists still being built on another thread (the
    /// tabular list and codes only); the next key or tick searches again once they are ready.
    pub partial: bool,
    /// The ICD-10-PCS table browser, when it is open instead of the search (Tab).
    pub tables: Option<TableBrowser>,
}

/// The ICD-10-PCS table browser: the release browsed, the characters and axis values chosen, the
/// axis being chosen once a table is open (0 to 3 for characters 4 to 7), and the cursor in the
/// list of values offered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableBrowser {
    pub release: String,
    pub choices: crate::codeset::Choices,
    pub axis: usize,
    pub cursor: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewFilter {
    #[default]
    All,
    Unanswered,
    Flagged,
}

#[derive(Debug, Clone, Default)]
pub struct ReviewState {
    pub filter: ReviewFilter,
    /// Index into the filtered list.
    pub cursor: usize,
}

#[derive(Debug, Clone)]
pub struct ResultsState {
    pub attempt: Attempt,
    pub report: ScoreReport,
    pub tab: ResultsTab,
    pub filter: ResultsFilter,
    /// Index into the filtered question list.
    pub cursor: usize,
    pub detail_scroll: u16,
    /// How far the case record beside (or above) the question is scrolled.
    pub case_scroll: u16,
    /// For a drill: mastery per domain before it, to show the change.
    pub mastery_before: Option<Vec<Mastery>>,
    /// Where `q` goes back to.
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsTab {
    Summary,
    Questions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultsFilter {
    All,
    Incorrect,
    Flagged,
    Domain(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the screen below, scrolled this many rows.
    Help {
        scroll: u16,
    },
    /// Typing a question number after `g`.
    Goto(String),
    Confirm(Confirm),
    /// Choosing domains and a pool for a custom drill.
    CustomDrill(CustomDrill),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomDrill {
    pub blueprint: String,
    /// Domain ids ticked.
    pub domains: Vec<String>,
    pub cursor: usize,
    pub pool: crate::stats::Pool,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    QuitExam,
    Submit,
    EndSection,
    /// Start a new exam although an unfinished one exists (it is submitted as it stands).
    ReplaceUnfinished {
        blueprint: String,
        questions: Option<u32>,
        tutor: bool,
    },
    QuitApp,
}

impl App {
    pub fn new(catalog: Catalog, theme: Theme, seed: u64) -> App {
        App {
            catalog,
            screen: Screen::Home(HomeState::default()),
            overlay: None,
            theme,
            notice: None,
            size: (80, 24),
            next_seed: seed,
            since_save: Duration::ZERO,
            now: DateTime::<Utc>::UNIX_EPOCH,
            seen: HashMap::new(),
            records: Vec::new(),
            plan: None,
            report_cache: std::cell::RefCell::new(None),
            book: None,
            left_out: 0,
            book_query: String::new(),
            books: std::sync::Arc::new(crate::codeset::InstalledBooks),
            book_in_background: false,
            preview: None,
            quit: false,
        }
    }

    /// Stats for a blueprint, cached until the history grows.
    pub fn cached_report(&self, bp: &crate::bank::Blueprint) -> StatsReport {
        let mut cache = self.report_cache.borrow_mut();
        if let Some((n, id, r)) = cache.as_ref()
            && *n == self.records.len()
            && id == &bp.id
        {
            return r.clone();
        }
        let r = crate::stats::stats_report(
            &self.catalog,
            bp,
            &self.records,
            &crate::stats::answers_from(&self.records),
            self.now,
        );
        *cache = Some((self.records.len(), bp.id.clone(), r.clone()));
        r
    }

    /// The unfinished attempt, on screen or waiting on the home screen to be resumed: what the
    /// autosave holds.
    /// The day forms and drills of this blueprint are built for: the planned exam date when the
    /// plan is for it, else today (`now`, the injected clock).
    pub fn exam_day(&self, blueprint: &str) -> chrono::NaiveDate {
        crate::store::plan::exam_day(self.plan.as_ref(), blueprint, self.now.date_naive())
    }

    pub fn unfinished(&self) -> Option<&Attempt> {
        match &self.screen {
            Screen::Exam(e) => Some(&e.attempt),
            Screen::Home(h) => h.resume.as_deref(),
            _ => None,
        }
    }

    /// Adds a finished attempt to the history in memory (stats, the plan, the history list and
    /// "seen" counts follow at once) and asks the runtime to write it.
    pub fn record(&mut self, attempt: Attempt) -> Effect {
        // Only answers count as seen (docs/scoring.md, "What counts as evidence").
        for (item, _) in attempt
            .form
            .items
            .iter()
            .zip(&attempt.responses)
            .filter(|(_, r)| r.answered())
        {
            *self.seen.entry(item.question.clone()).or_default() += 1;
        }
        self.records
            .push(Record::from_attempt(&attempt, &self.catalog));
        Effect::Record(Box::new(attempt))
    }

    pub fn exam(&self) -> Option<&ExamState> {
        match &self.screen {
            Screen::Exam(e) => Some(e),
            _ => None,
        }
    }

    /// The attempt on screen or waiting to be resumed, for saving.
    pub fn attempt(&self) -> Option<&Attempt> {
        match &self.screen {
            Screen::Exam(e) => Some(&e.attempt),
            Screen::Results(r) => Some(&r.attempt),
            Screen::Home(h) => h.resume.as_deref(),
            Screen::Stats(_) | Screen::History(_) => None,
        }
    }
}

impl ResultsState {
    /// Results open on the summary, all questions listed.
    pub fn new(
        attempt: Attempt,
        report: ScoreReport,
        mastery_before: Option<Vec<Mastery>>,
    ) -> ResultsState {
        ResultsState {
            attempt,
            report,
            tab: ResultsTab::Summary,
            filter: ResultsFilter::All,
            cursor: 0,
            detail_scroll: 0,
            case_scroll: 0,
            mastery_before,
            origin: Origin::Home,
        }
    }
}

impl ExamState {
    pub fn new(attempt: Attempt) -> ExamState {
        let sections = attempt.form.sections.len();
        ExamState {
            attempt,
            cursor: 0,
            strike_pending: false,
            case_scroll: 0,
            body_scroll: 0,
            review: None,
            warned: vec![u64::MAX; sections.max(1)],
            origin: Origin::Home,
            entry_focused: false,
        }
    }
}
