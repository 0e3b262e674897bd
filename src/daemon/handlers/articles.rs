//! `articles.*`: the history of what was generated, scoped like jobs: a user key sees the
//! articles written for it, admin and viewer keys see them all.

use super::Call;
use crate::protocol::RpcError;
use crate::protocol::articles::{ArticleId, ArticleView, ArticlesListParams, ArticlesListResult};

const DEFAULT_LIMIT: u32 = 50;

pub async fn list(call: Call, p: ArticlesListParams) -> Result<ArticlesListResult, RpcError> {
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    let owner = call.principal.reader().map(str::to_string);
    let query = match p.query.as_deref() {
        Some(text) => Some(crate::kb::query::to_fts5(text, false).ok_or_else(|| {
            RpcError::invalid_params("query: no word to search for").with("path", "query")
        })?),
        None => None,
    };
    let articles = call
        .daemon
        .store
        .read(move |c| match &query {
            Some(q) => crate::store::articles::search(c, q, owner.as_deref(), limit),
            None => crate::store::articles::list(c, owner.as_deref(), limit),
        })
        .await?;
    Ok(ArticlesListResult {
        articles: articles.into_iter().map(ArticleView::from).collect(),
    })
}

/// One article; to a user key, another key's article does not exist.
pub async fn get(call: Call, p: ArticleId) -> Result<ArticleView, RpcError> {
    let id = p.id;
    let article = call
        .daemon
        .store
        .read(move |c| crate::store::articles::get(c, id))
        .await?
        .filter(|a| call.principal.may_touch(a.owner.as_deref()))
        .map(ArticleView::from);
    article.ok_or_else(|| RpcError::not_found(format!("no article {id}")).with("article_id", id))
}
