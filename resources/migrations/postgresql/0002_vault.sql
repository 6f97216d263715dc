-- Vault: which data key seals new secrets, and the sealed secrets themselves (AES-256-GCM
-- envelopes bound to tenant, record and purpose). No key material is ever stored here.

SET LOCAL ROLE sb_owner;

CREATE TABLE vault_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    vault_id TEXT NOT NULL,
    active_key_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    rotated_at BIGINT
);

CREATE TABLE sealed_secrets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    record TEXT NOT NULL,
    purpose TEXT NOT NULL,
    key_id TEXT NOT NULL,
    envelope BYTEA NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, record, purpose)
);
CREATE INDEX sealed_secrets_key ON sealed_secrets (tenant_id, key_id);

ALTER TABLE vault_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE vault_state FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON vault_state TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY read_all ON vault_state FOR SELECT TO sb_staff, sb_ingest USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON vault_state TO sb_admin;
GRANT SELECT ON vault_state TO sb_staff, sb_ingest;

ALTER TABLE sealed_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE sealed_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON sealed_secrets TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY staff_member ON sealed_secrets TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
-- The ingest server reads (to verify signatures) but never writes secrets.
CREATE POLICY ingest_tenant ON sealed_secrets FOR SELECT TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
GRANT SELECT, INSERT, UPDATE, DELETE ON sealed_secrets TO sb_admin, sb_staff;
GRANT SELECT ON sealed_secrets TO sb_ingest;

RESET ROLE;
