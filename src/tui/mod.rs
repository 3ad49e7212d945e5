//! The terminal app: state + messages + one `update` + pure `view` functions. Every screen renders
//! from a state value and every key sequence replays without a terminal; only `runtime` touches it.

pub mod app;
pub mod keys;
pub mod layout;
pub mod review;
pub mod runtime;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;

pub use app::{App, Effect, Msg, Overlay, Screen};
pub use theme::Theme;
