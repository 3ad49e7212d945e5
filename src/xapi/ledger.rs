//! The sync ledger (`xapi-sync.json` in the data folder): for each LRS endpoint, the ids of the
//! statements it has acknowledged. Written atomically after every accepted batch, so a sync cut
//! off half-way resumes where it stopped; losing it costs only a re-send, which the LRS ignores
//! because statement ids are deterministic.

use crate::store::StoreError;
use crate::store::atomic::write_atomic;
use crate::store::read::{ReadError, read_capped};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const SCHEMA: u32 = 1;
pub const FILE: &str = "xapi-sync.json";
/// About 40 bytes an id: room for six million statements.
pub const CAP: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub schema: u32,
    /// Endpoint (as configured, without a trailing slash) → statement ids it holds.
    pub sent: BTreeMap<String, BTreeSet<String>>,
}

/// Endpoints that differ only by a trailing slash are the same LRS.
pub fn endpoint_key(endpoint: &str) -> String {
    endpoint.trim_end_matches('/').to_string()
}

impl Ledger {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE)
    }

    /// The ledger, or an empty one. An unreadable ledger is moved aside and sync starts over
    /// (harmless: the LRS keeps each statement id once).
    pub fn load(data_dir: &Path, stamp: &str) -> Result<(Ledger, Option<String>), StoreError> {
        let p = Ledger::path(data_dir);
        let why = match read_capped(&p, CAP) {
            Err(ReadError::NotFound) => return Ok((Ledger::new(), None)),
            Err(e) => e.to_string(),
            Ok(b) => match serde_json::from_slice::<Ledger>(&b) {
                Ok(l) if l.schema == SCHEMA => return Ok((l, None)),
                Ok(l) => format!("schema {}, this proctor reads {SCHEMA}", l.schema),
                Err(e) => e.to_string(),
            },
        };
        let aside = crate::store::atomic::move_aside(&p, stamp)?;
        Ok((
            Ledger::new(),
            Some(format!(
                "the sync ledger could not be read ({why}); kept it as {} and will send everything again (the LRS keeps each statement once)",
                aside.display()
            )),
        ))
    }

    pub fn new() -> Ledger {
        Ledger {
            schema: SCHEMA,
            sent: BTreeMap::new(),
        }
    }

    pub fn has(&self, endpoint: &str, id: &str) -> bool {
        self.sent
            .get(&endpoint_key(endpoint))
            .is_some_and(|s| s.contains(id))
    }

    pub fn add<'a>(&mut self, endpoint: &str, ids: impl IntoIterator<Item = &'a str>) {
        let set = self.sent.entry(endpoint_key(endpoint)).or_default();
        set.extend(ids.into_iter().map(str::to_string));
    }

    pub fn save(&self, data_dir: &Path) -> Result<(), StoreError> {
        let p = Ledger::path(data_dir);
        let bytes = serde_json::to_vec(self).map_err(|e| StoreError::Encode {
            path: p.display().to_string(),
            what: e.to_string(),
        })?;
        write_atomic(&p, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_per_endpoint_and_a_bad_file_moved_aside() {
        let d = tempfile::tempdir().unwrap();
        let mut l = Ledger::new();
        l.add("https://a/xAPI/", ["1", "2"]);
        assert!(l.has("https://a/xAPI", "1"));
        assert!(!l.has("https://b/xAPI", "1"));
        l.save(d.path()).unwrap();
        assert_eq!(Ledger::load(d.path(), "x").unwrap().0, l);
        std::fs::write(Ledger::path(d.path()), b"{broken").unwrap();
        let (l2, msg) = Ledger::load(d.path(), "x").unwrap();
        assert!(l2.sent.is_empty() && msg.unwrap().contains("could not be read"));
        assert!(d.path().join("xapi-sync.json.unreadable-x").exists());
    }
}
