//! A loaded code set and its questions that need no ranking: does this code exist, is it billable,
//! what is above and below it.

use super::load::{self, LoadError};
use super::model::{Code, CodeCheck, Counts, Kind};
use super::words::{self, WordIndex};

/// A code set borrowing its texts from the unpacked file (`'t`); the shipped one is `'static`.
#[derive(Debug)]
pub struct CodeSet<'t> {
    name: String,
    /// Every entry in the tabular list's order (chapter, its blocks, their categories, ...).
    pub(super) codes: Vec<Code<'t>>,
    /// Codes (category and below) by code, as (packed code, entry number). With the dot always
    /// after the third character, this order puts every code-prefix match in one run, found by
    /// binary search; packed codes make the sort and the searches integer comparisons.
    pub(super) sorted: Vec<(u64, u32)>,
    /// Blocks sorted by id, for `lookup("E08-E13")`.
    blocks: Vec<u32>,
    pub(super) words: WordIndex,
}

impl<'t> CodeSet<'t> {
    /// A code set from the text of a file made by tools/gen_icd10cm.py (unpacked with
    /// [`super::gunzip`]; tests use small hand-written ones).
    pub fn from_text(text: &'t str) -> Result<CodeSet<'t>, LoadError> {
        // The word index reads the text on a second thread while the loader parses it: on two
        // cores that hides most of its cost. Without a thread it is built afterwards.
        let (parsed, side) = std::thread::scope(|s| {
            let side = std::thread::Builder::new()
                .spawn_scoped(s, || WordIndex::build(&words::entries(text)));
            let parsed = load::parse(text);
            (parsed, side.ok().and_then(|h| h.join().ok()))
        });
        let (name, codes) = parsed?;
        let mut sorted: Vec<(u64, u32)> = (0..codes.len() as u32)
            .filter(|&i| codes[i as usize].kind.is_code())
            .map(|i| (pack(codes[i as usize].code), i))
            .collect();
        sorted.sort_unstable();
        if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(LoadError::Duplicate(
                codes[w[0].1 as usize].code.to_string(),
            ));
        }
        let mut blocks: Vec<u32> = (0..codes.len() as u32)
            .filter(|&i| codes[i as usize].kind == Kind::Block)
            .collect();
        blocks.sort_unstable_by(|&a, &b| codes[a as usize].code.cmp(codes[b as usize].code));
        if let Some(w) = blocks
            .windows(2)
            .find(|w| codes[w[0] as usize].code == codes[w[1] as usize].code)
        {
            return Err(LoadError::Duplicate(codes[w[0] as usize].code.to_string()));
        }
        let words = match side {
            Some(w) if w.entries() == codes.len() => w,
            _ => WordIndex::build(&words::entries_of(&codes)),
        };
        Ok(CodeSet {
            name,
            codes,
            sorted,
            blocks,
            words,
        })
    }

    /// As the file's first line names it, e.g. "icd10cm 2026-04".
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Every entry in the tabular list's order.
    pub fn iter(&self) -> impl Iterator<Item = &Code<'t>> {
        self.codes.iter()
    }

    pub fn chapters(&self) -> impl Iterator<Item = &Code<'t>> {
        self.codes.iter().filter(|c| c.kind == Kind::Chapter)
    }

    pub fn counts(&self) -> Counts {
        let mut n = Counts::default();
        for c in &self.codes {
            match c.kind {
                Kind::Chapter => n.chapters += 1,
                Kind::Block => n.blocks += 1,
                Kind::Category => n.categories += 1,
                Kind::Subcategory => n.subcategories += 1,
                Kind::SeventhCharacter => n.seventh_character += 1,
            }
            if c.billable {
                n.billable += 1;
            } else if c.kind.is_code() {
                n.headers += 1;
            }
        }
        n
    }

    /// The entry for a code typed any reasonable way: "E11.65", "e1165", " E11.65 ". Block ids
    /// ("E08-E13") and chapter numbers ("4") are found too. Where a block shares its id with its
    /// only category (B99), the category is returned: that is the one a coder means.
    pub fn lookup(&self, code: &str) -> Option<&Code<'t>> {
        let code = code.trim();
        if let Some(key) = code_key(code, 3) {
            let i = self
                .sorted
                .binary_search_by_key(&pack(&key), |&(k, _)| k)
                .ok()?;
            return Some(&self.codes[self.sorted[i].1 as usize]);
        }
        if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
            return self.chapters().find(|c| c.code == code);
        }
        let upper = code.to_ascii_uppercase();
        let i = self
            .blocks
            .binary_search_by(|&i| self.codes[i as usize].code.cmp(upper.as_str()))
            .ok()?;
        Some(&self.codes[self.blocks[i] as usize])
    }

    /// True only for a code valid on a claim.
    pub fn is_billable(&self, code: &str) -> bool {
        self.lookup(code).is_some_and(|c| c.billable)
    }

    /// The check a bank's cited code gets: unknown, a header, or billable.
    pub fn check_code(&self, code: &str) -> CodeCheck {
        match self.lookup(code) {
            Some(c) if c.billable => CodeCheck::Billable,
            Some(c) if c.kind.is_code() => CodeCheck::Header,
            _ => CodeCheck::Unknown,
        }
    }

    pub fn parent(&self, code: &Code) -> Option<&Code<'t>> {
        code.parent.map(|p| &self.codes[p as usize])
    }

    /// The entries directly below, in the tabular list's order.
    pub fn children<'a>(&'a self, code: &Code) -> impl Iterator<Item = &'a Code<'t>> + 'a {
        let mut next = code.first_child;
        std::iter::from_fn(move || {
            let c = &self.codes[next? as usize];
            next = c.next_sibling;
            Some(c)
        })
    }

    /// Everything above, from the top: chapter, block, category, then subcategories.
    pub fn ancestors(&self, code: &Code) -> Vec<&Code<'t>> {
        let mut out = Vec::new();
        let mut at = code.parent;
        while let Some(p) = at {
            let c = &self.codes[p as usize];
            out.push(c);
            at = c.parent;
        }
        out.reverse();
        out
    }
}

/// A code of at most 8 bytes as a number that sorts as the text does (zero-padded big-endian).
/// The loader refuses longer codes, so no two codes share a number.
pub(super) fn pack(code: &str) -> u64 {
    let mut k = [0u8; 8];
    for (d, s) in k.iter_mut().zip(code.bytes()) {
        *d = s;
    }
    u64::from_be_bytes(k)
}

/// `input` as a code is printed ("E11.65"), when it is shaped like one: a letter, then letters
/// and digits with a digit second or third (E11, QA0 — FY2026 brought the first letter in second
/// place), `min_len` to 7 of them, case and a missing or present dot after the third character
/// not mattering. Search passes `min_len` 1 to accept prefixes as they are typed.
pub(super) fn code_key(input: &str, min_len: usize) -> Option<String> {
    if input.len() > 8 {
        return None;
    }
    let mut key = String::with_capacity(8);
    for (i, ch) in input.chars().enumerate() {
        if ch == '.' && i == 3 {
            continue;
        }
        key.push(ch.to_ascii_uppercase());
    }
    let b = key.as_bytes();
    let shaped = (min_len..=7).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && (b.len() < 3 || b[1].is_ascii_digit() || b[2].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    if key.len() > 3 {
        key.insert(3, '.');
    }
    Some(key)
}
