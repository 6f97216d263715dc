-- OAuth apps at three levels: the installation's shared app (tenant_id NULL, every tenant's
-- default), a tenant's own (owner_staff_id 0: its CRMs, or an override of the shared one) and a
-- staff member's own (owner_staff_id: theirs alone). The client secret is sealed by the vault.
-- The CRM apps kept until now in connections (kind 'crm') and sealed_secrets move here; their
-- envelopes keep the binding they were sealed with (tenant, 'oauth-app:<provider>',
-- 'client-secret'), so they open as before.
CREATE TABLE oauth_apps (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE,
    owner_staff_id INTEGER NOT NULL DEFAULT 0,
    provider TEXT NOT NULL,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    data_centre TEXT NOT NULL DEFAULT '',
    key_id TEXT NOT NULL,
    envelope BLOB NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    CHECK (tenant_id IS NOT NULL OR owner_staff_id = 0)
);
CREATE UNIQUE INDEX oauth_apps_owner ON oauth_apps (COALESCE(tenant_id, 0), provider, owner_staff_id);
INSERT INTO oauth_apps (tenant_id, owner_staff_id, provider, client_id, redirect_uri, data_centre, key_id, envelope, updated_at)
SELECT c.tenant_id, 0, c.provider, COALESCE(json_extract(c.settings_json, '$.clientId'), ''), COALESCE(json_extract(c.settings_json, '$.redirectUri'), ''), COALESCE(json_extract(c.settings_json, '$.dataCentre'), ''), s.key_id, s.envelope, s.updated_at
  FROM connections c JOIN sealed_secrets s
    ON s.tenant_id = c.tenant_id AND s.record = 'oauth-app:' || c.provider AND s.purpose = 'client-secret'
 WHERE c.kind = 'crm';
DELETE FROM sealed_secrets WHERE record LIKE 'oauth-app:%' AND purpose = 'client-secret';
DELETE FROM connections WHERE kind = 'crm';
