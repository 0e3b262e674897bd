//! The job queue's tables: jobs and their event log. Every state change writes its event in
//! the same transaction, so the log never disagrees with the job.
//!
//! The rows here are the store's own (`JobRow`, `EventRow` and the enums they name): `jobs`
//! converts them to and from the wire's job types (`jobs::rows`), so the store knows nothing
//! of the wire. The enums keep the strings the protocol uses, which are what the tables hold.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde_json::Value;

use super::{StoreError, format_ms, now_ms};

/// An enum stored as text: its variants, each with the string the tables hold, and `ALL`,
/// `as_str` and `parse` over them.
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|k| k.as_str() == s)
            }
        }
    };
}

stored_enum! {
    /// What a job does (`jobs.kind`).
    Kind { Ingest = "ingest", Generate = "generate", Batch = "batch" }
}

stored_enum! {
    /// Where a job stands (`jobs.state`).
    State {
        Queued = "queued",
        Running = "running",
        Paused = "paused",
        Succeeded = "succeeded",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

impl State {
    /// Finished for good: the job will not run again unless retried.
    pub fn is_terminal(self) -> bool {
        matches!(self, State::Succeeded | State::Failed | State::Cancelled)
    }
}

stored_enum! {
    /// What an event says (`job_events.kind`).
    EventKind {
        State = "state",
        Progress = "progress",
        Log = "log",
        Warning = "warning",
        Provider = "provider",
        Wait = "wait",
        Fallback = "fallback",
        Token = "token",
        Unrecorded = "unrecorded",
    }
}

stored_enum! {
    /// Why a job failed (`jobs.error_kind`).
    FailureKind {
        Unavailable = "unavailable",
        Store = "store",
        Fetch = "fetch",
        Storage = "storage",
        ProviderRefused = "provider_refused",
        InvalidSpec = "invalid_spec",
        InvalidInput = "invalid_input",
        NoInput = "no_input",
        NotEnoughMaterial = "not_enough_material",
        QualityFailed = "quality_failed",
        BudgetExceeded = "budget_exceeded",
        Output = "output",
        Timeout = "timeout",
        Cancelled = "cancelled",
        Interrupted = "interrupted",
        Conflict = "conflict",
        Internal = "internal",
    }
}

/// How a job failed: its kind and a message for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
}

/// How a parent job's children stand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChildCounts {
    pub total: u64,
    pub queued: u64,
    pub running: u64,
    pub paused: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub cancelled: u64,
}

/// A job as `insert` left it: new, or the earlier job its idempotency key matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    pub id: i64,
    pub state: State,
    /// True when an idempotency key matched an earlier job, which is returned instead.
    pub existing: bool,
}

/// One row of `jobs`, its times formatted (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq)]
pub struct JobRow {
    pub id: i64,
    pub kind: Kind,
    pub state: State,
    /// As stored: JSON text, which `jobs` reads.
    pub spec: String,
    pub priority: i32,
    pub attempts: u32,
    pub max_attempts: u32,
    pub timeout_ms: u64,
    pub idempotency_key: Option<String>,
    pub parent_id: Option<i64>,
    pub correlation_id: String,
    /// As stored: JSON text, which `jobs` reads.
    pub result: Option<String>,
    pub error: Option<Failure>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub run_after: Option<String>,
    /// For a queued job waiting to be retried: how long it still waits.
    pub retry_in_ms: Option<u64>,
    pub owner: Option<String>,
    /// For a parent job (`get`): its children by state.
    pub children: Option<ChildCounts>,
}

/// One row of `job_events`.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub seq: i64,
    pub job_id: i64,
    pub at: String,
    pub kind: EventKind,
    pub message: String,
    pub data: Option<Value>,
}

/// The error for a row whose `what` holds something no code reads; what a stored spec that
/// no longer parses fails with too (`jobs::rows`), so the message names the spec as it did.
pub fn corrupt_column(what: &str, value: &str) -> StoreError {
    StoreError::Sqlite(corrupt(0, what, value))
}

fn corrupt(column: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("job has an unknown {what} '{value}'").into(),
    )
}

const COLUMNS: &str = "id, kind, state, spec, priority, attempts, max_attempts, timeout_ms, \
    idempotency_key, parent_id, correlation_id, result, error_kind, error_message, created_at, \
    started_at, finished_at, run_after, owner";

/// A job about to be inserted, with the daemon's defaults already applied.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: Kind,
    /// The spec as JSON text, as `jobs` serialized it.
    pub spec: String,
    pub priority: i32,
    pub timeout_ms: u64,
    pub max_attempts: u32,
    pub idempotency_key: Option<String>,
    pub correlation_id: String,
    pub parent_id: Option<i64>,
    /// The API key that submitted it (a batch's children: the batch's).
    pub owner: Option<String>,
    /// What its spec resolved to at submit, as JSON (`jobs::Resolved`); None: nothing to
    /// resolve, or left to the job.
    pub resolved: Option<String>,
}

/// How an attempt ended, as the scheduler records it.
#[derive(Debug, Clone)]
pub enum Outcome {
    Succeeded(Value),
    Failed(Failure),
    Cancelled(String),
    /// A transient failure: queued again, not before `run_after`, for the reason `wait`
    /// (`jobs::retry::retry_delay`).
    Retry {
        failure: Failure,
        run_after: i64,
        wait: String,
    },
    /// Interrupted by shutdown: queued again, and the attempt does not count.
    Interrupted(String),
}

/// The result of asking for a change that only some states allow.
#[derive(Debug)]
pub enum Transition<T> {
    Done(T),
    NotFound,
    WrongState(State),
}

fn job_from_row(r: &Row<'_>) -> rusqlite::Result<JobRow> {
    let kind: String = r.get(1)?;
    let state: String = r.get(2)?;
    let error_kind: Option<String> = r.get(12)?;
    let error_message: Option<String> = r.get(13)?;
    let run_after: i64 = r.get(17)?;
    Ok(JobRow {
        id: r.get(0)?,
        kind: Kind::parse(&kind).ok_or_else(|| corrupt(0, "kind", &kind))?,
        state: State::parse(&state).ok_or_else(|| corrupt(0, "state", &state))?,
        spec: r.get(3)?,
        priority: r.get(4)?,
        attempts: r.get(5)?,
        max_attempts: r.get(6)?,
        timeout_ms: r.get::<_, i64>(7)? as u64,
        idempotency_key: r.get(8)?,
        parent_id: r.get(9)?,
        correlation_id: r.get(10)?,
        result: r.get(11)?,
        error: error_kind
            .map(|kind| {
                let kind = FailureKind::parse(&kind).ok_or_else(|| corrupt(0, "error kind", &kind));
                kind.map(|kind| Failure {
                    kind,
                    message: error_message.unwrap_or_default(),
                })
            })
            .transpose()?,
        created_at: format_ms(r.get(14)?),
        started_at: r.get::<_, Option<i64>>(15)?.map(format_ms),
        finished_at: r.get::<_, Option<i64>>(16)?.map(format_ms),
        run_after: (run_after > 0).then(|| format_ms(run_after)),
        retry_in_ms: (state == State::Queued.as_str())
            .then(|| run_after - now_ms())
            .filter(|ms| *ms > 0)
            .map(|ms| ms as u64),
        owner: r.get(18)?,
        children: None,
    })
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    let data: Option<String> = r.get(5)?;
    let kind: String = r.get(3)?;
    Ok(EventRow {
        seq: r.get(0)?,
        job_id: r.get(1)?,
        at: format_ms(r.get(2)?),
        kind: EventKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("job event has an unknown kind '{kind}'").into(),
            )
        })?,
        message: r.get(4)?,
        data: data.and_then(|s| serde_json::from_str(&s).ok()),
    })
}

/// Appends one event to a job's log and returns it as stored.
pub fn add_event(
    conn: &Connection,
    job_id: i64,
    kind: EventKind,
    message: &str,
    data: Option<&Value>,
) -> Result<EventRow, StoreError> {
    let data = data.map(Value::to_string);
    let mut insert = conn.prepare_cached(
        "INSERT INTO job_events (job_id, at, kind, message, data) VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING seq, job_id, at, kind, message, data",
    )?;
    super::insert_returning(
        &mut insert,
        params![job_id, now_ms(), kind.as_str(), message, data],
        event_from_row,
    )
}

fn state_event(
    conn: &Connection,
    id: i64,
    state: State,
    why: &str,
) -> Result<EventRow, StoreError> {
    let message = if why.is_empty() {
        state.as_str().to_string()
    } else {
        format!("{}: {why}", state.as_str())
    };
    add_event(
        conn,
        id,
        EventKind::State,
        &message,
        Some(&serde_json::json!({ "state": state.as_str() })),
    )
}

/// Inserts jobs in one transaction. A job whose idempotency key is already taken is not
/// inserted; the earlier job is returned with `existing: true`.
pub fn insert(
    conn: &mut Connection,
    jobs: &[NewJob],
) -> Result<(Vec<Submitted>, Vec<EventRow>), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_ms();
    let mut submitted = Vec::with_capacity(jobs.len());
    let mut events = Vec::with_capacity(jobs.len());
    for job in jobs {
        if let Some(key) = &job.idempotency_key
            && let Some((id, state, owner)) = find_by_key(&tx, key)?
        {
            // Another key's job is not revealed, nor shared.
            if owner != job.owner {
                return Err(StoreError::Conflict(format!(
                    "idempotency key '{key}' is taken by a job of another API key"
                )));
            }
            submitted.push(Submitted {
                id,
                state,
                existing: true,
            });
            continue;
        }
        let mut insert_job = tx.prepare_cached(
            "INSERT INTO jobs (kind, state, spec, priority, max_attempts, timeout_ms,
                               idempotency_key, correlation_id, created_at, parent_id, owner,
                               resolved)
             VALUES (?1, 'queued', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
        )?;
        let id: i64 = super::insert_returning(
            &mut insert_job,
            params![
                job.kind.as_str(),
                job.spec,
                job.priority,
                job.max_attempts,
                job.timeout_ms as i64,
                job.idempotency_key,
                job.correlation_id,
                now,
                job.parent_id,
                job.owner,
                job.resolved
            ],
            |r| r.get(0),
        )?;
        events.push(state_event(&tx, id, State::Queued, "")?);
        submitted.push(Submitted {
            id,
            state: State::Queued,
            existing: false,
        });
    }
    tx.commit()?;
    Ok((submitted, events))
}

/// The jobs `owner` has waiting (queued or paused); a batch not yet started counts its items,
/// the jobs it will queue.
pub fn waiting_of(conn: &Connection, owner: &str) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT coalesce(sum(CASE WHEN kind = 'batch'
                                  THEN json_array_length(spec, '$.params.items') ELSE 1 END), 0)
           FROM jobs WHERE owner = ?1 AND state IN ('queued', 'paused')",
        [owner],
        |r| r.get(0),
    )?;
    Ok(n.max(0) as u64)
}

type KeyedJob = (i64, State, Option<String>);

fn find_by_key(tx: &Transaction<'_>, key: &str) -> Result<Option<KeyedJob>, StoreError> {
    let row: Option<(i64, String, Option<String>)> = tx
        .query_row(
            "SELECT id, state, owner FROM jobs WHERE idempotency_key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(id, s, owner)| (id, State::parse(&s).unwrap_or(State::Queued), owner)))
}

/// One job; a parent job comes with the counts of its children.
pub fn get(conn: &Connection, id: i64) -> Result<Option<JobRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM jobs WHERE id = ?1");
    let Some(mut job) = conn.query_row(&sql, [id], job_from_row).optional()? else {
        return Ok(None);
    };
    job.children = children(conn, id)?;
    Ok(Some(job))
}

/// What a job's spec resolved to at submit (`NewJob::resolved`); None when nothing was.
pub fn resolved(conn: &Connection, id: i64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT resolved FROM jobs WHERE id = ?1", [id], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}

fn children(conn: &Connection, id: i64) -> Result<Option<ChildCounts>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT state, count(*) FROM jobs WHERE parent_id = ?1 GROUP BY state")?;
    let rows = stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })?;
    let mut counts = ChildCounts::default();
    for row in rows {
        let (state, n) = row?;
        counts.total += n;
        match State::parse(&state) {
            Some(State::Queued) => counts.queued += n,
            Some(State::Running) => counts.running += n,
            Some(State::Paused) => counts.paused += n,
            Some(State::Succeeded) => counts.succeeded += n,
            Some(State::Failed) => counts.failed += n,
            Some(State::Cancelled) => counts.cancelled += n,
            None => {}
        }
    }
    Ok((counts.total > 0).then_some(counts))
}

/// Which jobs `list` returns.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListFilter<'a> {
    pub state: Option<State>,
    pub kind: Option<Kind>,
    /// Only this key's jobs (the reader's scope).
    pub owner: Option<&'a str>,
    /// Only jobs submitted directly (no batch's children).
    pub top_level: bool,
}

/// Newest first, filtered as `filter` says.
pub fn list(
    conn: &Connection,
    filter: &ListFilter<'_>,
    limit: u32,
) -> Result<Vec<JobRow>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM jobs WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR kind = ?2)
           AND (?4 IS NULL OR owner = ?4) AND (?5 = 0 OR parent_id IS NULL)
         ORDER BY id DESC LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            filter.state.map(State::as_str),
            filter.kind.map(Kind::as_str),
            limit,
            filter.owner,
            filter.top_level
        ],
        job_from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The next job to claim (`claim_next`): the owners with queued jobs, found by skipping
/// along `jobs_turns`, the head of each one's queue, then the owner whose turn it is.
pub(crate) const CLAIM_SQL: &str = "WITH RECURSIVE
  owners(owner) AS (
    SELECT (SELECT min(owner) FROM jobs WHERE state = 'queued')
    UNION ALL
    SELECT (SELECT min(owner) FROM jobs WHERE state = 'queued' AND owner > owners.owner)
      FROM owners WHERE owners.owner IS NOT NULL),
  heads(id) AS (
    SELECT (SELECT q.id FROM jobs q
             WHERE q.state = 'queued' AND q.owner IS o.owner AND q.run_after <= ?1
               AND q.kind IN (SELECT value FROM json_each(?2))
             ORDER BY q.priority DESC, q.id LIMIT 1)
      FROM (SELECT owner FROM owners WHERE owner IS NOT NULL UNION ALL SELECT NULL) o),
  running AS (SELECT owner, count(*) AS n FROM jobs WHERE state = 'running' GROUP BY owner),
  turns AS (SELECT key AS owner, value AS turn FROM json_each(?3))
SELECT j.id FROM heads h JOIN jobs j ON j.id = h.id
  LEFT JOIN running r ON r.owner IS j.owner
  LEFT JOIN turns t ON t.owner = coalesce(j.owner, '')
 ORDER BY coalesce(r.n, 0), coalesce(t.turn, 0), j.priority DESC, j.id LIMIT 1";

/// Takes the next queued job of one of `kinds` that is due, marks it running and counts the
/// attempt, all in one transaction. Owners take turns: the job comes from the owner with the
/// fewest jobs running, then the one served longest ago (`turns`: the scheduler's count at
/// each owner's last claim, by key id, "" for jobs without an owner; never served comes
/// first), and among that owner's jobs, the highest priority, then the oldest. So a key with
/// thousands of jobs queued (or queued at a high priority) holds up no other key for longer
/// than one of its jobs takes, and a single owner's jobs keep their priority order.
///
/// `read` turns the claimed row into what the caller runs (`jobs` parses its spec) inside the
/// transaction: a stored spec that no longer parses fails the claim, which rolls back, so the
/// job stays queued rather than running with a spec nobody can read. The store cannot check
/// the spec itself without knowing the wire's types, hence the callback.
pub fn claim_next<T>(
    conn: &mut Connection,
    kinds: &[Kind],
    turns: &std::collections::HashMap<String, u64>,
    read: impl FnOnce(JobRow) -> Result<T, StoreError>,
) -> Result<Option<(T, EventRow)>, StoreError> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_ms();
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let kinds_json = serde_json::to_string(&kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>())
        .map_err(corrupt)?;
    let turns_json = serde_json::to_string(turns).map_err(corrupt)?;
    let id: Option<i64> = tx
        .query_row(CLAIM_SQL, params![now, kinds_json, turns_json], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    tx.execute(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    let event = state_event(&tx, id, State::Running, "")?;
    let job = get(&tx, id)?.ok_or_else(|| StoreError::Corrupt(format!("job {id} vanished")))?;
    let job = read(job)?;
    tx.commit()?;
    Ok(Some((job, event)))
}

/// The earliest time after `after` at which a queued job becomes due, if any waits on a
/// backoff.
pub fn next_due(conn: &Connection, after: i64) -> Result<Option<i64>, StoreError> {
    Ok(conn.query_row(
        "SELECT min(run_after) FROM jobs WHERE state = 'queued' AND run_after > ?1",
        [after],
        |r| r.get(0),
    )?)
}

/// Records how an attempt of a running job ended.
pub fn finish(conn: &mut Connection, id: i64, outcome: &Outcome) -> Result<EventRow, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_ms();
    let event = match outcome {
        Outcome::Succeeded(result) => {
            tx.execute(
                "UPDATE jobs SET state = 'succeeded', result = ?2, finished_at = ?3,
                        error_kind = NULL, error_message = NULL WHERE id = ?1",
                params![id, result.to_string(), now],
            )?;
            state_event(&tx, id, State::Succeeded, "")?
        }
        Outcome::Failed(f) => {
            tx.execute(
                "UPDATE jobs SET state = 'failed', error_kind = ?2, error_message = ?3, finished_at = ?4
                 WHERE id = ?1",
                params![id, f.kind.as_str(), f.message, now],
            )?;
            state_event(&tx, id, State::Failed, &f.message)?
        }
        Outcome::Cancelled(why) => {
            tx.execute(
                "UPDATE jobs SET state = 'cancelled', error_kind = ?4, error_message = ?2,
                        finished_at = ?3 WHERE id = ?1",
                params![id, why, now, FailureKind::Cancelled.as_str()],
            )?;
            state_event(&tx, id, State::Cancelled, why)?
        }
        Outcome::Retry {
            failure,
            run_after,
            wait,
        } => {
            tx.execute(
                "UPDATE jobs SET state = 'queued', error_kind = ?2, error_message = ?3, run_after = ?4
                 WHERE id = ?1",
                params![id, failure.kind.as_str(), failure.message, run_after],
            )?;
            let wait_ms = (run_after - now).max(0);
            let message = format!(
                "{}: {}; retrying at {} (in {} ms: {wait})",
                State::Queued.as_str(),
                failure.message,
                format_ms(*run_after),
                wait_ms
            );
            let data = serde_json::json!({
                "state": State::Queued.as_str(),
                "retry_in_ms": wait_ms,
                "wait": wait,
            });
            add_event(&tx, id, EventKind::State, &message, Some(&data))?
        }
        Outcome::Interrupted(why) => {
            tx.execute(
                "UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0) WHERE id = ?1",
                [id],
            )?;
            state_event(&tx, id, State::Queued, why)?
        }
    };
    tx.commit()?;
    Ok(event)
}

/// At start-up: jobs left `running` by a crash are queued again, or failed once they have
/// used all their attempts (a job that keeps crashing the daemon must not loop forever).
pub fn recover_interrupted(conn: &mut Connection) -> Result<Vec<EventRow>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stuck: Vec<(i64, u32, u32)> = {
        let mut stmt =
            tx.prepare("SELECT id, attempts, max_attempts FROM jobs WHERE state = 'running'")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    let now = now_ms();
    let mut events = Vec::with_capacity(stuck.len());
    for (id, attempts, max_attempts) in stuck {
        if attempts >= max_attempts {
            let message = "the daemon stopped during the last allowed attempt";
            tx.execute(
                "UPDATE jobs SET state = 'failed', error_kind = ?4, error_message = ?2,
                        finished_at = ?3 WHERE id = ?1",
                params![id, message, now, FailureKind::Interrupted.as_str()],
            )?;
            events.push(state_event(&tx, id, State::Failed, message)?);
        } else {
            tx.execute(
                "UPDATE jobs SET state = 'queued', run_after = 0 WHERE id = ?1",
                [id],
            )?;
            events.push(state_event(
                &tx,
                id,
                State::Queued,
                "re-queued after the daemon stopped while it ran",
            )?);
        }
    }
    tx.commit()?;
    Ok(events)
}

fn current_state(conn: &Connection, id: i64) -> Result<Option<State>, StoreError> {
    let state: Option<String> = conn
        .query_row("SELECT state FROM jobs WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    state
        .map(|s| State::parse(&s).ok_or(StoreError::Corrupt(format!("job {id} has state '{s}'"))))
        .transpose()
}

/// Moves a job from one of `from` to `to`, writing the event. Moving a finished job back to
/// `queued` (retry) also clears its attempts, result and last error.
pub fn transition(
    conn: &mut Connection,
    id: i64,
    from: &[State],
    to: State,
    why: &str,
) -> Result<Transition<EventRow>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(current) = current_state(&tx, id)? else {
        return Ok(Transition::NotFound);
    };
    if !from.contains(&current) {
        return Ok(Transition::WrongState(current));
    }
    let now = now_ms();
    match to {
        State::Queued if current.is_terminal() => tx.execute(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_after = 0, result = NULL,
                    error_kind = NULL, error_message = NULL, started_at = NULL, finished_at = NULL
             WHERE id = ?1",
            [id],
        )?,
        State::Cancelled => tx.execute(
            "UPDATE jobs SET state = 'cancelled', error_kind = ?4, error_message = ?2,
                    finished_at = ?3 WHERE id = ?1",
            params![id, why, now, FailureKind::Cancelled.as_str()],
        )?,
        _ => tx.execute(
            "UPDATE jobs SET state = ?2 WHERE id = ?1",
            params![id, to.as_str()],
        )?,
    };
    let event = state_event(&tx, id, to, why)?;
    tx.commit()?;
    Ok(Transition::Done(event))
}

/// Deletes a finished job and its events.
pub fn delete(conn: &mut Connection, id: i64) -> Result<Transition<()>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(state) = current_state(&tx, id)? else {
        return Ok(Transition::NotFound);
    };
    if !state.is_terminal() {
        return Ok(Transition::WrongState(state));
    }
    tx.execute("DELETE FROM jobs WHERE id = ?1", [id])?;
    tx.commit()?;
    Ok(Transition::Done(()))
}

/// A job's events after `after_seq`, oldest first, at most `limit`.
pub fn events_after(
    conn: &Connection,
    job_id: i64,
    after_seq: i64,
    limit: u32,
) -> Result<Vec<EventRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, job_id, at, kind, message, data FROM job_events
         WHERE job_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![job_id, after_seq, limit], event_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A request a provider refused during a job's current run (`jobs::writer`).
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedRequest {
    pub provider: String,
    /// The request's cache key: what would be sent, hashed.
    pub request: String,
    pub reason: String,
}

/// The requests providers refused since the job last ended (failed or cancelled, after which
/// only a person's `jobs retry` runs it again, presumably once the cause is fixed): the
/// `fallback` events that name a refused request.
pub fn refused_requests(conn: &Connection, job_id: i64) -> Result<Vec<RefusedRequest>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(data, '$.from'), json_extract(data, '$.request'),
                json_extract(data, '$.reason')
           FROM job_events
          WHERE job_id = ?1 AND kind = 'fallback'
            AND json_extract(data, '$.retryable') = 0
            AND json_extract(data, '$.request') IS NOT NULL
            AND seq > coalesce((SELECT max(seq) FROM job_events
                                 WHERE job_id = ?1 AND kind = 'state'
                                   AND json_extract(data, '$.state') IN ('failed', 'cancelled')), 0)",
    )?;
    let rows = stmt.query_map([job_id], |r| {
        Ok(RefusedRequest {
            provider: r.get(0)?,
            request: r.get(1)?,
            reason: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Active jobs by kind and state, for `status` and `queue.status`: answered from the
/// `jobs_state_kind` index alone, so it is cheap enough for `Store::read_blocking`.
pub(crate) const COUNTS_SQL: &str = "SELECT kind, state, count(*) FROM jobs
     WHERE state IN ('queued', 'running', 'paused') GROUP BY state, kind";

pub fn counts(conn: &Connection) -> Result<Vec<(Kind, State, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(COUNTS_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (k, s, n) = row?;
        if let (Some(k), Some(s)) = (Kind::parse(&k), State::parse(&s)) {
            out.push((k, s, n as u64));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(owner: &str, priority: i32, spec: Value) -> NewJob {
        NewJob {
            kind: Kind::parse(spec["kind"].as_str().unwrap()).unwrap(),
            spec: spec.to_string(),
            priority,
            timeout_ms: 1000,
            max_attempts: 1,
            idempotency_key: None,
            correlation_id: "t".into(),
            parent_id: None,
            owner: Some(owner.into()),
            resolved: None,
        }
    }

    fn ingest(owner: &str, priority: i32) -> NewJob {
        job(
            owner,
            priority,
            serde_json::json!({"kind": "ingest", "params": {"sources": ["/x"]}}),
        )
    }

    fn store() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrations::migrate_to(&mut conn, crate::store::migrations::SCHEMA_VERSION)
            .unwrap();
        conn
    }

    #[test]
    fn a_job_keeps_what_its_spec_resolved_to() {
        let mut conn = store();
        let with = NewJob {
            resolved: Some(r#"{"template":"blog"}"#.into()),
            ..ingest("a", 0)
        };
        let ids: Vec<i64> = insert(&mut conn, &[with, ingest("a", 0)])
            .unwrap()
            .0
            .iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(
            resolved(&conn, ids[0]).unwrap().as_deref(),
            Some(r#"{"template":"blog"}"#)
        );
        assert_eq!(resolved(&conn, ids[1]).unwrap(), None);
        assert_eq!(resolved(&conn, 999).unwrap(), None);
    }

    #[test]
    fn owners_take_turns_whatever_their_queue_and_priority() {
        let mut conn = store();
        let deep: Vec<NewJob> = (0..50).map(|_| ingest("a", 1000)).collect();
        insert(&mut conn, &deep).unwrap();
        insert(&mut conn, &[ingest("b", 0), ingest("b", 5)]).unwrap();
        let kinds = [Kind::Ingest];
        let mut turns = std::collections::HashMap::new();
        let mut claims = 0;
        let mut owner = |c: &mut Connection| {
            let job = claim_next(c, &kinds, &turns, Ok).unwrap().unwrap().0;
            claims += 1;
            turns.insert(job.owner.clone().unwrap(), claims);
            job
        };
        let first = owner(&mut conn);
        assert_eq!(
            first.owner.as_deref(),
            Some("a"),
            "a's high priority, oldest"
        );
        let second = owner(&mut conn);
        assert_eq!(
            (second.owner.as_deref(), second.priority),
            (Some("b"), 5),
            "b runs nothing yet: its turn, its own priority first"
        );
        let third = owner(&mut conn);
        assert_eq!(third.owner.as_deref(), Some("a"));
        let fourth = owner(&mut conn);
        assert_eq!(fourth.owner.as_deref(), Some("b"));
        // One at a time (all finished), turns alone alternate the owners.
        conn.execute(
            "UPDATE jobs SET state = 'succeeded' WHERE state = 'running'",
            [],
        )
        .unwrap();
        insert(&mut conn, &[ingest("b", 0)]).unwrap();
        let mut next = |c: &mut Connection| {
            let job = owner(c);
            c.execute(
                "UPDATE jobs SET state = 'succeeded' WHERE id = ?1",
                [job.id],
            )
            .unwrap();
            job.owner.unwrap()
        };
        let order: Vec<String> = (0..3).map(|_| next(&mut conn)).collect();
        assert_eq!(order, ["a", "b", "a"]);
    }

    #[test]
    fn a_claim_reads_the_heads_of_the_queues_from_the_index() {
        let conn = store();
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {CLAIM_SQL}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(params![0, "[\"ingest\"]", "{}"], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(
            plan.contains("SEARCH q USING INDEX jobs_turns (state=? AND owner=?)"),
            "{plan}"
        );
        assert!(!plan.contains("SCAN q"), "{plan}");
    }

    #[test]
    fn a_claim_whose_row_cannot_be_read_leaves_the_job_queued() {
        let mut conn = store();
        insert(&mut conn, &[ingest("a", 0)]).unwrap();
        let turns = std::collections::HashMap::new();
        let refused = claim_next(&mut conn, &[Kind::Ingest], &turns, |_| {
            Err::<JobRow, _>(corrupt_column("spec", "unreadable"))
        });
        assert!(refused.is_err());
        let state: String = conn
            .query_row("SELECT state FROM jobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(state, "queued");
        let events: i64 = conn
            .query_row("SELECT count(*) FROM job_events", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            events, 1,
            "only the submit's event: the claim's rolled back"
        );
    }

    #[test]
    fn waiting_jobs_count_a_batchs_items() {
        let mut conn = store();
        let batch = job(
            "a",
            0,
            serde_json::json!({"kind": "batch", "params": {"items": [{"topic": "x"}, {"topic": "y"}]}}),
        );
        insert(&mut conn, &[ingest("a", 0), batch, ingest("b", 0)]).unwrap();
        assert_eq!(waiting_of(&conn, "a").unwrap(), 3);
        assert_eq!(waiting_of(&conn, "b").unwrap(), 1);
        assert_eq!(waiting_of(&conn, "c").unwrap(), 0);
    }
}
