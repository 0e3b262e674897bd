-- A list's items now keep their numbers when the list is ordered (steps stay steps in an
-- article), and an inner list is indented four spaces a level so that it nests under a
-- numbered item too; and an item the site's template repeats (Node's "options <Object>") now
-- stays when a list sits inside it. Stored documents with lists are parsed again by the next
-- ingest of their files: an empty content hash never matches a file's.
UPDATE documents SET content_hash = ''
WHERE id IN (SELECT document_id FROM chunks WHERE kind = 'list');
