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
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => Some(
            "bidirectional control character (it can make text display differently from what it says)",
        ),
        _ => None,
    }
}

/// Byte offset of the first character in `text` that [`forbidden_char`] rejects (tabs and, with
/// `strict`, carriage returns too). Works on bytes: clean text, the usual case, is checked at memory
/// speed without decoding characters.
pub fn first_suspect(text: &str, strict: bool) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let bad = match c {
            b'\n' => false,
            b'\t' | b'\r' => strict,
            0..=0x1f | 0x7f => true,
            // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F.
            0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
            // Bidi controls: U+200E/F, U+202A..E (E2 80 xx), U+2066..9 (E2 81 A6..A9).
            0xe2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(t)) => matches!(t, 0x8e | 0x8f | 0xaa..=0xae),
                (Some(0x81), Some(t)) => (0xa6..=0xa9).contains(t),
                _ => false,
            },
            _ => false,
        };
        if bad {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// What is wrong with one parsed text value, if anything.
pub fn check_value_text(value: &str) -> Option<String> {
    let at = first_suspect(value, true)?;
    for c in value[at..].chars() {
        if c == '\t' {
            return Some("tab character in text: use spaces".into());
        }
        if c == '\r' {
            return Some(
                "carriage return (U+000D) in text: it can overwrite the line on screen".into(),
            );
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
    fn byte_scan_agrees_with_char_rules() {
        for c in [
            '\u{1b}', '\u{0}', '\u{7f}', '\u{85}', '\u{9f}', '\u{200e}', '\u{202e}', '\u{2069}',
        ] {
            let s = format!("ab—{c}cd");
            assert_eq!(first_suspect(&s, false), Some("ab—".len()), "{:?}", c);
        }
        for ok in [
            "plain",
            "em — dash ≥ 20 ‘quotes’ café",
            "line\nbreak",
            "tab\there",
        ] {
            assert_eq!(first_suspect(ok, false), None, "{ok}");
        }
        assert_eq!(first_suspect("tab\there", true), Some(3));
    }

    #[test]
    fn parsed_text_rejects_tabs_and_cr() {
        assert!(check_value_text("a\tb").is_some());
        assert!(check_value_text("a\rb").is_some());
        assert!(check_value_text("line one\nline two ≥ 20").is_none());
    }
}
