//! The job queue through the real CLI and a real daemon: ingest and search, idempotency,
//! priorities, steering (pause, resume, cancel, retry, rm), waits and their exit codes,
//! watching, retries of transient failures with backoff, deadlines, and the queue's pause flag
//! surviving a restart.

use std::time::Duration;

use crate::common::fake_http::{FakeHttp, Response};
use crate::common::{Env, sample_kb, write_corpus};
use serde_json::{Value, json};

fn submit_ingest(env: &Env, args: &[&str]) -> i64 {
    let mut all = vec!["--json", "ingest"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert_eq!(out.code, 0, "ingest {args:?}: {}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    v["jobs"][0]["id"].as_i64().unwrap()
}

#[test]
fn ingest_the_sample_then_search_it_then_skip_it_unchanged() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    let out = env.run(&["ingest", kb.to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let hits = env.json(&["search", "restic snapshot", "--limit", "3"]);
    let first = &hits["hits"][0];
    assert!(first["source"].as_str().unwrap().ends_with(".md"), "{hits}");
    assert!(
        first["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("[restic]"),
        "{hits}"
    );
    assert!(first["score"].as_f64().unwrap() > 0.0);

    let id = submit_ingest(&env, &[kb.to_str().unwrap()]);
    let job = env.wait_job(id);
    assert_eq!(job["state"], "succeeded");
    assert_eq!(job["result"]["ingested"], 0, "{job}");
    assert!(job["result"]["unchanged"].as_u64().unwrap() >= 12, "{job}");
}

#[test]
fn an_idempotency_key_returns_the_first_job() {
    let env = Env::new();
    let _d = env.start_daemon();
    env.json(&["queue", "pause"]);
    let kb = sample_kb();
    let first = submit_ingest(
        &env,
        &[kb.to_str().unwrap(), "--idempotency-key", "nightly-1"],
    );
    let out = env.run(&[
        "--json",
        "ingest",
        kb.to_str().unwrap(),
        "--idempotency-key",
        "nightly-1",
    ]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["jobs"][0]["id"].as_i64().unwrap(), first);
    assert_eq!(v["jobs"][0]["existing"], true);
    let other = submit_ingest(
        &env,
        &[kb.to_str().unwrap(), "--idempotency-key", "nightly-2"],
    );
    assert_ne!(other, first);
}

#[test]
fn higher_priority_runs_first() {
    let env = Env::with_config("[jobs]\nconcurrency = 1\n");
    let _d = env.start_daemon();
    env.json(&["queue", "pause"]);
    let kb = sample_kb();
    let kb = kb.to_str().unwrap();
    let low = submit_ingest(&env, &[kb, "-c", "low", "--priority", "-5"]);
    let high = submit_ingest(&env, &[kb, "-c", "high", "--priority", "10"]);
    let mid = submit_ingest(&env, &[kb, "-c", "mid"]);
    env.json(&["queue", "resume"]);
    let started = |id| env.wait_job(id)["started_at"].as_str().unwrap().to_string();
    let (l, h, m) = (started(low), started(high), started(mid));
    assert!(h < m && m < l, "started high {h}, mid {m}, low {l}");
}

#[test]
fn steering_a_job_through_its_states() {
    let env = Env::new();
    let _d = env.start_daemon();
    env.json(&["queue", "pause"]);
    let kb = sample_kb();
    let id = submit_ingest(&env, &[kb.to_str().unwrap()]).to_string();
    assert_eq!(env.json(&["jobs", "pause", &id])["state"], "paused");
    assert_eq!(env.json(&["jobs", "resume", &id])["state"], "queued");
    // A queued job cannot be removed: it has not finished.
    let out = env.run(&["jobs", "rm", &id]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("queued"), "{}", out.stderr);
    assert_eq!(env.json(&["jobs", "cancel", &id])["state"], "cancelled");
    assert_eq!(env.run(&["jobs", "wait", &id]).code, 6);
    // Pausing a cancelled job is a conflict, not a silent no-op.
    assert_eq!(env.run(&["jobs", "pause", &id]).code, 1);
    assert_eq!(env.json(&["jobs", "retry", &id])["state"], "queued");
    env.json(&["queue", "resume"]);
    assert_eq!(env.run(&["jobs", "wait", &id, "--timeout", "60s"]).code, 0);
    env.json(&["jobs", "rm", &id]);
    assert_eq!(env.run(&["jobs", "show", &id]).code, 3);
}

#[test]
fn waiting_past_the_timeout_exits_8() {
    let env = Env::new();
    let _d = env.start_daemon();
    env.json(&["queue", "pause"]);
    let kb = sample_kb();
    let id = submit_ingest(&env, &[kb.to_str().unwrap()]).to_string();
    let out = env.run(&["jobs", "wait", &id, "--timeout", "200ms"]);
    assert_eq!(out.code, 8, "{}", out.stderr);
}

#[test]
fn the_queue_pause_survives_a_restart() {
    let env = Env::new();
    let d = env.start_daemon();
    env.json(&["queue", "pause"]);
    let (status, _) = d.terminate();
    assert!(status.success());
    let _d = env.start_daemon();
    assert_eq!(env.json(&["queue", "status"])["paused"], true);
}

#[test]
fn watch_streams_the_job_log_as_ndjson() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    let id = submit_ingest(&env, &[kb.to_str().unwrap()]);
    let out = env.run(&["--json", "jobs", "watch", &id.to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let states: Vec<&str> = lines
        .iter()
        .filter(|e| e["kind"] == "state")
        .filter_map(|e| e["data"]["state"].as_str())
        .collect();
    assert_eq!(states, ["queued", "running", "succeeded"], "{}", out.stdout);
    assert!(lines.iter().any(|e| e["kind"] == "progress"));
    let last = lines.last().unwrap();
    assert_eq!(
        (last["id"].as_i64(), &last["state"]),
        (Some(id), &json!("succeeded"))
    );
}

#[test]
fn many_jobs_in_one_request_are_committed_together() {
    let env = Env::new();
    let _d = env.start_daemon();
    let mut c = env.connect();
    c.call("queue.pause", json!({}));
    let kb = sample_kb().display().to_string();
    let jobs: Vec<Value> = (0..500)
        .map(|_| json!({"spec": {"kind": "ingest", "params": {"sources": [kb]}}}))
        .collect();
    let r = c.call("jobs.submit", json!({ "jobs": jobs }));
    let ids: Vec<i64> = r["result"]["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 500);
    let status = c.call("queue.status", json!({}));
    assert_eq!(status["result"]["queued"], 500);
}

#[test]
fn changed_files_are_replaced_and_deleted_ones_pruned() {
    let env = Env::new();
    let _d = env.start_daemon();
    let src = env.home().join("notes");
    write_corpus(&src, 3);
    let dir = src.to_str().unwrap();
    assert_eq!(env.run(&["ingest", dir, "--wait"]).code, 0);
    std::fs::write(
        src.join("note-0001.md"),
        "# Changed\n\nNow about zeppelins only.\n",
    )
    .unwrap();
    std::fs::remove_file(src.join("note-0002.md")).unwrap();
    let id = submit_ingest(&env, &[dir, "--prune"]);
    let job = env.wait_job(id);
    assert_eq!(job["result"]["ingested"], 1, "{job}");
    assert_eq!(job["result"]["unchanged"], 1, "{job}");
    assert_eq!(
        job["result"]["pruned"].as_array().unwrap().len(),
        1,
        "{job}"
    );
    assert_eq!(
        env.json(&["docs", "list"])["documents"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        env.json(&["search", "zeppelins"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        env.json(&["search", "marker1"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn transient_failures_retry_with_backoff_until_they_succeed() {
    let env = Env::with_config(
        "[jobs]\nretry_base_delay = \"50ms\"\nretry_max_delay = \"200ms\"\nmax_attempts = 3\n\n\
         [kb]\nallow_private_urls = [\"127.0.0.1\"]\n",
    );
    let _d = env.start_daemon();
    let base = FakeHttp::start(|request| {
        Response::new(
            if request.n < 2 { 503 } else { 200 },
            "text/markdown",
            "# Recovered\n\nThe upstream came back with quokkas.\n",
        )
    })
    .url;
    let url = format!("{base}/page.md");
    let id = submit_ingest(&env, &[&url]);
    let job = env.wait_job(id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["attempts"], 3, "{job}");
    assert_eq!(
        env.json(&["search", "quokkas"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_job_past_its_deadline_fails_as_timed_out() {
    let env = Env::with_config("[kb]\nallow_private_urls = [\"127.0.0.1\"]\n");
    let _d = env.start_daemon();
    let base = FakeHttp::start(|_| {
        Response::new(200, "text/plain", "late").delay(Duration::from_secs(20))
    })
    .url;
    let id = submit_ingest(&env, &[&format!("{base}/slow.txt"), "--timeout", "300ms"]);
    let job = env.wait_job(id);
    assert_eq!(job["state"], "failed", "{job}");
    assert_eq!(job["error"]["kind"], "timeout", "{job}");
}

#[test]
fn search_filters_by_collection() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    assert_eq!(
        env.run(&["ingest", kb.to_str().unwrap(), "-c", "home", "--wait"])
            .code,
        0
    );
    let notes = env.home().join("notes");
    write_corpus(&notes, 3);
    assert_eq!(
        env.run(&["ingest", notes.to_str().unwrap(), "-c", "notes", "--wait"])
            .code,
        0
    );
    let hits = env.json(&[
        "search",
        "backups snapshots",
        "-c",
        "notes",
        "--limit",
        "50",
    ]);
    let hits = hits["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["collection"] == "notes"), "{hits:?}");
    let all = env.json(&["search", "backups snapshots", "--limit", "50"]);
    assert!(
        all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["collection"] == "home")
    );
}

#[test]
fn a_job_shows_its_own_log_lines() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    let first = submit_ingest(&env, &[kb.to_str().unwrap()]);
    let second = submit_ingest(&env, &[kb.to_str().unwrap(), "-c", "other"]);
    env.wait_job(second);
    let start = std::time::Instant::now();
    let lines = loop {
        let out = env.run(&["--json", "jobs", "logs", &first.to_string()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        if out.stdout.contains("job succeeded") || start.elapsed() > Duration::from_secs(10) {
            break out.stdout;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        lines.contains("job started") && lines.contains("job succeeded"),
        "{lines}"
    );
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let ids: Vec<i64> = v["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["job_id"].as_i64())
            .collect();
        assert_eq!(ids, [first], "only the job's own lines: {line}");
    }
    assert_eq!(env.run(&["jobs", "logs", "999"]).code, 3);
}

#[test]
fn the_list_says_what_each_job_is_when_and_why_a_failed_one_failed() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    let ingest = submit_ingest(&env, &[kb.to_str().unwrap(), "--collection", "notes"]);
    env.wait_job(ingest);
    let out_dir = env.home().join("out");
    let failed = env.run(&[
        "generate",
        "qqqq zzzz xyzzy",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(failed.code, 6, "{}", failed.stderr);

    let list = env.run(&["jobs", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let lines: Vec<&str> = list.stdout.lines().collect();
    assert!(lines[0].ends_with("WHAT"), "{}", list.stdout);
    let generate = lines.iter().find(|l| l.contains("generate")).unwrap();
    assert!(generate.contains("\"qqqq zzzz xyzzy\""), "{generate}");
    assert!(generate.contains("failed"), "{generate}");
    let why = env.json(&["jobs", "list", "--kind", "generate"])["jobs"][0]["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        generate.contains(&why[..why.len().min(40)]),
        "the reason is in the row: {generate} / {why}"
    );
    let ingest_row = lines.iter().find(|l| l.contains("ingest")).unwrap();
    assert!(ingest_row.contains("→ notes"), "{ingest_row}");
    assert!(ingest_row.contains("examples/kb"), "{ingest_row}");
    assert!(
        ingest_row.contains(" ago") || ingest_row.contains("just now"),
        "{ingest_row}"
    );

    let utc = env.run(&["jobs", "list", "--utc"]);
    assert!(!utc.stdout.contains(" ago") && !utc.stdout.contains("just now"));
    let year = &env.json(&["jobs", "show", &ingest.to_string()])["created_at"]
        .as_str()
        .unwrap()[..4]
        .to_string();
    assert!(
        utc.stdout
            .lines()
            .skip(1)
            .all(|l| l.contains(&format!("{year}-")) && l.contains('T') && l.contains('Z')),
        "{}",
        utc.stdout
    );
}

#[test]
fn show_reads_as_labelled_fields_not_json() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    let id = submit_ingest(&env, &[kb.to_str().unwrap(), "--collection", "notes"]);
    env.wait_job(id);
    let out = env.run(&["jobs", "show", &id.to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = &out.stdout;
    assert!(
        text.starts_with(&format!("job {id}: ingest, succeeded\n")),
        "{text}"
    );
    assert!(!text.contains('{'), "no raw JSON: {text}");
    let field = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{label} ")))
            .unwrap_or_else(|| panic!("no {label} field: {text}"))
            .to_string()
    };
    assert!(field("sources").contains("examples/kb"));
    assert!(field("collection").ends_with("notes"));
    assert!(field("ingested").contains("new or changed"), "{text}");
    assert!(field("attempts").ends_with("1/3") || field("attempts").contains('/'));
    assert!(field("finished").contains("ago") || field("finished").contains("just now"));
}

#[test]
fn wait_and_watch_without_an_id_follow_the_callers_latest_job() {
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = sample_kb();
    let user = env.make_key("u", "user");
    let none = env.run_as(&user, &["jobs", "wait"]);
    assert_eq!(none.code, 3, "no job yet: {}", none.stderr);
    assert!(none.stderr.contains("no job yet"), "{}", none.stderr);

    env.json(&["queue", "pause"]);
    let mine = submit_ingest(&env, &[kb.to_str().unwrap()]);
    // A newer job of another key: the admin sees it, but follows its own.
    let theirs = env.run_as(
        &user,
        &["-q", "generate", "anything", "--out", "-", "--detach"],
    );
    assert_eq!(theirs.code, 0, "{}", theirs.stderr);
    let theirs: i64 = theirs.stdout.trim().parse().unwrap();
    assert!(theirs > mine);
    env.json(&["queue", "resume"]);

    let waited = env.json(&["jobs", "wait", "--timeout", "60s"]);
    assert_eq!(waited["id"].as_i64(), Some(mine), "{waited}");
    assert_eq!(waited["state"], "succeeded");
    let watched = env.run(&["jobs", "watch", "--timeout", "60s"]);
    assert_eq!(watched.code, 0, "{}", watched.stderr);
    assert!(
        watched
            .stderr
            .contains(&format!("following job {mine} (ingest")),
        "{}",
        watched.stderr
    );
    let as_user = env.run_as(&user, &["--json", "jobs", "wait", "--timeout", "60s"]);
    let v: Value = serde_json::from_str(&as_user.stdout).unwrap();
    assert_eq!(v["id"].as_i64(), Some(theirs), "{}", as_user.stderr);
}
