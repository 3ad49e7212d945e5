//! Small text helpers shared by the formats.

/// The first non-blank line of `text`, cut to 80 characters, for reports.
pub fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Escapes text for XML element content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text from the HTML learning systems store in question text: `<br>` and block ends become
/// line breaks, other tags are dropped, the common entities decoded. Unknown entities are kept as
/// written (never expanded from anywhere).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let is_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
            && rest.contains('>');
        if rest.starts_with('<') && !is_tag {
            out.push('<');
            rest = &rest[1..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = rest[..end].to_ascii_lowercase();
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let closing = tag.starts_with("</");
            match name.as_str() {
                "br" => out.push('\n'),
                "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" if closing => out.push('\n'),
                "li" => out.push_str("- "),
                _ => {}
            }
            rest = &rest[end..];
        } else {
            let end = rest[..rest.len().min(12)].find(';');
            let decoded = end.and_then(|e| entity(&rest[1..e]));
            match (end, decoded) {
                (Some(e), Some(c)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    tidy(&out)
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            return char::from_u32(code).filter(|c| *c != '\0');
        }
    })
}

/// Trims each line's end and the whole, and keeps at most one blank line in a row.
pub fn tidy(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.trim().lines().map(str::trim_end) {
        if line.is_empty() && out.last().is_some_and(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    out.join("\n")
}

/// Whether the text looks like HTML (a tag or an entity), so plain text is never mangled.
pub fn looks_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p", "<br", "<div", "<span", "<b>", "<i>", "<em", "<strong", "<ul", "<ol", "<li",
        "&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_lines_and_entities_decode() {
        assert_eq!(
            html_to_text("<p>One &amp; two</p><p>three<br/>four</p>"),
            "One & two\nthree\nfour"
        );
        assert_eq!(html_to_text("a &unknown; b &#x41;"), "a &unknown; b A");
        assert_eq!(html_to_text("x < y"), "x < y");
    }

    #[test]
    fn first_line_skips_blanks_and_cuts() {
        assert_eq!(first_line("\n  \nHello\nworld"), "Hello");
        assert_eq!(first_line(&"x".repeat(100)).chars().count(), 81);
    }
}
