//! `proctor sync` without an LRS: nothing is sent unless configured, `--configure` keeps the
//! password to the owner and never prints it, `--dry-run` counts without connecting.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn proctor(data: &Path, envs: &[(&str, &str)], args: &[&str], stdin: &str) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_proctor"));
    c.arg("--data-dir").arg(data).args(args);
    for k in [
        "PROCTOR_LRS_URL",
        "PROCTOR_LRS_USER",
        "PROCTOR_LRS_PASSWORD",
        "PROCTOR_LEARNER",
    ] {
        c.env_remove(k);
    }
    c.envs(envs.iter().copied());
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn nothing_is_sent_unless_an_lrs_and_a_learner_are_configured() {
    let d = tempfile::tempdir().unwrap();
    let o = proctor(d.path(), &[], &["sync"], "");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("nothing was sent"), "{}", text(&o));
    let o = proctor(
        d.path(),
        &[],
        &["sync", "--lrs", "http://127.0.0.1:1/xAPI/"],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("PROCTOR_LEARNER"), "{}", text(&o));
    assert!(!d.path().join("xapi-sync.json").exists());
}

#[test]
fn configure_writes_an_owner_only_file_and_never_prints_the_password() {
    let d = tempfile::tempdir().unwrap();
    let o = proctor(
        d.path(),
        &[],
        &[
            "sync",
            "--configure",
            "--lrs",
            "https://lrs.example.org/xAPI/",
            "--user",
            "class-42",
            "--learner",
            "mailto:ana@example.org",
            "--password-stdin",
        ],
        "hunter2-secret\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains("hunter2-secret"));
    assert!(text(&o).contains("password set"), "{}", text(&o));
    let p = d.path().join("lrs.json");
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    assert_eq!(saved["password"], "hunter2-secret");
    assert_eq!(saved["learner"], "mailto:ana@example.org");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Configured: a dry run counts (no history, nothing to send) and connects to nothing.
    let o = proctor(d.path(), &[], &["sync", "--dry-run", "--json"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["statements"], 0);
    assert_eq!(v["learner"], "mailto:ana@example.org");
    assert!(!text(&o).contains("hunter2-secret"));
    // A bad identity is a usage error.
    let o = proctor(
        d.path(),
        &[("PROCTOR_LEARNER", "ana")],
        &["sync", "--dry-run"],
        "",
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
