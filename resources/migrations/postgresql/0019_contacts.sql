-- Unified contacts: one row per person per tenant, linked to each CRM record it came from
-- (HubSpot, Zoho), so the same person in both CRMs is one contact; and where each CRM's sync
-- stands, committed with the page it fetched (a sync resumes from the last committed page).
SET LOCAL ROLE sb_owner;

CREATE TABLE contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    email TEXT, -- case-folded
    phone_e164 TEXT,
    search_text TEXT NOT NULL DEFAULT '', -- lower-case name, email and the number's digits
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contacts_by_name ON contacts (tenant_id, name, id);
CREATE INDEX contacts_by_phone ON contacts (tenant_id, phone_e164);
CREATE INDEX contacts_by_email ON contacts (tenant_id, email);

CREATE TABLE contact_links (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    record_id TEXT NOT NULL,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT, -- as the CRM has it
    modified_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, platform, record_id)
);
CREATE INDEX contact_links_contact ON contact_links (tenant_id, contact_id);

CREATE TABLE crm_sync_state (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT 'full' CHECK (phase IN ('full', 'incremental')),
    cursor_text TEXT NOT NULL DEFAULT '', -- where the running pass goes on ('' : from the start)
    since BIGINT NOT NULL DEFAULT 0, -- records modified at or after this were not all seen yet
    high_water BIGINT NOT NULL DEFAULT 0, -- the newest modification seen in the running pass
    fetched INTEGER NOT NULL DEFAULT 0, -- records stored by the running pass
    estimated_total INTEGER NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL DEFAULT 0,
    finished_at BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, platform)
);

ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
ALTER TABLE contact_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_links FORCE ROW LEVEL SECURITY;
ALTER TABLE crm_sync_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_sync_state FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON contacts TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON contact_links TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON crm_sync_state TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY staff_member ON contacts TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
CREATE POLICY staff_member ON contact_links TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
CREATE POLICY staff_member ON crm_sync_state TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
-- The ingest server may sync a tenant's CRM (it holds the grants in shared mode).
CREATE POLICY ingest_tenant ON contacts TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY ingest_tenant ON contact_links TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY ingest_tenant ON crm_sync_state TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
GRANT SELECT, INSERT, UPDATE, DELETE ON contacts, contact_links, crm_sync_state TO sb_admin, sb_staff, sb_ingest;

RESET ROLE;
