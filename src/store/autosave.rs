//! The exam in progress, saved after every action so that nothing (q, Ctrl-C, a closed terminal,
//! kill -9, a power cut) loses it.
//!
//! The file is also where a finished attempt waits until its history record is safely written, so
//! it is never overwritten by another attempt: a save for a different attempt than the one the
//! file holds is refused until that one is retired (recorded in history, then removed).

use super::StoreError;
use super::atomic::move_aside;
use super::disk::{Disk, RealDisk};
use super::read::{ReadError, caps, read_capped};
use crate::exam::Attempt;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Envelope {
    schema: u32,
    attempt: Attempt,
}

/// What the file holds, as far as this process knows (it holds the data-folder lock, so only it
/// writes there).
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Unknown,
    Free,
    Holds(String),
}

pub struct Autosave {
    path: PathBuf,
    disk: Arc<dyn Disk>,
    slot: Mutex<Slot>,
}

/// What was found on disk.
#[derive(Debug)]
pub enum Found {
    Nothing,
    Attempt(Box<Attempt>),
    /// A file that could not be read was moved aside; the message says where.
    MovedAside(String),
    /// A file that could not be read nor moved aside (a read-only folder); it is left in place and
    /// nothing will be saved over it.
    Unusable(String),
}

impl Autosave {
    pub fn new(data_dir: &Path) -> Autosave {
        Autosave::with_disk(data_dir, Arc::new(RealDisk))
    }

    pub fn with_disk(data_dir: &Path, disk: Arc<dyn Disk>) -> Autosave {
        Autosave {
            path: data_dir.join("in-progress.json"),
            disk,
            slot: Mutex::new(Slot::Unknown),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `attempt` (finished or not). Refused when the file holds another attempt: that one
    /// is not in history yet and must not be lost.
    pub fn save(&self, attempt: &Attempt) -> Result<(), StoreError> {
        if let Slot::Holds(id) = self.slot()?
            && id != attempt.id
        {
            return Err(StoreError::Occupied {
                path: self.path.display().to_string(),
                id,
            });
        }
        let env = Envelope {
            schema: SCHEMA,
            attempt: attempt.clone(),
        };
        let bytes = serde_json::to_vec(&env).map_err(|e| StoreError::Encode {
            path: self.path.display().to_string(),
            what: e.to_string(),
        })?;
        self.disk.write_atomic(&self.path, &bytes)?;
        *self.slot.lock().unwrap() = Slot::Holds(attempt.id.clone());
        Ok(())
    }

    /// The id of the attempt the file holds, if any.
    pub fn holds(&self) -> Result<Option<String>, StoreError> {
        Ok(match self.slot()? {
            Slot::Holds(id) => Some(id),
            _ => None,
        })
    }

    fn slot(&self) -> Result<Slot, StoreError> {
        let known = self.slot.lock().unwrap().clone();
        if known != Slot::Unknown {
            return Ok(known);
        }
        // Not loaded yet in this process: look before writing over anything.
        match self.load("before-save")? {
            Found::Nothing | Found::MovedAside(_) => {}
            Found::Attempt(_) | Found::Unusable(_) => {}
        }
        Ok(self.slot.lock().unwrap().clone())
    }

    /// Reads the file. Anything that is not a readable, current, consistent attempt (damaged,
    /// another schema, a folder or a FIFO in its place, unreadable, oversized) is moved aside.
    pub fn load(&self, stamp: &str) -> Result<Found, StoreError> {
        let why = match read_capped(&self.path, caps::AUTOSAVE) {
            Err(ReadError::NotFound) => {
                *self.slot.lock().unwrap() = Slot::Free;
                return Ok(Found::Nothing);
            }
            Err(e) => format!("could not be read ({e})"),
            Ok(bytes) => match serde_json::from_slice::<Envelope>(&bytes) {
                // A finished attempt may be waiting for its history record; the caller records it.
                Ok(env) if env.schema == SCHEMA && env.attempt.is_consistent() => {
                    *self.slot.lock().unwrap() = Slot::Holds(env.attempt.id.clone());
                    return Ok(Found::Attempt(Box::new(env.attempt)));
                }
                Ok(env) if env.schema == SCHEMA => {
                    "does not hold together (damaged or edited)".to_string()
                }
                Ok(env) => format!("uses schema {} (this proctor reads {SCHEMA})", env.schema),
                Err(e) => format!("could not be read ({e})"),
            },
        };
        match move_aside(&self.path, stamp) {
            Ok(aside) => {
                *self.slot.lock().unwrap() = Slot::Free;
                Ok(Found::MovedAside(format!(
                    "in-progress.json (the saved exam) {why}; kept it as {}",
                    aside.display()
                )))
            }
            Err(e) => {
                *self.slot.lock().unwrap() = Slot::Holds(String::from("(unreadable file)"));
                Ok(Found::Unusable(format!(
                    "in-progress.json (the saved exam) {why} and could not be moved aside ({e}); it is left at {}",
                    self.path.display()
                )))
            }
        }
    }

    /// Removes the file if it holds attempt `id` (now safely in history, or abandoned on purpose).
    pub fn retire(&self, id: &str) -> Result<(), StoreError> {
        match self.slot()? {
            Slot::Holds(held) if held == id => {
                self.disk.remove(&self.path)?;
                *self.slot.lock().unwrap() = Slot::Free;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Removes the file whatever it holds (for tests and tools; the app uses `retire`).
    pub fn clear(&self) -> Result<(), StoreError> {
        self.disk.remove(&self.path)?;
        *self.slot.lock().unwrap() = Slot::Free;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{Form, FormItem};

    fn attempt(n: usize, id: &str) -> Attempt {
        let form = Form {
            blueprint: "T".into(),
            exam: "T".into(),
            seed: 1,
            items: (0..n)
                .map(|i| FormItem {
                    question: format!("Q{i}"),
                    order: vec![crate::bank::ChoiceKey::A],
                    pretest: false,
                })
                .collect(),
            sections: vec![],
            tutor: false,
            drill: false,
        };
        let mut a = Attempt::new(form, chrono::Utc::now());
        a.id = id.into();
        a
    }

    #[test]
    fn round_trip_and_damaged_files_are_moved_aside() {
        let d = tempfile::tempdir().unwrap();
        let s = Autosave::new(d.path());
        s.save(&attempt(3, "a")).unwrap();
        assert!(matches!(s.load("x").unwrap(), Found::Attempt(a) if a.form.items.len() == 3));
        let mut bad = attempt(3, "a");
        bad.current = 7;
        s.save(&bad).unwrap();
        assert!(
            matches!(s.load("x").unwrap(), Found::MovedAside(m) if m.contains("does not hold together"))
        );
        assert!(d.path().join("in-progress.json.unreadable-x").exists());
        std::fs::write(s.path(), b"{not json").unwrap();
        assert!(matches!(s.load("y").unwrap(), Found::MovedAside(_)));
        assert!(matches!(s.load("z").unwrap(), Found::Nothing));
    }

    #[test]
    fn another_attempt_never_overwrites_the_one_on_disk() {
        let d = tempfile::tempdir().unwrap();
        Autosave::new(d.path()).save(&attempt(2, "old")).unwrap();
        // A fresh process (slot unknown) looks before it writes.
        let s = Autosave::new(d.path());
        let e = s.save(&attempt(2, "new")).unwrap_err();
        assert!(e.to_string().contains("old"), "{e}");
        s.retire("new").unwrap();
        assert!(s.path().exists(), "retiring another id leaves the file");
        s.retire("old").unwrap();
        s.save(&attempt(2, "new")).unwrap();
        assert_eq!(s.holds().unwrap().as_deref(), Some("new"));
    }

    #[test]
    fn a_folder_or_unreadable_file_in_its_place_is_moved_aside() {
        let d = tempfile::tempdir().unwrap();
        let s = Autosave::new(d.path());
        std::fs::create_dir(s.path()).unwrap();
        assert!(matches!(s.load("x").unwrap(), Found::MovedAside(m) if m.contains("a folder")),);
        assert!(d.path().join("in-progress.json.unreadable-x").is_dir());
        s.save(&attempt(1, "a")).unwrap();
    }
}
