//! A second, event-level reading of a YAML file that remembers where every key stands.
//!
//! serde gives typed values but no positions after the fact, and yaml_serde reports duplicate keys at
//! the document start. This walk gives each value's path (in the same `questions[3].answer` form that
//! serde errors use) a line and column, finds duplicate keys where they are, and stops early on
//! nesting deeper than any bank needs. It runs only when there is something to report.

use super::diagnostic::{Diagnostic, Pos};
use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;

/// Deeper than any bank or blueprint needs (they use five levels); hostile files stop here.
pub const MAX_DEPTH: usize = 24;

/// Where each value path starts: for a mapping entry, its key; for a sequence item, the item.
#[derive(Debug, Default)]
pub struct PosIndex {
    positions: HashMap<String, Pos>,
}

impl PosIndex {
    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return Pos::START,
            }
        }
    }

    pub fn get(&self, path: &str) -> Option<Pos> {
        self.positions.get(path).copied()
    }
}

enum Frame {
    Map {
        path: String,
        keys: HashMap<String, Pos>,
        key: Option<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

fn pos_of(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Walks `text`, returning the position index, or `None` after a finding that stops parsing (pushed
/// to `diags`). Duplicate keys are reported and the walk goes on, so all of them are found at once.
pub fn scan(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<PosIndex> {
    let mut index = PosIndex::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(ok) => ok,
            Err(e) => {
                let m = e.marker();
                let pos = Pos::new(m.line(), m.col() + 1);
                diags.push(Diagnostic::error(
                    file,
                    pos,
                    format!("YAML syntax: {}", e.info()),
                ));
                return None;
            }
        };
        let pos = pos_of(&span);
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(_)
        );
        match &event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    diags.push(Diagnostic::error(
                        file,
                        pos,
                        "a second YAML document (`---`): put one bank or blueprint in each file",
                    ));
                    return None;
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
        if !starts_node {
            continue;
        }
        // Where does this node go?
        let node_path = match stack.last_mut() {
            None => String::new(),
            Some(Frame::Map { path, keys, key }) => match key.take() {
                None => {
                    // This node is a key.
                    let Event::Scalar(k, ..) = &event else {
                        diags.push(Diagnostic::error(
                            file,
                            pos,
                            "a mapping key must be a plain word such as `stem:`",
                        ));
                        return None;
                    };
                    let k = k.to_string();
                    if let Some(first) = keys.get(&k) {
                        diags.push(Diagnostic::error(
                            file,
                            pos,
                            format!(
                                "duplicate key `{k}` (first given at line {}): delete one of them",
                                first.line
                            ),
                        ));
                    } else {
                        keys.insert(k.clone(), pos);
                        index.positions.insert(join(path, &k), pos);
                    }
                    *key = Some(k);
                    continue;
                }
                Some(k) => join(path, &k),
            },
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                index.positions.entry(p.clone()).or_insert(pos);
                p
            }
        };
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map {
                path: node_path,
                keys: HashMap::new(),
                key: None,
            }),
            Event::SequenceStart(..) => stack.push(Frame::Seq {
                path: node_path,
                next: 0,
            }),
            _ => {}
        }
        if stack.len() > MAX_DEPTH {
            diags.push(Diagnostic::error(
                file,
                pos,
                format!("nesting deeper than {MAX_DEPTH} levels: a bank never needs this"),
            ));
            return None;
        }
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_serde_paths() {
        let text = "bank: x\nquestions:\n  - id: Q1\n    answer: B\n  - id: Q2\n    answer: C\n";
        let mut d = vec![];
        let idx = scan("f", text, &mut d).unwrap();
        assert!(d.is_empty());
        assert_eq!(idx.get("questions[1].id"), Some(Pos::new(5, 5)));
        assert_eq!(idx.get("questions[1].answer"), Some(Pos::new(6, 5)));
        assert_eq!(idx.find("questions[1].answer.nope"), Pos::new(6, 5));
        assert_eq!(idx.get("bank"), Some(Pos::new(1, 1)));
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let text = "a: 1\nb: 2\na: 3\n";
        let mut d = vec![];
        scan("f", text, &mut d).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (3, 1));
        assert!(d[0].message.contains("first given at line 1"));
    }

    #[test]
    fn deep_nesting_stops() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let mut d = vec![];
        assert!(scan("f", &text, &mut d).is_none());
        assert!(d[0].message.contains("nesting"));
    }
}
