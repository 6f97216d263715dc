-- OAuth apps at three levels: the installation's shared app (tenant_id NULL, every tenant's
-- default), a tenant's own (owner_staff_id 0: its CRMs, or an override of the shared one) and a
-- staff member's own (owner_staff_id: theirs alone, never a colleague's). The client secret is
-- sealed by the vault. The CRM apps kept until now in connections (kind 'crm') and
-- sealed_secrets move here; their envelopes keep the binding they were sealed with, so they
-- open as before.
SET LOCAL ROLE sb_owner;

CREATE TABLE oauth_apps (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    owner_staff_id BIGINT NOT NULL DEFAULT 0,
    provider TEXT NOT NULL,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    data_centre TEXT NOT NULL DEFAULT '',
    key_id TEXT NOT NULL,
    envelope BYTEA NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    CHECK (tenant_id IS NOT NULL OR owner_staff_id = 0)
);
CREATE UNIQUE INDEX oauth_apps_owner ON oauth_apps (COALESCE(tenant_id, 0), provider, owner_staff_id);

-- The move runs as the tables' owner, with FORCE lifted for this transaction only (the owner
-- has no policy of its own); FORCE is back before the step commits.
ALTER TABLE connections NO FORCE ROW LEVEL SECURITY;
ALTER TABLE sealed_secrets NO FORCE ROW LEVEL SECURITY;
INSERT INTO oauth_apps (tenant_id, owner_staff_id, provider, client_id, redirect_uri, data_centre, key_id, envelope, updated_at)
SELECT c.tenant_id, 0, c.provider, COALESCE(c.settings_json::json ->> 'clientId', ''),
       COALESCE(c.settings_json::json ->> 'redirectUri', ''), COALESCE(c.settings_json::json ->> 'dataCentre', ''),
       s.key_id, s.envelope, s.updated_at
  FROM connections c JOIN sealed_secrets s
    ON s.tenant_id = c.tenant_id AND s.record = 'oauth-app:' || c.provider AND s.purpose = 'client-secret'
 WHERE c.kind = 'crm';
DELETE FROM sealed_secrets WHERE record LIKE 'oauth-app:%' AND purpose = 'client-secret';
DELETE FROM connections WHERE kind = 'crm';
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
ALTER TABLE sealed_secrets FORCE ROW LEVEL SECURITY;

ALTER TABLE oauth_apps ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_apps FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON oauth_apps TO sb_admin USING (true) WITH CHECK (true);
-- Staff read the installation's app, their tenants' apps and their own; they write their own,
-- and their tenant's only as its owner or an admin (clinic staff may not swap the clinic's app).
CREATE POLICY staff_read ON oauth_apps FOR SELECT TO sb_staff
    USING (tenant_id IS NULL
           OR (tenant_id IN (SELECT m.tenant_id FROM memberships m)
               AND (owner_staff_id = 0
                    OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user))));
CREATE POLICY staff_insert ON oauth_apps FOR INSERT TO sb_staff
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m JOIN staff s ON s.id = m.staff_id
                               WHERE s.pg_login = session_user
                                 AND (oauth_apps.owner_staff_id = s.id
                                      OR (oauth_apps.owner_staff_id = 0 AND m.role IN ('owner', 'admin')))));
CREATE POLICY staff_update ON oauth_apps FOR UPDATE TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m JOIN staff s ON s.id = m.staff_id
                          WHERE s.pg_login = session_user
                            AND (oauth_apps.owner_staff_id = s.id
                                 OR (oauth_apps.owner_staff_id = 0 AND m.role IN ('owner', 'admin')))))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m JOIN staff s ON s.id = m.staff_id
                               WHERE s.pg_login = session_user
                                 AND (oauth_apps.owner_staff_id = s.id
                                      OR (oauth_apps.owner_staff_id = 0 AND m.role IN ('owner', 'admin')))));
CREATE POLICY staff_delete ON oauth_apps FOR DELETE TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m JOIN staff s ON s.id = m.staff_id
                          WHERE s.pg_login = session_user
                            AND (oauth_apps.owner_staff_id = s.id
                                 OR (oauth_apps.owner_staff_id = 0 AND m.role IN ('owner', 'admin')))));
-- The ingest server refreshes tokens with the app that issued them: the installation's and its
-- tenant's. It never writes one.
CREATE POLICY ingest_tenant ON oauth_apps FOR SELECT TO sb_ingest
    USING (tenant_id IS NULL OR tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
GRANT SELECT, INSERT, UPDATE, DELETE ON oauth_apps TO sb_admin, sb_staff;
GRANT SELECT ON oauth_apps TO sb_ingest;

RESET ROLE;
