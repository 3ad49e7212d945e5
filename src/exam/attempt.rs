//! One sitting of a form: answers, flags, strike-outs, where the candidate is, and the time used.
//! Serialisable as a whole, so it can be autosaved after every action and resumed after a crash.

use super::form::Form;
use crate::bank::ChoiceKey;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// Sortable and unique in practice: the start time to the millisecond and the blueprint (history
    /// adds `-2`, `-3`... if a record of another attempt already has the name).
    pub id: String,
    pub form: Form,
    pub responses: Vec<Response>,
    pub current: usize,
    /// The open section; earlier ones are closed for good.
    pub section: usize,
    /// Seconds used in each section, measured on a monotonic clock while proctor runs.
    pub section_elapsed: Vec<f64>,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub end: Option<EndReason>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// Bank keys chosen, sorted; never screen positions, so the score can always be re-checked.
    pub selected: Vec<ChoiceKey>,
    pub flagged: bool,
    pub struck: Vec<ChoiceKey>,
    /// Time spent on this question.
    pub seconds: f64,
    /// Practice mode: the answer has been checked and the rationale shown; it is final.
    #[serde(default)]
    pub checked: bool,
    /// Code-entry questions: the codes typed, in the order typed (upper case).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// Code-entry questions: the code being typed, not yet ended by a space, comma or Enter.
    /// Saved too, so nothing typed is lost; it counts as typed when the attempt is scored.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub draft: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Submitted,
    TimeUp,
}

/// What a tick of time did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeEvent {
    None,
    /// A section ran out and the next one opened.
    SectionClosed,
    /// The last section ran out: the attempt was submitted.
    TimeUp,
}

impl Response {
    pub fn answered(&self) -> bool {
        !self.selected.is_empty() || !self.codes.is_empty() || !self.draft.trim().is_empty()
    }

    /// The codes typed, with an unfinished one at the end: what is scored.
    pub fn typed_codes(&self) -> Vec<String> {
        let mut codes = self.codes.clone();
        if !self.draft.trim().is_empty() {
            codes.push(self.draft.trim().to_ascii_uppercase());
        }
        codes
    }
}

/// `base`, or `base-2`, `base-3`... when this process already gave out `base` (two attempts in
/// the same millisecond, or a clock stepped back). History adds its own suffix for ids taken by
/// another process's records.
fn unique_id(base: String) -> String {
    static ISSUED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut issued = ISSUED.lock().unwrap_or_else(|e| e.into_inner());
    let mut id = base.clone();
    let mut n = 1;
    while issued.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    issued.push(id.clone());
    id
}

impl Attempt {
    pub fn new(form: Form, now: DateTime<Utc>) -> Attempt {
        let n = form.items.len();
        let sections = form.sections.len().max(1);
        Attempt {
            id: unique_id(format!(
                "{}-{}",
                now.format("%Y%m%dT%H%M%S%.3fZ"),
                form.blueprint
            )),
            responses: vec![Response::default(); n],
            current: 0,
            section: 0,
            section_elapsed: vec![0.0; sections],
            started_at: now,
            ended_at: None,
            end: None,
            form,
        }
    }

    /// Whether the parts agree (a saved file edited or damaged by hand might not): every index in
    /// range, one response per item, sections covering the items. Checked before resuming.
    pub fn is_consistent(&self) -> bool {
        let n = self.form.items.len();
        let sections_ok = self.form.sections.iter().all(|s| s.start + s.len <= n)
            && self.form.sections.iter().map(|s| s.len).sum::<usize>() == n;
        n > 0
            && self.responses.len() == n
            && self.current < n
            && self.section < self.form.sections.len().max(1)
            && self.section_elapsed.len() == self.form.sections.len().max(1)
            && (self.form.sections.is_empty() || sections_ok)
    }

    pub fn is_finished(&self) -> bool {
        self.end.is_some()
    }

    /// Items the candidate may visit now: the open section's.
    pub fn open_range(&self) -> std::ops::Range<usize> {
        match self.form.sections.get(self.section) {
            Some(s) => s.start..s.start + s.len,
            None => 0..self.form.items.len(),
        }
    }

    pub fn answered_count(&self) -> usize {
        self.responses.iter().filter(|r| r.answered()).count()
    }

    pub fn flagged_count(&self) -> usize {
        self.responses.iter().filter(|r| r.flagged).count()
    }

    /// Seconds left in the open section, `None` when untimed.
    pub fn remaining(&self) -> Option<f64> {
        let s = self.form.sections.get(self.section)?;
        let limit = s.seconds? as f64;
        Some((limit - self.section_elapsed[self.section]).max(0.0))
    }

    pub fn seconds_used(&self) -> f64 {
        self.section_elapsed.iter().sum()
    }

    /// Choose the option shown at screen position `pos`: replaces the answer, or toggles it in a
    /// select-all-that-apply question. Choosing an option clears its strike-out.
    pub fn choose(&mut self, pos: usize, multi: bool) -> bool {
        if self.is_finished() {
            return false;
        }
        let Some(key) = self.form.items[self.current].key_at(pos) else {
            return false;
        };
        let r = &mut self.responses[self.current];
        if r.checked {
            return false;
        }
        if multi {
            match r.selected.iter().position(|k| *k == key) {
                Some(i) => {
                    r.selected.remove(i);
                }
                None => {
                    r.selected.push(key);
                    r.selected.sort();
                }
            }
        } else {
            r.selected = vec![key];
        }
        r.struck.retain(|k| *k != key);
        true
    }

    /// Clear the answer to the current question.
    pub fn clear(&mut self) -> bool {
        let r = &mut self.responses[self.current];
        if self.end.is_some() || r.checked || r.selected.is_empty() {
            return false;
        }
        r.selected.clear();
        true
    }

    pub fn toggle_flag(&mut self) -> bool {
        if self.is_finished() {
            return false;
        }
        let r = &mut self.responses[self.current];
        r.flagged = !r.flagged;
        true
    }

    /// Strike out (or restore) the option at screen position `pos`.
    pub fn toggle_strike(&mut self, pos: usize) -> bool {
        if self.is_finished() {
            return false;
        }
        let Some(key) = self.form.items[self.current].key_at(pos) else {
            return false;
        };
        let r = &mut self.responses[self.current];
        match r.struck.iter().position(|k| *k == key) {
            Some(i) => {
                r.struck.remove(i);
            }
            None => {
                r.struck.push(key);
                r.struck.sort();
            }
        }
        true
    }

    /// Practice mode: lock the answer and reveal the rationale.
    pub fn check(&mut self) -> bool {
        let r = &mut self.responses[self.current];
        if !self.form.tutor || r.checked || !r.answered() {
            return false;
        }
        r.checked = true;
        true
    }

    /// Go to item `i` if it is in the open section.
    pub fn goto(&mut self, i: usize) -> bool {
        if self.open_range().contains(&i) && i != self.current {
            self.current = i;
            true
        } else {
            false
        }
    }

    pub fn go_next(&mut self) -> bool {
        self.goto(self.current + 1)
    }

    pub fn go_prev(&mut self) -> bool {
        self.current > 0 && self.goto(self.current - 1)
    }

    /// Count `dt` of running time against the open section and the current question.
    pub fn advance(&mut self, dt: Duration, now: DateTime<Utc>) -> TimeEvent {
        if self.is_finished() {
            return TimeEvent::None;
        }
        let secs = dt.as_secs_f64();
        self.section_elapsed[self.section] += secs;
        self.responses[self.current].seconds += secs;
        match self.remaining() {
            Some(r) if r <= 0.0 => self.close_section(now, EndReason::TimeUp),
            _ => TimeEvent::None,
        }
    }

    /// Close the open section (time up, or the candidate ended it). Past the last one, the attempt
    /// ends.
    pub fn close_section(&mut self, now: DateTime<Utc>, reason: EndReason) -> TimeEvent {
        if self.section + 1 < self.form.sections.len() {
            self.section += 1;
            self.current = self.open_range().start;
            TimeEvent::SectionClosed
        } else {
            self.end = Some(reason);
            self.ended_at = Some(now);
            if reason == EndReason::TimeUp {
                TimeEvent::TimeUp
            } else {
                TimeEvent::None
            }
        }
    }

    pub fn is_last_section(&self) -> bool {
        self.section + 1 >= self.form.sections.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::form::{FormItem, FormSection};
    use ChoiceKey::*;

    fn form(sections: Vec<FormSection>, n: usize) -> Form {
        Form {
            blueprint: "T".into(),
            exam: "T".into(),
            seed: 1,
            items: (0..n)
                .map(|i| FormItem {
                    question: format!("Q{i}"),
                    order: vec![C, A, D, B],
                    pretest: false,
                })
                .collect(),
            sections,
            tutor: false,
            drill: false,
        }
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T08:00:00Z")
            .unwrap()
            .into()
    }

    #[test]
    fn answers_are_stored_as_bank_keys() {
        let mut a = Attempt::new(form(vec![], 2), t0());
        a.choose(0, false);
        assert_eq!(a.responses[0].selected, vec![C]);
        a.choose(3, false);
        assert_eq!(a.responses[0].selected, vec![B]);
        a.go_next();
        a.choose(0, true);
        a.choose(1, true);
        assert_eq!(a.responses[1].selected, vec![A, C]);
        a.choose(0, true);
        assert_eq!(a.responses[1].selected, vec![A]);
    }

    #[test]
    fn strike_and_choose_interact() {
        let mut a = Attempt::new(form(vec![], 1), t0());
        a.toggle_strike(1);
        assert_eq!(a.responses[0].struck, vec![A]);
        a.choose(1, false);
        assert!(a.responses[0].struck.is_empty());
    }

    #[test]
    fn sections_close_in_turn_and_time_up_submits() {
        let secs = vec![
            FormSection {
                name: "1".into(),
                start: 0,
                len: 2,
                seconds: Some(60),
            },
            FormSection {
                name: "2".into(),
                start: 2,
                len: 2,
                seconds: Some(60),
            },
        ];
        let mut a = Attempt::new(form(secs, 4), t0());
        assert!(!a.goto(2), "part 2 is not open yet");
        assert_eq!(a.advance(Duration::from_secs(59), t0()), TimeEvent::None);
        assert_eq!(a.remaining(), Some(1.0));
        assert_eq!(
            a.advance(Duration::from_secs(2), t0()),
            TimeEvent::SectionClosed
        );
        assert_eq!(a.current, 2);
        assert!(!a.goto(0), "part 1 is closed");
        assert_eq!(a.remaining(), Some(60.0));
        assert_eq!(a.advance(Duration::from_secs(60), t0()), TimeEvent::TimeUp);
        assert_eq!(a.end, Some(EndReason::TimeUp));
        assert!(!a.choose(0, false), "no changes after the end");
    }

    #[test]
    fn time_is_charged_to_the_current_question() {
        let mut a = Attempt::new(form(vec![], 2), t0());
        a.advance(Duration::from_millis(1500), t0());
        a.go_next();
        a.advance(Duration::from_secs(3), t0());
        assert_eq!(a.responses[0].seconds, 1.5);
        assert_eq!(a.responses[1].seconds, 3.0);
        assert_eq!(a.seconds_used(), 4.5);
        assert_eq!(a.remaining(), None);
    }
}
