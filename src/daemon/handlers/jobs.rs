//! `jobs.*` and `queue.*`: submitting, inspecting, steering and following jobs.

use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

use super::Call;
use crate::generate::resolve::{ResolvedSpec, Unresolved};
use crate::jobs::{Resolved, Runtime};
use crate::protocol::generate::GenerateSpec;
use crate::protocol::jobs::JobSpec;
use crate::protocol::jobs::{
    JobEvent, JobEventKind, JobId, JobOutput, JobRemoved, JobState, JobView, ListParams,
    ListResult, MAX_OUTPUT_BYTES, QueueStatus, SubmitJob, SubmitParams, SubmitResult, WaitParams,
    field_error, prefix_path,
};
use crate::protocol::system::NoParams;
use crate::protocol::{ErrorKind, RpcError};

/// Events read back from the store per round when a watcher catches up.
const BACKLOG_PAGE: u32 = 500;
const DEFAULT_LIST_LIMIT: u32 = 50;

pub async fn submit(call: Call, p: SubmitParams) -> Result<SubmitResult, RpcError> {
    check_ingest_specs(&p.jobs)?;
    let generate: Vec<(usize, GenerateSpec)> = p
        .jobs
        .iter()
        .enumerate()
        .flat_map(|(i, j)| match &j.spec {
            JobSpec::Generate(g) => vec![(i, (**g).clone())],
            JobSpec::Batch(b) => b.items.iter().map(|g| (i, g.clone())).collect(),
            JobSpec::Ingest(_) => Vec::new(),
        })
        .collect();
    // A collection an article would draw on must exist to the caller (not found otherwise,
    // with the closest name), unless this same submit ingests into it.
    let ingested: Vec<&str> = p
        .jobs
        .iter()
        .filter_map(|j| match &j.spec {
            JobSpec::Ingest(i) => Some(i.collection.as_str()),
            _ => None,
        })
        .collect();
    let mut named: Vec<String> = generate
        .iter()
        .flat_map(|(_, g)| g.collections.iter())
        .filter(|c| !ingested.contains(&c.as_str()))
        .cloned()
        .collect();
    named.sort();
    named.dedup();
    super::kb::check_collections(&call, named).await?;
    let mut resolved = Vec::new();
    if !generate.is_empty() {
        let rt = call.daemon.runtime.clone();
        let admin = call.principal.role == crate::auth::Role::Admin;
        resolved = tokio::task::spawn_blocking(move || {
            check_out_dirs(&rt, admin, &generate)?;
            check_generate(&rt, &generate)
        })
        .await
        .map_err(|e| RpcError::internal(e.to_string()))??;
    }
    let ingests: Vec<(usize, Vec<String>)> = p
        .jobs
        .iter()
        .enumerate()
        .filter_map(|(i, j)| match &j.spec {
            JobSpec::Ingest(spec) => Some((i, spec.sources.clone())),
            _ => None,
        })
        .collect();
    if !ingests.is_empty() {
        let rt = call.daemon.runtime.clone();
        let admin = call.principal.role == crate::auth::Role::Admin;
        tokio::task::spawn_blocking(move || check_ingest(&rt, admin, &ingests))
            .await
            .map_err(|e| RpcError::internal(e.to_string()))??;
    }
    claim_collections(&call, &p.jobs).await?;
    // The operator's own keys are not capped: they can also cancel anyone's jobs.
    let max_waiting = (call.principal.role != crate::auth::Role::Admin)
        .then(|| call.daemon.config().jobs.max_queued_per_key);
    call.daemon
        .jobs
        .submit(
            with_resolved(p.jobs, resolved),
            &call.request_id,
            call.principal.owner(),
            max_waiting,
        )
        .await
}

/// Refuses an ingest spec the knowledge base cannot follow (`kb::check_spec`), as invalid
/// params at the spec's field, like the spec's own bounds (`Validate`).
fn check_ingest_specs(jobs: &[SubmitJob]) -> Result<(), RpcError> {
    for (i, job) in jobs.iter().enumerate() {
        if let JobSpec::Ingest(spec) = &job.spec {
            crate::kb::check_spec(spec).map_err(|(field, why)| {
                prefix_path(field_error(field, &why), &format!("jobs[{i}].spec.params"))
            })?;
        }
    }
    Ok(())
}

/// An ingest into another key's collection is refused before anything is queued; a new
/// collection becomes the caller's key's (`store::collections::claim`).
async fn claim_collections(call: &Call, jobs: &[SubmitJob]) -> Result<(), RpcError> {
    let names: Vec<String> = jobs
        .iter()
        .filter_map(|j| match &j.spec {
            JobSpec::Ingest(i) => Some(i.collection.clone()),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let key = call.principal.owner().to_string();
    call.daemon
        .store
        .write(move |c| {
            names
                .iter()
                .try_for_each(|name| crate::store::collections::claim(c, name, Some(&key)))
        })
        .await
        .map_err(RpcError::from)
}

/// The job, when this caller may see it: to a user, another key's job does not exist.
pub(super) async fn visible_job(call: &Call, id: i64) -> Result<JobView, RpcError> {
    let job = call.daemon.jobs.get(id).await?;
    if call.principal.may_touch(job.owner.as_deref()) {
        Ok(job)
    } else {
        Err(crate::jobs::job_not_found(id))
    }
}

/// Refuses at submit time a local path the caller may not ingest (`kb::local_access`; the job
/// checks every file again when it reads it) and a URL that carries credentials (which would
/// otherwise be stored with the job).
fn check_ingest(rt: &Runtime, admin: bool, specs: &[(usize, Vec<String>)]) -> Result<(), RpcError> {
    let config = rt.config();
    let access = crate::kb::local_access::LocalAccess::new(&rt.paths, &config.kb, admin);
    for (i, sources) in specs {
        for (j, source) in sources.iter().enumerate() {
            let path = format!("jobs[{i}].spec.params.sources[{j}]");
            if crate::kb::sources::is_url(source) {
                if let Err(why) = crate::kb::sources::validate_url(source)
                    && why == crate::kb::sources::CREDENTIALS_REFUSED
                {
                    return Err(RpcError::invalid_params(why).with("path", path));
                }
            } else if let Err(why) = access.check_input(source) {
                return Err(RpcError::new(ErrorKind::Forbidden, why).with("path", path));
            }
        }
    }
    Ok(())
}

/// Refuses at submit time an output folder the caller may not have the daemon write to
/// (`generate::output_roots`; the write stage checks again just before it writes).
fn check_out_dirs(
    rt: &Runtime,
    admin: bool,
    specs: &[(usize, GenerateSpec)],
) -> Result<(), RpcError> {
    let roots = rt.output_roots(admin);
    // An article kept for standard output is written nowhere: no folder to check.
    for (i, spec) in specs.iter().filter(|(_, s)| !s.stdout) {
        roots
            .check(std::path::Path::new(&spec.out_dir))
            .map_err(|why| {
                RpcError::new(ErrorKind::Forbidden, why)
                    .with("path", format!("jobs[{i}].spec.params.out_dir"))
            })?;
    }
    Ok(())
}

/// Resolves each generate spec (`generate::resolve`), in order, refusing at submit time what
/// would fail the job at once: an unknown workflow, template or provider (not found, with the
/// closest name), or a tone profile that does not parse.
fn check_generate(
    rt: &Runtime,
    specs: &[(usize, GenerateSpec)],
) -> Result<Vec<ResolvedSpec>, RpcError> {
    let library =
        crate::jobs::generate::library(rt).map_err(|e| RpcError::invalid_params(e.to_string()))?;
    let mut resolved = Vec::with_capacity(specs.len());
    for (i, spec) in specs {
        let outcome = library.resolve(spec);
        // The providers are judged once the workflow and tone are, before the template.
        let workflow = match &outcome {
            Ok(r) => Some(&r.workflow),
            Err(e) if e.field() == Some("template") => library.workflow(spec).ok(),
            Err(_) => None,
        };
        if let Some(workflow) = workflow {
            check_providers(rt, spec, workflow)
                .map_err(|(field, e)| e.with("path", format!("jobs[{i}].spec.params.{field}")))?;
        }
        resolved.push(outcome.map_err(|e| unresolved(*i, e))?);
    }
    Ok(resolved)
}

/// A spec that does not resolve as the error of the `i`th job's field at fault: not found for
/// a name that means nothing, invalid params otherwise.
fn unresolved(i: usize, e: Unresolved) -> RpcError {
    let error = if e.is_not_found() {
        RpcError::not_found(e.to_string())
    } else {
        RpcError::invalid_params(e.to_string())
    };
    match e.field() {
        Some(field) => error.with("path", format!("jobs[{i}].spec.params.{field}")),
        None => error,
    }
}

/// Pairs each job with what its spec resolved to: `resolved` holds one value per generate spec,
/// a batch's items in order, as `check_generate` answers them.
fn with_resolved(
    jobs: Vec<SubmitJob>,
    resolved: Vec<ResolvedSpec>,
) -> Vec<(SubmitJob, Option<Resolved>)> {
    let mut resolved = resolved.into_iter();
    jobs.into_iter()
        .map(|job| {
            let own = match &job.spec {
                JobSpec::Generate(_) => resolved.next().map(|r| Resolved::Generate(Box::new(r))),
                JobSpec::Batch(b) => Some(Resolved::Batch(
                    resolved.by_ref().take(b.items.len()).collect(),
                )),
                JobSpec::Ingest(_) => None,
            };
            (job, own)
        })
        .collect()
}

/// The providers a generation would write with must be configured, and a model alias must
/// mean something to each of them. The error comes with the field it is about.
fn check_providers(
    rt: &Runtime,
    spec: &GenerateSpec,
    workflow: &crate::generate::workflow::Workflow,
) -> Result<(), (&'static str, RpcError)> {
    for name in crate::jobs::writer::chain(spec, workflow) {
        let entry = rt
            .providers()
            .lookup(name)
            .map_err(|message| ("provider", RpcError::not_found(message)))?;
        if let Err(e) = entry.provider.settings.resolve_model(spec.model.as_deref()) {
            let message = format!("provider '{name}': {e}");
            return Err(("model", RpcError::invalid_params(message)));
        }
    }
    Ok(())
}

pub async fn list(call: Call, p: ListParams) -> Result<ListResult, RpcError> {
    let limit = p.limit.unwrap_or(DEFAULT_LIST_LIMIT);
    // `mine` narrows even an admin's view to its own key's jobs.
    let owner = if p.mine {
        Some(call.principal.owner())
    } else {
        call.principal.reader()
    }
    .map(str::to_string);
    let jobs = call
        .daemon
        .store
        .read(move |c| {
            let filter = crate::store::jobs::ListFilter {
                state: p.state.map(Into::into),
                kind: p.kind.map(Into::into),
                owner: owner.as_deref(),
                top_level: p.mine,
            };
            crate::store::jobs::list(c, &filter, limit)?
                .into_iter()
                .map(JobView::try_from)
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(ListResult { jobs })
}

pub async fn get(call: Call, p: JobId) -> Result<JobView, RpcError> {
    visible_job(&call, p.id).await
}

/// The article a finished generation kept for standard output. It comes from the job's own
/// checkpoint, never from a file, so this reads nothing the job did not write itself.
pub async fn output(call: Call, p: JobId) -> Result<JobOutput, RpcError> {
    let job = visible_job(&call, p.id).await?;
    let format = match &job.spec {
        JobSpec::Generate(g) if g.stdout => g.format.clone(),
        _ => {
            return Err(RpcError::invalid_params(format!(
                "job {} kept no article for standard output (only `generate --out -` does)",
                p.id
            ))
            .with("job_id", p.id));
        }
    };
    if job.state != JobState::Succeeded {
        return Err(RpcError::conflict(format!(
            "job {} has no article: it is {}",
            p.id,
            job.state.as_str()
        ))
        .with("job_id", p.id));
    }
    let id = p.id;
    let checkpoint = call
        .daemon
        .store
        .read(move |c| crate::store::generation::load_checkpoint(c, id))
        .await?;
    let text = checkpoint
        .as_deref()
        .and_then(crate::jobs::generate::document_of)
        .ok_or_else(|| RpcError::not_found(format!("job {id} kept no article")))?;
    if text.len() > MAX_OUTPUT_BYTES {
        return Err(RpcError::new(
            ErrorKind::PayloadTooLarge,
            format!("the article of job {id} is larger than 16 MiB"),
        ));
    }
    Ok(JobOutput { id, format, text })
}

pub async fn cancel(call: Call, p: JobId) -> Result<JobView, RpcError> {
    visible_job(&call, p.id).await?;
    call.daemon.jobs.cancel(p.id).await
}

pub async fn pause(call: Call, p: JobId) -> Result<JobView, RpcError> {
    visible_job(&call, p.id).await?;
    call.daemon.jobs.pause(p.id).await
}

pub async fn resume(call: Call, p: JobId) -> Result<JobView, RpcError> {
    visible_job(&call, p.id).await?;
    call.daemon.jobs.resume(p.id).await
}

pub async fn retry(call: Call, p: JobId) -> Result<JobView, RpcError> {
    visible_job(&call, p.id).await?;
    call.daemon.jobs.retry(p.id).await
}

pub async fn remove(call: Call, p: JobId) -> Result<JobRemoved, RpcError> {
    visible_job(&call, p.id).await?;
    call.daemon.jobs.remove(p.id).await?;
    Ok(JobRemoved { removed: p.id })
}

pub async fn queue_status(call: Call, _: NoParams) -> Result<QueueStatus, RpcError> {
    call.daemon.jobs.queue_status().await
}

pub async fn queue_pause(call: Call, _: NoParams) -> Result<QueueStatus, RpcError> {
    call.daemon.jobs.set_queue_paused(true).await
}

pub async fn queue_resume(call: Call, _: NoParams) -> Result<QueueStatus, RpcError> {
    call.daemon.jobs.set_queue_paused(false).await
}

/// Answers when the job has finished, with the job; sends no events.
pub async fn wait(call: Call, p: WaitParams) -> Result<JobView, RpcError> {
    follow(&call, p, false).await
}

/// Streams the job's events (its whole log, then live ones) and answers when it has finished.
pub async fn watch(call: Call, p: WaitParams) -> Result<JobView, RpcError> {
    follow(&call, p, true).await
}

/// Follows a job to its end. Subscribes to the live bus *before* reading the stored log, so no
/// event falls between the two; sequence numbers drop the duplicates.
async fn follow(call: &Call, p: WaitParams, stream: bool) -> Result<JobView, RpcError> {
    visible_job(call, p.id).await?;
    let jobs = &call.daemon.jobs;
    let mut live = jobs.subscribe();
    let mut last_seq = 0;
    catch_up(call, p.id, &mut last_seq, stream).await?;
    let job = jobs.get(p.id).await?;
    if job.state.is_terminal() {
        return Ok(job);
    }
    let deadline = p
        .timeout_ms
        .map(|ms| tokio::time::Instant::now() + Duration::from_millis(ms));
    let expired = async {
        match deadline {
            Some(d) => tokio::time::sleep_until(d).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(expired);
    loop {
        tokio::select! {
            received = live.recv() => match received {
                // Live-only events (model tokens, sequence 0) go to watchers and are never
                // read back; a watcher that lagged simply misses some.
                Ok(event) if event.job_id == p.id && event.seq == 0 => {
                    if stream && !send(call, &event).await {
                        return Err(RpcError::new(ErrorKind::Cancelled, "the client went away"));
                    }
                    if event.kind == JobEventKind::Unrecorded {
                        return Ok(as_ended(jobs.get(p.id).await?, &event));
                    }
                }
                Ok(event) if event.job_id == p.id => {
                    if event.seq > last_seq {
                        last_seq = event.seq;
                        if stream && !send(call, &event).await {
                            return Err(RpcError::new(ErrorKind::Cancelled, "the client went away"));
                        }
                    }
                    // The end counts even when its sequence number looks old: a wait must
                    // never outlive its job because of how events were numbered.
                    if is_terminal_event(&event) {
                        return jobs.get(p.id).await;
                    }
                }
                Ok(_) => {}
                // A slow watcher missed live events: read them back from the store.
                Err(RecvError::Lagged(_)) => {
                    catch_up(call, p.id, &mut last_seq, stream).await?;
                    let job = jobs.get(p.id).await?;
                    if job.state.is_terminal() {
                        return Ok(job);
                    }
                }
                Err(RecvError::Closed) => return Err(shutting_down()),
            },
            _ = &mut expired => {
                return Err(RpcError::new(ErrorKind::Timeout, format!("job {} has not finished yet", p.id))
                    .with("job_id", p.id));
            }
            _ = call.daemon.shutdown.cancelled() => return Err(shutting_down()),
        }
    }
}

/// The job as it ended, from the event that says so when the store could not take its
/// outcome (the store still says `running`, and the next start runs it again).
fn as_ended(mut job: JobView, event: &crate::protocol::jobs::JobEvent) -> JobView {
    let data = event.data.clone().unwrap_or_default();
    if let Ok(state) = serde_json::from_value(data["state"].clone()) {
        job.state = state;
    }
    job.error =
        serde_json::from_value::<Option<crate::protocol::jobs::JobFailure>>(data["error"].clone())
            .ok()
            .flatten()
            .map(|mut e| {
                e.message = format!("{} ({})", e.message, event.message);
                e
            });
    job
}

fn shutting_down() -> RpcError {
    RpcError::new(
        ErrorKind::Unavailable,
        "the daemon is shutting down; the job will continue after restart",
    )
}

fn is_terminal_event(e: &JobEvent) -> bool {
    e.kind == JobEventKind::State
        && e.data
            .as_ref()
            .and_then(|d| d.get("state"))
            .and_then(|s| s.as_str())
            .and_then(JobState::parse)
            .is_some_and(JobState::is_terminal)
}

/// Sends (or skips, when not streaming) the stored events after `last_seq`.
async fn catch_up(call: &Call, id: i64, last_seq: &mut i64, stream: bool) -> Result<(), RpcError> {
    loop {
        let after = *last_seq;
        let page = call
            .daemon
            .store
            .read(move |c| crate::store::jobs::events_after(c, id, after, BACKLOG_PAGE))
            .await?;
        let last_page = page.len() < BACKLOG_PAGE as usize;
        for event in page.into_iter().map(JobEvent::from) {
            *last_seq = event.seq;
            if stream && !send(call, &event).await {
                return Err(RpcError::new(ErrorKind::Cancelled, "the client went away"));
            }
        }
        if last_page {
            return Ok(());
        }
    }
}

async fn send(call: &Call, event: &JobEvent) -> bool {
    match serde_json::to_value(event) {
        Ok(v) => call.events.send(v).await,
        Err(_) => false,
    }
}
