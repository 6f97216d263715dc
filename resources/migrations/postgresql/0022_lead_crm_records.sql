-- Leads pushed to a CRM: the record each became there, so a lead is never pushed twice.
SET LOCAL ROLE sb_owner;

CREATE TABLE lead_crm_records (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    lead_id BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    record_id TEXT NOT NULL,
    pushed_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, platform)
);

ALTER TABLE lead_crm_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_crm_records FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON lead_crm_records TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY staff_member ON lead_crm_records TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
-- The ingest server has no business with it.
CREATE POLICY ingest_none ON lead_crm_records TO sb_ingest USING (false) WITH CHECK (false);
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_crm_records TO sb_admin, sb_staff;

RESET ROLE;
