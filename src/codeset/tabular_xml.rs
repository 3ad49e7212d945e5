//! The other way round from cm_tabular.rs: a loaded ICD-10-CM code set written in CDC's tabular
//! XML schema. Only for checking and measuring the importer at full size (the round-trip test,
//! the import benchmark): no CDC tabular list of another year may be committed, and the built-in
//! year written this way is one.

use super::model::{Code, Kind, NoteKind};
use super::set::CodeSet;

/// `s` as XML text.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The notes of one entry as CDC's XML prints them: consecutive notes of a kind in one element,
/// a 7th character's later notes as `<note>`s after its `<extension>`.
fn notes_xml(c: &Code, out: &mut String) {
    let tag = |k: NoteKind| match k {
        NoteKind::Includes => "includes",
        NoteKind::InclusionTerm => "inclusionTerm",
        NoteKind::Excludes1 => "excludes1",
        NoteKind::Excludes2 => "excludes2",
        NoteKind::CodeFirst => "codeFirst",
        NoteKind::UseAdditionalCode => "useAdditionalCode",
        NoteKind::CodeAlso => "codeAlso",
        NoteKind::Notes => "notes",
        NoteKind::SeventhCharNote => "sevenChrNote",
        NoteKind::SeventhChar(_) => "sevenChrDef",
    };
    let mut open: Option<&str> = None;
    let mut seen_chars = Vec::new();
    for n in c.notes() {
        let t = tag(n.kind);
        if open != Some(t) {
            if let Some(o) = open {
                out.push_str(&format!("</{o}>"));
            }
            out.push_str(&format!("<{t}>"));
            open = Some(t);
            seen_chars.clear();
        }
        match n.kind {
            NoteKind::SeventhChar(ch) if !seen_chars.contains(&ch) => {
                seen_chars.push(ch);
                out.push_str(&format!(
                    "<extension char=\"{ch}\">{}</extension>",
                    esc(n.text)
                ));
            }
            _ => out.push_str(&format!("<note>{}</note>", esc(n.text))),
        }
    }
    if let Some(o) = open {
        out.push_str(&format!("</{o}>"));
    }
}

fn diag_xml(set: &CodeSet, c: &Code, out: &mut String) {
    out.push_str(&format!(
        "<diag><name>{}</name><desc>{}</desc>",
        c.code(),
        esc(c.description())
    ));
    notes_xml(c, out);
    for k in set
        .children(c)
        .filter(|k| k.kind() != Kind::SeventhCharacter)
    {
        diag_xml(set, k, out);
    }
    out.push_str("</diag>\n");
}

/// A code set written back in CDC's tabular XML schema, as fiscal year `version`: what the
/// importer reads. For the round-trip test and the import benchmark, which have no CDC tabular
/// of another year to read (none may be committed): the built-in FY2026 written this way is a
/// full-size tabular list. 7th-character codes are left to the rules, as CDC prints them.
pub fn tabular_xml(set: &CodeSet, version: &str) -> String {
    let mut xml = format!("<ICD10CM.tabular><version>{version}</version>\n");
    for ch in set.chapters() {
        xml.push_str(&format!(
            "<chapter><name>{}</name><desc>{}</desc>",
            ch.code(),
            esc(ch.description())
        ));
        notes_xml(ch, &mut xml);
        for bl in set.children(ch) {
            xml.push_str(&format!(
                "<section id=\"{}\"><desc>{}</desc>",
                bl.code(),
                esc(bl.description())
            ));
            notes_xml(bl, &mut xml);
            for ca in set.children(bl) {
                diag_xml(set, ca, &mut xml);
            }
            xml.push_str("</section>\n");
        }
        xml.push_str("</chapter>\n");
    }
    xml.push_str("</ICD10CM.tabular>\n");
    xml
}
