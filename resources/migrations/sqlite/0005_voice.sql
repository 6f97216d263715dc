-- The voice flow: a Twilio call forwarded to a VAPI assistant is one call record, completed by
-- Twilio's status and recording callbacks and by VAPI's end-of-call report.
ALTER TABLE calls ADD COLUMN vapi_call_id TEXT;
ALTER TABLE calls ADD COLUMN status_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcript_json TEXT;
CREATE INDEX calls_vapi ON calls (tenant_id, vapi_call_id);
CREATE INDEX calls_vapi_routing ON calls (vapi_call_id, tenant_id);
