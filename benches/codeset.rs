//! The ICD-10-CM code book: loading the shipped set (gunzip, parse, word index) and a search on
//! every keystroke over the whole set. Run: `cargo bench --bench codeset`.

#[path = "support.rs"]
mod support;

use proctor::bank::SourceFile;
use proctor::codeset::{CodeSet, ICD10CM_2026_FILE, gunzip};
use std::time::{Duration, Instant};

/// Results a panel shows; the search is asked for this many on every key.
const LIMIT: usize = 50;

fn main() {
    let bytes = SourceFile::shipped_bytes(ICD10CM_2026_FILE).expect("the code set is shipped");
    let t = Instant::now();
    let text = gunzip(bytes).expect("unpacks");
    let set = CodeSet::from_text(&text).expect("loads");
    let first = t.elapsed();
    let runs = 11;
    let load = median_load(runs, bytes);
    println!(
        "code set: {} entries, {:.2} MiB gzip",
        set.len(),
        bytes.len() as f64 / 1048576.0
    );
    println!(
        "load (gunzip + parse + word index): {:>6.1} ms median of {runs}; first load in the process {:.1} ms",
        ms(load),
        ms(first)
    );

    let sentence = "type 2 diabetes with hyperglycemia";
    let typed: Vec<&str> = (1..=sentence.len()).map(|n| &sentence[..n]).collect();
    report(&set, "typing the words", &typed);
    report(&set, "typing a code", &["E", "E1", "E11", "E11.", "E11.6"]);
    // Words in tens of thousands of descriptions, and the largest code-prefix run (S).
    let heavy = [
        "of",
        "with",
        "encounter",
        "initial encounter",
        "unspecified",
        "right",
        "s",
    ];
    report(&set, "heavy queries", &heavy);
}

/// Median time to load the set, not counting the time to drop it afterwards.
fn median_load(runs: usize, bytes: &[u8]) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let text = gunzip(bytes).expect("unpacks");
            let set = std::hint::black_box(CodeSet::from_text(&text).expect("loads"));
            let took = t.elapsed();
            drop(set);
            took
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Median and worst per-keystroke time over `keys`, each key timed as the median of 21 runs.
fn report(set: &CodeSet, what: &str, keys: &[&str]) {
    let mut per_key: Vec<(Duration, &str)> = keys
        .iter()
        .map(|k| (support::median(21, || set.search(k, LIMIT)), *k))
        .collect();
    per_key.sort();
    let (median, _) = per_key[per_key.len() / 2];
    let (worst, worst_key) = per_key[per_key.len() - 1];
    println!(
        "{what:<18} {:>3} keys: median {:>7.3} ms, worst {:>7.3} ms ({worst_key:?})",
        keys.len(),
        ms(median),
        ms(worst)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
