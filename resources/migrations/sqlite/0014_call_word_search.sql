-- PostgreSQL's rare-word search moved into a function that may use the text index under
-- row-level security; SQLite has no row-level security: nothing to change.
SELECT 1;
