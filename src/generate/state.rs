//! The state a generation fills in and what the stages may use besides it: the checkpointed
//! `GenState`, the knowledge base (`Knowledge`), the model that writes parts (`Writer`), the
//! environment (`StageEnv`) and the errors a stage ends with. The implementations of the
//! stages (`stages` offline, `modelled` with a model) build on this model; nothing here
//! depends on them.

use serde::{Deserialize, Serialize};

use super::article::{Article, Passage, Source};
use super::keywords::CorpusStats;
use super::quality::QualityReport;
use super::stage::Stage;
use super::template::Templates;
use super::tone::ToneProfile;
use super::workflow::{Params, Workflow};
use crate::protocol::generate::GenerateSpec;
use crate::protocol::jobs::JobFailureKind;
use crate::text::content_words;

/// Headings that name a part every article has anyway, so they never become sections.
pub(super) const GENERIC_HEADINGS: &[&str] = &[
    "introduction",
    "overview",
    "conclusion",
    "summary",
    "faq",
    "frequently asked questions",
    "see also",
    "references",
    "next steps",
    "related",
];

/// A section of the outline and the passages assigned to it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutlineSection {
    pub heading: String,
    /// Indices into `GenState::passages`.
    pub passages: Vec<usize>,
    /// A model planned this section and writes its prose, so code with a short paragraph
    /// fills it (offline, the prose alone must reach the section minimum).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
}

/// What one finished stage recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRecord {
    pub stage: Stage,
    pub duration_ms: u64,
    /// Passages the stage drew on.
    pub sources: usize,
    /// Model tokens used (zero offline).
    pub tokens: u64,
    /// Who wrote each part the stage asked a model for, and why a part fell back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRecord>,
    /// Sections the stage left out because they were not about the topic, by heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off_topic: Vec<String>,
}

/// Who wrote one part of an article that a model was asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRecord {
    /// `introduction`, `section "Heading"`, `conclusion`, `outline`, `FAQ`.
    pub part: String,
    /// `model`, or `offline` when the offline text stands.
    pub written_by: String,
    /// Why the model's answer was set aside (when `written_by` is `offline`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
    /// Sentences (list items, entries) of the answer kept and dropped by the checks.
    #[serde(default)]
    pub kept: usize,
    #[serde(default)]
    pub dropped: usize,
    /// Why sentences were dropped: `unsupported`, `repeated`, `meta`, `label`, `cut`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub dropped_for: std::collections::BTreeMap<String, usize>,
}

/// Where the write stage put the article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutputInfo {
    pub path: String,
    pub manifest: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<String>,
}

/// Everything a generation knows; stages fill it in order, and it is checkpointed after each.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GenState {
    pub spec: GenerateSpec,
    pub workflow: Option<Workflow>,
    pub job_id: Option<i64>,
    pub passages: Vec<Passage>,
    pub outline: Vec<OutlineSection>,
    pub article: Article,
    pub body: String,
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<QualityReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<OutputInfo>,
    pub completed: Vec<StageRecord>,
    /// What the model providers did for this article (nothing, offline).
    pub model: ModelUsage,
    /// How retrieval ranked the passages (`Retrieved::ranking`).
    pub ranking: String,
    /// The document whose title names the topic (`own_page`): its parts lead the passages,
    /// in its order, and the outline follows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_page: Option<i64>,
    /// The pages that follow the own page as its chapter: its nested pages in the site's
    /// reading order (`own_page::chapter`) and, for a topic that joins subjects, each later
    /// subject's page and nested pages. Their passages follow the own page's, and so do their
    /// sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chapter: Vec<i64>,
    /// For a topic that joins subjects each with a page of its own, each subject's page and
    /// its nested chapter (`own_page::of_subjects`): their sections take turns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Vec<i64>>,
    /// The passages' documents that the site's reading order links (`retrieve`), each with
    /// how many of the others come before it: sections from them follow that order.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub site_order: std::collections::BTreeMap<i64, usize>,
    /// The topic's words that are not generic words of the corpus (retrieval sets them): a
    /// passage is about the topic when it names these, not when it says "cargo" in Cargo's
    /// book. Empty before retrieval, when every word of the topic counts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub distinctive: Vec<String>,
    /// The units the offline composition put in the article (`compose::unit_key`), so later
    /// parts never repeat them whether or not a model rewrote the text around them.
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub composed: std::collections::BTreeSet<String>,
}

/// Tokens, cost and provider of the parts a model wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelUsage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub calls: u32,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost: f64,
    /// Every provider of the chain was unavailable and the offline composition stood in.
    pub offline_fallback: bool,
    /// Of the tokens above, those of answers the checks set aside.
    pub discarded_tokens: u64,
    /// Some counts are estimates: a provider gave no usage for them.
    pub estimated: bool,
    /// Every part a model was asked for, in order (the stages' records hold theirs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRecord>,
}

/// One part of an article for a model to write.
pub struct PartRequest {
    pub topic: String,
    /// `introduction`, `section "Heading"`, `conclusion`, `outline`, `FAQ`.
    pub part: String,
    /// The passages (or excerpts of them) the part draws on, as Markdown with their lists and
    /// code blocks, numbered from 1 in this order: the only facts the model may use.
    pub sources: Vec<String>,
    /// About how many words the answer needs.
    pub words: usize,
    pub answer: Answer,
}

/// The form of answer a part asks for.
pub enum Answer {
    /// Markdown paragraphs, with lists and code blocks where the sources have them.
    Prose,
    /// One JSON object, described by these instructions and this schema (the provider's
    /// JSON mode is on, with the schema where it takes one).
    Json {
        instructions: String,
        schema: serde_json::Value,
    },
}

/// What a model wrote, and what it cost.
pub struct Written {
    pub text: String,
    pub provider: String,
    pub model: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost: Option<f64>,
    /// The model ran into its `max_tokens`: the end of `text` is unfinished.
    pub cut: bool,
    /// The token counts are estimates.
    pub estimated: bool,
}

/// A model that writes parts of an article (the configured providers). The stages compose
/// offline first, which picks and cites the sources, then let the writer rewrite the part from
/// exactly those sources, and bound what comes back.
pub trait Writer: Sync {
    /// `Ok(None)`: no provider could write it and the offline text stands.
    fn write(
        &self,
        request: &PartRequest,
        so_far: &ModelUsage,
    ) -> Result<Option<Written>, StageError>;
}

/// The reference an article cites for a passage's document: the one place that decides it
/// (today the document's stored source; the public reference once ingest records one).
pub fn public_reference(p: &Passage) -> String {
    // A citation is published: a URL's credentials are hidden (`redact`).
    crate::protocol::redact::urls(&p.source).into_owned()
}

impl GenState {
    /// Which of a joined topic's subjects (`subjects`) the page `document_id` belongs to.
    pub(super) fn subject_of(&self, document_id: i64) -> Option<usize> {
        self.subjects
            .iter()
            .position(|pages| pages.contains(&document_id))
    }

    pub(super) fn params(&self) -> Params {
        self.workflow
            .as_ref()
            .map(|w| w.params.clone())
            .unwrap_or_default()
    }

    pub(super) fn topic_terms(&self) -> Vec<String> {
        content_words(&self.spec.topic)
    }

    /// Stems of the words that say a text is about the topic: its distinctive words once
    /// retrieval has found them, else all its words.
    pub(super) fn topic_stems(&self) -> Vec<String> {
        if self.distinctive.is_empty() {
            return super::compose::topic_stems(&self.spec.topic);
        }
        super::compose::topic_stems(&self.distinctive.join(" "))
    }

    /// The source number for a passage, adding the source (and the chunk) on first use.
    pub(super) fn cite(&mut self, passage: usize) -> usize {
        let Some(p) = self.passages.get(passage) else {
            return 0;
        };
        let (doc_title, source, hash, heading_path) = (
            p.title.clone(),
            public_reference(p),
            p.chunk_hash.clone(),
            p.heading_path.clone(),
        );
        if let Some(s) = self.article.sources.iter_mut().find(|s| s.source == source) {
            if !s.chunks.contains(&hash) {
                s.chunks.push(hash);
            }
            return s.id;
        }
        // Not `len() + 1`: sections left out take their sources with them, leaving gaps.
        let id = self.article.sources.iter().map(|s| s.id).max().unwrap_or(0) + 1;
        let title = doc_title.unwrap_or_else(|| {
            heading_path
                .first()
                .cloned()
                .unwrap_or_else(|| source.clone())
        });
        self.article.sources.push(Source {
            id,
            title,
            source,
            heading_path,
            chunks: vec![hash],
        });
        id
    }
}

/// Passages found for a topic, and how they were ranked.
#[derive(Debug, Clone, Default)]
pub struct Retrieved {
    pub passages: Vec<Passage>,
    /// `bm25`, `hybrid`, or `bm25 (fallback: why)` when hybrid was configured but not possible.
    pub ranking: String,
}

/// What the stages need from the knowledge base.
pub trait Knowledge {
    /// Candidates for a plain-text topic, best first, from `collections` (all when empty):
    /// BM25, or BM25 and vectors fused when embeddings are configured.
    fn search(
        &self,
        topic: &str,
        collections: &[String],
        limit: usize,
    ) -> Result<Retrieved, StageError>;
    /// BM25 candidates alone, best first: how well the knowledge base covers a topic, for
    /// comparing many topics cheaply (no model call per topic).
    fn keyword_search(
        &self,
        topic: &str,
        collections: &[String],
        limit: usize,
    ) -> Result<Vec<Passage>, StageError>;
    /// The whole section `heading_path` of a document (its subsections included), in source
    /// order, at most `limit` chunks; scores are zero.
    fn section(
        &self,
        document_id: i64,
        heading_path: &[String],
        limit: usize,
    ) -> Result<Vec<Passage>, StageError>;
    /// A document's top-level section headings, in source order, each once.
    fn document_sections(&self, document_id: i64) -> Result<Vec<String>, StageError>;
    /// The documents that follow a document along the site's reading order, at most
    /// `steps`.
    fn reading_chain(&self, document_id: i64, steps: usize) -> Result<Vec<i64>, StageError>;
    /// The pages of a document's nested chapter (its folder's pages, same collection), in
    /// the site's reading order, at most `limit`.
    fn chapter_pages(&self, document_id: i64, limit: usize) -> Result<Vec<i64>, StageError>;
    /// Document frequencies of `terms` among all chunks.
    fn corpus_stats(&self, terms: &[String]) -> Result<CorpusStats, StageError>;
    /// Whether a chunk with this hash is ingested.
    fn chunk_exists(&self, hash: &str) -> bool;
    /// Document titles and second-level headings with their chunk counts, most first.
    fn candidate_topics(
        &self,
        collections: &[String],
        limit: usize,
    ) -> Result<Vec<(String, u64)>, StageError>;
}

/// Everything a stage may use besides the state.
pub struct StageEnv<'a> {
    pub knowledge: &'a dyn Knowledge,
    pub templates: &'a Templates,
    pub tone: &'a ToneProfile,
    /// The model that writes the prose parts; offline when absent.
    pub writer: Option<&'a dyn Writer>,
    /// Where the caller the work is done for may have the article written.
    pub output: &'a crate::confine::Confinement,
}

/// When a failure that may pass could be tried again: not before `after`, for `reason`
/// (such as the earliest breaker's next probe).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryHint {
    pub after: std::time::Duration,
    pub reason: String,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum StageError {
    #[error("not enough material: {0}")]
    NotEnoughMaterial(String),
    #[error("{0}")]
    Invalid(String),
    #[error("quality report failed: {0}")]
    QualityFailed(String),
    #[error("{0}")]
    Output(String),
    /// The store failed; worth retrying.
    #[error("knowledge base unavailable: {0}")]
    Store(String),
    /// Every provider of the chain was unavailable and the workflow has no offline fallback;
    /// worth retrying later, and not before `retry` says one of them may answer.
    #[error("{message}")]
    ProvidersUnavailable {
        message: String,
        retry: Option<RetryHint>,
    },
    /// Every provider of the chain refused the request, or cannot be asked as configured:
    /// sending it again cannot succeed.
    #[error("{0}")]
    ProvidersRefused(String),
    /// The job's token or cost budget is spent.
    #[error("{0}")]
    BudgetExceeded(String),
}

impl StageError {
    /// A stable snake_case kind for job failures.
    pub fn kind(&self) -> JobFailureKind {
        match self {
            StageError::NotEnoughMaterial(_) => JobFailureKind::NotEnoughMaterial,
            StageError::Invalid(_) => JobFailureKind::InvalidInput,
            StageError::QualityFailed(_) => JobFailureKind::QualityFailed,
            StageError::Output(_) => JobFailureKind::Output,
            StageError::Store(_) => JobFailureKind::Store,
            StageError::ProvidersUnavailable { .. } => JobFailureKind::Unavailable,
            StageError::ProvidersRefused(_) => JobFailureKind::ProviderRefused,
            StageError::BudgetExceeded(_) => JobFailureKind::BudgetExceeded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_round_trips() {
        let mut state = GenState {
            workflow: Some(crate::generate::workflow::find("blog", None).unwrap()),
            ..GenState::default()
        };
        state.completed.push(StageRecord {
            stage: Stage::Retrieve,
            duration_ms: 1,
            sources: 2,
            tokens: 0,
            parts: Vec::new(),
            off_topic: vec!["Closures".into()],
        });
        let text = serde_json::to_string(&state).unwrap();
        let back: GenState = serde_json::from_str(&text).unwrap();
        assert_eq!(back.completed, state.completed);
        assert!(back.workflow.unwrap().builtin);
    }
}
