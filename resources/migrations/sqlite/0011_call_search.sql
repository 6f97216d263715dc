-- Searching calls by what was said: the assistant's summary and the transcript, full text
-- (FTS5, kept in step with calls by triggers; each trigger on one line, as this file's
-- statements end at a line's last ';').
CREATE VIRTUAL TABLE calls_search USING fts5(summary, transcript, content='calls', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER calls_search_insert AFTER INSERT ON calls BEGIN INSERT INTO calls_search (rowid, summary, transcript) VALUES (new.id, coalesce(new.summary, ''), coalesce(new.transcript, '')); END;
CREATE TRIGGER calls_search_delete AFTER DELETE ON calls BEGIN INSERT INTO calls_search (calls_search, rowid, summary, transcript) VALUES ('delete', old.id, coalesce(old.summary, ''), coalesce(old.transcript, '')); END;
CREATE TRIGGER calls_search_update AFTER UPDATE OF summary, transcript ON calls BEGIN INSERT INTO calls_search (calls_search, rowid, summary, transcript) VALUES ('delete', old.id, coalesce(old.summary, ''), coalesce(old.transcript, '')); INSERT INTO calls_search (rowid, summary, transcript) VALUES (new.id, coalesce(new.summary, ''), coalesce(new.transcript, '')); END;
INSERT INTO calls_search (calls_search) VALUES ('rebuild');
