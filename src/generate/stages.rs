//! The stages of a workflow (the "agents" of the original system) and the state they share.
//! Each stage reads some fields of `GenState` and fills others; `cgen agents run NAME` runs one
//! stage alone on a state given as JSON. Every stage here is the deterministic offline
//! implementation: the same knowledge base, topic, options and date give the same bytes. The
//! tone profile caps each part at its word target, and a section its sources cannot fill to
//! the minimum is left out.
//! The knowledge base is reached through the `Knowledge` trait, so no SQL lives here.

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::article::{Article, CodeExample, Faq, Passage, Section, Source};
use super::compose::{Candidate, mmr, paragraphs, select_sentences, summarize};
use super::keywords::{CorpusStats, score_keywords};
use super::modelled;
use super::output::{self, Layout};
use super::quality::{QualityOptions, QualityReport};
use super::template::Templates;
use super::tone::ToneProfile;
use super::workflow::{Params, Workflow};
use crate::protocol::generate::GenerateSpec;
use crate::text::{content_words, strip_footnote_refs};

/// Candidates retrieval asks the index for before re-ranking them for diversity.
const RETRIEVAL_CANDIDATES: usize = 80;
/// Sentences per paragraph of a composed section.
const PARAGRAPH_SENTENCES: usize = 3;
/// Words of one FAQ answer (the tone profile may lower it).
const FAQ_ANSWER_WORDS: usize = 60;
/// Longest code example lifted from a source, in lines.
const MAX_CODE_LINES: usize = 40;
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

/// Every stage, in the order a full workflow runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Retrieve,
    Outline,
    Introduction,
    Sections,
    CodeExamples,
    Faq,
    Conclusion,
    Keywords,
    Seo,
    Frontmatter,
    Assemble,
    Quality,
    Write,
}

impl Stage {
    pub const ALL: [Stage; 13] = [
        Stage::Retrieve,
        Stage::Outline,
        Stage::Introduction,
        Stage::Sections,
        Stage::CodeExamples,
        Stage::Faq,
        Stage::Conclusion,
        Stage::Keywords,
        Stage::Seo,
        Stage::Frontmatter,
        Stage::Assemble,
        Stage::Quality,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Retrieve => "retrieve",
            Stage::Outline => "outline",
            Stage::Introduction => "introduction",
            Stage::Sections => "sections",
            Stage::CodeExamples => "code-examples",
            Stage::Faq => "faq",
            Stage::Conclusion => "conclusion",
            Stage::Keywords => "keywords",
            Stage::Seo => "seo",
            Stage::Frontmatter => "frontmatter",
            Stage::Assemble => "assemble",
            Stage::Quality => "quality",
            Stage::Write => "write",
        }
    }

    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Stages whose output this one reads; a workflow must run them first.
    pub fn requires(self) -> &'static [Stage] {
        match self {
            Stage::Retrieve => &[],
            Stage::Outline
            | Stage::Introduction
            | Stage::Faq
            | Stage::CodeExamples
            | Stage::Keywords => &[Stage::Retrieve],
            Stage::Sections => &[Stage::Outline],
            Stage::Conclusion => &[Stage::Introduction],
            Stage::Seo => &[Stage::Introduction, Stage::Keywords],
            Stage::Frontmatter => &[Stage::Seo],
            Stage::Assemble => &[Stage::Frontmatter],
            Stage::Quality | Stage::Write => &[Stage::Assemble],
        }
    }

    /// What the stage does, for `cgen agents list|show`.
    pub fn describe(self) -> StageInfo {
        let (summary, reads, writes): (&str, &[&str], &[&str]) = match self {
            Stage::Retrieve => (
                "BM25 search of the knowledge base, re-ranked for diversity (MMR)",
                &["spec"],
                &["passages"],
            ),
            Stage::Outline => (
                "sections from the headings of the best sources, in their order; planned by the \
                 model when a provider is configured",
                &["passages"],
                &["outline"],
            ),
            Stage::Introduction => (
                "the most central sentences of the best passages; rewritten by the model when a \
                 provider is configured",
                &["passages"],
                &["article.introduction"],
            ),
            Stage::Sections => (
                "each section from its passages by extractive sentence selection, with citations",
                &["outline", "passages"],
                &["article.sections", "article.sources"],
            ),
            Stage::CodeExamples => (
                "relevant fenced code blocks lifted from the passages",
                &["passages"],
                &["article.code_examples", "article.sources"],
            ),
            Stage::Faq => (
                "questions from question headings and definitional sentences; written by the \
                 model from cited passages when a provider is configured",
                &["passages"],
                &["article.faq", "article.sources"],
            ),
            Stage::Conclusion => (
                "a summary of what the sections said",
                &["article"],
                &["article.conclusion"],
            ),
            Stage::Keywords => (
                "keywords scored by TF-IDF against the knowledge base",
                &["article", "passages"],
                &["article.keywords"],
            ),
            Stage::Seo => (
                "title, seo_title (≤ 60), description (≤ 160), tags and a unique slug",
                &["spec", "article"],
                &[
                    "article.title",
                    "article.seo_title",
                    "article.description",
                    "article.tags",
                    "article.slug",
                ],
            ),
            Stage::Frontmatter => (
                "date, author and draft flag",
                &["spec"],
                &["article.date", "article.author", "article.draft"],
            ),
            Stage::Assemble => (
                "renders the template and the output format",
                &["article", "spec"],
                &["body", "document"],
            ),
            Stage::Quality => (
                "the quality report (fails the job with --strict)",
                &["article", "body"],
                &["quality"],
            ),
            Stage::Write => (
                "writes the article and its manifest inside the output folder",
                &["document", "spec"],
                &["output"],
            ),
        };
        StageInfo {
            name: self.name().into(),
            summary: summary.into(),
            reads: reads.iter().map(|s| s.to_string()).collect(),
            writes: writes.iter().map(|s| s.to_string()).collect(),
            requires: self
                .requires()
                .iter()
                .map(|s| s.name().to_string())
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StageInfo {
    pub name: String,
    pub summary: String,
    pub reads: Vec<String>,
    pub writes: Vec<String>,
    pub requires: Vec<String>,
}

/// A section of the outline and the passages assigned to it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutlineSection {
    pub heading: String,
    /// Indices into `GenState::passages`.
    pub passages: Vec<usize>,
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
}

/// One part of an article for a model to write.
pub struct PartRequest {
    pub topic: String,
    /// `introduction`, `section "Heading"`, `conclusion`, `outline`, `FAQ`.
    pub part: String,
    /// The passages (or excerpts of them) the part draws on: the only facts the model may use.
    pub sources: Vec<String>,
    /// About how many words the answer needs.
    pub words: usize,
    pub answer: Answer,
}

/// The form of answer a part asks for.
pub enum Answer {
    /// Plain Markdown paragraphs.
    Prose,
    /// One JSON object, described by these instructions (the provider's JSON mode is on).
    Json(String),
}

/// What a model wrote, and what it cost.
pub struct Written {
    pub text: String,
    pub provider: String,
    pub model: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost: Option<f64>,
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

impl GenState {
    fn params(&self) -> Params {
        self.workflow
            .as_ref()
            .map(|w| w.params.clone())
            .unwrap_or_default()
    }

    fn topic_terms(&self) -> Vec<String> {
        content_words(&self.spec.topic)
    }

    /// The source number for a passage, adding the source (and the chunk) on first use.
    pub(super) fn cite(&mut self, passage: usize) -> usize {
        let Some(p) = self.passages.get(passage) else {
            return 0;
        };
        let (doc_title, source, hash, heading_path) = (
            p.title.clone(),
            p.source.clone(),
            p.chunk_hash.clone(),
            p.heading_path.clone(),
        );
        if let Some(s) = self.article.sources.iter_mut().find(|s| s.source == source) {
            if !s.chunks.contains(&hash) {
                s.chunks.push(hash);
            }
            return s.id;
        }
        let id = self.article.sources.len() + 1;
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
    /// worth retrying later.
    #[error("{0}")]
    ProvidersUnavailable(String),
    /// The job's token or cost budget is spent.
    #[error("{0}")]
    BudgetExceeded(String),
}

impl StageError {
    /// A stable snake_case kind for job failures.
    pub fn kind(&self) -> &'static str {
        match self {
            StageError::NotEnoughMaterial(_) => "not_enough_material",
            StageError::Invalid(_) => "invalid_input",
            StageError::QualityFailed(_) => "quality_failed",
            StageError::Output(_) => "output",
            StageError::Store(_) => "store",
            StageError::ProvidersUnavailable(_) => "unavailable",
            StageError::BudgetExceeded(_) => "budget_exceeded",
        }
    }
}

/// Runs one stage and records its timing.
pub fn run(stage: Stage, state: &mut GenState, env: &StageEnv) -> Result<(), StageError> {
    let started = Instant::now();
    let tokens_before = state.model.input_tokens + state.model.output_tokens;
    let sources = match stage {
        Stage::Retrieve => retrieve(state, env)?,
        Stage::Outline => outline(state, env)?,
        Stage::Introduction => introduction(state, env)?,
        Stage::Sections => sections(state, env)?,
        Stage::CodeExamples => code_examples(state),
        Stage::Faq => faq(state, env)?,
        Stage::Conclusion => conclusion(state, env)?,
        Stage::Keywords => keywords(state, env)?,
        Stage::Seo => seo(state),
        Stage::Frontmatter => frontmatter(state),
        Stage::Assemble => assemble(state, env)?,
        Stage::Quality => quality(state, env)?,
        Stage::Write => write(state)?,
    };
    state.completed.push(StageRecord {
        stage,
        duration_ms: started.elapsed().as_millis() as u64,
        sources,
        tokens: state.model.input_tokens + state.model.output_tokens - tokens_before,
    });
    Ok(())
}

fn retrieve(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let params = state.params();
    let topic = state.spec.topic.trim().to_string();
    if topic.is_empty() {
        return Err(StageError::Invalid("the topic is empty".into()));
    }
    let retrieved = env
        .knowledge
        .search(&topic, &state.spec.collections, RETRIEVAL_CANDIDATES)?;
    state.ranking = retrieved.ranking;
    let found: Vec<Passage> = retrieved
        .passages
        .into_iter()
        .filter(|p| p.score > 0.0)
        .collect();
    if found.len() < params.min_passages {
        return Err(StageError::NotEnoughMaterial(format!(
            "the knowledge base has {} passage(s) on \"{topic}\" and an article needs at least {}; \
             ingest more sources on it or choose another topic",
            found.len(),
            params.min_passages
        )));
    }
    let candidates: Vec<Candidate> = found
        .iter()
        .enumerate()
        .map(|(index, p)| Candidate {
            index,
            score: p.score,
            terms: content_words(&p.text),
        })
        .collect();
    let picked = mmr(&candidates, params.passages, 0.7);
    state.passages = picked
        .into_iter()
        .filter_map(|i| found.get(i).cloned())
        .collect();
    Ok(state.passages.len())
}

/// The deepest heading below the document title, if it is a usable section name.
fn section_heading(p: &Passage) -> Option<String> {
    if p.heading_path.len() < 2 {
        return None;
    }
    let heading = p.heading_path.last()?.trim().to_string();
    let lower = heading.to_lowercase();
    let generic = GENERIC_HEADINGS.iter().any(|g| lower == *g);
    (!heading.is_empty() && !heading.ends_with('?') && !generic).then_some(heading)
}

/// The outline: from the headings of the best sources offline; planned by the model when
/// one is configured and its plan holds up (`modelled::outline`).
fn outline(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let params = state.params();
    if let Some(planned) = modelled::outline(state, env, params.sections)? {
        state.outline = planned;
    } else {
        offline_outline(state, &params);
    }
    Ok(state.outline.iter().map(|s| s.passages.len()).sum())
}

fn offline_outline(state: &mut GenState, params: &Params) {
    // Group passages by heading; remember where each group first appears.
    let mut groups: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    let mut loose = Vec::new();
    for (i, p) in state.passages.iter().enumerate() {
        match section_heading(p) {
            Some(h) => groups
                .entry(h.to_lowercase())
                .or_insert_with(|| (h, Vec::new()))
                .1
                .push(i),
            None => loose.push(i),
        }
    }
    let mut sections: Vec<OutlineSection> = groups
        .into_values()
        .map(|(heading, passages)| OutlineSection { heading, passages })
        .collect();
    // Keep the best-supported sections...
    let weight =
        |s: &OutlineSection| -> f64 { s.passages.iter().map(|&i| state.passages[i].score).sum() };
    sections.sort_by(|a, b| {
        weight(b)
            .total_cmp(&weight(a))
            .then_with(|| a.heading.cmp(&b.heading))
    });
    sections.truncate(params.sections);
    // ...attach loose passages where their words fit best...
    for i in loose {
        let words: HashSet<String> = content_words(&state.passages[i].text).into_iter().collect();
        let best = sections
            .iter()
            .enumerate()
            .map(|(s, sec)| {
                (
                    s,
                    content_words(&sec.heading)
                        .iter()
                        .filter(|w| words.contains(*w))
                        .count(),
                )
            })
            .filter(|(_, overlap)| *overlap > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((s, _)) = best {
            sections[s].passages.push(i);
        }
    }
    // ...and follow the structure of the sources: the best document's order first.
    let doc_rank: BTreeMap<i64, usize> = state
        .passages
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (p.document_id, i))
        .collect();
    let position = |s: &OutlineSection| {
        let first = s
            .passages
            .iter()
            .map(|&i| &state.passages[i])
            .min_by_key(|p| (doc_rank[&p.document_id], p.chunk_id));
        first
            .map(|p| (doc_rank[&p.document_id], p.chunk_id))
            .unwrap_or((usize::MAX, i64::MAX))
    };
    sections.sort_by_key(position);
    state.outline = sections;
}

/// Sentences already in the article, so no sentence is said twice.
fn used_sentences(article: &Article) -> HashSet<String> {
    let mut used = HashSet::new();
    for body in
        std::iter::once(&article.introduction.body).chain(article.sections.iter().map(|s| &s.body))
    {
        for s in crate::text::sentences(&strip_footnote_refs(body)) {
            used.insert(s.text.to_lowercase());
        }
    }
    used
}

/// Composes paragraphs from `passages` (indices into the state), citing their sources.
fn compose(
    state: &mut GenState,
    passages: &[usize],
    focus: &[String],
    budget: usize,
) -> (String, Vec<usize>) {
    let chosen: Vec<Passage> = passages
        .iter()
        .filter_map(|&i| state.passages.get(i).cloned())
        .collect();
    let used = used_sentences(&state.article);
    let selected: Vec<_> = select_sentences(&chosen, focus, budget)
        .into_iter()
        .filter(|s| !used.contains(&s.sentence.to_lowercase()))
        .collect();
    let mut body = Vec::new();
    let mut cited = Vec::new();
    for (text, drawn_from) in paragraphs(&selected, PARAGRAPH_SENTENCES) {
        let mut refs: Vec<usize> = drawn_from
            .iter()
            .filter_map(|&k| passages.get(k))
            .map(|&i| state.cite(i))
            .collect();
        refs.sort_unstable();
        refs.dedup();
        let marks: String = refs.iter().map(|r| format!("[^{r}]")).collect();
        body.push(format!("{text}{marks}"));
        cited.extend(refs);
    }
    cited.sort_unstable();
    cited.dedup();
    (body.join("\n\n"), cited)
}

fn introduction(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let tone = env.tone;
    let params = state.params();
    // The lead of a source (text under its title, before any section) introduces best; the
    // best passages overall fill in when the sources have little lead text.
    let mut pool: Vec<usize> = (0..state.passages.len())
        .filter(|&i| state.passages[i].heading_path.len() <= 1)
        .take(4)
        .collect();
    for i in 0..state.passages.len().min(6) {
        if pool.len() >= 6 {
            break;
        }
        if !pool.contains(&i) {
            pool.push(i);
        }
    }
    let focus = state.topic_terms();
    let budget = params.intro_words.min(tone.section_words.introduction.1);
    let (body, citations) = compose(state, &pool, &focus, budget);
    let body = modelled::prose(state, env, "introduction".into(), &pool, budget, body)?;
    state.article.introduction = Section {
        heading: String::new(),
        body,
        citations,
    };
    Ok(pool.len())
}

/// Composes each outline section; a section the sources cannot fill to the tone's minimum
/// is left out rather than padded.
fn sections(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let tone = env.tone;
    let params = state.params();
    let min_words = tone.section_words.section.0;
    let outline = state.outline.clone();
    let mut drawn = 0;
    for entry in &outline {
        let mut focus = state.topic_terms();
        focus.extend(content_words(&entry.heading));
        let sources_before = state.article.sources.clone();
        let budget = params.section_words.min(tone.section_words.section.1);
        let (mut body, mut citations) = compose(state, &entry.passages, &focus, budget);
        if crate::text::word_count(&strip_footnote_refs(&body)) < min_words.max(1) {
            // Chunks hold one kind each: a section planned on a document's code or list
            // passages draws its prose from that document's other retrieved passages.
            state.article.sources = sources_before.clone();
            let widened = same_documents(state, &entry.passages);
            (body, citations) = compose(state, &widened, &focus, budget);
        }
        if crate::text::word_count(&strip_footnote_refs(&body)) < min_words.max(1) {
            state.article.sources = sources_before;
            continue;
        }
        let part = format!("section \"{}\"", entry.heading);
        let body = modelled::prose(state, env, part, &entry.passages, budget, body)?;
        drawn += entry.passages.len();
        state.article.sections.push(Section {
            heading: entry.heading.clone(),
            body,
            citations,
        });
    }
    Ok(drawn)
}

/// `passages` and, after them, the other retrieved passages of the same documents.
fn same_documents(state: &GenState, passages: &[usize]) -> Vec<usize> {
    let documents: HashSet<i64> = passages
        .iter()
        .filter_map(|&i| state.passages.get(i).map(|p| p.document_id))
        .collect();
    let mut widened = passages.to_vec();
    widened.extend(
        (0..state.passages.len()).filter(|i| {
            !passages.contains(i) && documents.contains(&state.passages[*i].document_id)
        }),
    );
    widened
}

fn conclusion(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let tone = env.tone;
    let params = state.params();
    let bodies: Vec<String> = state
        .article
        .sections
        .iter()
        .map(|s| strip_footnote_refs(&s.body))
        .collect();
    let texts: Vec<&str> = if bodies.is_empty() {
        state.passages.iter().map(|p| p.text.as_str()).collect()
    } else {
        bodies.iter().map(String::as_str).collect()
    };
    let intro: HashSet<String> =
        crate::text::sentences(&strip_footnote_refs(&state.article.introduction.body))
            .into_iter()
            .map(|s| s.text.to_lowercase())
            .collect();
    let budget = params.conclusion_words.min(tone.section_words.conclusion.1);
    let picked: Vec<String> = summarize(&texts, budget)
        .into_iter()
        .filter(|s| !intro.contains(&s.to_lowercase()))
        .collect();
    let count = texts.len();
    let sources: Vec<usize> = (0..state.passages.len().min(8)).collect();
    let body = modelled::prose(
        state,
        env,
        "conclusion".into(),
        &sources,
        budget,
        picked.join(" "),
    )?;
    state.article.conclusion = Section {
        heading: "Conclusion".into(),
        body,
        citations: Vec::new(),
    };
    Ok(count)
}

/// The FAQ: written by the model when one is configured and its answer holds up
/// (`modelled::faq`); offline, from question headings and definitional sentences.
fn faq(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let params = state.params();
    let answer_words = FAQ_ANSWER_WORDS.min(env.tone.section_words.faq_answer.1);
    if let Some(written) = modelled::faq(state, env, params.faq, answer_words)? {
        state.article.faq = written;
        return Ok(state.article.faq.len());
    }
    Ok(offline_faq(state, &params, answer_words))
}

fn offline_faq(state: &mut GenState, params: &Params, answer_words: usize) -> usize {
    let focus: HashSet<String> = state.topic_terms().into_iter().collect();
    let mut candidates: Vec<(usize, String, usize)> = Vec::new(); // (relevance, question, passage)
    for (i, p) in state.passages.iter().enumerate() {
        let relevance = content_words(&p.text)
            .iter()
            .filter(|w| focus.contains(*w))
            .count();
        if let Some(h) = p
            .heading_path
            .last()
            .filter(|h| h.trim_end().ends_with('?'))
        {
            candidates.push((relevance + 2, h.trim().to_string(), i));
        }
        for s in crate::text::sentences(&p.text) {
            if let Some(term) = defined_term(&s.text) {
                candidates.push((relevance, format!("What is {term}?"), i));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    let mut seen = HashSet::new();
    let mut drawn = 0;
    for (_, question, i) in candidates {
        if state.article.faq.len() >= params.faq {
            break;
        }
        if !seen.insert(question.to_lowercase()) {
            continue;
        }
        let mut focus_terms = content_words(&question);
        focus_terms.extend(state.topic_terms());
        let sources_before = state.article.sources.clone();
        let (answer, citations) = compose(state, &[i], &focus_terms, answer_words);
        // Two questions answered by the same words make one entry, not two.
        if answer.is_empty() || state.article.faq.iter().any(|f| f.answer == answer) {
            state.article.sources = sources_before;
            continue;
        }
        drawn += 1;
        state.article.faq.push(Faq {
            question,
            answer,
            citations,
        });
    }
    drawn
}

/// "A snapshot is a ..." → "a snapshot": the defined term of a definitional sentence, with
/// its article (lowercased) so the question reads "What is a snapshot?".
fn defined_term(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let is_at = words.iter().position(|w| *w == "is" || *w == "are")?;
    let next = words.get(is_at + 1)?.to_lowercase();
    if !(1..=4).contains(&is_at) || !matches!(next.as_str(), "a" | "an" | "the") {
        return None;
    }
    let subject = &words[..is_at];
    let first = subject.first()?.to_lowercase();
    let (article, noun) = match first.as_str() {
        "a" | "an" | "the" => (Some(first), &subject[1..]),
        _ => (None, subject),
    };
    let noun = noun
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let lower = noun.to_lowercase();
    let pronoun = matches!(
        lower.as_str(),
        "it" | "this" | "that" | "there" | "which" | "what" | "here" | "he" | "she" | "they"
    );
    // "This folder is a ..." defines nothing a reader could ask about out of context.
    let pointing = matches!(
        lower.split_whitespace().next().unwrap_or_default(),
        "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "our"
            | "your"
            | "my"
            | "his"
            | "her"
            | "each"
            | "every"
            | "such"
            | "which"
    );
    if noun.is_empty()
        || pronoun
        || pointing
        || !noun
            .chars()
            .all(|c| c.is_alphanumeric() || " -_.".contains(c))
    {
        return None;
    }
    Some(match article {
        Some(a) => format!("{a} {noun}"),
        None => noun,
    })
}

fn code_examples(state: &mut GenState) -> usize {
    let params = state.params();
    let mut seen = HashSet::new();
    let mut drawn = 0;
    for i in 0..state.passages.len() {
        if state.article.code_examples.len() >= params.code_examples {
            break;
        }
        for (language, code, caption) in fenced_blocks(&state.passages[i].text) {
            if state.article.code_examples.len() >= params.code_examples
                || !seen.insert(code.clone())
            {
                continue;
            }
            let citation = state.cite(i);
            let p = &state.passages[i];
            let caption = caption.unwrap_or_else(|| {
                format!(
                    "From {}.",
                    p.heading_path
                        .last()
                        .cloned()
                        .unwrap_or_else(|| p.source.clone())
                )
            });
            state.article.code_examples.push(CodeExample {
                language,
                code,
                caption,
                citation,
            });
            drawn += 1;
        }
    }
    drawn
}

/// Fenced code blocks of a chunk: language, code, and the sentence that introduced it.
fn fenced_blocks(text: &str) -> Vec<(Option<String>, String, Option<String>)> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().peekable();
    let mut previous = String::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let Some(info) = trimmed.strip_prefix("```") else {
            if !trimmed.is_empty() {
                previous = trimmed.to_string();
            }
            continue;
        };
        let language = info
            .split_whitespace()
            .next()
            .filter(|l| !l.is_empty())
            .map(str::to_string);
        let mut code = Vec::new();
        let mut closed = false;
        for l in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                closed = true;
                break;
            }
            code.push(l);
        }
        if closed && !code.is_empty() && code.len() <= MAX_CODE_LINES {
            let caption = previous
                .ends_with(':')
                .then(|| format!("{}.", previous.trim_end_matches(':')));
            blocks.push((language, code.join("\n"), caption));
        }
        previous.clear();
    }
    blocks
}

fn article_text(article: &Article) -> String {
    let mut text = vec![strip_footnote_refs(&article.introduction.body)];
    for s in &article.sections {
        text.push(s.heading.clone());
        text.push(strip_footnote_refs(&s.body));
    }
    for f in &article.faq {
        text.push(f.question.clone());
        text.push(strip_footnote_refs(&f.answer));
    }
    text.push(article.conclusion.body.clone());
    text.join("\n\n")
}

fn keywords(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let mut text = article_text(&state.article);
    if text.trim().is_empty() {
        text = state
            .passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let mut terms = content_words(&text);
    terms.sort();
    terms.dedup();
    let stats = env.knowledge.corpus_stats(&terms)?;
    state.article.keywords = score_keywords(&text, &stats, 8)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    Ok(state.passages.len())
}

fn seo(state: &mut GenState) -> usize {
    let topic = state.spec.topic.trim();
    let article = &mut state.article;
    article.title = super::seo::title_case(topic);
    article.seo_title = super::seo::seo_title(&article.title);
    let lead = if article.introduction.body.is_empty() {
        &article.conclusion.body
    } else {
        &article.introduction.body
    };
    article.description = super::seo::description(lead);
    article.tags = article.keywords.iter().take(5).cloned().collect();
    let base = super::seo::slugify(&article.title);
    let (layout, format) = (layout_of(state), output_format(&state.spec.format));
    let out_dir = std::path::Path::new(&state.spec.out_dir);
    let this_topic = topic.to_string();
    // A slug is taken by an article on another topic; the same topic again keeps its slug
    // (and the write stage refuses to overwrite it without --force).
    state.article.slug = super::seo::unique_slug(&base, |slug| {
        output::exists(out_dir, slug, layout, format)
            && output::topic_of(out_dir, slug, layout).as_deref() != Some(this_topic.as_str())
    });
    0
}

fn layout_of(state: &GenState) -> Layout {
    match state.spec.layout.as_deref() {
        Some("flat") => Layout::Flat,
        Some(_) => Layout::Blog,
        None => state.workflow.as_ref().map_or(Layout::Blog, |w| w.layout),
    }
}

fn output_format(format: &str) -> output::Format {
    match format {
        "html" => output::Format::Html,
        "json" => output::Format::Json,
        _ => output::Format::Md,
    }
}

fn frontmatter(state: &mut GenState) -> usize {
    let spec = &state.spec;
    let article = &mut state.article;
    article.date = spec.date.clone().unwrap_or_else(today);
    article.author = spec
        .vars
        .get("author")
        .cloned()
        .unwrap_or_else(|| "cgen".into());
    // Generated text is a draft until a person has read it.
    article.draft = spec.vars.get("draft").is_none_or(|v| v != "false");
    0
}

/// Today's date in UTC, YYYY-MM-DD.
fn today() -> String {
    humantime::format_rfc3339(std::time::SystemTime::now()).to_string()[..10].to_string()
}

fn assemble(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let template = state
        .spec
        .template
        .clone()
        .or_else(|| state.workflow.as_ref().map(|w| w.template.clone()))
        .unwrap_or_else(|| "blog".into());
    state.body = env
        .templates
        .render(&template, &state.article, &state.spec.vars)
        .map_err(|e| StageError::Invalid(e.to_string()))?;
    state.document = match output_format(&state.spec.format) {
        output::Format::Md => output::render_markdown(&state.article, &state.body),
        output::Format::Html => output::render_html(&state.article, &state.body),
        output::Format::Json => {
            serde_json::to_string_pretty(&output::render_json(&state.article, &state.body))
                .map_err(|e| StageError::Output(e.to_string()))?
        }
    };
    Ok(0)
}

fn quality(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let markdown = output::render_markdown(&state.article, &state.body);
    let resolve = |hash: &str| env.knowledge.chunk_exists(hash);
    let opts = QualityOptions {
        tone: env.tone,
        keywords: &state.article.keywords,
        resolve_chunk: &resolve,
    };
    let report = super::quality::report(&markdown, &opts);
    let failed: Vec<String> = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    state.quality = Some(report);
    if state.spec.strict && !failed.is_empty() {
        return Err(StageError::QualityFailed(failed.join("; ")));
    }
    Ok(0)
}

fn write(state: &mut GenState) -> Result<usize, StageError> {
    let manifest = manifest(state);
    let req = output::WriteRequest {
        out_dir: std::path::Path::new(&state.spec.out_dir),
        slug: &state.article.slug,
        layout: layout_of(state),
        format: output_format(&state.spec.format),
        content: &state.document,
        manifest: &manifest,
        force: state.spec.force,
    };
    let written = output::write(req).map_err(|e| StageError::Output(e.to_string()))?;
    state.output = Some(OutputInfo {
        path: written.path.display().to_string(),
        manifest: written.manifest_path.display().to_string(),
        backup: written.backup.map(|b| b.display().to_string()),
    });
    Ok(0)
}

/// The manifest written beside the article: how it was made and from what.
fn manifest(state: &GenState) -> serde_json::Value {
    use sha2::Digest;
    let config = serde_json::json!({ "spec": state.spec, "workflow": state.workflow });
    let config_hash = hex::encode(sha2::Sha256::digest(config.to_string().as_bytes()));
    serde_json::json!({
        "generator": concat!("cgen/", env!("CARGO_PKG_VERSION")),
        "job": state.job_id,
        "topic": state.spec.topic,
        "workflow": state.workflow.as_ref().map(|w| w.name.clone()),
        "slug": state.article.slug,
        "stages": state.completed,
        "sources": state.article.sources,
        "retrieval": state.ranking,
        "provider": match (&state.model.provider, state.model.offline_fallback) {
            (None, false) => "offline".to_string(),
            (None, true) => "offline (fallback: every provider was unavailable)".to_string(),
            (Some(p), false) => p.clone(),
            (Some(p), true) => format!("{p}, offline for some parts (fallback)"),
        },
        "model": state.model.model,
        "tokens": { "input": state.model.input_tokens, "output": state.model.output_tokens },
        "cost": state.model.cost,
        "quality": state.quality.as_ref().map(|q| q.passed),
        "config_hash": config_hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitional_sentences_name_their_term() {
        assert_eq!(
            defined_term("A snapshot is a record of one backup run."),
            Some("a snapshot".into())
        );
        assert_eq!(
            defined_term("The 3-2-1 rule is a simple guideline."),
            Some("the 3-2-1 rule".into())
        );
        assert_eq!(
            defined_term("Restic is a backup program."),
            Some("Restic".into())
        );
        assert_eq!(defined_term("It is a good idea to test."), None);
        assert_eq!(defined_term("This folder is a copy of the data."), None);
        assert_eq!(defined_term("Your repository is a directory."), None);
        assert_eq!(defined_term("Backups matter."), None);
    }

    #[test]
    fn fenced_blocks_keep_language_and_caption() {
        let text = "Install it first:\n\n```bash\napt install restic\n```\n\nUnclosed:\n```\nx";
        let blocks = fenced_blocks(text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].0.as_deref(), Some("bash"));
        assert_eq!(blocks[0].1, "apt install restic");
        assert_eq!(blocks[0].2.as_deref(), Some("Install it first."));
    }

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
        });
        let text = serde_json::to_string(&state).unwrap();
        let back: GenState = serde_json::from_str(&text).unwrap();
        assert_eq!(back.completed, state.completed);
        assert!(back.workflow.unwrap().builtin);
    }

    #[test]
    fn workflows_name_stages_in_kebab_case() {
        assert_eq!(Stage::parse("code-examples"), Some(Stage::CodeExamples));
        assert_eq!(
            serde_json::to_string(&Stage::CodeExamples).unwrap(),
            "\"code-examples\""
        );
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.name()), Some(s));
            assert!(!s.describe().summary.is_empty());
        }
    }
}
