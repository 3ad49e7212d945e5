//! What the history says about the candidate: mastery per domain, the predicted score and pass
//! probability, each question's review schedule, and which questions a drill should serve.
//! No terminal, no disk: everything is computed from history records and an injected `now`.

pub mod answers;
pub mod drill;
pub mod leitner;
pub mod mastery;
pub mod predict;
pub mod repeats;
pub mod report;
pub mod today;
pub mod trend;

pub use answers::{Answer, answers_from};
pub use drill::{DrillRequest, Pool, pick_drill};
pub use leitner::{QuestionState, question_states};
pub use mastery::{Mastery, mastery};
pub use predict::{Prediction, predict};
pub use report::{StatsReport, stats_report};
