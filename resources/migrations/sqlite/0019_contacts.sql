-- Unified contacts, their links to CRM records, and where each CRM's sync stands (see the
-- PostgreSQL step).
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone_e164 TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_by_name ON contacts (tenant_id, name, id);
CREATE INDEX contacts_by_phone ON contacts (tenant_id, phone_e164);
CREATE INDEX contacts_by_email ON contacts (tenant_id, email);
CREATE TABLE contact_links (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    record_id TEXT NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT,
    modified_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, platform, record_id)
);
CREATE INDEX contact_links_contact ON contact_links (tenant_id, contact_id);
CREATE TABLE crm_sync_state (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT 'full' CHECK (phase IN ('full', 'incremental')),
    cursor_text TEXT NOT NULL DEFAULT '',
    since INTEGER NOT NULL DEFAULT 0,
    high_water INTEGER NOT NULL DEFAULT 0,
    fetched INTEGER NOT NULL DEFAULT 0,
    estimated_total INTEGER NOT NULL DEFAULT 0,
    started_at INTEGER NOT NULL DEFAULT 0,
    finished_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, platform)
);
