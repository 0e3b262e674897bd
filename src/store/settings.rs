//! Daemon-wide switches that must survive a restart, kept as key/value rows.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// The key of the queue's pause flag.
pub const QUEUE_PAUSED: &str = "queue.paused";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
