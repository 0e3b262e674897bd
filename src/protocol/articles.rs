//! Params and results of `articles.*`: the history of what was generated, listed newest first
//! or searched by the words of its topics and titles.

use serde::{Deserialize, Serialize};

use super::jobs::field_error;
use super::method::methods;
use super::{RpcError, Validate};

methods! {
    List = "articles.list", ArticlesListParams => ArticlesListResult,
        "articles written, newest first, or those matching a query";
    Get = "articles.get", ArticleId => ArticleView, "one article";
}

/// Most rows one `articles.list` returns.
pub const MAX_ARTICLES_LIMIT: u32 = 1000;
/// Longest search text.
pub const MAX_ARTICLES_QUERY_LEN: usize = 300;

/// One article of the history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleView {
    pub id: i64,
    pub topic: String,
    pub title: String,
    pub slug: String,
    /// Where it was written; absent when it was printed to standard output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub workflow: String,
    pub format: String,
    /// `passed` or `failed`; absent when the workflow had no quality check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    /// `offline`, or the provider that wrote it; absent for articles from before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The generate job that made it (it may since have been removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<i64>,
    /// The id of the API key it was written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// `articles.list`: newest first, or the best matches of `query` (every word in the topic or
/// the title).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticlesListParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl Validate for ArticlesListParams {
    fn validate(&self) -> Result<(), RpcError> {
        if let Some(q) = &self.query
            && (q.trim().is_empty() || q.len() > MAX_ARTICLES_QUERY_LEN)
        {
            return Err(field_error("query", "1 to 300 bytes of text"));
        }
        match self.limit {
            Some(l) if l == 0 || l > MAX_ARTICLES_LIMIT => {
                Err(field_error("limit", "must be between 1 and 1000"))
            }
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticlesListResult {
    pub articles: Vec<ArticleView>,
}

/// `articles.get`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleId {
    pub id: i64,
}

impl Validate for ArticleId {}
