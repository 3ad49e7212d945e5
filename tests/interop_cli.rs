//! `proctor import` and `proctor export` as authors meet them: the real binary on a fixture per
//! format, then `proctor validate` of what it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn proctor(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .env("PROCTOR_DATA_DIR", data)
        .output()
        .expect("run proctor")
}

/// `proctor import FILE --exam EXAM [MORE...] --out OUT`.
fn import(data: &Path, file: &str, exam: &str, more: &[&str], out: &Path) -> Output {
    let mut args = vec!["import", file, "--exam", exam];
    args.extend_from_slice(more);
    args.extend(["--out", out.to_str().unwrap()]);
    proctor(data, &args)
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Imports `name` into a fresh folder; returns the folder, the import's output and the findings
/// lines (`path:line:col: severity: message`) of `proctor validate` on that folder.
fn import_then_validate(name: &str) -> (tempfile::TempDir, String, Vec<String>) {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = import(data.path(), &fixture(name), "CPB", &[], out.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v = proctor(data.path(), &["validate", out.path().to_str().unwrap()]);
    let findings = String::from_utf8_lossy(&v.stdout)
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect();
    (out, text(&o), findings)
}

/// Only what the source lacks is reported: references, domains and difficulty (and, for Aiken,
/// which has no feedback at all, the rationale).
fn assert_only_missing(findings: &[String], extra_allowed: &[&str]) {
    let mut allowed = vec![
        "every question needs at least one non-empty reference",
        "no domain",
        "difficulty unrated",
    ];
    allowed.extend_from_slice(extra_allowed);
    assert!(!findings.is_empty());
    for f in findings {
        assert!(
            allowed.iter().any(|a| f.contains(a)),
            "unexpected finding: {f}"
        );
    }
}

fn assert_refused_one(out: &str, kind: &str, first_line: &str) {
    assert!(out.contains("refused 1 question(s)"), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains(kind))
        .unwrap_or_else(|| panic!("no `{kind}` in {out}"));
    assert!(line.contains(first_line), "{line}");
}

fn bank_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn gift_import_validates_with_only_missing_fields() {
    let (dir, out, findings) = import_then_validate("quiz.gift");
    assert_only_missing(&findings, &[]);
    assert!(
        findings
            .iter()
            .any(|f| f.contains("gift-misc-1: no domain")),
        "{findings:?}"
    );
    assert_eq!(
        findings.iter().filter(|f| f.contains("reference")).count(),
        3
    );
    assert_refused_one(&out, "essay", "Describe the steps of the revenue cycle");
    // Source positions: the findings the import prints point into the GIFT file.
    assert!(
        out.contains("quiz.gift:22:1: error: question gift-misc-1: no domain"),
        "{out}"
    );
    // Category `claims` became the domain, one bank per domain, the multi-answer set declared.
    let files = bank_files(dir.path());
    assert_eq!(files.len(), 2);
    let claims = std::fs::read_to_string(&files[0]).unwrap();
    assert!(claims.contains("domain: \"claims\""));
    assert!(claims.contains("answer: [A, B]"));
    assert!(
        claims.contains("B: \"Item 33 (billing provider)\"")
            || claims.contains("C: \"Item 33 (billing provider)\"")
    );
    assert!(claims.contains("The UB-04 is the institutional claim form used by hospitals."));
}

#[test]
fn aiken_import_reports_what_aiken_cannot_carry() {
    let (_dir, out, findings) = import_then_validate("quiz.aiken.txt");
    assert_only_missing(&findings, &["empty explanation", "no reason in `why`"]);
    assert_refused_one(
        &out,
        "not multiple choice",
        "Describe the purpose of a clearinghouse",
    );
}

#[test]
fn moodle_xml_import_validates_with_only_missing_fields() {
    let (dir, out, findings) = import_then_validate("quiz-moodle.xml");
    assert_only_missing(&findings, &[]);
    assert!(
        findings
            .iter()
            .any(|f| f.contains("moodle-tf-1: no domain")),
        "{findings:?}"
    );
    assert_refused_one(&out, "matching", "Match each form to its setting.");
    let all: String = bank_files(dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(all.contains("domain: \"payment\""));
    assert!(all.contains("On an 835, which group code says the patient owes the amount?"));
    assert!(all.contains("Group code PR (patient responsibility)"));
}

#[test]
fn qti_package_import_validates_with_only_missing_fields() {
    let (dir, out, findings) = import_then_validate("package-qti21.zip");
    assert_only_missing(&findings, &[]);
    assert_refused_one(
        &out,
        "essay",
        "Explain how you would prevent timely-filing denials.",
    );
    assert!(
        out.contains("package-qti21.zip!items/den1.xml:2:1"),
        "{out}"
    );
    let all: String = bank_files(dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(all.contains("domain: \"denials\""), "{all}");
    assert!(all.contains("Non-covered services carry CARC 96, not 29."));
}

#[test]
fn qti3_single_item_and_csv_import() {
    let (_d, _out, findings) = import_then_validate("item-qti30.xml");
    assert_only_missing(&findings, &[]);
    let (dir, out, findings) = import_then_validate("quiz.csv");
    // The CSV layout carries domain and difficulty: only the references are missing.
    assert!(
        findings.iter().all(|f| f.contains("reference")),
        "{findings:?}"
    );
    assert_eq!(findings.len(), 2);
    assert_refused_one(&out, "essay", "Write a collection letter");
    let bank = std::fs::read_to_string(&bank_files(dir.path())[0]).unwrap();
    assert!(bank.contains("per a \\\"standard\\\" report?"), "{bank}");
}

#[test]
fn unknown_exam_or_domain_is_a_usage_error_and_junk_a_failure() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = import(data.path(), &fixture("quiz.gift"), "NOPE", &[], out.path());
    assert_eq!(o.status.code(), Some(2));
    let o = import(
        data.path(),
        &fixture("quiz.gift"),
        "CPB",
        &["--domain", "nope"],
        out.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let junk = out.path().join("junk.bin");
    std::fs::write(&junk, [0u8, 159, 146, 150, 255]).unwrap();
    let o = import(data.path(), junk.to_str().unwrap(), "CPB", &[], out.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("format not recognised"));
}

#[test]
fn domain_option_puts_every_question_in_one_bank() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = import(
        data.path(),
        &fixture("quiz.gift"),
        "CPB",
        &["--domain", "claims"],
        out.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let files = bank_files(out.path());
    assert_eq!(files.len(), 1);
    let v = proctor(data.path(), &["validate", out.path().to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&v.stdout).contains("no domain"));
}

/// Must show: `proctor export CPB --format moodle-xml` then `proctor import` reproduces every stem,
/// option and key of the CPB banks.
#[test]
fn cpb_moodle_export_then_import_reproduces_stems_options_and_keys() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let xml = work.path().join("cpb.xml");
    let o = proctor(
        data.path(),
        &[
            "export",
            "CPB",
            "--format",
            "moodle-xml",
            "--out",
            xml.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = work.path().join("banks");
    let o = import(data.path(), xml.to_str().unwrap(), "CPB", &[], &out);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("refused 0;"), "{}", text(&o));
    let mut imported = Vec::new();
    for f in bank_files(&out) {
        let bank: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        for q in bank["questions"].as_sequence().unwrap() {
            imported.push(q.clone());
        }
    }
    let catalog =
        proctor::bank::Catalog::load(&proctor::bank::SourceFile::shipped_files(), false).0;
    let exam = catalog.blueprint("CPB").unwrap().exam.clone();
    let mut n = 0;
    for bank in catalog.banks_for_exam(&exam) {
        for q in bank.questions.iter().filter(|q| !q.is_code_entry()) {
            n += 1;
            let got = imported
                .iter()
                .find(|i| i["id"].as_str() == Some(q.id.as_str()))
                .unwrap_or_else(|| panic!("{} not imported", q.id));
            let case = q
                .case
                .as_ref()
                .and_then(|c| bank.cases.iter().find(|x| &x.id == c));
            let want = proctor::interop::from_bank::item(
                q,
                case.map(|c| format!("{}\n{}", c.title, c.text)).as_deref(),
            );
            assert_eq!(got["stem"].as_str(), Some(want.stem.as_str()), "{}", q.id);
            assert_eq!(got["domain"].as_str(), Some(q.domain.as_str()), "{}", q.id);
            for (k, c) in &q.choices {
                let text = got["choices"][k.to_string().as_str()].as_str().unwrap();
                assert_eq!(text, proctor::interop::text::tidy(c), "{} {k}", q.id);
            }
            let keys: Vec<String> = q.key_set().iter().map(|k| k.to_string()).collect();
            let got_keys: Vec<String> = match &got["answer"] {
                serde_yaml::Value::String(s) => vec![s.clone()],
                serde_yaml::Value::Sequence(s) => {
                    s.iter().map(|v| v.as_str().unwrap().to_string()).collect()
                }
                other => panic!("{other:?}"),
            };
            assert_eq!(got_keys, keys, "{}", q.id);
            assert_eq!(got["answer"].is_sequence(), q.is_multi(), "{}", q.id);
        }
    }
    assert!(n > 100, "only {n} CPB questions");
    assert_eq!(imported.len(), n);
}

#[test]
fn export_formats_write_files_and_unknown_names_are_usage_errors() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    for (fmt, check) in [
        ("qti", b"PK".as_slice()),
        ("gift", b"//".as_slice()),
        ("csv", b"id,".as_slice()),
    ] {
        let f = work.path().join(format!("out.{fmt}"));
        let o = proctor(
            data.path(),
            &[
                "export",
                "CPB",
                "--format",
                fmt,
                "--out",
                f.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(std::fs::read(&f).unwrap().starts_with(check), "{fmt}");
    }
    let o = proctor(data.path(), &["export", "NOPE", "--format", "gift"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Import and export never write over a file: a second import into the same folder, or an export
/// to an existing file, writes nothing and says so.
#[test]
fn import_and_export_never_replace_an_existing_file() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let args = [
        "import",
        &fixture("quiz.gift"),
        "--exam",
        "CPB",
        "--out",
        dir,
    ];
    let first = proctor(data.path(), &args);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first));
    let files = bank_files(out.path());
    assert!(!files.is_empty());
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for f in &files {
        // The author has started filling in the references.
        let mut b = std::fs::read(f).unwrap();
        b.extend_from_slice(b"# edited by the author\n");
        std::fs::write(f, &b).unwrap();
    }
    let edited: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert_ne!(before, edited);
    let second = proctor(data.path(), &args);
    assert_eq!(second.status.code(), Some(1), "{}", text(&second));
    assert!(
        text(&second).contains("nothing was written"),
        "{}",
        text(&second)
    );
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert_eq!(after, edited, "the author's files are untouched");
    let target = out.path().join("cpb.xml");
    std::fs::write(&target, b"keep me").unwrap();
    let export = proctor(
        data.path(),
        &[
            "export",
            "CPB",
            "--format",
            "moodle-xml",
            "--out",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(export.status.code(), Some(1), "{}", text(&export));
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
}
