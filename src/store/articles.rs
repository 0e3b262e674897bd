//! The articles table: every article a generation made, with whose it is, and the search
//! over the words of its topic and title (`articles_fts`). Rows outlive their jobs: the
//! history keeps what it shows instead of pointing into jobs that purges remove.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, format_ms, now_ms};
use crate::kb::query::FtsQuery;

const COLUMNS: &str = "a.id, a.topic, a.title, a.slug, a.path, a.workflow, a.format, a.quality, \
    a.provider, a.job_id, a.owner, a.created_at";

/// One row of the history as the store reads it; the daemon turns it into the wire's
/// `ArticleView` (the store knows nothing of the wire).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub id: i64,
    pub topic: String,
    pub title: String,
    pub slug: String,
    pub path: Option<String>,
    pub workflow: String,
    pub format: String,
    /// `passed` or `failed`; None when the workflow had no quality check.
    pub quality: Option<String>,
    pub provider: Option<String>,
    pub job_id: Option<i64>,
    pub owner: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// An article just made, as the generate job records it.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub topic: String,
    pub title: String,
    pub slug: String,
    /// None: printed to standard output.
    pub path: Option<String>,
    pub workflow: String,
    pub format: String,
    pub quality: Option<bool>,
    pub provider: String,
    pub job_id: Option<i64>,
    pub owner: Option<String>,
}

pub fn record(conn: &Connection, a: &NewArticle) -> Result<(), StoreError> {
    let quality = a
        .quality
        .map(|passed| if passed { "passed" } else { "failed" });
    conn.execute(
        "INSERT INTO articles (topic, title, slug, path, workflow, format, quality, provider,
                               job_id, owner, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            a.topic,
            a.title,
            a.slug,
            a.path,
            a.workflow,
            a.format,
            quality,
            a.provider,
            a.job_id,
            a.owner,
            now_ms()
        ],
    )?;
    Ok(())
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        topic: r.get(1)?,
        title: r.get(2)?,
        slug: r.get(3)?,
        path: r.get(4)?,
        workflow: r.get(5)?,
        format: r.get(6)?,
        quality: r.get(7)?,
        provider: r.get(8)?,
        job_id: r.get(9)?,
        owner: r.get(10)?,
        created_at: format_ms(r.get(11)?),
    })
}

/// Newest first; only `owner`'s when given (the reader's scope).
pub fn list(
    conn: &Connection,
    owner: Option<&str>,
    limit: u32,
) -> Result<Vec<ArticleRow>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM articles a WHERE (?1 IS NULL OR a.owner = ?1)
         ORDER BY a.id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![owner, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The articles whose topic or title holds every word of `query`, best match first (BM25,
/// then newest); only `owner`'s when given.
pub fn search(
    conn: &Connection,
    query: &FtsQuery,
    owner: Option<&str>,
    limit: u32,
) -> Result<Vec<ArticleRow>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM articles_fts f JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH ?1 AND (?2 IS NULL OR a.owner = ?2)
         ORDER BY bm25(articles_fts), a.id DESC LIMIT ?3"
    );
    let every_word = query.all.as_deref().unwrap_or(&query.any);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![every_word, owner, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ArticleRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM articles a WHERE a.id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

/// Topics that already have an article, lowercased (for `topics` and `--auto-topic`).
pub fn written_topics(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT lower(topic) FROM articles")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(topic: &str, title: &str, owner: &str) -> NewArticle {
        NewArticle {
            topic: topic.into(),
            title: title.into(),
            slug: "s".into(),
            path: None,
            workflow: "blog".into(),
            format: "md".into(),
            quality: Some(true),
            provider: "offline".into(),
            job_id: None,
            owner: Some(owner.into()),
        }
    }

    #[test]
    fn search_matches_every_word_of_topic_or_title_within_the_owner() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrations::migrate_to(&mut conn, crate::store::migrations::SCHEMA_VERSION)
            .unwrap();
        record(&conn, &article("restic backups", "Restic Backups", "a")).unwrap();
        record(&conn, &article("ssh hardening", "Hardening SSH", "a")).unwrap();
        record(&conn, &article("restic snapshots", "Snapshots", "b")).unwrap();
        let q = crate::kb::query::to_fts5("Restic", false).unwrap();
        let all: Vec<String> = search(&conn, &q, None, 10)
            .unwrap()
            .into_iter()
            .map(|a| a.topic)
            .collect();
        assert_eq!(all.len(), 2, "{all:?}");
        let mine = search(&conn, &q, Some("a"), 10).unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].quality.as_deref(), Some("passed"));
        let both = crate::kb::query::to_fts5("restic hardening", false).unwrap();
        assert!(search(&conn, &both, None, 10).unwrap().is_empty());
        assert_eq!(list(&conn, Some("b"), 10).unwrap().len(), 1);
    }
}
