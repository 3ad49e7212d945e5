//! A small element tree read with quick-xml, for the XML formats (Moodle XML, QTI).
//!
//! Hostile input: quick-xml never reads a DTD, so no entity is ever defined, expanded or fetched
//! (no XXE, no "billion laughs"); only the five predefined entities and character references are
//! decoded and any other `&name;` is kept as written. Depth and element count are capped.

use super::InteropError;
use quick_xml::Reader;
use quick_xml::events::Event;

pub const MAX_DEPTH: usize = 64;
pub const MAX_NODES: usize = 500_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    El(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    /// The local name, lower-cased, without a `qti-` prefix and hyphens, so QTI 2.1
    /// (`simpleChoice`) and 3.0 (`qti-simple-choice`) read the same: `simplechoice`.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        let want = norm(name);
        self.attrs
            .iter()
            .find(|(k, _)| norm(k) == want)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Every descendant element named `name`, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }

    pub fn find(&self, name: &str) -> Option<&Element> {
        let mut v = Vec::new();
        self.find_all(name, &mut v);
        v.into_iter().next()
    }

    /// All text below this element, concatenated as written.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::El(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// Normalises an element or attribute name: local part, lower case, no `qti-` prefix, no hyphens.
pub fn norm(name: &str) -> String {
    let local = name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase();
    local
        .strip_prefix("qti-")
        .unwrap_or(&local)
        .replace(['-', '_'], "")
}

/// Parses `text` into its root element.
pub fn parse(path: &str, text: &str) -> Result<Element, InteropError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut nodes = 0usize;
    let line_at = |pos: u64| {
        text.as_bytes()[..(pos as usize).min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    };
    // Line counting is incremental so a large file is not rescanned per element.
    let mut last_pos = 0usize;
    let mut last_line = 1usize;
    let mut line_of = |pos: u64| {
        let pos = (pos as usize).min(text.len());
        if pos >= last_pos {
            last_line += text.as_bytes()[last_pos..pos]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            last_pos = pos;
            last_line
        } else {
            line_at(pos as u64)
        }
    };
    let err = |m: String| InteropError::malformed(path, m);
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| {
            err(format!(
                "XML error near line {}: {e}",
                line_at(reader.buffer_position())
            ))
        })?;
        match ev {
            Event::Start(s) | Event::Empty(s) if stack.len() > MAX_DEPTH => {
                let _ = s;
                return Err(err(format!("XML nested deeper than {MAX_DEPTH} levels")));
            }
            Event::Start(s) => {
                nodes += 1;
                stack.push(element(&s, line_of(pos)));
            }
            Event::Empty(s) => {
                nodes += 1;
                let e = element(&s, line_of(pos));
                push(&mut stack, Node::El(e));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(err("unbalanced end tag".into()));
                }
                let e = stack.pop().expect("checked");
                push(&mut stack, Node::El(e));
            }
            Event::Text(t) => push_text(&mut stack, &t.into_inner()),
            Event::CData(c) => push_text(&mut stack, &c.into_inner()),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match &*r {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => format!("&{other};"),
                    },
                    Err(_) => format!("&{};", &*r),
                };
                push_text(&mut stack, &s);
            }
            Event::Eof => break,
            _ => {}
        }
        if nodes > MAX_NODES {
            return Err(err(format!("more than {MAX_NODES} XML elements; refused")));
        }
    }
    if stack.len() != 1 {
        return Err(err("XML ends inside an element".into()));
    }
    let root = stack.pop().expect("one");
    root.elements()
        .next()
        .cloned()
        .ok_or_else(|| err("no XML element".into()))
}

fn element(s: &quick_xml::events::BytesStart<'_>, line: usize) -> Element {
    let name = norm(s.name().as_ref());
    let attrs = s
        .attributes()
        .flatten()
        .map(|a| {
            let k = a.key.as_ref().to_string();
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| a.value.to_string());
            (k, v)
        })
        .collect();
    Element {
        name,
        attrs,
        children: Vec::new(),
        line,
    }
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_never_expanded() {
        let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE q [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>
<q>&xxe; &a; &amp; &#65;</q>"#;
        let root = parse("t.xml", xxe).unwrap();
        assert_eq!(root.text(), "&xxe; &a; & A");
    }

    #[test]
    fn depth_is_capped_and_errors_are_typed() {
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        assert!(parse("t.xml", &deep).is_err());
        assert!(parse("t.xml", "<a><b></a>").is_err());
        assert!(parse("t.xml", "").is_err());
        assert!(parse("t.xml", "<a>").is_err());
    }

    #[test]
    fn names_normalise_across_qti_versions() {
        let a = parse("t", "<qti-simple-choice identifier='A'/>").unwrap();
        let b = parse("t", "<simpleChoice identifier='A'/>").unwrap();
        assert_eq!(a.name, b.name);
        assert_eq!(a.attr("identifier"), Some("A"));
    }

    #[test]
    fn lines_are_counted() {
        let root = parse("t", "<a>\n\n<b/>\n</a>").unwrap();
        assert_eq!(root.child("b").unwrap().line, 3);
    }
}
