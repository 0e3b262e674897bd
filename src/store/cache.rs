//! The providers' response cache table: an answer stored under the hash of what was asked,
//! served until it expires, and expired rows purged with the finished jobs.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, now_ms};

/// A cached answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    pub model: String,
    pub text: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
}

pub fn get(conn: &Connection, key: &str) -> Result<Option<Cached>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT model, text, input_tokens, output_tokens FROM provider_cache
             WHERE key = ?1 AND expires_at > ?2",
        )?
        .query_row(params![key, now_ms()], |r| {
            Ok(Cached {
                model: r.get(0)?,
                text: r.get(1)?,
                input_tokens: r.get::<_, i64>(2)? as u64,
                output_tokens: r.get::<_, i64>(3)? as u64,
            })
        })
        .optional()?)
}

pub fn put(
    conn: &Connection,
    key: &str,
    provider: &str,
    answer: &Cached,
    ttl_ms: i64,
) -> Result<(), StoreError> {
    let now = now_ms();
    conn.prepare_cached(
        "INSERT INTO provider_cache
           (key, provider, model, text, input_tokens, output_tokens, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (key) DO UPDATE SET text = excluded.text, model = excluded.model,
           input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
           created_at = excluded.created_at, expires_at = excluded.expires_at",
    )?
    .execute(params![
        key,
        provider,
        answer.model,
        answer.text,
        answer.input_tokens as i64,
        answer.output_tokens as i64,
        now,
        now.saturating_add(ttl_ms)
    ])?;
    Ok(())
}

/// Deletes expired answers; returns how many.
pub fn purge_expired(conn: &Connection) -> Result<usize, StoreError> {
    Ok(conn.execute(
        "DELETE FROM provider_cache WHERE expires_at <= ?1",
        [now_ms()],
    )?)
}
