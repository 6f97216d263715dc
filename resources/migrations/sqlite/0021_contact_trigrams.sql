-- PostgreSQL's trigram index for contact searches; SQLite scans its covering index (step 20).
-- The step exists so both backends share one schema version.
SELECT 1;
