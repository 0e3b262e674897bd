//! The batch job: submits one generate job per item as its children and finishes. It holds
//! no worker slot while the children run (a batch waiting on children that need its slot
//! would deadlock a queue of concurrency one); `jobs.get` on the parent counts the children by
//! state, and `cgen batch` waits for them.

use serde_json::json;

use super::scheduler::{JobContext, JobError};
use crate::protocol::jobs::{
    BatchOutcome, BatchSpec, JobEventKind, JobFailureKind, JobSpec, SubmitJob,
};

pub async fn run(ctx: &JobContext, spec: BatchSpec) -> Result<BatchOutcome, JobError> {
    let parent = ctx.job.id;
    let children: Vec<SubmitJob> = spec
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| SubmitJob {
            spec: JobSpec::Generate(Box::new(item)),
            priority: ctx.job.priority,
            timeout_ms: None,
            // A batch resumed after a crash finds the children it already made.
            idempotency_key: Some(format!("batch:{parent}:{i}")),
            max_attempts: None,
        })
        .collect();
    let count = children.len();
    let submitted = ctx
        .jobs
        .submit_children(
            children,
            &ctx.job.correlation_id,
            Some(parent),
            ctx.job.owner.clone(),
        )
        .await
        .map_err(|e| JobError::transient(JobFailureKind::Store, e.message))?;
    let ids: Vec<i64> = submitted.jobs.iter().map(|j| j.id).collect();
    ctx.event(
        JobEventKind::Log,
        format!("submitted {count} generate jobs"),
        Some(json!({ "children": ids })),
    )
    .await;
    Ok(BatchOutcome { children: ids })
}
