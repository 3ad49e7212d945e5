//! Building a form from a blueprint: exactly the blueprint's question count, each domain's share,
//! case groups kept whole, least-seen questions first, everything reproducible from a seed.

use super::form::{Form, FormItem, FormSection};
use super::pack::pack_groups;
use crate::bank::validity::{effective, valid_on};
use crate::bank::{Blueprint, Catalog, Question};
use chrono::NaiveDate;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

#[derive(Debug, Clone, Default)]
pub struct FormOptions {
    pub seed: u64,
    /// A mini-mock of this many questions with the same domain mix.
    pub questions: Option<u32>,
    /// Override the time limit; default is the real exam's pace.
    pub minutes: Option<u32>,
    pub tutor: bool,
    /// The exam day: only questions true on it are served (their `valid:` window holds it).
    /// `None` serves every question whatever its window (tools and tests that need the whole
    /// bank); the app and the CLI always give a day.
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum AssembleError {
    #[error("the banks cannot fill a {wanted}-question {blueprint} form{}: {}", on_day(.on), describe(.short))]
    Short {
        blueprint: String,
        /// The exam day the form was for, when questions were filtered by it.
        on: Option<NaiveDate>,
        wanted: u32,
        /// (domain id, needed, available)
        short: Vec<(String, u32, u32)>,
        /// The longest form with the same mix that the banks can fill (0 when none).
        largest_possible: u32,
    },
    #[error("a form needs at least one question")]
    Empty,
}

fn on_day(on: &Option<NaiveDate>) -> String {
    on.map_or(String::new(), |d| format!(" for an exam on {d}"))
}

fn describe(short: &[(String, u32, u32)]) -> String {
    short
        .iter()
        .map(|(d, need, have)| format!("{d} needs {need}, has {have}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A unit of selection: one question, or all questions of one case, which always travel together.
/// Steps the exact packing search may take before it gives up (well under a millisecond each).
const PACK_BUDGET: u64 = 2_000_000;

struct Unit<'a> {
    questions: Vec<&'a Question>,
    seen: f64,
    tiebreak: u64,
}

/// `seen` counts how often the user has met each question; less seen is preferred.
pub fn assemble(
    catalog: &Catalog,
    bp: &Blueprint,
    opts: &FormOptions,
    seen: &HashMap<String, u32>,
) -> Result<Form, AssembleError> {
    let total = opts.questions.unwrap_or(bp.questions);
    if total == 0 {
        return Err(AssembleError::Empty);
    }
    let quotas = bp.quotas(total);
    let domain_index: HashMap<&str, usize> = bp
        .domains
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);

    // Group the exam's questions into units (case groups per bank, else singles).
    let mut units: Vec<Unit> = Vec::new();
    let mut available = vec![0u32; bp.domains.len()];
    for bank in catalog.banks_for_exam(&bp.exam) {
        let mut cases: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
        let day_ok = |q: &Question| {
            opts.on
                .is_none_or(|day| valid_on(effective(q.valid.as_ref(), bank.valid.as_ref()), day))
        };
        for q in bank.questions.iter().filter(|q| day_ok(q)) {
            let Some(&d) = domain_index.get(q.domain.as_str()) else {
                continue;
            };
            available[d] += 1;
            match q.case.as_deref() {
                Some(c) => cases.entry(c).or_default().push(q),
                None => units.push(Unit {
                    questions: vec![q],
                    seen: 0.0,
                    tiebreak: 0,
                }),
            }
        }
        units.extend(cases.into_values().map(|qs| Unit {
            questions: qs,
            seen: 0.0,
            tiebreak: 0,
        }));
    }
    let short: Vec<(String, u32, u32)> = bp
        .domains
        .iter()
        .zip(&quotas)
        .zip(&available)
        .filter(|((_, need), have)| have < need)
        .map(|((d, need), have)| (d.id.clone(), *need, *have))
        .collect();
    if !short.is_empty() {
        return Err(short_error(bp, opts, total, short, &available));
    }
    for u in &mut units {
        let n = u.questions.len() as f64;
        u.seen = u
            .questions
            .iter()
            .map(|q| f64::from(seen.get(&q.id).copied().unwrap_or(0)))
            .sum::<f64>()
            / n;
        u.tiebreak = rng.random();
    }
    units.sort_by(|a, b| a.seen.total_cmp(&b.seen).then(a.tiebreak.cmp(&b.tiebreak)));

    // Greedy fill in priority order: take a unit when all of its questions still fit their quotas.
    let needs: Vec<Vec<u32>> = units
        .iter()
        .map(|u| {
            let mut need = vec![0u32; quotas.len()];
            for q in &u.questions {
                need[domain_index[q.domain.as_str()]] += 1;
            }
            need
        })
        .collect();
    let mut left = quotas.clone();
    let mut taken = vec![false; units.len()];
    let mut order: Vec<usize> = Vec::new();
    fill(&needs, &mut left, &mut taken, &mut order);
    // Repair: a case group may not fit because singles took its places. Swap the least wanted
    // singles out for it, then fill again.
    for u in 0..units.len() {
        if left.iter().all(|l| *l == 0) {
            break;
        }
        if taken[u] || units[u].questions.len() < 2 {
            continue;
        }
        let singles_in = |d: usize, order: &[usize]| {
            order
                .iter()
                .filter(|&&i| units[i].questions.len() == 1 && needs[i][d] == 1)
                .count() as u32
        };
        let feasible = (0..left.len()).all(|d| needs[u][d] <= left[d] + singles_in(d, &order));
        let helps = (0..left.len()).any(|d| needs[u][d] > 0 && left[d] > 0);
        if !feasible || !helps {
            continue;
        }
        for d in 0..left.len() {
            while left[d] < needs[u][d] {
                let pos = order
                    .iter()
                    .rposition(|&i| units[i].questions.len() == 1 && needs[i][d] == 1)
                    .expect("feasibility checked");
                let out = order.remove(pos);
                taken[out] = false;
                left[d] += 1;
            }
        }
        take(u, &needs, &mut left, &mut taken, &mut order);
        fill(&needs, &mut left, &mut taken, &mut order);
    }
    if left.iter().any(|l| *l > 0) {
        // The greedy fill cornered itself: decide the case groups by exact search, then singles.
        let groups: Vec<usize> = (0..units.len())
            .filter(|&u| units[u].questions.len() > 1)
            .collect();
        let mut singles = vec![0u32; quotas.len()];
        for u in (0..units.len()).filter(|&u| units[u].questions.len() == 1) {
            for (s, n) in singles.iter_mut().zip(&needs[u]) {
                *s += n;
            }
        }
        let group_needs: Vec<Vec<u32>> = groups.iter().map(|&u| needs[u].clone()).collect();
        if let Some(picked) = pack_groups(&group_needs, &quotas, &singles, PACK_BUDGET) {
            left = quotas.clone();
            taken = vec![false; units.len()];
            order.clear();
            for g in picked {
                take(groups[g], &needs, &mut left, &mut taken, &mut order);
            }
            // Groups left out stay out: only singles fill the rest.
            for &u in &groups {
                taken[u] = true;
            }
            fill(&needs, &mut left, &mut taken, &mut order);
        }
    }
    let mut chosen: Vec<&Unit> = order.iter().map(|&i| &units[i]).collect();
    if left.iter().any(|l| *l > 0) {
        // Enough questions exist, but case groups are too large to fit what is left.
        let short = bp
            .domains
            .iter()
            .zip(&quotas)
            .zip(&left)
            .filter(|(_, l)| **l > 0)
            .map(|((d, need), l)| (d.id.clone(), *need, need - l))
            .collect();
        return Err(short_error(bp, opts, total, short, &available));
    }
    chosen.shuffle(&mut rng);
    // Code-entry cases come last, where the real exams put them (the CIC's 7 inpatient cases end
    // the exam; the CCS's coding cases followed its multiple choice). A stable sort keeps the
    // shuffled order within each part.
    chosen.sort_by_key(|u| u.questions.iter().any(|q| q.is_code_entry()));
    let mut items: Vec<FormItem> = chosen
        .iter()
        .flat_map(|u| u.questions.iter())
        // Practice is shuffled too: reasons are keyed by option, and feedback shows the letters seen.
        .map(|q| FormItem::shuffled(q, &mut rng))
        .collect();
    let pretest = pretest_count(bp, opts, items.len());
    mark_pretest(&mut items, pretest, &mut rng);
    let sections = sections_for(bp, opts, items.len());
    Ok(Form {
        blueprint: bp.id.clone(),
        exam: bp.exam.clone(),
        seed: opts.seed,
        items,
        sections,
        tutor: opts.tutor,
        drill: false,
    })
}

/// How many of a form's items are unscored pretest items: the blueprint's `pretest` on a full,
/// timed mock (the sitting that stands in for the real exam); none on a mini-mock or in practice,
/// where every answer should count.
fn pretest_count(bp: &Blueprint, opts: &FormOptions, items: usize) -> usize {
    let full = items as u32 == bp.questions;
    if opts.tutor || !full || bp.pretest >= bp.questions {
        0
    } else {
        bp.pretest as usize
    }
}

/// Marks `n` items at random as pretest: like the real exams, any question may be one, and
/// nothing on the exam screen tells them apart.
fn mark_pretest(items: &mut [FormItem], n: usize, rng: &mut ChaCha8Rng) {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.shuffle(rng);
    for &i in idx.iter().take(n) {
        items[i].pretest = true;
    }
}

/// Takes every unit, in priority order, whose questions all fit what is left of the quotas.
fn fill(needs: &[Vec<u32>], left: &mut [u32], taken: &mut [bool], order: &mut Vec<usize>) {
    for u in 0..needs.len() {
        if left.iter().all(|l| *l == 0) {
            return;
        }
        if !taken[u] && needs[u].iter().zip(left.iter()).all(|(n, l)| n <= l) {
            take(u, needs, left, taken, order);
        }
    }
}

fn take(
    u: usize,
    needs: &[Vec<u32>],
    left: &mut [u32],
    taken: &mut [bool],
    order: &mut Vec<usize>,
) {
    for (l, n) in left.iter_mut().zip(&needs[u]) {
        *l -= n;
    }
    taken[u] = true;
    order.push(u);
}

fn short_error(
    bp: &Blueprint,
    opts: &FormOptions,
    total: u32,
    short: Vec<(String, u32, u32)>,
    available: &[u32],
) -> AssembleError {
    let largest_possible = (1..total)
        .rev()
        .find(|&n| {
            bp.quotas(n)
                .iter()
                .zip(available)
                .all(|(need, have)| need <= have)
        })
        .unwrap_or(0);
    AssembleError::Short {
        blueprint: bp.id.clone(),
        on: opts.on,
        wanted: total,
        short,
        largest_possible,
    }
}

/// The blueprint's own timed parts for a full form; otherwise one part at the real pace (or the
/// minutes asked for). Practice mode has no limit.
fn sections_for(bp: &Blueprint, opts: &FormOptions, n: usize) -> Vec<FormSection> {
    if opts.tutor {
        return vec![FormSection {
            name: "Practice".into(),
            start: 0,
            len: n,
            seconds: None,
        }];
    }
    let full = n as u32 == bp.questions;
    if full && opts.minutes.is_none() && !bp.sections.is_empty() {
        let mut start = 0;
        return bp
            .sections
            .iter()
            .map(|s| {
                let sec = FormSection {
                    name: s.name.clone(),
                    start,
                    len: s.questions as usize,
                    seconds: Some(u64::from(s.minutes) * 60),
                };
                start += s.questions as usize;
                sec
            })
            .collect();
    }
    let seconds = match (opts.minutes, bp.minutes) {
        (Some(m), _) => Some(u64::from(m) * 60),
        (None, Some(m)) => {
            Some((u64::from(m) * 60 * n as u64).div_ceil(u64::from(bp.questions.max(1))))
        }
        (None, None) => None,
    };
    vec![FormSection {
        name: "Exam".into(),
        start: 0,
        len: n,
        seconds,
    }]
}
