//! Today's recommended work: a drill sized to the daily time and aimed where the predicted score
//! gains most, and a full mock every so often.

use super::report::StatsReport;
use crate::store::plan::Plan;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A full mock is recommended when none was taken in this many days.
pub const MOCK_EVERY_DAYS: i64 = 7;
/// Seconds per drill question when the exam has no pace (untimed): reading the rationale included.
pub const DRILL_SECONDS_PER_QUESTION: f64 = 120.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    pub days_left: i64,
    pub drill_questions: u32,
    /// Domain ids to drill, most valuable first.
    pub focus: Vec<String>,
    pub mock_due: bool,
}

pub fn today(plan: &Plan, report: &StatsReport, now: DateTime<Utc>) -> Today {
    let today: NaiveDate = now.date_naive();
    let days_left = (plan.date - today).num_days();
    // A drill question takes the exam's pace plus time to read the rationale.
    let per_q = report
        .pace_seconds_per_question
        .map_or(DRILL_SECONDS_PER_QUESTION, |p| p + 45.0);
    let drill_questions =
        ((f64::from(plan.daily_minutes) * 60.0 / per_q).floor() as u32).clamp(5, 100);
    let last_mock = report.mock_scores.iter().map(|m| m.at).max();
    let mock_due = days_left >= 1
        && match last_mock {
            None => report.answers >= 40,
            Some(at) => (now - at).num_days() >= MOCK_EVERY_DAYS,
        };
    Today {
        days_left,
        drill_questions,
        focus: report.weakest.iter().take(3).cloned().collect(),
        mock_due,
    }
}

impl Today {
    /// The recommended work in words, as the home screen and `proctor stats` say it.
    pub fn work(&self) -> String {
        if self.mock_due {
            "a full mock exam".to_string()
        } else {
            format!(
                "a {}-question drill on {}",
                self.drill_questions,
                self.focus.join(", ")
            )
        }
    }
}
