//! One switch every write into the data folder passes: in a debug build, the folder named by
//! `PROCTOR_TEST_READ_ONLY_DIR` refuses every write as a read-only mount does (EROFS). The
//! read-only-folder test needs it when it runs as root (as CI does), since root ignores the
//! permission bits a `chmod` sets. A release build has no such switch.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The variable the tests set.
pub const TEST_READ_ONLY_VAR: &str = "PROCTOR_TEST_READ_ONLY_DIR";

fn read_only_root() -> Option<&'static Path> {
    static ROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
    ROOT.get_or_init(|| {
        if cfg!(debug_assertions) {
            std::env::var_os(TEST_READ_ONLY_VAR).map(PathBuf::from)
        } else {
            None
        }
    })
    .as_deref()
}

/// Fails as a read-only file system would when `path` is in the folder made read-only.
pub fn writable(path: &Path) -> std::io::Result<()> {
    refuse_under(read_only_root(), path)
}

fn refuse_under(root: Option<&Path>, path: &Path) -> std::io::Result<()> {
    match root {
        Some(r) if path.starts_with(r) => Err(std::io::Error::new(
            std::io::ErrorKind::ReadOnlyFilesystem,
            "read-only file system (injected)",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_in_the_folder_are_refused() {
        let root = Path::new("/data/ro");
        let e = refuse_under(Some(root), &root.join("history/x.json")).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::ReadOnlyFilesystem);
        assert!(refuse_under(Some(root), root).is_err());
        assert!(refuse_under(Some(root), Path::new("/data/rw/x")).is_ok());
        assert!(refuse_under(None, root).is_ok());
    }
}
