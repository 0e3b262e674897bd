//! The durable job queue as a service: submitting, inspecting and steering jobs (`Jobs`), the
//! scheduler that runs them on bounded workers (`scheduler`), the retry policy (`retry`), and
//! the job kinds themselves (`ingest`). Jobs live in SQLite (`store::jobs`); this module adds
//! the live parts: cancellation tokens of running jobs and the event bus watchers listen on.

pub mod batch;
pub mod embed;
pub mod generate;
pub mod ingest;
pub mod retry;
mod rows;
pub mod scheduler;
mod store_errors;
pub mod writer;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, broadcast};
use tokio_util::sync::CancellationToken;

use crate::config::{Config, LiveConfig};
use crate::generate::resolve::ResolvedSpec;
use crate::protocol::jobs::{
    JobEvent, JobEventKind, JobKind, JobState, JobView, KindCounts, QueueStatus, SubmitJob,
    SubmitResult, SubmittedJob,
};
use crate::protocol::{ErrorKind, RpcError};
use crate::providers::registry::Providers;
use crate::store::jobs::{EventRow, NewJob, State, Transition};
use crate::store::{Store, StoreError, settings};

/// When a key with a full queue is told to try again: jobs take seconds to minutes, so this
/// is longer than the CLI's automatic retry waits.
const QUEUE_FULL_RETRY_MS: u64 = 10_000;

/// Events buffered per watcher before a slow one starts missing live events (it then reads
/// them back from the store, see `daemon::handlers::jobs`).
const EVENT_BUS_CAPACITY: usize = 4096;

/// What running jobs share: the store, the configuration in force and the paths they run
/// with, and the model providers. (URL ingests build a guarded client per job:
/// `kb::url_guard`.)
pub struct Runtime {
    pub store: Store,
    config: Arc<LiveConfig>,
    pub paths: crate::paths::Paths,
    /// Swapped whole by a reload; a job keeps the entries it took for as long as it uses them.
    providers: std::sync::RwLock<Arc<Providers>>,
}

impl Runtime {
    pub fn new(store: Store, config: Arc<LiveConfig>, paths: crate::paths::Paths) -> Runtime {
        let providers = Providers::build(&config.get().providers, &paths);
        Runtime {
            store,
            config,
            paths,
            providers: std::sync::RwLock::new(Arc::new(providers)),
        }
    }

    /// The providers in force.
    pub fn providers(&self) -> Arc<Providers> {
        self.providers
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Builds the providers of the configuration in force again, reading their secrets anew,
    /// and puts them in force; returns the names of those that changed (see
    /// `Providers::rebuild`). Blocking (the keyring); callers run one at a time (the daemon's
    /// reload lock), so no rebuild is lost to another.
    pub fn reload_providers(&self) -> Vec<String> {
        let (rebuilt, changed) = self
            .providers()
            .rebuild(&self.config().providers, &self.paths);
        *self.providers.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(rebuilt);
        changed
    }

    /// A snapshot of the configuration in force; a job takes one per step.
    pub fn config(&self) -> Arc<Config> {
        self.config.get()
    }

    /// The user's own workflows, templates and tone profiles live beside the config file.
    pub fn user_dir(&self, what: &str) -> std::path::PathBuf {
        let base = self
            .paths
            .config_file
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        base.join(what)
    }

    /// Where a caller (an admin, `admin`, or not) may have articles written, by the settings
    /// in force.
    pub fn output_roots(&self, admin: bool) -> crate::confine::Confinement {
        let roots = &self.config().output.allowed_roots;
        crate::confine::Confinement::new(crate::confine::Purpose::Write, &self.paths, roots, admin)
    }

    /// Whether the key that owns a job is an admin now (a job without an owner predates keys
    /// and is the local owner's). A key demoted or revoked since the submit is not.
    pub async fn owner_is_admin(&self, owner: Option<String>) -> Result<bool, StoreError> {
        let Some(owner) = owner else {
            return Ok(true);
        };
        let key = self
            .store
            .read(move |c| crate::store::auth::get_key(c, &owner))
            .await?;
        Ok(key.is_some_and(|k| {
            k.role == crate::store::auth::KeyRole::Admin && k.revoked_at.is_none()
        }))
    }
}

/// The queue's live state beside the store.
pub struct Jobs {
    store: Store,
    config: Arc<LiveConfig>,
    bus: broadcast::Sender<JobEvent>,
    /// Cancellation tokens of running jobs, so `cancel` reaches a job mid-flight.
    running: Mutex<HashMap<i64, CancellationToken>>,
    /// Wakes the scheduler when there may be new work.
    wake: Notify,
    paused: AtomicBool,
}

impl Jobs {
    /// Loads the queue's pause flag; the caller recovers interrupted jobs before serving.
    pub async fn new(store: Store, config: Arc<LiveConfig>) -> Result<Jobs, StoreError> {
        let paused = store
            .read(|c| settings::get(c, settings::QUEUE_PAUSED))
            .await?
            .is_some_and(|v| v == "true");
        let (bus, _) = broadcast::channel(EVENT_BUS_CAPACITY);
        Ok(Jobs {
            store,
            config,
            bus,
            running: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            paused: AtomicBool::new(paused),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A snapshot of the configuration in force: limits, defaults and retry delays are read
    /// when used, so a reload applies to the next claim, submission or retry.
    pub fn config(&self) -> Arc<Config> {
        self.config.get()
    }

    /// The per-kind concurrency cap.
    pub fn kind_limit(&self, kind: JobKind) -> u32 {
        let jobs = &self.config().jobs;
        match kind {
            JobKind::Ingest => jobs.ingest_concurrency,
            JobKind::Generate => jobs.generate_concurrency,
            // A batch only submits its children: one at a time is plenty.
            JobKind::Batch => 1,
        }
        .min(jobs.concurrency)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<JobEvent> {
        self.bus.subscribe()
    }

    /// Sends stored events to live watchers.
    pub fn publish(&self, events: impl IntoIterator<Item = impl Into<JobEvent>>) {
        for e in events {
            // No receiver is fine: nobody is watching.
            let _ = self.bus.send(e.into());
        }
    }

    /// Appends an event to a job's log and publishes it.
    pub async fn event(
        &self,
        job_id: i64,
        kind: JobEventKind,
        message: String,
        data: Option<serde_json::Value>,
    ) {
        let stored = self
            .store
            .write(move |c| {
                crate::store::jobs::add_event(c, job_id, kind.into(), &message, data.as_ref())
            })
            .await;
        match stored {
            Ok(e) => self.publish([e]),
            Err(e) => tracing::warn!(job_id, error = %e, "cannot record job event"),
        }
    }

    pub fn wake_scheduler(&self) {
        self.wake.notify_one();
    }

    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    /// Commits the jobs (all or none) and wakes the scheduler.
    /// Queues jobs of `owner`, each with what its spec resolved to at submit. With `max_waiting`, the submit is refused whole
    /// (`rate_limited`, nothing queued) when it would leave the owner more jobs waiting than
    /// that; the count and the insert happen in one write, so two submits cannot both slip
    /// under the cap.
    pub async fn submit(
        &self,
        jobs: Vec<(SubmitJob, Option<Resolved>)>,
        correlation_id: &str,
        owner: &str,
        max_waiting: Option<u64>,
    ) -> Result<SubmitResult, RpcError> {
        self.insert(
            jobs,
            correlation_id,
            None,
            Some(owner.to_string()),
            max_waiting,
        )
        .await
    }

    /// Like `submit`, for the children of a parent (batch) job, which share its owner.
    pub async fn submit_children(
        &self,
        jobs: Vec<(SubmitJob, Option<Resolved>)>,
        correlation_id: &str,
        parent_id: Option<i64>,
        owner: Option<String>,
    ) -> Result<SubmitResult, RpcError> {
        self.insert(jobs, correlation_id, parent_id, owner, None)
            .await
    }

    async fn insert(
        &self,
        jobs: Vec<(SubmitJob, Option<Resolved>)>,
        correlation_id: &str,
        parent_id: Option<i64>,
        owner: Option<String>,
        max_waiting: Option<u64>,
    ) -> Result<SubmitResult, RpcError> {
        let config = self.config();
        // What the submit adds to the owner's waiting jobs: a batch, the children it queues.
        let adding: u64 = jobs
            .iter()
            .map(|(j, _)| match &j.spec {
                crate::protocol::jobs::JobSpec::Batch(b) => b.items.len() as u64,
                _ => 1,
            })
            .sum();
        let cap = max_waiting.zip(owner.clone());
        let new = jobs
            .into_iter()
            .map(|(j, resolved)| {
                Ok(NewJob {
                    resolved: resolved
                        .map(|r| serde_json::to_string(&r))
                        .transpose()
                        .map_err(|e| RpcError::internal(e.to_string()))?,
                    kind: j.spec.kind().into(),
                    // The error the store gave when it serialized the spec itself.
                    spec: serde_json::to_string(&j.spec)
                        .map_err(|e| RpcError::from(StoreError::Corrupt(e.to_string())))?,
                    priority: j.priority,
                    timeout_ms: j
                        .timeout_ms
                        .unwrap_or(config.jobs.default_timeout.as_millis() as u64),
                    max_attempts: j.max_attempts.unwrap_or(config.jobs.max_attempts),
                    idempotency_key: j.idempotency_key,
                    correlation_id: correlation_id.to_string(),
                    parent_id,
                    owner: owner.clone(),
                })
            })
            .collect::<Result<Vec<NewJob>, RpcError>>()?;
        let kinds: Vec<&'static str> = new.iter().map(|j| j.kind.as_str()).collect();
        let (submitted, events) = self
            .store
            .write(move |c| {
                if let Some((cap, owner)) = &cap {
                    let waiting = crate::store::jobs::waiting_of(c, owner)?;
                    if waiting + adding > *cap {
                        return Ok(Err(queue_full(waiting, adding, *cap)));
                    }
                }
                crate::store::jobs::insert(c, &new).map(Ok)
            })
            .await??;
        // `insert` answers in the order it was given the jobs.
        for (_, kind) in submitted.iter().zip(kinds).filter(|(j, _)| !j.existing) {
            metrics::counter!(crate::metrics::JOBS_SUBMITTED, "kind" => kind).increment(1);
        }
        self.publish(events);
        self.wake_scheduler();
        Ok(SubmitResult {
            jobs: submitted.into_iter().map(SubmittedJob::from).collect(),
        })
    }

    pub async fn get(&self, id: i64) -> Result<JobView, RpcError> {
        self.store
            .read(move |c| {
                crate::store::jobs::get(c, id)?
                    .map(JobView::try_from)
                    .transpose()
            })
            .await?
            .ok_or_else(|| job_not_found(id))
    }

    /// Cancels a queued or paused job at once, and a running one cooperatively.
    pub async fn cancel(&self, id: i64) -> Result<JobView, RpcError> {
        let from = [State::Queued, State::Paused];
        let change = self
            .store
            .write(move |c| {
                crate::store::jobs::transition(
                    c,
                    id,
                    &from,
                    State::Cancelled,
                    "cancelled by request",
                )
            })
            .await?;
        match change {
            Transition::WrongState(State::Running) => {
                let token = self.running.lock().ok().and_then(|m| m.get(&id).cloned());
                if let Some(token) = token {
                    token.cancel();
                }
                self.get(id).await
            }
            other => self.finish_transition(id, other, "cancel").await,
        }
    }

    pub async fn pause(&self, id: i64) -> Result<JobView, RpcError> {
        self.simple_transition(id, &[State::Queued], State::Paused, "pause")
            .await
    }

    pub async fn resume(&self, id: i64) -> Result<JobView, RpcError> {
        let view = self
            .simple_transition(id, &[State::Paused], State::Queued, "resume")
            .await?;
        self.wake_scheduler();
        Ok(view)
    }

    pub async fn retry(&self, id: i64) -> Result<JobView, RpcError> {
        const FROM: &[State] = &[State::Failed, State::Cancelled];
        let view = self
            .simple_transition(id, FROM, State::Queued, "retry")
            .await?;
        self.wake_scheduler();
        Ok(view)
    }

    pub async fn remove(&self, id: i64) -> Result<(), RpcError> {
        match self
            .store
            .write(move |c| crate::store::jobs::delete(c, id))
            .await?
        {
            Transition::Done(()) => Ok(()),
            Transition::NotFound => Err(job_not_found(id)),
            Transition::WrongState(s) => Err(wrong_state(id, s.into(), "remove")),
        }
    }

    async fn simple_transition(
        &self,
        id: i64,
        from: &'static [State],
        to: State,
        verb: &'static str,
    ) -> Result<JobView, RpcError> {
        let why = format!("{verb} by request");
        let change = self
            .store
            .write(move |c| crate::store::jobs::transition(c, id, from, to, &why))
            .await?;
        self.finish_transition(id, change, verb).await
    }

    async fn finish_transition(
        &self,
        id: i64,
        change: Transition<EventRow>,
        verb: &str,
    ) -> Result<JobView, RpcError> {
        match change {
            Transition::Done(event) => {
                self.publish([event]);
                self.get(id).await
            }
            Transition::NotFound => Err(job_not_found(id)),
            Transition::WrongState(s) => Err(wrong_state(id, s.into(), verb)),
        }
    }

    /// Pauses or resumes the whole queue; running jobs carry on. Survives restarts.
    pub async fn set_queue_paused(&self, paused: bool) -> Result<QueueStatus, RpcError> {
        let value = if paused { "true" } else { "false" };
        self.store
            .write(move |c| settings::set(c, settings::QUEUE_PAUSED, value))
            .await?;
        self.paused.store(paused, Ordering::SeqCst);
        self.wake_scheduler();
        self.queue_status().await
    }

    pub async fn queue_status(&self) -> Result<QueueStatus, RpcError> {
        let counts: Vec<(JobKind, JobState, u64)> = self
            .store
            .read_blocking(crate::store::jobs::counts)?
            .into_iter()
            .map(|(k, s, n)| (k.into(), s.into(), n))
            .collect();
        let sum = |state: JobState, kind: Option<JobKind>| -> u64 {
            counts
                .iter()
                .filter(|(k, s, _)| *s == state && kind.is_none_or(|kind| kind == *k))
                .map(|(_, _, n)| n)
                .sum()
        };
        Ok(QueueStatus {
            paused: self.is_paused(),
            concurrency: self.config().jobs.concurrency,
            queued: sum(JobState::Queued, None),
            running: sum(JobState::Running, None),
            paused_jobs: sum(JobState::Paused, None),
            by_kind: JobKind::ALL
                .into_iter()
                .map(|k| KindCounts {
                    kind: k,
                    queued: sum(JobState::Queued, Some(k)),
                    running: sum(JobState::Running, Some(k)),
                    limit: self.kind_limit(k),
                })
                .collect(),
        })
    }

    fn track(&self, id: i64, token: CancellationToken) {
        if let Ok(mut m) = self.running.lock() {
            m.insert(id, token);
        }
    }

    fn untrack(&self, id: i64) {
        if let Ok(mut m) = self.running.lock() {
            m.remove(&id);
        }
    }
}

/// What a job's spec resolved to at submit (`generate::resolve`), stored with the job so that
/// it runs with what was checked: a generate job's, or a batch's, one per item in order (its
/// children get theirs). Stored as the bare value or list (`store::jobs::resolved`).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum Resolved {
    Generate(Box<ResolvedSpec>),
    Batch(Vec<ResolvedSpec>),
}

/// The refusal of a submit that would leave its key more jobs waiting than it may have.
fn queue_full(waiting: u64, adding: u64, cap: u64) -> RpcError {
    RpcError::new(
        ErrorKind::RateLimited,
        format!(
            "this key has {waiting} jobs waiting and may have at most {cap} \
             (jobs.max_queued_per_key); these {adding} were not queued. Wait for some to \
             finish or cancel some, then submit again"
        ),
    )
    .with("waiting", waiting)
    .with("limit", cap)
    .with("retry_after_ms", QUEUE_FULL_RETRY_MS)
}

pub fn job_not_found(id: i64) -> RpcError {
    RpcError::not_found(format!("no job {id}")).with("job_id", id)
}

fn wrong_state(id: i64, state: JobState, verb: &str) -> RpcError {
    RpcError::conflict(format!("cannot {verb} job {id}: it is {}", state.as_str()))
        .with("job_id", id)
        .with("state", state.as_str())
}
