use super::*;
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

fn texts(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let mark = if r.continues { CONTINUES } else { "" };
            format!("{}{mark}{}", " ".repeat(r.indent), r.text)
        })
        .collect()
}

fn visible(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn record_lines_stay_apart_and_columns_keep_their_gaps() {
    let case =
        "Patient: Harold Dunn\nEmployer: Valley Cold Storage\n\n1  99213   98.00   CO-45 82.00";
    assert_eq!(
        texts(&rows(case, Field::Record, 60)),
        [
            "Patient: Harold Dunn",
            "Employer: Valley Cold Storage",
            "",
            "1  99213   98.00   CO-45 82.00",
        ]
    );
}

#[test]
fn a_long_record_line_hangs_under_its_indent_and_never_splits_at_a_hyphen() {
    let case = "  Line 2  Vitamin D assay  62.00  0.00  CO-50 remark";
    let got = texts(&rows(case, Field::Record, 30));
    assert_eq!(
        got,
        ["  Line 2  Vitamin D assay", "  ↳ 62.00  0.00  CO-50 remark"]
    );
}

#[test]
fn prose_reflows_but_record_like_lines_in_prose_keep_their_breaks() {
    let text = "A patient is seen\nin the office.\n\nLine  Code   Units\n1     99213  1\n- item one\n- item two\nPatient: Ann Lee\nEmployer: Acme\n1. first\n2) second\nthen prose\nthat joins.";
    assert_eq!(
        texts(&rows(text, Field::Prose, 80)),
        [
            "A patient is seen in the office.",
            "",
            "Line  Code   Units",
            "1     99213  1",
            "- item one",
            "- item two",
            "Patient: Ann Lee",
            "Employer: Acme",
            "1. first",
            "2) second",
            "then prose that joins.",
        ]
    );
}

#[test]
fn one_label_line_alone_is_a_sentence_and_reflows() {
    let text = "Scenario 4: which option is marked as the key for this\nitem, given the stem?";
    assert_eq!(
        texts(&rows(text, Field::Prose, 80)),
        ["Scenario 4: which option is marked as the key for this item, given the stem?"]
    );
}

#[test]
fn sentences_with_a_colon_are_prose_and_labels_are_short() {
    assert!(is_label_line("Patient: Harold Dunn"));
    assert!(is_label_line("Date of service: 2026-02-10"));
    assert!(!is_label_line(
        "The payer said, in its letter: the claim is late"
    ));
    assert!(!is_label_line("the reason: timely filing"));
    assert!(!is_record_line("A plain sentence that goes on."));
    assert!(is_record_line("a) lowercase enumerator"));
    assert!(is_record_line("(2) second"));
}

/// A line of record text: words, column gaps, hyphenated codes, wide characters.
fn record_line() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Za-z]{1,12}",
        "CO-[0-9]{1,3}",
        "[0-9]{1,3}\\.[0-9]{2}",
        "(é|—|≥|中文)",
        "[A-Z]{2,20}-[A-Z]{2,20}",
    ];
    (0usize..4, prop::collection::vec((word, 1usize..5), 1..14)).prop_map(|(lead, words)| {
        let mut s = " ".repeat(lead);
        for (w, gap) in words {
            s.push_str(&w);
            s.push_str(&" ".repeat(gap));
        }
        s.trim_end().to_string()
    })
}

proptest! {
    /// Every line of a record becomes its own rows: no row mixes two of the author's lines, and the
    /// rows of line i hold exactly line i's characters, in order.
    #[test]
    fn no_record_line_is_ever_joined_to_another(
        lines in prop::collection::vec(record_line(), 1..8),
        width in 8usize..90,
    ) {
        let text = lines.join("\n");
        let got = rows(&text, Field::Record, width);
        for (i, line) in lines.iter().enumerate() {
            let of_line: String = got.iter().filter(|r| r.line == i).map(|r| r.text.as_str()).collect();
            prop_assert_eq!(visible(&of_line), visible(line));
            let first = got.iter().position(|r| r.line == i).unwrap();
            prop_assert!(!got[first].continues, "line {} starts a new row", i);
        }
    }

    /// Whatever the field and width, every visible character of the input comes out, in order, and
    /// no row is wider than the pane.
    #[test]
    fn every_character_appears_in_order_and_rows_fit(
        lines in prop::collection::vec(prop_oneof![record_line(), "[a-z ,.]{0,70}"], 1..10),
        width in 8usize..90,
        record in any::<bool>(),
    ) {
        let text = lines.join("\n");
        let field = if record { Field::Record } else { Field::Prose };
        let got = rows(&text, field, width);
        let out: String = got.iter().map(|r| r.text.as_str()).collect();
        prop_assert_eq!(visible(&out), visible(&text));
        for r in &got {
            let mark = if r.continues { CONTINUES.width() } else { 0 };
            let w = r.indent + mark + r.text.trim_end().width();
            prop_assert!(w <= width.max(8), "row {:?} is {} wide at {}", r, w, width);
        }
    }
}
