use super::*;
use crate::exam::EndReason;
use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;

use ChoiceKey::{A, B, C, D};

/// A single-answer response (key B unless told) choosing `chose`, or blank with None.
fn resp(q: &str, chose: Option<ChoiceKey>, seconds: f64) -> RecordResponse {
    let selected: Vec<ChoiceKey> = chose.into_iter().collect();
    let correct = selected == [B];
    RecordResponse {
        question: q.into(),
        domain: "d".into(),
        selected,
        key: vec![B],
        correct,
        credit: Some(f64::from(u8::from(correct))),
        seconds,
        order: vec![A, B, C, D],
        ..Default::default()
    }
}

fn record(n: i64, responses: Vec<RecordResponse>) -> Record {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(n);
    Record {
        schema: crate::store::history::SCHEMA,
        id: format!("r{n}"),
        mode: "exam".into(),
        blueprint: "CPB".into(),
        exam: "CPB".into(),
        seed: n as u64,
        started_at: t,
        ended_at: t,
        end: EndReason::Submitted,
        seconds_used: 60.0,
        responses,
    }
}

fn none(_: &str) -> Option<Vec<ChoiceKey>> {
    None
}

#[test]
fn counts_p_value_median_and_the_first_answer_only() {
    let recs = vec![
        record(
            0,
            vec![
                resp("q1", Some(B), 10.0),
                resp("q2", Some(A), 20.0),
                resp("q1", Some(A), 99.0), // a drill's re-ask: not counted
            ],
        ),
        record(1, vec![resp("q1", Some(C), 30.0), resp("q2", None, 5.0)]),
        record(2, vec![resp("q1", Some(B), 50.0)]),
    ];
    let rows = item_rows(&recs, "cpb", &none);
    assert_eq!(
        rows.len(),
        2,
        "a blank q2 is not an answer, but q2 was answered once"
    );
    let q1 = &rows[0];
    assert_eq!((q1.id.as_str(), q1.seen), ("q1", 3));
    assert!((q1.p_value - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(q1.median_seconds, 30.0);
    assert_eq!(q1.responses.get("B"), Some(&2));
    assert_eq!(q1.responses.get("C"), Some(&1));
    let chosen: Vec<(ChoiceKey, usize, bool)> = q1
        .options
        .iter()
        .map(|o| (o.option, o.chosen, o.is_key))
        .collect();
    assert_eq!(
        chosen,
        vec![(A, 0, false), (B, 2, true), (C, 1, false), (D, 0, false)]
    );
    assert_eq!(rows[1].seen, 1);
    assert_eq!(rows[1].discrimination, None, "one answer: undefined");
    assert!(item_rows(&recs, "CCA", &none).is_empty());
}

#[test]
fn discrimination_is_the_correlation_with_the_rest_score() {
    // q1 right exactly when the other two are right: discrimination +1.
    let mk = |n, ok: bool| {
        let c = if ok { B } else { A };
        record(
            n,
            vec![
                resp("q1", Some(c), 1.0),
                resp("q2", Some(c), 1.0),
                resp("q3", Some(c), 1.0),
            ],
        )
    };
    let recs = vec![mk(0, true), mk(1, false), mk(2, true), mk(3, false)];
    let rows = item_rows(&recs, "CPB", &none);
    assert!((rows[0].discrimination.unwrap() - 1.0).abs() < 1e-12);
    // q4 right exactly when the others are wrong: -1.
    let mut recs = recs;
    for (i, r) in recs.iter_mut().enumerate() {
        r.responses
            .push(resp("q4", Some(if i % 2 == 0 { A } else { B }), 1.0));
    }
    let rows = item_rows(&recs, "CPB", &none);
    let q4 = rows.iter().find(|r| r.id == "q4").unwrap();
    assert!(q4.discrimination.unwrap() < -0.99);
}

#[test]
fn flags_only_above_their_minimum_sample() {
    // Everyone right on q1 (too easy), wrong on q2 with C (too hard, C beats the key, A and D unused).
    let build = |n: usize| -> Vec<Record> {
        (0..n as i64)
            .map(|i| record(i, vec![resp("q1", Some(B), 1.0), resp("q2", Some(C), 1.0)]))
            .collect()
    };
    let few = item_rows(&build(min_sample::P_VALUE - 1), "CPB", &none);
    assert!(few.iter().all(|r| r.flags.is_empty()), "{few:?}");
    let many = item_rows(&build(min_sample::DISCRIMINATION), "CPB", &none);
    assert_eq!(
        many[0].flags,
        vec![
            Flag::TooEasy,
            Flag::UnusedDistractor(A),
            Flag::UnusedDistractor(C),
            Flag::UnusedDistractor(D)
        ]
    );
    assert_eq!(
        many[1].flags,
        vec![
            Flag::TooHard,
            Flag::UnusedDistractor(A),
            Flag::DistractorOverKey(C),
            Flag::UnusedDistractor(D)
        ]
    );
    assert_eq!(many[0].flags[0].to_string(), "too-easy");
}

#[test]
fn negative_discrimination_is_flagged_with_enough_answers() {
    let recs: Vec<Record> = (0..min_sample::DISCRIMINATION as i64)
        .map(|i| {
            let good = i % 2 == 0;
            record(
                i,
                vec![
                    resp("q1", Some(if good { B } else { A }), 1.0),
                    resp("q2", Some(if good { B } else { C }), 1.0),
                    resp("q3", Some(if good { B } else { C }), 1.0),
                    resp("bad", Some(if good { D } else { B }), 1.0),
                ],
            )
        })
        .collect();
    let rows = item_rows(&recs, "CPB", &none);
    let bad = rows.iter().find(|r| r.id == "bad").unwrap();
    assert!(bad.flags.contains(&Flag::NegativeDiscrimination), "{bad:?}");
    let q1 = rows.iter().find(|r| r.id == "q1").unwrap();
    assert!(q1.discrimination.unwrap() > 0.9, "{q1:?}");
    assert!(!q1.flags.contains(&Flag::NegativeDiscrimination));
}

#[test]
fn code_entry_scores_its_credit_fraction() {
    let ce = |credit: f64| RecordResponse {
        question: "ce".into(),
        domain: "d".into(),
        codes: vec!["E11.9".into()],
        key_codes: vec!["E11.9".into(), "I10".into()],
        correct: credit >= 1.0,
        credit: Some(credit),
        seconds: 1.0,
        ..Default::default()
    };
    let recs = vec![
        record(0, vec![ce(1.0)]),
        record(1, vec![ce(0.5)]),
        record(2, vec![ce(0.0)]),
    ];
    let rows = item_rows(&recs, "CPB", &none);
    assert_eq!(rows[0].kind, ItemKind::CodeEntry);
    assert!((rows[0].p_value - 0.5).abs() < 1e-12);
    assert!(rows[0].options.is_empty());
    let total: usize = rows[0].responses.values().sum();
    assert_eq!(total, 3);
    assert_eq!(rows[0].responses.get("partial"), Some(&1));
}

#[test]
fn the_banks_options_are_used_when_known() {
    let recs = vec![record(0, vec![resp("q1", Some(B), 1.0)])];
    let with_e = |_: &str| Some(vec![A, B, C, D, ChoiceKey::E]);
    let rows = item_rows(&recs, "CPB", &with_e);
    assert_eq!(rows[0].options.len(), 5);
}

fn choice() -> impl Strategy<Value = Option<ChoiceKey>> {
    prop_oneof![
        Just(None),
        Just(Some(A)),
        Just(Some(B)),
        Just(Some(C)),
        Just(Some(D))
    ]
}

fn records_strategy() -> impl Strategy<Value = Vec<Record>> {
    prop::collection::vec(
        prop::collection::vec((0..6usize, choice(), 0.0..300.0f64), 1..8),
        1..25,
    )
    .prop_map(|attempts| {
        attempts
            .into_iter()
            .enumerate()
            .map(|(i, rs)| {
                record(
                    i as i64,
                    rs.into_iter()
                        .map(|(q, c, s)| resp(&format!("q{q}"), c, s))
                        .collect(),
                )
            })
            .collect()
    })
}

proptest! {
    /// On 0/1 data the point-biserial formula (M1 - M0)/s * sqrt(p q) equals Pearson's r.
    #[test]
    fn point_biserial_equals_pearson_on_binary_data(
        data in prop::collection::vec((any::<bool>(), -50.0..50.0f64), 2..60)
    ) {
        let pairs: Vec<(f64, f64)> = data.iter().map(|&(b, y)| (f64::from(u8::from(b)), y)).collect();
        let n = pairs.len() as f64;
        let ones: Vec<f64> = pairs.iter().filter(|p| p.0 == 1.0).map(|p| p.1).collect();
        let zeros: Vec<f64> = pairs.iter().filter(|p| p.0 == 0.0).map(|p| p.1).collect();
        let mean = pairs.iter().map(|p| p.1).sum::<f64>() / n;
        let s = (pairs.iter().map(|p| (p.1 - mean).powi(2)).sum::<f64>() / n).sqrt();
        let r = pearson(&pairs);
        if ones.is_empty() || zeros.is_empty() || s < 1e-6 {
            prop_assert!(ones.is_empty() || zeros.is_empty() || r.is_none() || s < 1e-6);
        } else {
            let m1 = ones.iter().sum::<f64>() / ones.len() as f64;
            let m0 = zeros.iter().sum::<f64>() / zeros.len() as f64;
            let p = ones.len() as f64 / n;
            let rpb = (m1 - m0) / s * (p * (1.0 - p)).sqrt();
            prop_assert!((r.unwrap() - rpb).abs() < 1e-9, "{:?} vs {}", r, rpb);
        }
    }

    #[test]
    fn counts_add_up_to_the_answers(recs in records_strategy()) {
        let rows = item_rows(&recs, "CPB", &none);
        let answered: usize = recs.iter().map(|r| {
            let mut met = std::collections::HashSet::new();
            r.responses.iter().filter(|x| x.answered() && met.insert(x.question.clone())).count()
        }).sum();
        prop_assert_eq!(rows.iter().map(|r| r.seen).sum::<usize>(), answered);
        for row in &rows {
            prop_assert!(row.seen >= 1);
            prop_assert_eq!(row.responses.values().sum::<usize>(), row.seen);
            // Single answer: the option counts add up too.
            prop_assert_eq!(row.options.iter().map(|o| o.chosen).sum::<usize>(), row.seen);
            prop_assert!((0.0..=1.0).contains(&row.p_value));
            if let Some(d) = row.discrimination {
                prop_assert!((-1.0..=1.0).contains(&d));
            }
        }
    }

    #[test]
    fn attempt_order_does_not_matter(recs in records_strategy(), seed in any::<u64>()) {
        let a = item_rows(&recs, "CPB", &none);
        let mut shuffled = recs.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let b = item_rows(&shuffled, "CPB", &none);
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            prop_assert_eq!(&x.id, &y.id);
            prop_assert_eq!(x.seen, y.seen);
            prop_assert_eq!(&x.responses, &y.responses);
            prop_assert_eq!(&x.options, &y.options);
            prop_assert_eq!(&x.flags, &y.flags);
            prop_assert!((x.p_value - y.p_value).abs() < 1e-9);
            prop_assert_eq!(x.median_seconds, y.median_seconds);
            match (x.discrimination, y.discrimination) {
                (Some(p), Some(q)) => prop_assert!((p - q).abs() < 1e-9),
                (p, q) => prop_assert_eq!(p, q),
            }
        }
    }
}
