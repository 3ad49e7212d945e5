//! Random-kill soak: the real binary in a pty, random keys, `kill -9` at random moments (many
//! within a few milliseconds of a key), then the data folder is checked: the autosave is always
//! readable, nothing the screen acknowledged is lost, the time kept is within a few seconds, and
//! every submitted exam is in history exactly once.
//!
//! `cargo test --test soak` runs a few kills (CI); `tools/soak.sh` runs 1,000+ (SOAK_KILLS=N,
//! SOAK_SEED=S) and prints the summary recorded in docs/reliability.md.
#![cfg(unix)]

mod common;

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(data: &Path, args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_proctor"));
        cmd.args(["--data-dir", data.to_str().unwrap(), "--bank-dir"]);
        cmd.arg(common::fixture_dir("demo"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer: pair.master.take_writer().unwrap(),
            child,
            _master: pair.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn key(&mut self, k: &str) {
        self.writer.write_all(k.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn kill9(&mut self) {
        let pid = self.child.process_id().unwrap() as i32;
        // SAFETY: kill(2) on the child we started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

/// A failed run must not leave proctor running.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// What the exam screen shows: question, answered, flagged, seconds left.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shown {
    question: usize,
    answered: usize,
    flagged: usize,
    left: u64,
}

fn shown(screen: &str) -> Option<Shown> {
    let line = screen
        .lines()
        .find(|l| l.contains("Question ") && l.contains(" answered · "))?;
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let timer = screen
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[1] == "left" && w[0].contains(':'))
        .map(|w| w[0].to_string())?;
    let t: Vec<u64> = timer.split(':').map(|x| x.parse().unwrap()).collect();
    Some(Shown {
        question: nums[0],
        answered: nums[2],
        flagged: nums[3],
        left: t[0] * 3600 + t[1] * 60 + t[2],
    })
}

/// The autosave as the next start would read it.
fn saved(data: &Path) -> Option<Shown> {
    let bytes = std::fs::read(data.join("in-progress.json")).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("autosave always readable");
    let a = &v["attempt"];
    if !a["end"].is_null() {
        return None;
    }
    let responses = a["responses"].as_array().unwrap();
    let elapsed: f64 = a["section_elapsed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .sum();
    Some(Shown {
        question: a["current"].as_u64().unwrap() as usize + 1,
        answered: responses
            .iter()
            .filter(|r| !r["selected"].as_array().unwrap().is_empty())
            .count(),
        flagged: responses.iter().filter(|r| r["flagged"] == true).count(),
        left: (20.0 * 60.0 - elapsed).max(0.0) as u64,
    })
}

fn history_ids(data: &Path) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(data.join("history")) else {
        return vec![];
    };
    let mut ids: Vec<String> = dir
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .map(|e| {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(e.path()).unwrap()).expect("readable record");
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    ids.sort();
    ids
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: enough to vary timings and keys reproducibly.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Runs `kills` sessions on one data folder; returns (kills, kills within 5 ms of a key, submits).
fn soak(kills: usize, seed: u64) -> (usize, usize, usize) {
    let data = tempfile::tempdir().unwrap();
    let mut rng = Rng(seed | 1);
    let (mut near_key, mut submits) = (0, 0);
    let mut recorded = 0;
    for round in 0..kills {
        let resuming = saved(data.path()).is_some();
        let mut s = if resuming {
            let mut s = Session::start(data.path(), &[]);
            s.wait_for("Unfinished DEMO exam");
            s.key("r");
            s
        } else {
            Session::start(data.path(), &["exam", "DEMO", "--seed", &round.to_string()])
        };
        // The exam screen's own status line ("Question 2 of 10 · ..."), not the home screen's.
        let mut acked = shown(&s.wait_for("Question ")).unwrap();
        let keys = 1 + rng.below(8);
        let mut last_key = "";
        let mut submitted = false;
        for _ in 0..keys {
            if rng.below(25) == 0 {
                s.key("s");
                s.wait_for("Submit the exam");
                s.key("y");
                s.wait_for("By domain, weakest first");
                submitted = true;
                submits += 1;
                break;
            }
            last_key = ["A", "B", "C", "D", "n", "f", "\x1b[D"][rng.below(7) as usize];
            let before = s.screen();
            s.key(last_key);
            // Half the time wait for the screen to show it; otherwise kill very soon after.
            if rng.below(2) == 0 {
                let t = Instant::now();
                while s.screen() == before && t.elapsed() < Duration::from_millis(300) {
                    std::thread::sleep(Duration::from_millis(5));
                }
                std::thread::sleep(Duration::from_millis(20 + rng.below(40)));
                if let Some(now) = shown(&s.screen()) {
                    acked = now;
                }
                last_key = "";
            } else {
                break;
            }
        }
        let delay = rng.below(6);
        if !last_key.is_empty() && delay < 5 {
            near_key += 1;
        }
        std::thread::sleep(Duration::from_millis(delay));
        s.kill9();

        if submitted {
            // The next start records it (if the kill beat the write) and never reopens it.
            recorded += 1;
            let mut s = Session::start(data.path(), &[]);
            s.wait_for("Choose an exam");
            s.kill9();
            let ids = history_ids(data.path());
            assert_eq!(ids.len(), recorded, "round {round}: {ids:?}");
            assert!(saved(data.path()).is_none(), "round {round}: reopened");
            continue;
        }
        let after = saved(data.path()).unwrap_or_else(|| panic!("round {round}: autosave lost"));
        // The saved state is the acknowledged one, or that plus the key in flight (a letter can
        // also take an answer back: select-all-that-apply questions toggle).
        let same_or_next = after.question.abs_diff(acked.question) <= 1
            && after.answered.abs_diff(acked.answered) <= 1
            && after.flagged.abs_diff(acked.flagged) <= 1;
        assert!(
            same_or_next,
            "round {round}: screen showed {acked:?}, saved {after:?} (key {last_key:?})"
        );
        if last_key.is_empty() {
            assert_eq!(
                (after.question, after.answered, after.flagged),
                (acked.question, acked.answered, acked.flagged),
                "round {round}: acknowledged state lost"
            );
        }
        assert!(
            after.left + 2 >= acked.left.saturating_sub(1) && after.left <= acked.left + 6,
            "round {round}: time shown {}s left, saved {}s left",
            acked.left,
            after.left
        );
        if after.left < 120 {
            // Almost out of time: start afresh so the soak keeps exercising answers.
            std::fs::remove_file(data.path().join("in-progress.json")).unwrap();
        }
    }
    let ids = history_ids(data.path());
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "duplicate records");
    (kills, near_key, submits)
}

#[test]
fn random_kills_lose_nothing_acknowledged() {
    let kills = std::env::var("SOAK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let seed = std::env::var("SOAK_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed);
    let t = Instant::now();
    let (kills, near, submits) = soak(kills, seed);
    eprintln!(
        "soak: {kills} kills ({near} within 5 ms of a key), {submits} submits, seed {seed}, {:.0?}: nothing lost",
        t.elapsed()
    );
}
