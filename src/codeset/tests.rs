//! The loader, lookup, ranking and code finder on small hand-written sets, where every expected
//! result can be read off the fixture. tests/codeset.rs checks the real shipped set.

use super::*;

const HEAD: &str = "#proctor-codeset 1\ttest\t2026\n";

/// A miniature of chapter 4 with a block that shares its id with its only category (as B99 does),
/// and a category with a 7th-character rule.
const MINI: &str = "\
#proctor-codeset 1\ttest\t2026
# a comment line
ch\t4\t\t0\tEndocrine, nutritional and metabolic diseases (E00-E89)
bl\tE08-E13\t4\t0\tDiabetes mellitus (E08-E13)
ca\tE11\tE08-E13\t0\tType 2 diabetes mellitus
+\tuseAdditionalCode\tcode to identify control using insulin (Z79.4)
sc\tE11.6\tE11\t0\tType 2 diabetes mellitus with other specified complications
sc\tE11.61\tE11.6\t0\tType 2 diabetes mellitus with diabetic arthropathy
sc\tE11.610\tE11.61\t1\tType 2 diabetes mellitus with diabetic neuropathic arthropathy
sc\tE11.65\tE11.6\t1\tType 2 diabetes mellitus with hyperglycemia
sc\tE11.9\tE11\t1\tType 2 diabetes mellitus without complications
bl\tE89\t4\t0\tPostprocedural endocrine and metabolic complications (E89)
ca\tE89\tE89\t0\tPostprocedural endocrine and metabolic complications
sc\tE89.0\tE89\t1\tPostprocedural hypothyroidism
ch\t19\t\t0\tInjury, poisoning (S00-T88)
bl\tS70-S79\t19\t0\tInjuries to the hip and thigh (S70-S79)
ca\tS72\tS70-S79\t0\tFracture of femur
+\tsevenChrDef\tA\tinitial encounter for closed fracture
+\tsevenChrDef\tB\tinitial encounter for open fracture type I or II
+\tsevenChrDef\tB\tinitial encounter for open fracture NOS
sc\tS72.9\tS72\t0\tUnspecified fracture of femur
x7\tS72.9XXA\tS72.9\t1\tUnspecified fracture of femur, initial encounter for closed fracture
x7\tS72.9XXB\tS72.9\t1\tUnspecified fracture of femur, initial encounter for open fracture type I or II
";

fn mini() -> CodeSet<'static> {
    CodeSet::from_text(MINI).expect("the fixture loads")
}

fn codes(hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| h.code.code().to_string()).collect()
}

#[test]
fn lookup_ignores_case_dot_and_spaces() {
    let set = mini();
    for typed in ["E11.65", "e1165", " e11.65 ", "E1165"] {
        assert_eq!(set.lookup(typed).map(Code::code), Some("E11.65"), "{typed}");
    }
    assert_eq!(set.lookup("s729xxa").map(Code::code), Some("S72.9XXA"));
    assert_eq!(set.lookup("e08-e13").map(Code::kind), Some(Kind::Block));
    assert_eq!(set.lookup("4").map(Code::kind), Some(Kind::Chapter));
    for bad in [
        "",
        "E",
        "E11.6.5",
        "E1.165",
        "11.65",
        "E11.6555555",
        "E11 65",
        "ü",
    ] {
        assert!(set.lookup(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn a_category_wins_over_the_block_sharing_its_id() {
    let set = mini();
    let e89 = set.lookup("E89").expect("E89");
    assert_eq!(e89.kind(), Kind::Category);
    let parent = set.parent(e89).expect("has a parent");
    assert_eq!((parent.kind(), parent.code()), (Kind::Block, "E89"));
    let sub = set.lookup("E89.0").expect("E89.0");
    assert_eq!(set.parent(sub).map(Code::kind), Some(Kind::Category));
}

#[test]
fn check_code_tells_billable_from_headers_and_non_codes() {
    let set = mini();
    assert_eq!(set.check_code("E11.65"), CodeCheck::Billable);
    assert_eq!(set.check_code("E11"), CodeCheck::Header);
    assert_eq!(set.check_code("S72.9"), CodeCheck::Header);
    assert_eq!(set.check_code("S72.9XXB"), CodeCheck::Billable);
    assert_eq!(set.check_code("E11.66"), CodeCheck::Unknown);
    assert_eq!(
        set.check_code("E08-E13"),
        CodeCheck::Unknown,
        "a block is not a code"
    );
    assert_eq!(
        set.check_code("4"),
        CodeCheck::Unknown,
        "a chapter is not a code"
    );
    assert!(set.is_billable("e119") && !set.is_billable("E11") && !set.is_billable("nonsense"));
}

#[test]
fn hierarchy_runs_from_the_chapter_down() {
    let set = mini();
    let c = set.lookup("E11.610").expect("E11.610");
    let up: Vec<&str> = set.ancestors(c).iter().map(|a| a.code()).collect();
    assert_eq!(up, ["4", "E08-E13", "E11", "E11.6", "E11.61"]);
    let e11 = set.lookup("E11").expect("E11");
    let down: Vec<&str> = set.children(e11).map(Code::code).collect();
    assert_eq!(down, ["E11.6", "E11.9"]);
    assert!(set.ancestors(set.lookup("4").expect("chapter")).is_empty());
}

#[test]
fn seventh_character_notes_keep_the_extra_note_apart() {
    let set = mini();
    let s72 = set.lookup("S72").expect("S72");
    let b: Vec<&str> = s72
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
    let code = set.lookup("S72.9XXB").expect("S72.9XXB");
    assert!(
        !code.description().contains("NOS"),
        "{}",
        code.description()
    );
}

#[test]
fn counts_add_up() {
    let n = mini().counts();
    assert_eq!(
        n,
        Counts {
            chapters: 2,
            blocks: 3,
            categories: 3,
            subcategories: 7,
            seventh_character: 2,
            billable: 6,
            headers: 6,
        }
    );
}

#[test]
fn code_prefix_lists_the_code_then_shorter_codes_first() {
    let set = mini();
    let hits = set.search("e11.6", 10);
    assert_eq!(codes(&hits)[..4], ["E11.6", "E11.61", "E11.65", "E11.610"]);
    assert_eq!(hits[0].matched, Match::Exact);
    assert_eq!(hits[1].matched, Match::CodePrefix);
    assert_eq!(
        codes(&set.search("E11.", 2)),
        ["E11", "E11.6"],
        "a trailing dot keeps the code"
    );
    assert_eq!(set.search("E11", 1).len(), 1, "limit is kept");
    assert!(set.search("E11", 0).is_empty());
    assert!(set.search("   ", 5).is_empty());
}

#[test]
fn words_match_as_prefixes_in_any_case_and_rank_whole_early_short_first() {
    let set = mini();
    let hits = set.search("Type 2 DIAB hyperglyc", 10);
    assert_eq!(codes(&hits), ["E11.65"]);
    assert_eq!(hits[0].matched, Match::Words);
    // Whole-word matches beat prefix matches; then earlier and shorter descriptions win.
    let ranked = codes(&set.search("fracture femur", 10));
    assert_eq!(ranked, ["S72", "S72.9", "S72.9XXA", "S72.9XXB"]);
    // E11.65 and E11.9 tie (same position, same length): the tabular order decides.
    let diab = codes(&set.search("diabetes", 3));
    assert_eq!(diab, ["E08-E13", "E11", "E11.65"]);
    assert!(
        set.search("diabetes zebra", 10).is_empty(),
        "every word must match"
    );
}

#[test]
fn a_code_shaped_query_is_also_searched_as_words_after_the_codes() {
    let set = mini();
    // "e8" is shaped like a code prefix (E8...) and starts the word "e89" in two range names.
    let hits = set.search("e8", 10);
    assert_eq!(codes(&hits), ["E89", "E89.0", "E89", "4"]);
    assert_eq!(hits[2].code.kind(), Kind::Block);
    assert_eq!(hits[3].matched, Match::Words);
}

#[test]
fn shapes_in_prose_skip_hcpcs_cpt_ranges_and_families() {
    let text =
        "Code E11.65 and I10, not J3301, 99213, E08-E13, E11.- or e11.9; see S72.001A. Then E11.";
    let found: Vec<&str> = code_shapes(text).iter().map(|f| f.text).collect();
    assert_eq!(found, ["E11.65", "I10", "S72.001A", "E11"]);
    let f = code_shapes(text)[0];
    assert_eq!(&text[f.start..f.start + f.text.len()], "E11.65");
    assert!(code_shapes("").is_empty() && code_shapes("E1").is_empty());
    assert!(code_shapes("E11.12345 AE11.6 v1.2.3").is_empty());
    // A letter may be second (QA0, new in FY2026) only with a digit third; all-letter words are not codes.
    let mixed: Vec<&str> = code_shapes("QA0.0101, USA, CMS.1500, NPI and A1C")
        .iter()
        .map(|f| f.text)
        .collect();
    assert_eq!(mixed, ["QA0.0101", "A1C"]);
}

#[test]
fn codes_in_text_keeps_three_characters_only_when_they_are_categories() {
    let set = mini();
    let found: Vec<&str> = set
        .codes_in_text("E11 or A1C or E11.99 or S72")
        .iter()
        .map(|f| f.text)
        .collect();
    assert_eq!(
        found,
        ["E11", "E11.99", "S72"],
        "unknown dotted codes stay, to be flagged"
    );
}

fn load_err(body: &str) -> LoadError {
    let text = format!("{HEAD}{body}");
    CodeSet::from_text(&text).expect_err("must be refused")
}

fn line_of(e: &LoadError) -> usize {
    match e {
        LoadError::Format { line, .. } => *line,
        other => panic!("expected a format error, got {other}"),
    }
}

#[test]
fn malformed_data_is_an_error_with_its_line_never_a_panic() {
    let ch = "ch\t1\t\t0\tChapter\n";
    let cases = [
        ("+\tnotes\torphan\n", 2),
        ("zz\tA00\t1\t0\tx\n", 2),
        (&format!("{ch}bl\tA00-A09\t1\t0\n"), 3),
        (&format!("{ch}bl\tA00-A09\t1\t0\tBlock\textra\n"), 3),
        (&format!("{ch}bl\tA00-A09\t1\tyes\tBlock\n"), 3),
        (&format!("{ch}bl\tA00-A09\t9\t0\tBlock\n"), 3),
        (&format!("{ch}ca\tA00\t1\t0\tCategory in a chapter\n"), 3),
        (
            &format!("{ch}bl\tA00-A09\t1\t0\tBlock\nca\tA00\tA00-A09\t0\t \n"),
            4,
        ),
        (
            &format!("{ch}bl\tA00-A09\t1\t0\tBlock\nca\tA00\tA00-A09\t0\tLeaf says header\n"),
            4,
        ),
        (&format!("{ch}bl\tA00-A09\t1\t1\tBlock\n"), 3),
        (&format!("{ch}+\tsevenChrDef\tAB\ttext\n"), 3),
        (&format!("{ch}+\twhatever\ttext\n"), 3),
        (&format!("{ch}+\tnotes\n"), 3),
        (&format!("{ch}bl\tA00-A09\t1\t0\tBell\u{7}\n"), 3),
        (
            &format!("{ch}bl\tA00-A09\t1\t0\tReturn\rin the middle\n"),
            3,
        ),
        ("ch\t1\tX\t0\tChapter with a parent\n", 2),
    ];
    for (body, line) in cases {
        let e = load_err(body);
        assert_eq!(line_of(&e), line, "{body:?}: {e}");
    }
    let e = CodeSet::from_text("not a code set\n").expect_err("no header");
    assert_eq!(line_of(&e), 1);
    assert_eq!(
        load_err(
            "ch\t1\t\t0\tOne\nbl\tA00-A09\t1\t0\tB\nca\tA00\tA00-A09\t1\tX\nca\tA00\tA00-A09\t1\tY\n"
        ),
        LoadError::Duplicate("A00".to_string())
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, data).expect("write");
    gz.finish().expect("gzip")
}

#[test]
fn bad_bytes_are_errors() {
    assert!(matches!(gunzip(b"not gzip"), Err(LoadError::Gzip(_))));
    assert!(matches!(gunzip(&[]), Err(LoadError::Gzip(_))));
    let bytes = gzip(b"#proctor-codeset 1\tx\n\xff\xfe\n");
    assert_eq!(gunzip(&bytes).expect_err("not UTF-8"), LoadError::NotUtf8);
    assert!(matches!(
        gunzip(&bytes[..bytes.len() / 2]),
        Err(LoadError::Gzip(_))
    ));
    let text = gunzip(&gzip(MINI.as_bytes())).expect("round trip");
    assert_eq!(
        CodeSet::from_text(&text).expect("loads").len(),
        mini().len()
    );
}

#[test]
fn a_gzip_bomb_stops_at_the_limit() {
    let spaces = gzip(&[b' '; 4097]);
    assert_eq!(load::gunzip_max(&spaces, 4096), Err(LoadError::TooLarge));
    assert_eq!(load::gunzip_max(&spaces, 4097).map(|t| t.len()), Ok(4097));
}

#[test]
fn split_finds_separators_across_the_16_byte_blocks() {
    for len in 0..40 {
        for at in 0..len {
            let mut s = "x".repeat(len);
            s.replace_range(at..at + 1, "\t");
            let parts: Vec<&str> = scan::split(&s, b'\t').collect();
            assert_eq!(
                parts,
                s.split('\t').collect::<Vec<_>>(),
                "len {len} at {at}"
            );
        }
        let plain = "é".repeat(len);
        assert_eq!(
            scan::split(&plain, b'\t').collect::<Vec<_>>(),
            [plain.as_str()]
        );
    }
    assert_eq!(scan::first_control(&[b'a'; 200]), None);
    let mut late = vec![b'a'; 200];
    late[130] = 0x1b;
    assert_eq!(scan::first_control(&late), Some(130));
}
