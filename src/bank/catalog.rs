//! Everything loaded: blueprints and the banks that passed validation, plus the findings about the rest.
//! Checks that need more than one file (duplicate ids, domains, capacity) live here.

use super::cache::{BankCache, Checked};
use super::diagnostic::Diagnostic;
use super::lazy::Slot;
use super::model::{Bank, Blueprint, Case, Question, QuestionKind};
use super::parse::{Document, parse};
use super::rules::{check_bank, check_blueprint};
use super::source::SourceFile;
use super::validity::{Validity, effective, valid_on};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

type IdIndex = HashMap<String, (usize, usize)>;

/// One pass over the heads, sized up front (a growing map rehashes every entry several times).
fn id_index(slots: &[Arc<Slot>]) -> IdIndex {
    let total = slots.iter().map(|s| s.head.questions.len()).sum();
    let mut by_id = HashMap::with_capacity(total);
    for (bi, s) in slots.iter().enumerate() {
        for (qi, (id, _)) in s.head.questions.iter().enumerate() {
            by_id.insert(id.clone(), (bi, qi));
        }
    }
    by_id
}

#[derive(Debug, Default)]
pub struct Catalog {
    pub blueprints: Vec<Blueprint>,
    /// In load order; each decoded on first use (see `lazy`).
    slots: Vec<Arc<Slot>>,
    /// Question id → (bank, question), built from the heads by the prefetch thread or on first
    /// lookup, whichever comes first: building it for a large library takes milliseconds, which
    /// a candidate's Enter on the home screen must not wait for.
    by_id: Arc<OnceLock<IdIndex>>,
    /// The file each bank came from (empty for a catalog built with [`Catalog::new`]), so that
    /// findings made after loading (windows ended, capacity on a date) can point into it.
    bank_paths: Vec<String>,
}

/// What loading found, for `validate` and for the notice the app shows when a bank was left out.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// Paths of files left out because of errors.
    pub rejected: Vec<String>,
}

impl LoadReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// How many questions one full form needs from a domain, and how many the banks hold.
#[derive(Debug, Clone, Serialize)]
pub struct DomainCapacity {
    pub id: String,
    pub name: String,
    pub needed: u32,
    pub available: u32,
}

impl Catalog {
    /// Loads `files` in order. A user's bank with the id of a shipped bank replaces it (with a warning
    /// unless `quiet_replacements`), which is how an instructor edits a shipped bank.
    pub fn load(files: &[SourceFile], quiet_replacements: bool) -> (Catalog, LoadReport) {
        Self::load_with(files, quiet_replacements, false)
    }

    /// As [`Catalog::load`]; `check_codes` also runs the authoring checks of `proctor validate`:
    /// every ICD-10-CM code the banks cite against the code set, and how the text reads on screen
    /// (`readability`). The app skips them, so start-up never loads the code set nor re-reads a
    /// file for the position of a warning that is the author's business.
    pub fn load_with(
        files: &[SourceFile],
        quiet_replacements: bool,
        check_codes: bool,
    ) -> (Catalog, LoadReport) {
        let installed = crate::codeset::InstalledBooks;
        let book: Option<&dyn crate::codeset::CodeLookup> = check_codes.then_some(&installed);
        Self::load_inner(files, quiet_replacements, book, None).0
    }

    /// As [`Catalog::load_with`], checking cited codes against `book` when given (tests pass a
    /// code book with ICD-10-PCS or HCPCS installed).
    pub fn load_checked(
        files: &[SourceFile],
        quiet_replacements: bool,
        book: Option<&dyn crate::codeset::CodeLookup>,
    ) -> (Catalog, LoadReport) {
        Self::load_inner(files, quiet_replacements, book, None).0
    }

    /// As [`Catalog::load`], taking each file's parse and checks from `cache` when its content is
    /// unchanged (the findings are the ones the checks gave when it was cached).
    pub fn load_cached(
        files: &[SourceFile],
        quiet_replacements: bool,
        cache: &mut BankCache,
    ) -> (Catalog, LoadReport) {
        Self::load_inner(files, quiet_replacements, None, Some(cache)).0
    }

    /// As [`Catalog::load_cached`], also giving the index in `files` of each bank kept, in
    /// catalog order (for the library summary).
    pub(crate) fn load_cached_with_origins(
        files: &[SourceFile],
        quiet_replacements: bool,
        cache: &mut BankCache,
    ) -> ((Catalog, LoadReport), Vec<usize>) {
        Self::load_inner(files, quiet_replacements, None, Some(cache))
    }

    fn load_inner(
        files: &[SourceFile],
        quiet_replacements: bool,
        book: Option<&dyn crate::codeset::CodeLookup>,
        mut cache: Option<&mut BankCache>,
    ) -> ((Catalog, LoadReport), Vec<usize>) {
        let mut report = LoadReport {
            files: files.len(),
            ..Default::default()
        };
        let diags = &mut report.diagnostics;
        let mut blueprints: Vec<(usize, Blueprint)> = Vec::new();
        let mut banks: Vec<(usize, Bank)> = Vec::new();
        let mut rejected = vec![false; files.len()];
        for (fi, file) in files.iter().enumerate() {
            let before = diags.len();
            let checked = match cache.as_deref_mut() {
                Some(c) => c.get_or_check(file, || check_file(file, book)),
                None => check_file(file, book),
            };
            diags.extend(checked.diags);
            match checked.doc {
                Some(Document::Blueprint(bp)) => {
                    if let Some(slot) = blueprints
                        .iter()
                        .position(|(_, b)| b.id.eq_ignore_ascii_case(&bp.id))
                    {
                        let other = &files[blueprints[slot].0];
                        if other.shipped && !file.shipped {
                            if !quiet_replacements {
                                diags.push(Diagnostic::warning(
                                    &file.path,
                                    file.pos("id"),
                                    format!("blueprint `{}` replaces the shipped blueprint of the same id", bp.id),
                                ));
                            }
                            blueprints.remove(slot);
                        } else {
                            diags.push(Diagnostic::error(
                                &file.path,
                                file.pos("id"),
                                format!("blueprint id `{}` is also used by {}", bp.id, other.path),
                            ));
                        }
                    }
                    if !has_error(&diags[before..]) {
                        blueprints.push((fi, bp));
                    }
                }
                Some(Document::Bank(bank)) => {
                    if has_error(&diags[before..]) {
                        rejected[fi] = true;
                        continue;
                    }
                    if let Some(slot) = banks.iter().position(|(_, b)| b.bank == bank.bank) {
                        let other = &files[banks[slot].0];
                        if other.shipped && !file.shipped {
                            if !quiet_replacements {
                                diags.push(Diagnostic::warning(
                                    &file.path,
                                    file.pos("bank"),
                                    format!(
                                        "bank `{}` replaces the shipped bank of the same id",
                                        bank.bank
                                    ),
                                ));
                            }
                            banks.remove(slot);
                        } else {
                            diags.push(Diagnostic::error(
                                &file.path,
                                file.pos("bank"),
                                format!("bank id `{}` is also used by {}", bank.bank, other.path),
                            ));
                            rejected[fi] = true;
                            continue;
                        }
                    }
                    banks.push((fi, bank));
                }
                None => {}
            }
            if has_error(&diags[before..]) {
                rejected[fi] = true;
            }
        }
        cross_check_banks(files, &blueprints, &mut banks, &mut rejected, diags);
        // Exams that have questions first, then by id: what users can sit is what they see first.
        let with_questions: std::collections::HashSet<&str> =
            banks.iter().map(|(_, b)| b.exam.as_str()).collect();
        blueprints.sort_by(|(_, a), (_, b)| {
            (!with_questions.contains(a.exam.as_str()), &a.id)
                .cmp(&(!with_questions.contains(b.exam.as_str()), &b.id))
        });
        let origins = banks.iter().map(|(fi, _)| *fi).collect();
        let bank_paths = banks
            .iter()
            .map(|(fi, _)| files[*fi].path.clone())
            .collect();
        let mut catalog = Catalog::new(
            blueprints.into_iter().map(|(_, b)| b).collect(),
            banks.into_iter().map(|(_, b)| b).collect(),
        );
        catalog.bank_paths = bank_paths;
        report.rejected = files
            .iter()
            .zip(&rejected)
            .filter(|(_, r)| **r)
            .map(|(f, _)| f.path.clone())
            .collect();
        ((catalog, report), origins)
    }

    pub fn new(blueprints: Vec<Blueprint>, banks: Vec<Bank>) -> Catalog {
        Self::from_slots(blueprints, banks.into_iter().map(Slot::ready).collect())
    }

    /// Work to run on another thread once the first frame is on screen: builds the id index,
    /// then decodes the banks not decoded yet, those of the first exam listed first, so that
    /// choosing an exam finds its questions ready (a bank or the index asked for meanwhile waits
    /// for that thread, never built twice). None when there is nothing left to do.
    pub fn prefetch(&self) -> Option<impl FnOnce() + Send + 'static> {
        let first = self.blueprints.first().map(|b| b.exam.clone());
        let mut todo: Vec<Arc<Slot>> = self
            .slots
            .iter()
            .filter(|s| !s.decoded())
            .cloned()
            .collect();
        if todo.is_empty() && self.by_id.get().is_some() {
            return None;
        }
        todo.sort_by_key(|s| Some(&s.head.exam) != first.as_ref());
        let index = self.by_id.clone();
        let all = self.slots.clone();
        Some(move || {
            index.get_or_init(|| id_index(&all));
            drop(all);
            for s in todo {
                s.bank();
            }
        })
    }

    pub(crate) fn from_slots(blueprints: Vec<Blueprint>, slots: Vec<Slot>) -> Catalog {
        Catalog {
            blueprints,
            slots: slots.into_iter().map(Arc::new).collect(),
            by_id: Arc::default(),
            bank_paths: Vec::new(),
        }
    }

    /// Every bank, in load order (decodes any not decoded yet).
    pub fn banks(&self) -> impl Iterator<Item = &Bank> {
        self.slots.iter().map(|s| s.bank())
    }

    /// The banks of one exam (decoding only those).
    pub fn banks_for_exam<'a>(&'a self, exam: &'a str) -> impl Iterator<Item = &'a Bank> + 'a {
        self.slots
            .iter()
            .filter(move |s| s.head.exam == exam)
            .map(|s| s.bank())
    }

    /// Whether the id index is built (tests: the prefetch builds it, a start does not).
    pub fn indexed(&self) -> bool {
        self.by_id.get().is_some()
    }

    /// How many banks are decoded so far.
    pub fn decoded_banks(&self) -> usize {
        self.slots.iter().filter(|s| s.decoded()).count()
    }

    /// What is known of each bank without decoding it, in load order.
    pub fn heads(&self) -> impl Iterator<Item = &super::lazy::BankHead> {
        self.slots.iter().map(|s| &s.head)
    }

    /// The banks loaded from the file at `path` (as findings name it).
    pub fn heads_from<'a>(
        &'a self,
        path: &'a str,
    ) -> impl Iterator<Item = &'a super::lazy::BankHead> + 'a {
        self.bank_paths
            .iter()
            .zip(&self.slots)
            .filter(move |(p, _)| p.as_str() == path)
            .map(|(_, s)| &s.head)
    }

    fn by_id(&self) -> &IdIndex {
        self.by_id.get_or_init(|| id_index(&self.slots))
    }

    /// Users type blueprint ids in any case (`proctor exam cpb`).
    pub fn blueprint(&self, id: &str) -> Option<&Blueprint> {
        self.blueprints
            .iter()
            .find(|b| b.id.eq_ignore_ascii_case(id))
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        let &(b, q) = self.by_id().get(id)?;
        self.slots[b].bank().questions.get(q)
    }

    /// The `code_year` of the bank a question comes from: the code sets its codes belong to.
    pub fn code_year_of(&self, question_id: &str) -> Option<u16> {
        let &(b, _) = self.by_id().get(question_id)?;
        Some(self.slots[b].head.code_year)
    }

    /// The case a question belongs to, if any.
    pub fn case_of(&self, question_id: &str) -> Option<&Case> {
        let &(b, q) = self.by_id().get(question_id)?;
        let bank = self.slots[b].bank();
        let cid = bank.questions.get(q)?.case.as_deref()?;
        bank.cases.iter().find(|c| c.id == cid)
    }

    /// Every question of an exam, bank by bank in file order, whatever its window (history,
    /// review and statistics about past answers use this).
    pub fn questions_for_exam<'a>(
        &'a self,
        exam: &'a str,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.banks_for_exam(exam).flat_map(|b| b.questions.iter())
    }

    /// Each question of an exam as (id, domain), without decoding any bank: what counts and
    /// stats need.
    pub fn question_domains<'a>(
        &'a self,
        exam: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.heads().filter(move |h| h.exam == exam).flat_map(|h| {
            h.questions
                .iter()
                .map(|(id, d)| (id.as_str(), h.domains[*d as usize].as_str()))
        })
    }

    /// The questions of an exam that are true on `day` (their window, or their bank's, holds it):
    /// what forms and drills for an exam on that day may serve.
    pub fn questions_on<'a>(
        &'a self,
        exam: &'a str,
        day: NaiveDate,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.banks_for_exam(exam).flat_map(move |b| {
            b.questions
                .iter()
                .filter(move |q| valid_on(effective(q.valid.as_ref(), b.valid.as_ref()), day))
        })
    }

    /// The window that applies to a question: its own, else its bank's; `None` if always true.
    pub fn window_of(&self, question_id: &str) -> Option<&Validity> {
        let &(b, q) = self.by_id().get(question_id)?;
        self.slots[b].head.window(q)
    }

    /// Whether a question may be served on `day` (unknown ids are not).
    pub fn is_valid_on(&self, question_id: &str, day: NaiveDate) -> bool {
        self.by_id().contains_key(question_id) && valid_on(self.window_of(question_id), day)
    }

    /// What one full form for an exam on `day` needs from each domain, against the questions
    /// true on that day.
    pub fn capacity(&self, bp: &Blueprint, day: NaiveDate) -> Vec<DomainCapacity> {
        let mut available: HashMap<&str, u32> = HashMap::new();
        for h in self.heads().filter(|h| h.exam == bp.exam) {
            let mut n = vec![0u32; h.domains.len()];
            for (qi, (_, d)) in h.questions.iter().enumerate() {
                if valid_on(h.window(qi), day) {
                    n[*d as usize] += 1;
                }
            }
            for (d, c) in h.domains.iter().zip(n) {
                *available.entry(d.as_str()).or_default() += c;
            }
        }
        bp.domains
            .iter()
            .zip(bp.quotas(bp.questions))
            .map(|(d, needed)| DomainCapacity {
                id: d.id.clone(),
                name: d.name.clone(),
                needed,
                available: available.get(d.id.as_str()).copied().unwrap_or(0),
            })
            .collect()
    }

    /// Warnings, at each short domain of each blueprint's file, for the blueprints whose banks
    /// cannot fill one full form on the day `day_of` gives for it (today, or a planned exam date).
    pub fn capacity_findings(
        &self,
        files: &[SourceFile],
        day_of: impl Fn(&Blueprint) -> NaiveDate,
    ) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for bp in &self.blueprints {
            self.capacity_warnings(files, bp, day_of(bp), &mut diags);
        }
        diags
    }

    fn capacity_warnings(
        &self,
        files: &[SourceFile],
        bp: &Blueprint,
        day: NaiveDate,
        diags: &mut Vec<Diagnostic>,
    ) {
        let cap = self.capacity(bp, day);
        if self.questions_for_exam(&bp.exam).next().is_none() {
            return; // No bank yet: the summary says so; a warning per domain would only be noise.
        }
        if cap.iter().all(|c| c.available >= c.needed) {
            return; // Nothing to report: do not scan the files for the blueprint's own.
        }
        let Some(file) = files.iter().find(|f| blueprint_file_is(f, bp)) else {
            return;
        };
        for (i, c) in cap.iter().enumerate() {
            if c.available < c.needed {
                diags.push(Diagnostic::warning(
                    &file.path,
                    file.pos(&format!("domains[{i}].id")),
                    format!(
                        "the banks of exam {} cannot fill one full {} form for an exam on {day}: domain `{}` needs {} questions, {} available (true on that date)",
                        bp.exam, bp.id, c.id, c.needed, c.available
                    ),
                ));
            }
        }
    }

    /// Warnings for every window (a question's or a bank's) in these files that ended before
    /// `today`. Not cached with the files: tomorrow the answer may differ.
    pub fn ended_findings(&self, files: &[SourceFile], today: NaiveDate) -> Vec<Diagnostic> {
        let by_path: HashMap<&str, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i))
            .collect();
        let banks: Vec<(usize, &Bank)> = self
            .bank_paths
            .iter()
            .zip(self.banks())
            .filter_map(|(p, b)| Some((*by_path.get(p.as_str())?, b)))
            .collect();
        super::windows::ended_windows(files, &banks, today, |id| self.by_id().contains_key(id))
    }
}

fn blueprint_file_is(f: &SourceFile, bp: &Blueprint) -> bool {
    f.text.lines().any(|l| {
        l.strip_prefix("id:").is_some_and(|v| {
            v.trim()
                .trim_matches(['"', '\''])
                .eq_ignore_ascii_case(&bp.id)
        })
    })
}

/// Everything that can be said about one file on its own: its document (if it has no errors) and
/// the findings of the parse and the per-file rules. What the cache keeps.
pub fn check_file(file: &SourceFile, book: Option<&dyn crate::codeset::CodeLookup>) -> Checked {
    let mut diags = Vec::new();
    let doc = parse(file, &mut diags);
    match &doc {
        Some(Document::Blueprint(bp)) => check_blueprint(file, bp, &mut diags),
        Some(Document::Bank(bank)) => {
            check_bank(file, bank, &mut diags);
            if let Some(book) = book {
                super::codes::check_bank_codes(file, bank, &mut diags);
                super::readability::check_readability(file, bank, &mut diags);
                super::entry_codes::check_entry_codes(file, bank, book, &mut diags);
            }
        }
        None => {}
    }
    Checked { doc, diags }
}

fn has_error(d: &[Diagnostic]) -> bool {
    d.iter().any(Diagnostic::is_error)
}

/// Exams without blueprints, domains outside the blueprints, question ids used twice.
fn cross_check_banks(
    files: &[SourceFile],
    blueprints: &[(usize, Blueprint)],
    banks: &mut Vec<(usize, Bank)>,
    rejected: &mut [bool],
    diags: &mut Vec<Diagnostic>,
) {
    // Each exam's domains, with the kind of question each takes.
    let mut domains: BTreeMap<&str, BTreeMap<&str, QuestionKind>> = BTreeMap::new();
    let mut bp_ids: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (_, bp) in blueprints {
        bp_ids.entry(&bp.exam).or_default().push(&bp.id);
        let set = domains.entry(&bp.exam).or_default();
        for d in &bp.domains {
            set.entry(&d.id).or_insert(d.kind);
        }
    }
    // First place each id was seen: (file, question index). Positions are looked up only to report.
    let mut seen_ids: HashMap<String, (usize, usize)> = HashMap::new();
    banks.retain(|(fi, bank)| {
        let file = &files[*fi];
        let before = diags.len();
        match domains.get(bank.exam.as_str()) {
            None => diags.push(Diagnostic::error(
                &file.path,
                file.pos("exam"),
                format!(
                    "no blueprint for exam `{}`: add one under question-banks/blueprints/ or fix the exam id (known: {})",
                    bank.exam,
                    bp_ids.keys().copied().collect::<Vec<_>>().join(", ")
                ),
            )),
            Some(set) => {
                for (i, q) in bank.questions.iter().enumerate() {
                    if let Some(kind) = set.get(q.domain.as_str())
                        && *kind != q.kind
                    {
                        let name = |k: QuestionKind| match k {
                            QuestionKind::MultipleChoice => "multiple-choice",
                            QuestionKind::CodeEntry => "code-entry",
                        };
                        diags.push(Diagnostic::error(
                            &file.path,
                            file.pos(&format!("questions[{i}].domain")),
                            format!(
                                "question {}: domain `{}` takes {} questions (its blueprint's `kind`), this one is {}: move it to another domain or change its kind",
                                q.id,
                                q.domain,
                                name(*kind),
                                name(q.kind)
                            ),
                        ));
                    }
                    if !set.contains_key(q.domain.as_str()) {
                        diags.push(Diagnostic::error(
                            &file.path,
                            file.pos(&format!("questions[{i}].domain")),
                            format!(
                                "question {}: domain `{}` is not in the {} blueprint(s) ({})",
                                q.id,
                                q.domain,
                                bp_ids[bank.exam.as_str()].join(", "),
                                set.keys().copied().collect::<Vec<_>>().join(", ")
                            ),
                        ));
                    }
                }
            }
        }
        let mut mine = Vec::new();
        let mut here: HashMap<&str, usize> = HashMap::new();
        for (i, q) in bank.questions.iter().enumerate() {
            if let Some(first) = here.insert(q.id.as_str(), i) {
                let pos = file.pos(&format!("questions[{i}].id"));
                let first_line = file.pos(&format!("questions[{first}].id")).line;
                diags.push(Diagnostic::error(
                    &file.path,
                    pos,
                    format!(
                        "duplicate question id {} (also at {}:{first_line}): ids must be unique across all banks",
                        q.id, file.path
                    ),
                ));
            } else if let Some(&(ofi, oqi)) = seen_ids.get(&q.id) {
                let pos = file.pos(&format!("questions[{i}].id"));
                let other = &files[ofi];
                let line = other.pos(&format!("questions[{oqi}].id")).line;
                diags.push(Diagnostic::error(
                    &file.path,
                    pos,
                    format!(
                        "duplicate question id {} (also at {}:{line}): ids must be unique across all banks",
                        q.id, other.path
                    ),
                ));
            } else {
                mine.push(i);
            }
        }
        let ok = !has_error(&diags[before..]);
        if ok {
            for i in mine {
                seen_ids.insert(bank.questions[i].id.clone(), (*fi, i));
            }
        } else {
            rejected[*fi] = true;
        }
        ok
    });
}
