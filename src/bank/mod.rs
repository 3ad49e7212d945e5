//! Bank and blueprint formats, loading and validation. Knows nothing of the terminal.

pub mod cache;
pub mod cache_file;
pub mod catalog;
pub mod codes;
pub mod codeyear;
pub mod diagnostic;
pub mod entry_codes;
pub mod entry_rules;
pub mod flow;
pub mod given;
pub mod lazy;
pub mod letters;
pub mod library;
pub mod model;
pub mod parse;
pub mod quota;
pub mod readability;
pub mod rules;
pub mod scan;
pub mod source;
pub mod text;
pub mod validity;
pub mod windows;
pub mod yearly;

pub use cache::BankCache;
pub use catalog::{Catalog, DomainCapacity, LoadReport};
pub use diagnostic::{Diagnostic, Pos, Severity};
pub use model::{
    Answer, Bank, Blueprint, Case, ChoiceKey, CodeWhat, Difficulty, DomainSpec, EntrySpec,
    EntrySystem, Question, QuestionKind, Validity,
};
pub use source::SourceFile;
