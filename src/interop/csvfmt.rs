//! proctor's CSV layout (docs/import-export.md): one question per row, columns named by a header
//! row (any order, case-insensitive): `id, domain, type, stem, A..F, answer, why_A..why_F,
//! explanation, references, difficulty`. `answer` is one letter or letters separated by commas;
//! `type` is empty or `multiple-choice`, `multiple-answer` (a declared select-all set), and any
//! other value is refused. References are one per line inside the cell.

use super::InteropError;
use super::item::{Choice, Item, ReadOut};
use super::text::tidy;
use crate::bank::Difficulty;

const LETTERS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];

pub fn read(path: &str, text: &str) -> Result<ReadOut, InteropError> {
    let bad = |m: String| InteropError::malformed(path, m);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| bad(format!("CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(stem_col), Some(answer_col)) = (col("stem"), col("answer")) else {
        return Err(bad("the header row needs at least `stem`, `answer`, `A` and `B` columns (docs/import-export.md)".into()));
    };
    let opt_cols: Vec<Option<usize>> = LETTERS
        .iter()
        .map(|l| col(&l.to_ascii_lowercase()))
        .collect();
    let why_cols: Vec<Option<usize>> = LETTERS
        .iter()
        .map(|l| col(&format!("why_{}", l.to_ascii_lowercase())))
        .collect();
    let mut out = ReadOut::default();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| bad(format!("CSV: {e}")))?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(tidy)
                .filter(|s| !s.is_empty())
        };
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let stem = get(Some(stem_col)).unwrap_or_default();
        let kind = get(col("type")).unwrap_or_default().to_ascii_lowercase();
        let multi_declared = match kind.as_str() {
            "" | "multiple-choice" | "mc" => false,
            "multiple-answer" | "ma" | "select-all" => true,
            other => {
                out.refuse(line, other, &stem);
                continue;
            }
        };
        let answer = get(Some(answer_col))
            .unwrap_or_default()
            .to_ascii_uppercase();
        let keys: Vec<&str> = answer
            .split([',', ';', ' '])
            .filter(|s| !s.is_empty())
            .collect();
        let mut choices = Vec::new();
        for (i, l) in LETTERS.iter().enumerate() {
            if let Some(text) = get(opt_cols[i]) {
                choices.push(Choice {
                    text,
                    correct: keys.contains(l),
                    feedback: get(why_cols[i]),
                });
            }
        }
        let known = keys.iter().all(|k| LETTERS[..choices.len()].contains(k));
        if choices.len() < 2 || keys.is_empty() || !known {
            out.refuse(
                line,
                "malformed (fewer than 2 options, or an answer that names no option)",
                &stem,
            );
            continue;
        }
        let difficulty = match get(col("difficulty"))
            .map(|d| d.to_ascii_lowercase())
            .as_deref()
        {
            Some("easy") => Some(Difficulty::Easy),
            Some("medium") => Some(Difficulty::Medium),
            Some("hard") => Some(Difficulty::Hard),
            None => None,
            Some(other) => {
                out.notes.push((
                    line,
                    format!("difficulty `{other}` is not easy, medium or hard; left unrated"),
                ));
                None
            }
        };
        out.items.push(Item {
            id: get(col("id")),
            category: get(col("domain")),
            stem,
            multi: multi_declared || keys.len() > 1,
            choices,
            explanation: get(col("explanation")),
            references: get(col("references"))
                .map(|r| {
                    r.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            difficulty,
            line,
            part: None,
        });
    }
    Ok(out)
}

pub fn write(items: &[Item]) -> Result<Vec<u8>, InteropError> {
    let err = |e: csv::Error| InteropError::Io {
        path: "csv".into(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id", "domain", "type", "stem"];
    header.extend(LETTERS);
    header.push("answer");
    header.extend(["why_A", "why_B", "why_C", "why_D", "why_E", "why_F"]);
    header.extend(["explanation", "references", "difficulty"]);
    w.write_record(&header).map_err(err)?;
    for item in items {
        let mut row: Vec<String> = vec![
            item.id.clone().unwrap_or_default(),
            item.category.clone().unwrap_or_default(),
            if item.multi {
                "multiple-answer"
            } else {
                "multiple-choice"
            }
            .into(),
            item.stem.clone(),
        ];
        for i in 0..6 {
            row.push(
                item.choices
                    .get(i)
                    .map_or(String::new(), |c| c.text.clone()),
            );
        }
        let keys: Vec<&str> = item
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| LETTERS[i])
            .collect();
        row.push(keys.join(","));
        for i in 0..6 {
            row.push(
                item.choices
                    .get(i)
                    .and_then(|c| c.feedback.clone())
                    .unwrap_or_default(),
            );
        }
        row.push(item.explanation.clone().unwrap_or_default());
        row.push(item.references.join("\n"));
        row.push(match item.difficulty {
            Some(Difficulty::Easy) => "easy".into(),
            Some(Difficulty::Medium) => "medium".into(),
            Some(Difficulty::Hard) => "hard".into(),
            _ => String::new(),
        });
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner().map_err(|e| InteropError::Io {
        path: "csv".into(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_and_refusals() {
        let src = "id,domain,type,stem,A,B,C,answer,why_B,explanation,references,difficulty\n\
Q1,claims,,\"Which, \"\"really\"\"?\",a,b,,A,\"b, no\",because,\"Ref 1\nRef 2\",easy\n\
Q2,,essay,Explain it,,,,,,,,\n\
Q3,,multiple-answer,Pick,x,y,z,\"A,C\",,,,\n";
        let r = read("t.csv", src).unwrap();
        assert_eq!(r.items.len(), 2);
        let q = &r.items[0];
        assert_eq!(q.stem, "Which, \"really\"?");
        assert_eq!(q.line, 2);
        assert_eq!(q.choices.len(), 2);
        assert_eq!(q.choices[1].feedback.as_deref(), Some("b, no"));
        assert_eq!(q.references, ["Ref 1", "Ref 2"]);
        assert_eq!(q.difficulty, Some(Difficulty::Easy));
        assert!(r.items[1].multi);
        assert_eq!(r.refused[0].kind, "essay");
        assert_eq!(r.refused[0].line, 4);
    }

    #[test]
    fn bad_headers_are_errors() {
        assert!(read("t.csv", "a,b\n1,2\n").is_err());
        assert!(read("t.csv", "").is_err());
    }
}
