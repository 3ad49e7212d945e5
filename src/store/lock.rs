//! One proctor per data folder: two processes saving the same exam would overwrite each other.

use super::{StoreError, io_err};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Held for the life of the process; the OS releases it on exit, even after `kill -9`.
#[derive(Debug)]
pub struct DataLock {
    file: File,
    path: PathBuf,
}

impl DataLock {
    pub fn acquire(dir: &Path) -> Result<DataLock, StoreError> {
        let path = dir.join("proctor.lock");
        super::guard::writable(&path).map_err(io_err(&path))?;
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err(&path))?;
        match file.try_lock() {
            Ok(()) => {
                let _ = file.set_len(0);
                let _ = file.seek(SeekFrom::Start(0));
                let _ = write!(file, "{}", std::process::id());
                let _ = file.sync_all();
                Ok(DataLock { file, path })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let holder = match pid.trim() {
                    "" => String::new(),
                    p => format!(" by process {p}"),
                };
                Err(StoreError::Locked {
                    path: dir.display().to_string(),
                    holder,
                })
            }
            Err(std::fs::TryLockError::Error(e)) => Err(io_err(&path)(e)),
        }
    }

    /// Whether the lock file we hold is still the one at its path. A data folder deleted (or
    /// moved) while proctor runs takes the lock with it: another proctor could then start there,
    /// and saves would silently go to a new, empty folder.
    pub fn still_held(&self) -> bool {
        let Ok(now) = std::fs::metadata(&self.path) else {
            return false;
        };
        let Ok(mine) = self.file.metadata() else {
            return false;
        };
        same_file(&now, &mine)
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_until_the_first_is_dropped() {
        let d = tempfile::tempdir().unwrap();
        let first = DataLock::acquire(d.path()).unwrap();
        let err = DataLock::acquire(d.path()).unwrap_err();
        assert!(err.to_string().contains("another proctor"), "{err}");
        drop(first);
        DataLock::acquire(d.path()).unwrap();
    }

    #[test]
    fn a_deleted_data_folder_is_noticed() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("data");
        let lock = DataLock::acquire(&root).unwrap();
        assert!(lock.still_held());
        std::fs::remove_dir_all(&root).unwrap();
        assert!(!lock.still_held());
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("proctor.lock"), b"").unwrap();
        assert!(!lock.still_held(), "a new lock file is not ours");
    }
}
