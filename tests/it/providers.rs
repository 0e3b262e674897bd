//! Providers against local fake servers that speak each wire format over real HTTP, with the
//! faults a flaky provider has: 429 with and without Retry-After, 503 for a while, 400 and 401,
//! connection refused, a stall mid-stream, a stream cut without its finish marker, a corrupted
//! chunk, a slow first token, HTML instead of JSON, an oversized or empty answer. Each test
//! asserts how many attempts were made, how long the client waited, and what it returned.

use std::time::Duration;

use crate::common;
use crate::common::fake_http::{FakeHttp, Response};
use cgen::providers::settings::{ProviderKind, ProviderSettings};
use cgen::providers::wire::{ChatRequest, Message, Speaker};
use cgen::providers::{Attempt, Observer, Provider, ProviderError};

/// Time between the first and the last request `f` received.
fn span(f: &FakeHttp) -> Duration {
    let requests = f.requests();
    requests.last().unwrap().at - requests.first().unwrap().at
}

fn settings(kind: ProviderKind, url: &str) -> ProviderSettings {
    let toml = format!(
        "kind = \"{}\"\nbase_url = \"{url}\"\nmodel = \"m-1\"\nidle_timeout = \"300ms\"\ntotal_timeout = \"5s\"\nretry_base_delay = \"20ms\"\nretry_max_delay = \"100ms\"\nmax_attempts = 4\n[models]\nfast = \"m-fast\"\n",
        kind.as_str()
    );
    toml::from_str(&toml).unwrap()
}

fn provider(kind: ProviderKind, url: &str) -> Provider {
    Provider::new("test", settings(kind, url), None).unwrap()
}

fn ask() -> ChatRequest {
    ChatRequest {
        system: Some("You write docs.".into()),
        messages: vec![Message {
            role: Speaker::User,
            content: "Say hello".into(),
        }],
        json: false,
        max_tokens: Some(50),
        temperature: None,
        ..ChatRequest::default()
    }
}

#[derive(Default)]
struct Record {
    text: String,
    restarts: usize,
    attempts: Vec<Attempt>,
}

impl Observer for Record {
    fn text(&mut self, piece: &str, restart: bool) {
        if restart {
            self.restarts += 1;
            self.text.clear();
        }
        self.text.push_str(piece);
    }
    fn attempt(&mut self, a: &Attempt) {
        self.attempts.push(a.clone());
    }
}

fn run(
    p: &Provider,
    model: Option<&str>,
) -> (Result<cgen::providers::Completion, ProviderError>, Record) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut rec = Record::default();
    let r = rt.block_on(p.complete(model, &ask(), &mut rec));
    (r, rec)
}

fn sse(events: &[&str]) -> Vec<(Duration, String)> {
    events
        .iter()
        .map(|e| (Duration::ZERO, format!("data: {e}\n\n")))
        .collect()
}

fn openai_ok() -> Response {
    Response::stream(
        "text/event-stream",
        sse(&[
            r#"{"choices":[{"delta":{"content":"Hello"}}]}"#,
            r#"{"choices":[{"delta":{"content":" world"},"finish_reason":"stop"}]}"#,
            r#"{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2}}"#,
            "[DONE]",
        ]),
    )
}

fn status(code: u16) -> Response {
    Response::new(
        code,
        "application/json",
        format!(r#"{{"error":{{"message":"status {code}"}}}}"#),
    )
}

#[test]
fn each_dialect_streams_a_complete_answer_with_usage() {
    let ollama = FakeHttp::sequence(vec![Response::stream("application/x-ndjson", vec![
            (Duration::ZERO, "{\"message\":{\"content\":\"Hel\"},\"done\":false}\n".into()),
            (Duration::ZERO, "{\"message\":{\"content\":\"lo\"},\"done\":false}\n".into()),
            (Duration::ZERO, "{\"message\":{\"content\":\"\"},\"done\":true,\"prompt_eval_count\":9,\"eval_count\":2}\n".into()),
        ])]);
    let (r, rec) = run(&provider(ProviderKind::Ollama, &ollama.url), Some("fast"));
    let c = r.unwrap();
    assert_eq!(
        (c.text.as_str(), c.usage.input_tokens, c.usage.output_tokens),
        ("Hello", 9, 2)
    );
    assert!(!c.usage.estimated);
    assert_eq!(rec.text, "Hello");
    let body = &ollama.bodies()[0];
    assert_eq!(body["model"], "m-fast", "the alias names the model");
    assert_eq!(
        body["messages"][0]["role"], "system",
        "the system prompt is sent"
    );

    let openai = FakeHttp::sequence(vec![openai_ok()]);
    let c = run(&provider(ProviderKind::Openai, &openai.url), None)
        .0
        .unwrap();
    assert_eq!(
        (c.text.as_str(), c.usage.input_tokens, c.attempts),
        ("Hello world", 12, 1)
    );
    assert_eq!(openai.bodies()[0]["stream_options"]["include_usage"], true);

    let gemini = FakeHttp::sequence(vec![Response::stream(
        "text/event-stream",
        sse(&[
            r#"{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}"#,
            r#"{"candidates":[{"content":{"parts":[{"text":"!"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2}}"#,
        ]),
    )]);
    let c = run(&provider(ProviderKind::Gemini, &gemini.url), None)
        .0
        .unwrap();
    assert_eq!((c.text.as_str(), c.usage.output_tokens), ("Hi!", 2));
    assert_eq!(
        gemini.bodies()[0]["systemInstruction"]["parts"][0]["text"],
        "You write docs."
    );

    let anthropic = FakeHttp::sequence(vec![Response::stream("text/event-stream", vec![(
            Duration::ZERO,
            [
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":7}}}\n\n",
                "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Yo\"}}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            ]
            .concat(),
        )])]);
    let c = run(&provider(ProviderKind::Anthropic, &anthropic.url), None)
        .0
        .unwrap();
    assert_eq!(
        (c.text.as_str(), c.usage.input_tokens, c.usage.output_tokens),
        ("Yo", 7, 1)
    );
    assert_eq!(anthropic.bodies()[0]["system"], "You write docs.");
}

#[test]
fn a_429_with_retry_after_is_waited_out() {
    let f = FakeHttp::sequence(vec![status(429).header("retry-after", "1"), openai_ok()]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    assert_eq!(r.unwrap().attempts, 2);
    assert_eq!(f.count(), 2);
    assert!(
        span(&f) >= Duration::from_secs(1),
        "retried after {:?}",
        span(&f)
    );
    assert_eq!(rec.attempts[0].outcome, "http_429");
    assert!(
        rec.attempts[0].next.starts_with("retry in 1"),
        "{}",
        rec.attempts[0].next
    );
}

#[test]
fn a_429_without_retry_after_and_a_503_for_a_while_back_off_then_succeed() {
    let f = FakeHttp::sequence(vec![status(429), status(503), status(503), openai_ok()]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    assert_eq!(r.unwrap().attempts, 4);
    let outcomes: Vec<&str> = rec.attempts.iter().map(|a| a.outcome.as_str()).collect();
    assert_eq!(outcomes, ["http_429", "http_503", "http_503", "ok"]);
    // Backoff of at least half of 20, 40, 80 ms (capped at 100): never a tight loop.
    assert!(span(&f) >= Duration::from_millis(70), "{:?}", span(&f));
}

#[test]
fn the_attempt_cap_ends_a_provider_that_stays_down() {
    let f = FakeHttp::sequence(vec![status(503)]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    assert!(
        matches!(r, Err(ProviderError::Status { status: 503, .. })),
        "{r:?}"
    );
    assert_eq!(f.count(), 4);
    assert!(
        rec.attempts
            .last()
            .unwrap()
            .next
            .contains("gave up after 4 attempts")
    );
}

#[test]
fn client_errors_are_never_retried() {
    for code in [400, 401, 403, 404, 422] {
        let f = FakeHttp::sequence(vec![status(code)]);
        let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
        match r {
            Err(ProviderError::Status {
                status, message, ..
            }) => {
                assert_eq!(status, code);
                assert_eq!(
                    message,
                    format!("status {code}"),
                    "the provider's message is kept"
                );
            }
            other => panic!("{code}: {other:?}"),
        }
        assert_eq!(f.count(), 1, "{code} was retried");
        assert_eq!(rec.attempts[0].next, "not retryable");
    }
}

#[test]
fn connection_refused_is_retried_then_reported() {
    let port = common::free_port();
    let (r, rec) = run(
        &provider(ProviderKind::Ollama, &format!("http://127.0.0.1:{port}")),
        None,
    );
    assert!(matches!(r, Err(ProviderError::Connect(_))), "{r:?}");
    assert_eq!(rec.attempts.len(), 4);
}

#[test]
fn a_stall_mid_stream_is_cut_by_the_idle_timeout_and_restarted_cleanly() {
    let stalled = Response::stream(
        "text/event-stream",
        sse(&[r#"{"choices":[{"delta":{"content":"Partial"}}]}"#]),
    )
    .hold(Duration::from_secs(30));
    let f = FakeHttp::sequence(vec![stalled, openai_ok()]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    let c = r.unwrap();
    assert_eq!(
        c.text, "Hello world",
        "the partial text is not part of the answer"
    );
    assert_eq!(rec.attempts[0].outcome, "timeout_idle");
    assert_eq!(
        rec.restarts, 1,
        "the observer was told to discard the partial text"
    );
    assert_eq!(rec.text, "Hello world");
}

#[test]
fn a_stream_cut_without_its_finish_marker_is_an_error_not_an_answer() {
    let cut = Response::stream(
        "text/event-stream",
        sse(&[r#"{"choices":[{"delta":{"content":"Half an ans"}}]}"#]),
    );
    let f = FakeHttp::sequence(vec![cut]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    match r {
        Err(ProviderError::Stream(m)) => assert!(m.contains("finish marker"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(rec.attempts.len(), 4, "a cut stream is retried");
    // Ollama: no `done: true` either.
    let f = FakeHttp::sequence(vec![Response::stream(
        "application/x-ndjson",
        vec![(
            Duration::ZERO,
            "{\"message\":{\"content\":\"x\"},\"done\":false}\n".into(),
        )],
    )]);
    assert!(matches!(
        run(&provider(ProviderKind::Ollama, &f.url), None).0,
        Err(ProviderError::Stream(_))
    ));
}

#[test]
fn a_done_without_a_finish_reason_is_a_broken_stream_and_length_is_a_cut_answer() {
    // llama.cpp's Python server ends a running stream this way when another request arrives.
    let broken = Response::stream(
        "text/event-stream",
        sse(&[r#"{"choices":[{"delta":{"content":"Half"}}]}"#, "[DONE]"]),
    );
    let f = FakeHttp::sequence(vec![broken, openai_ok()]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    assert_eq!(
        r.unwrap().text,
        "Hello world",
        "the broken answer is not taken"
    );
    assert_eq!(rec.attempts[0].outcome, "bad_stream");
    assert_eq!(rec.attempts.len(), 2);

    let cut = Response::stream(
        "text/event-stream",
        sse(&[
            r#"{"choices":[{"delta":{"content":"One. Two th"},"finish_reason":"length"}]}"#,
            "[DONE]",
        ]),
    );
    let f = FakeHttp::sequence(vec![cut]);
    let c = run(&provider(ProviderKind::Openai, &f.url), None)
        .0
        .unwrap();
    assert!(c.cut, "finish_reason length marks the answer cut");
    assert_eq!(c.text, "One. Two th");
    let f = FakeHttp::sequence(vec![openai_ok()]);
    assert!(
        !run(&provider(ProviderKind::Openai, &f.url), None)
            .0
            .unwrap()
            .cut
    );
}

#[test]
fn a_200_answer_that_is_not_a_stream_says_what_it_was() {
    for (content_type, body) in [
        (
            "application/json",
            r#"{"choices":[{"message":{"content":"Hi"}}]}"#,
        ),
        ("text/plain", "upstream says hello"),
    ] {
        let f = FakeHttp::sequence(vec![Response::stream(
            content_type,
            vec![(Duration::ZERO, body.to_string())],
        )]);
        match run(&provider(ProviderKind::Openai, &f.url), None).0 {
            Err(ProviderError::NotJson(m)) => {
                assert!(
                    m.contains(content_type) && m.contains("not a stream"),
                    "{m}"
                )
            }
            other => panic!("{content_type}: {other:?}"),
        }
        assert_eq!(f.count(), 1, "not retried");
    }
}

#[test]
fn a_corrupted_chunk_and_an_error_line_inside_a_200_stream_are_errors() {
    let corrupt = Response::stream(
        "text/event-stream",
        sse(&[r#"{"choices":[{"delta":{"content":"ok"}}]}"#, "{garbage"]),
    );
    let f = FakeHttp::sequence(vec![corrupt, openai_ok()]);
    let (r, rec) = run(&provider(ProviderKind::Openai, &f.url), None);
    assert_eq!(r.unwrap().text, "Hello world");
    assert_eq!(rec.attempts[0].outcome, "bad_stream");
    let ollama_error = Response::stream(
        "application/x-ndjson",
        vec![(
            Duration::ZERO,
            "{\"error\":\"model 'm-1' not found\"}\n".into(),
        )],
    );
    let f = FakeHttp::sequence(vec![ollama_error]);
    match run(&provider(ProviderKind::Ollama, &f.url), None).0 {
        Err(ProviderError::Stream(m)) => assert!(m.contains("not found"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_slow_first_token_within_the_idle_timeout_is_fine() {
    let slow = Response::stream("text/event-stream", vec![
            (
                Duration::from_millis(200),
                "data: {\"choices\":[{\"delta\":{\"content\":\"Late\"},\"finish_reason\":\"stop\"}]}\n\n".into(),
            ),
            (Duration::ZERO, "data: [DONE]\n\n".into()),
        ]);
    let f = FakeHttp::sequence(vec![slow]);
    let (r, _) = run(&provider(ProviderKind::Openai, &f.url), None);
    let c = r.unwrap();
    assert_eq!((c.text.as_str(), c.attempts), ("Late", 1));
    assert!(c.usage.estimated, "no usage fields: estimated");
}

#[test]
fn html_oversized_and_empty_answers_are_refused_without_retry() {
    let html = Response::stream(
        "text/html; charset=utf-8",
        vec![(Duration::ZERO, "<html>login</html>".into())],
    );
    let f = FakeHttp::sequence(vec![html]);
    assert!(matches!(
        run(&provider(ProviderKind::Openai, &f.url), None).0,
        Err(ProviderError::NotJson(_))
    ));
    assert_eq!(f.count(), 1);

    let mut s = settings(ProviderKind::Openai, "http://x");
    s.max_response_bytes = 1024;
    let big = Response::stream(
        "text/event-stream",
        sse(&[&format!(
            r#"{{"choices":[{{"delta":{{"content":"{}"}}}}]}}"#,
            "a".repeat(4000)
        )]),
    );
    let f = FakeHttp::sequence(vec![big]);
    s.base_url = f.url.clone();
    let p = Provider::new("t", s, None).unwrap();
    assert!(matches!(
        run(&p, None).0,
        Err(ProviderError::TooLarge(1024))
    ));
    assert_eq!(f.count(), 1);

    let empty = Response::stream(
        "text/event-stream",
        sse(&[
            r#"{"choices":[{"delta":{},"finish_reason":"stop"}]}"#,
            "[DONE]",
        ]),
    );
    let f = FakeHttp::sequence(vec![empty]);
    assert_eq!(
        run(&provider(ProviderKind::Openai, &f.url), None).0,
        Err(ProviderError::Empty)
    );
    assert_eq!(f.count(), 1);
}

#[test]
fn the_breaker_opens_after_repeated_failures_and_calls_then_fail_fast() {
    let f = FakeHttp::sequence(vec![status(503)]);
    let mut s = settings(ProviderKind::Openai, &f.url);
    s.max_attempts = 1;
    s.breaker_failures = 2;
    s.breaker_cooldown = Duration::from_secs(60);
    let p = Provider::new("flaky", s, None).unwrap();
    assert!(matches!(run(&p, None).0, Err(ProviderError::Status { .. })));
    assert!(matches!(run(&p, None).0, Err(ProviderError::Status { .. })));
    assert_eq!(
        p.breaker_state(),
        cgen::providers::breaker::BreakerState::Open
    );
    assert!(matches!(
        run(&p, None).0,
        Err(ProviderError::BreakerOpen(_))
    ));
    assert_eq!(f.count(), 2, "an open breaker sends nothing");
}

#[test]
fn the_breaker_counts_failed_calls_not_attempts() {
    let f = FakeHttp::sequence(vec![status(503)]);
    let mut s = settings(ProviderKind::Openai, &f.url);
    s.max_attempts = 3;
    s.retry_base_delay = Duration::from_millis(1);
    s.retry_max_delay = Duration::from_millis(2);
    s.breaker_failures = 2;
    s.breaker_cooldown = Duration::from_secs(60);
    let p = Provider::new("flaky", s, None).unwrap();
    assert!(matches!(run(&p, None).0, Err(ProviderError::Status { .. })));
    assert_eq!(f.count(), 3, "one call, three attempts");
    assert_eq!(
        p.breaker_state(),
        cgen::providers::breaker::BreakerState::Closed,
        "one failed call of two"
    );
    assert!(matches!(run(&p, None).0, Err(ProviderError::Status { .. })));
    assert_eq!(
        p.breaker_state(),
        cgen::providers::breaker::BreakerState::Open
    );
}

#[test]
fn a_probe_refused_for_its_own_request_does_not_leave_the_breaker_stuck() {
    // Down, then a 400 for the probe (a verdict on the request, not the provider), then well.
    let f = FakeHttp::sequence(vec![status(503), status(400), openai_ok()]);
    let mut s = settings(ProviderKind::Openai, &f.url);
    s.max_attempts = 1;
    s.breaker_failures = 1;
    s.breaker_cooldown = Duration::from_millis(50);
    let p = Provider::new("flaky", s, None).unwrap();
    assert!(matches!(
        run(&p, None).0,
        Err(ProviderError::Status { status: 503, .. })
    ));
    std::thread::sleep(Duration::from_millis(80));
    assert!(matches!(
        run(&p, None).0,
        Err(ProviderError::Status { status: 400, .. })
    ));
    let (answer, _) = run(&p, None);
    assert!(answer.is_ok(), "the next call probes: {answer:?}");
    assert_eq!(
        p.breaker_state(),
        cgen::providers::breaker::BreakerState::Closed
    );
}

#[test]
fn an_unknown_model_alias_is_refused_before_any_request() {
    let f = FakeHttp::sequence(vec![openai_ok()]);
    let (r, _) = run(&provider(ProviderKind::Openai, &f.url), Some("smrt"));
    match r {
        Err(ProviderError::UnknownModel(m)) => assert!(m.contains("fast"), "lists aliases: {m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(f.count(), 0);
}

/// A daemon configured with this provider table.
fn daemon_with(provider_toml: &str) -> (common::Env, common::Daemon) {
    let env = common::Env::with_config(provider_toml);
    // The folder the `user` keys of these tests write their articles to.
    let out_root = format!("[{:?}]", env.home().join("out"));
    let daemon = env.start_daemon_with(|cmd| {
        cmd.env("OPENAI_API_KEY", "sk-test-secret")
            .env("CGEN_OUTPUT__ALLOWED_ROOTS", out_root)
            .env_remove("GEMINI_API_KEY");
    });
    env.admin_key();
    (env, daemon)
}

#[test]
fn the_daemon_lists_tests_and_reports_its_providers() {
    let f = FakeHttp::sequence(vec![openai_ok()]);
    let config = format!(
        "[providers.cloud]\nkind = \"openai\"\nbase_url = \"{}/v1\"\nmodel = \"gpt-test\"\n\n[providers.gem]\nkind = \"gemini\"\nbase_url = \"https://example.invalid/v1beta\"\nmodel = \"g\"\n",
        f.url
    );
    let (env, _daemon) = daemon_with(&config);
    let list = env.json(&["providers", "list"]);
    let providers = list["providers"].as_array().unwrap();
    assert_eq!(providers.len(), 2);
    assert_eq!(providers[0]["name"], "cloud");
    assert_eq!(providers[0]["secret"], "found");
    let missing = providers[1]["secret"].as_str().unwrap();
    assert!(
        missing.contains("GEMINI_API_KEY") && missing.contains("keyring"),
        "{missing}"
    );

    let test = env.json(&["providers", "test", "cloud"]);
    assert_eq!(test["text"], "Hello world");
    assert_eq!(test["usage"]["input_tokens"], 12);
    // Headers compare without case.
    let request = f.requests()[0].text.to_lowercase();
    assert!(
        request.contains("authorization: bearer sk-test-secret"),
        "{request}"
    );

    let status = env.json(&["providers", "show", "cloud"]);
    assert_eq!(status["stats"]["calls"], 1);
    assert_eq!(status["stats"]["input_tokens_today"], 12);
    assert_eq!(status["breaker"], "closed");

    // The gemini provider has no secret: a test says where cgen looked.
    let out = env.run(&["providers", "test", "gem"]);
    assert_eq!(out.code, 9, "a provider failure: {}", out.stderr);
    assert!(out.stderr.contains("GEMINI_API_KEY"), "{}", out.stderr);
    let out = env.run(&["providers", "test", "nope"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("cloud, gem"), "{}", out.stderr);
    // Metrics count the attempt.
    let metrics = env.run(&["metrics"]).stdout;
    assert!(
        metrics.contains(r#"cgen_provider_requests_total{provider="cloud",outcome="ok"} 1"#),
        "{metrics}"
    );
    // The secret never shows.
    assert!(
        !env.run(&["--json", "providers", "show", "cloud"])
            .stdout
            .contains("sk-test")
    );
}

#[test]
fn bad_provider_settings_are_refused_with_the_key() {
    let env = common::Env::with_config(
        "[providers.x]\nkind = \"openai\"\nbase_url = \"ftp://host/v1\"\nmodel = \"m\"\n",
    );
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("providers.x.base_url"),
        "{}",
        out.stderr
    );
    env.write_config("[providers.x]\nkind = \"mystery\"\nbase_url = \"http://h\"\nmodel = \"m\"\n");
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("mystery"), "{}", out.stderr);
    env.write_config("[providers.x]\nkind = \"openai\"\nbase_url = \"http://h\"\nmodel = \"m\"\napi_key = \"sk-in-the-file\"\n");
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1, "a secret in the config file is refused");
    assert!(out.stderr.contains("api_key"), "{}", out.stderr);
    // Each bad value is named by its own key.
    env.write_config(
        "[providers.x]\nkind = \"openai\"\nbase_url = \"http://h\"\nmodel = \"m\"\n\
         idle_timeout = \"0s\"\nrequests_per_minute = 0\nprice_output_per_mtok = -1.0\n\
         models = { fast = \"m?x\" }\n",
    );
    let out = env.run(&["config", "validate"]);
    assert_eq!(out.code, 1);
    for key in [
        "providers.x.idle_timeout",
        "providers.x.requests_per_minute",
        "providers.x.price_output_per_mtok",
        "providers.x.models.fast",
    ] {
        assert!(out.stderr.contains(key), "{key}: {}", out.stderr);
    }
}

/// An OpenAI-compatible answer of about 60 words, the same for every part.
const PROSE: &str = "Restic keeps encrypted snapshots of your files in a repository. Each \
    backup stores only new data, so repeated runs stay small and fast. You can list snapshots, \
    restore a single file or a whole tree, and check the repository for damage. Prune old \
    snapshots on a schedule so the repository does not grow without limit.";

fn openai_prose() -> Response {
    openai_answer(PROSE)
}

/// An OpenAI stream whose whole answer is `text`, 300 tokens in and 70 out.
fn openai_answer(text: &str) -> Response {
    openai_finished(text, "stop")
}

/// An OpenAI stream whose answer is `text`, ended for `reason`, 300 tokens in and 70 out.
fn openai_finished(text: &str, reason: &str) -> Response {
    let chunk =
        serde_json::json!({"choices": [{"delta": {"content": text}, "finish_reason": reason}]})
            .to_string();
    Response::stream(
        "text/event-stream",
        sse(&[
            &chunk,
            r#"{"choices":[],"usage":{"prompt_tokens":300,"completion_tokens":70}}"#,
            "[DONE]",
        ]),
    )
}

fn generation_env(provider_url: &str, workflow_extra: &str) -> (common::Env, common::Daemon) {
    let config = format!(
        "[providers.cloud]\nkind = \"openai\"\nbase_url = \"{provider_url}/v1\"\nmodel = \"gpt-test\"\nmax_attempts = 2\nretry_base_delay = \"10ms\"\nretry_max_delay = \"20ms\"\nprice_input_per_mtok = 1.0\nprice_output_per_mtok = 2.0\n\n[jobs]\nmax_attempts = 1\n"
    );
    let (env, daemon) = daemon_with(&config);
    let workflows = env.home().join("config/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    let blog = include_str!("../../src/generate/workflows/blog.toml");
    let with_chain = blog.replacen(
        "[params]",
        &format!("providers = [\"cloud\"]\n{workflow_extra}\n[params]"),
        1,
    );
    std::fs::write(workflows.join("modelled.toml"), with_chain).unwrap();
    let out = env.run(&["ingest", common::sample_kb().to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (env, daemon)
}

fn generate(env: &common::Env, extra: &[&str]) -> common::Outcome {
    let out_dir = env.home().join("out").display().to_string();
    let mut args = vec![
        "--json",
        "generate",
        "restic backups",
        "--workflow",
        "modelled",
        "--out",
        &out_dir,
        "--force",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

#[test]
fn a_workflow_with_a_provider_writes_its_prose_with_the_model() {
    // An answer grounded in what it was shown: the paragraphs of its sources.
    // (The outline and FAQ get no JSON, and stay offline.)
    let script = |req: &str| {
        let copied = shown_paragraphs(req).join("\n\n");
        openai_answer(if copied.is_empty() {
            "no plan"
        } else {
            &copied
        })
    };
    let f = FakeHttp::start(move |request| script(&request.text));
    let (env, _daemon) = generation_env(&f.url, "");
    let out = generate(&env, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let job: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let path = job["result"]["path"]
        .as_str()
        .or_else(|| job["path"].as_str())
        .unwrap_or_default()
        .to_string();
    let article = std::fs::read_to_string(env.home().join("out/restic-backups/index.md"))
        .unwrap_or_else(|e| panic!("{e}: {path} {job}"));
    let intro_asked = f
        .requests()
        .into_iter()
        .map(|r| r.text)
        .find(|r| r.contains("Write the introduction now"))
        .unwrap();
    let first = &shown_paragraphs(&intro_asked)[0];
    assert!(
        article.contains(&first[..first.len().min(60)]),
        "the model's introduction: {article}"
    );
    assert!(
        f.count() >= 3,
        "introduction, sections and conclusion asked: {}",
        f.count()
    );
    let body = &f.bodies()[0];
    assert!(
        body["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("restic backups")
    );
    assert!(
        body["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("[1] ")
    );
    // The manifest names the provider and counts tokens and cost.
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.home().join("out/restic-backups/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["provider"], "cloud", "{manifest}");
    assert_eq!(manifest["model"], "gpt-test");
    assert_eq!(manifest["parts"][1]["part"], "introduction", "{manifest}");
    assert_eq!(manifest["parts"][1]["written_by"], "model", "{manifest}");
    let calls = f.count() as u64;
    assert_eq!(manifest["tokens"]["input"], 300 * calls);
    assert!((manifest["cost"].as_f64().unwrap() - calls as f64 * 440.0 / 1e6).abs() < 1e-9);
    // Every attempt is in the job's events.
    let id = job["id"]
        .as_i64()
        .or_else(|| job["job"]["id"].as_i64())
        .unwrap_or_default();
    let events = env
        .run(&["--json", "jobs", "watch", &id.to_string()])
        .stdout;
    assert!(
        events.contains("\"kind\":\"provider\"") && events.contains("cloud gpt-test attempt 1: ok"),
        "{events}"
    );
}

#[test]
fn when_every_provider_is_down_the_workflow_falls_back_offline_or_fails_unavailable() {
    let port = common::free_port();
    let down = format!("http://127.0.0.1:{port}");
    let (env, _daemon) = generation_env(&down, "");
    let out = generate(&env, &[]);
    assert_eq!(out.code, 0, "offline fallback: {}", out.stderr);
    let manifest =
        std::fs::read_to_string(env.home().join("out/restic-backups/manifest.json")).unwrap();
    assert!(manifest.contains("offline (fallback"), "{manifest}");
    drop(_daemon);

    let (env, _daemon) = generation_env(&down, "offline_fallback = false");
    let out = generate(&env, &[]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("unavailable") || out.stdout.contains("unavailable"),
        "{} {}",
        out.stdout,
        out.stderr
    );
}

#[test]
fn budgets_unknown_providers_and_aliases_are_enforced() {
    let f = FakeHttp::sequence(vec![openai_prose()]);
    let (env, _daemon) = generation_env(&f.url, "");
    // Each call costs 370 tokens by the fake's count, and each prompt is estimated at over a
    // thousand before it is sent: the budget allows a few calls, never the whole article.
    let out = generate(&env, &["--max-tokens", "2500"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("token budget"), "{text}");
    let made = f.count();
    assert!((1..7).contains(&made), "calls stopped early: {made}");
    let tiny = generate(&env, &["--max-tokens", "50"]);
    assert_eq!(tiny.code, 6);
    let text = format!("{}{}", tiny.stdout, tiny.stderr);
    assert!(text.contains("token budget"), "{text}");
    assert_eq!(
        f.count(),
        made,
        "a budget smaller than one prompt makes no call"
    );
    let out = generate(&env, &["--provider", "nope"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("no provider 'nope'; configured: cloud"),
        "{}",
        out.stderr
    );
    let out = generate(&env, &["--model", "smrt"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("no model alias 'smrt'"),
        "{}",
        out.stderr
    );
    // A model id cannot leave its place in a URL path (Gemini puts it there).
    for hostile in [
        "../../v1/files",
        "gemini-pro:generateContent?key=x",
        "a#b",
        "a b",
    ] {
        let out = generate(&env, &["--model", hostile]);
        assert_eq!(out.code, 2, "{hostile}: {}", out.stderr);
        assert!(out.stderr.contains("a model is 1 to 200"), "{}", out.stderr);
    }
}

#[test]
fn an_identical_request_is_answered_from_the_cache_unless_told_not_to() {
    let f = FakeHttp::sequence(vec![openai_prose()]);
    let (env, _daemon) = generation_env(&f.url, "");
    let first = generate(&env, &["--date", "2026-01-01"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let calls = f.count();
    assert!(calls > 0);
    let second = generate(&env, &["--date", "2026-01-01"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(f.count(), calls, "every part came from the cache");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.home().join("out/restic-backups/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        manifest["tokens"]["input"], 0,
        "cached answers cost nothing: {manifest}"
    );
    let third = generate(&env, &["--date", "2026-01-01", "--no-cache"]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(f.count(), calls * 2, "--no-cache asks again");
}

#[test]
fn jobs_watch_shows_the_answer_as_it_arrives() {
    let slow = Response::stream(
        "text/event-stream",
        vec![
            (
                Duration::from_millis(300),
                format!(
                    "data: {}\n\n",
                    serde_json::json!({"choices": [{"delta": {"content": "Restic keeps encrypted snapshots of your files. "}}]})
                ),
            ),
            (
                Duration::from_millis(100),
                format!(
                    "data: {}\n\n",
                    serde_json::json!({"choices": [{"delta": {"content": "Each backup stores only new data, so repeated runs stay small and fast, and old snapshots can be pruned on a schedule."}, "finish_reason": "stop"}]})
                ),
            ),
            (Duration::ZERO, "data: [DONE]\n\n".into()),
        ],
    );
    let f = FakeHttp::sequence(vec![slow]);
    let (env, _daemon) = generation_env(&f.url, "");
    let out = generate(&env, &["--detach"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let submitted: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let id = submitted["id"]
        .as_i64()
        .or_else(|| submitted["jobs"][0]["id"].as_i64())
        .unwrap_or_else(|| panic!("{submitted}"));
    let watched = env.run(&["--json", "jobs", "watch", &id.to_string()]);
    assert_eq!(watched.code, 0, "{}", watched.stderr);
    let tokens: Vec<serde_json::Value> = watched
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["kind"] == "token")
        .collect();
    assert!(tokens.len() >= 2, "tokens streamed: {}", watched.stdout);
    assert!(
        tokens
            .iter()
            .any(|t| t["message"].as_str().unwrap().starts_with("Restic keeps"))
    );
    assert!(
        tokens.iter().all(|t| t["seq"] == 0),
        "live only, never stored"
    );
    // They are not in the stored log.
    let again = env
        .run(&["--json", "jobs", "watch", &id.to_string()])
        .stdout;
    assert!(!again.contains("\"kind\":\"token\""), "{again}");
}

#[test]
fn budgets_that_are_not_positive_are_usage_errors() {
    let f = FakeHttp::sequence(vec![openai_prose()]);
    let (env, _daemon) = generation_env(&f.url, "");
    for (arg, field) in [
        ("--max-tokens=0", "max_tokens"),
        ("--max-cost=-1", "max_cost"),
        ("--max-cost=NaN", "max_cost"),
    ] {
        let out = generate(&env, &[arg]);
        assert_eq!(out.code, 2, "{arg}: {}", out.stderr);
        assert!(out.stderr.contains(field), "{arg}: {}", out.stderr);
    }
    assert_eq!(f.count(), 0, "nothing was asked");
}

#[test]
fn a_keys_daily_budget_stops_its_jobs_until_it_is_raised() {
    let f = FakeHttp::sequence(vec![openai_prose()]);
    let (env, _daemon) = generation_env(&f.url, "");
    let writer = env.make_key("writer", "user");
    let writer_id = writer.split('_').nth(1).unwrap().to_string();
    // The admin's knowledge base, shared with user keys.
    assert_eq!(env.run(&["collections", "share", "default"]).code, 0);
    // Each call costs 370 tokens by the fake's count, and an article makes six calls (outline,
    // introduction, sections, FAQ, conclusion) with prompts of a few hundred tokens: 1,500 a
    // day allows a few calls, never a whole article.
    let set = env.json(&["keys", "budget", &writer_id, "--daily-tokens", "1500"]);
    assert_eq!(set["source"], "key", "{set}");
    assert_eq!(set["daily_tokens"], 1500, "{set}");

    let out_dir = env.home().join("out").display().to_string();
    let gen_args = [
        "generate",
        "restic backups",
        "--workflow",
        "modelled",
        "--out",
        &out_dir,
        "--force",
        "--no-cache",
    ];
    let json_gen_args = [&["--json"][..], &gen_args[..]].concat();
    let out = env.run_as(&writer, &json_gen_args);
    assert_eq!(out.code, 6, "{} {}", out.stdout, out.stderr);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("budget_exceeded"), "{text}");
    assert!(text.contains("daily token budget"), "{text}");
    let made = f.count();
    assert!((1..8).contains(&made), "calls stopped early: {made}");

    // The key sees its own spending; only an admin sees another key's.
    let mine = env.run_as(&writer, &["--json", "keys", "budget"]);
    assert_eq!(mine.code, 0, "{}", mine.stderr);
    let mine: serde_json::Value = serde_json::from_str(&mine.stdout).unwrap();
    assert_eq!(mine["calls_today"], made as u64, "{mine}");
    assert_eq!(mine["tokens_today"], 370 * made as u64, "{mine}");
    let other = env.run_as(&writer, &["--json", "keys", "budget", "someoneelse"]);
    assert_eq!(other.code, 4, "{} {}", other.stdout, other.stderr);
    let raise = env.run_as(&writer, &["--json", "keys", "budget", "--unlimited"]);
    assert_eq!(
        raise.code, 4,
        "only an admin sets budgets: {}",
        raise.stderr
    );

    // Spent for today: the next job makes no call at all.
    let again = env.run_as(&writer, &json_gen_args);
    assert_eq!(again.code, 6, "{}", again.stderr);
    assert_eq!(f.count(), made, "a spent budget makes no call");
    // Another key's jobs are not held back by it.
    let admin = env.json(&gen_args);
    assert_eq!(admin["state"], "succeeded", "{admin}");

    let lifted = env.json(&["keys", "budget", &writer_id, "--unlimited"]);
    assert!(lifted.get("daily_tokens").is_none(), "{lifted}");
    let out = env.run_as(&writer, &json_gen_args);
    assert_eq!(out.code, 0, "{}", out.stderr);

    // Back to the config's defaults (none here), and bad settings refused by the CLI.
    let back = env.json(&["keys", "budget", &writer_id, "--follow-config"]);
    assert_eq!(back["source"], "config", "{back}");
    for bad in [
        vec!["keys", "budget", &writer_id, "--daily-cost", "-1"],
        vec!["keys", "budget", &writer_id, "--daily-cost", "NaN"],
        vec![
            "keys",
            "budget",
            &writer_id,
            "--daily-tokens",
            "5",
            "--unlimited",
        ],
    ] {
        assert_eq!(env.run(&bad).code, 2, "{bad:?}");
    }
}

#[test]
fn the_model_plans_the_outline_and_writes_the_faq_within_bounds() {
    // JSON-mode requests get a plan (with entries the checks must drop); the rest, prose.
    let script = |req: &str| {
        let plan = if !req.contains("\"response_format\"") {
            return openai_answer(PROSE);
        } else if req.contains("Plan the sections") {
            serde_json::json!({"sections": [
                // The excerpts are the page on restic's parts in its order: 1 its lead (the
                // introduction's), 2 its key terms, 3 installing, 4 choosing what goes in, 5
                // the nightly script, 7 restoring.
                {"heading": "Choosing a repository", "sources": [3, 4]},
                {"heading": "Introduction", "sources": [3]},
                {"heading": "Nowhere to be found", "sources": [999]},
                {"heading": "## Keeping snapshots tidy", "sources": ["5", 7]},
            ]})
        } else {
            serde_json::json!({"faq": [
                {"question": "How often should old snapshots be pruned?",
                 "answer": excerpt_words(req, snapshot_source(req), 20),
                 "sources": [snapshot_source(req)]},
                // Long enough answers, so only the missing mark and the missing sources fail them.
                {"question": "Not a question",
                 "answer": "Restic keeps encrypted snapshots of your files in one repository for a long time.",
                 "sources": [1]},
                {"question": "Is an answer without sources kept?",
                 "answer": "Restic keeps encrypted snapshots of your files in one repository for a long time.",
                 "sources": []},
                {"question": "Is an answer far over its budget kept?",
                 "answer": "word ".repeat(200),
                 "sources": [1]},
                {"question": "Can a single file be restored?",
                 "answer": excerpt_words(req, 5, 20),
                 "sources": [1, 5]},
                {"question": "Is an invented answer kept?",
                 "answer": INVENTED,
                 "sources": [1]},
            ]})
        };
        // Models wrap JSON in a fence more often than not.
        openai_answer(&format!("```json\n{plan}\n```"))
    };
    let f = FakeHttp::start(move |request| script(&request.text));
    let (env, _daemon) = generation_env(&f.url, "");
    let out = generate(&env, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let article = std::fs::read_to_string(env.home().join("out/restic-backups/index.md")).unwrap();
    let headings: Vec<&str> = article.lines().filter(|l| l.starts_with("## ")).collect();
    assert!(
        headings.contains(&"## Choosing a repository"),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"## Keeping snapshots tidy"),
        "{headings:?}"
    );
    assert!(!article.contains("Nowhere to be found"), "{article}");
    assert!(
        !headings.contains(&"## Introduction"),
        "a generic heading: {headings:?}"
    );
    assert!(
        article.contains("How often should old snapshots be pruned?"),
        "{article}"
    );
    assert!(
        article.contains("Can a single file be restored?"),
        "{article}"
    );
    assert!(!article.contains("Not a question"), "{article}");
    assert!(!article.contains("without sources kept"), "{article}");
    assert!(!article.contains("far over its budget"), "{article}");
    assert!(!article.contains("invented answer"), "{article}");
    // The FAQ answers cite the sources the model named.
    let faq_asked = f
        .requests()
        .into_iter()
        .map(|r| r.text)
        .find(|r| r.contains("Write the FAQ now"))
        .unwrap();
    let grounded = excerpt_words(&faq_asked, snapshot_source(&faq_asked), 6);
    let grounded = grounded.trim_end_matches('.');
    let answer = article
        .lines()
        .find(|l| l.starts_with(grounded))
        .unwrap_or_else(|| panic!("{article}"));
    assert!(answer.contains("[^"), "{answer}");
    // Both plans were asked for in JSON mode, with numbered sources.
    let json_asked: Vec<serde_json::Value> = f
        .bodies()
        .into_iter()
        .filter(|b| b["response_format"]["type"] == "json_object")
        .collect();
    assert_eq!(json_asked.len(), 2, "outline and FAQ");
    for body in &json_asked {
        let sources = body["messages"][1]["content"].as_str().unwrap();
        assert!(sources.starts_with("[1] "), "{sources}");
    }
    // The stages that called the model record what it cost them.
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.home().join("out/restic-backups/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        manifest["tokens"]["input"],
        300 * f.count() as u64,
        "{manifest}"
    );
}

/// The prose paragraphs and lists of the sources a prose request shows (not their labels or
/// code): what a model that copies its sources writes.
fn shown_paragraphs(request: &str) -> Vec<String> {
    let body: serde_json::Value =
        serde_json::from_str(request.split("\r\n\r\n").nth(1).unwrap_or_default())
            .unwrap_or_default();
    let user = body["messages"][1]["content"].as_str().unwrap_or_default();
    user.split("\n\n")
        .map(str::trim)
        .filter(|p| {
            let list = p.starts_with("- ") && p.lines().all(|l| l.starts_with("- "));
            p.len() > 60
                && (list || (!p.starts_with(['[', '-', '`', '|', '#']) && !p.contains('\n')))
        })
        .map(str::to_string)
        .collect()
}

/// The first source of a JSON request whose plain sentence speaks of snapshots (an answer to
/// a question on pruning them).
fn snapshot_source(request: &str) -> usize {
    (1..=12)
        .find(|&n| {
            plain_sentence(request, n).is_some_and(|s| s.to_lowercase().contains("snapshot"))
        })
        .unwrap_or(2)
}

/// A plain sentence of source `n` of a JSON request (excerpts: `[n] (headings) text`), of at
/// most `count` words.
fn excerpt_words(request: &str, n: usize, count: usize) -> String {
    let plain = plain_sentence(request, n)
        .unwrap_or_else(|| panic!("no plain sentence in source {n}: {request}"));
    let words: Vec<&str> = plain.split_whitespace().take(count).collect();
    format!("{}.", words.join(" ").trim())
}

/// The first sentence of 6-40 plain words (no code, labels or links) of source `n`.
fn plain_sentence(request: &str, n: usize) -> Option<String> {
    let body: serde_json::Value =
        serde_json::from_str(request.split("\r\n\r\n").nth(1).unwrap_or_default())
            .unwrap_or_default();
    let user = body["messages"][1]["content"].as_str().unwrap_or_default();
    let label = format!("[{n}] (");
    let line = user.split("\n\n").find(|l| l.starts_with(&label))?;
    let text = line.split_once(") ").map_or("", |(_, t)| t);
    text.split(['.', '`'])
        .find(|s| {
            let words = s.split_whitespace().count();
            (6..=40).contains(&words) && !s.contains(['`', ':', '#', '*', '['])
        })
        .map(str::to_owned)
}

/// A sentence no source of the sample knowledge base says.
const INVENTED: &str = "Quantum ledgers synchronise blockchain wallets every 42 seconds.";

#[test]
fn a_models_words_are_checked_against_its_sources_before_they_are_kept() {
    // Sections: the sources' own paragraphs, plus an invented sentence that must go. The
    // introduction: nothing but invention, so it falls back. The conclusion: a copied
    // paragraph and an unfinished tail, cut by max_tokens. Outline and FAQ: no JSON.
    let script = |req: &str| {
        let copied = shown_paragraphs(req).join("\n\n");
        if req.contains("Write the introduction now") {
            openai_answer(&format!(
                "{INVENTED} Mars rovers prefer encrypted sandwiches."
            ))
        } else if req.contains("Write the conclusion now") {
            openai_finished(&format!("{copied} Then the unfinished tail of"), "length")
        } else if req.contains("Write the section") {
            openai_answer(&format!("Here's the section:\n\n{copied}\n\n{INVENTED}"))
        } else {
            openai_answer("no plan today")
        }
    };
    let f = FakeHttp::start(move |request| script(&request.text));
    let (env, _daemon) = generation_env(&f.url, "");
    let out = generate(&env, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let article = std::fs::read_to_string(env.home().join("out/restic-backups/index.md")).unwrap();
    assert!(!article.contains("Quantum ledgers"), "{article}");
    assert!(!article.contains("Mars rovers"), "{article}");
    assert!(!article.contains("Here's the section"), "{article}");
    assert!(!article.contains("unfinished tail"), "{article}");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.home().join("out/restic-backups/manifest.json")).unwrap(),
    )
    .unwrap();
    let parts = manifest["parts"]
        .as_array()
        .unwrap_or_else(|| panic!("{manifest}"));
    let part = |name: &str| {
        parts
            .iter()
            .find(|p| p["part"] == name)
            .unwrap_or_else(|| panic!("{name}: {manifest}"))
    };
    let intro = part("introduction");
    assert_eq!(intro["written_by"], "offline", "{intro}");
    assert!(
        intro["fallback"]
            .as_str()
            .unwrap()
            .contains("not found in the sources"),
        "{intro}"
    );
    let written: Vec<&serde_json::Value> = parts
        .iter()
        .filter(|p| {
            p["part"].as_str().unwrap().starts_with("section") && p["written_by"] == "model"
        })
        .collect();
    assert!(
        !written.is_empty(),
        "a section keeps the model's grounded text: {manifest}"
    );
    for section in &written {
        assert!(
            section["dropped_for"]["unsupported"].as_u64() >= Some(1),
            "{section}"
        );
        assert_eq!(section["dropped_for"]["meta"], 1, "{section}");
    }
    let conclusion = part("conclusion");
    assert_eq!(conclusion["dropped_for"]["cut"], 1, "{conclusion}");
    assert_eq!(part("outline")["written_by"], "offline");
    assert!(
        manifest["tokens"]["discarded"].as_u64() > Some(0),
        "{manifest}"
    );
    assert_eq!(manifest["tokens"]["estimated"], false);
    // The stages record their parts too.
    let stages = manifest["stages"].as_array().unwrap();
    let intro_stage = stages
        .iter()
        .find(|s| s["stage"] == "introduction")
        .unwrap();
    assert_eq!(
        intro_stage["parts"][0]["written_by"], "offline",
        "{intro_stage}"
    );
    // Only sources shown to the model are cited: every mark has its footnote.
    for mark in article.match_indices("[^").map(|(i, _)| &article[i..]) {
        let n = &mark[2..mark.find(']').unwrap()];
        assert!(
            article.contains(&format!("[^{n}]:")),
            "[^{n}] has no footnote"
        );
    }
}

#[test]
fn a_plan_that_is_not_json_leaves_the_offline_outline_and_faq() {
    let f = FakeHttp::sequence(vec![openai_prose()]);
    let (env, _daemon) = generation_env(&f.url, "");
    let out = generate(&env, &["--no-cache"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let with_model =
        std::fs::read_to_string(env.home().join("out/restic-backups/index.md")).unwrap();
    let offline = common::Env::new();
    let _offline_daemon = offline.start_daemon();
    let ingest = offline.run(&["ingest", common::sample_kb().to_str().unwrap(), "--wait"]);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    let out_dir = offline.home().join("out").display().to_string();
    let out = offline.run(&["generate", "restic backups", "--out", &out_dir, "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let plain =
        std::fs::read_to_string(offline.home().join("out/restic-backups/index.md")).unwrap();
    let headings = |a: &str| -> Vec<String> {
        a.lines()
            .filter(|l| l.starts_with("## "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        headings(&with_model),
        headings(&plain),
        "the offline outline stands"
    );
    // The offline FAQ stands too: its answers avoid what the offline composition said, which
    // does not change when a model rewrites the prose around it.
    let questions = |a: &str| -> Vec<String> {
        a.lines()
            .filter(|l| l.starts_with("### ") && l.ends_with('?'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(questions(&with_model), questions(&plain), "{with_model}");
}

#[test]
fn secrets_and_provider_settings_change_without_a_restart() {
    let f = FakeHttp::sequence(vec![openai_ok()]);
    let config = |model: &str| {
        format!(
            "[providers.cloud]\nkind = \"openai\"\nbase_url = \"{}/v1\"\nmodel = \"{model}\"\n",
            f.url
        )
    };
    let env = common::Env::with_config(&config("gpt-a"));
    // Provider secrets live in the OS keyring only (the Linux kernel keyring here), and the
    // daemon and the CLI must share it.
    let daemon = env.start_daemon_with(|cmd| {
        cmd.env_remove("OPENAI_API_KEY").env("CGEN_KEYRING", "auto");
    });
    env.admin_key();
    let key = |args: &[&str], input: Option<&str>| {
        common::outcome(env.cgen().env("CGEN_KEYRING", "auto").args(args), input)
    };
    // A key command that must succeed, and what it printed.
    let says = |args: &[&str], input: Option<&str>| -> String {
        let out = key(args, input);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    let out = env.run(&["providers", "test", "cloud"]);
    assert_eq!(out.code, 9, "no secret yet: {}", out.stderr);
    assert!(out.stderr.contains("OPENAI_API_KEY"), "{}", out.stderr);

    // A secret kept while the daemon runs is used at once.
    let out = key(&["providers", "key", "set", "cloud"], Some("sk-kept-now\n"));
    if out.stderr.contains("keyring is not available") {
        eprintln!("skipped: no OS keyring on this machine: {}", out.stderr);
        return;
    }
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("the daemon uses it now"),
        "{}",
        out.stdout
    );
    env.json(&["providers", "test", "cloud"]);
    // Headers compare without case.
    let request = f.requests()[0].text.to_lowercase();
    assert!(
        request.contains("authorization: bearer sk-kept-now"),
        "{request}"
    );
    assert_eq!(f.bodies()[0]["model"], "gpt-a");

    // A reload applies new provider settings; the provider keeps its stats.
    env.write_config(&config("gpt-b"));
    let reload = env.json(&["config", "reload"]);
    assert_eq!(
        reload["applied"],
        serde_json::json!(["providers.cloud.model"]),
        "{reload}"
    );
    assert_eq!(reload["needs_restart"], serde_json::json!([]), "{reload}");
    let shown = env.json(&["providers", "show", "cloud"]);
    assert_eq!(shown["model"], "gpt-b", "{shown}");
    assert_eq!(shown["stats"]["calls"], 1, "{shown}");
    env.json(&["providers", "test", "cloud"]);
    assert_eq!(f.bodies()[1]["model"], "gpt-b");

    // A secret for a provider the daemon does not have says what to do.
    let said = says(&["providers", "key", "set", "later"], Some("sk-later\n"));
    assert!(said.contains("add [providers.later]"), "{said}");

    // Removed: the daemon stops using it.
    key(&["providers", "key", "rm", "later"], None);
    let said = says(&["providers", "key", "rm", "cloud"], None);
    assert!(
        said.contains("the daemon has no secret for it now"),
        "{said}"
    );
    let out = env.run(&["providers", "test", "cloud"]);
    assert_eq!(out.code, 9, "{}", out.stderr);
    assert_eq!(f.count(), 2, "no call without a secret");

    // Quiet or not, the daemon is told.
    let said = says(
        &["-q", "providers", "key", "set", "cloud"],
        Some("sk-again\n"),
    );
    assert_eq!(said, "");
    env.json(&["providers", "test", "cloud"]);
    assert_eq!(says(&["-q", "providers", "key", "rm", "cloud"], None), "");
    assert_eq!(env.run(&["providers", "test", "cloud"]).code, 9);
    assert_eq!(f.count(), 3);

    // A key that may not reload, or one the daemon refuses: the secret is kept all the same,
    // and the user is told who can make the daemon read it.
    let viewer = env.make_key("reader", "viewer");
    for credential in [viewer.as_str(), "cgen_000000000000_refused"] {
        let out = common::outcome(
            env.cgen()
                .env("CGEN_KEYRING", "auto")
                .env("CGEN_API_KEY", credential)
                .args(["providers", "key", "set", "cloud"]),
            Some("sk-unread\n"),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.contains("an admin can run `cgen config reload`"),
            "{}",
            out.stdout
        );
    }
    key(&["providers", "key", "rm", "cloud"], None);

    // With no daemon running, the secret waits for the next start, and the user is told so.
    drop(daemon);
    let said = says(&["providers", "key", "set", "cloud"], Some("sk-later\n"));
    assert!(said.contains("no daemon is running"), "{said}");
    key(&["providers", "key", "rm", "cloud"], None);
}
