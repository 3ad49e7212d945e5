//! When a question is true: a window of dates, both ends inclusive and either one optional. A key
//! that depends on a yearly figure (a deductible, a conversion factor, an appeal threshold) or on a
//! rule with an effective date is only right between those dates; forms and drills serve a question
//! only on dates inside its window, while history and review keep showing it (it was right when it
//! was asked).
//!
//! A question's own `valid:` replaces its bank's as a whole (it is not merged end by end), so a bank
//! of 2026 figures can say `valid: {until: 2026-12-31}` once and a timeless question in it can say
//! `valid: {}`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// The first day the question is true; `None`: since before anyone will sit it.
    #[serde(default, deserialize_with = "date")]
    pub from: Option<NaiveDate>,
    /// The last day the question is true; `None`: no known end.
    #[serde(default, deserialize_with = "date")]
    pub until: Option<NaiveDate>,
    /// The id of the question that carries the key after `until` (next year's version). A window
    /// that ended with a successor is how a bank keeps its history, not something to fix, so the
    /// validator says nothing about it (it checks that the id exists).
    #[serde(default)]
    pub replaced_by: Option<String>,
}

impl Validity {
    /// Whether `day` lies inside the window (both ends count).
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// Whether the window closed before `day`.
    pub fn ended_before(&self, day: NaiveDate) -> bool {
        self.until.is_some_and(|u| u < day)
    }

    /// A window whose end comes before its start holds no day at all.
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.until), (Some(f), Some(u)) if u < f)
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (Some(a), Some(b)) => write!(f, "{a} to {b}"),
            (Some(a), None) => write!(f, "from {a}"),
            (None, Some(b)) => write!(f, "until {b}"),
            (None, None) => write!(f, "always"),
        }
    }
}

/// The window that applies to a question: its own, else its bank's, else none (always true).
pub fn effective<'a>(
    question: Option<&'a Validity>,
    bank: Option<&'a Validity>,
) -> Option<&'a Validity> {
    question.or(bank)
}

/// Whether a question with this window is served on `day`.
pub fn valid_on(window: Option<&Validity>, day: NaiveDate) -> bool {
    window.is_none_or(|w| w.contains(day))
}

/// A date written `2026-12-31`. YAML gives it as text (or, unquoted in some writers, as text too);
/// the message says the form expected, not chrono's "input contains invalid characters".
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    use serde::de::Error;
    let text: Option<String> = Option::deserialize(d)?;
    let Some(text) = text else { return Ok(None) };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            D::Error::custom(format!(
                "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-12-31"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn both_ends_are_inclusive_and_either_may_be_open() {
        let w = Validity {
            from: Some(d("2026-01-01")),
            until: Some(d("2026-12-31")),
            ..Default::default()
        };
        assert!(w.contains(d("2026-01-01")));
        assert!(w.contains(d("2026-12-31")));
        assert!(!w.contains(d("2025-12-31")));
        assert!(!w.contains(d("2027-01-01")));
        assert!(w.ended_before(d("2027-01-01")));
        assert!(!w.ended_before(d("2026-12-31")));
        let open = Validity::default();
        assert!(open.contains(d("1999-01-01")) && open.contains(d("2099-01-01")));
        assert!(!open.ended_before(d("2099-01-01")));
        let until = Validity {
            until: Some(d("2026-12-31")),
            ..Default::default()
        };
        assert!(until.contains(d("2000-01-01")) && !until.contains(d("2027-01-01")));
    }

    #[test]
    fn a_question_window_replaces_the_bank_window() {
        let bank = Validity {
            until: Some(d("2026-12-31")),
            ..Default::default()
        };
        let own = Validity::default();
        assert_eq!(effective(Some(&own), Some(&bank)), Some(&own));
        assert_eq!(effective(None, Some(&bank)), Some(&bank));
        assert!(valid_on(
            effective(Some(&own), Some(&bank)),
            d("2027-06-01")
        ));
        assert!(!valid_on(effective(None, Some(&bank)), d("2027-06-01")));
        assert!(valid_on(None, d("2027-06-01")));
    }

    #[test]
    fn dates_parse_strictly_and_survive_the_binary_cache() {
        let w: Validity =
            serde_yaml::from_str("{from: 2026-01-01, until: '2026-12-31', replaced_by: X-2}")
                .unwrap();
        assert_eq!(w.replaced_by.as_deref(), Some("X-2"));
        assert_eq!(w.until, Some(d("2026-12-31")));
        let e = serde_yaml::from_str::<Validity>("{until: 2026-13-01}").unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        assert!(serde_yaml::from_str::<Validity>("{untill: 2026-12-01}").is_err());
        let bytes = postcard::to_allocvec(&w).unwrap();
        assert_eq!(postcard::from_bytes::<Validity>(&bytes).unwrap(), w);
        let open = Validity::default();
        let bytes = postcard::to_allocvec(&open).unwrap();
        assert_eq!(postcard::from_bytes::<Validity>(&bytes).unwrap(), open);
    }
}
