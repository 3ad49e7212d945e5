//! The code systems proctor's book holds, and the kinds of official file that feed them.

use serde::{Deserialize, Serialize};

/// A code system: what a code belongs to, whichever file brought it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    /// ICD-10-CM diagnoses (tabular built in; index and tables imported).
    Cm,
    /// ICD-10-PCS inpatient procedures.
    Pcs,
    /// HCPCS Level II.
    Hcpcs,
}

impl System {
    pub const ALL: [System; 3] = [System::Cm, System::Pcs, System::Hcpcs];

    /// As typed on the command line and stored: "cm", "pcs", "hcpcs".
    pub fn id(self) -> &'static str {
        match self {
            System::Cm => "cm",
            System::Pcs => "pcs",
            System::Hcpcs => "hcpcs",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            System::Cm => "ICD-10-CM",
            System::Pcs => "ICD-10-PCS",
            System::Hcpcs => "HCPCS Level II",
        }
    }

    pub fn parse(s: &str) -> Option<System> {
        System::ALL
            .into_iter()
            .find(|x| x.id().eq_ignore_ascii_case(s.trim()))
    }
}

/// What an official file is, told from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    PcsTables,
    PcsDefinitions,
    PcsIndex,
    Hcpcs,
    CmIndex,
    CmExternalCauseIndex,
    CmDrugTable,
    CmNeoplasmTable,
    /// The ICD-10-CM tabular list of another year than the built-in one.
    CmTabular,
}

impl FileKind {
    pub fn system(self) -> System {
        match self {
            FileKind::PcsTables | FileKind::PcsDefinitions | FileKind::PcsIndex => System::Pcs,
            FileKind::Hcpcs => System::Hcpcs,
            _ => System::Cm,
        }
    }

    /// Used in file names and JSON: "pcs-tables".
    pub fn id(self) -> &'static str {
        match self {
            FileKind::PcsTables => "pcs-tables",
            FileKind::PcsDefinitions => "pcs-definitions",
            FileKind::PcsIndex => "pcs-index",
            FileKind::Hcpcs => "hcpcs",
            FileKind::CmIndex => "cm-index",
            FileKind::CmExternalCauseIndex => "cm-external-cause-index",
            FileKind::CmDrugTable => "cm-drug-table",
            FileKind::CmNeoplasmTable => "cm-neoplasm-table",
            FileKind::CmTabular => "cm-tabular",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            FileKind::PcsTables => "ICD-10-PCS tables",
            FileKind::PcsDefinitions => "ICD-10-PCS definitions",
            FileKind::PcsIndex => "ICD-10-PCS index",
            FileKind::Hcpcs => "HCPCS Level II alpha-numeric file",
            FileKind::CmIndex => "ICD-10-CM Index to Diseases and Injuries",
            FileKind::CmExternalCauseIndex => "ICD-10-CM External Cause Index",
            FileKind::CmDrugTable => "ICD-10-CM Table of Drugs and Chemicals",
            FileKind::CmNeoplasmTable => "ICD-10-CM Neoplasm Table",
            FileKind::CmTabular => "ICD-10-CM Tabular List",
        }
    }

    pub fn is_index(self) -> bool {
        !matches!(
            self,
            FileKind::PcsTables | FileKind::PcsDefinitions | FileKind::Hcpcs | FileKind::CmTabular
        )
    }
}
