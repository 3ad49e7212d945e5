//! The description word index, built once at load so that a search on every keystroke is a few
//! array scans: the distinct words sorted (the words starting with a typed prefix are then one id
//! range), each code's words in order (for scoring), and each word's codes (for candidates).

use super::fold::{fold_bytes, words};
use super::model::{Code, Kind};
use super::scan::split;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

#[derive(Debug, Default)]
pub(super) struct WordIndex {
    /// Distinct folded words, sorted: word `i` is `vocab[vocab_ends[i - 1]..vocab_ends[i]]`.
    vocab: String,
    vocab_ends: Vec<u32>,
    /// Word ids of code `c` in description order: `tokens[tok_starts[c]..tok_starts[c + 1]]`.
    tok_starts: Vec<u32>,
    tokens: Vec<u32>,
    /// Codes using word `w`, ascending, once each: `postings[post_starts[w]..post_starts[w + 1]]`.
    post_starts: Vec<u32>,
    postings: Vec<u32>,
}

/// What the index needs of one entry: its description and, for a 7th-character code, the entry
/// whose description it extends (its parent).
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry<'t> {
    pub description: &'t str,
    pub base: Option<u32>,
}

/// The entries of a code-set text, read straight from the lines so that the index can be built
/// while the loader parses the same text on another thread. Numbering follows the loader's (one
/// per code record); a malformed line only yields a useless entry, as the loader refuses the file.
pub(super) fn entries(text: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::with_capacity(100_000);
    let mut last_base = None;
    for line in split(text, b'\n').skip(1) {
        if line.is_empty() || line.starts_with('#') || line.starts_with('+') {
            continue;
        }
        let mut fields = split(line, b'\t');
        let seventh = fields.next() == Some("x7");
        let description = fields.nth(3).unwrap_or_default();
        let base = if seventh { last_base } else { None };
        if !seventh {
            last_base = Some(out.len() as u32);
        }
        out.push(Entry { description, base });
    }
    out
}

/// The entries of parsed codes (the fallback when the index could not be built alongside).
pub(super) fn entries_of<'t>(codes: &[Code<'t>]) -> Vec<Entry<'t>> {
    codes
        .iter()
        .map(|c| Entry {
            description: c.description,
            base: c.parent.filter(|_| c.kind == Kind::SeventhCharacter),
        })
        .collect()
}

impl WordIndex {
    /// The index of `entries`, numbered as given.
    pub(super) fn build(entries: &[Entry]) -> WordIndex {
        // Half the entries are 7th-character codes whose description is their parent's, ", ",
        // and one of a few dozen meanings: their words are copied, not re-read (most of the cost).
        let mut folded: Vec<u8> = Vec::with_capacity(entries.len() * 64);
        let mut spans: Vec<TokenSource> = Vec::with_capacity(entries.len());
        let mut suffixes: HashMap<&str, Range<usize>, BuildHasherDefault<Fx>> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            let suffix = e.base.filter(|&p| (p as usize) < i).and_then(|p| {
                let rest = e
                    .description
                    .strip_prefix(entries[p as usize].description)?;
                Some((p, rest.strip_prefix(", ")?))
            });
            match suffix {
                Some((p, rest)) => {
                    let span = suffixes.entry(rest).or_insert_with(|| {
                        let start = folded.len();
                        fold_bytes(rest, &mut folded);
                        start..folded.len()
                    });
                    spans.push(TokenSource::Parent(p, span.clone()));
                }
                None => {
                    let start = folded.len();
                    fold_bytes(e.description, &mut folded);
                    spans.push(TokenSource::Own(start..folded.len()));
                }
            }
        }
        let folded = String::from_utf8(folded)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let mut ids: HashMap<&str, u32, BuildHasherDefault<Fx>> = HashMap::default();
        // Provisional ids in order of first use, then renumbered in sorted order.
        let mut tokens: Vec<u32> = Vec::with_capacity(entries.len() * 12);
        let mut tok_starts = Vec::with_capacity(entries.len() + 1);
        tok_starts.push(0u32);
        for source in spans {
            let span = match source {
                TokenSource::Own(span) => span,
                TokenSource::Parent(p, span) => {
                    let p = p as usize;
                    tokens.extend_from_within(tok_starts[p] as usize..tok_starts[p + 1] as usize);
                    span
                }
            };
            // Always a char boundary: only ASCII bytes and whole characters were folded in.
            for w in words(folded.get(span).unwrap_or_default()) {
                let next = ids.len() as u32;
                tokens.push(*ids.entry(w).or_insert(next));
            }
            tok_starts.push(tokens.len() as u32);
        }
        let mut sorted: Vec<(&str, u32)> = ids.into_iter().collect();
        sorted.sort_unstable();
        let mut remap = vec![0u32; sorted.len()];
        let mut vocab = String::with_capacity(sorted.iter().map(|(w, _)| w.len()).sum());
        let mut vocab_ends = Vec::with_capacity(sorted.len());
        for (new, (w, old)) in sorted.iter().enumerate() {
            remap[*old as usize] = new as u32;
            vocab.push_str(w);
            vocab_ends.push(vocab.len() as u32);
        }
        for t in &mut tokens {
            *t = remap[*t as usize];
        }
        let (post_starts, postings) = invert(&tok_starts, &tokens, sorted.len());
        WordIndex {
            vocab,
            vocab_ends,
            tok_starts,
            tokens,
            post_starts,
            postings,
        }
    }

    /// How many entries the index covers.
    pub(super) fn entries(&self) -> usize {
        self.tok_starts.len().saturating_sub(1)
    }

    pub(super) fn word(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 {
            0
        } else {
            self.vocab_ends[i - 1] as usize
        };
        &self.vocab[start..self.vocab_ends[i] as usize]
    }

    /// The ids of the words starting with `prefix` (empty when none does).
    pub(super) fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let n = self.vocab_ends.len() as u32;
        let lo = partition(n, |i| self.word(i) < prefix);
        let hi = partition(n, |i| {
            self.word(i) < prefix || self.word(i).starts_with(prefix)
        });
        lo..hi
    }

    /// The codes using any word of `range`; a code may appear once per word it uses.
    pub(super) fn codes_using(&self, range: &Range<u32>) -> &[u32] {
        let a = self.post_starts[range.start as usize] as usize;
        let b = self.post_starts[range.end as usize] as usize;
        &self.postings[a..b]
    }

    /// The word ids of code number `code`, in description order.
    pub(super) fn tokens(&self, code: u32) -> &[u32] {
        let c = code as usize;
        &self.tokens[self.tok_starts[c] as usize..self.tok_starts[c + 1] as usize]
    }
}

/// Where a code's words come from: its own folded description, or its parent's words followed by
/// a folded 7th-character meaning.
enum TokenSource {
    Own(Range<usize>),
    Parent(u32, Range<usize>),
}

/// The first `i` in `0..n` for which `before(i)` is false, given it is true up to some point.
fn partition(n: u32, before: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Each word's codes, from each code's words (a counting sort, so the lists come out ascending).
fn invert(tok_starts: &[u32], tokens: &[u32], n_words: usize) -> (Vec<u32>, Vec<u32>) {
    let mut last = vec![u32::MAX; n_words];
    let mut starts = vec![0u32; n_words + 1];
    let each_code = || {
        tok_starts
            .windows(2)
            .enumerate()
            .map(|(c, w)| (c as u32, &tokens[w[0] as usize..w[1] as usize]))
    };
    for (c, toks) in each_code() {
        for &t in toks {
            if last[t as usize] != c {
                last[t as usize] = c;
                starts[t as usize + 1] += 1;
            }
        }
    }
    for i in 0..n_words {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut postings = vec![0u32; starts[n_words] as usize];
    last.fill(u32::MAX);
    for (c, toks) in each_code() {
        for &t in toks {
            if last[t as usize] != c {
                last[t as usize] = c;
                postings[fill[t as usize] as usize] = c;
                fill[t as usize] += 1;
            }
        }
    }
    (starts, postings)
}

/// A small fast hash (the FxHash mix) for the word map: building the index hashes about a million
/// words, and std's DoS-resistant default costs several times more on data that is not hostile.
#[derive(Default)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
