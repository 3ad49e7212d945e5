//! Where bank and blueprint files come from: the copy built into the binary, and folders on disk.

use super::diagnostic::{Diagnostic, Pos};
use super::scan::{PosIndex, scan};
use crate::store::read::{ReadError, read_capped};
use include_dir::{Dir, include_dir};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The shipped banks, so an installed binary works from any folder.
static SHIPPED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/question-banks");

/// Larger than any real bank (a 10,000-question bank is about 7 MiB), small enough that a hostile
/// file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = crate::store::read::caps::BANK;

/// One file's text, with a position index built only if a finding needs it.
#[derive(Debug)]
pub struct SourceFile {
    /// As shown in findings: relative for shipped files, as given for the user's.
    pub path: String,
    pub text: String,
    pub shipped: bool,
    index: OnceLock<Option<PosIndex>>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>, shipped: bool) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            shipped,
            index: OnceLock::new(),
        }
    }

    /// Where the value at `key_path` (e.g. `questions[3].answer`) starts, or the nearest ancestor.
    pub fn pos(&self, key_path: &str) -> Pos {
        self.index
            .get_or_init(|| scan(&self.path, &self.text, &mut Vec::new()))
            .as_ref()
            .map_or(Pos::START, |idx| idx.find(key_path))
    }

    /// Raw bytes of a shipped data file, by its path under question-banks/ (e.g. code sets).
    pub fn shipped_bytes(path: &str) -> Option<&'static [u8]> {
        SHIPPED.get_file(path).map(|f| f.contents())
    }

    pub fn shipped_files() -> Vec<SourceFile> {
        let mut out = Vec::new();
        collect_shipped(&SHIPPED, &mut out);
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Every `.yaml`/`.yml` file under `root` (or `root` itself when it is a file), sorted by path.
    /// Unreadable files, FIFOs, devices, oversized files and links that loop become findings
    /// instead of failing (or hanging) the whole load.
    pub fn from_path(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
        Self::list(root, diags)
            .into_iter()
            .filter_map(|p| read_one(&p, diags))
            .collect()
    }

    /// The paths `from_path` would read, sorted, with the findings of looking for them (links
    /// that loop, folders that cannot be read) but without reading any file.
    pub fn list(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<std::path::PathBuf> {
        let mut paths = Vec::new();
        if root.is_dir() {
            walk(root, &mut paths, diags, 0, &mut HashMap::new());
        } else {
            paths.push(root.to_path_buf());
        }
        paths.sort();
        paths
    }

    /// The paths of the shipped files, as `shipped_files` names them, without copying any text.
    pub fn shipped_paths() -> Vec<String> {
        fn collect(dir: &Dir<'static>, out: &mut Vec<String>) {
            for file in dir.files() {
                if is_yaml(file.path()) {
                    out.push(format!("question-banks/{}", file.path().display()));
                }
            }
            for sub in dir.dirs() {
                collect(sub, out);
            }
        }
        let mut out = Vec::new();
        collect(&SHIPPED, &mut out);
        out.sort();
        out
    }
}

fn collect_shipped(dir: &Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if is_yaml(file.path()) {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            let path = format!("question-banks/{}", file.path().display());
            out.push(SourceFile::new(path, text, true));
        }
    }
    for sub in dir.dirs() {
        collect_shipped(sub, out);
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("yaml") | Some("yml")
    )
}

/// Collects bank files under `dir`, following links but each real folder only once (a link to a
/// parent or to itself would otherwise multiply the files without end). What is skipped is said.
fn walk(
    dir: &Path,
    out: &mut Vec<std::path::PathBuf>,
    diags: &mut Vec<Diagnostic>,
    depth: usize,
    seen: &mut HashMap<std::path::PathBuf, String>,
) {
    let display = dir.display().to_string();
    if depth > 8 {
        diags.push(Diagnostic::warning(
            &display,
            Pos::START,
            "folders nested deeper than 8 levels are not searched for banks",
        ));
        return;
    }
    let real = match std::fs::canonicalize(dir) {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(
                &display,
                Pos::START,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    if let Some(first) = seen.get(&real) {
        diags.push(Diagnostic::warning(
            &display,
            Pos::START,
            format!("the same folder as {first} (through a link): searched once, skipped here"),
        ));
        return;
    }
    seen.insert(real, display.clone());
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                &display,
                Pos::START,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let p = entry.path();
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        let is_dir = if ft.is_symlink() {
            match std::fs::metadata(&p) {
                Ok(m) => m.is_dir(),
                Err(e) => {
                    diags.push(Diagnostic::warning(
                        &p.display().to_string(),
                        Pos::START,
                        format!("a link that cannot be followed ({e}): skipped"),
                    ));
                    continue;
                }
            }
        } else {
            ft.is_dir()
        };
        if is_dir {
            walk(&p, out, diags, depth + 1, seen);
        } else if is_yaml(&p) {
            out.push(p);
        }
    }
}

fn read_one(p: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let display = p.display().to_string();
    let bytes = match read_capped(p, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::TooBig { size, .. }) => {
            diags.push(Diagnostic::error(
                &display,
                Pos::START,
                format!(
                    "file is {size} bytes, over the {} MiB limit for one bank: split it into several files",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            ));
            return None;
        }
        Err(ReadError::NotRegular(kind)) => {
            diags.push(Diagnostic::error(
                &display,
                Pos::START,
                format!(
                    "{kind}, not a regular file: proctor reads only regular files; skipped (replace it with the bank file itself)"
                ),
            ));
            return None;
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                &display,
                Pos::START,
                format!("cannot read file: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(display, text, false)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..good]);
            diags.push(Diagnostic::error(
                &display,
                Pos::of_offset(&text, good),
                "not valid UTF-8 text: save the file as UTF-8",
            ));
            None
        }
    }
}
