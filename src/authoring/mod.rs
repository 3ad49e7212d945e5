//! Writing banks faster (issue 19): a scaffold that validates clean. No terminal here.

pub mod scaffold;

pub use scaffold::{ScaffoldDomains, scaffold_bank};
