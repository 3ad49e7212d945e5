//! The exam in progress, saved after every action so that nothing (q, Ctrl-C, a closed terminal,
//! kill -9, a power cut) loses it.

use super::atomic::{move_aside, write_atomic};
use super::{StoreError, io_err};
use crate::exam::Attempt;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Envelope {
    schema: u32,
    attempt: Attempt,
}

pub struct Autosave {
    path: PathBuf,
}

/// What was found on disk.
#[derive(Debug)]
pub enum Found {
    Nothing,
    Attempt(Box<Attempt>),
    /// A file that could not be read was moved aside; the message says where.
    MovedAside(String),
}

impl Autosave {
    pub fn new(data_dir: &Path) -> Autosave {
        Autosave {
            path: data_dir.join("in-progress.json"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn save(&self, attempt: &Attempt) -> Result<(), StoreError> {
        let env = Envelope {
            schema: SCHEMA,
            attempt: attempt.clone(),
        };
        let bytes = serde_json::to_vec(&env).map_err(|e| StoreError::Encode {
            path: self.path.display().to_string(),
            what: e.to_string(),
        })?;
        write_atomic(&self.path, &bytes)
    }

    pub fn load(&self, stamp: &str) -> Result<Found, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
            Err(e) => return Err(io_err(&self.path)(e)),
        };
        match serde_json::from_slice::<Envelope>(&bytes) {
            // A finished attempt may be left behind by a crash between the history write and the
            // clear; the caller records it.
            Ok(env) if env.schema == SCHEMA && env.attempt.is_consistent() => {
                Ok(Found::Attempt(Box::new(env.attempt)))
            }
            Ok(env) if env.schema == SCHEMA => {
                let aside = move_aside(&self.path, stamp)?;
                Ok(Found::MovedAside(format!(
                    "the saved exam does not hold together (damaged or edited); kept it as {}",
                    aside.display()
                )))
            }
            Ok(env) => {
                let aside = move_aside(&self.path, stamp)?;
                Ok(Found::MovedAside(format!(
                    "the saved exam uses schema {} (this proctor reads {SCHEMA}); kept it as {}",
                    env.schema,
                    aside.display()
                )))
            }
            Err(e) => {
                let aside = move_aside(&self.path, stamp)?;
                Ok(Found::MovedAside(format!(
                    "the saved exam could not be read ({e}); kept it as {}",
                    aside.display()
                )))
            }
        }
    }

    pub fn clear(&self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&self.path)(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{Form, FormItem};

    fn attempt(n: usize) -> Attempt {
        let form = Form {
            blueprint: "T".into(),
            exam: "T".into(),
            seed: 1,
            items: (0..n)
                .map(|i| FormItem {
                    question: format!("Q{i}"),
                    order: vec![crate::bank::ChoiceKey::A],
                })
                .collect(),
            sections: vec![],
            tutor: false,
            drill: false,
        };
        Attempt::new(form, chrono::Utc::now())
    }

    #[test]
    fn round_trip_and_damaged_files_are_moved_aside() {
        let d = tempfile::tempdir().unwrap();
        let s = Autosave::new(d.path());
        s.save(&attempt(3)).unwrap();
        assert!(matches!(s.load("x").unwrap(), Found::Attempt(a) if a.form.items.len() == 3));
        let mut bad = attempt(3);
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
}
