//! The candidate's target: which exam, on what date, how much time a day. Drives the home screen's
//! "today" and the drill size.

use super::StoreError;
use super::atomic::{move_aside, write_atomic};
use super::read::{ReadError, caps, read_capped};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema: u32,
    /// Blueprint id.
    pub exam: String,
    pub date: NaiveDate,
    pub daily_minutes: u32,
}

pub struct PlanStore {
    path: PathBuf,
}

impl PlanStore {
    pub fn new(data_dir: &Path) -> PlanStore {
        PlanStore {
            path: data_dir.join("plan.json"),
        }
    }

    pub fn save(&self, plan: &Plan) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(plan).map_err(|e| StoreError::Encode {
            path: self.path.display().to_string(),
            what: e.to_string(),
        })?;
        write_atomic(&self.path, &bytes)
    }

    /// The plan, or `None`; an unreadable file is moved aside with a message (the second value).
    pub fn load(&self, stamp: &str) -> Result<(Option<Plan>, Option<String>), StoreError> {
        let why = match read_capped(&self.path, caps::PLAN) {
            Err(ReadError::NotFound) => return Ok((None, None)),
            Err(e) => e.to_string(),
            Ok(bytes) => match serde_json::from_slice::<Plan>(&bytes) {
                Ok(p) if p.schema == SCHEMA => return Ok((Some(p), None)),
                Ok(p) => format!("schema {}, this proctor reads {SCHEMA}", p.schema),
                Err(e) => e.to_string(),
            },
        };
        let msg = match move_aside(&self.path, stamp) {
            Ok(aside) => format!(
                "the study plan could not be read ({why}); kept it as {}",
                aside.display()
            ),
            Err(e) => format!(
                "the study plan {} could not be read ({why}) nor moved aside ({e})",
                self.path.display()
            ),
        };
        Ok((None, Some(msg)))
    }
}

/// The day forms and drills of `blueprint` are built for: the planned exam date when the plan is
/// for this blueprint and the date has not passed, else `today`. Questions are served only if true
/// on that day, so a candidate sitting in 2027 is not taught 2026 figures.
pub fn exam_day(plan: Option<&Plan>, blueprint: &str, today: NaiveDate) -> NaiveDate {
    match plan {
        Some(p) if p.exam.eq_ignore_ascii_case(blueprint) && p.date >= today => p.date,
        _ => today,
    }
}

/// "45m", "1h", "1h30m" or plain minutes ("45").
pub fn parse_daily(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(m) = s.parse::<u32>() {
        return (m > 0).then_some(m);
    }
    let (h, rest) = match s.split_once('h') {
        Some((h, rest)) => (h.parse::<u32>().ok()?, rest),
        None => (0, s.as_str()),
    };
    let m = match rest.strip_suffix('m') {
        Some(m) if !m.is_empty() => m.parse::<u32>().ok()?,
        None if rest.is_empty() => 0,
        _ => return None,
    };
    let total = h * 60 + m;
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_time_forms() {
        assert_eq!(parse_daily("45m"), Some(45));
        assert_eq!(parse_daily("1h"), Some(60));
        assert_eq!(parse_daily("1h30m"), Some(90));
        assert_eq!(parse_daily("30"), Some(30));
        assert_eq!(parse_daily("0"), None);
        assert_eq!(parse_daily("abc"), None);
    }

    #[test]
    fn round_trip_and_move_aside() {
        let d = tempfile::tempdir().unwrap();
        let s = PlanStore::new(d.path());
        let p = Plan {
            schema: SCHEMA,
            exam: "CPB".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
            daily_minutes: 45,
        };
        s.save(&p).unwrap();
        assert_eq!(s.load("x").unwrap().0, Some(p));
        std::fs::write(d.path().join("plan.json"), b"{nope").unwrap();
        let (plan, msg) = s.load("x").unwrap();
        assert!(plan.is_none() && msg.unwrap().contains("could not be read"));
        assert!(d.path().join("plan.json.unreadable-x").exists());
    }
}
