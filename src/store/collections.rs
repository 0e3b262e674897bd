//! Who owns each collection (migration 0010), and so each document in it: which collections a
//! caller may read, who may ingest into or remove one, and which an admin shared. A user key
//! reads the collections it owns and the shared ones; admin and viewer keys read them all
//! (`KeyRole::sees_everything`). A collection belongs to the key that first ingested into it;
//! another user key ingesting under the same name is refused, not merged in.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::auth::KeyRole;

/// A collection as the store reads it (the daemon shows it as the wire's collection view).
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionRow {
    pub name: String,
    /// None: nobody's (made before owners existed), an admin's to manage.
    pub owner: Option<String>,
    pub shared: bool,
    pub documents: u64,
    pub chunks: u64,
    /// Chunks with a vector of the model asked about; None when none was asked about.
    pub vectors: Option<u64>,
    pub bytes: u64,
}

/// The collections a caller may read.
#[derive(Debug, Clone, PartialEq)]
pub enum Readable {
    All,
    /// These only (perhaps none).
    Only(Vec<String>),
}

impl Readable {
    /// The collections a read that asks for `asked` (none: all) may cover, in the store's
    /// convention that an empty list means every collection; None when it may cover none.
    pub fn narrow(&self, asked: &[String]) -> Option<Vec<String>> {
        match self {
            Readable::All => Some(asked.to_vec()),
            Readable::Only(mine) => {
                let allowed: Vec<String> = if asked.is_empty() {
                    mine.clone()
                } else {
                    asked.iter().filter(|c| mine.contains(c)).cloned().collect()
                };
                (!allowed.is_empty()).then_some(allowed)
            }
        }
    }

    pub fn contains(&self, collection: &str) -> bool {
        match self {
            Readable::All => true,
            Readable::Only(mine) => mine.iter().any(|c| c == collection),
        }
    }
}

/// What `reader` may read: everything when None (an admin or viewer key, or the daemon's own
/// work), else the collections that key owns and the shared ones.
pub fn readable(conn: &Connection, reader: Option<&str>) -> Result<Readable, StoreError> {
    let Some(key) = reader else {
        return Ok(Readable::All);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM collections WHERE owner = ?1 OR shared = 1 ORDER BY name",
    )?;
    let names = stmt.query_map([key], |r| r.get(0))?;
    Ok(Readable::Only(names.collect::<Result<_, _>>()?))
}

/// Checks that each collection a read names exists and that `readable` covers it: one a key
/// may not read does not exist to it. The first that fails is `NotFound`, naming the closest
/// readable collection, so `search --collection nosuch` says so instead of finding nothing.
pub fn check_named(
    conn: &Connection,
    readable: &Readable,
    named: &[String],
) -> Result<(), StoreError> {
    if named.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached("SELECT name FROM collections ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut known = Vec::new();
    for name in names {
        let name = name?;
        if readable.contains(&name) {
            known.push(name);
        }
    }
    match named.iter().find(|n| !known.contains(n)) {
        Some(missing) => Err(StoreError::NotFound(crate::suggest::unknown(
            "collection",
            missing,
            "readable",
            known.iter().map(String::as_str),
        ))),
        None => Ok(()),
    }
}

/// The reader a key's work is bounded by (see `Principal::reader`): None for an admin or
/// viewer key, or no key at all (jobs from before keys existed); else the key itself.
pub fn reader_of(conn: &Connection, key: Option<&str>) -> Result<Option<String>, StoreError> {
    let Some(key) = key else {
        return Ok(None);
    };
    let role: Option<String> = conn
        .prepare_cached("SELECT role FROM api_keys WHERE id = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    let sees_everything = role
        .as_deref()
        .and_then(KeyRole::parse)
        .is_some_and(KeyRole::sees_everything);
    Ok((!sees_everything).then(|| key.to_string()))
}

/// A collection's owner (None: nobody's, an admin's to manage) and whether it is shared;
/// None when there is no such collection.
pub fn get(conn: &Connection, name: &str) -> Result<Option<(Option<String>, bool)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT owner, shared FROM collections WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Makes sure `key` may ingest into `name`: a new collection becomes the key's (nobody's when
/// `key` is None); an existing one must be the key's own, unless the key reads everything
/// (an admin key: viewer keys cannot ingest). A conflict otherwise.
pub fn claim(conn: &Connection, name: &str, key: Option<&str>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO collections (name, owner) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?
    .execute(params![name, key])?;
    let Some(reader) = reader_of(conn, key)? else {
        return Ok(());
    };
    match get(conn, name)? {
        Some((Some(owner), _)) if owner == reader => Ok(()),
        _ => Err(StoreError::Conflict(format!(
            "collection '{name}' belongs to another key; ingest into a collection of your own \
             (--collection NAME)"
        ))),
    }
}

/// Shares a collection with every key for reading, or stops; false when there is none.
pub fn set_shared(conn: &Connection, name: &str, shared: bool) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE collections SET shared = ?2 WHERE name = ?1",
        params![name, shared],
    )? > 0)
}

/// Forgets a collection (after its documents were removed), so that its name is free again.
pub fn forget(conn: &Connection, name: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM collections WHERE name = ?1", [name])?;
    Ok(())
}

/// The collections `readable` allows, with their owner, whether shared, their size, and with
/// `model` (the configured embedding model) how many of their chunks have a vector of it.
pub fn list(
    conn: &Connection,
    readable: &Readable,
    model: Option<&str>,
) -> Result<Vec<CollectionRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.name, k.owner, k.shared, count(d.id), coalesce(sum(d.bytes), 0),
                (SELECT count(*) FROM chunks c JOIN documents d2 ON d2.id = c.document_id
                 WHERE d2.collection = k.name),
                (SELECT count(*) FROM chunks c JOIN documents d3 ON d3.id = c.document_id
                 JOIN chunk_embeddings e ON e.chunk_id = c.id AND e.model = ?1
                 WHERE d3.collection = k.name)
         FROM collections k LEFT JOIN documents d ON d.collection = k.name
         GROUP BY k.name ORDER BY k.name",
    )?;
    let rows = stmt.query_map([model], |r| {
        Ok(CollectionRow {
            name: r.get(0)?,
            owner: r.get(1)?,
            shared: r.get(2)?,
            documents: r.get::<_, i64>(3)? as u64,
            bytes: r.get::<_, i64>(4)? as u64,
            chunks: r.get::<_, i64>(5)? as u64,
            vectors: model
                .map(|_| r.get::<_, i64>(6))
                .transpose()?
                .map(|n| n as u64),
        })
    })?;
    let all: Vec<CollectionRow> = rows.collect::<Result<_, _>>()?;
    Ok(all
        .into_iter()
        .filter(|c| readable.contains(&c.name))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_sees_its_own_and_the_shared_collections_only() {
        let conn = crate::store::memory_with_key();
        conn.execute_batch(
            "INSERT INTO api_keys (id, name, role, secret_hash, created_at)
             VALUES ('alice', 'a', 'user', x'00', 0), ('bob', 'b', 'user', x'00', 0),
                    ('boss', 'c', 'admin', x'00', 0);",
        )
        .unwrap();
        claim(&conn, "a-notes", Some("alice")).unwrap();
        claim(&conn, "b-notes", Some("bob")).unwrap();
        claim(&conn, "handbook", None).unwrap();
        let err = claim(&conn, "a-notes", Some("bob")).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        assert!(claim(&conn, "handbook", Some("bob")).is_err());
        claim(&conn, "a-notes", Some("boss")).unwrap();
        assert!(set_shared(&conn, "handbook", true).unwrap());

        let bob = readable(&conn, Some("bob")).unwrap();
        assert_eq!(
            bob,
            Readable::Only(vec!["b-notes".into(), "handbook".into()])
        );
        assert_eq!(
            bob.narrow(&[]),
            Some(vec!["b-notes".into(), "handbook".into()])
        );
        assert_eq!(bob.narrow(&["a-notes".into()]), None);
        assert_eq!(Readable::Only(vec![]).narrow(&[]), None);
        assert_eq!(Readable::All.narrow(&[]), Some(vec![]));
        assert_eq!(reader_of(&conn, Some("boss")).unwrap(), None);
        assert_eq!(
            reader_of(&conn, Some("bob")).unwrap().as_deref(),
            Some("bob")
        );
        let names: Vec<String> = list(&conn, &bob, None)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["b-notes", "handbook"]);
    }
}
