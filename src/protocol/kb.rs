//! Params and results of the knowledge-base methods: `kb.search`, `docs.*`, `collections.*`,
//! and the spec of an ingest job.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::jobs::field_error;
use super::method::methods;
use super::system::NoParams;
use super::{RpcError, Validate};

methods! {
    Search = "kb.search", SearchParams => SearchResult,
        "the passages that best match a query, in the collections the caller may read";
    ListDocs = "docs.list", DocsListParams => DocsListResult, "documents of the knowledge base";
    GetDoc = "docs.get", DocId => DocShowResult, "one document and its chunks";
    RemoveDoc = "docs.rm", DocId => Removed, "removes a document and its chunks";
    ListCollections = "collections.list", NoParams => CollectionsResult,
        "the collections the caller may read, with their sizes";
    RemoveCollection = "collections.rm", CollectionName => Removed,
        "removes a collection (the owner's or an admin's)";
    ShareCollection = "collections.share", ShareParams => Shared,
        "lets every key read a collection, or only its owner again";
}

pub const DEFAULT_COLLECTION: &str = "default";
/// Most sources one ingest job may name (a folder counts once, however many files it holds).
pub const MAX_SOURCES: usize = 1000;
pub const MAX_SOURCE_LEN: usize = 4096;
pub const MAX_COLLECTION_LEN: usize = 64;
pub const MAX_QUERY_LEN: usize = 1000;
pub const MAX_SEARCH_LIMIT: u32 = 100;
pub const DEFAULT_SEARCH_LIMIT: u32 = 10;

/// Checks a collection name: 1 to 64 of `A-Z a-z 0-9 _ . -`, so names are safe in paths and
/// logs.
pub fn validate_collection(name: &str, path: &str) -> Result<(), RpcError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_COLLECTION_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(field_error(
            path,
            "a collection name is 1 to 64 letters, digits, '_', '.' or '-'",
        ))
    }
}

/// An ingest job: files, folders, globs or http(s) URLs into one collection.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IngestSpec {
    /// Absolute paths, globs or URLs (the CLI resolves relative paths against its own cwd).
    pub sources: Vec<String>,
    #[serde(default = "default_collection")]
    pub collection: String,
    /// Remove documents of this collection, under the given folders, whose files are gone.
    #[serde(default)]
    pub prune: bool,
    /// The public address of the ingested folders (http or https): a file's reference is this
    /// joined with its path relative to the folder, unless the page names a canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Globs of files to ingest even where the default rules would skip them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Globs of files never to ingest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// File types (ripgrep's names: md, html, txt...) a folder walk keeps; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
}

/// Most `--include` or `--exclude` globs per ingest, and the longest.
pub const MAX_GLOBS: usize = 100;
pub const MAX_GLOB_LEN: usize = 1000;
/// Most `--type` names one ingest selects, and the longest name.
pub const MAX_TYPES: usize = 32;
pub const MAX_TYPE_LEN: usize = 64;

fn default_collection() -> String {
    DEFAULT_COLLECTION.to_string()
}

impl Validate for IngestSpec {
    fn validate(&self) -> Result<(), RpcError> {
        if self.sources.is_empty() || self.sources.len() > MAX_SOURCES {
            return Err(field_error(
                "sources",
                "between 1 and 1000 sources per ingest",
            ));
        }
        for (i, s) in self.sources.iter().enumerate() {
            if s.is_empty() || s.len() > MAX_SOURCE_LEN || s.contains('\0') {
                return Err(field_error(
                    &format!("sources[{i}]"),
                    "a source is 1 to 4096 bytes with no NUL",
                ));
            }
        }
        for (field, globs) in [("include", &self.include), ("exclude", &self.exclude)] {
            if globs.len() > MAX_GLOBS
                || globs.iter().any(|g| g.is_empty() || g.len() > MAX_GLOB_LEN)
            {
                return Err(field_error(
                    field,
                    "at most 100 globs, each 1 to 1000 bytes",
                ));
            }
        }
        if self.types.len() > MAX_TYPES || self.types.iter().any(|t| t.len() > MAX_TYPE_LEN) {
            return Err(field_error(
                "types",
                "at most 32 types, each up to 64 bytes",
            ));
        }
        validate_collection(&self.collection, "collection")
    }
}

/// How `kb.search` ranks: `auto` is hybrid when `kb.embeddings` is configured and the
/// collections searched have vectors, BM25 otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SearchMode {
    #[default]
    Auto,
    Bm25,
    Hybrid,
}

impl SearchMode {
    pub fn is_auto(&self) -> bool {
        *self == SearchMode::Auto
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SearchMode::Auto => "auto",
            SearchMode::Bm25 => "bm25",
            SearchMode::Hybrid => "hybrid",
        }
    }
}

/// `kb.search`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    pub query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Treat the query as FTS5 syntax (operators, prefixes, columns) instead of plain text.
    #[serde(default)]
    pub syntax: bool,
    #[serde(default, skip_serializing_if = "SearchMode::is_auto")]
    pub mode: SearchMode,
}

impl Validate for SearchParams {
    fn validate(&self) -> Result<(), RpcError> {
        if self.query.trim().is_empty() || self.query.len() > MAX_QUERY_LEN {
            return Err(field_error("query", "a query is 1 to 1000 bytes of text"));
        }
        if let Some(c) = &self.collection {
            validate_collection(c, "collection")?;
        }
        match self.limit {
            Some(l) if l == 0 || l > MAX_SEARCH_LIMIT => {
                Err(field_error("limit", "must be between 1 and 100"))
            }
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchHit {
    pub chunk_id: i64,
    pub document_id: i64,
    pub collection: String,
    #[serde(serialize_with = "crate::protocol::redact::serialize")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub heading_path: Vec<String>,
    /// The best-matching excerpt; matched terms are wrapped in `[` and `]`.
    pub snippet: String,
    /// Relevance, higher is better: BM25, or in hybrid mode the fused reciprocal-rank score.
    pub score: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResult {
    pub hits: Vec<SearchHit>,
    /// The ranking used: `bm25` or `hybrid`.
    #[serde(default)]
    pub mode: SearchMode,
    /// Why a hybrid search was not possible (the collections searched have no vectors yet,
    /// the query could not be embedded, the model now answers vectors of another dimension);
    /// the hits are then BM25's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// `docs.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsListParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl Validate for DocsListParams {
    fn validate(&self) -> Result<(), RpcError> {
        if let Some(c) = &self.collection {
            validate_collection(c, "collection")?;
        }
        match self.limit {
            Some(l) if l == 0 || l > super::jobs::MAX_LIST_LIMIT => {
                Err(field_error("limit", "must be between 1 and 1000"))
            }
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocView {
    pub id: i64,
    pub collection: String,
    /// A path, or a URL shown with its credentials hidden (`redact`).
    #[serde(serialize_with = "crate::protocol::redact::serialize")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub format: String,
    pub bytes: u64,
    pub chunks: u64,
    pub content_hash: String,
    /// Free-form: what the document itself declared (front matter, HTML meta).
    pub metadata: Map<String, Value>,
    pub ingested_at: String,
    /// The public reference citations show: canonical URL, base URL + relative path, or the
    /// path relative to the ingested folder. Absent for documents stored before it existed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::protocol::redact::serialize_opt"
    )]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocsListResult {
    pub documents: Vec<DocView>,
}

/// One chunk of a document, as `docs.show` lists them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChunkView {
    pub id: i64,
    pub heading_path: Vec<String>,
    pub byte_start: u64,
    pub byte_end: u64,
    pub text: String,
    /// `prose`, `list`, `code` or `table`; the text is Markdown (fenced code, `- ` items).
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocShowResult {
    pub document: DocView,
    pub chunks: Vec<ChunkView>,
}

/// Params of methods that name one document.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocId {
    pub id: i64,
}

impl Validate for DocId {}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CollectionView {
    pub name: String,
    /// The key that owns it; absent: nobody's (made before owners existed), an admin's to manage.
    #[serde(default)]
    pub owner: Option<String>,
    /// Every key may read it (`collections.share`, an admin's decision).
    #[serde(default)]
    pub shared: bool,
    pub documents: u64,
    pub chunks: u64,
    /// Chunks with a vector of the configured embedding model (`kb.embeddings`); absent when
    /// none is configured. Fewer than `chunks`: hybrid search ranks the rest by BM25 alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vectors: Option<u64>,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CollectionsResult {
    pub collections: Vec<CollectionView>,
}

/// Params of methods that name one collection.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionName {
    pub name: String,
}

impl Validate for CollectionName {
    fn validate(&self) -> Result<(), RpcError> {
        validate_collection(&self.name, "name")
    }
}

/// Params of `collections.share`: every key may read the collection, or only its owner.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareParams {
    pub name: String,
    pub shared: bool,
}

impl Validate for ShareParams {
    fn validate(&self) -> Result<(), RpcError> {
        validate_collection(&self.name, "name")
    }
}

/// `collections.share`: the collection and whether it is shared now.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Shared {
    pub name: String,
    pub shared: bool,
}

/// What `docs.rm` and `collections.rm` removed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Removed {
    pub documents: u64,
    pub chunks: u64,
}
