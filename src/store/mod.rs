//! Where the user's data lives, and how it is written so that nothing is ever lost.

pub mod paths;
