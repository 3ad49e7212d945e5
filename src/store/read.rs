//! Reading a file proctor did not write itself, safely: only regular files, never more than a cap.
//!
//! A FIFO named like a data file would block `open` forever, a link to `/dev/zero` would be read
//! until memory runs out, and a file can grow between `stat` and `read`. So the file is opened
//! without blocking, checked with `fstat` on the open handle (no race with a rename), and read
//! through `take(cap + 1)`.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use thiserror::Error;

/// Size caps, one per kind of file proctor reads (docs/reliability.md lists them).
pub mod caps {
    /// A question bank or blueprint (YAML). A 10,000-question bank is about 7 MiB.
    pub const BANK: u64 = 16 * 1024 * 1024;
    /// The exam in progress (`in-progress.json`). A 1,000-question attempt is about 150 KiB.
    pub const AUTOSAVE: u64 = 16 * 1024 * 1024;
    /// One history record (`history/*.json`). A 1,000-question record is about 250 KiB.
    pub const RECORD: u64 = 16 * 1024 * 1024;
    /// The study plan (`plan.json`): a few dozen bytes.
    pub const PLAN: u64 = 64 * 1024;
    /// The parsed-bank cache (`cache/banks.bin`): about 1.1 bytes per byte of YAML cached.
    pub const CACHE: u64 = 256 * 1024 * 1024;
}

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("{0}, not a regular file")]
    NotRegular(&'static str),
    #[error("{size} bytes, over the {cap_mib} MiB limit for this kind of file")]
    TooBig { size: u64, cap_mib: u64 },
    #[error("{0}")]
    Io(std::io::Error),
}

impl ReadError {
    fn from_io(e: std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(e),
        }
    }
}

/// What a path is, in words, for messages ("a folder", "a FIFO"...).
pub fn kind_of(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_file() {
        "a file"
    } else {
        "not a file"
    }
}

/// The bytes of the regular file at `path` (links followed), at most `cap` of them.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path).map_err(ReadError::from_io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    let too_big = |size| ReadError::TooBig {
        size,
        cap_mib: (cap / 1024 / 1024).max(1),
    };
    if meta.len() > cap {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever. It has
    // no effect on reading regular files.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_up_to_the_cap() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_capped(&p, 5).unwrap(), b"12345");
        assert!(matches!(
            read_capped(&p, 4),
            Err(ReadError::TooBig { size: 5, .. })
        ));
        assert!(matches!(
            read_capped(&d.path().join("none"), 4),
            Err(ReadError::NotFound)
        ));
        assert!(matches!(
            read_capped(d.path(), 4),
            Err(ReadError::NotRegular("a folder"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn fifo_and_dev_zero_are_refused_at_once() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("in-progress.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo on a NUL-terminated path we own.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let t = std::time::Instant::now();
        assert!(matches!(
            read_capped(&fifo, 1024),
            Err(ReadError::NotRegular("a FIFO"))
        ));
        let zero = d.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_capped(&zero, 1024),
            Err(ReadError::NotRegular("a character device"))
        ));
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }
}
