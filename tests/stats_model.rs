//! The mastery model, the prediction and the drill picker against hand-computed answers.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{demo_catalog, t0};
use proctor::bank::ChoiceKey;
use proctor::exam::EndReason;
use proctor::stats::mastery::from_counts;
use proctor::stats::{
    DrillRequest, Pool, answers_from, mastery, pick_drill, predict, question_states, stats_report,
};
use proctor::store::history::{Record, RecordResponse};
use proptest::prelude::*;
use std::collections::HashMap;

fn record(id: &str, mode: &str, at: DateTime<Utc>, answers: &[(&str, &str, bool, bool)]) -> Record {
    Record {
        schema: 1,
        id: id.into(),
        mode: mode.into(),
        blueprint: "DEMO".into(),
        exam: "DEMO".into(),
        seed: 0,
        started_at: at,
        ended_at: at,
        end: EndReason::Submitted,
        seconds_used: 60.0,
        responses: answers
            .iter()
            .map(|(q, d, correct, flagged)| RecordResponse {
                question: q.to_string(),
                domain: d.to_string(),
                selected: vec![ChoiceKey::A],
                key: vec![if *correct { ChoiceKey::A } else { ChoiceKey::B }],
                correct: *correct,
                seconds: 30.0,
                flagged: *flagged,
                struck: vec![],
                order: vec![],
                ..Default::default()
            })
            .collect(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

#[test]
fn no_data_is_the_flat_prior_with_its_exact_interval() {
    let m = from_counts("x", 0.0, 0.0, 0);
    assert_eq!(m.mean, 0.5);
    assert!(close(m.low, 0.05) && close(m.high, 0.95), "{m:?}");
    assert!(!m.enough);
}

#[test]
fn one_right_answer_gives_beta_2_1_whose_quantiles_are_square_roots() {
    // Beta(2,1) has CDF x², so its 5% and 95% quantiles are √0.05 and √0.95 (a stand-alone domain).
    let m = &from_counts("alpha", 1.0, 0.0, 1);
    assert!(close(m.mean, 2.0 / 3.0));
    assert!(
        close(m.low, 0.05f64.sqrt()) && close(m.high, 0.95f64.sqrt()),
        "{m:?}"
    );
}

#[test]
fn age_widens_the_range_without_moving_the_estimate() {
    // Stationary: the same accuracy in both domains over three weeks, then 90 days of nothing.
    let mut recs = Vec::new();
    for day in 0..3 {
        let mut xs = Vec::new();
        for (i, q) in ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04"]
            .iter()
            .enumerate()
        {
            xs.push((*q, "alpha", i != 0, false));
        }
        for (i, q) in ["DEMO-09", "DEMO-10", "DEMO-11", "DEMO-12"]
            .iter()
            .enumerate()
        {
            xs.push((*q, "beta", i != 0, false));
        }
        recs.push(record(
            &format!("r{day}"),
            "exam",
            t0() + Duration::days(7 * day),
            &xs,
        ));
    }
    let answers = answers_from(&recs);
    let last = t0() + Duration::days(14);
    let fresh = mastery(&answers, "DEMO", &["alpha", "beta"], last);
    let old = mastery(
        &answers,
        "DEMO",
        &["alpha", "beta"],
        last + Duration::days(90),
    );
    for (f, o) in fresh.iter().zip(&old) {
        // One half-life later the evidence is halved: the same mean, a wider interval.
        assert!(close(o.evidence, f.evidence / 2.0), "{o:?}");
        assert!((o.mean - f.mean).abs() < 0.005, "{} vs {}", o.mean, f.mean);
        assert!(o.high - o.low > f.high - f.low);
        assert!(o.enough && f.enough);
    }
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    let (pf, po) = (predict(&fresh, bp), predict(&old, bp));
    assert!(po.enough, "still a prediction long after the last session");
    assert!(po.high - po.low >= pf.high - pf.low, "{po:?} vs {pf:?}");
}

#[test]
fn a_domain_starts_from_the_candidates_own_level_not_from_fifty_percent() {
    // Alpha: 18 of 20; beta: 1 of 1. Beta is estimated near the candidate's level, not 50-67%.
    let mut xs: Vec<(String, &str, bool, bool)> = (0..20)
        .map(|i| (format!("A{i:02}"), "alpha", i >= 2, false))
        .collect();
    xs.push(("B00".into(), "beta", true, false));
    let xs: Vec<(&str, &str, bool, bool)> = xs
        .iter()
        .map(|(q, d, c, f)| (q.as_str(), *d, *c, *f))
        .collect();
    let recs = [record("r", "exam", t0(), &xs)];
    let m = mastery(&answers_from(&recs), "DEMO", &["alpha", "beta"], t0());
    assert!(m[1].mean > 0.8, "{:?}", m[1]);
    assert!(m[0].mean > 0.8 && m[0].mean < 0.95, "{:?}", m[0]);
}

#[test]
fn enough_data_after_five_answers() {
    let five: Vec<(&str, &str, bool, bool)> =
        ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04", "DEMO-05"]
            .iter()
            .map(|q| (*q, "alpha", true, false))
            .collect();
    let recs = [record("r1", "drill", t0(), &five[..4])];
    let answers = answers_from(&recs);
    assert!(!mastery(&answers, "DEMO", &["alpha"], t0())[0].enough);
    let recs = [record("r1", "drill", t0(), &five)];
    let answers = answers_from(&recs);
    assert!(mastery(&answers, "DEMO", &["alpha"], t0())[0].enough);
}

#[test]
fn prediction_is_confident_at_the_extremes() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    let strong = vec![
        from_counts("alpha", 180.0, 20.0, 200),
        from_counts("beta", 180.0, 20.0, 200),
    ];
    let p = predict(&strong, bp);
    // The expected score is the posterior mean, 181/202, on any form length.
    assert!(
        p.enough && (p.score - 100.0 * 181.0 / 202.0).abs() < 1e-6,
        "{p:?}"
    );
    assert!(p.pass_probability > 0.95, "{p:?}");
    let weak = vec![
        from_counts("alpha", 50.0, 150.0, 200),
        from_counts("beta", 50.0, 150.0, 200),
    ];
    assert!(predict(&weak, bp).pass_probability < 0.01);
    let none = vec![
        from_counts("alpha", 0.0, 0.0, 0),
        from_counts("beta", 0.0, 0.0, 0),
    ];
    assert!(!predict(&none, bp).enough);
}

proptest! {
    #[test]
    fn prediction_is_monotone_in_mastery(a_right in 0u32..60, a_wrong in 0u32..60, b_right in 0u32..60, b_wrong in 1u32..60) {
        let catalog = demo_catalog();
        let bp = catalog.blueprint("DEMO").unwrap();
        let before = vec![from_counts("alpha", a_right.into(), a_wrong.into(), 0), from_counts("beta", b_right.into(), b_wrong.into(), 0)];
        // One wrong answer in beta becomes a right one.
        let after = vec![before[0].clone(), from_counts("beta", (b_right + 1).into(), (b_wrong - 1).into(), 0)];
        let (p0, p1) = (predict(&before, bp), predict(&after, bp));
        prop_assert!(p1.score > p0.score);
        prop_assert!(p1.pass_probability >= p0.pass_probability - 1e-12);
        prop_assert!(p0.low <= p0.score && p0.score <= p0.high);
    }
}

#[test]
fn leitner_boxes_and_confidently_wrong() {
    let day = |d: i64| t0() + Duration::days(d);
    let records = vec![
        record(
            "1",
            "drill",
            day(0),
            &[
                ("DEMO-01", "alpha", true, false),
                ("DEMO-02", "alpha", false, false),
                ("DEMO-03", "alpha", false, true),
            ],
        ),
        record(
            "2",
            "drill",
            day(3),
            &[
                ("DEMO-01", "alpha", true, false),
                ("DEMO-02", "alpha", true, false),
            ],
        ),
    ];
    let s = question_states(&answers_from(&records));
    assert_eq!(
        (s["DEMO-01"].leitner_box, s["DEMO-01"].due),
        (3, day(3) + Duration::days(4))
    );
    assert_eq!(
        (s["DEMO-02"].leitner_box, s["DEMO-02"].due),
        (2, day(3) + Duration::days(2))
    );
    assert!(!s["DEMO-02"].first_correct && s["DEMO-02"].last_correct);
    assert_eq!((s["DEMO-03"].leitner_box, s["DEMO-03"].due), (1, day(1)));
    assert!(
        !s["DEMO-03"].confidently_wrong,
        "flagged: the candidate knew they were unsure"
    );
    let s0 = question_states(&answers_from(&records[..1]));
    assert!(s0["DEMO-02"].confidently_wrong);
}

#[test]
fn drills_favour_the_weak_domain_and_bring_missed_questions_back_first() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    // Alpha: all wrong; beta: all right, on the same day, long enough ago to be due.
    let mut answers: Vec<(&str, &str, bool, bool)> = Vec::new();
    for q in ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04"] {
        answers.push((q, "alpha", false, false));
    }
    for q in ["DEMO-09", "DEMO-10", "DEMO-11", "DEMO-12"] {
        answers.push((q, "beta", true, false));
    }
    let then = t0() - Duration::days(2);
    let records = vec![record("1", "exam", then, &answers)];
    let all = answers_from(&records);
    let states = question_states(&all);
    let m = mastery(&all, "DEMO", &["alpha", "beta"], t0());
    let mut alpha_total = 0;
    for seed in 0..20 {
        let req = DrillRequest {
            count: 6,
            seed,
            ..Default::default()
        };
        let ids = pick_drill(&catalog, bp, &states, &m, &req, t0());
        assert_eq!(ids.len(), 6);
        let alpha: Vec<&String> = ids
            .iter()
            .filter(|id| catalog.question(id).unwrap().domain == "alpha")
            .collect();
        alpha_total += alpha.len();
        // The four missed alpha questions are due (box 1, a day) and come before unseen ones.
        for missed in ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04"] {
            assert!(
                ids.iter().any(|i| i == missed),
                "seed {seed}: missed {missed} not brought back: {ids:?}"
            );
        }
    }
    assert!(
        alpha_total >= 20 * 4,
        "the weak domain should get most of the drill ({alpha_total}/120)"
    );
}

#[test]
fn pools_and_explicit_domains_filter() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    let records = vec![record(
        "1",
        "exam",
        t0(),
        &[
            ("DEMO-01", "alpha", false, false),
            ("DEMO-09", "beta", true, true),
        ],
    )];
    let all = answers_from(&records);
    let states = question_states(&all);
    let m = mastery(&all, "DEMO", &["alpha", "beta"], t0());
    let pick = |pool, domains: Vec<String>| {
        let req = DrillRequest {
            pool,
            domains,
            count: 50,
            seed: 1,
            only: vec![],
            on: None,
        };
        let mut v = pick_drill(&catalog, bp, &states, &m, &req, t0());
        v.sort();
        v
    };
    assert_eq!(pick(Pool::Incorrect, vec![]), vec!["DEMO-01"]);
    assert_eq!(pick(Pool::Flagged, vec![]), vec!["DEMO-09"]);
    assert_eq!(pick(Pool::Unused, vec![]).len(), 12);
    let beta = pick(Pool::All, vec!["beta".into()]);
    assert_eq!(beta.len(), 6);
    assert!(
        beta.iter()
            .all(|id| catalog.question(id).unwrap().domain == "beta")
    );
}

#[test]
fn stats_report_counts_first_sight_and_review_and_lists_confidently_wrong() {
    let catalog = demo_catalog();
    let bp = catalog.blueprint("DEMO").unwrap();
    let records = vec![
        record(
            "1",
            "exam",
            t0() - Duration::days(1),
            &[
                ("DEMO-01", "alpha", false, false),
                ("DEMO-02", "alpha", true, false),
            ],
        ),
        record("2", "drill", t0(), &[("DEMO-01", "alpha", true, false)]),
    ];
    let r = stats_report(&catalog, bp, &records, &answers_from(&records), t0());
    let alpha = &r.domains[0];
    assert_eq!((alpha.seen, alpha.unseen, alpha.questions), (2, 6, 8));
    assert_eq!(alpha.first_sight_accuracy, Some(0.5));
    assert_eq!(alpha.review_accuracy, Some(1.0));
    assert_eq!(r.mock_scores.len(), 1);
    assert_eq!(r.mock_scores[0].percent, 50.0);
    assert!(
        r.confidently_wrong.is_empty(),
        "DEMO-01 was answered right since"
    );
    let _: HashMap<(), ()> = HashMap::new();
}

/// 20 answers in domain alpha at `at`, `right` of them right (distinct questions per session).
fn session(tag: &str, at: DateTime<Utc>, right: usize) -> Record {
    let ids: Vec<String> = (0..20).map(|i| format!("{tag}{i:02}")).collect();
    let xs: Vec<(&str, &str, bool, bool)> = ids
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), "alpha", i < right, false))
        .collect();
    record(tag, "drill", at, &xs)
}

#[test]
fn the_trend_prior_expects_a_modest_gain_that_only_answers_over_time_can_move() {
    use proctor::stats::trend::{SLOPE_PRIOR_MEAN, SLOPE_PRIOR_SD};
    // One session: no time to fit a trend over; the prior is all there is.
    let one = [session("a", t0(), 14)];
    let p = &mastery(&answers_from(&one), "DEMO", &["alpha"], t0())[0].prior;
    assert!(close(p.trend_per_week, SLOPE_PRIOR_MEAN), "{p:?}");
    assert!(close(p.trend_sd, SLOPE_PRIOR_SD), "{p:?}");
    // Clearly rising: 50% then 90% three weeks later; the fit is well past the prior and sure.
    let rising = [
        session("a", t0() - Duration::days(21), 10),
        session("b", t0(), 18),
    ];
    let p = &mastery(&answers_from(&rising), "DEMO", &["alpha"], t0())[0].prior;
    assert!(p.trend_per_week > SLOPE_PRIOR_MEAN + p.trend_sd, "{p:?}");
    // Flat over three weeks: pulled below the prior's centre, and not beyond its own uncertainty
    // (the stats screen then says nothing about a trend).
    let flat = [
        session("a", t0() - Duration::days(21), 14),
        session("b", t0(), 14),
    ];
    let p = &mastery(&answers_from(&flat), "DEMO", &["alpha"], t0())[0].prior;
    assert!(p.trend_per_week < SLOPE_PRIOR_MEAN, "{p:?}");
    assert!(p.trend_per_week.abs() < p.trend_sd, "{p:?}");
}
