//! Moodle XML: `<quiz>` of `<question type="...">`; `type="category"` entries set the category of
//! the questions after them. multichoice (single or `<single>false</single>`) and truefalse are
//! read; every other type is refused.

use super::InteropError;
use super::item::{Choice, Item, ReadOut};
use super::text::{html_to_text, tidy, xml_escape};
use super::xml::{self, Element};

pub fn read(path: &str, text: &str) -> Result<ReadOut, InteropError> {
    let root = xml::parse(path, text)?;
    if root.name != "quiz" {
        return Err(InteropError::malformed(
            path,
            format!("root element is <{}>, not <quiz>", root.name),
        ));
    }
    let mut out = ReadOut::default();
    let mut category: Option<String> = None;
    for q in root.elements().filter(|e| e.name == "question") {
        let kind = q.attr("type").unwrap_or("").to_ascii_lowercase();
        match kind.as_str() {
            "category" => {
                category = q
                    .child("category")
                    .map(|c| c.child("text").map_or_else(|| c.text(), |t| t.text()))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
            }
            "multichoice" | "truefalse" => match choice_question(q, &kind, category.as_deref()) {
                Some(item) => out.items.push(item),
                None => out.refuse(
                    q.line,
                    "malformed (no options or no correct option)",
                    &stem_of(q),
                ),
            },
            other => {
                let name = match other {
                    "shortanswer" => "short answer",
                    "multianswer" => "embedded answers (cloze)",
                    "calculated" | "calculatedsimple" | "calculatedmulti" => "calculated",
                    "ddwtos" | "gapselect" | "ddmarker" | "ddimageortext" => "drag and drop",
                    "" => "question without a type",
                    o => o,
                };
                out.refuse(q.line, name, &stem_of(q));
            }
        }
    }
    Ok(out)
}

/// The text of a `<questiontext>`-like element: HTML made plain unless its format is plain.
fn rich(e: Option<&Element>) -> Option<String> {
    let e = e?;
    let raw = e.child("text").map_or_else(|| e.text(), |t| t.text());
    let format = e.attr("format").unwrap_or("html");
    let text = if format == "html" {
        html_to_text(&raw)
    } else {
        tidy(&raw)
    };
    Some(text).filter(|t| !t.is_empty())
}

fn stem_of(q: &Element) -> String {
    rich(q.child("questiontext")).unwrap_or_default()
}

fn choice_question(q: &Element, kind: &str, category: Option<&str>) -> Option<Item> {
    let single = q
        .child("single")
        .map(|s| !matches!(s.text().trim(), "false" | "0"))
        .unwrap_or(true);
    let choices: Vec<Choice> = q
        .elements()
        .filter(|e| e.name == "answer")
        .map(|a| {
            let fraction: f64 = a
                .attr("fraction")
                .and_then(|f| f.trim().parse().ok())
                .unwrap_or(0.0);
            let format = a.attr("format").unwrap_or(if kind == "truefalse" {
                "moodle_auto_format"
            } else {
                "html"
            });
            let raw = a.child("text").map_or_else(String::new, |t| t.text());
            let mut text = if format == "html" {
                html_to_text(&raw)
            } else {
                tidy(&raw)
            };
            if kind == "truefalse" {
                text = match text.to_ascii_lowercase().as_str() {
                    "true" => "True".into(),
                    "false" => "False".into(),
                    _ => text,
                };
            }
            Choice {
                text,
                correct: fraction > 0.0,
                feedback: rich(a.child("feedback")),
            }
        })
        .collect();
    if choices.is_empty() || !choices.iter().any(|c| c.correct) {
        return None;
    }
    Some(Item {
        id: q
            .child("name")
            .map(|n| {
                n.child("text")
                    .map_or_else(|| n.text(), |t| t.text())
                    .trim()
                    .to_string()
            })
            .filter(|s| !s.is_empty()),
        category: category.map(str::to_string),
        stem: stem_of(q),
        multi: kind == "multichoice" && !single,
        choices,
        explanation: rich(q.child("generalfeedback")),
        line: q.line,
        ..Item::default()
    })
}

fn text_el(tag: &str, format: Option<&str>, text: &str) -> String {
    let fmt = format.map_or(String::new(), |f| format!(" format=\"{f}\""));
    format!("<{tag}{fmt}><text>{}</text></{tag}>", xml_escape(text))
}

/// Writes plain-text fields (`format="plain_text"`), so text comes back exactly as it went.
pub fn write(items: &[Item]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut category: Option<&str> = None;
    for item in items {
        if let Some(cat) = item.category.as_deref()
            && category != Some(cat)
        {
            out.push_str(&format!(
                "  <question type=\"category\">\n    <category><text>{}</text></category>\n  </question>\n",
                xml_escape(cat)
            ));
            category = Some(cat);
        }
        out.push_str("  <question type=\"multichoice\">\n");
        if let Some(id) = &item.id {
            out.push_str(&format!(
                "    <name><text>{}</text></name>\n",
                xml_escape(id)
            ));
        }
        out.push_str(&format!(
            "    {}\n",
            text_el("questiontext", Some("plain_text"), &item.stem)
        ));
        if let Some(e) = &item.explanation {
            out.push_str(&format!(
                "    {}\n",
                text_el("generalfeedback", Some("plain_text"), e)
            ));
        }
        out.push_str(&format!("    <single>{}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n", !item.multi));
        let n_correct = item.choices.iter().filter(|c| c.correct).count().max(1);
        for c in &item.choices {
            let fraction = match (c.correct, item.multi) {
                (true, false) => "100".to_string(),
                (true, true) => format!("{:.5}", 100.0 / n_correct as f64),
                (false, false) => "0".to_string(),
                (false, true) => "-100".to_string(),
            };
            out.push_str(&format!(
                "    <answer fraction=\"{fraction}\" format=\"plain_text\">\n      <text>{}</text>\n",
                xml_escape(&c.text)
            ));
            if let Some(f) = &c.feedback {
                out.push_str(&format!(
                    "      {}\n",
                    text_el("feedback", Some("plain_text"), f)
                ));
            }
            out.push_str("    </answer>\n");
        }
        out.push_str("  </question>\n");
    }
    out.push_str("</quiz>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_category_multi_feedback_and_refuses_essay() {
        let src = r#"<?xml version="1.0"?>
<quiz>
  <question type="category"><category><text>$course$/top/Claims</text></category></question>
  <question type="multichoice">
    <name><text>Q1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which <b>form</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>General &amp; more</text></generalfeedback>
    <single>false</single>
    <answer fraction="50"><text>a</text><feedback><text>yes</text></feedback></answer>
    <answer fraction="50"><text>b</text></answer>
    <answer fraction="-100"><text>c</text></answer>
  </question>
  <question type="essay"><questiontext><text>Explain.</text></questiontext></question>
</quiz>"#;
        let r = read("t.xml", src).unwrap();
        assert_eq!(r.items.len(), 1);
        let q = &r.items[0];
        assert_eq!(q.stem, "Which form?");
        assert_eq!(q.line, 4);
        assert!(q.multi);
        assert_eq!(q.explanation.as_deref(), Some("General & more"));
        assert_eq!(q.choices[0].feedback.as_deref(), Some("yes"));
        assert_eq!(r.refused[0].kind, "essay");
        assert_eq!(r.refused[0].line, 13);
    }

    #[test]
    fn hostile_xml_is_an_error_not_a_panic() {
        assert!(read("t", "<quiz><question>").is_err());
        assert!(read("t", "<notquiz/>").is_err());
        let r = read("t", "<quiz><question type='multichoice'/></quiz>").unwrap();
        assert_eq!(r.refused.len(), 1);
    }
}
