//! The code systems a question can ask for, what a well-formed code of each looks like, and the
//! one question every caller asks of an installed code set: "is this code valid, and complete,
//! in system S for year Y?" ([`CodeLookup`]).
//!
//! Only ICD-10-CM FY2026 ships. Other ICD-10-CM years, ICD-10-PCS and HCPCS Level II come from the
//! official files a user installs (`proctor codes import`); until a set is installed, [`CodeLookup::lookup`]
//! answers `None` and callers fall back to the shape check here, saying that the code was not
//! checked. An importer plugs in by implementing [`CodeLookup`] (or extending [`InstalledBooks`]).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A code system a code-entry question may ask for. CPT is not among them: its descriptors are
/// the AMA's, proctor has no licence to ship or check them.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntrySystem {
    #[serde(rename = "icd-10-cm")]
    Icd10Cm,
    #[serde(rename = "icd-10-pcs")]
    Icd10Pcs,
    #[serde(rename = "hcpcs")]
    Hcpcs,
}

impl EntrySystem {
    pub const ALL: [EntrySystem; 3] = [
        EntrySystem::Icd10Cm,
        EntrySystem::Icd10Pcs,
        EntrySystem::Hcpcs,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntrySystem::Icd10Cm => "ICD-10-CM",
            EntrySystem::Icd10Pcs => "ICD-10-PCS",
            EntrySystem::Hcpcs => "HCPCS Level II",
        }
    }

    /// Characters in a complete code, dots not counted (ICD-10-CM varies: 3 to 7).
    fn full_length(self) -> Option<usize> {
        match self {
            EntrySystem::Icd10Cm => None,
            EntrySystem::Icd10Pcs => Some(7),
            EntrySystem::Hcpcs => Some(5),
        }
    }
}

impl fmt::Display for EntrySystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The form codes are compared in: upper case, dots removed ("k35.80" and "K3580" are the same
/// code). Scoring never needs a code set, so a score can always be re-checked.
pub fn canonical(code: &str) -> String {
    code.trim()
        .chars()
        .filter(|c| *c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// ICD-10-PCS characters: digits and letters except O and I (they would read as 0 and 1).
fn pcs_char(c: u8) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && c != b'O' && c != b'I')
}

/// The system a code *as an author writes it* belongs to, by shape alone: ICD-10-CM with its dot
/// (`K35.80`) or a 3-character category (`I10`); ICD-10-PCS, 7 characters (`0DTJ4ZZ`); HCPCS
/// Level II, a letter and 4 digits (`J9035`). `None`: not a well-formed code of any system.
pub fn system_of(code: &str) -> Option<EntrySystem> {
    let b = code.as_bytes();
    let cm_head = b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b[1..3]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && (b[1].is_ascii_digit() || b[2].is_ascii_digit());
    if cm_head && b.len() == 3 {
        return Some(EntrySystem::Icd10Cm);
    }
    if cm_head
        && b.get(3) == Some(&b'.')
        && (5..=8).contains(&b.len())
        && b[4..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some(EntrySystem::Icd10Cm);
    }
    if b.len() == 7 && b.iter().all(|c| pcs_char(*c)) {
        return Some(EntrySystem::Icd10Pcs);
    }
    if b.len() == 5 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit) {
        return Some(EntrySystem::Hcpcs);
    }
    None
}

/// CPT shape (`99213`, `0001F`, `0042T`): cited in `codes:` of multiple-choice items by number
/// only; never checked (no licence for the code set), never accepted in a code-entry answer.
pub fn is_cpt_shape(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4].is_ascii_digit() || b[4] == b'F' || b[4] == b'T')
}

/// What an installed code set says about one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A complete code, valid on a claim; with its title.
    Billable(String),
    /// It exists but has codes below it: more characters are needed.
    Header,
    /// Not in the set.
    Unknown,
}

/// "Is this code valid in system S for year Y?", answered by whatever code sets are installed.
/// `None`: that system (or year) is not installed, so nothing can be said beyond the shape.
pub trait CodeLookup: Send + Sync {
    fn lookup(&self, system: EntrySystem, year: u16, code: &str) -> Option<Lookup>;
}

/// The code sets installed in this proctor: the shipped ICD-10-CM FY2026 and other years' tabular
/// lists, ICD-10-PCS and HCPCS Level II as imported into the data folder (the one
/// [`super::CodeBook`]); the year is the bank's `code_year`.
#[derive(Debug, Clone, Copy, Default)]
pub struct InstalledBooks;

impl CodeLookup for InstalledBooks {
    fn lookup(&self, system: EntrySystem, year: u16, code: &str) -> Option<Lookup> {
        match system {
            EntrySystem::Icd10Cm => {
                let set = super::icd10cm_for_year(year)?.ok()?;
                Some(match set.lookup(code) {
                    Some(c) if c.is_billable() => Lookup::Billable(c.description().to_string()),
                    Some(c) if c.kind().is_code() => Lookup::Header,
                    _ => Lookup::Unknown,
                })
            }
            EntrySystem::Icd10Pcs | EntrySystem::Hcpcs => {
                // Imported from the official files (`proctor codes import`): the release for the
                // bank's year, or None when that system is not installed.
                let s = match system {
                    EntrySystem::Icd10Pcs => super::System::Pcs,
                    _ => super::System::Hcpcs,
                };
                let release = super::book().for_year(s, year)?;
                Some(match release.check(code) {
                    super::CodeCheck::Billable => {
                        Lookup::Billable(release.title(code).unwrap_or_default())
                    }
                    super::CodeCheck::Header => Lookup::Header,
                    super::CodeCheck::Unknown => Lookup::Unknown,
                })
            }
        }
    }
}

/// The live check of one typed code, as the candidate sees it beside the entry field. It says
/// whether the text is a complete code, never whether it is the right one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryCheck {
    /// A complete code of one of the question's systems, with its title when known.
    Valid(EntrySystem, Option<String>),
    /// A header or a code cut short.
    NeedsMore(EntrySystem),
    /// Not a code of any system the question asks for.
    NotACode,
    /// A code of another system than the question asks for.
    OtherSystem(EntrySystem),
    /// Well formed, but the system is not installed, so it could not be checked.
    Unchecked(EntrySystem),
}

impl EntryCheck {
    /// The words shown beside the code.
    pub fn message(&self) -> String {
        match self {
            EntryCheck::Valid(_, Some(title)) => title.clone(),
            EntryCheck::Valid(s, None) => format!("{s} code"),
            EntryCheck::NeedsMore(_) => "not billable — needs more characters".into(),
            EntryCheck::NotACode => "not a code".into(),
            EntryCheck::OtherSystem(s) => format!("{s}: not asked for here"),
            EntryCheck::Unchecked(s) => format!("{s} not installed: not checked"),
        }
    }

    /// Whether the code needs the candidate's attention (shown as a warning).
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            EntryCheck::NeedsMore(_) | EntryCheck::NotACode | EntryCheck::OtherSystem(_)
        )
    }
}

/// Checks a code as typed (any case, ICD-10-CM with or without its dot) against the question's
/// systems and the installed sets. Which system a typed code belongs to is decided by its shape
/// and, where shapes overlap (`S72001A` could be either ICD), by which set knows it.
pub fn check_entry(
    book: &dyn CodeLookup,
    systems: &[EntrySystem],
    year: u16,
    typed: &str,
) -> EntryCheck {
    let code = typed.trim().to_ascii_uppercase();
    if code.is_empty() || !code.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.') {
        return EntryCheck::NotACode;
    }
    let asked = |s: EntrySystem| systems.contains(&s);
    // A known code of an asked-for system wins.
    for &s in systems {
        match book.lookup(s, year, &code) {
            Some(Lookup::Billable(title)) => return EntryCheck::Valid(s, Some(title)),
            Some(Lookup::Header) => return EntryCheck::NeedsMore(s),
            _ => {}
        }
    }
    let dotless = canonical(&code);
    let shaped = system_of(&code).or_else(|| {
        // ICD-10-CM typed without its dot: K3580.
        (dotless.len() > 3)
            .then(|| format!("{}.{}", &dotless[..3], &dotless[3..]))
            .and_then(|d| system_of(&d))
    });
    let prefix_of = |s: EntrySystem| match s {
        EntrySystem::Icd10Pcs => dotless.len() < 7 && dotless.bytes().all(pcs_char),
        EntrySystem::Hcpcs => {
            dotless.len() < 5
                && dotless.as_bytes()[0].is_ascii_uppercase()
                && dotless.as_bytes()[1..].iter().all(u8::is_ascii_digit)
        }
        EntrySystem::Icd10Cm => false,
    };
    match shaped {
        Some(s) if asked(s) => match book.lookup(s, year, &code) {
            Some(_) => EntryCheck::NotACode,
            None => EntryCheck::Unchecked(s),
        },
        Some(s) if !asked(s) && s.full_length().is_some() => {
            // A 7-character text may be an ICD-10-CM code without its dot that the set lacks.
            EntryCheck::OtherSystem(s)
        }
        // Too short to be a complete code of a fixed-length system.
        _ => match systems.iter().copied().find(|s| prefix_of(*s)) {
            Some(s) => EntryCheck::NeedsMore(s),
            None => EntryCheck::NotACode,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntrySystem::*;

    #[test]
    fn shapes_name_their_system() {
        assert_eq!(system_of("K35.80"), Some(Icd10Cm));
        assert_eq!(system_of("I10"), Some(Icd10Cm));
        assert_eq!(system_of("S72.001A"), Some(Icd10Cm));
        assert_eq!(system_of("0DTJ4ZZ"), Some(Icd10Pcs));
        assert_eq!(system_of("J9035"), Some(Hcpcs));
        assert_eq!(system_of("0DTJ4ZO"), None, "PCS has no letter O");
        assert_eq!(system_of("99213"), None);
        assert!(is_cpt_shape("99213") && is_cpt_shape("0042T"));
        assert_eq!(
            system_of("k35.80"),
            None,
            "authors write codes in upper case"
        );
        assert_eq!(system_of("K35."), None);
    }

    #[test]
    fn canonical_ignores_case_and_dots() {
        assert_eq!(canonical(" k35.80 "), "K3580");
        assert_eq!(canonical("0dtj4zz"), "0DTJ4ZZ");
    }

    #[test]
    fn live_checks_against_the_shipped_set() {
        let b = InstalledBooks;
        let both = [Icd10Cm, Icd10Pcs];
        assert!(matches!(
            check_entry(&b, &both, 2026, "K35.80"),
            EntryCheck::Valid(Icd10Cm, Some(_))
        ));
        assert!(matches!(
            check_entry(&b, &both, 2026, "k3580"),
            EntryCheck::Valid(Icd10Cm, Some(_))
        ));
        assert_eq!(
            check_entry(&b, &both, 2026, "K35.8"),
            EntryCheck::NeedsMore(Icd10Cm)
        );
        assert_eq!(check_entry(&b, &both, 2026, "K35.99"), EntryCheck::NotACode);
        assert_eq!(check_entry(&b, &both, 2026, "HELLO!"), EntryCheck::NotACode);
        assert_eq!(
            check_entry(&b, &both, 2026, "0DTJ4ZZ"),
            EntryCheck::Unchecked(Icd10Pcs)
        );
        assert_eq!(
            check_entry(&b, &both, 2026, "0DTJ"),
            EntryCheck::NeedsMore(Icd10Pcs)
        );
        assert_eq!(
            check_entry(&b, &both, 2026, "J9035"),
            EntryCheck::OtherSystem(Hcpcs)
        );
        assert_eq!(
            check_entry(&b, &[Icd10Cm], 2026, "0DTJ4ZZ"),
            EntryCheck::OtherSystem(Icd10Pcs)
        );
    }
}
