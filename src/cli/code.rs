//! `proctor code <CODE|WORDS...> [--json]`: the ICD-10-CM code book on the command line.

use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::codeset::{ICD10CM_ATTRIBUTION, detail, icd10cm};
use serde::Serialize;

#[derive(Serialize)]
struct HitJson {
    code: String,
    description: String,
    billable: bool,
    matched: String,
}

pub fn run(words: &[String], json: bool, limit: usize) -> anyhow::Result<u8> {
    let query = words.join(" ");
    if query.trim().is_empty() {
        eprintln!(
            "proctor: give a code or words, e.g. `proctor code E11.65` or `proctor code type 2 diabetes`"
        );
        return Ok(EXIT_USAGE);
    }
    let set = match icd10cm() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("proctor: the ICD-10-CM code set is unavailable: {e}");
            return Ok(EXIT_FAILURE);
        }
    };
    let exact = set.lookup(query.trim()).filter(|c| c.kind().is_code());
    let hits: Vec<HitJson> = set
        .search(&query, limit)
        .into_iter()
        .map(|h| HitJson {
            code: h.code.code().to_string(),
            description: h.code.description().to_string(),
            billable: h.code.is_billable(),
            matched: format!("{:?}", h.matched).to_lowercase(),
        })
        .collect();
    let page = exact.map(|c| detail(set, c));
    if json {
        let v = serde_json::json!({ "code_set": set.name(), "query": query, "code": page, "results": hits, "attribution": ICD10CM_ATTRIBUTION });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(if page.is_some() || !hits.is_empty() {
            EXIT_OK
        } else {
            EXIT_FAILURE
        });
    }
    if let Some(p) = page {
        for line in p.lines() {
            println!("{line}");
        }
    } else if hits.is_empty() {
        println!("No ICD-10-CM code or description matches \"{query}\".");
        return Ok(EXIT_FAILURE);
    } else {
        for h in &hits {
            let mark = if h.billable { " " } else { "+" };
            println!("{:<9}{mark} {}", h.code, h.description);
        }
        println!("(+ = header, not billable; `proctor code CODE` shows a code's notes)");
    }
    println!();
    println!("{ICD10CM_ATTRIBUTION}");
    Ok(EXIT_OK)
}
