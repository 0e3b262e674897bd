-- The durable job queue and each job's event log.
CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    spec            TEXT    NOT NULL,              -- JSON, the job's typed spec
    priority        INTEGER NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL,
    timeout_ms      INTEGER NOT NULL,
    idempotency_key TEXT UNIQUE,
    parent_id       INTEGER REFERENCES jobs(id) ON DELETE CASCADE,
    owner           TEXT,
    correlation_id  TEXT    NOT NULL,
    result          TEXT,                          -- JSON
    error_kind      TEXT,
    error_message   TEXT,
    created_at      INTEGER NOT NULL,              -- Unix milliseconds
    started_at      INTEGER,
    finished_at     INTEGER,
    run_after       INTEGER NOT NULL DEFAULT 0     -- not claimed before this (retry backoff)
);
-- The scheduler's claim: highest priority, oldest first, among queued jobs.
CREATE INDEX jobs_claim ON jobs (state, priority DESC, id);
CREATE INDEX jobs_parent ON jobs (parent_id);

CREATE TABLE job_events (
    seq     INTEGER PRIMARY KEY,
    job_id  INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    kind    TEXT    NOT NULL,
    message TEXT    NOT NULL,
    data    TEXT
);
CREATE INDEX job_events_job ON job_events (job_id, seq);

-- Small daemon-wide switches that must survive a restart (the queue's pause flag).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
