//! The data directory: `--data-dir`, else `PROCTOR_DATA_DIR`, else the platform's data folder.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// `explicit` comes from `--data-dir` or `PROCTOR_DATA_DIR` (clap reads both).
    pub fn resolve(explicit: Option<PathBuf>) -> anyhow::Result<DataDir> {
        let root = match explicit {
            Some(p) => p,
            None => directories::ProjectDirs::from("", "", "proctor")
                .map(|d| d.data_dir().to_path_buf())
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "cannot find a home folder for proctor's data: pass --data-dir DIR"
                    )
                })?,
        };
        Ok(DataDir { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The user's own banks and blueprints.
    pub fn banks(&self) -> PathBuf {
        self.root.join("banks")
    }
}
