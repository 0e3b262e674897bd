//! The only place with SQL. `Store` owns one SQLite database: a single writer thread that runs
//! write closures one at a time (so write transactions never contend), and a small pool of
//! read-only connections for reads, which WAL lets run beside the writer. Functions in the
//! submodules take a `&Connection` and are grouped by domain, so another backend could later
//! replace them without touching handlers.

pub mod articles;
pub mod auth;
pub mod budgets;
pub mod cache;
pub mod collections;
pub mod docs;
pub mod generation;
pub mod jobs;
pub mod maintenance;
mod migrations;
pub mod settings;
pub mod vectors;

pub use migrations::SCHEMA_VERSION;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use tokio::sync::oneshot;

use crate::paths::{CreateError, create_private_dir, create_private_file};
use crate::timestamp::{format_ms, now_ms};

/// How long a connection waits for a lock before reporting SQLITE_BUSY.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Idle read connections kept for reuse.
const MAX_IDLE_READERS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database has schema version {found}, newer than this cgen supports ({supported}); \
         upgrade cgen or point it at another data dir"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("cannot create {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid search query: {0}")]
    Query(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("the store is shut down")]
    Closed,
    #[error("{0}")]
    Conflict(String),
    /// A name the caller gave that does not exist (to it); the message names the closest.
    #[error("{0}")]
    NotFound(String),
}

impl From<CreateError> for StoreError {
    fn from(e: CreateError) -> Self {
        StoreError::Io {
            path: e.path,
            source: e.source,
        }
    }
}

impl StoreError {
    /// The database file cannot be written: a full disk, a file-size limit (EFBIG surfaces as
    /// an I/O error), a read-only file or file system. Retrying soon does not help, and
    /// nothing already committed is lost (SQLite rolls the failed transaction back).
    pub fn is_storage_failure(&self) -> bool {
        use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly, SystemIoFailure};
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, DiskFull | SystemIoFailure | ReadOnly | CannotOpen))
    }
}

/// What to say about a storage failure, to a client or in a failed job.
pub fn storage_failure_message(e: &StoreError) -> String {
    format!(
        "the database cannot be written ({e}): the disk may be full, the file over a size limit, \
         or read-only; what is already stored is intact"
    )
}

/// The most recent write that failed for storage (`StoreError::is_storage_failure`).
#[derive(Debug, Clone)]
pub struct WriteFailure {
    pub at: Instant,
    pub error: String,
}

type WriteFn = Box<dyn FnOnce(&mut Connection) + Send>;

/// A cheap-to-clone handle on the database.
#[derive(Clone)]
pub struct Store {
    writer: mpsc::Sender<WriteFn>,
    readers: Arc<Mutex<Vec<Connection>>>,
    path: PathBuf,
    /// Kept for `health`: a write probe that takes the lock but writes nothing passes on a
    /// full disk, so the last real failure is what tells.
    last_write_failure: Arc<Mutex<Option<WriteFailure>>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, applies migrations and starts the
    /// writer thread.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        // The database and its -wal and -shm files (SQLite gives them the database's mode)
        // are the daemon's alone, whatever the umask and whatever an older version left.
        create_private_file(path, false)?;
        for side in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(side);
            let side = PathBuf::from(name);
            if side.exists() {
                create_private_file(&side, false)?;
            }
        }
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "cannot enable WAL (journal_mode is {mode})"
            )));
        }
        migrations::migrate_to(&mut conn, SCHEMA_VERSION)?;
        let (tx, rx) = mpsc::channel::<WriteFn>();
        std::thread::Builder::new()
            .name("cgen-store-writer".into())
            .spawn(move || {
                // Runs until every Store handle is dropped.
                while let Ok(job) = rx.recv() {
                    job(&mut conn);
                }
            })
            .map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(Store {
            writer: tx,
            readers: Arc::new(Mutex::new(Vec::new())),
            path: path.to_path_buf(),
            last_write_failure: Arc::new(Mutex::new(None)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn last_write_failure(&self) -> Option<WriteFailure> {
        self.last_write_failure.lock().ok().and_then(|l| l.clone())
    }

    /// Runs `f` on the writer thread. `f` should open an IMMEDIATE transaction when it writes
    /// more than one statement.
    pub async fn write<R, F>(&self, f: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<R, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let failures = self.last_write_failure.clone();
        let job: WriteFn = Box::new(move |conn| {
            let started = Instant::now();
            let result = f(conn);
            metrics::histogram!(crate::metrics::DB_WRITE_DURATION)
                .record(started.elapsed().as_secs_f64());
            if let Err(e) = &result
                && e.is_storage_failure()
            {
                tracing::error!(error = %e, "a write failed: the database cannot be written");
                if let Ok(mut last) = failures.lock() {
                    *last = Some(WriteFailure {
                        at: Instant::now(),
                        error: e.to_string(),
                    });
                }
            }
            // The receiver may have gone (caller cancelled); the write happened regardless.
            let _ = reply.send(result);
        });
        self.writer.send(job).map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    /// Runs `f` on a read-only connection on a blocking thread.
    pub async fn read<R, F>(&self, f: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&Connection) -> Result<R, StoreError> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.read_blocking(f))
            .await
            .map_err(|_| StoreError::Closed)?
    }

    /// Runs `f` on a read-only connection on the calling thread: a caller already on a
    /// blocking thread, or an async worker with a read an index answers in microseconds (a key
    /// by its id, the active-job counts, a key's spending of the day). For those, handing the
    /// read to a blocking thread and back would cost two thread wake-ups, more than the read,
    /// on every `hello` and `status`. A WAL reader does not wait for the writer; only a
    /// checkpoint that truncates the log (after a failed write) can make it retry, for
    /// milliseconds at most.
    pub fn read_blocking<R>(
        &self,
        f: impl FnOnce(&Connection) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let pooled = self.readers.lock().map_err(|_| StoreError::Closed)?.pop();
        let conn = match pooled {
            Some(c) => c,
            None => open_reader(&self.path)?,
        };
        let result = f(&conn);
        if let Ok(mut pool) = self.readers.lock()
            && pool.len() < MAX_IDLE_READERS
        {
            pool.push(conn);
        }
        result
    }

    /// Size of the database and its write-ahead log, in bytes.
    pub fn size_bytes(&self) -> u64 {
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        [self.path.as_path(), wal.as_path()]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Runs an `INSERT ... RETURNING` to its end and maps its one row. `query_row` stops at the
/// first row and resets the statement, and rusqlite drops the reset's error: a commit that
/// fails (a full disk) or a constraint checked at the statement's end would go unreported
/// while the returned row describes a change that never happened (a job event whose sequence
/// number is then handed out again, and a waiter that skips the real one).
pub(crate) fn insert_returning<T>(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
    map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<T, StoreError> {
    let mut rows = stmt.query(params)?;
    let row = rows.next()?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let value = map(row)?;
    while rows.next()?.is_some() {}
    Ok(value)
}

/// An in-memory database at the current schema holding one user key, `k`: the fixture of the
/// unit tests of the tables that hang off a key.
#[cfg(test)]
pub(crate) fn memory_with_key() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::migrate_to(&mut conn, migrations::SCHEMA_VERSION).unwrap();
    conn.execute(
        "INSERT INTO api_keys (id, name, role, secret_hash, created_at)
         VALUES ('k', 'k', 'user', x'00', 0)",
        [],
    )
    .unwrap();
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insert_whose_commit_fails_reports_the_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let writer = Connection::open(&path).unwrap();
        writer.busy_timeout(Duration::ZERO).unwrap();
        writer
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            .unwrap();
        // An open read transaction elsewhere keeps a rollback-journal commit from taking its
        // exclusive lock, so each insert below fails only as it commits.
        let reader = Connection::open(&path).unwrap();
        reader
            .execute_batch("BEGIN; SELECT count(*) FROM t;")
            .unwrap();
        let sql = "INSERT INTO t (v) VALUES ('x') RETURNING id";
        // `query_row` hands out the id of an insert that was never committed: why
        // `insert_returning` exists.
        let handed_out: rusqlite::Result<i64> = writer.query_row(sql, [], |r| r.get(0));
        assert_eq!(handed_out.ok(), Some(1));
        let mut stmt = writer.prepare(sql).unwrap();
        let reported = insert_returning(&mut stmt, [], |r| r.get::<_, i64>(0));
        assert!(
            matches!(reported, Err(StoreError::Sqlite(ref e)) if e.to_string().contains("locked")),
            "{reported:?}"
        );
        drop(stmt);
        reader.execute_batch("COMMIT").unwrap();
        let stored: i64 = writer
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, 0, "neither insert was committed");
    }

    #[tokio::test]
    async fn writes_are_visible_to_readers_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db/cgen.db");
        let store = Store::open(&path).unwrap();
        store
            .write(|c| {
                c.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')", [])?;
                Ok(())
            })
            .await
            .unwrap();
        let v: String = store
            .read(
                |c| Ok(c.query_row("SELECT value FROM settings WHERE key='a'", [], |r| r.get(0))?),
            )
            .await
            .unwrap();
        assert_eq!(v, "b");
        drop(store);
        let store = Store::open(&path).unwrap();
        let n: i64 = store
            .read(|c| Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(n, 1);
    }

    #[tokio::test]
    async fn readers_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cgen.db")).unwrap();
        let r = store
            .read(|c| Ok(c.execute("INSERT INTO settings (key, value) VALUES ('a','b')", [])?))
            .await;
        assert!(r.is_err());
    }
}
