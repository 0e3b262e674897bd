//! The daily budget tables: a key's own limits (`key_budgets`; no row: the config's defaults)
//! and what its jobs spent on model calls per UTC day (`key_usage`), added after every call.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, format_ms};

/// Days of spending kept; older rows go with the scheduled purge.
pub const USAGE_DAYS_KEPT: i64 = 400;

/// A key's own daily limits; `None` in a field: no limit of that kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Limits {
    pub daily_tokens: Option<u64>,
    pub daily_cost: Option<f64>,
}

/// What one key's jobs spent on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spent {
    pub calls: u64,
    pub tokens: u64,
    pub cost: f64,
}

/// The UTC day (`YYYY-MM-DD`) of a Unix time in milliseconds.
pub fn day_of(ms: i64) -> String {
    format_ms(ms)[..10].to_string()
}

/// When the UTC day of `ms` ends: the next day's spending starts from zero.
pub fn next_day_start(ms: i64) -> i64 {
    (ms.div_euclid(86_400_000) + 1) * 86_400_000
}

pub fn own_limits(conn: &Connection, key_id: &str) -> Result<Option<Limits>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT daily_tokens, daily_cost FROM key_budgets WHERE key_id = ?1")?
        .query_row([key_id], |r| {
            Ok(Limits {
                daily_tokens: r.get::<_, Option<i64>>(0)?.map(|t| t.max(0) as u64),
                daily_cost: r.get(1)?,
            })
        })
        .optional()?)
}

/// Gives the key its own limits, or (`None`) makes it follow the config's defaults again.
pub fn set_own_limits(
    conn: &Connection,
    key_id: &str,
    limits: Option<Limits>,
) -> Result<(), StoreError> {
    match limits {
        None => {
            conn.execute("DELETE FROM key_budgets WHERE key_id = ?1", [key_id])?;
        }
        Some(l) => {
            let tokens = l.daily_tokens.map(|t| t.min(i64::MAX as u64) as i64);
            conn.execute(
                "INSERT INTO key_budgets (key_id, daily_tokens, daily_cost) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key_id) DO UPDATE SET daily_tokens = excluded.daily_tokens,
                   daily_cost = excluded.daily_cost",
                params![key_id, tokens, l.daily_cost],
            )?;
        }
    }
    Ok(())
}

pub fn spent(conn: &Connection, key_id: &str, day: &str) -> Result<Spent, StoreError> {
    Ok(conn
        .prepare_cached("SELECT calls, tokens, cost FROM key_usage WHERE key_id = ?1 AND day = ?2")?
        .query_row([key_id, day], |r| {
            Ok(Spent {
                calls: r.get::<_, i64>(0)?.max(0) as u64,
                tokens: r.get::<_, i64>(1)?.max(0) as u64,
                cost: r.get(2)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// Adds one model call's tokens and cost to the key's spending of `day`.
pub fn add(
    conn: &Connection,
    key_id: &str,
    day: &str,
    tokens: u64,
    cost: f64,
) -> Result<(), StoreError> {
    let tokens = tokens.min(i64::MAX as u64) as i64;
    conn.prepare_cached(
        "INSERT INTO key_usage (key_id, day, calls, tokens, cost) VALUES (?1, ?2, 1, ?3, ?4)
         ON CONFLICT (key_id, day) DO UPDATE SET calls = calls + 1,
           tokens = tokens + excluded.tokens, cost = cost + excluded.cost",
    )?
    .execute(params![key_id, day, tokens, cost])?;
    Ok(())
}

/// Removes spending older than `USAGE_DAYS_KEPT` days before `now_ms`.
pub fn purge_old(conn: &Connection, now_ms: i64) -> Result<usize, StoreError> {
    let cutoff = day_of(now_ms - USAGE_DAYS_KEPT * 86_400_000);
    Ok(conn.execute("DELETE FROM key_usage WHERE day < ?1", [cutoff])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_adds_up_per_key_and_day() {
        let conn = crate::store::memory_with_key();
        add(&conn, "k", "2026-11-26", 100, 0.5).unwrap();
        add(&conn, "k", "2026-11-26", 50, 0.25).unwrap();
        add(&conn, "k", "2026-11-27", 7, 0.0).unwrap();
        let today = spent(&conn, "k", "2026-11-26").unwrap();
        assert_eq!((today.calls, today.tokens, today.cost), (2, 150, 0.75));
        assert_eq!(spent(&conn, "k2", "2026-11-26").unwrap(), Spent::default());
    }

    #[test]
    fn own_limits_replace_and_reset() {
        let conn = crate::store::memory_with_key();
        assert_eq!(own_limits(&conn, "k").unwrap(), None);
        let mine = Limits {
            daily_tokens: Some(1000),
            daily_cost: None,
        };
        set_own_limits(&conn, "k", Some(mine)).unwrap();
        assert_eq!(own_limits(&conn, "k").unwrap(), Some(mine));
        set_own_limits(&conn, "k", None).unwrap();
        assert_eq!(own_limits(&conn, "k").unwrap(), None);
    }

    #[test]
    fn old_days_are_purged() {
        let conn = crate::store::memory_with_key();
        let now = 400 * 86_400_000 + 5 * 86_400_000;
        add(&conn, "k", &day_of(0), 1, 0.0).unwrap();
        add(&conn, "k", &day_of(now), 1, 0.0).unwrap();
        assert_eq!(purge_old(&conn, now).unwrap(), 1);
        assert_eq!(day_of(0), "1970-01-01");
        assert_eq!(next_day_start(0), 86_400_000);
        assert_eq!(next_day_start(86_400_000 - 1), 86_400_000);
    }
}
