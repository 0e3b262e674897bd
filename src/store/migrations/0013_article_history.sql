-- Articles become a history one can search: whose they are (the key the job ran for, so a
-- user key sees its own as with jobs), their title, format, quality verdict and the provider
-- that wrote them; an article printed to standard output has no path. Jobs are purged and
-- removed, so the history keeps what it needs rather than pointing into them. Rows from
-- before take what their job, while it still exists, recorded.
CREATE TABLE articles_history (
    id         INTEGER PRIMARY KEY,
    topic      TEXT    NOT NULL,
    title      TEXT    NOT NULL DEFAULT '',
    slug       TEXT    NOT NULL,
    path       TEXT,                       -- NULL: printed to standard output
    workflow   TEXT    NOT NULL,
    format     TEXT    NOT NULL DEFAULT 'md',
    quality    TEXT,                       -- 'passed', 'failed'; NULL: not checked
    provider   TEXT,                       -- 'offline' or the provider; NULL: not recorded
    owner      TEXT,                       -- the API key; NULL: from before keys
    job_id     INTEGER,
    created_at INTEGER NOT NULL
);
INSERT INTO articles_history
       (id, topic, title, slug, path, workflow, format, quality, owner, job_id, created_at)
SELECT a.id, a.topic, coalesce(json_extract(j.result, '$.title'), ''), a.slug, a.path,
       a.workflow, coalesce(json_extract(j.spec, '$.params.format'), 'md'),
       CASE json_extract(j.result, '$.quality.passed') WHEN 1 THEN 'passed'
                                                        WHEN 0 THEN 'failed' END,
       j.owner, a.job_id, a.created_at
  FROM articles a LEFT JOIN jobs j ON j.id = a.job_id;
DROP TABLE articles;
ALTER TABLE articles_history RENAME TO articles;
CREATE INDEX articles_topic ON articles (topic COLLATE NOCASE);
CREATE INDEX articles_owner ON articles (owner, id);

-- "What did I write on X": words of the topic and the title.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    topic, title,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, topic, title) VALUES (new.id, new.topic, new.title);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, topic, title)
    VALUES ('delete', old.id, old.topic, old.title);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, topic, title)
    VALUES ('delete', old.id, old.topic, old.title);
    INSERT INTO articles_fts (rowid, topic, title) VALUES (new.id, new.topic, new.title);
END;
