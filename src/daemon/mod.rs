//! The daemon: `run(config, paths, shutdown)` binds the socket (refusing to start beside a
//! live daemon), opens the store, re-queues jobs a crash left running, starts the scheduler and
//! serves connections until `shutdown` fires; then it stops accepting, drains running jobs
//! within the grace period and removes the socket. `SIGHUP` reloads the configuration
//! (`reload`). It never prints to the user.

pub mod connection;
pub mod handlers;
pub mod listener;
pub mod methods;
pub mod ops;
pub mod pool;
pub mod reload;
pub mod upkeep;

use std::sync::Arc;
use std::time::Instant;

use interprocess::local_socket::traits::tokio::Listener as _;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::{Config, ConfigSource, Feature, LiveConfig};
use crate::jobs::{Jobs, Runtime};
use crate::paths::Paths;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Its own folders could not be made.
    #[error(transparent)]
    Create(#[from] crate::paths::CreateError),
    #[error("{0}")]
    AlreadyRunning(String),
    #[error("cannot listen on {path}: {source}")]
    Listen {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot start: {0}")]
    Start(String),
}

/// How a daemon that refuses to start beside another one begins its message.
pub const ANOTHER_DAEMON: &str = "another cgen daemon";

/// The flag the client's autostart gives the daemon it starts (hidden from people): with it, a
/// daemon that refuses to start beside another one exits with `GAVE_WAY_EXIT` rather than the
/// usual failure, so the client can tell it lost a start-up race from a real failure.
pub const AUTOSTART_FLAG: &str = "--autostarted";

/// The exit status of an autostarted daemon that gave way to another daemon (`AUTOSTART_FLAG`).
pub const GAVE_WAY_EXIT: u8 = 10;

/// What every handler can reach.
pub struct Daemon {
    /// The configuration in force; `config()` takes a snapshot, a reload replaces it.
    live: Arc<LiveConfig>,
    /// Where the configuration is read from again on reload: the same file and profile.
    pub source: ConfigSource,
    /// One reload at a time, so two cannot interleave their checks and swaps.
    reloading: tokio::sync::Mutex<()>,
    pub paths: Paths,
    pub store: Store,
    pub jobs: Arc<Jobs>,
    /// What jobs run with; handlers that run stages alone use it too.
    pub runtime: Arc<Runtime>,
    pub instance_id: String,
    /// Checks credentials in `hello` and makes session tokens.
    pub auth: crate::auth::authenticate::Authenticator,
    /// Swapped whole by a reload that changes `[rate_limits]` (quotas start full again).
    rate_limits: std::sync::RwLock<Arc<crate::auth::ratelimit::RateLimiter>>,
    /// Who holds the open connections, and the caps on them.
    pub connections: Arc<pool::Pool>,
    /// The socket came from systemd (socket activation), not from `paths.socket`.
    pub socket_activated: bool,
    pub started: Instant,
    /// Cancelled to stop the daemon (signal, `daemon.shutdown`).
    pub shutdown: CancellationToken,
}

impl Daemon {
    /// A snapshot of the configuration in force.
    pub fn config(&self) -> Arc<Config> {
        self.live.get()
    }
}

/// Runs the daemon until `shutdown` is cancelled. `config` is what `source` gave at start-up.
pub async fn run(
    source: ConfigSource,
    config: Config,
    paths: Paths,
    shutdown: CancellationToken,
) -> Result<(), DaemonError> {
    paths.validate().map_err(crate::config::ConfigError::from)?;
    crate::generate::template_child::isolate_renders();
    // Installed first: SIGHUP's default action would end the daemon.
    let hangups = signals::hangups()?;
    signals::ignore_file_size_limit();
    for dir in [&paths.data_dir, &paths.state_dir] {
        crate::paths::create_private_dir(dir)?;
    }
    let metrics_listen = config
        .metrics
        .listen
        .filter(|_| config.features.enabled(Feature::MetricsListener));
    crate::metrics::install(metrics_listen).map_err(|e| DaemonError::Start(e.to_string()))?;
    // Held until this function returns: one daemon per database, even while one drains.
    let _db_lock = lock_database(&paths.database())?;
    let (listener, socket_activated) =
        listener::bind(&paths.socket, config.auth.allow_other_users).await?;
    let db = paths.database();
    let store = tokio::task::spawn_blocking(move || Store::open(&db))
        .await
        .map_err(|e| DaemonError::Start(e.to_string()))??;
    let recovered = store.write(crate::store::jobs::recover_interrupted).await?;
    if !recovered.is_empty() {
        tracing::warn!(
            jobs = recovered.len(),
            "recovered jobs left running by an earlier stop"
        );
    }
    let auth = crate::auth::authenticate::Authenticator::open(
        &store,
        config.auth.clone(),
        listener::own_uid(),
    )
    .await?;
    let rate_limits = std::sync::RwLock::new(Arc::new(crate::auth::ratelimit::RateLimiter::new(
        &config.rate_limits,
    )));
    let live = Arc::new(LiveConfig::new(config));
    let jobs = Arc::new(Jobs::new(store.clone(), live.clone()).await?);
    let runtime = Arc::new(Runtime::new(store.clone(), live.clone(), paths.clone()));
    let daemon = Arc::new(Daemon {
        instance_id: instance_id(),
        auth,
        rate_limits,
        started: Instant::now(),
        shutdown: shutdown.clone(),
        live,
        source,
        reloading: tokio::sync::Mutex::new(()),
        paths,
        store,
        jobs: jobs.clone(),
        runtime: runtime.clone(),
        connections: pool::Pool::new(),
        socket_activated,
    });
    let scheduler = tokio::spawn(crate::jobs::scheduler::run(jobs, runtime, shutdown.clone()));
    tracing::info!(socket = %daemon.paths.socket.display(), pid = std::process::id(),
        version = env!("CARGO_PKG_VERSION"), "daemon serving");
    // READY first: the upkeep loop's STATUS lines must not reach systemd before it.
    upkeep::systemd::ready();
    tokio::spawn(upkeep::run(daemon.clone()));
    tokio::spawn(signals::reload_on_hangup(daemon.clone(), hangups));
    serve(&daemon, listener).await;
    upkeep::systemd::stopping();
    tracing::info!("shutting down: no new connections");
    if let Err(e) = scheduler.await {
        tracing::error!(error = %e, "scheduler ended abnormally");
    }
    tracing::info!("daemon stopped");
    Ok(())
}

impl Daemon {
    /// The rate limiter in force.
    pub fn rate_limits(&self) -> Arc<crate::auth::ratelimit::RateLimiter> {
        self.rate_limits
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Puts new quotas in force (a reload).
    pub fn set_rate_limits(&self, config: &crate::auth::settings::RateLimitsConfig) {
        let limiter = Arc::new(crate::auth::ratelimit::RateLimiter::new(config));
        *self
            .rate_limits
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = limiter;
    }
}

/// Accepts connections until shutdown; each runs in its own task. Accepting never waits for
/// a slot: a new connection joins the pool of those waiting for `hello` (`pool`), and
/// `hello` gives it an authenticated slot or refuses it. Dropping the listener removes the
/// socket file.
async fn serve(daemon: &Arc<Daemon>, listener: listener::Listener) {
    let connections = TaskTracker::new();
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = daemon.shutdown.cancelled() => break,
        };
        match accepted {
            Ok(conn) => {
                let uid = listener::peer_uid(&conn);
                let pending = daemon
                    .connections
                    .admit(uid, daemon.config().limits.max_pending_connections);
                let daemon = daemon.clone();
                connections.spawn(connection::serve(daemon, conn, uid, pending));
            }
            Err(e) => {
                // Usually descriptor exhaustion: back off rather than spin.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    }
    drop(listener);
    connections.close();
    // Idle and waiting connections end at once; give calls in flight a moment to answer.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), connections.wait()).await;
}

/// Takes an exclusive lock beside the database. A second daemon on the same data, even one
/// started while the first still drains its jobs after leaving the socket, must not recover
/// (and so re-run) jobs the first is still running.
fn lock_database(db: &std::path::Path) -> Result<std::fs::File, DaemonError> {
    let path = db.with_extension("db.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(DaemonError::AlreadyRunning(format!(
            "{ANOTHER_DAEMON} is using {} (it may still be stopping); try again shortly",
            db.display()
        ))),
        Err(std::fs::TryLockError::Error(source)) => Err(StoreError::Io { path, source }.into()),
    }
}

/// A random id for this daemon run, reported in `hello` and `status`.
fn instance_id() -> String {
    hex::encode(rand::random::<[u8; 8]>())
}

/// The signals the daemon handles itself; SIGTERM and SIGINT are its caller's (`cli::daemon`).
mod signals {
    use std::sync::Arc;

    use super::{Daemon, DaemonError};

    #[cfg(unix)]
    pub type Hangups = tokio::signal::unix::Signal;
    #[cfg(not(unix))]
    pub type Hangups = ();

    pub fn hangups() -> Result<Hangups, DaemonError> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            signal(SignalKind::hangup())
                .map_err(|e| DaemonError::Start(format!("cannot handle SIGHUP: {e}")))
        }
        #[cfg(not(unix))]
        Ok(())
    }

    /// With a file-size limit (`ulimit -f`), a write past it raises SIGXFSZ, whose default
    /// action ends the process. Ignored, the write fails with EFBIG instead, SQLite reports
    /// the database full, and that one write fails while the daemon goes on serving.
    pub fn ignore_file_size_limit() {
        // SAFETY: setting a signal's disposition to SIG_IGN has no preconditions.
        #[cfg(unix)]
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        }
    }

    /// Reloads the configuration on each SIGHUP, until shutdown.
    pub async fn reload_on_hangup(daemon: Arc<Daemon>, mut hangups: Hangups) {
        #[cfg(unix)]
        loop {
            tokio::select! {
                Some(()) = hangups.recv() => {
                    // The outcome is logged and counted by `reload` itself.
                    let _ = super::reload::reload(&daemon, "SIGHUP").await;
                }
                _ = daemon.shutdown.cancelled() => return,
            }
        }
        #[cfg(not(unix))]
        let _ = (daemon, hangups);
    }
}
