//! One code as a code book page shows it: its description, whether it can be billed, where it sits,
//! every note that applies (its own and those printed above it), and the codes below it. Shared by
//! `proctor code` and the exam's code-book panel.

use super::model::{Code, NoteKind};
use super::set::CodeSet;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub code: String,
    pub description: String,
    pub billable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteLine {
    /// "Excludes1", "Use additional code", ...
    pub kind: String,
    /// The entry the note is printed under (this code or an ancestor).
    pub from: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    pub code: String,
    pub description: String,
    pub billable: bool,
    /// Chapter first, down to the parent.
    pub path: Vec<Entry>,
    pub notes: Vec<NoteLine>,
    pub children: Vec<Entry>,
}

fn entry(c: &Code) -> Entry {
    Entry {
        code: c.code().to_string(),
        description: c.description().to_string(),
        billable: c.is_billable(),
    }
}

pub fn detail(set: &CodeSet, code: &Code) -> Detail {
    let ancestors = set.ancestors(code);
    let mut notes = Vec::new();
    for c in ancestors.iter().copied().chain(std::iter::once(code)) {
        for n in c.notes() {
            notes.push(NoteLine {
                kind: n.kind.label().to_string(),
                from: c.code().to_string(),
                // A 7th character reads as the book prints it: the character, then its meaning.
                text: match n.kind {
                    NoteKind::SeventhChar(ch) => format!("{ch} {}", n.text),
                    _ => n.text.to_string(),
                },
            });
        }
    }
    Detail {
        code: code.code().to_string(),
        description: code.description().to_string(),
        billable: code.is_billable(),
        path: ancestors.iter().map(|c| entry(c)).collect(),
        notes,
        children: set.children(code).map(entry).collect(),
    }
}

impl Detail {
    /// The page as plain lines, for the terminal (CLI and panel alike).
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("{}  {}", self.code, self.description)];
        out.push(if self.billable {
            "Billable: a complete code.".to_string()
        } else {
            "Not billable: a header; report a code below it.".to_string()
        });
        if !self.path.is_empty() {
            out.push(String::new());
            out.push("In:".to_string());
            for (depth, p) in self.path.iter().enumerate() {
                out.push(format!(
                    "{}{}  {}",
                    "  ".repeat(depth + 1),
                    p.code,
                    p.description
                ));
            }
        }
        if !self.notes.is_empty() {
            out.push(String::new());
            for n in &self.notes {
                let from = if n.from == self.code {
                    String::new()
                } else {
                    format!(" (at {})", n.from)
                };
                out.push(format!("{}{from}: {}", n.kind, n.text));
            }
        }
        if !self.children.is_empty() {
            out.push(String::new());
            out.push("Codes below:".to_string());
            for c in &self.children {
                out.push(format!(
                    "  {}{}  {}",
                    c.code,
                    if c.billable { "" } else { " +" },
                    c.description
                ));
            }
        }
        out
    }
}
