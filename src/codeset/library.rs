//! The one code book over every system: the built-in ICD-10-CM tabular list and whatever the user
//! imported (ICD-10-PCS, HCPCS Level II, the ICD-10-CM index and tables), several releases side
//! by side. The validator, `proctor code`, the exam's book panel and later the exam itself ask it
//! "is this a valid code in system S for year Y" and "what is this code", through [`CodeSystem`].

use super::import::{Meta, Payload};
use super::index::IndexSet;
use super::installed;
use super::kind::{FileKind, System};
use super::model::CodeCheck;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A code's page, whatever its system: a title, whether it can be reported, the lines a reader
/// sees, and the same as structured data for `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub system: System,
    pub release: String,
    pub code: String,
    pub title: String,
    /// Complete and reportable (a CM leaf, a whole PCS code, an HCPCS code not terminated).
    pub billable: bool,
    pub detail: serde_json::Value,
    #[serde(skip)]
    pub lines: Vec<String>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookHit {
    pub system: System,
    pub release: String,
    /// The code, a partial code (a PCS table "0DT"), or "" for an index entry that only sends
    /// the reader elsewhere ("see ...").
    pub code: String,
    pub title: String,
    pub billable: bool,
    /// exact, code-prefix, words, inclusion-term, index, abbreviation.
    pub matched: &'static str,
    /// How it was found when not by its own title: the index path or inclusion term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// One release of one code system. Every system answers the same questions.
pub trait CodeSystem: Send + Sync {
    fn system(&self) -> System;
    /// "2026", or "2026-01" for an HCPCS quarter.
    fn release(&self) -> &str;
    /// Unknown, a header (valid in a lookup, not on a claim) or billable.
    fn check(&self, code: &str) -> CodeCheck;
    /// The code's title when it is a code of this release.
    fn title(&self, code: &str) -> Option<String>;
    /// The page of a code (or, for PCS, of a table or partial code).
    fn page(&self, code: &str) -> Option<Page>;
    fn search(&self, query: &str, limit: usize) -> Vec<BookHit> {
        self.search_in(query, limit, true)
    }
    /// The search; with `build` false, the word lists not built yet are left out instead of
    /// built (and one being built on another thread is never waited for).
    fn search_in(&self, query: &str, limit: usize, build: bool) -> Vec<BookHit>;
    /// Builds every word list the search uses, so that no later search waits: the TUI calls
    /// it off its thread when the book is opened.
    fn prepare(&self) {}
    /// Whether every word list is built.
    fn ready(&self) -> bool {
        true
    }
    /// Every reportable code with its title, for diffs between releases.
    fn all_titles(&self) -> Vec<(String, String)>;
    /// The ICD-10-PCS tables, for the table browser (None for other systems).
    fn pcs(&self) -> Option<&super::pcs::PcsSet> {
        None
    }
    /// The ICD-10-CM tabular list, for the validator's checks (None for other systems).
    fn cm(&self) -> Option<&'static super::CodeSet<'static>> {
        None
    }
}

/// Everything installed, loaded.
pub struct CodeBook {
    systems: Vec<Box<dyn CodeSystem>>,
    /// Installed files that could not be read, with why (reported, never trusted).
    pub problems: Vec<String>,
    /// What each loaded system release came from.
    pub installed: Vec<Meta>,
}

static DATA_ROOT: OnceLock<PathBuf> = OnceLock::new();
static BOOK: OnceLock<CodeBook> = OnceLock::new();

/// Where installed code sets are read from (the data folder); set once at start-up.
pub fn set_data_root(root: &Path) {
    let _ = DATA_ROOT.set(root.to_path_buf());
}

/// Whether a file of `kind` is installed in this process's data folder (headers only: cheaper
/// than loading the book, which a check that needs no other release should not pay for).
pub fn installed_kind(kind: FileKind) -> bool {
    if let Some(b) = BOOK.get() {
        return b.installed.iter().any(|m| m.kind == kind);
    }
    DATA_ROOT.get().is_some_and(|root| {
        installed::list(&installed::folder(root))
            .0
            .iter()
            .any(|f| f.meta.kind == kind)
    })
}

/// The code book of this process, loaded on first use from the data folder given to
/// [`set_data_root`] (only the built-in ICD-10-CM when none was).
pub fn book() -> &'static CodeBook {
    BOOK.get_or_init(|| CodeBook::load(DATA_ROOT.get().map(PathBuf::as_path)))
}

impl CodeBook {
    /// The built-in ICD-10-CM plus every readable file installed under `data_root`.
    pub fn load(data_root: Option<&Path>) -> CodeBook {
        let mut problems = Vec::new();
        let mut loaded: Vec<(Meta, Payload)> = Vec::new();
        if let Some(root) = data_root {
            let (files, bad) = installed::list(&installed::folder(root));
            problems.extend(bad.iter().map(ToString::to_string));
            for f in files {
                match installed::load(&f.path) {
                    Ok(x) => loaded.push(x),
                    Err(e) => problems.push(e.to_string()),
                }
            }
        }
        Self::from_parts(loaded, problems)
    }

    /// A book from parsed files (tests build one without a data folder).
    pub fn from_parts(loaded: Vec<(Meta, Payload)>, mut problems: Vec<String>) -> CodeBook {
        let installed: Vec<Meta> = loaded.iter().map(|(m, _)| m.clone()).collect();
        let mut systems: Vec<Box<dyn CodeSystem>> = Vec::new();
        let mut cm_indexes: Vec<(FileKind, String, Arc<IndexSet>)> = Vec::new();
        let mut cm_tabulars: Vec<(String, String)> = Vec::new();
        let mut pcs_terms = Vec::new();
        let mut pcs_indexes = Vec::new();
        let mut pcs_sets = Vec::new();
        for (meta, payload) in loaded {
            match payload {
                Payload::Pcs(set) => pcs_sets.push((meta.release, set)),
                Payload::PcsTerms(t) => pcs_terms.push((meta.release, t)),
                Payload::Index(ix) if meta.system == System::Pcs => {
                    pcs_indexes.push((meta.release, ix))
                }
                Payload::Index(ix) => cm_indexes.push((meta.kind, meta.release, Arc::new(ix))),
                Payload::CmTabular(text) => cm_tabulars.push((meta.release, text)),
                Payload::Hcpcs(set) => systems.push(Box::new(super::hcpcs_book::HcpcsBook::new(
                    meta.release,
                    set,
                ))),
            }
        }
        let built_in = super::ICD10CM_YEAR.to_string();
        match super::icd10cm() {
            Ok(set) => {
                let ix = indexes_for(&cm_indexes, &built_in);
                systems.push(Box::new(super::cm_book::CmBook::new(
                    set,
                    built_in.clone(),
                    ix,
                )));
            }
            Err(e) => problems.push(format!("the built-in ICD-10-CM code set: {e}")),
        }
        for (release, text) in cm_tabulars {
            if release == built_in {
                problems.push(format!(
                    "an installed ICD-10-CM tabular list FY{release} is ignored: that year is built in"
                ));
                continue;
            }
            match load_cm(text) {
                Ok(set) => {
                    let ix = indexes_for(&cm_indexes, &release);
                    systems.push(Box::new(super::cm_book::CmBook::new(set, release, ix)));
                }
                Err(e) => problems.push(format!(
                    "the installed ICD-10-CM tabular list FY{release}: {e}"
                )),
            }
        }
        for (release, mut set) in pcs_sets {
            // Definitions and index of the same year, or else the nearest earlier one.
            let releases =
                |items: Vec<&String>| items.into_iter().filter(|r| **r <= release).max().cloned();
            if let Some(r) = releases(pcs_terms.iter().map(|(r, _)| r).collect())
                && let Some((_, t)) = pcs_terms.iter().find(|(x, _)| *x == r)
            {
                set.terms = t.clone();
            }
            let index = releases(pcs_indexes.iter().map(|(r, _)| r).collect())
                .and_then(|r| pcs_indexes.iter().find(|(x, _)| *x == r))
                .map(|(r, ix)| (r.clone(), ix.clone()));
            systems.push(Box::new(super::pcs_book::PcsBook::new(release, set, index)));
        }
        systems.sort_by(|a, b| (a.system(), b.release()).cmp(&(b.system(), a.release())));
        CodeBook {
            systems,
            problems,
            installed,
        }
    }

    /// Every loaded release, newest first within each system.
    pub fn systems(&self) -> impl Iterator<Item = &dyn CodeSystem> {
        self.systems.iter().map(|b| &**b)
    }

    pub fn releases(&self, s: System) -> Vec<&str> {
        self.systems()
            .filter(|x| x.system() == s)
            .map(|x| x.release())
            .collect()
    }

    pub fn newest(&self, s: System) -> Option<&dyn CodeSystem> {
        self.systems().find(|x| x.system() == s)
    }

    pub fn release(&self, s: System, release: &str) -> Option<&dyn CodeSystem> {
        self.systems()
            .find(|x| x.system() == s && x.release() == release)
    }

    /// The release a bank's `code_year` picks: that fiscal year, or the newest quarter of it.
    pub fn for_year(&self, s: System, year: u16) -> Option<&dyn CodeSystem> {
        self.systems()
            .find(|x| x.system() == s && Self::of_year(*x, year))
    }

    /// The release a look-up uses: the newest, or the one of `year`.
    fn pick(&self, s: System, year: Option<u16>) -> Option<&dyn CodeSystem> {
        match year {
            None => self.newest(s),
            Some(y) => self.for_year(s, y),
        }
    }

    /// The page of `code` in the newest release of each system that has it.
    pub fn lookup(&self, code: &str, only: Option<System>) -> Vec<Page> {
        self.lookup_in(code, only, None)
    }

    /// As [`CodeBook::lookup`]; with a `year`, only the release of each system for that year (as
    /// a bank's `code_year` picks it), so a code deleted or retitled since reads as it was then.
    pub fn lookup_in(&self, code: &str, only: Option<System>, year: Option<u16>) -> Vec<Page> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for s in self.systems() {
            if only.is_some_and(|o| o != s.system()) || seen.contains(&s.system()) {
                continue;
            }
            // The release `for_year` picks (a year's newest quarter), never an earlier one.
            if year.is_some_and(|y| {
                self.for_year(s.system(), y).map(|r| r.release()) != Some(s.release())
            }) {
                continue;
            }
            if let Some(p) = s.page(code) {
                seen.push(s.system());
                out.push(p);
            }
        }
        out
    }

    fn of_year(s: &dyn CodeSystem, year: u16) -> bool {
        s.release().split('-').next() == Some(year.to_string().as_str())
    }

    /// Matches across the newest release of every system (or one), best first. Each system
    /// ranks its own results; the lists are then taken in turn, a few from each, ICD-10-CM
    /// first, so that one system's long list never hides another's best match.
    pub fn search(&self, query: &str, only: Option<System>, limit: usize) -> Vec<BookHit> {
        self.search_in(query, only, limit, true, None)
    }

    /// As [`CodeBook::search`] in the release of each system for `year`.
    pub fn search_year(
        &self,
        query: &str,
        only: Option<System>,
        limit: usize,
        year: u16,
    ) -> Vec<BookHit> {
        self.search_in(query, only, limit, true, Some(year))
    }

    /// The search without waiting: word lists not built yet are left out. Also says whether the
    /// answer is complete (every list was ready), so the panel can say it searched less.
    pub fn search_now(
        &self,
        query: &str,
        only: Option<System>,
        limit: usize,
    ) -> (Vec<BookHit>, bool) {
        let complete = self.ready();
        (self.search_in(query, only, limit, false, None), complete)
    }

    /// Builds every word list of the newest release of each system (slow: call it off the UI
    /// thread, see [`prepare_in_background`]).
    pub fn prepare(&self) {
        for s in System::ALL.into_iter().filter_map(|s| self.newest(s)) {
            s.prepare();
        }
    }

    /// Whether a search would find everything it can without building anything.
    pub fn ready(&self) -> bool {
        System::ALL
            .into_iter()
            .filter_map(|s| self.newest(s))
            .all(|s| s.ready())
    }

    fn search_in(
        &self,
        query: &str,
        only: Option<System>,
        limit: usize,
        build: bool,
        year: Option<u16>,
    ) -> Vec<BookHit> {
        let lists: Vec<Vec<BookHit>> = System::ALL
            .into_iter()
            .filter(|s| only.is_none_or(|o| o == *s))
            .filter_map(|s| self.pick(s, year))
            .map(|s| s.search_in(query, limit, build))
            .collect();
        // Exact codes first, whichever system they come from.
        let mut out: Vec<BookHit> = lists
            .iter()
            .flatten()
            .filter(|h| h.matched == "exact")
            .cloned()
            .collect();
        let mut iters: Vec<_> = lists
            .into_iter()
            .map(|l| l.into_iter().filter(|h| h.matched != "exact"))
            .collect();
        const TURN: usize = 5;
        while out.len() < limit {
            let mut any = false;
            for it in &mut iters {
                for h in it.by_ref().take(TURN) {
                    any = true;
                    if out.len() < limit {
                        out.push(h);
                    }
                }
            }
            if !any {
                break;
            }
        }
        out
    }
}

/// An installed tabular list's records, loaded by the built-in loader. Kept for the life of the
/// process, as the built-in set is: the book that holds it is (a static, or a CLI run).
fn load_cm(text: String) -> Result<&'static super::CodeSet<'static>, super::LoadError> {
    let text: &'static str = Box::leak(text.into_boxed_str());
    Ok(Box::leak(Box::new(super::CodeSet::from_text(text)?)))
}

/// The ICD-10-CM indexes and tables a tabular list of `release` is searched with: of each kind,
/// the same year's, or else the nearest earlier one, or else the nearest later one (an index of
/// FY2025 still reads well beside the FY2026 tabular; two years of one table would repeat it).
fn indexes_for(
    all: &[(FileKind, String, Arc<IndexSet>)],
    release: &str,
) -> Vec<(FileKind, String, Arc<IndexSet>)> {
    let mut kinds: Vec<FileKind> = all.iter().map(|(k, _, _)| *k).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .filter_map(|k| {
            let of_kind = || all.iter().filter(move |(x, _, _)| *x == k);
            of_kind()
                .filter(|(_, r, _)| r.as_str() <= release)
                .max_by(|a, b| a.1.cmp(&b.1))
                .or_else(|| of_kind().min_by(|a, b| a.1.cmp(&b.1)))
                .cloned()
        })
        .collect()
}

/// This process's book if it is loaded already (never loads it, never waits for a load under
/// way on another thread): what the TUI draws and searches in the background mode.
pub fn loaded_book() -> Option<&'static CodeBook> {
    BOOK.get()
}

/// Loads this process's book and builds its word lists on a thread of their own, once: the
/// TUI calls it when an open-book exam starts or the book panel opens, and searches with
/// [`CodeBook::search_now`] meanwhile, so that no key waits for the lists.
pub fn prepare_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("code-book".into())
            .spawn(|| book().prepare());
        // Without a thread the first complete search builds the lists instead.
        drop(spawned);
    });
}

/// Added, deleted and retitled codes between two releases of a system.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    pub added: Vec<(String, String)>,
    pub deleted: Vec<(String, String)>,
    /// (code, old title, new title)
    pub retitled: Vec<(String, String, String)>,
}

pub fn diff(old: &dyn CodeSystem, new: &dyn CodeSystem) -> Diff {
    let mut a = old.all_titles();
    let mut b = new.all_titles();
    a.sort();
    b.sort();
    let mut d = Diff::default();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                if x.1 != y.1 {
                    d.retitled.push((x.0.clone(), x.1.clone(), y.1.clone()));
                }
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                d.deleted.push(x.clone());
                i += 1;
            }
            (Some(x), None) => {
                d.deleted.push(x.clone());
                i += 1;
            }
            (_, Some(y)) => {
                d.added.push(y.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    d
}
