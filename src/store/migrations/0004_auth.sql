-- Security: API keys (only hashes of their secrets), sessions, the audit log, the daemon's
-- own secrets, and who owns each template. `jobs.owner` (0001) holds the submitting key's id.
CREATE TABLE api_keys (
    id               TEXT    PRIMARY KEY,          -- the public part of cgen_<id>_<secret>
    name             TEXT    NOT NULL,
    role             TEXT    NOT NULL CHECK (role IN ('admin', 'user', 'viewer')),
    secret_hash      BLOB    NOT NULL,             -- SHA-256 of the secret
    created_at       INTEGER NOT NULL,             -- Unix milliseconds
    created_by       TEXT,                         -- the key that made it; NULL for the bootstrap
    expires_at       INTEGER,
    revoked_at       INTEGER,
    last_used_at     INTEGER,
    -- After `keys rotate`: the old secret keeps working until prev_expires_at.
    prev_secret_hash BLOB,
    prev_expires_at  INTEGER
);

CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY,                -- the token's jti
    key_id     TEXT    NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'user', 'viewer')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX sessions_key ON sessions (key_id);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    event   TEXT    NOT NULL,                      -- bootstrap, key_created, auth_failed, ...
    key_id  TEXT,
    method  TEXT,
    outcome TEXT    NOT NULL,                      -- ok, or the error kind
    detail  TEXT                                   -- JSON
);
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_key ON audit_log (key_id, at);

-- Secrets the daemon keeps for itself (the session signing key). The database is 0600.
CREATE TABLE daemon_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE template_owners (
    name  TEXT PRIMARY KEY,
    owner TEXT NOT NULL
);

CREATE INDEX jobs_owner ON jobs (owner, id);
