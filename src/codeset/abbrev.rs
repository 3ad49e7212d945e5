//! The curated abbreviation list (question-banks/codesets/abbreviations.tsv): what coders type
//! ("chf", "htn", "heart attack") and the tabular list's words for it. A query word that is an
//! abbreviation is replaced by its expansion and never matched as a prefix, so "uti" finds
//! urinary tract infections and not "utilities".

use super::fold::{fold_into, words};
use crate::bank::SourceFile;

/// The shipped file, by its path under question-banks/.
pub const ABBREVIATIONS_FILE: &str = "codesets/abbreviations.tsv";

/// One row: the abbreviation (folded), its expansion and the source of its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    pub abbreviation: String,
    pub expansion: String,
    pub source: String,
}

/// The rows of an abbreviation file; lines starting with `#` are comments. A malformed line is
/// an error naming it, so the shipped file is checked by the tests.
pub fn parse(text: &str) -> Result<Vec<Abbreviation>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 3 || f.iter().any(|x| x.trim().is_empty()) {
            return Err(format!(
                "{ABBREVIATIONS_FILE}:{}: a row is abbreviation<TAB>expansion<TAB>source",
                i + 1
            ));
        }
        out.push(Abbreviation {
            abbreviation: folded(f[0]),
            expansion: f[1].to_string(),
            source: f[2].to_string(),
        });
    }
    // Longest first, so "heart attack" is replaced before a shorter entry could take a part of it.
    out.sort_by_key(|a| std::cmp::Reverse(a.abbreviation.len()));
    Ok(out)
}

/// The shipped list (empty if the build lacks it; the tests make sure it does not).
pub fn shipped() -> Vec<Abbreviation> {
    SourceFile::shipped_bytes(ABBREVIATIONS_FILE)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| parse(t).ok())
        .unwrap_or_default()
}

fn folded(s: &str) -> String {
    let mut f = String::new();
    fold_into(s, &mut f);
    words(&f).collect::<Vec<_>>().join(" ")
}

/// `query` with whole-word abbreviations replaced by their expansions, and which were used;
/// None when nothing was replaced.
pub fn expand<'a>(
    list: &'a [Abbreviation],
    query: &str,
) -> Option<(String, Vec<&'a Abbreviation>)> {
    let mut q = format!(" {} ", folded(query));
    let mut used = Vec::new();
    for a in list {
        let pat = format!(" {} ", a.abbreviation);
        if q.contains(&pat) {
            q = q.replace(&pat, &format!(" {} ", folded(&a.expansion)));
            used.push(a);
        }
    }
    (!used.is_empty()).then(|| (q.trim().to_string(), used))
}
