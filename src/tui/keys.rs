//! Key bindings, listed once: the help overlay and the footers are built from these tables, so what
//! the screen says is always what the keys do.
//!
//! A binding that belongs in the footer carries a short hint with a priority: at a narrow width the
//! footer drops the least important hints first and keeps `? help` (priority 0) always.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// One line of help, and optionally its short form for the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The keys as help lists them.
    pub keys: &'static str,
    /// What they do, as help says it.
    pub help: &'static str,
    pub hint: Option<Hint>,
}

/// The footer's short form of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub keys: &'static str,
    pub label: &'static str,
    /// 0 is shown whatever the width; higher numbers are dropped first.
    pub priority: u8,
}

impl Hint {
    /// Cells the hint takes in the footer ("keys label").
    pub fn width(&self) -> usize {
        self.keys.width() + 1 + self.label.width()
    }
}

/// A binding listed in help only.
const fn help(keys: &'static str, help: &'static str) -> Binding {
    Binding {
        keys,
        help,
        hint: None,
    }
}

/// A binding listed in help and, when there is room, in the footer.
const fn both(
    keys: &'static str,
    help: &'static str,
    short: &'static str,
    label: &'static str,
    priority: u8,
) -> Binding {
    Binding {
        keys,
        help,
        hint: Some(Hint {
            keys: short,
            label,
            priority,
        }),
    }
}

/// Cells between two hints in a footer (" · ").
pub const HINT_GAP: usize = 3;

/// The hints of `table` that fit in `width` cells, most important first, shown in table order.
pub fn footer_hints(table: &[Binding], width: usize) -> Vec<Hint> {
    let hints: Vec<(usize, Hint)> = table.iter().filter_map(|b| b.hint).enumerate().collect();
    let mut by_priority = hints.clone();
    by_priority.sort_by_key(|(i, h)| (h.priority, *i));
    // One cell of margin on the left.
    let mut used = 1;
    let mut keep = Vec::new();
    // Once a hint does not fit, nothing less important than it is shown either.
    let mut blocked = u8::MAX;
    for (i, h) in by_priority {
        if h.priority > blocked {
            break;
        }
        let cost = h.width() + if keep.is_empty() { 0 } else { HINT_GAP };
        if used + cost <= width || h.priority == 0 {
            used += cost;
            keep.push(i);
        } else {
            blocked = h.priority;
        }
    }
    hints
        .into_iter()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, h)| h)
        .collect()
}

/// Footer hints a screen adds while its question panel hides lines (help lists the keys in the
/// screen's table): without them an option or the rationale can be out of sight.
pub const SCROLL_HINT: Binding = both("PgUp/PgDn", "scroll the question", "PgDn", "more", 1);
/// The same for a case record that hides lines.
pub const CASE_SCROLL_HINT: Binding = both("] / [", "scroll the case record", "]/[", "case", 1);

/// `table` with the scroll hints a screen needs now, right after its first (most important) key.
pub fn with_scroll_hints(table: &[Binding], question: bool, case: bool) -> Vec<Binding> {
    let mut out = table.to_vec();
    let at = 1.min(out.len());
    if case {
        out.insert(at, CASE_SCROLL_HINT);
    }
    if question {
        out.insert(at, SCROLL_HINT);
    }
    out
}

pub const EXAM_KEYS: &[Binding] = &[
    both(
        "A-F or 1-6",
        "choose an option (select-all: again to un-choose); lowercase letters never answer",
        "A-F/1-6",
        "choose",
        0,
    ),
    help("↑/↓ or k/j", "move the highlight over the options"),
    help("Enter or Space", "choose the highlighted option"),
    both("→/← or n/p", "next / previous question", "→/←", "move", 1),
    both("f", "flag the question for review", "f", "flag", 2),
    both(
        "x then a letter",
        "strike out an option (again to restore)",
        "x",
        "strike",
        4,
    ),
    help("Backspace", "clear your answer"),
    both("g", "go to a question number", "g", "go to", 4),
    help("b", "open-book exams: the ICD-10-CM code book (Esc back)"),
    both(
        "r",
        "review screen: answered, unanswered, flagged",
        "r",
        "review",
        2,
    ),
    help(
        "PgUp/PgDn",
        "scroll the question when its panel says \"↓ N more\"",
    ),
    help("] / [", "scroll the case record"),
    both(
        "s",
        "submit the exam (or end the timed part); y confirms",
        "s",
        "submit",
        1,
    ),
    both("?", "this help", "?", "help", 0),
    both("q", "leave (saved, resumable); y confirms", "q", "leave", 1),
    help("Esc", "close what is open over the question (never leaves)"),
    help("Ctrl-C", "leave at once (saved)"),
];

/// A code-entry question, its field not focused: Enter puts the keys in the field.
pub const CODE_ENTRY_KEYS: &[Binding] = &[
    both(
        "Enter",
        "type codes in the field (there every letter is part of a code); in practice, once codes are typed, Enter checks them",
        "Enter",
        "type codes",
        0,
    ),
    both(
        "b",
        "open-book exams: the code book beside the question (Esc back)",
        "b",
        "code book",
        2,
    ),
    both("→/← or n/p", "next / previous question", "→/←", "move", 1),
    both("f", "flag the question for review", "f", "flag", 3),
    help("g", "go to a question number"),
    both(
        "r",
        "review screen: answered, unanswered, flagged",
        "r",
        "review",
        3,
    ),
    help("PgUp/PgDn", "scroll the case (or a long question)"),
    both(
        "s",
        "submit the exam (or end the timed part); y confirms",
        "s",
        "submit",
        1,
    ),
    both("?", "this help", "?", "help", 0),
    both("q", "leave (saved, resumable); y confirms", "q", "leave", 1),
    help("Ctrl-C", "leave at once (saved)"),
];

/// The code-entry field, focused: characters are codes, so only keys that are never part of a
/// code do anything else.
pub const ENTRY_FIELD_KEYS: &[Binding] = &[
    both(
        "letters, digits, .",
        "type a code (upper case is not needed)",
        "codes",
        "type",
        1,
    ),
    both(
        "Space or ,",
        "end a code and start the next",
        "Space/,",
        "next code",
        1,
    ),
    both(
        "Backspace",
        "delete a character; on an empty code, reopen the last one",
        "Bksp",
        "edit",
        2,
    ),
    both(
        "Enter or Esc",
        "done typing: the code is kept and keys are commands again",
        "Enter/Esc",
        "done",
        0,
    ),
    both(
        "Ctrl-B",
        "the code book beside the field (Esc back to the field)",
        "Ctrl-B",
        "code book",
        2,
    ),
    both("?", "this help", "?", "help", 0),
    help("Ctrl-C", "leave at once (saved)"),
];

/// Practice, tutor mode and drills: Enter checks, then moves on.
pub const PRACTICE_KEYS: &[Binding] = &[
    both(
        "A-F or 1-6",
        "choose an option (select-all: again to un-choose); lowercase letters never answer",
        "A-F/1-6",
        "choose",
        0,
    ),
    both(
        "Enter",
        "check your answer and show the rationale; once checked, the next question",
        "Enter",
        "check/next",
        0,
    ),
    help("↑/↓ or k/j", "move the highlight over the options"),
    help("Space", "choose the highlighted option"),
    both("→/← or n/p", "next / previous question", "→/←", "move", 1),
    both("f", "flag the question", "f", "flag", 3),
    help("x then a letter", "strike out an option (again to restore)"),
    help("Backspace", "clear your answer (before it is checked)"),
    help("g", "go to a question number"),
    help("b", "open-book exams: the ICD-10-CM code book (Esc back)"),
    both(
        "r",
        "review screen: answered, unanswered, flagged",
        "r",
        "review",
        3,
    ),
    help("PgUp/PgDn", "scroll the question and its rationale"),
    help("] / [", "scroll the case record"),
    both(
        "s",
        "finish and see the summary; y confirms",
        "s",
        "finish",
        1,
    ),
    both("?", "this help", "?", "help", 0),
    both("q", "leave (saved, resumable); y confirms", "q", "leave", 1),
    help("Esc", "close what is open over the question (never leaves)"),
    help("Ctrl-C", "leave at once (saved)"),
];

pub const REVIEW_KEYS: &[Binding] = &[
    both("arrows / hjkl", "move", "arrows", "move", 1),
    both("Enter", "go to the question", "Enter", "open", 1),
    both(
        "Tab",
        "filter: all, unanswered, flagged",
        "Tab",
        "filter",
        2,
    ),
    help("a, u, f", "show all / unanswered / flagged"),
    help("Home/End", "first / last question"),
    both(
        "s",
        "submit (or end the timed part); y confirms",
        "s",
        "submit",
        2,
    ),
    both("?", "this help", "?", "help", 0),
    both("r, q or Esc", "back to the question", "r/Esc", "back", 0),
];

pub const RESULTS_KEYS: &[Binding] = &[
    both("Tab", "summary / questions", "Tab", "summary/questions", 1),
    help("Enter", "on the summary: the questions"),
    both("↑/↓ (k/j)", "move through the questions", "↑/↓", "move", 2),
    both(
        "i, f, a",
        "show incorrect / flagged / all questions",
        "i/f/a",
        "incorrect/flagged/all",
        3,
    ),
    both("d", "show one domain at a time", "d", "by domain", 4),
    help("PgUp/PgDn", "scroll the question and its rationale"),
    help("] / [", "scroll the case record"),
    help("b", "open-book exams: the ICD-10-CM code book (Esc back)"),
    both("?", "this help", "?", "help", 0),
    both(
        "q or Esc",
        "back where you came from (history, or the home screen)",
        "q",
        "back",
        0,
    ),
];

pub const HOME_KEYS: &[Binding] = &[
    both("↑/↓ (k/j)", "choose an exam", "↑/↓", "exam", 3),
    both("Enter", "full timed mock exam", "Enter", "mock", 0),
    both(
        "m",
        "mini-mock: 20 questions, same mix and pace",
        "m",
        "mini",
        1,
    ),
    both(
        "t",
        "practice: 20 questions with the rationale after each, untimed",
        "t",
        "practice",
        3,
    ),
    both("p", "today's work from your plan", "p", "today", 1),
    both(
        "d",
        "drill the weakest topics (rationale after each answer)",
        "d",
        "drill",
        1,
    ),
    both(
        "c",
        "custom drill: choose domains, pool and length",
        "c",
        "custom",
        4,
    ),
    both("s", "stats: mastery, prediction, trend", "s", "stats", 2),
    both(
        "h",
        "history: past attempts and their reviews",
        "h",
        "history",
        2,
    ),
    help("r", "resume the unfinished exam"),
    both("?", "this help", "?", "help", 0),
    both("q or Esc", "quit proctor", "q", "quit", 0),
];

pub const STATS_KEYS: &[Binding] = &[
    both(
        "d",
        "drill the three weakest topics",
        "d",
        "drill weakest",
        1,
    ),
    both(
        "w",
        "drill the confidently-wrong questions",
        "w",
        "drill confidently wrong",
        2,
    ),
    both("?", "this help", "?", "help", 0),
    both("q or Esc", "back to the home screen", "q", "home", 0),
];

pub const HISTORY_KEYS: &[Binding] = &[
    both("↑/↓ (k/j)", "choose an attempt", "↑/↓", "choose", 1),
    both(
        "Enter",
        "open its results and every question",
        "Enter",
        "open results",
        1,
    ),
    both("?", "this help", "?", "help", 0),
    both("q or Esc", "back to the home screen", "q", "home", 0),
];

/// `proctor preview`: the file's page.
pub const PREVIEW_KEYS: &[Binding] = &[
    both(
        "Enter",
        "sit the file's questions in practice",
        "Enter",
        "sit",
        0,
    ),
    both("↑/↓ (k/j)", "scroll the findings", "↑/↓", "scroll", 2),
    both(
        "v",
        "findings over the questions, on or off",
        "v",
        "findings",
        3,
    ),
    both("?", "this help", "?", "help", 0),
    both("q or Esc", "leave the preview", "q", "quit", 0),
];

/// The custom-drill dialog: the hints are its key line, the rest is listed in its body.
pub const CUSTOM_DRILL_KEYS: &[Binding] = &[
    help("↑/↓, Space", "tick domains (none ticked: weakest first)"),
    help("Tab", "pool: all, unused, incorrect, flagged"),
    help("+/-", "more or fewer questions"),
    both("Enter", "start", "Enter", "start", 0),
    both("Esc", "cancel", "Esc", "cancel", 0),
];

pub fn is_ctrl_c(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('C'))
}

/// The option position a key names: A-F (Shift) or 1-6. Lowercase letters are commands (`b` the
/// code book, `f` flag...), so a lowercase letter never changes an answer by accident.
pub fn option_key(code: KeyCode) -> Option<usize> {
    match code {
        KeyCode::Char(c @ 'A'..='F') => Some(c as usize - 'A' as usize),
        KeyCode::Char(c @ '1'..='6') => Some(c as usize - '1' as usize),
        _ => None,
    }
}

/// For strike-out after `x`: a letter in either case, or a digit, names an option.
pub fn strike_key(code: KeyCode) -> Option<usize> {
    match code {
        KeyCode::Char(c @ 'a'..='f') => Some(c as usize - 'a' as usize),
        other => option_key(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&[Binding]; 10] = [
        PREVIEW_KEYS,
        EXAM_KEYS,
        CODE_ENTRY_KEYS,
        ENTRY_FIELD_KEYS,
        PRACTICE_KEYS,
        REVIEW_KEYS,
        RESULTS_KEYS,
        HOME_KEYS,
        STATS_KEYS,
        HISTORY_KEYS,
    ];

    #[test]
    fn every_footer_keeps_help_and_drops_low_priority_first() {
        for table in ALL {
            let wide = footer_hints(table, 400);
            assert_eq!(
                wide.len(),
                table.iter().filter(|b| b.hint.is_some()).count()
            );
            for width in [60, 80, 120] {
                let kept = footer_hints(table, width);
                assert!(kept.iter().any(|h| h.keys == "?"), "? help at {width}");
                let used: usize = 1
                    + kept.iter().map(Hint::width).sum::<usize>()
                    + HINT_GAP * kept.len().saturating_sub(1);
                assert!(used <= width, "footer of {used} cells at {width}");
                // Nothing dropped is more important than something kept.
                let max_kept = kept.iter().map(|h| h.priority).max().unwrap();
                for h in wide.iter().filter(|h| !kept.contains(h)) {
                    assert!(h.priority >= max_kept, "{} dropped at {width}", h.label);
                }
            }
        }
    }

    #[test]
    fn help_never_says_lowercase_letters_choose() {
        for table in [EXAM_KEYS, PRACTICE_KEYS] {
            let choose = table.iter().find(|b| b.help.starts_with("choose")).unwrap();
            assert_eq!(choose.keys, "A-F or 1-6");
            assert_eq!(option_key(KeyCode::Char('a')), None);
            assert_eq!(option_key(KeyCode::Char('A')), Some(0));
            assert_eq!(option_key(KeyCode::Char('6')), Some(5));
        }
    }
}
