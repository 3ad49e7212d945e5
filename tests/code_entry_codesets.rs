//! Code-entry checks against the official ICD-10-PCS FY2026 tables in `../shared/codesets/`
//! (relative to the project root; `PROCTOR_SHARED_CODESETS` points elsewhere). The files are
//! never committed: when they are absent these tests print why and pass without checking.
//!
//! Until the ICD-10-PCS importer (the issue "The whole open book") lands, a small reader of the
//! official tables XML here stands in for it behind `CodeLookup`, which is all the validator and the
//! live checks need.

use proctor::bank::{Catalog, Severity, SourceFile};
use proctor::codeset::{CodeLookup, EntryCheck, EntrySystem, InstalledBooks, Lookup, check_entry};
use std::collections::HashMap;
use std::path::PathBuf;

fn shared_codesets() -> PathBuf {
    std::env::var_os("PROCTOR_SHARED_CODESETS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/codesets"),
        PathBuf::from,
    )
}

/// Valid PCS codes as the tables define them: per table (characters 1-3), rows giving the values
/// allowed for characters 4 to 7.
struct PcsTables {
    tables: HashMap<String, Table>,
}

/// A table's root operation title and its rows: the values allowed for characters 4 to 7.
type Table = (String, Vec<[Vec<char>; 4]>);

fn attr(line: &str, name: &str) -> Option<String> {
    let at = line.find(&format!("{name}=\""))? + name.len() + 2;
    Some(line[at..].split('"').next()?.to_string())
}

impl PcsTables {
    fn read(xml: &str) -> PcsTables {
        let mut tables: HashMap<String, Table> = HashMap::new();
        let (mut head, mut title, mut pos) = (String::new(), String::new(), 0usize);
        let mut row: Option<[Vec<char>; 4]> = None;
        for line in xml.lines().map(str::trim) {
            if line.starts_with("<pcsTable") {
                head.clear();
                title.clear();
            } else if line.starts_with("<pcsRow") {
                row = Some(Default::default());
            } else if line.starts_with("</pcsRow") {
                let r = row.take().expect("row open");
                tables
                    .entry(head.clone())
                    .or_insert_with(|| (title.clone(), vec![]))
                    .1
                    .push(r);
            } else if line.starts_with("<axis") {
                pos = attr(line, "pos").unwrap().parse().unwrap();
            } else if line.starts_with("<label") {
                let code = attr(line, "code").unwrap().chars().next().unwrap();
                let text = line
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                match (pos, row.as_mut()) {
                    (1..=3, None) => {
                        head.push(code);
                        if pos == 3 {
                            title = text.to_string();
                        }
                    }
                    (4..=7, Some(r)) => r[pos - 4].push(code),
                    _ => {}
                }
            }
        }
        PcsTables { tables }
    }

    fn len(&self) -> usize {
        self.tables
            .values()
            .flat_map(|(_, rows)| rows)
            .map(|r| r.iter().map(Vec::len).product::<usize>())
            .sum()
    }
}

impl CodeLookup for PcsTables {
    fn lookup(&self, s: EntrySystem, year: u16, code: &str) -> Option<Lookup> {
        if s != EntrySystem::Icd10Pcs {
            return InstalledBooks.lookup(s, year, code);
        }
        if year != 2026 {
            return None;
        }
        let c: Vec<char> = code.trim().to_ascii_uppercase().chars().collect();
        if c.len() != 7 {
            return Some(Lookup::Unknown);
        }
        let head: String = c[..3].iter().collect();
        let Some((title, rows)) = self.tables.get(&head) else {
            return Some(Lookup::Unknown);
        };
        let valid = rows
            .iter()
            .any(|r| (0..4).all(|i| r[i].contains(&c[3 + i])));
        Some(if valid {
            Lookup::Billable(title.clone())
        } else {
            Lookup::Unknown
        })
    }
}

fn tables() -> Option<PcsTables> {
    let path = shared_codesets().join("icd10pcs-2026/icd10pcs_tables_2026.xml");
    match std::fs::read_to_string(&path) {
        Ok(xml) => Some(PcsTables::read(&xml)),
        Err(e) => {
            println!(
                "skipped: the official ICD-10-PCS FY2026 tables are not at {} ({e})",
                path.display()
            );
            None
        }
    }
}

#[test]
fn the_reader_finds_every_fy2026_pcs_code() {
    let Some(pcs) = tables() else { return };
    // The count CMS gives for the FY2026 (October 2025) release.
    assert_eq!(pcs.len(), 79_115);
}

#[test]
fn live_checks_with_the_official_pcs_tables() {
    let Some(pcs) = tables() else { return };
    let both = [EntrySystem::Icd10Cm, EntrySystem::Icd10Pcs];
    assert_eq!(
        check_entry(&pcs, &both, 2026, "0dtj4zz"),
        EntryCheck::Valid(EntrySystem::Icd10Pcs, Some("Resection".into()))
    );
    // Resection of the appendix has no external approach (X).
    assert_eq!(
        check_entry(&pcs, &both, 2026, "0DTJXZZ"),
        EntryCheck::NotACode
    );
    assert_eq!(
        check_entry(&pcs, &both, 2026, "0DTJ4Z"),
        EntryCheck::NeedsMore(EntrySystem::Icd10Pcs)
    );
}

#[test]
fn the_validator_checks_code_entry_answers_against_the_official_pcs_tables() {
    let Some(pcs) = tables() else { return };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coding");
    let mut diags = vec![];
    let mut files = SourceFile::from_path(&dir, &mut diags);
    let (_, report) = Catalog::load_checked(&files, false, Some(&pcs));
    // With PCS installed nothing is left unchecked: no warning, no error.
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);

    // The same bank with an approach the table does not allow.
    let bank = files
        .iter_mut()
        .find(|f| f.path.ends_with("coding-bank.yaml"))
        .unwrap();
    let text = bank
        .text
        .replace("answer: [K35.80, 0DTJ4ZZ]", "answer: [K35.80, 0DTJXZZ]");
    *bank = SourceFile::new(bank.path.clone(), text, false);
    let (_, report) = Catalog::load_checked(&files, false, Some(&pcs));
    let errors: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        vec![
            "question CODING-10: the answer's 0DTJXZZ is not a code in the 2026 ICD-10-PCS code set: check it in the code book"
        ]
    );
}
