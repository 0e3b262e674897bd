//! Logging setup. The daemon writes JSON lines to daily-rolling files in the state dir (with a
//! retention count), plus readable text on stderr when stderr is a terminal or the systemd
//! journal (`JOURNAL_STREAM`, so `journalctl -u cgen` shows the daemon's lines); the CLI logs only
//! warnings to stderr. The daemon's filter is `log.level` of its configuration (which `CGEN_LOG`
//! overrides, see `config`), and a reload changes it (`set_level`). Spans carry the request's
//! correlation id and the job's id, so every line of a request or job can be found. With
//! `log.otlp_endpoint` (and a build with the `otlp` feature) the same spans (request, job,
//! stage, provider call) are exported as OpenTelemetry traces over OTLP/HTTP.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::OnceLock;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry, fmt, reload};

/// The log filter's variable: the older, shorter name of `CGEN_LOG__LEVEL`, which it wins over
/// (and over the file). Logging owns it; the config resolves it like any setting.
pub const ENV_LOG: &str = "CGEN_LOG";

/// The optional trace layer, next to the registry.
type TraceLayer = Option<Box<dyn Layer<Registry> + Send + Sync>>;
/// What the filter sits on.
type Base = tracing_subscriber::layer::Layered<TraceLayer, Registry>;

/// Swaps the daemon's filter; set once logging is up.
static LEVEL: OnceLock<reload::Handle<EnvFilter, Base>> = OnceLock::new();

/// What must live until the daemon exits: dropping it flushes the log file and the traces.
pub struct Guard {
    _log: WorkerGuard,
    #[cfg(feature = "otlp")]
    traces: Option<opentelemetry_sdk::trace::SdkTracerProvider>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(feature = "otlp")]
        if let Some(provider) = self.traces.take()
            && let Err(e) = provider.shutdown()
        {
            eprintln!("cannot flush the traces: {e}");
        }
    }
}

/// Logging for the daemon at `level`, an `EnvFilter` directive the configuration has checked,
/// and traces to `otlp_endpoint` when given.
pub fn init_daemon(
    log_dir: &Path,
    level: &str,
    retention_files: usize,
    otlp_endpoint: Option<&str>,
) -> std::io::Result<Guard> {
    std::fs::create_dir_all(log_dir)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("daemon")
        .filename_suffix("log")
        .max_log_files(retention_files)
        .build(log_dir)
        .map_err(std::io::Error::other)?;
    // Lossless: a full buffer slows logging down rather than dropping lines.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(appender);
    let json = fmt::layer()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(true)
        .with_writer(writer);
    let on_terminal = std::io::stderr().is_terminal();
    // systemd sets JOURNAL_STREAM when stderr goes to the journal: the journal timestamps
    // lines itself and shows no colours.
    let to_journal = std::env::var_os("JOURNAL_STREAM").is_some();
    let terminal = (on_terminal || to_journal).then(|| {
        let layer = fmt::layer()
            .with_writer(std::io::stderr)
            .with_ansi(on_terminal && std::env::var_os("NO_COLOR").is_none());
        if to_journal {
            layer.without_time().boxed()
        } else {
            layer.boxed()
        }
    });
    #[cfg(feature = "otlp")]
    let (traces, provider) = match otlp_endpoint.map(otlp::layer).transpose() {
        Ok(Some((layer, provider))) => (Some(layer), Some(provider)),
        Ok(None) => (None, None),
        Err(e) => return Err(std::io::Error::other(e)),
    };
    #[cfg(not(feature = "otlp"))]
    let traces: TraceLayer = None;
    // One filter in front of every output, behind a reload handle.
    let (filter, handle) = reload::Layer::new(EnvFilter::new(level));
    // A second init (tests running daemons in-process) keeps the first subscriber.
    // The trace layer sits next to the registry (its boxed type names it); the filter still
    // applies to every layer.
    if tracing_subscriber::registry()
        .with(traces)
        .with(filter)
        .with(json)
        .with(terminal)
        .try_init()
        .is_ok()
    {
        let _ = LEVEL.set(handle);
    }
    #[cfg(not(feature = "otlp"))]
    if let Some(endpoint) = otlp_endpoint {
        tracing::warn!(
            endpoint,
            "log.otlp_endpoint is set but this build has no OTLP support (build with --features otlp)"
        );
    }
    Ok(Guard {
        _log: guard,
        #[cfg(feature = "otlp")]
        traces: provider,
    })
}

/// The OpenTelemetry layer: spans batched and sent as OTLP/HTTP JSON to `{endpoint}/v1/traces`.
#[cfg(feature = "otlp")]
mod otlp {
    use opentelemetry::trace::TracerProvider as _;
    use opentelemetry_otlp::{Protocol, WithExportConfig};
    use opentelemetry_sdk::trace::SdkTracerProvider;
    use tracing_subscriber::{Layer, Registry};

    pub fn layer(
        endpoint: &str,
    ) -> Result<(Box<dyn Layer<Registry> + Send + Sync>, SdkTracerProvider), String> {
        // The exporter builds its own reqwest client.
        crate::http::install_tls();
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_protocol(Protocol::HttpJson)
            .with_endpoint(format!("{}/v1/traces", endpoint.trim_end_matches('/')))
            .build()
            .map_err(|e| format!("cannot set up the OTLP exporter: {e}"))?;
        let resource = opentelemetry_sdk::Resource::builder()
            .with_service_name("cgen")
            .build();
        let provider = SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(resource)
            .build();
        let tracer = provider.tracer("cgen");
        let layer = tracing_opentelemetry::layer().with_tracer(tracer).boxed();
        Ok((layer, provider))
    }
}

/// Replaces the daemon's log filter (a configuration reload).
pub fn set_level(level: &str) -> Result<(), String> {
    let filter = EnvFilter::try_new(level).map_err(|e| e.to_string())?;
    LEVEL
        .get()
        .ok_or_else(|| "logging was set up by someone else in this process".to_string())?
        .reload(filter)
        .map_err(|e| e.to_string())
}

/// Logging for client commands, on stderr, when `CGEN_LOG` asks for it. A client writes no
/// log line of its own at the default level (what it has to say, it prints), so without
/// `CGEN_LOG` no subscriber is set up: one fewer thing for every command to start.
pub fn init_cli() {
    if std::env::var_os(ENV_LOG).is_none() {
        return;
    }
    let layer = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .without_time()
        .with_target(false)
        .with_filter(EnvFilter::try_from_env(ENV_LOG).unwrap_or_else(|_| EnvFilter::new("warn")));
    let _ = tracing_subscriber::registry().with(layer).try_init();
}
