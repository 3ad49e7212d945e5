//! The table browser's core on a miniature in the official tables schema
//! (tests/fixtures/codesets/pcs-tables-browse.xml), and the book's search without waiting for its
//! word lists.

use super::import::import_bytes;
use super::pcs::PcsSet;
use super::tests_import::{fixture, pcs};
use super::*;

fn browse_set() -> PcsSet {
    pcs("pcs-tables-browse.xml")
}

fn codes(o: &Options) -> String {
    o.values.iter().map(|v| v.code).collect()
}

#[test]
fn the_way_down_is_section_body_system_operation() {
    let set = browse_set();
    let mut c = Choices::default();
    assert_eq!(codes(&set.options(&c, 0)), "03");
    assert_eq!(set.options(&c, 0).title, "Section");
    c.head.push('0');
    assert_eq!(codes(&set.options(&c, 0)), "DS");
    assert_eq!(set.options(&c, 0).title, "Body System");
    c.head.push('D');
    assert_eq!(codes(&set.options(&c, 0)), "BT");
    c.head.push('T');
    let body = set.options(&c, 0);
    assert_eq!(
        (body.title.as_str(), codes(&body).as_str()),
        ("Body Part", "16JU")
    );
    assert_eq!(
        set.head_labels("0DT"),
        [
            "Medical and Surgical",
            "Gastrointestinal System",
            "Resection"
        ]
    );
}

#[test]
fn a_choice_narrows_the_other_axes_in_either_direction() {
    let set = browse_set();
    let mut c = Choices::from_code("0SR");
    assert_eq!(
        codes(&set.options(&c, 2)),
        "1237JK",
        "every device at first"
    );
    assert_eq!(codes(&set.options(&c, 3)), "9AZ");
    c.axes[3] = Some('9');
    assert_eq!(
        codes(&set.options(&c, 2)),
        "123",
        "cemented: the synthetic ones only"
    );
    assert_eq!(
        codes(&set.options(&c, 3)),
        "9AZ",
        "an axis's own choice never narrows it"
    );
    c.axes[3] = None;
    c.axes[2] = Some('7');
    assert_eq!(
        codes(&set.options(&c, 3)),
        "Z",
        "a tissue substitute: no qualifier"
    );
    let mut t = Choices::from_code("0DTU");
    assert_eq!(
        codes(&set.options(&t, 1)),
        "04",
        "the omentum's row has two approaches"
    );
    t.axes[0] = None;
    t.axes[1] = Some('7');
    assert_eq!(
        codes(&set.options(&t, 0)),
        "16J",
        "no omentum via an opening"
    );
}

/// Every path through the browser, axes chosen in every order, ends on a valid code, and every
/// valid code of the miniature can be built.
#[test]
fn only_valid_codes_can_be_built_and_every_one_can() {
    let set = browse_set();
    let mut built = std::collections::BTreeSet::new();
    fn walk(
        set: &PcsSet,
        c: Choices,
        order: &[usize],
        built: &mut std::collections::BTreeSet<String>,
    ) {
        if c.head.len() < 3 {
            for v in set.options(&c, 0).values {
                let mut n = c.clone();
                n.head.push(v.code);
                walk(set, n, order, built);
            }
            return;
        }
        let Some(&axis) = order.iter().find(|&&a| c.axes[a].is_none()) else {
            let code = c.complete().unwrap();
            assert!(set.is_valid(&code), "{code} was built but is not valid");
            built.insert(code);
            return;
        };
        let offered = set.options(&c, axis).values;
        assert!(!offered.is_empty(), "{} has no way on", c.code());
        for v in offered {
            let mut n = c.clone();
            n.axes[axis] = Some(v.code);
            assert!(set.can_complete(&n));
            walk(set, n, order, built);
        }
    }
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
        walk(&set, Choices::default(), &order, &mut built);
    }
    let mut all = std::collections::BTreeSet::new();
    set.each_code(|c, _| {
        all.insert(c);
    });
    assert_eq!(built, all);
    assert_eq!(all.len(), 20 + 12 + 2 + 18 + 6 + 4);
}

#[test]
fn choices_read_from_a_partial_code() {
    let c = Choices::from_code(" 0dtj ");
    assert_eq!(c.head, "0DT");
    assert_eq!(c.axes, [Some('J'), None, None, None]);
    assert_eq!(c.code(), "0DTJ___");
    assert_eq!(c.complete(), None);
    assert_eq!(
        Choices::from_code("0DTJ4ZZ").complete().as_deref(),
        Some("0DTJ4ZZ")
    );
    assert_eq!(
        Choices::from_code("0é").head,
        "0",
        "only code characters are kept"
    );
    assert!(!browse_set().can_complete(&Choices::from_code("0DTU7")));
}

#[test]
fn a_search_now_leaves_out_lists_not_built_and_says_so() {
    let name = "pcs-tables-browse.xml";
    let imp = import_bytes(name, &fixture(name)).unwrap();
    let book = CodeBook::from_parts(vec![(imp.meta, imp.payload)], Vec::new());
    assert!(!book.ready());
    let (hits, complete) = book.search_now("omentum", None, 10);
    assert!(!complete);
    assert!(hits.is_empty(), "the PCS words list is not built: {hits:?}");
    let (codes, _) = book.search_now("0DTJ4ZZ", None, 10);
    assert_eq!(codes[0].code, "0DTJ4ZZ", "codes never wait for a list");
    book.prepare();
    assert!(book.ready());
    let (hits, complete) = book.search_now("omentum", None, 10);
    assert!(complete);
    assert!(hits.iter().any(|h| h.code == "0DTU"), "{hits:?}");
}

/// An unselective query scores a bounded number of texts, the whole word's first, so a short
/// prefix costs the same in any book, and the next letter ranks every match again.
#[test]
fn an_unselective_query_scores_a_bounded_number_whole_word_first() {
    use super::search::MAX_CANDIDATES;
    use super::textmatch::WordList;
    let mut texts: Vec<String> = (0..MAX_CANDIDATES + 100)
        .map(|i| format!("coal {i}"))
        .collect();
    texts.push("cobalt".into());
    texts.push("co poisoning".into());
    let wl = WordList::new(texts.iter().map(String::as_str));
    let hits = wl.search("co", 2);
    assert_eq!(hits[0].1, texts.len() - 1, "the whole word first: {hits:?}");
    assert!(
        hits.iter().all(|&(_, i)| i != texts.len() - 2),
        "cobalt is past the cap for \"co\""
    );
    assert_eq!(
        wl.search("cob", 2)[0].1,
        texts.len() - 2,
        "one more letter finds it"
    );
}
