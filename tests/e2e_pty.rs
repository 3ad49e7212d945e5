//! The real binary in a real pseudo-terminal: keys in, screen out (parsed with vt100), as a
//! candidate would use it. These check what TestBackend cannot: raw mode, the alternate screen and
//! its restoration, autosave surviving `kill -9`, the data-folder lock.
#![cfg(unix)]

mod common;

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(data: &Path, args: &[&str]) -> Session {
        Session::start_in("demo", data, args)
    }

    /// As `start`, with more environment variables.
    fn start_env(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_full("demo", data, args, env)
    }

    /// As `start`, with the banks of another fixture folder.
    fn start_in(fixture: &str, data: &Path, args: &[&str]) -> Session {
        Session::start_full(fixture, data, args, &[])
    }

    fn start_full(fixture: &str, data: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_proctor"));
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.arg("--bank-dir");
        cmd.arg(common::fixture_dir(fixture));
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
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
        let writer = pair.master.take_writer().unwrap();
        Session {
            parser,
            writer,
            child,
            master: pair.master,
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
                start.elapsed() < WAIT,
                "timed out waiting for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Sends keys one at a time, waiting a moment between them as a person would.
    fn send(&mut self, keys: &str) {
        for k in keys.chars() {
            write!(self.writer, "{k}").unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(40));
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < WAIT,
                "proctor did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn resize(&self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }
}

/// A failed test must not leave proctor running.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const RIGHT: &[u8] = b"\x1b[C";
const ESC: &[u8] = b"\x1b";

/// "0:19:57 left" → seconds.
fn time_left(screen: &str) -> u64 {
    let word = screen
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[1] == "left" && w[0].contains(':'))
        .map(|w| w[0].to_string())
        .unwrap_or_else(|| panic!("no timer on screen:\n{screen}"));
    let p: Vec<u64> = word.split(':').map(|x| x.parse().unwrap()).collect();
    p[0] * 3600 + p[1] * 60 + p[2]
}

/// Sits the one-case exam CODING-CASE: Enter focuses the field, `typed` is typed, Enter ends
/// the code and leaves the field, `s` `y` submits. Returns the response history recorded.
fn sit_code_entry(data: &Path, typed: &str) -> serde_json::Value {
    let mut s = Session::start_in("coding", data, &["exam", "CODING-CASE", "--seed", "1"]);
    s.wait_for("Question 1 of 1");
    s.wait_for("Enter to type codes");
    s.send("\r");
    s.send(typed);
    // Lowercase letters are codes while the field is focused: nothing else happened.
    let screen = s.wait_for("Question 1 of 1 · 1 answered");
    assert!(!screen.contains("FLAGGED"), "{screen}");
    s.send("\r");
    s.send("s");
    s.wait_for("Submit the exam");
    s.send("y");
    s.wait_for("By domain, weakest first");
    let records = history(data);
    let responses = records.last().unwrap()["responses"].as_array().unwrap();
    assert_eq!(responses.len(), 1);
    s.send("q");
    responses[0].clone()
}

#[test]
fn code_entry_typed_in_a_terminal_is_scored_and_recorded() {
    let data = tempfile::tempdir().unwrap();
    let full = sit_code_entry(data.path(), "K35.80 0DTJ4ZZ");
    assert_eq!(full["question"], "CODING-10");
    assert_eq!(full["codes"], serde_json::json!(["K35.80", "0DTJ4ZZ"]));
    assert_eq!(full["credit"].as_f64(), Some(1.0));
    assert_eq!(full["correct"], true);
    let verdicts: Vec<&str> = full["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, vec!["correct", "correct"]);

    // Typed in lower case, only the diagnosis: partly right.
    let data = tempfile::tempdir().unwrap();
    let part = sit_code_entry(data.path(), "k35.80");
    assert_eq!(part["codes"], serde_json::json!(["K35.80"]));
    let credit = part["credit"].as_f64().unwrap();
    assert!(credit > 0.0 && credit < 1.0, "credit {credit}");
    assert_eq!(part["correct"], false);
    assert_eq!(part["verdicts"][1]["code"], "0DTJ4ZZ");
    assert_eq!(part["verdicts"][1]["verdict"], "missing");

    // `stats --json` counts the half: accuracy, the mock score and mastery all see 0.5.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(["--data-dir", data.path().to_str().unwrap(), "--bank-dir"])
        .arg(common::fixture_dir("coding"))
        .args(["stats", "CODING-CASE", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases = &v["report"]["domains"][0];
    assert_eq!(cases["id"], "cases");
    assert_eq!(cases["first_sight_accuracy"], 0.5);
    // A half-right answer adds as much to right as to wrong: the posterior stays symmetric.
    let (alpha, beta) = (
        cases["mastery"]["alpha"].as_f64().unwrap(),
        cases["mastery"]["beta"].as_f64().unwrap(),
    );
    assert!(alpha > 0.0 && (alpha - beta).abs() < 1e-9, "{alpha} {beta}");
    assert_eq!(v["report"]["mock_scores"][0]["percent"], 50.0);
}

fn history(data: &Path) -> Vec<serde_json::Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(["--data-dir", data.to_str().unwrap(), "history", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_ten_question_exam_answer_flag_strike_review_submit_then_history() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path(), &["exam", "DEMO", "--seed", "3"]);
    s.wait_for("Question 1 of 10");
    s.send("B");
    s.wait_for("1 answered");
    s.send("f");
    s.wait_for("1 flagged");
    s.send("xc");
    s.send_raw(RIGHT);
    s.wait_for("Question 2 of 10");
    s.send("A");
    s.wait_for("2 answered");
    s.send("r");
    let review = s.wait_for("Review");
    assert!(
        review.contains("2 of 10 answered · 8 unanswered · 1 flagged"),
        "{review}"
    );
    s.send_raw(ESC);
    s.wait_for("Question 2 of 10");
    s.send("s");
    let confirm = s.wait_for("Submit the exam");
    assert!(confirm.contains("8 unanswered · 1 flagged"), "{confirm}");
    s.send("y");
    let results = s.wait_for("By domain, weakest first");

    let records = history(data.path());
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["blueprint"], "DEMO");
    assert_eq!(r["seed"], 3);
    let responses = r["responses"].as_array().unwrap();
    assert_eq!(responses.len(), 10);
    let answered = responses
        .iter()
        .filter(|x| !x["selected"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(answered, 2);
    assert_eq!(responses[0]["flagged"], true);
    assert_eq!(responses[0]["struck"].as_array().unwrap().len(), 1);
    for x in responses {
        assert_eq!(
            x["correct"],
            x["selected"] == x["key"] && !x["key"].as_array().unwrap().is_empty()
        );
    }
    let correct = responses.iter().filter(|x| x["correct"] == true).count();
    assert!(
        results.contains(&format!("({correct} of 10 correct)")),
        "screen score must match history ({correct}):\n{results}"
    );

    s.send("q");
    s.wait_for("Choose an exam");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let parser = s.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "alternate screen left on"
    );
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture left on"
    );
}

#[test]
fn kill_9_mid_exam_then_resume_with_every_answer_and_the_time_left() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path(), &["exam", "DEMO", "--seed", "5"]);
    s.wait_for("Question 1 of 10");
    s.send("A");
    s.send("f");
    s.send_raw(RIGHT);
    s.send("B");
    s.send_raw(RIGHT);
    s.send("C");
    let before = s.wait_for("3 answered · 1 flagged");
    let since_before = std::time::Instant::now();
    let left_before = time_left(&before);
    std::thread::sleep(Duration::from_millis(300));
    let pid = s.child.process_id().unwrap() as i32;
    // SAFETY: a plain kill(2) on the child we started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    s.wait_exit();
    let running = since_before.elapsed().as_secs();
    assert!(
        data.path().join("in-progress.json").exists(),
        "autosave missing after kill -9"
    );

    let mut s = Session::start(data.path(), &[]);
    let home = s.wait_for("Unfinished DEMO exam");
    assert!(home.contains("question 3 of 10, 3 answered"), "{home}");
    s.send("r");
    let resumed = s.wait_for("Question 3 of 10 · 3 answered · 1 flagged");
    let left_after = time_left(&resumed);
    assert!(
        left_after <= left_before && left_before - left_after <= running + 2,
        "time left before kill {left_before}s, after resume {left_after}s; \
         the exam ran {running}s between the two"
    );
    s.send("q");
    s.wait_for("Leave now?");
    s.send("y");
    // Resumed from the home screen, leaving goes back there.
    s.wait_for("Unfinished DEMO exam");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        data.path().join("in-progress.json").exists(),
        "leaving keeps the exam resumable"
    );
}

fn history_files(data: &Path) -> usize {
    std::fs::read_dir(data.join("history")).map_or(0, |d| d.count())
}

/// The issue's first check: a reflexive `s` then Enter does not end a mock; the dialog's box shows
/// `y` and `Esc`; `y` submits.
#[test]
fn s_then_enter_does_not_submit_and_the_dialog_shows_its_keys() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path(), &["exam", "CPB", "--questions", "5"]);
    s.wait_for("Question 1 of 5");
    s.wait_for("? help");
    let footer = s
        .parser
        .lock()
        .unwrap()
        .screen()
        .rows(0, 80)
        .last()
        .unwrap();
    assert!(
        footer.contains("? help"),
        "exam footer at 80×24: {footer:?}"
    );
    s.send("s");
    let dialog = s.wait_for("Submit the exam for scoring?");
    let key_line = dialog
        .lines()
        .find(|l| l.contains("y submit") && l.contains("Esc"))
        .unwrap_or_else(|| panic!("no key line in the dialog:\n{dialog}"));
    let at = key_line.find("y submit").unwrap();
    assert!(
        key_line[..at].trim_end().ends_with('│') && key_line[at..].contains('│'),
        "the key line is inside the box: {key_line:?}"
    );
    s.send_raw(b"\r");
    std::thread::sleep(Duration::from_millis(600));
    let after = s.wait_for("Enter does not answer this");
    assert!(after.contains("Question 1 of 5"), "{after}");
    assert!(after.contains("Submit the exam for scoring?"), "{after}");
    assert!(
        !after.contains("By domain"),
        "no result after Enter:\n{after}"
    );
    assert_eq!(history_files(data.path()), 0, "no history after Enter");
    s.send("y");
    s.wait_for("By domain, weakest first");
    assert_eq!(history(data.path()).len(), 1);
    s.send("q");
    s.wait_for("Choose an exam");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// From the home screen, Enter on CPB, `q`, `y` comes back to the home screen and proctor keeps
/// running.
#[test]
fn leaving_an_exam_started_from_home_returns_home_and_keeps_running() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path(), &[]);
    // The home screen may be read while it is still being drawn: look until the CPB row is there.
    let cpb_row = |home: &str| {
        let rows: Vec<&str> = home.lines().collect();
        let first = rows.iter().position(|l| l.contains("┌ Exams"))? + 1;
        rows[first..]
            .iter()
            .position(|l| l.trim_start_matches('│').split_whitespace().next() == Some("CPB"))
    };
    let start = Instant::now();
    let cpb = loop {
        let home = s.wait_for("Choose an exam");
        if let Some(row) = cpb_row(&home) {
            break row;
        }
        assert!(start.elapsed() < WAIT, "CPB listed:\n{home}");
        std::thread::sleep(Duration::from_millis(30));
    };
    s.send(&"j".repeat(cpb));
    s.send_raw(b"\r");
    s.wait_for("Question 1 of 135");
    s.send("q");
    s.wait_for("Leave now?");
    s.send("y");
    let back = s.wait_for("Unfinished CPB exam");
    assert!(back.contains("Choose an exam"), "{back}");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "proctor is still running"
    );
    s.send("r");
    s.wait_for("Question 1 of 135");
    s.send("q");
    s.send("y");
    s.wait_for("Unfinished CPB exam");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_second_proctor_on_the_same_data_folder_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Session::start(data.path(), &[]);
    first.wait_for("Choose an exam");
    let mut second = Session::start(data.path(), &[]);
    second.wait_for("another proctor is using the data folder");
    assert_eq!(second.wait_exit(), 1);
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}

#[test]
fn a_tiny_terminal_shows_a_notice_and_the_exam_keeps_running() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path(), &["exam", "DEMO", "--seed", "8"]);
    s.wait_for("Question 1 of 10");
    s.resize(10, 40);
    {
        let mut p = s.parser.lock().unwrap();
        p.screen_mut().set_size(10, 40);
    }
    let small = s.wait_for("Terminal too small");
    assert!(small.contains("timer is still running"), "{small}");
    s.resize(24, 80);
    {
        let mut p = s.parser.lock().unwrap();
        p.screen_mut().set_size(24, 80);
    }
    s.wait_for("Question 1 of 10");
    s.send("q");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
}

fn stats_json(data: &Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "--bank-dir",
            common::fixture_dir("demo").to_str().unwrap(),
            "stats",
            "DEMO",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_short_drill_then_stats_json_reflects_it() {
    let data = tempfile::tempdir().unwrap();
    let before = stats_json(data.path());
    assert_eq!(before["report"]["answers"], 0);
    let mut s = Session::start(
        data.path(),
        &["drill", "DEMO", "--count", "3", "--domain", "beta"],
    );
    s.wait_for("Question 1 of 3");
    for i in 1..=3 {
        s.wait_for(&format!("Question {i} of"));
        s.send("1");
        s.send_raw(b"\r");
        s.wait_for("Rationale");
        s.send_raw(RIGHT);
    }
    s.send("s");
    s.wait_for("Finish and see the summary?");
    s.send("y");
    s.wait_for("(drill)");
    s.send("q");
    s.wait_for("Choose an exam");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let after = stats_json(data.path());
    let answers = after["report"]["answers"].as_u64().unwrap();
    assert!(answers >= 3, "{after}");
    let beta = after["report"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "beta")
        .unwrap();
    let alpha = after["report"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "alpha")
        .unwrap();
    assert!(beta["seen"].as_u64().unwrap() >= 3, "{beta}");
    assert_eq!(alpha["seen"], 0, "only beta was drilled");
    assert_eq!(beta["mastery"]["answers"].as_u64().unwrap(), answers);
    let records = history(data.path());
    assert_eq!(records[0]["mode"], "drill");
}

#[test]
fn the_code_book_mid_exam_finds_a_code_and_returns_with_answer_and_timer_intact() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        data.path(),
        &["exam", "CPB", "--questions", "5", "--seed", "2"],
    );
    s.wait_for("Question 1 of 5");
    s.send("C");
    let before = s.wait_for("1 answered");
    let since_before = std::time::Instant::now();
    let left_before = time_left(&before);
    s.send("b");
    s.wait_for("Code book: ICD-10-CM");
    s.send("E11.65");
    s.wait_for("with hyperglycemia");
    s.send_raw(b"\r");
    let page = s.wait_for("Billable: a complete code");
    assert!(page.contains("E11.65"), "{page}");
    std::thread::sleep(Duration::from_millis(1200));
    s.send_raw(ESC);
    s.send_raw(ESC);
    let back = s.wait_for("Question 1 of 5 · 1 answered");
    assert!(!back.contains("Code book"), "{back}");
    let left_after = time_left(&back);
    // The exam clock runs on while the book is open, at the wall clock's pace: compare with the
    // time that really passed (a loaded machine can take many seconds here), allowing a tick of
    // screen lag at each end.
    let elapsed = since_before.elapsed().as_secs();
    let used = left_before.saturating_sub(left_after);
    assert!(
        left_after < left_before && used <= elapsed + 2 && used + 2 >= elapsed,
        "the exam clock must follow the wall clock while the book is open: \
         {left_before} -> {left_after} in {elapsed} s"
    );
    s.send("q");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
}

/// The pty's line discipline flags (shared by both ends): canonical mode and echo are on again
/// only if proctor left raw mode.
fn cooked(s: &Session) -> bool {
    let fd = s.master.as_raw_fd().expect("a unix pty");
    // SAFETY: tcgetattr fills a zeroed termios for a valid, open descriptor we hold.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
    t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
}

#[test]
fn term_hup_int_and_quit_save_restore_the_terminal_and_leave_the_exam_resumable() {
    for (sig, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
        (libc::SIGQUIT, "SIGQUIT"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut s = Session::start(data.path(), &["exam", "DEMO", "--seed", "4"]);
        s.wait_for("Question 1 of 10");
        assert!(!cooked(&s), "{name}: raw mode while the exam runs");
        s.send("B");
        s.send_raw(RIGHT);
        s.send("f");
        s.wait_for("1 answered · 1 flagged");
        let pid = s.child.process_id().unwrap() as i32;
        // SAFETY: a plain kill(2) on the child we started.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
        let code = s.wait_exit();
        assert_eq!(code, 128 + sig as u32, "{name}: exit status");
        {
            let p = s.parser.lock().unwrap();
            let screen = p.screen();
            assert!(
                !screen.alternate_screen(),
                "{name}: alternate screen left on"
            );
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "{name}: mouse capture left on"
            );
            assert!(!screen.hide_cursor(), "{name}: cursor left hidden");
        }
        assert!(cooked(&s), "{name}: raw mode left on");

        let mut again = Session::start(data.path(), &[]);
        let home = again.wait_for("Unfinished DEMO exam");
        assert!(
            home.contains("question 2 of 10, 1 answered"),
            "{name}: {home}"
        );
        again.send("r");
        again.wait_for("Question 2 of 10 · 1 answered · 1 flagged");
        again.send("q");
        again.send("y");
        again.wait_for("Choose an exam");
        again.send("q");
        assert_eq!(again.wait_exit(), 0, "{name}");
    }
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a NUL-terminated path inside a temp folder we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_or_a_folder_named_in_progress_json_is_moved_aside_and_the_app_opens() {
    for make in [mkfifo as fn(&Path), |p: &Path| {
        std::fs::create_dir(p).unwrap()
    }] {
        let data = tempfile::tempdir().unwrap();
        let autosave = data.path().join("in-progress.json");
        make(&autosave);
        std::fs::write(data.path().join(".tmp-left-by-a-crash"), b"half a save").unwrap();
        let t = Instant::now();
        let mut s = Session::start(data.path(), &[]);
        let home = s.wait_for("in-progress.json");
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        assert!(home.contains("Choose an exam"), "{home}");
        assert!(!autosave.exists(), "moved aside");
        assert!(
            !data.path().join(".tmp-left-by-a-crash").exists(),
            "leftover temp files are cleaned at start"
        );
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn a_data_folder_deleted_mid_exam_is_noticed_and_the_exam_saved_again() {
    let data = tempfile::tempdir().unwrap();
    let root = data.path().join("data");
    let mut s = Session::start(&root, &["exam", "DEMO", "--seed", "6"]);
    s.wait_for("Question 1 of 10");
    s.send("A");
    s.wait_for("1 answered");
    std::fs::remove_dir_all(&root).unwrap();
    s.send("n");
    s.wait_for("deleted or moved");
    s.send("B");
    s.wait_for("2 answered");
    assert!(
        root.join("proctor.lock").exists(),
        "the lock is taken again"
    );
    let mut second = Session::start(&root, &[]);
    second.wait_for("another proctor is using the data folder");
    assert_eq!(second.wait_exit(), 1);
    s.send("q");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    let mut again = Session::start(&root, &[]);
    let home = again.wait_for("Unfinished DEMO exam");
    assert!(home.contains("2 answered"), "{home}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

/// Root ignores permission bits (CI runs as root): there the debug binary is told to refuse
/// every write in the folder as a read-only mount does; anyone else gets a real `chmod`.
#[test]
fn a_read_only_data_folder_still_shows_history_with_a_clear_message() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path(), &["exam", "DEMO", "--seed", "2"]);
    s.wait_for("Question 1 of 10");
    s.send("A");
    s.send("s");
    s.send("y");
    s.wait_for("By domain, weakest first");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    std::fs::remove_file(data.path().join("proctor.lock")).unwrap();
    let before = files_in(data.path());
    if !root {
        for p in [data.path().join("history"), data.path().to_path_buf()] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
    }
    let ro = data.path().to_str().unwrap();
    let env: &[(&str, &str)] = if root {
        &[("PROCTOR_TEST_READ_ONLY_DIR", ro)]
    } else {
        &[]
    };
    let mut s = Session::start_env(data.path(), &[], env);
    // The notice is part of the home screen; waiting for it (not for the first line of the
    // screen) keeps a frame caught half-drawn from failing the test.
    let home = s.wait_for("cannot be written");
    assert!(home.contains("Choose an exam"), "{home}");
    s.send("h");
    s.wait_for("DEMO");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(history(data.path()).len(), 1);
    assert_eq!(
        files_in(data.path()),
        before,
        "nothing written in the folder"
    );
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_terminal_that_hangs_up_never_leaves_proctor_running() {
    // No reader thread here: every handle on the terminal's master side must be closable, so
    // that dropping them hangs the terminal up as closing a window does.
    let data = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_proctor"));
    cmd.args(["--data-dir", data.path().to_str().unwrap(), "--bank-dir"]);
    cmd.arg(common::fixture_dir("demo"));
    cmd.args(["exam", "DEMO", "--seed", "9"]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let fd = pair.master.as_raw_fd().unwrap();
    // SAFETY: fcntl on a descriptor we hold.
    unsafe { libc::fcntl(fd, libc::F_SETFL, libc::O_NONBLOCK) };
    let mut writer = pair.master.take_writer().unwrap();
    let drain = || {
        let mut buf = [0u8; 8192];
        // SAFETY: read into a buffer we own from a descriptor we hold.
        while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
    };
    let answered = |n: usize| {
        std::fs::read(data.path().join("in-progress.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .is_some_and(|v| {
                v["attempt"]["responses"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|r| !r["selected"].as_array().unwrap().is_empty())
                    .count()
                    == n
            })
    };
    let start = Instant::now();
    while !answered(0) {
        drain();
        assert!(start.elapsed() < WAIT, "the exam did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    drain();
    writer.write_all(b"C").unwrap();
    writer.flush().unwrap();
    while !answered(1) {
        drain();
        assert!(start.elapsed() < WAIT, "the answer was not saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(writer);
    drop(pair.master);
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("proctor kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(30));
    };
    assert!(!status.success());
    let mut again = Session::start(data.path(), &[]);
    let home = again.wait_for("Unfinished DEMO exam");
    assert!(home.contains("1 answered"), "{home}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

/// Every file under `dir` with its size and modification time, sorted.
fn files_in(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let m = e.metadata().unwrap();
            if m.is_dir() {
                todo.push(e.path());
            } else {
                out.push((e.path(), m.len(), m.modified().unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn preview_watch_follows_each_save_and_writes_nothing_to_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("cpb-new.yaml");
    let text = common::scaffold_cpb();
    std::fs::write(&bank, &text).unwrap();
    let mut s = Session::start(data.path(), &["preview", bank.to_str().unwrap(), "--watch"]);
    s.wait_for("Which claim form does a physician office use");
    s.send("A");
    s.send_raw(b"\r");
    s.wait_for("Professional services are billed");
    // Saved as editors save: a new file renamed over the old one.
    let swap = dir.path().join(".cpb-new.yaml.swp");
    std::fs::write(
        &swap,
        text.replace("Which claim form does", "Which paper claim form does"),
    )
    .unwrap();
    std::fs::rename(&swap, &bank).unwrap();
    s.wait_for("Which paper claim form does");
    s.wait_for("Reloaded cpb-new.yaml");
    // The checked answer stayed: its rationale is still on screen.
    assert!(s.screen().contains("Professional services are billed"));
    s.send("q");
    s.wait_for("A preview is not kept");
    s.send("y");
    s.wait_for("Preview of");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(history_files(data.path()), 0);
    assert!(!data.path().join("in-progress.json").exists());
}
