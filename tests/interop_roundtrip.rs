//! import(export(bank)) keeps every field the format can carry: over every multiple-choice
//! question of the shipped banks, per export format, and over generated banks with awkward text
//! (GIFT's `~ = # { } :`, XML entities, CSV commas and quotes, unicode, line breaks).

use proctor::bank::{Catalog, Difficulty, SourceFile};
use proctor::interop::text::tidy;
use proctor::interop::{Choice, Format, Item, from_bank};
use proptest::prelude::*;

const EXPORTS: [Format; 4] = [Format::Gift, Format::MoodleXml, Format::Qti, Format::Csv];

fn round_trip(format: Format, items: &[Item]) -> Vec<Item> {
    let bytes = format.write(items).expect("write");
    let read = format.read("export", &bytes).expect("read back");
    assert!(
        read.refused.is_empty(),
        "{format:?} refused {:?}",
        read.refused
    );
    read.items
}

fn assert_same(format: Format, want: &[Item], got: &[Item]) {
    let carries = format.carries();
    assert_eq!(got.len(), want.len(), "{format:?}: item count");
    for (w, g) in want.iter().zip(got) {
        assert_eq!(carries.mask(g), carries.mask(w), "{format:?}: {:?}", w.id);
    }
}

#[test]
fn every_shipped_question_survives_each_format() {
    let (catalog, _) = Catalog::load(&SourceFile::shipped_files(), false);
    let mut items = Vec::new();
    for bank in catalog.banks() {
        items.extend(from_bank::items(bank).0);
    }
    assert!(items.len() > 2000, "only {} items", items.len());
    for format in EXPORTS {
        assert_same(format, &items, &round_trip(format, &items));
    }
}

fn awkward_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop::sample::select(vec![
            "a",
            "Z",
            "0",
            " ",
            "  ",
            "\n",
            "\n\n",
            "~",
            "=",
            "#",
            "{",
            "}",
            ":",
            "::",
            "\\",
            "%",
            "->",
            "\"",
            "'",
            ",",
            ";",
            "&",
            "&amp;",
            "<",
            ">",
            "<p>",
            "]]>",
            "é",
            "—",
            "😀",
            "日本",
            "[html]",
            "$CATEGORY:",
            "//",
            "ANSWER: A",
            "A. x",
            "\t",
        ]),
        1..12,
    );
    pieces
        .prop_map(|p| tidy(&p.concat().replace('\t', " ")))
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn id() -> impl Strategy<Value = String> {
    "[A-Z]{2,4}-[0-9]{1,4}"
}

prop_compose! {
    fn item()(
        id in id(),
        category in "[a-z]{1,8}( [a-z]{1,6})?",
        stem in awkward_text(),
        texts in prop::collection::vec(awkward_text(), 2..=6),
        correct_bits in any::<u8>(),
        feedback in prop::collection::vec(prop::option::of(awkward_text()), 6),
        multi in any::<bool>(),
        explanation in prop::option::of(awkward_text()),
        references in prop::collection::vec("[A-Za-z0-9 ,.:;-]{1,20}".prop_map(|s| tidy(&s)).prop_filter("ref", |s| !s.is_empty()), 0..3),
        difficulty in prop::option::of(prop::sample::select(vec![Difficulty::Easy, Difficulty::Medium, Difficulty::Hard])),
    ) -> Item {
        let n = texts.len();
        let mut correct: Vec<bool> = (0..n).map(|i| correct_bits & (1 << i) != 0).collect();
        if !multi || !correct.iter().any(|c| *c) {
            correct = (0..n).map(|i| i == (correct_bits as usize) % n).collect();
        }
        // A multi-answer set needs a wrong option (proctor's rule); options must differ.
        if multi && correct.iter().all(|c| *c) {
            correct[0] = false;
        }
        let choices = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Choice { text: format!("{i}) {t}"), correct: correct[i], feedback: feedback[i].clone() })
            .collect();
        Item { id: Some(id), category: Some(category), stem, choices, multi, explanation, references, difficulty, line: 0, part: None }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_banks_with_awkward_text_survive_each_format(items in prop::collection::vec(item(), 1..6)) {
        for format in EXPORTS {
            let bytes = format.write(&items).expect("write");
            let read = format.read("generated", &bytes).expect("read back");
            prop_assert!(read.refused.is_empty(), "{:?} refused {:?}", format, read.refused);
            prop_assert_eq!(read.items.len(), items.len());
            let carries = format.carries();
            for (w, g) in items.iter().zip(&read.items) {
                prop_assert_eq!(carries.mask(g), carries.mask(w), "{:?}", format);
            }
        }
    }

    /// Readers never panic on arbitrary bytes: an error or a (possibly empty) result.
    #[test]
    fn readers_never_panic_on_junk(bytes in prop::collection::vec(any::<u8>(), 0..400), text in "\\PC{0,300}") {
        for format in Format::ALL {
            let _ = format.read("junk", &bytes);
            let _ = format.read("junk", text.as_bytes());
        }
        let _ = Format::detect(&bytes, Some("txt"));
    }
}
