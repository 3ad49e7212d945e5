//! `proctor completions SHELL` and `proctor man`: generated from the clap definition, so they
//! never drift from the real options.

use super::{Cli, EXIT_OK};
use clap::CommandFactory;

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "proctor", &mut std::io::stdout());
    Ok(EXIT_OK)
}

pub fn man() -> anyhow::Result<u8> {
    let cmd = Cli::command();
    clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
    Ok(EXIT_OK)
}
