//! Word search over a list of short texts (HCPCS descriptions, PCS table rows, index entries,
//! ICD-10-CM inclusion terms): the same folding and ranking as the ICD-10-CM search. Every
//! (word, text) pair is kept sorted by word, so the texts using the words a query word starts
//! are one binary search away; only those candidates are scored.

use super::fold::{fold_into, words};

#[derive(Debug, Default, Clone)]
pub(crate) struct WordList {
    words: Vec<Vec<Box<str>>>,
    /// (word, text number), sorted.
    postings: Vec<(Box<str>, u32)>,
}

/// A matched text: its rank key (lower is better) and its number in the list.
pub(crate) type Ranked = ([u32; 3], usize);

/// The words of `text` as searched.
pub(crate) fn fold_words(text: &str) -> Vec<Box<str>> {
    let mut buf = String::new();
    fold_into(text, &mut buf);
    words(&buf).map(Box::from).collect()
}

impl WordList {
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> WordList {
        let words: Vec<Vec<Box<str>>> = texts.into_iter().map(fold_words).collect();
        let mut postings: Vec<(Box<str>, u32)> = words
            .iter()
            .enumerate()
            .flat_map(|(i, ws)| ws.iter().map(move |w| (w.clone(), i as u32)))
            .collect();
        postings.sort_unstable();
        postings.dedup();
        WordList { words, postings }
    }

    /// Texts where every query word starts a word, best first: query words matched whole, then
    /// how early they come, then how few other words the text has. At most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Ranked> {
        let terms = fold_words(query);
        let terms: Vec<&str> = terms.iter().take(12).map(|t| &**t).collect();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let range = |t: &str| {
            let lo = self.postings.partition_point(|(w, _)| &**w < t);
            let hi = lo + self.postings[lo..].partition_point(|(w, _)| w.starts_with(t));
            lo..hi
        };
        let Some(rarest) = terms.iter().map(|t| range(t)).min_by_key(|r| r.len()) else {
            return Vec::new();
        };
        let mut cands: Vec<u32> = self.postings[rarest].iter().map(|&(_, i)| i).collect();
        cands.sort_unstable();
        cands.dedup();
        let mut out: Vec<Ranked> = cands
            .into_iter()
            .filter_map(|i| score(&self.words[i as usize], &terms).map(|s| (s, i as usize)))
            .collect();
        if out.len() > limit {
            out.select_nth_unstable(limit);
            out.truncate(limit);
        }
        out.sort_unstable();
        out
    }
}

/// The rank key of a text's words for query words `terms`, or None when one does not match.
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
