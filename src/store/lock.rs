//! One proctor per data folder: two processes saving the same exam would overwrite each other.

use super::{StoreError, io_err};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Held for the life of the process; the OS releases it on exit, even after `kill -9`.
#[derive(Debug)]
pub struct DataLock {
    _file: File,
}

impl DataLock {
    pub fn acquire(dir: &Path) -> Result<DataLock, StoreError> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let path = dir.join("proctor.lock");
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
                Ok(DataLock { _file: file })
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
}
