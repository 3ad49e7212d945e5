//! The only code that touches the terminal and the disk on the app's behalf: it turns terminal
//! events and signals into messages, runs `update`, carries out the effects, and draws.
//!
//! Nothing is lost silently: a failed save is shown and retried on every tick, leaving while
//! something is not on disk needs a second request (and then exits 1, saying what was not saved),
//! and SIGTERM, SIGHUP, SIGINT and SIGQUIT save, restore the terminal and exit.

use super::app::{App, Effect, Msg};
use super::update::update;
use super::view::view;
use crate::exam::{Clock, SystemClock};
use crossterm::cursor::Show;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use crate::store::Stores;
pub use crate::store::stores::Unsaved;

/// How often the screen (and the timer) refreshes when no key is pressed.
pub const TICK: Duration = Duration::from_millis(250);

/// The signals that end proctor (a closed terminal window, a logout, `kill`, Ctrl-\\).
#[cfg(unix)]
pub const SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// How the app ended: the exit code, and what to print once the terminal is restored.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub code: u8,
    pub message: Option<String>,
}

/// Restores the terminal however the app ends: normal return, error, signal or panic (ratatui's
/// hook restores raw mode and the screen; ours also turns mouse capture off and shows the cursor).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
        let _ = ratatui::try_restore();
    }
}

/// Registers the ending signals: the first sets the returned flag to the signal number, which the
/// event loop handles within a tick (save, restore the terminal, exit 128 + signal). If the loop
/// cannot get to it within [`SIGNAL_GRACE`] (a hung-up terminal keeps crossterm reading forever),
/// a watcher restores what it can and exits anyway: every action was already saved when it was
/// made. A second signal ends the process at once.
#[cfg(unix)]
pub fn watch_signals() -> std::io::Result<Arc<AtomicUsize>> {
    let flag = Arc::new(AtomicUsize::new(0));
    for sig in SIGNALS {
        let seen = Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, seen.clone())?;
        signal_hook::flag::register(sig, seen)?;
    }
    let mut signals = signal_hook::iterator::Signals::new(SIGNALS)?;
    let seen = flag.clone();
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            seen.store(sig as usize, Ordering::SeqCst);
            std::thread::sleep(SIGNAL_GRACE);
            let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
            let _ = ratatui::try_restore();
            eprintln!("proctor: ended by signal {sig}; everything up to the last action was saved");
            std::process::exit(128 + sig);
        }
    });
    Ok(flag)
}

/// How long the event loop has to handle an ending signal before the watcher ends the process.
pub const SIGNAL_GRACE: Duration = Duration::from_secs(2);

#[cfg(not(unix))]
pub fn watch_signals() -> std::io::Result<Arc<AtomicUsize>> {
    Ok(Arc::new(AtomicUsize::new(0)))
}

pub fn run(app: App, stores: &Stores, signals: &AtomicUsize) -> anyhow::Result<Outcome> {
    run_with(app, stores, signals, |_| None)
}

/// As [`run`], asking `more` once a tick for a message from outside the terminal (a previewed
/// file read again after it changed).
pub fn run_with(
    mut app: App,
    stores: &Stores,
    signals: &AtomicUsize,
    mut more: impl FnMut(&App) -> Option<Msg>,
) -> anyhow::Result<Outcome> {
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
        previous(info);
    }));
    execute!(std::io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    app.size = (size.width, size.height);

    let clock = SystemClock::default();
    let mut last = clock.monotonic();
    // Banks the start left undecoded are decoded once the first frame is drawn, while the
    // candidate reads the home screen.
    let mut prefetch = app.catalog.prefetch();
    loop {
        if let Some(out) = on_signal(&mut app, stores, signals) {
            return Ok(out);
        }
        terminal.draw(|f| view(&app, f))?;
        if let Some(work) = prefetch.take() {
            std::thread::spawn(work);
        }
        let mut msgs = Vec::new();
        if poll(TICK)? {
            msgs.push(event::read()?);
            // Take whatever else is already waiting, so bursts (paste, resize) are handled at once.
            while msgs.len() < 64 && poll(Duration::ZERO)? {
                msgs.push(event::read()?);
            }
        }
        let now = clock.monotonic();
        let effects = update(&mut app, Msg::Tick(now - last, clock.wall()));
        last = now;
        apply(&mut app, stores, effects);
        retry(&mut app, stores);
        if let Some(msg) = more(&app) {
            let effects = update(&mut app, msg);
            apply(&mut app, stores, effects);
        }
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
            return Ok(leave(&app, stores));
        }
    }
}

/// A signal interrupts `poll`; that is not an error, the loop checks the flag next.
fn poll(t: Duration) -> std::io::Result<bool> {
    match event::poll(t) {
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(false),
        other => other,
    }
}

/// If an ending signal arrived: save what is on screen and say how to leave (the guard restores
/// the terminal as `run` returns).
pub fn on_signal(app: &mut App, stores: &Stores, signals: &AtomicUsize) -> Option<Outcome> {
    let sig = signals.load(Ordering::SeqCst);
    if sig == 0 {
        return None;
    }
    apply(app, stores, vec![Effect::SaveProgress]);
    retry(app, stores);
    let mut out = leave(app, stores);
    out.code = 128u8.saturating_add(sig as u8);
    Some(out)
}

/// The exit code and closing message: 0, or 1 with exactly what is not on disk.
pub fn leave(app: &App, stores: &Stores) -> Outcome {
    match stores.unsaved.lock().unwrap().as_ref() {
        None => Outcome::default(),
        Some(u) => Outcome {
            code: 1,
            message: Some(format!(
                "not saved: {} ({})",
                describe_unsaved(app, stores, u),
                u.error
            )),
        },
    }
}

fn describe_unsaved(app: &App, stores: &Stores, u: &Unsaved) -> String {
    if let Some(a) = &u.lost {
        return format!(
            "{} ({} of {} answered): neither its history record nor the autosave could be written",
            crate::store::recover::describe(a),
            a.answered_count(),
            a.form.items.len()
        );
    }
    let since = u.last_good.map_or("it started".to_string(), |t| {
        t.format("the last good save at %H:%M:%S UTC").to_string()
    });
    match app.exam() {
        Some(ex) => format!(
            "the changes to your {} exam since {since} (now question {} of {}, {} answered); {} holds the exam as it was then",
            ex.attempt.form.blueprint,
            ex.attempt.current + 1,
            ex.attempt.form.items.len(),
            ex.attempt.answered_count(),
            stores.autosave.path().display()
        ),
        None => format!("the changes since {since}"),
    }
}

/// While something is not on disk, try again (every tick): save the exam on screen, record a
/// finished attempt that could not be kept.
fn retry(app: &mut App, stores: &Stores) {
    let lost = match stores.unsaved.lock().unwrap().as_ref() {
        None => return,
        Some(u) => u.lost.clone(),
    };
    let fixed = match lost {
        Some(a) => stores.record(&a, &app.catalog).is_ok(),
        None => match app.exam() {
            Some(ex) => stores.save_progress(&ex.attempt, &app.catalog).is_ok(),
            None => false,
        },
    };
    if fixed {
        *stores.unsaved.lock().unwrap() = None;
        app.notice = Some("Saved: everything is on disk again.".into());
    }
}

/// Carries out effects in order. A failed write is shown, never silently dropped; the exam goes on.
pub fn apply(app: &mut App, stores: &Stores, effects: Vec<Effect>) {
    for fx in effects {
        match fx {
            Effect::SaveProgress => {
                let Some(a) = app.unfinished() else {
                    continue;
                };
                match stores.save_progress(a, &app.catalog) {
                    Ok(()) => {
                        let mut u = stores.unsaved.lock().unwrap();
                        if u.as_ref().is_some_and(|u| u.lost.is_none()) {
                            *u = None;
                            app.notice = Some("Saved: everything is on disk again.".into());
                        }
                        drop(u);
                        stores.note_good_save(app.now);
                    }
                    Err(e) => {
                        app.notice = Some(format!(
                            "Could not save progress: {e}. proctor keeps trying; your latest changes are not on disk yet."
                        ));
                        stores.note_failure(e.to_string(), None);
                    }
                }
            }
            Effect::Record(a) => {
                let recorded = stores.record(&a, &app.catalog);
                if recorded.is_ok() {
                    // The finished attempt is in history: earlier failed saves of it no longer matter.
                    let mut u = stores.unsaved.lock().unwrap();
                    if u.as_ref().is_some_and(|u| u.lost.is_none()) {
                        *u = None;
                    }
                }
                if let Err(nr) = recorded {
                    let what = crate::store::recover::describe(&a);
                    match nr.kept {
                        Ok(()) => {
                            app.notice = Some(format!(
                                "{what} could not be written to history ({}). It is kept in {} and will be recorded the next time proctor starts.",
                                nr.history,
                                stores.autosave.path().display()
                            ))
                        }
                        Err(k) => {
                            app.notice = Some(format!(
                                "{what} is NOT saved: history could not be written ({}) nor the autosave ({k}). proctor keeps trying; leaving now would lose it.",
                                nr.history
                            ));
                            stores.note_failure(format!("{}; {k}", nr.history), Some(a));
                        }
                    }
                }
            }
            Effect::Quit => {
                retry(app, stores);
                let mut u = stores.unsaved.lock().unwrap();
                if let Some(u) = u.as_mut()
                    && !u.warned
                {
                    u.warned = true;
                    app.quit = false;
                    app.notice = Some(format!(
                        "Not saved: {} ({}). Leave again to go anyway (proctor exits with status 1), or free the disk and carry on.",
                        describe_unsaved(app, stores, u),
                        u.error
                    ));
                    continue;
                }
                app.quit = true;
            }
        }
    }
    for n in stores.take_notices() {
        app.notice = Some(n);
    }
}
