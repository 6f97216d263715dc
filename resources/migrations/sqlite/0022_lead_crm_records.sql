-- Leads pushed to a CRM: the record each became there, so a lead is never pushed twice.
CREATE TABLE lead_crm_records (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    record_id TEXT NOT NULL,
    pushed_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, platform)
);
