-- PostgreSQL's group commit function changed (its change_log rows moved to ChangeAnnouncer);
-- SQLite has no such function: nothing to change.
SELECT 1;
