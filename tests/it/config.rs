//! Configuration through the real binary and a real daemon: profiles and environment overrides
//! with the origin of each setting, every bad key named at once, runtime reload by `cgen config
//! reload` and by SIGHUP (limits and the log level change in the running daemon, an invalid file
//! is refused and the old configuration stays), and feature flags.

use crate::common::{self, Env, eventually, free_port};
use serde_json::Value;

const PROFILES: &str = "[jobs]\nconcurrency = 2\n\n\
                        [profiles.prod.jobs]\nconcurrency = 8\n\n\
                        [profiles.dev.log]\nlevel = \"debug\"\n";

#[test]
fn a_profile_and_environment_overrides_select_the_daemons_settings() {
    let env = Env::with_config(PROFILES);
    let shown = env.run(&["--profile", "prod", "config", "show", "--effective"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown.stdout.contains("concurrency = 8  # profile prod"),
        "{}",
        shown.stdout
    );
    let with_env = env
        .cgen()
        .args(["--json", "config", "show", "--effective"])
        .env("CGEN_PROFILE", "prod")
        .env("CGEN_JOBS__INGEST_CONCURRENCY", "3")
        .output()
        .unwrap();
    let effective: Value = serde_json::from_slice(&with_env.stdout).unwrap();
    assert_eq!(effective["config"]["jobs"]["concurrency"], 8);
    assert_eq!(effective["config"]["jobs"]["ingest_concurrency"], 3);
    assert_eq!(
        effective["origins"]["jobs.ingest_concurrency"],
        "environment CGEN_JOBS__INGEST_CONCURRENCY"
    );
    let _d = env.start_daemon_with(|c| {
        c.args(["--profile", "prod"])
            .env("CGEN_JOBS__INGEST_CONCURRENCY", "3");
    });
    let queue = env.json(&["queue", "status"]);
    assert_eq!(queue["concurrency"], 8, "{queue}");
    let ingest = queue["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "ingest")
        .unwrap();
    assert_eq!(ingest["limit"], 3);
    let running = env.json(&["config", "show", "--running"]);
    assert_eq!(running["profile"], "prod");
    assert_eq!(running["config"]["jobs"]["concurrency"], 8);
}

#[test]
fn an_unknown_profile_or_a_bad_override_is_refused_by_name() {
    let env = Env::with_config(PROFILES);
    let out = env.run(&["--profile", "staging", "config", "show"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("unknown profile 'staging'")
            && out.stderr.contains("[profiles.prod], [profiles.dev]"),
        "{}",
        out.stderr
    );
    let out = env.run(&["--profile", "staging", "daemon"]);
    assert_eq!(out.code, 1, "a daemon never starts on an unknown profile");
    assert!(
        out.stderr.contains("unknown profile 'staging'"),
        "{}",
        out.stderr
    );
    let out = env
        .cgen()
        .args(["config", "validate"])
        .env("CGEN_JOBS__CONCURRENCY", "many")
        .env("CGEN_KB__MAX_FILES", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("jobs.concurrency (from environment CGEN_JOBS__CONCURRENCY): invalid type")
            && stderr
                .contains("kb.max_files (from environment CGEN_KB__MAX_FILES): must be positive"),
        "every bad setting, with its origin: {stderr}"
    );
}

/// Polls `probe` every 50 ms until it returns true, for at most 20 s.
/// The daemon's JSON log lines so far, all files together.
fn log_lines(env: &Env) -> Vec<Value> {
    let Ok(dir) = std::fs::read_dir(env.home().join("state/logs")) else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .flat_map(|text| {
            text.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect::<Vec<Value>>()
        })
        .collect()
}

fn reloads(env: &Env, outcome: &str) -> String {
    let text = env.run(&["metrics"]).stdout;
    let prefix = format!("cgen_config_reloads_total{{outcome=\"{outcome}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or("0")
        .to_string()
}

#[test]
fn config_reload_changes_limits_and_the_log_level_and_refuses_an_invalid_file() {
    let env = Env::with_config("[jobs]\nconcurrency = 2\n");
    let _d = env.start_daemon();
    assert_eq!(env.json(&["queue", "status"])["concurrency"], 2);
    env.write_config(
        "[jobs]\nconcurrency = 5\n[log]\nlevel = \"cgen=debug,info\"\n[limits]\nmax_connections = 9\n",
    );
    let r = env.json(&["config", "reload"]);
    assert_eq!(
        r["applied"],
        serde_json::json!(["jobs.concurrency", "log.level"]),
        "{r}"
    );
    assert_eq!(
        r["needs_restart"],
        serde_json::json!(["limits.max_connections"])
    );
    assert_eq!(env.json(&["queue", "status"])["concurrency"], 5);
    let running = env.json(&["config", "show", "--running"]);
    assert_eq!(running["config"]["log"]["level"], "cgen=debug,info");
    assert_eq!(
        running["config"]["limits"]["max_connections"], 256,
        "a setting that needs a restart keeps its running value"
    );
    // At debug level every hello is logged; at the start-up level (info) none was.
    assert_eq!(env.run(&["ping"]).code, 0);
    eventually("a debug line after the reload", || {
        log_lines(&env)
            .iter()
            .any(|l| l["level"] == "DEBUG" && l["message"] == "hello")
    });

    env.write_config("[jobs]\nconcurrency = 0\nconcurency = 4\n");
    let out = env.run(&["config", "reload"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("jobs.concurrency (from config file): must be between 1 and 256")
            && out
                .stderr
                .contains("jobs.concurency (from config file): unknown field")
            && out.stderr.contains("unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(env.run(&["ping"]).code, 0, "the daemon keeps serving");
    assert_eq!(
        env.json(&["queue", "status"])["concurrency"],
        5,
        "the old configuration stays"
    );
    assert_eq!(reloads(&env, "applied"), "1");
    assert_eq!(reloads(&env, "refused"), "1");
}

#[test]
fn sighup_reloads_the_file_and_keeps_serving_on_an_invalid_one() {
    let env = Env::with_config("[jobs]\nconcurrency = 2\n");
    let d = env.start_daemon();
    let hangup = || {
        // SAFETY: signalling our own child process.
        unsafe { libc::kill(d.pid() as i32, libc::SIGHUP) };
    };
    env.write_config("[jobs]\nconcurrency = 3\n");
    hangup();
    eventually("the new concurrency after SIGHUP", || {
        env.json(&["queue", "status"])["concurrency"] == 3
    });
    env.write_config("[jobs\nconcurrency = 4\n");
    hangup();
    eventually("a refused reload counted", || {
        reloads(&env, "refused") == "1"
    });
    assert_eq!(env.json(&["queue", "status"])["concurrency"], 3);
    assert!(
        log_lines(&env).iter().any(|l| l["message"]
            == "configuration reload refused; the old configuration stays"
            && l["trigger"] == "SIGHUP"),
        "the refusal is logged with its cause"
    );
    let (status, _) = d.terminate();
    assert!(status.success(), "SIGHUP never ends the daemon");
}

#[test]
fn feature_flags_are_listed_and_gate_the_metrics_listener() {
    let port = free_port();
    let env = Env::with_config(&format!(
        "[metrics]\nlisten = \"127.0.0.1:{port}\"\n[features]\nmetrics_listener = false\n"
    ));
    let _d = env.start_daemon();
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the listener is off while its flag is"
    );
    let flags = env.json(&["admin", "flags"]);
    let flag = |name: &str| {
        flags["flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no flag {name}: {flags}"))
    };
    let listener = flag("metrics_listener");
    assert_eq!(
        (
            &listener["enabled"],
            &listener["default"],
            &listener["reloadable"]
        ),
        (&Value::Bool(false), &Value::Bool(true), &Value::Bool(false))
    );
    assert_eq!(flag("response_cache")["enabled"], true);
    let text = env.run(&["admin", "flags"]).stdout;
    assert!(
        text.contains("response_cache") && text.contains("response cache"),
        "{text}"
    );

    env.write_config(&format!(
        "[metrics]\nlisten = \"127.0.0.1:{port}\"\n[features]\nresponse_cache = false\n"
    ));
    let r = env.json(&["config", "reload"]);
    assert_eq!(r["applied"], serde_json::json!(["features.response_cache"]));
    assert_eq!(
        r["needs_restart"],
        serde_json::json!(["features.metrics_listener"])
    );
    let flags = env.json(&["admin", "flags"]);
    assert_eq!(flags["flags"][1]["enabled"], false, "{flags}");
    assert_eq!(
        flags["flags"][0]["enabled"], false,
        "still off until a restart"
    );
}

#[test]
fn a_reload_puts_new_rate_limits_in_force() {
    let env = Env::new();
    let _d = env.start_daemon();
    let key_file = env.home().join("user.key");
    std::fs::write(&key_file, env.make_key("u", "user")).unwrap();
    let mut c = env.connect_with(std::fs::read_to_string(&key_file).unwrap().trim());
    let r = c.call("jobs.list", serde_json::json!({}));
    assert_eq!(r["meta"]["ratelimit"]["limit"], 2000, "{r}");
    env.write_config("[rate_limits]\nread = { per_second = 1, burst = 2 }\n");
    let r = env.json(&["config", "reload"]);
    assert_eq!(
        r["applied"],
        serde_json::json!(["rate_limits.read.burst", "rate_limits.read.per_second"]),
        "{r}"
    );
    let mut kinds = Vec::new();
    for _ in 0..3 {
        let r = c.call("jobs.list", serde_json::json!({}));
        kinds.push(common::error_kind(&r).unwrap_or("ok").to_string());
    }
    assert_eq!(
        kinds,
        ["ok", "ok", "rate_limited"],
        "the new quota holds on an open connection"
    );
}

#[test]
fn a_bad_setting_for_the_daemon_does_not_stop_a_command_to_a_running_one() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    env.write_config("[jobs]\nconcurrency = 0\n");
    let out = env.run(&["status"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // With no daemon answering, the config decides whether to start one, and its problem
    // is said.
    drop(_daemon);
    let out = env
        .cgen()
        .env_remove("CGEN_NO_AUTOSTART")
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("jobs.concurrency"), "{stderr}");
}
