//! Moodle GIFT: `::title:: stem { =right#why ~wrong#why ####general }`, `$CATEGORY:` lines,
//! `~%50%` weights for multiple answers, `\` escapes for `~ = # { } :`.

use super::item::{Choice, Item, ReadOut};
use super::text::{html_to_text, tidy};

pub fn read(text: &str) -> ReadOut {
    let mut out = ReadOut::default();
    let mut category: Option<String> = None;
    for (line, block) in blocks(text) {
        let trimmed = block.trim();
        if let Some(cat) = trimmed.strip_prefix("$CATEGORY:") {
            category = Some(cat.trim().to_string());
            continue;
        }
        question(line, trimmed, category.as_deref(), &mut out);
    }
    out
}

/// Questions separated by blank lines, comments dropped; a blank line inside `{...}` does not end one.
fn blocks(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut depth: i64 = 0;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if depth == 0 && t.starts_with("//") {
            continue;
        }
        if t.is_empty() && depth <= 0 {
            if !cur.trim().is_empty() {
                out.push((start, std::mem::take(&mut cur)));
            }
            cur.clear();
            depth = 0;
            continue;
        }
        if cur.is_empty() {
            start = i + 1;
        } else {
            cur.push('\n');
        }
        cur.push_str(line);
        depth += brace_balance(line);
        if t.starts_with("$CATEGORY:") && depth == 0 {
            out.push((start, std::mem::take(&mut cur)));
        }
    }
    if !cur.trim().is_empty() {
        out.push((start, cur));
    }
    out
}

fn brace_balance(line: &str) -> i64 {
    let mut n = 0;
    let mut esc = false;
    for c in line.chars() {
        match (esc, c) {
            (true, _) => esc = false,
            (false, '\\') => esc = true,
            (false, '{') => n += 1,
            (false, '}') => n -= 1,
            _ => {}
        }
    }
    n
}

/// Byte index of the first unescaped `c` in `s`.
fn find_unescaped(s: &str, set: &[char]) -> Option<usize> {
    let mut esc = false;
    for (i, c) in s.char_indices() {
        if esc {
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if set.contains(&c) {
            return Some(i);
        }
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text with its optional `[html]`/`[moodle]`/`[plain]`/`[markdown]` marker removed and unescaped.
fn field(s: &str) -> String {
    let s = s.trim();
    for (marker, html) in [
        ("[html]", true),
        ("[moodle]", false),
        ("[plain]", false),
        ("[markdown]", false),
    ] {
        if let Some(rest) = s.strip_prefix(marker) {
            let t = unescape(rest.trim());
            return if html { html_to_text(&t) } else { tidy(&t) };
        }
    }
    tidy(&unescape(s))
}

fn question(line: usize, block: &str, category: Option<&str>, out: &mut ReadOut) {
    let mut rest = block;
    let mut id = None;
    if let Some(r) = rest.strip_prefix("::")
        && let Some(end) = find_title_end(r)
    {
        id = Some(unescape(r[..end].trim())).filter(|s| !s.is_empty());
        rest = &r[end + 2..];
    }
    let Some(open) = find_unescaped(rest, &['{']) else {
        out.refuse(line, "description (no answers)", &unescape(rest));
        return;
    };
    let Some(close_rel) = find_unescaped(&rest[open + 1..], &['}']) else {
        out.notes
            .push((line, "unclosed `{`: question skipped".into()));
        out.refuse(line, "malformed (unclosed `{`)", &unescape(rest));
        return;
    };
    let close = open + 1 + close_rel;
    let before = rest[..open].trim();
    let after = rest[close + 1..].trim();
    let body = rest[open + 1..close].trim();
    let stem_raw = if after.is_empty() {
        before.to_string()
    } else {
        format!("{before} _____ {after}")
    };
    let stem = field(&stem_raw);
    if body.is_empty() {
        return out.refuse(line, "essay", &stem);
    }
    if body.starts_with('#') {
        return out.refuse(line, "numerical", &stem);
    }
    let (answers_part, general) = match body.find("####") {
        Some(i) => (&body[..i], Some(field(&body[i + 4..]))),
        None => (body, None),
    };
    let head = answers_part.trim();
    let tf_word = find_unescaped(head, &['#'])
        .map_or(head, |i| &head[..i])
        .trim();
    if matches!(tf_word, "T" | "TRUE" | "F" | "FALSE") {
        let truth = tf_word.starts_with('T');
        let feedbacks: Vec<Option<String>> = split_feedback(head)
            .into_iter()
            .map(|f| f.map(|s| field(&s)))
            .collect();
        let right_fb = feedbacks.get(1).cloned().flatten();
        let wrong_fb = feedbacks.get(2).cloned().flatten();
        let choice = |v: bool| Choice {
            text: if v { "True".into() } else { "False".into() },
            correct: v == truth,
            feedback: if v == truth {
                right_fb.clone()
            } else {
                wrong_fb.clone()
            },
        };
        out.items.push(Item {
            id,
            category: category.map(str::to_string),
            stem,
            choices: vec![choice(true), choice(false)],
            multi: false,
            explanation: general.filter(|s| !s.is_empty()),
            line,
            ..Item::default()
        });
        return;
    }
    let mut choices = Vec::new();
    let mut weighted = false;
    let mut any_wrong = false;
    for raw in split_answers(head) {
        let (mark, rest) = raw.split_at(1);
        let mut text = rest.trim_start();
        let mut weight: Option<f64> = None;
        if let Some(r) = text.strip_prefix('%')
            && let Some(e) = r.find('%')
        {
            weight = r[..e].trim().parse().ok();
            text = &r[e + 1..];
            weighted = true;
        }
        let (text, feedback) = match find_unescaped(text, &['#']) {
            Some(i) => (
                &text[..i],
                Some(field(&text[i + 1..])).filter(|s| !s.is_empty()),
            ),
            None => (text, None),
        };
        if mark == "=" && unescaped_arrow(text) {
            return out.refuse(line, "matching", &stem);
        }
        let correct = match weight {
            Some(w) => w > 0.0,
            None => mark == "=",
        };
        any_wrong |= mark == "~";
        choices.push(Choice {
            text: field(text),
            correct,
            feedback,
        });
    }
    if choices.is_empty() {
        return out.refuse(line, "essay", &stem);
    }
    if !any_wrong {
        return out.refuse(line, "short answer", &stem);
    }
    let n_correct = choices.iter().filter(|c| c.correct).count();
    out.items.push(Item {
        id,
        category: category.map(str::to_string),
        stem,
        multi: weighted || n_correct > 1,
        choices,
        explanation: general.filter(|s| !s.is_empty()),
        line,
        ..Item::default()
    });
}

/// Whether `s` has an unescaped `->` (a matching pair).
fn unescaped_arrow(s: &str) -> bool {
    let mut esc = false;
    let mut prev_dash = false;
    for c in s.chars() {
        if esc {
            esc = false;
            prev_dash = false;
        } else if c == '\\' {
            esc = true;
        } else {
            if prev_dash && c == '>' {
                return true;
            }
            prev_dash = c == '-';
        }
    }
    false
}

fn find_title_end(s: &str) -> Option<usize> {
    let mut esc = false;
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if esc {
            esc = false;
        } else if c == b'\\' {
            esc = true;
        } else if c == b':' && b.get(i + 1) == Some(&b':') {
            return Some(i);
        }
    }
    None
}

/// The answers of a block, each starting with its unescaped `=` or `~`.
fn split_answers(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut esc = false;
    for c in s.chars() {
        if esc {
            if let Some(a) = out.last_mut() {
                a.push('\\');
                a.push(c);
            }
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == '=' || c == '~' {
            // `=` inside a `%` weight or after `->` cannot occur unescaped in valid GIFT.
            out.push(c.to_string());
        } else if let Some(a) = out.last_mut() {
            a.push(c);
        }
    }
    out
}

/// `T#right#wrong` → [T, right, wrong].
fn split_feedback(s: &str) -> Vec<Option<String>> {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = find_unescaped(rest, &['#']) {
        parts.push(Some(rest[..i].to_string()));
        rest = &rest[i + 1..];
    }
    parts.push(Some(rest.to_string()));
    parts
}

/// Escapes GIFT's special characters and line breaks; also a leading `%` (read as a weight) and
/// the `-` of `->` (read as a matching pair).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.starts_with('%') || s.starts_with('[') {
        out.push('\\');
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'>') => out.push_str("\\-"),
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c)
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

pub fn write(items: &[Item]) -> String {
    let mut out = String::from("// Exported by proctor; GIFT format (docs/import-export.md).\n\n");
    let mut category: Option<&str> = None;
    for item in items {
        if let Some(cat) = item.category.as_deref()
            && category != Some(cat)
        {
            out.push_str(&format!("$CATEGORY: {}\n\n", cat.replace('\n', " ")));
            category = Some(cat);
        }
        if let Some(id) = &item.id {
            out.push_str(&format!("::{}::", escape(id)));
        }
        out.push_str(&format!("[plain]{} {{\n", escape(&item.stem)));
        let n_correct = item.choices.iter().filter(|c| c.correct).count().max(1);
        for c in &item.choices {
            let mark = if item.multi {
                if c.correct {
                    format!("~%{}%", weight(n_correct))
                } else {
                    "~%-100%".to_string()
                }
            } else if c.correct {
                "=".to_string()
            } else {
                "~".to_string()
            };
            out.push_str(&format!("\t{mark}{}", escape(&c.text)));
            if let Some(f) = &c.feedback {
                out.push_str(&format!("#{}", escape(f)));
            }
            out.push('\n');
        }
        if let Some(e) = &item.explanation {
            out.push_str(&format!("\t####{}\n", escape(e)));
        }
        out.push_str("}\n\n");
    }
    out
}

/// Moodle wants the weights of a multiple-answer question's keys to add up to 100 %.
fn weight(n: usize) -> String {
    let w = 100.0 / n as f64;
    let s = format!("{w:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_multi_feedback_category_and_refusals() {
        let src = "// comment\n$CATEGORY: $course$/top/Claims\n\n::Q1:: Which form? {\n=CMS-1500#right form\n~UB-04#institutional\n####General.\n}\n\n::Q2:: Pick two {\n~%50%a\n~%50%b\n~%-100%c#no\n}\n\n::E:: Write an essay {}\n\n::N:: How many? {#3}\n\nTrue? {T}\n";
        let r = read(src);
        assert_eq!(r.items.len(), 3);
        let q1 = &r.items[0];
        assert_eq!(q1.id.as_deref(), Some("Q1"));
        assert_eq!(q1.line, 4);
        assert_eq!(q1.category.as_deref(), Some("$course$/top/Claims"));
        assert_eq!(q1.choices[0].feedback.as_deref(), Some("right form"));
        assert!(q1.choices[0].correct && !q1.choices[1].correct && !q1.multi);
        assert_eq!(q1.explanation.as_deref(), Some("General."));
        assert!(r.items[1].multi);
        assert_eq!(r.items[1].choices.iter().filter(|c| c.correct).count(), 2);
        assert_eq!(r.items[2].choices[0].text, "True");
        let kinds: Vec<&str> = r.refused.iter().map(|x| x.kind.as_str()).collect();
        assert_eq!(kinds, ["essay", "numerical"]);
        assert_eq!(r.refused[0].first_line, "Write an essay");
    }

    #[test]
    fn escapes_round_trip() {
        let text = "a ~ b = c # d { e } f : g \\ h\nnext";
        let item = Item {
            id: Some("x::y".into()),
            stem: text.into(),
            choices: vec![
                Choice {
                    text: "=1".into(),
                    correct: true,
                    feedback: Some("#f".into()),
                },
                Choice {
                    text: "~2".into(),
                    correct: false,
                    feedback: None,
                },
            ],
            ..Item::default()
        };
        let back = read(&write(std::slice::from_ref(&item)));
        assert_eq!(back.items.len(), 1);
        assert_eq!(back.items[0].stem, text);
        assert_eq!(back.items[0].id.as_deref(), Some("x::y"));
        assert_eq!(back.items[0].choices, item.choices);
    }

    #[test]
    fn hostile_input_never_panics() {
        for s in [
            "{",
            "}",
            "::",
            "::a",
            "{=",
            "{~%",
            "{~%%}",
            "\\",
            "{\\}",
            "$CATEGORY:",
            "{T#",
            "{ = -> }",
        ] {
            let _ = read(s);
        }
        let _ = read(&"{".repeat(100_000));
    }
}
