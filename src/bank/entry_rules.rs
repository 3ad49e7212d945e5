//! Checks of a code-entry question's form that need no code set: the kind, what to code, the
//! systems, and that every answer code is well formed and of an asked-for system. Whether each
//! code exists is checked against the installed code sets in `codes.rs` (validate only).

use super::diagnostic::Diagnostic;
use super::model::{Answer, CodeWhat, Question, QuestionKind};
use super::source::SourceFile;
use crate::codeset::{EntrySystem, canonical, system_of};

/// How to write a code of each system, for messages.
pub const CODE_FORMS: &str = "write ICD-10-CM with its dot (K35.80), ICD-10-PCS as 7 characters (0DTJ4ZZ), HCPCS Level II as a letter and 4 digits (J9035)";

pub fn check_code_entry(file: &SourceFile, i: usize, q: &Question, diags: &mut Vec<Diagnostic>) {
    let id = &q.id;
    let p = format!("questions[{i}]");
    let mut err = |path: String, msg: String| {
        diags.push(Diagnostic::error(&file.path, file.pos(&path), msg));
    };
    if q.kind != QuestionKind::CodeEntry {
        err(
            format!("{p}.answer"),
            format!(
                "question {id}: a list of codes as the answer, or `entry:`, needs `kind: code-entry`"
            ),
        );
        return;
    }
    if !q.choices.is_empty() || !q.why.is_empty() {
        err(
            format!("{p}.choices"),
            format!(
                "question {id}: a code-entry question has no choices (or `why`): the candidate types the codes; delete them"
            ),
        );
    }
    if !q.shuffle {
        err(
            format!("{p}.shuffle"),
            format!("question {id}: `shuffle` is for choices; a code-entry question has none"),
        );
    }
    let Some(entry) = &q.entry else {
        err(
            format!("{p}.kind"),
            format!(
                "question {id}: kind: code-entry needs `entry:` with `code:` (diagnoses, procedures or both) and `systems:`"
            ),
        );
        return;
    };
    let systems = &entry.systems;
    if systems.is_empty() {
        err(
            format!("{p}.entry.systems"),
            format!("question {id}: `systems` is empty: name icd-10-cm, icd-10-pcs or hcpcs"),
        );
    }
    let has_cm = systems.contains(&EntrySystem::Icd10Cm);
    let has_proc = systems
        .iter()
        .any(|s| matches!(s, EntrySystem::Icd10Pcs | EntrySystem::Hcpcs));
    let fits = match entry.code {
        CodeWhat::Diagnoses => !has_proc,
        CodeWhat::Procedures => !has_cm,
        CodeWhat::Both => has_cm && has_proc,
    };
    if !fits && !systems.is_empty() {
        err(
            format!("{p}.entry.code"),
            format!(
                "question {id}: `code: {}` does not fit systems [{}]: diagnoses are ICD-10-CM, procedures ICD-10-PCS or HCPCS, both needs one of each",
                match entry.code {
                    CodeWhat::Diagnoses => "diagnoses",
                    CodeWhat::Procedures => "procedures",
                    CodeWhat::Both => "both",
                },
                systems
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    let codes = match &q.answer {
        Answer::Codes(c) if !c.is_empty() => c,
        _ => {
            err(
                format!("{p}.answer"),
                format!(
                    "question {id}: the answer of a code-entry question is a list of codes, principal or first-listed first: [K35.80, 0DTJ4ZZ]"
                ),
            );
            return;
        }
    };
    let mut seen: Vec<String> = Vec::new();
    for (j, code) in codes.iter().enumerate() {
        let at = format!("{p}.answer[{j}]");
        match system_of(code) {
            None => err(
                at.clone(),
                format!("question {id}: `{code}` is not a well-formed code: {CODE_FORMS}"),
            ),
            Some(s) if !systems.contains(&s) => err(
                at.clone(),
                format!(
                    "question {id}: {code} is an {s} code, but `systems` does not list {}: add it or remove the code",
                    system_key(s)
                ),
            ),
            Some(_) => {}
        }
        let c = canonical(code);
        if seen.contains(&c) {
            err(
                at,
                format!("question {id}: {code} is listed twice in the answer"),
            );
        } else {
            seen.push(c);
        }
    }
}

/// The YAML spelling of a system, as an author writes it in `systems:`.
pub fn system_key(s: EntrySystem) -> &'static str {
    match s {
        EntrySystem::Icd10Cm => "icd-10-cm",
        EntrySystem::Icd10Pcs => "icd-10-pcs",
        EntrySystem::Hcpcs => "hcpcs",
    }
}
