//! Runs queued jobs: claims the next due job (owners in turn, then priority, see
//! `store::jobs::claim_next`) while a worker slot (global and per kind) is free, runs it with its deadline and cancellation token, and records the outcome.
//! At shutdown it stops claiming, gives running jobs a grace period, then cancels them and
//! queues them again so nothing accepted is lost.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::Jobs;
use super::retry::retry_delay;
use crate::generate::state::RetryHint;
use crate::protocol::jobs::{
    JobEventKind, JobFailure, JobFailureKind, JobKind, JobOutcome, JobSpec, JobState, JobView,
};
use crate::store::jobs::Outcome;
use crate::timestamp::now_ms;

/// Longest sleep between looks at the queue when nothing wakes the scheduler.
const IDLE_POLL: Duration = Duration::from_secs(30);

/// Why an attempt did not succeed.
#[derive(Debug, Clone)]
pub struct JobError {
    pub kind: JobFailureKind,
    pub message: String,
    /// A transient failure may succeed on retry.
    pub transient: bool,
    /// When a retry could succeed at the earliest (for unavailable providers), if known.
    pub retry: Option<RetryHint>,
}

impl JobError {
    pub fn permanent(kind: JobFailureKind, message: impl Into<String>) -> Self {
        JobError {
            kind,
            message: message.into(),
            transient: false,
            retry: None,
        }
    }

    pub fn transient(kind: JobFailureKind, message: impl Into<String>) -> Self {
        JobError {
            kind,
            message: message.into(),
            transient: true,
            retry: None,
        }
    }

    /// The same failure, not to be retried before `hint` says.
    pub fn not_before(mut self, hint: Option<RetryHint>) -> Self {
        self.retry = hint;
        self
    }

    pub fn cancelled() -> Self {
        JobError::permanent(JobFailureKind::Cancelled, "cancelled")
    }

    /// A failed store call: `storage` (permanent, until someone frees space or fixes the
    /// file's permissions) when the database cannot be written, `store` (transient) otherwise.
    pub fn store(e: crate::store::StoreError) -> Self {
        if e.is_storage_failure() {
            JobError::permanent(
                JobFailureKind::Storage,
                crate::store::storage_failure_message(&e),
            )
        } else {
            JobError::transient(JobFailureKind::Store, e.to_string())
        }
    }
}

/// What a running job can see: itself, its token, and the queue (for events).
#[derive(Clone)]
pub struct JobContext {
    pub job: JobView,
    pub cancel: CancellationToken,
    pub jobs: Arc<Jobs>,
    pub runtime: Arc<super::Runtime>,
}

impl JobContext {
    /// Records a progress or log event for this job.
    pub async fn event(&self, kind: JobEventKind, message: String, data: Option<Value>) {
        self.jobs.event(self.job.id, kind, message, data).await;
    }
}

/// The scheduler loop; returns once `shutdown` fired and every running job has finished or
/// been re-queued.
pub async fn run(jobs: Arc<Jobs>, runtime: Arc<super::Runtime>, shutdown: CancellationToken) {
    // Cancelled when the grace period is over: running jobs stop and go back to the queue.
    let hard_stop = CancellationToken::new();
    let mut tasks: JoinSet<JobKind> = JoinSet::new();
    let mut running: HashMap<JobKind, u32> = HashMap::new();
    let mut turns = Turns::default();
    loop {
        // Jobs that come due after this look are the ones the sleep must wake for; those due
        // before it that were not claimed wait for a free slot (a finished task wakes us).
        let looked = now_ms();
        if !jobs.is_paused() {
            fill_slots(
                &jobs,
                &runtime,
                &hard_stop,
                &mut tasks,
                &mut running,
                &mut turns,
            )
            .await;
        }
        let sleep_for = next_wake(&jobs, looked).await;
        tokio::select! {
            _ = jobs.wake.notified() => {}
            Some(done) = tasks.join_next() => release(&mut running, done),
            _ = tokio::time::sleep(sleep_for) => {}
            _ = shutdown.cancelled() => break,
        }
    }
    let grace = jobs.config().daemon.shutdown_grace;
    drain(&mut tasks, &hard_stop, grace).await;
}

/// When each owner was last served, so owners take turns (`store::jobs::claim_next`).
#[derive(Default)]
struct Turns {
    claims: u64,
    /// The claim count at each owner's last claim, by key id ("" for jobs without an owner).
    last: HashMap<String, u64>,
}

impl Turns {
    fn served(&mut self, owner: Option<&str>) {
        self.claims += 1;
        self.last
            .insert(owner.unwrap_or_default().to_string(), self.claims);
    }
}

/// Claims jobs while slots are free.
async fn fill_slots(
    jobs: &Arc<Jobs>,
    runtime: &Arc<super::Runtime>,
    hard_stop: &CancellationToken,
    tasks: &mut JoinSet<JobKind>,
    running: &mut HashMap<JobKind, u32>,
    turns: &mut Turns,
) {
    while tasks.len() < jobs.config().jobs.concurrency as usize {
        let allowed: Vec<crate::store::jobs::Kind> = JobKind::ALL
            .into_iter()
            .filter(|k| running.get(k).copied().unwrap_or(0) < jobs.kind_limit(*k))
            .map(Into::into)
            .collect();
        let last = turns.last.clone();
        let claimed = jobs
            .store
            .write(move |c| crate::store::jobs::claim_next(c, &allowed, &last, JobView::try_from))
            .await;
        let (job, event) = match claimed {
            Ok(Some(claimed)) => claimed,
            Ok(None) => return,
            Err(e) => {
                tracing::error!(error = %e, "cannot claim a job");
                return;
            }
        };
        jobs.publish([event]);
        turns.served(job.owner.as_deref());
        *running.entry(job.kind).or_default() += 1;
        let token = hard_stop.child_token();
        jobs.track(job.id, token.clone());
        let ctx = JobContext {
            job,
            cancel: token,
            jobs: jobs.clone(),
            runtime: runtime.clone(),
        };
        let span = tracing::info_span!("job", job_id = ctx.job.id, kind = ctx.job.kind.as_str(),
            correlation_id = %ctx.job.correlation_id);
        let hard = hard_stop.clone();
        tasks.spawn(attempt(ctx, hard).instrument(span));
    }
}

fn release(running: &mut HashMap<JobKind, u32>, done: Result<JobKind, tokio::task::JoinError>) {
    match done {
        Ok(kind) => {
            if let Some(n) = running.get_mut(&kind) {
                *n = n.saturating_sub(1);
            }
        }
        // `attempt` catches panics of the job itself, so this is a bug in the scheduler.
        Err(e) => tracing::error!(error = %e, "job task ended abnormally"),
    }
}

/// How long to sleep: until the earliest backoff that ends after `looked` (when the slots
/// were last filled), at most `IDLE_POLL`. A backoff that ended while the slots were being
/// filled wakes at once rather than after `IDLE_POLL` on a busy machine.
async fn next_wake(jobs: &Jobs, looked: i64) -> Duration {
    match jobs
        .store
        .read(move |c| crate::store::jobs::next_due(c, looked))
        .await
    {
        Ok(Some(due)) => {
            Duration::from_millis((due - now_ms()).clamp(10, IDLE_POLL.as_millis() as i64) as u64)
        }
        _ => IDLE_POLL,
    }
}

/// Waits for running jobs up to `grace`, then cancels and re-queues what is left.
async fn drain(tasks: &mut JoinSet<JobKind>, hard_stop: &CancellationToken, grace: Duration) {
    if tasks.is_empty() {
        return;
    }
    tracing::info!(
        running = tasks.len(),
        grace_ms = grace.as_millis() as u64,
        "waiting for running jobs"
    );
    let waited =
        tokio::time::timeout(grace, async { while tasks.join_next().await.is_some() {} }).await;
    if waited.is_err() {
        tracing::warn!(
            running = tasks.len(),
            "grace period over; interrupting running jobs"
        );
        hard_stop.cancel();
        while tasks.join_next().await.is_some() {}
    }
}

/// One attempt of one job, from claim to recorded outcome.
async fn attempt(ctx: JobContext, hard_stop: CancellationToken) -> JobKind {
    let kind = ctx.job.kind;
    let id = ctx.job.id;
    let deadline = Duration::from_millis(ctx.job.timeout_ms);
    tracing::info!(attempt = ctx.job.attempts, "job started");
    let started = std::time::Instant::now();
    // A separate task, so a panic in the job fails the job instead of the scheduler.
    let work = tokio::spawn(execute(ctx.clone()).in_current_span());
    let result = match tokio::time::timeout(deadline, work).await {
        Ok(Ok(r)) => r,
        Ok(Err(join)) => Err(JobError::permanent(
            JobFailureKind::Internal,
            format!("the job crashed: {join}"),
        )),
        Err(_) => {
            ctx.cancel.cancel();
            Err(JobError::permanent(
                JobFailureKind::Timeout,
                format!(
                    "exceeded its deadline of {}",
                    humantime::format_duration(deadline)
                ),
            ))
        }
    };
    let outcome = decide(&ctx, result, hard_stop.is_cancelled());
    let label = match &outcome {
        Outcome::Succeeded(_) => "succeeded",
        Outcome::Failed(_) => "failed",
        Outcome::Cancelled(_) => "cancelled",
        Outcome::Retry { .. } => "retried",
        Outcome::Interrupted(_) => "interrupted",
    };
    metrics::counter!(crate::metrics::JOBS_FINISHED, "kind" => kind.as_str(), "outcome" => label)
        .increment(1);
    metrics::histogram!(crate::metrics::JOB_DURATION, "kind" => kind.as_str())
        .record(started.elapsed().as_secs_f64());
    match &outcome {
        Outcome::Succeeded(_) => tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "job succeeded"
        ),
        other => tracing::warn!(outcome = ?other, "job did not succeed"),
    }
    let ended = unrecorded(id, &outcome);
    match record(&ctx.jobs, id, outcome).await {
        Ok(event) => ctx.jobs.publish([event]),
        // The job stays `running` in the store and is recovered at the next start; whoever
        // waits for it learns the outcome now instead of waiting for ever.
        Err(e) => {
            tracing::error!(error = %e, "cannot record the job's outcome");
            if let Some(mut event) = ended {
                event.message = format!("{}; it could not be stored ({e})", event.message);
                ctx.jobs.publish([event]);
            }
        }
    }
    ctx.jobs.untrack(id);
    ctx.jobs.wake_scheduler();
    kind
}

/// The live-only event (sequence 0, never stored) that tells waiters how a job ended when its
/// outcome cannot be stored; `None` for an outcome that queues it again.
fn unrecorded(id: i64, outcome: &Outcome) -> Option<crate::protocol::jobs::JobEvent> {
    let (state, error) = match outcome {
        Outcome::Succeeded(_) => (JobState::Succeeded, None),
        Outcome::Failed(f) => (JobState::Failed, Some(JobFailure::from(f.clone()))),
        Outcome::Cancelled(why) => (
            JobState::Cancelled,
            Some(JobFailure {
                kind: JobFailureKind::Cancelled,
                message: why.clone(),
            }),
        ),
        Outcome::Retry { .. } | Outcome::Interrupted(_) => return None,
    };
    Some(crate::protocol::jobs::JobEvent {
        seq: 0,
        job_id: id,
        at: crate::timestamp::format_ms(crate::timestamp::now_ms()),
        kind: JobEventKind::Unrecorded,
        message: format!(
            "the job ended {}; the next start runs it again",
            state.as_str()
        ),
        data: Some(serde_json::json!({"state": state, "error": error})),
    })
}

/// Records an attempt's outcome. Right after a write failed for storage, SQLite can refuse the
/// next transaction too while it recovers; the outcome is small and worth a few tries, or the
/// job would stay `running` until the next start.
async fn record(
    jobs: &Jobs,
    id: i64,
    outcome: Outcome,
) -> Result<crate::protocol::jobs::JobEvent, crate::store::StoreError> {
    let mut pause = Duration::from_millis(50);
    loop {
        let o = outcome.clone();
        match jobs
            .store
            .write(move |c| crate::store::jobs::finish(c, id, &o))
            .await
            .map(crate::protocol::jobs::JobEvent::from)
        {
            Err(e) if e.is_storage_failure() && pause <= Duration::from_secs(1) => {
                if let Err(e) = jobs
                    .store
                    .write(|c| crate::store::maintenance::checkpoint(c))
                    .await
                {
                    tracing::warn!(error = %e, "cannot checkpoint the write-ahead log");
                }
                tokio::time::sleep(pause).await;
                pause *= 4;
            }
            result => return result,
        }
    }
}

/// Maps an attempt's result to what the store records.
fn decide(ctx: &JobContext, result: Result<JobOutcome, JobError>, shutting_down: bool) -> Outcome {
    let encoded = result.and_then(|outcome| {
        serde_json::to_value(outcome)
            .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))
    });
    let e = match encoded {
        Ok(v) => return Outcome::Succeeded(v),
        Err(e) => e,
    };
    if shutting_down && ctx.cancel.is_cancelled() {
        return Outcome::Interrupted("interrupted by daemon shutdown; will run again".into());
    }
    if e.kind == JobFailureKind::Cancelled
        || ctx.cancel.is_cancelled() && e.kind != JobFailureKind::Timeout
    {
        return Outcome::Cancelled("cancelled by request".into());
    }
    let failure = crate::store::jobs::Failure {
        kind: e.kind.into(),
        message: e.message,
    };
    let job = &ctx.job;
    if e.transient && job.attempts < job.max_attempts {
        let config = ctx.jobs.config();
        let (delay, wait) = retry_delay(job.attempts, &config.jobs, e.retry.as_ref());
        return Outcome::Retry {
            failure,
            run_after: now_ms() + delay.as_millis() as i64,
            wait,
        };
    }
    Outcome::Failed(failure)
}

/// Dispatches on the job's kind.
async fn execute(ctx: JobContext) -> Result<JobOutcome, JobError> {
    Ok(match ctx.job.spec.clone() {
        JobSpec::Ingest(spec) => JobOutcome::Ingest(super::ingest::run(&ctx, spec).await?),
        JobSpec::Generate(spec) => JobOutcome::Generate(super::generate::run(&ctx, *spec).await?),
        JobSpec::Batch(spec) => JobOutcome::Batch(super::batch::run(&ctx, spec).await?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_are_told_how_a_job_ended_only_when_it_ended() {
        let failed = Outcome::Failed(
            JobFailure {
                kind: JobFailureKind::Storage,
                message: "the database cannot be written".into(),
            }
            .into(),
        );
        let event = unrecorded(7, &failed).unwrap();
        assert_eq!(
            (event.seq, event.job_id, event.kind.as_str()),
            (0, 7, "unrecorded")
        );
        let data = event.data.unwrap();
        assert_eq!(data["state"], "failed");
        assert_eq!(data["error"]["kind"], "storage");
        let queued_again = Outcome::Interrupted("shutdown".into());
        assert!(unrecorded(7, &queued_again).is_none());
    }

    /// `attempt` turns a panicking job into a failed one by unwinding out of the job's task;
    /// the unwinder is linked statically (build.rs), so this also checks that link.
    #[tokio::test]
    async fn a_panic_in_a_job_task_unwinds_to_its_join_handle() {
        let task = tokio::spawn(async {
            let trace = std::backtrace::Backtrace::force_capture();
            assert_eq!(trace.status(), std::backtrace::BacktraceStatus::Captured);
            let walked = trace.to_string();
            assert!(walked.contains("a_panic_in_a_job_task"), "{walked}");
            panic!("the job went wrong");
        });
        let join = task.await.expect_err("the panic is reported");
        assert!(join.is_panic(), "{join}");
    }
}
