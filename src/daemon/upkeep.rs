//! The daemon's heartbeat: every few seconds it refreshes the gauges (queue depth, running
//! jobs, database size, process figures) and, under systemd, tells the watchdog it is alive
//! and reports the queue in its status line. The watchdog is pinged only after the store
//! answered, so a daemon whose store has hung gets restarted.

use std::sync::Arc;
use std::time::Duration;

use super::Daemon;
use crate::protocol::jobs::JobState;

/// How often the gauges are refreshed when no watchdog asks for more.
const INTERVAL: Duration = Duration::from_secs(5);

pub async fn run(daemon: Arc<Daemon>) {
    let interval = systemd::watchdog_interval().map_or(INTERVAL, |w| (w / 2).min(INTERVAL));
    let mut ticker = tokio::time::interval(interval);
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = daemon.shutdown.cancelled() => return,
        }
        match daemon.store.read(crate::store::jobs::counts).await {
            Ok(counts) => {
                record(&daemon, &counts);
                let queued: u64 = counts
                    .iter()
                    .filter(|(_, s, _)| *s == JobState::Queued)
                    .map(|(_, _, n)| n)
                    .sum();
                let running: u64 = counts
                    .iter()
                    .filter(|(_, s, _)| *s == JobState::Running)
                    .map(|(_, _, n)| n)
                    .sum();
                systemd::alive(&format!("serving; {queued} queued, {running} running"));
            }
            Err(e) => tracing::warn!(error = %e, "upkeep cannot read the store"),
        }
    }
}

fn record(daemon: &Daemon, counts: &[(crate::protocol::jobs::JobKind, JobState, u64)]) {
    use crate::metrics as m;
    for kind in crate::protocol::jobs::JobKind::ALL {
        let of = |state| {
            counts
                .iter()
                .filter(|(k, s, _)| *k == kind && *s == state)
                .map(|(_, _, n)| *n)
                .sum::<u64>()
        };
        metrics::gauge!(m::QUEUE_DEPTH, "kind" => kind.as_str()).set(of(JobState::Queued) as f64);
        metrics::gauge!(m::JOBS_RUNNING, "kind" => kind.as_str()).set(of(JobState::Running) as f64);
    }
    metrics::gauge!(m::DB_SIZE).set(daemon.store.size_bytes() as f64);
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
