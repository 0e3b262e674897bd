//! The knowledge base's tables: documents, chunks and the FTS5 index over chunks (kept in
//! step by triggers, see migrations 0002 and 0005). A document and its chunks are always
//! replaced in one transaction, so a search never sees half of a re-ingested file. Search is
//! BM25 over the index, or hybrid: BM25 and the nearest chunk vectors (`store::vectors`) fused
//! by reciprocal rank (`kb::fusion`).

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde_json::{Map, Value};

use super::{StoreError, format_ms, now_ms};
use crate::kb::query::FtsQuery;

/// A parsed, chunked document ready to be stored.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub collection: String,
    pub source: String,
    pub title: Option<String>,
    pub format: String,
    pub content_hash: String,
    pub bytes: u64,
    pub metadata: Map<String, Value>,
    pub job_id: Option<i64>,
    /// The public reference citations show (`kb::reference`).
    pub reference: String,
    /// Fingerprints of the extracted text (`kb::dedup`): exact, and SimHash (0 when the text
    /// is too short to compare by SimHash).
    pub text_hash: String,
    pub simhash: u64,
    pub chunks: Vec<NewChunk>,
}

#[derive(Debug, Clone)]
pub struct NewChunk {
    pub heading_path: Vec<String>,
    pub text: String,
    pub byte_start: u64,
    pub byte_end: u64,
    pub hash: String,
    /// `prose`, `list`, `code` or `table` (`kb::chunk::ChunkKind`).
    pub kind: &'static str,
    /// SimHash of the chunk's words; 0 when too short to compare that way.
    pub simhash: u64,
}

/// A document as the store reads it (the daemon shows it as the wire's document view).
#[derive(Debug, Clone, PartialEq)]
pub struct DocRow {
    pub id: i64,
    pub collection: String,
    pub source: String,
    pub title: Option<String>,
    pub format: String,
    pub bytes: u64,
    pub chunks: u64,
    pub content_hash: String,
    pub metadata: Map<String, Value>,
    /// RFC 3339, UTC.
    pub ingested_at: String,
    pub reference: Option<String>,
}

/// One chunk of a document, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct ChunkRow {
    pub id: i64,
    pub heading_path: Vec<String>,
    pub byte_start: u64,
    pub byte_end: u64,
    pub text: String,
    /// `prose`, `list`, `code` or `table`.
    pub kind: String,
}

/// One search hit: a chunk, its document and a snippet with matched terms in `[` `]`.
#[derive(Debug, Clone, PartialEq)]
pub struct HitRow {
    pub chunk_id: i64,
    pub document_id: i64,
    pub collection: String,
    pub source: String,
    pub title: Option<String>,
    pub heading_path: Vec<String>,
    pub snippet: String,
    /// BM25, or with a query vector the fused reciprocal-rank score.
    pub score: f64,
}

/// What a removal took away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemovedRows {
    pub documents: u64,
    pub chunks: u64,
}

const DOC_COLUMNS: &str = "d.id, d.collection, d.source, d.title, d.format, d.bytes, \
    (SELECT count(*) FROM chunks c WHERE c.document_id = d.id), d.content_hash, d.metadata, d.ingested_at, \
    d.reference";

fn doc_from_row(r: &Row<'_>) -> rusqlite::Result<DocRow> {
    let metadata: String = r.get(8)?;
    Ok(DocRow {
        id: r.get(0)?,
        collection: r.get(1)?,
        source: r.get(2)?,
        title: r.get(3)?,
        format: r.get(4)?,
        bytes: r.get::<_, i64>(5)? as u64,
        chunks: r.get::<_, i64>(6)? as u64,
        content_hash: r.get(7)?,
        metadata: serde_json::from_str(&metadata).unwrap_or_default(),
        ingested_at: format_ms(r.get(9)?),
        reference: r.get(10)?,
    })
}

fn heading_path(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// How a chunk's collection is stored in the full-text index: one token that no tokenizer
/// splits (the name's bytes in lowercase hex), so that FTS5 itself can filter by collection.
/// Migration 0005 computes the same with SQL's `lower(hex(collection))`.
pub fn collection_token(collection: &str) -> String {
    hex::encode(collection)
}

/// The FTS5 expression that matches `expr` in the text and heading columns only (the
/// collection column is the store's own), within `collections` unless that is empty.
fn scoped(expr: &str, collections: &[String]) -> String {
    let mut scoped = format!("{{text heading_path}} : ({expr})");
    if !collections.is_empty() {
        let tokens: Vec<String> = collections.iter().map(|c| collection_token(c)).collect();
        scoped.push_str(&format!(
            " AND collection_token : ({})",
            tokens.join(" OR ")
        ));
    }
    scoped
}

/// The content hash stored for a source, to skip files that have not changed.
pub fn content_hash(
    conn: &Connection,
    collection: &str,
    source: &str,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT content_hash FROM documents WHERE collection = ?1 AND source = ?2")?
        .query_row(params![collection, source], |r| r.get(0))
        .optional()?)
}

/// Chunk rows per `INSERT` statement. A statement that writes to `chunks` runs its trigger
/// into the FTS5 index inside a statement savepoint, and FTS5 flushes its pending terms to a
/// new index segment at every savepoint: one row per statement made a segment per chunk and
/// most of an ingest's store time went on writing and merging them. Many rows per statement
/// make a segment per statement; 128 rows of 10 values stay far below SQLite's 32,766
/// parameters.
const CHUNK_ROWS: usize = 128;
const CHUNK_COLUMNS: usize = 10;

/// The `INSERT` of `rows` chunks.
fn insert_chunks_sql(rows: usize) -> String {
    let row = format!("({})", ["?"; CHUNK_COLUMNS].join(", "));
    format!(
        "INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash,
                             collection_token, kind, simhash)
         VALUES {}",
        vec![row.as_str(); rows].join(", ")
    )
}

/// Inserts or replaces documents (matched by collection and source), each with all its
/// chunks, in one transaction. Returns the document ids in order. The documents are written
/// first and then all their chunks, in order, `CHUNK_ROWS` to a statement (see there).
pub fn replace(conn: &mut Connection, docs: &[NewDocument]) -> Result<Vec<i64>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_ms();
    let mut ids = Vec::with_capacity(docs.len());
    {
        let mut delete =
            tx.prepare_cached("DELETE FROM documents WHERE collection = ?1 AND source = ?2")?;
        let mut insert_doc = tx.prepare_cached(
            "INSERT INTO documents (collection, source, title, format, content_hash, bytes, metadata,
                                    ingested_at, job_id, reference, text_hash, simhash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        )?;
        for doc in docs {
            delete.execute(params![doc.collection, doc.source])?;
            let metadata = Value::Object(doc.metadata.clone()).to_string();
            let id: i64 = super::insert_returning(
                &mut insert_doc,
                params![
                    doc.collection,
                    doc.source,
                    doc.title,
                    doc.format,
                    doc.content_hash,
                    doc.bytes as i64,
                    metadata,
                    now,
                    doc.job_id,
                    doc.reference,
                    doc.text_hash,
                    doc.simhash as i64
                ],
                |r| r.get(0),
            )?;
            ids.push(id);
        }
    }
    let tokens: Vec<String> = docs
        .iter()
        .map(|d| collection_token(&d.collection))
        .collect();
    let rows: Vec<(i64, usize, &NewChunk, &str)> = docs
        .iter()
        .zip(&ids)
        .zip(&tokens)
        .flat_map(|((doc, id), token)| {
            (doc.chunks.iter().enumerate()).map(move |(ord, c)| (*id, ord, c, token.as_str()))
        })
        .collect();
    for batch in rows.chunks(CHUNK_ROWS) {
        let sql = insert_chunks_sql(batch.len());
        // Only the full size is worth a place in the statement cache: a transaction ends with
        // at most one shorter batch.
        let mut cached;
        let mut once;
        let stmt: &mut rusqlite::Statement<'_> = if batch.len() == CHUNK_ROWS {
            cached = tx.prepare_cached(&sql)?;
            &mut cached
        } else {
            once = tx.prepare(&sql)?;
            &mut once
        };
        for (i, (id, ord, c, token)) in batch.iter().enumerate() {
            let path = serde_json::to_string(&c.heading_path).unwrap_or_else(|_| "[]".into());
            let at = i * CHUNK_COLUMNS;
            stmt.raw_bind_parameter(at + 1, *id)?;
            stmt.raw_bind_parameter(at + 2, *ord as i64)?;
            stmt.raw_bind_parameter(at + 3, path)?;
            stmt.raw_bind_parameter(at + 4, &c.text)?;
            stmt.raw_bind_parameter(at + 5, c.byte_start as i64)?;
            stmt.raw_bind_parameter(at + 6, c.byte_end as i64)?;
            stmt.raw_bind_parameter(at + 7, &c.hash)?;
            stmt.raw_bind_parameter(at + 8, *token)?;
            stmt.raw_bind_parameter(at + 9, c.kind)?;
            stmt.raw_bind_parameter(at + 10, c.simhash as i64)?;
        }
        stmt.raw_execute()?;
    }
    tx.commit()?;
    Ok(ids)
}

/// What an ingest needs to recognise a document or a chunk it already holds: each document's
/// source with its text fingerprints, and each chunk's hash with its document's source.
pub struct Known {
    pub documents: Vec<(String, String, u64)>,
    pub chunks: Vec<(String, String)>,
}

pub fn known(conn: &Connection, collection: &str) -> Result<Known, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, text_hash, simhash FROM documents WHERE collection = ?1 ORDER BY id",
    )?;
    let documents = stmt
        .query_map([collection], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.hash, d.source FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE d.collection = ?1",
    )?;
    let chunks = stmt
        .query_map([collection], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Known { documents, chunks })
}

/// Sets new titles (site suffixes stripped after the whole ingest was seen), in one
/// transaction.
pub fn retitle(
    conn: &mut Connection,
    collection: &str,
    titles: &[(String, String)],
) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut stmt = tx.prepare_cached(
            "UPDATE documents SET title = ?3 WHERE collection = ?1 AND source = ?2",
        )?;
        for (source, title) in titles {
            stmt.execute(params![collection, source, title])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Removes the documents of `collection` that lie under one of `roots` (folders or files that
/// were ingested) but are not in `seen`: their files have gone.
pub fn prune(
    conn: &mut Connection,
    collection: &str,
    roots: &[String],
    seen: &HashSet<String>,
) -> Result<Vec<String>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let sources: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, source FROM documents WHERE collection = ?1")?;
        stmt.query_map([collection], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let under_root = |source: &str| {
        roots.iter().any(|root| {
            source == root
                || source
                    .strip_prefix(root.trim_end_matches('/'))
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    let mut removed = Vec::new();
    for (id, source) in sources {
        if under_root(&source) && !seen.contains(&source) {
            tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
            removed.push(source);
        }
    }
    tx.commit()?;
    Ok(removed)
}

/// Chunk ids for one FTS5 expression, best BM25 first (headings weigh half as much as body
/// text, the collection nothing; ties by id), from `collections` (all when empty). Only the
/// index is read: snippets and joins come later, for the few hits kept.
fn ranked(
    conn: &Connection,
    expr: &str,
    collections: &[String],
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, bm25(chunks_fts, 1.0, 0.5, 0.0) AS r FROM chunks_fts
         WHERE chunks_fts MATCH ?1 ORDER BY r, rowid LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![scoped(expr, collections), limit as i64], |r| {
            Ok((r.get(0)?, -r.get::<_, f64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>();
    rows.map_err(|e| match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("fts5") => {
            StoreError::Query(msg)
        }
        other => StoreError::Sqlite(other),
    })
}

/// Whether the collections named (none: all) hold every document: then the filter can be
/// skipped, which spares FTS5 reading the collection's whole posting list (most knowledge
/// bases have one collection).
fn covers_everything(conn: &Connection, collections: &[String]) -> Result<bool, StoreError> {
    if collections.is_empty() {
        return Ok(true);
    }
    let mut stmt = conn.prepare_cached("SELECT DISTINCT collection FROM documents")?;
    let present: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(present.iter().all(|c| collections.contains(c)))
}

/// The best chunk ids for a query: those matching every term first, then those matching any.
pub fn best_chunks(
    conn: &Connection,
    query: &FtsQuery,
    collections: &[String],
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    let collections = if covers_everything(conn, collections)? {
        &[]
    } else {
        collections
    };
    let mut hits = match &query.all {
        Some(all) => ranked(conn, all, collections, limit)?,
        None => Vec::new(),
    };
    if hits.len() < limit {
        let seen: HashSet<i64> = hits.iter().map(|(id, _)| *id).collect();
        let more = ranked(conn, &query.any, collections, limit)?;
        hits.extend(more.into_iter().filter(|(id, _)| !seen.contains(id)));
        hits.truncate(limit);
    }
    Ok(hits)
}

/// The query's embedding for hybrid search: the embedding model and the unit-length vector.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryVector {
    pub model: String,
    pub vector: Vec<f32>,
    /// Vector hits below this cosine similarity are left out (`kb.min_similarity`).
    pub min_similarity: f64,
}

/// How deep the BM25 and the vector rankings are read before they are fused: deep enough that
/// a chunk ranked moderately by both can rise above one ranked first by only one.
const HYBRID_DEPTH: usize = 50;

/// The best chunk ids for a search: BM25 (`best_chunks`) alone, or with a query vector, the
/// BM25 and the vector rankings (each `HYBRID_DEPTH` deep, at least `limit`; vector hits only
/// as similar as `min_similarity` or more) fused by reciprocal rank; the score is then the
/// fused one.
pub fn ranked_chunks(
    conn: &Connection,
    query: &FtsQuery,
    vector: Option<&QueryVector>,
    collections: &[String],
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    // Read deeper than asked, so that leaving out repeats still fills the page.
    let ranked = ranked_with_repeats(conn, query, vector, collections, limit * 2)?;
    without_repeats(conn, ranked, limit)
}

/// `ranked` without the chunks that repeat a better-ranked one (the same text, or a near
/// duplicate by SimHash, `kb::dedup`): a search never shows the same passage twice.
fn without_repeats(
    conn: &Connection,
    ranked: Vec<(i64, f64)>,
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT hash, simhash FROM chunks WHERE id = ?1")?;
    let mut kept: Vec<(String, u64)> = Vec::new();
    let mut out = Vec::with_capacity(limit);
    for (id, score) in ranked {
        if out.len() == limit {
            break;
        }
        let Some((hash, simhash)) = stmt
            .query_row([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .optional()?
        else {
            continue;
        };
        let repeat = kept.iter().any(|(h, s)| {
            *h == hash
                || (simhash != 0
                    && *s != 0
                    && (s ^ simhash).count_ones() <= crate::kb::dedup::NEAR_BITS)
        });
        if !repeat {
            kept.push((hash, simhash));
            out.push((id, score));
        }
    }
    Ok(out)
}

fn ranked_with_repeats(
    conn: &Connection,
    query: &FtsQuery,
    vector: Option<&QueryVector>,
    collections: &[String],
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    let Some(v) = vector else {
        return best_chunks(conn, query, collections, limit);
    };
    let depth = limit.max(HYBRID_DEPTH);
    // Decided once for both rankings: a filter that keeps everything is no filter.
    let collections = if covers_everything(conn, collections)? {
        &[]
    } else {
        collections
    };
    let ids = |ranked: Vec<(i64, f64)>| ranked.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    let bm25 = ids(best_chunks(conn, query, collections, depth)?);
    let near: Vec<(i64, f64)> =
        super::vectors::nearest(conn, &v.model, &v.vector, collections, depth)?
            .into_iter()
            .filter(|(_, similarity)| *similarity >= v.min_similarity)
            .collect();
    let near = ids(near);
    Ok(crate::kb::fusion::reciprocal_rank(&[&bm25, &near], limit))
}

/// Search: the best chunks (see `ranked_chunks`) of `collections` (all when empty) with their documents and a snippet in which
/// matched terms are wrapped in `[` and `]` (`kb::snippet`: cut from the chunk's text, no
/// second evaluation of the query per hit).
pub fn search(
    conn: &Connection,
    query: &FtsQuery,
    vector: Option<&QueryVector>,
    collections: &[String],
    limit: u32,
) -> Result<Vec<HitRow>, StoreError> {
    let best = ranked_chunks(conn, query, vector, collections, limit as usize)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.document_id, d.collection, d.source, d.title, c.heading_path, c.text
         FROM chunks c
         JOIN documents d ON d.id = c.document_id
         WHERE c.id = ?1",
    )?;
    let mut hits = Vec::with_capacity(best.len());
    for (id, score) in best {
        let hit = stmt
            .query_row(params![id], |r| {
                Ok(HitRow {
                    chunk_id: r.get(0)?,
                    document_id: r.get(1)?,
                    collection: r.get(2)?,
                    source: r.get(3)?,
                    title: r.get(4)?,
                    heading_path: heading_path(&r.get::<_, String>(5)?),
                    snippet: crate::kb::snippet::snippet(&r.get::<_, String>(6)?, &query.terms),
                    score,
                })
            })
            .optional()?;
        hits.extend(hit);
    }
    Ok(hits)
}

/// Documents of `collections` (all when empty), by collection and source.
pub fn list(
    conn: &Connection,
    collections: &[String],
    limit: u32,
) -> Result<Vec<DocRow>, StoreError> {
    let sql = format!(
        "SELECT {DOC_COLUMNS} FROM documents d
         WHERE json_array_length(?1) = 0 OR d.collection IN (SELECT value FROM json_each(?1))
         ORDER BY d.collection, d.source LIMIT ?2"
    );
    let collections = serde_json::to_string(collections).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![collections, limit], doc_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<(DocRow, Vec<ChunkRow>)>, StoreError> {
    let sql = format!("SELECT {DOC_COLUMNS} FROM documents d WHERE d.id = ?1");
    let Some(doc) = conn.query_row(&sql, [id], doc_from_row).optional()? else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
"SELECT id, heading_path, byte_start, byte_end, text, kind FROM chunks WHERE document_id = ?1 ORDER BY ord",
    )?;
    let chunks = stmt
        .query_map([id], |r| {
            Ok(ChunkRow {
                id: r.get(0)?,
                heading_path: heading_path(&r.get::<_, String>(1)?),
                byte_start: r.get::<_, i64>(2)? as u64,
                byte_end: r.get::<_, i64>(3)? as u64,
                text: r.get(4)?,
                kind: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some((doc, chunks)))
}

/// Deletes the documents matching `where_sql` (with one parameter) and reports what went.
fn delete_where(
    conn: &mut Connection,
    where_sql: &str,
    param: &dyn rusqlite::ToSql,
) -> Result<RemovedRows, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let chunks: i64 = tx.query_row(
        &format!("SELECT count(*) FROM chunks WHERE document_id IN (SELECT id FROM documents WHERE {where_sql})"),
        [param],
        |r| r.get(0),
    )?;
    let documents = tx.execute(&format!("DELETE FROM documents WHERE {where_sql}"), [param])?;
    tx.commit()?;
    Ok(RemovedRows {
        documents: documents as u64,
        chunks: chunks as u64,
    })
}

pub fn delete(conn: &mut Connection, id: i64) -> Result<RemovedRows, StoreError> {
    delete_where(conn, "id = ?1", &id)
}

/// Removes a collection's documents, then the collection itself (`store::collections`), so
/// that its name is free again.
pub fn delete_collection(conn: &mut Connection, name: &str) -> Result<RemovedRows, StoreError> {
    let removed = delete_where(conn, "collection = ?1", &name)?;
    super::collections::forget(conn, name)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: &str, chunks: usize) -> NewDocument {
        NewDocument {
            collection: "c".into(),
            source: source.into(),
            title: None,
            format: "markdown".into(),
            content_hash: "h".into(),
            bytes: 1,
            metadata: Map::new(),
            job_id: None,
            reference: source.into(),
            text_hash: String::new(),
            simhash: 0,
            chunks: (0..chunks)
                .map(|i| NewChunk {
                    heading_path: vec![format!("{source} {i}")],
                    text: format!("word{i} in {source}"),
                    byte_start: i as u64,
                    byte_end: i as u64 + 1,
                    hash: format!("{source}{i}"),
                    kind: "prose",
                    simhash: 0,
                })
                .collect(),
        }
    }

    /// Each document's chunks in order, as (ord, text).
    fn stored(conn: &Connection, source: &str) -> Vec<(i64, String)> {
        conn.prepare(
            "SELECT c.ord, c.text FROM chunks c JOIN documents d ON d.id = c.document_id
             WHERE d.source = ?1 ORDER BY c.id",
        )
        .unwrap()
        .query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    fn matches(conn: &Connection, word: &str) -> i64 {
        conn.query_row(
            "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?1",
            [word],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn chunks_spanning_several_statements_are_stored_and_indexed_in_order() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations::migrate_to(&mut conn, super::super::migrations::SCHEMA_VERSION)
            .unwrap();
        let (big, small) = (CHUNK_ROWS + 3, 5);
        replace(&mut conn, &[doc("a", big), doc("b", small)]).unwrap();
        let expected = |source: &str, n: usize| -> Vec<(i64, String)> {
            (0..n)
                .map(|i| (i as i64, format!("word{i} in {source}")))
                .collect()
        };
        assert_eq!(stored(&conn, "a"), expected("a", big));
        assert_eq!(stored(&conn, "b"), expected("b", small));
        assert_eq!(matches(&conn, "word130"), 1);
        assert_eq!(matches(&conn, "word4"), 2);

        // A new version replaces the old one's chunks, in the index too.
        replace(&mut conn, &[doc("a", 2)]).unwrap();
        assert_eq!(stored(&conn, "a"), expected("a", 2));
        assert_eq!(stored(&conn, "b"), expected("b", small));
        assert_eq!(matches(&conn, "word130"), 0);
        assert_eq!(matches(&conn, "word1"), 2);
        conn.execute(
            "INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    }
}
