//! Configuration: where cgen keeps its files (`Paths`), and the validated settings of the
//! daemon (`Config`), read from a TOML file over built-in defaults. Unknown keys and values out
//! of range are refused with the key's name, so a typo never silently changes behaviour.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Environment variables that relocate cgen's files.
pub const ENV_HOME: &str = "CGEN_HOME";
pub const ENV_SOCKET: &str = "CGEN_SOCKET";
pub const ENV_CONFIG: &str = "CGEN_CONFIG";

/// Longest socket path a Unix socket address can hold (`sun_path` less its NUL).
const MAX_SOCKET_PATH: usize = 107;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid setting {key}: {message}")]
    Invalid { key: &'static str, message: String },
    #[error("invalid setting providers.{provider}.{field}: {message}")]
    Provider {
        provider: String,
        field: &'static str,
        message: String,
    },
    #[error("cannot find a home directory; set {ENV_HOME}")]
    NoHome,
}

/// The folders and files cgen uses. `CGEN_HOME` puts them all under one folder (tests,
/// several instances); otherwise they follow the XDG base directories.
#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    pub config_file: PathBuf,
    /// The client's 0600 credentials file: in the config dir, wherever the config file is.
    pub credentials_file: PathBuf,
    pub data_dir: PathBuf,
    pub state_dir: PathBuf,
    pub log_dir: PathBuf,
    pub socket: PathBuf,
}

impl Paths {
    /// Resolves the paths from the environment; `socket_override` is the config file's
    /// `daemon.socket`, which `CGEN_SOCKET` beats.
    pub fn resolve() -> Result<Paths, ConfigError> {
        let (config_dir, data_dir, state_dir, runtime_dir) = match std::env::var_os(ENV_HOME) {
            Some(home) if !home.is_empty() => {
                let home = absolute(Path::new(&home));
                (
                    home.join("config"),
                    home.join("data"),
                    home.join("state"),
                    Some(home.join("run")),
                )
            }
            _ => {
                let dirs =
                    directories::ProjectDirs::from("", "", "cgen").ok_or(ConfigError::NoHome)?;
                let state = dirs
                    .state_dir()
                    .unwrap_or_else(|| dirs.data_local_dir())
                    .to_path_buf();
                let runtime = dirs.runtime_dir().map(Path::to_path_buf);
                (
                    dirs.config_dir().to_path_buf(),
                    dirs.data_dir().to_path_buf(),
                    state,
                    runtime,
                )
            }
        };
        let config_file = match std::env::var_os(ENV_CONFIG) {
            Some(p) if !p.is_empty() => absolute(Path::new(&p)),
            _ => config_dir.join("config.toml"),
        };
        // Without a runtime dir (cron, containers) the socket lives in the state dir.
        let socket = match std::env::var_os(ENV_SOCKET) {
            Some(p) if !p.is_empty() => absolute(Path::new(&p)),
            _ => runtime_dir
                .unwrap_or_else(|| state_dir.clone())
                .join("cgen.sock"),
        };
        Ok(Paths {
            config_file,
            credentials_file: config_dir.join("credentials.json"),
            data_dir,
            log_dir: state_dir.join("logs"),
            state_dir,
            socket,
        })
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join("cgen.db")
    }

    /// Checks what the OS will refuse later with a less helpful message.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.socket.as_os_str().len() > MAX_SOCKET_PATH {
            return Err(ConfigError::Invalid {
                key: "socket",
                message: format!(
                    "{} is longer than {MAX_SOCKET_PATH} bytes, the limit of a Unix socket path; \
                     set {ENV_SOCKET} to a shorter path",
                    self.socket.display()
                ),
            });
        }
        Ok(())
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The daemon's settings. Every field has a default, so an empty file is a valid config.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub daemon: DaemonConfig,
    pub limits: Limits,
    pub jobs: JobsConfig,
    pub kb: KbConfig,
    pub log: LogConfig,
    pub metrics: MetricsConfig,
    pub health: HealthConfig,
    pub retention: RetentionConfig,
    pub auth: crate::auth::settings::AuthConfig,
    pub rate_limits: crate::auth::settings::RateLimitsConfig,
    /// Model providers by name (`[providers.local]`, `[providers.gemini]`).
    pub providers: std::collections::BTreeMap<String, crate::providers::settings::ProviderSettings>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionConfig {
    /// Finished jobs and their events older than this are purged.
    #[serde(with = "duration")]
    pub jobs: Duration,
    /// How often the purge runs; "0s" turns the schedule off (`cgen admin purge` still works).
    #[serde(with = "duration")]
    pub purge_interval: Duration,
    /// How often an automatic backup is taken into the state dir's `backups/`; "0s" is off.
    #[serde(with = "duration")]
    pub backup_interval: Duration,
    /// Automatic backups kept; older ones are deleted.
    pub backups_kept: usize,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        RetentionConfig {
            jobs: Duration::from_secs(30 * 24 * 3600),
            purge_interval: Duration::from_secs(3600),
            backup_interval: Duration::ZERO,
            backups_kept: 7,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Address of the Prometheus listener, such as "127.0.0.1:9464"; off when absent.
    /// `cgen metrics` serves the same text through the socket either way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<std::net::SocketAddr>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct HealthConfig {
    /// `cgen health` fails when the data dir's file system has less free space than this.
    pub min_free_bytes: u64,
}

impl Default for HealthConfig {
    fn default() -> Self {
        HealthConfig {
            min_free_bytes: 256 << 20,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DaemonConfig {
    /// How long running jobs may take to finish at shutdown before they are re-queued.
    #[serde(with = "duration")]
    pub shutdown_grace: Duration,
    /// Start the daemon from any client command when none answers.
    pub autostart: bool,
}

impl Default for DaemonConfig {
    fn default() -> Self {
        DaemonConfig {
            shutdown_grace: Duration::from_secs(10),
            autostart: true,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest request line, in bytes.
    pub max_request_bytes: usize,
    /// Most connections served at once; more wait for a free slot.
    pub max_connections: usize,
    /// Time a client has to send `hello`.
    #[serde(with = "duration")]
    pub hello_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_request_bytes: 8 << 20,
            max_connections: 256,
            hello_timeout: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct JobsConfig {
    /// Jobs running at once, all kinds together.
    pub concurrency: u32,
    /// Per-kind caps below the global one.
    pub ingest_concurrency: u32,
    pub generate_concurrency: u32,
    pub max_attempts: u32,
    /// Deadline of one attempt when the submitter gives none.
    #[serde(with = "duration")]
    pub default_timeout: Duration,
    /// First retry delay; doubles per attempt, with jitter, up to `retry_max_delay`.
    #[serde(with = "duration")]
    pub retry_base_delay: Duration,
    #[serde(with = "duration")]
    pub retry_max_delay: Duration,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            concurrency: 4,
            ingest_concurrency: 2,
            generate_concurrency: 4,
            max_attempts: 3,
            default_timeout: Duration::from_secs(3600),
            retry_base_delay: Duration::from_secs(2),
            retry_max_delay: Duration::from_secs(300),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct KbConfig {
    /// Files larger than this are refused without being read.
    pub max_file_bytes: u64,
    /// Most files one ingest job takes in.
    pub max_files: usize,
    pub max_url_bytes: u64,
    #[serde(with = "duration")]
    pub url_timeout: Duration,
    pub chunk_target_bytes: usize,
    pub chunk_overlap_bytes: usize,
    pub chunk_max_bytes: usize,
}

impl Default for KbConfig {
    fn default() -> Self {
        KbConfig {
            max_file_bytes: 64 << 20,
            max_files: 100_000,
            max_url_bytes: 16 << 20,
            url_timeout: Duration::from_secs(30),
            chunk_target_bytes: 1200,
            chunk_overlap_bytes: 150,
            chunk_max_bytes: 4000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// A tracing filter (`info`, `cgen=debug,warn`); `CGEN_LOG` overrides it.
    pub level: String,
    /// Daily log files kept in the state dir's `logs/`.
    pub retention_files: usize,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "info".into(),
            retention_files: 14,
        }
    }
}

impl Config {
    /// Reads and validates a config file; a missing file at the default location means
    /// defaults, a missing file named explicitly is an error.
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Config::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let config: Config = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Range checks that serde cannot express.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key, message: &str| {
            Err(ConfigError::Invalid {
                key,
                message: message.into(),
            })
        };
        let l = &self.limits;
        if !(1024..=256 << 20).contains(&l.max_request_bytes) {
            return invalid(
                "limits.max_request_bytes",
                "must be between 1 KiB and 256 MiB",
            );
        }
        if !(1..=10_000).contains(&l.max_connections) {
            return invalid("limits.max_connections", "must be between 1 and 10000");
        }
        if l.hello_timeout.is_zero() {
            return invalid("limits.hello_timeout", "must be more than zero");
        }
        let j = &self.jobs;
        if !(1..=256).contains(&j.concurrency) {
            return invalid("jobs.concurrency", "must be between 1 and 256");
        }
        if !(1..=256).contains(&j.ingest_concurrency) {
            return invalid("jobs.ingest_concurrency", "must be between 1 and 256");
        }
        if !(1..=256).contains(&j.generate_concurrency) {
            return invalid("jobs.generate_concurrency", "must be between 1 and 256");
        }
        if !(1..=crate::protocol::jobs::MAX_ATTEMPTS).contains(&j.max_attempts) {
            return invalid("jobs.max_attempts", "must be between 1 and 20");
        }
        if j.default_timeout.is_zero() || j.retry_base_delay > j.retry_max_delay {
            return invalid(
                "jobs",
                "default_timeout must be positive and retry_base_delay ≤ retry_max_delay",
            );
        }
        let k = &self.kb;
        if k.max_file_bytes == 0 || k.max_url_bytes == 0 || k.max_files == 0 {
            return invalid(
                "kb",
                "max_file_bytes, max_url_bytes and max_files must be positive",
            );
        }
        if !(100..=100_000).contains(&k.chunk_target_bytes)
            || k.chunk_max_bytes < k.chunk_target_bytes
            || k.chunk_overlap_bytes >= k.chunk_target_bytes
        {
            return invalid(
                "kb.chunk_target_bytes",
                "need 100 ≤ target ≤ 100000, overlap < target and max ≥ target",
            );
        }
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&self.log.level) {
            return Err(ConfigError::Invalid {
                key: "log.level",
                message: e.to_string(),
            });
        }
        if self.retention.jobs < Duration::from_secs(60) || self.retention.backups_kept == 0 {
            return invalid(
                "retention",
                "jobs must be at least 1m and backups_kept at least 1",
            );
        }
        if self.log.retention_files == 0 {
            return invalid("log.retention_files", "must be at least 1");
        }
        self.auth.validate()?;
        for (name, provider) in &self.providers {
            provider.validate(name)?;
        }
        self.rate_limits.validate()
    }

    /// The effective configuration as TOML, for `cgen config show`.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_else(|e| format!("# cannot render: {e}\n"))
    }
}

/// Durations in the config file are human strings: `"10s"`, `"5m"`, `"1h 30m"`.
pub(crate) mod duration {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&humantime::format_duration(*d).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(d)?;
        humantime::parse_duration(&text).map_err(|e| {
            serde::de::Error::custom(format!("{e} (write a duration such as \"30s\" or \"5m\")"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_means_defaults() {
        let c: Config = toml::from_str("").unwrap();
        assert_eq!(c, Config::default());
        c.validate().unwrap();
    }

    #[test]
    fn defaults_round_trip_through_toml() {
        let c = Config::default();
        let back: Config = toml::from_str(&c.to_toml()).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused_with_their_name() {
        let e = toml::from_str::<Config>("[jobs]\nconcurency = 3\n").unwrap_err();
        assert!(e.to_string().contains("concurency"), "{e}");
        let e = toml::from_str::<Config>("[daemon]\nshutdown_grace = \"soon\"\n").unwrap_err();
        assert!(e.to_string().contains("duration"), "{e}");
        let c: Config = toml::from_str("[jobs]\nconcurrency = 0\n").unwrap();
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("jobs.concurrency")
        );
    }

    #[test]
    fn missing_default_file_is_defaults_but_missing_named_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope.toml");
        assert_eq!(Config::load(&p, false).unwrap(), Config::default());
        assert!(matches!(
            Config::load(&p, true),
            Err(ConfigError::Read { .. })
        ));
    }
}
