//! Writing banks faster (issue 19): a scaffold that validates clean. No terminal here.

pub mod preview;
pub mod scaffold;
pub mod watch;

pub use scaffold::{ScaffoldDomains, scaffold_bank};
