//! `proctor codes import|list|diff`, `proctor code` across systems and the validator's rollover
//! warning, through the real binary. The first tests use small fixtures written for proctor in
//! the official schemas (tests/fixtures/codesets/) and always run; the last ones read CMS's and
//! CDC's own files from ../shared/codesets/ (or $PROCTOR_CODESETS_DIR) and skip, saying why,
//! when that folder is absent. Nothing generated from the official files is committed.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn proctor(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .env("PROCTOR_DATA_DIR", data)
        .output()
        .expect("run proctor")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).expect("JSON output")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/codesets")
        .join(name)
        .display()
        .to_string()
}

fn installed_files(data: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(data.join("codesets"))
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn fixtures_import_list_look_up_and_diff() {
    let d = tempfile::tempdir().unwrap();
    let out = proctor(
        d.path(),
        &[
            "codes",
            "import",
            &fixture("pcs-tables-2025.xml"),
            &fixture("pcs-tables-2026.xml"),
            &fixture("hcpcs-2026-jan.txt"),
            &fixture("cm-index-2026.xml"),
            &fixture("cm-drug-2026.xml"),
        ],
    );
    let text = ok(&out);
    assert!(
        text.contains("2 Level I (CPT) or D-code records left out"),
        "{text}"
    );
    let list = json(&proctor(d.path(), &["codes", "list", "--json"]));
    let items = list["installed"].as_array().unwrap();
    let find = |kind: &str, release: &str| {
        items
            .iter()
            .find(|i| i["kind"] == kind && i["release"] == release)
            .unwrap_or_else(|| panic!("{kind} {release} in {list}"))
    };
    assert_eq!(find("pcs-tables", "2025")["counts"]["codes"], 6);
    assert_eq!(find("pcs-tables", "2026")["counts"]["codes"], 6);
    let h = find("hcpcs", "2026-01");
    assert_eq!(
        h["counts"]["codes"], 4,
        "A4206, J9035, J9999, Q0091: no CPT, no D-code"
    );
    assert_eq!(h["counts"]["modifiers"], 1);
    assert_eq!(h["source_file"], "hcpcs-2026-jan.txt");
    assert_eq!(h["source_sha256"].as_str().unwrap().len(), 64);
    find("cm-index", "2026");
    find("cm-drug-table", "2026");

    // A PCS code: each character with its axis and meaning, the root operation's definition.
    let v = json(&proctor(d.path(), &["code", "0dtj4zz", "--json"]));
    let chars = v["code"]["detail"]["characters"].as_array().unwrap();
    assert_eq!(v["code"]["system"], "pcs");
    assert_eq!(v["code"]["release"], "2026");
    assert_eq!(chars.len(), 7);
    assert_eq!(chars[2]["meaning"], "Resection");
    assert_eq!(
        chars[2]["definition"],
        "Cutting out or off, without replacement, all of a body part"
    );
    assert_eq!(chars[3]["axis"], "Body Part");
    assert_eq!(chars[3]["meaning"], "Appendix");
    // Not a valid combination: no page.
    let out = proctor(d.path(), &["code", "0DTJ4ZX", "--system", "pcs", "--json"]);
    assert_eq!(out.status.code(), Some(1), "nothing found exits 1");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["code"].is_null(), "{v}");

    // HCPCS: long description, dates, never CPT or D-codes.
    let v = json(&proctor(d.path(), &["code", "J9999", "--json"]));
    assert_eq!(
        v["code"]["title"],
        "Not otherwise classified, antineoplastic drugs, with a long description that continues on a second line"
    );
    assert_eq!(v["code"]["detail"]["added"], "1990-01-01");
    let v = json(&proctor(d.path(), &["code", "Q0091", "--json"]));
    assert_eq!(v["code"]["detail"]["terminated"], "2025-12-31");
    assert_eq!(v["code"]["billable"], false);
    let v = json(&proctor(
        d.path(),
        &["code", "RT", "--system", "hcpcs", "--json"],
    ));
    assert_eq!(v["code"]["detail"]["modifier"], true);
    for absent in ["D0120", "99213"] {
        let v: Value = serde_json::from_slice(
            &proctor(d.path(), &["code", absent, "--system", "hcpcs", "--json"]).stdout,
        )
        .unwrap();
        assert!(v["code"].is_null(), "{absent} must never be shown: {v}");
    }

    // The index read as the book reads: main term, subterms, code.
    let v = json(&proctor(
        d.path(),
        &[
            "code",
            "hypertension heart failure",
            "--system",
            "cm",
            "--json",
        ],
    ));
    let via: Vec<String> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["matched"] == "index")
        .map(|r| format!("{} {}", r["code"], r["via"]))
        .collect();
    assert!(
        via.iter().any(|s| s.contains("I11.0")
            && s.contains("Hypertension, hypertensive (accelerated) (benign) (essential), heart")),
        "{via:?}"
    );
    let v = json(&proctor(d.path(), &["code", "acetaminophen", "--json"]));
    assert!(v.to_string().contains("Adverse effect: T39.1X5"), "{v}");

    // Diff: the deleted device value, the added approach, the retitled approach label.
    let v = json(&proctor(
        d.path(),
        &["codes", "diff", "pcs:2025", "pcs:2026", "--json"],
    ));
    assert_eq!(v["counts"]["added"], 1, "{v}");
    assert_eq!(v["added"][0]["code"], "0DTJ3ZZ");
    assert_eq!(v["counts"]["deleted"], 1);
    assert_eq!(v["deleted"][0]["code"], "0SG604Z");
    assert_eq!(v["counts"]["retitled"], 1);
    assert_eq!(v["retitled"][0]["code"], "0DTJ8ZZ");

    // The validator warns about the deleted code once the newer year is installed.
    let bank =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rollover/pcs-deleted-code.yaml");
    let out = proctor(d.path(), &["validate", &bank.display().to_string()]);
    let text = ok(&out);
    assert!(
        text.contains(":30:43: warning: question FIX-0001: 0SG604Z (valid in ICD-10-PCS 2025) was deleted in ICD-10-PCS 2026"),
        "{text}"
    );
    assert!(!text.contains("0DTJ4ZZ"), "{text}");
}

/// A one-question bank of `code_year` citing `codes`, written into `dir`.
fn bank_citing(dir: &Path, code_year: u16, codes: &str) -> String {
    let path = dir.join(format!("cm-{code_year}.yaml"));
    std::fs::write(
        &path,
        format!(
            "bank: fixture-cm-{code_year}\ntitle: \"Fixture: a CM year\"\nexam: CPB\nversion: 1\n\
             code_year: {code_year}\nauthors: [proctor tests]\nlicense: CC-BY-4.0\nquestions:\n\
             \x20 - id: FIXCM-{code_year}\n    domain: insurance\n    difficulty: easy\n\
             \x20   stem: |\n      Which choice is the key of this fixture question?\n\
             \x20   choices:\n      A: Alpha\n      B: Bravo\n    answer: A\n\
             \x20   explanation: |\n      A is the key; B is not.\n\
             \x20   references:\n      - Test reference\n    codes: [{codes}]\n"
        ),
    )
    .unwrap();
    path.display().to_string()
}

/// Another year's ICD-10-CM tabular list (the miniature "FY2027" in CDC's schema) beside the
/// built-in FY2026: import, list, look up in it, diff against the built-in, and a bank's
/// `code_year` picks it for the validator.
#[test]
fn a_cm_tabular_of_another_year_installs_beside_the_built_in_one() {
    let d = tempfile::tempdir().unwrap();
    let banks = tempfile::tempdir().unwrap();
    // Not installed yet: the bank's 2027 codes are not checked, and it says so.
    let b27 = bank_citing(banks.path(), 2027, "I11.A, S72.001B");
    let text = ok(&proctor(d.path(), &["validate", &b27]));
    assert!(
        text.contains("no ICD-10-CM tabular list for code_year 2027"),
        "{text}"
    );
    let text = ok(&proctor(
        d.path(),
        &["codes", "import", &fixture("cm-tabular-2027.xml")],
    ));
    assert!(
        text.contains("installed ICD-10-CM Tabular List 2027 (ICD-10-CM)"),
        "{text}"
    );
    assert_eq!(installed_files(d.path()), ["cm-tabular-2027.codes"]);
    let list = json(&proctor(d.path(), &["codes", "list", "--json"]));
    let item = &list["installed"][0];
    assert_eq!(
        (&item["kind"], &item["release"]),
        (&"cm-tabular".into(), &"2027".into())
    );
    assert_eq!(item["counts"]["billable"], 13, "{item}");
    assert_eq!(item["counts"]["chapters"], 2);
    let sha = item["source_sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert_eq!(list["built_in"][0]["release"], "2026");
    // Look-ups answer from the newest year, with its notes and 7th characters.
    let v = json(&proctor(d.path(), &["code", "I11.A", "--json"]));
    assert_eq!(v["code"]["release"], "2027", "{v}");
    assert_eq!(v["code"]["billable"], true);
    let v = json(&proctor(d.path(), &["code", "S72.001B", "--json"]));
    assert_eq!(v["code"]["release"], "2027");
    assert!(
        v.to_string()
            .contains("initial encounter for open fracture NOS"),
        "{v}"
    );
    let out = proctor(d.path(), &["code", "S06.1X7D", "--system", "cm", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["code"].is_null(), "{v}");
    // `--year` reads a code as it was in that year's set: I10 retitled, E11.9 only in FY2026.
    let y26 = json(&proctor(
        d.path(),
        &["code", "I10", "--year", "2026", "--json"],
    ));
    let y27 = json(&proctor(
        d.path(),
        &["code", "I10", "--year", "2027", "--json"],
    ));
    assert_eq!(y26["code"]["release"], "2026", "{y26}");
    assert_eq!(y27["code"]["release"], "2027", "{y27}");
    assert_ne!(y26["code"]["title"], y27["code"]["title"]);
    assert_eq!(y27["code_sets"], serde_json::json!(["ICD-10-CM 2027"]));
    let v = json(&proctor(
        d.path(),
        &["code", "E11.9", "--year", "2026", "--json"],
    ));
    assert_eq!(v["code"]["release"], "2026", "{v}");
    let out = proctor(d.path(), &["code", "E11.9", "--year", "2027"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No code or description matches"));
    let out = proctor(d.path(), &["code", "I10", "--year", "2019"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no code set of 2019 is installed"));
    let out = proctor(d.path(), &["code", "I10", "--year", "1999"]);
    assert_eq!(out.status.code(), Some(2), "not a year a code set has");
    // Diff against the built-in year.
    let v = json(&proctor(
        d.path(),
        &["codes", "diff", "cm:2026", "cm:2027", "--json"],
    ));
    assert_eq!(v["counts"]["added"], 1, "{}", v["counts"]);
    assert_eq!(v["added"][0]["code"], "I11.A");
    assert_eq!(v["counts"]["retitled"], 1);
    assert_eq!(v["retitled"][0]["code"], "I10");
    assert_eq!(v["counts"]["deleted"], 74_719 - 12);
    // The bank's code_year picks FY2027 for the validator: I11.A is valid there...
    let text = ok(&proctor(d.path(), &["validate", &b27]));
    assert!(!text.contains("code_year 2027"), "{text}");
    assert!(!text.contains("I11.A"), "{text}");
    // ... and E11.9, a FY2026 code absent from this FY2027, is not.
    let bad = bank_citing(banks.path(), 2027, "E11.9");
    let out = proctor(d.path(), &["validate", &bad]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("E11.9 is not a code in the FY2027 ICD-10-CM code set"),
        "{all}"
    );
    // A FY2026 bank hears about its codes that FY2027 deleted or retitled.
    let b26 = bank_citing(banks.path(), 2026, "I10, E11.9, I11.0");
    let text = ok(&proctor(d.path(), &["validate", &b26]));
    assert!(
        text.contains("E11.9 (valid in ICD-10-CM 2026) was deleted in ICD-10-CM 2027"),
        "{text}"
    );
    assert!(
        text.contains("I10 (valid in ICD-10-CM 2026) was retitled in ICD-10-CM 2027"),
        "{text}"
    );
    assert!(!text.contains("I11.0 (valid"), "{text}");
    // The built-in year is not imported over.
    let src = std::fs::read_to_string(fixture("cm-tabular-2027.xml")).unwrap();
    let fy26 = banks.path().join("tabular-2026.xml");
    std::fs::write(
        &fy26,
        src.replace("<version>2027</version>", "<version>2026</version>"),
    )
    .unwrap();
    let out = proctor(d.path(), &["codes", "import", &fy26.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FY2026 is built into proctor"));
    assert_eq!(installed_files(d.path()), ["cm-tabular-2027.codes"]);
}

#[test]
fn a_bad_file_changes_nothing_and_says_why() {
    let d = tempfile::tempdir().unwrap();
    ok(&proctor(
        d.path(),
        &["codes", "import", &fixture("pcs-tables-2025.xml")],
    ));
    let before = installed_files(d.path());
    let src = std::fs::read_to_string(fixture("pcs-tables-2026.xml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("icd10pcs_tables_2026.xml");
    std::fs::write(&truncated, &src[..src.len() / 2]).unwrap();
    let unknown = dir.path().join("something.xml");
    std::fs::write(
        &unknown,
        "<?xml version=\"1.0\"?>\n<catalog><version>2026</version></catalog>\n",
    )
    .unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some notes\n").unwrap();
    let cm_cut = dir.path().join("icd10cm_tabular_2027.xml");
    let cm = std::fs::read_to_string(fixture("cm-tabular-2027.xml")).unwrap();
    std::fs::write(&cm_cut, &cm[..cm.len() * 2 / 3]).unwrap();
    for (file, says) in [
        (&truncated, "truncated"),
        (&cm_cut, "truncated"),
        (&unknown, "its root element is <catalog>"),
        (&text, "not a code-set file proctor knows"),
    ] {
        // Good file first: still nothing is installed when one of them is bad.
        let out = proctor(
            d.path(),
            &[
                "codes",
                "import",
                &fixture("hcpcs-2026-jan.txt"),
                &file.display().to_string(),
            ],
        );
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert!(err.contains("nothing was installed"), "{err}");
        assert_eq!(installed_files(d.path()), before);
    }
}

#[test]
fn a_damaged_installed_file_is_reported_and_not_trusted() {
    let d = tempfile::tempdir().unwrap();
    ok(&proctor(
        d.path(),
        &["codes", "import", &fixture("pcs-tables-2026.xml")],
    ));
    let path = d.path().join("codesets/pcs-tables-2026.codes");
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0xff;
    std::fs::write(&path, &bytes).unwrap();
    let out = proctor(d.path(), &["code", "0DTJ4ZZ", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("damaged"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["code"].is_null(), "a damaged file must not answer: {v}");
    // Re-importing moves the unreadable file aside instead of overwriting it.
    ok(&proctor(
        d.path(),
        &["codes", "import", &fixture("pcs-tables-2026.xml")],
    ));
    let files = installed_files(d.path());
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("pcs-tables-2026.codes.unreadable-")),
        "{files:?}"
    );
    let v = json(&proctor(d.path(), &["code", "0DTJ4ZZ", "--json"]));
    assert_eq!(v["code"]["code"], "0DTJ4ZZ");
}

#[test]
fn common_words_and_abbreviations_find_the_code_coders_mean() {
    let d = tempfile::tempdir().unwrap();
    let top3 = |q: &str| -> Vec<String> {
        let v = json(&proctor(d.path(), &["code", q, "--json"]));
        v["results"].as_array().unwrap()[..3]
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    for (q, code) in [
        ("chf", "I50.9"),
        ("congestive heart failure", "I50.9"),
        ("hypertension", "I10"),
        ("htn", "I10"),
        ("copd", "J44.9"),
        ("heart attack", "I21.9"),
        ("uti", "N39.0"),
    ] {
        assert!(top3(q).contains(&code.to_string()), "{q}: {:?}", top3(q));
    }
    let v = json(&proctor(
        d.path(),
        &["code", "uti", "--json", "--limit", "100"],
    ));
    assert!(
        !v.to_string().to_lowercase().contains("utilit"),
        "uti must not match utilities"
    );
}

/// The official files, when this checkout has them beside it.
fn official() -> Option<PathBuf> {
    let dir = std::env::var_os("PROCTOR_CODESETS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/codesets"));
    if dir.join("MANIFEST.sha256").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: the official code-set files are not at {} (set PROCTOR_CODESETS_DIR)",
            dir.display()
        );
        None
    }
}

#[test]
fn official_pcs_and_hcpcs_files_import_and_answer() {
    let Some(dir) = official() else { return };
    let d = tempfile::tempdir().unwrap();
    let p = |rel: &str| dir.join(rel).display().to_string();
    ok(&proctor(
        d.path(),
        &[
            "codes",
            "import",
            &p("icd10pcs-2026/icd10pcs_tables_2026.xml"),
        ],
    ));
    let v = json(&proctor(d.path(), &["code", "0DTJ4ZZ", "--json"]));
    let chars = v["code"]["detail"]["characters"].as_array().unwrap();
    assert_eq!(chars[2]["meaning"], "Resection");
    assert_eq!(chars[3]["meaning"], "Appendix");
    ok(&proctor(
        d.path(),
        &[
            "codes",
            "import",
            &p("hcpcs-2026-jan/january-2026-alpha-numeric-hcpcs-file.zip"),
        ],
    ));
    let v = json(&proctor(d.path(), &["code", "J9035", "--json"]));
    assert!(
        v["code"]["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("bevacizumab")
    );
    let list = json(&proctor(d.path(), &["codes", "list", "--json"]));
    let items = list["installed"].as_array().unwrap();
    let pcs = items.iter().find(|i| i["system"] == "pcs").unwrap();
    assert_eq!(pcs["counts"]["codes"], 79_115);
    assert_eq!(
        pcs["source_sha256"],
        "8a9020bde754a93826ae122ac6bb293271a167e34c05181f1789b5fd3038e96a"
    );
    let hcpcs = items.iter().find(|i| i["system"] == "hcpcs").unwrap();
    assert_eq!(hcpcs["release"], "2026-01");
    assert!(hcpcs["counts"]["codes"].as_u64().unwrap() > 7_000);
    // No Level I and no D-codes.
    // Nothing found is a failed look-up (exit 1), still answered in JSON.
    let out = proctor(d.path(), &["code", "99213", "--system", "hcpcs", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert!(v["code"].is_null());
    assert!(v["results"].as_array().unwrap().is_empty());
}

#[test]
fn official_pcs_years_diff_and_the_validator_warns() {
    let Some(dir) = official() else { return };
    let d = tempfile::tempdir().unwrap();
    let p = |rel: &str| dir.join(rel).display().to_string();
    ok(&proctor(
        d.path(),
        &[
            "codes",
            "import",
            &p("icd10pcs-2025/icd10pcs_tables_2025.xml"),
            &p("icd10pcs-2026/icd10pcs_tables_2026.xml"),
            &p("icd10pcs-2026/icd10pcs_definitions_2026.xml"),
            &p("icd10pcs-2025/icd10pcs_index_2025.xml"),
        ],
    ));
    let v = json(&proctor(
        d.path(),
        &["codes", "diff", "pcs:2025", "pcs:2026", "--json"],
    ));
    assert_eq!(v["counts"]["added"], 206, "{}", v["counts"]);
    assert_eq!(v["counts"]["deleted"], 39);
    let deleted: Vec<&str> = v["deleted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert!(deleted.contains(&"0SG604Z"));
    let bank =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rollover/pcs-deleted-code.yaml");
    let text = ok(&proctor(
        d.path(),
        &["validate", &bank.display().to_string()],
    ));
    assert!(
        text.contains("0SG604Z (valid in ICD-10-PCS 2025) was deleted in ICD-10-PCS 2026"),
        "{text}"
    );
    // The index reads as the book: main term, then where it sends the coder.
    let v = json(&proctor(
        d.path(),
        &["code", "appendectomy", "--system", "pcs", "--json"],
    ));
    assert!(v.to_string().contains("0DTJ"), "{v}");
}

#[test]
fn official_cm_tables_import() {
    let Some(dir) = official() else { return };
    let d = tempfile::tempdir().unwrap();
    let p = |rel: &str| dir.join(rel).display().to_string();
    let out = ok(&proctor(
        d.path(),
        &[
            "codes",
            "import",
            &p("icd10cm-2025-tables/icd-10-cm-drug-2025.xml"),
            &p("icd10cm-2025-tables/icd-10-cm-neoplasm-2025.xml"),
            &p("icd10cm-2025-tables/icd-10-cm-eindex-2025.xml"),
        ],
    ));
    assert!(out.contains("Table of Drugs and Chemicals 2025"), "{out}");
    assert!(out.contains("Neoplasm Table 2025"), "{out}");
    assert!(out.contains("External Cause Index 2025"), "{out}");
    let v = json(&proctor(
        d.path(),
        &["code", "acetaminophen", "--system", "cm", "--json"],
    ));
    assert!(v.to_string().contains("T39.1X5"), "{v}");
}
