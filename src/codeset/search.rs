//! Search as the user types, ranked the way a coder reads a code book: the exact code, then codes
//! starting with what was typed (shortest first), then descriptions containing every typed word.

use super::fold::{fold_into, words};
use super::model::Code;
use super::set::{CodeSet, code_key, pack};
use std::ops::Range;

/// Why a code is in the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The query is this code.
    Exact,
    /// The code starts with the query.
    CodePrefix,
    /// Every query word starts a word of the description.
    Words,
}

#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub code: &'a Code<'a>,
    pub matched: Match,
}

/// More words than anyone types; a pasted paragraph is cut here rather than slowing every key.
const MAX_QUERY_WORDS: usize = 12;

/// Descriptions scored at most for one query. A query whose every word is in more descriptions
/// than this ("of", "co", "unspecified" alone) names no condition yet: it ranks the first ones
/// found, the whole word's first (its ids come first in the sorted vocabulary), in code order.
/// One more letter or word brings it under the cap and the ranking is over every match again.
/// Keeps the worst key of a search over every installed system under 5 ms (docs/performance.md).
pub(super) const MAX_CANDIDATES: usize = 4_000;

/// One query word: the ids of the words it starts, and the id of the word it equals, if any.
struct Term {
    range: Range<u32>,
    exact: Option<u32>,
}

impl CodeSet<'_> {
    /// At most `limit` entries for `query`, best first. A code-shaped query ("E11.6", "e116")
    /// lists the code itself, then the codes under it by length (E11.61 before E11.610); then,
    /// and for any other query, entries whose description has every query word as the start of one
    /// of its words, case and accents ignored, ranked by how many words match whole, how early
    /// they come, and how few other words the description has.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let query = query.trim();
        if limit == 0 || query.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::with_capacity(limit.min(256));
        if let Some(prefix) = code_key(query, 1) {
            self.code_hits(&prefix, limit, &mut found);
        }
        if found.len() < limit {
            self.word_hits(query, limit, &mut found);
        }
        found
            .into_iter()
            .map(|(i, matched)| Hit {
                code: &self.codes[i as usize],
                matched,
            })
            .collect()
    }

    /// Appends (entry number, why) for the codes starting with `prefix`.
    fn code_hits(&self, prefix: &str, limit: usize, found: &mut Vec<(u32, Match)>) {
        let lo_key = pack(prefix);
        let hi_key = lo_key | u64::MAX.checked_shr(8 * prefix.len() as u32).unwrap_or(0);
        let lo = self.sorted.partition_point(|&(k, _)| k < lo_key);
        let hi = self.sorted.partition_point(|&(k, _)| k <= hi_key);
        let run = &self.sorted[lo..hi];
        // Codes are 3 to 8 characters long with the dot: one pass per length, shortest first.
        for len in 3..=8 {
            for &(_, i) in run {
                if found.len() == limit {
                    return;
                }
                let code = self.codes[i as usize].code;
                if code.len() == len {
                    let matched = if code == prefix {
                        Match::Exact
                    } else {
                        Match::CodePrefix
                    };
                    found.push((i, matched));
                }
            }
        }
    }

    /// Appends (entry number, why) for descriptions matching every word of `query`.
    fn word_hits(&self, query: &str, limit: usize, found: &mut Vec<(u32, Match)>) {
        let mut folded = String::with_capacity(query.len());
        fold_into(query, &mut folded);
        let mut terms = Vec::new();
        for w in words(&folded).take(MAX_QUERY_WORDS) {
            let range = self.words.prefix_range(w);
            if range.is_empty() {
                return;
            }
            let exact = (self.words.word(range.start) == w).then_some(range.start);
            terms.push(Term { range, exact });
        }
        // Candidates come from the rarest term; every other term is checked on the code's words.
        let Some(rarest) = terms
            .iter()
            .min_by_key(|t| self.words.codes_using(&t.range).len())
        else {
            return;
        };
        let mut seen = vec![0u64; self.codes.len().div_ceil(64)];
        for &(i, _) in found.iter() {
            seen[i as usize / 64] |= 1 << (i % 64);
        }
        let mut scored: Vec<([u32; 3], u32)> = Vec::new();
        let candidates = self.words.codes_using(&rarest.range);
        for &c in &candidates[..candidates.len().min(MAX_CANDIDATES)] {
            let (slot, bit) = (c as usize / 64, 1u64 << (c % 64));
            if seen[slot] & bit != 0 {
                continue;
            }
            seen[slot] |= bit;
            if let Some(score) = score(self.words.tokens(c), &terms) {
                scored.push((score, c));
            }
        }
        let room = limit - found.len();
        if scored.len() > room {
            scored.select_nth_unstable(room);
            scored.truncate(room);
        }
        scored.sort_unstable();
        found.extend(scored.into_iter().map(|(_, c)| (c, Match::Words)));
    }
}

/// The rank key of a description (lower is better), or None when a term matches none of its
/// words: terms not matched whole, sum of the positions of the matches, words beyond the terms.
fn score(tokens: &[u32], terms: &[Term]) -> Option<[u32; 3]> {
    let mut pos = [u32::MAX; MAX_QUERY_WORDS];
    let mut whole = [false; MAX_QUERY_WORDS];
    let n = terms.len();
    // Once every term is matched whole, later words change nothing but the length.
    let mut open = n;
    for (p, &t) in tokens.iter().enumerate() {
        for (j, term) in terms.iter().enumerate() {
            if !term.range.contains(&t) || whole[j] {
                continue;
            }
            if term.exact == Some(t) {
                whole[j] = true;
                open -= 1;
                pos[j] = p as u32;
            } else if pos[j] == u32::MAX {
                pos[j] = p as u32;
            }
        }
        if open == 0 {
            break;
        }
    }
    if pos[..n].contains(&u32::MAX) {
        return None;
    }
    let partial = whole[..n].iter().filter(|w| !**w).count() as u32;
    let position: u32 = pos[..n].iter().sum();
    let extra = (tokens.len() as u32).saturating_sub(n as u32);
    Some([partial, position, extra])
}
