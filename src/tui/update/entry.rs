//! The code-entry field of a code-entry question. While it is focused, typed characters are codes
//! (so `b`, `f`, `n`... are letters of a code, not commands); space and comma end a code; Enter
//! ends it and leaves the field, as a form field does (so `s` then submits; Enter again types
//! more); Esc leaves the field too. Nothing typed is ever dropped: leaving keeps the code being
//! typed. Ctrl-B opens the code book without leaving the field.

use super::super::app::{App, Effect, Screen};
use super::exam::save;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keys for a code-entry question; `None` hands the key to the exam's usual commands.
pub fn key(app: &mut App, k: KeyEvent) -> Option<Vec<Effect>> {
    let Screen::Exam(ex) = &mut app.screen else {
        return None;
    };
    if !ex.entry_focused {
        if k.code != KeyCode::Enter {
            return None;
        }
        let a = &ex.attempt;
        let r = &a.responses[a.current];
        // Practice: Enter on a typed answer checks it and, once checked, moves on, as for
        // multiple choice.
        if a.form.tutor && (r.answered() || r.checked) {
            return None;
        }
        if a.is_finished() {
            return Some(vec![]);
        }
        ex.entry_focused = true;
        app.notice = Some(
            "Type the codes; space, comma or Enter ends each one; Esc leaves the field.".into(),
        );
        return Some(vec![]);
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let changed = match k.code {
        KeyCode::Esc | KeyCode::Enter => {
            ex.entry_focused = false;
            ex.attempt.end_code();
            true
        }
        KeyCode::Char('b' | 'B') if ctrl => return Some(super::book::open(app)),
        // Never part of a code: help stays one key away.
        KeyCode::Char('?') => return Some(super::open_help(app)),
        KeyCode::Char(' ' | ',') => ex.attempt.end_code(),
        KeyCode::Backspace => ex.attempt.backspace_code(),
        KeyCode::Char(c) if !ctrl && (c.is_ascii_alphanumeric() || c == '.') => {
            let typed = ex.attempt.type_char(c);
            if !typed {
                app.notice = Some("That code is as long as a code can be.".into());
            }
            typed
        }
        KeyCode::Char(_) => {
            app.notice = Some(
                "Codes are letters, digits and the dot; Esc leaves the field (then ? lists the keys).".into(),
            );
            false
        }
        // Arrows, PgUp/PgDn and the rest keep their exam meaning; moving away leaves the field.
        _ => return None,
    };
    if changed {
        Some(save(app))
    } else {
        Some(vec![])
    }
}
