-- HTML pages now keep the page their site reads next (`rel="next"`, metadata `next`) and a
-- manual page's NAME line. Stored pages are parsed again by the next ingest of their files:
-- an empty content hash never matches a file's.
UPDATE documents SET content_hash = '' WHERE format = 'html';
