//! `kb.search`, `docs.*` and `collections.*`: reading and pruning the knowledge base, each
//! within what the caller's key may see (`store::collections`).

use super::Call;
use crate::kb::query::to_fts5;
use crate::protocol::jobs::field_error;
use crate::protocol::kb::{
    ChunkView, CollectionName, CollectionView, CollectionsResult, DEFAULT_SEARCH_LIMIT, DocId,
    DocShowResult, DocView, DocsListParams, DocsListResult, Removed, SearchHit, SearchMode,
    SearchParams, SearchResult, ShareParams, Shared,
};
use crate::protocol::system::NoParams;
use crate::protocol::{ErrorKind, RpcError};
use crate::store::collections;

const DEFAULT_DOCS_LIMIT: u32 = 100;

/// BM25 or hybrid search (see `jobs::embed::plan`) of the collections this caller may read:
/// the query's embedding is fetched before the hits are read, so no read connection waits on
/// the provider. The answer says which ranking was used, and why not hybrid when it was not.
pub async fn search(call: Call, p: SearchParams) -> Result<SearchResult, RpcError> {
    let bm25 = |fallback| SearchResult {
        hits: Vec::new(),
        mode: SearchMode::Bm25,
        fallback,
    };
    // A query with no searchable term matches nothing; it is not an error.
    let Some(query) = to_fts5(&p.query, p.syntax) else {
        return Ok(bm25(None));
    };
    let limit = p.limit.unwrap_or(DEFAULT_SEARCH_LIMIT);
    let started = std::time::Instant::now();
    let reader = call.principal.reader().map(str::to_string);
    let asked: Vec<String> = p.collection.into_iter().collect();
    let within = call
        .daemon
        .store
        .read(move |c| {
            let readable = collections::readable(c, reader.as_deref())?;
            collections::check_named(c, &readable, &asked)?;
            Ok(readable.narrow(&asked))
        })
        .await?;
    let Some(within) = within else {
        return Ok(bm25(None));
    };
    let payer = Some(call.principal.key_id.as_str());
    let plan = crate::jobs::embed::plan(
        &call.daemon.runtime,
        payer,
        p.mode,
        &p.query,
        &within,
        crate::jobs::embed::Caller::Interactive,
    )
    .await
    .map_err(|why| field_error("mode", &why))?;
    let vector = plan.vector;
    let hits = call
        .daemon
        .store
        .read(move |c| crate::store::docs::search(c, &query, vector.as_ref(), &within, limit))
        .await?;
    metrics::histogram!(crate::metrics::SEARCH_DURATION, "mode" => plan.mode.as_str())
        .record(started.elapsed().as_secs_f64());
    tracing::debug!(mode = plan.mode.as_str(), fallback = ?plan.fallback, hits = hits.len(), "search");
    Ok(SearchResult {
        hits: hits.into_iter().map(SearchHit::from).collect(),
        mode: plan.mode,
        fallback: plan.fallback,
    })
}

/// Refuses a collection name the caller cannot read (see `collections::check_named`): before
/// sharing one, and for reads that narrow to collections elsewhere (`topics.list`, and the
/// collections a generation submitted will draw on).
pub(super) async fn check_collections(call: &Call, named: Vec<String>) -> Result<(), RpcError> {
    let reader = call.principal.reader().map(str::to_string);
    call.daemon
        .store
        .read(move |c| {
            let readable = collections::readable(c, reader.as_deref())?;
            collections::check_named(c, &readable, &named)
        })
        .await
        .map_err(RpcError::from)
}

pub async fn docs_list(call: Call, p: DocsListParams) -> Result<DocsListResult, RpcError> {
    let limit = p.limit.unwrap_or(DEFAULT_DOCS_LIMIT);
    let reader = call.principal.reader().map(str::to_string);
    let documents = call
        .daemon
        .store
        .read(move |c| {
            let asked: Vec<String> = p.collection.into_iter().collect();
            let readable = collections::readable(c, reader.as_deref())?;
            collections::check_named(c, &readable, &asked)?;
            match readable.narrow(&asked) {
                Some(within) => crate::store::docs::list(c, &within, limit),
                None => Ok(Vec::new()),
            }
        })
        .await?;
    Ok(DocsListResult {
        documents: documents.into_iter().map(DocView::from).collect(),
    })
}

/// A document and its collection's owner, when this caller may read it: to a user key, the
/// documents of another key's unshared collection do not exist.
async fn visible_doc(call: &Call, id: i64) -> Result<(DocShowResult, Option<String>), RpcError> {
    let reader = call.principal.reader().map(str::to_string);
    let found = call
        .daemon
        .store
        .read(move |c| {
            let Some((document, chunks)) = crate::store::docs::get(c, id)? else {
                return Ok(None);
            };
            if !collections::readable(c, reader.as_deref())?.contains(&document.collection) {
                return Ok(None);
            }
            let owner = collections::get(c, &document.collection)?.and_then(|(owner, _)| owner);
            let shown = DocShowResult {
                document: document.into(),
                chunks: chunks.into_iter().map(ChunkView::from).collect(),
            };
            Ok(Some((shown, owner)))
        })
        .await?;
    found.ok_or_else(|| RpcError::not_found(format!("no document {id}")))
}

/// Refuses to change a collection this caller may read but does not own (a shared one, or
/// one made before owners existed): only its owner or an admin changes it.
fn check_owner(call: &Call, collection: &str, owner: Option<&str>) -> Result<(), RpcError> {
    if call.principal.may_touch(owner) {
        Ok(())
    } else {
        Err(RpcError::new(
            ErrorKind::Forbidden,
            format!(
                "collection '{collection}' belongs to another key; only an admin may change it"
            ),
        ))
    }
}

pub async fn docs_get(call: Call, p: DocId) -> Result<DocShowResult, RpcError> {
    Ok(visible_doc(&call, p.id).await?.0)
}

pub async fn docs_rm(call: Call, p: DocId) -> Result<Removed, RpcError> {
    let (doc, owner) = visible_doc(&call, p.id).await?;
    check_owner(&call, &doc.document.collection, owner.as_deref())?;
    let removed = call
        .daemon
        .store
        .write(move |c| crate::store::docs::delete(c, p.id))
        .await?;
    if removed.documents == 0 {
        return Err(RpcError::not_found(format!("no document {}", p.id)));
    }
    Ok(removed.into())
}

pub async fn collections_list(call: Call, _: NoParams) -> Result<CollectionsResult, RpcError> {
    let reader = call.principal.reader().map(str::to_string);
    // Vector coverage is counted for the model that embeds now, when one is configured.
    let model = crate::jobs::embed::embedder(&call.daemon.runtime)
        .map(|e| e.model)
        .filter(|m| !m.is_empty());
    let collections = call
        .daemon
        .store
        .read(move |c| {
            let readable = collections::readable(c, reader.as_deref())?;
            collections::list(c, &readable, model.as_deref())
        })
        .await?;
    Ok(CollectionsResult {
        collections: collections.into_iter().map(CollectionView::from).collect(),
    })
}

/// A collection's owner, when this caller may read the collection.
async fn visible_collection(call: &Call, name: &str) -> Result<Option<String>, RpcError> {
    let reader = call.principal.reader().map(str::to_string);
    let lookup = name.to_string();
    let found = call
        .daemon
        .store
        .read(move |c| {
            let readable = collections::readable(c, reader.as_deref())?;
            collections::check_named(c, &readable, std::slice::from_ref(&lookup))?;
            collections::get(c, &lookup)
        })
        .await?;
    found
        .map(|(owner, _)| owner)
        .ok_or_else(|| RpcError::not_found(format!("no collection {name}")))
}

pub async fn collections_rm(call: Call, p: CollectionName) -> Result<Removed, RpcError> {
    let owner = visible_collection(&call, &p.name).await?;
    check_owner(&call, &p.name, owner.as_deref())?;
    let name = p.name.clone();
    call.daemon
        .store
        .write(move |c| crate::store::docs::delete_collection(c, &name))
        .await
        .map(Removed::from)
        .map_err(RpcError::from)
}

/// Lets every key read a collection, or only its owner again (admin).
pub async fn collections_share(call: Call, p: ShareParams) -> Result<Shared, RpcError> {
    check_collections(&call, vec![p.name.clone()]).await?;
    let (name, shared) = (p.name.clone(), p.shared);
    let found = call
        .daemon
        .store
        .write(move |c| collections::set_shared(c, &name, shared))
        .await?;
    if !found {
        return Err(RpcError::not_found(format!("no collection {}", p.name)));
    }
    tracing::info!(collection = %p.name, shared = p.shared, by = %call.principal.key_id, "collection sharing set");
    Ok(Shared {
        name: p.name,
        shared: p.shared,
    })
}
