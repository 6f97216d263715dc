-- Webhook routing: before an event is routed the ingest role sees no tenant at all, so the
-- cross-tenant lookup runs in one narrow SECURITY DEFINER function that returns tenant ids only.
SET LOCAL ROLE sb_owner;

CREATE INDEX connections_account ON connections (provider, external_account_id, tenant_id);
CREATE INDEX phone_numbers_routing ON phone_numbers (provider, e164, tenant_id);

-- The function runs as sb_owner, which FORCE RLS subjects to policies too: let it read the
-- routing columns' tables, nothing else (no other role is affected by this policy).
CREATE POLICY owner_routing ON phone_numbers FOR SELECT TO sb_owner USING (true);
CREATE POLICY owner_routing ON connections FOR SELECT TO sb_owner USING (true);

CREATE FUNCTION sb_route_twilio(account_sid TEXT, called TEXT, calling TEXT)
RETURNS TABLE (tenant_id BIGINT, matched_by TEXT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
    SELECT c.tenant_id, 'account' FROM connections c
     WHERE c.provider = 'twilio' AND c.external_account_id = account_sid
    UNION
    SELECT n.tenant_id, 'account' FROM phone_numbers n
     WHERE n.provider = 'twilio' AND n.provider_account_id = account_sid
    UNION
    SELECT n.tenant_id, 'called-number' FROM phone_numbers n
     WHERE n.provider = 'twilio' AND n.e164 = called
    UNION
    SELECT n.tenant_id, 'calling-clinic-number' FROM phone_numbers n
     WHERE n.provider = 'twilio' AND n.e164 = calling AND n.purpose = 'clinic'
$fn$;

REVOKE ALL ON FUNCTION sb_route_twilio(TEXT, TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_route_twilio(TEXT, TEXT, TEXT) TO sb_ingest, sb_admin;

RESET ROLE;
