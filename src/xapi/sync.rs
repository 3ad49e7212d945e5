//! What a sync sends and how: every record's statements, less those the ledger says this LRS
//! already holds, in batches; the ledger is saved after each accepted batch, so an interrupted
//! or failed sync loses nothing and the next one resumes after the last accepted batch.

use super::client::{Lrs, LrsError};
use super::ids::Learner;
use super::ledger::Ledger;
use super::statements::statements;
use crate::store::StoreError;
use crate::store::history::Record;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use thiserror::Error;

/// Statements per POST: small enough for any LRS's request limit, large enough to be quick.
pub const BATCH: usize = 100;

/// The statements history yields and which of them the LRS still lacks.
pub struct Outgoing {
    pub total: usize,
    pub pending: Vec<Value>,
}

/// Every statement of `records` for `learner`, less those in the ledger for `endpoint`.
/// `pass_percent` gives a blueprint's pass mark when the banks know it.
pub fn outgoing(
    records: &[Record],
    learner: &Learner,
    pass_percent: impl Fn(&str) -> Option<f64>,
    ledger: &Ledger,
    endpoint: &str,
) -> Outgoing {
    let mut total = 0;
    let mut pending = Vec::new();
    for r in records {
        for s in statements(r, learner, pass_percent(&r.blueprint)) {
            total += 1;
            let id = s["id"].as_str().unwrap_or_default();
            if !ledger.has(endpoint, id) {
                pending.push(s);
            }
        }
    }
    Outgoing { total, pending }
}

#[derive(Debug, Error)]
pub enum SyncError {
    #[error("{0}")]
    Lrs(#[from] LrsError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, Serialize)]
pub struct Sent {
    pub sent: usize,
    pub batches: usize,
}

/// Sends `pending` in batches, recording each accepted batch in the ledger on disk before the
/// next. On an error, what was accepted so far stays recorded and the rest waits.
pub fn send(
    lrs: &Lrs,
    ledger: &mut Ledger,
    data_dir: &Path,
    endpoint: &str,
    pending: &[Value],
) -> (Sent, Result<(), SyncError>) {
    let mut done = Sent {
        sent: 0,
        batches: 0,
    };
    for batch in pending.chunks(BATCH) {
        if let Err(e) = lrs.post(batch) {
            return (done, Err(e.into()));
        }
        ledger.add(
            endpoint,
            batch.iter().map(|s| s["id"].as_str().unwrap_or_default()),
        );
        if let Err(e) = ledger.save(data_dir) {
            // Accepted but not recorded: the next sync sends it again, which the LRS ignores.
            return (done, Err(e.into()));
        }
        done.sent += batch.len();
        done.batches += 1;
    }
    (done, Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_removes_what_was_sent_and_a_down_lrs_keeps_the_rest() {
        let d = tempfile::tempdir().unwrap();
        let ana = Learner::parse("mailto:ana@example.org").unwrap();
        let records = vec![crate::xapi::statements::tests_support::record()];
        let mut ledger = Ledger::new();
        let ep = "http://127.0.0.1:1/xAPI";
        let out = outgoing(&records, &ana, |_| Some(70.0), &ledger, ep);
        assert_eq!(out.total, 5);
        assert_eq!(out.pending.len(), 5);
        let lrs = Lrs::new(ep, None, None).unwrap();
        let (sent, res) = send(&lrs, &mut ledger, d.path(), ep, &out.pending);
        assert!(matches!(
            res,
            Err(SyncError::Lrs(LrsError::Unreachable { .. }))
        ));
        assert_eq!(sent.sent, 0);
        ledger.add(
            ep,
            out.pending[..2].iter().map(|s| s["id"].as_str().unwrap()),
        );
        let again = outgoing(&records, &ana, |_| Some(70.0), &ledger, ep);
        assert_eq!(again.pending.len(), 3);
        assert_eq!(again.pending[0], out.pending[2]);
    }
}
