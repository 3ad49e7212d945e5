//! The ICD-10-CM code book: the official code set shipped as data, for open-book lookup during an
//! exam and for checking the codes banks cite.
//!
//! The data is question-banks/codesets/icd10cm-2026.tsv.gz, made from CDC's tabular XML by
//! tools/gen_icd10cm.py (format and counts in docs/codeset.md). It is unpacked and indexed on first
//! use only ([`icd10cm`]), so starting proctor for a closed-book exam costs nothing.
//!
//! ICD-10-CM: Source: CDC/NCHS. ICD-10 © World Health Organization. Use of this material does not
//! imply endorsement by CDC, HHS or the U.S. Government. It is available free of charge from CDC.

pub mod abbrev;
mod cm_book;
mod cm_tabular;
mod detail;
mod find;
mod fold;
pub mod hcpcs;
mod hcpcs_book;
pub mod import;
pub mod index;
pub mod installed;
mod kind;
mod library;
mod load;
mod model;
pub mod pcs;
mod pcs_book;
mod pcs_browse;
mod scan;
mod search;
mod set;
mod system;
mod tabular_xml;
mod textmatch;
mod words;
mod xml;

pub use detail::{Detail, Entry, NoteLine, detail};
pub use find::{FoundCode, code_shapes};
pub use kind::{FileKind, System};
pub use library::{
    BookHit, CodeBook, CodeSystem, Diff, Page, book, diff, installed_kind, loaded_book,
    prepare_in_background, set_data_root,
};
pub use load::{LoadError, MAX_TEXT_BYTES, gunzip};
pub use model::{Code, CodeCheck, Counts, Kind, Note, NoteKind};
pub use pcs_browse::{Choices, Options};
pub use search::{Hit, Match};
pub use set::CodeSet;
pub use system::{
    CodeLookup, EntryCheck, EntrySystem, InstalledBooks, Lookup, canonical, check_entry,
    is_cpt_shape, system_of,
};
pub use tabular_xml::tabular_xml;

use crate::bank::SourceFile;
use std::sync::OnceLock;

/// The shipped file, by its path under question-banks/.
pub const ICD10CM_2026_FILE: &str = "codesets/icd10cm-2026.tsv.gz";

/// The code year of the one ICD-10-CM set proctor ships (FY2026, April 1, 2026 release).
pub const ICD10CM_YEAR: u16 = 2026;

/// The attribution and disclaimer CDC's terms ask for, to show wherever the code book is offered.
pub const ICD10CM_ATTRIBUTION: &str = "ICD-10-CM: Source: CDC/NCHS. ICD-10 \u{a9} World Health \
Organization. Use of this material does not imply endorsement by CDC, HHS or the U.S. Government. \
This material is available free of charge from CDC.";

static ICD10CM: OnceLock<Result<CodeSet<'static>, LoadError>> = OnceLock::new();

/// The shipped ICD-10-CM code set, loaded on the first call (tens of milliseconds) and shared
/// after. An error (a build without the file, a damaged file) is kept too, so callers can say
/// why the code book is unavailable instead of failing.
pub fn icd10cm() -> Result<&'static CodeSet<'static>, &'static LoadError> {
    ICD10CM
        .get_or_init(|| {
            let bytes = SourceFile::shipped_bytes(ICD10CM_2026_FILE)
                .ok_or_else(|| LoadError::Missing(ICD10CM_2026_FILE.to_string()))?;
            // Kept for the life of the process, as the set borrowing from it is (in a static).
            let text: &'static str = Box::leak(gunzip(bytes)?.into_boxed_str());
            CodeSet::from_text(text)
        })
        .as_ref()
}

/// The ICD-10-CM tabular list for a bank's `code_year`: the built-in one, or that year's imported
/// into the data folder (`proctor codes import`); None when neither is there.
pub fn icd10cm_for_year(
    year: u16,
) -> Option<Result<&'static CodeSet<'static>, &'static LoadError>> {
    if year == ICD10CM_YEAR {
        return Some(icd10cm());
    }
    book()
        .release(System::Cm, &year.to_string())
        .and_then(|s| s.cm())
        .map(Ok)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_import;

#[cfg(test)]
mod tests_browse;

#[cfg(test)]
mod tests_cmtab;
