//! Import and export of question banks in the formats learning systems use (Moodle GIFT, Aiken,
//! Moodle XML, IMS QTI 2.1/3.0, a documented CSV layout). Every format reads into and writes from
//! one neutral [`Item`], so the format modules hold only the format logic; turning items into a
//! proctor bank (and saying honestly what is missing) happens once, in [`to_bank`].
//! Knows nothing of the terminal.

pub mod aiken;
pub mod csvfmt;
pub mod from_bank;
pub mod gift;
pub mod item;
pub mod moodle;
pub mod package;
pub mod qti;
pub mod text;
pub mod to_bank;
pub mod xml;

pub use item::{Choice, Item, ReadOut, Refused};

use thiserror::Error;

/// Largest input file read: real banks are kilobytes; a cap keeps hostile input from exhausting memory.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum InteropError {
    #[error("{0}: file larger than {MAX_INPUT_BYTES} bytes; refused")]
    TooLarge(String),
    #[error("{path}: {message}")]
    Malformed { path: String, message: String },
    #[error(
        "{0}: format not recognised (GIFT, Aiken, Moodle XML, QTI 2.1/3.0 XML or zip, CSV; see docs/import-export.md)"
    )]
    Unknown(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
}

impl InteropError {
    pub fn malformed(path: &str, message: impl Into<String>) -> Self {
        InteropError::Malformed {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

/// The formats, read and written through one interface: `detect`, `read`, `write`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Gift,
    Aiken,
    #[value(name = "moodle-xml")]
    MoodleXml,
    /// IMS QTI 2.1 or 3.0: one XML file, or a content package zip (imsmanifest.xml + items).
    Qti,
    Csv,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Gift,
        Format::Aiken,
        Format::MoodleXml,
        Format::Qti,
        Format::Csv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Gift => "GIFT",
            Format::Aiken => "Aiken",
            Format::MoodleXml => "Moodle XML",
            Format::Qti => "QTI",
            Format::Csv => "CSV",
        }
    }

    /// The format of `bytes`, told from the content; the file's extension only breaks ties
    /// between the plain-text formats (GIFT and Aiken look alike when a file is tiny).
    pub fn detect(bytes: &[u8], ext: Option<&str>) -> Option<Format> {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Some(Format::Qti);
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let text = text.trim_start_matches('\u{feff}');
        let head: String = text.chars().take(4096).collect();
        let trimmed = head.trim_start();
        if trimmed.starts_with('<') {
            let lower = head.to_ascii_lowercase();
            if lower.contains("<quiz") {
                return Some(Format::MoodleXml);
            }
            if lower.contains("assessmentitem")
                || lower.contains("assessment-item")
                || lower.contains("assessmenttest")
                || lower.contains("assessment-test")
                || lower.contains("questestinterop")
            {
                return Some(Format::Qti);
            }
            return None;
        }
        let ext = ext.map(|e| e.to_ascii_lowercase());
        let first = trimmed.lines().next().unwrap_or("").to_ascii_lowercase();
        if ext.as_deref() == Some("csv") || (first.contains("stem") && first.contains(',')) {
            return Some(Format::Csv);
        }
        if ext.as_deref() == Some("gift") {
            return Some(Format::Gift);
        }
        let aiken = text
            .lines()
            .any(|l| l.trim_start().to_ascii_uppercase().starts_with("ANSWER:"));
        let gift = text.contains('{') && text.contains('}');
        match (gift, aiken) {
            (true, false) => Some(Format::Gift),
            (false, true) => Some(Format::Aiken),
            (true, true) => Some(if ext.as_deref() == Some("txt") {
                Format::Aiken
            } else {
                Format::Gift
            }),
            (false, false) => None,
        }
    }

    /// Reads `bytes` (from `path`, named in errors) into neutral items, refusals and findings.
    pub fn read(self, path: &str, bytes: &[u8]) -> Result<ReadOut, InteropError> {
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(InteropError::TooLarge(path.to_string()));
        }
        if self == Format::Qti && bytes.starts_with(b"PK") {
            return package::read(path, bytes);
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| InteropError::malformed(path, format!("not UTF-8 text: {e}")))?;
        let text = text.trim_start_matches('\u{feff}');
        match self {
            Format::Gift => Ok(gift::read(text)),
            Format::Aiken => Ok(aiken::read(text)),
            Format::MoodleXml => moodle::read(path, text),
            Format::Qti => qti::read_file(path, text),
            Format::Csv => csvfmt::read(path, text),
        }
    }

    /// Writes items in this format: text formats as UTF-8, QTI as a content package zip.
    pub fn write(self, items: &[Item]) -> Result<Vec<u8>, InteropError> {
        match self {
            Format::Gift => Ok(gift::write(items).into_bytes()),
            Format::Aiken => Ok(aiken::write(items).into_bytes()),
            Format::MoodleXml => Ok(moodle::write(items).into_bytes()),
            Format::Qti => package::write(items),
            Format::Csv => csvfmt::write(items),
        }
    }

    /// What the format can carry, so a round trip is judged on those fields only.
    pub fn carries(self) -> Carries {
        match self {
            Format::Gift | Format::MoodleXml | Format::Qti => Carries {
                id: true,
                category: true,
                feedback: true,
                explanation: true,
                references: false,
                difficulty: false,
            },
            Format::Aiken => Carries {
                id: false,
                category: false,
                feedback: false,
                explanation: false,
                references: false,
                difficulty: false,
            },
            Format::Csv => Carries {
                id: true,
                category: true,
                feedback: true,
                explanation: true,
                references: true,
                difficulty: true,
            },
        }
    }
}

/// The optional fields a format keeps; stems, options, keys and multi-answer are always kept.
#[derive(Debug, Clone, Copy)]
pub struct Carries {
    pub id: bool,
    pub category: bool,
    pub feedback: bool,
    pub explanation: bool,
    pub references: bool,
    pub difficulty: bool,
}

impl Carries {
    /// `item` with the fields this format cannot carry cleared, and its source line dropped.
    pub fn mask(&self, item: &Item) -> Item {
        let mut m = item.clone();
        m.line = 0;
        m.part = None;
        if !self.id {
            m.id = None;
        }
        if !self.category {
            m.category = None;
        }
        if !self.feedback {
            m.choices.iter_mut().for_each(|c| c.feedback = None);
        }
        if !self.explanation {
            m.explanation = None;
        }
        if !self.references {
            m.references.clear();
        }
        if !self.difficulty {
            m.difficulty = None;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIFT: &[u8] = include_bytes!("../../tests/fixtures/import/quiz.gift");
    const AIKEN: &[u8] = include_bytes!("../../tests/fixtures/import/quiz.aiken.txt");
    const MOODLE: &[u8] = include_bytes!("../../tests/fixtures/import/quiz-moodle.xml");
    const QTI3: &[u8] = include_bytes!("../../tests/fixtures/import/item-qti30.xml");
    const QTI_ZIP: &[u8] = include_bytes!("../../tests/fixtures/import/package-qti21.zip");
    const CSV: &[u8] = include_bytes!("../../tests/fixtures/import/quiz.csv");

    #[test]
    fn formats_are_told_from_content_whatever_the_extension() {
        for (bytes, want) in [
            (GIFT, Format::Gift),
            (AIKEN, Format::Aiken),
            (MOODLE, Format::MoodleXml),
            (QTI3, Format::Qti),
            (QTI_ZIP, Format::Qti),
            (CSV, Format::Csv),
        ] {
            assert_eq!(Format::detect(bytes, None), Some(want));
            assert_eq!(Format::detect(bytes, Some("dat")), Some(want));
        }
        assert_eq!(Format::detect(b"\xff\xfe junk", None), None);
        assert_eq!(Format::detect(b"<html><body/></html>", None), None);
    }

    #[test]
    fn every_fixture_has_single_multi_feedback_and_a_refusal() {
        for (name, bytes, format) in [
            ("gift", GIFT, Format::Gift),
            ("moodle", MOODLE, Format::MoodleXml),
            ("qti zip", QTI_ZIP, Format::Qti),
            ("csv", CSV, Format::Csv),
            ("aiken", AIKEN, Format::Aiken),
        ] {
            let r = format.read(name, bytes).unwrap();
            assert!(r.items.iter().any(|i| i.multi), "{name}: multi");
            assert!(r.items.iter().any(|i| !i.multi), "{name}: single");
            assert_eq!(r.refused.len(), 1, "{name}: refused");
            if format != Format::Aiken {
                assert!(
                    r.items
                        .iter()
                        .any(|i| i.choices.iter().any(|c| c.feedback.is_some())),
                    "{name}"
                );
                assert!(
                    r.items.iter().any(|i| i.category.is_some()),
                    "{name}: category"
                );
            }
        }
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = vec![b'a'; (MAX_INPUT_BYTES + 1) as usize];
        assert!(matches!(
            Format::Gift.read("big", &big),
            Err(InteropError::TooLarge(_))
        ));
    }
}
