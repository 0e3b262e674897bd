-- The providers' response cache: answers by the hash of (provider, model, request), until
-- they expire.
CREATE TABLE provider_cache (
    key           TEXT    PRIMARY KEY,             -- SHA-256 hex of the request
    provider      TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    input_tokens  INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,                -- Unix milliseconds
    expires_at    INTEGER NOT NULL
);
CREATE INDEX provider_cache_expiry ON provider_cache (expires_at);
