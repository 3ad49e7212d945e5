//! A bank in the catalog that may not be decoded yet. The home screen, `list`, capacity and
//! stats need only each bank's exam and its questions' ids and domains (the head); a start from
//! the library summary decodes a bank's questions only when something asks for them (an exam
//! of that bank's exam is assembled, a question is shown).

use super::cache::{Checked, FilesCache};
use super::catalog::check_file;
use super::model::Bank;
use super::parse::Document;
use super::source::SourceFile;
use super::validity::{Validity, effective};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// What is known of a bank without decoding it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankHead {
    pub bank: String,
    pub exam: String,
    pub code_year: u16,
    /// The domains its questions use, each once.
    pub domains: Vec<String>,
    /// Each question's id and domain (an index into `domains`), in file order.
    pub questions: Vec<(String, u16)>,
    /// The bank's own `valid:` window, and each question's (parallel to `questions`): readiness
    /// on a date is counted from the head, without decoding the bank.
    pub valid: Option<Validity>,
    pub windows: Vec<Option<Validity>>,
}

impl BankHead {
    pub fn of(b: &Bank) -> BankHead {
        let mut domains: Vec<String> = Vec::new();
        let questions = b
            .questions
            .iter()
            .map(|q| {
                let d = match domains.iter().position(|d| *d == q.domain) {
                    Some(i) => i,
                    None => {
                        domains.push(q.domain.clone());
                        domains.len() - 1
                    }
                };
                (q.id.clone(), d as u16)
            })
            .collect();
        BankHead {
            bank: b.bank.clone(),
            exam: b.exam.clone(),
            code_year: b.code_year,
            domains,
            questions,
            valid: b.valid.clone(),
            windows: b.questions.iter().map(|q| q.valid.clone()).collect(),
        }
    }

    /// The window that applies to question `i` of this bank: its own, else the bank's.
    pub fn window(&self, i: usize) -> Option<&Validity> {
        effective(
            self.windows.get(i).and_then(|w| w.as_ref()),
            self.valid.as_ref(),
        )
    }
}

/// Where a bank not decoded yet comes from: its entry in `banks.bin`, else its file again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Origin {
    pub key: u128,
    pub path: String,
    pub shipped: bool,
}

#[derive(Debug)]
pub struct Slot {
    pub head: BankHead,
    bank: OnceLock<Bank>,
    later: Option<(Arc<FilesCache>, Origin)>,
}

impl Slot {
    pub fn ready(bank: Bank) -> Slot {
        Slot {
            head: BankHead::of(&bank),
            bank: OnceLock::from(bank),
            later: None,
        }
    }

    pub fn deferred(head: BankHead, files: Arc<FilesCache>, origin: Origin) -> Slot {
        Slot {
            head,
            bank: OnceLock::new(),
            later: Some((files, origin)),
        }
    }

    /// Whether the bank has been decoded (tests: a start decodes none).
    pub fn decoded(&self) -> bool {
        self.bank.get().is_some()
    }

    /// The bank, decoded on first use.
    pub fn bank(&self) -> &Bank {
        self.bank.get_or_init(|| self.decode())
    }

    /// From the cache entry the summary names; if that is gone (another run rewrote the cache),
    /// the file is read and checked again. A file changed since start-up that no longer holds
    /// this bank gives an empty bank rather than questions the start did not account for.
    fn decode(&self) -> Bank {
        let (files, origin) = self.later.as_ref().expect("a ready slot is initialised");
        if let Some(Checked {
            doc: Some(Document::Bank(b)),
            ..
        }) = files.checked(origin.key)
        {
            return b;
        }
        let file = if origin.shipped {
            SourceFile::shipped_files()
                .into_iter()
                .find(|f| f.path == origin.path)
        } else {
            SourceFile::from_path(std::path::Path::new(&origin.path), &mut Vec::new()).pop()
        };
        match file.and_then(|f| check_file(&f, None).doc) {
            Some(Document::Bank(b)) if BankHead::of(&b) == self.head => b,
            _ => Bank {
                bank: self.head.bank.clone(),
                title: String::new(),
                exam: self.head.exam.clone(),
                version: 0,
                code_year: self.head.code_year,
                authors: Vec::new(),
                license: String::new(),
                valid: self.head.valid.clone(),
                cases: Vec::new(),
                questions: Vec::new(),
            },
        }
    }
}
