//! Where the user's data lives, and how it is written so that nothing is ever lost: versioned
//! schemas, atomic writes, one process at a time, and files it cannot read moved aside, never
//! overwritten.

pub mod atomic;
pub mod autosave;
pub mod disk;
pub mod guard;
pub mod history;
pub mod lock;
pub mod paths;
pub mod plan;
pub mod read;
pub mod recover;
pub mod stores;

pub use stores::Stores;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "another proctor is using the data folder {path} (lock held{holder}); finish there first, or use --data-dir"
    )]
    Locked { path: String, holder: String },
    #[error("{path}: {what}")]
    Encode { path: String, what: String },
    #[error(
        "{path} holds another attempt ({id}) that is not in history yet; it is kept until it is recorded"
    )]
    Occupied { path: String, id: String },
    #[error(
        "the data folder {path} was deleted or moved while proctor was running; {}",
        if *again { "it has been created again, empty, and saving goes on there" } else { "it could not be created again, so nothing can be saved until it is back" }
    )]
    Vanished { path: String, again: bool },
}

pub(crate) fn io_err(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}
