//! ICD-10-CM codes cited by a bank, checked against the code set of the bank's code year: a code
//! that does not exist teaches the wrong thing, and a header given as the answer would be rejected
//! on a real claim. Run by `proctor validate`, not at every start-up: the code set is only loaded
//! when a check needs it.

use super::diagnostic::Diagnostic;
use super::model::Bank;
use super::source::SourceFile;
use crate::codeset::{
    CodeBook, CodeCheck, CodeSet, FileKind, System, book, code_shapes, icd10cm_for_year,
};

/// An entry of `codes:` in ICD-10-CM form: a dotted code ("E11.65") or a 3-character category
/// ("I10"). HCPCS and CPT codes (five characters, no dot: "J3301", "G0439") are left alone.
fn icd_shaped(entry: &str) -> bool {
    code_shapes(entry)
        .first()
        .is_some_and(|f| f.start == 0 && f.text.len() == entry.len())
}

/// The code system a `codes:` entry belongs to, by its shape: ICD-10-CM (dotted or a
/// category), ICD-10-PCS (seven letters and digits), HCPCS Level II (a letter and four digits).
pub fn system_of(entry: &str) -> Option<System> {
    let e = entry.trim();
    if icd_shaped(e) {
        Some(System::Cm)
    } else if e.len() == 7
        && e.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        Some(System::Pcs)
    } else if crate::codeset::hcpcs::HcpcsSet::is_level2_shape(e) {
        Some(System::Hcpcs)
    } else {
        None
    }
}

/// Year rollover: a warning for every cited code that the newest installed release of its
/// system deleted or retitled, compared with the release of the bank's `code_year` (or, when
/// that year is not installed, the newest older release that has the code).
pub fn check_rollover(
    file: &SourceFile,
    bank: &Bank,
    book: &CodeBook,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, q) in bank.questions.iter().enumerate() {
        for (j, c) in q.codes.iter().enumerate() {
            let Some(system) = system_of(c) else { continue };
            let Some(newest) = book.newest(system) else {
                continue;
            };
            if system != System::Cm
                && let Some(y) = book.for_year(system, bank.code_year)
                && y.check(c) == CodeCheck::Unknown
                && book
                    .systems()
                    .all(|s| s.system() != system || s.title(c).is_none())
            {
                diags.push(Diagnostic::warning(
                    &file.path,
                    file.pos(&format!("questions[{i}].codes[{j}]")),
                    format!(
                        "question {}: {c} is not a code in {} {} (nor in any installed release)",
                        q.id,
                        system.name(),
                        y.release()
                    ),
                ));
                continue;
            }
            let base = book
                .for_year(system, bank.code_year)
                .filter(|b| b.title(c).is_some())
                .or_else(|| {
                    book.systems().find(|s| {
                        s.system() == system
                            && s.release() < newest.release()
                            && s.title(c).is_some()
                    })
                });
            let Some(base) = base.filter(|b| b.release() != newest.release()) else {
                continue;
            };
            let old = base.title(c).unwrap_or_default();
            let what = match newest.title(c) {
                None => format!("was deleted in {} {}", system.name(), newest.release()),
                Some(t) if t != old => format!(
                    "was retitled in {} {}: \"{old}\" is now \"{t}\"",
                    system.name(),
                    newest.release()
                ),
                Some(_) => continue,
            };
            diags.push(Diagnostic::warning(
                &file.path,
                file.pos(&format!("questions[{i}].codes[{j}]")),
                format!(
                    "question {}: {c} (valid in {} {}) {what}; review the question for the new code set (`proctor codes diff {}:{} {}:{}`)",
                    q.id,
                    system.name(),
                    base.release(),
                    system.id(),
                    base.release(),
                    system.id(),
                    newest.release()
                ),
            ));
        }
    }
}

pub fn check_bank_codes(file: &SourceFile, bank: &Bank, diags: &mut Vec<Diagnostic>) {
    let cites_other = bank.questions.iter().any(|q| {
        q.codes
            .iter()
            .any(|c| matches!(system_of(c), Some(System::Pcs | System::Hcpcs)))
    });
    let cites_icd = bank.questions.iter().any(|q| {
        q.codes.iter().any(|c| icd_shaped(c))
            || q.choices
                .values()
                .any(|t| code_shapes(t).iter().any(|f| f.text.len() > 3))
    });
    // ICD-10-CM rolls over too once another year's tabular list is installed beside the built-in.
    if cites_other || (cites_icd && crate::codeset::installed_kind(FileKind::CmTabular)) {
        check_rollover(file, bank, book(), diags);
    }
    if !cites_icd {
        return;
    }
    let set = match icd10cm_for_year(bank.code_year) {
        None => {
            diags.push(Diagnostic::warning(
                &file.path,
                file.pos("code_year"),
                format!(
                    "no ICD-10-CM tabular list for code_year {y} (FY{} is built in; `proctor codes import` CDC's FY{y} tabular XML to check them): the codes this bank cites are not checked",
                    crate::codeset::ICD10CM_YEAR,
                    y = bank.code_year
                ),
            ));
            return;
        }
        Some(Err(e)) => {
            diags.push(Diagnostic::warning(
                &file.path,
                file.pos("code_year"),
                format!("the ICD-10-CM code set could not be loaded ({e}): codes not checked"),
            ));
            return;
        }
        Some(Ok(set)) => set,
    };
    let year = bank.code_year;
    for (i, q) in bank.questions.iter().enumerate() {
        for (j, c) in q.codes.iter().enumerate() {
            if icd_shaped(c) && set.check_code(c) == CodeCheck::Unknown {
                diags.push(Diagnostic::error(
                    &file.path,
                    file.pos(&format!("questions[{i}].codes[{j}]")),
                    format!(
                        "question {}: {c} is not a code in the FY{year} ICD-10-CM code set{}",
                        q.id,
                        hint(set, c)
                    ),
                ));
            }
        }
        let keys = q.key_set();
        for (k, text) in &q.choices {
            for found in set.codes_in_text(text) {
                let at = format!("questions[{i}].choices.{k}");
                match set.check_code(found.text) {
                    CodeCheck::Unknown => diags.push(Diagnostic::error(
                        &file.path,
                        file.pos(&at),
                        format!(
                            "question {}: choice {k} cites {}, which is not a code in the FY{year} ICD-10-CM code set{}",
                            q.id,
                            found.text,
                            hint(set, found.text)
                        ),
                    )),
                    // Listing a header in `codes:` says it is meant (a question about completing it).
                    CodeCheck::Header if keys.contains(k) && !listed(&q.codes, found.text) => diags.push(Diagnostic::warning(
                        &file.path,
                        file.pos(&at),
                        format!(
                            "question {}: the answer cites {}, a non-billable header (it has codes below it): give the complete code",
                            q.id, found.text
                        ),
                    )),
                    _ => {}
                }
                if !listed(&q.codes, found.text) {
                    diags.push(Diagnostic::warning(
                        &file.path,
                        file.pos(&format!("questions[{i}].codes")),
                        format!(
                            "question {}: {} appears in choice {k} but is not listed in `codes:`",
                            q.id, found.text
                        ),
                    ));
                }
            }
        }
    }
}

fn listed(codes: &[String], code: &str) -> bool {
    codes.iter().any(|c| c.eq_ignore_ascii_case(code))
}

/// "did you mean" for the common slips: a missing 7th character or a header.
fn hint(set: &CodeSet, code: &str) -> String {
    let parent = code.rsplit_once('.').map(|(head, tail)| (head, tail.len()));
    match parent {
        Some((head, _)) if set.lookup(head).is_some() => {
            format!(" (category {head} exists: check the characters after the dot)")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::icd_shaped;

    #[test]
    fn only_icd_forms_are_checked() {
        assert!(icd_shaped("E11.65"));
        assert!(icd_shaped("S72.001A"));
        assert!(icd_shaped("I10"));
        assert!(!icd_shaped("J3301"));
        assert!(!icd_shaped("G0439"));
        assert!(!icd_shaped("99213"));
    }
}
