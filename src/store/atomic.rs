//! Write-then-rename: a reader (or a crash) sees the old file or the new one, never half of one.

use super::{StoreError, io_err};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder: write, fsync, rename, then
/// fsync the folder so the rename itself survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    tmp.write_all(bytes).map_err(io_err(path))?;
    tmp.as_file().sync_all().map_err(io_err(path))?;
    tmp.persist(path).map_err(|e| StoreError::Io {
        path: path.display().to_string(),
        source: e.error,
    })?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all(); // Not supported on every platform; the rename is still atomic.
    }
    Ok(())
}

/// Moves an unreadable file aside (`name.unreadable-<stamp>`) and returns the new path, so it is
/// kept for the user and never overwritten.
pub fn move_aside(path: &Path, stamp: &str) -> Result<std::path::PathBuf, StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    std::fs::rename(path, &aside).map_err(io_err(path))?;
    Ok(aside)
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
    fn move_aside_keeps_the_bytes() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("h.json");
        std::fs::write(&p, b"garbage").unwrap();
        let aside = move_aside(&p, "x").unwrap();
        assert!(!p.exists());
        assert_eq!(std::fs::read(aside).unwrap(), b"garbage");
    }
}
