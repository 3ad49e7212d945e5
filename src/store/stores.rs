//! The stores one running proctor writes through, and the order of the steps that keep a finished
//! attempt safe: kept on disk (marked finished) → history record created → autosave retired. A
//! failure at any step leaves the attempt on disk, where the next start records it.

use super::StoreError;
use super::autosave::{Autosave, Found};
use super::disk::{Disk, RealDisk};
use super::history::{History, Record};
use super::lock::DataLock;
use crate::bank::Catalog;
use crate::exam::Attempt;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct Stores {
    pub root: PathBuf,
    pub autosave: Autosave,
    pub history: History,
    /// None when the folder is read-only (nothing is written there) or in tests.
    lock: Mutex<Option<DataLock>>,
    /// The folder could not be locked because it is read-only: reading works, saving does not.
    pub read_only: bool,
    notices: Mutex<Vec<String>>,
    /// What is not on disk right now, if anything: the runtime keeps trying and will not leave
    /// silently while this is set.
    pub unsaved: Mutex<Option<Unsaved>>,
    last_good: Mutex<Option<DateTime<Utc>>>,
}

/// Something the user did that is not on disk.
#[derive(Debug, Clone, Default)]
pub struct Unsaved {
    /// The last error.
    pub error: String,
    /// The last successful save of the exam in progress in this session, if any.
    pub last_good: Option<DateTime<Utc>>,
    /// A finished attempt that could be neither recorded nor kept on disk: only memory holds it.
    pub lost: Option<Box<Attempt>>,
    /// The user was told once that leaving now loses it; leaving again goes.
    pub warned: bool,
}

/// Why a finished attempt is not in history yet.
#[derive(Debug)]
pub struct NotRecorded {
    pub history: StoreError,
    /// Whether the finished attempt is on disk (in-progress.json) to be recorded at the next start.
    pub kept: Result<(), StoreError>,
}

impl Stores {
    pub fn new(root: &Path) -> Stores {
        Stores::with_disk(root, Arc::new(RealDisk))
    }

    pub fn with_disk(root: &Path, disk: Arc<dyn Disk>) -> Stores {
        Stores {
            root: root.to_path_buf(),
            autosave: Autosave::with_disk(root, disk.clone()),
            history: History::with_disk(root, disk),
            lock: Mutex::new(None),
            read_only: false,
            notices: Mutex::new(Vec::new()),
            unsaved: Mutex::new(None),
            last_good: Mutex::new(None),
        }
    }

    /// Opens the data folder for this process: locked for writing, or read-only when it cannot be
    /// written (the second value says so). Another proctor holding the lock is an error.
    pub fn open(root: &Path) -> Result<(Stores, Option<String>), StoreError> {
        let mut stores = Stores::new(root);
        match DataLock::acquire(root) {
            Ok(lock) => {
                *stores.lock.lock().unwrap() = Some(lock);
                Ok((stores, None))
            }
            Err(StoreError::Io { path, source }) if is_read_only(&source) => {
                stores.read_only = true;
                Ok((
                    stores,
                    Some(format!(
                        "The data folder {} cannot be written ({path}: {source}): history, stats and the code book work, but exams cannot be saved there. Use --data-dir DIR to sit one.",
                        root.display()
                    )),
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// Writes the attempt in progress, after checking that the data folder is still there.
    pub fn save_progress(&self, a: &Attempt, catalog: &Catalog) -> Result<(), StoreError> {
        self.check_folder()?;
        match self.autosave.save(a) {
            Err(StoreError::Occupied { .. }) => {
                // A finished attempt waits for its record: try again to record it first.
                self.record_waiting(catalog)?;
                self.autosave.save(a)
            }
            other => other,
        }
    }

    /// Records a finished attempt: kept on disk first, then its history record created, then the
    /// autosave retired. Returns where the record is.
    pub fn record(&self, a: &Attempt, catalog: &Catalog) -> Result<PathBuf, Box<NotRecorded>> {
        let mut kept = self.check_folder().and_then(|()| self.autosave.save(a));
        if matches!(kept, Err(StoreError::Occupied { .. })) {
            kept = self
                .record_waiting(catalog)
                .and_then(|()| self.autosave.save(a));
        }
        match self.history.append(&Record::from_attempt(a, catalog)) {
            Ok(path) => {
                // If this fails the next start retires it: the record is found for the attempt.
                let _ = self.autosave.retire(&a.id);
                Ok(path)
            }
            Err(history) => Err(Box::new(NotRecorded { history, kept })),
        }
    }

    /// If the autosave holds a finished attempt (its record failed earlier), records it now.
    fn record_waiting(&self, catalog: &Catalog) -> Result<(), StoreError> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        if let Found::Attempt(waiting) = self.autosave.load(&stamp)?
            && waiting.is_finished()
        {
            self.history
                .append(&Record::from_attempt(&waiting, catalog))?;
            self.autosave.retire(&waiting.id)?;
        }
        Ok(())
    }

    /// Notices the data folder (with its lock) deleted or moved while proctor ran: creates it
    /// again and takes the lock there, so a second proctor cannot start on it, and leaves a notice
    /// for the user; fails if that is impossible.
    pub fn check_folder(&self) -> Result<(), StoreError> {
        let mut lock = self.lock.lock().unwrap();
        let Some(held) = lock.as_ref() else {
            return Ok(());
        };
        if held.still_held() {
            return Ok(());
        }
        *lock = None;
        let vanished = |again| StoreError::Vanished {
            path: self.root.display().to_string(),
            again,
        };
        match DataLock::acquire(&self.root) {
            Ok(l) => {
                *lock = Some(l);
                self.notices
                    .lock()
                    .unwrap()
                    .push(vanished(true).to_string());
                Ok(())
            }
            Err(_) => Err(vanished(false)),
        }
    }

    pub fn note_good_save(&self, now: DateTime<Utc>) {
        *self.last_good.lock().unwrap() = Some(now);
    }

    /// Remembers a failed write (keeping the first lost attempt and whether the user was warned).
    pub fn note_failure(&self, error: String, lost: Option<Box<Attempt>>) {
        let mut u = self.unsaved.lock().unwrap();
        let prev = u.take().unwrap_or_default();
        *u = Some(Unsaved {
            error,
            last_good: *self.last_good.lock().unwrap(),
            lost: prev.lost.or(lost),
            warned: prev.warned,
        });
    }

    /// Things the user must be told that did not fail a write (a data folder created again).
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *self.notices.lock().unwrap())
    }
}

fn is_read_only(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}
