//! Characters a bank may not contain. Bank text is printed straight to the user's terminal, so a
//! control character or escape sequence in a bank could move the cursor, rewrite the screen or worse:
//! a hostile bank must never be able to drive the terminal.

/// Why `c` is not allowed in bank text, or `None` when it is fine. Line breaks are allowed; a tab is
/// allowed in raw YAML (the parser may need it) but not inside text, see [`check_value_text`].
pub fn forbidden_char(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\r' | '\t' => None,
        '\u{1b}' => Some("escape character (ESC): terminal escape sequences are not allowed"),
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("control character"),
        '\u{80}'..='\u{9f}' => Some("C1 control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
            Some("bidirectional control character (it can make text display differently from what it says)")
        }
        _ => None,
    }
}

/// Problems in one parsed text value, as (char offset in the value, message).
pub fn check_value_text(value: &str) -> Option<String> {
    for c in value.chars() {
        if c == '\t' {
            return Some("tab character in text: use spaces".into());
        }
        if c == '\r' {
            return Some("carriage return (U+000D) in text: it can overwrite the line on screen".into());
        }
        if let Some(why) = forbidden_char(c) {
            return Some(format!("{why} (U+{:04X}) in text: delete it", c as u32));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_controls_are_forbidden() {
        assert!(forbidden_char('\u{1b}').is_some());
        assert!(forbidden_char('\u{7}').is_some());
        assert!(forbidden_char('\u{9b}').is_some());
        assert!(forbidden_char('\u{202e}').is_some());
        assert!(forbidden_char('a').is_none());
        assert!(forbidden_char('—').is_none());
        assert!(forbidden_char('\n').is_none());
    }

    #[test]
    fn parsed_text_rejects_tabs_and_cr() {
        assert!(check_value_text("a\tb").is_some());
        assert!(check_value_text("a\rb").is_some());
        assert!(check_value_text("line one\nline two ≥ 20").is_none());
    }
}
