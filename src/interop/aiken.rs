//! Aiken: a stem, options `A.` or `A)` on their own lines, then `ANSWER: B`. Aiken has no
//! feedback, categories or names; proctor also reads `ANSWER: A, C` as a declared multi-answer set
//! (an extension some tools write) and refuses a question with no options or no answer line.

use super::item::{Choice, Item, ReadOut};

pub fn read(text: &str) -> ReadOut {
    let mut out = ReadOut::default();
    let mut start = 0;
    let mut stem: Vec<&str> = Vec::new();
    let mut opts: Vec<(char, String)> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() && opts.is_empty() && stem.is_empty() {
            continue;
        }
        if stem.is_empty() && opts.is_empty() {
            start = i + 1;
        }
        if let Some(ans) = strip_answer(line) {
            finish(start, &stem, &opts, Some(ans), &mut out);
            stem.clear();
            opts.clear();
        } else if let Some((letter, text)) = option(line)
            && (!stem.is_empty())
            && letter == (b'A' + opts.len() as u8) as char
        {
            opts.push((letter, text.to_string()));
        } else if line.is_empty() {
            // A blank line before the answer: a question without ANSWER ends here.
            if !opts.is_empty() || !stem.is_empty() {
                let next_is_option = lines[i + 1..]
                    .iter()
                    .map(|l| l.trim())
                    .find(|l| !l.is_empty())
                    .is_some_and(|l| option(l).is_some() || strip_answer(l).is_some());
                if !next_is_option {
                    finish(start, &stem, &opts, None, &mut out);
                    stem.clear();
                    opts.clear();
                }
            }
        } else if opts.is_empty() {
            stem.push(line);
        } else {
            // Text after options with no answer line: treat as the next question.
            finish(start, &stem, &opts, None, &mut out);
            stem.clear();
            opts.clear();
            start = i + 1;
            stem.push(line);
        }
    }
    if !stem.is_empty() || !opts.is_empty() {
        finish(start, &stem, &opts, None, &mut out);
    }
    out
}

fn strip_answer(line: &str) -> Option<&str> {
    let upper = line.get(..7)?.to_ascii_uppercase();
    (upper == "ANSWER:").then(|| line[7..].trim())
}

fn option(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let letter = chars.next()?;
    let sep = chars.next()?;
    if letter.is_ascii_uppercase() && (sep == '.' || sep == ')') && line[2..].starts_with(' ') {
        Some((letter, line[2..].trim()))
    } else {
        None
    }
}

fn finish(
    line: usize,
    stem: &[&str],
    opts: &[(char, String)],
    answer: Option<&str>,
    out: &mut ReadOut,
) {
    let stem = stem.join("\n");
    let Some(answer) = answer else {
        let kind = if opts.is_empty() {
            "not multiple choice (no options)"
        } else {
            "malformed (no ANSWER line)"
        };
        return out.refuse(line, kind, &stem);
    };
    if opts.is_empty() {
        return out.refuse(line, "not multiple choice (no options)", &stem);
    }
    let keys: Vec<char> = answer
        .split([',', ' ', ';'])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.chars().next().filter(|_| s.len() == 1))
        .collect();
    if keys.is_empty() || keys.iter().any(|k| !opts.iter().any(|(l, _)| l == k)) {
        return out.refuse(line, "malformed (ANSWER names no option)", &stem);
    }
    out.items.push(Item {
        stem,
        multi: keys.len() > 1,
        choices: opts
            .iter()
            .map(|(l, t)| Choice {
                text: t.clone(),
                correct: keys.contains(l),
                feedback: None,
            })
            .collect(),
        line,
        ..Item::default()
    });
}

/// Aiken can carry a one-line stem, options and the key only; line breaks become spaces.
pub fn write(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&item.stem.replace('\n', " "));
        out.push('\n');
        let mut keys = Vec::new();
        for (i, c) in item.choices.iter().enumerate() {
            let letter = (b'A' + i as u8) as char;
            out.push_str(&format!("{letter}. {}\n", c.text.replace('\n', " ")));
            if c.correct {
                keys.push(letter.to_string());
            }
        }
        out.push_str(&format!("ANSWER: {}\n\n", keys.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_single_multi_and_refuses_the_rest() {
        let src = "Which form?\nA. CMS-1500\nB) UB-04\nANSWER: A\n\nPick two\nA. x\nB. y\nC. z\nANSWER: A, C\n\nDescribe the revenue cycle.\n\nNo key\nA. x\nB. y\n";
        let r = read(src);
        assert_eq!(r.items.len(), 2);
        assert_eq!(r.items[0].line, 1);
        assert!(r.items[0].choices[0].correct);
        assert!(r.items[1].multi);
        assert_eq!(r.items[1].line, 6);
        assert_eq!(r.refused.len(), 2);
        assert_eq!(r.refused[0].line, 12);
        assert_eq!(r.refused[0].first_line, "Describe the revenue cycle.");
    }

    #[test]
    fn hostile_input_never_panics() {
        for s in [
            "ANSWER:",
            "A.",
            "A. x\nANSWER: Z",
            "Q\nA. x\nANSWER: é",
            "ANSWER: A\u{301}",
        ] {
            let _ = read(s);
        }
    }
}
