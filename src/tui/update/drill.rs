//! Drills: practice aimed at weak topics, with missed questions brought back later in the same drill.

use super::super::app::{App, CustomDrill, Effect, ExamState, Overlay, Screen};
use crate::exam::{Attempt, Form, FormItem, FormSection};
use crate::stats::{DrillRequest, Pool, answers_from, mastery, pick_drill, question_states};
use crossterm::event::{KeyCode, KeyEvent};

/// Default drill length when no plan says otherwise.
pub const DEFAULT_DRILL: usize = 20;
/// A missed question comes back after this many others.
pub const REQUEUE_GAP: usize = 4;

pub fn drill_size(app: &App, blueprint: &str) -> usize {
    match (&app.plan, app.catalog.blueprint(blueprint)) {
        (Some(p), Some(bp)) if p.exam.eq_ignore_ascii_case(&bp.id) => {
            let report = super::stats::report_for(app, bp);
            crate::stats::today::today(p, &report, app.now).drill_questions as usize
        }
        _ => DEFAULT_DRILL,
    }
}

/// Builds and opens a drill; a notice says so when nothing matches.
pub fn start(app: &mut App, blueprint: &str, mut req: DrillRequest) -> Vec<Effect> {
    let Some(bp) = app.catalog.blueprint(blueprint) else {
        app.notice = Some(format!("No exam {blueprint}."));
        return vec![];
    };
    req.on = Some(app.exam_day(&bp.id));
    if req.seed == 0 {
        req.seed = app.next_seed;
        app.next_seed = app
            .next_seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1);
    }
    let answers = answers_from(&app.records);
    let states = question_states(answers.iter().filter(|a| a.exam == bp.exam));
    let domain_ids: Vec<&str> = bp.domains.iter().map(|d| d.id.as_str()).collect();
    let m = mastery(&answers, &bp.exam, &domain_ids, app.now);
    let ids = pick_drill(&app.catalog, bp, &states, &m, &req, app.now);
    if ids.is_empty() {
        app.notice = Some("No questions match this drill (try another pool or domain).".into());
        return vec![];
    }
    // The drill's seed shuffles its options, so the same drill shows the same letters again.
    let mut rng = <rand::rngs::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(req.seed);
    let items: Vec<FormItem> = ids
        .iter()
        .filter_map(|id| app.catalog.question(id))
        .map(|q| FormItem::shuffled(q, &mut rng))
        .collect();
    let n = items.len();
    let form = Form {
        blueprint: bp.id.clone(),
        exam: bp.exam.clone(),
        seed: req.seed,
        items,
        sections: vec![FormSection {
            name: "Drill".into(),
            start: 0,
            len: n,
            seconds: None,
        }],
        tutor: true,
        drill: true,
    };
    let attempt = Attempt::new(form, app.now);
    app.screen = Screen::Exam(Box::new(ExamState::new(attempt)));
    vec![Effect::SaveProgress]
}

/// After a drill answer is checked: a miss comes back a few questions later, once per drill.
pub fn requeue_if_missed(app: &mut App) {
    let Screen::Exam(ex) = &mut app.screen else {
        return;
    };
    let a = &mut ex.attempt;
    if !a.form.drill {
        return;
    }
    let i = a.current;
    let id = a.form.items[i].question.clone();
    let Some(q) = app.catalog.question(&id) else {
        return;
    };
    if a.responses[i].selected == q.key_set() {
        return;
    }
    // Once: not when it is already queued again, nor when this is itself the re-ask (a second
    // miss goes to the Leitner schedule instead, docs/scoring.md).
    if a.form.items.iter().filter(|it| it.question == id).count() > 1 {
        return;
    }
    let at = (i + 1 + REQUEUE_GAP).min(a.form.items.len());
    let item = a.form.items[i].clone();
    a.form.items.insert(at, item);
    a.responses.insert(at, Default::default());
    if let Some(s) = a.form.sections.first_mut() {
        s.len += 1;
    }
    app.notice = Some("Missed: this question will come back later in the drill.".into());
}

pub fn open_custom(app: &mut App, blueprint: &str) {
    app.overlay = Some(Overlay::CustomDrill(CustomDrill {
        blueprint: blueprint.to_string(),
        domains: Vec::new(),
        cursor: 0,
        pool: Pool::All,
        count: drill_size(app, blueprint),
    }));
}

pub fn custom_key(app: &mut App, mut c: CustomDrill, k: KeyEvent) -> Vec<Effect> {
    let n = app
        .catalog
        .blueprint(&c.blueprint)
        .map_or(0, |b| b.domains.len());
    match k.code {
        KeyCode::Esc | KeyCode::Char('q') => return vec![],
        KeyCode::Up | KeyCode::Char('k') => c.cursor = c.cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => c.cursor = (c.cursor + 1).min(n.saturating_sub(1)),
        KeyCode::Char(' ') | KeyCode::Char('x') => {
            if let Some(d) = app
                .catalog
                .blueprint(&c.blueprint)
                .and_then(|b| b.domains.get(c.cursor))
            {
                match c.domains.iter().position(|x| x == &d.id) {
                    Some(i) => {
                        c.domains.remove(i);
                    }
                    None => c.domains.push(d.id.clone()),
                }
            }
        }
        KeyCode::Tab | KeyCode::Char('p') => {
            c.pool = match c.pool {
                Pool::All => Pool::Unused,
                Pool::Unused => Pool::Incorrect,
                Pool::Incorrect => Pool::Flagged,
                Pool::Flagged => Pool::All,
            }
        }
        KeyCode::Char('+') | KeyCode::Right => c.count = (c.count + 5).min(200),
        KeyCode::Char('-') | KeyCode::Left => c.count = c.count.saturating_sub(5).max(5),
        KeyCode::Enter => {
            let req = DrillRequest {
                domains: c.domains.clone(),
                pool: c.pool,
                count: c.count,
                seed: 0,
                only: vec![],
                on: None, // drill::start sets the exam day
            };
            return start(app, &c.blueprint, req);
        }
        _ => {}
    }
    app.overlay = Some(Overlay::CustomDrill(c));
    vec![]
}
