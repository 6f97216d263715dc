-- Searching calls by what was said: the assistant's summary and the transcript, full text
-- ('simple' configuration: names, numbers and words of any language alike), GIN-indexed.
SET LOCAL ROLE sb_owner;

ALTER TABLE calls ADD COLUMN search tsvector GENERATED ALWAYS AS
    (to_tsvector('simple', coalesce(summary, '') || ' ' || coalesce(transcript, ''))) STORED;
CREATE INDEX calls_search ON calls USING GIN (search);

RESET ROLE;
