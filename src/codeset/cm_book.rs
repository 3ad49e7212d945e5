//! ICD-10-CM in the code book: the built-in tabular list, searched by its descriptions, by the
//! synonyms it prints under codes (inclusion terms and "includes" notes: "Congestive heart failure
//! NOS" under I50.9, "hypertension (arterial) (benign) ..." under I10) and by the curated
//! abbreviations; plus the Alphabetic Index, External Cause Index and the drug and neoplasm
//! tables when imported, read as the book reads them (main term, subterms, code).

use super::abbrev::{self, Abbreviation};
use super::detail;
use super::index::IndexSet;
use super::kind::{FileKind, System};
use super::library::{BookHit, CodeSystem, Page};
use super::model::{CodeCheck, Kind, NoteKind};
use super::search::Match;
use super::set::CodeSet;
use super::textmatch::{WordList, fold_words, lazy, score};
use std::sync::Arc;

/// The inclusion terms' word list and, for each of its texts, the code and the term as printed.
type Aliases = (WordList, Vec<(&'static str, &'static str)>);

/// (tier, score, order): codes typed first, then words by rank, ties in the order found.
type RankKey = (u8, [u32; 3], usize);

pub struct CmBook {
    set: &'static CodeSet<'static>,
    release: String,
    /// Inclusion terms and "includes" notes of codes, and the same without their nonessential
    /// modifiers (the parenthesised words) and "NOS", which is how coders type them.
    /// Built on the first search: a code lookup never pays for it.
    aliases: std::sync::OnceLock<Aliases>,
    abbreviations: Vec<Abbreviation>,
    /// Shared with the other years' tabular lists that read the same index.
    indexes: Vec<(
        FileKind,
        String,
        Arc<IndexSet>,
        std::sync::OnceLock<WordList>,
    )>,
}

/// "hypertension (arterial) (benign)" -> "hypertension"; "Congestive heart failure NOS" ->
/// "Congestive heart failure".
fn essential(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth as i32 - 1).max(0) as usize,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.trim().trim_end_matches(',').trim();
    out.strip_suffix(" NOS").unwrap_or(out).trim().to_string()
}

impl CmBook {
    /// The tabular list of fiscal year `release` (the built-in one or an imported one) with the
    /// indexes and tables it is searched with.
    pub fn new(
        set: &'static CodeSet<'static>,
        release: String,
        imported: Vec<(FileKind, String, Arc<IndexSet>)>,
    ) -> CmBook {
        let indexes = imported
            .into_iter()
            .map(|(k, r, ix)| (k, r, ix, std::sync::OnceLock::new()))
            .collect();
        CmBook {
            set,
            release,
            aliases: std::sync::OnceLock::new(),
            abbreviations: abbrev::shipped(),
            indexes,
        }
    }

    /// The inclusion-term list, built now when `build` (see [`lazy`]).
    fn aliases(&self, build: bool) -> Option<&Aliases> {
        lazy(&self.aliases, build, || {
            let mut texts: Vec<String> = Vec::new();
            let mut alias_code = Vec::new();
            for c in self.set.iter().filter(|c| c.kind().is_code()) {
                for n in c.notes() {
                    if matches!(n.kind, NoteKind::InclusionTerm | NoteKind::Includes) {
                        let e = essential(n.text);
                        if !e.is_empty() && e != n.text {
                            texts.push(e);
                            alias_code.push((c.code(), n.text));
                        }
                        texts.push(n.text.to_string());
                        alias_code.push((c.code(), n.text));
                    }
                }
            }
            (WordList::new(texts.iter().map(String::as_str)), alias_code)
        })
    }

    fn hit(&self, code: &str, matched: &'static str, via: Option<String>) -> Option<BookHit> {
        let c = self.set.lookup(code)?;
        Some(BookHit {
            system: System::Cm,
            release: self.release.clone(),
            code: c.code().to_string(),
            title: c.description().to_string(),
            billable: c.is_billable(),
            matched,
            via,
        })
    }
}

impl CodeSystem for CmBook {
    fn system(&self) -> System {
        System::Cm
    }

    fn release(&self) -> &str {
        &self.release
    }

    fn check(&self, code: &str) -> CodeCheck {
        self.set.check_code(code)
    }

    fn title(&self, code: &str) -> Option<String> {
        self.set
            .lookup(code)
            .filter(|c| c.kind().is_code())
            .map(|c| c.description().to_string())
    }

    fn page(&self, code: &str) -> Option<Page> {
        let c = self.set.lookup(code).filter(|c| c.kind().is_code())?;
        let d = detail(self.set, c);
        Some(Page {
            system: System::Cm,
            release: self.release.clone(),
            code: d.code.clone(),
            title: d.description.clone(),
            billable: d.billable,
            lines: d.lines(),
            detail: serde_json::to_value(&d).unwrap_or_default(),
        })
    }

    fn prepare(&self) {
        self.aliases(true);
        for (_, _, ix, wl) in &self.indexes {
            index_words(ix, wl, true);
        }
    }

    fn ready(&self) -> bool {
        self.aliases.get().is_some() && self.indexes.iter().all(|(_, _, _, wl)| wl.get().is_some())
    }

    fn search_in(&self, query: &str, limit: usize, build: bool) -> Vec<BookHit> {
        // (tier, score, order): codes typed first, then words by rank, the tabular's own
        // descriptions before synonyms on a tie.
        let mut ranked: Vec<(RankKey, BookHit)> = Vec::new();
        let expanded = abbrev::expand(&self.abbreviations, query);
        let words_query = expanded.as_ref().map_or(query, |(q, _)| q.as_str());
        let terms = fold_words(words_query);
        let terms: Vec<&str> = terms.iter().map(|t| &**t).collect();
        // The typed query for codes ("E11.6"); the expansion for words. One search when the
        // query was not expanded: the tabular search is the costliest part of a common word.
        let typed = self.set.search(query, limit);
        let matched = if expanded.is_some() {
            "abbreviation"
        } else {
            "words"
        };
        let via = expanded.as_ref().map(|(_, used)| {
            used.iter()
                .map(|a| format!("{} = {} ({})", a.abbreviation, a.expansion, a.source))
                .collect::<Vec<_>>()
                .join("; ")
        });
        for (n, h) in typed.iter().enumerate() {
            if h.matched != Match::Words {
                let m = if h.matched == Match::Exact {
                    "exact"
                } else {
                    "code-prefix"
                };
                if let Some(b) = self.hit(h.code.code(), m, None) {
                    ranked.push(((0, [0; 3], n), b));
                }
            }
        }
        let worded = if expanded.is_some() {
            self.set.search(words_query, limit)
        } else {
            typed
        };
        for (n, h) in worded.into_iter().enumerate() {
            if h.matched == Match::Words
                && let Some(s) = score(&fold_words(h.code.description()), &terms)
                && let Some(b) = self.hit(h.code.code(), matched, via.clone())
            {
                ranked.push(((1, s, n), b));
            }
        }
        if let Some((aliases, alias_code)) = self.aliases(build) {
            for (s, i) in aliases.search(words_query, limit) {
                let (code, text) = alias_code[i];
                if let Some(b) = self.hit(code, "inclusion-term", Some(text.to_string())) {
                    ranked.push(((1, s, 100_000 + i), b));
                }
            }
        }
        for (_, _, ix, wl) in &self.indexes {
            let Some(wl) = index_words(ix, wl, build) else {
                continue;
            };
            for (s, i) in wl.search(words_query, limit) {
                let t = &ix.terms[i];
                let path = ix.path(i);
                let code = t
                    .code
                    .split([',', ' '])
                    .find(|c| !c.is_empty())
                    .unwrap_or_default()
                    .trim_end_matches(['-', '.']);
                let hit = self.hit(code, "index", Some(format!("{path} → {}", ix.target(i))));
                let hit = hit.unwrap_or_else(|| BookHit {
                    system: System::Cm,
                    release: self.release.clone(),
                    code: String::new(),
                    title: format!("{path} → {}", ix.target(i)),
                    billable: false,
                    matched: "index",
                    via: None,
                });
                ranked.push(((1, s, 200_000 + i), hit));
            }
        }
        ranked.sort_by_key(|(k, _)| *k);
        let mut out: Vec<BookHit> = Vec::with_capacity(limit);
        for (_, h) in ranked {
            if out.len() == limit {
                break;
            }
            if !h.code.is_empty() && out.iter().any(|o| o.code == h.code) {
                continue;
            }
            out.push(h);
        }
        out
    }

    fn cm(&self) -> Option<&'static CodeSet<'static>> {
        Some(self.set)
    }

    fn all_titles(&self) -> Vec<(String, String)> {
        self.set
            .iter()
            .filter(|c| c.is_billable() && c.kind() != Kind::Chapter)
            .map(|c| (c.code().to_string(), c.description().to_string()))
            .collect()
    }
}

/// The word list of an index's entries, each read as its path ("Failure, heart, congestive").
pub(super) fn index_words<'a>(
    ix: &IndexSet,
    cell: &'a std::sync::OnceLock<WordList>,
    build: bool,
) -> Option<&'a WordList> {
    lazy(cell, build, || {
        let paths: Vec<String> = (0..ix.terms.len()).map(|i| ix.path(i)).collect();
        WordList::new(paths.iter().map(String::as_str))
    })
}
