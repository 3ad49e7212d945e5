//! Mock exams without a terminal: building a form, sitting it (answers, flags, time), scoring it.

pub mod assemble;
pub mod attempt;
pub mod clock;
pub mod credit;
pub mod entry;
pub mod form;
mod pack;
pub mod score;

pub use assemble::{AssembleError, FormOptions, assemble};
pub use attempt::{Attempt, EndReason, Response};
pub use clock::{Clock, FakeClock, SystemClock};
pub use credit::{CodeScore, CodeVerdict, Verdict, score_codes};
pub use form::{Form, FormItem, FormSection};
pub use score::{DomainScore, ScoreReport, credit_of, score};
