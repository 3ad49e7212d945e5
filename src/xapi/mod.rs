//! Learning records for a class: proctor's history as xAPI 1.0.3 statements, sent to a Learning
//! Record Store (LRS) the school runs, and read back from it into a class report. proctor speaks
//! the standard instead of running a server of its own (docs/xapi.md gives the profile).
//!
//! No terminal here; the only network code is in [`client`], and nothing is sent unless the user
//! configured an endpoint ([`settings`]).

pub mod class;
pub mod client;
pub mod ids;
pub mod ledger;
pub mod settings;
pub mod statements;
pub mod sync;

pub use client::{Lrs, LrsError};
pub use ids::Learner;
pub use settings::Settings;
