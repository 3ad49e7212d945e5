//! When a bank's `code_year` stops being the current code-set year. ICD-10-CM and ICD-10-PCS run
//! by federal fiscal year (FY2026: 2025-10-01 to 2026-09-30); CPT and HCPCS Level II by calendar
//! year (2026: 2026-01-01 to 2026-12-31; HCPCS also changes quarterly, not modelled here).
//!
//! Coding items get no validity window from the code year: most codes carry over, and a window
//! ending with the fiscal year would take nearly every coding item out of forms on 1 October,
//! three months before CPT changes. Instead `validate` says which banks are due a review once a
//! newer code year applies, and the rollover rules (docs/codeset.md) name the cited codes that the
//! newer installed code sets deleted or retitled; an item that did change gets a window by hand.

use chrono::NaiveDate;

/// What replaced the code sets of `code_year` by `today`, or `None` while they are current.
pub fn superseded_on(code_year: u16, today: NaiveDate) -> Option<String> {
    let y = i32::from(code_year);
    let fy_next = NaiveDate::from_ymd_opt(y, 10, 1)?;
    let cy_next = NaiveDate::from_ymd_opt(y + 1, 1, 1)?;
    if today >= cy_next {
        Some(format!(
            "ICD-10-CM/PCS FY{} has applied since {fy_next} and CPT/HCPCS {} since {cy_next}",
            y + 1,
            y + 1
        ))
    } else if today >= fy_next {
        Some(format!(
            "ICD-10-CM/PCS FY{} has applied since {fy_next}; CPT/HCPCS {} applies from {cy_next}",
            y + 1,
            y + 1
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_fiscal_year_turns_first_then_the_calendar_year() {
        assert_eq!(superseded_on(2026, d("2026-09-30")), None);
        let oct = superseded_on(2026, d("2026-10-01")).unwrap();
        assert!(oct.contains("FY2027 has applied since 2026-10-01"), "{oct}");
        assert!(
            oct.contains("CPT/HCPCS 2027 applies from 2027-01-01"),
            "{oct}"
        );
        let jan = superseded_on(2026, d("2027-01-01")).unwrap();
        assert!(jan.contains("CPT/HCPCS 2027 since 2027-01-01"), "{jan}");
        assert_eq!(superseded_on(2027, d("2026-12-03")), None);
    }
}
