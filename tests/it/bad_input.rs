//! Bad input of every kind, at the socket and at the CLI: each case gets the exact error kind
//! and a helpful message, and the daemon keeps serving everyone else afterwards.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::{self, Conn, Env, error_kind};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Helpers

/// A fresh connection says hello and gets a successful `status`.
fn assert_still_serving(env: &Env) {
    let mut c = env.connect();
    let r = c.call("status", json!({}));
    assert!(
        r.get("result").is_some(),
        "status failed after bad input: {r}"
    );
    assert!(
        r.pointer("/result/pid").and_then(Value::as_u64).is_some(),
        "status without pid: {r}"
    );
}

/// Asserts `response` is an error of `kind` whose message mentions `needle` (any case);
/// returns the error object.
fn assert_error<'a>(response: &'a Value, kind: &str, needle: &str) -> &'a Value {
    assert_eq!(
        error_kind(response),
        Some(kind),
        "expected {kind}: {response}"
    );
    let error = &response["error"];
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.to_lowercase().contains(&needle.to_lowercase()),
        "message of {kind} should mention {needle:?}: {message}"
    );
    error
}

/// Asserts an `invalid_params` error whose `data.path` names `field`.
fn assert_invalid_field(response: &Value, field: &str) {
    let error = assert_error(response, "invalid_params", field);
    let path = error.pointer("/data/path").and_then(Value::as_str);
    assert!(
        path.is_some_and(|p| p.contains(field)),
        "data.path should name {field}: {response}"
    );
}

/// Sends one raw line and reads the one line that answers it.
fn send_line(conn: &mut Conn, line: &[u8]) -> Value {
    // The daemon may close as soon as it has answered; a failed write is not the test's concern.
    let _ = conn.send_raw(line);
    conn.read_line()
        .expect("the daemon closed without answering")
}

/// Writes `name` with `bytes` into `dir` and returns its path.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A small Markdown file that is certainly ingestible.
fn good_md(dir: &Path) -> PathBuf {
    write(
        dir,
        "good.md",
        b"# Good\n\nA perfectly ordinary note about gardening tomatoes.\n",
    )
}

/// Submits an ingest job through the CLI without waiting; returns its id.
fn submit_ingest(env: &Env, sources: &[&Path]) -> i64 {
    let mut args = vec!["ingest"];
    let sources: Vec<String> = sources.iter().map(|p| p.display().to_string()).collect();
    args.extend(sources.iter().map(String::as_str));
    let r = env.json(&args);
    r.pointer("/jobs/0/id")
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("no job id: {r}"))
}

/// Waits (at most a minute) for job `id` to finish, then returns `cgen --json jobs show ID`.
fn finished_job(env: &Env, id: i64) -> Value {
    let out = env.run(&["jobs", "wait", &id.to_string(), "--timeout", "60s"]);
    assert_ne!(
        out.code, 8,
        "job {id} still running after 60 s (is a source being read in full?)"
    );
    env.json(&["jobs", "show", &id.to_string()])
}

/// Ingests `sources`, waits for the job, and returns `cgen --json jobs show ID`.
fn ingest_and_show(env: &Env, sources: &[&Path]) -> Value {
    let id = submit_ingest(env, sources);
    finished_job(env, id)
}

/// The job succeeded; returns its result.
fn succeeded(job: &Value) -> &Value {
    assert_eq!(job["state"], "succeeded", "job did not succeed: {job}");
    &job["result"]
}

/// The reason given for skipping the source whose path ends with `name`.
fn skip_reason(result: &Value, name: &str) -> String {
    let skipped = result["skipped_sources"]
        .as_array()
        .unwrap_or_else(|| panic!("no skipped_sources: {result}"));
    let entry = skipped
        .iter()
        .find(|s| s["source"].as_str().is_some_and(|src| src.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} is not listed as skipped: {result}"));
    let reason = entry["reason"].as_str().unwrap_or_default().to_string();
    assert!(
        !reason.trim().is_empty(),
        "empty reason for {name}: {result}"
    );
    reason
}

// ---------------------------------------------------------------------------------------------
// Socket-level cases

#[test]
fn malformed_line_is_a_parse_error_and_closes_the_connection() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = env.connect();
    let r = send_line(&mut c, b"{not json\n");
    assert_error(&r, "parse_error", "json");
    assert_eq!(
        r["id"],
        Value::Null,
        "a line that is not JSON has no id: {r}"
    );
    assert!(
        c.is_closed(),
        "the connection should be closed after a parse error"
    );
    assert_still_serving(&env);
}

#[test]
fn oversized_line_is_refused_and_closes_the_connection() {
    let env = Env::with_config("[limits]\nmax_request_bytes = 4096\n");
    let _daemon = env.start_daemon();
    let mut c = env.connect();
    let query = "x".repeat(10 * 1024);
    let line = format!(
        "{}\n",
        json!({"jsonrpc": "2.0", "id": 1, "method": "kb.search", "params": {"query": query}})
    );
    let r = send_line(&mut c, line.as_bytes());
    assert_error(&r, "payload_too_large", "limit");
    assert!(
        c.is_closed(),
        "the connection should be closed after an oversized line"
    );
    assert_still_serving(&env);
}

#[test]
fn unknown_method_keeps_the_connection_usable() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = env.connect();
    let r = c.call_raw("jobs.explode", json!({}));
    assert_error(&r, "method_not_found", "jobs.explode");
    let r = c.call("status", json!({}));
    assert!(
        r.get("result").is_some(),
        "status on the same connection failed: {r}"
    );
    assert_still_serving(&env);
}

#[test]
fn invalid_params_name_the_offending_field() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = env.connect();
    // Unknown field.
    assert_invalid_field(&c.call("jobs.list", json!({"bogus": 1})), "bogus");
    // Missing required field.
    assert_error(&c.call("jobs.get", json!({})), "invalid_params", "id");
    // Mistyped fields.
    assert_invalid_field(&c.call("jobs.get", json!({"id": "seven"})), "id");
    assert_invalid_field(&c.call("kb.search", json!({"query": 5})), "query");
    // Out of range.
    assert_invalid_field(
        &c.call("kb.search", json!({"query": "tomatoes", "limit": 100_000})),
        "limit",
    );
    // Each of those left the connection usable.
    assert!(c.call("status", json!({})).get("result").is_some());
    assert_still_serving(&env);
}

#[test]
fn request_before_hello_is_unauthenticated_and_closes() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = Conn::open(&env.socket());
    let line = format!(
        "{}\n",
        json!({"jsonrpc": "2.0", "id": 1, "method": "status", "params": {}})
    );
    let r = send_line(&mut c, line.as_bytes());
    assert_error(&r, "unauthenticated", "hello");
    assert_eq!(r["id"], 1, "the error answers the request's id: {r}");
    assert!(
        c.is_closed(),
        "the connection should be closed after a request before hello"
    );
    assert_still_serving(&env);
}

#[test]
fn wrong_protocol_version_names_the_supported_one() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = Conn::open(&env.socket());
    let r = c.call("hello", json!({"protocol": 99, "client": "x"}));
    let error = assert_error(&r, "invalid_request", "protocol");
    let message = error["message"].as_str().unwrap();
    // The supported version is 1; take the rejected 99 out so it cannot satisfy the check.
    assert!(
        message.replace("99", "").contains('1'),
        "message should name version 1: {message}"
    );
    assert_eq!(error.pointer("/data/supported"), Some(&json!(1)), "{r}");
    assert!(c.is_closed(), "a failed hello should end the connection");
    assert_still_serving(&env);
}

#[test]
fn silent_client_gets_a_timeout_then_close() {
    let env = Env::with_config("[limits]\nhello_timeout = \"300ms\"\n");
    let _daemon = env.start_daemon();
    let mut c = Conn::open(&env.socket());
    // Send nothing: the daemon speaks first when the deadline passes.
    let r = c
        .read_line()
        .expect("the daemon closed without a timeout error");
    assert_error(&r, "timeout", "hello");
    assert!(
        c.is_closed(),
        "the connection should be closed after the hello deadline"
    );
    assert_still_serving(&env);
}

#[test]
fn many_concurrent_bad_clients_do_not_disturb_good_ones() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let garbage: [&[u8]; 5] = [
        b"{not json\n",
        b"\xff\xfe\x00\x01 not utf-8\n",
        b"[1, 2, 3]\n",
        b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"status\"",
        b"",
    ];
    let socket = env.socket();
    let bad: Vec<_> = (0..20)
        .map(|i| {
            let socket = socket.clone();
            let bytes = garbage[i % garbage.len()];
            std::thread::spawn(move || {
                for _ in 0..5 {
                    let mut c = Conn::open(&socket);
                    let _ = c.send_raw(bytes);
                    // Close half-way through, sometimes before the daemon answers.
                    drop(c);
                }
            })
        })
        .collect();
    let mut good = env.connect();
    let mut calls = 0;
    while calls < 20 || !bad.iter().all(|t| t.is_finished()) {
        let r = good.call("status", json!({}));
        assert!(
            r.get("result").is_some(),
            "status failed while bad clients ran: {r}"
        );
        calls += 1;
    }
    for t in bad {
        t.join().expect("a bad client thread panicked");
    }
    assert_still_serving(&env);
}

// ---------------------------------------------------------------------------------------------
// Jobs and the CLI

#[test]
fn missing_job_is_not_found_on_the_socket_and_in_the_cli() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = env.connect();
    let r = c.call("jobs.get", json!({"id": 999}));
    assert_error(&r, "not_found", "999");

    let show = env.run(&["jobs", "show", "999"]);
    assert_eq!(show.code, 3, "jobs show 999: {}", show.stderr);
    assert!(
        show.stderr.starts_with("error:") && show.stderr.contains("999"),
        "stderr: {}",
        show.stderr
    );
    let wait = env.run(&["jobs", "wait", "999"]);
    assert_eq!(wait.code, 3, "jobs wait 999: {}", wait.stderr);
    assert!(wait.stderr.starts_with("error:"), "stderr: {}", wait.stderr);
    assert_still_serving(&env);
}

#[test]
fn no_daemon_exits_7_with_a_hint() {
    let env = Env::new();
    let out = env.run(&["status"]);
    assert_eq!(out.code, 7, "stdout: {} stderr: {}", out.stdout, out.stderr);
    assert!(out.stderr.starts_with("error:"), "stderr: {}", out.stderr);
    assert!(
        out.stderr
            .contains("\nhint: start it with `cgen daemon start`"),
        "no hint how to start the daemon: {}",
        out.stderr
    );
    // Autostart was off by the environment, so the hint names it.
    assert!(
        out.stderr.contains("unset CGEN_NO_AUTOSTART"),
        "{}",
        out.stderr
    );
    let flag = common::outcome(
        env.cgen()
            .env_remove("CGEN_NO_AUTOSTART")
            .args(["--no-autostart", "status"]),
        None,
    );
    assert_eq!(flag.code, 7);
    assert!(
        flag.stderr.contains("leave out --no-autostart"),
        "{}",
        flag.stderr
    );
    // `ping` never starts one: its hint does not suggest that anything else would help.
    let ping = env.run(&["ping"]);
    assert_eq!(ping.code, 7, "{}", ping.stderr);
    assert!(
        ping.stderr
            .contains("hint: start it with `cgen daemon start`; this command never starts one"),
        "{}",
        ping.stderr
    );
    assert!(!ping.stderr.contains("autostart"), "{}", ping.stderr);
}

// ---------------------------------------------------------------------------------------------
// Ingest: bad sources are refused per source, never fatal to the batch

#[test]
fn missing_path_is_not_found_alone_and_is_skipped_in_a_batch() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    // Alone, nothing could be ingested: not found (exit 3) before anything is queued.
    let out = env.run(&["ingest", "/definitely/missing", "--wait"]);
    assert_eq!(out.code, 3, "stdout: {} stderr: {}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("no file or folder /definitely/missing"),
        "stderr: {}",
        out.stderr
    );
    let jobs = env.json(&["jobs", "list"]);
    assert_eq!(jobs["jobs"].as_array().unwrap().len(), 0, "{jobs}");

    let dir = tempfile::tempdir().unwrap();
    let good = good_md(dir.path());
    let missing = dir.path().join("missing.md");
    let job = ingest_and_show(&env, &[&good, &missing]);
    let result = succeeded(&job);
    assert_eq!(result["ingested"], 1, "{result}");
    let reason = skip_reason(result, "missing.md");
    assert!(
        reason.to_lowercase().contains("no such file"),
        "reason: {reason}"
    );
    assert_still_serving(&env);
}

#[test]
fn binary_files_are_refused_per_file() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let dir = tempfile::tempdir().unwrap();
    good_md(dir.path());
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend_from_slice(&rand::random::<[u8; 256]>());
    write(dir.path(), "picture.png", &png);
    write(
        dir.path(),
        "notes.md",
        b"# Looks like text\n\nbut\x00has\x00NUL\x00bytes\n",
    );

    let job = ingest_and_show(&env, &[dir.path()]);
    let result = succeeded(&job);
    assert_eq!(
        result["ingested"], 1,
        "only good.md should be ingested: {result}"
    );
    for name in ["picture.png", "notes.md"] {
        let reason = skip_reason(result, name);
        assert!(reason.to_lowercase().contains("binary"), "{name}: {reason}");
    }
    assert!(
        skip_reason(result, "picture.png").contains("PNG"),
        "{result}"
    );
    assert_still_serving(&env);
}

#[test]
fn oversized_file_is_refused_by_its_size() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let dir = tempfile::tempdir().unwrap();
    good_md(dir.path());
    // Sparse: no disk used; the daemon must refuse it from its size, not its content.
    let huge = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(2 << 30).unwrap();
    drop(huge);

    let job = ingest_and_show(&env, &[dir.path()]);
    let result = succeeded(&job);
    assert_eq!(result["ingested"], 1, "{result}");
    let reason = skip_reason(result, "huge.txt").to_lowercase();
    let names_limit = ["limit", "max_file_bytes", "64 mib", "67108864"]
        .iter()
        .any(|w| reason.contains(w));
    assert!(
        names_limit,
        "the reason should mention the size limit: {reason}"
    );
    assert!(
        !reason.contains("binary"),
        "refused by content, so it was read: {reason}"
    );
    assert_still_serving(&env);
}

#[test]
fn invalid_utf8_text_is_ingested_and_searchable() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "broken.md",
        b"# Title\n\nvalid text \xff\xfe more words here\n",
    );

    let job = ingest_and_show(&env, &[&file]);
    let result = succeeded(&job);
    assert_eq!(result["ingested"], 1, "{result}");
    let found = env.json(&["search", "words"]);
    let hits = found["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits array: {found}"));
    assert!(
        hits.iter().any(|h| h["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("broken.md"))),
        "broken.md not found by its valid words: {found}"
    );
    assert_still_serving(&env);
}

/// Gives a folder its permissions back even when the test fails, so the tempdir can go.
struct Restore(PathBuf);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn unreadable_folder_is_skipped_with_a_reason() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let dir = tempfile::tempdir().unwrap();
    good_md(dir.path());
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    write(&locked, "secret.md", b"# Secret\n\nNobody may read this.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let _restore = Restore(locked.clone());

    let job = ingest_and_show(&env, &[dir.path()]);
    let result = succeeded(&job);
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        // Root reads anything; everyone else must see the folder reported.
        let reason = skip_reason(result, "locked").to_lowercase();
        assert!(reason.contains("permission"), "reason: {reason}");
    }
    assert_still_serving(&env);
}

#[test]
fn unsupported_url_schemes_fail_the_job_with_the_scheme_named() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    for (url, scheme) in [
        ("file:///etc/passwd", "file"),
        ("ftp://example.com/x", "ftp"),
    ] {
        let out = env.run(&["--json", "ingest", url, "--wait"]);
        assert_eq!(
            out.code, 6,
            "{url}: stdout: {} stderr: {}",
            out.stdout, out.stderr
        );
        let job: Value =
            serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
        assert_eq!(job["state"], "failed", "{job}");
        let message = job
            .pointer("/error/message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_lowercase();
        // The message repeats the URL; the reason must add that its scheme is refused.
        let message = message.replace(url, "");
        assert!(
            message.contains("scheme") && message.contains(scheme),
            "{url}: the reason should name the unsupported scheme: {message}"
        );
    }
    assert_still_serving(&env);
}
