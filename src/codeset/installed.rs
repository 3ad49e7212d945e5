//! Installed code sets in the data folder (`codesets/`), one file per imported official file:
//! `<kind>-<release>.codes`. A file is a first line of JSON (format version, what it holds, the
//! source's sha256, the payload's sha256) and then the parsed content as gzip'd JSON. It is
//! written atomically, and read back only when the format is known and the payload's sha256
//! matches, so a damaged or foreign file is reported and never trusted (nor overwritten).

use super::import::{Imported, Meta, Payload, hex};
use crate::store::atomic::{move_aside, write_atomic};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The layout this build writes and reads.
pub const INSTALL_FORMAT: u32 = 1;

const SUFFIX: &str = ".codes";

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    #[serde(flatten)]
    meta: Meta,
    payload_sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error(
        "{path}: {message}; it is left as it is (import the official file again to replace it)"
    )]
    Unreadable { path: String, message: String },
}

/// An installed file: where it is and what it holds.
#[derive(Debug, Clone)]
pub struct InstalledFile {
    pub path: PathBuf,
    pub meta: Meta,
}

/// The folder of installed code sets under a data folder.
pub fn folder(data_root: &Path) -> PathBuf {
    data_root.join("codesets")
}

/// Writes `imp` into `dir`, replacing the same kind and release. An existing file there that
/// cannot be read is moved aside first (`name.unreadable-<stamp>`), never overwritten.
pub fn install(dir: &Path, imp: &Imported, stamp: &str) -> Result<PathBuf, InstallError> {
    let path = dir.join(format!(
        "{}-{}{SUFFIX}",
        imp.meta.kind.id(),
        imp.meta.release
    ));
    if path.exists() && read_header(&path).is_err() {
        move_aside(&path, stamp).map_err(|e| InstallError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    }
    let json = serde_json::to_vec(&imp.payload).map_err(|e| InstallError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut gz = GzEncoder::new(Vec::new(), Compression::new(6));
    let gz = gz
        .write_all(&json)
        .and_then(|_| gz.finish())
        .map_err(|e| InstallError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    let header = Header {
        format: INSTALL_FORMAT,
        meta: imp.meta.clone(),
        payload_sha256: hex(&Sha256::digest(&gz)),
    };
    let mut bytes = serde_json::to_vec(&header).unwrap_or_default();
    bytes.push(b'\n');
    bytes.extend_from_slice(&gz);
    write_atomic(&path, &bytes).map_err(|e| InstallError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(path)
}

/// Every installed file's header, sorted by system, kind and release; files that cannot be read
/// are returned apart, with the reason.
pub fn list(dir: &Path) -> (Vec<InstalledFile>, Vec<InstallError>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return (ok, bad);
    };
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(SUFFIX))
        .collect();
    paths.sort();
    for p in paths {
        match read_header(&p) {
            Ok((h, _)) => ok.push(InstalledFile {
                path: p,
                meta: h.meta,
            }),
            Err(e) => bad.push(e),
        }
    }
    ok.sort_by(|a, b| {
        (a.meta.system, a.meta.kind, &a.meta.release).cmp(&(
            b.meta.system,
            b.meta.kind,
            &b.meta.release,
        ))
    });
    (ok, bad)
}

fn unreadable(path: &Path, message: impl Into<String>) -> InstallError {
    InstallError::Unreadable {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// The header and the raw payload bytes, with the payload's checksum verified.
fn read_header(path: &Path) -> Result<(Header, Vec<u8>), InstallError> {
    let bytes = std::fs::read(path).map_err(|e| InstallError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let nl = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| unreadable(path, "not an installed code set (no header line)"))?;
    let head: serde_json::Value = serde_json::from_slice(&bytes[..nl])
        .map_err(|_| unreadable(path, "not an installed code set (header is not JSON)"))?;
    let format = head.get("format").and_then(|f| f.as_u64()).unwrap_or(0);
    if format != u64::from(INSTALL_FORMAT) {
        return Err(unreadable(
            path,
            format!("format {format}, this proctor reads format {INSTALL_FORMAT}"),
        ));
    }
    let header: Header = serde_json::from_value(head)
        .map_err(|e| unreadable(path, format!("a header this proctor cannot read: {e}")))?;
    let payload = bytes[nl + 1..].to_vec();
    if hex(&Sha256::digest(&payload)) != header.payload_sha256 {
        return Err(unreadable(
            path,
            "damaged: its content does not match its checksum",
        ));
    }
    Ok((header, payload))
}

/// The installed file's content, verified.
pub fn load(path: &Path) -> Result<(Meta, Payload), InstallError> {
    let (header, gz) = read_header(path)?;
    let mut json = Vec::new();
    GzDecoder::new(&gz[..])
        .take(super::import::MAX_IMPORT_BYTES * 4)
        .read_to_end(&mut json)
        .map_err(|e| unreadable(path, format!("damaged: {e}")))?;
    let mut payload: Payload = serde_json::from_slice(&json)
        .map_err(|e| unreadable(path, format!("damaged content: {e}")))?;
    if let Payload::Pcs(set) = &mut payload {
        set.reindex();
    }
    Ok((header.meta, payload))
}
