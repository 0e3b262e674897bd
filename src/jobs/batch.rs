//! The batch job: submits one generate job per item as its children and finishes. It holds
//! no worker slot while the children run (a batch waiting on children that need its slot
//! would deadlock a queue of concurrency one); `jobs.get` on the parent counts the children by
//! state, and `cgen batch` waits for them. Each child carries what its item resolved to when
//! the batch was submitted.

use serde_json::json;

use super::Resolved;
use super::scheduler::{JobContext, JobError};
use crate::generate::resolve::ResolvedSpec;
use crate::protocol::jobs::{
    BatchOutcome, BatchSpec, JobEventKind, JobFailureKind, JobSpec, SubmitJob,
};

pub async fn run(ctx: &JobContext, spec: BatchSpec) -> Result<BatchOutcome, JobError> {
    let parent = ctx.job.id;
    let resolved = items_resolved(ctx, spec.items.len()).await?;
    let children: Vec<(SubmitJob, Option<Resolved>)> = spec
        .items
        .into_iter()
        .zip(resolved)
        .enumerate()
        .map(|(i, (item, resolved))| {
            let child = SubmitJob {
                spec: JobSpec::Generate(Box::new(item)),
                priority: ctx.job.priority,
                timeout_ms: None,
                // A batch resumed after a crash finds the children it already made.
                idempotency_key: Some(format!("batch:{parent}:{i}")),
                max_attempts: None,
            };
            (child, resolved.map(|r| Resolved::Generate(Box::new(r))))
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

/// What each of the `count` items resolved to at submit, in order. A batch queued before
/// specs were resolved at submit (or whose stored list this version cannot read) has none:
/// its children resolve their own specs when they run.
async fn items_resolved(
    ctx: &JobContext,
    count: usize,
) -> Result<Vec<Option<ResolvedSpec>>, JobError> {
    let id = ctx.job.id;
    let stored = ctx
        .runtime
        .store
        .read(move |c| crate::store::jobs::resolved(c, id))
        .await
        .map_err(JobError::store)?;
    let items = stored
        .and_then(|text| serde_json::from_str::<Vec<ResolvedSpec>>(&text).ok())
        .filter(|items| items.len() == count);
    Ok(match items {
        Some(items) => items.into_iter().map(Some).collect(),
        None => vec![None; count],
    })
}
