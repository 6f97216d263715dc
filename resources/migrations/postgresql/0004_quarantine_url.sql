-- A quarantined webhook keeps the public URL it was sent to, so a replay can check its signature.
SET LOCAL ROLE sb_owner;
ALTER TABLE quarantine ADD COLUMN public_url TEXT NOT NULL DEFAULT '';
-- Replays by administrators mark what they placed; ingest servers only add.
RESET ROLE;
