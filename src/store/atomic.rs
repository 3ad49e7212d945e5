//! Write-then-rename: a reader (or a crash) sees the old file or the new one, never half of one.
//! Records and moved-aside files are created, never replaced: a name already taken is an error
//! (or the next free name), so one file can never silently stand in for two.

use super::{StoreError, io_err};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The prefix of every temporary file; leftovers from an interrupted save are removed at start.
pub const TEMP_PREFIX: &str = ".tmp-";

fn temp_with(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    super::guard::writable(path).map_err(io_err(path))?;
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    tmp.write_all(bytes).map_err(io_err(path))?;
    tmp.as_file().sync_all().map_err(io_err(path))?;
    Ok(tmp)
}

fn sync_dir(path: &Path) {
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all(); // Not supported on every platform; the rename is still atomic.
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder: write, fsync, rename, then
/// fsync the folder so the rename itself survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = temp_with(path, bytes)?;
    tmp.persist(path).map_err(|e| StoreError::Io {
        path: path.display().to_string(),
        source: e.error,
    })?;
    sync_dir(path);
    Ok(())
}

/// As [`write_atomic`], but `path` must not exist yet: fails with `AlreadyExists` instead of
/// replacing it (link-or-rename-noreplace, atomic on every platform tempfile supports).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = temp_with(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| StoreError::Io {
        path: path.display().to_string(),
        source: e.error,
    })?;
    sync_dir(path);
    Ok(())
}

/// Renames `from` to `to` only if `to` does not exist. Linux does this atomically
/// (`RENAME_NOREPLACE`); elsewhere the check and the rename are separate steps, which is safe
/// because the data-folder lock keeps other proctors out.
pub fn rename_new(from: &Path, to: &Path) -> std::io::Result<()> {
    super::guard::writable(from)?;
    super::guard::writable(to)?;
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let a = std::ffi::CString::new(from.as_os_str().as_bytes())?;
        let b = std::ffi::CString::new(to.as_os_str().as_bytes())?;
        // SAFETY: two NUL-terminated paths; renameat2 does not keep them.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // Filesystems without RENAME_NOREPLACE say EINVAL; fall back to check-then-rename.
        if e.raw_os_error() != Some(libc::EINVAL) && e.raw_os_error() != Some(libc::ENOSYS) {
            return Err(e);
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    }
    std::fs::rename(from, to)
}

/// Moves a file proctor cannot use aside (`name.unreadable-<stamp>`, then `-2`, `-3`... if that
/// name is taken) and returns the new path, so it is kept for the user and never overwritten.
/// Works for anything with a name: a damaged file, a folder, a FIFO.
pub fn move_aside(path: &Path, stamp: &str) -> Result<PathBuf, StoreError> {
    move_aside_as(path, "unreadable", stamp)
}

/// As [`move_aside`] with another word in the name (`name.<word>-<stamp>`).
pub fn move_aside_as(path: &Path, word: &str, stamp: &str) -> Result<PathBuf, StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 1..=1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = path.with_file_name(format!("{name}.{word}-{stamp}{suffix}"));
        match rename_new(path, &aside) {
            Ok(()) => return Ok(aside),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(path)(e)),
        }
    }
    Err(io_err(path)(std::io::Error::other(
        "a thousand moved-aside copies already exist; clear some out",
    )))
}

/// Removes temporary files left by saves that were interrupted (kill -9, power cut) from `dir`;
/// returns how many. Only regular files with the temp prefix are touched. Call only while holding
/// the data-folder lock, so no other proctor is in the middle of a save.
pub fn clean_temps(dir: &Path) -> usize {
    if super::guard::writable(dir).is_err() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let is_temp = e.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        let regular = e.file_type().is_ok_and(|t| t.is_file());
        if is_temp && regular && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/f.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(d.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn write_new_never_replaces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("r.json");
        write_new(&p, b"first").unwrap();
        let e = write_new(&p, b"second").unwrap_err();
        assert!(
            matches!(e, StoreError::Io { ref source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists),
            "{e}"
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"first");
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "no temp left"
        );
    }

    #[test]
    fn move_aside_keeps_the_bytes_and_never_overwrites_an_earlier_copy() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("h.json");
        std::fs::write(&p, b"garbage").unwrap();
        let first = move_aside(&p, "x").unwrap();
        assert!(!p.exists());
        assert_eq!(std::fs::read(&first).unwrap(), b"garbage");
        std::fs::write(&p, b"other garbage").unwrap();
        let second = move_aside(&p, "x").unwrap();
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with(".unreadable-x-2"));
        assert_eq!(std::fs::read(&first).unwrap(), b"garbage");
        assert_eq!(std::fs::read(&second).unwrap(), b"other garbage");
        std::fs::create_dir(&p).unwrap();
        let third = move_aside(&p, "x").unwrap();
        assert!(third.is_dir(), "a folder in a file's place moves aside too");
    }

    #[test]
    fn clean_temps_removes_only_leftover_temp_files() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(".tmp-abc"), b"half").unwrap();
        std::fs::write(d.path().join("in-progress.json"), b"{}").unwrap();
        std::fs::create_dir(d.path().join(".tmp-dir")).unwrap();
        assert_eq!(clean_temps(d.path()), 1);
        assert!(d.path().join("in-progress.json").exists());
        assert!(d.path().join(".tmp-dir").exists());
    }
}
