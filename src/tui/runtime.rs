//! The only code that touches the terminal and the disk on the app's behalf: it turns terminal
//! events into messages, runs `update`, carries out the effects, and draws.

use super::app::{App, Effect, Msg};
use super::update::update;
use super::view::view;
use crate::exam::{Attempt, Clock, SystemClock};
use crate::store::autosave::Autosave;
use crate::store::history::{History, Record};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use std::time::Duration;

/// How often the screen (and the timer) refreshes when no key is pressed.
pub const TICK: Duration = Duration::from_millis(250);

pub struct Stores {
    pub autosave: Autosave,
    pub history: History,
}

/// Restores the terminal however the app ends: normal return, error, or panic (ratatui's hook
/// restores raw mode and the screen; ours also turns mouse capture off).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

pub fn run(mut app: App, stores: &Stores) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    execute!(std::io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    app.size = (size.width, size.height);

    let clock = SystemClock::default();
    let mut last = clock.monotonic();
    loop {
        terminal.draw(|f| view(&app, f))?;
        let mut msgs = Vec::new();
        if event::poll(TICK)? {
            msgs.push(event::read()?);
            // Take whatever else is already waiting, so bursts (paste, resize) are handled at once.
            while msgs.len() < 64 && event::poll(Duration::ZERO)? {
                msgs.push(event::read()?);
            }
        }
        let now = clock.monotonic();
        let effects = update(&mut app, Msg::Tick(now - last, clock.wall()));
        last = now;
        apply(&mut app, stores, effects);
        for ev in msgs {
            let msg = match ev {
                Event::Key(k) => Msg::Key(k),
                Event::Mouse(m) => Msg::Mouse(m),
                Event::Resize(w, h) => Msg::Resize(w, h),
                _ => continue,
            };
            let effects = update(&mut app, msg);
            apply(&mut app, stores, effects);
            if app.quit {
                break;
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Carries out effects in order. A failed write is shown, never silently dropped; the exam goes on.
pub fn apply(app: &mut App, stores: &Stores, effects: Vec<Effect>) {
    for fx in effects {
        match fx {
            Effect::SaveProgress => {
                if let Some(a) = app.unfinished()
                    && let Err(e) = stores.autosave.save(a)
                {
                    app.notice = Some(format!("Could not save progress: {e}"));
                }
            }
            Effect::Record(a) => {
                if let Err(e) = record(app, stores, &a) {
                    app.notice = Some(format!(
                        "Could not write history: {e}. Your exam is still in the autosave file."
                    ));
                }
            }
            Effect::Quit => app.quit = true,
        }
    }
}

fn record(app: &App, stores: &Stores, a: &Attempt) -> anyhow::Result<()> {
    stores
        .history
        .append(&Record::from_attempt(a, &app.catalog))?;
    stores.autosave.clear()?;
    Ok(())
}
