//! Issue 13, points 8 and 9: one request may not exhaust the daemon's memory or CPU (template
//! bombs, deeply nested YAML, work left running after the client left), and nothing a remote
//! page or an ingested file says reaches a terminal as a control sequence.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{self, Env};

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

/// What a hostile page or file puts in its title and text: set the terminal title (OSC), clear
/// the screen (CSI), a C1 CSI, DEL, and a right-to-left override that reverses what follows.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}gnp.exe\u{2066}";

/// Whether `text` holds a byte or character a terminal would obey rather than show.
fn has_raw_controls(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Whether a string somewhere in `value` holds `text` unchanged.
fn holds(value: &Value, text: &str) -> bool {
    match value {
        Value::String(s) => s.contains(text),
        Value::Array(items) => items.iter().any(|v| holds(v, text)),
        Value::Object(map) => map.values().any(|v| holds(v, text)),
        _ => false,
    }
}

#[test]
fn titles_paths_and_text_reach_the_terminal_escaped() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let dir = env.home().join(format!("kb{HOSTILE}"));
    std::fs::create_dir_all(&dir).unwrap();
    // Three documents, so that their title is covered well enough to be listed as a topic.
    for n in 1..=3 {
        std::fs::write(
            dir.join(format!("wombat{n}{HOSTILE}.md")),
            format!(
                "# Wombat burrows {HOSTILE}\n\nWombat burrows {HOSTILE} are long tunnels dug \
                 by wombats, part {n}.\n\n## Wombat diet\n\nWombats eat grasses and roots.\n"
            ),
        )
        .unwrap();
    }
    let out = env.run(&["ingest", dir.to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "ingest: {}", out.stderr);
    assert!(
        !has_raw_controls(&out.stdout) && !has_raw_controls(&out.stderr),
        "{} {}",
        out.stdout,
        out.stderr
    );

    // An error from the daemon quotes the path it could not read: escaped too.
    let missing = dir.join(format!("missing{HOSTILE}.md"));
    let failed = env.run(&["ingest", missing.to_str().unwrap(), "--wait"]);
    assert!(failed.stderr.contains("0;pwned"), "{}", failed.stderr);
    assert!(!has_raw_controls(&failed.stderr), "{:?}", failed.stderr);

    let docs = env.json(&["docs", "list"]);
    let doc = &docs["documents"][0];
    let id = doc["id"].to_string();
    assert!(doc["title"].as_str().unwrap().contains(HOSTILE), "{doc}");
    let jobs = env.json(&["jobs", "list"]);
    let job = jobs["jobs"][0]["id"].to_string();

    // Each command, and whether its human output quotes the hostile title, path or text.
    for (args, quotes) in [
        (vec!["docs", "list"], true),
        (vec!["docs", "show", &id], true),
        (vec!["search", "wombat burrows"], true),
        (vec!["jobs", "list"], false),
        (vec!["jobs", "show", &job], true),
        (vec!["topics"], true),
    ] {
        let human = env.run(&args);
        assert_eq!(human.code, 0, "{args:?}: {}", human.stderr);
        assert!(
            !has_raw_controls(&human.stdout) && !has_raw_controls(&human.stderr),
            "{args:?} printed raw controls: {:?}",
            human.stdout
        );
        if quotes {
            // Shown as `\x1b]0;pwned\x07`, or `\u001b]0;pwned\u0007` where it prints JSON.
            let visible = ["\\x1b]0;pwned\\x07", "\\u001b]0;pwned\\u0007"]
                .iter()
                .any(|shown| human.stdout.contains(shown));
            assert!(visible, "{args:?}: {}", human.stdout);
        }
        if quotes {
            let exact = env.json(&args);
            assert!(
                holds(&exact, HOSTILE),
                "--json {args:?} changed the text: {exact}"
            );
        }
    }
}

/// Peak resident memory of a process in MiB, from /proc/PID/status.
fn peak_rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<u64>()
        .unwrap()
        / 1024
}

#[test]
fn template_bombs_cannot_take_the_daemons_memory() {
    let env = Env::new();
    let daemon = env.start_daemon();
    let user = env.make_key("writer", "user");
    let mut c = env.connect_with(&user);
    let bomb = "{% set l = [\"x\" * 1000000] * 1000 %}{{ l | join }}";
    let added = c.call("templates.add", json!({"name": "bomb", "source": bomb}));
    assert!(added.get("result").is_some(), "{added}");

    // Three at once, as three clients.
    let started = Instant::now();
    let renders: Vec<_> = (0..3)
        .map(|_| {
            let mut c = env.connect_with(&user);
            std::thread::spawn(move || c.call("templates.render", json!({"name": "bomb"})))
        })
        .collect();
    for render in renders {
        let r = render.join().unwrap();
        let message = r["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("{r}"));
        assert!(message.contains("template \"bomb\""), "{message}");
        assert!(message.contains("MiB of memory"), "{message}");
    }
    assert!(started.elapsed() < Duration::from_secs(30));
    let peak = peak_rss_mib(daemon.pid());
    assert!(peak < 250, "the daemon's memory peaked at {peak} MiB");

    // Ordinary user templates still render, in the same isolated way.
    let ok = c.call(
        "templates.add",
        json!({"name": "plain", "source": "# {{ article.title }}\n{{ vars.who }}"}),
    );
    assert!(ok.get("result").is_some(), "{ok}");
    let r = c.call(
        "templates.render",
        json!({"name": "plain", "vars": {"who": "me"}}),
    );
    assert_eq!(r["result"]["markdown"], "# Sample Article\nme\n", "{r}");
}

#[test]
fn a_client_that_leaves_does_not_leave_its_request_running() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let paused = env.run(&["queue", "pause"]);
    assert_eq!(paused.code, 0, "{}", paused.stderr);
    let file = env.home().join("waiting.md");
    std::fs::write(&file, "# Waiting\n\nA job that cannot start.\n").unwrap();
    let submitted = env.run(&["-q", "ingest", file.to_str().unwrap()]);
    let id: i64 = submitted
        .stdout
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{} {}", submitted.stdout, submitted.stderr));

    // A request that would run until the job ends, then the client goes away.
    let mut c = env.connect();
    let wait = json!({"jsonrpc": "2.0", "id": 1, "method": "jobs.wait", "params": {"id": id}});
    c.send_raw(format!("{wait}\n").as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    drop(c);

    let counted = "cgen_rpc_abandoned_total{method=\"jobs.wait\"} 1";
    common::eventually(
        "the daemon stops the request of the client that left",
        || env.run(&["metrics"]).stdout.contains(counted),
    );
    // A client that stays gets its answer as before.
    let status = env.run(&["status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
}
