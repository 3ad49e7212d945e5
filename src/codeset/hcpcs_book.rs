//! HCPCS Level II in the code book: a code's page gives its long and short descriptions, the
//! dates it was added, last changed and (if so) terminated, and its action; two characters look
//! up a modifier.

use super::hcpcs::{HcpcsCode, HcpcsSet};
use super::kind::System;
use super::library::{BookHit, CodeSystem, Page};
use super::model::CodeCheck;
use super::textmatch::{WordList, lazy};

pub struct HcpcsBook {
    release: String,
    set: HcpcsSet,
    /// Built on the first word search.
    words: std::sync::OnceLock<WordList>,
}

impl HcpcsBook {
    /// The long descriptions' word list (see [`lazy`]).
    fn words(&self, build: bool) -> Option<&WordList> {
        lazy(&self.words, build, || {
            WordList::new(self.set.codes.iter().map(|c| c.long.as_str()))
        })
    }

    pub fn new(release: String, set: HcpcsSet) -> HcpcsBook {
        HcpcsBook {
            release,
            set,
            words: std::sync::OnceLock::new(),
        }
    }

    fn hit(&self, c: &HcpcsCode, matched: &'static str) -> BookHit {
        BookHit {
            system: System::Hcpcs,
            release: self.release.clone(),
            code: c.code.clone(),
            title: c.long.clone(),
            billable: c.is_active() && c.code.len() == 5,
            matched,
            via: None,
        }
    }
}

fn action(a: &str) -> &'static str {
    match a {
        "A" => "added",
        "B" => "administrative data and long description changed",
        "C" => "long description changed",
        "D" => "discontinued",
        "F" => "administrative data changed",
        "N" => "no change",
        "P" => "payment change",
        "R" => "reactivated",
        "S" => "short description changed",
        "T" => "miscellaneous change",
        _ => "",
    }
}

impl CodeSystem for HcpcsBook {
    fn system(&self) -> System {
        System::Hcpcs
    }

    fn release(&self) -> &str {
        &self.release
    }

    fn check(&self, code: &str) -> CodeCheck {
        match self.set.lookup(code) {
            Some(c) if c.code.len() == 5 && c.is_active() => CodeCheck::Billable,
            _ => CodeCheck::Unknown,
        }
    }

    fn title(&self, code: &str) -> Option<String> {
        self.set
            .lookup(code)
            .filter(|c| c.code.len() == 5)
            .map(|c| c.long.clone())
    }

    fn page(&self, code: &str) -> Option<Page> {
        let c = self.set.lookup(code)?;
        let modifier = c.code.len() == 2;
        let mut lines = vec![
            format!("{}  {}", c.code, c.long),
            format!("Short: {}", c.short),
        ];
        lines.push(if modifier {
            "HCPCS Level II modifier.".to_string()
        } else if c.is_active() {
            "Active HCPCS Level II code.".to_string()
        } else {
            format!(
                "Terminated {}: not reportable after that date.",
                c.terminated
            )
        });
        let mut dates = Vec::new();
        if !c.added.is_empty() {
            dates.push(format!("added {}", c.added));
        }
        if !c.effective.is_empty() {
            dates.push(format!("action effective {}", c.effective));
        }
        if !c.terminated.is_empty() {
            dates.push(format!("terminated {}", c.terminated));
        }
        if !dates.is_empty() {
            lines.push(format!("Dates: {}", dates.join(", ")));
        }
        let act = action(&c.action);
        if !act.is_empty() {
            lines.push(format!("Action this release: {} ({act})", c.action));
        }
        if !modifier {
            lines.push(
                "Modifiers: look one up by its two characters (e.g. RT, LT, 59 is CPT).".into(),
            );
        }
        Some(Page {
            system: System::Hcpcs,
            release: self.release.clone(),
            code: c.code.clone(),
            title: c.long.clone(),
            billable: !modifier && c.is_active(),
            lines,
            detail: serde_json::json!({
                "long_description": c.long,
                "short_description": c.short,
                "added": c.added,
                "action_effective": c.effective,
                "terminated": c.terminated,
                "action": c.action,
                "action_meaning": act,
                "modifier": modifier,
                "modifiers_available": self.set.modifiers.len(),
            }),
        })
    }

    fn prepare(&self) {
        self.words(true);
    }

    fn ready(&self) -> bool {
        self.words.get().is_some()
    }

    fn search_in(&self, query: &str, limit: usize, build: bool) -> Vec<BookHit> {
        let q = query.trim().to_ascii_uppercase();
        let b = q.as_bytes();
        let mut out = Vec::new();
        let code_like = (1..=5).contains(&b.len())
            && b[0].is_ascii_uppercase()
            && b.len() >= 2
            && b[1..].iter().all(u8::is_ascii_digit);
        if code_like {
            let lo = self
                .set
                .codes
                .partition_point(|c| c.code.as_str() < q.as_str());
            for c in self.set.codes[lo..]
                .iter()
                .take_while(|c| c.code.starts_with(&q))
            {
                if out.len() >= limit {
                    break;
                }
                out.push(self.hit(c, if c.code == q { "exact" } else { "code-prefix" }));
            }
            return out;
        }
        if b.len() == 2
            && let Some(m) = self.set.lookup(&q)
        {
            out.push(self.hit(m, "exact"));
        }
        if let Some(words) = self.words(build) {
            for (_, i) in words.search(query, limit) {
                out.push(self.hit(&self.set.codes[i], "words"));
            }
        }
        out.truncate(limit);
        out
    }

    fn all_titles(&self) -> Vec<(String, String)> {
        self.set
            .codes
            .iter()
            .filter(|c| c.is_active())
            .map(|c| (c.code.clone(), c.long.clone()))
            .collect()
    }
}
