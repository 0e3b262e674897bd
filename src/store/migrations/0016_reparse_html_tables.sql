-- An HTML table's empty cell before its first filled one (a header's corner) is now kept, so
-- the header has as many columns as the rows under it and the table renders. Stored pages
-- with tables are parsed again by the next ingest of their files: an empty content hash never
-- matches a file's.
UPDATE documents SET content_hash = ''
WHERE format = 'html' AND id IN (SELECT document_id FROM chunks WHERE kind = 'table');
