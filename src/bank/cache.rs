//! Parsed and checked bank files, kept between runs so that start-up does not parse and validate
//! every bank again: each entry is keyed by a hash of the file's path and exact text (and of the
//! proctor binary that checked it), so a changed file, or a new proctor whose rules may differ,
//! simply misses. The cache file carries a checksum and a format version; a damaged, foreign or
//! unreadable cache is never trusted, only rebuilt. It lives in the data folder
//! (`cache/banks.bin`) and can be deleted at any time.

use super::diagnostic::Diagnostic;
use super::parse::Document;
use super::source::SourceFile;
use crate::store::read::{caps, read_capped};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// Bump when the layout of `Checked` (or anything inside it) changes.
const FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"PRCTBNK\0";

/// One file on its own: its document when it has no errors, and every finding about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Checked {
    pub doc: Option<Document>,
    pub diags: Vec<Diagnostic>,
}

/// The cache file: `MAGIC`, format (u32), xxh3 of the rest (u64), entry count (u32), then per
/// entry its key (u128), length (u64) and the postcard bytes of its `Checked`. Entries are decoded
/// only when looked up, and written back as the bytes they were read as.
pub struct BankCache {
    path: Option<PathBuf>,
    salt: u128,
    raw: Vec<u8>,
    index: HashMap<u128, std::ops::Range<usize>>,
    /// Looked up this run, in order, with the bytes of the entries that were not in the file.
    used: Vec<(u128, Option<Vec<u8>>)>,
    misses: usize,
    /// Why the cache on disk was not used, if it was there but not usable (for tests and benches).
    pub rejected: Option<String>,
}

impl BankCache {
    /// No file: every lookup misses and nothing is kept (validate, tests).
    pub fn disabled() -> BankCache {
        BankCache {
            path: None,
            salt: 0,
            raw: Vec::new(),
            index: HashMap::new(),
            used: Vec::new(),
            misses: 0,
            rejected: None,
        }
    }

    /// The cache in `data_dir/cache/banks.bin`, keyed also by this proctor binary.
    pub fn open(data_dir: &Path) -> BankCache {
        Self::open_salted(data_dir, binary_salt())
    }

    /// As `open` with an explicit salt (tests: a "new binary" is a new salt).
    pub fn open_salted(data_dir: &Path, salt: u128) -> BankCache {
        let path = data_dir.join("cache").join("banks.bin");
        let mut cache = BankCache {
            path: Some(path.clone()),
            salt,
            ..BankCache::disabled()
        };
        match read_capped(&path, caps::CACHE) {
            Ok(bytes) => match index(&bytes) {
                Ok(ix) => {
                    cache.index = ix;
                    cache.raw = bytes;
                }
                Err(why) => cache.rejected = Some(why),
            },
            Err(crate::store::read::ReadError::NotFound) => {}
            Err(e) => cache.rejected = Some(e.to_string()),
        }
        cache
    }

    /// The file's checked result from the cache, or `check()` (remembered for `save`). An entry
    /// that does not decode is treated as missing.
    pub fn get_or_check(&mut self, file: &SourceFile, check: impl FnOnce() -> Checked) -> Checked {
        let key = self.key(file);
        if let Some(range) = self.index.get(&key)
            && let Ok(hit) = postcard::from_bytes::<Checked>(&self.raw[range.clone()])
        {
            self.used.push((key, None));
            return hit;
        }
        self.misses += 1;
        let fresh = check();
        self.used.push((key, postcard::to_allocvec(&fresh).ok()));
        fresh
    }

    pub fn misses(&self) -> usize {
        self.misses
    }

    /// Writes the cache back if anything was missing or is no longer used (atomically; a cache
    /// that cannot be written, in a read-only folder, is simply not kept).
    pub fn save(&mut self) {
        let Some(path) = &self.path else { return };
        let stale = self.index.len() != self.used.len();
        if self.misses == 0 && !stale && self.rejected.is_none() {
            return;
        }
        let mut body = Vec::with_capacity(self.raw.len());
        let mut count = 0u32;
        for (key, fresh) in &self.used {
            let bytes = match fresh {
                Some(b) => b.as_slice(),
                None => &self.raw[self.index[key].clone()],
            };
            body.extend_from_slice(&key.to_le_bytes());
            body.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            body.extend_from_slice(bytes);
            count += 1;
        }
        let mut rest = Vec::with_capacity(body.len() + 4);
        rest.extend_from_slice(&count.to_le_bytes());
        rest.extend_from_slice(&body);
        let mut out = Vec::with_capacity(rest.len() + 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&xxh3_64(&rest).to_le_bytes());
        out.extend_from_slice(&rest);
        let _ = crate::store::atomic::write_atomic(path, &out);
    }

    fn key(&self, file: &SourceFile) -> u128 {
        let mut head = Vec::with_capacity(file.path.len() + 24);
        head.extend_from_slice(&self.salt.to_le_bytes());
        head.push(u8::from(file.shipped));
        head.extend_from_slice(file.path.as_bytes());
        head.push(0);
        xxh3_128(&head) ^ xxh3_128(file.text.as_bytes()).rotate_left(1)
    }
}

/// Checks the header and checksum and finds each entry; any inconsistency rejects the whole file.
fn index(bytes: &[u8]) -> Result<HashMap<u128, std::ops::Range<usize>>, String> {
    if bytes.len() < 24 || &bytes[..8] != MAGIC {
        return Err("not a proctor bank cache".into());
    }
    let format = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
    if format != FORMAT {
        return Err(format!(
            "cache format {format}, this proctor writes {FORMAT}"
        ));
    }
    let sum = u64::from_le_bytes(bytes[12..20].try_into().unwrap());
    if xxh3_64(&bytes[20..]) != sum {
        return Err("checksum does not match (damaged)".into());
    }
    let count = u32::from_le_bytes(bytes[20..24].try_into().unwrap());
    let mut ix = HashMap::new();
    let mut at = 24usize;
    for _ in 0..count {
        let head = bytes
            .get(at..at + 24)
            .ok_or("entry header past the end (damaged)")?;
        let key = u128::from_le_bytes(head[..16].try_into().unwrap());
        let len = u64::from_le_bytes(head[16..].try_into().unwrap()) as usize;
        let start = at + 24;
        let end = start
            .checked_add(len)
            .filter(|&e| e <= bytes.len())
            .ok_or("entry past the end (damaged)")?;
        ix.insert(key, start..end);
        at = end;
    }
    if at != bytes.len() {
        return Err("trailing bytes (damaged)".into());
    }
    Ok(ix)
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
        assert!(c.rejected.as_deref().unwrap().contains("damaged"));
        c.get_or_check(&fs[0], || check_file(&fs[0], None));
        assert_eq!(c.misses(), 1);
        c.save();
        assert!(
            BankCache::open_salted(d.path(), 1).rejected.is_none(),
            "rebuilt"
        );
        std::fs::write(&p, b"garbage").unwrap();
        assert!(BankCache::open_salted(d.path(), 1).rejected.is_some());
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
            assert_eq!(cached.banks, plain.banks, "{round}");
            assert_eq!(cached.blueprints, plain.blueprints, "{round}");
            if round == "warm" {
                assert_eq!(cache.misses(), 0);
            }
        }
        assert!(plain_report.errors() > 0, "the fixtures do have findings");
    }
}
