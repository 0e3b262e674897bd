//! The daemon's heartbeat: every few seconds it refreshes the gauges (queue depth, running
//! jobs, database size, process figures), runs the retention purge and automatic backups when
//! they are due, and, under systemd, tells the watchdog it is alive and reports the queue in
//! its status line. The watchdog is pinged only after the store
//! answered, so a daemon whose store has hung gets restarted.

use std::sync::Arc;
use std::time::Duration;

use super::Daemon;
use crate::store::jobs::{Kind, State};

/// How often the gauges are refreshed when no watchdog asks for more.
const INTERVAL: Duration = Duration::from_secs(5);

pub async fn run(daemon: Arc<Daemon>) {
    let mut last_purge = tokio::time::Instant::now();
    let mut last_backup = tokio::time::Instant::now();
    loop {
        // Read each time round: a reload may have changed the schedules.
        let config = daemon.config();
        let retention = &config.retention;
        if due(&mut last_purge, retention.purge_interval) {
            purge(&daemon).await;
        }
        if due(&mut last_backup, retention.backup_interval) {
            scheduled_backup(&daemon).await;
        }
        match daemon.store.read(crate::store::jobs::counts).await {
            Ok(counts) => {
                record(&daemon, &counts);
                let queued: u64 = counts
                    .iter()
                    .filter(|(_, s, _)| *s == State::Queued)
                    .map(|(_, _, n)| n)
                    .sum();
                let running: u64 = counts
                    .iter()
                    .filter(|(_, s, _)| *s == State::Running)
                    .map(|(_, _, n)| n)
                    .sum();
                systemd::alive(&format!("serving; {queued} queued, {running} running"));
            }
            Err(e) => tracing::warn!(error = %e, "upkeep cannot read the store"),
        }
        tokio::select! {
            _ = tokio::time::sleep(tick(retention)) => {}
            _ = daemon.shutdown.cancelled() => return,
        }
    }
}

/// Often enough for the watchdog and for the shortest schedule.
fn tick(retention: &crate::config::RetentionConfig) -> Duration {
    [
        systemd::watchdog_interval().map(|w| w / 2),
        Some(retention.purge_interval),
        Some(retention.backup_interval),
    ]
    .into_iter()
    .flatten()
    .filter(|d| !d.is_zero())
    .fold(INTERVAL, Duration::min)
    .max(Duration::from_millis(100))
}

/// True (and the clock reset) when `every` has passed since `last`; a zero period is off.
fn due(last: &mut tokio::time::Instant, every: Duration) -> bool {
    if every.is_zero() || last.elapsed() < every {
        return false;
    }
    *last = tokio::time::Instant::now();
    true
}

async fn purge(daemon: &Daemon) {
    let now = crate::timestamp::now_ms();
    let retention = daemon.config().retention.clone();
    let before = crate::store::maintenance::cutoff(now, retention.jobs);
    match daemon
        .store
        .write(move |c| crate::store::maintenance::purge_jobs(c, before, false))
        .await
    {
        Ok((0, _)) => {}
        Ok((jobs, events)) => {
            tracing::info!(jobs, events, "purged finished jobs past their retention")
        }
        Err(e) => tracing::warn!(error = %e, "scheduled purge failed"),
    }
    purge_rows(daemon, "expired provider answers", |c| {
        crate::store::cache::purge_expired(c)
    })
    .await;
    if !retention.audit.is_zero() {
        let before = crate::store::maintenance::cutoff(now, retention.audit);
        purge_rows(daemon, "audit entries past their retention", move |c| {
            crate::store::auth::purge_audit(c, before)
        })
        .await;
    }
    // A day's slack keeps a just-ended session in `sessions list` for its owner to see.
    let ended = now.saturating_sub(86_400_000);
    purge_rows(daemon, "sessions that have ended", move |c| {
        crate::store::auth::purge_sessions(c, ended)
    })
    .await;
    purge_rows(daemon, "daily spending of long-past days", move |c| {
        crate::store::budgets::purge_old(c, now)
    })
    .await;
}

/// Runs one purge of the schedule and logs what it removed, or why it could not.
async fn purge_rows(
    daemon: &Daemon,
    what: &'static str,
    purge: impl FnOnce(&mut rusqlite::Connection) -> Result<usize, crate::store::StoreError>
    + Send
    + 'static,
) {
    match daemon.store.write(purge).await {
        Ok(0) => {}
        Ok(rows) => tracing::info!(rows, "purged {what}"),
        Err(e) => tracing::warn!(error = %e, "purging {what} failed"),
    }
}

/// Takes a backup and deletes the oldest automatic ones beyond the number kept.
async fn scheduled_backup(daemon: &Daemon) {
    if let Err(e) = super::ops::take_backup(daemon, None).await {
        tracing::error!(error = %e, "scheduled backup failed");
        return;
    }
    let dir = super::ops::backups_dir(daemon);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    // Names carry the timestamp, so name order is age order.
    let mut backups: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("cgen-") && n.ends_with(".db"))
        })
        .collect();
    backups.sort();
    let excess = backups
        .len()
        .saturating_sub(daemon.config().retention.backups_kept);
    for old in &backups[..excess] {
        if let Err(e) = std::fs::remove_file(old) {
            tracing::warn!(path = %old.display(), error = %e, "cannot delete an old backup");
        }
    }
}

fn record(daemon: &Daemon, counts: &[(Kind, State, u64)]) {
    use crate::metrics as m;
    for &kind in Kind::ALL {
        let of = |state| {
            counts
                .iter()
                .filter(|(k, s, _)| *k == kind && *s == state)
                .map(|(_, _, n)| *n)
                .sum::<u64>()
        };
        metrics::gauge!(m::QUEUE_DEPTH, "kind" => kind.as_str()).set(of(State::Queued) as f64);
        metrics::gauge!(m::JOBS_RUNNING, "kind" => kind.as_str()).set(of(State::Running) as f64);
    }
    metrics::gauge!(m::DB_SIZE).set(daemon.store.size_bytes() as f64);
    if let Ok(free) = super::ops::free_bytes(&daemon.paths.data_dir) {
        metrics::gauge!(m::DISK_FREE).set(free as f64);
    }
    daemon.runtime.providers().export_breakers();
    daemon.rate_limits().shrink();
    crate::metrics::upkeep();
}

/// The service manager's notification protocol; does nothing outside systemd.
pub mod systemd {
    use std::time::Duration;

    /// The watchdog period systemd expects pings within, if it set one.
    pub fn watchdog_interval() -> Option<Duration> {
        #[cfg(unix)]
        {
            sd_notify::watchdog_enabled()
        }
        #[cfg(not(unix))]
        {
            None
        }
    }

    #[cfg(unix)]
    fn notify(states: &[sd_notify::NotifyState<'_>]) {
        if let Err(e) = sd_notify::notify(states) {
            tracing::warn!(error = %e, "cannot notify systemd");
        }
    }

    /// The socket is serving.
    pub fn ready() {
        #[cfg(unix)]
        notify(&[
            sd_notify::NotifyState::Ready,
            sd_notify::NotifyState::Status("serving"),
        ]);
    }

    /// A heartbeat with a status line.
    pub fn alive(status: &str) {
        #[cfg(unix)]
        notify(&[
            sd_notify::NotifyState::Watchdog,
            sd_notify::NotifyState::Status(status),
        ]);
        #[cfg(not(unix))]
        let _ = status;
    }

    pub fn stopping() {
        #[cfg(unix)]
        notify(&[
            sd_notify::NotifyState::Stopping,
            sd_notify::NotifyState::Status("stopping"),
        ]);
    }
}
