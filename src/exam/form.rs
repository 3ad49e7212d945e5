//! One concrete exam form: which questions, in which order, with which choice order and timing.
//! Everything needed to show it again after a restart, so it is saved with the attempt.

use crate::bank::ChoiceKey;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub blueprint: String,
    pub exam: String,
    pub seed: u64,
    pub items: Vec<FormItem>,
    /// Timed parts in order; an untimed or practice form has one section without a limit.
    pub sections: Vec<FormSection>,
    /// Practice mode: rationale after each answer, no time limit.
    pub tutor: bool,
    /// A drill (practice chosen for weak topics); missed questions come back later in it.
    #[serde(default)]
    pub drill: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormItem {
    pub question: String,
    /// Bank keys in the order shown: position 0 is displayed as "A".
    pub order: Vec<ChoiceKey>,
    /// An unscored pretest item (the blueprint's `pretest`): sat like any other, left out of the
    /// score, and named only in the results and review.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pretest: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSection {
    pub name: String,
    /// Index of the first item and number of items.
    pub start: usize,
    pub len: usize,
    /// `None`: untimed.
    pub seconds: Option<u64>,
}

impl FormItem {
    /// An item showing the question's options in the bank's order: a reopened record from before
    /// history kept the order seen.
    pub fn in_bank_order(catalog: &crate::bank::Catalog, id: &str) -> FormItem {
        FormItem {
            question: id.to_string(),
            order: catalog
                .question(id)
                .map(|q| q.choices.keys().copied().collect())
                .unwrap_or_default(),
            pretest: false,
        }
    }

    /// An item with the options shuffled, as on every form, unless the question says
    /// `shuffle: false` (options such as "all of the above" that must stay last).
    pub fn shuffled(q: &crate::bank::Question, rng: &mut impl rand::Rng) -> FormItem {
        use rand::seq::SliceRandom;
        let mut order: Vec<ChoiceKey> = q.choices.keys().copied().collect();
        if q.shuffle {
            order.shuffle(rng);
        }
        FormItem {
            question: q.id.clone(),
            order,
            pretest: false,
        }
    }

    /// The bank key shown at screen position `pos`.
    pub fn key_at(&self, pos: usize) -> Option<ChoiceKey> {
        self.order.get(pos).copied()
    }

    /// The screen position of a bank key.
    pub fn position_of(&self, key: ChoiceKey) -> Option<usize> {
        self.order.iter().position(|k| *k == key)
    }
}

impl Form {
    /// How history names this kind of sitting.
    pub fn mode(&self) -> &'static str {
        if self.drill {
            "drill"
        } else if self.tutor {
            "practice"
        } else {
            "exam"
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn section_of(&self, item: usize) -> usize {
        self.sections
            .iter()
            .position(|s| item >= s.start && item < s.start + s.len)
            .unwrap_or(0)
    }

    pub fn total_seconds(&self) -> Option<u64> {
        self.sections.iter().map(|s| s.seconds).sum()
    }
}
