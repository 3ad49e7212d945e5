//! A loaded code set and its questions that need no ranking: does this code exist, is it billable,
//! what is above and below it.

use super::load::{self, LoadError};
use super::model::{Code, CodeCheck, Counts, Kind};
use super::words::WordIndex;

#[derive(Debug)]
pub struct CodeSet {
    name: String,
    /// Every entry in the tabular list's order (chapter, its blocks, their categories, ...).
    pub(super) codes: Vec<Code>,
    /// Codes (category and below) sorted by code. With the dot always after the third character,
    /// this order puts every code-prefix match in one run, found by binary search.
    pub(super) sorted: Vec<u32>,
    /// Blocks sorted by id, for `lookup("E08-E13")`.
    blocks: Vec<u32>,
    pub(super) words: WordIndex,
}

impl CodeSet {
    /// A code set from the bytes of a `.tsv.gz` file made by tools/gen_icd10cm.py.
    pub fn from_gzip(bytes: &[u8]) -> Result<CodeSet, LoadError> {
        CodeSet::from_text(&load::gunzip(bytes)?)
    }

    /// A code set from the unpacked text (tests use small hand-written ones).
    pub fn from_text(text: &str) -> Result<CodeSet, LoadError> {
        let (name, codes) = load::parse(text)?;
        let mut sorted: Vec<u32> = (0..codes.len() as u32)
            .filter(|&i| codes[i as usize].kind.is_code())
            .collect();
        sorted.sort_unstable_by(|&a, &b| codes[a as usize].code.cmp(&codes[b as usize].code));
        let mut blocks: Vec<u32> = (0..codes.len() as u32)
            .filter(|&i| codes[i as usize].kind == Kind::Block)
            .collect();
        blocks.sort_unstable_by(|&a, &b| codes[a as usize].code.cmp(&codes[b as usize].code));
        for run in [&sorted, &blocks] {
            if let Some(w) = run
                .windows(2)
                .find(|w| codes[w[0] as usize].code == codes[w[1] as usize].code)
            {
                return Err(LoadError::Duplicate(codes[w[0] as usize].code.clone()));
            }
        }
        let words = WordIndex::build(&codes);
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
    pub fn iter(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter()
    }

    pub fn chapters(&self) -> impl Iterator<Item = &Code> {
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
    pub fn lookup(&self, code: &str) -> Option<&Code> {
        let code = code.trim();
        if let Some(key) = code_key(code, 3) {
            let i = self
                .sorted
                .binary_search_by(|&i| self.codes[i as usize].code.as_str().cmp(&key))
                .ok()?;
            return Some(&self.codes[self.sorted[i] as usize]);
        }
        if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
            return self.chapters().find(|c| c.code == code);
        }
        let upper = code.to_ascii_uppercase();
        let i = self
            .blocks
            .binary_search_by(|&i| self.codes[i as usize].code.as_str().cmp(&upper))
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

    pub fn parent(&self, code: &Code) -> Option<&Code> {
        code.parent.map(|p| &self.codes[p as usize])
    }

    /// The entries directly below, in the tabular list's order.
    pub fn children<'a>(&'a self, code: &'a Code) -> impl Iterator<Item = &'a Code> + 'a {
        code.children.iter().map(|&i| &self.codes[i as usize])
    }

    /// Everything above, from the top: chapter, block, category, then subcategories.
    pub fn ancestors<'a>(&'a self, code: &Code) -> Vec<&'a Code> {
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

/// `input` as a code is printed ("E11.65"), when it is shaped like one: a letter, a digit, then
/// letters and digits, `min_len` to 7 of them, case and a missing or present dot after the third
/// character not mattering. Search passes `min_len` 1 to accept prefixes as they are typed.
pub(super) fn code_key(input: &str, min_len: usize) -> Option<String> {
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
        && b.get(1).is_none_or(|c| c.is_ascii_digit())
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
