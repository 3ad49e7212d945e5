//! `proctor preview FILE [--watch]`.

use super::{Context, EXIT_FAILURE};
use std::path::Path;

pub fn run(_ctx: &Context, _file: &Path, _watch: bool) -> anyhow::Result<u8> {
    eprintln!("proctor: preview is not built yet");
    Ok(EXIT_FAILURE)
}
