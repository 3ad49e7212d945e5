//! Every write the store makes goes through a `Disk`, so tests can make chosen steps fail (a full
//! disk, a read-only folder, an I/O error) and prove that nothing is lost when they do.

use super::StoreError;
use super::atomic;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The three kinds of write the store makes.
pub trait Disk: Send + Sync {
    /// Replace `path` atomically (the autosave, the plan).
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError>;
    /// Create `path`, failing with `AlreadyExists` if it is taken (history records).
    fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError>;
    /// Remove `path`; already gone is fine.
    fn remove(&self, path: &Path) -> Result<(), StoreError>;
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealDisk;

impl Disk for RealDisk {
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        atomic::write_atomic(path, bytes)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        atomic::write_new(path, bytes)
    }
    fn remove(&self, path: &Path) -> Result<(), StoreError> {
        super::guard::writable(path).map_err(super::io_err(path))?;
        match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(super::io_err(path)(e)),
        }
    }
}

/// The real file system with injected failures: steps (every call is one, counted from 1) listed
/// in `fail_at`, or every call whose "op path" contains `fail_paths`, fail with "no space left on
/// device" and leave the disk untouched. `log` lists every call and whether it failed.
#[derive(Debug, Default)]
pub struct FaultyDisk {
    step: AtomicUsize,
    fail_at: Mutex<BTreeSet<usize>>,
    fail_paths: Mutex<Option<String>>,
    log: Mutex<Vec<String>>,
}

impl FaultyDisk {
    pub fn new() -> FaultyDisk {
        FaultyDisk::default()
    }

    /// Fail these steps (counted from the first call ever made).
    pub fn fail_steps(&self, steps: &[usize]) {
        self.fail_at.lock().unwrap().extend(steps);
    }

    /// Fail every call whose "op path" contains `part` (e.g. "history", or "remove in-progress"
    /// for the removal of the autosave only), until `heal`.
    pub fn fail_paths(&self, part: &str) {
        *self.fail_paths.lock().unwrap() = Some(part.to_string());
    }

    /// Stop injecting failures.
    pub fn heal(&self) {
        self.fail_at.lock().unwrap().clear();
        *self.fail_paths.lock().unwrap() = None;
    }

    /// Calls made so far: "3 write_new history/x.json FAILED".
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    fn check(&self, op: &str, path: &Path) -> Result<(), StoreError> {
        let n = self.step.fetch_add(1, Ordering::SeqCst) + 1;
        let by_step = self.fail_at.lock().unwrap().contains(&n);
        let by_path = self
            .fail_paths
            .lock()
            .unwrap()
            .as_deref()
            .is_some_and(|p| format!("{op} {}", path.display()).contains(p));
        let fail = by_step || by_path;
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.log.lock().unwrap().push(format!(
            "{n} {op} {name}{}",
            if fail { " FAILED" } else { "" }
        ));
        if fail {
            return Err(StoreError::Io {
                path: path.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "no space left on device (injected)",
                ),
            });
        }
        Ok(())
    }
}

impl Disk for FaultyDisk {
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        self.check("write_atomic", path)?;
        RealDisk.write_atomic(path, bytes)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        self.check("write_new", path)?;
        RealDisk.write_new(path, bytes)
    }
    fn remove(&self, path: &Path) -> Result<(), StoreError> {
        self.check("remove", path)?;
        RealDisk.remove(path)
    }
}
