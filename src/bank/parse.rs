//! Turning one file's text into a typed document, or into findings that say exactly what is wrong.
//!
//! The fast path is a single typed serde parse; well-formed files never pay for more. Only when that
//! fails does the slow path read the file again at event level (for positions and duplicate keys) and
//! deserialize it piece by piece, so that every bad question is reported, not just the first.

use super::diagnostic::{Diagnostic, Pos};
use super::model::{Bank, BankHeader, Blueprint, Case, Question};
use super::scan::scan;
use super::source::SourceFile;
use super::text::{check_value_text, first_suspect, forbidden_char};
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Document {
    Bank(Bank),
    Blueprint(Blueprint),
}

/// The findings about one file; the document when it has no errors.
pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    let before = diags.len();
    if !raw_text_ok(file, diags) {
        return None;
    }
    let doc = match kind_of(&file.text) {
        Kind::Bank => parse_bank(file, diags).map(Document::Bank),
        Kind::Blueprint => parse_typed::<Blueprint>(file, diags).map(Document::Blueprint),
        Kind::Unknown => {
            diags.push(Diagnostic::error(
                &file.path,
                Pos::START,
                "neither a bank (top-level `bank:` key) nor a blueprint (top-level `domains:` key); see docs/authoring.md",
            ));
            None
        }
    }?;
    check_texts(file, &doc, diags);
    let has_errors = diags[before..].iter().any(Diagnostic::is_error);
    (!has_errors).then_some(doc)
}

/// Reports raw control characters with their exact position. Stops at a handful: a binary file would
/// otherwise produce thousands of lines.
fn raw_text_ok(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(first) = first_suspect(&file.text, false) else {
        return true;
    };
    let mut found = 0;
    for (offset, c) in file.text[first..].char_indices() {
        if let Some(why) = forbidden_char(c) {
            found += 1;
            if found <= 5 {
                diags.push(Diagnostic::error(
                    &file.path,
                    Pos::of_offset(&file.text, first + offset),
                    format!(
                        "{why} (U+{:04X}): a bank must never be able to drive the terminal; delete it",
                        c as u32
                    ),
                ));
            }
        }
    }
    if found > 5 {
        diags.push(Diagnostic::error(
            &file.path,
            Pos::START,
            format!("{} more forbidden characters not listed", found - 5),
        ));
    }
    found == 0
}

enum Kind {
    Bank,
    Blueprint,
    Unknown,
}

/// Block-style top-level keys start at column 0; that is enough to tell the kinds apart without a
/// parse. A file of neither kind gets a clear finding rather than a confusing field error.
fn kind_of(text: &str) -> Kind {
    let mut blueprint = false;
    for line in text.lines() {
        if line.starts_with("bank:") {
            return Kind::Bank;
        }
        if line.starts_with("domains:") {
            blueprint = true;
        }
    }
    if blueprint {
        Kind::Blueprint
    } else {
        Kind::Unknown
    }
}

/// The message of a yaml_serde error without its trailing "at line L column C", which the finding
/// carries as its position.
fn bare_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

fn yaml_error(file: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let pos = e
        .location()
        .map_or(Pos::START, |l| Pos::new(l.line(), l.column()));
    Diagnostic::error(&file.path, pos, explain(&bare_message(e)))
}

/// Adds the fix to serde's wording where it is not obvious.
fn explain(msg: &str) -> String {
    if msg.contains("unknown field") {
        format!("{msg} (a typo? every field is listed in docs/authoring.md)")
    } else {
        msg.to_string()
    }
}

/// Whole-document typed parse; on failure, positions from the event scan.
fn parse_typed<T: DeserializeOwned>(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<T> {
    match serde_yaml::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            slow_path_report::<T>(file, &e, diags);
            None
        }
    }
}

/// Scan for syntax, duplicate keys and nesting first (their positions are exact there), then report
/// serde's error at the path it names.
fn slow_path_report<T: DeserializeOwned>(
    file: &SourceFile,
    fast_err: &serde_yaml::Error,
    diags: &mut Vec<Diagnostic>,
) {
    let before = diags.len();
    if scan(&file.path, &file.text, diags).is_none() || diags.len() > before {
        return;
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(&file.text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(file, &e));
            return;
        }
    };
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(_) => diags.push(yaml_error(file, fast_err)),
        Err(e) => diags.push(path_error(file, "", &e)),
    }
}

fn path_error(
    file: &SourceFile,
    prefix: &str,
    e: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Diagnostic {
    let mut path = prefix.to_string();
    for seg in e.path().iter() {
        use serde_path_to_error::Segment;
        match seg {
            Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    let msg = bare_message(e.inner());
    let shown = if path.is_empty() {
        explain(&msg)
    } else {
        format!("{path}: {}", explain(&msg))
    };
    Diagnostic::error(&file.path, file.pos(&path), shown)
}

fn parse_bank(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Bank> {
    let fast_err = match serde_yaml::from_str::<Bank>(&file.text) {
        Ok(bank) => return Some(bank),
        Err(e) => e,
    };
    // Slow path: header first, then each case and question on its own.
    let before = diags.len();
    if scan(&file.path, &file.text, diags).is_none() || diags.len() > before {
        // Syntax errors and duplicate keys stop here: the file has no single meaning to check further.
        return None;
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(&file.text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(file, &e));
            return None;
        }
    };
    let header: BankHeader = match serde_path_to_error::deserialize(value) {
        Ok(h) => h,
        Err(e) => {
            diags.push(path_error(file, "", &e));
            return None;
        }
    };
    each::<Case>(file, "cases", header.cases, diags);
    let questions = each::<Question>(file, "questions", header.questions, diags);
    for (i, q) in questions.iter().enumerate() {
        if let Some(q) = q {
            let mut texts = Vec::new();
            question_texts(&format!("questions[{i}]"), q, &mut texts);
            report_texts(file, texts, diags);
        }
    }
    if diags.len() == before {
        // Every piece parsed, yet the whole did not: say what the whole parse said.
        diags.push(yaml_error(file, &fast_err));
    }
    None
}

fn each<T: DeserializeOwned>(
    file: &SourceFile,
    field: &str,
    values: Vec<serde_yaml::Value>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<T>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| match serde_path_to_error::deserialize::<_, T>(v) {
            Ok(t) => Some(t),
            Err(e) => {
                diags.push(path_error(file, &format!("{field}[{i}]"), &e));
                None
            }
        })
        .collect()
}

/// Escapes written as YAML escapes (`"\e["`) only appear after parsing, so every text value is
/// checked again here.
fn check_texts(file: &SourceFile, doc: &Document, diags: &mut Vec<Diagnostic>) {
    // Clean files (nearly all) are checked without building a path per value.
    if let Document::Bank(b) = doc
        && !bank_has_suspect_text(b)
    {
        return;
    }
    let mut texts: Vec<(String, &str)> = Vec::new();
    match doc {
        Document::Bank(b) => {
            texts.push(("bank".into(), &b.bank));
            texts.push(("title".into(), &b.title));
            texts.push(("exam".into(), &b.exam));
            texts.push(("license".into(), &b.license));
            for (i, a) in b.authors.iter().enumerate() {
                texts.push((format!("authors[{i}]"), a));
            }
            for (i, c) in b.cases.iter().enumerate() {
                texts.push((format!("cases[{i}].id"), &c.id));
                texts.push((format!("cases[{i}].title"), &c.title));
                texts.push((format!("cases[{i}].text"), &c.text));
            }
            for (i, q) in b.questions.iter().enumerate() {
                question_texts(&format!("questions[{i}]"), q, &mut texts);
            }
        }
        Document::Blueprint(b) => {
            for (k, v) in [
                ("id", &b.id),
                ("exam", &b.exam),
                ("name", &b.name),
                ("body", &b.body),
                ("format", &b.format),
                ("effective", &b.effective),
                ("confidence", &b.confidence),
            ] {
                texts.push((k.into(), v));
            }
            for (i, s) in b.source.iter().enumerate() {
                texts.push((format!("source[{i}]"), s));
            }
            for (i, s) in b.open_book.iter().enumerate() {
                texts.push((format!("open_book[{i}]"), s));
            }
            if let Some(n) = &b.passing.note {
                texts.push(("passing.note".into(), n));
            }
            for (i, s) in b.sections.iter().enumerate() {
                texts.push((format!("sections[{i}].name"), &s.name));
            }
            for (i, d) in b.domains.iter().enumerate() {
                texts.push((format!("domains[{i}].id"), &d.id));
                texts.push((format!("domains[{i}].name"), &d.name));
                texts.push((format!("domains[{i}].description"), &d.description));
            }
        }
    }
    report_texts(file, texts, diags);
}

fn question_texts<'a>(p: &str, q: &'a Question, texts: &mut Vec<(String, &'a str)>) {
    texts.push((format!("{p}.id"), &q.id));
    texts.push((format!("{p}.domain"), &q.domain));
    texts.push((format!("{p}.stem"), &q.stem));
    texts.push((format!("{p}.explanation"), &q.explanation));
    for (k, c) in &q.choices {
        texts.push((format!("{p}.choices.{k}"), c));
    }
    for (k, w) in &q.why {
        texts.push((format!("{p}.why.{k}"), w));
    }
    for (j, r) in q.references.iter().enumerate() {
        texts.push((format!("{p}.references[{j}]"), r));
    }
    for (j, r) in q.codes.iter().enumerate() {
        texts.push((format!("{p}.codes[{j}]"), r));
    }
    for (j, r) in q.tags.iter().enumerate() {
        texts.push((format!("{p}.tags[{j}]"), r));
    }
    if let Some(c) = &q.case {
        texts.push((format!("{p}.case"), c));
    }
}

fn report_texts(file: &SourceFile, texts: Vec<(String, &str)>, diags: &mut Vec<Diagnostic>) {
    for (path, text) in texts {
        if let Some(problem) = check_value_text(text) {
            diags.push(Diagnostic::error(
                &file.path,
                file.pos(&path),
                format!("{path}: {problem}"),
            ));
        }
    }
}

fn bank_has_suspect_text(b: &Bank) -> bool {
    let bad = |t: &str| first_suspect(t, true).is_some();
    [&b.bank, &b.title, &b.exam, &b.license]
        .into_iter()
        .any(|t| bad(t))
        || b.authors.iter().any(|t| bad(t))
        || b.cases
            .iter()
            .any(|c| bad(&c.id) || bad(&c.title) || bad(&c.text))
        || b.questions.iter().any(|q| {
            bad(&q.id)
                || bad(&q.domain)
                || bad(&q.stem)
                || bad(&q.explanation)
                || q.case.as_deref().is_some_and(bad)
                || q.choices.values().any(|t| bad(t))
                || q.why.values().any(|t| bad(t))
                || q.references
                    .iter()
                    .chain(&q.codes)
                    .chain(&q.tags)
                    .any(|t| bad(t))
        })
}
