-- RingCentral notifications route by the account (owner) of the tenant's connection.
SET LOCAL ROLE sb_owner;

CREATE INDEX connections_routing ON connections (provider, external_account_id);

CREATE FUNCTION sb_route_connection(provider_name TEXT, account_id TEXT)
RETURNS TABLE (tenant_id BIGINT, matched_by TEXT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
    SELECT c.tenant_id, 'connection' FROM connections c
     WHERE c.provider = provider_name AND c.external_account_id = account_id
$fn$;

REVOKE ALL ON FUNCTION sb_route_connection(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_route_connection(TEXT, TEXT) TO sb_ingest, sb_admin;

RESET ROLE;
