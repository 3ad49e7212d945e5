//! IMS QTI 2.1 and 3.0 items (`assessmentItem` / `qti-assessment-item`) with one
//! `choiceInteraction`. Names are normalised by [`super::xml::norm`], so one reader serves both
//! versions. Per-option feedback is a `feedbackInline` inside the choice or a `modalFeedback` whose
//! identifier is the choice's; any other `modalFeedback` is the general feedback. An item with any
//! other interaction (text entry, extended text, match, order, hotspot, ...) is refused.

use super::InteropError;
use super::item::{Choice, Item, ReadOut};
use super::text::{tidy, xml_escape};
use super::xml::{self, Element, Node};

/// One XML file: an item, or a test (whose items live in other files, so only a package has them).
pub fn read_file(path: &str, text: &str) -> Result<ReadOut, InteropError> {
    let root = xml::parse(path, text)?;
    let mut out = ReadOut::default();
    match root.name.as_str() {
        "assessmentitem" => read_item(&root, None, &mut out),
        "questestinterop" => {
            return Err(InteropError::malformed(
                path,
                "QTI 1.2 (questestinterop) is not read; export QTI 2.1 or 3.0 (Canvas: New Quizzes), or Moodle XML",
            ));
        }
        "assessmenttest" => {
            return Err(InteropError::malformed(
                path,
                "a QTI test refers to item files: import the zip package that holds them",
            ));
        }
        other => {
            return Err(InteropError::malformed(
                path,
                format!("root element <{other}> is not a QTI item"),
            ));
        }
    }
    Ok(out)
}

/// The interactions in the item body.
fn interactions(body: &Element) -> Vec<&Element> {
    let mut all = Vec::new();
    collect(body, &mut all);
    all
}

fn collect<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        if c.name.ends_with("interaction") {
            out.push(c);
        } else {
            collect(c, out);
        }
    }
}

pub fn read_item(root: &Element, category: Option<&str>, out: &mut ReadOut) {
    let id = root
        .attr("identifier")
        .map(str::to_string)
        .filter(|s| !s.is_empty());
    let Some(body) = root.child("itembody") else {
        out.refuse(
            root.line,
            "malformed (no itemBody)",
            root.attr("title").unwrap_or(""),
        );
        return;
    };
    let stem_body = block_text(body, &|e| {
        e.name.ends_with("interaction") || e.name.contains("feedback")
    });
    let found = interactions(body);
    let Some(interaction) = found.first().filter(|_| found.len() == 1) else {
        let kind = if found.is_empty() {
            "no interaction"
        } else {
            "several interactions"
        };
        out.refuse(
            root.line,
            kind,
            &block_text(body, &|e| e.name.contains("feedback")),
        );
        return;
    };
    if interaction.name != "choiceinteraction" {
        let kind = match interaction.name.as_str() {
            "extendedtextinteraction" => "essay (extendedTextInteraction)",
            "textentryinteraction" => "short answer (textEntryInteraction)",
            "matchinteraction" | "associateinteraction" => "matching",
            "orderinteraction" | "graphicorderinteraction" => "ordering",
            "inlinechoiceinteraction" => "inline choice",
            "hotspotinteraction" | "selectpointinteraction" => "hotspot",
            "uploadinteraction" => "file upload",
            other => other,
        };
        out.refuse(
            root.line,
            kind,
            &block_text(body, &|e| e.name.contains("feedback")),
        );
        return;
    }
    let prompt = interaction
        .child("prompt")
        .map(|p| block_text(p, &|_| false))
        .unwrap_or_default();
    let stem = tidy(
        &[stem_body.as_str(), prompt.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let response = interaction.attr("responseidentifier").unwrap_or("RESPONSE");
    let decl = root
        .elements()
        .find(|e| e.name == "responsedeclaration" && e.attr("identifier") == Some(response));
    let multi = decl.and_then(|d| d.attr("cardinality")) == Some("multiple")
        || interaction.attr("maxchoices").is_some_and(|m| m != "1");
    let mut keys: Vec<String> = Vec::new();
    if let Some(cr) = decl.and_then(|d| d.child("correctresponse")) {
        keys = cr
            .elements()
            .filter(|v| v.name == "value")
            .map(|v| v.text().trim().to_string())
            .collect();
    }
    let modal: Vec<&Element> = root
        .elements()
        .filter(|e| e.name == "modalfeedback")
        .collect();
    let mut choices = Vec::new();
    let mut ids = Vec::new();
    let mut simple = Vec::new();
    interaction.find_all("simplechoice", &mut simple);
    for c in simple {
        let cid = c.attr("identifier").unwrap_or("").to_string();
        let inline = c
            .elements()
            .find(|e| e.name == "feedbackinline" || e.name == "feedbackblock");
        let feedback = inline
            .map(|f| block_text(f, &|_| false))
            .or_else(|| {
                modal
                    .iter()
                    .find(|m| m.attr("identifier") == Some(&cid))
                    .map(|m| block_text(m, &|_| false))
            })
            .filter(|s| !s.is_empty());
        choices.push(Choice {
            text: block_text(c, &|e| e.name.contains("feedback")),
            correct: keys.contains(&cid),
            feedback,
        });
        ids.push(cid);
    }
    let general: Vec<String> = modal
        .iter()
        .filter(|m| !ids.iter().any(|i| m.attr("identifier") == Some(i)))
        .map(|m| block_text(m, &|_| false))
        .filter(|s| !s.is_empty())
        .collect();
    if choices.is_empty() || !choices.iter().any(|c| c.correct) {
        out.refuse(
            root.line,
            "malformed (no choices or no correct response)",
            &stem,
        );
        return;
    }
    out.items.push(Item {
        id,
        category: category.map(str::to_string),
        stem,
        choices,
        multi,
        explanation: Some(general.join("\n\n")).filter(|s| !s.is_empty()),
        line: root.line,
        ..Item::default()
    });
}

/// Plain text of XHTML content: paragraphs and `<br/>` become line breaks; indentation between
/// elements is dropped; `skip` leaves out elements (interactions, feedback) read elsewhere.
fn block_text(e: &Element, skip: &dyn Fn(&Element) -> bool) -> String {
    let mut out = String::new();
    walk(e, skip, &mut out);
    tidy(&out)
}

fn walk(e: &Element, skip: &dyn Fn(&Element) -> bool, out: &mut String) {
    for n in &e.children {
        match n {
            Node::Text(t) => {
                if t.trim().is_empty() && t.contains('\n') {
                    continue;
                }
                out.push_str(t);
            }
            Node::El(c) if skip(c) => {}
            Node::El(c) => match c.name.as_str() {
                "br" => out.push('\n'),
                "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "pre" | "blockquote"
                | "prompt" => {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    walk(c, skip, out);
                    out.push('\n');
                }
                _ => walk(c, skip, out),
            },
        }
    }
}

fn lines_xhtml(text: &str, tag: &str) -> String {
    text.split('\n')
        .map(|l| format!("<{tag}>{}</{tag}>", xml_escape(l)))
        .collect::<String>()
}

/// One QTI 2.1 item file for `item`, identified `ident`.
pub fn write_item(item: &Item, ident: &str) -> String {
    let card = if item.multi { "multiple" } else { "single" };
    let letters: Vec<String> = (0..item.choices.len())
        .map(|i| ((b'A' + i as u8) as char).to_string())
        .collect();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd\" identifier=\"{}\" title=\"{}\" adaptive=\"false\" timeDependent=\"false\">\n",
        xml_escape(ident),
        xml_escape(&super::text::first_line(&item.stem))
    ));
    s.push_str(&format!("  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"{card}\" baseType=\"identifier\">\n    <correctResponse>\n"));
    for (l, c) in letters.iter().zip(&item.choices) {
        if c.correct {
            s.push_str(&format!("      <value>{l}</value>\n"));
        }
    }
    s.push_str("    </correctResponse>\n  </responseDeclaration>\n");
    s.push_str(
        "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\"/>\n",
    );
    s.push_str(&format!("  <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"{card}\" baseType=\"identifier\"/>\n"));
    s.push_str("  <itemBody>\n");
    s.push_str(&format!(
        "    <div>{}</div>\n",
        lines_xhtml(&item.stem, "p")
    ));
    let max = if item.multi { 0 } else { 1 };
    s.push_str(&format!("    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\" maxChoices=\"{max}\">\n"));
    for (l, c) in letters.iter().zip(&item.choices) {
        let text = c
            .text
            .split('\n')
            .map(xml_escape)
            .collect::<Vec<_>>()
            .join("<br/>");
        let fb = c.feedback.as_ref().map_or(String::new(), |f| {
            format!(
                "<feedbackInline outcomeIdentifier=\"FEEDBACK\" identifier=\"{l}\" showHide=\"show\">{}</feedbackInline>",
                f.split('\n').map(xml_escape).collect::<Vec<_>>().join("<br/>")
            )
        });
        s.push_str(&format!(
            "      <simpleChoice identifier=\"{l}\">{text}{fb}</simpleChoice>\n"
        ));
    }
    s.push_str("    </choiceInteraction>\n  </itemBody>\n");
    s.push_str("  <responseProcessing>\n    <responseCondition>\n      <responseIf>\n        <match><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/></match>\n        <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">1</baseValue></setOutcomeValue>\n      </responseIf>\n      <responseElse>\n        <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0</baseValue></setOutcomeValue>\n      </responseElse>\n    </responseCondition>\n    <setOutcomeValue identifier=\"FEEDBACK\"><variable identifier=\"RESPONSE\"/></setOutcomeValue>\n  </responseProcessing>\n");
    if let Some(e) = &item.explanation {
        // Shown whatever the response: FEEDBACK never holds this identifier and showHide is "hide".
        s.push_str(&format!(
            "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"GENERAL\" showHide=\"hide\">{}</modalFeedback>\n",
            lines_xhtml(e, "p")
        ));
    }
    s.push_str("</assessmentItem>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const QTI3: &str = r#"<?xml version="1.0"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqti_v3p0" identifier="Q3" title="t">
  <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
    <qti-correct-response><qti-value>a</qti-value><qti-value>c</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-item-body>
    <p>Select all that apply.</p>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="0">
      <qti-prompt>Which are HCPCS sections?</qti-prompt>
      <qti-simple-choice identifier="a">J codes<qti-feedback-inline identifier="a" outcome-identifier="FEEDBACK" show-hide="show">Drugs.</qti-feedback-inline></qti-simple-choice>
      <qti-simple-choice identifier="b">X codes</qti-simple-choice>
      <qti-simple-choice identifier="c">E codes</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-modal-feedback outcome-identifier="FEEDBACK" identifier="b" show-hide="show">No X section.</qti-modal-feedback>
  <qti-modal-feedback outcome-identifier="FEEDBACK" identifier="ALL" show-hide="hide">J and E are sections.</qti-modal-feedback>
</qti-assessment-item>"#;

    #[test]
    fn reads_qti3_multi_with_feedback() {
        let r = read_file("q.xml", QTI3).unwrap();
        assert_eq!(r.items.len(), 1);
        let q = &r.items[0];
        assert_eq!(q.stem, "Select all that apply.\nWhich are HCPCS sections?");
        assert!(q.multi);
        assert_eq!(
            q.choices.iter().map(|c| c.correct).collect::<Vec<_>>(),
            [true, false, true]
        );
        assert_eq!(q.choices[0].text, "J codes");
        assert_eq!(q.choices[0].feedback.as_deref(), Some("Drugs."));
        assert_eq!(q.choices[1].feedback.as_deref(), Some("No X section."));
        assert_eq!(q.explanation.as_deref(), Some("J and E are sections."));
        assert_eq!(q.line, 2);
    }

    #[test]
    fn refuses_other_interactions_and_qti12() {
        let essay = r#"<assessmentItem identifier="E"><itemBody><extendedTextInteraction responseIdentifier="R"><prompt>Explain the cycle.</prompt></extendedTextInteraction></itemBody></assessmentItem>"#;
        let r = read_file("e.xml", essay).unwrap();
        assert_eq!(r.refused[0].kind, "essay (extendedTextInteraction)");
        assert!(read_file("x.xml", "<questestinterop/>").is_err());
    }

    #[test]
    fn write_then_read_keeps_the_item() {
        let item = Item {
            id: Some("CPB-1".into()),
            stem: "Line one & <two>\n\nsecond \"para\"".into(),
            choices: vec![
                Choice {
                    text: "a\nb".into(),
                    correct: true,
                    feedback: Some("why a".into()),
                },
                Choice {
                    text: "c".into(),
                    correct: false,
                    feedback: None,
                },
            ],
            explanation: Some("because".into()),
            ..Item::default()
        };
        let r = read_file("x", &write_item(&item, "CPB-1")).unwrap();
        assert_eq!(r.items[0], Item { line: 2, ..item });
    }
}
