//! Issue 13, points 8 and 9: one request may not exhaust the daemon's memory or CPU (template
//! bombs, deeply nested YAML, work left running after the client left), and nothing a remote
//! page or an ingested file says reaches a terminal as a control sequence.

use std::time::{Duration, Instant};

use serde_json::json;

use super::common::Env;

/// User plus system CPU time of a process, from /proc/PID/stat.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The command name in parentheses may hold spaces; fields are counted after it.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // USER_HZ is 100 on every Linux the tests run on.
    Duration::from_millis(ticks * 10)
}

#[test]
fn deeply_nested_front_matter_is_refused_in_milliseconds() {
    let env = Env::new();
    let daemon = env.start_daemon();
    let mut c = env.connect();
    let markdown = format!(
        "---\nkeywords: {}\n---\n# Title\n\nText.\n",
        "[".repeat(100_000)
    );
    let cpu_before = cpu_time(daemon.pid());
    let started = Instant::now();
    let r = c.call("quality.check", json!({"markdown": markdown}));
    let elapsed = started.elapsed();
    let cpu = cpu_time(daemon.pid()) - cpu_before;
    let checks = r["result"]["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    let check = checks.iter().find(|c| c["name"] == "front_matter").unwrap();
    assert_eq!(check["passed"], false, "{check}");
    let detail = check["detail"].as_str().unwrap();
    assert!(detail.contains("more than 128 levels deep"), "{detail}");
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert!(
        cpu < Duration::from_secs(2),
        "the daemon spent {cpu:?} of CPU"
    );

    // The same front matter in a file to ingest costs no more, and the daemon still serves.
    let file = env.home().join("nested.md");
    std::fs::write(&file, &markdown).unwrap();
    let out = env.run(&["ingest", file.to_str().unwrap(), "--wait"]);
    let cpu = cpu_time(daemon.pid()) - cpu_before;
    assert!(
        cpu < Duration::from_secs(4),
        "ingest took {cpu:?} of CPU: {}",
        out.stderr
    );
    assert!(c.call("status", json!({}))["result"].is_object());
}
