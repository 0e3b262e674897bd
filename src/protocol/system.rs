//! Params and results of the daemon-wide methods: `status`, `health`, `daemon.shutdown`, the
//! `admin.*` maintenance methods, and the configuration in force (`config.*`, `admin.flags`).

use serde::{Deserialize, Serialize};

use super::Validate;
use super::jobs::QueueStatus;
use super::method::methods;

methods! {
    Status = "status", NoParams => StatusResult,
        "version, instance id, pid, uptime, socket, database, store size, queue";
    Ping = "ping", NoParams => Pong, "liveness: the daemon answers";
    Health = "health", NoParams => HealthResult,
        "readiness: the store checks out and takes writes, no job is stuck, the disk has room";
    Metrics = "metrics", NoParams => MetricsText, "the text exposition of every metric";
    Backup = "admin.backup", BackupParams => BackupResult, "a consistent copy of the database";
    Purge = "admin.purge", PurgeParams => PurgeResult,
        "removes finished jobs (and their events) older than the retention";
    Vacuum = "admin.vacuum", NoParams => Vacuumed, "returns free pages to the file system";
    GetFlags = "admin.flags", NoParams => FlagsResult, "every feature flag and its value in force";
    GetConfig = "config.get", NoParams => ConfigResult,
        "the configuration in force, secrets redacted";
    ReloadConfig = "config.reload", NoParams => ReloadResult,
        "reads the config file again and applies what may change while running";
    Shutdown = "daemon.shutdown", NoParams => Stopping,
        "stops the daemon gracefully, after answering";
}

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

/// `ping`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pong {
    pub pong: bool,
}

/// `metrics`: the Prometheus text exposition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetricsText {
    pub text: String,
}

/// `daemon.shutdown`: always `true`; the daemon stops once it has answered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stopping {
    pub stopping: bool,
}

/// `admin.vacuum`: the database's size before and after.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vacuumed {
    pub bytes_after: u64,
    pub bytes_before: u64,
}

/// One probe of `health`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HealthCheck {
    pub name: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthResult {
    pub healthy: bool,
    pub checks: Vec<HealthCheck>,
}

/// `admin.backup`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupParams {
    /// Absolute path of the copy; a timestamped file in the state dir's `backups/` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl Validate for BackupParams {
    fn validate(&self) -> Result<(), super::RpcError> {
        match &self.to {
            Some(p) if !p.starts_with('/') || p.len() > 4096 || p.contains('\0') => Err(
                super::jobs::field_error("to", "an absolute path of at most 4096 bytes"),
            ),
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupResult {
    pub path: String,
    pub bytes: u64,
}

/// `admin.purge`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurgeParams {
    /// Count what would go, remove nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Age of the finished jobs to remove; the configured retention when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older_than_ms: Option<u64>,
}

impl Validate for PurgeParams {
    fn validate(&self) -> Result<(), super::RpcError> {
        match self.older_than_ms {
            Some(ms) if ms > 100 * 365 * 24 * 3600 * 1000 => Err(super::jobs::field_error(
                "older_than_ms",
                "at most a century",
            )),
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PurgeResult {
    pub jobs: u64,
    pub events: u64,
    pub dry_run: bool,
}

/// `config.reload`: what the reload changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReloadResult {
    /// The file read again, and the profile applied to it.
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Keys whose new value is in force now.
    pub applied: Vec<String>,
    /// Keys that changed but keep their running value until the daemon restarts.
    pub needs_restart: Vec<String>,
}

/// `config.get`: the configuration in force in the daemon, secrets redacted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfigResult {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Every section and key, as the config file spells them. Free-form on the wire: the
    /// shape of the configuration belongs to `config`, which the protocol does not import.
    pub config: serde_json::Value,
}

/// `admin.flags`: every feature flag and its value in force.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlagsResult {
    pub flags: Vec<FlagView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlagView {
    /// The key under `[features]`.
    pub name: String,
    pub enabled: bool,
    pub default: bool,
    /// Whether a reload changes it in a running daemon.
    pub reloadable: bool,
    pub description: String,
}
