-- A conversation is a channel, a person and a line (step 26): its index carries the line as
-- the conversation queries write it (see the SQLite step).
SET LOCAL ROLE sb_owner;

CREATE INDEX messages_conversation ON messages (tenant_id, channel, counterpart_e164, (COALESCE(owner_staff_id, 0)), sent_at DESC);
DROP INDEX messages_thread;

RESET ROLE;
