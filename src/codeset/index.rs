//! Alphabetic indexes and tables as CMS and CDC publish them: the ICD-10-CM Index to Diseases
//! and Injuries, the External Cause Index, the Table of Drugs and Chemicals and the Neoplasm
//! Table (one schema, `<ICD10CM.index>`), and the ICD-10-PCS Index (`<ICD10PCS.index>`). Each
//! entry keeps its place (main term, then subterms by level) so a hit reads as the book does:
//! "Hypertension, heart, with heart failure → I11.0".

use super::xml::Element;
use serde::{Deserialize, Serialize};

/// One line of the index: a main term (level 0) or a subterm (level 1 and down).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexTerm {
    pub level: u8,
    /// As printed, nonessential modifiers in parentheses: "Abuse (adult) (child)".
    pub title: String,
    /// The entry above (main term for a level-1 subterm), by number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u32>,
    /// The code or partial code the line gives ("I10", "C79.8-", PCS "0UT9", a table "0QB").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub see: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub see_also: String,
    /// PCS "use": the value to use for this term ("Use Esophagus, Lower").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub use_value: String,
    /// Table columns 2 and on (drug and neoplasm tables): one code or "--" per heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
}

/// A whole index or table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexSet {
    /// The column headings of a table ("Substance", "Poisoning Accidental (unintentional)", ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heads: Vec<String>,
    pub terms: Vec<IndexTerm>,
}

impl IndexSet {
    /// The entry's path from its main term, as the book reads: "Hypertension, heart, with heart
    /// failure".
    pub fn path(&self, i: usize) -> String {
        let mut parts = vec![self.terms[i].title.as_str()];
        let mut at = self.terms[i].parent;
        while let Some(p) = at {
            let t = &self.terms[p as usize];
            if !t.title.is_empty() {
                parts.push(&t.title);
            }
            at = t.parent;
        }
        parts.retain(|p| !p.is_empty());
        parts.reverse();
        parts.join(", ")
    }

    /// What the entry sends the reader to: its code(s), table cells, "see", "see also", "use".
    pub fn target(&self, i: usize) -> String {
        let t = &self.terms[i];
        let mut out = Vec::new();
        if !t.code.is_empty() {
            out.push(t.code.clone());
        }
        for (j, c) in t.cells.iter().enumerate() {
            if c != "--" && !c.is_empty() {
                let head = self.heads.get(j + 1).map_or("", String::as_str);
                out.push(format!("{head}: {c}"));
            }
        }
        if !t.use_value.is_empty() {
            out.push(format!("use {}", t.use_value));
        }
        if !t.see.is_empty() {
            out.push(format!("see {}", t.see));
        }
        if !t.see_also.is_empty() {
            out.push(format!("see also {}", t.see_also));
        }
        out.join("; ")
    }

    /// Every code the entries give, for checks and counts.
    pub fn code_count(&self) -> usize {
        self.terms
            .iter()
            .filter(|t| !t.code.is_empty() || t.cells.iter().any(|c| c != "--"))
            .count()
    }
}

/// An index or table from its root element (either schema), or the line and reason it is not one.
pub(crate) fn from_xml(root: &Element) -> Result<IndexSet, (usize, String)> {
    let mut set = IndexSet::default();
    if let Some(h) = root.child("indexHeading") {
        let mut heads: Vec<(u8, String)> = h
            .all("head")
            .map(|e| {
                (
                    e.attr("col").and_then(|c| c.parse().ok()).unwrap_or(0),
                    e.deep_text(),
                )
            })
            .collect();
        heads.sort();
        set.heads = heads.into_iter().map(|(_, t)| t).collect();
    }
    for letter in root.all("letter") {
        for m in letter.all("mainTerm") {
            walk(m, 0, None, &mut set)?;
        }
    }
    if set.terms.is_empty() {
        return Err((1, "no <letter>/<mainTerm> entries in the index".into()));
    }
    Ok(set)
}

fn walk(
    e: &Element,
    level: u8,
    parent: Option<u32>,
    set: &mut IndexSet,
) -> Result<(), (usize, String)> {
    let title = e
        .child("title")
        .map(|t| {
            // Nonessential modifiers print in parentheses after the term.
            let mut s = t.text.trim().to_string();
            for c in &t.children {
                let inner = c.deep_text();
                if c.name == "nemod" {
                    s.push(' ');
                    if inner.starts_with('(') {
                        s.push_str(&inner);
                    } else {
                        s.push_str(&format!("({inner})"));
                    }
                } else {
                    s.push(' ');
                    s.push_str(&inner);
                }
            }
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .unwrap_or_default();
    let mut term = IndexTerm {
        level,
        title,
        parent,
        ..IndexTerm::default()
    };
    let mut codes: Vec<String> = Vec::new();
    for c in &e.children {
        match c.name.as_str() {
            "code" | "codes" | "tab" => codes.push(c.deep_text()),
            "see" | "seeAlso" | "use" => {
                let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
                for inner in &c.children {
                    if matches!(inner.name.as_str(), "codes" | "code" | "tab") {
                        codes.push(inner.deep_text());
                    }
                }
                let text = text.trim_end_matches(',').to_string();
                match c.name.as_str() {
                    "see" => term.see = text,
                    "seeAlso" => term.see_also = text,
                    _ => term.use_value = text,
                }
            }
            "cell" => {
                let col: usize = c.attr("col").and_then(|x| x.parse().ok()).unwrap_or(0);
                if !(2..=9).contains(&col) {
                    return Err((c.line, format!("a table cell in column {col}")));
                }
                if term.cells.len() < col - 1 {
                    term.cells.resize(col - 1, "--".into());
                }
                term.cells[col - 2] = c.deep_text();
            }
            _ => {}
        }
    }
    term.code = codes.join(", ");
    let idx = set.terms.len() as u32;
    set.terms.push(term);
    for sub in e.all("term") {
        let lvl: u8 = sub
            .attr("level")
            .and_then(|l| l.parse().ok())
            .unwrap_or(level + 1);
        walk(sub, lvl, Some(idx), set)?;
    }
    Ok(())
}
