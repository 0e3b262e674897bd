//! The model behind the writing stages: the workflow's provider chain (or the one provider a
//! submission names), tried in order, a provider with an open breaker or no secret skipped.
//! When every one fails, a workflow with `offline_fallback` keeps the offline text (and its
//! manifest says so); otherwise the job fails as `unavailable` and the queue retries it later.
//! The job's token and cost budgets, and the daily budget of the API key that submitted it,
//! stop the calls before they overspend. An answer to the
//! very same request (provider, model, parameters, messages) comes from the response cache
//! while it is fresh, unless the submission says `no_cache` or `features.response_cache` is
//! off. Every attempt, and every cache hit, is kept for the job's events.

use std::sync::{Arc, Mutex};

use super::Runtime;
use crate::generate::prompt;
use crate::generate::state::{ModelUsage, PartRequest, StageError, Writer, Written};
use crate::generate::workflow::Workflow;
use crate::protocol::generate::GenerateSpec;
use crate::providers::registry::Entry;
use crate::providers::wire::ChatRequest;
use crate::providers::{Attempt, Completion, Observer, budget};
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
    attempts: Mutex<Vec<Attempt>>,
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
            attempts: Mutex::default(),
        })
    }

    /// The attempts made since the last call, for the job's events.
    pub fn take_attempts(&self) -> Vec<Attempt> {
        std::mem::take(&mut *self.attempts.lock().unwrap_or_else(|e| e.into_inner()))
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
        self.attempts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Attempt {
                provider: provider.to_string(),
                model: hit.model.clone(),
                attempt: 0,
                outcome: "cache_hit".into(),
                latency_ms: 0,
                usage: None,
                next: "done".into(),
            });
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

/// Passes each attempt to the provider's stats and keeps it for the job's events, and each
/// piece of text to the job's watchers.
struct Recorder<'a> {
    entry: &'a Entry,
    attempts: &'a Mutex<Vec<Attempt>>,
    writer: &'a ProviderWriter,
}

impl Observer for Recorder<'_> {
    /// Live only (sequence 0, never stored): a watcher sees the answer grow, and a restarted
    /// attempt says so before its first piece.
    fn text(&mut self, piece: &str, restart: bool) {
        let event = crate::protocol::jobs::JobEvent {
            seq: 0,
            job_id: self.writer.job_id,
            at: crate::store::format_ms(crate::store::now_ms()),
            kind: "token".into(),
            message: piece.to_string(),
            data: restart.then(|| serde_json::json!({"restart": true})),
        };
        self.writer.jobs.publish([event]);
    }
    fn attempt(&mut self, a: &Attempt) {
        self.entry.record(a);
        self.attempts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(a.clone());
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
        let mut failures = Vec::new();
        for name in &self.chain {
            let Some(entry) = self.runtime.providers().get(name) else {
                failures.push(format!("{name}: not configured"));
                continue;
            };
            if let Some(why) = &entry.secret_problem {
                failures.push(format!("{name}: {why}"));
                continue;
            }
            let settings = &entry.provider.settings;
            let key = match settings.resolve_model(self.model.as_deref()) {
                Ok(model) => cache_key(settings, &model, &chat),
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let caching = self.use_cache && !settings.cache_ttl.is_zero();
            if caching && let Some(hit) = self.cached(name, &key) {
                return Ok(Some(hit));
            }
            let mut recorder = Recorder {
                entry: &entry,
                attempts: &self.attempts,
                writer: self,
            };
            let call = entry
                .provider
                .complete(self.model.as_deref(), &chat, &mut recorder);
            match self.handle.block_on(call) {
                Ok(done) => {
                    self.spend(&done);
                    // A cut answer is not the model's whole answer to this request: asked
                    // again, it may finish.
                    if caching && !done.cut {
                        self.remember(name, &key, &done, settings.cache_ttl);
                    }
                    return Ok(Some(Written {
                        text: done.text,
                        provider: name.clone(),
                        model: done.model,
                        input_tokens: done.usage.input_tokens,
                        output_tokens: done.usage.output_tokens,
                        cost: done.cost,
                        cut: done.cut,
                        estimated: done.usage.estimated,
                    }));
                }
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
        if self.offline_fallback {
            Ok(None)
        } else {
            Err(StageError::ProvidersUnavailable(format!(
                "no provider could write the {}: {}",
                request.part,
                failures.join("; ")
            )))
        }
    }
}
