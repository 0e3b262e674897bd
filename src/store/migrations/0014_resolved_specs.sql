-- What a job's spec resolved to at submit (a generate job's workflow, tone and template; a
-- batch's, one per item), as JSON, so the job runs with what was checked. NULL: a job queued
-- before this, or one with nothing to resolve; a generate job then resolves its spec itself.
ALTER TABLE jobs ADD COLUMN resolved TEXT;
