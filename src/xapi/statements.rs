//! One history record as xAPI statements (the profile is in docs/xapi.md): `attempted` when the
//! attempt started, `answered` for each answered question, `completed` with the scaled score when it
//! ended, and for a mock exam of a known pass mark `passed` or `failed`. Blank responses are not
//! answers (docs/scoring.md) and make no statement; the attempt's question count says how many
//! there were, so its score can be recomputed from the statements alone.

use super::ids::{
    Learner, attempt_iri, domain_iri, exam_iri, question_iri, registration, statement_id,
};
use crate::exam::EndReason;
use crate::store::history::{Record, RecordResponse};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

pub const VERB_ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";

/// Context extensions: "exam", "practice" or "drill".
pub const EXT_MODE: &str = "urn:proctor:ext:mode";
/// Context extension: the blueprint the form was built from.
pub const EXT_BLUEPRINT: &str = "urn:proctor:ext:blueprint";
/// Context extension on `answered`: the response's place in the form (0-based).
pub const EXT_POSITION: &str = "urn:proctor:ext:position";
/// Context extension on `attempted` and `completed`: how many questions the form had.
pub const EXT_QUESTIONS: &str = "urn:proctor:ext:questions";
/// Result extension on `answered`: the question was flagged for review.
pub const EXT_FLAGGED: &str = "urn:proctor:ext:flagged";
/// Result extension on `completed`: "submitted" or "time-up".
pub const EXT_END: &str = "urn:proctor:ext:end";

pub const ACT_ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
pub const ACT_ATTEMPT: &str = "http://adlnet.gov/expapi/activities/attempt";
pub const ACT_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
pub const ACT_OBJECTIVE: &str = "http://adlnet.gov/expapi/activities/objective";

/// A moment as xAPI writes it (RFC 3339, UTC, milliseconds).
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Seconds as an ISO 8601 duration, to the hundredth xAPI keeps.
pub fn duration(seconds: f64) -> String {
    let cs = (seconds.max(0.0) * 100.0).round() as u64;
    format!("PT{}.{:02}S", cs / 100, cs % 100)
}

/// The seconds of an ISO 8601 duration of hours, minutes and seconds (`PT1H2M3.5S`).
pub fn parse_duration(s: &str) -> Option<f64> {
    let mut rest = s.strip_prefix("PT")?;
    let mut total = 0.0;
    while !rest.is_empty() {
        let end = rest.find(|c: char| c.is_ascii_alphabetic())?;
        let n: f64 = rest[..end].parse().ok()?;
        total += n * match &rest[end..end + 1] {
            "H" => 3600.0,
            "M" => 60.0,
            "S" => 1.0,
            _ => return None,
        };
        rest = &rest[end + 1..];
    }
    Some(total)
}

fn verb(id: &str) -> Value {
    let word = id.rsplit('/').next().unwrap_or(id);
    json!({ "id": id, "display": { "en-US": word } })
}

fn activity(id: String, kind: &str) -> Value {
    json!({ "objectType": "Activity", "id": id, "definition": { "type": kind } })
}

/// The learner's response in xAPI's interaction format: choice letters or typed codes, `[,]`
/// between them.
fn response_text(r: &RecordResponse) -> String {
    if r.codes.is_empty() {
        r.selected
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("[,]")
    } else {
        r.codes.join("[,]")
    }
}

/// All statements of one record, in the order an LRS should receive them. `pass_percent` is the
/// blueprint's pass mark when it is known; only mock exams (mode "exam") are passed or failed.
pub fn statements(record: &Record, learner: &Learner, pass_percent: Option<f64>) -> Vec<Value> {
    let reg = registration(learner, &record.id);
    let actor = learner.actor();
    let exam = activity(exam_iri(&record.exam), ACT_ASSESSMENT);
    let attempt = activity(attempt_iri(&reg), ACT_ATTEMPT);
    let n = record.responses.len();
    let attempt_ext = json!({
        EXT_MODE: record.mode,
        EXT_BLUEPRINT: record.blueprint,
        EXT_QUESTIONS: n,
    });
    let mut out = Vec::with_capacity(n + 3);
    out.push(json!({
        "id": statement_id(&reg, "attempted", 0).to_string(),
        "actor": actor,
        "verb": verb(VERB_ATTEMPTED),
        "object": attempt,
        "context": {
            "registration": reg.to_string(),
            "contextActivities": { "grouping": [exam] },
            "extensions": attempt_ext,
        },
        "timestamp": timestamp(record.started_at),
    }));
    let mut elapsed = 0.0;
    for (i, r) in record.responses.iter().enumerate() {
        elapsed += r.seconds.max(0.0);
        if !r.answered() {
            continue;
        }
        let at = (record.started_at + chrono::Duration::milliseconds((elapsed * 1000.0) as i64))
            .min(record.ended_at.max(record.started_at));
        let interaction = if r.codes.is_empty() {
            "choice"
        } else {
            "fill-in"
        };
        let credit = r.credit();
        out.push(json!({
            "id": statement_id(&reg, "answered", i).to_string(),
            "actor": actor,
            "verb": verb(VERB_ANSWERED),
            "object": {
                "objectType": "Activity",
                "id": question_iri(&r.question),
                "definition": { "type": ACT_INTERACTION, "interactionType": interaction },
            },
            "result": {
                "response": response_text(r),
                "success": r.correct,
                "score": { "scaled": credit, "raw": credit, "min": 0, "max": 1 },
                "duration": duration(r.seconds),
                "extensions": { EXT_FLAGGED: r.flagged },
            },
            "context": {
                "registration": reg.to_string(),
                "contextActivities": {
                    "parent": [attempt],
                    "grouping": [exam, activity(domain_iri(&record.exam, &r.domain), ACT_OBJECTIVE)],
                },
                "extensions": {
                    EXT_MODE: record.mode,
                    EXT_BLUEPRINT: record.blueprint,
                    EXT_POSITION: i,
                },
            },
            "timestamp": timestamp(at),
        }));
    }
    let credit = record.credit();
    let scaled = if n == 0 { 0.0 } else { credit / n as f64 };
    let passed = pass_percent
        .filter(|_| record.mode == "exam" && n > 0)
        .map(|p| 100.0 * scaled + 1e-9 >= p);
    let mut result = Map::new();
    result.insert(
        "score".into(),
        json!({ "scaled": scaled, "raw": credit, "min": 0, "max": n }),
    );
    result.insert("completion".into(), json!(true));
    if let Some(p) = passed {
        result.insert("success".into(), json!(p));
    }
    result.insert("duration".into(), json!(duration(record.seconds_used)));
    let end = match record.end {
        EndReason::Submitted => "submitted",
        EndReason::TimeUp => "time-up",
    };
    result.insert("extensions".into(), json!({ EXT_END: end }));
    let result = Value::Object(result);
    out.push(json!({
        "id": statement_id(&reg, "completed", 0).to_string(),
        "actor": actor,
        "verb": verb(VERB_COMPLETED),
        "object": attempt,
        "result": result,
        "context": {
            "registration": reg.to_string(),
            "contextActivities": { "grouping": [exam] },
            "extensions": attempt_ext,
        },
        "timestamp": timestamp(record.ended_at),
    }));
    if let Some(p) = passed {
        out.push(json!({
            "id": statement_id(&reg, "outcome", 0).to_string(),
            "actor": actor,
            "verb": verb(if p { VERB_PASSED } else { VERB_FAILED }),
            "object": exam,
            "result": result,
            "context": {
                "registration": reg.to_string(),
                "contextActivities": { "parent": [attempt] },
                "extensions": attempt_ext,
            },
            "timestamp": timestamp(record.ended_at),
        }));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use crate::bank::ChoiceKey;

    /// A three-question mock: one right, one blank, one wrong.
    pub(crate) fn record() -> Record {
        let t0: DateTime<Utc> = "2026-11-22T09:00:00Z".parse().unwrap();
        let resp = |q: &str, sel: Vec<ChoiceKey>, correct: bool| RecordResponse {
            question: q.into(),
            domain: "d1".into(),
            selected: sel,
            key: vec![ChoiceKey::A],
            correct,
            credit: Some(f64::from(u8::from(correct))),
            seconds: 30.0,
            ..Default::default()
        };
        Record {
            schema: 1,
            id: "20261122T090000Z".into(),
            mode: "exam".into(),
            blueprint: "CPB".into(),
            exam: "CPB".into(),
            seed: 7,
            started_at: t0,
            ended_at: t0 + chrono::Duration::seconds(95),
            end: EndReason::Submitted,
            seconds_used: 95.0,
            responses: vec![
                resp("q1", vec![ChoiceKey::A], true),
                resp("q2", vec![], false),
                resp("q3", vec![ChoiceKey::B, ChoiceKey::C], false),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::record;
    use super::*;

    #[test]
    fn one_answered_statement_per_answer_and_the_attempt_around_them() {
        let ana = Learner::parse("mailto:ana@example.org").unwrap();
        let s = statements(&record(), &ana, Some(70.0));
        let verbs: Vec<&str> = s
            .iter()
            .map(|x| {
                x["verb"]["id"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            verbs,
            ["attempted", "answered", "answered", "completed", "failed"]
        );
        assert_eq!(s[2]["result"]["response"], "B[,]C");
        assert_eq!(s[2]["context"]["extensions"][EXT_POSITION], 2);
        assert_eq!(s[3]["result"]["score"]["max"], 3);
        assert!((s[3]["result"]["score"]["scaled"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        // The same record gives the same statements, ids included.
        assert_eq!(s, statements(&record(), &ana, Some(70.0)));
        let ids: std::collections::HashSet<&str> =
            s.iter().map(|x| x["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), s.len());
        // A drill is never passed or failed.
        let mut drill = record();
        drill.mode = "drill".into();
        assert_eq!(statements(&drill, &ana, Some(70.0)).len(), 4);
    }

    #[test]
    fn durations_round_trip() {
        assert_eq!(duration(95.0), "PT95.00S");
        assert_eq!(duration(1.234), "PT1.23S");
        assert_eq!(parse_duration("PT95.00S"), Some(95.0));
        assert_eq!(parse_duration("PT1H2M3.5S"), Some(3723.5));
        assert_eq!(parse_duration("P1D"), None);
    }
}
