//! Neutral items as proctor bank YAML, honest about what the source lacked.
//!
//! Nothing missing is invented. A field the source did not have is written empty (`explanation:
//! ""`, `references: []`, `domain: ""`) or `difficulty: unrated`, so that `proctor validate` of
//! the output reports exactly what an author must add; the same findings are returned here with the
//! SOURCE file's path and line, and each question carries a `# source: FILE:LINE` comment.

use super::item::{Item, ReadOut, Refused};
use crate::bank::{Blueprint, Diagnostic, Difficulty, Pos};
use std::collections::{BTreeMap, HashSet};

/// What to build: the exam's blueprint, an optional domain for every question, the code year.
pub struct Target<'a> {
    pub exam: &'a str,
    pub blueprint: &'a Blueprint,
    pub domain: Option<&'a str>,
    pub code_year: u16,
    /// Names the source in comments, titles and findings.
    pub source: &'a str,
    pub format: &'a str,
}

/// One bank file to write.
#[derive(Debug, Clone)]
pub struct OutBank {
    pub bank_id: String,
    pub file_name: String,
    pub yaml: String,
    pub questions: usize,
}

#[derive(Debug, Default)]
pub struct Built {
    pub banks: Vec<OutBank>,
    /// Findings about the imported questions, positioned in the source file.
    pub findings: Vec<Diagnostic>,
    /// Questions proctor cannot represent (the reader's and those with > 6 or < 2 options).
    pub refused: Vec<Refused>,
}

pub fn build(read: &ReadOut, t: &Target<'_>) -> Built {
    let mut built = Built {
        refused: read.refused.clone(),
        ..Built::default()
    };
    for (line, msg) in &read.notes {
        built.findings.push(Diagnostic::warning(
            t.source,
            Pos::new((*line).max(1), 1),
            msg.clone(),
        ));
    }
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let slug_src = slug(
        std::path::Path::new(t.source)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("import"),
    );
    for (n, item) in read.items.iter().enumerate() {
        let path = match &item.part {
            Some(part) => format!("{}!{part}", t.source),
            None => t.source.to_string(),
        };
        let pos = Pos::new(item.line.max(1), 1);
        if !(2..=6).contains(&item.choices.len()) {
            built.refused.push(Refused {
                line: item.line,
                part: item.part.clone(),
                kind: format!("{} options (proctor takes 2 to 6)", item.choices.len()),
                first_line: super::text::first_line(&item.stem),
            });
            continue;
        }
        let id = match item.id.as_deref().map(str::trim).filter(|i| sane_id(i)) {
            Some(i) if !used_ids.contains(i) => i.to_string(),
            _ => format!(
                "{}-{}-{:04}",
                t.exam.to_ascii_uppercase(),
                slug_src.to_ascii_uppercase(),
                n + 1
            ),
        };
        used_ids.insert(id.clone());
        let mut finding = |error: bool, msg: String| {
            let msg = format!("question {id}: {msg}");
            built.findings.push(if error {
                Diagnostic::error(&path, pos, msg)
            } else {
                Diagnostic::warning(&path, pos, msg)
            });
        };
        let domain = match t.domain {
            Some(d) => d.to_string(),
            None => match item
                .category
                .as_deref()
                .and_then(|c| map_domain(c, t.blueprint))
            {
                Some(d) => d,
                None => {
                    let why = match &item.category {
                        Some(c) => {
                            format!("category `{c}` matches no {} domain id or name", t.exam)
                        }
                        None => "the source gives no category".into(),
                    };
                    finding(
                        true,
                        format!("no domain: {why}; set `domain:` (or import with --domain)"),
                    );
                    String::new()
                }
            },
        };
        if item.explanation.is_none() {
            finding(
                true,
                "no explanation: the source has no general feedback; write why the key is right"
                    .into(),
            );
        }
        if item.references.is_empty() {
            finding(
                true,
                "no reference: the source has none; add at least one primary reference".into(),
            );
        }
        let missing_why: Vec<String> = item
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.correct && c.feedback.is_none())
            .map(|(i, _)| letter(i).to_string())
            .collect();
        if !missing_why.is_empty() {
            finding(
                false,
                format!(
                    "no feedback for wrong option(s) {}: add a `why:` line for each",
                    missing_why.join(", ")
                ),
            );
        }
        if item.difficulty.is_none() {
            finding(
                false,
                "no difficulty in the source: written `unrated`; rate it easy, medium or hard"
                    .into(),
            );
        }
        let yaml = question_yaml(item, &id, &domain, &path);
        let key = if t.domain.is_some() || domain.is_empty() {
            t.domain.map_or("unsorted".to_string(), str::to_string)
        } else {
            domain.clone()
        };
        groups.entry(key).or_default().push(yaml);
    }
    for (group, questions) in groups {
        let bank_id = format!(
            "{}-import-{}-{}",
            t.exam.to_ascii_lowercase(),
            slug_src,
            slug(&group)
        );
        let mut yaml = format!(
            "# Imported by `proctor import` from {} ({}). Nothing the source lacked was invented:\n\
             # missing fields are left empty or `unrated`, and `proctor validate` lists each one.\n\
             # See docs/import-export.md.\n",
            t.source.replace('\n', " "),
            t.format
        );
        yaml.push_str(&format!("bank: {}\n", q(&bank_id)));
        yaml.push_str(&format!(
            "title: {}\n",
            q(&format!(
                "{}: imported from {} ({group})",
                t.exam,
                file_name(t.source)
            ))
        ));
        yaml.push_str(&format!(
            "exam: {}\nversion: 1\ncode_year: {}\nauthors: []\nlicense: \"\"\nquestions:\n",
            q(t.exam),
            t.code_year
        ));
        let n = questions.len();
        for qy in questions {
            yaml.push_str(&qy);
        }
        built.banks.push(OutBank {
            file_name: format!("{bank_id}.yaml"),
            bank_id,
            yaml,
            questions: n,
        });
    }
    built
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or(path)
        .to_string()
}

fn letter(i: usize) -> char {
    (b'A' + i as u8) as char
}

/// A category names a domain when its last `/` segment (Moodle's `$course$/top/Claims`), or the
/// whole, equals a domain's id or name, ignoring case.
pub fn map_domain(category: &str, bp: &Blueprint) -> Option<String> {
    let last = category.rsplit('/').next().unwrap_or(category).trim();
    let whole = category.trim();
    bp.domains
        .iter()
        .find(|d| {
            [last, whole]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&d.id) || c.eq_ignore_ascii_case(&d.name))
        })
        .map(|d| d.id.clone())
}

fn sane_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out
        .trim_end_matches('-')
        .chars()
        .take(40)
        .collect::<String>();
    if out.is_empty() { "import".into() } else { out }
}

/// A YAML double-quoted scalar: JSON's string syntax is valid YAML and escapes every control
/// character, so any text round-trips.
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn question_yaml(item: &Item, id: &str, domain: &str, source: &str) -> String {
    let mut y = format!(
        "  # source: {}:{}\n",
        source.replace('\n', " "),
        item.line.max(1)
    );
    y.push_str(&format!("  - id: {}\n    domain: {}\n", q(id), q(domain)));
    let diff = match item.difficulty {
        Some(Difficulty::Easy) => "easy",
        Some(Difficulty::Medium) => "medium",
        Some(Difficulty::Hard) => "hard",
        _ => "unrated",
    };
    y.push_str(&format!(
        "    difficulty: {diff}\n    stem: {}\n    choices:\n",
        q(&item.stem)
    ));
    for (i, c) in item.choices.iter().enumerate() {
        y.push_str(&format!("      {}: {}\n", letter(i), q(&c.text)));
    }
    let keys: Vec<String> = item
        .choices
        .iter()
        .enumerate()
        .filter(|(_, c)| c.correct)
        .map(|(i, _)| letter(i).to_string())
        .collect();
    if item.multi || keys.len() != 1 {
        y.push_str(&format!("    answer: [{}]\n", keys.join(", ")));
    } else {
        y.push_str(&format!("    answer: {}\n", keys[0]));
    }
    y.push_str(&format!(
        "    explanation: {}\n",
        q(item.explanation.as_deref().unwrap_or(""))
    ));
    let why: Vec<(usize, &String)> = item
        .choices
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.feedback.as_ref().map(|f| (i, f)))
        .collect();
    if !why.is_empty() {
        y.push_str("    why:\n");
        for (i, f) in why {
            y.push_str(&format!("      {}: {}\n", letter(i), q(f)));
        }
    }
    if item.references.is_empty() {
        y.push_str("    references: []\n");
    } else {
        y.push_str("    references:\n");
        for r in &item.references {
            y.push_str(&format!("      - {}\n", q(r)));
        }
    }
    y
}
