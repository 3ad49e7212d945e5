//! `proctor new bank --exam ID [--out FILE]`: a bank with one example of each question kind, in
//! the exam's own domains, that `proctor validate` passes with no errors.

use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, NewAction};
use crate::authoring::{ScaffoldDomains, scaffold_bank};
use crate::bank::QuestionKind;

pub fn run(ctx: &Context, what: NewAction) -> anyhow::Result<u8> {
    let NewAction::Bank { exam, out } = what;
    let catalog = ctx.load_with_notice();
    let Some(bp) = catalog.blueprint(&exam) else {
        eprintln!(
            "proctor: no exam `{exam}`; `proctor list` shows the ids (a bank's questions go in its blueprint's domains)"
        );
        return Ok(EXIT_USAGE);
    };
    let first = |k: QuestionKind| {
        bp.domains
            .iter()
            .find(|d| d.kind == k)
            .map(|d| d.id.clone())
    };
    let Some(choice) = first(QuestionKind::MultipleChoice) else {
        eprintln!("proctor: {} has no multiple-choice domain", bp.id);
        return Ok(EXIT_FAILURE);
    };
    let domains = ScaffoldDomains {
        choice,
        code_entry: first(QuestionKind::CodeEntry),
    };
    let bank_id = format!("{}-new", bp.exam.to_ascii_lowercase());
    let text = scaffold_bank(&bp.exam, &bank_id, &domains);
    match out {
        None => print!("{text}"),
        Some(path) => {
            crate::store::atomic::write_new(&path, text.as_bytes())?;
            eprintln!(
                "proctor: wrote {}; check it with `proctor validate {}`",
                path.display(),
                path.display()
            );
        }
    }
    Ok(EXIT_OK)
}
