//! Crash safety: `kill -9` the daemon while ingest jobs run; on the next start the stale socket
//! is recovered, the interrupted job runs again, and every accepted job finishes.

use std::time::{Duration, Instant};

use crate::common::fake_http::{FakeHttp, Response};
use crate::common::{Env, write_corpus};
use serde_json::Value;

#[test]
fn jobs_interrupted_by_a_kill_run_again_and_finish() {
    // One job at a time, so the others are queued when the crash comes.
    let env =
        Env::with_config("[jobs]\nconcurrency = 1\n\n[kb]\nallow_private_urls = [\"127.0.0.1\"]\n");
    let daemon = env.start_daemon();
    // A slow upstream keeps the first job running until the kill.
    let base = FakeHttp::start(|_| {
        Response::new(
            200,
            "text/markdown",
            "# Slow page\n\nIt arrived eventually, with wombats.\n",
        )
        .delay(Duration::from_millis(1500))
    })
    .url;
    let mut ids = Vec::new();
    for i in 0..4 {
        let dir = env.home().join(format!("corpus{i}"));
        write_corpus(&dir, 50);
        let mut args = vec![
            "--json".to_string(),
            "ingest".into(),
            dir.display().to_string(),
        ];
        if i == 0 {
            args.push(format!("{base}/slow.md"));
        }
        let out = env.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(out.code, 0, "{}", out.stderr);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        ids.push(v["jobs"][0]["id"].as_i64().unwrap());
    }
    wait_until_running(&env, ids[0]);
    daemon.kill9();
    assert!(
        env.socket().exists(),
        "a killed daemon leaves its socket file behind"
    );

    let _daemon = env.start_daemon();
    for id in &ids {
        let job = env.wait_job(*id);
        assert_eq!(job["state"], "succeeded", "{job}");
    }
    let first = env.json(&["jobs", "show", &ids[0].to_string()]);
    assert_eq!(first["attempts"], 2, "{first}");
    let docs = env.json(&["docs", "list", "--limit", "1000"]);
    assert_eq!(docs["documents"].as_array().unwrap().len(), 4 * 50 + 1);
    assert_eq!(
        env.json(&["search", "wombats"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let log = env.run(&["--json", "jobs", "watch", &ids[0].to_string()]);
    assert!(
        log.stdout.contains("re-queued after the daemon stopped"),
        "{}",
        log.stdout
    );
}

fn wait_until_running(env: &Env, id: i64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if env.json(&["jobs", "show", &id.to_string()])["state"] == "running" {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("job {id} never started");
}
