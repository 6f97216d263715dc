-- A staff member's RingCentral call is shown while it rings (a telephony session notification)
-- and completed by their call log once it is over: the two name it differently (the log's
-- record id, the session's id), so the row keeps the session too, and a session is one call.
ALTER TABLE calls ADD COLUMN provider_session_id TEXT;
CREATE UNIQUE INDEX calls_session ON calls (tenant_id, provider, provider_session_id)
    WHERE provider_session_id IS NOT NULL;
