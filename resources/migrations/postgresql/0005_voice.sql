-- The voice flow: a Twilio call forwarded to a VAPI assistant is one call record, completed by
-- Twilio's status and recording callbacks and by VAPI's end-of-call report.
SET LOCAL ROLE sb_owner;

ALTER TABLE calls ADD COLUMN vapi_call_id TEXT;
ALTER TABLE calls ADD COLUMN status_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transcript_json TEXT;
CREATE INDEX calls_vapi ON calls (tenant_id, vapi_call_id);
CREATE INDEX calls_vapi_routing ON calls (vapi_call_id, tenant_id);

CREATE POLICY owner_routing ON calls FOR SELECT TO sb_owner USING (true);

-- VAPI messages route by the call we know (its VAPI id), else by the assistant number called.
CREATE FUNCTION sb_route_vapi(call_id TEXT, assistant_number TEXT)
RETURNS TABLE (tenant_id BIGINT, matched_by TEXT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
    SELECT c.tenant_id, 'call' FROM calls c
     WHERE c.vapi_call_id = call_id OR (c.provider = 'vapi' AND c.provider_call_id = call_id)
    UNION
    SELECT n.tenant_id, 'assistant-number' FROM phone_numbers n
     WHERE n.e164 = assistant_number AND n.purpose = 'assistant'
$fn$;

REVOKE ALL ON FUNCTION sb_route_vapi(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_route_vapi(TEXT, TEXT) TO sb_ingest, sb_admin;

RESET ROLE;
