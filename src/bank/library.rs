//! The start-up load of the whole library (shipped banks, the data folder's `banks/`, each
//! `--bank-dir`) in one step that reads no bank file when none changed: the files found are keyed
//! by what `stat` says of them (size, modification and change times, inode, device, mode) and
//! the shipped ones by this binary, and a summary of the whole load — findings, blueprints, each
//! bank's exam and question ids and domains — is kept under that key in `cache/library.bin`. A
//! hit builds the catalog from the summary and leaves every bank to decode when it is first used;
//! a miss loads as before (each unchanged file's parse and checks from `cache/banks.bin`) and
//! keeps a new summary. `proctor validate` never comes here.

use super::cache::BankCache;
use super::catalog::{Catalog, LoadReport};
use super::diagnostic::{Diagnostic, Pos};
use super::lazy::{BankHead, Origin, Slot};
use super::model::Blueprint;
use super::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;
use xxhash_rust::xxh3::xxh3_128;

/// Where the library is: the data folder's `banks/` and each `--bank-dir`, after the shipped banks.
pub struct Roots<'a> {
    pub user: &'a Path,
    pub extra: &'a [PathBuf],
}

/// Everything a hit needs to rebuild the load.
#[derive(Serialize, Deserialize)]
struct Summary {
    files: usize,
    diagnostics: Vec<Diagnostic>,
    rejected: Vec<String>,
    blueprints: Vec<Blueprint>,
    banks: Vec<(BankHead, Origin)>,
}

/// The shipped files, then the user's banks folder, then each `--bank-dir`, read; what could not
/// be read is in `diags`.
pub fn sources(roots: &Roots, diags: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let mut files = SourceFile::shipped_files();
    each_root(roots, diags, |dir, diags| {
        files.extend(SourceFile::from_path(dir, diags))
    });
    files
}

fn each_root(
    roots: &Roots,
    diags: &mut Vec<Diagnostic>,
    mut visit: impl FnMut(&Path, &mut Vec<Diagnostic>),
) {
    if roots.user.is_dir() {
        visit(roots.user, diags);
    }
    for dir in roots.extra {
        if dir.exists() {
            visit(dir, diags);
        } else {
            diags.push(Diagnostic::error(
                &dir.display().to_string(),
                Pos::START,
                "--bank-dir: no such file or folder",
            ));
        }
    }
}

/// Loads the library, from the summary when no file changed since it was kept.
pub fn load(roots: &Roots, cache: &mut BankCache) -> (Catalog, LoadReport) {
    load_settled(roots, cache, SETTLE)
}

/// As `load`, trusting `stat` for files unchanged for `settle` (tests: zero).
pub(crate) fn load_settled(
    roots: &Roots,
    cache: &mut BankCache,
    settle: Duration,
) -> (Catalog, LoadReport) {
    let key = listing_key(roots, cache.salt(), settle);
    if let Some(hit) = key.and_then(|k| cache.summary::<Summary>(k)) {
        let files = cache.files();
        let slots = hit
            .banks
            .into_iter()
            .map(|(head, origin)| Slot::deferred(head, files.clone(), origin))
            .collect();
        let report = LoadReport {
            diagnostics: hit.diagnostics,
            files: hit.files,
            rejected: hit.rejected,
        };
        return (Catalog::from_slots(hit.blueprints, slots), report);
    }
    let mut diagnostics = Vec::new();
    let files = sources(roots, &mut diagnostics);
    let ((catalog, mut report), origins) = Catalog::load_cached_with_origins(&files, false, cache);
    diagnostics.append(&mut report.diagnostics);
    report.diagnostics = diagnostics;
    let summary = Summary {
        files: report.files,
        diagnostics: report.diagnostics.clone(),
        rejected: report.rejected.clone(),
        blueprints: catalog.blueprints.clone(),
        banks: catalog
            .heads()
            .zip(origins)
            .map(|(head, fi)| {
                let file = &files[fi];
                let origin = Origin {
                    key: cache.key(file),
                    path: file.path.clone(),
                    shipped: file.shipped,
                };
                (head.clone(), origin)
            })
            .collect(),
    };
    if let (Some(key), Ok(bytes)) = (key, postcard::to_allocvec(&summary)) {
        cache.put_summary(key, bytes);
    }
    (catalog, report)
}

/// A key that changes whenever a load could give another result: this binary (the shipped
/// files and the rules), every file found with its `stat`, and the findings of finding them.
/// None when a file changed in the last few seconds: file times are only as fine as the kernel's
/// clock tick, so a second edit of the same size right after the first could keep its key (git's
/// "racily clean" case); such a load uses the per-file content cache only.
fn listing_key(roots: &Roots, salt: u128, settle: Duration) -> Option<u128> {
    let mut h = Vec::with_capacity(4096);
    h.extend_from_slice(&salt.to_le_bytes());
    h.extend_from_slice(b"library\0");
    for p in SourceFile::shipped_paths() {
        h.extend_from_slice(p.as_bytes());
        h.push(0);
    }
    let mut diags = Vec::new();
    let mut paths = Vec::new();
    each_root(roots, &mut diags, |dir, diags| {
        paths.extend(SourceFile::list(dir, diags))
    });
    let settled = std::time::SystemTime::now() - settle;
    for p in paths {
        h.extend_from_slice(p.as_os_str().as_encoded_bytes());
        h.push(0);
        if !stat_into(&p, &mut h, settled) {
            return None;
        }
    }
    h.extend_from_slice(format!("{diags:?}").as_bytes());
    Some(xxh3_128(&h))
}

/// How long a file must be unchanged before its `stat` alone vouches for its content.
const SETTLE: Duration = Duration::from_secs(3);

/// Adds what `stat` says of `p` to the key; false when it changed after `settled`.
#[cfg(unix)]
fn stat_into(p: &Path, h: &mut Vec<u8>, settled: std::time::SystemTime) -> bool {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(p) {
        Ok(m) => {
            let ctime = std::time::UNIX_EPOCH
                + std::time::Duration::new(m.ctime().max(0) as u64, m.ctime_nsec() as u32);
            if m.modified().map_or(true, |t| t > settled) || ctime > settled {
                return false;
            }
            for v in [
                m.len() as i64,
                m.mtime(),
                m.mtime_nsec(),
                m.ctime(),
                m.ctime_nsec(),
                m.ino() as i64,
                m.dev() as i64,
                i64::from(m.mode()),
            ] {
                h.extend_from_slice(&v.to_le_bytes());
            }
        }
        Err(e) => h.extend_from_slice(format!("{:?}", e.kind()).as_bytes()),
    }
    true
}

/// Without inode numbers and change times, the file's text is part of its key.
#[cfg(not(unix))]
fn stat_into(p: &Path, h: &mut Vec<u8>, _settled: std::time::SystemTime) -> bool {
    match std::fs::read(p) {
        Ok(b) => h.extend_from_slice(&xxh3_128(&b).to_le_bytes()),
        Err(e) => h.extend_from_slice(format!("{:?}", e.kind()).as_bytes()),
    }
    true
}

#[cfg(test)]
#[path = "library_tests.rs"]
mod tests;
