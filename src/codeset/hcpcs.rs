//! HCPCS Level II from CMS's alpha-numeric file: fixed-width 320-character records (layout in
//! the zip's recordlayout.txt), a first line per code or modifier and continuation lines for long
//! descriptions. Level II only: CPT (Level I, five digits) and CDT (D-codes) are never kept, even
//! if a file held them, because their descriptors are not public.

use serde::{Deserialize, Serialize};

/// A code or modifier as the file describes it. Dates are YYYY-MM-DD; empty when not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HcpcsCode {
    pub code: String,
    pub long: String,
    pub short: String,
    #[serde(default)]
    pub added: String,
    #[serde(default)]
    pub effective: String,
    #[serde(default)]
    pub terminated: String,
    /// The action code (A added, C changed description, D discontinued, N no change, ...).
    #[serde(default)]
    pub action: String,
}

impl HcpcsCode {
    pub fn is_active(&self) -> bool {
        self.terminated.is_empty()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HcpcsSet {
    /// Sorted by code.
    pub codes: Vec<HcpcsCode>,
    /// Two-character modifiers, sorted.
    pub modifiers: Vec<HcpcsCode>,
}

impl HcpcsSet {
    /// A Level II code shape: a letter other than D, then four digits ("J9035").
    pub fn is_level2_shape(code: &str) -> bool {
        let b = code.as_bytes();
        b.len() == 5
            && b[0].is_ascii_uppercase()
            && b[0] != b'D'
            && b[1..].iter().all(u8::is_ascii_digit)
    }

    pub fn lookup(&self, code: &str) -> Option<&HcpcsCode> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() == 2 {
            return self
                .modifiers
                .binary_search_by(|m| m.code.as_str().cmp(&code))
                .ok()
                .map(|i| &self.modifiers[i]);
        }
        self.codes
            .binary_search_by(|m| m.code.as_str().cmp(&code))
            .ok()
            .map(|i| &self.codes[i])
    }
}

/// What a parsed file gives: the set and the release it describes (YYYY-MM, the latest action
/// effective date in it: a January file's newest changes take effect on January 1).
pub(crate) struct ParsedHcpcs {
    pub set: HcpcsSet,
    pub release: String,
    pub skipped_level1: usize,
}

/// The records of the alpha-numeric .txt, or the line and reason it cannot be read.
pub(crate) fn parse(text: &str) -> Result<ParsedHcpcs, (usize, String)> {
    let mut codes: Vec<HcpcsCode> = Vec::new();
    let mut modifiers: Vec<HcpcsCode> = Vec::new();
    let mut latest = String::new();
    let mut skipped_level1 = 0;
    let mut good = 0usize;
    let mut bad = 0usize;
    // Which list the last first line went to, so continuation lines extend it.
    let mut last: Option<bool> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if line.len() < 91 || !line.is_char_boundary(11) || !line.is_char_boundary(91) {
            bad += 1;
            continue;
        }
        let desc = line[11..91].trim();
        match &line[10..11] {
            "3" | "7" => {
                if line.len() < 293 || !line.is_char_boundary(293) {
                    bad += 1;
                    last = None;
                    continue;
                }
                let modifier = &line[10..11] == "7";
                let code = if modifier {
                    line[3..5].trim().to_string()
                } else {
                    line[..5].trim().to_string()
                };
                let date = |a: usize, b: usize| iso(line[a..b].trim());
                let rec = HcpcsCode {
                    code,
                    long: desc.to_string(),
                    short: line[91..119].trim().to_string(),
                    added: date(268, 276),
                    effective: date(276, 284),
                    terminated: date(284, 292),
                    action: line[292..293].trim().to_string(),
                };
                good += 1;
                if rec.effective > latest {
                    latest = rec.effective.clone();
                }
                if modifier {
                    if rec.code.len() != 2 {
                        return Err((n, format!("modifier `{}` is not two characters", rec.code)));
                    }
                    modifiers.push(rec);
                    last = Some(true);
                } else if HcpcsSet::is_level2_shape(&rec.code) {
                    codes.push(rec);
                    last = Some(false);
                } else {
                    // Level I (CPT) or a D-code: never kept.
                    skipped_level1 += 1;
                    last = None;
                }
            }
            "4" | "8" => {
                let target = match last {
                    Some(true) => modifiers.last_mut(),
                    Some(false) => codes.last_mut(),
                    None => None,
                };
                if let Some(t) = target
                    && !desc.is_empty()
                {
                    t.long.push(' ');
                    t.long.push_str(desc);
                }
            }
            _ => bad += 1,
        }
    }
    if good == 0 || bad * 20 > good {
        return Err((
            1,
            format!(
                "not the HCPCS alpha-numeric record layout ({good} records read, {bad} lines of another shape)"
            ),
        ));
    }
    codes.sort_by(|a, b| a.code.cmp(&b.code));
    modifiers.sort_by(|a, b| a.code.cmp(&b.code));
    if let Some(w) = codes.windows(2).find(|w| w[0].code == w[1].code) {
        return Err((1, format!("code {} appears twice", w[0].code)));
    }
    let release = latest.get(..7).unwrap_or_default().to_string();
    if release.is_empty() {
        return Err((
            1,
            "no effective dates in the file: cannot tell its release".into(),
        ));
    }
    Ok(ParsedHcpcs {
        set: HcpcsSet { codes, modifiers },
        release,
        skipped_level1,
    })
}

/// "20260101" as "2026-01-01"; anything else as "".
fn iso(d: &str) -> String {
    if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
    } else {
        String::new()
    }
}
