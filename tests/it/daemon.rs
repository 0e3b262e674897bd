//! The daemon's life cycle through the real binary: autostart, start/stop/status/restart, one
//! daemon per socket, graceful shutdown on SIGTERM re-queuing what could not finish, a database
//! from a newer cgen refused, and the config commands.

use std::time::Duration;

use crate::common::fake_http::{FakeHttp, Response};
use crate::common::{self, Env};
use serde_json::Value;

#[test]
fn any_command_starts_the_daemon_and_daemon_stop_ends_it() {
    let env = Env::new();
    let out = env
        .cgen()
        .env_remove("CGEN_NO_AUTOSTART")
        .args(["--json", "status"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(status["queue"]["queued"], 0);
    // The command that started it says so, once, on stderr; the next one has nothing to say.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let note = format!("note: started the daemon (pid {})\n", status["pid"]);
    assert_eq!(stderr.matches(&note).count(), 1, "{stderr}");
    let again = common::outcome(
        env.cgen().env_remove("CGEN_NO_AUTOSTART").arg("status"),
        None,
    );
    assert!(
        !again.stderr.contains("started the daemon"),
        "{}",
        again.stderr
    );
    assert_eq!(env.run(&["daemon", "status"]).code, 0);
    // Starting again is a no-op that says so.
    let again = env.run(&["daemon", "start"]);
    assert!(again.stdout.contains("already running"), "{}", again.stdout);
    let stop = env.run(&["daemon", "stop"]);
    assert_eq!(stop.code, 0, "{}", stop.stderr);
    assert!(
        !env.socket().exists(),
        "the socket is removed on a clean stop"
    );
    let status = env.run(&["daemon", "status"]);
    assert_eq!(status.code, 7);
    assert!(status.stderr.contains("not running"), "{}", status.stderr);
    // Stopping a stopped daemon is not an error.
    assert_eq!(env.run(&["daemon", "stop"]).code, 0);
}

#[test]
fn daemon_start_and_restart_manage_a_background_daemon() {
    let env = Env::new();
    let start = env.run(&["daemon", "start"]);
    assert_eq!(start.code, 0, "{}", start.stderr);
    let pid1 = env.json(&["status"])["pid"].as_u64().unwrap();
    assert_eq!(env.run(&["daemon", "restart"]).code, 0);
    let pid2 = env.json(&["status"])["pid"].as_u64().unwrap();
    assert_ne!(pid1, pid2);
    assert_eq!(env.run(&["daemon", "stop"]).code, 0);
}

#[test]
fn a_second_daemon_on_the_same_socket_or_database_refuses_to_start() {
    let env = Env::new();
    let _first = env.start_daemon();
    // Same home: the database is taken.
    let second = env.run(&["daemon"]);
    assert_eq!(second.code, 1);
    assert!(
        second.stderr.contains("another cgen daemon is using"),
        "{}",
        second.stderr
    );
    // Another home but the same socket: the socket is taken, and it is not stolen.
    let other = Env::new();
    let out = other
        .cgen()
        .arg("daemon")
        .env("CGEN_SOCKET", env.socket())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already serving"), "{stderr}");
    // The first one is unharmed.
    assert_eq!(env.run(&["status"]).code, 0);
}

#[test]
fn sigterm_requeues_a_job_that_outlives_the_grace_period() {
    let env = Env::with_config(
        "[daemon]\nshutdown_grace = \"200ms\"\n\n[kb]\nallow_private_urls = [\"127.0.0.1\"]\n",
    );
    let daemon = env.start_daemon();
    let base = FakeHttp::start(|request| {
        // The first fetch outlives the grace period; the retry after restart is quick.
        Response::new(200, "text/plain", "Numbats live in western Australia.\n").delay(
            if request.n == 0 {
                Duration::from_secs(5)
            } else {
                Duration::ZERO
            },
        )
    })
    .url;
    let out = env.run(&["--json", "ingest", &format!("{base}/numbats.txt")]);
    let id = serde_json::from_str::<Value>(&out.stdout).unwrap()["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    let start = std::time::Instant::now();
    while env.json(&["jobs", "show", &id.to_string()])["state"] != "running" {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "job never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, _) = daemon.terminate();
    assert!(status.success(), "{status}");
    assert!(!env.socket().exists());

    let _daemon = env.start_daemon();
    let job = env.wait_job(id);
    assert_eq!(job["state"], "succeeded", "{job}");
    // The interrupted attempt did not count against the job.
    assert_eq!(job["attempts"], 1, "{job}");
}

#[test]
fn a_database_from_a_newer_cgen_is_refused() {
    let env = Env::new();
    drop(env.start_daemon());
    let conn = rusqlite::Connection::open(env.database()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let out = env.run(&["daemon"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("newer than this cgen supports"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_commands_work_without_a_daemon() {
    let env = Env::with_config("[jobs]\nconcurrency = 3\n");
    let show = env.run(&["config", "show"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(show.stdout.contains("concurrency = 3"), "{}", show.stdout);
    assert_eq!(env.run(&["config", "validate"]).code, 0);
    let bad = env.home().join("bad.toml");
    std::fs::write(&bad, "[jobs]\nconcurency = 3\n").unwrap();
    let out = env.run(&["config", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("concurency"), "{}", out.stderr);
    let paths = env.json(&["config", "path"]);
    assert_eq!(
        paths["socket"].as_str().unwrap(),
        env.socket().to_str().unwrap()
    );
    // A daemon refuses to start on an invalid config file.
    env.write_config("[limits]\nmax_request_bytes = 1\n");
    let out = env.run(&["daemon"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("limits.max_request_bytes"),
        "{}",
        out.stderr
    );
}

#[test]
fn commands_racing_to_autostart_share_one_daemon() {
    let env = Env::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            env.cgen()
                .env_remove("CGEN_NO_AUTOSTART")
                .args(["--json", "status"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut pids = Vec::new();
    let mut notes = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        notes += String::from_utf8_lossy(&out.stderr)
            .matches("started the daemon")
            .count();
        let status: Value = serde_json::from_slice(&out.stdout).unwrap();
        pids.push(status["pid"].as_u64().unwrap());
    }
    pids.dedup();
    assert_eq!(pids.len(), 1, "one daemon serves them all: {pids:?}");
    assert_eq!(
        notes, 1,
        "only the command whose daemon serves says it started one"
    );
    assert_eq!(env.run(&["daemon", "stop"]).code, 0);
    // No daemon that lost the race starts late once the winner is gone.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let lock = std::fs::File::open(env.home().join("data/cgen.db.lock")).unwrap();
    assert!(lock.try_lock().is_ok(), "a late daemon holds the database");
    assert_eq!(env.run(&["daemon", "status"]).code, 7);
}
