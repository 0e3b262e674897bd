//! Params and results of the `jobs.*` and `queue.*` methods, and the job event stream.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::generate::GenerateSpec;
use super::kb::IngestSpec;
use super::method::methods;
use super::system::NoParams;
use super::{RpcError, Validate};

methods! {
    Submit = "jobs.submit", SubmitParams => SubmitResult,
        "queues jobs (1 to 10,000), committed before the answer";
    List = "jobs.list", ListParams => ListResult, "jobs, newest first";
    Get = "jobs.get", JobId => JobView, "one job";
    Output = "jobs.output", JobId => JobOutput,
        "the article a generate job kept for standard output";
    Wait = "jobs.wait", WaitParams => JobView, "the job, once it has finished";
    Watch = "jobs.watch", WaitParams => JobView,
        "streams the job's events as notifications, then the finished job";
    Cancel = "jobs.cancel", JobId => JobView, "cancels a job";
    Pause = "jobs.pause", JobId => JobView, "holds a queued job";
    Resume = "jobs.resume", JobId => JobView, "queues a held job again";
    Retry = "jobs.retry", JobId => JobView, "queues a failed or cancelled job again";
    Remove = "jobs.rm", JobId => JobRemoved, "removes a finished job";
    Logs = "jobs.logs", JobId => JobLogs, "the daemon's log lines of one job";
    GetQueueStatus = "queue.status", NoParams => QueueStatus, "the queue's counts and limits";
    PauseQueue = "queue.pause", NoParams => QueueStatus, "stops starting jobs";
    ResumeQueue = "queue.resume", NoParams => QueueStatus, "starts jobs again";
}

/// Most jobs one `jobs.submit` may carry.
pub const MAX_SUBMIT_JOBS: usize = 10_000;
/// Longest idempotency key.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 200;
/// Longest deadline a job may ask for (one week).
pub const MAX_TIMEOUT_MS: u64 = 7 * 24 * 3600 * 1000;
/// Most attempts a job may ask for.
pub const MAX_ATTEMPTS: u32 = 20;
/// Most rows one `jobs.list` returns.
pub const MAX_LIST_LIMIT: u32 = 1000;
/// Priorities range over -1000..=1000; higher runs first.
pub const PRIORITY_RANGE: std::ops::RangeInclusive<i32> = -1000..=1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    Ingest,
    Generate,
    Batch,
}

impl JobKind {
    pub const ALL: [JobKind; 3] = [JobKind::Ingest, JobKind::Generate, JobKind::Batch];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Ingest => "ingest",
            JobKind::Generate => "generate",
            JobKind::Batch => "batch",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Paused,
    Succeeded,
    Failed,
    Cancelled,
}

impl JobState {
    pub const ALL: [JobState; 6] = [
        JobState::Queued,
        JobState::Running,
        JobState::Paused,
        JobState::Succeeded,
        JobState::Failed,
        JobState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Paused => "paused",
            JobState::Succeeded => "succeeded",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Finished for good: the job will not run again unless retried.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            JobState::Succeeded | JobState::Failed | JobState::Cancelled
        )
    }
}

/// What a job does, tagged by kind: `{"kind": "ingest", "params": {...}}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(
    tag = "kind",
    content = "params",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum JobSpec {
    Ingest(IngestSpec),
    /// Boxed: a generation spec is several times the size of the others.
    Generate(Box<GenerateSpec>),
    Batch(BatchSpec),
}

impl JobSpec {
    pub fn kind(&self) -> JobKind {
        match self {
            JobSpec::Ingest(_) => JobKind::Ingest,
            JobSpec::Generate(_) => JobKind::Generate,
            JobSpec::Batch(_) => JobKind::Batch,
        }
    }
}

/// Most articles one batch may ask for.
pub const MAX_BATCH_ITEMS: usize = 1000;

/// A batch: a parent job that submits one generate job per item as its children.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BatchSpec {
    pub items: Vec<GenerateSpec>,
}

impl Validate for BatchSpec {
    fn validate(&self) -> Result<(), RpcError> {
        if self.items.is_empty() || self.items.len() > MAX_BATCH_ITEMS {
            return Err(field_error("items", "between 1 and 1000 items per batch"));
        }
        for (i, item) in self.items.iter().enumerate() {
            // Many articles on one standard output would be one unreadable stream.
            if item.stdout {
                return Err(field_error(
                    &format!("items[{i}].stdout"),
                    "a batch writes files",
                ));
            }
            item.validate()
                .map_err(|e| prefix_path(e, &format!("items[{i}]")))?;
        }
        Ok(())
    }
}

/// One job in a `jobs.submit` request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitJob {
    pub spec: JobSpec,
    #[serde(default)]
    pub priority: i32,
    /// Deadline for one attempt; the daemon's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
    /// A second submit with the same key returns the first job instead of a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u32>,
}

/// `jobs.submit`: one or many jobs, committed together before the answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitParams {
    pub jobs: Vec<SubmitJob>,
}

impl Validate for SubmitParams {
    fn validate(&self) -> Result<(), RpcError> {
        if self.jobs.is_empty() || self.jobs.len() > MAX_SUBMIT_JOBS {
            return Err(RpcError::invalid_params(format!(
                "jobs: between 1 and {MAX_SUBMIT_JOBS} jobs per submit, got {}",
                self.jobs.len()
            ))
            .with("path", "jobs"));
        }
        for (i, job) in self.jobs.iter().enumerate() {
            job.validate()
                .map_err(|e| prefix_path(e, &format!("jobs[{i}]")))?;
        }
        Ok(())
    }
}

impl Validate for SubmitJob {
    fn validate(&self) -> Result<(), RpcError> {
        if !PRIORITY_RANGE.contains(&self.priority) {
            return Err(field_error("priority", "must be between -1000 and 1000"));
        }
        if let Some(t) = self.timeout_ms
            && (t == 0 || t > MAX_TIMEOUT_MS)
        {
            return Err(field_error("timeout_ms", "must be between 1 ms and 7 days"));
        }
        if let Some(k) = &self.idempotency_key
            && (k.is_empty() || k.len() > MAX_IDEMPOTENCY_KEY_LEN)
        {
            return Err(field_error("idempotency_key", "must be 1 to 200 bytes"));
        }
        if let Some(a) = self.max_attempts
            && (a == 0 || a > MAX_ATTEMPTS)
        {
            return Err(field_error("max_attempts", "must be between 1 and 20"));
        }
        let spec = match &self.spec {
            JobSpec::Ingest(spec) => spec.validate(),
            JobSpec::Generate(spec) => spec.validate(),
            JobSpec::Batch(spec) => spec.validate(),
        };
        spec.map_err(|e| prefix_path(e, "spec.params"))
    }
}

/// Builds an invalid-params error for one field.
pub(crate) fn field_error(path: &str, message: &str) -> RpcError {
    RpcError::invalid_params(format!("{path}: {message}")).with("path", path)
}

/// Puts `prefix.` in front of the `path` an inner validation reported.
pub fn prefix_path(mut e: RpcError, prefix: &str) -> RpcError {
    let inner = e
        .data
        .extra
        .get("path")
        .and_then(Value::as_str)
        .map(str::to_string);
    let path = match inner {
        Some(p) => format!("{prefix}.{p}"),
        None => prefix.to_string(),
    };
    e.message = format!("{prefix}.{}", e.message);
    e.with("path", path)
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SubmittedJob {
    pub id: i64,
    pub state: JobState,
    /// True when an idempotency key matched an earlier job, which is returned instead.
    pub existing: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmitResult {
    pub jobs: Vec<SubmittedJob>,
}

/// Why a job failed: a stable snake_case name on the wire (`error.kind`) and in
/// `jobs.error_kind`. `Unavailable`, `Store` and `Fetch` are transient (retried until
/// `max_attempts`); the others fail the job at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobFailureKind {
    /// Every model provider is unavailable now (an outage, a rate limit): retried, not before one
    /// may answer again (within `jobs.outage_window`).
    Unavailable,
    /// A transient database error (busy, locked, a failed read): retried with backoff. Not to be
    /// confused with `Storage`.
    Store,
    /// A URL source failed for a reason that may pass: retried.
    Fetch,
    /// The database cannot be written (a full disk, a read-only file): fails at once, since a
    /// retry would fail the same way.
    Storage,
    /// A provider refused the request (bad key, bad request): fails at once.
    ProviderRefused,
    /// The job's spec cannot run (an unknown workflow, a bad tone file).
    InvalidSpec,
    /// A stage's input is not usable.
    InvalidInput,
    /// An ingest found nothing to ingest.
    NoInput,
    /// The knowledge base holds too little on the topic to write an article.
    NotEnoughMaterial,
    /// The article failed the quality checks its workflow requires.
    QualityFailed,
    /// The key's model budget for the day is spent.
    BudgetExceeded,
    /// The article could not be written to its output folder.
    Output,
    /// The job exceeded its deadline.
    Timeout,
    /// Cancelled by request.
    Cancelled,
    /// The daemon stopped during the last attempt the job was allowed.
    Interrupted,
    /// The job's work conflicts with the state it found.
    Conflict,
    /// A bug: the job crashed or met something that should not happen.
    Internal,
}

impl JobFailureKind {
    pub const ALL: [JobFailureKind; 17] = [
        JobFailureKind::Unavailable,
        JobFailureKind::Store,
        JobFailureKind::Fetch,
        JobFailureKind::Storage,
        JobFailureKind::ProviderRefused,
        JobFailureKind::InvalidSpec,
        JobFailureKind::InvalidInput,
        JobFailureKind::NoInput,
        JobFailureKind::NotEnoughMaterial,
        JobFailureKind::QualityFailed,
        JobFailureKind::BudgetExceeded,
        JobFailureKind::Output,
        JobFailureKind::Timeout,
        JobFailureKind::Cancelled,
        JobFailureKind::Interrupted,
        JobFailureKind::Conflict,
        JobFailureKind::Internal,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            JobFailureKind::Unavailable => "unavailable",
            JobFailureKind::Store => "store",
            JobFailureKind::Fetch => "fetch",
            JobFailureKind::Storage => "storage",
            JobFailureKind::ProviderRefused => "provider_refused",
            JobFailureKind::InvalidSpec => "invalid_spec",
            JobFailureKind::InvalidInput => "invalid_input",
            JobFailureKind::NoInput => "no_input",
            JobFailureKind::NotEnoughMaterial => "not_enough_material",
            JobFailureKind::QualityFailed => "quality_failed",
            JobFailureKind::BudgetExceeded => "budget_exceeded",
            JobFailureKind::Output => "output",
            JobFailureKind::Timeout => "timeout",
            JobFailureKind::Cancelled => "cancelled",
            JobFailureKind::Interrupted => "interrupted",
            JobFailureKind::Conflict => "conflict",
            JobFailureKind::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<JobFailureKind> {
        JobFailureKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for JobFailureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a job failed: a stable kind and a message for people.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobFailure {
    pub kind: JobFailureKind,
    pub message: String,
}

/// A job as the daemon reports it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobView {
    pub id: i64,
    pub kind: JobKind,
    pub state: JobState,
    pub priority: i32,
    pub attempts: u32,
    pub max_attempts: u32,
    pub timeout_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    pub correlation_id: String,
    /// Shown with the credentials of its URLs hidden (`redact`).
    #[serde(serialize_with = "serialize_spec")]
    pub spec: JobSpec,
    /// Written with its keys sorted, as when it was a JSON object (`sorted_json`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "sorted_json"
    )]
    pub result: Option<JobOutcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<JobFailure>,
    /// Timestamps are RFC 3339 in UTC.
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_after: Option<String>,
    /// For a queued job waiting to be retried: how long it still waits (until `run_after`);
    /// its last `state` event says why that long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_in_ms: Option<u64>,
    /// The id of the API key that submitted the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// For a parent (batch) job: its children by state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<ChildCounts>,
}

/// What a succeeded job reports, by its kind. On the wire it is the kind's own object (no tag):
/// each carries a field the others lack (`topic`, `collection`, `children`), which is how it is
/// read back. It is stored and sent with its keys sorted (`sorted_json`), as the `json!`
/// objects it replaces were, so stored rows and printed jobs keep their bytes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum JobOutcome {
    Generate(GenerateOutcome),
    Ingest(IngestOutcome),
    Batch(BatchOutcome),
    /// A result none of the above reads (a row written by another version): shown as it is.
    Other(Value),
}

/// Serializes through a JSON value, whose keys are sorted, whatever the order of the fields.
pub fn sorted_json<T: Serialize, S: serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    serde_json::to_value(value)
        .map_err(serde::ser::Error::custom)?
        .serialize(s)
}

/// A generate job's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GenerateOutcome {
    /// The copy of a file the article replaced, if any.
    #[serde(default)]
    pub backup: Option<String>,
    /// For an article kept for standard output: its size (its text comes with `jobs.output`).
    #[serde(default)]
    pub bytes: Option<u64>,
    #[serde(default)]
    pub manifest: Option<String>,
    /// The article's file; none when it was kept for standard output.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub quality: Option<QualitySummary>,
    #[serde(default)]
    pub sections: u64,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub sources: u64,
    /// What each stage did. Free-form here: a stage's record belongs to `generate`, which the
    /// protocol does not import.
    #[serde(default)]
    pub stages: Vec<Value>,
    #[serde(default)]
    pub title: String,
    pub topic: String,
    #[serde(default)]
    pub workflow: Option<String>,
}

/// The quality verdict in a generate job's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QualitySummary {
    /// The names of the checks that failed.
    pub failed: Vec<String>,
    pub passed: bool,
    pub readability_grade: f64,
    pub words: u64,
}

/// An ingest job's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IngestOutcome {
    #[serde(default)]
    pub bytes: u64,
    #[serde(default)]
    pub chunks: u64,
    pub collection: String,
    #[serde(default)]
    pub discovered: u64,
    #[serde(default)]
    pub duplicate_chunks: u64,
    pub ingested: u64,
    /// Documents removed because their source is gone (`prune`).
    #[serde(default)]
    pub pruned: Vec<String>,
    #[serde(default)]
    pub skipped: u64,
    /// The first sources skipped, and why.
    #[serde(default)]
    pub skipped_sources: Vec<SkippedSource>,
    #[serde(default)]
    pub unchanged: u64,
    /// What the embedding step did, when embeddings are configured.
    #[serde(flatten)]
    pub embedding: Option<EmbeddingOutcome>,
}

/// The embedding step of an ingest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EmbeddingOutcome {
    pub embedded: u64,
    /// Chunks of the collection still without a vector.
    pub missing_vectors: u64,
    /// Why the step ended early (the job still succeeds: search works without vectors).
    pub embedding_error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SkippedSource {
    pub reason: String,
    pub source: String,
}

/// A batch job's result: the generate jobs it submitted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BatchOutcome {
    pub children: Vec<i64>,
}

/// How a parent job's children stand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ChildCounts {
    pub total: u64,
    pub queued: u64,
    pub running: u64,
    pub paused: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub cancelled: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<JobState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<JobKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only the jobs the caller's key submitted itself (not a batch's children), whatever
    /// else its role lets it see: what `jobs wait` and `jobs watch` without an id follow.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mine: bool,
}

impl Validate for ListParams {
    fn validate(&self) -> Result<(), RpcError> {
        match self.limit {
            Some(l) if l == 0 || l > MAX_LIST_LIMIT => {
                Err(field_error("limit", "must be between 1 and 1000"))
            }
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListResult {
    pub jobs: Vec<JobView>,
}

/// Params of every method that names one job.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobId {
    pub id: i64,
}

impl Validate for JobId {}

/// Largest article `jobs.output` hands over.
pub const MAX_OUTPUT_BYTES: usize = 16 << 20;

/// `jobs.output`: the article a generation kept for standard output (`--out -`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobOutput {
    pub id: i64,
    /// `md`, `html` or `json`, as the spec asked.
    pub format: String,
    pub text: String,
}

/// `jobs.rm`: the id of the job removed.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct JobRemoved {
    pub removed: i64,
}

/// `jobs.logs`: the job's lines from the daemon's JSON log files, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobLogs {
    /// Free-form: each line is a log record as the daemon's logger wrote it (its fields
    /// differ per line and belong to `telemetry`, not to the protocol).
    pub lines: Vec<Value>,
}

/// `jobs.wait` and `jobs.watch`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitParams {
    pub id: i64,
    /// Give up after this long with a `timeout` error; wait without bound when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
}

impl Validate for WaitParams {
    fn validate(&self) -> Result<(), RpcError> {
        match self.timeout_ms {
            Some(t) if t > MAX_TIMEOUT_MS => {
                Err(field_error("timeout_ms", "must be at most 7 days"))
            }
            _ => Ok(()),
        }
    }
}

/// One entry of a job's event log, as stored in `job_events` and streamed by `jobs.watch`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobEvent {
    /// Increases with every event of the daemon; watchers resume after the last one they saw.
    pub seq: i64,
    pub job_id: i64,
    pub at: String,
    pub kind: JobEventKind,
    pub message: String,
    /// Free-form: what each kind carries differs (a state, a progress count, a provider
    /// attempt as the providers describe it), and events are shown rather than read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

/// What a job event says; its snake_case name on the wire and in `job_events.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobEventKind {
    /// The job changed state (data `{"state"}`; a retry's also `retry_in_ms` and `wait`).
    State,
    /// Work done so far (data `{"done", "total"}`).
    Progress,
    Log,
    Warning,
    /// One attempt of a model call.
    Provider,
    /// A wait for a provider's client-side rate limit.
    Wait,
    /// A move to the next provider.
    Fallback,
    /// A piece of a model's answer as it streams (live only, never stored).
    Token,
    /// How the job ended when that could not be stored (live only).
    Unrecorded,
}

impl JobEventKind {
    pub const ALL: [JobEventKind; 9] = [
        JobEventKind::State,
        JobEventKind::Progress,
        JobEventKind::Log,
        JobEventKind::Warning,
        JobEventKind::Provider,
        JobEventKind::Wait,
        JobEventKind::Fallback,
        JobEventKind::Token,
        JobEventKind::Unrecorded,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            JobEventKind::State => "state",
            JobEventKind::Progress => "progress",
            JobEventKind::Log => "log",
            JobEventKind::Warning => "warning",
            JobEventKind::Provider => "provider",
            JobEventKind::Wait => "wait",
            JobEventKind::Fallback => "fallback",
            JobEventKind::Token => "token",
            JobEventKind::Unrecorded => "unrecorded",
        }
    }

    pub fn parse(s: &str) -> Option<JobEventKind> {
        JobEventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for JobEventKind {
    // `pad`, so that a width in the format (`{:<8}`) applies as it did to the name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// `queue.status`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QueueStatus {
    pub paused: bool,
    pub concurrency: u32,
    pub queued: u64,
    pub running: u64,
    pub paused_jobs: u64,
    pub by_kind: Vec<KindCounts>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KindCounts {
    pub kind: JobKind,
    pub queued: u64,
    pub running: u64,
    pub limit: u32,
}

/// Serializes a job's spec as it is shown: the URLs an ingest reads with their credentials
/// hidden (the stored spec keeps them, for the job to fetch).
fn serialize_spec<S: serde::Serializer>(spec: &JobSpec, serializer: S) -> Result<S::Ok, S::Error> {
    match spec {
        JobSpec::Ingest(ingest) => {
            let mut shown = ingest.clone();
            for source in &mut shown.sources {
                *source = crate::protocol::redact::urls(source).into_owned();
            }
            serde::Serialize::serialize(&JobSpec::Ingest(shown), serializer)
        }
        other => serde::Serialize::serialize(other, serializer),
    }
}
