//! `[kb]`: the knowledge base's settings (file and URL limits, chunk sizes, embeddings, where
//! local files may come from). They live with the knowledge base, which reads them, and
//! `config` embeds them in the configuration file.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct KbConfig {
    /// Files larger than this are refused without being read.
    pub max_file_bytes: u64,
    /// Most files one ingest job takes in.
    pub max_files: usize,
    pub max_url_bytes: u64,
    #[serde(with = "duration")]
    pub url_timeout: Duration,
    pub chunk_target_bytes: usize,
    pub chunk_overlap_bytes: usize,
    pub chunk_max_bytes: usize,
    /// The provider (`[providers.NAME]` with an `embedding_model`) that embeds chunks and
    /// queries for hybrid search; none means BM25 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embeddings: Option<String>,
    /// Vector hits less similar to the query than this (cosine) are not fused in: the nearest
    /// chunks of a topic the knowledge base does not cover are still unrelated.
    pub min_similarity: f64,
    /// Folders under which keys that are not admins may ingest local files; none by default,
    /// so they ingest URLs only. Admins ingest any path but the daemon's own folders.
    pub allowed_roots: Vec<PathBuf>,
    /// Networks (`10.0.0.0/8`, `127.0.0.1`, `fd00::/8`) and host names (`wiki.corp`,
    /// `*.corp.example`) that URL ingests may reach although they are loopback, private,
    /// link-local or otherwise internal (see `kb::url_guard`).
    pub allow_private_urls: Vec<String>,
}

impl Default for KbConfig {
    fn default() -> Self {
        KbConfig {
            max_file_bytes: 64 << 20,
            max_files: 100_000,
            max_url_bytes: 16 << 20,
            url_timeout: Duration::from_secs(30),
            chunk_target_bytes: 1200,
            chunk_overlap_bytes: 150,
            chunk_max_bytes: 4000,
            embeddings: None,
            min_similarity: 0.2,
            allowed_roots: Vec::new(),
            allow_private_urls: Vec::new(),
        }
    }
}
