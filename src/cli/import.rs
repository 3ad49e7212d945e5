//! `proctor import FILE --exam ID [--domain ID] [--out DIR]`: another system's questions as proctor
//! bank YAML. Prints what the source lacks (positioned in the source) and what was refused; exit 0
//! when at least one question was written, 1 when none, 2 for a usage error.

use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::interop::to_bank::{self, Target};
use crate::interop::{Format, MAX_INPUT_BYTES};
use chrono::Datelike;
use std::io::Read;
use std::path::PathBuf;

pub struct Request {
    pub file: PathBuf,
    pub exam: String,
    pub domain: Option<String>,
    pub out: PathBuf,
    pub format: Option<Format>,
    pub code_year: Option<u16>,
}

pub fn run(ctx: &Context, req: &Request) -> anyhow::Result<u8> {
    let path = req.file.display().to_string();
    let catalog = ctx.load_with_notice();
    let Some(bp) = catalog.blueprint(&req.exam) else {
        let ids: Vec<&str> = catalog.blueprints.iter().map(|b| b.id.as_str()).collect();
        eprintln!(
            "proctor: no exam `{}` (known: {})",
            req.exam,
            ids.join(", ")
        );
        return Ok(EXIT_USAGE);
    };
    if let Some(d) = &req.domain
        && !bp.domains.iter().any(|x| &x.id == d)
    {
        let ids: Vec<&str> = bp.domains.iter().map(|x| x.id.as_str()).collect();
        eprintln!(
            "proctor: {} has no domain `{d}` (domains: {})",
            bp.id,
            ids.join(", ")
        );
        return Ok(EXIT_USAGE);
    }
    let bytes = read_capped(&req.file)?;
    let ext = req.file.extension().and_then(|e| e.to_str());
    let Some(format) = req.format.or_else(|| Format::detect(&bytes, ext)) else {
        eprintln!("proctor: {}", crate::interop::InteropError::Unknown(path));
        return Ok(EXIT_FAILURE);
    };
    let read = match format.read(&path, &bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("proctor: {e}");
            return Ok(EXIT_FAILURE);
        }
    };
    let target = Target {
        exam: &bp.exam,
        blueprint: bp,
        domain: req.domain.as_deref(),
        code_year: req.code_year.unwrap_or_else(|| ctx.today().year() as u16),
        source: &path,
        format: format.name(),
    };
    let built = to_bank::build(&read, &target);
    for d in &built.findings {
        println!("{d}");
    }
    if !built.refused.is_empty() {
        println!(
            "refused {} question(s) proctor cannot represent:",
            built.refused.len()
        );
        for r in &built.refused {
            let at = match &r.part {
                Some(p) => format!("{path}!{p}:{}", r.line.max(1)),
                None => format!("{path}:{}", r.line.max(1)),
            };
            println!("  {at}: {}: {}", r.kind, r.first_line);
        }
    }
    if built.banks.is_empty() {
        eprintln!("proctor: no question of {path} could be imported");
        return Ok(EXIT_FAILURE);
    }
    std::fs::create_dir_all(&req.out).map_err(|e| anyhow::anyhow!("{}: {e}", req.out.display()))?;
    // Never over an author's file: if any bank file is already there, nothing is written.
    let taken: Vec<String> = built
        .banks
        .iter()
        .map(|b| req.out.join(&b.file_name))
        .filter(|d| d.exists())
        .map(|d| d.display().to_string())
        .collect();
    if !taken.is_empty() {
        eprintln!(
            "proctor: {} already exist(s); nothing was written. Choose another --out folder or move them away.",
            taken.join(", ")
        );
        return Ok(EXIT_FAILURE);
    }
    let mut total = 0;
    for b in &built.banks {
        let dest = req.out.join(&b.file_name);
        crate::store::atomic::write_new(&dest, b.yaml.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: {e}", dest.display()))?;
        println!("wrote {} ({} question(s))", dest.display(), b.questions);
        total += b.questions;
    }
    println!(
        "imported {total} question(s) from {path} ({}), refused {}; run `proctor validate {}` and fill in what it lists",
        format.name(),
        built.refused.len(),
        req.out.display()
    );
    Ok(EXIT_OK)
}

/// Reads at most the input cap (plus one byte, to tell a larger file apart) whatever the file says.
fn read_capped(file: &PathBuf) -> anyhow::Result<Vec<u8>> {
    let f = std::fs::File::open(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut bytes = Vec::new();
    f.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(crate::interop::InteropError::TooLarge(file.display().to_string()).into());
    }
    Ok(bytes)
}
