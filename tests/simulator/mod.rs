//! The calibration harness: simulated candidates with known abilities study with proctor (mocks
//! assembled by the real assembler, drills picked by the real drill picker from the real stats,
//! missed drill questions re-asked once and answered from memory), their attempts are written as
//! real history files, read back, and `stats_report` (what `proctor stats --json` prints) is
//! compared with the exact truth: each candidate's chance of passing a full form and the
//! distribution of a sitting's score. Used by `tests/calibration.rs` (a small population, with the
//! thresholds of issue 21) and `benches/calibration.rs` (the full study in docs/scoring.md).
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use proctor::bank::{Blueprint, Catalog, ChoiceKey};
use proctor::exam::{EndReason, FormOptions, assemble};
use proctor::stats::{
    DrillRequest, answers_from, mastery, pick_drill, question_states, stats_report,
};
use proctor::store::history::{History, Record, RecordResponse, SCHEMA};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use std::collections::HashMap;
use std::path::Path;

/// The population: overall ability on the logit scale ~ N(logit 0.70, 0.55) (so most candidates sit
/// between 50% and 85%, around the 70% pass line); each domain off that by N(0, 0.35); half the
/// candidates improve by U(0.03, 0.15) logit a week while studying; each question has a difficulty
/// N(0, 0.5) shared by everyone.
pub const MEAN_ABILITY: f64 = 0.847_297_860_387_203_9; // logit(0.70)
pub const ABILITY_SD: f64 = 0.55;
pub const DOMAIN_SD: f64 = 0.35;
pub const ITEM_SD: f64 = 0.5;
/// Logit gain a week of an improving learner: uniform between these.
pub const SLOPE: (f64, f64) = (0.03, 0.15);
/// A missed drill question re-asked right after its rationale is answered right this often.
pub const REASK_FROM_MEMORY: f64 = 0.9;

#[derive(Debug, Clone)]
pub struct Outcome {
    /// `stats_report` showed a prediction (enough data).
    pub shown: bool,
    pub predicted_p: f64,
    pub predicted_score: f64,
    pub low: f64,
    pub high: f64,
    /// Exact P(pass) of a full form at the candidate's true abilities when the stats were asked.
    pub true_p: f64,
    /// Exact expected percent of a full form.
    pub true_score: f64,
    /// Exact P(low ≤ a sitting's percent ≤ high).
    pub covered: f64,
    pub sessions: usize,
    pub evidence: usize,
    pub age_days: i64,
    pub improving: bool,
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-300);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Exact distribution of the number right on a form: domain d contributes Binomial(n_d, p_d).
pub fn binomial_total(p: &[f64], quotas: &[u32]) -> Vec<f64> {
    let mut dist = vec![1.0];
    for (pd, n) in p.iter().zip(quotas) {
        let mut b = vec![1.0];
        for _ in 0..*n {
            let mut next = vec![0.0; b.len() + 1];
            for (k, x) in b.iter().enumerate() {
                next[k] += x * (1.0 - pd);
                next[k + 1] += x * pd;
            }
            b = next;
        }
        let mut out = vec![0.0; dist.len() + b.len() - 1];
        for (i, x) in dist.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                out[i + j] += x * y;
            }
        }
        dist = out;
    }
    dist
}

/// The study setting shared by all candidates: the exam, its questions' difficulties, the clock.
pub struct World<'a> {
    pub catalog: &'a Catalog,
    pub bp: &'a Blueprint,
    pub domains: Vec<String>,
    /// Question ids per domain (blueprint order).
    pub questions: Vec<Vec<String>>,
    pub difficulty: HashMap<String, f64>,
    pub start: DateTime<Utc>,
}

impl<'a> World<'a> {
    pub fn new(catalog: &'a Catalog, exam: &str, seed: u64) -> World<'a> {
        let bp = catalog.blueprint(exam).expect("blueprint");
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let domains: Vec<String> = bp.domains.iter().map(|d| d.id.clone()).collect();
        let mut questions = vec![Vec::new(); domains.len()];
        let mut difficulty = HashMap::new();
        for q in catalog.questions_for_exam(&bp.exam) {
            if let Some(d) = domains.iter().position(|d| *d == q.domain) {
                questions[d].push(q.id.clone());
                difficulty.insert(q.id.clone(), ITEM_SD * normal(&mut rng));
            }
        }
        World {
            catalog,
            bp,
            domains,
            questions,
            difficulty,
            start: DateTime::parse_from_rfc3339("2026-01-05T18:00:00Z")
                .unwrap()
                .into(),
        }
    }
}

struct Candidate {
    /// Logit ability per domain at the start of study.
    base: Vec<f64>,
    /// Logit gain per week of study.
    slope: f64,
}

impl Candidate {
    fn ability(&self, d: usize, weeks: f64) -> f64 {
        self.base[d] + self.slope * weeks
    }
}

/// One simulated candidate from `seed`: studies, writes history files into `dir`, reads them back
/// and asks the stats. Deterministic in `seed`.
pub fn candidate(world: &World, seed: u64, dir: &Path) -> Outcome {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let theta = MEAN_ABILITY + ABILITY_SD * normal(&mut rng);
    let improving = rng.random::<f64>() < knob("IMPROVING", 0.5);
    let who = Candidate {
        base: (0..world.domains.len())
            .map(|_| theta + DOMAIN_SD * normal(&mut rng))
            .collect(),
        slope: if improving {
            SLOPE.0 + (SLOPE.1 - SLOPE.0) * rng.random::<f64>()
        } else {
            0.0
        },
    };
    let sessions = 1 + (rng.random::<u64>() % 20) as usize;
    let history = History::new(dir);
    let mut records: Vec<Record> = Vec::new();
    let mut at = world.start;
    let mut last_weeks = 0.0;
    for s in 0..sessions {
        if s > 0 {
            at += Duration::days(1 + (rng.random::<u64>() % 6) as i64);
        }
        let weeks = (at - world.start).num_seconds() as f64 / (7.0 * 86_400.0);
        last_weeks = weeks;
        let drill = s > 0 && rng.random::<f64>() < knob("DRILL", 0.7);
        let record = if drill {
            drill_session(world, &who, weeks, &records, at, seed ^ s as u64, &mut rng)
        } else {
            mock_session(world, &who, weeks, &records, at, seed ^ s as u64, &mut rng)
        };
        let Some(record) = record else { continue };
        history.append(&record).expect("history file written");
        records.push(record);
    }
    let age_days = match rng.random::<u64>() % 20 {
        0..=7 => 0,
        8..=13 => 1 + (rng.random::<u64>() % 7) as i64,
        14..=16 => 8 + (rng.random::<u64>() % 14) as i64,
        _ => 42,
    };
    let now = at + Duration::days(age_days);
    // What `proctor stats --json` does: read the history folder, run the stats.
    let loaded = history.load("calibration").expect("history read back");
    assert_eq!(loaded.records.len(), records.len(), "every file read back");
    let answers = answers_from(&loaded.records);
    let report = stats_report(world.catalog, world.bp, &loaded.records, &answers, now);
    // The truth: abilities stay where study left them.
    let quotas = world.bp.quotas(world.bp.questions);
    let p: Vec<f64> = (0..world.domains.len())
        .map(|d| {
            let qs = &world.questions[d];
            qs.iter()
                .map(|q| sigmoid(who.ability(d, last_weeks) - world.difficulty[q]))
                .sum::<f64>()
                / qs.len() as f64
        })
        .collect();
    let dist = binomial_total(&p, &quotas);
    let n = f64::from(world.bp.questions);
    let pct = |k: usize| 100.0 * k as f64 / n;
    let need = (world.bp.passing.percent / 100.0 * n - 1e-9).ceil() as usize;
    let pred = &report.prediction;
    Outcome {
        shown: pred.enough,
        predicted_p: pred.pass_probability,
        predicted_score: pred.score,
        low: pred.low,
        high: pred.high,
        true_p: dist.iter().skip(need).sum(),
        true_score: dist.iter().enumerate().map(|(k, x)| x * pct(k)).sum(),
        covered: dist
            .iter()
            .enumerate()
            .filter(|(k, _)| pct(*k) >= pred.low - 1e-9 && pct(*k) <= pred.high + 1e-9)
            .map(|(_, x)| x)
            .sum(),
        sessions,
        evidence: report.evidence_answers,
        age_days,
        improving,
    }
}

fn respond(
    world: &World,
    who: &Candidate,
    weeks: f64,
    id: &str,
    right: bool,
    rng: &mut ChaCha8Rng,
) -> RecordResponse {
    let q = world.catalog.question(id).expect("question");
    let key = q.key_set();
    let selected = if right {
        key.clone()
    } else {
        let wrong = q
            .choices
            .keys()
            .copied()
            .find(|k| !key.contains(k))
            .unwrap_or(ChoiceKey::A);
        vec![wrong]
    };
    let _ = (who, weeks, rng);
    RecordResponse {
        question: id.to_string(),
        domain: q.domain.clone(),
        correct: selected == key,
        selected,
        key,
        seconds: 60.0,
        flagged: false,
        struck: vec![],
        order: vec![],
        credit: None,
        codes: vec![],
        key_codes: vec![],
        verdicts: vec![],
        pretest: false,
    }
}

fn blank(world: &World, id: &str) -> RecordResponse {
    let q = world.catalog.question(id).expect("question");
    RecordResponse {
        question: id.to_string(),
        domain: q.domain.clone(),
        selected: vec![],
        key: q.key_set(),
        correct: false,
        seconds: 5.0,
        flagged: false,
        struck: vec![],
        order: vec![],
        credit: None,
        codes: vec![],
        key_codes: vec![],
        verdicts: vec![],
        pretest: false,
    }
}

fn answers_right(
    world: &World,
    who: &Candidate,
    weeks: f64,
    id: &str,
    rng: &mut ChaCha8Rng,
) -> bool {
    let d = world
        .domains
        .iter()
        .position(|d| *d == world.catalog.question(id).unwrap().domain)
        .unwrap();
    rng.random::<f64>() < sigmoid(who.ability(d, weeks) - world.difficulty[id])
}

fn record(
    world: &World,
    mode: &str,
    at: DateTime<Utc>,
    seed: u64,
    responses: Vec<RecordResponse>,
) -> Record {
    Record {
        schema: SCHEMA,
        id: format!("{}-{}-{mode}", at.format("%Y%m%dT%H%M%SZ"), world.bp.id),
        mode: mode.into(),
        blueprint: world.bp.id.clone(),
        exam: world.bp.exam.clone(),
        seed,
        started_at: at - Duration::minutes(30),
        ended_at: at,
        end: EndReason::Submitted,
        seconds_used: 60.0 * responses.len() as f64,
        responses,
    }
}

/// A full mock (a third of the time) or a mini-mock of 20 or 45, assembled by the real assembler;
/// each question left blank 2% of the time.
fn mock_session(
    world: &World,
    who: &Candidate,
    weeks: f64,
    records: &[Record],
    at: DateTime<Utc>,
    seed: u64,
    rng: &mut ChaCha8Rng,
) -> Option<Record> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for r in records {
        for x in &r.responses {
            *seen.entry(x.question.clone()).or_default() += 1;
        }
    }
    let questions = match rng.random::<u64>() % 3 {
        0 => None,
        1 => Some(20),
        _ => Some(45),
    };
    let opts = FormOptions {
        seed,
        questions,
        ..Default::default()
    };
    let form = assemble(world.catalog, world.bp, &opts, &seen).ok()?;
    let responses = form
        .items
        .iter()
        .map(|it| {
            if rng.random::<f64>() < 0.02 {
                blank(world, &it.question)
            } else {
                let right = answers_right(world, who, weeks, &it.question, rng);
                respond(world, who, weeks, &it.question, right, rng)
            }
        })
        .collect();
    Some(record(world, "exam", at, seed, responses))
}

/// A 20-question drill picked by the real picker from the real stats; a miss comes back four
/// questions later, once, answered from memory; one drill in ten is ended early.
fn drill_session(
    world: &World,
    who: &Candidate,
    weeks: f64,
    records: &[Record],
    at: DateTime<Utc>,
    seed: u64,
    rng: &mut ChaCha8Rng,
) -> Option<Record> {
    let answers = answers_from(records);
    let states = question_states(&answers);
    let ids: Vec<&str> = world.domains.iter().map(String::as_str).collect();
    let m = mastery(&answers, &world.bp.exam, &ids, at);
    let req = DrillRequest {
        count: 20,
        seed: seed | 1,
        ..Default::default()
    };
    let mut queue: Vec<(String, bool)> = pick_drill(world.catalog, world.bp, &states, &m, &req, at)
        .into_iter()
        .map(|q| (q, false))
        .collect();
    let stop = if rng.random::<f64>() < 0.1 {
        (rng.random::<u64>() % 20) as usize
    } else {
        usize::MAX
    };
    let mut responses = Vec::new();
    let mut i = 0;
    while i < queue.len() {
        let (id, reask) = queue[i].clone();
        if i >= stop {
            responses.push(blank(world, &id));
            i += 1;
            continue;
        }
        let right = if reask {
            rng.random::<f64>() < REASK_FROM_MEMORY
        } else {
            answers_right(world, who, weeks, &id, rng)
        };
        responses.push(respond(world, who, weeks, &id, right, rng));
        if !right && !reask {
            let at = (i + 5).min(queue.len());
            queue.insert(at, (id, true));
        }
        i += 1;
    }
    Some(record(world, "drill", at, seed, responses))
}

/// A population of `n` candidates, each with its own history folder under `root`.
pub fn population(world: &World, n: usize, seed: u64, root: &Path) -> Vec<Outcome> {
    (0..n)
        .map(|i| {
            let dir = root.join(format!("c{i:05}"));
            candidate(
                world,
                seed.wrapping_mul(1_000_003).wrapping_add(i as u64),
                &dir,
            )
        })
        .collect()
}

// ---- summaries -------------------------------------------------------------------------------

pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Logistic recalibration: the (intercept, slope) maximising the expected log-likelihood of the
/// true outcomes (exact pass probabilities) under P = σ(a + b·logit p̂). (0, 1) is calibrated.
pub fn recalibration(o: &[&Outcome]) -> (f64, f64) {
    let (mut a, mut b) = (0.0f64, 1.0f64);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for x in o {
            let l = logit(x.predicted_p);
            let q = sigmoid(a + b * l);
            let r = x.true_p - q;
            let w = q * (1.0 - q);
            ga += r;
            gb += r * l;
            haa += w;
            hab += w * l;
            hbb += w * l * l;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a += da;
        b += db;
        if da.abs() + db.abs() < 1e-10 {
            break;
        }
    }
    (a, b)
}

/// Expected Brier score of predictions `p` against outcomes that happen with the true chances.
pub fn brier(o: &[&Outcome], p: impl Fn(&Outcome) -> f64) -> f64 {
    o.iter()
        .map(|x| {
            let q = p(x);
            (q - x.true_p).powi(2) + x.true_p * (1.0 - x.true_p)
        })
        .sum::<f64>()
        / o.len() as f64
}

/// Deciles by predicted P(pass): (count, mean predicted, mean true) each.
pub fn deciles(o: &[&Outcome]) -> Vec<(usize, f64, f64)> {
    let mut v: Vec<&&Outcome> = o.iter().collect();
    v.sort_by(|a, b| a.predicted_p.total_cmp(&b.predicted_p));
    (0..10)
        .map(|d| {
            let part = &v[d * v.len() / 10..(d + 1) * v.len() / 10];
            let n = part.len().max(1) as f64;
            (
                part.len(),
                part.iter().map(|x| x.predicted_p).sum::<f64>() / n,
                part.iter().map(|x| x.true_p).sum::<f64>() / n,
            )
        })
        .collect()
}

/// The reference predictor that knows the population: the mean true P(pass) of candidates in a
/// training population with a similar predicted score (1-point bins) and amount of evidence
/// (below or above 150 answers), i.e. the Bayes predictor given those two summaries, fitted on the
/// population itself. Returns a function of an outcome.
pub fn population_oracle(train: &[&Outcome]) -> impl Fn(&Outcome) -> f64 + use<> {
    let key = |x: &Outcome| {
        (
            (x.predicted_score.round() as i64),
            usize::from(x.evidence >= 150),
        )
    };
    let mut bins: HashMap<(i64, usize), (f64, f64)> = HashMap::new();
    for x in train {
        let e = bins.entry(key(x)).or_default();
        e.0 += x.true_p;
        e.1 += 1.0;
    }
    let overall = train.iter().map(|x| x.true_p).sum::<f64>() / train.len().max(1) as f64;
    move |x: &Outcome| {
        // Widen to neighbouring score bins until at least 5 candidates are pooled.
        let (s, e) = key(x);
        let (mut sum, mut n) = (0.0, 0.0);
        for w in 0..40 {
            for k in [s - w, s + w] {
                if let Some(b) = bins.get(&(k, e)) {
                    sum += b.0;
                    n += b.1;
                }
                if w == 0 {
                    break;
                }
            }
            if n >= 5.0 {
                return sum / n;
            }
        }
        if n > 0.0 { sum / n } else { overall }
    }
}

/// Mean of predicted minus true expected score, in points.
pub fn bias(o: &[&Outcome]) -> f64 {
    o.iter()
        .map(|x| x.predicted_score - x.true_score)
        .sum::<f64>()
        / o.len().max(1) as f64
}

pub fn coverage(o: &[&Outcome]) -> f64 {
    o.iter().map(|x| x.covered).sum::<f64>() / o.len().max(1) as f64
}

fn knob(k: &str, d: f64) -> f64 {
    std::env::var(format!("SIM_{k}"))
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(d)
}
