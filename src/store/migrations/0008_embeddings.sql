-- Embedding vectors of chunks, for hybrid search: one per chunk, from the model named (a
-- change of model re-embeds chunk by chunk). The vector is `dim` little-endian f32, normalised
-- to unit length when written, so cosine similarity is a dot product. Replacing or deleting a
-- chunk (re-ingest, prune, `docs rm`) cascades here, so no vector outlives its text.
CREATE TABLE chunk_embeddings (
    chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
    model    TEXT    NOT NULL,
    dim      INTEGER NOT NULL CHECK (dim > 0),
    vector   BLOB    NOT NULL CHECK (length(vector) = 4 * dim)
);
CREATE INDEX chunk_embeddings_model ON chunk_embeddings (model);
