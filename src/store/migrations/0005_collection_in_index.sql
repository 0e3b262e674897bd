-- The collection goes into the full-text index, so that a search filtered to some collections
-- is one more term of the FTS5 query rather than a join of every match to its document.
-- Each chunk stores it as one token (`store::docs::collection_token`: the name's UTF-8 bytes in
-- lowercase hex, which the tokenizer keeps whole): the index reads its columns from `chunks`,
-- and the delete trigger must still see the value after a cascade has removed the document.
DROP TRIGGER chunks_ai;
DROP TRIGGER chunks_ad;
DROP TRIGGER chunks_au;
DROP TABLE chunks_vocab;
DROP TABLE chunks_fts;

ALTER TABLE chunks ADD COLUMN collection_token TEXT NOT NULL DEFAULT '';
UPDATE chunks SET collection_token =
    (SELECT lower(hex(d.collection)) FROM documents d WHERE d.id = chunks.document_id);

CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    text, heading_path, collection_token,
    content = 'chunks', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild');

CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, text, heading_path, collection_token)
    VALUES (new.id, new.text, new.heading_path, new.collection_token);
END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text, heading_path, collection_token)
    VALUES ('delete', old.id, old.text, old.heading_path, old.collection_token);
END;
CREATE TRIGGER chunks_au AFTER UPDATE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text, heading_path, collection_token)
    VALUES ('delete', old.id, old.text, old.heading_path, old.collection_token);
    INSERT INTO chunks_fts (rowid, text, heading_path, collection_token)
    VALUES (new.id, new.text, new.heading_path, new.collection_token);
END;

CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab (chunks_fts, 'row');
