//! Reading a code-set file: gunzip, then one record per line (the format is in docs/codeset.md).
//! Every malformed input becomes a `LoadError`, never a panic: the file is data, and a damaged copy
//! must cost the user the code book, not the exam.

use super::model::{Code, Kind, Note, NoteKind};
use super::scan::{first_control, split};
use flate2::read::GzDecoder;
use std::io::Read;

/// Several times the real file (about 11 MB of text), small enough that a corrupt or hostile file
/// cannot exhaust memory when unpacked.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// The first line of a file this build can read; what follows the tab names the code set.
const FORMAT_PREFIX: &str = "#proctor-codeset 1\t";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the code set file {0} is not in this build")]
    Missing(String),
    #[error("the code set file is not valid gzip: {0}")]
    Gzip(String),
    #[error("the code set is larger than {} MiB once unpacked", MAX_TEXT_BYTES >> 20)]
    TooLarge,
    #[error("the code set is not UTF-8 text")]
    NotUtf8,
    #[error("code {0} appears twice in the code set")]
    Duplicate(String),
    #[error("line {line} of the code set: {message}")]
    Format { line: usize, message: String },
}

fn format_err(line: usize, message: impl Into<String>) -> LoadError {
    LoadError::Format {
        line,
        message: message.into(),
    }
}

/// The text of a gzip file, refusing more than `MAX_TEXT_BYTES`.
pub fn gunzip(bytes: &[u8]) -> Result<String, LoadError> {
    gunzip_max(bytes, MAX_TEXT_BYTES)
}

/// `gunzip` with the limit as a parameter, so tests can reach it without 64 MiB of data.
pub(super) fn gunzip_max(bytes: &[u8], max: u64) -> Result<String, LoadError> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(10).min(1 << 24));
    GzDecoder::new(bytes)
        .take(max + 1)
        .read_to_end(&mut out)
        .map_err(|e| LoadError::Gzip(e.to_string()))?;
    if out.len() as u64 > max {
        return Err(LoadError::TooLarge);
    }
    String::from_utf8(out).map_err(|_| LoadError::NotUtf8)
}

/// The entries of a code-set text, in file order (the tabular list's order), linked to their
/// parents and children. Also returns the code set's name from the first line.
pub fn parse(text: &str) -> Result<(String, Vec<Code<'_>>), LoadError> {
    if let Some(at) = first_control(text.as_bytes()) {
        let line = text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        return Err(format_err(line, "control character in the data"));
    }
    let mut lines = split(text, b'\n').enumerate().map(|(i, l)| (i + 1, l));
    let name = match lines.next() {
        Some((_, first)) if first.starts_with(FORMAT_PREFIX) => first[FORMAT_PREFIX.len()..]
            .replace('\t', " ")
            .trim()
            .to_string(),
        _ => {
            return Err(format_err(
                1,
                "not a proctor code-set file of format 1 (regenerate it with tools/gen_icd10cm.py)",
            ));
        }
    };
    let mut codes: Vec<Code> = Vec::with_capacity(100_000);
    let mut line_of: Vec<usize> = Vec::with_capacity(100_000);
    let mut last_child: Vec<Option<u32>> = Vec::with_capacity(100_000);
    // The entries from the current chapter down to the last one read: a record's parent is on it.
    let mut path: Vec<u32> = Vec::with_capacity(8);
    for (n, line) in lines {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = split(line, b'\t');
        let tag = fields.next().unwrap_or_default();
        if tag == "+" {
            let note = parse_note(n, &mut fields)?;
            let owner = codes
                .last_mut()
                .ok_or_else(|| format_err(n, "a note before any code"))?;
            owner.notes.push(note);
            continue;
        }
        let kind = kind_of(tag).ok_or_else(|| format_err(n, format!("unknown kind `{tag}`")))?;
        let [code, parent, billable, description] = take4(n, &mut fields)?;
        let too_long = kind.is_code() && code.len() > 8;
        if code.is_empty() || too_long || !code.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(format_err(n, format!("bad code `{code}`")));
        }
        if description.trim().is_empty() {
            return Err(format_err(n, format!("{code} has no description")));
        }
        let billable = match billable {
            "1" => true,
            "0" => false,
            other => {
                return Err(format_err(
                    n,
                    format!("billable must be 0 or 1, not `{other}`"),
                ));
            }
        };
        let parent_idx = find_parent(n, kind, parent, &codes, &mut path)?;
        let idx = u32::try_from(codes.len()).map_err(|_| format_err(n, "too many codes"))?;
        if let Some(p) = parent_idx {
            match last_child[p as usize].replace(idx) {
                Some(prev) => codes[prev as usize].next_sibling = Some(idx),
                None => codes[p as usize].first_child = Some(idx),
            }
        }
        path.push(idx);
        codes.push(Code {
            code,
            kind,
            billable,
            description,
            notes: Vec::new(),
            parent: parent_idx,
            first_child: None,
            next_sibling: None,
        });
        line_of.push(n);
        last_child.push(None);
    }
    for (c, n) in codes.iter().zip(&line_of) {
        if c.billable != (c.kind.is_code() && c.first_child.is_none()) {
            return Err(format_err(
                *n,
                format!(
                    "{} is marked billable={} against its place in the hierarchy",
                    c.code, c.billable
                ),
            ));
        }
    }
    Ok((name, codes))
}

fn kind_of(tag: &str) -> Option<Kind> {
    Some(match tag {
        "ch" => Kind::Chapter,
        "bl" => Kind::Block,
        "ca" => Kind::Category,
        "sc" => Kind::Subcategory,
        "x7" => Kind::SeventhCharacter,
        _ => return None,
    })
}

fn take4<'a>(
    n: usize,
    fields: &mut impl Iterator<Item = &'a str>,
) -> Result<[&'a str; 4], LoadError> {
    let out = [fields.next(), fields.next(), fields.next(), fields.next()];
    match out {
        [Some(a), Some(b), Some(c), Some(d)] if fields.next().is_none() => Ok([a, b, c, d]),
        _ => Err(format_err(n, "a code record has 5 tab-separated fields")),
    }
}

/// Pops `path` back to the record named `parent` and checks that the hierarchy is legal there
/// (a chapter has no parent, a block sits in a chapter, a category in a block, codes in codes).
fn find_parent(
    n: usize,
    kind: Kind,
    parent: &str,
    codes: &[Code],
    path: &mut Vec<u32>,
) -> Result<Option<u32>, LoadError> {
    if kind == Kind::Chapter {
        if !parent.is_empty() {
            return Err(format_err(n, "a chapter has no parent"));
        }
        path.clear();
        return Ok(None);
    }
    while let Some(&top) = path.last() {
        if codes[top as usize].code == parent {
            break;
        }
        path.pop();
    }
    let Some(&p) = path.last() else {
        return Err(format_err(
            n,
            format!("parent `{parent}` is not above this line"),
        ));
    };
    let legal = match kind {
        Kind::Chapter => false,
        Kind::Block => codes[p as usize].kind == Kind::Chapter,
        Kind::Category => codes[p as usize].kind == Kind::Block,
        Kind::Subcategory | Kind::SeventhCharacter => codes[p as usize].kind.is_code(),
    };
    if !legal {
        return Err(format_err(
            n,
            format!("a {kind:?} cannot sit under `{parent}`"),
        ));
    }
    Ok(Some(p))
}

fn parse_note<'a>(
    n: usize,
    fields: &mut impl Iterator<Item = &'a str>,
) -> Result<Note<'a>, LoadError> {
    let tag = fields.next().unwrap_or_default();
    let kind = match tag {
        "includes" => NoteKind::Includes,
        "inclusionTerm" => NoteKind::InclusionTerm,
        "excludes1" => NoteKind::Excludes1,
        "excludes2" => NoteKind::Excludes2,
        "codeFirst" => NoteKind::CodeFirst,
        "useAdditionalCode" => NoteKind::UseAdditionalCode,
        "codeAlso" => NoteKind::CodeAlso,
        "notes" => NoteKind::Notes,
        "sevenChrNote" => NoteKind::SeventhCharNote,
        "sevenChrDef" => {
            let ch = fields.next().unwrap_or_default();
            let mut chars = ch.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => NoteKind::SeventhChar(c),
                _ => return Err(format_err(n, format!("bad 7th character `{ch}`"))),
            }
        }
        other => return Err(format_err(n, format!("unknown note kind `{other}`"))),
    };
    match (fields.next(), fields.next()) {
        (Some(text), None) if !text.trim().is_empty() => Ok(Note { kind, text }),
        _ => Err(format_err(n, "a note record is `+`, its kind and one text")),
    }
}
