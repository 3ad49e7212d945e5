//! The on-disk form shared by the cache files: `MAGIC`, format (u32), xxh3 of the rest (u64),
//! entry count (u32), then per entry its key (u128), length (u64) and its bytes. Any inconsistency
//! (foreign file, other format, checksum, lengths) rejects the whole file: never trusted, rebuilt.

use crate::store::read::{ReadError, caps, read_capped};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// Bump when the layout of anything stored (`Checked`, `Summary` and what they hold) changes.
pub const FORMAT: u32 = 3;
const MAGIC: &[u8; 8] = b"PRCTBNK\0";

/// A cache file read and checked: its bytes and where each entry is.
#[derive(Default)]
pub struct EntryFile {
    pub raw: Vec<u8>,
    pub index: HashMap<u128, Range<usize>>,
}

impl EntryFile {
    /// The file at `path`: empty when there is none, `Err(why)` when it is there but unusable.
    pub fn read(path: &Path) -> Result<EntryFile, String> {
        match read_capped(path, caps::CACHE) {
            Ok(raw) => Ok(EntryFile {
                index: index(&raw)?,
                raw,
            }),
            Err(ReadError::NotFound) => Ok(EntryFile::default()),
            Err(e) => Err(e.to_string()),
        }
    }

    pub fn get(&self, key: u128) -> Option<&[u8]> {
        self.index.get(&key).map(|r| &self.raw[r.clone()])
    }
}

/// The bytes of a cache file holding `entries` in order.
pub fn encode<'a>(entries: impl Iterator<Item = (u128, &'a [u8])>) -> Vec<u8> {
    let mut rest = vec![0u8; 4];
    let mut count = 0u32;
    for (key, bytes) in entries {
        rest.extend_from_slice(&key.to_le_bytes());
        rest.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        rest.extend_from_slice(bytes);
        count += 1;
    }
    rest[..4].copy_from_slice(&count.to_le_bytes());
    let mut out = Vec::with_capacity(rest.len() + 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&xxh3_64(&rest).to_le_bytes());
    out.extend_from_slice(&rest);
    out
}

/// Checks the header and checksum and finds each entry.
fn index(bytes: &[u8]) -> Result<HashMap<u128, Range<usize>>, String> {
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
