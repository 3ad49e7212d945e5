//! Checks on how a bank's text reads on screen (warnings, never errors: the bank still works):
//! rationales that name options by letter, wrong options without a reason, and record lines the
//! layout rule (`flow`) cannot show faithfully at 80 columns.

use super::diagnostic::Diagnostic;
use super::flow::{Block, Field, blocks};
use super::letters::letter_reference;
use super::model::Bank;
use super::source::SourceFile;
use unicode_width::UnicodeWidthStr;

/// The text width of a full-width panel on an 80-column terminal (border and padding take 4). A
/// column line wider than this wraps there, and its columns no longer line up.
pub const RECORD_WIDTH: usize = 76;

pub fn check_readability(file: &SourceFile, bank: &Bank, diags: &mut Vec<Diagnostic>) {
    let warn = |diags: &mut Vec<Diagnostic>, path: &str, msg: String| {
        diags.push(Diagnostic::warning(&file.path, file.pos(path), msg));
    };
    for (i, c) in bank.cases.iter().enumerate() {
        if let Some(msg) = wide_columns(&c.text, Field::Record) {
            warn(
                diags,
                &format!("cases[{i}].text"),
                format!("case `{}`: {msg}", c.id),
            );
        }
    }
    for (i, q) in bank.questions.iter().enumerate() {
        let id = &q.id;
        let p = format!("questions[{i}]");
        let mut rationales = vec![(
            format!("{p}.explanation"),
            "explanation".to_string(),
            &q.explanation,
        )];
        rationales.extend(
            q.why
                .iter()
                .map(|(k, t)| (format!("{p}.why.{k}"), format!("why.{k}"), t)),
        );
        for (path, name, text) in &rationales {
            if let Some(quote) = letter_reference(text) {
                warn(
                    diags,
                    path,
                    format!(
                        "question {id}: `{name}` names an option by its letter (\"{quote}\"); options are shuffled, so the candidate saw other letters: name the option by what it says"
                    ),
                );
            }
        }
        let keys = q.key_set();
        let missing: Vec<String> = q
            .choices
            .keys()
            .filter(|k| !keys.contains(k) && q.why.get(k).is_none_or(|w| w.trim().is_empty()))
            .map(|k| k.to_string())
            .collect();
        if let Some(first) = missing.first() {
            warn(
                diags,
                &format!("{p}.choices.{first}"),
                format!(
                    "question {id}: no reason in `why` for wrong option(s) {}: add one line per wrong option saying why it is wrong (shown beside it in review)",
                    missing.join(", ")
                ),
            );
        }
        let mut texts = vec![
            ("stem".to_string(), &q.stem),
            ("explanation".to_string(), &q.explanation),
        ];
        texts.extend(q.choices.iter().map(|(k, t)| (format!("choices.{k}"), t)));
        texts.extend(q.why.iter().map(|(k, t)| (format!("why.{k}"), t)));
        for (name, text) in texts {
            if let Some(msg) = wide_columns(text, Field::Prose) {
                warn(
                    diags,
                    &format!("{p}.{name}"),
                    format!("question {id}: `{name}`: {msg}"),
                );
            }
        }
    }
}

/// Runs of two or more spaces between words: a table row has at least two (three columns). A
/// single gap is a date or label before prose (`05/20/2026  Office visit…`), which wraps well.
fn column_gaps(line: &str) -> usize {
    line.trim()
        .split("  ")
        .filter(|part| !part.trim().is_empty())
        .count()
        .saturating_sub(1)
}

/// The first kept table row (see [`column_gaps`]) wider than [`RECORD_WIDTH`].
fn wide_columns(text: &str, field: Field) -> Option<String> {
    blocks(text, field).into_iter().find_map(|b| match b {
        Block::Kept { line, text } => {
            let w = text.width();
            (w > RECORD_WIDTH && column_gaps(text) >= 2).then(|| {
                format!(
                    "line {} is a table row {w} columns wide; wider than {RECORD_WIDTH} columns it wraps on an 80-column screen and its columns break: shorten or abbreviate the columns, or split the table",
                    line + 1
                )
            })
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_row_has_two_gaps_and_a_dated_line_one() {
        assert_eq!(column_gaps("Line  Code      Service   Charge"), 3);
        assert_eq!(
            column_gaps("05/20/2026  In-office test. The LCD covers it."),
            1
        );
        assert_eq!(column_gaps("  indented prose, single spaces"), 0);
        let wide = format!("1     99213   {}   98.00", "x".repeat(70));
        assert!(wide_columns(&wide, Field::Record).is_some());
        let dated = format!("05/20/2026  {}", "word ".repeat(20));
        assert!(wide_columns(&dated, Field::Record).is_none());
    }
}
