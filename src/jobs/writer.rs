//! The model behind the writing stages: the workflow's provider chain (or the one provider a
//! submission names), tried in order, a provider with an open breaker or no secret skipped.
//! When every one fails, a workflow with `offline_fallback` keeps the offline text (and its
//! manifest says so); otherwise the job fails: as `provider_refused` (never retried) when
//! every provider refused the request or cannot be asked as configured, else as `unavailable`,
//! which the queue retries no sooner than the earliest of them may answer again. A request a
//! provider refused is not sent to it again when the job runs again (a person's `jobs retry`
//! after the job failed starts afresh).
//! The job's token and cost budgets, and the daily budget of the API key that submitted it,
//! stop the calls before they overspend. An answer to the
//! very same request (provider, model, parameters, messages) comes from the response cache
//! while it is fresh, unless the submission says `no_cache` or `features.response_cache` is
//! off. Every attempt (with the wait after it), every wait for the provider's client-side
//! rate limits, every move to the next provider and every cache hit is one of the job's
//! events the moment it happens.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::Runtime;
use crate::generate::prompt;
use crate::generate::state::{ModelUsage, PartRequest, RetryHint, StageError, Writer, Written};
use crate::generate::workflow::Workflow;
use crate::protocol::generate::GenerateSpec;
use crate::protocol::jobs::JobEventKind;
use crate::providers::registry::Entry;
use crate::providers::wire::ChatRequest;
use crate::providers::{Attempt, Completion, Observer, ProviderError, Wait, budget};
use crate::store::cache;

/// The smallest answer worth a call.
const MIN_ANSWER_TOKENS: u64 = 64;

pub struct ProviderWriter {
    runtime: Arc<Runtime>,
    /// Where the answer's text goes as it arrives: live `token` events of this job.
    jobs: Arc<super::Jobs>,
    job_id: i64,
    /// The API key that submitted the job: its daily budget applies, its spending grows.
    owner: Option<String>,
    chain: Vec<String>,
    model: Option<String>,
    offline_fallback: bool,
    max_tokens: Option<u64>,
    max_cost: Option<f64>,
    use_cache: bool,
    handle: tokio::runtime::Handle,
    /// The requests providers refused in this job's earlier attempts, by (provider, request
    /// key), with the reason; read from its events at the first part.
    refused: OnceLock<HashMap<(String, String), String>>,
}

/// Why one provider of the chain did not write a part.
struct Miss {
    provider: String,
    why: String,
    /// `None`: it refused, and asking again cannot help; `Some((wait, why))`: it is
    /// unavailable, and may answer after `wait` (zero: at once) as `why` says.
    ready_in: Option<(Duration, &'static str)>,
    /// The key of the request it refused, when one was sent: never sent to it again.
    request: Option<String>,
}

impl Miss {
    fn refused(provider: &str, why: impl std::fmt::Display) -> Miss {
        Miss {
            provider: provider.to_string(),
            why: why.to_string(),
            ready_in: None,
            request: None,
        }
    }
}

/// The error of a part no provider wrote: `provider_refused` when each of them refused it,
/// else `unavailable` with the earliest time one of them may answer again.
fn chain_failed(part: &str, misses: &[Miss]) -> StageError {
    let listed = misses
        .iter()
        .map(|m| format!("{}: {}", m.provider, m.why))
        .collect::<Vec<_>>()
        .join("; ");
    let earliest = misses
        .iter()
        .filter_map(|m| m.ready_in.map(|(wait, why)| (wait, why, &m.provider)))
        .min_by_key(|(wait, _, _)| *wait);
    match earliest {
        None => StageError::ProvidersRefused(format!(
            "every provider refused the {part}, and sending it again cannot succeed: {listed}"
        )),
        Some((wait, why, provider)) => StageError::ProvidersUnavailable {
            message: format!("no provider could write the {part}: {listed}"),
            retry: (!wait.is_zero()).then(|| RetryHint {
                after: wait,
                reason: format!("provider '{provider}' may be asked again then ({why})"),
            }),
        },
    }
}

/// The providers a generation asks, in order: the one its submission names, else its
/// workflow's chain (empty: offline).
pub fn chain<'a>(spec: &'a GenerateSpec, workflow: &'a Workflow) -> &'a [String] {
    match &spec.provider {
        Some(p) => std::slice::from_ref(p),
        None => &workflow.providers,
    }
}

/// The cache key of a request to a provider: what it would be sent, hashed.
fn cache_key(
    settings: &crate::providers::settings::ProviderSettings,
    model: &str,
    chat: &ChatRequest,
) -> String {
    use sha2::Digest;
    let asked = serde_json::json!({
        "kind": settings.kind,
        "base_url": settings.base_url,
        "model": model,
        "request": chat,
    });
    hex::encode(sha2::Sha256::digest(asked.to_string().as_bytes()))
}

impl ProviderWriter {
    /// The writer of a generation, or `None` when neither the spec nor the workflow names a
    /// provider (offline composition). Must be called inside the runtime.
    pub fn for_job(
        ctx: &super::scheduler::JobContext,
        spec: &GenerateSpec,
        workflow: &Workflow,
    ) -> Option<ProviderWriter> {
        let runtime = &ctx.runtime;
        let chain = chain(spec, workflow).to_vec();
        if chain.is_empty() {
            return None;
        }
        Some(ProviderWriter {
            runtime: runtime.clone(),
            jobs: ctx.jobs.clone(),
            job_id: ctx.job.id,
            owner: ctx.job.owner.clone(),
            chain,
            model: spec.model.clone(),
            offline_fallback: workflow.offline_fallback,
            max_tokens: spec.max_tokens,
            max_cost: spec.max_cost,
            use_cache: runtime.config().features.response_cache && !spec.no_cache,
            handle: tokio::runtime::Handle::current(),
            refused: OnceLock::new(),
        })
    }

    /// Why `provider` refused request `key` in an earlier attempt of this job, if it did.
    fn refused_before(&self, provider: &str, key: &str) -> Option<String> {
        let refused = self.refused.get_or_init(|| {
            let job_id = self.job_id;
            let read = self
                .runtime
                .store
                .read_blocking(|c| crate::store::jobs::refused_requests(c, job_id));
            // Unreadable: the request is sent and refused once more, which is only wasteful.
            read.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "cannot read the requests refused earlier");
                Vec::new()
            })
            .into_iter()
            .map(|r| ((r.provider, r.request), r.reason))
            .collect()
        });
        refused
            .get(&(provider.to_string(), key.to_string()))
            .cloned()
    }

    /// Records an attempt as a `provider` event of the job and sends it to its watchers.
    async fn attempt_event(&self, a: &Attempt) {
        let data = serde_json::to_value(a).ok();
        self.jobs
            .event(self.job_id, JobEventKind::Provider, a.to_string(), data)
            .await;
    }

    /// Records a move past a provider (to the next one, to offline composition, or to the
    /// job's failure when `next` is `None` and there is no offline fallback) as a `fallback`
    /// event, from the stage's blocking thread. A refused request's key goes with it, so a
    /// later attempt of the job does not send it again.
    fn fallback_event(&self, miss: &Miss, next: Option<&str>, part: &str) {
        let then = match next {
            Some(next) => format!("trying '{next}'"),
            None if self.offline_fallback => format!("composing the {part} offline"),
            None => "no provider left".to_string(),
        };
        let data = serde_json::json!({
            "from": miss.provider,
            "to": next,
            "reason": miss.why,
            "retryable": miss.ready_in.is_some(),
            "request": miss.request,
        });
        let message = format!(
            "'{}' did not write the {part} ({}); {then}",
            miss.provider, miss.why
        );
        self.handle.block_on(self.jobs.event(
            self.job_id,
            JobEventKind::Fallback,
            message,
            Some(data),
        ));
    }

    /// Tokens the job may still use, with what limits them (`None`: no token limit), or why
    /// no call may be made at all: the job's budgets first, then its key's budget of the day.
    fn budget_left(&self, so_far: &ModelUsage) -> Result<Option<(u64, String)>, StageError> {
        if let Some(max) = self.max_cost
            && so_far.cost >= max
        {
            return Err(StageError::BudgetExceeded(format!(
                "the job's cost budget ({max}) is spent: {:.6} so far",
                so_far.cost
            )));
        }
        let used = so_far.input_tokens + so_far.output_tokens;
        let job_left = match self.max_tokens {
            Some(max) if used >= max => {
                return Err(StageError::BudgetExceeded(format!(
                    "the job's token budget ({max}) is spent: {used} tokens so far"
                )));
            }
            Some(max) => Some((max - used, "the job's token budget".to_string())),
            None => None,
        };
        let key_left = self.key_tokens_left()?.map(|left| {
            let owner = self.owner.as_deref().unwrap_or_default();
            (left, format!("API key {owner}'s daily token budget"))
        });
        Ok(match (job_left, key_left) {
            (Some(job), Some(key)) => Some(if key.0 < job.0 { key } else { job }),
            (job, key) => job.or(key),
        })
    }

    /// Tokens the submitting key may still use today (`None`: no limit, or no key).
    fn key_tokens_left(&self) -> Result<Option<u64>, StageError> {
        let Some(owner) = &self.owner else {
            return Ok(None);
        };
        let config = self.runtime.config();
        budget::key_tokens_left(&self.runtime.store, owner, &config.budgets).map_err(|refused| {
            match refused {
                budget::Refused::Spent(why) => StageError::BudgetExceeded(why),
                unreadable => StageError::Store(unreadable.to_string()),
            }
        })
    }

    /// Adds a finished call to its key's spending of the day.
    fn spend(&self, done: &Completion) {
        let Some(owner) = &self.owner else {
            return;
        };
        let tokens = done.usage.input_tokens + done.usage.output_tokens;
        let cost = done.cost.unwrap_or(0.0);
        let charge = budget::charge(&self.runtime.store, owner, tokens, cost);
        self.handle.block_on(charge);
    }
}

impl ProviderWriter {
    /// A fresh cached answer, free of charge (no tokens, no cost), noted in the job's events.
    fn cached(&self, provider: &str, key: &str) -> Option<Written> {
        let key = key.to_string();
        let hit = match self
            .runtime
            .store
            .read_blocking(move |c| cache::get(c, &key))
        {
            Ok(hit) => hit?,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the response cache");
                return None;
            }
        };
        let noted = Attempt {
            provider: provider.to_string(),
            model: hit.model.clone(),
            attempt: 0,
            outcome: "cache_hit".into(),
            latency_ms: 0,
            usage: None,
            next: "done".into(),
            wait_ms: None,
        };
        self.handle.block_on(self.attempt_event(&noted));
        Some(Written {
            text: hit.text,
            provider: provider.to_string(),
            model: hit.model,
            input_tokens: 0,
            output_tokens: 0,
            cost: None,
            // Cut answers are never cached.
            cut: false,
            estimated: false,
        })
    }

    fn remember(&self, provider: &str, key: &str, done: &Completion, ttl: std::time::Duration) {
        let answer = cache::Cached {
            model: done.model.clone(),
            text: done.text.clone(),
            input_tokens: done.usage.input_tokens,
            output_tokens: done.usage.output_tokens,
        };
        let (key, provider) = (key.to_string(), provider.to_string());
        let ttl_ms = ttl.as_millis().min(i64::MAX as u128) as i64;
        let stored = self.handle.block_on(
            self.runtime
                .store
                .write(move |c| cache::put(c, &key, &provider, &answer, ttl_ms)),
        );
        if let Err(e) = stored {
            tracing::warn!(error = %e, "cannot store an answer in the response cache");
        }
    }
}

/// Passes each attempt to the provider's stats and on to be recorded as the job's event
/// while the call goes on (`ProviderWriter::call`), and each piece of text to the job's
/// watchers.
struct Recorder<'a> {
    entry: &'a Entry,
    reports: tokio::sync::mpsc::UnboundedSender<Report>,
    writer: &'a ProviderWriter,
}

/// What a call reports that becomes one of the job's events.
enum Report {
    Attempt(Attempt),
    Wait(Wait),
}

impl Observer for Recorder<'_> {
    /// Live only (sequence 0, never stored): a watcher sees the answer grow, and a restarted
    /// attempt says so before its first piece.
    fn text(&mut self, piece: &str, restart: bool) {
        let event = crate::protocol::jobs::JobEvent {
            seq: 0,
            job_id: self.writer.job_id,
            at: crate::timestamp::format_ms(crate::timestamp::now_ms()),
            kind: JobEventKind::Token,
            message: piece.to_string(),
            data: restart.then(|| serde_json::json!({"restart": true})),
        };
        self.writer.jobs.publish([event]);
    }
    fn attempt(&mut self, a: &Attempt) {
        self.entry.record(a);
        // The receiver lives until the call ends, and the call reports nothing after.
        let _ = self.reports.send(Report::Attempt(a.clone()));
    }
    fn waiting(&mut self, wait: &Wait) {
        let _ = self.reports.send(Report::Wait(wait.clone()));
    }
}

impl Writer for ProviderWriter {
    fn write(
        &self,
        request: &PartRequest,
        so_far: &ModelUsage,
    ) -> Result<Option<Written>, StageError> {
        let left = self.budget_left(so_far)?;
        let mut chat = prompt::chat(request);
        let wanted = prompt::answer_tokens(request);
        let out_tokens = match left {
            None => wanted,
            Some((left, budget)) => {
                // The prompt counts against the budget too: a call that would pass it with
                // its prompt and a useful answer is not made.
                let prompt_tokens = chat.prompt_tokens();
                let room = left.saturating_sub(prompt_tokens);
                if room < MIN_ANSWER_TOKENS {
                    return Err(StageError::BudgetExceeded(format!(
                        "{budget} would be passed: the next call needs about {} tokens and \
                         {left} are left",
                        prompt_tokens + MIN_ANSWER_TOKENS
                    )));
                }
                room.min(wanted)
            }
        };
        chat.max_tokens = Some(out_tokens.min(u64::from(u32::MAX)) as u32);
        let mut misses: Vec<Miss> = Vec::new();
        for name in &self.chain {
            if let Some(miss) = misses.last() {
                self.fallback_event(miss, Some(name), &request.part);
            }
            match self.ask(name, &chat) {
                Ok(written) => return Ok(Some(written)),
                Err(miss) => misses.push(miss),
            }
        }
        if let Some(miss) = misses.last() {
            self.fallback_event(miss, None, &request.part);
        }
        if self.offline_fallback {
            Ok(None)
        } else {
            Err(chain_failed(&request.part, &misses))
        }
    }
}

impl ProviderWriter {
    /// Asks one provider of the chain for `chat`: from the cache when it may, else one
    /// resilient call, whose attempts become the job's events while it runs.
    fn ask(&self, name: &str, chat: &ChatRequest) -> Result<Written, Miss> {
        let Some(entry) = self.runtime.providers().get(name) else {
            return Err(Miss::refused(name, "not configured"));
        };
        if let Some(why) = &entry.secret_problem {
            return Err(Miss::refused(name, why));
        }
        let settings = &entry.provider.settings;
        let key = match settings.resolve_model(self.model.as_deref()) {
            Ok(model) => cache_key(settings, &model, chat),
            Err(e) => return Err(Miss::refused(name, e)),
        };
        let caching = self.use_cache && !settings.cache_ttl.is_zero();
        if caching && let Some(hit) = self.cached(name, &key) {
            return Ok(hit);
        }
        if let Some(why) = self.refused_before(name, &key) {
            return Err(Miss::refused(
                name,
                format!("refused this very request in an earlier attempt: {why}"),
            ));
        }
        let done = self.call(&entry, chat).map_err(|e| {
            let transient = e.is_transient();
            Miss {
                provider: name.to_string(),
                ready_in: transient.then(|| {
                    entry
                        .provider
                        .ready_in(&e)
                        .unwrap_or((Duration::ZERO, "at once"))
                }),
                request: (!transient).then(|| key.clone()),
                why: e.to_string(),
            }
        })?;
        self.spend(&done);
        // A cut answer is not the model's whole answer to this request: asked again, it may
        // finish.
        if caching && !done.cut {
            self.remember(name, &key, &done, settings.cache_ttl);
        }
        Ok(Written {
            text: done.text,
            provider: name.to_string(),
            model: done.model,
            input_tokens: done.usage.input_tokens,
            output_tokens: done.usage.output_tokens,
            cost: done.cost,
            cut: done.cut,
            estimated: done.usage.estimated,
        })
    }

    /// One call to `entry`, recording each attempt as the job's event while the call goes on
    /// (the provider reports attempts to a plain callback; the events are written beside the
    /// call, in order, and all of them before this returns).
    fn call(&self, entry: &Entry, chat: &ChatRequest) -> Result<Completion, ProviderError> {
        let (reports, mut reported) = tokio::sync::mpsc::unbounded_channel();
        let recorder = Recorder {
            entry,
            reports,
            writer: self,
        };
        let call = async move {
            let mut recorder = recorder;
            entry
                .provider
                .complete(self.model.as_deref(), chat, &mut recorder)
                .await
        };
        let record = async {
            while let Some(report) = reported.recv().await {
                match report {
                    Report::Attempt(a) => self.attempt_event(&a).await,
                    Report::Wait(w) => {
                        let data = serde_json::to_value(&w).ok();
                        self.jobs
                            .event(self.job_id, JobEventKind::Wait, w.to_string(), data)
                            .await;
                    }
                }
            }
        };
        let (result, ()) = self.handle.block_on(async { tokio::join!(call, record) });
        result
    }
}
