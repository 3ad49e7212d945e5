//! How each question performs (issue 19): classical item statistics over finished attempts, and the
//! exported-history form instructors collect from a class. No terminal here; `cli/items.rs` prints.
//! The statistics, formulas and minimum samples are documented in docs/item-statistics.md.

pub mod export;
pub mod stats;

pub use export::{EXPORT_FORMAT, EXPORT_VERSION, Export, ExportError, Gathered, gather};
pub use stats::{Flag, ItemKind, ItemRow, OptionCount, item_rows, min_sample, pearson};
