//! The shipped ICD-10-CM code set (FY2026, April 1, 2026): known codes, notes, hierarchy, ranking
//! and the counts tools/gen_icd10cm.py printed when it made the file (see docs/codeset.md).

// In a module named for the feature, so that `cargo test codeset` runs these too.
mod shipped_codeset {
    use proctor::codeset::{self, Code, CodeCheck, CodeSet, Counts, Kind, Match, NoteKind};

    fn set() -> &'static CodeSet<'static> {
        codeset::icd10cm().expect("the shipped code set loads")
    }

    fn code(c: &str) -> &'static Code<'static> {
        set()
            .lookup(c)
            .unwrap_or_else(|| panic!("{c} is in the code set"))
    }

    #[test]
    fn counts_match_the_generator_and_cdc() {
        assert_eq!(
            set().counts(),
            Counts {
                chapters: 22,
                blocks: 297,
                categories: 1_918,
                subcategories: 44_963,
                seventh_character: 51_305,
                billable: 74_719,
                headers: 23_467,
            }
        );
        assert_eq!(set().len(), 98_505);
        assert_eq!(set().name(), "icd10cm 2026-04");
    }

    #[test]
    fn known_codes_have_their_official_descriptions_and_flags() {
        let cases = [
            (
                "E11.9",
                true,
                "Type 2 diabetes mellitus without complications",
            ),
            ("E11", false, "Type 2 diabetes mellitus"),
            (
                "E11.65",
                true,
                "Type 2 diabetes mellitus with hyperglycemia",
            ),
            ("I10", true, "Essential (primary) hypertension"),
            ("J45.909", true, "Unspecified asthma, uncomplicated"),
            ("U07.1", true, "COVID-19"),
            ("Z68.41", true, "Body mass index [BMI] 40.0-44.9, adult"),
            (
                "Z86.0101",
                true,
                "Personal history of adenomatous and serrated colon polyps",
            ),
            (
                "S72.001",
                false,
                "Fracture of unspecified part of neck of right femur",
            ),
            (
                "S72.001A",
                true,
                "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture",
            ),
            (
                "T36.0X1A",
                true,
                "Poisoning by penicillins, accidental (unintentional), initial encounter",
            ),
        ];
        for (c, billable, description) in cases {
            let found = code(c);
            assert_eq!(found.code(), c);
            assert_eq!(found.description(), description, "{c}");
            assert_eq!(found.is_billable(), billable, "{c}");
            let check = if billable {
                CodeCheck::Billable
            } else {
                CodeCheck::Header
            };
            assert_eq!(set().check_code(c), check, "{c}");
        }
        assert_eq!(code("S72.001A").kind(), Kind::SeventhCharacter);
        assert_eq!(
            code("s72001a").code(),
            "S72.001A",
            "case and dot do not matter"
        );
        assert_eq!(code("e116").code(), "E11.6");
        assert_eq!(set().check_code("E11.66"), CodeCheck::Unknown);
        assert_eq!(
            set().check_code("J3301"),
            CodeCheck::Unknown,
            "HCPCS is not ICD-10-CM"
        );
        assert_eq!(
            set().check_code("S72.001"),
            CodeCheck::Header,
            "needs its 7th character"
        );
    }

    #[test]
    fn seventh_character_descriptions_leave_out_the_notes_under_a_character() {
        // The XML puts "Old central retinal vein occlusion" under 7th character 2 of H34.81; CDC's
        // code title is the base description and the character's meaning only.
        assert_eq!(
            code("H34.8112").description(),
            "Central retinal vein occlusion, right eye, stable"
        );
        let b: Vec<&str> = code("S72")
            .notes()
            .iter()
            .filter(|n| n.kind == NoteKind::SeventhChar('B'))
            .map(|n| n.text)
            .collect();
        assert_eq!(
            b,
            [
                "initial encounter for open fracture type I or II",
                "initial encounter for open fracture NOS"
            ]
        );
    }

    #[test]
    fn notes_are_kept_with_their_code() {
        let has = |c: &str, kind: NoteKind, needle: &str| {
            code(c)
                .notes()
                .iter()
                .any(|n| n.kind == kind && n.text.contains(needle))
        };
        assert!(has("E11", NoteKind::UseAdditionalCode, "insulin (Z79.4)"));
        assert!(has("E11", NoteKind::Includes, "diabetes NOS"));
        assert!(has(
            "R73",
            NoteKind::Excludes1,
            "diabetes mellitus (E08-E13)"
        ));
        assert!(has("S72", NoteKind::SeventhCharNote, "7th character"));
        assert!(has(
            "S72",
            NoteKind::SeventhChar('A'),
            "initial encounter for closed fracture"
        ));
        assert!(has("A00.0", NoteKind::InclusionTerm, "Classical cholera"));
        assert!(
            code("E11.65").notes().is_empty(),
            "notes live where the tabular prints them"
        );
    }

    #[test]
    fn hierarchy_runs_from_chapter_to_code() {
        let up: Vec<(&str, Kind)> = set()
            .ancestors(code("E11.65"))
            .iter()
            .map(|c| (c.code(), c.kind()))
            .collect();
        assert_eq!(
            up,
            [
                ("4", Kind::Chapter),
                ("E08-E13", Kind::Block),
                ("E11", Kind::Category),
                ("E11.6", Kind::Subcategory),
            ]
        );
        let chapter = code("4");
        assert!(
            chapter
                .description()
                .starts_with("Endocrine, nutritional and metabolic diseases")
        );
        let under_e116: Vec<&str> = set().children(code("E11.6")).map(|c| c.code()).collect();
        assert_eq!(under_e116[..3], ["E11.61", "E11.62", "E11.63"]);
        assert!(under_e116.contains(&"E11.65"));
        let sevenths: Vec<&str> = set().children(code("S72.001")).map(|c| c.code()).collect();
        assert!(sevenths.starts_with(&["S72.001A", "S72.001B", "S72.001C", "S72.001D"]));
        // B99 is both a block and its only category: lookup gives the category, its parent the block.
        assert_eq!(code("B99").kind(), Kind::Category);
        assert_eq!(
            set().parent(code("B99")).map(|p| p.kind()),
            Some(Kind::Block)
        );
    }

    #[test]
    fn every_entry_is_well_formed() {
        let mut chapters = 0;
        for c in set().iter() {
            assert!(!c.description().is_empty(), "{}", c.code());
            assert_eq!(
                c.is_billable(),
                c.kind().is_code() && set().children(c).next().is_none()
            );
            match c.kind() {
                Kind::Chapter => chapters += 1,
                Kind::Block => assert!(set().parent(c).is_some()),
                _ => {
                    let s = c.code();
                    assert!(s.len() == 3 || s.as_bytes()[3] == b'.', "{s}");
                    assert_eq!(
                        set().lookup(s).map(|f| f.code()),
                        Some(s),
                        "{s} finds itself"
                    );
                }
            }
            if c.kind() == Kind::SeventhCharacter {
                assert_eq!(c.code().len(), 8, "{}", c.code());
            }
        }
        assert_eq!(chapters, 22);
    }

    fn top(query: &str, n: usize) -> Vec<&'static str> {
        set()
            .search(query, n)
            .iter()
            .map(|h| h.code.code())
            .collect()
    }

    #[test]
    fn a_code_query_lists_the_code_then_its_shortest_descendants() {
        let hits = set().search("E11.6", 20);
        assert_eq!(hits[0].code.code(), "E11.6");
        assert_eq!(hits[0].matched, Match::Exact);
        assert_eq!(
            top("E11.6", 8),
            [
                "E11.6", "E11.61", "E11.62", "E11.63", "E11.64", "E11.65", "E11.69", "E11.610"
            ]
        );
        assert!(hits[1..].iter().all(|h| h.matched == Match::CodePrefix));
        assert_eq!(top("e116", 1), ["E11.6"], "dot and case do not matter");
        assert_eq!(top("E11.", 2), ["E11", "E11.0"]);
        assert_eq!(top("E", 3), ["E00", "E01", "E02"]);
    }

    #[test]
    fn words_find_the_code_a_coder_means() {
        let t2 = top("type 2 diabetes hyperglycemia", 3);
        assert!(t2.contains(&"E11.65"), "{t2:?}");
        assert_eq!(
            top("Type 2 Diabetes Mellitus With Hyperglycemia", 1),
            ["E11.65"]
        );
        assert_eq!(top("essential hypertension", 1), ["I10"]);
        assert_eq!(top("covid", 1), ["U07.1"]);
        assert!(
            top("sjogren", 5).iter().any(|c| c.starts_with("M35.0")),
            "accents ignored"
        );
        assert!(
            top("hyperglycemia zzzz", 5).is_empty(),
            "every word must match"
        );
        let all = set().search("diabetes", 500);
        assert_eq!(all.len(), 500);
        assert!(all.iter().all(|h| h.matched == Match::Words));
    }

    #[test]
    fn codes_in_prose_are_found_without_hcpcs_cpt_or_ranges() {
        let text = "Report E11.65 and I10 (not J3301 or 99213); E08-E13 is a range; E11.-; Z99.99 is wrong.";
        let found: Vec<&str> = set().codes_in_text(text).iter().map(|f| f.text).collect();
        assert_eq!(found, ["E11.65", "I10", "Z99.99"]);
        assert_eq!(set().check_code("Z99.99"), CodeCheck::Unknown);
        // "ASC X12" is the EDI standard, though X12 is also a category: prose never cites it.
        let x12 = set().codes_in_text("an ASC X12 837P claim for W19.XXXA and X12.XXXA");
        let x12: Vec<&str> = x12.iter().map(|f| f.text).collect();
        assert_eq!(x12, ["W19.XXXA", "X12.XXXA"]);
        assert_eq!(set().check_code("X12"), CodeCheck::Header);
    }

    #[test]
    fn only_2026_is_shipped() {
        assert!(codeset::icd10cm_for_year(2026).is_some_and(|r| r.is_ok()));
        assert!(codeset::icd10cm_for_year(2025).is_none());
    }
}
