//! The two document kinds authors write. Field names here are the YAML field names, so they are a
//! public contract with every bank already written: rename nothing without a migration.

pub use super::validity::Validity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One exam format: what a full mock must look like. Kept as data so a format change is a new file,
/// not a code change.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    pub id: String,
    pub exam: String,
    pub name: String,
    pub body: String,
    pub format: String,
    pub effective: String,
    pub source: Vec<String>,
    pub confidence: String,
    pub questions: u32,
    /// Of `questions`, how many are unscored pretest items, as on AHIMA's and NHA's exams: a full
    /// mock marks that many of its questions at random, never identifiable while sitting, and
    /// scores the rest (the real exam's scored count). 0: every question counts.
    #[serde(default)]
    pub pretest: u32,
    /// `None` for an untimed exam (CMRS).
    #[serde(default)]
    pub minutes: Option<u32>,
    pub passing: Passing,
    pub open_book: Vec<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
    pub domains: Vec<DomainSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Passing {
    /// The percent correct that passes. For scaled-score exams this is the practice approximation.
    pub percent: f64,
    #[serde(default)]
    pub scaled: Option<Scaled>,
    /// How the practice cut relates to the real one, shown beside scaled estimates.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scaled {
    pub score: u32,
    pub min: u32,
    pub max: u32,
}

/// A separately timed part of an exam (the online CPC's two 2-hour parts).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub name: String,
    pub questions: u32,
    pub minutes: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DomainSpec {
    pub id: String,
    pub name: String,
    /// Share of the exam in percent; exclusive with `questions`.
    #[serde(default)]
    pub weight: Option<f64>,
    /// Exact number of questions on a full form; exclusive with `weight`.
    #[serde(default)]
    pub questions: Option<u32>,
    /// The kind of question the domain takes: `code-entry` for the CIC's inpatient cases; the
    /// default is multiple choice. Form assembly puts code-entry items last.
    #[serde(default)]
    pub kind: QuestionKind,
    pub description: String,
}

/// The header of a bank file. Questions and cases are parsed one by one afterwards so that one bad
/// question does not hide the problems of the others.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Read only for the errors its parse reports.
pub(crate) struct BankHeader {
    pub bank: String,
    pub title: String,
    pub exam: String,
    pub version: u32,
    pub code_year: u16,
    #[serde(deserialize_with = "text_list")]
    pub authors: Vec<String>,
    pub license: String,
    #[serde(default)]
    pub valid: Option<Validity>,
    #[serde(default)]
    pub cases: Vec<serde_yaml::Value>,
    pub questions: Vec<serde_yaml::Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    pub bank: String,
    pub title: String,
    pub exam: String,
    pub version: u32,
    pub code_year: u16,
    #[serde(deserialize_with = "text_list")]
    pub authors: Vec<String>,
    pub license: String,
    /// When the bank's questions are true, for those that give no `valid:` of their own.
    #[serde(default)]
    pub valid: Option<Validity>,
    #[serde(default)]
    pub cases: Vec<Case>,
    pub questions: Vec<Question>,
}

/// A record excerpt shared by several questions, shown beside each of them.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub domain: String,
    pub difficulty: Difficulty,
    #[serde(default)]
    pub case: Option<String>,
    /// `multiple-choice` (the default) or `code-entry`: the candidate types the codes.
    #[serde(default)]
    pub kind: QuestionKind,
    /// What a code-entry question asks to code; required for `kind: code-entry`, absent otherwise.
    #[serde(default)]
    pub entry: Option<EntrySpec>,
    pub stem: String,
    /// Empty for a code-entry question (it has no options).
    #[serde(default)]
    pub choices: BTreeMap<ChoiceKey, String>,
    pub answer: Answer,
    /// Why the key is right (and the teaching point). Refers to options by their content, never by
    /// letter, because a shuffled form shows other letters than the bank's.
    pub explanation: String,
    /// Each option's own reason, keyed by the bank's letter, shown beside that option in review
    /// whatever letter the candidate saw it under.
    #[serde(default)]
    pub why: BTreeMap<ChoiceKey, String>,
    #[serde(deserialize_with = "text_list")]
    pub references: Vec<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub codes: Vec<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub tags: Vec<String>,
    #[serde(default = "yes")]
    pub shuffle: bool,
    /// When the key is true (docs/authoring.md, "When a question is true"); replaces the bank's.
    #[serde(default)]
    pub valid: Option<Validity>,
}

fn yes() -> bool {
    true
}

/// A list of texts where YAML would read a bare `835` or `2026` as a number: authors expect a tag
/// or reference to stay what they typed, so plain scalars are taken as their text.
fn text_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    if !d.is_human_readable() {
        // The parsed-bank cache (postcard) stores the texts as they came out of the YAML.
        return Vec::<String>::deserialize(d);
    }
    let values: Vec<serde_yaml::Value> = Vec::deserialize(d)?;
    values
        .into_iter()
        .map(|v| match v {
            serde_yaml::Value::String(s) => Ok(s),
            serde_yaml::Value::Number(n) => Ok(n.to_string()),
            serde_yaml::Value::Bool(b) => Ok(b.to_string()),
            _ => Err(D::Error::custom("expected a list of texts")),
        })
        .collect()
}

impl Question {
    /// The keys that make a response correct, in key order.
    pub fn key_set(&self) -> Vec<ChoiceKey> {
        let mut keys = match &self.answer {
            Answer::One(k) => vec![*k],
            Answer::Many(ks) => ks.clone(),
            Answer::Codes(_) => vec![],
        };
        keys.sort();
        keys.dedup();
        keys
    }

    pub fn is_multi(&self) -> bool {
        matches!(self.answer, Answer::Many(_))
    }

    pub fn is_code_entry(&self) -> bool {
        self.kind == QuestionKind::CodeEntry
    }

    /// A code-entry question's key: the codes in the bank's order, principal or first-listed
    /// first. Empty for multiple choice.
    pub fn key_codes(&self) -> &[String] {
        match &self.answer {
            Answer::Codes(c) => c,
            _ => &[],
        }
    }
}

/// How the candidate answers a question.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    #[default]
    MultipleChoice,
    /// The candidate types codes, as in the CIC's inpatient cases and the CCS's coding cases.
    CodeEntry,
}

impl QuestionKind {
    pub fn is_multiple_choice(&self) -> bool {
        *self == QuestionKind::MultipleChoice
    }
}

/// What a code-entry question asks for. Shown above the entry field, so the candidate knows which
/// books to open and whether the order counts.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    /// Diagnoses, procedures or both.
    pub code: CodeWhat,
    /// The code systems the answer uses; every answer code must belong to one of them.
    pub systems: Vec<EntrySystem>,
    /// Whether the first code of each system must be typed first among that system's codes
    /// (principal diagnosis, principal procedure). Default true, as inpatient reporting requires.
    #[serde(default = "yes")]
    pub sequenced: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum CodeWhat {
    Diagnoses,
    Procedures,
    Both,
}

impl CodeWhat {
    pub fn label(self) -> &'static str {
        match self {
            CodeWhat::Diagnoses => "the diagnoses",
            CodeWhat::Procedures => "the procedures",
            CodeWhat::Both => "the diagnoses and procedures",
        }
    }
}

pub use crate::codeset::EntrySystem;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
    /// Not rated yet: what `proctor import` writes when the source has no difficulty, so that
    /// nothing is invented; `proctor validate` warns until an author rates it.
    Unrated,
}

/// A choice letter as the bank wrote it. Responses are stored by this key, never by screen position,
/// so a shuffled form can always be re-scored.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChoiceKey {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl ChoiceKey {
    pub const ALL: [ChoiceKey; 6] = [
        ChoiceKey::A,
        ChoiceKey::B,
        ChoiceKey::C,
        ChoiceKey::D,
        ChoiceKey::E,
        ChoiceKey::F,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<ChoiceKey> {
        Self::ALL.get(i).copied()
    }

    pub fn letter(self) -> char {
        (b'A' + self as u8) as char
    }
}

impl fmt::Display for ChoiceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    One(ChoiceKey),
    /// Select all that apply.
    Many(Vec<ChoiceKey>),
    /// A code-entry key: codes in reporting order, principal or first-listed first.
    Codes(Vec<String>),
}

/// How authors write an answer: `B` or `[A, C]`.
#[derive(Deserialize, Serialize)]
#[serde(
    untagged,
    expecting = "a choice letter A-F, a list of letters [A, C] for select-all-that-apply, or (kind: code-entry) a list of codes [K35.80, 0DTJ4ZZ]"
)]
enum AnswerText {
    One(ChoiceKey),
    Many(Vec<ChoiceKey>),
    Codes(Vec<String>),
}

/// The same, tagged, for binary formats (the parsed-bank cache), which cannot read untagged enums.
#[derive(Deserialize, Serialize)]
enum AnswerBinary {
    One(ChoiceKey),
    Many(Vec<ChoiceKey>),
    Codes(Vec<String>),
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let human = s.is_human_readable();
        match (self, human) {
            (Answer::One(k), true) => AnswerText::One(*k).serialize(s),
            (Answer::Many(ks), true) => AnswerText::Many(ks.clone()).serialize(s),
            (Answer::One(k), false) => AnswerBinary::One(*k).serialize(s),
            (Answer::Many(ks), false) => AnswerBinary::Many(ks.clone()).serialize(s),
            (Answer::Codes(cs), true) => AnswerText::Codes(cs.clone()).serialize(s),
            (Answer::Codes(cs), false) => AnswerBinary::Codes(cs.clone()).serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(if d.is_human_readable() {
            match AnswerText::deserialize(d)? {
                AnswerText::One(k) => Answer::One(k),
                AnswerText::Many(ks) => Answer::Many(ks),
                AnswerText::Codes(cs) => Answer::Codes(cs),
            }
        } else {
            match AnswerBinary::deserialize(d)? {
                AnswerBinary::One(k) => Answer::One(k),
                AnswerBinary::Many(ks) => Answer::Many(ks),
                AnswerBinary::Codes(cs) => Answer::Codes(cs),
            }
        })
    }
}
