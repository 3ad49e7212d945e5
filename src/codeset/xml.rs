//! The official XML files read into a small element tree. They are a few megabytes each, so a
//! tree is simpler to walk than events and costs tens of milliseconds; entity and character
//! references are resolved here, so the parsers above see plain text.

use quick_xml::Reader;
use quick_xml::events::Event;

/// One element: its name, attributes, the text directly inside it (children's text excluded,
/// pieces joined) and its child elements.
#[derive(Debug, Default, Clone)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
    /// Line of the start tag (1-based), for messages about the file.
    pub line: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of a child, trimmed, or "" when there is none.
    pub fn child_text(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.trim())
    }

    /// Own text and every descendant's, in document order, with single spaces: a `<title>` with
    /// a `<nemod>` inside reads "Abuse (adult) (child)" as printed.
    pub fn deep_text(&self) -> String {
        let mut out = String::new();
        self.deep_into(&mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn deep_into(&self, out: &mut String) {
        out.push_str(&self.text);
        for c in &self.children {
            out.push(' ');
            c.deep_into(out);
        }
    }
}

/// A parse failure: the line it happened on and what went wrong.
#[derive(Debug, Clone)]
pub(crate) struct XmlError {
    pub line: usize,
    pub message: String,
}

/// The root element of `text`, or where and why it is not well-formed XML (a truncated file ends
/// with unclosed elements and is refused).
pub(crate) fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    // Lines counted incrementally: positions only grow, so each byte is looked at once.
    let bytes = text.as_bytes();
    let (mut seen, mut lines) = (0usize, 1usize);
    let mut line_at = |pos: u64| {
        let pos = (pos as usize).min(bytes.len());
        if pos > seen {
            lines += bytes[seen..pos].iter().filter(|&&b| b == b'\n').count();
            seen = pos;
        }
        lines
    };
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| XmlError {
            line: line_at(reader.error_position()),
            message: e.to_string(),
        })?;
        match ev {
            Event::Start(s) => stack.push(element(&s, line_at(pos))?),
            Event::Empty(s) => {
                let e = element(&s, line_at(pos))?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(e);
                }
            }
            Event::End(_) => {
                let done = stack.pop().filter(|_| !stack.is_empty());
                match (done, stack.last_mut()) {
                    (Some(d), Some(top)) => top.children.push(d),
                    _ => {
                        return Err(XmlError {
                            line: line_at(pos),
                            message: "a closing tag with no opening tag".into(),
                        });
                    }
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r.xml10_content() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                let Some(ch) = ch else {
                    return Err(XmlError {
                        line: line_at(pos),
                        message: format!("unknown entity &{};", r.xml10_content()),
                    });
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlError {
            line: line_at(text.len() as u64),
            message: format!(
                "the file ends inside <{}>: it is truncated",
                stack.last().map_or("", |e| e.name.as_str())
            ),
        });
    }
    let mut doc = stack.pop().unwrap_or_default();
    match doc.children.len() {
        1 => Ok(doc.children.remove(0)),
        n => Err(XmlError {
            line: 1,
            message: format!("expected one root element, found {n}"),
        }),
    }
}

fn element(s: &quick_xml::events::BytesStart, line: usize) -> Result<Element, XmlError> {
    let name = s.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| XmlError {
            line,
            message: e.to_string(),
        })?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::default())
            .map_err(|e| XmlError {
                line,
                message: e.to_string(),
            })?;
        attrs.push((a.key.local_name().as_ref().to_string(), v.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        line,
        ..Element::default()
    })
}

/// The first element name of an XML text and the `<version>` under it, read without building
/// the tree: enough to tell what an official file is.
pub(crate) fn sniff(text: &str) -> Option<(String, Option<String>, Option<String>)> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut root = None;
    let mut path: Vec<String> = Vec::new();
    let (mut version, mut title) = (None, None);
    for _ in 0..200 {
        match reader.read_event().ok()? {
            Event::Start(s) => {
                let n = s.local_name().as_ref().to_string();
                if root.is_none() {
                    root = Some(n.clone());
                }
                path.push(n);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) if path.len() == 2 => {
                let v = t.xml10_content().trim().to_string();
                match path[1].as_str() {
                    "version" if version.is_none() => version = Some(v),
                    "title" if title.is_none() => title = Some(v),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if version.is_some() && title.is_some() {
            break;
        }
    }
    Some((root?, version, title))
}
