//! Security, end to end against a real daemon: the first-run bootstrap, every method for
//! every role and for no credential, expired, revoked and rotated keys, session tokens
//! (tampered, expired, revoked, foreign), brute force, a flood from one key, hostile input,
//! job ownership, the audit log and the OS keyring.

mod escape;
mod owners;
mod reach;
mod starve;
mod writes;

use std::time::Duration;

use crate::common::{Conn, Env, error_kind};
use serde_json::{Value, json};

use cgen::auth::Permission;
use cgen::daemon::methods;

fn ok(r: &Value) -> &Value {
    assert!(r.get("result").is_some(), "expected success: {r}");
    &r["result"]
}

fn hello_key(env: &Env, key: &str) -> (Conn, Value) {
    let mut c = Conn::open(&env.socket());
    let r = c.hello(json!({"api_key": key}));
    (c, r)
}

fn hello_session(env: &Env, token: &str) -> Value {
    Conn::open(&env.socket()).hello(json!({"session": token}))
}

/// A session token made through the CLI with this key.
fn session(env: &Env, key: &str, extra: &[&str]) -> String {
    let mut args = vec!["-q", "sessions", "create"];
    args.extend_from_slice(extra);
    let out = env.run_as(key, &args);
    assert_eq!(out.code, 0, "sessions create: {}", out.stderr);
    out.stdout.trim().to_string()
}

#[test]
fn the_first_command_bootstraps_an_admin_key_once() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let out = env.run(&["--json", "whoami"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("created the admin key"),
        "{}",
        out.stderr
    );
    let me: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(me["principal"]["role"], "admin");
    assert_eq!(me["principal"]["name"], "local-owner");
    // The key was kept 0600, and the second command uses it without a word.
    let file = env.home().join("config/credentials.json");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let again = env.run(&["whoami"]);
    assert_eq!(again.code, 0);
    assert!(!again.stderr.contains("created"), "{}", again.stderr);
    // Once a key exists, a hello without credentials is refused.
    let mut c = Conn::open(&env.socket());
    let r = c.hello(Value::Null);
    assert_eq!(error_kind(&r), Some("unauthenticated"), "{r}");
    assert!(c.is_closed());
    // The bootstrap is in the audit log.
    let audit = env.json(&["admin", "audit"]);
    let events: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(events.contains(&"bootstrap"), "{audit}");
    assert!(events.contains(&"auth_failed"), "{audit}");
}

#[test]
fn every_method_answers_every_role_as_its_permission_says() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let admin = env.admin_key();
    let user = env.make_key("u", "user");
    let viewer = env.make_key("v", "viewer");
    let mut count = 0;
    for (role, key) in [("viewer", &viewer), ("user", &user), ("admin", &admin)] {
        let mut c = env.connect_with(key);
        for m in methods::all() {
            // Shutting down is checked last, below.
            if m.name == "daemon.shutdown" && role == "admin" {
                continue;
            }
            let allowed = match m.permission {
                Permission::Read => true,
                Permission::Write => role != "viewer",
                Permission::Admin => role == "admin",
            };
            // Empty params: allowed calls fail on their params or succeed, never on access.
            let r = c.call(m.name, json!({}));
            let kind = error_kind(&r);
            if allowed {
                assert!(
                    !matches!(kind, Some("forbidden" | "unauthenticated")),
                    "{role} should reach {}: {r}",
                    m.name
                );
            } else {
                assert_eq!(
                    kind,
                    Some("forbidden"),
                    "{role} must not reach {}: {r}",
                    m.name
                );
            }
            count += 1;
        }
    }
    assert!(count > 100, "the table has every method: {count} calls");
    // No credential: nothing but hello is served.
    for m in methods::all() {
        let mut c = Conn::open(&env.socket());
        let r = c.call(m.name, json!({}));
        assert_eq!(error_kind(&r), Some("unauthenticated"), "{}: {r}", m.name);
    }
    let mut c = env.connect_with(&admin);
    ok(&c.call("daemon.shutdown", json!({})));
}

#[test]
fn expired_revoked_and_rotated_keys() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let short = env.make_key("short", "user");
    let out = env.run(&[
        "-q",
        "keys",
        "create",
        "brief",
        "--role",
        "viewer",
        "--expires",
        "1s",
    ]);
    let brief = out.stdout.trim().to_string();
    let (mut open_conn, r) = hello_key(&env, &brief);
    ok(&r);
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(
        error_kind(&hello_key(&env, &brief).1),
        Some("unauthenticated")
    );
    // A connection opened before the expiry is refused from then on.
    assert_eq!(
        error_kind(&open_conn.call("status", json!({}))),
        Some("unauthenticated")
    );

    // Revocation: new hellos fail, and so does an open connection's next request.
    let (mut live, r) = hello_key(&env, &short);
    let id = ok(&r)["principal"]["key_id"].as_str().unwrap().to_string();
    assert_eq!(env.run(&["keys", "revoke", &id]).code, 0);
    assert_eq!(
        error_kind(&hello_key(&env, &short).1),
        Some("unauthenticated")
    );
    assert_eq!(
        error_kind(&live.call("jobs.list", json!({}))),
        Some("unauthenticated")
    );
    let list = env.json(&["keys", "list"]);
    let state = list["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id.as_str())
        .unwrap();
    assert_eq!(state["state"], "revoked");

    // Rotation with a grace period: both secrets work; without one, only the new.
    let key = env.make_key("rot", "user");
    let id = ok(&hello_key(&env, &key).1)["principal"]["key_id"]
        .as_str()
        .unwrap()
        .to_string();
    let rotated = env.json(&["keys", "rotate", &id, "--grace", "1h"]);
    let new = rotated["secret"].as_str().unwrap().to_string();
    assert_ne!(new, key);
    ok(&hello_key(&env, &key).1);
    ok(&hello_key(&env, &new).1);
    let again = env.json(&["keys", "rotate", &id, "--grace", "0s"]);
    let newest = again["secret"].as_str().unwrap();
    assert_eq!(
        error_kind(&hello_key(&env, &key).1),
        Some("unauthenticated")
    );
    assert_eq!(
        error_kind(&hello_key(&env, &new).1),
        Some("unauthenticated")
    );
    ok(&hello_key(&env, newest).1);

    // The last admin key cannot be revoked.
    let admin_id = env.json(&["whoami"])["principal"]["key_id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env.run(&["keys", "revoke", &admin_id]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("last active admin key"),
        "{}",
        out.stderr
    );
}

#[test]
fn session_tokens_are_bounded_by_their_key_and_refused_when_bad() {
    // Many refusals on purpose: keep the brute-force gate out of the way.
    let env = Env::with_config("[auth]\nfailure_burst = 1000\n");
    let _daemon = env.start_daemon();
    let user = env.make_key("u", "user");
    // A viewer session from a user key has viewer powers.
    let token = session(&env, &user, &["--role", "viewer"]);
    let mut c = Conn::open(&env.socket());
    let r = c.hello(json!({"session": token}));
    assert_eq!(ok(&r)["principal"]["role"], "viewer");
    let submit =
        json!({"jobs": [{"spec": {"kind": "ingest", "params": {"sources": ["/nonexistent"]}}}]});
    assert_eq!(
        error_kind(&c.call("jobs.submit", submit)),
        Some("forbidden")
    );
    // No session more powerful than its key.
    let out = env.run_as(&user, &["sessions", "create", "--role", "admin"]);
    assert_eq!(out.code, 4, "{}", out.stderr);

    // Tampered: another payload under the same signature.
    let mut parts: Vec<&str> = token.split('.').collect();
    let forged_payload = parts[0].to_string();
    parts[1] = &forged_payload;
    assert_eq!(
        error_kind(&hello_session(&env, &parts.join("."))),
        Some("unauthenticated")
    );
    let mut flipped = token.clone().into_bytes();
    let last = flipped.len() - 2;
    flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();
    assert_eq!(
        error_kind(&hello_session(&env, &flipped)),
        Some("unauthenticated")
    );

    // Expired.
    let brief = session(&env, &user, &["--ttl", "1s"]);
    ok(&hello_session(&env, &brief));
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(
        error_kind(&hello_session(&env, &brief)),
        Some("unauthenticated")
    );

    // Revoked, also on a connection already open.
    let token = session(&env, &user, &[]);
    let mut live = Conn::open(&env.socket());
    let id = ok(&live.hello(json!({"session": token})))["principal"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env.run_as(&user, &["sessions", "revoke", &id]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        error_kind(&hello_session(&env, &token)),
        Some("unauthenticated")
    );
    assert_eq!(
        error_kind(&live.call("status", json!({}))),
        Some("unauthenticated")
    );

    // A token of another daemon.
    let other = Env::new();
    let _other_daemon = other.start_daemon();
    let foreign = session(&other, &other.admin_key(), &[]);
    assert_eq!(
        error_kind(&hello_session(&env, &foreign)),
        Some("unauthenticated")
    );
    // Every refusal is audited with its reason.
    let audit = env.json(&["admin", "audit", "--limit", "1000"]);
    let reasons: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "auth_failed")
        .filter_map(|e| e["detail"]["reason"].as_str())
        .collect();
    for reason in ["bad_token", "expired", "revoked"] {
        assert!(
            reasons.contains(&reason),
            "{reason} missing from {reasons:?}"
        );
    }
}

#[test]
fn a_saved_session_is_used_before_the_key() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    env.admin_key();
    let out = env.run(&["sessions", "create", "--role", "viewer", "--save"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let me = env.json(&["whoami"]);
    assert_eq!(me["principal"]["role"], "viewer");
    assert!(me["principal"]["session_id"].is_string(), "{me}");
    assert_eq!(env.run(&["logout", "--session"]).code, 0);
    assert_eq!(env.json(&["whoami"])["principal"]["role"], "admin");
}

#[test]
fn guessing_is_slowed_audited_and_then_shut_out() {
    let env = Env::with_config(
        "[auth]\nfailure_burst = 3\nfailure_window = \"1h\"\nfailure_delay = \"100ms\"\n",
    );
    let _daemon = env.start_daemon();
    let admin = env.admin_key();
    let wrong = format!("{}0000", &admin[..admin.len() - 4]);
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let (mut c, r) = hello_key(&env, &wrong);
        assert_eq!(error_kind(&r), Some("unauthenticated"), "{r}");
        assert!(
            started.elapsed() >= Duration::from_millis(100),
            "answered before the delay"
        );
        assert!(c.is_closed());
    }
    // Shut out: even the right key is refused for a while, with when to come back.
    let (_, r) = hello_key(&env, &wrong);
    assert_eq!(error_kind(&r), Some("rate_limited"), "{r}");
    let (_, r) = hello_key(&env, &admin);
    assert_eq!(error_kind(&r), Some("rate_limited"), "{r}");
    assert!(
        r["error"]["data"]["retry_after_ms"].as_u64().unwrap() > 1000,
        "{r}"
    );
    let wrong_prefix = hello_key(&env, "sk-abc").1;
    assert_eq!(error_kind(&wrong_prefix), Some("rate_limited"));
    // The CLI says so with exit code 5.
    let out = env.run(&["status"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
}

/// The CLI sends its first call right behind `hello`: the call runs only once `hello` is
/// accepted, and never after a refused one.
#[test]
fn a_request_sent_behind_hello_runs_only_after_hello_is_accepted() {
    let env = Env::with_config("[auth]\nfailure_delay = \"10ms\"\n");
    let _daemon = env.start_daemon();
    let admin = env.admin_key();
    let line = |id: u64, method: &str, params: Value| {
        format!(
            "{}\n",
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        )
    };
    let hello = |key: &str| {
        line(
            1,
            "hello",
            json!({"protocol": 1, "client": "test/1", "auth": {"api_key": key}}),
        )
    };
    let submit =
        json!({"jobs": [{"spec": {"kind": "ingest", "params": {"sources": ["/nonexistent"]}}}]});

    let mut c = Conn::open(&env.socket());
    let both = hello(&admin) + &line(2, "queue.pause", json!({}));
    c.send_raw(both.as_bytes()).unwrap();
    let answers = [c.read_line().unwrap(), c.read_line().unwrap()];
    assert_eq!(
        answers.each_ref().map(|a| a["id"].as_u64()),
        [Some(1), Some(2)]
    );
    assert_eq!(answers[1]["result"]["paused"], true, "{}", answers[1]);

    let wrong = format!("{}0000", &admin[..admin.len() - 4]);
    let mut c = Conn::open(&env.socket());
    let both = hello(&wrong) + &line(2, "jobs.submit", submit);
    c.send_raw(both.as_bytes()).unwrap();
    let refused = c.read_line().unwrap();
    assert_eq!(refused["id"], 1);
    assert_eq!(error_kind(&refused), Some("unauthenticated"), "{refused}");
    assert!(c.is_closed(), "the connection ends with the refused hello");
    let jobs = env.json(&["jobs", "list"]);
    assert_eq!(jobs["jobs"].as_array().map(Vec::len), Some(0), "{jobs}");
}

#[test]
fn keys_with_the_wrong_shape_are_refused() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    env.admin_key();
    for bad in ["sk-live-123", "cgen_", "cgen_zz_zz", ""] {
        let (_, r) = hello_key(&env, bad);
        assert_eq!(error_kind(&r), Some("unauthenticated"), "{bad}: {r}");
    }
    let out = env
        .cgen()
        .arg("status")
        .env("CGEN_API_KEY", "cgen_nope")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CGEN_API_KEY"),
        "says where the key came from: {stderr}"
    );
}

#[test]
fn a_flooding_key_is_limited_and_another_key_is_not() {
    let env = Env::with_config("[rate_limits]\nread = { per_second = 20, burst = 20 }\n");
    let _daemon = env.start_daemon();
    let flooder = env.make_key("flood", "user");
    let calm = env.make_key("calm", "user");
    let mut f = env.connect_with(&flooder);
    let mut limited = None;
    for _ in 0..200 {
        let r = f.call("jobs.list", json!({}));
        if error_kind(&r) == Some("rate_limited") {
            limited = Some(r);
            break;
        }
        assert!(r["meta"]["ratelimit"]["limit"] == 20, "{r}");
    }
    let r = limited.expect("the flood was never limited");
    assert!(
        r["error"]["data"]["retry_after_ms"].as_u64().unwrap() >= 1,
        "{r}"
    );
    assert_eq!(r["meta"]["ratelimit"]["remaining"], 0, "{r}");
    let mut c = env.connect_with(&calm);
    let r = c.call("jobs.list", json!({}));
    ok(&r);
    assert!(
        r["meta"]["ratelimit"]["remaining"].as_u64().unwrap() >= 18,
        "{r}"
    );
    // The rate-limited requests are counted.
    let metrics = c.call("metrics", json!({}));
    let text = ok(&metrics)["text"].as_str().unwrap();
    assert!(
        text.contains(r#"cgen_rate_limited_total{class="read",scope="key"}"#),
        "{text}"
    );
}

#[test]
fn the_cli_waits_out_a_short_rate_limit_once() {
    let env = Env::with_config("[rate_limits]\nread = { per_second = 1, burst = 1 }\n");
    let _daemon = env.start_daemon();
    let key_file = env.home().join("user.key");
    std::fs::write(&key_file, env.make_key("slow", "user")).unwrap();
    let key_file = key_file.display().to_string();
    let list = |env: &Env| env.run(&["--key-file", &key_file, "jobs", "list"]);
    assert_eq!(list(&env).code, 0);
    // The quota is spent: the daemon asks for about a second, which the CLI waits out.
    let started = std::time::Instant::now();
    let out = list(&env);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "no wait: {:?}",
        started.elapsed()
    );
}

#[test]
fn huge_and_deeply_nested_requests_are_refused_and_the_daemon_stays_up() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let admin = env.admin_key();
    // 100 MB on one line.
    let mut c = env.connect_with(&admin);
    let mut line = br#"{"jsonrpc":"2.0","id":1,"method":"status","params":{"x":""#.to_vec();
    line.extend(std::iter::repeat_n(b'a', 100 << 20));
    line.extend(b"\"}}\n");
    let _ = c.send_raw(&line);
    // The daemon may close before the whole line is written: refused all the same.
    if let Some(r) = c.read_line() {
        assert_eq!(error_kind(&r), Some("payload_too_large"), "{r}");
    }
    // 100,000 levels of nesting.
    let mut c = env.connect_with(&admin);
    let deep = format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"status\",\"params\":{}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let r = {
        c.send_raw(deep.as_bytes()).unwrap();
        c.read_line().expect("an answer")
    };
    assert_eq!(error_kind(&r), Some("parse_error"), "{r}");
    ok(&env.connect_with(&admin).call("status", json!({})));
}

#[test]
fn users_see_and_steer_only_their_own_jobs() {
    // Users ingest local paths only under the allowed roots (tests/it/security/reach.rs).
    let env = Env::with_config("[kb]\nallowed_roots = [\"/nonexistent\"]\n");
    let _daemon = env.start_daemon();
    let alice = env.make_key("alice", "user");
    let bob = env.make_key("bob", "user");
    let viewer = env.make_key("watch", "viewer");
    ok(&env.connect().call("queue.pause", json!({})));
    let mut a = env.connect_with(&alice);
    let submit = json!({"jobs": [{"spec": {"kind": "ingest", "params": {"sources": ["/nonexistent"]}}, "idempotency_key": "k1"}]});
    let id = ok(&a.call("jobs.submit", submit.clone()))["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    let mut b = env.connect_with(&bob);
    assert_eq!(
        error_kind(&b.call("jobs.get", json!({"id": id}))),
        Some("not_found")
    );
    assert_eq!(
        error_kind(&b.call("jobs.cancel", json!({"id": id}))),
        Some("not_found")
    );
    assert_eq!(
        ok(&b.call("jobs.list", json!({})))["jobs"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // Another key's idempotency key is neither shared nor revealed (into a collection of
    // bob's own: alice's first ingest made `default` hers).
    let mut submit = submit;
    submit["jobs"][0]["spec"]["params"]["collection"] = json!("bobs");
    assert_eq!(error_kind(&b.call("jobs.submit", submit)), Some("conflict"));
    let mut v = env.connect_with(&viewer);
    assert_eq!(
        ok(&v.call("jobs.list", json!({})))["jobs"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        error_kind(&v.call("jobs.cancel", json!({"id": id}))),
        Some("forbidden")
    );
    let job = ok(&a.call("jobs.get", json!({"id": id}))).clone();
    assert_eq!(job["owner"].as_str().unwrap().len(), 12, "{job}");
    ok(&a.call("jobs.cancel", json!({"id": id})));
}

#[test]
fn templates_belong_to_the_key_that_added_them() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let alice = env.make_key("alice", "user");
    let bob = env.make_key("bob", "user");
    let source = "# {{ article.title }}\n";
    let add = json!({"name": "mine", "source": source});
    ok(&env.connect_with(&alice).call("templates.add", add.clone()));
    let mut b = env.connect_with(&bob);
    assert_eq!(error_kind(&b.call("templates.add", add)), Some("forbidden"));
    assert_eq!(
        error_kind(&b.call("templates.rm", json!({"name": "mine"}))),
        Some("forbidden")
    );
    // Built-ins are shared: only an admin may override them.
    let builtin = json!({"name": "blog", "source": source});
    assert_eq!(
        error_kind(&b.call("templates.add", builtin)),
        Some("forbidden")
    );
    ok(&env
        .connect_with(&alice)
        .call("templates.rm", json!({"name": "mine"})));
}

#[test]
fn admin_calls_are_audited_with_their_outcome() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    env.make_key("ci", "user");
    assert_eq!(env.run(&["queue", "pause"]).code, 0);
    let audit = env.json(&["admin", "audit", "--since", "1h"]);
    let calls: Vec<(&str, &str)> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "admin_call")
        .map(|e| {
            (
                e["method"].as_str().unwrap(),
                e["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(calls.contains(&("queue.pause", "ok")), "{calls:?}");
    assert!(calls.contains(&("keys.create", "ok")), "{calls:?}");
    let key_id = env.json(&["whoami"])["principal"]["key_id"]
        .as_str()
        .unwrap()
        .to_string();
    let mine = env.json(&["admin", "audit", "--key", &key_id]);
    assert!(!mine["entries"].as_array().unwrap().is_empty());
    let out = env.run(&["admin", "audit", "--since", "yesterday-ish"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

/// The real OS keyring (the Linux kernel keyring here): the bootstrap key goes there, is read
/// back from there, and `logout` takes it away again.
#[test]
fn keys_live_in_the_os_keyring_when_asked() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let keyring = |args: &[&str]| {
        let out = env
            .cgen()
            .args(args)
            .env("CGEN_KEYRING", "keyring")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, stderr) = keyring(&["whoami"]);
    if stderr.contains("keyring is not available") {
        eprintln!("skipped: no OS keyring on this machine: {stderr}");
        return;
    }
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("the OS keyring"), "{stderr}");
    assert!(!env.home().join("config/credentials.json").exists());
    let (code, stdout, stderr) = keyring(&["whoami"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("credential from the OS keyring"),
        "{stdout}"
    );
    let (code, stdout, _) = keyring(&["logout"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("removed from the OS keyring"), "{stdout}");
    let (code, _, stderr) = keyring(&["whoami"]);
    assert_eq!(code, 4, "{stderr}");
}

#[test]
fn login_checks_a_key_before_keeping_it_and_secrets_stay_out_of_the_logs() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let key = env.make_key("me", "viewer");
    // A key that does not work is refused and not kept.
    let bad = env.run_with_stdin(&["login", "--stdin"], "cgen_000000000000_0000\n");
    assert_eq!(bad.code, 4, "{}", bad.stderr);
    // The refusal blames what was given, not CGEN_API_KEY.
    assert!(
        bad.stderr.contains("the key given to `cgen login`"),
        "{}",
        bad.stderr
    );
    assert_eq!(env.json(&["whoami"])["principal"]["role"], "admin");
    // A good one replaces the kept key.
    let good = env.run_with_stdin(&["login", "--stdin"], &format!("{key}\n"));
    assert_eq!(good.code, 0, "{}", good.stderr);
    assert_eq!(env.json(&["whoami"])["principal"]["role"], "viewer");
    // --key-file works for login too.
    let file = env.home().join("admin.key");
    let admin_out = env.run(&["logout"]);
    assert_eq!(admin_out.code, 0);
    std::fs::write(&file, &key).unwrap();
    let out = env.run(&["login", "--key-file", &file.display().to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // No secret reached the daemon's logs.
    let logs = env.home().join("state/logs");
    for entry in std::fs::read_dir(&logs).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        let secret = key.rsplit('_').next().unwrap();
        assert!(!text.contains(secret), "a secret in the log: {text}");
    }
}

#[test]
fn nothing_outlives_what_it_was_made_from() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let key = env.make_key("ci", "user");

    // A session made with a short session ends with it, whatever ttl it asks for.
    let parent = env.run_as(&key, &["--json", "sessions", "create", "--ttl", "1m"]);
    assert_eq!(parent.code, 0, "{}", parent.stderr);
    let parent: Value = serde_json::from_str(&parent.stdout).unwrap();
    let token = parent["token"].as_str().unwrap();
    let child = env.run_as(token, &["--json", "sessions", "create", "--ttl", "7d"]);
    assert_eq!(child.code, 0, "{}", child.stderr);
    let child: Value = serde_json::from_str(&child.stdout).unwrap();
    assert_eq!(
        child["session"]["expires_at"], parent["session"]["expires_at"],
        "{child}"
    );

    // A connection opened with the previous secret during a rotation's grace period is
    // refused once the grace period is over.
    let id = ok(&hello_key(&env, &key).1)["principal"]["key_id"]
        .as_str()
        .unwrap()
        .to_string();
    env.json(&["keys", "rotate", &id, "--grace", "1s"]);
    let (mut old, r) = hello_key(&env, &key);
    ok(&r);
    ok(&old.call("status", json!({})));
    std::thread::sleep(Duration::from_millis(1300));
    assert_eq!(
        error_kind(&old.call("status", json!({}))),
        Some("unauthenticated")
    );
}

#[test]
fn a_misspelt_keyring_policy_is_refused_not_guessed() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let out = env
        .cgen()
        .env("CGEN_KEYRING", "files")
        .arg("whoami")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CGEN_KEYRING=\"files\" is not a keyring policy"),
        "{stderr}"
    );
    assert!(
        !env.home().join("config/credentials.json").exists(),
        "nothing was kept anywhere"
    );
}
