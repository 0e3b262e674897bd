//! Logging setup. The daemon writes JSON lines to daily-rolling files in the state dir (with a
//! retention count), plus readable text on stderr when stderr is a terminal or the systemd
//! journal (`JOURNAL_STREAM`, so `journalctl -u cgen` shows the daemon's lines); the CLI logs only
//! warnings to stderr. The daemon's filter is `log.level` of its configuration (which `CGEN_LOG`
//! overrides, see `config`), and a reload changes it (`set_level`). Spans carry the request's
//! correlation id and the job's id, so every line of a request or job can be found.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::OnceLock;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry, fmt, reload};

use crate::config::ENV_LOG;

/// Swaps the daemon's filter; set once logging is up.
static LEVEL: OnceLock<reload::Handle<EnvFilter, Registry>> = OnceLock::new();

/// Logging for the daemon at `level`, an `EnvFilter` directive the configuration has checked.
/// Keep the guard alive until exit: dropping it flushes the file.
pub fn init_daemon(
    log_dir: &Path,
    level: &str,
    retention_files: usize,
) -> std::io::Result<WorkerGuard> {
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
    // One filter in front of both outputs, behind a reload handle.
    let (filter, handle) = reload::Layer::new(EnvFilter::new(level));
    // A second init (tests running daemons in-process) keeps the first subscriber.
    if tracing_subscriber::registry()
        .with(filter)
        .with(json)
        .with(terminal)
        .try_init()
        .is_ok()
    {
        let _ = LEVEL.set(handle);
    }
    Ok(guard)
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

/// Logging for client commands: warnings and errors only, on stderr.
pub fn init_cli() {
    let layer = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .without_time()
        .with_target(false)
        .with_filter(EnvFilter::try_from_env(ENV_LOG).unwrap_or_else(|_| EnvFilter::new("warn")));
    let _ = tracing_subscriber::registry().with(layer).try_init();
}
