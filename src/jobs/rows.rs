//! The store's job rows and the wire's job types, converted both ways. The store keeps rows
//! of its own (`store::jobs`) so that it knows nothing of the wire: the protocol may change
//! its types without touching the tables, and the store's code never names them. The enums
//! hold the same strings on both sides, so a conversion is a match, never a lookup that fails.

use crate::protocol::jobs::{
    ChildCounts, JobEvent, JobEventKind, JobFailure, JobFailureKind, JobKind, JobState, JobView,
    SubmittedJob,
};
use crate::store::StoreError;
use crate::store::jobs::{
    self as rows, EventKind, EventRow, Failure, FailureKind, JobRow, Kind, State, Submitted,
};

/// Both ways between a wire enum and the store's, variant for variant.
macro_rules! same_variants {
    ($wire:ident, $store:ident { $($variant:ident),+ $(,)? }) => {
        impl From<$store> for $wire {
            fn from(v: $store) -> $wire {
                match v {
                    $($store::$variant => $wire::$variant),+
                }
            }
        }

        impl From<$wire> for $store {
            fn from(v: $wire) -> $store {
                match v {
                    $($wire::$variant => $store::$variant),+
                }
            }
        }
    };
}

same_variants!(
    JobKind,
    Kind {
        Ingest,
        Generate,
        Batch
    }
);
same_variants!(
    JobState,
    State {
        Queued,
        Running,
        Paused,
        Succeeded,
        Failed,
        Cancelled
    }
);
same_variants!(
    JobEventKind,
    EventKind {
        State,
        Progress,
        Log,
        Warning,
        Provider,
        Wait,
        Fallback,
        Token,
        Unrecorded,
    }
);
same_variants!(
    JobFailureKind,
    FailureKind {
        Unavailable,
        Store,
        Fetch,
        Storage,
        ProviderRefused,
        InvalidSpec,
        InvalidInput,
        NoInput,
        NotEnoughMaterial,
        QualityFailed,
        BudgetExceeded,
        Output,
        Timeout,
        Cancelled,
        Interrupted,
        Conflict,
        Internal,
    }
);

impl From<Failure> for JobFailure {
    fn from(f: Failure) -> JobFailure {
        JobFailure {
            kind: f.kind.into(),
            message: f.message,
        }
    }
}

impl From<JobFailure> for Failure {
    fn from(f: JobFailure) -> Failure {
        Failure {
            kind: f.kind.into(),
            message: f.message,
        }
    }
}

impl From<EventRow> for JobEvent {
    fn from(e: EventRow) -> JobEvent {
        JobEvent {
            seq: e.seq,
            job_id: e.job_id,
            at: e.at,
            kind: e.kind.into(),
            message: e.message,
            data: e.data,
        }
    }
}

impl From<Submitted> for SubmittedJob {
    fn from(s: Submitted) -> SubmittedJob {
        SubmittedJob {
            id: s.id,
            state: s.state.into(),
            existing: s.existing,
        }
    }
}

impl From<rows::ChildCounts> for ChildCounts {
    fn from(c: rows::ChildCounts) -> ChildCounts {
        ChildCounts {
            total: c.total,
            queued: c.queued,
            running: c.running,
            paused: c.paused,
            succeeded: c.succeeded,
            failed: c.failed,
            cancelled: c.cancelled,
        }
    }
}

/// Fails on a stored spec that no longer parses, with the error reading the row did before the
/// store kept specs as text; a result that does not read is left out, as it was.
impl TryFrom<JobRow> for JobView {
    type Error = StoreError;

    fn try_from(r: JobRow) -> Result<JobView, StoreError> {
        let spec = serde_json::from_str(&r.spec)
            .map_err(|e| rows::corrupt_column("spec", &e.to_string()))?;
        Ok(JobView {
            id: r.id,
            kind: r.kind.into(),
            state: r.state.into(),
            priority: r.priority,
            attempts: r.attempts,
            max_attempts: r.max_attempts,
            timeout_ms: r.timeout_ms,
            idempotency_key: r.idempotency_key,
            parent_id: r.parent_id,
            correlation_id: r.correlation_id,
            spec,
            result: r.result.and_then(|s| serde_json::from_str(&s).ok()),
            error: r.error.map(JobFailure::from),
            created_at: r.created_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
            run_after: r.run_after,
            retry_in_ms: r.retry_in_ms,
            owner: r.owner,
            children: r.children.map(ChildCounts::from),
        })
    }
}
