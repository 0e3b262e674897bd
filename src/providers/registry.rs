//! The daemon's providers: one client per `[providers.NAME]`, built at start with its secret
//! (systemd credential, keyring or environment), and what `cgen providers status` shows of
//! each: breaker state, recent errors, latency and today's tokens.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::settings::ProviderSettings;
use super::{Attempt, Provider, secrets};
use crate::config::Paths;
use crate::credentials::Vault;

/// Recent errors kept per provider.
const RECENT_ERRORS: usize = 10;

/// How one provider has been doing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProviderStats {
    pub calls: u64,
    pub failures: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_latency_ms: Option<u64>,
    /// The UTC day the token counts below are of.
    pub day: String,
    pub input_tokens_today: u64,
    pub output_tokens_today: u64,
    pub recent_errors: VecDeque<RecentError>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecentError {
    pub at: String,
    pub model: String,
    pub outcome: String,
}

pub struct Entry {
    pub provider: Arc<Provider>,
    /// Why no secret was found, when the provider needs one.
    pub secret_problem: Option<String>,
    stats: Mutex<ProviderStats>,
}

impl Entry {
    pub fn stats(&self) -> ProviderStats {
        self.stats.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Counts one attempt.
    pub fn record(&self, a: &Attempt) {
        let mut s = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        let now_ms = crate::store::now_ms();
        let (now, day) = (
            crate::store::format_ms(now_ms),
            crate::store::budgets::day_of(now_ms),
        );
        if s.day != day {
            s.day = day;
            s.input_tokens_today = 0;
            s.output_tokens_today = 0;
        }
        s.calls += 1;
        s.last_latency_ms = Some(a.latency_ms);
        if let Some(u) = &a.usage {
            s.input_tokens_today += u.input_tokens;
            s.output_tokens_today += u.output_tokens;
        }
        if a.outcome != "ok" {
            s.failures += 1;
            s.recent_errors.push_front(RecentError {
                at: now,
                model: a.model.clone(),
                outcome: a.outcome.clone(),
            });
            s.recent_errors.truncate(RECENT_ERRORS);
        }
        use crate::metrics as m;
        let labels = [
            ("provider", a.provider.clone()),
            ("outcome", a.outcome.clone()),
        ];
        metrics::counter!(m::PROVIDER_REQUESTS, &labels).increment(1);
        metrics::histogram!(m::PROVIDER_DURATION, "provider" => a.provider.clone())
            .record(a.latency_ms as f64 / 1000.0);
        if let Some(u) = &a.usage {
            metrics::counter!(m::PROVIDER_TOKENS, "provider" => a.provider.clone(), "direction" => "input")
                .increment(u.input_tokens);
            metrics::counter!(m::PROVIDER_TOKENS, "provider" => a.provider.clone(), "direction" => "output")
                .increment(u.output_tokens);
        }
    }
}

#[derive(Default)]
pub struct Providers {
    entries: BTreeMap<String, Entry>,
}

impl Providers {
    /// Builds every configured provider. A provider whose secret is missing is kept (so
    /// `providers status` can say why) and refuses calls until the daemon restarts with one.
    pub fn build(configured: &BTreeMap<String, ProviderSettings>, paths: &Paths) -> Providers {
        let vault = Vault::open(paths);
        let mut entries = BTreeMap::new();
        for (name, settings) in configured {
            let found = match &vault {
                Ok(vault) => secrets::find(name, settings, |user: &str| {
                    vault.keyring_get(user).ok().flatten()
                }),
                Err(e) => Err(e.to_string()),
            };
            let (secret, problem) = match found {
                Ok(secret) => (secret, None),
                Err(why) => (None, Some(why)),
            };
            if let Some(why) = &problem {
                tracing::warn!(provider = %name, "{why}");
            }
            match Provider::new(name, settings.clone(), secret) {
                Ok(p) => {
                    entries.insert(
                        name.clone(),
                        Entry {
                            provider: Arc::new(p),
                            secret_problem: problem,
                            stats: Mutex::default(),
                        },
                    );
                }
                Err(e) => {
                    tracing::error!(provider = %name, error = %e, "cannot build the provider")
                }
            }
        }
        Providers { entries }
    }

    /// The provider called `name`, or a message naming the configured ones.
    pub fn lookup(&self, name: &str) -> Result<&Entry, String> {
        self.get(name)
            .ok_or_else(|| unknown_provider(name, self.iter().map(|(n, _)| n.as_str())))
    }

    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// Publishes whether each breaker is open, for the `CgenProviderBreakerOpen` alert.
    pub fn export_breakers(&self) {
        for (name, e) in &self.entries {
            let open = e.provider.breaker_state() == super::breaker::BreakerState::Open;
            metrics::gauge!(crate::metrics::PROVIDER_BREAKER_OPEN, "provider" => name.clone())
                .set(if open { 1.0 } else { 0.0 });
        }
    }
}

/// "no provider 'x'; configured: a, b" (or "none"): what a user reads for a name that is not
/// one of `known`.
pub fn unknown_provider<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.collect();
    let known = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    format!("no provider '{name}'; configured: {known}")
}
