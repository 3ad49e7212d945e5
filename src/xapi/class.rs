//! A class's statements turned back into history records, one learner at a time, so the class
//! report runs the very models of `proctor stats` (src/stats) on them: per learner the attempts,
//! the latest and best mock, mastery by domain, the pass chance and the last activity; per
//! question a small item table.

use super::ids::{Learner, domain_of, question_of};
use super::statements::{
    EXT_BLUEPRINT, EXT_END, EXT_FLAGGED, EXT_MODE, EXT_POSITION, EXT_QUESTIONS, VERB_ANSWERED,
    VERB_ATTEMPTED, VERB_COMPLETED, parse_duration,
};
use crate::bank::{Blueprint, Catalog};
use crate::exam::EndReason;
use crate::stats::{Answer, answers_from, stats_report};
use crate::store::history::{Record, RecordResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One attempt as the LRS holds it.
#[derive(Default)]
struct Draft {
    mode: Option<String>,
    blueprint: Option<String>,
    questions: Option<usize>,
    started: Option<DateTime<Utc>>,
    ended: Option<DateTime<Utc>>,
    seconds_used: Option<f64>,
    end: Option<EndReason>,
    answers: BTreeMap<usize, RecordResponse>,
    last: Option<DateTime<Utc>>,
}

fn ts(s: &Value) -> Option<DateTime<Utc>> {
    s.get("timestamp")?.as_str()?.parse().ok()
}

/// Each learner's records of `exam`, rebuilt from statements (any order; statements of other
/// profiles or exams are ignored). The record id is the attempt's registration.
pub fn records_by_learner(statements: &[Value], exam: &str) -> BTreeMap<Learner, Vec<Record>> {
    let mut drafts: BTreeMap<(Learner, String), Draft> = BTreeMap::new();
    for s in statements {
        let Some(learner) = s.get("actor").and_then(Learner::from_actor) else {
            continue;
        };
        let ctx = &s["context"];
        let Some(reg) = ctx.get("registration").and_then(Value::as_str) else {
            continue;
        };
        let groups = ctx["contextActivities"]["grouping"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let exam_iri = super::ids::exam_iri(exam);
        if !groups.iter().any(|g| g["id"] == exam_iri.as_str()) {
            continue;
        }
        let ext = &ctx["extensions"];
        let d = drafts.entry((learner, reg.to_string())).or_default();
        let at = ts(s);
        d.last = d.last.max(at);
        d.mode = d
            .mode
            .take()
            .or_else(|| ext[EXT_MODE].as_str().map(String::from));
        d.blueprint = d
            .blueprint
            .take()
            .or_else(|| ext[EXT_BLUEPRINT].as_str().map(String::from));
        match s["verb"]["id"].as_str().unwrap_or_default() {
            VERB_ATTEMPTED => {
                d.started = at;
                d.questions = ext[EXT_QUESTIONS].as_u64().map(|n| n as usize);
            }
            VERB_COMPLETED => {
                d.ended = at;
                d.questions = ext[EXT_QUESTIONS]
                    .as_u64()
                    .map(|n| n as usize)
                    .or(d.questions);
                let r = &s["result"];
                d.seconds_used = r["duration"].as_str().and_then(parse_duration);
                d.end = Some(match r["extensions"][EXT_END].as_str() {
                    Some("time-up") => EndReason::TimeUp,
                    _ => EndReason::Submitted,
                });
            }
            VERB_ANSWERED => {
                let Some(pos) = ext[EXT_POSITION].as_u64() else {
                    continue;
                };
                let Some(question) = s["object"]["id"].as_str().and_then(question_of) else {
                    continue;
                };
                let domain = groups
                    .iter()
                    .filter_map(|g| g["id"].as_str().and_then(domain_of))
                    .map(|(_, d)| d)
                    .next()
                    .unwrap_or_default();
                let r = &s["result"];
                let success = r["success"].as_bool().unwrap_or(false);
                let credit = r["score"]["scaled"]
                    .as_f64()
                    .unwrap_or(f64::from(u8::from(success)));
                let response = r["response"].as_str().unwrap_or_default();
                d.answers.insert(
                    pos as usize,
                    RecordResponse {
                        question,
                        domain,
                        correct: success,
                        credit: Some(credit.clamp(0.0, 1.0)),
                        // What was answered, kept as text: the record is only read by the models,
                        // which need to know it was answered, not which letters.
                        codes: vec![if response.is_empty() {
                            "?".into()
                        } else {
                            response.into()
                        }],
                        seconds: r["duration"]
                            .as_str()
                            .and_then(parse_duration)
                            .unwrap_or(0.0),
                        flagged: r["extensions"][EXT_FLAGGED].as_bool().unwrap_or(false),
                        ..Default::default()
                    },
                );
            }
            _ => {}
        }
    }
    let mut out: BTreeMap<Learner, Vec<Record>> = BTreeMap::new();
    for ((learner, reg), d) in drafts {
        let Some(last) = d.last else { continue };
        let n = d
            .questions
            .unwrap_or(0)
            .max(d.answers.keys().next_back().map_or(0, |p| p + 1));
        let mut responses = vec![RecordResponse::default(); n];
        for (pos, r) in d.answers {
            responses[pos] = r;
        }
        let started = d.started.unwrap_or(last);
        out.entry(learner).or_default().push(Record {
            schema: crate::store::history::SCHEMA,
            id: reg,
            mode: d.mode.unwrap_or_else(|| "practice".into()),
            blueprint: d.blueprint.unwrap_or_default(),
            exam: exam.to_string(),
            seed: 0,
            started_at: started,
            ended_at: d.ended.unwrap_or(last),
            end: d.end.unwrap_or(EndReason::Submitted),
            seconds_used: d.seconds_used.unwrap_or(0.0),
            responses,
        });
    }
    for recs in out.values_mut() {
        recs.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassReport {
    pub blueprint: String,
    pub exam: String,
    /// Statements read from the LRS (those of other exams included, when it could not filter).
    pub statements: usize,
    pub learners: Vec<LearnerRow>,
    pub questions: Vec<QuestionRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MockRow {
    pub at: DateTime<Utc>,
    pub percent: f64,
    pub questions: usize,
    pub passed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainRow {
    pub id: String,
    pub name: String,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    pub enough: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LearnerRow {
    /// The identity the learner synced with (`mailto:…` or `HOMEPAGE#NAME`).
    pub learner: String,
    pub attempts: usize,
    /// Answered responses of this exam, as `proctor stats` counts them.
    pub answers: usize,
    pub mock_scores: Vec<MockRow>,
    pub latest_mock: Option<MockRow>,
    pub best_mock: Option<MockRow>,
    pub mastery: Vec<DomainRow>,
    pub predicted_score: f64,
    pub pass_probability: f64,
    /// Whether there is enough data for the prediction.
    pub prediction_enough: bool,
    pub last_active: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionRow {
    pub question: String,
    pub domain: String,
    /// First answers in an attempt (drill re-asks are practice, not evidence).
    pub answers: u32,
    pub correct: u32,
    /// Mean credit of those answers: the classical item difficulty (p-value).
    pub p_value: f64,
}

/// The class report of blueprint `bp` from the LRS's statements.
pub fn class_report(
    catalog: &Catalog,
    bp: &Blueprint,
    statements: &[Value],
    now: DateTime<Utc>,
) -> ClassReport {
    let by_learner = records_by_learner(statements, &bp.exam);
    let mut learners = Vec::new();
    let mut all_records: Vec<Record> = Vec::new();
    for (learner, records) in &by_learner {
        let answers = answers_from(records);
        let s = stats_report(catalog, bp, records, &answers, now);
        let mocks: Vec<MockRow> = s
            .mock_scores
            .iter()
            .map(|m| MockRow {
                at: m.at,
                percent: m.percent,
                questions: m.questions,
                passed: m.passed,
            })
            .collect();
        let best = mocks
            .iter()
            .max_by(|a, b| a.percent.total_cmp(&b.percent))
            .cloned();
        learners.push(LearnerRow {
            learner: learner.key(),
            attempts: records.len(),
            answers: s.answers,
            latest_mock: mocks.last().cloned(),
            best_mock: best,
            mock_scores: mocks,
            mastery: s
                .domains
                .iter()
                .map(|d| DomainRow {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    mean: d.mastery.mean,
                    low: d.mastery.low,
                    high: d.mastery.high,
                    enough: d.mastery.enough,
                })
                .collect(),
            predicted_score: s.prediction.score,
            pass_probability: s.prediction.pass_probability,
            prediction_enough: s.prediction.enough,
            last_active: records.iter().map(|r| r.ended_at).max(),
        });
        all_records.extend(records.iter().cloned());
    }
    let answers = answers_from(&all_records);
    ClassReport {
        blueprint: bp.id.clone(),
        exam: bp.exam.clone(),
        statements: statements.len(),
        learners,
        questions: question_table(&answers, &bp.exam),
    }
}

/// Per question: first answers, how many fully right, and the p-value. Kept small and separate so
/// it can hand over to the authors' item statistics when those land.
pub fn question_table(answers: &[Answer<'_>], exam: &str) -> Vec<QuestionRow> {
    let mut rows: BTreeMap<&str, QuestionRow> = BTreeMap::new();
    for a in answers.iter().filter(|a| a.exam == exam && a.is_evidence()) {
        let row = rows.entry(a.question).or_insert_with(|| QuestionRow {
            question: a.question.to_string(),
            domain: a.domain.to_string(),
            answers: 0,
            correct: 0,
            p_value: 0.0,
        });
        row.answers += 1;
        row.correct += u32::from(a.correct);
        row.p_value += a.credit;
    }
    rows.into_values()
        .map(|mut r| {
            r.p_value /= f64::from(r.answers.max(1));
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xapi::statements::statements;
    use crate::xapi::statements::tests_support::record;

    #[test]
    fn statements_rebuild_the_record_the_models_read() {
        let ana = Learner::parse("mailto:ana@example.org").unwrap();
        let ben = Learner::parse("https://lms.example.org#ben").unwrap();
        let rec = record();
        let mut all = statements(&rec, &ana, Some(70.0));
        all.extend(statements(&rec, &ben, None));
        all.reverse(); // an LRS returns newest first
        let back = records_by_learner(&all, "CPB");
        assert_eq!(back.len(), 2);
        let r = &back[&ana][0];
        assert_eq!(r.responses.len(), rec.responses.len());
        assert!((r.credit() - rec.credit()).abs() < 1e-12);
        assert_eq!(r.started_at, rec.started_at);
        assert_eq!(r.ended_at, rec.ended_at);
        assert_eq!(r.mode, "exam");
        let a1 = answers_from(std::slice::from_ref(&rec));
        let a2 = answers_from(std::slice::from_ref(r));
        assert_eq!(a1.len(), a2.len());
        for (x, y) in a1.iter().zip(&a2) {
            assert_eq!(
                (x.question, x.domain, x.correct),
                (y.question, y.domain, y.correct)
            );
            assert!((x.seconds - y.seconds).abs() < 0.01);
        }
        assert!(records_by_learner(&all, "CPC").is_empty());
        let q = question_table(&a2, "CPB");
        assert_eq!(q.len(), 2);
        assert_eq!(
            (q[0].question.as_str(), q[0].correct, q[0].p_value),
            ("q1", 1, 1.0)
        );
    }
}
