//! Every metric cgen exports, named, described and given its unit in one place, and the
//! Prometheus recorder that serves them: on an HTTP listener when `[metrics] listen` is set,
//! and always through the socket (`cgen metrics`). Names follow Prometheus conventions: the
//! `cgen_` prefix, `_total` for counters, `_seconds` and `_bytes` for units.

use std::net::SocketAddr;
use std::sync::OnceLock;

use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub const RPC_REQUESTS: &str = "cgen_rpc_requests_total";
pub const RPC_DURATION: &str = "cgen_rpc_request_duration_seconds";
pub const RPC_ERRORS: &str = "cgen_rpc_errors_total";
pub const RPC_ABANDONED: &str = "cgen_rpc_abandoned_total";
pub const JOBS_SUBMITTED: &str = "cgen_jobs_submitted_total";
pub const JOBS_FINISHED: &str = "cgen_jobs_finished_total";
pub const JOB_DURATION: &str = "cgen_job_duration_seconds";
pub const QUEUE_DEPTH: &str = "cgen_queue_depth";
pub const JOBS_RUNNING: &str = "cgen_jobs_running";
pub const STAGE_DURATION: &str = "cgen_stage_duration_seconds";
pub const INGEST_DOCUMENTS: &str = "cgen_ingest_documents_total";
pub const INGEST_BYTES: &str = "cgen_ingest_bytes_total";
pub const INGEST_CHUNKS: &str = "cgen_ingest_chunks_total";
pub const SEARCH_DURATION: &str = "cgen_search_duration_seconds";
pub const DB_SIZE: &str = "cgen_database_size_bytes";
pub const DB_WRITE_DURATION: &str = "cgen_database_write_duration_seconds";
pub const DISK_FREE: &str = "cgen_disk_free_bytes";
pub const LAST_BACKUP: &str = "cgen_last_backup_timestamp_seconds";
pub const PROCESS_RESIDENT_MEMORY: &str = "cgen_process_resident_memory_bytes";
pub const PROCESS_CPU: &str = "cgen_process_cpu_seconds_total";
pub const PROCESS_OPEN_FDS: &str = "cgen_process_open_fds";
pub const BUILD_INFO: &str = "cgen_build_info";
pub const RATE_LIMITED: &str = "cgen_rate_limited_total";
pub const AUTH_FAILURES: &str = "cgen_auth_failures_total";
pub const PROVIDER_REQUESTS: &str = "cgen_provider_requests_total";
pub const PROVIDER_DURATION: &str = "cgen_provider_request_duration_seconds";
pub const PROVIDER_TOKENS: &str = "cgen_provider_tokens_total";
pub const PROVIDER_BREAKER_OPEN: &str = "cgen_provider_breaker_open";
pub const CONFIG_RELOADS: &str = "cgen_config_reloads_total";

/// Latency buckets from 100 µs to a minute: socket calls are sub-millisecond, jobs take seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0, 30.0, 60.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

#[derive(Debug, thiserror::Error)]
#[error("cannot start the metrics exporter: {0}")]
pub struct MetricsError(String);

/// Installs the recorder (once per process) and, with `listen`, the HTTP listener. Must run
/// inside the Tokio runtime.
pub fn install(listen: Option<SocketAddr>) -> Result<(), MetricsError> {
    if HANDLE.get().is_some() {
        return Ok(());
    }
    let builder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
        .map_err(|e| MetricsError(e.to_string()))?;
    let handle = match listen {
        Some(addr) => {
            let (recorder, exporter) = builder
                .with_http_listener(addr)
                .build()
                .map_err(|e| MetricsError(format!("{addr}: {e}")))?;
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).map_err(|e| MetricsError(e.to_string()))?;
            tokio::spawn(async move {
                if let Err(e) = exporter.await {
                    tracing::error!(error = ?e, "metrics listener stopped");
                }
            });
            handle
        }
        None => builder
            .install_recorder()
            .map_err(|e| MetricsError(e.to_string()))?,
    };
    describe();
    let _ = HANDLE.set(handle);
    Ok(())
}

/// The text exposition, for `cgen metrics`.
pub fn render() -> String {
    HANDLE
        .get()
        .map(PrometheusHandle::render)
        .unwrap_or_default()
}

/// Housekeeping the exporter needs (histogram windows) and the process gauges.
pub fn upkeep() {
    if let Some(h) = HANDLE.get() {
        h.run_upkeep();
    }
    record_process();
}

fn describe() {
    describe_counter!(RPC_REQUESTS, Unit::Count, "Requests served, by method.");
    describe_counter!(
        RPC_ABANDONED,
        Unit::Count,
        "Requests stopped because their client closed the connection, by method."
    );
    describe_histogram!(
        RPC_DURATION,
        Unit::Seconds,
        "Time to answer a request, by method."
    );
    describe_counter!(
        RPC_ERRORS,
        Unit::Count,
        "Requests answered with an error, by method and error kind."
    );
    describe_counter!(
        RATE_LIMITED,
        Unit::Count,
        "Requests refused by a rate limit, by method class and scope (key or global)."
    );
    describe_counter!(
        AUTH_FAILURES,
        Unit::Count,
        "Failed authentications, by reason."
    );
    describe_counter!(
        PROVIDER_REQUESTS,
        Unit::Count,
        "Model provider call attempts, by provider and outcome (ok, http_429, timeout_idle, ...)."
    );
    describe_histogram!(
        PROVIDER_DURATION,
        Unit::Seconds,
        "Time of one provider call attempt, by provider."
    );
    describe_counter!(
        PROVIDER_TOKENS,
        Unit::Count,
        "Tokens sent to and received from providers, by provider and direction."
    );
    describe_gauge!(
        PROVIDER_BREAKER_OPEN,
        Unit::Count,
        "1 while a provider's circuit breaker is open (calls fail fast), else 0."
    );
    describe_counter!(JOBS_SUBMITTED, Unit::Count, "Jobs accepted, by kind.");
    describe_counter!(
        JOBS_FINISHED,
        Unit::Count,
        "Job attempts finished, by kind and outcome."
    );
    describe_histogram!(
        JOB_DURATION,
        Unit::Seconds,
        "Duration of one job attempt, by kind."
    );
    describe_gauge!(QUEUE_DEPTH, Unit::Count, "Queued jobs, by kind.");
    describe_gauge!(JOBS_RUNNING, Unit::Count, "Running jobs, by kind.");
    describe_histogram!(
        STAGE_DURATION,
        Unit::Seconds,
        "Duration of one generation stage, by stage."
    );
    describe_counter!(
        INGEST_DOCUMENTS,
        Unit::Count,
        "Ingested sources, by outcome."
    );
    describe_counter!(INGEST_BYTES, Unit::Bytes, "Bytes of documents ingested.");
    describe_counter!(INGEST_CHUNKS, Unit::Count, "Chunks indexed.");
    describe_histogram!(
        SEARCH_DURATION,
        Unit::Seconds,
        "Time of one knowledge-base search, by the ranking used (mode: bm25 or hybrid)."
    );
    describe_gauge!(
        DB_SIZE,
        Unit::Bytes,
        "Size of the database and its write-ahead log."
    );
    describe_histogram!(
        DB_WRITE_DURATION,
        Unit::Seconds,
        "Time of one write on the store's writer thread."
    );
    describe_gauge!(
        PROCESS_RESIDENT_MEMORY,
        Unit::Bytes,
        "Resident memory of the daemon."
    );
    describe_gauge!(
        PROCESS_CPU,
        Unit::Seconds,
        "CPU time of the daemon, user and system."
    );
    describe_gauge!(
        PROCESS_OPEN_FDS,
        Unit::Count,
        "Open file descriptors of the daemon."
    );
    describe_counter!(
        CONFIG_RELOADS,
        Unit::Count,
        "Configuration reloads (SIGHUP, `cgen config reload`), by outcome: applied or refused."
    );
    describe_gauge!(
        BUILD_INFO,
        Unit::Count,
        "Always 1; the labels say which build runs."
    );
    metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
}

/// Resident memory, CPU time and open descriptors from /proc (Linux; elsewhere nothing).
fn record_process() {
    #[cfg(target_os = "linux")]
    {
        let page = 4096.0;
        if let Ok(statm) = std::fs::read_to_string("/proc/self/statm")
            && let Some(rss) = statm
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<f64>().ok())
        {
            metrics::gauge!(PROCESS_RESIDENT_MEMORY).set(rss * page);
        }
        if let Ok(stat) = std::fs::read_to_string("/proc/self/stat")
            && let Some((_, rest)) = stat.rsplit_once(')')
        {
            // Fields 14 and 15 (utime, stime) are the 12th and 13th after the command name.
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let ticks = |i: usize| {
                fields
                    .get(i)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            // SAFETY: sysconf has no preconditions.
            let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
            metrics::gauge!(PROCESS_CPU).set((ticks(11) + ticks(12)) / hz);
        }
        if let Ok(fds) = std::fs::read_dir("/proc/self/fd") {
            metrics::gauge!(PROCESS_OPEN_FDS).set(fds.count() as f64);
        }
    }
}
