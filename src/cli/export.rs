//! `proctor export EXAM|BANK --format qti|moodle-xml|gift|csv [--out FILE]`: banks as files other
//! systems import. Code-entry questions have no choices and are left out, with a count.

use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::bank::{Bank, Diagnostic, SourceFile};
use crate::interop::{Format, from_bank};
use std::io::Write;
use std::path::PathBuf;

pub fn run(ctx: &Context, what: &str, format: Format, out: Option<PathBuf>) -> anyhow::Result<u8> {
    let banks: Vec<Bank> = if std::path::Path::new(what).is_file() {
        match bank_file(what) {
            Ok(b) => vec![b],
            Err(diags) => {
                for d in diags {
                    eprintln!("{d}");
                }
                return Ok(EXIT_FAILURE);
            }
        }
    } else {
        let catalog = ctx.load_with_notice();
        if let Some(bp) = catalog.blueprint(what) {
            catalog.banks_for_exam(&bp.exam).cloned().collect()
        } else if let Some(b) = catalog.banks().find(|b| b.bank == what) {
            vec![b.clone()]
        } else {
            eprintln!("proctor: `{what}` is neither an exam, a bank id nor a bank file");
            return Ok(EXIT_USAGE);
        }
    };
    let mut items = Vec::new();
    let mut skipped = 0;
    for b in &banks {
        let (mut i, s) = from_bank::items(b);
        items.append(&mut i);
        skipped += s;
    }
    let bytes = format.write(&items)?;
    match &out {
        // Never over an existing file (create-new): an author's work is not replaced by accident.
        Some(p) => crate::store::atomic::write_new(p, &bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: {e} (nothing was written; choose another --out)",
                p.display()
            )
        })?,
        None => std::io::stdout().write_all(&bytes)?,
    }
    let dest = out.map_or("standard output".to_string(), |p| p.display().to_string());
    eprintln!(
        "exported {} question(s) from {} bank(s) as {} to {dest}{}",
        items.len(),
        banks.len(),
        format.name(),
        if skipped > 0 {
            format!(
                "; left out {skipped} code-entry question(s) (no exchange format has typed-code answers)"
            )
        } else {
            String::new()
        }
    );
    Ok(EXIT_OK)
}

fn bank_file(path: &str) -> Result<Bank, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic::error(
            path,
            crate::bank::Pos::START,
            e.to_string(),
        )]
    })?;
    let file = SourceFile::new(path, text, false);
    let mut diags = Vec::new();
    match crate::bank::parse::parse(&file, &mut diags) {
        Some(crate::bank::parse::Document::Bank(b)) => Ok(b),
        _ => {
            if diags.is_empty() {
                diags.push(Diagnostic::error(
                    path,
                    crate::bank::Pos::START,
                    "not a bank",
                ));
            }
            Err(diags)
        }
    }
}
