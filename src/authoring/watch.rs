//! `proctor preview --watch`: noticing that the file was saved. The folder is watched rather than
//! the file, because editors save by writing a new file and renaming it over the old one (a watch
//! on the old file would go quiet after the first save). An editor's several events for one save,
//! or a save that changed nothing, give one reading: the file's bytes are compared with the last.

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use xxhash_rust::xxh3::xxh3_64;

pub struct FileWatch {
    path: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    _watcher: Box<dyn Watcher + Send>,
    /// What the file held when last read (None: it could not be read).
    last: Option<u64>,
}

impl FileWatch {
    /// Watches `path` (which need not be readable yet); fails if its folder cannot be watched.
    pub fn new(path: &Path) -> notify::Result<FileWatch> {
        let (tx, events) = channel();
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut watcher: Box<dyn Watcher + Send> =
            match RecommendedWatcher::new(tx.clone(), notify::Config::default()) {
                Ok(w) => Box::new(w),
                // No native watcher here (a platform or a filesystem without one): look every second.
                Err(_) => Box::new(notify::PollWatcher::new(
                    tx,
                    notify::Config::default().with_poll_interval(std::time::Duration::from_secs(1)),
                )?),
            };
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
        Ok(FileWatch {
            path: path.to_path_buf(),
            events,
            _watcher: watcher,
            last: fingerprint(path),
        })
    }

    /// Reads the file with `read` on a thread of its own after each change, so a slow reading (a
    /// bank is validated against every shipped file: most of a second) never holds up the screen.
    /// The thread and the watch end when the returned [`Readings`] is dropped.
    pub fn on_change<T: Send + 'static>(
        mut self,
        read: impl Fn(&Path) -> T + Send + 'static,
    ) -> Readings<T> {
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                if self.changed() && tx.send(read(&self.path)).is_err() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        });
        Readings { rx, stop }
    }

    /// True when the file's content differs from the last time this said so (or from the start),
    /// after events about it arrived; never blocks.
    pub fn changed(&mut self) -> bool {
        let name = self.path.file_name();
        let mut touched = false;
        while let Ok(ev) = self.events.try_recv() {
            touched |= ev.is_ok_and(|e| {
                !matches!(e.kind, EventKind::Access(_))
                    && e.paths.iter().any(|p| p.file_name() == name)
            });
        }
        if !touched {
            return false;
        }
        let now = fingerprint(&self.path);
        if now == self.last {
            return false;
        }
        self.last = now;
        true
    }
}

/// The readings of a watched file, in the order of the saves; dropping it stops the watching.
pub struct Readings<T> {
    rx: Receiver<T>,
    stop: Arc<AtomicBool>,
}

impl<T> Readings<T> {
    /// The next reading if one is ready; never blocks.
    pub fn try_recv(&self) -> Option<T> {
        self.rx.try_recv().ok()
    }

    /// The next reading, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<T> {
        self.rx.recv_timeout(timeout).ok()
    }
}

impl<T> Drop for Readings<T> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// A hash of the file's bytes (capped like any bank file), or None when it cannot be read.
fn fingerprint(path: &Path) -> Option<u64> {
    crate::store::read::read_capped(path, crate::store::read::caps::BANK)
        .ok()
        .map(|b| xxh3_64(&b))
}
