//! `kb.search`, `docs.*` and `collections.*`: reading and pruning the knowledge base.

use super::Call;
use crate::kb::query::to_fts5;
use crate::protocol::RpcError;
use crate::protocol::jobs::field_error;
use crate::protocol::kb::{
    CollectionName, CollectionsResult, DEFAULT_SEARCH_LIMIT, DocId, DocShowResult, DocsListParams,
    DocsListResult, Removed, SearchMode, SearchParams, SearchResult,
};
use crate::protocol::system::NoParams;

const DEFAULT_DOCS_LIMIT: u32 = 100;

/// BM25 or hybrid search (see `jobs::embed::plan`): the query's embedding is fetched before
/// the store is read, so no read connection waits on the provider.
pub async fn search(call: Call, p: SearchParams) -> Result<SearchResult, RpcError> {
    // A query with no searchable term matches nothing; it is not an error.
    let Some(query) = to_fts5(&p.query, p.syntax) else {
        return Ok(SearchResult {
            hits: Vec::new(),
            mode: SearchMode::Bm25,
            fallback: None,
        });
    };
    let limit = p.limit.unwrap_or(DEFAULT_SEARCH_LIMIT);
    let started = std::time::Instant::now();
    let payer = Some(call.principal.key_id.as_str());
    let plan = crate::jobs::embed::plan(&call.daemon.runtime, payer, p.mode, &p.query)
        .await
        .map_err(|why| field_error("mode", &why))?;
    let vector = plan.vector;
    let hits = call
        .daemon
        .store
        .read(move |c| {
            let collection = p.collection.as_deref();
            crate::store::docs::search(c, &query, vector.as_ref(), collection, limit)
        })
        .await?;
    metrics::histogram!(crate::metrics::SEARCH_DURATION).record(started.elapsed().as_secs_f64());
    Ok(SearchResult {
        hits,
        mode: plan.mode,
        fallback: plan.fallback,
    })
}

pub async fn docs_list(call: Call, p: DocsListParams) -> Result<DocsListResult, RpcError> {
    let limit = p.limit.unwrap_or(DEFAULT_DOCS_LIMIT);
    let documents = call
        .daemon
        .store
        .read(move |c| crate::store::docs::list(c, p.collection.as_deref(), limit))
        .await?;
    Ok(DocsListResult { documents })
}

pub async fn docs_get(call: Call, p: DocId) -> Result<DocShowResult, RpcError> {
    let found = call
        .daemon
        .store
        .read(move |c| crate::store::docs::get(c, p.id))
        .await?;
    let (document, chunks) =
        found.ok_or_else(|| RpcError::not_found(format!("no document {}", p.id)))?;
    Ok(DocShowResult { document, chunks })
}

pub async fn docs_rm(call: Call, p: DocId) -> Result<Removed, RpcError> {
    let removed = call
        .daemon
        .store
        .write(move |c| crate::store::docs::delete(c, p.id))
        .await?;
    if removed.documents == 0 {
        return Err(RpcError::not_found(format!("no document {}", p.id)));
    }
    Ok(removed)
}

pub async fn collections_list(call: Call, _: NoParams) -> Result<CollectionsResult, RpcError> {
    let collections = call
        .daemon
        .store
        .read(crate::store::docs::collections)
        .await?;
    Ok(CollectionsResult { collections })
}

pub async fn collections_rm(call: Call, p: CollectionName) -> Result<Removed, RpcError> {
    let name = p.name.clone();
    let removed = call
        .daemon
        .store
        .write(move |c| crate::store::docs::delete_collection(c, &name))
        .await?;
    if removed.documents == 0 {
        return Err(RpcError::not_found(format!("no collection {}", p.name)));
    }
    Ok(removed)
}
