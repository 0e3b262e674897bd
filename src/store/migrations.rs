//! Schema migrations: numbered SQL files embedded in the binary, applied in one IMMEDIATE
//! transaction and tracked by `PRAGMA user_version`. A database written by a newer cgen is
//! refused rather than damaged.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Every migration in order; `user_version` is the number applied so far. Append only.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_jobs.sql"),
    include_str!("migrations/0002_documents.sql"),
    include_str!("migrations/0003_generation.sql"),
    include_str!("migrations/0004_auth.sql"),
    include_str!("migrations/0005_collection_in_index.sql"),
    include_str!("migrations/0006_provider_cache.sql"),
    include_str!("migrations/0007_key_budgets.sql"),
    include_str!("migrations/0008_embeddings.sql"),
    include_str!("migrations/0009_job_counts.sql"),
    include_str!("migrations/0010_collection_owners.sql"),
    include_str!("migrations/0011_job_turns.sql"),
    include_str!("migrations/0012_ingest_kinds_and_references.sql"),
    include_str!("migrations/0013_article_history.sql"),
    include_str!("migrations/0014_resolved_specs.sql"),
    include_str!("migrations/0015_reparse_html_for_reading_order.sql"),
    include_str!("migrations/0016_reparse_html_tables.sql"),
    include_str!("migrations/0017_reparse_lists.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to `target` (normally `SCHEMA_VERSION`; tests stop earlier).
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(current as usize)
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::jobs::{Kind as JobKind, State as JobState};

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn fresh_database_reaches_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, SCHEMA_VERSION).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        // Running again is a no-op.
        migrate_to(&mut conn, SCHEMA_VERSION).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
    }

    #[test]
    fn step_1_to_2_keeps_queued_jobs_and_adds_the_knowledge_base() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO jobs (kind, state, spec, max_attempts, timeout_ms, correlation_id, created_at)
             VALUES ('ingest', 'queued', '{}', 3, 1000, 'r-1', 0)",
            [],
        )
        .unwrap();
        migrate_to(&mut conn, 2).unwrap();
        let jobs: i64 = conn
            .query_row("SELECT count(*) FROM jobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jobs, 1);
        conn.execute(
            "INSERT INTO documents (collection, source, format, content_hash, bytes, ingested_at)
             VALUES ('c', '/a.md', 'markdown', 'h', 1, 0)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash)
             VALUES (1, 0, '[]', 'restic snapshots', 0, 16, 'x')",
            [],
        )
        .unwrap();
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'restic'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 1);
        // Deleting the document cascades to its chunks and out of the index.
        conn.execute("DELETE FROM documents", []).unwrap();
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'restic'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 0);
    }

    #[test]
    fn step_2_to_3_adds_checkpoints_articles_and_vocabulary() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO jobs (kind, state, spec, max_attempts, timeout_ms, correlation_id, created_at)
             VALUES ('ingest', 'succeeded', '{}', 3, 1000, 'r-1', 0);
             INSERT INTO documents (collection, source, format, content_hash, bytes, ingested_at)
             VALUES ('c', '/a.md', 'markdown', 'h', 1, 0);
             INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash)
             VALUES (1, 0, '[]', 'restic restic snapshots', 0, 16, 'abc');",
        )
        .unwrap();
        migrate_to(&mut conn, 3).unwrap();
        let checkpoint: Option<String> = conn
            .query_row("SELECT checkpoint FROM jobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(checkpoint, None);
        let df: i64 = conn
            .query_row(
                "SELECT doc FROM chunks_vocab WHERE term = 'restic'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(df, 1);
        conn.execute(
            "INSERT INTO articles (topic, slug, path, workflow, created_at) VALUES ('t', 's', '/p', 'blog', 0)",
            [],
        )
        .unwrap();
    }

    #[test]
    fn step_3_to_4_adds_keys_sessions_and_the_audit_log_and_keeps_jobs_unowned() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 3).unwrap();
        conn.execute(
            "INSERT INTO jobs (kind, state, spec, max_attempts, timeout_ms, correlation_id, created_at)
             VALUES ('ingest', 'queued', '{}', 3, 1000, 'r-1', 0)",
            [],
        )
        .unwrap();
        migrate_to(&mut conn, 4).unwrap();
        // Jobs from before keys have no owner: admins and viewers see them, users do not.
        let owner: Option<String> = conn
            .query_row("SELECT owner FROM jobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(owner, None);
        // No key yet, so the next hello of the local owner may bootstrap.
        assert!(!crate::store::auth::any_key(&conn).unwrap());
        conn.execute(
            "INSERT INTO api_keys (id, name, role, secret_hash, created_at)
             VALUES ('k', 'n', 'admin', x'00', 0)",
            [],
        )
        .unwrap();
        let bad_role = conn.execute(
            "INSERT INTO api_keys (id, name, role, secret_hash, created_at)
             VALUES ('k2', 'n', 'root', x'00', 0)",
            [],
        );
        assert!(bad_role.is_err(), "roles are checked by the schema");
        conn.execute(
            "INSERT INTO sessions (id, key_id, role, created_at, expires_at) VALUES ('s', 'k', 'viewer', 0, 1)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO audit_log (at, event, outcome) VALUES (0, 'bootstrap', 'ok')",
            [],
        )
        .unwrap();
    }

    #[test]
    fn step_4_to_5_puts_the_collection_into_the_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 4).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO documents (collection, source, format, content_hash, bytes, ingested_at)
             VALUES ('notes', '/a.md', 'markdown', 'h', 1, 0), ('web', '/b.md', 'markdown', 'h', 1, 0);
             INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash)
             VALUES (1, 0, '[\"Restic\"]', 'restic snapshots', 0, 16, 'a'),
                    (2, 0, '[]', 'restic forget', 0, 13, 'b');",
        )
        .unwrap();
        migrate_to(&mut conn, 5).unwrap();
        let count = |conn: &Connection, expr: &str| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?1",
                [expr],
                |r| r.get(0),
            )
            .unwrap()
        };
        let notes = crate::store::docs::collection_token("notes");
        assert_eq!(
            count(&conn, "restic"),
            2,
            "existing chunks are indexed again"
        );
        assert_eq!(count(&conn, "heading_path: restic"), 1);
        assert_eq!(
            count(&conn, &format!("restic AND collection_token: {notes}")),
            1
        );
        let df: i64 = conn
            .query_row(
                "SELECT doc FROM chunks_vocab WHERE term = 'restic'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(df, 2);
        // The delete trigger still finds the token after the cascade removed the document.
        conn.execute("DELETE FROM documents WHERE collection = 'notes'", [])
            .unwrap();
        assert_eq!(count(&conn, &format!("collection_token: {notes}")), 0);
        assert_eq!(count(&conn, "restic"), 1);
        conn.execute(
            "INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    }

    #[test]
    fn step_5_to_6_adds_the_response_cache() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 5).unwrap();
        migrate_to(&mut conn, 6).unwrap();
        let answer = crate::store::cache::Cached {
            model: "m".into(),
            text: "t".into(),
            input_tokens: 1,
            output_tokens: 2,
        };
        crate::store::cache::put(&conn, "k", "p", &answer, 60_000).unwrap();
        assert_eq!(
            crate::store::cache::get(&conn, "k").unwrap(),
            Some(answer.clone())
        );
        crate::store::cache::put(&conn, "old", "p", &answer, -1).unwrap();
        assert_eq!(
            crate::store::cache::get(&conn, "old").unwrap(),
            None,
            "expired"
        );
        assert_eq!(crate::store::cache::purge_expired(&conn).unwrap(), 1);
    }

    #[test]
    fn step_6_to_7_adds_key_budgets_that_go_with_their_key() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 6).unwrap();
        conn.execute(
            "INSERT INTO api_keys (id, name, role, secret_hash, created_at)
             VALUES ('k', 'k', 'user', x'00', 0)",
            [],
        )
        .unwrap();
        migrate_to(&mut conn, 7).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        let own = crate::store::budgets::Limits {
            daily_tokens: Some(10),
            daily_cost: None,
        };
        crate::store::budgets::set_own_limits(&conn, "k", Some(own)).unwrap();
        conn.execute("DELETE FROM api_keys WHERE id = 'k'", [])
            .unwrap();
        assert_eq!(crate::store::budgets::own_limits(&conn, "k").unwrap(), None);
    }

    #[test]
    fn step_7_to_8_adds_chunk_vectors_that_follow_their_chunks() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate_to(&mut conn, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (collection, source, format, content_hash, bytes, ingested_at)
             VALUES ('c', '/a.md', 'markdown', 'h', 1, 0);
             INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash)
             VALUES (1, 0, '[]', 'restic', 0, 6, 'a');",
        )
        .unwrap();
        migrate_to(&mut conn, 8).unwrap();
        assert_eq!(
            crate::store::vectors::count_missing(&conn, "m", None, "c").unwrap(),
            1
        );
        let bad_length = conn.execute(
            "INSERT INTO chunk_embeddings (chunk_id, model, dim, vector) VALUES (1, 'm', 2, x'00')",
            [],
        );
        assert!(bad_length.is_err(), "the blob length is checked");
        crate::store::vectors::put(&mut conn, "m", &[(1, vec![1.0, 0.0])]).unwrap();
        conn.execute("DELETE FROM chunks", []).unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM chunk_embeddings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn step_8_to_9_counts_active_jobs_from_an_index_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 8).unwrap();
        conn.execute_batch(
            "INSERT INTO jobs (kind, state, spec, max_attempts, timeout_ms, correlation_id, created_at)
             VALUES ('ingest', 'queued', '{}', 1, 1, 'r-1', 0),
                    ('generate', 'running', '{}', 1, 1, 'r-2', 0),
                    ('ingest', 'succeeded', '{}', 1, 1, 'r-3', 0);",
        )
        .unwrap();
        migrate_to(&mut conn, 9).unwrap();
        let mut counts = crate::store::jobs::counts(&conn).unwrap();
        counts.sort_by_key(|(kind, _, _)| kind.as_str());
        assert_eq!(
            counts,
            [
                (JobKind::Generate, JobState::Running, 1),
                (JobKind::Ingest, JobState::Queued, 1)
            ]
        );
        let plan: String = conn
            .query_row(
                &format!("EXPLAIN QUERY PLAN {}", crate::store::jobs::COUNTS_SQL),
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("COVERING INDEX jobs_state_kind"), "{plan}");
    }

    #[test]
    fn step_9_to_10_gives_existing_collections_to_nobody() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 9).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (collection, source, format, content_hash, bytes, ingested_at)
             VALUES ('default', '/a.md', 'markdown', 'h', 1, 0),
                    ('default', '/b.md', 'markdown', 'h', 1, 0),
                    ('notes', '/c.md', 'markdown', 'h', 1, 0);",
        )
        .unwrap();
        migrate_to(&mut conn, 10).unwrap();
        let rows: Vec<(String, Option<String>, bool)> = conn
            .prepare("SELECT name, owner, shared FROM collections ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("default".into(), None, false),
                ("notes".into(), None, false)
            ]
        );
    }

    #[test]
    fn step_11_to_12_adds_kinds_references_and_fingerprints_and_asks_for_a_reparse() {
        let mine = MIGRATIONS
            .iter()
            .position(|m| m.contains("Clean ingest: every chunk says what it holds"))
            .unwrap() as i64
            + 1;
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, mine - 1).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, collection, source, format, content_hash, bytes, ingested_at)
             VALUES (1, 'c', '/abs/a.md', 'markdown', 'abc', 3, 0);
             INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash)
             VALUES (1, 0, '[]', 'text', 0, 4, 'h');",
        )
        .unwrap();
        migrate_to(&mut conn, mine).unwrap();
        let row: (Option<String>, String, i64, String, i64) = conn
            .query_row(
                "SELECT d.reference, d.content_hash, d.simhash, c.kind, c.simhash
                 FROM documents d JOIN chunks c ON c.document_id = d.id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(row, (None, String::new(), 0, "prose".into(), 0));
    }

    #[test]
    fn step_12_to_13_keeps_articles_with_what_their_jobs_recorded_and_indexes_them() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 12).unwrap();
        conn.execute_batch(
            r#"INSERT INTO jobs (id, kind, state, spec, max_attempts, timeout_ms, correlation_id,
                                created_at, owner, result)
               VALUES (7, 'generate', 'succeeded', '{"kind":"generate","params":{"format":"html"}}',
                       3, 1000, 'r', 0, 'k1',
                       '{"title":"Restic Backups","quality":{"passed":true}}');
               INSERT INTO articles (topic, slug, path, workflow, job_id, created_at)
               VALUES ('restic backups', 'restic-backups', '/o/r.html', 'blog', 7, 5),
                      ('ssh keys', 'ssh-keys', '/o/s.md', 'blog', 99, 6);"#,
        )
        .unwrap();
        migrate_to(&mut conn, 13).unwrap();
        // Title, format, quality, owner, path.
        type Kept = (String, String, Option<String>, Option<String>, String);
        let rows: Vec<Kept> = conn
            .prepare("SELECT title, format, quality, owner, path FROM articles ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (
                    "Restic Backups".into(),
                    "html".into(),
                    Some("passed".into()),
                    Some("k1".into()),
                    "/o/r.html".into()
                ),
                // Its job is gone: what the row itself held stays.
                (String::new(), "md".into(), None, None, "/o/s.md".into())
            ]
        );
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ssh'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 1);
    }

    #[test]
    fn step_13_to_14_leaves_queued_jobs_to_resolve_their_own_specs() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 13).unwrap();
        conn.execute_batch(
            r#"INSERT INTO jobs (id, kind, state, spec, max_attempts, timeout_ms, correlation_id,
                                created_at)
               VALUES (7, 'generate', 'queued', '{"kind":"generate","params":{"topic":"x"}}',
                       3, 1000, 'r', 0);"#,
        )
        .unwrap();
        migrate_to(&mut conn, 14).unwrap();
        assert_eq!(crate::store::jobs::resolved(&conn, 7).unwrap(), None);
    }

    /// The documents' content hashes, by id.
    fn content_hashes(conn: &Connection) -> Vec<String> {
        conn.prepare("SELECT content_hash FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The documents' content hashes once migration `to` has run over `documents` (source,
    /// format, hash; ids from 1) and `chunks` (a document's id and a chunk kind), stored by the
    /// schema before it.
    fn hashes_after_step(
        to: i64,
        documents: &[(&str, &str, &str)],
        chunks: &[(i64, &str)],
    ) -> Vec<String> {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, to - 1).unwrap();
        for (id, (source, format, hash)) in (1..).zip(documents) {
            conn.execute(
                "INSERT INTO documents (id, collection, source, format, content_hash, bytes, ingested_at)
                 VALUES (?1, 'c', ?2, ?3, ?4, 3, 0)",
                rusqlite::params![id, source, format, hash],
            )
            .unwrap();
        }
        for (ord, (document, kind)) in (0..).zip(chunks) {
            conn.execute(
                "INSERT INTO chunks (document_id, ord, heading_path, text, byte_start, byte_end, hash, kind)
                 VALUES (?1, ?2, '[]', 'text', 0, 1, ?3, ?4)",
                rusqlite::params![document, ord, format!("h{ord}"), kind],
            )
            .unwrap();
        }
        migrate_to(&mut conn, to).unwrap();
        content_hashes(&conn)
    }

    #[test]
    fn step_14_to_15_asks_for_html_pages_to_be_parsed_again() {
        let hashes = hashes_after_step(
            15,
            &[
                ("/abs/a.html", "html", "abc"),
                ("/abs/b.md", "markdown", "def"),
            ],
            &[],
        );
        assert_eq!(hashes, ["", "def"]);
    }

    #[test]
    fn step_15_to_16_asks_for_html_pages_with_tables_to_be_parsed_again() {
        let hashes = hashes_after_step(
            16,
            &[
                ("/abs/a.html", "html", "abc"),
                ("/abs/b.html", "html", "def"),
                ("/abs/c.md", "markdown", "ghi"),
            ],
            &[(1, "table"), (2, "prose"), (3, "table")],
        );
        assert_eq!(hashes, ["", "def", "ghi"]);
    }

    #[test]
    fn step_16_to_17_asks_for_documents_with_lists_to_be_parsed_again() {
        let hashes = hashes_after_step(
            17,
            &[
                ("/abs/a.md", "markdown", "abc"),
                ("/abs/b.html", "html", "def"),
                ("/abs/c.html", "html", "ghi"),
            ],
            &[(1, "list"), (2, "prose"), (3, "list")],
        );
        assert_eq!(hashes, ["", "def", ""]);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate_to(&mut conn, SCHEMA_VERSION).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer"), "{err}");
    }
}
