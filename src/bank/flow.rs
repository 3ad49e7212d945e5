//! How bank text is laid out on a pane of a given width: which of the author's line breaks are kept
//! and how a kept line that is too long continues. One rule for every screen that shows bank text,
//! and the validator warns about text this rule cannot show faithfully (see docs/authoring.md).
//!
//! The rule:
//! - A blank line is kept (it separates paragraphs).
//! - In a case record ([`Field::Record`]) every line is kept: claims, remittances and notes are
//!   records, and joining two of their lines changes what they say.
//! - In prose fields (stems, options, explanations, reasons, references) a line is kept when it looks
//!   like a record line ([`is_record_line`]): indented, columns separated by two or more spaces, a
//!   list bullet, a numbered line or a `|` table row; and `label: value` lines when two or more
//!   follow each other (`Patient: …` / `Employer: …`: one such line alone is usually a sentence
//!   such as "Scenario: a patient…", and reflows). Other lines are prose:
//!   consecutive prose lines form a paragraph that reflows to the pane (the author's break was for the
//!   editor). A prose line is never joined to a kept line, nor a kept line to anything.
//! - A kept line longer than the pane wraps at spaces (never at a hyphen: `CO-45` stays whole) and
//!   each continuation row starts under the line's own indent with [`CONTINUES`], so it reads as the
//!   same line going on, not a new one. Spaces inside a kept line (column gaps) are kept as written.

use textwrap::{Options, WordSeparator, WordSplitter};

/// Drawn at the start of a continuation row of a kept line.
pub const CONTINUES: &str = "↳ ";

/// A hanging indent wider than this share of the pane is cut back, so deep indents still leave room.
const MAX_HANG_PERCENT: usize = 50;

/// The kind of field a text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A case record: every line kept.
    Record,
    /// A stem, option, explanation, reason or reference: record-like lines kept, prose reflowed.
    Prose,
}

/// A run of the author's text as the rule groups it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    Blank {
        line: usize,
    },
    /// One line kept as written (trailing spaces dropped).
    Kept {
        line: usize,
        text: &'a str,
    },
    /// Consecutive prose lines, reflowed together.
    Paragraph {
        line: usize,
        lines: Vec<&'a str>,
    },
}

/// One screen row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Spaces before the text (and before [`CONTINUES`] on a continuation row).
    pub indent: usize,
    /// This row continues a kept line that did not fit: draw [`CONTINUES`] before the text.
    pub continues: bool,
    /// Only characters of the author's text.
    pub text: String,
    /// The author's line (0-based) this row comes from: the first line of a paragraph.
    pub line: usize,
}

/// Whether a line of a prose field keeps its break whatever its neighbours: it looks like part of a
/// record or a list. (`label: value` lines are kept in runs, see [`blocks`].)
pub fn is_record_line(line: &str) -> bool {
    let t = line.trim_start();
    if t.is_empty() {
        return false;
    }
    line.starts_with(' ')
        || t.trim_end().contains("  ")
        || ["- ", "* ", "• ", "|"].iter().any(|b| t.starts_with(b))
        || numbered(t)
}

/// `1. `, `2) `, `(3) `, `a) `: an enumerated line.
fn numbered(t: &str) -> bool {
    let t = t.strip_prefix('(').unwrap_or(t);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = if digits > 0 {
        &t[digits..]
    } else if t.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
        &t[1..]
    } else {
        return false;
    };
    rest.starts_with(". ") && digits > 0 || rest.starts_with(") ")
}

/// `Patient: Harold Dunn`, `Date of service: 2026-02-10`: a short label (at most four words,
/// starting with a capital or a digit) then a colon and a value.
pub fn is_label_line(line: &str) -> bool {
    let t = line.trim();
    let Some((label, value)) = t.split_once(": ") else {
        return false;
    };
    !value.trim().is_empty()
        && label.chars().count() <= 32
        && label.split(' ').count() <= 4
        && label
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !label.contains(['.', '?', '!', ';', ','])
}

/// The author's text grouped by the rule.
pub fn blocks(text: &str, field: Field) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    let lines: Vec<&str> = text.trim_end().split('\n').map(str::trim_end).collect();
    let label = |j: Option<usize>| {
        j.and_then(|j| lines.get(j))
            .is_some_and(|l| is_label_line(l))
    };
    for (i, &line) in lines.iter().enumerate() {
        let in_label_run = label(Some(i)) && (label(i.checked_sub(1)) || label(Some(i + 1)));
        if line.is_empty() {
            out.push(Block::Blank { line: i });
        } else if field == Field::Record || is_record_line(line) || in_label_run {
            out.push(Block::Kept {
                line: i,
                text: line,
            });
        } else if let Some(Block::Paragraph { lines, .. }) = out.last_mut() {
            lines.push(line);
        } else {
            out.push(Block::Paragraph {
                line: i,
                lines: vec![line],
            });
        }
    }
    out
}

fn options(width: usize) -> Options<'static> {
    Options::new(width.max(1))
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true)
}

/// The text as rows at most `width` columns wide (the marker and indent included).
pub fn rows(text: &str, field: Field, width: usize) -> Vec<Row> {
    let width = width.max(8);
    let mut out = Vec::new();
    for block in blocks(text, field) {
        match block {
            Block::Blank { line } => out.push(Row {
                indent: 0,
                continues: false,
                text: String::new(),
                line,
            }),
            Block::Paragraph { line, lines } => {
                let joined = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                out.extend(
                    textwrap::wrap(&joined, options(width))
                        .into_iter()
                        .map(|t| Row {
                            indent: 0,
                            continues: false,
                            text: t.into_owned(),
                            line,
                        }),
                );
            }
            Block::Kept { line, text } => kept_rows(text, line, width, &mut out),
        }
    }
    out
}

/// A kept line: the first row as written, continuation rows under its indent after the marker.
fn kept_rows(text: &str, line: usize, width: usize, out: &mut Vec<Row>) {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let indent = lead.min(width * MAX_HANG_PERCENT / 100);
    let hang = indent + CONTINUES.chars().count();
    let placeholder = " ".repeat(hang);
    // The leading spaces are the row's indent, so the words start at the text itself.
    let first_lead = &text[..lead.min(width.saturating_sub(1))];
    let body = &text[lead..];
    let opts = options(width)
        .initial_indent(first_lead)
        .subsequent_indent(&placeholder);
    for (i, row) in textwrap::wrap(body, opts).into_iter().enumerate() {
        let (indent, skip) = if i == 0 {
            (first_lead.len(), first_lead.len())
        } else {
            (indent, hang)
        };
        out.push(Row {
            indent,
            continues: i > 0,
            text: row[skip..].to_string(),
            line,
        });
    }
}

#[cfg(test)]
mod tests;
