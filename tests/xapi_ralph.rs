//! proctor against a real LRS: Ralph (ralph-malph 5.1, file backend) on loopback. Two learners sit
//! a mini-mock and sync; the LRS then holds exactly their statements; a second sync adds none; with
//! the LRS stopped a sync fails cleanly and a later one delivers everything; the class report read
//! back from the LRS agrees with each learner's own `proctor stats --json`.
//!
//! Ralph lives in a virtual environment at `$PROCTOR_RALPH_VENV` or `target/ralph-venv`, created
//! here on first use (python3 -m venv, pip install) under a lock so parallel tests install once;
//! `.ci/run` creates it up front. Without python3 or pip the test fails and says why.

use chrono::{DateTime, Duration, Utc};
use proctor::bank::{Catalog, ChoiceKey, SourceFile};
use proctor::exam::EndReason;
use proctor::store::history::{History, Record, RecordResponse};
use serde_json::Value;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const RALPH_SPEC: &str = "ralph-malph[cli,lrs]==5.1.*";
const USER: &str = "class-sync";
const PASSWORD: &str = "s3cret-Pa55word";
const READY: &str = ".proctor-ralph-ready";

/// The venv with Ralph in it, installed if missing.
fn ralph_venv() -> PathBuf {
    let venv = std::env::var_os("PROCTOR_RALPH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ralph-venv"));
    if venv.join(READY).exists() {
        return venv;
    }
    std::fs::create_dir_all(venv.parent().unwrap()).unwrap();
    let lock_path = venv.with_extension("lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file we hold open; released when it is closed.
        assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    }
    if !venv.join(READY).exists() {
        eprintln!("installing Ralph ({RALPH_SPEC}) into {}", venv.display());
        let py = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status();
        match py {
            Ok(s) if s.success() => {}
            Ok(s) => panic!(
                "`python3 -m venv {}` failed ({s}): this test needs Python 3 with venv to run Ralph, the LRS it tests against",
                venv.display()
            ),
            Err(e) => panic!(
                "python3 is not available ({e}): this test needs Python 3 with venv and pip to install Ralph (PyPI {RALPH_SPEC}), the LRS it tests against"
            ),
        }
        let pip = Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", RALPH_SPEC, "requests"])
            .status();
        match pip {
            Ok(s) if s.success() => {}
            other => panic!(
                "pip could not install {RALPH_SPEC} into {} ({other:?}): the test needs PyPI (or a pre-built venv at PROCTOR_RALPH_VENV)",
                venv.display()
            ),
        }
        std::fs::write(venv.join(READY), RALPH_SPEC).unwrap();
    }
    drop(lock);
    venv
}

/// A Ralph LRS on 127.0.0.1, its file backend in a temporary folder; stopped when dropped.
struct Ralph {
    venv: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl Ralph {
    fn new() -> Ralph {
        let venv = ralph_venv();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        let out = Command::new(venv.join("bin/ralph"))
            .args(["auth", "-u", USER, "-p", PASSWORD, "-s", "all"])
            .args(["-M", "mailto:class-sync@example.org", "-w"])
            .env("RALPH_APP_DIR", dir.path().join("app"))
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "ralph auth: {out:?}");
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut r = Ralph {
            venv,
            dir,
            port,
            child: None,
        };
        r.start();
        r
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    fn start(&mut self) {
        // Ralph 5.1's file backend writes every POST with operation "create", which refuses once
        // its statements file exists: only the first POST would ever be stored. The production
        // backends (Elasticsearch, MongoDB, ClickHouse) add to an index; make the file backend
        // append likewise, through a sitecustomize that only this server process loads.
        let patch = self.dir.path().join("patch");
        std::fs::create_dir_all(&patch).unwrap();
        std::fs::write(
            patch.join("sitecustomize.py"),
            "from ralph.backends.data.base import BaseOperationType\n\
             import ralph.backends.lrs.fs as _fs\n\
             _fs.FSLRSBackend.default_operation_type = BaseOperationType.APPEND\n",
        )
        .unwrap();
        let log = std::fs::File::create(self.dir.path().join("ralph.log")).unwrap();
        let child = {
            use std::os::unix::process::CommandExt;
            Command::new(self.venv.join("bin/ralph"))
                .args(["runserver", "-b", "fs", "-h", "127.0.0.1", "-p"])
                .arg(self.port.to_string())
                .env("RALPH_APP_DIR", self.dir.path().join("app"))
                .env("RALPH_RUNSERVER_BACKEND", "fs")
                .env("PYTHONPATH", &patch)
                .env(
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH",
                    self.dir.path().join("data"),
                )
                // Small pages, so the class report has to follow `more` links.
                .env("RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT", "10")
                .current_dir(self.dir.path())
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .process_group(0)
                .spawn()
                .unwrap()
        };
        self.child = Some(child);
        let t = std::time::Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() && self.answers() {
                return;
            }
            assert!(
                t.elapsed().as_secs() < 60,
                "Ralph did not start: {}",
                std::fs::read_to_string(self.dir.path().join("ralph.log")).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }

    /// Whether the server answers HTTP (the reloader listens before the app is up).
    fn answers(&self) -> bool {
        use std::io::{Read, Write};
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
        let req = format!(
            "GET /__heartbeat HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        if s.write_all(req.as_bytes()).is_err() {
            return false;
        }
        let mut buf = String::new();
        let _ = s.read_to_string(&mut buf);
        buf.starts_with("HTTP/1.1")
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            // The whole process group: runserver's reloader and its worker.
            // SAFETY: signalling the group we created for this child.
            unsafe { libc::kill(-(c.id() as i32), libc::SIGTERM) };
            let _ = c.wait();
            let t = std::time::Instant::now();
            while TcpStream::connect(("127.0.0.1", self.port)).is_ok() && t.elapsed().as_secs() < 20
            {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
    }

    /// Every statement the LRS stored, read from its file backend (not through proctor's code).
    fn stored(&self) -> Vec<Value> {
        let p = self.dir.path().join("data/fs_lrs.jsonl");
        std::fs::read_to_string(p)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        self.stop();
    }
}

fn proctor(data: &Path, learner: &str, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PROCTOR_LRS_URL")
        .env("PROCTOR_LRS_USER", USER)
        .env("PROCTOR_LRS_PASSWORD", password)
        .env("PROCTOR_LEARNER", learner)
        .output()
        .unwrap()
}

fn json_of(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A record of `questions` of CPB, right where `right(i)` says, blank where `blank(i)` says.
fn record(
    catalog: &Catalog,
    id: &str,
    mode: &str,
    qs: &[(&str, &str)],
    at: DateTime<Utc>,
    outcome: impl Fn(usize) -> Option<bool>,
) -> Record {
    let responses: Vec<RecordResponse> = qs
        .iter()
        .enumerate()
        .map(|(i, (q, d))| {
            let key = catalog.question(q).unwrap().key_set();
            let wrong: Vec<ChoiceKey> = ChoiceKey::ALL
                .iter()
                .copied()
                .filter(|k| !key.contains(k))
                .take(1)
                .collect();
            let (selected, correct) = match outcome(i) {
                None => (vec![], false),
                Some(true) => (key.clone(), true),
                Some(false) => (wrong, false),
            };
            RecordResponse {
                question: q.to_string(),
                domain: d.to_string(),
                selected,
                key,
                correct,
                credit: Some(f64::from(u8::from(correct))),
                seconds: 40.0 + i as f64,
                flagged: i == 2,
                ..Default::default()
            }
        })
        .collect();
    let secs: f64 = responses.iter().map(|r| r.seconds).sum();
    Record {
        schema: 1,
        id: id.into(),
        mode: mode.into(),
        blueprint: "CPB".into(),
        exam: "CPB".into(),
        seed: 1,
        started_at: at,
        ended_at: at + Duration::seconds(secs as i64),
        end: EndReason::Submitted,
        seconds_used: secs,
        responses,
    }
}

/// Statements a record must yield: one per answered response, attempted and completed, and
/// passed/failed for a mock.
fn expected(records: &[Record]) -> usize {
    records
        .iter()
        .map(|r| {
            r.responses.iter().filter(|x| x.answered()).count() + 2 + usize::from(r.mode == "exam")
        })
        .sum()
}

fn sync(data: &Path, learner: &str, url: &str) -> Output {
    proctor(data, learner, PASSWORD, &["sync", "--lrs", url, "--json"])
}

#[test]
fn two_learners_sync_to_ralph_and_the_class_report_agrees_with_their_stats() {
    let (catalog, report) = Catalog::load(&SourceFile::shipped_files(), false);
    assert_eq!(report.errors(), 0);
    let qs: Vec<(&str, &str)> = catalog.question_domains("CPB").take(12).collect();
    assert_eq!(qs.len(), 12);
    let now = Utc::now();
    let ana = tempfile::tempdir().unwrap();
    let ben = tempfile::tempdir().unwrap();
    let ana_id = "mailto:ana@example.org";
    let ben_id = "mailto:ben@example.org";
    let ana_recs = vec![
        record(
            &catalog,
            "20261101T090000Z",
            "exam",
            &qs[..10],
            now - Duration::days(3),
            |i| (i != 9).then_some(i < 7),
        ),
        // A drill that asks a missed question again (a re-ask is a statement too).
        record(
            &catalog,
            "20261102T090000Z",
            "drill",
            &[qs[7], qs[10], qs[7], qs[11]],
            now - Duration::days(2),
            |i| Some(i != 0),
        ),
    ];
    let ben_recs = vec![record(
        &catalog,
        "20261101T100000Z",
        "exam",
        &qs[2..12],
        now - Duration::days(1),
        |i| Some(i % 3 != 0),
    )];
    for (dir, recs) in [(&ana, &ana_recs), (&ben, &ben_recs)] {
        let h = History::new(dir.path());
        for r in recs.iter() {
            h.append(r).unwrap();
        }
    }
    // The first run in a data folder builds the bank cache (seconds in a debug build): build it
    // once while Ralph starts, and give the other folders a copy.
    let teacher = tempfile::tempdir().unwrap();
    let mut warm = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("--data-dir")
        .arg(ana.path())
        .arg("list")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lrs = Ralph::new();
    let url = lrs.url();
    assert!(warm.wait().unwrap().success());
    for dir in [&ben, &teacher] {
        let to = dir.path().join("cache");
        std::fs::create_dir_all(&to).unwrap();
        for f in std::fs::read_dir(ana.path().join("cache")).unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
        }
    }

    // Ana syncs: exactly her statements, once each.
    let out = json_of(&sync(ana.path(), ana_id, &url));
    assert_eq!(out["sent"], expected(&ana_recs));
    assert_eq!(out["pending"], 0);
    let stored = lrs.stored();
    assert_eq!(stored.len(), expected(&ana_recs));
    let answered = |s: &[Value]| {
        s.iter()
            .filter(|x| x["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered")
            .count()
    };
    assert_eq!(answered(&stored), 9 + 4);
    // A second sync adds nothing.
    let again = json_of(&sync(ana.path(), ana_id, &url));
    assert_eq!(again["sent"], 0);
    assert_eq!(lrs.stored().len(), expected(&ana_recs));

    // Wrong password: a clear 401, the password never shown, nothing recorded as sent.
    let bad = proctor(ben.path(), ben_id, "wrong-pw-9", &["sync", "--lrs", &url]);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stderr);
    assert!(
        text.contains("401") && text.contains("credentials"),
        "{text}"
    );
    assert!(
        !text.contains("wrong-pw-9")
            && !String::from_utf8_lossy(&bad.stdout).contains("wrong-pw-9")
    );

    // The LRS goes down: Ben's sync fails cleanly and keeps everything for later.
    lrs.stop();
    let down = sync(ben.path(), ben_id, &url);
    assert_eq!(down.status.code(), Some(1));
    let err = String::from_utf8_lossy(&down.stderr);
    assert!(
        err.contains("could not be reached") && err.contains("Nothing is lost"),
        "{err}"
    );
    assert!(!err.contains(PASSWORD));
    let down_json: Value = serde_json::from_slice(&down.stdout).unwrap();
    assert_eq!(down_json["sent"], 0);
    assert_eq!(down_json["pending"], expected(&ben_recs));

    // Back up: the next sync delivers all of Ben's, and nothing of Ana's twice.
    lrs.start();
    let up = json_of(&sync(ben.path(), ben_id, &url));
    assert_eq!(up["sent"], expected(&ben_recs));
    let stored = lrs.stored();
    assert_eq!(stored.len(), expected(&ana_recs) + expected(&ben_recs));
    let ids: std::collections::HashSet<&str> =
        stored.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), stored.len());
    assert_eq!(answered(&stored), 9 + 4 + 10);
    assert_eq!(json_of(&sync(ben.path(), ben_id, &url))["sent"], 0);
    assert_eq!(json_of(&sync(ana.path(), ana_id, &url))["sent"], 0);

    // The instructor's report, read back through the xAPI query API (pages of 10).
    let class = json_of(&proctor(
        teacher.path(),
        "mailto:teacher@example.org",
        PASSWORD,
        &["class", "report", "--lrs", &url, "--exam", "CPB", "--json"],
    ));
    assert_eq!(class["statements"], stored.len());
    let learners = class["learners"].as_array().unwrap();
    assert_eq!(learners.len(), 2);
    for (dir, who, recs) in [(&ana, ana_id, &ana_recs), (&ben, ben_id, &ben_recs)] {
        let row = learners
            .iter()
            .find(|l| l["learner"] == who)
            .unwrap_or_else(|| panic!("{who} missing from {learners:?}"));
        let own = json_of(&proctor(
            dir.path(),
            who,
            PASSWORD,
            &["stats", "CPB", "--json"],
        ));
        let own = &own["report"];
        assert_eq!(row["attempts"], recs.len());
        assert_eq!(row["answers"], own["answers"], "{who}");
        let mine: Vec<f64> = own["mock_scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["percent"].as_f64().unwrap())
            .collect();
        let theirs: Vec<f64> = row["mock_scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["percent"].as_f64().unwrap())
            .collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine, theirs, "{who}");
        assert_eq!(
            row["latest_mock"]["percent"],
            own["mock_scores"][0]["percent"]
        );
        let p_own = own["prediction"]["pass_probability"].as_f64().unwrap();
        let p_class = row["pass_probability"].as_f64().unwrap();
        assert!(
            (p_own - p_class).abs() < 1e-3,
            "{who}: {p_own} vs {p_class}"
        );
        for (d_own, d_class) in own["domains"]
            .as_array()
            .unwrap()
            .iter()
            .zip(row["mastery"].as_array().unwrap())
        {
            assert_eq!(d_own["id"], d_class["id"]);
            let (a, b) = (
                d_own["mastery"]["mean"].as_f64().unwrap(),
                d_class["mean"].as_f64().unwrap(),
            );
            assert!((a - b).abs() < 1e-3, "{who} {}: {a} vs {b}", d_own["id"]);
        }
    }
    // Ana's mock: 7 right of 10 (one left blank still counts in the score).
    assert_eq!(
        learners.iter().find(|l| l["learner"] == ana_id).unwrap()["best_mock"]["percent"],
        70.0
    );
    // Per question: every first answer counted once.
    let first_answers: u64 = class["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["answers"].as_u64().unwrap())
        .sum();
    assert_eq!(first_answers, 9 + 3 + 10);
}
