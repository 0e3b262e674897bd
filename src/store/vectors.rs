//! Chunk embedding vectors (migration 0008): the codec (unit-length little-endian f32), which
//! chunks still lack a vector of the configured model, writing vectors, and the brute-force
//! nearest-neighbour scan of hybrid search. The scan reads every vector of the model in the
//! collections searched, `4 × dim` bytes each, and keeps the best `limit`: linear in the size
//! of the knowledge base (see docs/PERFORMANCE.md for measured figures).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::StoreError;

/// `v` scaled to unit length, so that cosine similarity is a dot product; a zero vector stays
/// zero (it is then similar to nothing).
pub fn normalise(v: &[f32]) -> Vec<f32> {
    let norm = v
        .iter()
        .map(|x| f64::from(*x) * f64::from(*x))
        .sum::<f64>()
        .sqrt();
    if norm == 0.0 || !norm.is_finite() {
        return vec![0.0; v.len()];
    }
    v.iter().map(|x| (f64::from(*x) / norm) as f32).collect()
}

/// The stored form of a vector: each component as little-endian f32.
pub fn encode(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The dot product of a stored vector with `query`, without decoding it into a new vector.
fn dot(blob: &[u8], query: &[f32]) -> f64 {
    blob.chunks_exact(4)
        .zip(query)
        .map(|(b, q)| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])) * f64::from(*q))
        .sum()
}

/// Up to `limit` chunks of `collection`, after chunk id `after`, that need a vector of
/// `model`: those with none, and with `dim` (the model's current dimension, once known) those
/// whose vector has another dimension, written before the model changed shape. (id, text), by
/// id, so a caller walking forward tries each chunk once.
pub fn missing(
    conn: &Connection,
    model: &str,
    dim: Option<usize>,
    collection: &str,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.text FROM documents d
         JOIN chunks c ON c.document_id = d.id
         LEFT JOIN chunk_embeddings e ON e.chunk_id = c.id AND e.model = ?2
         WHERE d.collection = ?1 AND c.id > ?3 AND (e.chunk_id IS NULL OR e.dim != ?5)
         ORDER BY c.id LIMIT ?4",
    )?;
    let dim = dim.map(|d| d as i64);
    let rows = stmt.query_map(params![collection, model, after, limit as i64, dim], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many chunks of `collection` need a vector of `model` (see `missing`).
pub fn count_missing(
    conn: &Connection,
    model: &str,
    dim: Option<usize>,
    collection: &str,
) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM documents d
         JOIN chunks c ON c.document_id = d.id
         LEFT JOIN chunk_embeddings e ON e.chunk_id = c.id AND e.model = ?2
         WHERE d.collection = ?1 AND (e.chunk_id IS NULL OR e.dim != ?3)",
        params![collection, model, dim.map(|d| d as i64)],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// The first chunk of `collection` that has a vector of `model`: embedding it again tells
/// whether the model still answers in the dimension its stored vectors have.
pub fn sample(
    conn: &Connection,
    model: &str,
    collection: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.text FROM documents d
             JOIN chunks c ON c.document_id = d.id
             JOIN chunk_embeddings e ON e.chunk_id = c.id AND e.model = ?2
             WHERE d.collection = ?1 ORDER BY c.id LIMIT 1",
        )?
        .query_row(params![collection, model], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Stores the vectors of `model` (normalised here), replacing any older one of each chunk, in
/// one transaction. A chunk deleted meanwhile (its document re-ingested) is passed over.
/// Returns how many were stored.
pub fn put(
    conn: &mut Connection,
    model: &str,
    vectors: &[(i64, Vec<f32>)],
) -> Result<usize, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut stored = 0;
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO chunk_embeddings (chunk_id, model, dim, vector)
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM chunks WHERE id = ?1)",
        )?;
        for (id, v) in vectors {
            let blob = encode(&normalise(v));
            stored += insert.execute(params![id, model, v.len() as i64, blob])?;
        }
    }
    tx.commit()?;
    Ok(stored)
}

/// How many vectors of `model` the chunks of `collections` (all when empty) have, by
/// dimension: (dim, count), by dim. Empty when none has one; more than one row when the model
/// changed shape and the collections were not all embedded again since.
pub fn dims(
    conn: &Connection,
    model: &str,
    collections: &[String],
) -> Result<Vec<(usize, u64)>, StoreError> {
    let names = serde_json::to_string(collections).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "SELECT e.dim, count(*) FROM chunk_embeddings e
         WHERE e.model = ?1 AND (json_array_length(?2) = 0 OR e.chunk_id IN (
             SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
             WHERE d.collection IN (SELECT value FROM json_each(?2))))
         GROUP BY e.dim ORDER BY e.dim",
    )?;
    let rows = stmt.query_map(params![model, names], |r| {
        Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as u64))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The `limit` chunks whose vectors of `model` are most similar to `query` (unit length):
/// (id, cosine similarity), best first, ties by id; from `collections` (all when empty).
/// Vectors of another dimension (written before the model changed shape) are passed over.
pub fn nearest(
    conn: &Connection,
    model: &str,
    query: &[f32],
    collections: &[String],
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    let dim = query.len() as i64;
    // Without a collection filter the documents need not be joined at all.
    let names = (!collections.is_empty())
        .then(|| serde_json::to_string(collections).unwrap_or_else(|_| "[]".into()));
    let mut stmt = conn.prepare_cached(if names.is_none() {
        "SELECT chunk_id, vector FROM chunk_embeddings WHERE model = ?1 AND dim = ?2"
    } else {
        "SELECT e.chunk_id, e.vector FROM chunk_embeddings e
         JOIN chunks c ON c.id = e.chunk_id JOIN documents d ON d.id = c.document_id
         WHERE e.model = ?1 AND e.dim = ?2 AND d.collection IN (SELECT value FROM json_each(?3))"
    })?;
    let mut rows = match &names {
        None => stmt.query(params![model, dim])?,
        Some(names) => stmt.query(params![model, dim, names])?,
    };
    let mut scored: Vec<(i64, f64)> = Vec::new();
    while let Some(r) = rows.next()? {
        let blob = r.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        scored.push((r.get(0)?, dot(blob, query)));
    }
    let best_first = |a: &(i64, f64), b: &(i64, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, best_first);
    }
    scored.truncate(limit);
    scored.sort_by(best_first);
    Ok(scored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip_at_unit_length() {
        let v = normalise(&[3.0, 4.0]);
        assert_eq!(v, vec![0.6, 0.8]);
        let blob = encode(&v);
        assert_eq!(blob.len(), 8);
        assert_eq!(&blob[..4], &0.6f32.to_le_bytes());
        assert_eq!(&blob[4..], &0.8f32.to_le_bytes());
        assert!((dot(&blob, &v) - 1.0).abs() < 1e-6);
        assert!((dot(&blob, &[1.0, 0.0]) - 0.6).abs() < 1e-6);
        assert_eq!(normalise(&[0.0, 0.0]), vec![0.0, 0.0]);
    }

    fn store() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations::migrate_to(&mut conn, super::super::migrations::SCHEMA_VERSION)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO documents (collection, source, format, content_hash, bytes, ingested_at)
             VALUES ('a', '/a.md', 'markdown', 'h', 1, 0), ('b', '/b.md', 'markdown', 'h', 1, 0);
             INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash)
             VALUES (1, 0, '[]', 'one', 0, 3, 'x'), (1, 1, '[]', 'two', 3, 6, 'y'),
                    (2, 0, '[]', 'three', 0, 5, 'z');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn missing_vectors_are_found_stored_ranked_and_cascade_away() {
        let mut conn = store();
        assert_eq!(count_missing(&conn, "m", None, "a").unwrap(), 2);
        assert!(dims(&conn, "m", &[]).unwrap().is_empty());
        assert_eq!(sample(&conn, "m", "a").unwrap(), None);
        let stored = put(
            &mut conn,
            "m",
            &[
                (1, vec![1.0, 0.0]),
                (2, vec![1.0, 1.0]),
                (3, vec![0.0, 2.0]),
                (99, vec![1.0, 0.0]),
            ],
        )
        .unwrap();
        assert_eq!(stored, 3, "a chunk that is gone gets no vector");
        assert_eq!(count_missing(&conn, "m", None, "a").unwrap(), 0);
        assert_eq!(count_missing(&conn, "other", None, "a").unwrap(), 2);
        assert_eq!(
            missing(&conn, "other", None, "a", 1, 10).unwrap(),
            vec![(2, "two".into())]
        );
        assert_eq!(dims(&conn, "m", &[]).unwrap(), vec![(2, 3)]);
        assert_eq!(dims(&conn, "m", &["b".into()]).unwrap(), vec![(2, 1)]);
        assert!(dims(&conn, "m", &["nope".into()]).unwrap().is_empty());
        assert_eq!(sample(&conn, "m", "a").unwrap(), Some((1, "one".into())));

        let best = nearest(&conn, "m", &[1.0, 0.0], &[], 2).unwrap();
        assert_eq!(best.iter().map(|b| b.0).collect::<Vec<_>>(), vec![1, 2]);
        assert!((best[1].1 - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-6);
        let in_b = nearest(&conn, "m", &[1.0, 0.0], &["b".into()], 5).unwrap();
        assert_eq!(in_b.iter().map(|b| b.0).collect::<Vec<_>>(), vec![3]);
        assert!(
            nearest(&conn, "m", &[1.0, 0.0, 0.0], &[], 5)
                .unwrap()
                .is_empty()
        );
        // The model changed shape: vectors of the old dimension need embedding again, those
        // of the new one do not.
        put(&mut conn, "m", &[(2, vec![1.0, 0.0, 0.0])]).unwrap();
        assert_eq!(
            dims(&conn, "m", &["a".into()]).unwrap(),
            vec![(2, 1), (3, 1)]
        );
        assert_eq!(count_missing(&conn, "m", None, "a").unwrap(), 0);
        assert_eq!(count_missing(&conn, "m", Some(3), "a").unwrap(), 1);
        assert_eq!(
            missing(&conn, "m", Some(3), "a", 0, 10).unwrap(),
            vec![(1, "one".into())]
        );
        assert_eq!(
            missing(&conn, "m", Some(2), "a", 0, 10).unwrap(),
            vec![(2, "two".into())]
        );
        conn.execute("DELETE FROM documents WHERE id = 1", [])
            .unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM chunk_embeddings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 1, "deleting a document deletes its chunks' vectors");
    }
}
