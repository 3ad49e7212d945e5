//! What one entry of the code book is: a code with its official description, its place in the
//! hierarchy and the tabular notes printed under it.

/// Where an entry sits in the tabular list, from the top down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// "4": Endocrine, nutritional and metabolic diseases (E00-E89).
    Chapter,
    /// A range of categories, e.g. "E08-E13" (a few have a single-category id such as "B99").
    Block,
    /// Three characters, e.g. "E11".
    Category,
    /// Four to seven characters as printed in the tabular list, e.g. "E11.65" or "S72.001".
    Subcategory,
    /// A code the tabular list does not print but defines by a 7th-character rule, e.g. "S72.001A".
    SeventhCharacter,
}

impl Kind {
    /// Chapters and blocks group codes; they are never reported on a claim.
    pub fn is_code(self) -> bool {
        self >= Kind::Category
    }
}

/// The kinds of tabular instruction, named as in the CDC XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Includes,
    /// Synonyms and conditions coded here ("inclusion terms").
    InclusionTerm,
    Excludes1,
    Excludes2,
    CodeFirst,
    UseAdditionalCode,
    CodeAlso,
    /// Free notes (definitions, instructions).
    Notes,
    /// The sentence introducing a 7th-character rule.
    SeventhCharNote,
    /// One value of a 7th-character rule. The first note for a character is its meaning (the text
    /// appended to generated descriptions); any later note for the same character is a note
    /// printed under it, e.g. "initial encounter for open fracture NOS".
    SeventhChar(char),
}

impl NoteKind {
    /// The heading a reader of the printed tabular list would expect.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Includes => "Includes",
            NoteKind::InclusionTerm => "Inclusion terms",
            NoteKind::Excludes1 => "Excludes1",
            NoteKind::Excludes2 => "Excludes2",
            NoteKind::CodeFirst => "Code first",
            NoteKind::UseAdditionalCode => "Use additional code",
            NoteKind::CodeAlso => "Code also",
            NoteKind::Notes => "Note",
            NoteKind::SeventhCharNote | NoteKind::SeventhChar(_) => "7th character",
        }
    }
}

/// Texts borrow from the unpacked file (`'t`): copying 100,000 descriptions into their own
/// strings would be most of the loading time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'t> {
    pub kind: NoteKind,
    /// CDC's text, verbatim.
    pub text: &'t str,
}

/// One entry of the code book. Built only by the loader, so its links are always valid; children
/// are a linked list (first child, next sibling) so that loading allocates nothing per entry.
#[derive(Debug, Clone)]
pub struct Code<'t> {
    pub(super) code: &'t str,
    pub(super) kind: Kind,
    pub(super) billable: bool,
    pub(super) description: &'t str,
    pub(super) notes: Vec<Note<'t>>,
    pub(super) parent: Option<u32>,
    pub(super) first_child: Option<u32>,
    pub(super) next_sibling: Option<u32>,
}

impl<'t> Code<'t> {
    /// As printed in the tabular list: "E11.65", "S72.001A", a block id "E08-E13", a chapter "4".
    pub fn code(&self) -> &'t str {
        self.code
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// True for codes valid on a claim: a code with nothing below it (never a chapter or block).
    pub fn is_billable(&self) -> bool {
        self.billable
    }

    /// CDC's description, verbatim; for 7th-character codes, the base code's description, ", ",
    /// and the meaning of the character, as in CDC's code files.
    pub fn description(&self) -> &'t str {
        self.description
    }

    /// The notes printed under this entry itself; those of its ancestors apply too.
    pub fn notes(&self) -> &[Note<'t>] {
        &self.notes
    }
}

/// What a code cited in a bank turns out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Not a code of this code set (chapters and block ranges are not codes either).
    Unknown,
    /// A real code with codes below it: valid in a lookup, not on a claim.
    Header,
    Billable,
}

/// How many entries of each kind the set holds; the generator prints the same figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub chapters: usize,
    pub blocks: usize,
    pub categories: usize,
    /// Codes below category level printed in the tabular list (not the 7th-character ones).
    pub subcategories: usize,
    pub seventh_character: usize,
    pub billable: usize,
    /// Codes (category and below) that are not billable.
    pub headers: usize,
}
