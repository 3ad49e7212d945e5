//! Finding rationale text that names an option by its letter ("B is wrong", "option C", "answers A
//! and D"). Forms shuffle the options, so the letter a rationale names is rarely the letter the
//! candidate saw: such text must name options by their content. Letters that are part of a name
//! ("Medicare Part A", "Schedule C", "hepatitis B", "vitamin D", "Type A") are not references.

/// Words after which a capital letter names an option.
const OPTION_WORDS: &[&str] = &[
    "option",
    "options",
    "choice",
    "choices",
    "answer",
    "answers",
    "distractor",
    "distractors",
];

/// Words after which a capital letter is part of a name, not an option.
const NAME_WORDS: &[&str] = &[
    "the",
    "letter",
    "letters",
    "part",
    "parts",
    "schedule",
    "schedules",
    "hepatitis",
    "hep",
    "vitamin",
    "vitamins",
    "type",
    "types",
    "plan",
    "plans",
    "medigap",
    "appendix",
    "table",
    "category",
    "level",
    "tier",
    "group",
    "class",
    "section",
    "subpart",
    "step",
    "box",
    "item",
    "column",
    "field",
    "form",
    "exhibit",
    "list",
    "grade",
    "stage",
    "zone",
    "block",
    "unit",
    "strain",
    "influenza",
    "title",
    // ICD-10-PCS axes name their values by letter: "Device D is…", "Qualifier A is…".
    "device",
    "qualifier",
    "approach",
    "operation",
    "value",
    "chapter",
    "modifier",
    "line",
    "phase",
    "tab",
    "division",
    "team",
    "site",
    "lot",
    "character",
    "characters",
    "7th",
    "seventh",
    "extension",
    "position",
    "pointer",
    "pointers",
    "through",
    "thru",
    "to",
];

/// Verbs that make a leading letter the subject of a judgement: "B is wrong", "C describes".
const VERBS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "would",
    "could",
    "might",
    "describes",
    "describe",
    "names",
    "lists",
    "gives",
    "applies",
    "uses",
    "fails",
    "reflects",
    "confuses",
    "misses",
    "omits",
    "assumes",
    "ignores",
    "states",
    "says",
    "adds",
    "reports",
];

fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        if !c.is_whitespace() {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// A dot between two tokens of a section number ("II" "." "E"): the token before the dot is a
/// numeral or capital letters, as in "II.E" or "I.C.4".
fn text_before_is_tight(t: &[&str], i: usize) -> bool {
    i >= 2
        && t[i - 2]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

fn is_letter(t: &str) -> bool {
    matches!(t, "A" | "B" | "C" | "D" | "E" | "F")
}

fn is(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The first place `text` refers to an option by its letter, as a short quote, if any.
pub fn letter_reference(text: &str) -> Option<String> {
    let t = tokens(text);
    let at = |i: usize| t.get(i).copied().unwrap_or("");
    for i in 0..t.len() {
        if !is_letter(t[i]) {
            continue;
        }
        // The word before the letter (skipping an opening parenthesis).
        let mut before = i.checked_sub(1);
        if before.is_some_and(|b| t[b] == "(" || t[b] == ":") {
            before = before.and_then(|b| b.checked_sub(1));
        }
        let prev = before.map_or("", |b| t[b]);
        if is(prev, OPTION_WORDS) && at(i + 1) != "-" {
            let end = if at(i + 1) == ")" { i + 1 } else { i };
            return Some(quote(&t, before.unwrap_or(i), end));
        }
        // "II.E", "I.C.4": a letter right after a dot inside a section number is part of it.
        let in_number = prev == "." && text_before_is_tight(&t, i);
        if in_number || is(prev, NAME_WORDS) || prev == "and" || prev == "or" || prev == "," {
            // A later letter of a list ("A and D are") is judged from the list's first letter.
            continue;
        }
        // A list of letters, then a verb: "B is", "(C) describes", "A and D are", "B, C or E are".
        let mut j = i + 1;
        if at(j) == ")" {
            j += 1;
        }
        while matches!(at(j), "," | "and" | "or") && is_letter(at(j + 1)) {
            j += 2;
            if at(j) == ")" {
                j += 1;
            }
        }
        // "A is for active treatment" defines a code character, it does not judge an option.
        let defines = matches!(at(j + 1), "for") || matches!(at(i + 1), "-" | "/");
        if is(at(j), VERBS) && !defines {
            let from = if i > 0 && t[i - 1] == "(" { i - 1 } else { i };
            return Some(quote(&t, from, j));
        }
    }
    None
}

fn quote(t: &[&str], from: usize, to: usize) -> String {
    let mut s = String::new();
    for (k, w) in t[from..=to.min(t.len() - 1)].iter().enumerate() {
        let glue = k == 0 || matches!(*w, ")" | "," | ":") || s.ends_with('(');
        if !glue {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_naming_options_are_found() {
        for (text, found) in [
            ("B is wrong: it is a denial.", "B is"),
            ("Option C describes a rejection.", "Option C"),
            ("The key is choice (A), not the others.", "choice (A)"),
            ("Answers A and D both apply.", "Answers A"),
            ("A and D are both covered.", "A and D are"),
            ("That is why (B) confuses the two.", "(B) confuses"),
            ("B, C or E are wrong.", "B, C or E are"),
            ("Answer: B", "Answer: B"),
        ] {
            assert_eq!(letter_reference(text).as_deref(), Some(found), "{text}");
        }
    }

    #[test]
    fn letters_in_section_numbers_and_pcs_axes_are_not_references() {
        for ok in [
            "The former rule (old Section II.E) was deleted in 2014.",
            "Guideline I.C.4 is the one that applies.",
            "Device D is an intraluminal device that is not drug-eluting.",
            "Qualifier A is Uncemented; the components were cemented.",
        ] {
            assert_eq!(letter_reference(ok), None, "{ok}");
        }
        // A sentence that starts with a letter after a full stop still counts.
        assert!(letter_reference("That is the rule. B is wrong here.").is_some());
    }

    #[test]
    fn letters_in_names_are_not_references() {
        for text in [
            "Medicare Part A is hospital insurance; Parts A and B are Original Medicare.",
            "Schedule C is the sole proprietor's form.",
            "Hepatitis B is a vaccine-preventable disease; vitamin D is measured here.",
            "Type A is the first kind; Plan G is a Medigap plan.",
            "A patient is seen in the office.",
            "A claim is a request for payment; an E/M visit is billed.",
            "The level of a C-section is coded.",
            "Item 24E points to the diagnoses by letter (A-L); A codes cover ambulance transport.",
            "Category II codes (four digits and the letter F) are for quality tracking.",
            "Without placeholders the A would land in the 5th position.",
            "Pointers A through D are the visit's diagnoses; A to D are letters of item 21.",
            "7th character D is used for subsequent care; A is for active treatment.",
        ] {
            assert_eq!(letter_reference(text), None, "{text}");
        }
    }
}
