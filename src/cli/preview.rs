//! `proctor preview FILE [--watch]`: the author's bank file sat in practice, findings in the app.
//! The session runs on a data folder of its own that is removed afterwards: a preview never
//! reaches the author's history, stats or autosave.

use super::{Context, EXIT_FAILURE, EXIT_USAGE};
use crate::authoring::preview::load;
use crate::authoring::watch::FileWatch;
use crate::bank::Catalog;
use crate::tui::app::Msg;
use crate::tui::runtime::{Stores, apply, run_with};
use crate::tui::{App, Theme};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(ctx: &Context, file: &Path, watch: bool) -> anyhow::Result<u8> {
    if file.is_dir() {
        eprintln!(
            "proctor: {} is a folder; preview takes one bank file",
            file.display()
        );
        return Ok(EXIT_USAGE);
    }
    if !file.exists() && !watch {
        eprintln!("proctor: {}: no such file", file.display());
        return Ok(EXIT_FAILURE);
    }
    let today = ctx.today();
    // Watching starts before the first reading, so a save made while it is read is not missed.
    let watcher = if watch {
        Some(
            FileWatch::new(file)
                .map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", file.display()))?,
        )
    } else {
        None
    };
    let first = load(file, today);
    if let Some(why) = first.unusable()
        && !watch
    {
        for d in &first.findings {
            eprintln!("{d}");
        }
        eprintln!(
            "proctor: nothing to preview in {}: {why} (--watch waits for a fix)",
            file.display()
        );
        return Ok(EXIT_FAILURE);
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "proctor: the preview needs a terminal; `proctor validate FILE` checks a file in scripts"
        );
        return Ok(EXIT_FAILURE);
    }
    let signals = crate::tui::runtime::watch_signals()?;
    let scratch = tempfile::Builder::new()
        .prefix("proctor-preview")
        .tempdir()?;
    let (stores, _) = Stores::open(scratch.path())?;
    let now = chrono::Utc::now();
    let seed = now.timestamp_nanos_opt().unwrap_or_default() as u64;
    let mut app = App::new(Catalog::default(), Theme::from_env(), seed);
    app.now = now;
    app.book_in_background = true;
    let fx = crate::tui::update::preview::open(&mut app, first, watch);
    apply(&mut app, &stores, fx);
    let readings = watcher.map(|w| w.on_change(move |path| load(path, today)));
    let out = run_with(app, &stores, &signals, |_| {
        let p = readings.as_ref()?.try_recv()?;
        Some(Msg::Reloaded(Box::new(p)))
    })?;
    if let Some(m) = out.message {
        eprintln!("proctor: {m}");
    }
    Ok(out.code)
}
