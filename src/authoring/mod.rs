//! Writing banks faster (issue 19): a scaffold that validates clean, and the preview's reloadable
//! source. No terminal here.

pub mod scaffold;

pub use scaffold::{ScaffoldDomains, scaffold_bank};
