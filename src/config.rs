//! Configuration: where cgen keeps its files (`Paths`), and the validated settings of the
//! daemon (`Config`), resolved by `ConfigSource` from built-in defaults, a TOML file, the
//! file's selected profile and environment overrides (`layers`). Unknown keys and values out
//! of range are refused with the key's name, where its value came from and why, every one of
//! them at once, so a typo never silently changes behaviour. `LiveConfig` holds the daemon's
//! configuration in force, which a reload replaces.

mod layers;

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use crate::duration;

pub use layers::{ENV_LOG, ENV_PREFIX, ENV_SEPARATOR, Origin, Origins, REDACTED, is_secret_key};

pub use crate::kb::settings::KbConfig;
use crate::paths::PathsError;
/// Selects a `[profiles.NAME]` table of the config file, like `--profile`.
pub const ENV_PROFILE: &str = "CGEN_PROFILE";

/// Settings read once at start-up. A reload reports a change to one of them as needing a
/// restart and keeps the value the daemon started with.
pub const NEEDS_RESTART: &[&str] = &[
    "auth",
    "limits.max_connections",
    "metrics.listen",
    "features.metrics_listener",
    "log.retention_files",
    "log.otlp_endpoint",
];

/// Whether the setting at dotted `key` (or the table it names) needs a restart to change: it
/// is, or lies under, one of `NEEDS_RESTART`.
pub fn needs_restart(key: &str) -> bool {
    NEEDS_RESTART
        .iter()
        .any(|root| key == *root || key.starts_with(root) && key[root.len()..].starts_with('.'))
}

/// Most problems reported for one file; past this the rest are left for the next run.
const MAX_PROBLEMS: usize = 100;

/// The longest `jobs.outage_window`: a job parked for longer looks lost.
const MAX_OUTAGE_WINDOW: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid configuration ({}):{}", path.display(), listed(problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("unknown profile '{name}': {} {}", path.display(), defined(known))]
    UnknownProfile {
        name: String,
        path: PathBuf,
        known: Vec<String>,
    },
    #[error(transparent)]
    Paths(#[from] PathsError),
}

impl ConfigError {
    /// The problems of an invalid configuration, one per key (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ConfigError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

fn listed(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

fn defined(known: &[String]) -> String {
    if known.is_empty() {
        return "defines no profiles".into();
    }
    let names: Vec<String> = known.iter().map(|k| format!("[profiles.{k}]")).collect();
    format!("defines {}", names.join(", "))
}

/// One thing wrong with a configuration: the key, where its value came from, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub key: String,
    /// Absent when the key has its default value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Some(o) => write!(f, "{} (from {o}): {}", self.key, self.message),
            None => write!(f, "{}: {}", self.key, self.message),
        }
    }
}

/// The daemon's settings. Every field has a default, so an empty file is a valid config.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub daemon: DaemonConfig,
    pub limits: Limits,
    pub jobs: JobsConfig,
    pub kb: KbConfig,
    pub output: OutputConfig,
    pub log: LogConfig,
    pub metrics: MetricsConfig,
    pub health: HealthConfig,
    pub retention: RetentionConfig,
    pub auth: crate::auth::settings::AuthConfig,
    pub rate_limits: crate::auth::settings::RateLimitsConfig,
    /// Model providers by name (`[providers.local]`, `[providers.gemini]`).
    pub providers: std::collections::BTreeMap<String, crate::providers::settings::ProviderSettings>,
    /// Daily model budgets of the API keys that have none of their own.
    pub budgets: crate::providers::budget::BudgetsConfig,
    pub features: Features,
}

/// Feature flags: behaviours an operator turns on or off in the config file, listed with their
/// defaults and descriptions by `cgen admin flags` (`Feature`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Features {
    pub metrics_listener: bool,
    pub response_cache: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            metrics_listener: true,
            response_cache: true,
        }
    }
}

impl Features {
    pub fn enabled(&self, feature: Feature) -> bool {
        match feature {
            Feature::MetricsListener => self.metrics_listener,
            Feature::ResponseCache => self.response_cache,
        }
    }
}

/// One feature flag of `[features]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    MetricsListener,
    ResponseCache,
}

impl Feature {
    pub const ALL: [Feature; 2] = [Feature::MetricsListener, Feature::ResponseCache];

    /// The key under `[features]`.
    pub fn name(self) -> &'static str {
        match self {
            Feature::MetricsListener => "metrics_listener",
            Feature::ResponseCache => "response_cache",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Feature::MetricsListener => {
                "Serve Prometheus metrics over HTTP on [metrics] listen (when that is set); \
                 `cgen metrics` works either way"
            }
            Feature::ResponseCache => {
                "Answer a provider request identical to an earlier one (provider, model, \
                 parameters, messages) from the response cache while it is fresh \
                 (providers.NAME.cache_ttl); `generate --no-cache` skips it for one job"
            }
        }
    }

    /// Whether a reload changes it in a running daemon.
    pub fn reloadable(self) -> bool {
        !needs_restart(&format!("features.{}", self.name()))
    }

    pub fn default_value(self) -> bool {
        Features::default().enabled(self)
    }
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
    /// Audit log entries older than this are purged; "0s" keeps them forever.
    #[serde(with = "duration")]
    pub audit: Duration,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        RetentionConfig {
            jobs: Duration::from_secs(30 * 24 * 3600),
            purge_interval: Duration::from_secs(3600),
            backup_interval: Duration::ZERO,
            backups_kept: 7,
            audit: Duration::from_secs(365 * 24 * 3600),
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
    /// Most authenticated connections of non-admin keys at once; past it, a `hello` is
    /// refused with `rate_limited`.
    pub max_connections: usize,
    /// Connections admin keys may open beyond `max_connections`, so an operator is always
    /// served (`status`, `daemon stop`) while others hold every slot.
    pub admin_connections: usize,
    /// Open connections of one non-admin key (its sessions included).
    pub max_connections_per_key: usize,
    /// Open connections of non-admin keys from one local uid.
    pub max_connections_per_uid: usize,
    /// Connections waiting to say `hello`, apart from authenticated ones; when full, a new
    /// one closes the oldest of the uid holding the most.
    pub max_pending_connections: usize,
    /// Time a client has to send `hello`.
    #[serde(with = "duration")]
    pub hello_timeout: Duration,
    /// A connection with no request for this long is closed; a call in progress (`jobs
    /// watch`, `jobs wait`) does not count as idle.
    #[serde(with = "duration")]
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_request_bytes: 8 << 20,
            max_connections: 256,
            admin_connections: 16,
            max_connections_per_key: 64,
            max_connections_per_uid: 128,
            max_pending_connections: 64,
            hello_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(300),
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
    /// Jobs one non-admin key may have waiting (queued or paused, a batch counting its
    /// items); a submit past it is refused with `rate_limited`. Admin keys are not capped.
    pub max_queued_per_key: u64,
    /// Deadline of one attempt when the submitter gives none.
    #[serde(with = "duration")]
    pub default_timeout: Duration,
    /// First retry delay; doubles per attempt, with jitter, up to `retry_max_delay`.
    #[serde(with = "duration")]
    pub retry_base_delay: Duration,
    #[serde(with = "duration")]
    pub retry_max_delay: Duration,
    /// The longest a job that found every provider unavailable waits for the earliest of them
    /// to be asked again (its breaker's next probe, its `Retry-After`) before it runs again.
    #[serde(with = "duration")]
    pub outage_window: Duration,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            concurrency: 4,
            ingest_concurrency: 2,
            generate_concurrency: 4,
            max_attempts: 3,
            max_queued_per_key: 1000,
            default_timeout: Duration::from_secs(3600),
            retry_base_delay: Duration::from_secs(2),
            retry_max_delay: Duration::from_secs(300),
            outage_window: Duration::from_secs(600),
        }
    }
}

/// Where the daemon may write articles for callers (`generate::output_roots`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// Folders under which keys that are not admins may have articles written; none by
    /// default, so they cannot generate until an admin names one. Admins write anywhere but
    /// the daemon's own folders.
    pub allowed_roots: Vec<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// A tracing filter (`info`, `cgen=debug,warn`); `CGEN_LOG` overrides it.
    pub level: String,
    /// Daily log files kept in the state dir's `logs/`.
    pub retention_files: usize,
    /// OpenTelemetry traces over OTLP/HTTP (JSON) to this collector, such as
    /// "http://127.0.0.1:4318"; off when absent. Needs a build with the `otlp` feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub otlp_endpoint: Option<String>,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "info".into(),
            retention_files: 14,
            otlp_endpoint: None,
        }
    }
}

/// Where a configuration is read from: the file (a missing one means defaults unless it was
/// named explicitly), the profile to apply, and this process's environment.
#[derive(Debug, Clone)]
pub struct ConfigSource {
    pub file: PathBuf,
    pub must_exist: bool,
    pub profile: Option<String>,
}

/// A configuration and the origin of every key a layer set.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub config: Config,
    pub origins: Origins,
}

impl ConfigSource {
    pub fn load(&self) -> Result<Config, ConfigError> {
        Ok(self.resolve()?.config)
    }

    /// Resolves defaults ← file ← profile ← environment, then decodes and checks the result.
    pub fn resolve(&self) -> Result<Resolved, ConfigError> {
        self.resolve_with(std::env::vars_os())
    }

    /// `resolve` with the environment given (tests).
    pub fn resolve_with(
        &self,
        vars: impl IntoIterator<Item = (OsString, OsString)>,
    ) -> Result<Resolved, ConfigError> {
        let (base, profiles) = self.read()?;
        let vars: Vec<_> = vars.into_iter().collect();
        self.resolve_layers(base, &profiles, self.profile.as_deref(), vars)
    }

    /// Checks the base sections and every profile of the file, each with the environment
    /// applied, and names the profiles checked.
    pub fn check_all(&self) -> Result<Vec<String>, ConfigError> {
        let (base, profiles) = self.read()?;
        let vars: Vec<_> = std::env::vars_os().collect();
        let mut names: Vec<Option<String>> = vec![None];
        names.extend(profiles.keys().cloned().map(Some));
        if let Some(p) = &self.profile
            && !profiles.contains_key(p)
        {
            return Err(self.unknown_profile(p, &profiles));
        }
        let mut problems: Vec<Problem> = Vec::new();
        for name in &names {
            match self.resolve_layers(base.clone(), &profiles, name.as_deref(), vars.clone()) {
                Ok(_) => {}
                Err(ConfigError::Invalid {
                    problems: found, ..
                }) => {
                    for p in found {
                        if !problems.contains(&p) {
                            problems.push(p);
                        }
                    }
                }
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok(names.into_iter().flatten().collect())
        } else {
            Err(self.invalid(problems))
        }
    }

    /// The file's base sections and its `profiles` table, apart.
    fn read(&self) -> Result<(Table, Table), ConfigError> {
        let text = match std::fs::read_to_string(&self.file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !self.must_exist => String::new(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: self.file.clone(),
                    source,
                });
            }
        };
        let mut base: Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Parse {
                path: self.file.clone(),
                message: e.to_string(),
            })?;
        let profiles = match base.remove("profiles") {
            None => Table::new(),
            Some(Value::Table(t)) => t,
            Some(_) => {
                return Err(self.invalid(vec![Problem {
                    key: "profiles".into(),
                    origin: Some(Origin::File),
                    message: "must hold tables such as [profiles.prod.jobs]".into(),
                }]));
            }
        };
        Ok((base, profiles))
    }

    fn resolve_layers(
        &self,
        base: Table,
        profiles: &Table,
        profile: Option<&str>,
        vars: Vec<(OsString, OsString)>,
    ) -> Result<Resolved, ConfigError> {
        let mut problems = Vec::new();
        let mut origins = Origins::default();
        let mut merged = Table::new();
        layers::merge(&mut merged, base, "", &Origin::File, &mut origins);
        if let Some(name) = profile {
            let origin = Origin::Profile(name.to_string());
            match profiles.get(name) {
                None => return Err(self.unknown_profile(name, profiles)),
                Some(Value::Table(t)) if t.contains_key("profiles") => problems.push(Problem {
                    key: format!("profiles.{name}.profiles"),
                    origin: Some(origin),
                    message: "a profile cannot hold profiles".into(),
                }),
                Some(Value::Table(t)) => {
                    layers::merge(&mut merged, t.clone(), "", &origin, &mut origins)
                }
                Some(_) => problems.push(Problem {
                    key: format!("profiles.{name}"),
                    origin: Some(origin),
                    message: format!("must hold tables such as [profiles.{name}.jobs]"),
                }),
            }
        }
        let (overrides, env_problems) = layers::env_overrides(vars);
        problems.extend(env_problems);
        for o in overrides {
            let origin = Origin::Env(o.var.clone());
            layers::merge(&mut merged, o.as_table(), "", &origin, &mut origins);
        }
        let (config, decode_problems) = decode(merged, &origins);
        problems.extend(decode_problems);
        problems.extend(config.problems().into_iter().map(|(key, message)| Problem {
            origin: origins.of(&key).cloned(),
            key,
            message,
        }));
        if problems.is_empty() {
            Ok(Resolved { config, origins })
        } else {
            Err(self.invalid(problems))
        }
    }

    fn invalid(&self, mut problems: Vec<Problem>) -> ConfigError {
        problems.truncate(MAX_PROBLEMS);
        ConfigError::Invalid {
            path: self.file.clone(),
            problems,
        }
    }

    fn unknown_profile(&self, name: &str, profiles: &Table) -> ConfigError {
        ConfigError::UnknownProfile {
            name: name.to_string(),
            path: self.file.clone(),
            known: profiles.keys().cloned().collect(),
        }
    }
}

/// Decodes the merged table strictly. A key that fails is noted and dropped and the decode
/// runs again, so one pass names every bad key rather than the first.
fn decode(mut table: Table, origins: &Origins) -> (Config, Vec<Problem>) {
    let mut problems = Vec::new();
    while problems.len() < MAX_PROBLEMS {
        let e = match serde_path_to_error::deserialize::<_, Config>(Value::Table(table.clone())) {
            Ok(config) => return (config, problems),
            Err(e) => e,
        };
        let path: Vec<String> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                _ => None,
            })
            .collect();
        let key = path.join(".");
        problems.push(Problem {
            origin: origins.of(&key).cloned(),
            key,
            // The message alone: the key is named already.
            message: e.inner().message().to_string(),
        });
        if !layers::remove_at(&mut table, &path) {
            break;
        }
    }
    (Config::default(), problems)
}

impl Config {
    /// Range checks that serde cannot express, as (key, reason), every one found.
    fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut need = |ok: bool, key: &'static str, message: &str| {
            if !ok {
                out.push((key.to_string(), message.to_string()));
            }
        };
        let l = &self.limits;
        need(
            (1024..=256 << 20).contains(&l.max_request_bytes),
            "limits.max_request_bytes",
            "must be between 1 KiB and 256 MiB",
        );
        need(
            (1..=10_000).contains(&l.max_connections),
            "limits.max_connections",
            "must be between 1 and 10000",
        );
        need(
            !l.hello_timeout.is_zero(),
            "limits.hello_timeout",
            "must be more than zero",
        );
        need(
            l.admin_connections <= 1000,
            "limits.admin_connections",
            "must be at most 1000",
        );
        for (value, key) in [
            (l.max_connections_per_key, "limits.max_connections_per_key"),
            (l.max_connections_per_uid, "limits.max_connections_per_uid"),
            (l.max_pending_connections, "limits.max_pending_connections"),
        ] {
            need(
                (1..=10_000).contains(&value),
                key,
                "must be between 1 and 10000",
            );
        }
        need(
            l.idle_timeout >= Duration::from_secs(1),
            "limits.idle_timeout",
            "must be at least 1s",
        );
        let j = &self.jobs;
        for (value, key) in [
            (j.concurrency, "jobs.concurrency"),
            (j.ingest_concurrency, "jobs.ingest_concurrency"),
            (j.generate_concurrency, "jobs.generate_concurrency"),
        ] {
            need((1..=256).contains(&value), key, "must be between 1 and 256");
        }
        need(
            (1..=crate::protocol::jobs::MAX_ATTEMPTS).contains(&j.max_attempts),
            "jobs.max_attempts",
            "must be between 1 and 20",
        );
        need(
            j.max_queued_per_key > 0,
            "jobs.max_queued_per_key",
            "must be positive",
        );
        need(
            !j.default_timeout.is_zero(),
            "jobs.default_timeout",
            "must be more than zero",
        );
        need(
            j.retry_base_delay <= j.retry_max_delay,
            "jobs.retry_base_delay",
            "must not be longer than jobs.retry_max_delay",
        );
        need(
            (Duration::from_secs(1)..=MAX_OUTAGE_WINDOW).contains(&j.outage_window),
            "jobs.outage_window",
            "must be between 1s and 1d",
        );
        let k = &self.kb;
        need(
            k.max_file_bytes > 0,
            "kb.max_file_bytes",
            "must be positive",
        );
        need(k.max_url_bytes > 0, "kb.max_url_bytes", "must be positive");
        need(k.max_files > 0, "kb.max_files", "must be positive");
        need(
            (100..=100_000).contains(&k.chunk_target_bytes),
            "kb.chunk_target_bytes",
            "must be between 100 and 100000",
        );
        need(
            k.chunk_overlap_bytes < k.chunk_target_bytes,
            "kb.chunk_overlap_bytes",
            "must be less than kb.chunk_target_bytes",
        );
        need(
            k.chunk_max_bytes >= k.chunk_target_bytes,
            "kb.chunk_max_bytes",
            "must be at least kb.chunk_target_bytes",
        );
        need(
            (-1.0..=1.0).contains(&k.min_similarity),
            "kb.min_similarity",
            "must be a cosine similarity, between -1 and 1",
        );
        need(
            self.retention.jobs >= Duration::from_secs(60),
            "retention.jobs",
            "must be at least 1m",
        );

        need(
            self.retention.backups_kept > 0,
            "retention.backups_kept",
            "must be at least 1",
        );
        need(
            self.log.retention_files > 0,
            "log.retention_files",
            "must be at least 1",
        );
        for root in self.kb.allowed_roots.iter().filter(|r| !r.is_absolute()) {
            out.push((
                "kb.allowed_roots".to_string(),
                format!("'{}' is not an absolute path", root.display()),
            ));
        }
        for entry in &self.kb.allow_private_urls {
            if let Err(e) = crate::kb::url_guard::Allowance::parse(entry) {
                out.push(("kb.allow_private_urls".to_string(), e));
            }
        }
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&self.log.level) {
            out.push(("log.level".to_string(), format!("not a log filter: {e}")));
        }
        if let Some(endpoint) = &self.log.otlp_endpoint {
            let ok = reqwest::Url::parse(endpoint)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !ok {
                out.push((
                    "log.otlp_endpoint".to_string(),
                    format!("'{endpoint}' is not an http(s) URL"),
                ));
            }
        }
        let owned = |(k, m): (&'static str, String)| (k.to_string(), m);
        out.extend(self.auth.problems().into_iter().map(owned));
        out.extend(self.rate_limits.problems().into_iter().map(owned));
        out.extend(self.budgets.problems().into_iter().map(owned));
        for (name, provider) in &self.providers {
            out.extend(provider.problems(name));
        }
        out.extend(self.embedding_problems());
        for root in self
            .output
            .allowed_roots
            .iter()
            .filter(|r| !r.is_absolute())
        {
            out.push((
                "output.allowed_roots".to_string(),
                format!("'{}' is not an absolute path", root.display()),
            ));
        }
        out
    }

    /// `kb.embeddings` must name a configured provider whose API embeds and whose table names
    /// the embedding model.
    fn embedding_problems(&self) -> Option<(String, String)> {
        let name = self.kb.embeddings.as_ref()?;
        let Some(provider) = self.providers.get(name) else {
            let known = self.providers.keys().map(String::as_str);
            return Some((
                "kb.embeddings".into(),
                crate::providers::registry::unknown_provider(name, known),
            ));
        };
        if !provider.kind.has_embeddings() {
            return Some((
                "kb.embeddings".into(),
                format!(
                    "provider '{name}' is {}, which has no embeddings API",
                    provider.kind.as_str()
                ),
            ));
        }
        if provider.embedding_model.is_none() {
            return Some((
                format!("providers.{name}.embedding_model"),
                "must name an embedding model: kb.embeddings uses this provider".into(),
            ));
        }
        None
    }

    /// The settings as a TOML table, secrets redacted: what `cgen config show` prints.
    pub fn redacted(&self) -> Table {
        let mut table = self.to_table();
        layers::redact(&mut table);
        table
    }

    /// The settings as a TOML table, in the order of the sections and keys above.
    pub fn to_table(&self) -> Table {
        Table::try_from(self).unwrap_or_default()
    }

    /// The redacted settings as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(&self.redacted())
            .unwrap_or_else(|e| format!("# cannot render: {e}\n"))
    }
}

/// The daemon's configuration in force, replaced whole by a reload. Readers take a snapshot
/// and keep it for the operation at hand, so a request or a job attempt never mixes an old and
/// a new setting.
pub struct LiveConfig(RwLock<Arc<Config>>);

impl LiveConfig {
    pub fn new(config: Config) -> LiveConfig {
        LiveConfig(RwLock::new(Arc::new(config)))
    }

    pub fn get(&self) -> Arc<Config> {
        // A writer cannot panic while holding the lock (it only swaps an Arc), so a poisoned
        // lock still holds a whole configuration.
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set(&self, config: Config) {
        *self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(config);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves `text` as the config file with `profile` and the environment `vars`.
    fn resolve(
        text: &str,
        profile: Option<&str>,
        vars: &[(&str, &str)],
    ) -> Result<Resolved, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, text).unwrap();
        let source = ConfigSource {
            file,
            must_exist: true,
            profile: profile.map(str::to_string),
        };
        source.resolve_with(
            vars.iter()
                .map(|(k, v)| (OsString::from(k), OsString::from(v))),
        )
    }

    #[test]
    fn ingest_reach_settings_are_checked() {
        let c: Config = toml::from_str(
            "[kb]\nallowed_roots = [\"/srv/notes\", \"notes\"]\n\
             allow_private_urls = [\"10.0.0.0/8\", \"*.corp.example\", \"not a host\"]\n",
        )
        .unwrap();
        let problems = c.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].0, "kb.allowed_roots");
        assert!(problems[0].1.contains("'notes'"), "{problems:?}");
        assert_eq!(problems[1].0, "kb.allow_private_urls");
        assert!(problems[1].1.contains("'not a host'"), "{problems:?}");
    }

    #[test]
    fn empty_file_means_defaults() {
        let r = resolve("", None, &[]).unwrap();
        assert_eq!(r.config, Config::default());
        assert!(r.config.problems().is_empty());
    }

    #[test]
    fn defaults_round_trip_through_toml() {
        let c = Config::default();
        let back: Config = toml::from_str(&c.to_toml()).unwrap();
        assert_eq!(back, c);
        let sections: Vec<String> = c.to_table().keys().cloned().collect();
        assert_eq!(sections[..3], ["daemon", "limits", "jobs"], "struct order");
    }

    #[test]
    fn every_bad_key_is_named_with_its_origin_and_reason() {
        let e = resolve(
            "[jobs]\nconcurency = 3\nconcurrency = 0\n[daemon]\nshutdown_grace = \"soon\"\n\
             [kb]\nchunk_target_bytes = 50\n[profiles.prod.jobs]\nmax_attempts = 99\n",
            Some("prod"),
            &[("CGEN_LIMITS__MAX_CONNECTIONS", "lots")],
        )
        .unwrap_err();
        let text = e.to_string();
        let keys: Vec<&str> = e.problems().iter().map(|p| p.key.as_str()).collect();
        for key in [
            "jobs.concurency",
            "daemon.shutdown_grace",
            "limits.max_connections",
            "jobs.concurrency",
            "jobs.max_attempts",
            "kb.chunk_target_bytes",
        ] {
            assert!(keys.contains(&key), "{key} missing from {text}");
        }
        assert!(
            text.contains("jobs.max_attempts (from profile prod): must be between 1 and 20"),
            "{text}"
        );
        assert!(
            text.contains("limits.max_connections (from environment CGEN_LIMITS__MAX_CONNECTIONS)"),
            "{text}"
        );
        assert!(
            text.contains("jobs.concurency (from config file): unknown field"),
            "{text}"
        );
        assert!(text.contains("duration"), "{text}");
    }

    #[test]
    fn a_profile_and_the_environment_override_the_base_in_that_order() {
        let text = "[jobs]\nconcurrency = 2\nmax_attempts = 5\n\
                    [profiles.prod.jobs]\nconcurrency = 8\n[profiles.prod.log]\nlevel = \"warn\"\n\
                    [profiles.dev.jobs]\nconcurrency = 1\n";
        let base = resolve(text, None, &[]).unwrap();
        assert_eq!(base.config.jobs.concurrency, 2);
        let prod = resolve(text, Some("prod"), &[]).unwrap();
        assert_eq!(
            (prod.config.jobs.concurrency, prod.config.jobs.max_attempts),
            (8, 5)
        );
        assert_eq!(prod.config.log.level, "warn");
        assert_eq!(
            prod.origins.of("jobs.concurrency"),
            Some(&Origin::Profile("prod".into()))
        );
        assert_eq!(prod.origins.of("jobs.max_attempts"), Some(&Origin::File));
        let env = resolve(
            text,
            Some("prod"),
            &[("CGEN_JOBS__CONCURRENCY", "16"), ("CGEN_LOG", "debug")],
        )
        .unwrap();
        assert_eq!(env.config.jobs.concurrency, 16);
        assert_eq!(env.config.log.level, "debug");
        assert_eq!(
            env.origins.of("log.level"),
            Some(&Origin::Env("CGEN_LOG".into()))
        );
    }

    #[test]
    fn an_unknown_profile_is_an_error_naming_it_and_the_known_ones() {
        let e = resolve("[profiles.dev.jobs]\nconcurrency = 1\n", Some("prd"), &[]).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("unknown profile 'prd'") && text.contains("[profiles.dev]"),
            "{text}"
        );
        let e = resolve("", Some("prod"), &[]).unwrap_err();
        assert!(e.to_string().contains("defines no profiles"), "{e}");
    }

    #[test]
    fn check_all_finds_problems_in_profiles_not_selected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "[profiles.ok.jobs]\nconcurrency = 2\n[profiles.bad.kb]\nmax_files = 0\n",
        )
        .unwrap();
        let source = ConfigSource {
            file,
            must_exist: true,
            profile: None,
        };
        source.load().unwrap();
        let e = source.check_all().unwrap_err();
        assert!(
            e.to_string().contains("kb.max_files (from profile bad)"),
            "{e}"
        );
    }

    #[test]
    fn every_feature_flag_is_a_key_of_the_features_section() {
        let keys: Vec<String> = Table::try_from(Features::default())
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let names: Vec<String> = Feature::ALL.iter().map(|f| f.name().to_string()).collect();
        assert_eq!(keys, names);
        assert!(!Feature::MetricsListener.reloadable());
        assert!(Feature::ResponseCache.reloadable());
    }

    #[test]
    fn missing_default_file_is_defaults_but_missing_named_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut source = ConfigSource {
            file: dir.path().join("nope.toml"),
            must_exist: false,
            profile: None,
        };
        assert_eq!(source.load().unwrap(), Config::default());
        source.must_exist = true;
        assert!(matches!(source.load(), Err(ConfigError::Read { .. })));
    }
}
