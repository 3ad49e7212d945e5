//! The importers, the installed-file format and the one code book on the fixtures written for
//! proctor in the official schemas (tests/fixtures/codesets/).

use super::import::{Payload, import_bytes};
use super::installed;
use super::*;

/// A fixture file's bytes (shared with the browser tests).
pub(super) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/codesets")
            .join(name),
    )
    .unwrap()
}

/// A PCS tables fixture, imported as the official file would be.
pub(super) fn pcs(name: &str) -> pcs::PcsSet {
    match import_bytes(name, &fixture(name)).unwrap().payload {
        Payload::Pcs(s) => s,
        other => panic!("{other:?}"),
    }
}

#[test]
fn kind_and_year_come_from_the_content_not_the_name() {
    for (file, kind, release) in [
        ("pcs-tables-2025.xml", FileKind::PcsTables, "2025"),
        ("hcpcs-2026-jan.txt", FileKind::Hcpcs, "2026-01"),
        ("cm-index-2026.xml", FileKind::CmIndex, "2026"),
        ("cm-drug-2026.xml", FileKind::CmDrugTable, "2026"),
    ] {
        let imp = import_bytes("renamed.bin", &fixture(file)).unwrap();
        assert_eq!(
            (imp.meta.kind, imp.meta.release.as_str()),
            (kind, release),
            "{file}"
        );
        assert_eq!(imp.meta.source_sha256.len(), 64);
    }
}

#[test]
fn pcs_table_browser_offers_only_valid_combinations() {
    let set = pcs("pcs-tables-2025.xml");
    let codes = |p: &str| -> String { set.next_values(p).iter().map(|v| v.0).collect() };
    assert_eq!(codes(""), "0");
    assert_eq!(codes("0"), "DS");
    assert_eq!(codes("0D"), "T");
    assert_eq!(codes("0DT"), "J");
    assert_eq!(codes("0DTJ"), "0478");
    assert_eq!(codes("0SG60"), "4Z");
    assert_eq!(codes("0DTJ4Z"), "Z");
    assert_eq!(codes("0DTX"), "", "no row has body part X");
    let mut all = Vec::new();
    set.each_code(|c, _| all.push(c));
    assert_eq!(all.len(), set.code_count());
    assert!(all.iter().all(|c| set.is_valid(c)));
    assert!(!set.is_valid("0DTJ3ZZ"));
    let chars = set.characters("0dtj4zz").unwrap();
    assert_eq!(chars[2].meaning, "Resection");
    assert!(
        chars[2]
            .definition
            .as_deref()
            .unwrap()
            .starts_with("Cutting out")
    );
}

#[test]
fn hcpcs_keeps_level_two_only_and_joins_long_descriptions() {
    let imp = import_bytes("x.txt", &fixture("hcpcs-2026-jan.txt")).unwrap();
    let Payload::Hcpcs(set) = imp.payload else {
        panic!()
    };
    let codes: Vec<&str> = set.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["A4206", "J9035", "J9999", "Q0091"]);
    assert!(
        set.lookup("J9999")
            .unwrap()
            .long
            .ends_with("that continues on a second line")
    );
    assert_eq!(set.lookup("rt").unwrap().short, "Right side");
    assert!(!set.lookup("Q0091").unwrap().is_active());
    assert!(imp.notes[0].starts_with("2 Level I"));
}

#[test]
fn truncated_or_foreign_files_are_refused_with_the_line() {
    let text = fixture("pcs-tables-2026.xml");
    let err = import_bytes("t.xml", &text[..text.len() - 40])
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("t.xml:") && err.contains("is the file complete"),
        "{err}"
    );
    let cut = text.len() - "</ICD10PCS.tabular>\n".len();
    let err = import_bytes("t.xml", &text[..cut]).unwrap_err().to_string();
    assert!(err.contains("truncated"), "{err}");
    let err = import_bytes(
        "t.xml",
        b"<?xml version=\"1.0\"?><ICD10PCS.tabular><version>20x6</version></ICD10PCS.tabular>",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("four-digit"), "{err}");
    let bad_row = String::from_utf8(text.clone())
        .unwrap()
        .replace("codes=\"5\"", "codes=\"9\"");
    let err = import_bytes("t.xml", bad_row.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("t.xml:") && err.contains("says 9 codes"),
        "{err}"
    );
    let err = import_bytes("h.txt", b"hello\nworld\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a code-set file proctor knows"), "{err}");
}

#[test]
fn installed_files_round_trip_and_damage_is_caught() {
    let d = tempfile::tempdir().unwrap();
    let imp = import_bytes("pcs-tables-2026.xml", &fixture("pcs-tables-2026.xml")).unwrap();
    let path = installed::install(d.path(), &imp, "t").unwrap();
    let (meta, payload) = installed::load(&path).unwrap();
    assert_eq!(meta, imp.meta);
    let Payload::Pcs(set) = payload else { panic!() };
    assert!(
        set.is_valid("0DTJ3ZZ"),
        "the table lookup is rebuilt after loading"
    );
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    bytes[n - 5] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let err = installed::load(&path).unwrap_err().to_string();
    assert!(err.contains("damaged"), "{err}");
    let (ok, bad) = installed::list(d.path());
    assert!(ok.is_empty());
    assert_eq!(bad.len(), 1);
}

#[test]
fn one_book_answers_for_every_system_and_year() {
    let load = |name: &str| {
        let imp = import_bytes(name, &fixture(name)).unwrap();
        (imp.meta, imp.payload)
    };
    let book = CodeBook::from_parts(
        vec![
            load("pcs-tables-2025.xml"),
            load("pcs-tables-2026.xml"),
            load("hcpcs-2026-jan.txt"),
        ],
        Vec::new(),
    );
    assert_eq!(book.releases(System::Pcs), ["2026", "2025"]);
    let y25 = book.for_year(System::Pcs, 2025).unwrap();
    assert_eq!(y25.check("0SG604Z"), CodeCheck::Billable);
    assert_eq!(
        book.newest(System::Pcs).unwrap().check("0SG604Z"),
        CodeCheck::Unknown
    );
    assert_eq!(
        book.for_year(System::Hcpcs, 2026).unwrap().check("J9035"),
        CodeCheck::Billable
    );
    assert_eq!(
        book.for_year(System::Cm, 2026).unwrap().check("I50.9"),
        CodeCheck::Billable
    );
    let d = diff(y25, book.newest(System::Pcs).unwrap());
    assert_eq!(
        (d.added.len(), d.deleted.len(), d.retitled.len()),
        (1, 1, 1)
    );
    let hits = book.search("bevacizumab", None, 10);
    assert_eq!(hits[0].code, "J9035");
    assert_eq!(hits[0].system, System::Hcpcs);
    let pages = book.lookup("J9035", None);
    assert_eq!(pages.len(), 1);
}

#[test]
fn the_shipped_abbreviations_parse_and_each_finds_codes() {
    let list = abbrev::shipped();
    assert!(list.len() >= 10, "{}", list.len());
    let set = icd10cm().unwrap();
    for a in &list {
        assert!(!a.source.is_empty());
        assert!(
            !set.search(&a.expansion, 1).is_empty(),
            "{} = {} finds nothing in the tabular list",
            a.abbreviation,
            a.expansion
        );
    }
    for must in [
        "chf", "htn", "copd", "mi", "uti", "cva", "ckd", "gerd", "afib", "dvt",
    ] {
        assert!(list.iter().any(|a| a.abbreviation == must), "{must}");
    }
    let (q, used) = abbrev::expand(&list, "CHF exacerbation").unwrap();
    assert_eq!(q, "congestive heart failure exacerbation");
    assert_eq!(used.len(), 1);
    assert!(abbrev::expand(&list, "utilities").is_none());
}

#[test]
fn seventh_characters_show_the_character_with_its_meaning() {
    let set = icd10cm().unwrap();
    let d = detail(set, set.lookup("S72.001").unwrap());
    assert!(
        d.notes
            .iter()
            .any(|n| n.kind == "7th character"
                && n.text == "A initial encounter for closed fracture"),
        "{:?}",
        d.notes
    );
}
