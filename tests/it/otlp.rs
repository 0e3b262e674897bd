//! Traces (a build with the `otlp` feature): a real daemon exports its spans over OTLP/HTTP to
//! the fake HTTP server, and the spans of a request and of the job it submitted carry the
//! correlation id. Run with `cargo nextest run --features otlp -E 'test(otlp)'`.

use std::time::{Duration, Instant};

use crate::common;
use crate::common::fake_http::{FakeHttp, Response};
use serde_json::{Value, json};

type Span = (String, Vec<(String, String)>, String);

/// Every exported span as (name, attributes as key → string value, trace id).
fn spans(bodies: &[Value]) -> Vec<Span> {
    let mut out = Vec::new();
    for body in bodies {
        for rs in body["resourceSpans"].as_array().into_iter().flatten() {
            for ss in rs["scopeSpans"].as_array().into_iter().flatten() {
                for span in ss["spans"].as_array().into_iter().flatten() {
                    let attrs = span["attributes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            let v = &a["value"];
                            let text = v["stringValue"]
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| v.to_string());
                            (a["key"].as_str().unwrap_or_default().to_string(), text)
                        })
                        .collect();
                    out.push((
                        span["name"].as_str().unwrap_or_default().to_string(),
                        attrs,
                        span["traceId"].as_str().unwrap_or_default().to_string(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn otlp_spans_of_a_request_and_its_job_carry_the_correlation_id() {
    // The OTLP/HTTP receiver: it keeps every post, and the spans are read from their bodies.
    let receiver = FakeHttp::start(|_| Response::new(200, "application/json", "{}"));
    let env = common::Env::with_config(&format!("[log]\notlp_endpoint = \"{}\"\n", receiver.url));
    let _daemon = env.start_daemon_with(|cmd| {
        cmd.env("OTEL_BSP_SCHEDULE_DELAY", "100");
    });
    let kb = common::sample_kb().display().to_string();
    let mut c = env.connect();
    let r = c.call(
        "jobs.submit",
        json!({"jobs": [{"spec": {"kind": "ingest", "params": {"sources": [kb]}}}],
               "_meta": {"request_id": "otlp-req-1"}}),
    );
    let id = r["result"]["jobs"][0]["id"].as_i64().expect("submitted");
    env.wait_job(id);
    let out = env.home().join("out").display().to_string();
    let r = c.call(
        "jobs.submit",
        json!({"jobs": [{"spec": {"kind": "generate", "params": {"topic": "restic backups", "out_dir": out, "format": "md"}}}],
               "_meta": {"request_id": "otlp-req-2"}}),
    );
    let generated = r["result"]["jobs"][0]["id"].as_i64().expect("submitted");
    env.wait_job(generated);
    let trace_of = |name: &str, key: &str, value: &str| {
        spans(&receiver.bodies())
            .into_iter()
            .find(|(n, attrs, _)| n == name && attrs.iter().any(|(k, v)| k == key && v == value))
            .map(|(_, _, trace)| trace)
    };
    // The stages of the generate job are in the job's trace.
    let stages_in_job = || {
        let Some(trace) = trace_of("job", "correlation_id", "otlp-req-2") else {
            return false;
        };
        spans(&receiver.bodies()).iter().any(|(n, attrs, t)| {
            n == "stage"
                && *t == trace
                && attrs.iter().any(|(k, v)| k == "stage" && v == "retrieve")
        })
    };
    let started = Instant::now();
    while !(trace_of("request", "request_id", "otlp-req-1").is_some()
        && trace_of("job", "correlation_id", "otlp-req-1").is_some()
        && stages_in_job())
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "spans received: {:?}",
            spans(&receiver.bodies())
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
