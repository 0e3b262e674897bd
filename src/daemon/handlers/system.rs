//! `status` and `daemon.shutdown`.

use super::Call;
use crate::protocol::RpcError;
use crate::protocol::system::{NoParams, StatusResult};

pub async fn status(call: Call, _: NoParams) -> Result<StatusResult, RpcError> {
    let d = &call.daemon;
    Ok(StatusResult {
        version: env!("CARGO_PKG_VERSION").into(),
        instance_id: d.instance_id.clone(),
        pid: std::process::id(),
        uptime_ms: d.started.elapsed().as_millis() as u64,
        socket: d.paths.socket.display().to_string(),
        database: d.store.path().display().to_string(),
        store_bytes: d.store.size_bytes(),
        queue: d.jobs.queue_status().await?,
    })
}

/// Starts a graceful shutdown; the answer is sent before the daemon stops serving.
pub async fn shutdown(call: Call, _: NoParams) -> Result<serde_json::Value, RpcError> {
    tracing::info!(by = %call.principal.name, "shutdown requested");
    call.daemon.shutdown.cancel();
    Ok(serde_json::json!({ "stopping": true }))
}
