-- The knowledge base: documents, their chunks, and a full-text index over the chunks.
-- The index reads its text from `chunks` (external content), so its column names must match.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    collection   TEXT    NOT NULL,
    source       TEXT    NOT NULL,               -- absolute path or URL
    title        TEXT,
    format       TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,               -- SHA-256 of the raw bytes
    bytes        INTEGER NOT NULL,
    metadata     TEXT    NOT NULL DEFAULT '{}',  -- JSON (front matter and the like)
    ingested_at  INTEGER NOT NULL,
    job_id       INTEGER,
    UNIQUE (collection, source)
);

CREATE TABLE chunks (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    heading_path TEXT    NOT NULL,               -- JSON array of headings
    text         TEXT    NOT NULL,
    byte_start   INTEGER NOT NULL,
    byte_end     INTEGER NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE INDEX chunks_document ON chunks (document_id, ord);

CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    text, heading_path,
    content = 'chunks', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, text, heading_path) VALUES (new.id, new.text, new.heading_path);
END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text, heading_path)
    VALUES ('delete', old.id, old.text, old.heading_path);
END;
CREATE TRIGGER chunks_au AFTER UPDATE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text, heading_path)
    VALUES ('delete', old.id, old.text, old.heading_path);
    INSERT INTO chunks_fts (rowid, text, heading_path) VALUES (new.id, new.text, new.heading_path);
END;
