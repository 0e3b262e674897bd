//! Operations through the real binary: liveness and readiness probes that never start a
//! daemon, Prometheus metrics scraped from the listener and parsed after known work, online
//! backups and restores, and the systemd notification and socket-activation protocols.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use crate::common::{self, Env, eventually, free_port, sample_kb};
use serde_json::Value;

#[test]
fn probes_answer_for_a_running_daemon_and_never_start_one() {
    let env = Env::new();
    for probe in ["ping", "health"] {
        let out = env
            .cgen()
            .env_remove("CGEN_NO_AUTOSTART")
            .arg(probe)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(7), "{probe} without a daemon");
    }
    assert!(!env.socket().exists(), "a probe must not start the daemon");
    let _d = env.start_daemon();
    assert_eq!(env.run(&["ping"]).code, 0);
    let health = env.json(&["health"]);
    assert_eq!(health["healthy"], true, "{health}");
    let names: Vec<&str> = health["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["store", "writable", "queue", "disk"]);
}

#[test]
fn health_fails_with_the_reason_when_the_disk_is_short() {
    // No machine has this much free space (the largest TOML integer): the disk check must
    // fail and say why.
    let env = Env::with_config("[health]\nmin_free_bytes = 9223372036854775807\n");
    let _d = env.start_daemon();
    let out = env.run(&["health"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("disk:") && out.stderr.contains("below"),
        "{}",
        out.stderr
    );
}

fn scrape(port: u16) -> prometheus_parse::Scrape {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    let lines = body.lines().map(|l| Ok(l.to_string()));
    prometheus_parse::Scrape::parse(lines).expect("valid exposition")
}

fn value(scrape: &prometheus_parse::Scrape, name: &str, label: (&str, &str)) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name && s.labels.get(label.0) == Some(label.1))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

#[test]
fn metrics_are_scraped_and_count_known_work() {
    let port = free_port();
    let env = Env::with_config(&format!("[metrics]\nlisten = \"127.0.0.1:{port}\"\n"));
    let _d = env.start_daemon();
    let out = env.run(&["ingest", sample_kb().to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    env.json(&["search", "restic"]);
    let scrape = scrape(port);
    assert_eq!(
        value(&scrape, "cgen_jobs_submitted_total", ("kind", "ingest")),
        1.0
    );
    assert_eq!(
        value(
            &scrape,
            "cgen_jobs_finished_total",
            ("outcome", "succeeded")
        ),
        1.0
    );
    assert_eq!(
        value(
            &scrape,
            "cgen_ingest_documents_total",
            ("outcome", "ingested")
        ),
        15.0
    );
    assert!(value(&scrape, "cgen_rpc_requests_total", ("method", "kb.search")) >= 1.0);
    assert_eq!(
        value(
            &scrape,
            "cgen_build_info",
            ("version", env!("CARGO_PKG_VERSION"))
        ),
        1.0
    );
    // The same text through the socket.
    let text = env.run(&["metrics"]).stdout;
    assert!(text.contains("# HELP cgen_jobs_submitted_total"), "{text}");
}

#[test]
fn a_backup_is_taken_online_and_restored_with_the_daemon_stopped() {
    let env = Env::new();
    let d = env.start_daemon();
    assert_eq!(
        env.run(&["ingest", sample_kb().to_str().unwrap(), "--wait"])
            .code,
        0
    );
    let copy = env.home().join("backup.db");
    let r = env.json(&["admin", "backup", "--to", copy.to_str().unwrap()]);
    assert!(r["bytes"].as_u64().unwrap() > 0);
    assert_eq!(
        env.run(&["admin", "backup", "--to", copy.to_str().unwrap()])
            .code,
        1,
        "never overwrites"
    );
    let refused = env.run(&["admin", "restore", copy.to_str().unwrap()]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("running"), "{}", refused.stderr);
    assert_eq!(env.run(&["collections", "rm", "default"]).code, 0);
    let (status, _) = d.terminate();
    assert!(status.success());
    let restored = env.run(&["admin", "restore", copy.to_str().unwrap()]);
    assert_eq!(restored.code, 0, "{}", restored.stderr);
    let _d = env.start_daemon();
    let docs = env.json(&["docs", "list"]);
    assert_eq!(docs["documents"].as_array().unwrap().len(), 15);
    let junk = env.home().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    drop(_d);
    assert_eq!(
        env.run(&["admin", "restore", junk.to_str().unwrap()]).code,
        1
    );
}

#[test]
fn systemd_hears_ready_and_stopping() {
    let env = Env::new();
    let notify = env.home().join("notify.sock");
    let listener = UnixDatagram::bind(&notify).unwrap();
    listener
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut child = env
        .cgen()
        .arg("daemon")
        .env("NOTIFY_SOCKET", &notify)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Status lines (queue depth) may come before READY: read until it comes.
    let mut buf = [0u8; 512];
    let mut heard_ready = false;
    while let Ok(n) = listener.recv(&mut buf) {
        if String::from_utf8_lossy(&buf[..n]).contains("READY=1") {
            heard_ready = true;
            break;
        }
    }
    assert!(heard_ready);
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let mut heard_stopping = false;
    while let Ok(n) = listener.recv(&mut buf) {
        if String::from_utf8_lossy(&buf[..n]).contains("STOPPING=1") {
            heard_stopping = true;
            break;
        }
    }
    assert!(heard_stopping);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_socket_passed_by_systemd_is_served() {
    let env = Env::new();
    let socket = env.home().join("activated.sock");
    let mut activator = std::process::Command::new("systemd-socket-activate")
        .arg("-l")
        .arg(&socket)
        // The activator passes no environment unless told to.
        .arg(format!("--setenv=CGEN_HOME={}", env.home().display()))
        .arg(env!("CARGO_BIN_EXE_cgen"))
        .arg("daemon")
        .env("CGEN_HOME", env.home())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("systemd-socket-activate (package systemd)");
    let start = std::time::Instant::now();
    while !socket.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the activator never listened"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = env
        .cgen()
        .env("CGEN_SOCKET", &socket)
        .args(["--json", "status"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The activator execs the daemon in its own process, on the socket it listened on.
    assert_eq!(status["pid"].as_u64(), Some(u64::from(activator.id())));
    assert!(
        !env.socket().exists(),
        "the daemon made no socket of its own"
    );
    let _ = env
        .cgen()
        .env("CGEN_SOCKET", &socket)
        .args(["daemon", "stop"])
        .output();
    let _ = activator.kill();
    let _ = activator.wait();
}

#[test]
fn old_jobs_are_purged_and_backups_rotate() {
    let env = Env::with_config(
        "[retention]\nbackup_interval = \"300ms\"\nbackups_kept = 2\npurge_interval = \"0s\"\n",
    );
    let _d = env.start_daemon();
    assert_eq!(
        env.run(&["ingest", sample_kb().to_str().unwrap(), "--wait"])
            .code,
        0
    );
    let dry = env.json(&["admin", "purge", "--dry-run", "--older-than", "0s"]);
    assert_eq!(
        (dry["jobs"].as_u64(), dry["dry_run"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(
        env.json(&["jobs", "list"])["jobs"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "a dry run removes nothing"
    );
    let done = env.json(&["admin", "purge", "--older-than", "0s"]);
    assert_eq!(done["jobs"], 1);
    assert!(done["events"].as_u64().unwrap() >= 3);
    assert!(
        env.json(&["jobs", "list"])["jobs"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(env.run(&["admin", "vacuum"]).code, 0);
    // Backups every 300 ms, two kept. A backup being written is a third file until the
    // rotation that follows it, so sample until the steady state shows, and never more.
    let backups = env.home().join("state/backups");
    let finished = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.retain(|n| n.starts_with("cgen-") && n.ends_with(".db"));
        names.sort();
        names
    };
    let start = std::time::Instant::now();
    let mut first_seen = None;
    let mut most = 0;
    loop {
        let names = finished();
        most = most.max(names.len());
        first_seen = first_seen.or_else(|| names.first().cloned());
        // Rotated: two left, and the first backup ever taken is gone.
        if names.len() == 2 && first_seen.as_ref().is_some_and(|f| !names.contains(f)) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "backups never rotated: {names:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        most <= 3,
        "at most one backup beyond the two kept, while it is written: {most}"
    );
}

#[test]
fn under_systemd_the_journal_gets_the_daemons_lines() {
    let env = Env::new();
    let child = env
        .cgen()
        .arg("daemon")
        .env("JOURNAL_STREAM", "8:12345")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while std::os::unix::net::UnixStream::connect(env.socket()).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "daemon never served"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(env.run(&["daemon", "stop"]).code, 0);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("daemon serving") && stderr.contains("daemon stopped"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "no colour codes in the journal");
}

#[test]
fn a_full_disk_fails_jobs_clearly_keeps_the_daemon_up_and_loses_nothing() {
    let env = Env::with_config("[jobs]\nmax_attempts = 1\n");
    // A file-size limit stands in for a full disk: past 3 MiB a write fails with EFBIG (the
    // daemon ignores SIGXFSZ), as it would with ENOSPC, whatever the real disk holds.
    let limited = env.start_daemon_with(|c| {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe and touches only the child being started.
        unsafe {
            c.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: 3 << 20,
                    rlim_max: 3 << 20,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            })
        };
    });
    let kb = sample_kb();
    let out = env.run(&["ingest", kb.to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "the sample fits: {}", out.stderr);
    let big = env.home().join("big");
    common::write_corpus(&big, 3000);
    let out = env.run(&["ingest", big.to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 6, "the job fails: {}", out.stderr);
    assert!(
        out.stderr.contains("the database cannot be written"),
        "a clear error: {}",
        out.stderr
    );
    assert_eq!(env.run(&["ping"]).code, 0, "the daemon stays up");
    let health = env.run(&["health"]);
    assert_eq!(health.code, 1);
    assert!(
        health.stderr.contains("writable: a write failed"),
        "health says why: {}",
        health.stderr
    );
    let failed = env.json(&["jobs", "list", "--state", "failed"]);
    assert_eq!(failed["jobs"][0]["error"]["kind"], "storage", "{failed}");
    let (status, _) = limited.terminate();
    assert!(status.success(), "a clean stop");
    // Without the limit: the sample is all there and the database is sound.
    let _d = env.start_daemon();
    let docs = env.json(&["docs", "list", "--collection", "default", "--limit", "1000"]);
    let sample: Vec<&Value> = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["source"]
                .as_str()
                .is_some_and(|s| s.starts_with(kb.to_str().unwrap()))
        })
        .collect();
    assert_eq!(sample.len(), 15, "{docs}");
    let health = env.json(&["health"]);
    assert_eq!(health["checks"][0]["detail"], "quick_check ok", "{health}");
}

#[test]
fn audit_entries_past_their_retention_are_purged() {
    let env = Env::with_config("[retention]\naudit = \"3s\"\npurge_interval = \"300ms\"\n");
    let _d = env.start_daemon();
    env.make_key("short-lived", "viewer");
    let created = |env: &Env| -> usize {
        let audit = env.json(&["admin", "audit", "--since", "1h"]);
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["event"] == "key_created")
            .count()
    };
    assert_eq!(created(&env), 1, "the entry is there at first");
    eventually("the entry is purged after its retention", || {
        created(&env) == 0
    });
}
