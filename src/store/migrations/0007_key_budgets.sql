-- Daily model budgets per API key: a key's own limits (NULL: the [budgets] defaults of the
-- config apply) and what each key's jobs spent on model calls per UTC day.
CREATE TABLE key_budgets (
    key_id       TEXT    PRIMARY KEY REFERENCES api_keys(id) ON DELETE CASCADE,
    daily_tokens INTEGER,
    daily_cost   REAL
);

CREATE TABLE key_usage (
    key_id TEXT    NOT NULL,
    day    TEXT    NOT NULL,                        -- YYYY-MM-DD, UTC
    calls  INTEGER NOT NULL,
    tokens INTEGER NOT NULL,                        -- input and output
    cost   REAL    NOT NULL,
    PRIMARY KEY (key_id, day)
) WITHOUT ROWID;
CREATE INDEX key_usage_day ON key_usage (day);
