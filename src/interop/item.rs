//! The neutral question every format reads into and writes from.

use crate::bank::Difficulty;

/// One multiple-choice question as a learning system holds it. Optional fields are `None` when the
/// source does not have them, so nothing missing is ever filled in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    /// The question's name or identifier in the source, when it has one.
    pub id: Option<String>,
    /// The source's category (Moodle category, QTI section, CSV `domain` column).
    pub category: Option<String>,
    pub stem: String,
    pub choices: Vec<Choice>,
    /// Declared select-all-that-apply (Moodle `single=false`, QTI `cardinality="multiple"`, GIFT
    /// weights), even when only one option is correct.
    pub multi: bool,
    /// General feedback.
    pub explanation: Option<String>,
    pub references: Vec<String>,
    pub difficulty: Option<Difficulty>,
    /// 1-based line of the question in the source file (0 when not known).
    pub line: usize,
    /// The file inside a zip package the question came from.
    pub part: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    /// Per-option feedback: becomes that option's `why:`.
    pub feedback: Option<String>,
}

/// A question of a type proctor cannot represent, left out of the import and reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub line: usize,
    /// The file inside a zip package, when the question came from one.
    pub part: Option<String>,
    /// essay, matching, numerical, short answer, ...
    pub kind: String,
    /// The first line of the question's text, so the author can find it.
    pub first_line: String,
}

/// What reading one file gives.
#[derive(Debug, Clone, Default)]
pub struct ReadOut {
    pub items: Vec<Item>,
    pub refused: Vec<Refused>,
    /// Problems with the source that are not a refused question: (line, message).
    pub notes: Vec<(usize, String)>,
}

impl ReadOut {
    pub fn refuse(&mut self, line: usize, kind: &str, text: &str) {
        self.refused.push(Refused {
            line,
            part: None,
            kind: kind.to_string(),
            first_line: super::text::first_line(text),
        });
    }
}
