//! Nothing in a bank file can crash proctor: arbitrary bytes and random damage to a valid bank only
//! ever produce findings.

use proctor::bank::{Catalog, SourceFile};
use proptest::prelude::*;

const VALID: &str = include_str!("fixtures/valid/small-bank.yaml");

fn load(text: String) -> (usize, usize) {
    let mut files: Vec<SourceFile> = SourceFile::shipped_files()
        .into_iter()
        .filter(|f| f.path.contains("/blueprints/"))
        .collect();
    files.push(SourceFile::new("t.yaml", text, false));
    let (catalog, report) = Catalog::load(&files, false);
    // Every finding is positioned inside the file.
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d}");
    }
    (catalog.banks().count(), report.errors())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        load(text);
    }

    #[test]
    fn damaged_banks_never_panic(cut in 0usize..1500, len in 0usize..40, insert in ".{0,12}") {
        let mut chars: Vec<char> = VALID.chars().collect();
        let start = cut.min(chars.len());
        let end = (start + len).min(chars.len());
        chars.splice(start..end, insert.chars());
        let text: String = chars.into_iter().collect();
        let (banks, errors) = load(text);
        // Either the bank loaded, or errors say why it did not.
        prop_assert!(banks == 1 || errors > 0);
    }

    #[test]
    fn yaml_shaped_noise_never_panics(doc in "(bank: x\n)?([a-z_]{1,8}: (\\[|\\{|\"|'|&a |\\*a |-|[A-Z0-9 ]{0,6})\n( {0,6}- [a-z]{0,5}\n){0,3}){0,12}") {
        load(doc);
    }
}

#[test]
fn the_valid_fixture_loads() {
    assert_eq!(load(VALID.to_string()), (1, 0));
}
