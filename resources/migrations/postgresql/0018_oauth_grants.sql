-- OAuth grants (CRMs now, RingCentral next): the tokens sealed by the vault, bound to tenant,
-- provider and owner, with what may be known in the clear (expiry, scopes, the provider's
-- api_domain or hub_id) and the refresh lease that lets one process at a time spend a
-- single-use refresh token. owner_staff_id 0 is the clinic's own grant (a CRM, connected by an
-- admin); otherwise a staff member's own (their RingCentral).
SET LOCAL ROLE sb_owner;

CREATE TABLE oauth_grants (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    owner_staff_id BIGINT NOT NULL DEFAULT 0,
    connected_by TEXT NOT NULL DEFAULT '',
    key_id TEXT NOT NULL,
    envelope BYTEA NOT NULL,
    expires_at BIGINT NOT NULL DEFAULT 0,
    scopes TEXT NOT NULL DEFAULT '',
    extras_json TEXT NOT NULL DEFAULT '{}',
    generation BIGINT NOT NULL DEFAULT 1,
    refreshing_until BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'needs_reconnect')),
    problem TEXT NOT NULL DEFAULT '',
    connected_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, provider, owner_staff_id)
);

ALTER TABLE oauth_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON oauth_grants TO sb_admin USING (true) WITH CHECK (true);
-- Staff: their tenants' own grants, and their own personal ones (never a colleague's).
CREATE POLICY staff_member ON oauth_grants TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m)
           AND (owner_staff_id = 0
                OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m)
                AND (owner_staff_id = 0
                     OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)));
-- The ingest server uses and refreshes the grants of the tenant it works for; it never makes
-- or deletes one.
CREATE POLICY ingest_tenant ON oauth_grants TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
GRANT SELECT, INSERT, UPDATE, DELETE ON oauth_grants TO sb_admin, sb_staff;
GRANT SELECT, UPDATE ON oauth_grants TO sb_ingest;

RESET ROLE;
