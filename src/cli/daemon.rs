//! `cgen daemon` (foreground, for systemd and containers), `cgen daemon start|stop|status|
//! restart` (a background daemon), and `cgen status`.

use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::render::{Page, Render};
use super::{CmdResult, Context, Exit, Failure, output::bytes};
use crate::client::{Autostart, Client, ClientError};
use crate::protocol;
use crate::protocol::system::{NoParams, StatusResult};

#[derive(Debug, Args)]
pub struct DaemonArgs {
    #[command(subcommand)]
    pub action: Option<DaemonAction>,
    /// Started by a client's autostart (`daemon::AUTOSTART_FLAG`): giving way to another
    /// daemon exits with `Exit::GaveWay`.
    #[arg(long = "autostarted", hide = true)]
    pub autostarted: bool,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum DaemonAction {
    /// Start a background daemon (a no-op when one is running).
    Start,
    /// Stop the daemon gracefully: running jobs get the grace period, the rest re-queue.
    Stop,
    /// Say whether a daemon is running; exit 7 when none is.
    Status,
    /// Stop, then start.
    Restart,
}

/// Runs the daemon in this process until SIGTERM, SIGINT or `cgen daemon stop`.
pub fn foreground(ctx: &Context, autostarted: bool) -> CmdResult {
    // What the daemon makes is its own unless a mode says otherwise (articles, a socket for
    // other users): a 022 umask must not leave its logs, database or backups readable by
    // every local user.
    // SAFETY: umask has no preconditions and cannot fail.
    #[cfg(unix)]
    unsafe {
        libc::umask(0o077);
    }
    let source = ctx.config_source();
    let config = source.load()?;
    let _log_guard = crate::telemetry::init_daemon(
        &ctx.paths.log_dir,
        &config.log.level,
        config.log.retention_files,
        config.log.otlp_endpoint.as_deref(),
    )
    .map_err(|e| {
        Failure::new(
            Exit::Failure,
            format!(
                "cannot open the log dir {}: {e}",
                ctx.paths.log_dir.display()
            ),
        )
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("cgen-daemon")
        .build()
        .map_err(|e| Failure::new(Exit::Failure, format!("cannot start the runtime: {e}")))?;
    let paths = ctx.paths.clone();
    let result = runtime.block_on(async move {
        let shutdown = CancellationToken::new();
        tokio::spawn(stop_on_signals(shutdown.clone()));
        crate::daemon::run(source, config, paths, shutdown).await
    });
    result.map_err(|e| {
        tracing::error!(error = %e, "daemon failed");
        let exit = match e {
            crate::daemon::DaemonError::AlreadyRunning(_) if autostarted => Exit::GaveWay,
            _ => Exit::Failure,
        };
        Failure::new(exit, e.to_string())
    })
}

async fn stop_on_signals(shutdown: CancellationToken) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            tracing::error!("cannot install signal handlers");
            return;
        };
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM received"),
            _ = int.recv() => tracing::info!("SIGINT received"),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    shutdown.cancel();
}

/// Connects without starting anything; `None` when no daemon answers.
async fn running(ctx: &Context) -> Result<Option<Client>, Failure> {
    match ctx.connect_running().await {
        Ok(c) => Ok(Some(c)),
        Err(ClientError::Unavailable { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub async fn manage(ctx: &Context, args: DaemonArgs) -> CmdResult {
    match args.action {
        Some(DaemonAction::Start) => start(ctx).await,
        Some(DaemonAction::Stop) => stop(ctx).await,
        Some(DaemonAction::Status) => match running(ctx).await? {
            Some(mut c) => print_status(
                ctx,
                &c.call::<protocol::system::Status>(&NoParams {}).await?,
            ),
            None => Err(
                Failure::new(Exit::Unavailable, "the daemon is not running").hint(format!(
                    "start it with `cgen daemon start` (socket {})",
                    ctx.paths.socket.display()
                )),
            ),
        },
        Some(DaemonAction::Restart) => {
            stop(ctx).await?;
            start(ctx).await
        }
        None => Err(Failure::new(
            Exit::Usage,
            "internal: foreground mode reached the client path",
        )),
    }
}

async fn start(ctx: &Context) -> CmdResult {
    if let Some(mut c) = running(ctx).await? {
        let s: StatusResult = c.call::<protocol::system::Status>(&NoParams {}).await?;
        say(
            ctx,
            &format!("the daemon is already running (pid {})", s.pid),
        );
        return Ok(());
    }
    // Only to fail early on a bad config file, before spawning.
    ctx.config()?;
    let mut c = ctx
        .bounded(crate::client::start_daemon(
            &ctx.connect_options(Autostart::Always),
        ))
        .await?;
    let s: StatusResult = c.call::<protocol::system::Status>(&NoParams {}).await?;
    say(
        ctx,
        &format!("started the daemon (pid {}, socket {})", s.pid, s.socket),
    );
    Ok(())
}

async fn stop(ctx: &Context) -> CmdResult {
    let Some(mut c) = running(ctx).await? else {
        say(ctx, "the daemon is not running");
        return Ok(());
    };
    let s: StatusResult = c.call::<protocol::system::Status>(&NoParams {}).await?;
    c.call::<protocol::system::Shutdown>(&NoParams {}).await?;
    drop(c);
    // Wait for the process to go: the grace period for running jobs, plus a margin.
    let grace = ctx
        .config()
        .map(|c| c.daemon.shutdown_grace)
        .unwrap_or(Duration::from_secs(10));
    let deadline = Instant::now() + grace + Duration::from_secs(10);
    while Instant::now() < deadline {
        if !process_alive(s.pid) {
            say(ctx, &format!("stopped the daemon (pid {})", s.pid));
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Err(Failure::new(
        Exit::TimedOut,
        format!("the daemon (pid {}) is still stopping", s.pid),
    ))
}

/// True while the process runs; an exited process that its parent has not reaped yet (a
/// zombie) counts as gone.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: signal 0 only checks that the process exists.
        let exists = unsafe { libc::kill(pid as libc::pid_t, 0) == 0 };
        exists && !is_zombie(pid)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

#[cfg(unix)]
fn is_zombie(pid: u32) -> bool {
    // /proc/PID/stat is "pid (comm) STATE ..."; comm may hold spaces, so split after ')'.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

fn say(ctx: &Context, line: &str) {
    ctx.out.emit(&Message { message: line });
}

/// What a daemon command did, in a line; `{"message": ...}` as JSON, nothing with `-q`.
#[derive(Serialize)]
struct Message<'a> {
    message: &'a str,
}

impl Render for Message<'_> {
    fn human(&self, page: &mut Page) {
        page.line(self.message);
    }

    fn quiet(&self, _: &mut Page) {}
}

pub async fn status(ctx: &Context) -> CmdResult {
    let mut c = ctx.connect().await?;
    let s: StatusResult = c.call::<protocol::system::Status>(&NoParams {}).await?;
    print_status(ctx, &s)
}

fn print_status(ctx: &Context, s: &StatusResult) -> CmdResult {
    ctx.out.emit(s);
    Ok(())
}

/// The daemon, its socket, database and queue; `-q` prints its pid.
impl Render for StatusResult {
    fn human(&self, page: &mut Page) {
        let s = self;
        let uptime = humantime::format_duration(Duration::from_secs(s.uptime_ms / 1000));
        let q = &s.queue;
        page.text(&format!(
        "cgen daemon {} (pid {}, instance {}), up {uptime}\n  socket:   {}\n  database: {} ({})\n  queue:    {}{} queued, {} running, {} held\n",
        s.version,
        s.pid,
        s.instance_id,
        s.socket,
        s.database,
        bytes(s.store_bytes),
        if q.paused { "PAUSED, " } else { "" },
        q.queued,
        q.running,
        q.paused_jobs
    ));
    }

    fn quiet(&self, page: &mut Page) {
        page.line(&self.pid.to_string());
    }
}
