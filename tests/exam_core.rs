//! Form assembly, scoring and timing against the real blueprints and banks.

mod common;

use common::{demo_catalog, shipped_catalog, t0};
use proctor::bank::{Catalog, ChoiceKey};
use proctor::exam::{AssembleError, Attempt, EndReason, FormOptions, assemble, score};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// A day on which every shipped question is true (the banks' figures are 2026's).
fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn opts(seed: u64) -> FormOptions {
    FormOptions {
        seed,
        on: Some(day()),
        ..Default::default()
    }
}

/// Every form: exact domain counts, no repeats, and each case group whole and in one run.
fn check_form(catalog: &Catalog, bp_id: &str, form: &proctor::exam::Form, total: u32) {
    let bp = catalog.blueprint(bp_id).unwrap();
    assert_eq!(form.items.len(), total as usize);
    let mut per_domain: HashMap<&str, u32> = HashMap::new();
    let mut seen = HashSet::new();
    for item in &form.items {
        assert!(
            seen.insert(item.question.as_str()),
            "repeated {}",
            item.question
        );
        let q = catalog.question(&item.question).unwrap();
        *per_domain.entry(q.domain.as_str()).or_default() += 1;
        let mut keys: Vec<ChoiceKey> = item.order.clone();
        keys.sort();
        assert_eq!(
            keys,
            q.choices.keys().copied().collect::<Vec<_>>(),
            "choice order is a permutation"
        );
        if !q.shuffle {
            assert!(
                item.order.windows(2).all(|w| w[0] < w[1]),
                "shuffle: false keeps order"
            );
        }
    }
    for (d, need) in bp.domains.iter().zip(bp.quotas(total)) {
        assert_eq!(
            per_domain.get(d.id.as_str()).copied().unwrap_or(0),
            need,
            "{bp_id} domain {}",
            d.id
        );
    }
    // Case groups: all questions of a case that appear are contiguous, and the whole case is there.
    let mut case_positions: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, item) in form.items.iter().enumerate() {
        if let Some(c) = catalog.case_of(&item.question) {
            case_positions
                .entry(format!("{}:{}", c.id, c.title))
                .or_default()
                .push(i);
        }
    }
    for bank in catalog.banks() {
        for case in &bank.cases {
            let members: Vec<&str> = bank
                .questions
                .iter()
                .filter(|q| q.case.as_deref() == Some(case.id.as_str()))
                .map(|q| q.id.as_str())
                .collect();
            let present = members.iter().filter(|m| seen.contains(**m)).count();
            assert!(
                present == 0 || present == members.len(),
                "case {} split: {present}/{}",
                case.id,
                members.len()
            );
        }
    }
    for (case, pos) in case_positions {
        assert!(
            pos.windows(2).all(|w| w[1] == w[0] + 1),
            "case {case} not contiguous: {pos:?}"
        );
    }
}

#[test]
fn every_fillable_shipped_blueprint_gets_exact_domain_counts_for_many_seeds() {
    let catalog = shipped_catalog();
    let mut checked = 0;
    for bp in &catalog.blueprints {
        let fillable = catalog
            .capacity(bp, day())
            .iter()
            .all(|c| c.available >= c.needed);
        if !fillable {
            continue;
        }
        for seed in 0..25 {
            let form = assemble(&catalog, bp, &opts(seed), &HashMap::new()).unwrap();
            check_form(&catalog, &bp.id, &form, bp.questions);
        }
        checked += 1;
    }
    assert!(checked >= 2, "CPB and CPB-200 must both be fillable");
}

#[test]
fn same_seed_same_form_and_other_seeds_differ() {
    let catalog = shipped_catalog();
    let bp = catalog.blueprint("CPB").unwrap();
    let a = assemble(&catalog, bp, &opts(42), &HashMap::new()).unwrap();
    let b = assemble(&catalog, bp, &opts(42), &HashMap::new()).unwrap();
    let c = assemble(&catalog, bp, &opts(43), &HashMap::new()).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.items, c.items);
}

#[test]
fn mini_mock_keeps_the_mix_and_the_real_pace() {
    let catalog = shipped_catalog();
    let bp = catalog.blueprint("CPB").unwrap();
    let o = FormOptions {
        seed: 1,
        questions: Some(20),
        ..Default::default()
    };
    let form = assemble(&catalog, bp, &o, &HashMap::new()).unwrap();
    check_form(&catalog, "CPB", &form, 20);
    // 240 minutes for 135 questions: 20 questions get 240*60*20/135 seconds, rounded up.
    assert_eq!(
        form.sections[0].seconds,
        Some((240 * 60 * 20_u64).div_ceil(135))
    );
    let o = FormOptions {
        seed: 1,
        questions: Some(20),
        minutes: Some(15),
        ..Default::default()
    };
    assert_eq!(
        assemble(&catalog, bp, &o, &HashMap::new())
            .unwrap()
            .sections[0]
            .seconds,
        Some(900)
    );
    let o = FormOptions {
        seed: 1,
        questions: Some(20),
        tutor: true,
        ..Default::default()
    };
    let practice = assemble(&catalog, bp, &o, &HashMap::new()).unwrap();
    assert_eq!(practice.sections[0].seconds, None);
    // Practice is shuffled like a mock (reasons are keyed by option, not letter), except for
    // questions that say `shuffle: false`.
    let in_bank_order = |i: &proctor::exam::FormItem| i.order.windows(2).all(|w| w[0] < w[1]);
    assert!(
        practice.items.iter().any(|i| !in_bank_order(i)),
        "practice options are shuffled"
    );
    for item in &practice.items {
        let q = catalog.question(&item.question).unwrap();
        if !q.shuffle {
            assert!(in_bank_order(item), "{} says shuffle: false", q.id);
        }
    }
}

#[test]
fn least_seen_questions_come_first() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    // Everything seen twice except four alpha and four beta questions.
    let fresh: HashSet<&str> = [
        "DEMO-03", "DEMO-04", "DEMO-05", "DEMO-06", "DEMO-09", "DEMO-10", "DEMO-11", "DEMO-12",
    ]
    .into();
    let seen: HashMap<String, u32> = catalog
        .questions_for_exam("DEMO")
        .filter(|q| !fresh.contains(q.id.as_str()))
        .map(|q| (q.id.clone(), 2))
        .collect();
    for seed in 0..10 {
        let form = assemble(&catalog, bp, &opts(seed), &seen).unwrap();
        let ids: HashSet<&str> = form.items.iter().map(|i| i.question.as_str()).collect();
        for f in &fresh {
            assert!(ids.contains(f), "seed {seed}: fresh {f} left out");
        }
    }
}

#[test]
fn short_banks_say_what_is_missing_and_what_would_fit() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    let o = FormOptions {
        seed: 1,
        questions: Some(30),
        ..Default::default()
    };
    let err = assemble(&catalog, bp, &o, &HashMap::new()).unwrap_err();
    let AssembleError::Short {
        short,
        largest_possible,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        short,
        &vec![("alpha".to_string(), 18, 8), ("beta".to_string(), 12, 6)]
    );
    // 60/40 of 13 is 8/5 (fits 8 alpha, 6 beta); of 14 it is 8/6, which also fits; 15 needs 9 alpha.
    assert_eq!(*largest_possible, 14);
    assert!(err.to_string().contains("alpha needs 18, has 8"), "{err}");
}

#[test]
fn blueprint_sections_are_timed_separately() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO-PARTS").unwrap();
    let form = assemble(&catalog, bp, &opts(5), &HashMap::new()).unwrap();
    assert_eq!(form.sections.len(), 2);
    assert_eq!(
        (
            form.sections[1].start,
            form.sections[1].len,
            form.sections[1].seconds
        ),
        (5, 5, Some(600))
    );
    let mut a = Attempt::new(form, t0());
    a.advance(Duration::from_secs(601), t0());
    assert_eq!(a.section, 1);
    assert_eq!(a.current, 5);
    a.advance(Duration::from_secs(600), t0());
    assert_eq!(a.end, Some(EndReason::TimeUp));
}

#[test]
fn scoring_single_and_select_all_is_all_or_nothing() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    let form = assemble(&catalog, bp, &opts(9), &HashMap::new()).unwrap();
    let mut a = Attempt::new(form, t0());
    let mut expected = 0;
    for i in 0..a.form.items.len() {
        let q = catalog.question(&a.form.items[i].question).unwrap();
        let key = q.key_set();
        a.responses[i].selected = match i % 3 {
            0 => {
                expected += 1;
                key.clone()
            }
            1 if q.is_multi() => key[..1].to_vec(), // partial: wrong
            1 => vec![*q.choices.keys().find(|k| !key.contains(k)).unwrap()],
            _ => vec![],
        };
    }
    let report = score(&a, &catalog, bp);
    assert_eq!(report.correct, expected);
    assert_eq!(report.total, 10);
    assert_eq!(
        report.unanswered,
        (0..10).filter(|i| i % 3 == 2).count() as u32
    );
    assert_eq!(report.passed, f64::from(expected) * 10.0 >= 70.0);
    let sum: u32 = report.domains.iter().map(|d| d.total).sum();
    assert_eq!(sum, 10);
    assert!(
        report
            .domains
            .windows(2)
            .all(|w| w[0].percent() <= w[1].percent()),
        "weakest first"
    );
}

#[test]
fn the_scaled_estimate_is_labelled_and_pinned_to_the_cut() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO-PARTS").unwrap();
    let form = assemble(&catalog, bp, &opts(9), &HashMap::new()).unwrap();
    let mut a = Attempt::new(form, t0());
    for i in 0..7 {
        let q = catalog.question(&a.form.items[i].question).unwrap();
        a.responses[i].selected = q.key_set();
    }
    let s = score(&a, &catalog, bp);
    assert_eq!(s.percent, 70.0);
    assert_eq!(s.scaled_estimate.unwrap().score, 300.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn any_mini_mock_size_has_exact_counts(seed in any::<u64>(), n in 1u32..=14) {
        let catalog = demo_catalog();
        let bp = catalog.blueprint("DEMO").unwrap();
        let o = FormOptions { seed, questions: Some(n), ..Default::default() };
        match assemble(&catalog, bp, &o, &HashMap::new()) {
            Ok(form) => check_form(&catalog, "DEMO", &form, n),
            Err(AssembleError::Short { .. }) => {
                // Only when a quota exceeds what the demo bank holds (8 alpha, 6 beta).
                let q = bp.quotas(n);
                prop_assert!(q[0] > 8 || q[1] > 6, "unexpected short for n={n}: {q:?}");
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn timer_never_goes_negative_and_time_adds_up(steps in prop::collection::vec(0u64..400, 1..40)) {
        let catalog = demo_catalog();
        let bp = catalog.blueprint("DEMO-PARTS").unwrap();
        let form = assemble(&catalog, bp, &opts(3), &HashMap::new()).unwrap();
        let mut a = Attempt::new(form, t0());
        let mut total = 0.0;
        for s in steps {
            if a.is_finished() { break; }
            a.advance(Duration::from_secs(s), t0());
            total += s as f64;
            if let Some(r) = a.remaining() { prop_assert!(r >= 0.0); }
        }
        let charged: f64 = a.responses.iter().map(|r| r.seconds).sum();
        prop_assert!((charged - a.seconds_used()).abs() < 1e-6);
        prop_assert!(a.seconds_used() <= total + 1e-6);
    }
}

#[test]
fn shipped_banks_hold_several_full_forms_without_repeats() {
    let catalog = shipped_catalog();
    // CPB: every domain at least twice what one 200-question form needs; CPC: three times one form.
    for (id, times, min_total) in [("CPB-200", 2, 400), ("CPC", 3, 300)] {
        let bp = catalog.blueprint(id).unwrap();
        let cap = catalog.capacity(bp, day());
        for c in &cap {
            assert!(
                c.available >= times * c.needed,
                "{id} {}: {} < {} x {}",
                c.id,
                c.available,
                times,
                c.needed
            );
        }
        assert!(
            cap.iter().map(|c| c.available).sum::<u32>() >= min_total,
            "{id} total"
        );
    }
    // Two CPB-200 forms with no question repeated: the second prefers the unseen ones.
    let bp = catalog.blueprint("CPB-200").unwrap();
    let first = assemble(&catalog, bp, &opts(1), &HashMap::new()).unwrap();
    let seen: HashMap<String, u32> = first
        .items
        .iter()
        .map(|i| (i.question.clone(), 1))
        .collect();
    let second = assemble(&catalog, bp, &opts(2), &seen).unwrap();
    assert!(
        second.items.iter().all(|i| !seen.contains_key(&i.question)),
        "a second form repeats questions"
    );
}

/// A full mock of an exam with pretest items marks exactly the blueprint's number, at random but
/// reproducibly; a mini-mock and practice mark none. The score leaves them out entirely: all
/// scored questions right and every pretest item wrong is 100 %, on the scored count.
#[test]
fn pretest_items_are_on_full_mocks_only_and_never_scored() {
    let catalog = shipped_catalog();
    let bp = catalog.blueprint("CCS").unwrap();
    assert_eq!((bp.questions, bp.pretest, bp.scored()), (107, 10, 97));
    let form = assemble(&catalog, bp, &opts(5), &HashMap::new()).unwrap();
    let marked: Vec<usize> = (0..form.items.len())
        .filter(|&i| form.items[i].pretest)
        .collect();
    assert_eq!(marked.len(), 10);
    let again = assemble(&catalog, bp, &opts(5), &HashMap::new()).unwrap();
    assert_eq!(again, form, "same seed, same pretest items");
    let other = assemble(&catalog, bp, &opts(6), &HashMap::new()).unwrap();
    let other_marked: Vec<&str> = other
        .items
        .iter()
        .filter(|x| x.pretest)
        .map(|x| x.question.as_str())
        .collect();
    let marked_ids: Vec<&str> = marked
        .iter()
        .map(|&i| form.items[i].question.as_str())
        .collect();
    assert_ne!(
        other_marked, marked_ids,
        "another seed, other pretest items"
    );
    for o in [
        FormOptions {
            questions: Some(20),
            ..opts(5)
        },
        FormOptions {
            tutor: true,
            ..opts(5)
        },
    ] {
        let f = assemble(&catalog, bp, &o, &HashMap::new()).unwrap();
        assert!(f.items.iter().all(|x| !x.pretest), "{o:?}");
    }
    let mut a = Attempt::new(form, t0());
    for i in 0..a.form.items.len() {
        let q = catalog.question(&a.form.items[i].question).unwrap();
        if a.form.items[i].pretest {
            continue; // left blank: would be wrong and unanswered if it counted
        }
        if q.is_code_entry() {
            a.responses[i].codes = q.key_codes().to_vec();
        } else {
            a.responses[i].selected = q.key_set();
        }
    }
    let s = score(&a, &catalog, bp);
    assert_eq!((s.total, s.pretest, s.unanswered), (97, 10, 0));
    assert_eq!(s.percent, 100.0);
    assert!(s.passed);
    assert_eq!(s.domains.iter().map(|d| d.total).sum::<u32>(), 97);
    assert_eq!(s.scaled_estimate.unwrap().score, 400.0);
    // History keeps which were pretest, and reads its figures from the scored ones only.
    a.ended_at = Some(t0());
    a.end = Some(EndReason::Submitted);
    let record = proctor::store::history::Record::from_attempt(&a, &catalog);
    assert_eq!(record.responses.iter().filter(|r| r.pretest).count(), 10);
    assert_eq!((record.scored_count(), record.correct()), (97, 97));
    assert_eq!(record.percent(), 100.0);
    let json = serde_json::to_string(&record).unwrap();
    let back: proctor::store::history::Record = serde_json::from_str(&json).unwrap();
    assert_eq!(back, record);
}
