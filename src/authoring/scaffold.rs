//! `proctor new bank`: a bank file with one example of each question kind (single answer,
//! select-all-that-apply, code entry, and a case group two questions share), written so that
//! `proctor validate` reports no errors on it. Authors copy an example and edit it.

/// The domains the examples go in: a multiple-choice domain of the exam's blueprint, and its
/// code-entry domain if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldDomains {
    pub choice: String,
    /// None: the exam takes no typed codes, so the code-entry example is left as a comment
    /// (a code-entry question in a multiple-choice domain is a validation error).
    pub code_entry: Option<String>,
}

/// The YAML text of a new bank for `exam`, id `bank_id`.
pub fn scaffold_bank(exam: &str, bank_id: &str, domains: &ScaffoldDomains) -> String {
    let prefix: String = exam
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    let mc = &domains.choice;
    let mut out = format!(
        r#"# A new proctor bank: one example of each question kind. Copy an example, change its id,
# and run `proctor validate THIS-FILE`.
# docs/authoring.md explains every field.
bank: {bank_id}
title: "{exam}: new questions"
exam: {exam}
version: 1
code_year: 2026
authors: [your name]
license: CC-BY-4.0
cases:
  # A case group: a record excerpt shown beside every question that names it in `case:`.
  - id: {bank_id}-case-1
    title: "Office visit (example)"
    text: |
      Invented record. Established patient, office visit, 2026.
      Assessment:     1. Type 2 diabetes mellitus without complications
                      2. Essential hypertension
questions:
  # Single answer: `answer` is one letter.
  - id: {prefix}-NEW-0001
    domain: {mc}
    difficulty: easy
    stem: |
      Which claim form does a physician office use to bill a commercial payer on paper?
    choices:
      A: The CMS-1500
      B: The UB-04
      C: The ADA dental claim form
      D: The CMS-1450 facility form
    answer: A
    explanation: |
      Professional services are billed on the CMS-1500; the UB-04 (CMS-1450) is the institutional
      claim and the ADA form is for dental services.
    why:
      B: The UB-04 is the institutional (facility) claim.
      C: The ADA form is for dental services.
      D: The CMS-1450 is the UB-04 under another name, an institutional claim.
    references:
      - NUCC 1500 Claim Form Reference Instruction Manual
  # Select all that apply: `answer` is a list of letters.
  - id: {prefix}-NEW-0002
    domain: {mc}
    difficulty: medium
    stem: |
      Select all that apply. Which of these are HCPCS Level II code sections?
    choices:
      A: J codes (drugs administered other than orally)
      B: E codes (durable medical equipment)
      C: V codes (vision and hearing services)
      D: Z codes (factors influencing health status)
    answer: [A, B, C]
    explanation: |
      J, E and V are HCPCS Level II sections; Z codes are an ICD-10-CM chapter.
    why:
      D: Z codes are ICD-10-CM factors influencing health status, not HCPCS Level II.
    references:
      - CMS HCPCS Level II code set, 2026
  # A question of the case group above.
  - id: {prefix}-NEW-0003
    domain: {mc}
    difficulty: medium
    case: {bank_id}-case-1
    stem: |
      In the office visit record, which condition is listed first in the assessment?
    choices:
      A: Type 2 diabetes mellitus without complications
      B: Essential hypertension
      C: Hyperlipidemia
      D: Obesity
    answer: A
    explanation: |
      The assessment lists type 2 diabetes mellitus without complications first.
    why:
      B: Essential hypertension is listed second.
      C: Hyperlipidemia is not in the record.
      D: Obesity is not in the record.
    references:
      - ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Section IV
"#
    );
    let code_entry = format!(
        r#"  # Code entry: the candidate types the codes; `answer` lists them, principal first.
  - id: {prefix}-NEW-0004
    domain: {{domain}}
    difficulty: medium
    case: {bank_id}-case-1
    kind: code-entry
    entry:
      code: diagnoses
      systems: [icd-10-cm]
    stem: |
      Code the diagnoses of this office visit, first-listed first.
    answer: [E11.9, I10]
    explanation: |
      Type 2 diabetes mellitus without complications is E11.9 and essential hypertension is I10;
      the diabetes, the main reason for the visit, is listed first (Section IV).
    references:
      - ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Section IV
    codes: [E11.9, I10]
"#
    );
    match &domains.code_entry {
        Some(d) => out.push_str(&code_entry.replace("{domain}", d)),
        None => {
            out.push_str(&format!(
                "  # Code entry needs a blueprint domain with `kind: code-entry`; {exam} has none,\n  \
                 # so this example stays a comment. Uncomment it under such a domain.\n"
            ));
            for line in code_entry.replace("{domain}", "CODE-ENTRY-DOMAIN").lines() {
                out.push_str("  # ");
                out.push_str(line.strip_prefix("  ").unwrap_or(line));
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_entry_is_live_only_when_the_exam_has_such_a_domain() {
        let with = scaffold_bank(
            "CIC",
            "cic-new",
            &ScaffoldDomains {
                choice: "outpatient".into(),
                code_entry: Some("inpatient-cases".into()),
            },
        );
        assert!(with.contains("\n    domain: inpatient-cases\n"));
        assert!(with.contains("\n    kind: code-entry\n"));
        let without = scaffold_bank(
            "CPB",
            "cpb-new",
            &ScaffoldDomains {
                choice: "claims".into(),
                code_entry: None,
            },
        );
        assert!(!without.contains("\n    kind: code-entry\n"));
        assert!(without.contains("\n  #   kind: code-entry\n"));
        for text in [&with, &without] {
            assert!(!text.contains("{domain}") && !text.contains("{{"));
            assert!(text.contains("answer: [A, B, C]") && text.contains("case: "));
        }
    }
}
