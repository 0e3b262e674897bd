-- Clean ingest: every chunk says what it holds (prose, list, code, table) and carries a SimHash
-- fingerprint, so a search can leave out a passage it already showed; every document keeps its
-- public reference (canonical URL, base URL + relative path, or the relative path) and the
-- fingerprints that find it again as an exact or near duplicate (`kb::dedup`).
ALTER TABLE documents ADD COLUMN reference TEXT;
ALTER TABLE documents ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN simhash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chunks ADD COLUMN kind TEXT NOT NULL DEFAULT 'prose';
ALTER TABLE chunks ADD COLUMN simhash INTEGER NOT NULL DEFAULT 0;
-- Documents stored before are parsed again by the next ingest of their files, which gives
-- them kinds, references and fingerprints: an empty content hash never matches a file's.
UPDATE documents SET content_hash = '';
