//! Checks on one parsed file that need no other file.

use super::diagnostic::Diagnostic;
use super::model::{Answer, Bank, Blueprint, ChoiceKey};
use super::source::SourceFile;
use std::collections::HashMap;

/// A bank with fewer single-answer questions than this is too small to judge its key spread.
pub const SKEW_MIN_QUESTIONS: usize = 12;
/// The same key this many times in a row draws a warning.
pub const MAX_KEY_RUN: usize = 3;

pub fn check_bank(file: &SourceFile, bank: &Bank, diags: &mut Vec<Diagnostic>) {
    let err = |diags: &mut Vec<Diagnostic>, path: &str, msg: String| {
        diags.push(Diagnostic::error(&file.path, file.pos(path), msg));
    };
    if bank.questions.is_empty() {
        err(diags, "questions", "the bank has no questions".into());
    }
    super::windows::check_bank_window(file, bank, diags);
    let mut case_ids: HashMap<&str, usize> = HashMap::new();
    for (i, c) in bank.cases.iter().enumerate() {
        if let Some(first) = case_ids.insert(c.id.as_str(), i) {
            err(
                diags,
                &format!("cases[{i}].id"),
                format!("duplicate case id `{}` (also cases[{first}])", c.id),
            );
        }
        if c.text.trim().is_empty() {
            err(diags, &format!("cases[{i}].text"), "empty case text".into());
        }
    }
    let mut used_cases: HashMap<&str, bool> = case_ids.keys().map(|k| (*k, false)).collect();
    for (i, q) in bank.questions.iter().enumerate() {
        let p = QPath(i);
        let id = &q.id;
        if id.trim().is_empty() {
            err(diags, &format!("{p}.id"), "empty question id".into());
        }
        for (field, text) in [("stem", &q.stem), ("explanation", &q.explanation)] {
            if text.trim().is_empty() {
                err(
                    diags,
                    &format!("{p}.{field}"),
                    format!("question {id}: empty {field}"),
                );
            }
        }
        if q.references.is_empty() || q.references.iter().any(|r| r.trim().is_empty()) {
            err(
                diags,
                &format!("{p}.references"),
                format!("question {id}: every question needs at least one non-empty reference"),
            );
        }
        if q.domain.trim().is_empty() {
            err(
                diags,
                &format!("{p}.domain"),
                format!("question {id}: no domain: set one of the blueprint's domain ids"),
            );
        }
        if q.difficulty == super::model::Difficulty::Unrated {
            diags.push(Diagnostic::warning(
                &file.path,
                file.pos(&format!("{p}.difficulty")),
                format!("question {id}: difficulty unrated (imported without one): rate it easy, medium or hard"),
            ));
        }
        if let Some(c) = &q.case {
            match used_cases.get_mut(c.as_str()) {
                Some(used) => *used = true,
                None => err(
                    diags,
                    &format!("{p}.case"),
                    format!("question {id}: case `{c}` is not among this bank's cases"),
                ),
            }
        }
        super::windows::check_question_window(file, bank, i, q, diags);
        if q.is_code_entry() || q.entry.is_some() || matches!(q.answer, Answer::Codes(_)) {
            super::entry_rules::check_code_entry(file, i, q, diags);
            continue;
        }
        let n = q.choices.len();
        if !(2..=6).contains(&n) {
            err(
                diags,
                &format!("{p}.choices"),
                format!("question {id}: {n} choices; a question has 2 to 6 (A-F)"),
            );
        }
        let keys: Vec<ChoiceKey> = q.choices.keys().copied().collect();
        if !keys.iter().enumerate().all(|(j, k)| k.index() == j) {
            err(
                diags,
                &format!("{p}.choices"),
                format!(
                    "question {id}: choices must be lettered from A without gaps (found {})",
                    join_keys(&keys)
                ),
            );
        }
        let choices: Vec<(&ChoiceKey, &String)> = q.choices.iter().collect();
        for (j, (k, text)) in choices.iter().enumerate() {
            if text.trim().is_empty() {
                err(
                    diags,
                    &format!("{p}.choices.{k}"),
                    format!("question {id}: choice {k} is empty"),
                );
            }
            if let Some((first, _)) = choices[..j].iter().find(|(_, t)| same_text(t, text)) {
                err(
                    diags,
                    &format!("{p}.choices.{k}"),
                    format!("question {id}: choice {k} has the same text as choice {first}"),
                );
            }
        }
        let answer_keys = match &q.answer {
            Answer::One(k) => vec![*k],
            Answer::Many(ks) => ks.clone(),
            Answer::Codes(_) => vec![],
        };
        if answer_keys.is_empty() {
            err(
                diags,
                &format!("{p}.answer"),
                format!("question {id}: the answer list is empty"),
            );
        }
        for k in &answer_keys {
            if !q.choices.contains_key(k) {
                err(
                    diags,
                    &format!("{p}.answer"),
                    format!(
                        "question {id}: answer {k} is not one of the choices ({})",
                        join_keys(&keys)
                    ),
                );
            }
        }
        if q.key_set().len() != answer_keys.len() {
            err(
                diags,
                &format!("{p}.answer"),
                format!("question {id}: the answer list repeats a letter"),
            );
        }
        for k in q.why.keys() {
            if !q.choices.contains_key(k) {
                err(
                    diags,
                    &format!("{p}.why.{k}"),
                    format!(
                        "question {id}: `why` gives a reason for {k}, which is not one of the choices ({}); key each reason by an existing choice letter",
                        join_keys(&keys)
                    ),
                );
            }
        }
        let keys_valid = answer_keys.iter().all(|k| q.choices.contains_key(k));
        if q.is_multi() && keys_valid && q.key_set().len() == n && n > 0 {
            err(
                diags,
                &format!("{p}.answer"),
                format!(
                    "question {id}: every choice is a key; a select-all item needs at least one wrong choice"
                ),
            );
        }
    }
    for (i, c) in bank.cases.iter().enumerate() {
        if used_cases.get(c.id.as_str()) == Some(&false) {
            diags.push(Diagnostic::warning(
                &file.path,
                file.pos(&format!("cases[{i}].id")),
                format!("case `{}` is not used by any question", c.id),
            ));
        }
    }
    check_key_spread(file, bank, diags);
}

/// Equal but for case and spacing: two such choices read the same to a candidate.
fn same_text(a: &str, b: &str) -> bool {
    normalized(a).eq(normalized(b))
}

/// The characters of `s` lowercased, with runs of white space as one space and none at the ends;
/// an iterator, so comparing two choices allocates nothing.
fn normalized(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace().enumerate().flat_map(|(i, w)| {
        (i > 0)
            .then_some(' ')
            .into_iter()
            .chain(w.chars().flat_map(char::to_lowercase))
    })
}

/// `questions[i]`, formatted only when a finding needs it.
struct QPath(usize);

impl std::fmt::Display for QPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "questions[{}]", self.0)
    }
}

fn join_keys(keys: &[ChoiceKey]) -> String {
    keys.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Answer keys should not favour one position, nor repeat one letter down a run of neighbours: a
/// candidate must not be able to score by pattern. Choices are shuffled on screen too, but printed
/// and exported banks keep the file's order.
fn check_key_spread(file: &SourceFile, bank: &Bank, diags: &mut Vec<Diagnostic>) {
    let singles: Vec<(usize, ChoiceKey, usize)> = bank
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| match q.answer {
            Answer::One(k) => Some((i, k, q.choices.len())),
            Answer::Many(_) | Answer::Codes(_) => None,
        })
        .collect();
    let mut run = 0;
    let mut prev = None;
    for &(i, k, _) in &singles {
        run = if prev == Some(k) { run + 1 } else { 1 };
        prev = Some(k);
        if run == MAX_KEY_RUN + 1 {
            diags.push(Diagnostic::warning(
                &file.path,
                file.pos(&format!("questions[{i}].answer")),
                format!(
                    "answer key {k} for {} questions in a row: vary the key position",
                    MAX_KEY_RUN + 1
                ),
            ));
        }
    }
    if singles.len() < SKEW_MIN_QUESTIONS {
        return;
    }
    let mut expected = [0f64; 6];
    let mut actual = [0usize; 6];
    for &(_, k, n) in &singles {
        actual[k.index()] += 1;
        for e in expected.iter_mut().take(n.clamp(1, 6)) {
            *e += 1.0 / n.clamp(1, 6) as f64;
        }
    }
    let skewed = (0..6).any(|i| {
        let (e, a) = (expected[i], actual[i] as f64);
        e >= 1.0 && (a - e).abs() > (0.4 * e).max(3.0)
    });
    if skewed {
        let dist: Vec<String> = (0..6)
            .filter(|&i| expected[i] > 0.0)
            .map(|i| {
                format!(
                    "{}={} (expected ~{:.0})",
                    ChoiceKey::ALL[i],
                    actual[i],
                    expected[i]
                )
            })
            .collect();
        diags.push(Diagnostic::warning(
            &file.path,
            file.pos("questions"),
            format!(
                "answer keys are skewed toward some positions: {}",
                dist.join(", ")
            ),
        ));
    }
}

pub fn check_blueprint(file: &SourceFile, bp: &Blueprint, diags: &mut Vec<Diagnostic>) {
    let err = |diags: &mut Vec<Diagnostic>, path: &str, msg: String| {
        diags.push(Diagnostic::error(&file.path, file.pos(path), msg));
    };
    if bp.questions == 0 {
        err(
            diags,
            "questions",
            "a blueprint needs at least one question".into(),
        );
    }
    if bp.pretest >= bp.questions && bp.questions > 0 {
        err(
            diags,
            "pretest",
            format!(
                "pretest {} must be fewer than the form's {} questions (the rest are scored)",
                bp.pretest, bp.questions
            ),
        );
    }
    if bp.minutes == Some(0) {
        err(
            diags,
            "minutes",
            "minutes must be positive; omit the field for an untimed exam".into(),
        );
    }
    if !(bp.passing.percent > 0.0 && bp.passing.percent <= 100.0) {
        err(
            diags,
            "passing.percent",
            format!(
                "passing percent {} is not between 0 and 100",
                bp.passing.percent
            ),
        );
    }
    if let Some(s) = &bp.passing.scaled
        && !(s.min < s.max && (s.min..=s.max).contains(&s.score))
    {
        err(
            diags,
            "passing.scaled",
            format!(
                "scaled pass {} must lie within min {} and max {} (min below max)",
                s.score, s.min, s.max
            ),
        );
    }
    if bp.domains.is_empty() {
        err(
            diags,
            "domains",
            "a blueprint needs at least one domain".into(),
        );
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let (mut weighted, mut counted) = (0, 0);
    let (mut weight_sum, mut count_sum) = (0.0, 0u32);
    for (i, d) in bp.domains.iter().enumerate() {
        let p = format!("domains[{i}]");
        if let Some(first) = ids.insert(d.id.as_str(), i) {
            err(
                diags,
                &format!("{p}.id"),
                format!("duplicate domain id `{}` (also domains[{first}])", d.id),
            );
        }
        match (d.weight, d.questions) {
            (Some(w), None) => {
                weighted += 1;
                weight_sum += w;
                if w <= 0.0 {
                    err(
                        diags,
                        &format!("{p}.weight"),
                        format!("domain `{}`: weight must be positive", d.id),
                    );
                }
            }
            (None, Some(n)) => {
                counted += 1;
                count_sum += n;
            }
            _ => err(
                diags,
                &format!("{p}.id"),
                format!(
                    "domain `{}`: give exactly one of `weight` (percent) or `questions` (count)",
                    d.id
                ),
            ),
        }
    }
    if weighted > 0 && counted > 0 {
        err(
            diags,
            "domains",
            "mix of `weight` and `questions` domains: use one style for all domains".into(),
        );
    } else if weighted > 0 && (weight_sum - 100.0).abs() > 0.01 {
        err(
            diags,
            "domains",
            format!("domain weights add up to {weight_sum}, not 100"),
        );
    } else if counted > 0 && count_sum != bp.questions {
        err(
            diags,
            "domains",
            format!(
                "domain question counts add up to {count_sum}, not the blueprint's {}",
                bp.questions
            ),
        );
    }
    if !bp.sections.is_empty() {
        let q: u32 = bp.sections.iter().map(|s| s.questions).sum();
        let m: u32 = bp.sections.iter().map(|s| s.minutes).sum();
        if q != bp.questions {
            err(
                diags,
                "sections",
                format!(
                    "sections hold {q} questions, not the blueprint's {}",
                    bp.questions
                ),
            );
        }
        match bp.minutes {
            Some(total) if total != m => err(
                diags,
                "sections",
                format!("sections last {m} minutes, not the blueprint's {total}"),
            ),
            None => err(
                diags,
                "sections",
                "an untimed blueprint cannot have timed sections".into(),
            ),
            _ => {}
        }
    }
}
