//! ICD-10-PCS from CMS's tables XML: each table fixes the first three characters (section, body
//! system, root operation) and its rows list the values allowed for the last four. A code is valid
//! exactly when one row allows each of its characters, which is also how the table browser builds
//! codes: it only offers the values of rows still possible.

use super::xml::Element;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One value of an axis: the character and its label ("J", "Appendix").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PcsValue {
    pub code: char,
    pub label: String,
}

/// An axis as a table prints it: its title ("Body Part") and its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PcsAxis {
    pub title: String,
    pub values: Vec<PcsValue>,
}

/// One table: three fixed axes (one value each), the root operation's definition when the
/// table prints one, and the rows for characters 4 to 7.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PcsTable {
    pub head: Vec<PcsAxis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    pub rows: Vec<Vec<PcsAxis>>,
}

impl PcsTable {
    /// The three characters every code of the table starts with ("0DT").
    pub fn prefix(&self) -> String {
        self.head
            .iter()
            .map(|a| a.values.first().map_or('?', |v| v.code))
            .collect()
    }

    /// How many codes the table holds.
    pub fn code_count(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().map(|a| a.values.len()).product::<usize>())
            .sum()
    }

    /// The row allowing characters 4 to 7 of `tail`, if one does.
    pub fn row_for(&self, tail: &[char]) -> Option<&[PcsAxis]> {
        self.rows
            .iter()
            .find(|row| {
                row.len() == tail.len()
                    && row
                        .iter()
                        .zip(tail)
                        .all(|(axis, c)| axis.values.iter().any(|v| v.code == *c))
            })
            .map(Vec::as_slice)
    }
}

/// A definition from the definitions XML: a value of an axis in a section, what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PcsTerm {
    pub section: char,
    pub pos: u8,
    pub title: String,
    pub definition: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<String>,
}

/// One character of a code with its axis and meaning, as a code page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PcsChar {
    pub position: u8,
    pub axis: String,
    pub value: char,
    pub meaning: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// A whole year of ICD-10-PCS: the tables, and the definitions when that file was imported too.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PcsSet {
    pub tables: Vec<PcsTable>,
    #[serde(default)]
    pub terms: Vec<PcsTerm>,
    #[serde(skip)]
    by_prefix: HashMap<String, usize>,
}

impl PcsSet {
    pub fn new(tables: Vec<PcsTable>) -> PcsSet {
        let mut s = PcsSet {
            tables,
            ..PcsSet::default()
        };
        s.reindex();
        s
    }

    /// Rebuilds the table lookup after deserializing.
    pub fn reindex(&mut self) {
        self.by_prefix = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.prefix(), i))
            .collect();
    }

    pub fn table(&self, prefix: &str) -> Option<&PcsTable> {
        self.by_prefix.get(prefix).map(|&i| &self.tables[i])
    }

    pub fn code_count(&self) -> usize {
        self.tables.iter().map(PcsTable::code_count).sum()
    }

    /// `code` as stored: seven upper-case letters or digits (PCS has no dot, no I and no O).
    pub fn normalize(code: &str) -> Option<String> {
        let c: String = code.trim().to_ascii_uppercase();
        (c.len() == 7 && c.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(c)
    }

    /// True when `code` is a valid (and so billable: every PCS code has seven characters) code.
    pub fn is_valid(&self, code: &str) -> bool {
        self.characters(code).is_some()
    }

    /// Each character of a valid code with its axis and meaning, root operation and other
    /// definitions included when known; None for a code no table row allows.
    pub fn characters(&self, code: &str) -> Option<Vec<PcsChar>> {
        let code = Self::normalize(code)?;
        let chars: Vec<char> = code.chars().collect();
        let table = self.table(&code[..3])?;
        let row = table.row_for(&chars[3..])?;
        let section = chars[0];
        let mut out = Vec::with_capacity(7);
        for (i, axis) in table.head.iter().chain(row.iter()).enumerate() {
            let v = axis.values.iter().find(|v| v.code == chars[i])?;
            let pos = i as u8 + 1;
            let definition = if pos == 3 {
                table.definition.clone()
            } else {
                None
            }
            .or_else(|| self.definition(section, pos, &v.label));
            out.push(PcsChar {
                position: pos,
                axis: axis.title.clone(),
                value: v.code,
                meaning: v.label.clone(),
                definition,
            });
        }
        Some(out)
    }

    /// The definitions file's meaning of a value, when imported.
    pub fn definition(&self, section: char, pos: u8, label: &str) -> Option<String> {
        self.terms
            .iter()
            .find(|t| t.section == section && t.pos == pos && t.title.eq_ignore_ascii_case(label))
            .map(|t| t.definition.clone())
    }

    /// A title made from the labels, as CMS's long titles read: "Resection of Appendix,
    /// Percutaneous Endoscopic Approach" style is not in the tables file, so the labels are
    /// joined in axis order ("Medical and Surgical · ... · No Qualifier").
    pub fn title(&self, code: &str) -> Option<String> {
        let chars = self.characters(code)?;
        Some(
            chars
                .iter()
                .map(|c| c.meaning.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        )
    }

    /// The table browser's next step: the values the character after `prefix` can take so that
    /// the code can still be completed, with the axis title and label. For one to three
    /// characters the values come from the tables (section, body system, root operation); after
    /// that from the rows of the table that still fit. Only valid combinations are offered.
    pub fn next_values(&self, prefix: &str) -> Vec<(char, String, String)> {
        let p: Vec<char> = prefix.trim().to_ascii_uppercase().chars().collect();
        let mut out: Vec<(char, String, String)> = Vec::new();
        let mut push = |c: char, axis: &str, label: &str| {
            if !out.iter().any(|(x, _, _)| *x == c) {
                out.push((c, axis.to_string(), label.to_string()));
            }
        };
        if p.len() < 3 {
            for t in &self.tables {
                let head: Vec<&PcsValue> = t.head.iter().filter_map(|a| a.values.first()).collect();
                if head.iter().zip(&p).all(|(v, c)| v.code == *c) {
                    push(
                        head[p.len()].code,
                        &t.head[p.len()].title,
                        &head[p.len()].label,
                    );
                }
            }
        } else if p.len() < 7 {
            let key: String = p[..3].iter().collect();
            if let Some(t) = self.table(&key) {
                let at = p.len() - 3;
                for row in &t.rows {
                    let fits = row
                        .iter()
                        .zip(&p[3..])
                        .all(|(a, c)| a.values.iter().any(|v| v.code == *c));
                    if fits {
                        for v in &row[at].values {
                            push(v.code, &row[at].title, &v.label);
                        }
                    }
                }
            }
        }
        out.sort_by_key(|(c, _, _)| *c);
        out
    }

    /// Every valid code with its title, table by table (for diffs and counts).
    pub fn each_code(&self, mut f: impl FnMut(String, String)) {
        for t in &self.tables {
            let head: Vec<&PcsValue> = t.head.iter().filter_map(|a| a.values.first()).collect();
            for row in &t.rows {
                let mut idx = vec![0usize; row.len()];
                'row: loop {
                    let mut code: String = head.iter().map(|v| v.code).collect();
                    let mut title: Vec<&str> = head.iter().map(|v| v.label.as_str()).collect();
                    for (a, &i) in row.iter().zip(&idx) {
                        code.push(a.values[i].code);
                        title.push(&a.values[i].label);
                    }
                    f(code, title.join(", "));
                    for k in (0..row.len()).rev() {
                        idx[k] += 1;
                        if idx[k] < row[k].values.len() {
                            continue 'row;
                        }
                        idx[k] = 0;
                    }
                    break;
                }
            }
        }
    }
}

/// The tables of a `<ICD10PCS.tabular>` root, or what is wrong (with the file's line).
pub(crate) fn tables_from_xml(root: &Element) -> Result<Vec<PcsTable>, (usize, String)> {
    let mut tables = Vec::new();
    for t in root.all("pcsTable") {
        let head: Vec<PcsAxis> = t.all("axis").map(axis).collect::<Result<_, _>>()?;
        if head.len() != 3 || head.iter().any(|a| a.values.len() != 1) {
            return Err((
                t.line,
                "a table must fix axes 1 to 3 with one value each".into(),
            ));
        }
        let definition = t
            .all("axis")
            .nth(2)
            .map(|a| a.child_text("definition").to_string())
            .filter(|d| !d.is_empty());
        let mut rows = Vec::new();
        for r in t.all("pcsRow") {
            let axes: Vec<PcsAxis> = r.all("axis").map(axis).collect::<Result<_, _>>()?;
            if axes.len() != 4 || axes.iter().any(|a| a.values.is_empty()) {
                return Err((
                    r.line,
                    "a table row must give values for axes 4 to 7".into(),
                ));
            }
            let n: usize = axes.iter().map(|a| a.values.len()).product();
            if let Some(stated) = r.attr("codes").and_then(|c| c.parse::<usize>().ok())
                && stated != n
            {
                return Err((
                    r.line,
                    format!("the row says {stated} codes but its axes make {n}"),
                ));
            }
            rows.push(axes);
        }
        if rows.is_empty() {
            return Err((t.line, "a table with no rows".into()));
        }
        tables.push(PcsTable {
            head,
            definition,
            rows,
        });
    }
    if tables.is_empty() {
        return Err((1, "no <pcsTable> in the file".into()));
    }
    Ok(tables)
}

fn axis(a: &Element) -> Result<PcsAxis, (usize, String)> {
    let mut values = Vec::new();
    for l in a.all("label") {
        let code = l.attr("code").unwrap_or_default();
        let mut cs = code.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_alphanumeric() => values.push(PcsValue {
                code: c.to_ascii_uppercase(),
                label: l.deep_text(),
            }),
            _ => {
                return Err((
                    l.line,
                    format!("a label's code must be one character, not `{code}`"),
                ));
            }
        }
    }
    Ok(PcsAxis {
        title: a.child_text("title").to_string(),
        values,
    })
}

/// The terms of a `<ICD10PCS.definitions>` root.
pub(crate) fn terms_from_xml(root: &Element) -> Result<Vec<PcsTerm>, (usize, String)> {
    let mut out = Vec::new();
    for s in root.all("section") {
        let section = s
            .attr("code")
            .and_then(|c| c.chars().next())
            .ok_or((s.line, "a section without a code".to_string()))?;
        for a in s.all("axis") {
            let pos = a
                .attr("pos")
                .and_then(|p| p.parse::<u8>().ok())
                .ok_or((a.line, "an axis without a position".to_string()))?;
            for t in a.all("terms") {
                out.push(PcsTerm {
                    section,
                    pos,
                    title: t.child_text("title").to_string(),
                    definition: t.child_text("definition").to_string(),
                    explanation: t.child_text("explanation").to_string(),
                    includes: t.all("includes").map(|i| i.deep_text()).collect(),
                });
            }
        }
    }
    if out.is_empty() {
        return Err((1, "no <terms> in the definitions file".into()));
    }
    Ok(out)
}
