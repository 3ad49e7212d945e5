//! The whole open book: importing each official file (read, recognise, parse) and a search on
//! every keystroke over every installed system together (ICD-10-CM with its synonyms and
//! abbreviations, its index and tables, ICD-10-PCS with its index, HCPCS Level II).
//! Run: `cargo bench --bench codes`. Reads the official files from ../shared/codesets/ (or
//! $PROCTOR_CODESETS_DIR) and says so when they are absent.

#[path = "support.rs"]
mod support;

use proctor::codeset::{CodeBook, import};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FILES: [&str; 8] = [
    "icd10pcs-2026/icd10pcs_tables_2026.xml",
    "icd10pcs-2026/icd10pcs_definitions_2026.xml",
    "icd10pcs-2025/icd10pcs_tables_2025.xml",
    "icd10pcs-2025/icd10pcs_index_2025.xml",
    "hcpcs-2026-jan/january-2026-alpha-numeric-hcpcs-file.zip",
    "icd10cm-2025-tables/icd-10-cm-drug-2025.xml",
    "icd10cm-2025-tables/icd-10-cm-neoplasm-2025.xml",
    "icd10cm-2025-tables/icd-10-cm-eindex-2025.xml",
];

/// Results the panel asks for on every key.
const LIMIT: usize = 40;

fn main() {
    let dir = std::env::var_os("PROCTOR_CODESETS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/codesets"));
    if !dir.join("MANIFEST.sha256").is_file() {
        println!(
            "skipped: no official files at {} (set PROCTOR_CODESETS_DIR)",
            dir.display()
        );
        return;
    }
    let mut loaded = Vec::new();
    for f in &FILES {
        let path = dir.join(f);
        let bytes = std::fs::read(&path).expect("read");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let took = support::median(5, || {
            std::hint::black_box(import::import_bytes(&name, &bytes).expect("imports"));
        });
        let imp = import::import_bytes(&name, &bytes).expect("imports");
        println!(
            "import {:<58} {:>8.1} ms  ({} {}, {:?})",
            f,
            ms(took),
            imp.meta.kind.id(),
            imp.meta.release,
            imp.meta.counts
        );
        loaded.push((imp.meta, imp.payload));
    }
    // No CDC tabular list of another year may be committed or is in the shared folder: the
    // built-in FY2026 written back in CDC's schema stands in for one (full size, 98,186 codes).
    let built_in = proctor::codeset::icd10cm().expect("built-in ICD-10-CM");
    let xml = proctor::codeset::tabular_xml(built_in, "2027");
    let took = support::median(5, || {
        std::hint::black_box(import::import_bytes("tabular.xml", xml.as_bytes()).expect("imports"));
    });
    let imp = import::import_bytes("tabular.xml", xml.as_bytes()).expect("imports");
    println!(
        "import {:<58} {:>8.1} ms  ({} {}, {:?}; {:.1} MB of XML, kept out of the book below)",
        "ICD-10-CM tabular XML (the built-in FY2026 written back)",
        ms(took),
        imp.meta.kind.id(),
        imp.meta.release,
        imp.meta.counts,
        xml.len() as f64 / 1e6
    );
    let t = Instant::now();
    let book = CodeBook::from_parts(loaded, Vec::new());
    println!(
        "build the book from parsed files: {:.1} ms",
        ms(t.elapsed())
    );
    let t = Instant::now();
    let (_, complete) = book.search_now("warm", None, LIMIT);
    println!(
        "first search before the word lists are built (search_now, complete: {complete}): {:.1} ms",
        ms(t.elapsed())
    );
    let t = Instant::now();
    book.prepare();
    println!(
        "build every word list (prepare, off the UI thread in the TUI): {:.1} ms",
        ms(t.elapsed())
    );
    let typed = |s: &'static str| (1..=s.len()).map(move |n| &s[..n]).collect::<Vec<_>>();
    let mut all = Vec::new();
    for sentence in [
        "congestive heart failure",
        "chf",
        "hypertension",
        "resection appendix",
        "bevacizumab",
        "acetaminophen",
        "0DTJ4ZZ",
        "J9035",
    ] {
        all.extend(typed(sentence));
    }
    all.extend(["of", "with", "a", "e", "s", "unspecified", "right"]);
    let mut per_key: Vec<(Duration, &str)> = all
        .iter()
        .map(|k| (support::median(11, || book.search(k, None, LIMIT)), *k))
        .collect();
    per_key.sort();
    let (median, _) = per_key[per_key.len() / 2];
    let (worst, worst_key) = per_key[per_key.len() - 1];
    println!(
        "search over every system, {} keys: median {:.3} ms, worst {:.3} ms ({worst_key:?}); target 5 ms per key",
        per_key.len(),
        ms(median),
        ms(worst)
    );
    // On a shared machine one burst of load can double a median: the slowest keys are timed
    // again, whole and per system, and the lower of the two whole timings is the key's figure.
    let mut again_worst = (Duration::ZERO, "");
    for (d, k) in per_key.iter().rev().take(5) {
        let again = support::median(11, || book.search(k, None, LIMIT));
        again_worst = again_worst.max(((*d).min(again), *k));
        let parts: Vec<String> = book
            .systems()
            .filter(|s| {
                book.newest(s.system())
                    .is_some_and(|n| n.release() == s.release())
            })
            .map(|s| {
                let t = support::median(11, || s.search(k, LIMIT));
                format!("{} {:.2}", s.system().id(), ms(t))
            })
            .collect();
        println!(
            "  {k:?}: {:.3} ms, again {:.3} ms ({} ms)",
            ms(*d),
            ms(again),
            parts.join(", ")
        );
    }
    println!(
        "worst key, the lower of two timings: {:.3} ms ({:?}); target 5 ms",
        ms(again_worst.0),
        again_worst.1
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
