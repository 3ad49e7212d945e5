//! Key bindings, listed once: the help overlay and the footer are built from these tables, so what
//! the screen says is always what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const EXAM_KEYS: &[(&str, &str)] = &[
    (
        "a-e, A-F, 1-6",
        "choose an option (toggles in select-all questions)",
    ),
    (
        "↑/↓ (k/j), Enter/Space",
        "move the highlight, choose the highlighted option",
    ),
    ("→/← or n/p", "next / previous question"),
    ("f", "flag the question for review"),
    ("x then a letter", "strike out an option (again to restore)"),
    ("Backspace", "clear your answer"),
    ("g", "go to a question number"),
    (
        "b",
        "open-book exams: the ICD-10-CM code book (type a code or words; Esc back)",
    ),
    ("r", "review screen: answered, unanswered, flagged"),
    ("PgUp/PgDn", "scroll the case (or a long question)"),
    ("s", "submit the exam (or end the section)"),
    (
        "Enter (practice)",
        "check your answer and show the rationale",
    ),
    ("?", "this help"),
    ("q", "leave: the exam is saved and can be resumed"),
    ("Ctrl-C", "leave at once (saved)"),
];

pub const REVIEW_KEYS: &[(&str, &str)] = &[
    ("arrows / hjkl", "move"),
    ("Enter", "go to the question"),
    ("Tab", "filter: all, unanswered, flagged"),
    ("r or Esc", "back to the question"),
];

pub const RESULTS_KEYS: &[(&str, &str)] = &[
    ("Tab", "summary / questions"),
    ("↑/↓ (k/j)", "move through the questions"),
    ("i, f, a", "show incorrect / flagged / all questions"),
    ("d", "show one domain at a time"),
    ("PgUp/PgDn", "scroll the rationale"),
    ("b", "open-book exams: the ICD-10-CM code book (Esc back)"),
    ("q or Esc", "back to the home screen"),
];

pub const HOME_KEYS: &[(&str, &str)] = &[
    ("↑/↓ (k/j)", "choose an exam"),
    ("Enter", "full timed mock exam"),
    ("m", "mini-mock: 20 questions, same mix and pace"),
    (
        "t",
        "practice: 20 questions with the rationale after each, untimed",
    ),
    ("r", "resume the unfinished exam"),
    ("?", "help"),
    ("q", "quit"),
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

pub const STATS_KEYS: &[(&str, &str)] = &[
    ("d", "drill the three weakest topics"),
    ("w", "drill the confidently-wrong questions"),
    ("q or Esc", "back to the home screen"),
];

pub const HISTORY_KEYS: &[(&str, &str)] = &[
    ("↑/↓ (k/j)", "choose an attempt"),
    ("Enter", "open its results and every question"),
    ("q or Esc", "back to the home screen"),
];

pub const CUSTOM_DRILL_KEYS: &[(&str, &str)] = &[
    ("↑/↓, Space", "tick domains (none ticked: weakest first)"),
    ("Tab", "pool: all, unused, incorrect, flagged"),
    ("+/-", "more or fewer questions"),
    ("Enter", "start"),
    ("Esc", "cancel"),
];
