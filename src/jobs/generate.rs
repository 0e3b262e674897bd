//! The generate job: runs the stages of the workflow its spec resolved to at submit
//! (`generate::resolve`) one by one on a blocking thread, checkpointing the generation state
//! after each, so a job resumed after a crash or a shutdown continues at the next stage
//! instead of starting over.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::Runtime;
use super::scheduler::{JobContext, JobError};
use crate::confine::Confinement;
use crate::generate::article::Passage;
use crate::generate::keywords::CorpusStats;
use crate::generate::resolve::{Library, ResolvedSpec, Unresolved};
use crate::generate::stage::Stage;
use crate::generate::stages;
use crate::generate::state::{GenState, Knowledge, Retrieved, StageEnv, StageError};
use crate::generate::template::Templates;
use crate::generate::tone::ToneProfile;
use crate::kb::query::{FtsQuery, to_fts5};
use crate::protocol::generate::GenerateSpec;
use crate::protocol::jobs::{GenerateOutcome, JobEventKind, JobFailureKind, QualitySummary};
use crate::protocol::kb::SearchMode;
use crate::store::{Store, StoreError};

/// The knowledge base as the stages see it, read through the store's read-only connections;
/// retrieval is hybrid when embeddings are configured (`jobs::embed::plan`, mode auto).
/// Called from blocking threads only.
pub struct StoreKnowledge {
    pub store: Store,
    runtime: Arc<Runtime>,
    /// The API key the work is done for: its daily budget pays for a query's embedding, and
    /// its owner scope bounds what is read.
    payer: Option<String>,
    /// The runtime the query embedding is awaited on, from the blocking thread.
    handle: tokio::runtime::Handle,
}

impl StoreKnowledge {
    /// Must be called inside the runtime. `payer` is the API key the work is done for.
    pub fn new(rt: &Arc<Runtime>, payer: Option<String>) -> StoreKnowledge {
        StoreKnowledge {
            store: rt.store.clone(),
            runtime: rt.clone(),
            payer,
            handle: tokio::runtime::Handle::current(),
        }
    }

    /// The best passages for `query`: BM25, fused with the vector ranking when given one.
    fn passages(
        &self,
        query: &FtsQuery,
        vector: Option<&crate::store::docs::QueryVector>,
        collections: &[String],
        limit: usize,
    ) -> Result<Vec<Passage>, StageError> {
        self.store
            .read_blocking(|c| match self.within(c, collections)? {
                Some(within) => {
                    crate::store::generation::passages(c, query, vector, &within, limit)
                }
                None => Ok(Vec::new()),
            })
            .map_err(store_error)
    }

    /// The collections of `asked` (none: all) that the key this work is done for may read
    /// (`store::collections`), so that an article never quotes documents its key could not
    /// read; None when it may read none of them.
    fn within(
        &self,
        c: &rusqlite::Connection,
        asked: &[String],
    ) -> Result<Option<Vec<String>>, StoreError> {
        let reader = crate::store::collections::reader_of(c, self.payer.as_deref())?;
        Ok(crate::store::collections::readable(c, reader.as_deref())?.narrow(asked))
    }
}

fn store_error(e: StoreError) -> StageError {
    StageError::Store(e.to_string())
}

impl Knowledge for StoreKnowledge {
    fn search(
        &self,
        topic: &str,
        collections: &[String],
        limit: usize,
    ) -> Result<Retrieved, StageError> {
        let Some(query) = to_fts5(topic, false) else {
            return Ok(Retrieved::default());
        };
        // The vectors looked for are those of the collections this key may read.
        let Some(within) = self
            .store
            .read_blocking(|c| self.within(c, collections))
            .map_err(store_error)?
        else {
            return Ok(Retrieved {
                passages: Vec::new(),
                ranking: SearchMode::Bm25.as_str().into(),
            });
        };
        let plan = self
            .handle
            .block_on(super::embed::plan(
                &self.runtime,
                self.payer.as_deref(),
                SearchMode::Auto,
                topic,
                &within,
                super::embed::Caller::Job,
            ))
            .unwrap_or_default();
        tracing::info!(mode = plan.mode.as_str(), fallback = ?plan.fallback, "retrieval");
        let passages = self.passages(&query, plan.vector.as_ref(), collections, limit)?;
        let ranking = match &plan.fallback {
            Some(why) => format!("{} (fallback: {why})", plan.mode.as_str()),
            None => plan.mode.as_str().to_string(),
        };
        Ok(Retrieved { passages, ranking })
    }

    fn keyword_search(
        &self,
        topic: &str,
        collections: &[String],
        limit: usize,
    ) -> Result<Vec<Passage>, StageError> {
        match to_fts5(topic, false) {
            Some(query) => self.passages(&query, None, collections, limit),
            None => Ok(Vec::new()),
        }
    }

    fn section(
        &self,
        document_id: i64,
        heading_path: &[String],
        limit: usize,
    ) -> Result<Vec<Passage>, StageError> {
        self.store
            .read_blocking(|c| {
                crate::store::generation::section_chunks(c, document_id, heading_path, limit)
            })
            .map_err(store_error)
    }

    fn document_sections(&self, document_id: i64) -> Result<Vec<String>, StageError> {
        self.store
            .read_blocking(|c| crate::store::generation::document_sections(c, document_id))
            .map_err(store_error)
    }

    fn reading_chain(&self, document_id: i64, steps: usize) -> Result<Vec<i64>, StageError> {
        self.store
            .read_blocking(|c| crate::store::generation::reading_chain(c, document_id, steps))
            .map_err(store_error)
    }

    fn chapter_pages(&self, document_id: i64, limit: usize) -> Result<Vec<i64>, StageError> {
        self.store
            .read_blocking(|c| crate::store::generation::chapter_pages(c, document_id, limit))
            .map_err(store_error)
    }

    fn corpus_stats(&self, terms: &[String]) -> Result<CorpusStats, StageError> {
        let (documents, df) = self
            .store
            .read_blocking(|c| crate::store::generation::document_frequencies(c, terms))
            .map_err(store_error)?;
        Ok(CorpusStats {
            documents,
            document_frequency: df.into_iter().collect::<BTreeMap<_, _>>(),
        })
    }

    fn chunk_exists(&self, hash: &str) -> bool {
        self.store
            .read_blocking(|c| crate::store::generation::chunk_exists(c, hash))
            .unwrap_or(false)
    }

    fn candidate_topics(
        &self,
        collections: &[String],
        limit: usize,
    ) -> Result<Vec<(String, u64)>, StageError> {
        self.store
            .read_blocking(|c| match self.within(c, collections)? {
                Some(within) => crate::store::generation::candidate_topics(c, &within, limit),
                None => Ok(Vec::new()),
            })
            .map_err(store_error)
    }
}

/// What the stages of one generation run with: its tone, the templates, the knowledge base and
/// the model that writes (offline when none).
pub struct StageTools {
    tone: ToneProfile,
    templates: Templates,
    knowledge: StoreKnowledge,
    writer: Option<super::writer::ProviderWriter>,
    output: Confinement,
}

impl StageTools {
    /// The tools for articles of this tone, with the templates loaded (built-ins and the
    /// user's folder). `output` bounds where the write stage may write, for the caller the
    /// work is done for.
    pub fn load(
        rt: &Arc<Runtime>,
        knowledge: StoreKnowledge,
        tone: ToneProfile,
        output: Confinement,
    ) -> Result<StageTools, StageError> {
        Ok(StageTools {
            tone,
            templates: templates(rt)?,
            knowledge,
            writer: None,
            output,
        })
    }

    /// The same tools with a model writing the prose parts.
    pub fn with_writer(mut self, writer: Option<super::writer::ProviderWriter>) -> StageTools {
        self.writer = writer;
        self
    }

    /// Runs one stage on `state` (on a blocking thread: stages parse, score and write files).
    pub fn run(&self, stage: Stage, state: &mut GenState) -> Result<(), StageError> {
        let env = StageEnv {
            knowledge: &self.knowledge,
            templates: &self.templates,
            tone: &self.tone,
            writer: self
                .writer
                .as_ref()
                .map(|w| w as &dyn crate::generate::state::Writer),
            output: &self.output,
        };
        stages::run(stage, state, &env)
    }
}

/// The workflows and templates specs resolve against: the built-ins and the user's folders.
pub fn library(rt: &Runtime) -> Result<Library, Unresolved> {
    Library::load(&rt.user_dir("workflows"), &rt.user_dir("templates"))
}

/// Templates: the built-ins and the user's folder.
pub fn templates(rt: &Runtime) -> Result<Templates, StageError> {
    crate::generate::template::load(Some(&rt.user_dir("templates")))
        .map_err(|e| StageError::Invalid(e.to_string()))
}

/// Topics that already have an article.
pub fn written_topics(store: &Store) -> Result<HashSet<String>, StageError> {
    store
        .read_blocking(crate::store::articles::written_topics)
        .map(|v| v.into_iter().collect())
        .map_err(store_error)
}

/// A stage's failure as the queue sees it: a store hiccup or unavailable providers may pass
/// (the latter not before one of them may answer again); anything else, providers that
/// refused the request included, fails the job for good.
fn job_error(e: StageError) -> JobError {
    let kind = e.kind();
    match e {
        StageError::Store(_) => JobError::transient(kind, e.to_string()),
        StageError::ProvidersUnavailable { message, retry } => {
            JobError::transient(kind, message).not_before(retry)
        }
        other => JobError::permanent(kind, other.to_string()),
    }
}

pub async fn run(ctx: &JobContext, spec: GenerateSpec) -> Result<GenerateOutcome, JobError> {
    let rt = ctx.runtime.clone();
    let job_id = ctx.job.id;
    let (checkpoint, stored) = rt
        .store
        .read(move |c| {
            Ok((
                crate::store::generation::load_checkpoint(c, job_id)?,
                crate::store::jobs::resolved(c, job_id)?,
            ))
        })
        .await
        .map_err(JobError::store)?;
    let resumed = match checkpoint.map(|text| serde_json::from_str::<GenState>(&text)) {
        Some(Ok(state)) => Some(state),
        Some(Err(e)) => {
            // A checkpoint from an incompatible version: starting over beats failing.
            let message = format!("cannot read the checkpoint ({e}); starting over");
            ctx.event(JobEventKind::Warning, message, None).await;
            None
        }
        None => None,
    };
    let resolved = resolution(ctx, stored, resumed.as_ref(), &spec).await?;
    let mut state = match resumed {
        Some(state) => {
            let message = format!("resuming after {} finished stage(s)", state.completed.len());
            ctx.event(JobEventKind::Log, message, None).await;
            state
        }
        None => prepare(&rt, spec, &resolved, job_id, ctx.job.owner.clone())
            .await
            .map_err(job_error)?,
    };
    let workflow = state
        .workflow
        .clone()
        .ok_or_else(|| JobError::permanent(JobFailureKind::Internal, "no workflow"))?;
    let total = workflow.stages.len();
    // The templates are loaded once per run, not once per stage.
    let (rt2, tone, template) = (rt.clone(), resolved.tone, resolved.template);
    let writer = super::writer::ProviderWriter::for_job(ctx, &state.spec, &workflow);
    let knowledge = StoreKnowledge::new(&rt, ctx.job.owner.clone());
    // The owner's role as it is now: a key demoted since the submit writes as a user.
    let admin = rt
        .owner_is_admin(ctx.job.owner.clone())
        .await
        .map_err(JobError::store)?;
    let output = rt.output_roots(admin);
    let tools = tokio::task::spawn_blocking(move || {
        let tools = StageTools::load(&rt2, knowledge, tone, output)?;
        // Templates are the operator's to add and remove: one may have gone since the submit.
        match tools.templates.source(&template) {
            Some(_) => Ok(tools),
            None => Err(StageError::Invalid(format!("no template '{template}'"))),
        }
    })
    .await
    .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))?
    .map(|t| Arc::new(t.with_writer(writer)))
    .map_err(job_error)?;
    for (i, stage) in workflow.stages.iter().copied().enumerate() {
        if state.completed.iter().any(|r| r.stage == stage) {
            continue;
        }
        if ctx.cancel.is_cancelled() {
            return Err(JobError::cancelled());
        }
        let tools2 = tools.clone();
        // The stage's span is a child of the job's, also on the blocking thread.
        let span = tracing::info_span!("stage", stage = stage.name());
        let (next, result) = tokio::task::spawn_blocking(move || {
            let _in_stage = span.enter();
            let mut state = state;
            let result = tools2.run(stage, &mut state);
            (state, result)
        })
        .await
        .map_err(|e| {
            JobError::permanent(
                JobFailureKind::Internal,
                format!("stage {} crashed: {e}", stage.name()),
            )
        })?;
        state = next;
        result.map_err(job_error)?;
        if let Some(record) = state.completed.last() {
            let seconds = record.duration_ms as f64 / 1000.0;
            metrics::histogram!(crate::metrics::STAGE_DURATION, "stage" => stage.name())
                .record(seconds);
        }
        checkpoint_state(&rt, job_id, &state).await?;
        let message = format!("stage {} done", stage.name());
        ctx.event(
            JobEventKind::Progress,
            message,
            Some(json!({"done": i + 1, "total": total, "stage": stage.name()})),
        )
        .await;
        if workflow.params.pause_ms > 0 {
            tokio::time::sleep(Duration::from_millis(workflow.params.pause_ms)).await;
        }
    }
    finish(&rt, &state, ctx.job.owner.clone()).await
}

/// What the job's spec resolved to at submit. A job queued before specs were resolved at
/// submit, or whose stored value this version cannot read, resolves its spec now, keeping the
/// workflow its checkpoint started with when it has one.
async fn resolution(
    ctx: &JobContext,
    stored: Option<String>,
    resumed: Option<&GenState>,
    spec: &GenerateSpec,
) -> Result<ResolvedSpec, JobError> {
    if let Some(text) = stored {
        match serde_json::from_str(&text) {
            Ok(resolved) => return Ok(resolved),
            Err(e) => {
                let message = format!("cannot read the resolved spec ({e}); resolving it again");
                ctx.event(JobEventKind::Warning, message, None).await;
            }
        }
    }
    let (rt, spec) = (ctx.runtime.clone(), spec.clone());
    let workflow = resumed.and_then(|s| s.workflow.clone());
    tokio::task::spawn_blocking(move || {
        let library = library(&rt)?;
        match workflow {
            Some(workflow) => library.resolve_with(workflow, &spec),
            None => library.resolve(&spec),
        }
    })
    .await
    .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))?
    .map_err(|e| job_error(StageError::Invalid(e.to_string())))
}

/// The state the first stage starts from: the spec with the workflow it resolved to and, when
/// asked for, the best topic not yet written.
async fn prepare(
    rt: &Arc<Runtime>,
    mut spec: GenerateSpec,
    resolved: &ResolvedSpec,
    job_id: i64,
    payer: Option<String>,
) -> Result<GenState, StageError> {
    if spec.auto_topic {
        let rt = rt.clone();
        let collections = spec.collections.clone();
        let knowledge = StoreKnowledge::new(&rt, payer);
        spec.topic = tokio::task::spawn_blocking(move || {
            let written = written_topics(&rt.store)?;
            crate::generate::topics::best_unwritten(&knowledge, &collections, &written)
        })
        .await
        .map_err(|e| StageError::Invalid(e.to_string()))??;
    }
    Ok(GenState {
        spec,
        workflow: Some(resolved.workflow.clone()),
        job_id: Some(job_id),
        ..GenState::default()
    })
}

/// The finished document in a checkpoint (what `--out -` prints); None when the checkpoint
/// does not parse or holds none yet.
pub fn document_of(checkpoint: &str) -> Option<String> {
    // Only the one field is read: the rest of the state (passages, sections) is not needed.
    #[derive(serde::Deserialize)]
    struct Document {
        document: String,
    }
    serde_json::from_str::<Document>(checkpoint)
        .ok()
        .map(|d| d.document)
        .filter(|d| !d.is_empty())
}

async fn checkpoint_state(rt: &Runtime, job_id: i64, state: &GenState) -> Result<(), JobError> {
    let text = serde_json::to_string(state)
        .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))?;
    rt.store
        .write(move |c| crate::store::generation::save_checkpoint(c, job_id, &text))
        .await
        .map_err(JobError::store)
}

/// Records the article in the history and builds the job's result.
async fn finish(
    rt: &Runtime,
    state: &GenState,
    owner: Option<String>,
) -> Result<GenerateOutcome, JobError> {
    let quality = state.quality.as_ref().map(|q| QualitySummary {
        failed: q
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.name.clone())
            .collect(),
        passed: q.passed,
        readability_grade: q.readability_grade,
        words: q.words as u64,
    });
    if state.output.is_some() || state.spec.stdout {
        let article = crate::store::articles::NewArticle {
            topic: state.spec.topic.clone(),
            title: state.article.title.clone(),
            slug: state.article.slug.clone(),
            path: state.output.as_ref().map(|o| o.path.clone()),
            workflow: state
                .workflow
                .as_ref()
                .map(|w| w.name.clone())
                .unwrap_or_default(),
            format: state.spec.format.clone(),
            quality: state.quality.as_ref().map(|q| q.passed),
            provider: state
                .model
                .provider
                .clone()
                .unwrap_or_else(|| "offline".into()),
            job_id: state.job_id,
            owner,
        };
        rt.store
            .write(move |c| crate::store::articles::record(c, &article))
            .await
            .map_err(JobError::store)?;
    }
    let stages = state
        .completed
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()
        .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))?;
    Ok(GenerateOutcome {
        backup: state.output.as_ref().and_then(|o| o.backup.clone()),
        // Kept for standard output: its size (the text is fetched with `jobs.output`).
        bytes: state.spec.stdout.then_some(state.document.len() as u64),
        manifest: state.output.as_ref().map(|o| o.manifest.clone()),
        path: state.output.as_ref().map(|o| o.path.clone()),
        quality,
        sections: state.article.sections.len() as u64,
        slug: state.article.slug.clone(),
        sources: state.article.sources.len() as u64,
        stages,
        title: state.article.title.clone(),
        topic: state.spec.topic.clone(),
        workflow: state.workflow.as_ref().map(|w| w.name.clone()),
    })
}
