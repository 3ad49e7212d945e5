//! Load-and-validate time for a 10,000-question bank against a bare yaml_serde parse of the same
//! file into the same structs. Run: `cargo bench --bench load`.

#[path = "support.rs"]
mod support;

use proctor::bank::{Bank, Catalog, SourceFile};

fn main() {
    let text = support::generated_bank(10_000);
    let blueprints: Vec<SourceFile> = SourceFile::shipped_files()
        .into_iter()
        .filter(|f| f.path.contains("/blueprints/"))
        .collect();
    let runs = 7;
    let bare = support::median(runs, || {
        serde_yaml::from_str::<Bank>(&text).expect("parses")
    });
    let full = support::median(runs, || {
        let mut files: Vec<SourceFile> = blueprints
            .iter()
            .map(|f| SourceFile::new(f.path.clone(), f.text.clone(), true))
            .collect();
        files.push(SourceFile::new("bench.yaml", text.clone(), false));
        let (catalog, report) = Catalog::load(&files, false);
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics.first());
        assert_eq!(report.warnings(), 0, "{:?}", report.diagnostics.first());
        catalog.banks().count()
    });
    let ratio = full.as_secs_f64() / bare.as_secs_f64();
    println!(
        "bank: 10,000 questions, {:.1} MiB",
        text.len() as f64 / 1048576.0
    );
    println!(
        "bare yaml_serde parse into Bank:   {:>8.1} ms (median of {runs})",
        bare.as_secs_f64() * 1e3
    );
    println!(
        "proctor load + validate:           {:>8.1} ms (median of {runs})",
        full.as_secs_f64() * 1e3
    );
    println!(
        "validation overhead:               {:>8.1} % (target: at most 30 %)",
        (ratio - 1.0) * 100.0
    );
    // The authoring checks of `proctor validate` on how text reads (letters in rationales, missing
    // reasons, wide table rows), on the same clean bank: no findings, so no position look-ups.
    let bank: Bank = serde_yaml::from_str(&text).expect("parses");
    let file = SourceFile::new("bench.yaml", text.clone(), false);
    let readability = support::median(runs, || {
        let mut diags = Vec::new();
        proctor::bank::readability::check_readability(&file, &bank, &mut diags);
        assert_eq!(diags.len(), 0, "{:?}", diags.first());
        diags.len()
    });
    println!(
        "readability checks (validate only): {:>7.1} ms (median of {runs}, {:.1} % of the bare parse)",
        readability.as_secs_f64() * 1e3,
        100.0 * readability.as_secs_f64() / bare.as_secs_f64()
    );
}
