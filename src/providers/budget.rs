//! Daily model budgets per API key: the `[budgets]` defaults of the config, a key's own limits
//! (`cgen keys budget`), the check made before every model call (chat or embedding), which
//! stops the work before the key's spending of the UTC day passes its limit, and the charge
//! made after it.

use serde::{Deserialize, Serialize};

pub use crate::protocol::auth::LimitsSource;
use crate::store::budgets::{self, Limits, Spent};
use crate::store::{Store, StoreError};

/// `[budgets]`: the daily limits of every key that has none of its own. Unset: unlimited.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct BudgetsConfig {
    /// Model tokens (input and output) a key's jobs may use per UTC day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_daily_tokens: Option<u64>,
    /// Cost (in the unit of the providers' prices) a key's jobs may spend per UTC day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_daily_cost: Option<f64>,
}

impl BudgetsConfig {
    /// Range checks, as (key, reason), every one found.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        match self.key_daily_cost {
            Some(c) if !c.is_finite() || c < 0.0 => vec![(
                "budgets.key_daily_cost",
                "must be a finite number, zero or more".into(),
            )],
            _ => Vec::new(),
        }
    }

    pub fn limits(&self) -> Limits {
        Limits {
            daily_tokens: self.key_daily_tokens,
            daily_cost: self.key_daily_cost,
        }
    }
}

/// The limits in force for a key: its own, else the config's.
pub fn effective(own: Option<Limits>, config: &BudgetsConfig) -> (Limits, LimitsSource) {
    match own {
        Some(own) => (own, LimitsSource::Key),
        None => (config.limits(), LimitsSource::Config),
    }
}

/// A key's budget as it stands on one day: the limits in force, where they come from, and
/// what its jobs spent. What enforcement checks and what `cgen keys budget` shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    pub limits: Limits,
    pub source: LimitsSource,
    pub spent: Spent,
}

/// Reads `key_id`'s standing on `day` (`budgets::day_of`).
pub fn standing(
    conn: &rusqlite::Connection,
    key_id: &str,
    day: &str,
    config: &BudgetsConfig,
) -> Result<Standing, crate::store::StoreError> {
    let (limits, source) = effective(budgets::own_limits(conn, key_id)?, config);
    Ok(Standing {
        limits,
        source,
        spent: budgets::spent(conn, key_id, day)?,
    })
}

/// Why a key may not call a model now.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Its daily budget is spent (the message says which and when it renews).
    #[error("{0}")]
    Spent(String),
    #[error("cannot read the key's daily budget: {0}")]
    Unreadable(StoreError),
}

/// Tokens API key `key_id` may still use today (`None`: no token limit): the check before
/// every model call, chat or embedding. Two reads by primary key, so it runs on the calling
/// thread, whether a job's blocking thread or a request's (`Store::read_blocking`).
pub fn key_tokens_left(
    store: &Store,
    key_id: &str,
    config: &BudgetsConfig,
) -> Result<Option<u64>, Refused> {
    let day = budgets::day_of(crate::timestamp::now_ms());
    let today = store
        .read_blocking(|c| standing(c, key_id, &day, config))
        .map_err(Refused::Unreadable)?;
    tokens_left(key_id, &today.limits, &today.spent).map_err(Refused::Spent)
}

/// Adds one model call to `key_id`'s spending of today. A failure is logged, not returned:
/// the call has happened and its answer is good.
pub async fn charge(store: &Store, key_id: &str, tokens: u64, cost: f64) {
    let (id, day) = (
        key_id.to_string(),
        budgets::day_of(crate::timestamp::now_ms()),
    );
    let added = store
        .write(move |c| budgets::add(c, &id, &day, tokens, cost))
        .await;
    if let Err(e) = added {
        tracing::warn!(error = %e, key_id, "cannot add a model call to its key's daily spending");
    }
}

/// Tokens the key may still use today (`None`: no token limit), or why it may not call at all.
pub fn tokens_left(key_id: &str, limits: &Limits, spent: &Spent) -> Result<Option<u64>, String> {
    if let Some(max) = limits.daily_cost
        && spent.cost >= max
    {
        return Err(format!(
            "API key {key_id} has spent its daily cost budget ({max}): {:.6} today; it \
             renews at 00:00 UTC",
            spent.cost
        ));
    }
    match limits.daily_tokens {
        Some(max) if spent.tokens >= max => Err(format!(
            "API key {key_id} has used its daily token budget ({max}): {} tokens today; it \
             renews at 00:00 UTC",
            spent.tokens
        )),
        Some(max) => Ok(Some(max - spent.tokens)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_of_its_own_overrides_the_config() {
        let config = BudgetsConfig {
            key_daily_tokens: Some(100),
            key_daily_cost: None,
        };
        assert_eq!(effective(None, &config).1, LimitsSource::Config);
        let unlimited = Limits::default();
        assert_eq!(
            effective(Some(unlimited), &config),
            (unlimited, LimitsSource::Key)
        );
    }

    #[test]
    fn spending_up_to_a_limit_stops_the_calls() {
        let limits = Limits {
            daily_tokens: Some(1000),
            daily_cost: Some(1.0),
        };
        let mut spent = Spent {
            calls: 3,
            tokens: 400,
            cost: 0.5,
        };
        assert_eq!(tokens_left("k", &limits, &spent), Ok(Some(600)));
        spent.tokens = 1000;
        assert!(
            tokens_left("k", &limits, &spent)
                .unwrap_err()
                .contains("token budget")
        );
        spent.tokens = 0;
        spent.cost = 1.0;
        assert!(
            tokens_left("k", &limits, &spent)
                .unwrap_err()
                .contains("cost budget")
        );
        assert_eq!(tokens_left("k", &Limits::default(), &spent), Ok(None));
    }

    #[test]
    fn a_negative_or_infinite_cost_is_refused() {
        for bad in [-1.0, f64::INFINITY, f64::NAN] {
            let config = BudgetsConfig {
                key_daily_tokens: None,
                key_daily_cost: Some(bad),
            };
            assert_eq!(config.problems().len(), 1, "{bad}");
        }
    }
}
