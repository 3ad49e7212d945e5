//! proctor: timed mock exams and weak-topic drills for US medical billing and coding certifications.
//!
//! The core (`bank`, `exam`, `store`, `stats`) knows nothing of the terminal; `tui` renders it and
//! `cli` wires both to the command line.

pub mod authoring;
pub mod bank;
pub mod cli;
pub mod codeset;
pub mod exam;
pub mod interop;
pub mod items;
pub mod stats;
pub mod store;
pub mod tui;
// Issue 20: classes (xAPI sync and the class report).
pub mod xapi;
