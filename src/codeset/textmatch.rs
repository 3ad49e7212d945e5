//! Word search over a list of short texts (HCPCS descriptions, PCS table rows, index entries,
//! ICD-10-CM inclusion terms): the same folding and ranking as the ICD-10-CM search. Words are
//! numbered in sorted order, so the words a query word starts are one id range; each text keeps
//! its word ids, and each word the texts using it, so a search scores only candidates and
//! compares integers, never strings (a common word such as "of" stays well under a millisecond).

use super::fold::{fold_bytes, fold_into, words};
use super::words::Fx;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

#[derive(Debug, Default, Clone)]
pub(crate) struct WordList {
    /// Distinct words, sorted.
    vocab: Vec<Box<str>>,
    /// Each text's word ids, in order.
    texts: Vec<Vec<u32>>,
    /// Each word's texts, ascending, once each.
    postings: Vec<Vec<u32>>,
}

/// A list built on first use or, when `build` is false, only if it is built already: a search on
/// the UI thread never builds one nor waits for one being built on another thread.
pub(crate) fn lazy<T>(
    cell: &std::sync::OnceLock<T>,
    build: bool,
    make: impl FnOnce() -> T,
) -> Option<&T> {
    if build {
        Some(cell.get_or_init(make))
    } else {
        cell.get()
    }
}

/// Words that alone find nothing worth listing.
const STOP_WORDS: [&str; 12] = [
    "of", "with", "and", "the", "in", "to", "or", "by", "for", "due", "on", "without",
];

/// A matched text: its rank key (lower is better) and its number in the list.
pub(crate) type Ranked = ([u32; 3], usize);

/// The words of `text` as searched.
pub(crate) fn fold_words(text: &str) -> Vec<Box<str>> {
    let mut buf = String::new();
    fold_into(text, &mut buf);
    words(&buf).map(Box::from).collect()
}

/// One query word: the ids it starts, and the id it equals, if any.
struct Term {
    lo: u32,
    hi: u32,
    exact: Option<u32>,
}

impl WordList {
    /// The list of `texts`. Words get provisional ids in order of first use (one hash lookup per
    /// word, no string kept per use), then are renumbered in sorted order: sorting every word of
    /// every text instead made the first search of a big book take over a second.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> WordList {
        let mut ids: HashMap<Box<str>, u32, BuildHasherDefault<Fx>> = HashMap::default();
        let mut bytes = Vec::new();
        let mut texts: Vec<Vec<u32>> = texts
            .into_iter()
            .map(|text| {
                bytes.clear();
                fold_bytes(text, &mut bytes);
                // Only ASCII bytes and whole characters are folded in, so always UTF-8.
                let folded = std::str::from_utf8(&bytes).unwrap_or_default();
                words(folded)
                    .map(|w| match ids.get(w) {
                        Some(&id) => id,
                        None => {
                            let id = ids.len() as u32;
                            ids.insert(w.into(), id);
                            id
                        }
                    })
                    .collect()
            })
            .collect();
        let mut sorted: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        sorted.sort_unstable();
        let mut remap = vec![0u32; sorted.len()];
        for (new, (_, old)) in sorted.iter().enumerate() {
            remap[*old as usize] = new as u32;
        }
        for ids in &mut texts {
            for w in ids.iter_mut() {
                *w = remap[*w as usize];
            }
        }
        let vocab: Vec<Box<str>> = sorted.into_iter().map(|(w, _)| w).collect();
        let mut postings = vec![Vec::new(); vocab.len()];
        for (i, ids) in texts.iter().enumerate() {
            for &w in ids {
                let p: &mut Vec<u32> = &mut postings[w as usize];
                if p.last() != Some(&(i as u32)) {
                    p.push(i as u32);
                }
            }
        }
        WordList {
            vocab,
            texts,
            postings,
        }
    }

    fn term(&self, t: &str) -> Term {
        let lo = self.vocab.partition_point(|w| &**w < t);
        let hi = lo + self.vocab[lo..].partition_point(|w| w.starts_with(t));
        let exact = (lo < hi && &*self.vocab[lo] == t).then_some(lo as u32);
        Term {
            lo: lo as u32,
            hi: hi as u32,
            exact,
        }
    }

    /// Texts where every query word starts a word, best first: query words matched whole, then
    /// how early they come, then how few other words the text has. At most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Ranked> {
        let folded = fold_words(query);
        let terms: Vec<Term> = folded.iter().take(12).map(|t| self.term(t)).collect();
        if terms.is_empty() || limit == 0 || terms.iter().any(|t| t.lo == t.hi) {
            return Vec::new();
        }
        // One letter alone is the start of a code, and "of" or "with" alone names nothing: such
        // queries would score most of the list for nothing (the tabular search still answers).
        if folded
            .iter()
            .all(|w| w.len() < 2 || STOP_WORDS.contains(&&**w))
        {
            return Vec::new();
        }
        let uses =
            |t: &Term| -> usize { (t.lo..t.hi).map(|w| self.postings[w as usize].len()).sum() };
        let Some(rarest) = terms.iter().min_by_key(|t| uses(t)) else {
            return Vec::new();
        };
        let mut seen = vec![false; self.texts.len()];
        let mut out: Vec<Ranked> = Vec::new();
        // As in the tabular search: an unselective query ranks the first texts found only.
        let cap = super::search::MAX_CANDIDATES;
        let candidates = (rarest.lo..rarest.hi).flat_map(|w| &self.postings[w as usize]);
        for &i in candidates.take(cap) {
            if std::mem::replace(&mut seen[i as usize], true) {
                continue;
            }
            if let Some(s) = score_ids(&self.texts[i as usize], &terms) {
                out.push((s, i as usize));
            }
        }
        if out.len() > limit {
            out.select_nth_unstable(limit);
            out.truncate(limit);
        }
        out.sort_unstable();
        out
    }
}

fn score_ids(ids: &[u32], terms: &[Term]) -> Option<[u32; 3]> {
    let mut partial = 0;
    let mut position = 0;
    for t in terms {
        let p = match t.exact.and_then(|e| ids.iter().position(|&w| w == e)) {
            Some(p) => p,
            None => {
                partial += 1;
                ids.iter().position(|&w| w >= t.lo && w < t.hi)?
            }
        };
        position += p as u32;
    }
    let extra = (ids.len() as u32).saturating_sub(terms.len() as u32);
    Some([partial, position, extra])
}

/// The rank key of a text's words for query words `terms`, or None when one does not match
/// (for texts not in a list: the tabular descriptions the ICD-10-CM search already found).
pub(crate) fn score(ws: &[Box<str>], terms: &[&str]) -> Option<[u32; 3]> {
    let mut partial = 0;
    let mut position = 0;
    for t in terms {
        let p = match ws.iter().position(|w| &**w == *t) {
            Some(p) => p,
            None => {
                partial += 1;
                ws.iter().position(|w| w.starts_with(t))?
            }
        };
        position += p as u32;
    }
    let extra = (ws.len() as u32).saturating_sub(terms.len() as u32);
    Some([partial, position, extra])
}
