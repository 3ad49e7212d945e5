//! `proctor sync [--lrs URL] [--dry-run] [--json]`: sends the attempts the LRS does not have yet
//! (docs/xapi.md); `proctor sync --configure` saves the LRS settings. Nothing is sent unless an
//! endpoint and a learner identity are configured; an LRS that cannot be reached loses nothing.

use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::store::history::History;
use crate::xapi::client::redact;
use crate::xapi::ledger::Ledger;
use crate::xapi::sync::{outgoing, send};
use crate::xapi::{Learner, Lrs, Settings};
use std::io::BufRead;

pub struct Configure {
    pub user: Option<String>,
    pub learner: Option<String>,
    pub password_stdin: bool,
}

fn env(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

pub fn configure(ctx: &Context, lrs: Option<String>, c: Configure) -> anyhow::Result<u8> {
    let old = Settings::load(ctx.data.root()).map_err(anyhow::Error::msg)?;
    let password = if c.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Some(line.trim_end_matches(['\r', '\n']).to_string())
    } else {
        env("PROCTOR_LRS_PASSWORD").or(old.password)
    };
    if let Some(l) = &c.learner
        && let Err(why) = Learner::parse(l)
    {
        eprintln!("proctor: {why}");
        return Ok(EXIT_USAGE);
    }
    let new = Settings {
        schema: crate::xapi::settings::SCHEMA,
        endpoint: lrs.or(old.endpoint),
        user: c.user.or(old.user),
        password,
        learner: c.learner.or(old.learner),
    };
    if let Some(ep) = &new.endpoint
        && let Err(e) = Lrs::new(ep, None, None)
    {
        eprintln!("proctor: {e}");
        return Ok(EXIT_USAGE);
    }
    let path = new.save(ctx.data.root())?;
    println!(
        "Saved {} (readable by you only): LRS {}, learner {}, user {}, password {}.",
        path.display(),
        new.endpoint.as_deref().map_or("not set".into(), redact),
        new.learner.as_deref().unwrap_or("not set"),
        new.user.as_deref().unwrap_or("not set"),
        if new.password.is_some() {
            "set"
        } else {
            "not set"
        }
    );
    Ok(EXIT_OK)
}

pub fn run(ctx: &Context, lrs: Option<String>, dry_run: bool, json: bool) -> anyhow::Result<u8> {
    let root = ctx.data.root();
    let settings = Settings::load(root)
        .map_err(anyhow::Error::msg)?
        .resolve(env, lrs);
    let Some(endpoint) = settings.endpoint.clone() else {
        eprintln!(
            "proctor: no LRS is configured, so nothing was sent. Set PROCTOR_LRS_URL and PROCTOR_LEARNER, pass --lrs URL, or run `proctor sync --configure --lrs URL --learner mailto:you@example.org` (docs/xapi.md)"
        );
        return Ok(EXIT_USAGE);
    };
    let Some(learner) = settings.learner.as_deref() else {
        eprintln!(
            "proctor: who are you to the LRS? Set PROCTOR_LEARNER (mailto:you@example.org or https://your-school-system#account) or `proctor sync --configure --learner …`; nothing was sent"
        );
        return Ok(EXIT_USAGE);
    };
    let learner = match Learner::parse(learner) {
        Ok(l) => l,
        Err(why) => {
            eprintln!("proctor: {why}");
            return Ok(EXIT_USAGE);
        }
    };
    let Some(client) = lrs_client(&endpoint, &settings) else {
        return Ok(EXIT_USAGE);
    };
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let loaded = History::new(root).load(&stamp)?;
    for p in &loaded.problems {
        eprintln!("proctor: {p}");
    }
    let (catalog, _) = ctx.load();
    let (mut ledger, problem) = Ledger::load(root, &stamp)?;
    if let Some(p) = problem {
        eprintln!("proctor: {p}");
    }
    let out = outgoing(
        &loaded.records,
        &learner,
        |bp| catalog.blueprint(bp).map(|b| b.passing.percent),
        &ledger,
        &endpoint,
    );
    let shown = redact(&endpoint);
    let mut report = serde_json::json!({
        "lrs": shown,
        "learner": learner.key(),
        "attempts": loaded.records.len(),
        "statements": out.total,
        "already_sent": out.total - out.pending.len(),
        "pending": out.pending.len(),
        "sent": 0,
        "batches": 0,
        "dry_run": dry_run,
    });
    if dry_run || out.pending.is_empty() {
        if json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else if out.pending.is_empty() {
            println!("{shown} is up to date: {} statements, all sent.", out.total);
        } else {
            println!(
                "Dry run: {} of {} statements would go to {shown} as {} ({} already sent).",
                out.pending.len(),
                out.total,
                learner.key(),
                out.total - out.pending.len()
            );
        }
        return Ok(EXIT_OK);
    }
    let (sent, result) = send(&client, &mut ledger, root, &endpoint, &out.pending);
    let left = out.pending.len() - sent.sent;
    report["sent"] = sent.sent.into();
    report["batches"] = sent.batches.into();
    report["pending"] = left.into();
    if let Err(e) = &result {
        report["error"] = e.to_string().into();
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "Sent {} statements to {shown} as {} in {} batches; {left} left.",
            sent.sent,
            learner.key(),
            sent.batches
        );
    }
    match result {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            eprintln!(
                "proctor: {e}. Nothing is lost: {left} statements wait in your history for the next `proctor sync`."
            );
            Ok(EXIT_FAILURE)
        }
    }
}

/// The LRS client for `endpoint` with the configured account, or `None` after saying why (a usage
/// error: the endpoint or the credentials as configured cannot be used).
pub(super) fn lrs_client(endpoint: &str, settings: &Settings) -> Option<Lrs> {
    match Lrs::new(
        endpoint,
        settings.user.as_deref(),
        settings.password.as_deref(),
    ) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("proctor: {e}");
            None
        }
    }
}
