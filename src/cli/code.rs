//! `proctor code <CODE|WORDS...> [--system cm|pcs|hcpcs] [--json]`: the code book on the command
//! line, over the built-in ICD-10-CM and every imported code set.

use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::codeset::{ICD10CM_ATTRIBUTION, System, book};

pub fn run(
    words: &[String],
    system: Option<&str>,
    json: bool,
    limit: usize,
    year: Option<u16>,
) -> anyhow::Result<u8> {
    let query = words.join(" ");
    if query.trim().is_empty() {
        eprintln!(
            "proctor: give a code or words, e.g. `proctor code E11.65` or `proctor code type 2 diabetes`"
        );
        return Ok(EXIT_USAGE);
    }
    let only = system.and_then(System::parse);
    let book = book();
    for p in &book.problems {
        eprintln!("proctor: an installed code set is not used: {p}");
    }
    if only.is_some_and(|s| book.newest(s).is_none()) {
        let s = only.unwrap_or(System::Cm);
        eprintln!(
            "proctor: no {} code set is installed; install it with `proctor codes import FILE` (README: where to download it)",
            s.name()
        );
        return Ok(EXIT_FAILURE);
    }
    if let Some(y) = year {
        let systems: Vec<System> = match only {
            Some(s) => vec![s],
            None => System::ALL.to_vec(),
        };
        if systems.iter().all(|s| book.for_year(*s, y).is_none()) {
            let have: Vec<String> = book
                .systems()
                .filter(|s| only.is_none_or(|o| o == s.system()))
                .map(|s| format!("{} {}", s.system().name(), s.release()))
                .collect();
            eprintln!(
                "proctor: no code set of {y} is installed (installed: {}); `proctor codes import FILE` installs another year",
                have.join(", ")
            );
            return Ok(EXIT_FAILURE);
        }
    }
    let pages = book.lookup_in(query.trim(), only, year);
    // A code's page is the answer; matches are listed for anything else.
    let hits = match (pages.is_empty(), year) {
        (false, _) => Vec::new(),
        (true, None) => book.search(&query, only, limit),
        (true, Some(y)) => book.search_year(&query, only, limit, y),
    };
    let installed: Vec<String> = book
        .systems()
        .filter(|s| {
            year.is_none_or(|y| {
                book.for_year(s.system(), y)
                    .is_some_and(|r| r.release() == s.release())
            })
        })
        .map(|s| format!("{} {}", s.system().name(), s.release()))
        .collect();
    let found = !pages.is_empty() || !hits.is_empty();
    if json {
        let v = serde_json::json!({
            "query": query,
            "code_sets": installed,
            // The first page, for a single code; every system's page when a code exists in several.
            "code": pages.first(),
            "pages": pages,
            "results": hits,
            "attribution": ICD10CM_ATTRIBUTION,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(if found { EXIT_OK } else { EXIT_FAILURE });
    }
    if !pages.is_empty() {
        for (i, p) in pages.iter().enumerate() {
            if i > 0 {
                println!();
            }
            println!("[{} {}]", p.system.name(), p.release);
            for line in &p.lines {
                println!("{line}");
            }
        }
    } else if hits.is_empty() {
        println!(
            "No code or description matches \"{query}\" in {}.",
            installed.join(", ")
        );
        return Ok(EXIT_FAILURE);
    } else {
        for h in &hits {
            let mark = if h.billable { " " } else { "+" };
            let sys = h.system.id();
            println!("{sys:<6}{:<9}{mark} {}", h.code, h.title);
            if let Some(v) = &h.via {
                println!("{:<17}({v})", "");
            }
        }
        println!("(+ = not a complete code; `proctor code CODE` shows a code's page)");
    }
    println!();
    println!("{ICD10CM_ATTRIBUTION}");
    Ok(EXIT_OK)
}
