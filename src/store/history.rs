//! Finished attempts, one file each, created once and never replaced or modified: a crash can lose
//! at most the attempt being written, and one bad file never hides the others.

use super::atomic::move_aside;
use super::disk::{Disk, RealDisk};
use super::read::{caps, read_capped};
use super::{StoreError, io_err};
use crate::bank::{Catalog, ChoiceKey};
use crate::exam::score::code_score;
use crate::exam::{Attempt, CodeVerdict, EndReason};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const SCHEMA: u32 = 1;

/// One finished attempt as history keeps it: enough to re-check every score without the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: u32,
    pub id: String,
    /// "exam", "practice" or "drill".
    pub mode: String,
    pub blueprint: String,
    pub exam: String,
    pub seed: u64,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub end: EndReason,
    pub seconds_used: f64,
    pub responses: Vec<RecordResponse>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordResponse {
    pub question: String,
    pub domain: String,
    /// The bank's choice keys chosen.
    pub selected: Vec<ChoiceKey>,
    pub key: Vec<ChoiceKey>,
    /// Fully right (credit 1).
    pub correct: bool,
    /// 0..1: 1 or 0 for multiple choice, the fraction earned for code entry. Files written before
    /// code entry have none; [`RecordResponse::credit`] then reads `correct`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
    /// Code-entry questions: the codes typed, in the order typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// Code-entry questions: the key's codes, principal or first-listed first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_codes: Vec<String>,
    /// Code-entry questions: the verdict on every typed code, then every missing key code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<CodeVerdict>,
    pub seconds: f64,
    pub flagged: bool,
    pub struck: Vec<ChoiceKey>,
    /// The bank keys in the order the options were shown (position 0 was "A"), so a reopened
    /// attempt is reviewed under the letters the candidate saw. Empty in records from before it
    /// was kept; answers stay bank keys either way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<ChoiceKey>,
    /// An unscored pretest item of the form (the blueprint's `pretest`): its answer is still
    /// evidence of what the candidate knows, but the attempt's score leaves it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pretest: bool,
}

impl Record {
    pub fn from_attempt(a: &Attempt, catalog: &Catalog) -> Record {
        let responses = a
            .form
            .items
            .iter()
            .zip(&a.responses)
            .map(|(item, r)| {
                let q = catalog.question(&item.question);
                let key = q.map(|q| q.key_set()).unwrap_or_default();
                let codes = q.and_then(|q| code_score(q, r));
                let credit = match &codes {
                    Some(sc) => sc.credit,
                    None => f64::from(u8::from(!key.is_empty() && r.selected == key)),
                };
                RecordResponse {
                    question: item.question.clone(),
                    domain: q.map(|q| q.domain.clone()).unwrap_or_default(),
                    correct: credit >= 1.0,
                    credit: Some(credit),
                    codes: if codes.is_some() {
                        r.typed_codes()
                    } else {
                        vec![]
                    },
                    key_codes: q.map(|q| q.key_codes().to_vec()).unwrap_or_default(),
                    verdicts: codes.map(|sc| sc.verdicts).unwrap_or_default(),
                    selected: r.selected.clone(),
                    key,
                    seconds: r.seconds,
                    flagged: r.flagged,
                    struck: r.struck.clone(),
                    order: item.order.clone(),
                    pretest: item.pretest,
                }
            })
            .collect();
        Record {
            schema: SCHEMA,
            id: a.id.clone(),
            mode: a.form.mode().to_string(),
            blueprint: a.form.blueprint.clone(),
            exam: a.form.exam.clone(),
            seed: a.form.seed,
            started_at: a.started_at,
            ended_at: a.ended_at.unwrap_or(a.started_at),
            end: a.end.unwrap_or(EndReason::Submitted),
            seconds_used: a.seconds_used(),
            responses,
        }
    }

    /// Whether this record is of attempt `a`: written from it, perhaps under a suffixed id
    /// (`<id>-2`) because another attempt had taken the name.
    pub fn is_of(&self, a: &Attempt) -> bool {
        self.started_at == a.started_at
            && self.seed == a.form.seed
            && self.blueprint == a.form.blueprint
            && (self.id == a.id
                || self
                    .id
                    .strip_prefix(a.id.as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|n| n.parse::<u32>().is_ok()))
    }

    /// The responses the score counts: all but pretest items.
    pub fn scored(&self) -> impl Iterator<Item = &RecordResponse> {
        self.responses.iter().filter(|r| !r.pretest)
    }

    /// How many questions the score counts.
    pub fn scored_count(&self) -> usize {
        self.scored().count()
    }

    /// Scored questions fully right.
    pub fn correct(&self) -> usize {
        self.scored().filter(|r| r.correct).count()
    }

    /// Points earned on the scored questions: their credits summed.
    pub fn credit(&self) -> f64 {
        self.scored().map(RecordResponse::credit).sum()
    }

    /// The attempt's score in percent, as its results screen gave it.
    pub fn percent(&self) -> f64 {
        100.0 * self.credit() / self.scored_count().max(1) as f64
    }
}

impl RecordResponse {
    /// The credit earned, 0..1; for a file written before credits existed, 1 if correct else 0.
    pub fn credit(&self) -> f64 {
        self.credit
            .map_or(f64::from(u8::from(self.correct)), |c| c.clamp(0.0, 1.0))
    }

    /// Whether anything was chosen or typed.
    pub fn answered(&self) -> bool {
        !self.selected.is_empty() || !self.codes.is_empty()
    }
}

pub struct History {
    dir: PathBuf,
    disk: Arc<dyn Disk>,
}

/// Everything history holds, and what it could not read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    /// One message per file moved aside.
    pub problems: Vec<String>,
}

impl History {
    pub fn new(data_dir: &Path) -> History {
        History::with_disk(data_dir, Arc::new(RealDisk))
    }

    pub fn with_disk(data_dir: &Path, disk: Arc<dyn Disk>) -> History {
        History {
            dir: data_dir.join("history"),
            disk,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the record's file, never replacing one. If the name is taken by this very record
    /// (the same attempt recorded twice), nothing is written;
    /// if by another attempt (same second, a clock stepped back), the record gets the next free
    /// name and id (`<id>-2`...). Returns the file that holds the record.
    pub fn append(&self, record: &Record) -> Result<PathBuf, StoreError> {
        let mut rec = record.clone();
        for n in 1..=1000u32 {
            if n > 1 {
                rec.id = format!("{}-{n}", record.id);
            }
            let path = self.dir.join(format!("{}.json", rec.id));
            let bytes = serde_json::to_vec_pretty(&rec).map_err(|e| StoreError::Encode {
                path: path.display().to_string(),
                what: e.to_string(),
            })?;
            match self.disk.write_new(&path, &bytes) {
                Ok(()) => return Ok(path),
                Err(StoreError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists =>
                {
                    // The same record already written (the same attempt recorded twice) is kept;
                    // anything else is another attempt and gets the next name.
                    let same = read_capped(&path, caps::RECORD)
                        .ok()
                        .and_then(|b| serde_json::from_slice::<Record>(&b).ok())
                        .is_some_and(|old| old == rec);
                    if same {
                        return Ok(path);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(io_err(&self.dir)(std::io::Error::other(
            "a thousand records share this attempt id",
        )))
    }

    /// All records, oldest first. Unreadable files are moved aside with a message, never
    /// overwritten or deleted.
    pub fn load(&self, stamp: &str) -> Result<Loaded, StoreError> {
        let mut out = Loaded::default();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(io_err(&self.dir)(e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        for p in paths {
            let parsed = read_capped(&p, caps::RECORD)
                .map_err(|e| e.to_string())
                .and_then(|b| {
                    serde_json::from_slice::<serde_json::Value>(&b).map_err(|e| e.to_string())
                })
                .and_then(|v| match v.get("schema").and_then(|s| s.as_u64()) {
                    Some(s) if s == u64::from(SCHEMA) => {
                        serde_json::from_value::<Record>(v).map_err(|e| e.to_string())
                    }
                    Some(s) => Err(format!("schema {s}, this proctor reads {SCHEMA}")),
                    None => Err("no schema version".into()),
                });
            match parsed {
                Ok(r) => out.records.push(r),
                Err(why) => out.problems.push(match move_aside(&p, stamp) {
                    Ok(aside) => format!(
                        "history file {} could not be read ({why}); kept it as {}",
                        p.display(),
                        aside.display()
                    ),
                    Err(e) => format!(
                        "history file {} could not be read ({why}) nor moved aside ({e}); left it as it is",
                        p.display()
                    ),
                }),
            }
        }
        out.records
            .sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}
