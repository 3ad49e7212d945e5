//! Which questions a drill serves: the weakest domains (weighted by their share of the exam) unless
//! the user names domains, and within a domain the questions due for review first, then unseen ones,
//! then the least recently seen.

use super::leitner::QuestionState;
use super::mastery::Mastery;
use crate::bank::{Blueprint, Catalog, Question, quota::largest_remainder};
use chrono::{DateTime, NaiveDate, Utc};
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Pool {
    /// Never answered.
    Unused,
    /// Last answered wrong.
    Incorrect,
    /// Last answered with a flag.
    Flagged,
    /// Everything.
    #[default]
    All,
}

#[derive(Debug, Clone, Default)]
pub struct DrillRequest {
    /// Empty: choose the weakest domains.
    pub domains: Vec<String>,
    pub pool: Pool,
    pub count: usize,
    pub seed: u64,
    /// Only these questions (e.g. the confidently-wrong list), when given.
    pub only: Vec<String>,
    /// The exam day: only questions true on it are served. `None`: the day of `now`.
    pub on: Option<NaiveDate>,
}

/// How much drilling a domain is worth: its share of the exam times how far from mastered it is,
/// plus its uncertainty (a domain we know little about is worth a look).
pub fn domain_priority(share: f64, m: &Mastery) -> f64 {
    share * ((1.0 - m.mean) + 0.5 * (m.high - m.low))
}

fn in_pool(q: &Question, states: &HashMap<&str, QuestionState>, pool: Pool) -> bool {
    let s = states.get(q.id.as_str());
    match pool {
        Pool::All => true,
        Pool::Unused => s.is_none(),
        Pool::Incorrect => s.is_some_and(|s| !s.last_correct),
        Pool::Flagged => s.is_some_and(|s| s.last_flagged),
    }
}

/// Question ids for a drill, in the order to serve them. `mastery` is in blueprint domain order.
pub fn pick_drill(
    catalog: &Catalog,
    bp: &Blueprint,
    states: &HashMap<&str, QuestionState>,
    mastery: &[Mastery],
    req: &DrillRequest,
    now: DateTime<Utc>,
) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(req.seed);
    let domain_ids: Vec<&str> = bp.domains.iter().map(|d| d.id.as_str()).collect();
    let mut pools: Vec<Vec<&Question>> = vec![Vec::new(); domain_ids.len()];
    let day = req.on.unwrap_or_else(|| now.date_naive());
    for q in catalog.questions_on(&bp.exam, day) {
        let Some(d) = domain_ids.iter().position(|d| *d == q.domain) else {
            continue;
        };
        let wanted = req.domains.is_empty() || req.domains.iter().any(|x| x == &q.domain);
        let listed = req.only.is_empty() || req.only.contains(&q.id);
        if wanted && listed && in_pool(q, states, req.pool) {
            pools[d].push(q);
        }
    }
    // Within a domain: due reviews (oldest due first), then unseen (random), then least recent.
    for pool in &mut pools {
        let mut keyed: Vec<((u8, i64, u64), &Question)> = pool
            .iter()
            .map(|q| {
                let key = match states.get(q.id.as_str()) {
                    Some(s) if s.due <= now => (0, s.due.timestamp(), 0),
                    None => (1, 0, rng.random::<u64>()),
                    Some(s) => (2, s.last_seen.timestamp(), 0),
                };
                (key, *q)
            })
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        *pool = keyed.into_iter().map(|(_, q)| q).collect();
    }
    let total = req.count.min(pools.iter().map(Vec::len).sum());
    let quotas = bp.quotas(bp.questions);
    let n = f64::from(bp.questions.max(1));
    let shares: Vec<f64> = pools
        .iter()
        .enumerate()
        .map(|(d, p)| {
            if p.is_empty() {
                0.0
            } else if req.domains.is_empty() {
                let m = mastery
                    .get(d)
                    .cloned()
                    .unwrap_or_else(|| super::mastery::from_counts("", 0.0, 0.0, 0));
                domain_priority(f64::from(quotas[d]) / n, &m).max(1e-6)
            } else {
                1.0
            }
        })
        .collect();
    let mut counts = largest_remainder(&shares, total as u32);
    // A domain asked for more than it holds gives the rest to the others, in priority order.
    let mut spare: u32 = 0;
    for (c, p) in counts.iter_mut().zip(&pools) {
        if *c as usize > p.len() {
            spare += *c - p.len() as u32;
            *c = p.len() as u32;
        }
    }
    let mut order: Vec<usize> = (0..pools.len()).collect();
    order.sort_by(|&a, &b| shares[b].total_cmp(&shares[a]));
    while spare > 0 {
        let Some(&d) = order
            .iter()
            .find(|&&d| (counts[d] as usize) < pools[d].len())
        else {
            break;
        };
        counts[d] += 1;
        spare -= 1;
    }
    let mut picked: Vec<String> = pools
        .iter()
        .zip(&counts)
        .flat_map(|(p, c)| p.iter().take(*c as usize).map(|q| q.id.clone()))
        .collect();
    picked.shuffle(&mut rng);
    picked
}
