//! Finding the ICD-10-CM codes a question cites in its prose, without mistaking other code sets
//! for them: HCPCS (J3301) and CPT (99213) are five characters with no dot, block ranges (E08-E13)
//! and "E11.-" name families rather than codes.

use super::set::CodeSet;

/// A code-shaped piece of text and where it starts (a byte offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundCode<'t> {
    pub text: &'t str,
    pub start: usize,
}

/// Every ICD-10-CM-shaped code in `text` by shape alone: an upper-case letter, two upper-case
/// letters or digits of which at least one is a digit (E11, QA0; so "USA" and "CMS" are not
/// codes), then a dot and one to four letters or digits ("E11.65", "S72.001A"), standing alone.
/// Three characters without a dot ("E11", "I10") are returned too, marked by `text.len() == 3`,
/// because only a code set can tell a category ("I10") from another token ("A1C"); use
/// `CodeSet::codes_in_text` to keep just the real categories.
pub fn code_shapes(text: &str) -> Vec<FoundCode<'_>> {
    let b = text.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
    };
    let upper_or_digit = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= b.len() {
        let starts = b[i].is_ascii_uppercase()
            && upper_or_digit(i + 1)
            && upper_or_digit(i + 2)
            && (b[i + 1].is_ascii_digit() || b[i + 2].is_ascii_digit())
            && (i == 0 || !(word(i - 1) || matches!(b[i - 1], b'.' | b'-')));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i + 3;
        if b.get(end) == Some(&b'.') && upper_or_digit(end + 1) {
            end += 1;
            while end < b.len() && end - i < 8 && upper_or_digit(end) {
                end += 1;
            }
        }
        // Not followed by more of a word, a range dash, or a dot that continues ("E11.-", "1.2.3").
        let after_dot_continues =
            b.get(end) == Some(&b'.') && (word(end + 1) || b.get(end + 1) == Some(&b'-'));
        if !word(end) && b.get(end) != Some(&b'-') && !after_dot_continues {
            out.push(FoundCode {
                text: &text[i..end],
                start: i,
            });
        }
        i = end;
    }
    out
}

/// Three-character categories that are far more often something else in billing prose. "ASC X12"
/// is the HIPAA EDI standard ("X12 837P"); category X12 ("Contact with other hot fluids") needs a
/// 7th character, so a bare X12 is never a complete code anyway.
const NOT_CODES_IN_PROSE: &[&str] = &["X12"];

impl CodeSet<'_> {
    /// The codes `text` cites: every dotted code shape (real or not, so a validator can flag a code
    /// that does not exist), and three-character ones only when they are categories of this set
    /// and not in `NOT_CODES_IN_PROSE`.
    pub fn codes_in_text<'t>(&self, text: &'t str) -> Vec<FoundCode<'t>> {
        let mut found = code_shapes(text);
        found.retain(|f| {
            f.text.len() > 3
                || !NOT_CODES_IN_PROSE.contains(&f.text)
                    && self
                        .lookup(f.text)
                        .is_some_and(|c| c.kind() == super::model::Kind::Category)
        });
        found
    }
}
