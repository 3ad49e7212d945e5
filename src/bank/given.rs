//! Files an author names (`proctor validate FILE`, `proctor preview FILE`), loaded against the
//! shipped blueprints and banks. A given file at a shipped file's path (an author working on their
//! copy of a shipped bank from the project folder) is that bank as edited: it replaces the built-in
//! copy, whose findings would otherwise be reported under the same path as if they were the edited
//! file's.

use super::catalog::{Catalog, LoadReport};
use super::diagnostic::{Diagnostic, Pos};
use super::source::SourceFile;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Every file loaded (shipped first, then the given ones), the paths of the given ones as they
/// appear in findings, and the catalog and findings of the given files only.
pub struct Given {
    pub files: Vec<SourceFile>,
    pub given: HashSet<String>,
    pub catalog: Catalog,
    pub report: LoadReport,
}

/// A path without `.` components, so `./question-banks/X.yaml` and `question-banks/X.yaml`
/// compare equal.
fn normal(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// Loads `paths` (files or folders) with the shipped files, running the authoring checks
/// (`check_codes`: cited codes against the installed code sets, readability).
pub fn load_given(paths: &[PathBuf], check_codes: bool) -> Given {
    let mut read_errors = Vec::new();
    let mut files = SourceFile::shipped_files();
    let shipped = files.len();
    for p in paths {
        if p.exists() {
            files.extend(SourceFile::from_path(p, &mut read_errors));
        } else {
            read_errors.push(Diagnostic::error(
                &p.display().to_string(),
                Pos::START,
                "no such file or folder",
            ));
        }
    }
    let mut given_files = files.split_off(shipped);
    let given_paths: Vec<PathBuf> = given_files.iter().map(|f| normal(&f.path)).collect();
    files.retain(|f| !given_paths.contains(&normal(&f.path)));
    let shipped = files.len();
    files.append(&mut given_files);
    let (catalog, mut report) = Catalog::load_with(&files, true, check_codes);
    report.files = files.len() - shipped;
    // The shipped files are loaded only to check the given ones against them: their own findings
    // are not the author's to fix here (`proctor validate` with no path shows them), and depend on
    // the code sets this user installed as much as on the files.
    let given: HashSet<String> = files[shipped..].iter().map(|f| f.path.clone()).collect();
    report.diagnostics.retain(|d| given.contains(&d.path));
    read_errors.append(&mut report.diagnostics);
    report.diagnostics = read_errors;
    Given {
        files,
        given,
        catalog,
        report,
    }
}
