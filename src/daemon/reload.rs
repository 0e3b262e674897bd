//! Runtime reload of the configuration (`SIGHUP`, `config.reload`). The file is read and
//! checked again with the profile and environment the daemon started with; an invalid one is
//! refused whole and the configuration in force stays. A setting read once at start-up
//! (`config::NEEDS_RESTART`) keeps its running value and is reported as needing a restart.
//! Everything else takes effect at once, because its readers take a snapshot of the
//! configuration when they use it: job limits at the scheduler's next look at the queue,
//! default timeouts and attempts for the next submission, retry delays for the next failure,
//! kb limits for the next ingest step, retention at the next upkeep tick, health thresholds at
//! the next probe, request limits for the next connection. The log level is held by the
//! logging layer, so `apply` hands it over. The providers are built again, their secrets read
//! anew (`rebuild_providers`, also behind `providers.reload`).

use serde::Deserialize;
use toml::{Table, Value};

use super::Daemon;
use crate::config::{Config, ConfigError, NEEDS_RESTART, Origin, Problem};
use crate::protocol::system::ReloadResult;

/// Re-reads the configuration and puts it in force, or refuses it and keeps the old one.
/// `trigger` says what asked (`SIGHUP`, or the caller of `config.reload`), for the log.
pub async fn reload(daemon: &Daemon, trigger: &str) -> Result<ReloadResult, ConfigError> {
    let _one_at_a_time = daemon.reloading.lock().await;
    let source = daemon.source.clone();
    let resolved = tokio::task::spawn_blocking(move || source.resolve())
        .await
        .unwrap_or_else(|e| {
            Err(refusal(
                &daemon.source.file,
                format!("the reload stopped: {e}"),
            ))
        })
        .and_then(|r| {
            let old = daemon.config();
            plan(&old, r.config).map_err(|m| refusal(&daemon.source.file, m))
        });
    let (config, applied, needs_restart) = match resolved {
        Ok(planned) => planned,
        Err(e) => {
            tracing::warn!(trigger, error = %e, "configuration reload refused; the old configuration stays");
            metrics::counter!(crate::metrics::CONFIG_RELOADS, "outcome" => "refused").increment(1);
            return Err(e);
        }
    };
    let old = daemon.config();
    daemon.live.set(config);
    apply(daemon, &old, &daemon.config());
    rebuild_providers(daemon).await;
    tracing::info!(trigger, ?applied, ?needs_restart, "configuration reloaded");
    metrics::counter!(crate::metrics::CONFIG_RELOADS, "outcome" => "applied").increment(1);
    Ok(ReloadResult {
        file: daemon.source.file.display().to_string(),
        profile: daemon.source.profile.clone(),
        applied,
        needs_restart,
    })
}

fn refusal(file: &std::path::Path, message: String) -> ConfigError {
    ConfigError::Invalid {
        path: file.to_path_buf(),
        problems: vec![Problem {
            key: "(reload)".into(),
            origin: Some(Origin::File),
            message,
        }],
    }
}

/// The configuration to put in force: `new`, except that settings needing a restart keep
/// their value in `old`. Also the keys that changed and take effect, and those that wait.
fn plan(old: &Config, new: Config) -> Result<(Config, Vec<String>, Vec<String>), String> {
    let before = old.to_table();
    let mut after = new.to_table();
    let mut changed = Vec::new();
    diff(&before, &after, "", &mut changed);
    let (needs_restart, applied): (Vec<String>, Vec<String>) = changed
        .into_iter()
        .partition(|key| crate::config::needs_restart(key));
    if needs_restart.is_empty() {
        return Ok((new, applied, needs_restart));
    }
    for key in NEEDS_RESTART {
        let path: Vec<&str> = key.split('.').collect();
        set_at(&mut after, &path, get_at(&before, &path).cloned());
    }
    let kept = Config::deserialize(Value::Table(after))
        .map_err(|e| format!("cannot keep the settings that need a restart: {e}"))?;
    Ok((kept, applied, needs_restart))
}

/// The dotted keys whose values differ between two tables, leaves only.
fn diff(a: &Table, b: &Table, prefix: &str, out: &mut Vec<String>) {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for key in keys {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (a.get(key), b.get(key)) {
            (Some(Value::Table(x)), Some(Value::Table(y))) => diff(x, y, &path, out),
            (x, y) if x != y => out.push(path),
            _ => {}
        }
    }
}

fn get_at<'a>(table: &'a Table, path: &[&str]) -> Option<&'a Value> {
    let (last, parents) = path.split_last()?;
    let mut t = table;
    for p in parents {
        t = t.get(*p)?.as_table()?;
    }
    t.get(*last)
}

fn set_at(table: &mut Table, path: &[&str], value: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut t = table;
    for p in parents {
        let entry = t
            .entry(p.to_string())
            .or_insert_with(|| Value::Table(Table::new()));
        let Value::Table(inner) = entry else {
            return;
        };
        t = inner;
    }
    match value {
        Some(v) => {
            t.insert(last.to_string(), v);
        }
        None => {
            t.remove(*last);
        }
    }
}

/// Puts a new configuration into effect where a setting lives outside the daemon's
/// `LiveConfig`. This is the one place for that: the log level, the rate limiter (rebuilt, so
/// its quotas start full). The authenticator (`[auth]`) is built at start-up and listed in
/// `NEEDS_RESTART`.
fn apply(daemon: &Daemon, old: &Config, new: &Config) {
    if old.rate_limits != new.rate_limits {
        daemon.set_rate_limits(&new.rate_limits);
    }
    if old.log.level != new.log.level
        && let Err(e) = crate::telemetry::set_level(&new.log.level)
    {
        tracing::warn!(error = %e, level = %new.log.level, "cannot change the log level");
    }
    // Higher limits let the scheduler claim more at once; lower ones apply as jobs finish.
    daemon.jobs.wake_scheduler();
}

/// Builds the providers of the configuration in force again and reads their secrets anew, so
/// a secret kept with `cgen providers key set` is used without a restart. An unchanged
/// provider keeps running as it was (`Providers::rebuild`). Returns the names that changed.
pub async fn reload_providers(daemon: &Daemon) -> Vec<String> {
    let _one_at_a_time = daemon.reloading.lock().await;
    rebuild_providers(daemon).await
}

/// `reload_providers` for a caller that holds the reload lock.
async fn rebuild_providers(daemon: &Daemon) -> Vec<String> {
    let runtime = daemon.runtime.clone();
    // The keyring may be a D-Bus round trip: not on a runtime thread.
    match tokio::task::spawn_blocking(move || runtime.reload_providers()).await {
        Ok(changed) => {
            if !changed.is_empty() {
                tracing::info!(?changed, "providers rebuilt");
            }
            changed
        }
        Err(e) => {
            tracing::error!(error = %e, "the providers could not be rebuilt");
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reload_applies_what_it_can_and_keeps_what_needs_a_restart() {
        let old = Config::default();
        let mut new = Config::default();
        new.jobs.concurrency = 9;
        new.log.level = "debug".into();
        new.limits.max_connections = 7;
        new.metrics.listen = Some("127.0.0.1:9999".parse().unwrap());
        let (kept, applied, needs_restart) = plan(&old, new).unwrap();
        assert_eq!(applied, ["jobs.concurrency", "log.level"]);
        assert_eq!(needs_restart, ["limits.max_connections", "metrics.listen"]);
        assert_eq!(kept.jobs.concurrency, 9);
        assert_eq!(kept.limits.max_connections, old.limits.max_connections);
        assert_eq!(kept.metrics.listen, None);
    }

    #[test]
    fn an_unchanged_file_changes_nothing() {
        let (_, applied, needs_restart) = plan(&Config::default(), Config::default()).unwrap();
        assert!(applied.is_empty() && needs_restart.is_empty());
        assert!(crate::config::needs_restart("features.metrics_listener"));
        assert!(crate::config::needs_restart("auth.session_ttl"));
        assert!(!crate::config::needs_restart("providers.local.base_url"));
        assert!(!crate::config::needs_restart("metrics.listener"));
    }
}
