//! Every code a bank cites, checked against its own system through [`CodeLookup`]: code-entry
//! answers (each code must exist and be complete: a candidate is scored against it) and the
//! ICD-10-PCS and HCPCS codes in `codes:` (ICD-10-CM ones there are checked in `codes.rs`). A
//! system that is not installed is named once per bank in a warning; a code of no system is an
//! error. Run by `proctor validate` only.

use super::diagnostic::Diagnostic;
use super::entry_rules::CODE_FORMS;
use super::model::Bank;
use super::source::SourceFile;
use crate::codeset::{CodeLookup, EntrySystem, Lookup, is_cpt_shape, system_of};
use std::collections::BTreeSet;

pub fn check_entry_codes(
    file: &SourceFile,
    bank: &Bank,
    book: &dyn CodeLookup,
    diags: &mut Vec<Diagnostic>,
) {
    let year = bank.code_year;
    let mut unchecked: BTreeSet<EntrySystem> = BTreeSet::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let id = &q.id;
        for (j, code) in q.codes.iter().enumerate() {
            let at = file.pos(&format!("questions[{i}].codes[{j}]"));
            match system_of(code) {
                // Well-formed codes in `codes:` get the detailed checks of codes.rs: ICD-10-CM
                // against the bank's year, PCS and HCPCS against every installed release (deleted,
                // retitled or unknown, as warnings, since a question may cite an older year's code).
                Some(_) => {}
                None if is_cpt_shape(code) => {}
                None => diags.push(Diagnostic::error(
                    &file.path,
                    at,
                    format!(
                        "question {id}: `{code}` in `codes:` is not a well-formed code: {CODE_FORMS}, CPT as 5 characters (99213)"
                    ),
                )),
            }
        }
        if !q.is_code_entry() {
            continue;
        }
        for (j, code) in q.key_codes().iter().enumerate() {
            // Malformed codes and codes of systems not asked for are reported by entry_rules.
            let Some(s) = system_of(code) else { continue };
            if q.entry.as_ref().is_some_and(|e| !e.systems.contains(&s)) {
                continue;
            }
            let at = file.pos(&format!("questions[{i}].answer[{j}]"));
            match book.lookup(s, year, code) {
                None => {
                    unchecked.insert(s);
                }
                Some(Lookup::Unknown) => diags.push(Diagnostic::error(
                    &file.path,
                    at,
                    format!(
                        "question {id}: the answer's {code} is not a code in the {year} {s} code set: check it in the code book"
                    ),
                )),
                Some(Lookup::Header) => diags.push(Diagnostic::error(
                    &file.path,
                    at,
                    format!(
                        "question {id}: the answer's {code} is a header in {s}, not billable: give the complete code (it needs more characters)"
                    ),
                )),
                Some(Lookup::Billable(_)) => {}
            }
        }
    }
    for s in unchecked {
        diags.push(Diagnostic::warning(
            &file.path,
            file.pos("code_year"),
            format!(
                "no {s} code set for {year} is installed: this bank's {s} codes were checked for their form only (install the official file to check them)"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::parse::{Document, parse};

    /// A code book that knows a few codes of every system, for the rules alone.
    struct Fake;
    impl CodeLookup for Fake {
        fn lookup(&self, s: EntrySystem, _: u16, code: &str) -> Option<Lookup> {
            Some(match (s, code) {
                (EntrySystem::Icd10Cm, "K35.80") | (EntrySystem::Icd10Pcs, "0DTJ4ZZ") => {
                    Lookup::Billable("x".into())
                }
                (EntrySystem::Icd10Cm, "K35.8") => Lookup::Header,
                (EntrySystem::Hcpcs, _) => return None,
                _ => Lookup::Unknown,
            })
        }
    }

    fn check(answer: &str, codes: &str) -> Vec<Diagnostic> {
        let text = format!(
            "bank: t\ntitle: T\nexam: T\nversion: 1\ncode_year: 2026\nauthors: [a]\nlicense: x\nquestions:\n  - id: T-1\n    domain: d\n    difficulty: easy\n    kind: code-entry\n    entry: {{code: both, systems: [icd-10-cm, icd-10-pcs, hcpcs]}}\n    stem: Code it.\n    answer: {answer}\n    explanation: Because.\n    references: [r]\n    codes: {codes}\n"
        );
        let file = SourceFile::new("t.yaml", text, false);
        let mut diags = vec![];
        let Some(Document::Bank(bank)) = parse(&file, &mut diags) else {
            panic!("does not parse: {diags:?}");
        };
        check_entry_codes(&file, &bank, &Fake, &mut diags);
        diags
    }

    #[test]
    fn answer_codes_must_exist_and_be_complete() {
        assert!(check("[K35.80, 0DTJ4ZZ]", "[]").is_empty());
        let d = check("[K35.8, 0DTJ4ZY]", "[]");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d[0].message
                .contains("is a header in ICD-10-CM, not billable")
        );
        assert!(
            d[1].message
                .contains("0DTJ4ZY is not a code in the 2026 ICD-10-PCS")
        );
        assert_eq!(d[1].line, 15);
    }

    #[test]
    fn codes_list_is_checked_for_form_and_uninstalled_systems_warn_once() {
        let d = check("[K35.80, J9035, J9036]", "[0DTJ4ZY, J9035, 99213, E11.-]");
        let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        // An unknown PCS code in `codes:` is left to codes.rs (rollover warnings over every
        // installed release); a malformed one is an error here.
        assert_eq!(d.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("`E11.-` in `codes:` is not a well-formed code"));
        assert!(msgs[1].contains("no HCPCS Level II code set for 2026 is installed"));
        // Cited only in `codes:`, an uninstalled system is not worth a warning.
        let d = check("[K35.80]", "[J9035]");
        assert!(d.is_empty(), "{d:?}");
    }
}
