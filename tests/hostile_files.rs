//! Files that are not what they seem, through the real binary: a FIFO named like a bank or a data
//! file, a link to /dev/zero, links that loop, a file over its size cap. Each start-up ends with a
//! message naming the file, and the traps add under a second to a clean start-up of the same
//! (debug, on a shared machine) binary; docs/reliability.md has the release figures.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a NUL-terminated path inside a temp folder we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Runs proctor with a 60 s watchdog (a hang fails the test instead of blocking the suite) and
/// returns its output and how long it took.
fn proctor(args: &[&str]) -> (Output, Duration) {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if t.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("proctor {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    (out, t.elapsed())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A bank folder holding every kind of trap, and one good bank.
fn hostile_banks(root: &Path) -> std::path::PathBuf {
    let banks = root.join("banks");
    std::fs::create_dir_all(&banks).unwrap();
    std::fs::copy(
        common::fixture_dir("demo").join("demo-bank.yaml"),
        banks.join("good.yaml"),
    )
    .unwrap();
    std::fs::copy(
        common::fixture_dir("demo").join("demo-blueprint.yaml"),
        banks.join("good-blueprint.yaml"),
    )
    .unwrap();
    mkfifo(&banks.join("fifo.yaml"));
    std::os::unix::fs::symlink("/dev/zero", banks.join("zero.yaml")).unwrap();
    for n in 1..=4 {
        std::os::unix::fs::symlink(".", banks.join(format!("self{n}"))).unwrap();
    }
    std::os::unix::fs::symlink("loop", banks.join("loop")).unwrap();
    let big = std::fs::File::create(banks.join("oversized.yaml")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    banks
}

#[test]
fn a_bank_folder_of_traps_loads_in_under_a_second_and_names_each_trap() {
    let d = tempfile::tempdir().unwrap();
    let banks = hostile_banks(d.path());
    let data = d.path().join("data");
    let clean = d.path().join("clean");
    std::fs::create_dir_all(&clean).unwrap();
    let (_, baseline) = proctor(&[
        "--data-dir",
        data.to_str().unwrap(),
        "--bank-dir",
        clean.to_str().unwrap(),
        "list",
    ]);
    let budget = baseline + Duration::from_secs(1);
    let (out, took) = proctor(&[
        "--data-dir",
        data.to_str().unwrap(),
        "--bank-dir",
        banks.to_str().unwrap(),
        "list",
    ]);
    assert!(took < budget, "took {took:?}, clean {baseline:?}");
    let err = stderr(&out);
    assert!(err.contains("fifo.yaml"), "{err}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("DEMO"),
        "the good bank still loads"
    );

    // validate also loads the code set (seconds in a debug build): the watchdog is the check here.
    let (out, _) = proctor(&[
        "--data-dir",
        data.to_str().unwrap(),
        "validate",
        banks.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    for (name, why) in [
        ("fifo.yaml", "a FIFO, not a regular file"),
        ("zero.yaml", "a character device, not a regular file"),
        ("oversized.yaml", "over the 16 MiB limit"),
        ("self1", "searched once"),
        ("loop", "cannot be followed"),
    ] {
        assert!(
            report.lines().any(|l| l.contains(name) && l.contains(why)),
            "{name}: {why}\n{report}"
        );
    }
    assert_eq!(
        report.matches("good.yaml").count(),
        0,
        "the good bank is read once, without findings:\n{report}"
    );
}

#[test]
fn data_files_that_are_fifos_devices_or_folders_are_moved_aside_naming_the_file() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path();
    let (_, baseline) = proctor(&["--data-dir", data.to_str().unwrap(), "history"]);
    let budget = baseline + Duration::from_secs(1);
    std::fs::create_dir_all(data.join("history")).unwrap();
    mkfifo(&data.join("history/20261201T000000Z-CPB.json"));
    std::os::unix::fs::symlink("/dev/zero", data.join("plan.json")).unwrap();
    let (out, took) = proctor(&["--data-dir", data.to_str().unwrap(), "history", "--json"]);
    assert!(took < budget, "took {took:?}, clean {baseline:?}");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("20261201T000000Z-CPB.json") && err.contains("a FIFO"),
        "{err}"
    );
    assert_eq!(err.matches("a FIFO").count(), 1, "said once: {err}");
    let (out, took) = proctor(&["--data-dir", data.to_str().unwrap(), "plan"]);
    assert!(took < budget, "took {took:?}, clean {baseline:?}");
    let err = stderr(&out);
    assert!(
        err.contains("plan") && err.contains("character device"),
        "{err}"
    );
    assert!(
        data.join("history")
            .read_dir()
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(".unreadable-"))
    );
}
