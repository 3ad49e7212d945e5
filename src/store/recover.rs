//! What start-up does with the data folder before the first frame: temporary files left by an
//! interrupted save removed, history read, and the autosave sorted out. A finished attempt waiting
//! for its history record is recorded; an attempt already in history (a crash between writing the
//! record and removing the autosave) is retired, never reopened; an unfinished one is offered.

use super::StoreError;
use super::atomic::clean_temps;
use super::autosave::Found;
use super::history::Record;
use super::stores::Stores;
use crate::bank::Catalog;
use crate::exam::Attempt;

#[derive(Debug, Default)]
pub struct Recovered {
    /// Every finished attempt, oldest first, including one recorded just now.
    pub records: Vec<Record>,
    /// The unfinished exam to offer.
    pub resume: Option<Box<Attempt>>,
    /// What the user must be told, one sentence each.
    pub notices: Vec<String>,
}

pub fn recover(stores: &Stores, catalog: &Catalog, stamp: &str) -> Result<Recovered, StoreError> {
    if !stores.read_only {
        clean_temps(&stores.root);
        clean_temps(stores.history.dir());
    }
    let loaded = stores.history.load(stamp)?;
    let mut out = Recovered {
        records: loaded.records,
        resume: None,
        notices: loaded.problems,
    };
    match stores.autosave.load(stamp)? {
        Found::Nothing => {}
        Found::MovedAside(m) | Found::Unusable(m) => out.notices.push(m),
        Found::Attempt(a) if out.records.iter().any(|r| r.is_of(&a)) => {
            // Already recorded: the autosave is a leftover and must never be reopened.
            if let Err(e) = stores.autosave.retire(&a.id) {
                out.notices.push(format!(
                    "Your {} attempt is already in history, but its autosave could not be removed ({e}); it will not be reopened.",
                    a.form.blueprint
                ));
            }
        }
        Found::Attempt(a) if a.is_finished() => {
            let what = describe(&a);
            let record = Record::from_attempt(&a, catalog);
            match stores.history.append(&record) {
                Ok(_) => {
                    let _ = stores.autosave.retire(&a.id);
                    out.records.push(record);
                    out.records
                        .sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
                    out.notices.push(format!(
                        "{what} could not be written to history last time; it is recorded now."
                    ));
                }
                Err(e) => out.notices.push(format!(
                    "{what} is still not in history ({e}); it stays in {} and proctor will try again.",
                    stores.autosave.path().display()
                )),
            }
        }
        Found::Attempt(a) => out.resume = Some(a),
    }
    Ok(out)
}

/// "Your CPB exam finished 2026-12-03 08:14 UTC".
pub fn describe(a: &Attempt) -> String {
    format!(
        "Your {} {} finished {}",
        a.form.blueprint,
        a.form.mode(),
        a.ended_at
            .unwrap_or(a.started_at)
            .format("%Y-%m-%d %H:%M UTC")
    )
}
