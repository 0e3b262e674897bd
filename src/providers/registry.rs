//! The daemon's providers: one client per `[providers.NAME]`, built with its secret (systemd
//! credential, keyring or environment) at start and again at a reload, and what `cgen
//! providers status` shows of each: breaker state, recent errors, latency and today's tokens.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::settings::ProviderSettings;
use super::{Attempt, Provider, secrets};
use crate::credentials::Vault;
use crate::paths::Paths;
pub use crate::protocol::providers::{ProviderStats, RecentError};

/// Recent errors kept per provider.
const RECENT_ERRORS: usize = 10;

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
        let now_ms = crate::timestamp::now_ms();
        let (now, day) = (
            crate::timestamp::format_ms(now_ms),
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
    entries: BTreeMap<String, Arc<Entry>>,
}

impl Providers {
    /// Builds every configured provider. A provider whose secret is missing is kept (so
    /// `providers status` can say why) and refuses calls until a reload finds one.
    pub fn build(configured: &BTreeMap<String, ProviderSettings>, paths: &Paths) -> Providers {
        Providers::default().rebuild(configured, paths).0
    }

    /// The providers of `configured`, their secrets looked up again. A provider whose
    /// settings and secret are unchanged is kept as it runs, breaker and limits included; a
    /// changed one starts afresh but keeps its stats. Also the names of the providers that
    /// were added, changed or removed.
    pub fn rebuild(
        &self,
        configured: &BTreeMap<String, ProviderSettings>,
        paths: &Paths,
    ) -> (Providers, Vec<String>) {
        let vault = Vault::open(paths);
        let mut entries = BTreeMap::new();
        let mut changed: Vec<String> = self
            .entries
            .keys()
            .filter(|name| !configured.contains_key(*name))
            .cloned()
            .collect();
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
            let old = self.entries.get(name);
            if let Some(old) = old
                && old.provider.runs_with(settings, secret.as_ref())
                && old.secret_problem == problem
            {
                entries.insert(name.clone(), old.clone());
                continue;
            }
            if let Some(why) = &problem {
                tracing::warn!(provider = %name, "{why}");
            }
            changed.push(name.clone());
            match Provider::new(name, settings.clone(), secret) {
                Ok(p) => {
                    let stats = old.map(|o| o.stats()).unwrap_or_default();
                    entries.insert(
                        name.clone(),
                        Arc::new(Entry {
                            provider: Arc::new(p),
                            secret_problem: problem,
                            stats: Mutex::new(stats),
                        }),
                    );
                }
                Err(e) => {
                    tracing::error!(provider = %name, error = %e, "cannot build the provider")
                }
            }
        }
        changed.sort();
        (Providers { entries }, changed)
    }

    /// The provider called `name`, or a message naming the configured ones.
    pub fn lookup(&self, name: &str) -> Result<Arc<Entry>, String> {
        self.get(name)
            .ok_or_else(|| unknown_provider(name, self.iter().map(|(n, _)| n.as_str())))
    }

    pub fn get(&self, name: &str) -> Option<Arc<Entry>> {
        self.entries.get(name).cloned()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter().map(|(n, e)| (n, e.as_ref()))
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

/// "no provider 'x'; configured: a, b" (or "none", and the closest name when one is close):
/// what a user reads for a name that is not one of `known`.
pub fn unknown_provider<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    crate::suggest::unknown("provider", name, "configured", known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configured(model: &str) -> BTreeMap<String, ProviderSettings> {
        let local: ProviderSettings = toml::from_str(&format!(
            "kind = \"ollama\"\nbase_url = \"http://127.0.0.1:9\"\nmodel = \"{model}\"\n"
        ))
        .unwrap();
        BTreeMap::from([("local".to_string(), local)])
    }

    fn paths(dir: &std::path::Path) -> Paths {
        Paths {
            config_file: dir.join("config.toml"),
            credentials_file: dir.join("credentials.json"),
            data_dir: dir.to_path_buf(),
            state_dir: dir.to_path_buf(),
            log_dir: dir.to_path_buf(),
            socket: dir.join("cgen.sock"),
        }
    }

    #[test]
    fn a_rebuild_keeps_what_did_not_change_and_replaces_what_did() {
        let dir = tempfile::tempdir().unwrap();
        let paths = paths(dir.path());
        let first = Providers::build(&configured("m-1"), &paths);
        let running = first.get("local").unwrap();
        running.stats.lock().unwrap().calls = 3;

        let (same, changed) = first.rebuild(&configured("m-1"), &paths);
        assert!(changed.is_empty());
        assert!(
            Arc::ptr_eq(&same.get("local").unwrap(), &running),
            "kept as it runs"
        );

        let (other, changed) = same.rebuild(&configured("m-2"), &paths);
        assert_eq!(changed, ["local"]);
        let rebuilt = other.get("local").unwrap();
        assert!(!Arc::ptr_eq(&rebuilt, &running));
        assert_eq!(rebuilt.provider.settings.model, "m-2");
        assert_eq!(rebuilt.stats().calls, 3, "the stats carry over");

        let (none, changed) = other.rebuild(&BTreeMap::new(), &paths);
        assert_eq!(changed, ["local"]);
        assert!(none.get("local").is_none());
    }
}
