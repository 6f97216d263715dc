-- Media of messages are kept in media_json since step 1; nothing changes on SQLite (the store
-- writes them per event). The step exists so both backends share one schema version.
SELECT 1;
