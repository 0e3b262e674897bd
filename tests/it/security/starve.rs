//! Starving everyone (issue 13, point 7): idle authenticated connections, connections that
//! never say hello, one key holding many connections, a daemon that never answers the CLI,
//! and one key queueing unbounded work. Each test does what the attacker did and checks that
//! the others are still served.

use std::io::{BufRead, BufReader};
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{Conn, Env, error_kind, eventually};

/// A `jobs.submit` of `n` ingest jobs of `dir`.
fn ingest_jobs(dir: &std::path::Path, n: usize) -> Value {
    ingest_jobs_into(dir, "default", n)
}

fn ingest_jobs_into(dir: &std::path::Path, collection: &str, n: usize) -> Value {
    let job =
        json!({"spec": {"kind": "ingest", "params": {"sources": [dir], "collection": collection}}});
    json!({ "jobs": vec![job; n] })
}

/// A home whose `user` keys may ingest the folder `small_kb` makes, with this config beside.
fn env_for_user_ingests(config: &str) -> Env {
    let env = Env::new();
    let kb = env.home().join("kb");
    env.write_config(&format!("{config}[kb]\nallowed_roots = [{kb:?}]\n"));
    env
}

/// A folder holding one small Markdown file, to ingest.
fn small_kb(env: &Env) -> std::path::PathBuf {
    let dir = env.home().join("kb");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), "# A note\n\nSomething to index.\n").unwrap();
    dir
}

#[test]
fn idle_viewer_connections_stop_neither_the_admins_status_nor_daemon_stop() {
    let env = Env::with_config("[limits]\nmax_connections = 16\n");
    let daemon = env.start_daemon();
    let viewer = env.make_key("peeker", "viewer");
    // The viewer takes every slot there is for non-admin keys and says nothing more.
    let held: Vec<Conn> = (0..16).map(|_| env.connect_with(&viewer)).collect();
    let r = Conn::open(&env.socket()).hello(json!({"api_key": viewer}));
    assert_eq!(error_kind(&r), Some("rate_limited"), "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("limits.max_connections"),
        "{r}"
    );
    // The owner is still served, and stopping the daemon does not wait for the idle ones.
    let out = env.run(&["status"]);
    assert_eq!(out.code, 0, "status: {}", out.stderr);
    let started = Instant::now();
    let out = env.run(&["daemon", "stop"]);
    assert_eq!(out.code, 0, "daemon stop: {}", out.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "daemon stop took {:?}",
        started.elapsed()
    );
    let (status, _) = daemon.terminate();
    assert!(status.success(), "{status}");
    drop(held);
}

#[test]
fn silent_connections_before_hello_do_not_block_authenticated_clients() {
    // A hello deadline longer than the test: only the separate, bounded pool of waiting
    // connections can keep the silent ones from holding every slot.
    let env = Env::with_config(
        "[limits]\nmax_connections = 16\nmax_pending_connections = 8\nhello_timeout = \"120s\"\n",
    );
    let _daemon = env.start_daemon();
    let viewer = env.make_key("reader", "viewer");
    let silent: Vec<UnixStream> = (0..40)
        .map(|_| UnixStream::connect(env.socket()).expect("connect"))
        .collect();
    let out = env.run(&["status"]);
    assert_eq!(out.code, 0, "status: {}", out.stderr);
    let mut c = env.connect_with(&viewer);
    assert!(c.call("status", json!({})).get("result").is_some());
    // The oldest silent connection made room for newer ones, and was told why.
    let first = &silent[0];
    first
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut line = String::new();
    BufReader::new(first).read_line(&mut line).unwrap();
    assert!(
        line.contains("too many connections are waiting to say hello"),
        "{line}"
    );
}

#[test]
fn a_key_past_its_connection_cap_is_refused_and_others_are_not() {
    let env = Env::with_config("[limits]\nmax_connections_per_key = 3\n");
    let _daemon = env.start_daemon();
    let viewer = env.make_key("hoarder", "viewer");
    let other = env.make_key("neighbour", "viewer");
    let mut held: Vec<Conn> = (0..3).map(|_| env.connect_with(&viewer)).collect();
    let mut fourth = Conn::open(&env.socket());
    let r = fourth.hello(json!({"api_key": viewer}));
    assert_eq!(error_kind(&r), Some("rate_limited"), "{r}");
    assert!(
        r["error"]["data"]["retry_after_ms"].as_u64().is_some(),
        "{r}"
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("limits.max_connections_per_key"),
        "{r}"
    );
    assert!(fourth.is_closed());
    // Another key, and the owner, are not affected.
    let mut c = env.connect_with(&other);
    assert!(c.call("status", json!({})).get("result").is_some());
    assert_eq!(env.run(&["status"]).code, 0);
    // A connection closed gives its slot back.
    held.pop();
    eventually("a freed slot is taken again", || {
        let mut c = Conn::open(&env.socket());
        c.hello(json!({"api_key": viewer})).get("result").is_some()
    });
}

#[test]
fn an_idle_connection_is_closed_but_one_waiting_on_a_job_is_not() {
    let env = Env::with_config("[limits]\nidle_timeout = \"1s\"\n");
    let _daemon = env.start_daemon();
    let viewer = env.make_key("idler", "viewer");
    env.json(&["queue", "pause"]);
    let kb = small_kb(&env);
    let mut admin = env.connect();
    let r = admin.call("jobs.submit", ingest_jobs(&kb, 1));
    let id = r["result"]["jobs"][0]["id"].as_i64().expect("submitted");
    // A wait longer than the idle timeout is a call in progress, not idleness.
    let mut waiting = env.connect_with(&viewer);
    let r = waiting.call("jobs.wait", json!({"id": id, "timeout_ms": 2500}));
    assert_eq!(error_kind(&r), Some("timeout"), "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("has not finished"),
        "the wait's own deadline: {r}"
    );
    assert!(waiting.call("status", json!({})).get("result").is_some());
    // Then, silent past the idle timeout, it is closed with a clear line.
    let line = waiting.read_line().expect("a closing line");
    assert_eq!(error_kind(&line), Some("timeout"), "{line}");
    assert!(
        line["error"]["message"]
            .as_str()
            .unwrap()
            .contains("limits.idle_timeout"),
        "{line}"
    );
    assert!(waiting.is_closed());
}

#[test]
fn the_cli_gives_up_on_a_daemon_that_never_answers() {
    let env = Env::new();
    // A server of our own uid that accepts and never says a word.
    let socket = env.home().join("mute.sock");
    let listener = UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
        }
    });
    let run = |args: &[&str], vars: &[(&str, &str)]| {
        let mut cmd = env.cgen();
        cmd.env("CGEN_SOCKET", &socket)
            .env("CGEN_API_KEY", "cgk_not_a_real_key")
            .envs(vars.iter().copied())
            .args(args);
        let started = Instant::now();
        (crate::common::outcome(&mut cmd, None), started.elapsed())
    };
    let (out, took) = run(&["--call-timeout", "2s", "status"], &[]);
    assert_eq!(out.code, 8, "exit 8 (timed out): {}", out.stderr);
    assert!(out.stderr.contains("did not answer"), "{}", out.stderr);
    assert!(out.stderr.contains("--call-timeout"), "{}", out.stderr);
    assert!(took < Duration::from_secs(60), "{took:?}");
    let (out, _) = run(&["ping"], &[("CGEN_CALL_TIMEOUT", "1s")]);
    assert_eq!(out.code, 8, "the environment sets it too: {}", out.stderr);
}

#[test]
fn the_queued_jobs_cap_refuses_a_big_submit_and_keeps_earlier_jobs() {
    let env = env_for_user_ingests("[jobs]\nmax_queued_per_key = 20\n");
    let _daemon = env.start_daemon();
    let user = env.make_key("greedy", "user");
    env.json(&["queue", "pause"]);
    let kb = small_kb(&env);
    let mut c = env.connect_with(&user);
    let r = c.call("jobs.submit", ingest_jobs(&kb, 15));
    assert!(r.get("result").is_some(), "{r}");
    let r = c.call("jobs.submit", ingest_jobs(&kb, 10));
    assert_eq!(error_kind(&r), Some("rate_limited"), "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("jobs.max_queued_per_key"),
        "{r}"
    );
    assert_eq!(r["error"]["data"]["waiting"], 15, "{r}");
    // The refused submit queued nothing and touched nothing.
    let list = c.call("jobs.list", json!({"limit": 100}));
    let jobs = list["result"]["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 15, "{list}");
    assert!(jobs.iter().all(|j| j["state"] == "queued"), "{list}");
    // Up to the cap is fine; the operator is not capped.
    let r = c.call("jobs.submit", ingest_jobs(&kb, 5));
    assert!(r.get("result").is_some(), "{r}");
    let r = env.connect().call("jobs.submit", ingest_jobs(&kb, 30));
    assert!(r.get("result").is_some(), "{r}");
    // A quota counts jobs, not requests: one request of 10,000 is not one request's worth.
    let other = env.make_key("bulk", "user");
    let r = env
        .connect_with(&other)
        .call("jobs.submit", ingest_jobs(&kb, 10_000));
    assert_eq!(error_kind(&r), Some("invalid_params"), "{r}");
    assert!(
        r["error"]["message"].as_str().unwrap().contains("quota"),
        "{r}"
    );
}

#[test]
fn another_keys_job_runs_while_one_key_has_a_deep_queue() {
    let env = env_for_user_ingests("[jobs]\nconcurrency = 1\ningest_concurrency = 1\n");
    let _daemon = env.start_daemon();
    let user = env.make_key("latecomer", "user");
    env.json(&["queue", "pause"]);
    let kb = small_kb(&env);
    let r = env.connect().call("jobs.submit", ingest_jobs(&kb, 30));
    assert!(r.get("result").is_some(), "{r}");
    let r = env
        .connect_with(&user)
        .call("jobs.submit", ingest_jobs_into(&kb, "latecomer", 1));
    let late = r["result"]["jobs"][0]["id"].as_i64().expect("submitted");
    env.json(&["queue", "resume"]);
    env.wait_job(late);
    // Compare the order the jobs started in, from the event log: the late key's job started
    // second, right after the one job of the deep queue that was first.
    let db = rusqlite::Connection::open_with_flags(
        env.database(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let before: i64 = db
        .query_row(
            "SELECT count(DISTINCT job_id) FROM job_events WHERE kind = 'state'
               AND message LIKE 'running%' AND job_id <> ?1
               AND seq < (SELECT min(seq) FROM job_events WHERE job_id = ?1 AND kind = 'state'
                            AND message LIKE 'running%')",
            [late],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(before, 1, "jobs of the deep queue that started first");
}

#[test]
fn a_uid_past_its_connection_cap_is_refused_and_other_uids_are_not() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: running commands as uid 65534 needs root");
        return;
    }
    let env = Env::with_config(
        "[auth]\nallow_other_users = true\n[limits]\nmax_connections_per_uid = 2\n",
    );
    // uid 65534 reaches the socket through the home (traverse only) and, as group 0, the
    // 0750 socket folder.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let _daemon = env.start_daemon();
    // The documented 0660, whatever the umask made of it at bind time.
    std::fs::set_permissions(env.socket(), std::fs::Permissions::from_mode(0o660)).unwrap();
    let keys: Vec<String> = (0..3)
        .map(|i| env.make_key(&format!("other{i}"), "viewer"))
        .collect();
    env.json(&["queue", "pause"]);
    let kb = small_kb(&env);
    let r = env.connect().call("jobs.submit", ingest_jobs(&kb, 1));
    let id = r["result"]["jobs"][0]["id"]
        .as_i64()
        .expect("submitted")
        .to_string();
    let as_nobody = |key: &str, args: &[&str]| {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid", "65534", "--regid", "0", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_cgen"))
            .args(args)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("CGEN_HOME", env.home())
            .env("CGEN_NO_AUTOSTART", "1")
            .env("CGEN_KEYRING", "file")
            .env("NO_COLOR", "1")
            .env("CGEN_API_KEY", key);
        cmd
    };
    // Two streams of uid 65534, each with its own key, hold the uid's two slots.
    let watchers: Vec<std::process::Child> = keys[..2]
        .iter()
        .map(|key| {
            let mut child = as_nobody(key, &["--json", "jobs", "watch", &id])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("setpriv");
            let mut line = String::new();
            BufReader::new(child.stdout.as_mut().unwrap())
                .read_line(&mut line)
                .unwrap();
            assert!(line.contains("queued"), "the watch is connected: {line}");
            child
        })
        .collect();
    let out = crate::common::outcome(&mut as_nobody(&keys[2], &["status"]), None);
    assert_eq!(out.code, 5, "rate limited: {} {}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("limits.max_connections_per_uid"),
        "{}",
        out.stderr
    );
    // The same key from another uid is served.
    assert_eq!(env.run_as(&keys[2], &["status"]).code, 0);
    // When their job ends the streams end, and their slots are free again.
    env.json(&["queue", "resume"]);
    for mut w in watchers {
        let _ = w.wait();
    }
    eventually("the uid's slots are free again", || {
        crate::common::outcome(&mut as_nobody(&keys[2], &["status"]), None).code == 0
    });
}
