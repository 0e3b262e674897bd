//! The `[auth]` and `[rate_limits]` sections of the config file: who may connect, how failed
//! authentications are slowed down, how long sessions live, and the request quotas per key,
//! per method class and for the whole daemon.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// Serve peers whose uid differs from the daemon's: the socket becomes 0660 (its group
    /// decides who may connect) and API keys decide what each caller may do.
    pub allow_other_users: bool,
    /// A failed `hello` is answered after this delay, then the connection is closed.
    #[serde(with = "duration")]
    pub failure_delay: Duration,
    /// Failed authentications a peer (uid) may make in a row; after the last of them every
    /// `hello` from it is refused for `failure_window / failure_burst`, whatever it presents.
    pub failure_burst: u32,
    #[serde(with = "duration")]
    pub failure_window: Duration,
    /// Lifetime of a session token when `--ttl` is not given, and the longest allowed.
    #[serde(with = "duration")]
    pub session_ttl: Duration,
    #[serde(with = "duration")]
    pub session_max_ttl: Duration,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            allow_other_users: false,
            failure_delay: Duration::from_millis(250),
            failure_burst: 5,
            failure_window: Duration::from_secs(60),
            session_ttl: Duration::from_secs(3600),
            session_max_ttl: Duration::from_secs(30 * 86_400),
        }
    }
}

/// One quota: a sustained rate and the burst allowed above it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub per_second: u32,
    pub burst: u32,
}

impl Quota {
    const fn new(per_second: u32, burst: u32) -> Quota {
        Quota { per_second, burst }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitsConfig {
    pub enabled: bool,
    /// Admin keys are not limited (their requests are still counted in the meta).
    pub admin_bypass: bool,
    /// All requests of all keys together.
    pub global: Quota,
    /// Per key: cheap reads (status, lists, search).
    pub read: Quota,
    /// Per key: changes to jobs, documents and templates.
    pub write: Quota,
    /// Per key: generation job submissions.
    pub submit: Quota,
    /// Per key: ingest job submissions.
    pub ingest: Quota,
    /// Per key: admin methods (keys, backups, queue, shutdown).
    pub admin: Quota,
    /// Per key: long-lived streams (`jobs watch`, `jobs wait`).
    pub stream: Quota,
}

impl Default for RateLimitsConfig {
    fn default() -> Self {
        RateLimitsConfig {
            enabled: true,
            admin_bypass: true,
            global: Quota::new(10_000, 20_000),
            read: Quota::new(1_000, 2_000),
            write: Quota::new(200, 500),
            submit: Quota::new(500, 1_000),
            ingest: Quota::new(50, 200),
            admin: Quota::new(50, 100),
            stream: Quota::new(50, 200),
        }
    }
}

impl AuthConfig {
    /// Range checks, as (key, reason), every one found.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.failure_delay > Duration::from_secs(10) {
            out.push(("auth.failure_delay", "must be at most 10s".into()));
        }
        if self.failure_burst == 0 {
            out.push(("auth.failure_burst", "must be positive".into()));
        }
        if self.failure_window.is_zero() {
            out.push(("auth.failure_window", "must be positive".into()));
        }
        if self.session_ttl.is_zero() || self.session_ttl > self.session_max_ttl {
            out.push((
                "auth.session_ttl",
                "must be positive and at most session_max_ttl".into(),
            ));
        }
        out
    }
}

impl RateLimitsConfig {
    /// Every quota with its key, for validation and for building the limiters.
    pub fn quotas(&self) -> [(&'static str, Quota); 7] {
        [
            ("rate_limits.global", self.global),
            ("rate_limits.read", self.read),
            ("rate_limits.write", self.write),
            ("rate_limits.submit", self.submit),
            ("rate_limits.ingest", self.ingest),
            ("rate_limits.admin", self.admin),
            ("rate_limits.stream", self.stream),
        ]
    }

    /// Range checks, as (key, reason), every one found.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        self.quotas()
            .into_iter()
            .filter(|(_, q)| q.per_second == 0 || q.burst == 0)
            .map(|(key, _)| (key, "per_second and burst must be at least 1".to_string()))
            .collect()
    }
}
