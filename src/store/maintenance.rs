//! Health probes and backups of the database: a quick integrity check, a write probe, jobs
//! stuck past their deadline, and an online backup verified on the copy.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, now_ms};

/// `PRAGMA quick_check`: "ok", or the first problems found.
pub fn quick_check(conn: &Connection) -> Result<String, StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(lines.join("; "))
}

/// Proves the database takes writes: takes the write lock and lets it go.
pub fn write_probe(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;")?;
    Ok(())
}

/// Running jobs past their deadline by more than `slack_ms`: the queue is not moving.
pub fn stuck_jobs(conn: &Connection, slack_ms: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM jobs WHERE state = 'running' AND started_at + timeout_ms + ?1 < ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map([slack_ms, now_ms()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The time (Unix ms) before which rows kept for `kept` are old; a retention longer than the
/// clock can count keeps everything.
pub fn cutoff(now_ms: i64, kept: std::time::Duration) -> i64 {
    now_ms.saturating_sub(i64::try_from(kept.as_millis()).unwrap_or(i64::MAX))
}

/// Removes finished jobs (and, by cascade, their events) that finished before `before_ms`.
/// A parent stays while any of its children is unfinished.
/// Returns the jobs and events removed (or, dry, that would be).
pub fn purge_jobs(
    conn: &mut Connection,
    before_ms: i64,
    dry_run: bool,
) -> Result<(u64, u64), StoreError> {
    const OLD: &str = "state IN ('succeeded', 'failed', 'cancelled') AND finished_at < ?1
        AND NOT EXISTS (SELECT 1 FROM jobs k WHERE k.parent_id = jobs.id
                        AND k.state NOT IN ('succeeded', 'failed', 'cancelled'))";
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let jobs: i64 = tx.query_row(
        &format!("SELECT count(*) FROM jobs WHERE {OLD}"),
        [before_ms],
        |r| r.get(0),
    )?;
    let events: i64 = tx.query_row(
        &format!(
            "SELECT count(*) FROM job_events WHERE job_id IN (SELECT id FROM jobs WHERE {OLD})"
        ),
        [before_ms],
        |r| r.get(0),
    )?;
    if !dry_run {
        tx.execute(&format!("DELETE FROM jobs WHERE {OLD}"), [before_ms])?;
        tx.commit()?;
    }
    Ok((jobs as u64, events as u64))
}

/// Moves the write-ahead log into the database file and empties it. After a write failed for
/// lack of room, the log may be what is full (it grows before the database file does): this
/// makes room for the small writes that must still happen, such as a job's outcome.
pub fn checkpoint(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(())
}

/// Rebuilds the database file to return free pages to the file system.
pub fn vacuum(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("VACUUM")?;
    Ok(())
}

/// Copies the live database to `to` with SQLite's online backup (writers carry on), takes the
/// session-signing secret out of the copy, then checks it with `integrity_check`. The copy is
/// 0600 whatever the umask. Refuses to overwrite an existing file; a failed backup leaves
/// nothing behind.
pub fn backup(conn: &Connection, to: &Path) -> Result<u64, StoreError> {
    // Made here, 0600 and exclusive, before SQLite writes into it: its journal files take
    // their mode from it, and a file that appears meanwhile is not overwritten.
    crate::paths::create_private_file(to, true).map_err(|e| {
        if e.source.kind() == std::io::ErrorKind::AlreadyExists {
            StoreError::Corrupt(format!("{} already exists", to.display()))
        } else {
            StoreError::from(e)
        }
    })?;
    let copied = copy_into(conn, to);
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

fn copy_into(conn: &Connection, to: &Path) -> Result<u64, StoreError> {
    conn.backup(rusqlite::MAIN_DB, to, rusqlite::backup::NO_PROGRESS)?;
    let copy = Connection::open(to)?;
    // The copy inherits WAL mode; a backup should be one self-contained file.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    super::auth::strip_for_backup(&copy)?;
    drop(copy);
    verify(to)?;
    Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
}

/// Opens a database file read-only and runs `integrity_check`; an error says what is wrong.
pub fn verify(path: &Path) -> Result<(), StoreError> {
    let copy = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let result: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if result != "ok" {
        return Err(StoreError::Corrupt(format!(
            "{} fails its integrity check: {result}",
            path.display()
        )));
    }
    let version: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > super::SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: version,
            supported: super::SCHEMA_VERSION,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retention_past_what_the_clock_counts_keeps_everything() {
        let day = std::time::Duration::from_secs(86_400);
        assert_eq!(cutoff(5 * 86_400_000, day), 4 * 86_400_000);
        assert_eq!(cutoff(1_000, std::time::Duration::MAX), 1_000 - i64::MAX);
    }

    #[tokio::test]
    async fn an_online_backup_is_a_verified_copy() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::super::Store::open(&dir.path().join("cgen.db")).unwrap();
        store
            .write(|c| Ok(c.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?))
            .await
            .unwrap();
        let to = dir.path().join("copy.db");
        let to2 = to.clone();
        let bytes = store.read(move |c| backup(c, &to2)).await.unwrap();
        assert!(bytes > 0);
        let copy = Connection::open(&to).unwrap();
        let v: String = copy
            .query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(v, "v");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&to).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = to.clone();
        assert!(
            store.read(move |c| backup(c, &again)).await.is_err(),
            "never overwrites"
        );
        std::fs::write(dir.path().join("junk.db"), b"not a database").unwrap();
        assert!(verify(&dir.path().join("junk.db")).is_err());
    }
}
