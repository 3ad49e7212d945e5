//! The heuristic behind the "unmarked year-specific figure" warning: a question with no `valid:`
//! window (its own or its bank's) is suspected of depending on one year's figures or rules when
//!
//! - its stem or explanation names a year from 2024 to 2030 *and* a figure: a dollar amount, a
//!   percentage, a conversion factor, a threshold, a limit or a deductible; or
//! - one of its tags names such a year (`2026`, `year-2026`, `2026-limits`); or
//! - one of its references names a yearly rule: a calendar, fiscal, plan or tax year from 2024 to
//!   2030 (`CY 2026 ... final rule`, `FY2026 IPPS`) or an IRS revenue procedure (`Rev. Proc.`).
//!   References to a code set (ICD-10-CM/PCS, CPT, HCPCS) do not count: which code set a bank
//!   follows is its `code_year`, checked by the year-rollover rules, not a window per question.
//!
//! It over-reports on purpose (a scenario dated "01/14/2026" with a $30 copay is flagged): the
//! author answers by adding the window, or `valid: {}`-style open ends for a key that does not
//! change with the year, which records that someone looked.

/// The first year the heuristic treats as a figure year, and the last.
const FIRST: u32 = 2024;
const LAST: u32 = 2030;

/// Why the question looks year-specific, for the warning; `None` when it does not.
pub fn year_specific(
    stem: &str,
    explanation: &str,
    tags: &[String],
    references: &[String],
) -> Option<String> {
    for text in [stem, explanation] {
        if let Some(year) = first_year(text)
            && let Some(figure) = figure_in(stem).or_else(|| figure_in(explanation))
        {
            return Some(format!(
                "its stem or explanation names {year} with {figure}"
            ));
        }
    }
    if let Some(t) = tags.iter().find(|t| first_year(t).is_some()) {
        return Some(format!("its tag `{t}` names a year"));
    }
    if let Some(r) = references.iter().find(|r| yearly_rule(r)) {
        return Some(format!(
            "its reference \"{}\" names a yearly rule",
            short(r)
        ));
    }
    None
}

/// A year 2024-2030 standing on its own as a number (letters may come before it: `CY2026`).
fn first_year(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let digits = &b[i..i + 4];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + 4).copied();
        let decimal = after == Some(b'.') && b.get(i + 5).is_some_and(u8::is_ascii_digit);
        if before.is_some_and(|c| c.is_ascii_digit() || c == b'.' || c == b',')
            || after.is_some_and(|c| c.is_ascii_digit())
            || decimal
        {
            return None;
        }
        let year: u32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (FIRST..=LAST).contains(&year).then_some(year)
    })
}

/// What kind of figure the text names, if any.
fn figure_in(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    if b.windows(2).any(|w| w[0] == b'$' && w[1].is_ascii_digit()) || text.contains("$ ") {
        return Some("a dollar amount");
    }
    let percent = b.iter().enumerate().any(|(i, &c)| {
        c == b'%' && {
            let before = text[..i].trim_end();
            before.ends_with(|c: char| c.is_ascii_digit())
        }
    });
    let lower = text.to_lowercase();
    if percent || has_word(&lower, "percent") {
        return Some("a percentage");
    }
    for (word, what) in [
        ("conversion factor", "a conversion factor"),
        ("threshold", "a threshold"),
        ("deductible", "a deductible"),
        ("limit", "a limit"),
        ("limits", "a limit"),
    ] {
        if has_word(&lower, word) {
            return Some(what);
        }
    }
    None
}

/// `word` in `text` with no letter right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

fn yearly_rule(reference: &str) -> bool {
    let lower = reference.to_lowercase();
    let code_set = ["icd-10", "cpt", "hcpcs", "code set"]
        .iter()
        .any(|c| lower.contains(c));
    if code_set {
        return false;
    }
    if lower.contains("rev. proc") || lower.contains("rev proc") {
        return true;
    }
    [
        "cy",
        "fy",
        "calendar year",
        "fiscal year",
        "plan year",
        "tax year",
    ]
    .iter()
    .any(|prefix| {
        lower.match_indices(prefix).any(|(i, _)| {
            let starts_word = !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            let rest = lower[i + prefix.len()..].trim_start();
            starts_word && rest.len() >= 4 && first_year(&rest[..4]).is_some()
        })
    })
}

fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(stem: &str, explanation: &str) -> bool {
        year_specific(stem, explanation, &[], &[]).is_some()
    }

    #[test]
    fn a_year_with_a_figure_is_flagged_and_either_alone_is_not() {
        assert!(flagged(
            "For 2026, what is the Part B deductible?",
            "It is $283."
        ));
        assert!(flagged("In 2026 Medicare pays 85% of it.", "x"));
        assert!(flagged("What is the 2026 conversion factor?", "x"));
        assert!(flagged("x", "For 2027 the threshold rises."));
        assert!(!flagged("What is the Part B deductible?", "It is $283."));
        assert!(!flagged("A visit in 2026.", "Modifier 25 applies."));
        // Not years: codes, amounts and longer numbers.
        assert!(!flagged("Code 2026.5 costs $20.", "x"));
        assert!(!flagged("Claim 120260 for $20.", "x"));
        assert!(!flagged("In 2019 the limit was $100.", "x"));
        // Words containing a figure word are not that word.
        assert!(!flagged("In 2026 the limitation period...", "delimited"));
    }

    #[test]
    fn year_tags_and_yearly_rules_are_flagged_but_code_set_references_are_not() {
        let none: &[String] = &[];
        let tags = vec!["medicare".to_string(), "2026-limits".to_string()];
        assert!(year_specific("s", "e", &tags, none).is_some());
        let refs = |r: &str| vec![r.to_string()];
        assert!(year_specific("s", "e", none, &refs("CY 2026 PFS final rule")).is_some());
        assert!(year_specific("s", "e", none, &refs("IRS Rev. Proc. 2025-19")).is_some());
        assert!(year_specific("s", "e", none, &refs("FY2026 IPPS final rule")).is_some());
        assert!(
            year_specific(
                "s",
                "e",
                none,
                &refs("ICD-10-CM Official Guidelines FY2026, Section I.B.1")
            )
            .is_none()
        );
        assert!(year_specific("s", "e", none, &refs("42 CFR 405.1006")).is_none());
        assert!(year_specific("s", "e", none, &refs("policy 2026-3")).is_none());
    }
}
