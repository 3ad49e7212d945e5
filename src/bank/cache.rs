//! Parsed and checked bank files, kept between runs so that start-up does not parse and validate
//! every bank again: each entry is keyed by a hash of the file's path and exact text (and of the
//! proctor binary that checked it), so a changed file, or a new proctor whose rules may differ,
//! simply misses. Beside it, `library.bin` keeps summaries of whole loads (see `library`). Each
//! file carries a checksum and a format version; a damaged, foreign or unreadable cache is never
//! trusted, only rebuilt. Both live in the data folder (`cache/`) and can be deleted at any time.

use super::cache_file::{EntryFile, encode};
use super::diagnostic::Diagnostic;
use super::parse::Document;
use super::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// One file on its own: its document when it has no errors, and every finding about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Checked {
    pub doc: Option<Document>,
    pub diags: Vec<Diagnostic>,
}

/// Looked up this run, in order, with the bytes of the entries that were not in the file.
type Used = Vec<(u128, Option<Vec<u8>>)>;

/// Two files in `cache/`: `banks.bin`, each file's `Checked` (large: read only when something
/// must be decoded), and `library.bin`, the summary of a whole load (small: read at every start).
/// Entries are decoded only when looked up, and written back as the bytes they were read as.
pub struct BankCache {
    dir: Option<PathBuf>,
    salt: u128,
    files: Arc<FilesCache>,
    library: EntryFile,
    library_rejected: Option<String>,
    used_files: Used,
    used_library: Used,
    misses: usize,
}

/// `banks.bin`, read on first need and shared with the catalog's banks that are not decoded yet.
pub struct FilesCache {
    path: Option<PathBuf>,
    cell: OnceLock<(EntryFile, Option<String>)>,
}

impl FilesCache {
    fn get(&self) -> &(EntryFile, Option<String>) {
        self.cell.get_or_init(|| match &self.path {
            None => (EntryFile::default(), None),
            Some(p) => match EntryFile::read(p) {
                Ok(f) => (f, None),
                Err(why) => (EntryFile::default(), Some(why)),
            },
        })
    }

    /// The checked file cached under `key`, if it is there and decodes.
    pub fn checked(&self, key: u128) -> Option<Checked> {
        postcard::from_bytes(self.get().0.get(key)?).ok()
    }
}

impl std::fmt::Debug for FilesCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FilesCache({:?})", self.path)
    }
}

impl BankCache {
    /// No file: every lookup misses and nothing is kept (validate, tests).
    pub fn disabled() -> BankCache {
        BankCache {
            dir: None,
            salt: 0,
            files: Arc::new(FilesCache {
                path: None,
                cell: OnceLock::new(),
            }),
            library: EntryFile::default(),
            library_rejected: None,
            used_files: Vec::new(),
            used_library: Vec::new(),
            misses: 0,
        }
    }

    /// The cache in `data_dir/cache/`, keyed also by this proctor binary.
    pub fn open(data_dir: &Path) -> BankCache {
        Self::open_salted(data_dir, binary_salt())
    }

    /// As `open` with an explicit salt (tests: a "new binary" is a new salt).
    pub fn open_salted(data_dir: &Path, salt: u128) -> BankCache {
        let dir = data_dir.join("cache");
        let (library, library_rejected) = match EntryFile::read(&dir.join("library.bin")) {
            Ok(f) => (f, None),
            Err(why) => (EntryFile::default(), Some(why)),
        };
        BankCache {
            files: Arc::new(FilesCache {
                path: Some(dir.join("banks.bin")),
                cell: OnceLock::new(),
            }),
            dir: Some(dir),
            salt,
            library,
            library_rejected,
            ..BankCache::disabled()
        }
    }

    /// Why a cache file on disk was not used, if one was there but not usable (tests, benches).
    /// Reads `banks.bin` if it was not read yet.
    pub fn rejected(&self) -> Option<String> {
        self.library_rejected
            .clone()
            .or_else(|| self.files.get().1.clone())
    }

    /// The file's checked result from the cache, or `check()` (remembered for `save`). An entry
    /// that does not decode is treated as missing.
    pub fn get_or_check(&mut self, file: &SourceFile, check: impl FnOnce() -> Checked) -> Checked {
        let key = self.key(file);
        if let Some(hit) = self.files.checked(key) {
            self.used_files.push((key, None));
            return hit;
        }
        self.misses += 1;
        let fresh = check();
        self.used_files
            .push((key, postcard::to_allocvec(&fresh).ok()));
        fresh
    }

    /// The whole-load summary under `key`, if cached and it decodes (then kept).
    pub fn summary<T: serde::de::DeserializeOwned>(&mut self, key: u128) -> Option<T> {
        let found = postcard::from_bytes(self.library.get(key)?).ok()?;
        self.used_library.push((key, None));
        Some(found)
    }

    /// Keeps a whole-load summary under `key`.
    pub fn put_summary(&mut self, key: u128, bytes: Vec<u8>) {
        self.misses += 1;
        self.used_library.push((key, Some(bytes)));
    }

    /// Shared with the banks a summary hit leaves to decode later.
    pub fn files(&self) -> Arc<FilesCache> {
        self.files.clone()
    }

    pub fn salt(&self) -> u128 {
        self.salt
    }

    pub fn misses(&self) -> usize {
        self.misses
    }

    /// Writes back each cache file if anything was missing from it or is no longer used
    /// (atomically; a cache that cannot be written, in a read-only folder, is simply not kept).
    /// `banks.bin` is left alone when nothing was looked up in it (a summary hit).
    pub fn save(&mut self) {
        let Some(dir) = &self.dir else { return };
        if !self.used_files.is_empty() {
            let (file, rejected) = self.files.get();
            if let Some(out) = rewrite(&self.used_files, file, rejected.is_some()) {
                let _ = crate::store::atomic::write_atomic(&dir.join("banks.bin"), &out);
            }
        }
        if let Some(out) = rewrite(
            &self.used_library,
            &self.library,
            self.library_rejected.is_some(),
        ) {
            let _ = crate::store::atomic::write_atomic(&dir.join("library.bin"), &out);
        }
    }

    /// The key of one file's entry: this binary, where the file is, and its exact text.
    pub fn key(&self, file: &SourceFile) -> u128 {
        let mut head = Vec::with_capacity(file.path.len() + 24);
        head.extend_from_slice(&self.salt.to_le_bytes());
        head.push(u8::from(file.shipped));
        head.extend_from_slice(file.path.as_bytes());
        head.push(0);
        xxh3_128(&head) ^ xxh3_128(file.text.as_bytes()).rotate_left(1)
    }
}

/// The new bytes of a cache file holding exactly the entries used, or None when it already does.
fn rewrite(used: &Used, file: &EntryFile, rejected: bool) -> Option<Vec<u8>> {
    let mut seen = HashSet::new();
    let entries: Vec<(u128, &[u8])> = used
        .iter()
        .filter(|(k, _)| seen.insert(*k))
        .filter_map(|(k, fresh)| Some((*k, fresh.as_deref().or_else(|| file.get(*k))?)))
        .collect();
    let fresh = used.iter().any(|(_, f)| f.is_some());
    if !fresh && !rejected && entries.len() == file.index.len() {
        return None;
    }
    Some(encode(entries.into_iter()))
}

/// This binary's identity: its size and modification time, so a rebuilt or upgraded proctor
/// (whose rules may differ) never reuses findings made by another.
fn binary_salt() -> u128 {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    let Ok(m) = meta else {
        return u128::from(xxh3_64(env!("CARGO_PKG_VERSION").as_bytes()));
    };
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    xxh3_128(format!("{}:{}:{}", env!("CARGO_PKG_VERSION"), m.len(), mtime).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::catalog::check_file;

    fn files() -> Vec<SourceFile> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo");
        let mut d = Vec::new();
        SourceFile::from_path(&dir, &mut d)
    }

    #[test]
    fn a_second_run_hits_and_gives_the_same_result() {
        let d = tempfile::tempdir().unwrap();
        let fs = files();
        let mut first = BankCache::open_salted(d.path(), 7);
        let a: Vec<_> = fs
            .iter()
            .map(|f| first.get_or_check(f, || check_file(f, None)))
            .collect();
        assert_eq!(first.misses(), fs.len());
        first.save();
        let mut second = BankCache::open_salted(d.path(), 7);
        let b: Vec<_> = fs
            .iter()
            .map(|f| second.get_or_check(f, || panic!("should hit")))
            .collect();
        assert_eq!(second.misses(), 0);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        // Another binary misses.
        let mut other = BankCache::open_salted(d.path(), 8);
        other.get_or_check(&fs[0], || check_file(&fs[0], None));
        assert_eq!(other.misses(), 1);
    }

    #[test]
    fn a_changed_file_misses_and_a_damaged_cache_is_never_trusted() {
        let d = tempfile::tempdir().unwrap();
        let fs = files();
        let mut c = BankCache::open_salted(d.path(), 1);
        for f in &fs {
            c.get_or_check(f, || check_file(f, None));
        }
        c.save();
        let edited = SourceFile::new(fs[0].path.clone(), format!("{}\n", fs[0].text), false);
        let mut c = BankCache::open_salted(d.path(), 1);
        c.get_or_check(&edited, || check_file(&edited, None));
        assert_eq!(c.misses(), 1);

        let p = d.path().join("cache/banks.bin");
        let mut bytes = std::fs::read(&p).unwrap();
        let n = bytes.len();
        bytes[n - 3] ^= 0x55;
        std::fs::write(&p, &bytes).unwrap();
        let mut c = BankCache::open_salted(d.path(), 1);
        assert!(c.rejected().unwrap().contains("damaged"));
        c.get_or_check(&fs[0], || check_file(&fs[0], None));
        assert_eq!(c.misses(), 1);
        c.save();
        assert!(
            BankCache::open_salted(d.path(), 1).rejected().is_none(),
            "rebuilt"
        );
        std::fs::write(&p, b"garbage").unwrap();
        assert!(BankCache::open_salted(d.path(), 1).rejected().is_some());
    }
}

#[cfg(test)]
mod same_findings {
    use super::*;
    use crate::bank::Catalog;

    /// Every invalid fixture plus the shipped files: loading through the cache, cold and warm,
    /// gives exactly the findings and the catalog of a plain load.
    #[test]
    fn cached_loads_match_plain_loads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut d = Vec::new();
        let mut files = SourceFile::shipped_files();
        files.extend(SourceFile::from_path(&root.join("invalid"), &mut d));
        files.extend(SourceFile::from_path(&root.join("demo"), &mut d));
        let (plain, plain_report) = Catalog::load(&files, false);
        let dir = tempfile::tempdir().unwrap();
        for round in ["cold", "warm"] {
            let mut cache = BankCache::open_salted(dir.path(), 3);
            let (cached, report) = Catalog::load_cached(&files, false, &mut cache);
            cache.save();
            assert_eq!(report.diagnostics, plain_report.diagnostics, "{round}");
            assert_eq!(report.rejected, plain_report.rejected, "{round}");
            assert_eq!(
                cached.banks().collect::<Vec<_>>(),
                plain.banks().collect::<Vec<_>>(),
                "{round}"
            );
            assert_eq!(cached.blueprints, plain.blueprints, "{round}");
            if round == "warm" {
                assert_eq!(cache.misses(), 0);
            }
        }
        assert!(plain_report.errors() > 0, "the fixtures do have findings");
    }
}
