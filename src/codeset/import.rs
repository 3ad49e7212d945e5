//! `proctor codes import`: an official file, as CMS or CDC publish it, told apart by its content
//! (never by its name), parsed whole, and only then installed. A file that is not what it claims,
//! is truncated or has an unknown layout is refused with the reason, and nothing changes.

use super::cm_tabular;
use super::hcpcs::{self, HcpcsSet};
use super::index::{self, IndexSet};
use super::kind::FileKind;
use super::pcs::{self, PcsSet, PcsTerm};
use super::xml;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Larger than any official file (the biggest, the PCS tables, is 3 MB; the HCPCS text 5 MB),
/// small enough that a wrong or hostile file cannot exhaust memory.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read it: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: larger than {} MiB, no official code-set file is", MAX_IMPORT_BYTES >> 20)]
    TooLarge { file: String },
    #[error(
        "{file}: not a code-set file proctor knows ({why}). Import the official files: the ICD-10-PCS tables, index or definitions XML, the HCPCS alpha-numeric zip or its .txt, the ICD-10-CM tabular list, index, drug, neoplasm or external-cause XML"
    )]
    Unknown { file: String, why: String },
    #[error("{file}:{line}: {message} (is the file complete? download it again)")]
    Damaged {
        file: String,
        line: usize,
        message: String,
    },
    #[error(
        "{file}: the ICD-10-CM tabular list FY{year} is built into proctor; import another year's tabular list"
    )]
    CmTabularBuiltIn { file: String, year: String },
    #[error("{file}: {message}")]
    Other { file: String, message: String },
}

/// The parsed content of one official file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "kebab-case")]
pub enum Payload {
    Pcs(PcsSet),
    PcsTerms(Vec<PcsTerm>),
    Index(IndexSet),
    Hcpcs(HcpcsSet),
    /// An ICD-10-CM tabular list as the records the built-in one is made of (docs/codeset.md),
    /// read by the same loader.
    CmTabular(String),
}

/// What `codes list` shows of an installed file, kept apart from the payload so that listing
/// does not parse the data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Meta {
    pub kind: FileKind,
    pub system: super::kind::System,
    /// "2026" for a fiscal year, "2026-01" for an HCPCS quarter.
    pub release: String,
    pub source_file: String,
    pub source_sha256: String,
    pub counts: BTreeMap<String, usize>,
}

/// A file read and understood, ready to install.
#[derive(Debug)]
pub struct Imported {
    pub meta: Meta,
    pub payload: Payload,
    /// Things the reader should know (e.g. Level I lines left out).
    pub notes: Vec<String>,
}

/// Reads, recognises and parses `path`.
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|source| ImportError::Io {
        file: file.clone(),
        source,
    })?;
    let mut bytes = Vec::new();
    f.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Io {
            file: file.clone(),
            source,
        })?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { file });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    import_bytes(&name, &bytes)
}

/// `import_file` on bytes already read; `name` is the file name to report and record.
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let sha = hex(&Sha256::digest(bytes));
    if bytes.starts_with(b"PK\x03\x04") {
        return import_zip(name, bytes, sha);
    }
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(|e| {
            ImportError::Unknown {
                file: name.to_string(),
                why: format!("not UTF-8 text (byte {})", e.valid_up_to()),
            }
        })?;
    if text.trim_start().starts_with('<') {
        import_xml(name, text, sha)
    } else {
        import_hcpcs_text(name, text, sha)
    }
}

fn import_zip(name: &str, bytes: &[u8], sha: String) -> Result<Imported, ImportError> {
    let bad = |why: String| ImportError::Unknown {
        file: name.to_string(),
        why,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("a damaged zip: {e}")))?;
    let mut last_err = None;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| bad(format!("a damaged zip: {e}")))?;
        let inner = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let lower = inner.to_ascii_lowercase();
        // The alpha-numeric file itself; the zip also holds its layout and notes as .txt.
        if !lower.ends_with(".txt") || lower.contains("layout") || lower.contains("notes") {
            continue;
        }
        if entry.size() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge {
                file: format!("{name}:{inner}"),
            });
        }
        let mut buf = Vec::new();
        (&mut entry)
            .take(MAX_IMPORT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| ImportError::Damaged {
                file: format!("{name}:{inner}"),
                line: 1,
                message: format!("cannot unpack it: {e}"),
            })?;
        let text = String::from_utf8_lossy(&buf);
        match import_hcpcs_text(&format!("{name}:{inner}"), &text, sha.clone()) {
            Ok(mut imp) => {
                imp.meta.source_file = name.to_string();
                return Ok(imp);
            }
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| bad("a zip with no HCPCS alpha-numeric .txt inside".into())))
}

fn import_hcpcs_text(name: &str, text: &str, sha: String) -> Result<Imported, ImportError> {
    let parsed = hcpcs::parse(text).map_err(|(line, why)| {
        if line == 1 && why.starts_with("not the HCPCS") {
            ImportError::Unknown {
                file: name.to_string(),
                why,
            }
        } else {
            ImportError::Damaged {
                file: name.to_string(),
                line,
                message: why,
            }
        }
    })?;
    let mut notes = Vec::new();
    if parsed.skipped_level1 > 0 {
        notes.push(format!(
            "{} Level I (CPT) or D-code records left out: proctor holds HCPCS Level II only",
            parsed.skipped_level1
        ));
    }
    let counts = BTreeMap::from([
        ("codes".to_string(), parsed.set.codes.len()),
        (
            "active".to_string(),
            parsed.set.codes.iter().filter(|c| c.is_active()).count(),
        ),
        ("modifiers".to_string(), parsed.set.modifiers.len()),
    ]);
    Ok(Imported {
        meta: Meta {
            kind: FileKind::Hcpcs,
            system: FileKind::Hcpcs.system(),
            release: parsed.release,
            source_file: name.to_string(),
            source_sha256: sha,
            counts,
        },
        payload: Payload::Hcpcs(parsed.set),
        notes,
    })
}

fn import_xml(name: &str, text: &str, sha: String) -> Result<Imported, ImportError> {
    let unknown = |why: String| ImportError::Unknown {
        file: name.to_string(),
        why,
    };
    let (root, version, title) =
        xml::sniff(text).ok_or_else(|| unknown("not well-formed XML at the start".into()))?;
    let title = title.unwrap_or_default().to_ascii_lowercase();
    let kind = match root.as_str() {
        "ICD10PCS.tabular" => FileKind::PcsTables,
        "ICD10PCS.definitions" => FileKind::PcsDefinitions,
        "ICD10PCS.index" => FileKind::PcsIndex,
        "ICD10CM.tabular" => return import_cm_tabular(name, text, sha, version.as_deref()),
        "ICD10CM.index" => {
            if text.contains("<head col=\"1\">Substance</head>") {
                FileKind::CmDrugTable
            } else if text.contains("<head col=\"1\">Neoplasm</head>") {
                FileKind::CmNeoplasmTable
            } else if title.contains("external cause") {
                FileKind::CmExternalCauseIndex
            } else {
                FileKind::CmIndex
            }
        }
        other => return Err(unknown(format!("its root element is <{other}>"))),
    };
    let release = version
        .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| unknown("no four-digit <version> year under the root".into()))?;
    let damaged = |(line, message): (usize, String)| ImportError::Damaged {
        file: name.to_string(),
        line,
        message,
    };
    let tree = xml::parse(text).map_err(|e| damaged((e.line, e.message)))?;
    let (payload, counts) = match kind {
        FileKind::PcsTables => {
            let set = PcsSet::new(pcs::tables_from_xml(&tree).map_err(damaged)?);
            let counts = BTreeMap::from([
                ("tables".to_string(), set.tables.len()),
                ("codes".to_string(), set.code_count()),
            ]);
            (Payload::Pcs(set), counts)
        }
        FileKind::PcsDefinitions => {
            let terms = pcs::terms_from_xml(&tree).map_err(damaged)?;
            let counts = BTreeMap::from([("definitions".to_string(), terms.len())]);
            (Payload::PcsTerms(terms), counts)
        }
        _ => {
            let set = index::from_xml(&tree).map_err(damaged)?;
            let counts = BTreeMap::from([
                ("entries".to_string(), set.terms.len()),
                ("entries_with_codes".to_string(), set.code_count()),
            ]);
            (Payload::Index(set), counts)
        }
    };
    Ok(Imported {
        meta: Meta {
            kind,
            system: kind.system(),
            release,
            source_file: name.to_string(),
            source_sha256: sha,
            counts,
        },
        payload,
        notes: Vec::new(),
    })
}

/// An ICD-10-CM tabular list of another year than the built-in one: parsed whole, turned into
/// records and loaded by the built-in loader before anything is installed, so a file that parses
/// but breaks the hierarchy (a duplicate code, a code outside its chapter) is refused too.
fn import_cm_tabular(
    name: &str,
    text: &str,
    sha: String,
    version: Option<&str>,
) -> Result<Imported, ImportError> {
    let damaged = |(line, message): (usize, String)| ImportError::Damaged {
        file: name.to_string(),
        line,
        message,
    };
    let tree = xml::parse(text).map_err(|e| damaged((e.line, e.message)))?;
    let release = cm_tabular::release_of(version, &tree).ok_or_else(|| ImportError::Unknown {
        file: name.to_string(),
        why: "an ICD-10-CM tabular list with no four-digit <version> year, nor a year in its introduction".into(),
    })?;
    if release == super::ICD10CM_YEAR.to_string() {
        return Err(ImportError::CmTabularBuiltIn {
            file: name.to_string(),
            year: release,
        });
    }
    let records = cm_tabular::records_from_xml(&tree, &release).map_err(damaged)?;
    let set = super::CodeSet::from_text(&records).map_err(|e| ImportError::Other {
        file: name.to_string(),
        message: format!("not a consistent tabular list: {e}"),
    })?;
    let n = set.counts();
    let counts = BTreeMap::from([
        ("chapters".to_string(), n.chapters),
        ("blocks".to_string(), n.blocks),
        ("categories".to_string(), n.categories),
        ("codes".to_string(), n.billable + n.headers),
        ("billable".to_string(), n.billable),
        ("headers".to_string(), n.headers),
    ]);
    drop(set);
    Ok(Imported {
        meta: Meta {
            kind: FileKind::CmTabular,
            system: FileKind::CmTabular.system(),
            release,
            source_file: name.to_string(),
            source_sha256: sha,
            counts,
        },
        payload: Payload::CmTabular(records),
        notes: Vec::new(),
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
