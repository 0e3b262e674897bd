//! What generation stores: stage checkpoints of generate jobs, and the index lookups
//! retrieval, keyword scoring, citation checks and topic discovery need (the articles written
//! are `store::articles`).

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::generate::article::Passage;
use crate::kb::chunk::lifted_section;
use crate::kb::query::FtsQuery;

/// Saves the generation state after a finished stage.
pub fn save_checkpoint(conn: &Connection, job_id: i64, state: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE jobs SET checkpoint = ?2 WHERE id = ?1",
        params![job_id, state],
    )?;
    Ok(())
}

pub fn load_checkpoint(conn: &Connection, job_id: i64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT checkpoint FROM jobs WHERE id = ?1", [job_id], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}

/// The best passages for a query (see `docs::ranked_chunks`: BM25, or hybrid with a query
/// vector), from `collections` (all when empty): deterministic, ties broken by chunk id.
pub fn passages(
    conn: &Connection,
    query: &FtsQuery,
    vector: Option<&super::docs::QueryVector>,
    collections: &[String],
    limit: usize,
) -> Result<Vec<Passage>, StoreError> {
    let best = super::docs::ranked_chunks(conn, query, vector, collections, limit)?;
    let mut stmt = conn.prepare_cached(&format!("{PASSAGE_COLUMNS} WHERE c.id = ?1"))?;
    let mut out = Vec::with_capacity(best.len());
    for (id, score) in best {
        let passage = stmt.query_row([id], |r| passage_row(r, score)).optional()?;
        out.extend(passage);
    }
    Ok(out)
}

/// The columns `passage_row` reads: a chunk with its document's public reference and title.
const PASSAGE_COLUMNS: &str = "SELECT c.id, c.document_id, c.hash, coalesce(d.reference, d.source), \
     d.title, c.heading_path, c.text FROM chunks c JOIN documents d ON d.id = c.document_id";

fn passage_row(r: &rusqlite::Row<'_>, score: f64) -> rusqlite::Result<Passage> {
    let chunk_id = r.get(0)?;
    Ok(Passage {
        chunk_id,
        starts_in: chunk_id,
        document_id: r.get(1)?,
        chunk_hash: r.get(2)?,
        source: r.get(3)?,
        title: r.get(4)?,
        heading_path: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
        text: r.get(6)?,
        score,
    })
}

/// The chunks of one section of a document, in source order: those whose heading path is
/// `heading_path` or lies below it (its subsections), at most `limit`. Composition takes a
/// section whole rather than the few chunks a search happened to rank.
pub fn section_chunks(
    conn: &Connection,
    document_id: i64,
    heading_path: &[String],
    limit: usize,
) -> Result<Vec<Passage>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{PASSAGE_COLUMNS} WHERE c.document_id = ?1 ORDER BY c.ord"
    ))?;
    let rows = stmt.query_map([document_id], |r| passage_row(r, 0.0))?;
    let mut out = Vec::new();
    let mut before: Option<Passage> = None;
    for row in rows {
        let passage = row?;
        if passage.heading_path.starts_with(heading_path) {
            // The opening counts as a chunk of the section; a caller asking for one chunk
            // gets the section's own, whose identity it keeps.
            if out.is_empty()
                && limit > 1
                && let Some(opening) = before.take().and_then(|b| lifted_opening(b, heading_path))
            {
                out.push(opening);
            }
            out.push(passage);
            if out.len() >= limit {
                break;
            }
        } else if !out.is_empty() {
            // A section is contiguous: the first chunk outside it after its own ends it.
            break;
        } else {
            before = Some(passage);
        }
    }
    Ok(out)
}

/// The opening of section `heading_path` that the chunker lifted into the chunk before its
/// own (see `kb::chunk`): a small deep section joins the chunk of the one before, under its
/// heading as a line of text (`### TLS Upgrade`, then the entry `loop.start_tls(…)`), and
/// the section's own chunks begin after it. The text after that heading line, as a chunk of
/// the section; None when `before` does not end on it.
fn lifted_opening(before: Passage, heading_path: &[String]) -> Option<Passage> {
    let (_, body) = lifted_section(&before.text, &before.heading_path, heading_path)?;
    let text = before.text[body].trim();
    (!text.is_empty()).then(|| Passage {
        heading_path: heading_path.to_vec(),
        text: text.to_owned(),
        ..before
    })
}

/// The top-level section headings of a document (below its title where its chunks' heading
/// paths all start with one, else their first element), in source order, each once: its
/// table of contents without reading its text.
pub fn document_sections(conn: &Connection, document_id: i64) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT heading_path FROM chunks WHERE document_id = ?1 ORDER BY ord")?;
    let paths: Vec<Vec<String>> = stmt
        .query_map([document_id], |r| r.get::<_, String>(0))?
        .map(|path| Ok(serde_json::from_str(&path?).unwrap_or_default()))
        .collect::<Result<_, rusqlite::Error>>()?;
    // A page headed by its title has its sections one level down; a page whose headings
    // start below its title (no common first heading) has them at the top.
    let root = paths.first().and_then(|p| p.first());
    let titled = root.is_some() && paths.iter().all(|p| p.first() == root);
    let level = usize::from(titled);
    let mut out: Vec<String> = Vec::new();
    for path in &paths {
        if let Some(heading) = path.get(level)
            && !out.contains(heading)
        {
            out.push(heading.clone());
        }
    }
    Ok(out)
}

/// Where a stored page sits: its collection, its source and the page its site reads next.
struct PageLinks {
    collection: String,
    source: String,
    next: Option<String>,
}

fn page_links(conn: &Connection, document_id: i64) -> Result<Option<PageLinks>, StoreError> {
    let next_sql = crate::kb::reading_order::NEXT_SQL;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT collection, source, {next_sql} FROM documents WHERE id = ?1"
    ))?;
    Ok(stmt
        .query_row([document_id], |r| {
            Ok(PageLinks {
                collection: r.get(0)?,
                source: r.get(1)?,
                next: r.get(2)?,
            })
        })
        .optional()?)
}

/// Most pages read from a chapter's folder: a book's chapter has tens, not thousands.
const CHAPTER_ROWS: usize = 500;

/// The documents nested below `document_id` (in the folder named after it, see
/// `kb::reading_order::chapter_folder`) in the same collection, in the site's reading order,
/// at most `limit`; empty for a page without such a folder.
pub fn chapter_pages(
    conn: &Connection,
    document_id: i64,
    limit: usize,
) -> Result<Vec<i64>, StoreError> {
    let next_sql = crate::kb::reading_order::NEXT_SQL;
    let Some(PageLinks {
        collection,
        source,
        next,
    }) = page_links(conn, document_id)?
    else {
        return Ok(Vec::new());
    };
    let Some(folder) = crate::kb::reading_order::chapter_folder(&source) else {
        return Ok(Vec::new());
    };
    // Every source that starts with "…/match/" sorts between it and "…/match0" ('0' follows
    // '/'), so the collection's (collection, source) index finds them.
    let after_folder = format!("{}0", &folder[..folder.len() - 1]);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, source, {next_sql} FROM documents \
         WHERE collection = ?1 AND source > ?2 AND source < ?3 ORDER BY source LIMIT ?4"
    ))?;
    let rows: Vec<(i64, (String, Option<String>))> = stmt
        .query_map(
            params![collection, folder, after_folder, CHAPTER_ROWS as i64],
            |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
        )?
        .collect::<Result<_, _>>()?;
    let (ids, pages): (Vec<i64>, Vec<(String, Option<String>)>) = rows.into_iter().unzip();
    Ok(crate::kb::reading_order::order(next.as_deref(), &pages)
        .into_iter()
        .take(limit)
        .map(|i| ids[i])
        .collect())
}

/// The documents that follow `document_id` along the site's next links (`rel="next"`, kept in
/// each document's metadata), in order, at most `steps`; the walk stops at a page not
/// ingested in the same collection, or one already passed.
pub fn reading_chain(
    conn: &Connection,
    document_id: i64,
    steps: usize,
) -> Result<Vec<i64>, StoreError> {
    let next_sql = crate::kb::reading_order::NEXT_SQL;
    let Some(PageLinks {
        collection,
        mut next,
        ..
    }) = page_links(conn, document_id)?
    else {
        return Ok(Vec::new());
    };
    let mut follow = conn.prepare_cached(&format!(
        "SELECT id, {next_sql} FROM documents WHERE collection = ?1 AND source = ?2"
    ))?;
    let mut chain = Vec::new();
    while chain.len() < steps {
        let Some(source) = next.take() else { break };
        let Some((id, after)) = follow
            .query_row(params![collection, source], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .optional()?
        else {
            break;
        };
        if id == document_id || chain.contains(&id) {
            break;
        }
        chain.push(id);
        next = after;
    }
    Ok(chain)
}

/// Chunk count, and how many chunks contain each term.
pub fn document_frequencies(
    conn: &Connection,
    terms: &[String],
) -> Result<(u64, Vec<(String, u64)>), StoreError> {
    let total: i64 = conn.query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached("SELECT doc FROM chunks_vocab WHERE term = ?1")?;
    let mut out = Vec::with_capacity(terms.len());
    for term in terms {
        let df: Option<i64> = stmt.query_row([term], |r| r.get(0)).optional()?;
        out.push((term.clone(), df.unwrap_or(0) as u64));
    }
    Ok((total as u64, out))
}

pub fn chunk_exists(conn: &Connection, hash: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM chunks WHERE hash = ?1 LIMIT 1")?
        .query_row([hash], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Candidate topics: document titles and second-level headings, with how many chunks sit
/// under each, most frequent first, at most `limit`.
pub fn candidate_topics(
    conn: &Connection,
    collections: &[String],
    limit: usize,
) -> Result<Vec<(String, u64)>, StoreError> {
    let collections = serde_json::to_string(collections).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "SELECT topic, count(*) AS n FROM (
             SELECT coalesce(json_extract(c.heading_path, '$[1]'), d.title) AS topic
             FROM chunks c JOIN documents d ON d.id = c.document_id
             WHERE json_array_length(?1) = 0 OR d.collection IN (SELECT value FROM json_each(?1))
         ) WHERE topic IS NOT NULL AND length(trim(topic)) > 0
         GROUP BY lower(topic) ORDER BY n DESC, topic LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![collections, limit as i64], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::docs::{NewChunk, NewDocument, replace};

    fn chunk(path: &[&str], text: &str, i: u64) -> NewChunk {
        NewChunk {
            heading_path: path.iter().map(|h| (*h).to_owned()).collect(),
            text: text.into(),
            byte_start: i,
            byte_end: i + 1,
            hash: format!("h{i}"),
            kind: "prose",
            simhash: 0,
        }
    }

    #[test]
    fn a_section_begins_where_its_heading_was_lifted_into_the_chunk_before() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations::migrate_to(&mut conn, super::super::migrations::SCHEMA_VERSION)
            .unwrap();
        let servers = ["Event Loop", "Methods", "Creating network servers"];
        let tls = ["Event Loop", "Methods", "TLS Upgrade"];
        // A chunk the chunker carried on past its section's end holds the sections it ran
        // into under their headings, and is stored under their parent.
        let methods = ["Event Loop", "Methods"];
        let document = NewDocument {
            collection: "c".into(),
            source: "loop.html".into(),
            title: Some("Event Loop".into()),
            format: "html".into(),
            content_hash: "h".into(),
            bytes: 1,
            metadata: serde_json::Map::new(),
            job_id: None,
            reference: "loop.html".into(),
            text_hash: String::new(),
            simhash: 0,
            chunks: vec![
                chunk(&servers, "`loop.create_server()`: Create a server.", 0),
                chunk(
                    &methods,
                    "Returns a server.\n\n### Examples\n\nAn example of another \
                     entry.\n\n### Watching\n\nNot TLS.\n\n### TLS Upgrade\n\n\
                     `loop.start_tls()`: Upgrade a connection to TLS.",
                    1,
                ),
                chunk(&tls, "- sslcontext: a configured `SSLContext`.", 2),
            ],
        };
        replace(&mut conn, &[document]).unwrap();
        let id: i64 = conn
            .query_row("SELECT id FROM documents", [], |r| r.get(0))
            .unwrap();
        let path: Vec<String> = tls.iter().map(|h| (*h).to_owned()).collect();
        let texts: Vec<String> = section_chunks(&conn, id, &path, 10)
            .unwrap()
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            texts,
            [
                "`loop.start_tls()`: Upgrade a connection to TLS.",
                "- sslcontext: a configured `SSLContext`."
            ]
        );
        // Asked for one chunk, the section gives its own first.
        let one = section_chunks(&conn, id, &path, 1).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].text, "- sslcontext: a configured `SSLContext`.");
        // A section whose heading stands nowhere before it begins with its own chunks.
        let path: Vec<String> = servers.iter().map(|h| (*h).to_owned()).collect();
        assert_eq!(section_chunks(&conn, id, &path, 10).unwrap().len(), 1);
    }

    #[test]
    fn a_chapters_pages_come_in_the_order_their_next_links_give() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate_to(&mut conn, super::super::migrations::SCHEMA_VERSION)
            .unwrap();
        let page = |collection: &str, source: &str, next: Option<&str>| {
            let mut metadata = serde_json::Map::new();
            if let Some(next) = next {
                metadata.insert(crate::kb::reading_order::METADATA_KEY.into(), next.into());
            }
            NewDocument {
                collection: collection.into(),
                source: source.into(),
                title: Some(source.into()),
                format: "html".into(),
                content_hash: source.into(),
                bytes: 1,
                metadata,
                job_id: None,
                reference: source.into(),
                text_hash: source.into(),
                simhash: 0,
                chunks: vec![chunk(&[source], source, 0)],
            }
        };
        let documents = [
            page("c", "/b/match.html", Some("/b/match/tuples.html")),
            page("c", "/b/match/binding.html", Some("/b/if_let.html")),
            page("c", "/b/match/enums.html", Some("/b/match/binding.html")),
            page("c", "/b/match/tuples.html", Some("/b/match/enums.html")),
            page("c", "/b/match/unlinked.html", None),
            // A value that is not a page's source (front matter's `next: false`) is none.
            NewDocument {
                metadata: serde_json::Map::from_iter([(
                    crate::kb::reading_order::METADATA_KEY.to_owned(),
                    serde_json::Value::Bool(false),
                )]),
                ..page("c", "/b/match/odd.html", None)
            },
            // Beside the folder, not in it; and the same folder in another collection.
            page("c", "/b/match.html.bak", None),
            page("c", "/b/matches/x.html", None),
            page("other", "/b/match/secret.html", None),
            page("c", "/b/if_let.html", None),
        ];
        replace(&mut conn, &documents).unwrap();
        let id = |source: &str| -> i64 {
            conn.query_row(
                "SELECT id FROM documents WHERE source = ?1 AND collection = 'c'",
                [source],
                |r| r.get(0),
            )
            .unwrap()
        };
        let chapter = chapter_pages(&conn, id("/b/match.html"), 10).unwrap();
        let expected: Vec<i64> = [
            "/b/match/tuples.html",
            "/b/match/enums.html",
            "/b/match/binding.html",
            "/b/match/odd.html",
            "/b/match/unlinked.html",
        ]
        .iter()
        .map(|s| id(s))
        .collect();
        assert_eq!(chapter, expected);
        assert_eq!(
            chapter_pages(&conn, id("/b/match.html"), 2).unwrap(),
            expected[..2]
        );
        // Along the next links from the top, within the collection, ending at a page
        // without one.
        let chain = reading_chain(&conn, id("/b/match.html"), 10).unwrap();
        assert_eq!(
            chain,
            [expected[..3].to_vec(), vec![id("/b/if_let.html")]].concat()
        );
        assert_eq!(
            reading_chain(&conn, id("/b/match.html"), 1).unwrap(),
            expected[..1]
        );
        // A page without a folder of its own has no chapter; an unknown one neither.
        assert!(
            chapter_pages(&conn, id("/b/if_let.html"), 10)
                .unwrap()
                .is_empty()
        );
        assert!(chapter_pages(&conn, 9_999, 10).unwrap().is_empty());
    }
}
