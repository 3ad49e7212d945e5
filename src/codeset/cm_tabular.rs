//! The ICD-10-CM tabular list XML as CDC publishes it (`<ICD10CM.tabular>`), turned into the
//! records the built-in code set is made of: the text format of docs/codeset.md, which
//! tools/gen_icd10cm.py writes for the built-in FY2026 and [`super::CodeSet::from_text`] reads.
//! One format and one loader for every year, so an imported year answers exactly as the built-in
//! one does (lookups, notes, 7th characters, search, the validator).
//!
//! The rules are the generator's, kept in step by a test that runs both over the same XML:
//! chapters, sections (blocks), `<diag>`s (categories, then codes), the notes CDC prints under
//! each (includes, inclusion terms, excludes1/2, code first, use additional code, code also,
//! notes, the 7th-character note and rule), and one code per 7th character under every code with
//! nothing below it that a rule (its own or its nearest `<diag>` ancestor's) covers.

use super::xml::Element;

/// Tabular note elements kept, by their XML tag (also their name in the records).
const NOTE_TAGS: [&str; 9] = [
    "includes",
    "inclusionTerm",
    "excludes1",
    "excludes2",
    "codeFirst",
    "useAdditionalCode",
    "codeAlso",
    "notes",
    "sevenChrNote",
];

/// A failure, at a line of the XML.
pub(crate) type Failure = (usize, String);

/// The fiscal year a tabular XML is for: its `<version>` ("2027"), or else the first year
/// printed in its introduction ("ICD-10-CM TABULAR LIST ... FY 2027").
pub(crate) fn release_of(version: Option<&str>, tree: &Element) -> Option<String> {
    let four = |v: &str| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit());
    if let Some(v) = version.map(str::trim).filter(|v| four(v)) {
        return Some(v.to_string());
    }
    let intro = tree.child("introduction")?.deep_text();
    intro
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| four(w) && w.starts_with("20"))
        .map(str::to_string)
}

struct Node {
    kind: &'static str,
    code: String,
    parent: String,
    desc: String,
    /// (tag, text) or ("sevenChrDef", "A", meaning).
    notes: Vec<String>,
    has_children: bool,
}

/// CDC's text, trimmed, with every run of control characters (and the whitespace around it) as
/// one space: the records stay one per line, and no control character reaches the terminal.
pub(crate) fn clean(text: &str) -> String {
    let control = |c: char| c <= '\x1f' || c == '\x7f';
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !control(c) {
            out.push(c);
            continue;
        }
        while out.ends_with(char::is_whitespace) {
            out.pop();
        }
        while chars
            .peek()
            .is_some_and(|&n| control(n) || n.is_whitespace())
        {
            chars.next();
        }
        out.push(' ');
    }
    out.trim().to_string()
}

/// The `<desc>` of an element, cleaned; a missing or empty one is a damaged file.
fn desc(e: &Element, what: &str) -> Result<String, Failure> {
    let d = e.child("desc").map(|d| clean(&d.text)).unwrap_or_default();
    if d.is_empty() {
        return Err((e.line, format!("{what} without a <desc>")));
    }
    Ok(d)
}

/// The notes of one chapter, section or diag in XML order; returns its 7th-character rule.
fn read_notes(
    e: &Element,
    notes: &mut Vec<String>,
) -> Result<Option<Vec<(String, String)>>, Failure> {
    let mut rule = None;
    for sub in &e.children {
        if NOTE_TAGS.contains(&sub.name.as_str()) {
            for n in sub.all("note") {
                let t = clean(&n.text);
                if !t.is_empty() {
                    notes.push(format!("{}\t{t}", sub.name));
                }
            }
        } else if sub.name == "sevenChrDef" {
            let mut seven = Vec::new();
            let mut last: Option<String> = None;
            for ext in &sub.children {
                if ext.name == "extension" {
                    let ch = ext.attr("char").unwrap_or_default().trim().to_string();
                    let meaning = clean(&ext.text);
                    let one =
                        ch.chars().count() == 1 && ch.bytes().all(|b| b.is_ascii_alphanumeric());
                    if !one || meaning.is_empty() {
                        return Err((
                            ext.line,
                            format!("a 7th character `{ch}` without its meaning"),
                        ));
                    }
                    notes.push(format!("sevenChrDef\t{ch}\t{meaning}"));
                    seven.push((ch.clone(), meaning));
                    last = Some(ch);
                } else if ext.name == "note"
                    && let Some(ch) = &last
                {
                    // A note under one 7th character ("initial encounter for open fracture NOS"):
                    // kept as a note, never glued onto the built codes' titles.
                    let t = clean(&ext.text);
                    if !t.is_empty() {
                        notes.push(format!("sevenChrDef\t{ch}\t{t}"));
                    }
                }
            }
            rule = Some(seven);
        }
    }
    Ok(rule.filter(|r| !r.is_empty()))
}

/// CDC's code files list no subsequent-encounter or sequela code for the S06 codes of "death due
/// to brain injury" (6th character 7 or 8: `S06.0X7A` exists, `S06.0X7D` does not), though the
/// XML's rule for S06 offers A, D and S. tools/gen_icd10cm.py drops them by CDC's code list (76 in
/// FY2026, and nothing else); the importer, which has only the XML, by this rule.
fn seventh_exists(full: &str) -> bool {
    let b = full.as_bytes();
    !(full.starts_with("S06.") && b.len() == 8 && matches!(b[6], b'7' | b'8') && b[7] != b'A')
}

fn walk_diag(
    e: &Element,
    parent: usize,
    rule: Option<&[(String, String)]>,
    out: &mut Vec<Node>,
) -> Result<(), Failure> {
    let code = e.child_text("name").to_string();
    if code.is_empty() {
        return Err((e.line, "a <diag> without a <name>".into()));
    }
    let kind = if out[parent].kind == "bl" { "ca" } else { "sc" };
    let mut node = Node {
        kind,
        parent: out[parent].code.clone(),
        desc: desc(e, &format!("<diag> {code}"))?,
        code,
        notes: Vec::new(),
        has_children: false,
    };
    let own = read_notes(e, &mut node.notes)?;
    let rule = own.as_deref().or(rule);
    out[parent].has_children = true;
    let me = out.len();
    out.push(node);
    for sub in e.all("diag") {
        walk_diag(sub, me, rule, out)?;
    }
    if let Some(rule) = rule.filter(|_| !out[me].has_children) {
        // Padded to six characters with the placeholder X, then each 7th character.
        let code = &out[me].code;
        let mut base = if code.len() > 3 {
            code.clone()
        } else {
            format!("{code}.")
        };
        while base.len() < 7 {
            base.push('X');
        }
        let built: Vec<Node> = rule
            .iter()
            .map(|(ch, meaning)| (format!("{base}{ch}"), meaning))
            .filter(|(full, _)| seventh_exists(full))
            .map(|(full, meaning)| Node {
                kind: "x7",
                code: full,
                parent: out[me].code.clone(),
                desc: format!("{}, {meaning}", out[me].desc),
                notes: Vec::new(),
                has_children: false,
            })
            .collect();
        out[me].has_children |= !built.is_empty();
        out.extend(built);
    }
    Ok(())
}

/// The records (docs/codeset.md) of a parsed `<ICD10CM.tabular>`, for fiscal year `release`.
pub(crate) fn records_from_xml(tree: &Element, release: &str) -> Result<String, Failure> {
    let mut out: Vec<Node> = Vec::with_capacity(100_000);
    for chapter in tree.all("chapter") {
        let name = chapter.child_text("name").to_string();
        if name.is_empty() {
            return Err((chapter.line, "a <chapter> without a <name>".into()));
        }
        let mut ch = Node {
            kind: "ch",
            desc: desc(chapter, &format!("chapter {name}"))?,
            code: name,
            parent: String::new(),
            notes: Vec::new(),
            has_children: false,
        };
        read_notes(chapter, &mut ch.notes)?;
        let ch_at = out.len();
        out.push(ch);
        for section in chapter.all("section") {
            let id = section.attr("id").unwrap_or_default().trim().to_string();
            if id.is_empty() {
                return Err((section.line, "a <section> without its id".into()));
            }
            let mut bl = Node {
                kind: "bl",
                desc: desc(section, &format!("section {id}"))?,
                code: id,
                parent: out[ch_at].code.clone(),
                notes: Vec::new(),
                has_children: false,
            };
            read_notes(section, &mut bl.notes)?;
            out[ch_at].has_children = true;
            let bl_at = out.len();
            out.push(bl);
            for diag in section.all("diag") {
                walk_diag(diag, bl_at, None, &mut out)?;
            }
        }
    }
    if !out.iter().any(|n| n.kind == "ca") {
        return Err((
            tree.line,
            "no chapter with codes: not a whole tabular list".into(),
        ));
    }
    let mut text = String::with_capacity(out.len() * 120);
    text.push_str(&format!("#proctor-codeset 1\ticd10cm\t{release}\n"));
    text.push_str(&format!(
        "# ICD-10-CM FY{release}, imported from CDC's tabular list XML by `proctor codes import`.\n"
    ));
    for n in &out {
        let billable = n.kind != "ch" && n.kind != "bl" && !n.has_children;
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            n.kind,
            n.code,
            n.parent,
            if billable { "1" } else { "0" },
            n.desc
        ));
        for note in &n.notes {
            text.push_str("+\t");
            text.push_str(note);
            text.push('\n');
        }
    }
    Ok(text)
}
