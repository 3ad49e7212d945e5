//! The ICD-10-PCS table browser's core, the way the book is used: section, then body system,
//! then root operation pick a table; then one value per axis (body part, approach, device,
//! qualifier) in any order. A value is offered only when some row of the table holds it together
//! with every value already chosen on the other axes, so a choice narrows the others and whatever
//! is built can always be completed into a valid code. Pure: the TUI keeps the choices.

use super::pcs::{PcsSet, PcsTable, PcsValue};

/// Where the browser stands: the characters fixed so far (0 to 3: section, body system, root
/// operation), and once a table is open, the value chosen on each of axes 4 to 7.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub head: String,
    pub axes: [Option<char>; 4],
}

/// What can be chosen next at one step: the axis title and its values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub title: String,
    pub values: Vec<PcsValue>,
}

impl Choices {
    /// The choices a partial code stands for ("0DT" a table, "0DTJ" its body part too).
    pub fn from_code(code: &str) -> Choices {
        let c: Vec<char> = code
            .trim()
            .to_ascii_uppercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(7)
            .collect();
        let mut out = Choices {
            head: c.iter().take(3).collect(),
            axes: [None; 4],
        };
        for (slot, ch) in out.axes.iter_mut().zip(c.iter().skip(3)) {
            *slot = Some(*ch);
        }
        out
    }

    /// The code as built so far, `_` for an axis not chosen yet ("0DTJ_ZZ").
    pub fn code(&self) -> String {
        let mut s = self.head.clone();
        if self.head.len() == 3 {
            s.extend(self.axes.iter().map(|a| a.unwrap_or('_')));
        }
        s
    }

    /// The whole seven-character code once every axis is chosen.
    pub fn complete(&self) -> Option<String> {
        (self.head.len() == 3 && self.axes.iter().all(Option::is_some)).then(|| self.code())
    }
}

/// The rows of `table` holding every chosen value, except the one on axis `skip` (if any).
fn rows_fitting<'t>(
    table: &'t PcsTable,
    axes: &[Option<char>; 4],
    skip: Option<usize>,
) -> impl Iterator<Item = &'t Vec<super::pcs::PcsAxis>> {
    let axes = *axes;
    table.rows.iter().filter(move |row| {
        row.iter().zip(axes).enumerate().all(|(i, (a, chosen))| {
            Some(i) == skip || chosen.is_none_or(|c| a.values.iter().any(|v| v.code == c))
        })
    })
}

impl PcsSet {
    /// The values axis `axis` (0 to 3 for characters 4 to 7) of the table `choices.head` can
    /// take given the values chosen on the other axes, in character order; with fewer than three
    /// head characters, the sections, body systems or root operations that lead to a table.
    pub fn options(&self, choices: &Choices, axis: usize) -> Options {
        if choices.head.len() < 3 {
            let next = self.next_values(&choices.head);
            return Options {
                title: next.first().map(|(_, t, _)| t.clone()).unwrap_or_default(),
                values: next
                    .into_iter()
                    .map(|(code, _, label)| PcsValue { code, label })
                    .collect(),
            };
        }
        let Some(table) = self.table(&choices.head) else {
            return Options {
                title: String::new(),
                values: Vec::new(),
            };
        };
        let mut values: Vec<PcsValue> = Vec::new();
        let mut title = String::new();
        for row in rows_fitting(table, &choices.axes, Some(axis)) {
            let Some(a) = row.get(axis) else { continue };
            if title.is_empty() {
                title = a.title.clone();
            }
            for v in &a.values {
                if !values.iter().any(|x| x.code == v.code) {
                    values.push(v.clone());
                }
            }
        }
        values.sort_by_key(|v| v.code);
        Options { title, values }
    }

    /// Whether the choices can still be completed into a valid code (the browser never makes
    /// them otherwise; a partial code typed elsewhere may be).
    pub fn can_complete(&self, choices: &Choices) -> bool {
        match choices.head.len() {
            3 => self
                .table(&choices.head)
                .is_some_and(|t| rows_fitting(t, &choices.axes, None).next().is_some()),
            _ => !self.options(choices, 0).values.is_empty(),
        }
    }

    /// The labels of the head characters chosen so far ("Medical and Surgical", ...).
    pub fn head_labels(&self, head: &str) -> Vec<String> {
        let mut out = Vec::new();
        for n in 1..=head.len().min(3) {
            let want = head.chars().nth(n - 1);
            let found = self
                .next_values(&head[..n - 1])
                .into_iter()
                .find(|(c, _, _)| Some(*c) == want);
            match found {
                Some((_, _, label)) => out.push(label),
                None => break,
            }
        }
        out
    }
}
