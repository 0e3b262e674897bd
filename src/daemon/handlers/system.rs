//! `status`, `ping`, `health`, `metrics`, `admin.backup` and `daemon.shutdown`.

use super::Call;
use crate::protocol::RpcError;
use crate::protocol::system::{
    BackupParams, BackupResult, HealthCheck, HealthResult, MetricsText, NoParams, Pong,
    PurgeParams, PurgeResult, StatusResult, Stopping, Vacuumed,
};
use crate::store::maintenance;

pub async fn status(call: Call, _: NoParams) -> Result<StatusResult, RpcError> {
    let d = &call.daemon;
    Ok(StatusResult {
        version: env!("CARGO_PKG_VERSION").into(),
        instance_id: d.instance_id.clone(),
        pid: std::process::id(),
        uptime_ms: d.started.elapsed().as_millis() as u64,
        socket: if d.socket_activated {
            "passed by systemd (socket activation)".into()
        } else {
            d.paths.socket.display().to_string()
        },
        database: d.store.path().display().to_string(),
        store_bytes: d.store.size_bytes(),
        queue: d.jobs.queue_status().await?,
    })
}

/// Starts a graceful shutdown; the answer is sent before the daemon stops serving.
pub async fn shutdown(call: Call, _: NoParams) -> Result<Stopping, RpcError> {
    tracing::info!(by = %call.principal.name, "shutdown requested");
    call.daemon.shutdown.cancel();
    Ok(Stopping { stopping: true })
}

/// Liveness: the daemon answers.
pub async fn ping(_: Call, _: NoParams) -> Result<Pong, RpcError> {
    Ok(Pong { pong: true })
}

/// The text exposition of every metric.
pub async fn metrics(_: Call, _: NoParams) -> Result<MetricsText, RpcError> {
    Ok(MetricsText {
        text: crate::metrics::render(),
    })
}

/// How long `health` reports a write that failed for storage (full disk, read-only file).
const WRITE_FAILURE_MEMORY: std::time::Duration = std::time::Duration::from_secs(300);

/// How long past its deadline a running job may be before the queue counts as stuck.
const STUCK_SLACK_MS: i64 = 60_000;

/// Readiness: the store passes a quick check and takes writes, no job is stuck past its
/// deadline, and the data dir has room.
pub async fn health(call: Call, _: NoParams) -> Result<HealthResult, RpcError> {
    let d = &call.daemon;
    let mut checks = Vec::new();
    let check = |name: &str, r: Result<String, String>| HealthCheck {
        name: name.into(),
        ok: r.is_ok(),
        detail: r.unwrap_or_else(|e| e),
    };
    let quick = d
        .store
        .read(maintenance::quick_check)
        .await
        .map_err(|e| e.to_string());
    checks.push(check(
        "store",
        quick.and_then(|r| {
            if r == "ok" {
                Ok("quick_check ok".into())
            } else {
                Err(r)
            }
        }),
    ));
    let writable = d.store.write(|c| maintenance::write_probe(c)).await;
    checks.push(check(
        "writable",
        writable.map_err(|e| e.to_string()).and_then(|()| {
            // The probe takes the write lock but writes nothing, so it passes on a full disk:
            // a recent real failure says more.
            match d.store.last_write_failure() {
                Some(f) if f.at.elapsed() < WRITE_FAILURE_MEMORY => Err(format!(
                    "a write failed {}s ago: {}",
                    f.at.elapsed().as_secs(),
                    f.error
                )),
                _ => Ok("takes writes".into()),
            }
        }),
    ));
    let stuck = d
        .store
        .read(|c| maintenance::stuck_jobs(c, STUCK_SLACK_MS))
        .await
        .map_err(|e| e.to_string());
    checks.push(check(
        "queue",
        stuck.and_then(|ids| match ids.as_slice() {
            [] => Ok("no job past its deadline".into()),
            ids => Err(format!("jobs past their deadline: {ids:?}")),
        }),
    ));
    let min = d.config().health.min_free_bytes;
    let mib = |b: u64| b / (1 << 20);
    checks.push(check(
        "disk",
        crate::daemon::ops::free_bytes(&d.paths.data_dir).and_then(|free| {
            if free < min {
                Err(format!(
                    "{} MiB free, below the {} MiB minimum",
                    mib(free),
                    mib(min)
                ))
            } else {
                Ok(format!("{} MiB free", mib(free)))
            }
        }),
    ));
    Ok(HealthResult {
        healthy: checks.iter().all(|c| c.ok),
        checks,
    })
}

/// An online backup of the database, verified on the copy.
pub async fn backup(call: Call, p: BackupParams) -> Result<BackupResult, RpcError> {
    let to = p.to.map(std::path::PathBuf::from);
    crate::daemon::ops::take_backup(&call.daemon, to)
        .await
        .map_err(|e| match e {
            crate::store::StoreError::Corrupt(m) => RpcError::conflict(m),
            other => RpcError::from(other),
        })
}

/// Removes finished jobs older than the retention (or the given age) with their events.
pub async fn purge(call: Call, p: PurgeParams) -> Result<PurgeResult, RpcError> {
    let age = p
        .older_than_ms
        .map(std::time::Duration::from_millis)
        .unwrap_or(call.daemon.config().retention.jobs);
    let before = maintenance::cutoff(crate::timestamp::now_ms(), age);
    let dry_run = p.dry_run;
    let (jobs, events) = call
        .daemon
        .store
        .write(move |c| maintenance::purge_jobs(c, before, dry_run))
        .await?;
    tracing::info!(jobs, events, dry_run, "purge");
    Ok(PurgeResult {
        jobs,
        events,
        dry_run,
    })
}

/// Returns free pages to the file system.
pub async fn vacuum(call: Call, _: NoParams) -> Result<Vacuumed, RpcError> {
    let before = call.daemon.store.size_bytes();
    call.daemon.store.write(|c| maintenance::vacuum(c)).await?;
    let after = call.daemon.store.size_bytes();
    Ok(Vacuumed {
        bytes_after: after,
        bytes_before: before,
    })
}
