//! Params and results of the daemon-wide methods: `status`, `daemon.shutdown`.

use serde::{Deserialize, Serialize};

use super::Validate;
use super::jobs::QueueStatus;

/// Params of methods that take none; unknown fields are still refused.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

impl Validate for NoParams {}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusResult {
    pub version: String,
    pub instance_id: String,
    pub pid: u32,
    pub uptime_ms: u64,
    pub socket: String,
    pub database: String,
    /// Database file plus its write-ahead log, in bytes.
    pub store_bytes: u64,
    pub queue: QueueStatus,
}
