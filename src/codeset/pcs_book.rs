//! ICD-10-PCS in the code book: a code's page names each character's axis and meaning (with the
//! root operation's definition), a partial code opens its table, and words find tables and body
//! parts ("appendix resection" → 0DTJ) and, when imported, index entries.

use super::index::IndexSet;
use super::kind::System;
use super::library::{BookHit, CodeSystem, Page};
use super::model::CodeCheck;
use super::pcs::PcsSet;
use super::textmatch::{WordList, lazy};

pub struct PcsBook {
    release: String,
    set: PcsSet,
    /// One text per table and per (table, body part): "Resection Appendix Gastrointestinal System
    /// Medical and Surgical", with the partial code it stands for ("0DTJ").
    /// Built on the first word search.
    words: std::sync::OnceLock<WordList>,
    targets: Vec<(String, String)>,
    index: Option<(String, IndexSet, std::sync::OnceLock<WordList>)>,
}

impl PcsBook {
    pub fn new(release: String, set: PcsSet, index: Option<(String, IndexSet)>) -> PcsBook {
        let mut targets: Vec<(String, String)> = Vec::new();
        for t in &set.tables {
            let prefix = t.prefix();
            let head: Vec<&str> = t
                .head
                .iter()
                .filter_map(|a| a.values.first().map(|v| v.label.as_str()))
                .collect();
            // Operation first: "Resection, Gastrointestinal System" reads as coders say it.
            let table_title = format!("{}, {}, {}", head[2], head[1], head[0]);
            targets.push((prefix.clone(), table_title));
            let mut seen = Vec::new();
            for row in &t.rows {
                for v in &row[0].values {
                    if !seen.contains(&v.code) {
                        seen.push(v.code);
                        targets.push((
                            format!("{prefix}{}", v.code),
                            format!("{}, {}, {}, {}", head[2], v.label, head[1], head[0]),
                        ));
                    }
                }
            }
        }
        let index = index.map(|(r, ix)| (r, ix, std::sync::OnceLock::new()));
        PcsBook {
            release,
            set,
            words: std::sync::OnceLock::new(),
            targets,
            index,
        }
    }

    /// The tables' and body parts' word list (see [`lazy`]).
    fn words(&self, build: bool) -> Option<&WordList> {
        lazy(&self.words, build, || {
            WordList::new(self.targets.iter().map(|(_, t)| t.as_str()))
        })
    }

    fn table_page(&self, prefix: &str) -> Option<Page> {
        let t = self.set.table(&prefix[..3])?;
        let mut lines = Vec::new();
        let head: Vec<String> = t
            .head
            .iter()
            .map(|a| {
                let v = &a.values[0];
                format!("{}: {} {}", a.title, v.code, v.label)
            })
            .collect();
        lines.push(format!("Table {}  ({} codes)", t.prefix(), t.code_count()));
        lines.extend(head.iter().cloned());
        if let Some(d) = &t.definition {
            lines.push(format!("Definition: {d}"));
        }
        for (n, row) in t.rows.iter().enumerate() {
            if prefix.len() > 3 {
                let want = prefix[3..].chars().collect::<Vec<_>>();
                let fits = row
                    .iter()
                    .zip(&want)
                    .all(|(a, c)| a.values.iter().any(|v| v.code == *c));
                if !fits {
                    continue;
                }
            }
            lines.push(String::new());
            lines.push(format!("Row {}", n + 1));
            for a in row {
                let vals: Vec<String> = a
                    .values
                    .iter()
                    .map(|v| format!("{} {}", v.code, v.label))
                    .collect();
                lines.push(format!("  {}: {}", a.title, vals.join(" · ")));
            }
        }
        Some(Page {
            system: System::Pcs,
            release: self.release.clone(),
            code: prefix.to_string(),
            title: format!(
                "{}, {}, {}",
                t.head[0].values[0].label, t.head[1].values[0].label, t.head[2].values[0].label
            ),
            billable: false,
            lines,
            detail: serde_json::json!({ "table": t, "codes": t.code_count() }),
        })
    }
}

/// A PCS code or partial code as typed: 3 to 7 letters and digits, at least one digit.
fn pcs_shape(code: &str) -> Option<String> {
    let c = code.trim().to_ascii_uppercase();
    ((3..=7).contains(&c.len())
        && c.bytes().all(|b| b.is_ascii_alphanumeric())
        && c.bytes().any(|b| b.is_ascii_digit()))
    .then_some(c)
}

impl CodeSystem for PcsBook {
    fn system(&self) -> System {
        System::Pcs
    }

    fn release(&self) -> &str {
        &self.release
    }

    fn check(&self, code: &str) -> CodeCheck {
        if self.set.is_valid(code) {
            CodeCheck::Billable
        } else {
            CodeCheck::Unknown
        }
    }

    fn title(&self, code: &str) -> Option<String> {
        self.set.title(code)
    }

    fn page(&self, code: &str) -> Option<Page> {
        let c = pcs_shape(code)?;
        if c.len() < 7 {
            return self.table_page(&c);
        }
        let chars = self.set.characters(&c)?;
        let title = self.set.title(&c).unwrap_or_default();
        let mut lines = vec![
            format!("{c}  {title}"),
            "Valid ICD-10-PCS code.".into(),
            String::new(),
        ];
        for ch in &chars {
            lines.push(format!(
                "{} {:<15} {}  {}",
                ch.position, ch.axis, ch.value, ch.meaning
            ));
            if let Some(d) = &ch.definition {
                lines.push(format!("  Definition: {d}"));
            }
        }
        Some(Page {
            system: System::Pcs,
            release: self.release.clone(),
            code: c,
            title,
            billable: true,
            lines,
            detail: serde_json::json!({ "characters": chars }),
        })
    }

    fn prepare(&self) {
        self.words(true);
        if let Some((_, ix, wl)) = &self.index {
            super::cm_book::index_words(ix, wl, true);
        }
    }

    fn ready(&self) -> bool {
        self.words.get().is_some()
            && self
                .index
                .as_ref()
                .is_none_or(|(_, _, wl)| wl.get().is_some())
    }

    fn search_in(&self, query: &str, limit: usize, build: bool) -> Vec<BookHit> {
        let mut out = Vec::new();
        let hit = |code: &str, title: String, billable, matched, via| BookHit {
            system: System::Pcs,
            release: self.release.clone(),
            code: code.to_string(),
            title,
            billable,
            matched,
            via,
        };
        if let Some(c) = pcs_shape(query).or_else(|| {
            let q = query.trim().to_ascii_uppercase();
            (q.len() < 3 && q.bytes().all(|b| b.is_ascii_digit()) && !q.is_empty()).then_some(q)
        }) {
            if c.len() == 7 {
                if let Some(t) = self.set.title(&c) {
                    out.push(hit(&c, t, true, "exact", None));
                }
            } else {
                // The table browser: one value per axis, only combinations that can be completed.
                for (ch, axis, label) in self.set.next_values(&c) {
                    let code = format!("{c}{ch}");
                    let full = code.len() == 7;
                    let title = if full {
                        self.set.title(&code).unwrap_or_default()
                    } else {
                        format!("{axis}: {label}")
                    };
                    out.push(hit(&code, title, full, "code-prefix", None));
                }
                out.truncate(limit.max(34));
            }
            if !out.is_empty() {
                return out;
            }
        }
        if let Some(words) = self.words(build) {
            for (_, i) in words.search(query, limit) {
                let (code, title) = &self.targets[i];
                out.push(hit(code, title.clone(), false, "words", None));
            }
        }
        if let Some((_, ix, wl)) = &self.index
            && let Some(wl) = super::cm_book::index_words(ix, wl, build)
        {
            for (_, i) in wl.search(query, limit) {
                let code = ix.terms[i]
                    .code
                    .split([',', ' '])
                    .next()
                    .unwrap_or_default();
                let text = format!("{} → {}", ix.path(i), ix.target(i));
                out.push(hit(code, text, code.len() == 7, "index", None));
            }
        }
        out.truncate(limit);
        out
    }

    fn pcs(&self) -> Option<&PcsSet> {
        Some(&self.set)
    }

    fn all_titles(&self) -> Vec<(String, String)> {
        let mut v = Vec::with_capacity(self.set.code_count());
        self.set.each_code(|c, t| v.push((c, t)));
        v
    }
}
