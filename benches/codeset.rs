//! The ICD-10-CM code book: loading the shipped set (gunzip, parse, word index) and a search on
//! every keystroke over the whole set. Run: `cargo bench --bench codeset`.

#[path = "support.rs"]
mod support;

use proctor::bank::SourceFile;
use proctor::codeset::{CodeSet, ICD10CM_2026_FILE};
use std::time::{Duration, Instant};

/// Results a panel shows; the search is asked for this many on every key.
const LIMIT: usize = 50;

fn main() {
    let bytes = SourceFile::shipped_bytes(ICD10CM_2026_FILE).expect("the code set is shipped");
    let runs = 11;
    let load = support::median(runs, || CodeSet::from_gzip(bytes).expect("loads"));
    let t = Instant::now();
    let text = proctor::codeset::CodeSet::from_gzip(bytes).expect("loads");
    let once = t.elapsed();
    let set = text;
    println!(
        "code set: {} entries, {:.2} MiB gzip",
        set.len(),
        bytes.len() as f64 / 1048576.0
    );
    println!(
        "load (gunzip + parse + word index):  {:>8.1} ms median of {runs}, {:.1} ms cold",
        ms(load),
        ms(once)
    );

    let sentence = "type 2 diabetes with hyperglycemia";
    let typed: Vec<&str> = (1..=sentence.len()).map(|n| &sentence[..n]).collect();
    report(&set, "typing the words", &typed);
    report(&set, "typing a code", &["E", "E1", "E11", "E11.", "E11.6"]);
    report(
        &set,
        "worst cases",
        &["s", "of", "o", "a", "unspecified", "r"],
    );
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
