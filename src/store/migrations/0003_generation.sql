-- Generation: stage checkpoints on jobs, the articles written, and what retrieval, keyword
-- scoring and citation checks need from the index.
ALTER TABLE jobs ADD COLUMN checkpoint TEXT;      -- JSON generation state after the last stage

CREATE TABLE articles (
    id         INTEGER PRIMARY KEY,
    topic      TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    workflow   TEXT    NOT NULL,
    job_id     INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX articles_topic ON articles (topic COLLATE NOCASE);

-- Citations name chunks by the hash of their text.
CREATE INDEX chunks_hash ON chunks (hash);

-- Per-term document (chunk) frequencies, for keyword scoring against the corpus.
CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab (chunks_fts, 'row');
