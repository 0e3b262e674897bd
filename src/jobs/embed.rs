//! The knowledge base's embeddings: which provider embeds (`kb.embeddings`), the step of an
//! ingest job that fills in the vectors its collection lacks (and embeds again those of a
//! dimension the model no longer answers), and the query vector of a hybrid search, with the
//! fall back to BM25, and why, when there is none or it cannot be compared with the
//! collections' vectors. Provider calls never run while the store's writer is held: each batch
//! is read, embedded, then written in its own transaction.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::Runtime;
use super::scheduler::{JobContext, JobError};
use crate::protocol::jobs::EmbeddingOutcome;
use crate::protocol::jobs::JobEventKind;
use crate::protocol::kb::SearchMode;
use crate::providers::budget;
use crate::providers::registry::Entry;
use crate::providers::{Attempt, CallBudget, Observer, ProviderError};
use crate::store::docs::QueryVector;
use crate::store::vectors;

/// Chunks embedded per request: few enough that one request stays well under providers'
/// input limits and one failure loses little, enough to amortise the round trip.
const BATCH: usize = 32;
/// Bytes of a chunk (or query) sent to be embedded; the rest is cut at a character boundary.
/// Chunks are at most `kb.chunk_max_bytes` (4000 by default), so this rarely cuts.
const MAX_INPUT_BYTES: usize = 8 << 10;
/// How long a search waits for its query's embedding before it answers with BM25 alone: one
/// attempt (`CallBudget::interactive`), since someone is waiting. A local model embeds a query
/// in tens of milliseconds; a provider that is down must not stall every search.
const INTERACTIVE_DEADLINE: Duration = Duration::from_secs(2);
/// The same wait for a job's retrieval, which nobody watches: the provider's own retries, up to
/// this long.
const JOB_DEADLINE: Duration = Duration::from_secs(10);

/// The configured embedding provider, and whether it can be called now.
pub struct Embedder {
    pub provider: String,
    pub model: String,
    /// The running provider, or why it cannot embed (missing secret, no embedding model).
    entry: Result<Arc<Entry>, String>,
}

/// The embedder of `kb.embeddings`, or `None` when hybrid search is not configured.
pub fn embedder(rt: &Runtime) -> Option<Embedder> {
    let config = rt.config();
    let name = config.kb.embeddings.clone()?;
    let entry = rt.providers().get(&name);
    let model = entry
        .as_ref()
        .and_then(|e| e.provider.settings.embedding_model.clone());
    let entry = match entry {
        // A provider that could not be built says why in the daemon log.
        None => Err(format!(
            "provider '{name}' is not running (see the daemon log)"
        )),
        Some(e) => match e.secret_problem.clone() {
            Some(why) => Err(why),
            None if model.is_none() => Err(format!("provider '{name}' has no embedding_model")),
            None => Ok(e),
        },
    };
    Some(Embedder {
        provider: name,
        model: model.unwrap_or_default(),
        entry,
    })
}

/// Counts every attempt in the provider's stats and keeps the failed ones for the caller.
struct Recorder<'a> {
    entry: &'a Entry,
    failed: Vec<Attempt>,
}

impl Observer for Recorder<'_> {
    fn text(&mut self, _: &str, _: bool) {}
    fn attempt(&mut self, a: &Attempt) {
        self.entry.record(a);
        if a.outcome != "ok" {
            self.failed.push(a.clone());
        }
    }
}

/// `text` cut to what is sent to be embedded.
fn bounded(text: &str) -> String {
    text[..text.floor_char_boundary(MAX_INPUT_BYTES)].to_string()
}

impl Embedder {
    /// Embeds `texts` (each bounded) for API key `payer`, returning the vectors and the failed
    /// attempts; for an interactive caller, one short attempt. Embedding spends the key's daily
    /// budget like any model call: refused once the budget is used, the tokens the provider
    /// counts added after (no cost: prices are for chat models).
    async fn embed(
        &self,
        rt: &Runtime,
        payer: Option<&str>,
        texts: &[String],
        caller: Caller,
    ) -> (Result<Vec<Vec<f32>>, String>, Vec<Attempt>) {
        let entry = match &self.entry {
            Ok(e) => e,
            Err(why) => return (Err(why.clone()), Vec::new()),
        };
        if let Some(key) = payer
            && let Err(refused) = budget::key_tokens_left(&rt.store, key, &rt.config().budgets)
        {
            return (Err(refused.to_string()), Vec::new());
        }
        let texts: Vec<String> = texts.iter().map(|t| bounded(t)).collect();
        let mut recorder = Recorder {
            entry,
            failed: Vec::new(),
        };
        let settings = &entry.provider.settings;
        let limits = match caller {
            Caller::Interactive => CallBudget::interactive(settings, INTERACTIVE_DEADLINE),
            Caller::Job => CallBudget::of(settings),
        };
        let result = entry.provider.embed(&texts, limits, &mut recorder).await;
        if let (Ok(done), Some(key)) = (&result, payer) {
            let tokens = done.usage.input_tokens + done.usage.output_tokens;
            budget::charge(&rt.store, key, tokens, 0.0).await;
        }
        let result = result
            .map(|e| e.vectors)
            .map_err(|e: ProviderError| format!("provider '{}': {e}", self.provider));
        (result, recorder.failed)
    }
}

/// What the embedding step of an ingest did, for the job's result.
#[derive(Debug, Default)]
pub struct Filled {
    pub embedded: usize,
    /// Chunks of the collection still without a vector.
    pub missing: u64,
    pub error: Option<String>,
}

impl Filled {
    pub fn outcome(self) -> EmbeddingOutcome {
        EmbeddingOutcome {
            embedded: self.embedded as u64,
            missing_vectors: self.missing,
            embedding_error: self.error,
        }
    }
}

/// Embeds the chunks of `collection` that need a vector of the configured model, batch by
/// batch, each chunk tried once, reporting progress after each batch. Vectors must all have
/// the model's current dimension to be compared with a query's: the first answer tells it
/// (when nothing lacks a vector, one stored chunk is embedded again to ask), and vectors of
/// another dimension are then embedded again. A provider failure ends the step, not the job:
/// BM25 search works without vectors, and a later ingest fills in what is missing. `None`
/// when embeddings are not configured.
pub async fn fill_collection(
    ctx: &JobContext,
    rt: &Runtime,
    collection: &str,
) -> Result<Option<Filled>, JobError> {
    let Some(e) = embedder(rt) else {
        return Ok(None);
    };
    let (model, c) = (e.model.clone(), collection.to_string());
    let (stored, mut total) = rt
        .store
        .read(move |conn| {
            let stored = vectors::dims(conn, &model, std::slice::from_ref(&c))?;
            Ok((stored, vectors::count_missing(conn, &model, None, &c)?))
        })
        .await
        .map_err(JobError::store)?;
    let mut filled = Filled::default();
    // The model's dimension, once an answer told it.
    let mut dim: Option<usize> = None;
    let mut after = 0;
    loop {
        if ctx.cancel.is_cancelled() {
            return Err(JobError::cancelled());
        }
        let (model, c) = (e.model.clone(), collection.to_string());
        let ask_dim = dim.is_none() && !stored.is_empty();
        // (batch, whether it is only the sample that asks the model's dimension)
        let (batch, probe) = rt
            .store
            .read(move |conn| {
                let batch = vectors::missing(conn, &model, dim, &c, after, BATCH)?;
                if batch.is_empty() && ask_dim {
                    let sample = vectors::sample(conn, &model, &c)?;
                    return Ok((sample.into_iter().collect(), true));
                }
                Ok((batch, false))
            })
            .await
            .map_err(JobError::store)?;
        let Some(&(last, _)) = batch.last() else {
            break;
        };
        after = last;
        let texts: Vec<String> = batch.iter().map(|(_, t)| t.clone()).collect();
        let (result, failed) = e
            .embed(rt, ctx.job.owner.as_deref(), &texts, Caller::Job)
            .await;
        for a in failed {
            let message = format!("embedding: {a}");
            ctx.event(
                JobEventKind::Provider,
                message,
                serde_json::to_value(&a).ok(),
            )
            .await;
        }
        let vecs = match result {
            Ok(vecs) => vecs,
            Err(why) => {
                filled.error = Some(why);
                break;
            }
        };
        if dim.is_none()
            && let Some(first) = vecs.first()
        {
            dim = Some(first.len());
            let stale: u64 = stored
                .iter()
                .filter(|(d, _)| *d != first.len())
                .map(|(_, n)| n)
                .sum();
            if stale == 0 && probe {
                // The stored vectors are of the model's shape, and none is missing.
                break;
            }
            if stale > 0 {
                // Start over: the chunks walked past so far may hold vectors of the old shape.
                after = 0;
                total += stale;
                let message = format!(
                    "{} ({}) now answers {}-dimension vectors; embedding again {stale} of \
                     the chunks of {collection}, stored with another dimension",
                    e.provider,
                    e.model,
                    first.len()
                );
                tracing::warn!(collection, "{message}");
                ctx.event(JobEventKind::Warning, message, None).await;
            }
        }
        let items: Vec<(i64, Vec<f32>)> = batch.iter().map(|(id, _)| *id).zip(vecs).collect();
        let model = e.model.clone();
        filled.embedded += rt
            .store
            .write(move |c| vectors::put(c, &model, &items))
            .await
            .map_err(JobError::store)?;
        if total > 0 {
            let done = (filled.embedded as u64).min(total);
            let message = format!("embedded {done} of {total} chunks with {}", e.provider);
            let data = json!({"done": done, "total": total, "phase": "embedding"});
            ctx.event(JobEventKind::Progress, message, Some(data)).await;
        }
    }
    let (model, c) = (e.model.clone(), collection.to_string());
    filled.missing = rt
        .store
        .read(move |conn| vectors::count_missing(conn, &model, dim, &c))
        .await
        .map_err(JobError::store)?;
    if filled.embedded > 0 {
        let message = format!(
            "embedded {} chunks with {} ({})",
            filled.embedded, e.provider, e.model
        );
        ctx.event(JobEventKind::Log, message, None).await;
    }
    if filled.missing > 0 {
        let why = filled.error.as_deref().unwrap_or("not embedded");
        let message = format!(
            "{} chunks of {collection} have no usable vector yet ({why}); they are found by \
             BM25 only until a later ingest embeds them",
            filled.missing
        );
        ctx.event(JobEventKind::Warning, message, None).await;
    }
    Ok(Some(filled))
}

/// How a search will rank, decided before it reads the store.
#[derive(Debug, Default)]
pub struct QueryPlan {
    pub mode: SearchMode,
    pub vector: Option<QueryVector>,
    /// Why the search is BM25 although hybrid was asked for or configured.
    pub fallback: Option<String>,
}

impl QueryPlan {
    fn bm25(fallback: Option<String>) -> QueryPlan {
        QueryPlan {
            mode: SearchMode::Bm25,
            vector: None,
            fallback,
        }
    }
}

/// Who waits on an embedding call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A person at a terminal (`kb.search`): one short attempt, then BM25.
    Interactive,
    /// A job (an ingest, a generation's retrieval): the provider's own retries; for a query,
    /// within `JOB_DEADLINE`.
    Job,
}

/// The plan of a search of `collections` (all when empty) in mode `asked` for `text`: BM25, or
/// hybrid with the query's vector, embedded for API key `payer`. Hybrid needs vectors of the
/// configured model in the collections searched, and a query vector of a dimension they have.
/// Every failure on the way falls back to BM25 and says why, a spent daily budget included;
/// only asking for hybrid search where none is configured is refused.
pub async fn plan(
    rt: &Runtime,
    payer: Option<&str>,
    asked: SearchMode,
    text: &str,
    collections: &[String],
    caller: Caller,
) -> Result<QueryPlan, String> {
    if asked == SearchMode::Bm25 {
        return Ok(QueryPlan::bm25(None));
    }
    let Some(e) = embedder(rt) else {
        return match asked {
            SearchMode::Hybrid => Err(
                "hybrid search needs kb.embeddings naming a provider with an embedding_model"
                    .into(),
            ),
            _ => Ok(QueryPlan::bm25(None)),
        };
    };
    let (model, within) = (e.model.clone(), collections.to_vec());
    let stored = rt
        .store
        .read(move |c| vectors::dims(c, &model, &within))
        .await;
    let stored = match stored {
        Ok(stored) if stored.is_empty() => {
            return Ok(QueryPlan::bm25(Some(format!(
                "no chunk of {} has a vector of {} yet",
                scope(collections),
                e.model
            ))));
        }
        Ok(stored) => stored,
        Err(err) => {
            return Ok(QueryPlan::bm25(Some(format!(
                "cannot read the vectors: {err}"
            ))));
        }
    };
    let query = [text.to_string()];
    let deadline = match caller {
        // The attempt's own timeout fires first; this bounds waiting for the rate limits.
        Caller::Interactive => INTERACTIVE_DEADLINE * 2,
        Caller::Job => JOB_DEADLINE,
    };
    let embedded = tokio::time::timeout(deadline, e.embed(rt, payer, &query, caller)).await;
    let why = match embedded {
        Ok((Ok(mut vecs), _)) if vecs.len() == 1 => {
            let vector = vecs.remove(0);
            if stored.iter().any(|(d, _)| *d == vector.len()) {
                return Ok(QueryPlan {
                    mode: SearchMode::Hybrid,
                    vector: Some(QueryVector {
                        model: e.model,
                        vector: vectors::normalise(&vector),
                        min_similarity: rt.config().kb.min_similarity,
                    }),
                    fallback: None,
                });
            }
            let had: Vec<String> = stored.iter().map(|(d, _)| d.to_string()).collect();
            let why = format!(
                "{} now answers {}-dimension vectors but those of {} have {}; ingest again \
                 to embed them anew",
                e.model,
                vector.len(),
                scope(collections),
                had.join(" and ")
            );
            tracing::warn!(provider = %e.provider, reason = %why, "hybrid search fell back to BM25");
            return Ok(QueryPlan::bm25(Some(why)));
        }
        Ok((Ok(_), _)) => "the provider answered no vector".to_string(),
        Ok((Err(why), _)) => why,
        Err(_) => format!(
            "the query's embedding took longer than {} s",
            deadline.as_secs()
        ),
    };
    tracing::warn!(provider = %e.provider, reason = %why, "hybrid search fell back to BM25");
    Ok(QueryPlan::bm25(Some(format!(
        "the query could not be embedded: {why}"
    ))))
}

/// Collections a fallback names before it only counts the rest.
const NAMED: usize = 3;

/// The collections searched, as a fallback names them.
fn scope(collections: &[String]) -> String {
    match collections {
        [] => "the knowledge base".into(),
        [one] => format!("collection '{one}'"),
        many => {
            let named = many[..many.len().min(NAMED)].join("', '");
            match many.len().saturating_sub(NAMED) {
                0 => format!("collections '{named}'"),
                more => format!("collections '{named}' and {more} more"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fallback_names_a_few_collections_and_counts_the_rest() {
        let names = |n: usize| (0..n).map(|i| format!("c{i}")).collect::<Vec<_>>();
        assert_eq!(scope(&[]), "the knowledge base");
        assert_eq!(scope(&names(1)), "collection 'c0'");
        assert_eq!(scope(&names(3)), "collections 'c0', 'c1', 'c2'");
        assert_eq!(scope(&names(5)), "collections 'c0', 'c1', 'c2' and 2 more");
    }
}
