//! Typing codes into a code-entry question: characters build the code being typed, a separator
//! (space, comma, Enter) ends it, Backspace takes back. Every change is an attempt change, so it
//! is autosaved like an answer.

use super::attempt::Attempt;

/// Longest code-like text kept in the field: an ICD-10-CM code with its dot is 8 characters.
pub const MAX_CODE_CHARS: usize = 10;
/// More codes than any record needs; a stuck key cannot grow the attempt without bound.
pub const MAX_CODES: usize = 40;

impl Attempt {
    fn entry_open(&self) -> bool {
        !self.is_finished() && !self.responses[self.current].checked
    }

    /// Adds a character to the code being typed. Letters are taken in upper case; only letters,
    /// digits and the dot belong in a code, anything else is refused.
    pub fn type_char(&mut self, c: char) -> bool {
        if !self.entry_open() || !(c.is_ascii_alphanumeric() || c == '.') {
            return false;
        }
        let r = &mut self.responses[self.current];
        if r.draft.chars().count() >= MAX_CODE_CHARS || r.codes.len() >= MAX_CODES {
            return false;
        }
        r.draft.push(c.to_ascii_uppercase());
        true
    }

    /// Ends the code being typed (space, comma, Enter): it joins the typed codes.
    pub fn end_code(&mut self) -> bool {
        if !self.entry_open() {
            return false;
        }
        let r = &mut self.responses[self.current];
        let code = r.draft.trim().to_string();
        r.draft.clear();
        if code.is_empty() {
            return false;
        }
        r.codes.push(code);
        true
    }

    /// Adds a whole code to the current answer, as if typed then ended (the code book's table
    /// browser copies a code it built this way). A code being typed is ended first. False when
    /// the answer is closed, the code is not code-like, or the answer holds all it can.
    pub fn add_code(&mut self, code: &str) -> bool {
        let code = code.trim();
        let code_like = !code.is_empty()
            && code.chars().count() <= MAX_CODE_CHARS
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if !self.entry_open() || !code_like {
            return false;
        }
        self.end_code();
        let r = &mut self.responses[self.current];
        if r.codes.len() >= MAX_CODES {
            return false;
        }
        r.codes.push(code.to_ascii_uppercase());
        true
    }

    /// Backspace: deletes a character of the code being typed, or reopens the last typed code
    /// for editing when nothing is being typed.
    pub fn backspace_code(&mut self) -> bool {
        if !self.entry_open() {
            return false;
        }
        let r = &mut self.responses[self.current];
        if r.draft.pop().is_some() {
            return true;
        }
        match r.codes.pop() {
            Some(last) => {
                r.draft = last;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::exam::form::{Form, FormItem};
    use crate::exam::{Attempt, EndReason};
    use chrono::{DateTime, Utc};

    fn attempt() -> Attempt {
        let form = Form {
            blueprint: "T".into(),
            exam: "T".into(),
            seed: 1,
            items: vec![FormItem {
                question: "Q".into(),
                order: vec![],
                pretest: false,
            }],
            sections: vec![],
            tutor: false,
            drill: false,
        };
        Attempt::new(form, DateTime::<Utc>::UNIX_EPOCH)
    }

    fn type_str(a: &mut Attempt, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | ',') {
                a.end_code();
            } else {
                a.type_char(c);
            }
        }
    }

    #[test]
    fn separators_end_codes_and_letters_are_upper_case() {
        let mut a = attempt();
        type_str(&mut a, "k35.80, 0dtj4zz");
        assert_eq!(a.responses[0].codes, vec!["K35.80"]);
        assert_eq!(a.responses[0].draft, "0DTJ4ZZ");
        assert_eq!(a.responses[0].typed_codes(), vec!["K35.80", "0DTJ4ZZ"]);
        a.end_code();
        assert_eq!(a.responses[0].codes, vec!["K35.80", "0DTJ4ZZ"]);
        assert!(!a.end_code(), "an empty code is not a code");
        assert!(a.responses[0].answered());
    }

    #[test]
    fn a_whole_code_is_added_after_the_one_being_typed() {
        let mut a = attempt();
        type_str(&mut a, "k35.80 i1");
        assert!(a.add_code("0dtj4zz"));
        assert_eq!(a.responses[0].codes, vec!["K35.80", "I1", "0DTJ4ZZ"]);
        assert!(a.responses[0].draft.is_empty());
        assert!(!a.add_code("0DT J4ZZ"), "not code-like");
        assert!(!a.add_code(""));
        for _ in 0..super::MAX_CODES {
            a.add_code("I10");
        }
        assert_eq!(a.responses[0].codes.len(), super::MAX_CODES);
        assert!(!a.add_code("I10"), "full");
        a.end = Some(EndReason::Submitted);
        a.responses[0].codes.clear();
        assert!(!a.add_code("I10"), "closed once submitted");
    }

    #[test]
    fn backspace_reopens_the_last_code() {
        let mut a = attempt();
        type_str(&mut a, "I10 E11");
        a.backspace_code();
        assert_eq!(a.responses[0].draft, "E1");
        a.backspace_code();
        a.backspace_code();
        assert!(a.responses[0].draft.is_empty());
        a.backspace_code();
        assert_eq!(a.responses[0].draft, "I10");
        assert!(a.responses[0].codes.is_empty());
    }

    #[test]
    fn only_code_characters_are_taken_and_nothing_after_the_end() {
        let mut a = attempt();
        assert!(!a.type_char('-'));
        assert!(!a.type_char('é'));
        for _ in 0..20 {
            a.type_char('9');
        }
        assert_eq!(a.responses[0].draft.len(), super::MAX_CODE_CHARS);
        a.end = Some(EndReason::Submitted);
        assert!(!a.type_char('A'));
    }
}
