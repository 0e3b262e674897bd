-- Collections have owners, like jobs and templates: a user key sees and changes only the
-- collections it owns (and reads those an admin shared); admin and viewer keys see them all.
-- A document belongs to the owner of its collection. Collections that existed before owners
-- did belong to nobody: only admin and viewer keys see them, until an admin shares them.
CREATE TABLE collections (
    name   TEXT    PRIMARY KEY,
    owner  TEXT,                         -- the key that first ingested into it; NULL: nobody's
    shared INTEGER NOT NULL DEFAULT 0    -- 1: every key may read it (`collections share`)
);
INSERT INTO collections (name) SELECT DISTINCT collection FROM documents;
CREATE INDEX collections_owner ON collections (owner);
