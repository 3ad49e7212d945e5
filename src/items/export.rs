//! The exported-history form: one self-describing, versioned JSON file per export, read back by
//! `proctor items --history` and by an instructor's own tools (docs/item-statistics.md, "Exported
//! history"). It holds the learner's finished attempts as history keeps them, and no personal data
//! but an optional name the learner chose to give.

use crate::store::StoreError;
use crate::store::atomic::write_new;
use crate::store::history::{Record, SCHEMA};
use crate::store::read::read_capped;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The `format` field every export carries.
pub const EXPORT_FORMAT: &str = "proctor-history-export";
/// Bumped when a reader of version N could misread the file.
pub const EXPORT_VERSION: u32 = 1;
/// An export of a long history: about 250 KiB per 1,000-question attempt.
const EXPORT_CAP: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    /// The schema of each record (src/store/history.rs).
    pub record_schema: u32,
    pub exported_at: DateTime<Utc>,
    /// The proctor that wrote it.
    pub proctor: String,
    /// Only what the learner chose to be called (`--name`); null otherwise.
    #[serde(default)]
    pub learner: Option<String>,
    pub records: Vec<Record>,
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {what}")]
    Unreadable { path: String, what: String },
}

impl Export {
    pub fn new(records: Vec<Record>, learner: Option<String>, now: DateTime<Utc>) -> Export {
        Export {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            record_schema: SCHEMA,
            exported_at: now,
            proctor: env!("CARGO_PKG_VERSION").into(),
            learner,
            records,
        }
    }

    /// Writes a new file in `dir` (created if missing): `proctor-history-<time>.json`, or `-2`,
    /// `-3`... when that name is taken. An existing file is never replaced.
    pub fn write_to(&self, dir: &Path) -> Result<PathBuf, ExportError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| ExportError::Unreadable {
            path: dir.display().to_string(),
            what: e.to_string(),
        })?;
        let base = format!(
            "proctor-history-{}",
            self.exported_at.format("%Y%m%dT%H%M%SZ")
        );
        for n in 1..=1000u32 {
            let name = match n {
                1 => format!("{base}.json"),
                _ => format!("{base}-{n}.json"),
            };
            let path = dir.join(name);
            match write_new(&path, &bytes) {
                Ok(()) => return Ok(path),
                Err(StoreError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(ExportError::Unreadable {
            path: dir.display().to_string(),
            what: "a thousand exports share this second".into(),
        })
    }
}

/// What a set of folders or files held: every record once, and one message per file skipped.
#[derive(Debug, Default)]
pub struct Gathered {
    pub records: Vec<Record>,
    pub problems: Vec<String>,
    pub files: usize,
}

/// Reads exports (and plain history records, so a copied `history/` folder works too) from each
/// path: a file, or a folder's `*.json` files. Identical records read twice count once.
pub fn gather(paths: &[PathBuf]) -> Result<Gathered, ExportError> {
    let mut out = Gathered::default();
    // Records by (id, start): only those sharing both are compared whole.
    let mut index: HashMap<(String, DateTime<Utc>), Vec<usize>> = HashMap::new();
    for p in paths {
        let files = if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| StoreError::Io {
                    path: p.display().to_string(),
                    source: e,
                })?
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            v.sort();
            v
        } else {
            vec![p.clone()]
        };
        for f in files {
            match read_one(&f) {
                Ok(records) => {
                    out.files += 1;
                    for r in records {
                        let same = index.entry((r.id.clone(), r.started_at)).or_default();
                        if !same.iter().any(|&i| out.records[i] == r) {
                            same.push(out.records.len());
                            out.records.push(r);
                        }
                    }
                }
                Err(why) => out
                    .problems
                    .push(format!("{}: {why}; skipped", f.display())),
            }
        }
    }
    Ok(out)
}

fn read_one(path: &Path) -> Result<Vec<Record>, String> {
    let bytes = read_capped(path, EXPORT_CAP).map_err(|e| e.to_string())?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if v.get("format").and_then(|f| f.as_str()) == Some(EXPORT_FORMAT) {
        match v.get("version").and_then(|s| s.as_u64()) {
            Some(s) if s == u64::from(EXPORT_VERSION) => {}
            Some(s) => {
                return Err(format!(
                    "export version {s}, this proctor reads {EXPORT_VERSION}"
                ));
            }
            None => return Err("export without a version".into()),
        }
        let e: Export = serde_json::from_value(v).map_err(|e| e.to_string())?;
        if e.record_schema != SCHEMA {
            return Err(format!(
                "record schema {}, this proctor reads {SCHEMA}",
                e.record_schema
            ));
        }
        return Ok(e.records);
    }
    match v.get("schema").and_then(|s| s.as_u64()) {
        Some(s) if s == u64::from(SCHEMA) => serde_json::from_value::<Record>(v)
            .map(|r| vec![r])
            .map_err(|e| e.to_string()),
        Some(s) => Err(format!("record schema {s}, this proctor reads {SCHEMA}")),
        None => Err("neither a proctor history export nor a history record".into()),
    }
}
