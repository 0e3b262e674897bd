//! Provider failures as jobs and scripts see them, against a real daemon and a local
//! OpenAI-compatible stub that injects faults: a request a provider refuses (400, 401, 422)
//! fails the job at once, or when another provider may still answer, is not sent again when
//! the job runs again; a job whose providers' breakers are open waits for the earliest probe
//! instead of spending its attempts; each attempt reaches `jobs watch` while the call is still
//! going on, and a wait for the client's own rate limit is reported before it begins; and
//! `providers test` exits with the provider-failure code.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::common;
use crate::common::fake_http::{FakeHttp, Response};
use serde_json::{Value, json};

/// A gate a reply waits behind until the test opens it.
#[derive(Clone, Default)]
struct Gate(Arc<(Mutex<bool>, Condvar)>);

impl Gate {
    fn open(&self) {
        *self.0.0.lock().unwrap() = true;
        self.0.1.notify_all();
    }

    fn wait(&self) {
        let mut open = self.0.0.lock().unwrap();
        while !*open {
            open = self.0.1.wait(open).unwrap();
        }
    }
}

/// An answer of about 60 words, enough for any part.
const PROSE: &str = "Restic keeps encrypted snapshots of your files in a repository. Each \
    backup stores only new data, so repeated runs stay small and fast. You can list snapshots, \
    restore a single file or a whole tree, and check the repository for damage. Prune old \
    snapshots on a schedule so the repository does not grow without limit.";

/// A refusal with `status` and a JSON error body.
fn refused(status: u16) -> Response {
    let body = json!({"error": {"message": format!("refused with {status}")}});
    Response::new(status, "application/json", body.to_string())
}

/// A complete streamed answer.
fn prose() -> Response {
    Response::new(200, "text/event-stream", prose_stream())
}

fn prose_stream() -> String {
    let text = json!({"choices": [{"delta": {"content": PROSE}}]});
    let end = json!({"choices": [{"delta": {}, "finish_reason": "stop"}]});
    let usage = json!({"choices": [], "usage": {"prompt_tokens": 300, "completion_tokens": 70}});
    format!("data: {text}\n\ndata: {end}\n\ndata: {usage}\n\ndata: [DONE]\n\n")
}

/// A provider table for `name` served by `stub`, with `extra` settings: short backoffs between
/// attempts, a breaker that opens on the first failed call.
fn provider(name: &str, stub: &FakeHttp, extra: &str) -> String {
    let url = &stub.url;
    format!(
        "[providers.{name}]\nkind = \"openai\"\nbase_url = \"{url}/v1\"\nmodel = \"gpt-test\"\n\
         retry_base_delay = \"10ms\"\nretry_max_delay = \"20ms\"\nbreaker_failures = 1\n{extra}\n"
    )
}

/// A daemon with `providers` (TOML tables), the jobs settings the tests rely on, a workflow
/// `chain` that asks `chain` in order without an offline fallback, and the sample knowledge base.
fn daemon(providers: &str, chain: &[&str]) -> (common::Env, common::Daemon) {
    let config = format!(
        "{providers}\n[jobs]\nmax_attempts = 3\nretry_base_delay = \"10ms\"\nretry_max_delay = \"20ms\"\n"
    );
    let env = common::Env::with_config(&config);
    let out_root = format!("[{:?}]", env.home().join("out"));
    let daemon = env.start_daemon_with(|cmd| {
        cmd.env("OPENAI_API_KEY", "sk-test-secret")
            .env("CGEN_OUTPUT__ALLOWED_ROOTS", out_root);
    });
    env.admin_key();
    let workflows = env.home().join("config/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    let names: Vec<String> = chain.iter().map(|n| format!("{n:?}")).collect();
    let blog = include_str!("../../src/generate/workflows/blog.toml").replacen(
        "[params]",
        &format!(
            "providers = [{}]\noffline_fallback = false\n[params]",
            names.join(", ")
        ),
        1,
    );
    std::fs::write(workflows.join("chain.toml"), blog).unwrap();
    let out = env.run(&["ingest", common::sample_kb().to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (env, daemon)
}

/// `cgen --json generate` with the `chain` workflow and `extra` arguments.
fn generate(env: &common::Env, extra: &[&str]) -> common::Outcome {
    let out_dir = env.home().join("out").display().to_string();
    let mut args = vec![
        "--json",
        "generate",
        "restic backups",
        "--workflow",
        "chain",
        "--out",
        &out_dir,
        "--force",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// The id of a job `generate --detach` submitted.
fn submitted(out: &common::Outcome) -> i64 {
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    v["id"]
        .as_i64()
        .or_else(|| v["jobs"][0]["id"].as_i64())
        .unwrap_or_else(|| panic!("{v}"))
}

/// A finished job's stored events, in order.
fn events(env: &common::Env, id: i64) -> Vec<Value> {
    env.run(&["--json", "jobs", "watch", &id.to_string()])
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e.get("seq").is_some())
        .collect()
}

#[test]
fn a_refused_request_fails_the_job_at_once_and_is_never_sent_again() {
    let bad = FakeHttp::start(|_| refused(400));
    let denied = FakeHttp::start(|_| refused(401));
    let providers = provider("a", &bad, "") + &provider("b", &denied, "");
    let (env, _daemon) = daemon(&providers, &["a", "b"]);

    let out = generate(&env, &[]);
    assert_eq!(out.code, 6, "the job failed: {}", out.stderr);
    let job: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(job["state"], "failed", "{job}");
    assert_eq!(job["error"]["kind"], "provider_refused", "{job}");
    let message = job["error"]["message"].as_str().unwrap();
    for said in [
        "a: the provider answered HTTP 400",
        "b: the provider answered HTTP 401",
    ] {
        assert!(message.contains(said), "{said}: {message}");
    }
    assert_eq!(job["attempts"], 1, "not retried: {job}");
    assert_eq!(
        (bad.count(), denied.count()),
        (1, 1),
        "each provider was asked once"
    );

    // The move from one provider to the next is an event of its own.
    let id = job["id"].as_i64().unwrap();
    let fallback = events(&env, id)
        .into_iter()
        .find(|e| e["kind"] == "fallback")
        .expect("a fallback event");
    assert_eq!(fallback["data"]["from"], "a", "{fallback}");
    assert_eq!(fallback["data"]["to"], "b", "{fallback}");
    assert_eq!(fallback["data"]["retryable"], false, "{fallback}");

    // `jobs retry` is how a person sends it again, once the cause is fixed.
    let again = env.run(&["jobs", "retry", &id.to_string()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let job = env.wait_job(id);
    assert_eq!(job["error"]["kind"], "provider_refused", "{job}");
    assert_eq!((bad.count(), denied.count()), (2, 2));
}

#[test]
fn a_request_refused_once_is_not_sent_again_when_the_job_runs_again() {
    // `a` refuses everything; `b` is down for its first call, so the job runs twice.
    let bad = FakeHttp::start(|_| refused(422));
    let flaky = FakeHttp::start(|request| {
        if request.n == 0 {
            refused(503)
        } else {
            prose()
        }
    });
    let providers = provider("a", &bad, "")
        + &provider("b", &flaky, "max_attempts = 1\nbreaker_cooldown = \"1s\"");
    let (env, _daemon) = daemon(&providers, &["a", "b"]);
    let out = generate(&env, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let job: Value = serde_json::from_str(&out.stdout).unwrap();
    let id = job["id"].as_i64().unwrap();
    let job = env.json(&["jobs", "show", &id.to_string()]);
    assert_eq!(job["attempts"], 2, "{job}");
    // `a` saw each distinct request once: the one it refused in the first attempt was not
    // sent again in the second (the other parts are new requests).
    let bodies: Vec<String> = bad
        .requests()
        .iter()
        .map(|r| r.body().to_string())
        .collect();
    let distinct: std::collections::HashSet<&String> = bodies.iter().collect();
    assert_eq!(distinct.len(), bodies.len(), "a request sent twice to a");
    let skipped = events(&env, id).into_iter().any(|e| {
        e["kind"] == "fallback"
            && e["message"]
                .as_str()
                .is_some_and(|m| m.contains("in an earlier attempt"))
    });
    assert!(skipped, "the skip is in the job's events");
}

#[test]
fn a_job_whose_breakers_are_open_waits_for_the_earliest_probe() {
    // Both providers fail their first call, which opens their breakers: `a` for 3 s, `b` for
    // ten minutes. Then they answer.
    let flaky = FakeHttp::start(|request| if request.n < 2 { refused(503) } else { prose() });
    let providers = provider("a", &flaky, "max_attempts = 1\nbreaker_cooldown = \"3s\"")
        + &provider("b", &flaky, "max_attempts = 1\nbreaker_cooldown = \"10m\"");
    let (env, _daemon) = daemon(&providers, &["a", "b"]);
    let id = submitted(&generate(&env, &["--detach"]));

    // The first attempt fails as unavailable and the job waits in the queue.
    let mut job = Value::Null;
    for _ in 0..600 {
        job = env.json(&["jobs", "show", &id.to_string()]);
        if job["state"] == "queued" && job["attempts"] == 1 || job["state"] == "succeeded" {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(job["state"], "queued", "{job}");
    assert_eq!(job["error"]["kind"], "unavailable", "{job}");
    let message = job["error"]["message"].as_str().unwrap();
    assert!(message.contains("HTTP 503"), "{message}");
    // Its wait is until `a` probes (the earliest), not the 20 ms job backoff, nor `b`'s ten
    // minutes; it can only shrink from the 3 s cooldown.
    let wait = job["retry_in_ms"].as_u64().expect("a retry wait");
    assert!(wait <= 3000, "{job}");
    let shown = env.run(&["jobs", "show", &id.to_string()]);
    assert!(
        shown.stdout.contains("retry in ") && shown.stdout.contains("cgen jobs watch"),
        "{}",
        shown.stdout
    );

    let job = env.wait_job(id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["attempts"], 2, "the probe answered: {job}");

    let events = events(&env, id);
    let retry = events
        .iter()
        .find(|e| e["kind"] == "state" && e["data"]["wait"].is_string())
        .unwrap_or_else(|| panic!("a retry event: {events:?}"));
    let why = retry["data"]["wait"].as_str().unwrap();
    assert!(
        why.contains("provider 'a'") && why.contains("breaker's next probe"),
        "{retry}"
    );
    // The second attempt started no sooner than the retry said.
    let retry_at = retry["message"]
        .as_str()
        .and_then(|m| m.split("retrying at ").nth(1))
        .and_then(|m| m.split(' ').next())
        .unwrap_or_else(|| panic!("{retry}"))
        .to_string();
    let second = events
        .iter()
        .filter(|e| e["kind"] == "state" && e["data"]["state"] == "running")
        .nth(1)
        .unwrap_or_else(|| panic!("a second run: {events:?}"));
    assert!(
        second["at"].as_str().unwrap() >= retry_at.as_str(),
        "{second} before {retry_at}"
    );
}

#[test]
fn jobs_watch_sees_each_attempt_while_the_call_goes_on() {
    // The first request is turned away with a Retry-After; the second is held until the test
    // has seen the first attempt's event, so that event cannot have come from the call's end.
    let gate = Gate::default();
    let held = gate.clone();
    let flaky = FakeHttp::start(move |request| match request.n {
        0 => refused(503).header("retry-after", "1"),
        1 => {
            held.wait();
            prose()
        }
        _ => prose(),
    });
    let (env, _daemon) = daemon(&provider("a", &flaky, "max_attempts = 2"), &["a"]);
    let id = submitted(&generate(&env, &["--detach"]));

    let mut watcher = env
        .cgen()
        .args(["--json", "jobs", "watch", &id.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, seen) = mpsc::channel::<Value>();
    let stdout = watcher.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str(&line)
                && lines.send(v).is_err()
            {
                return;
            }
        }
    });
    // A stuck daemon fails the test here rather than hanging it.
    let next = || {
        seen.recv_timeout(Duration::from_secs(120))
            .expect("the watcher goes on")
    };
    let first = loop {
        let e = next();
        if e["kind"] == "provider" {
            break e;
        }
    };
    assert_eq!(first["data"]["attempt"], 1, "{first}");
    assert_eq!(first["data"]["outcome"], "http_503", "{first}");
    assert_eq!(
        first["data"]["wait_ms"], 1000,
        "the wait, as it begins: {first}"
    );
    let next_step = first["data"]["next"].as_str().unwrap();
    assert!(next_step.contains("Retry-After"), "and why: {next_step}");
    // The call is still going on: its second answer is held.
    let job = env.json(&["jobs", "show", &id.to_string()]);
    assert_eq!(job["state"], "running", "{job}");

    gate.open();
    let second = loop {
        let e = next();
        if e["kind"] == "provider" {
            break e;
        }
    };
    assert_eq!(second["data"]["attempt"], 2, "{second}");
    assert_eq!(second["data"]["outcome"], "ok", "{second}");
    assert!(first["seq"].as_i64() < second["seq"].as_i64());
    let status = watcher.wait().unwrap();
    assert!(status.success(), "the job succeeded");
}

#[test]
fn providers_test_exits_with_the_provider_failure_code() {
    let down = FakeHttp::start(|_| refused(503));
    let refusing = FakeHttp::start(|_| refused(400));
    let providers = provider("down", &down, "") + &provider("refusing", &refusing, "");
    let env = common::Env::with_config(&providers);
    let daemon = env.start_daemon_with(|cmd| {
        cmd.env("OPENAI_API_KEY", "sk-test-secret");
    });
    env.admin_key();
    for (name, retryable) in [("down", "true"), ("refusing", "false")] {
        let out = env.run(&["providers", "test", name]);
        assert_eq!(out.code, 9, "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("provider '{name}'")),
            "{}",
            out.stderr
        );
        let mut conn = env.connect();
        let answer = conn.call("providers.test", json!({ "name": name }));
        assert_eq!(
            answer["error"]["data"]["kind"], "provider_error",
            "{answer}"
        );
        assert_eq!(
            answer["error"]["data"]["retryable"].to_string(),
            retryable,
            "{answer}"
        );
    }
    // The breaker of `down` is open now: the answer says when to ask again.
    let mut conn = env.connect();
    let answer = conn.call("providers.test", json!({ "name": "down" }));
    assert!(
        answer["error"]["data"]["retry_after_ms"].as_u64().is_some(),
        "{answer}"
    );
    drop(daemon);
    // A daemon that is not there is another matter.
    let out = env.run(&["providers", "test", "down"]);
    assert_eq!(out.code, 7, "{}", out.stderr);
}

/// Notes each wait with how many requests the stub had when it was reported.
struct Waits {
    stub: FakeHttp,
    waits: Vec<(cgen::providers::Wait, usize)>,
}

impl cgen::providers::Observer for Waits {
    fn text(&mut self, _: &str, _: bool) {}
    fn attempt(&mut self, _: &cgen::providers::Attempt) {}
    fn waiting(&mut self, wait: &cgen::providers::Wait) {
        let sent = self.stub.count();
        self.waits.push((wait.clone(), sent));
    }
}

#[test]
fn a_wait_for_the_clients_own_rate_limit_is_reported_before_it_begins() {
    let ok = FakeHttp::start(|_| prose());
    let settings = format!(
        "kind = \"openai\"\nbase_url = \"{}/v1\"\nmodel = \"m\"\ntokens_per_minute = 6000\n",
        ok.url
    );
    let provider =
        cgen::providers::Provider::new("local", toml::from_str(&settings).unwrap(), None).unwrap();
    let ask = |max_tokens| cgen::providers::wire::ChatRequest {
        system: None,
        messages: vec![cgen::providers::wire::Message {
            role: cgen::providers::wire::Speaker::User,
            content: "Say hello".into(),
        }],
        json: false,
        schema: None,
        max_tokens: Some(max_tokens),
        temperature: None,
        stop: Vec::new(),
    };
    let mut observer = Waits {
        stub: ok.clone(),
        waits: Vec::new(),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The first call takes nearly the whole minute's budget; the second must wait for more.
    rt.block_on(provider.complete(None, &ask(5990), &mut observer))
        .unwrap();
    assert!(observer.waits.is_empty(), "{:?}", observer.waits);
    rt.block_on(provider.complete(None, &ask(100), &mut observer))
        .unwrap();
    let (wait, sent) = observer.waits.first().expect("a wait").clone();
    assert_eq!(wait.limit, "tokens_per_minute");
    assert_eq!(wait.attempt, 1);
    assert!(wait.wait_ms > 0, "{wait:?}");
    assert_eq!(sent, 1, "reported before the second request went out");
    assert_eq!(ok.count(), 2);
    assert!(wait.to_string().contains("waiting"), "{wait}");
}
