//! Item statistics from history records: times seen, p-value (mean credit), corrected item-total
//! discrimination, option counts, median time and flags (docs/item-statistics.md).
//!
//! Evidence follows the rest of proctor (src/stats/answers.rs): a blank response is not an answer,
//! and only the first answer to a question within an attempt counts (a drill's re-ask is practice).

use crate::bank::ChoiceKey;
use crate::store::history::{Record, RecordResponse};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Minimum answers before a flag is raised: below these a flag is mostly noise.
pub mod min_sample {
    /// Too easy / too hard: a p-value's standard error is at most 0.5/sqrt(n), ±0.11 at n = 20.
    pub const P_VALUE: usize = 20;
    /// Negative discrimination: answers that have a rest score (attempts with 2+ answers); a zero
    /// correlation's standard error is about 1/sqrt(n), 0.18 at n = 30.
    pub const DISCRIMINATION: usize = 30;
    /// A distractor nobody chooses, a distractor chosen more than the key.
    pub const DISTRACTOR: usize = 20;
}

/// Too easy above this p-value.
pub const TOO_EASY: f64 = 0.95;
/// Too hard below this p-value.
pub const TOO_HARD: f64 = 0.20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Single,
    Multi,
    CodeEntry,
}

/// One option of a choice question: how many answers included it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCount {
    pub option: ChoiceKey,
    pub is_key: bool,
    pub chosen: usize,
}

/// Something about an item worth an author's look. Only raised above its minimum sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    TooEasy,
    TooHard,
    NegativeDiscrimination,
    /// A wrong option no answer chose.
    UnusedDistractor(ChoiceKey),
    /// A wrong option chosen more often than every key option.
    DistractorOverKey(ChoiceKey),
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Flag::TooEasy => write!(f, "too-easy"),
            Flag::TooHard => write!(f, "too-hard"),
            Flag::NegativeDiscrimination => write!(f, "negative-discrimination"),
            Flag::UnusedDistractor(k) => write!(f, "unused-distractor:{k}"),
            Flag::DistractorOverKey(k) => write!(f, "distractor-over-key:{k}"),
        }
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One question's statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub id: String,
    pub domain: String,
    pub kind: ItemKind,
    /// Answers counted (first answer per attempt, blanks left out).
    pub seen: usize,
    /// Mean credit: the share correct; code entry's partial credit counts as its fraction.
    pub p_value: f64,
    /// Corrected item-total point-biserial; None when undefined (fewer than 2 answers with a
    /// rest score, or no spread in the item or the rest scores).
    pub discrimination: Option<f64>,
    /// Answers that entered the discrimination (those in attempts with 2+ answers).
    pub discrimination_n: usize,
    /// Choice questions: each option and how many answers included it (single answer: these add
    /// up to `seen`). Empty for code entry.
    pub options: Vec<OptionCount>,
    /// Every answer by what was given, adding up to `seen`: the chosen letters joined ("A",
    /// "B+D"), or for code entry "full", "partial" or "none" credit.
    pub responses: BTreeMap<String, usize>,
    pub median_seconds: f64,
    pub flags: Vec<Flag>,
}

/// One counted answer.
struct Obs<'a> {
    r: &'a RecordResponse,
    credit: f64,
    /// The mean credit of the attempt's other counted answers, when it has any.
    rest: Option<f64>,
}

/// Rows for every question answered at least once in `records` of exam `exam` (blueprint or exam
/// id, any case), sorted by question id. `options_of` names a question's options when the bank is
/// at hand; otherwise they are read from the records (the order shown, the key, the answers).
pub fn item_rows(
    records: &[Record],
    exam: &str,
    options_of: &dyn Fn(&str) -> Option<Vec<ChoiceKey>>,
) -> Vec<ItemRow> {
    let mut by_item: HashMap<&str, Vec<Obs<'_>>> = HashMap::new();
    let mut met: HashSet<&str> = HashSet::new();
    for rec in records
        .iter()
        .filter(|r| r.exam.eq_ignore_ascii_case(exam) || r.blueprint.eq_ignore_ascii_case(exam))
    {
        met.clear();
        let counted: Vec<&RecordResponse> = rec
            .responses
            .iter()
            .filter(|x| x.answered() && met.insert(x.question.as_str()))
            .collect();
        let m = counted.len();
        let total: f64 = counted.iter().map(|x| x.credit()).sum();
        for x in counted {
            let credit = x.credit();
            let rest = (m >= 2).then(|| (total - credit) / (m - 1) as f64);
            by_item
                .entry(x.question.as_str())
                .or_default()
                .push(Obs { r: x, credit, rest });
        }
    }
    let mut rows: Vec<ItemRow> = by_item
        .into_iter()
        .map(|(id, obs)| row(id, &obs, options_of(id)))
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

fn row(id: &str, obs: &[Obs<'_>], known: Option<Vec<ChoiceKey>>) -> ItemRow {
    let seen = obs.len();
    let first = obs[0].r;
    let code_entry = !first.key_codes.is_empty() || (first.key.is_empty() && known.is_none());
    let kind = if code_entry {
        ItemKind::CodeEntry
    } else if first.key.len() > 1 {
        ItemKind::Multi
    } else {
        ItemKind::Single
    };
    let p_value = obs.iter().map(|o| o.credit).sum::<f64>() / seen as f64;
    let pairs: Vec<(f64, f64)> = obs
        .iter()
        .filter_map(|o| o.rest.map(|r| (o.credit, r)))
        .collect();
    let discrimination = pearson(&pairs);
    // Counted by a small key (credit band, or a bitmask of the letters chosen) and named once at
    // the end: no string per answer.
    let mut patterns: BTreeMap<u8, usize> = BTreeMap::new();
    for o in obs {
        let k = if code_entry {
            match o.credit {
                c if c >= 1.0 => 0,
                c if c > 0.0 => 1,
                _ => 2,
            }
        } else {
            o.r.selected.iter().fold(0u8, |m, k| m | 1 << k.index())
        };
        *patterns.entry(k).or_default() += 1;
    }
    let responses: BTreeMap<String, usize> = patterns
        .into_iter()
        .map(|(k, n)| (pattern_label(k, code_entry), n))
        .collect();
    let options = if code_entry {
        vec![]
    } else {
        option_counts(obs, known)
    };
    let mut secs: Vec<f64> = obs.iter().map(|o| o.r.seconds).collect();
    let median_seconds = median(&mut secs);
    let mut out = ItemRow {
        id: id.to_string(),
        domain: first.domain.clone(),
        kind,
        seen,
        p_value,
        discrimination,
        discrimination_n: pairs.len(),
        options,
        responses,
        median_seconds,
        flags: vec![],
    };
    out.flags = flags(&out);
    out
}

fn pattern_label(k: u8, code_entry: bool) -> String {
    if code_entry {
        return ["full", "partial", "none"][usize::from(k)].to_string();
    }
    ChoiceKey::ALL
        .iter()
        .filter(|c| k & (1 << c.index()) != 0)
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// Each option's count in one pass over the answers.
fn option_counts(obs: &[Obs<'_>], known: Option<Vec<ChoiceKey>>) -> Vec<OptionCount> {
    let mut key = [false; 6];
    let mut seen = [false; 6];
    let mut chosen = [0usize; 6];
    for o in obs {
        for k in &o.r.key {
            key[k.index()] = true;
            seen[k.index()] = true;
        }
        for k in o.r.order.iter().chain(&o.r.selected) {
            seen[k.index()] = true;
        }
        let mut once = [false; 6];
        for k in &o.r.selected {
            once[k.index()] = true;
        }
        for (c, hit) in chosen.iter_mut().zip(once) {
            *c += usize::from(hit);
        }
    }
    let all: BTreeSet<ChoiceKey> = match known {
        Some(k) => k.into_iter().collect(),
        None => ChoiceKey::ALL
            .into_iter()
            .filter(|k| seen[k.index()])
            .collect(),
    };
    all.into_iter()
        .map(|option| OptionCount {
            option,
            is_key: key[option.index()],
            chosen: chosen[option.index()],
        })
        .collect()
}

fn flags(r: &ItemRow) -> Vec<Flag> {
    let mut out = Vec::new();
    if r.seen >= min_sample::P_VALUE {
        if r.p_value > TOO_EASY {
            out.push(Flag::TooEasy);
        }
        if r.p_value < TOO_HARD {
            out.push(Flag::TooHard);
        }
    }
    if r.discrimination_n >= min_sample::DISCRIMINATION && r.discrimination.is_some_and(|d| d < 0.0)
    {
        out.push(Flag::NegativeDiscrimination);
    }
    if r.seen >= min_sample::DISTRACTOR && !r.options.is_empty() {
        let best_key = r
            .options
            .iter()
            .filter(|o| o.is_key)
            .map(|o| o.chosen)
            .max()
            .unwrap_or(0);
        for o in r.options.iter().filter(|o| !o.is_key) {
            if o.chosen == 0 {
                out.push(Flag::UnusedDistractor(o.option));
            } else if o.chosen > best_key {
                out.push(Flag::DistractorOverKey(o.option));
            }
        }
    }
    out
}

/// Pearson's correlation of the pairs; None when fewer than 2 or either side has no spread. On
/// 0/1 item scores this is the point-biserial correlation.
pub fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len();
    if n < 2 {
        return None;
    }
    let mx = pairs.iter().map(|p| p.0).sum::<f64>() / n as f64;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    const EPS: f64 = 1e-12;
    if sxx <= EPS || syy <= EPS {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
