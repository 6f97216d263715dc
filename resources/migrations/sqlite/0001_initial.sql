-- Switchboard schema, version 1 (SQLite).
-- One statement per block, each ending with ';' at the end of a line (the migrator splits there).
-- Times are UTC epoch milliseconds. Every tenant-owned table leads its indexes with tenant_id.

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    display_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 63),
    display_name TEXT NOT NULL,
    pg_login TEXT UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, staff_id)
);
CREATE INDEX memberships_staff ON memberships (staff_id, tenant_id);

CREATE TABLE phone_numbers (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    e164 TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*'),
    provider TEXT NOT NULL CHECK (provider IN ('twilio', 'vapi', 'ringcentral', 'sip')),
    provider_account_id TEXT,
    provider_number_id TEXT,
    purpose TEXT NOT NULL CHECK (purpose IN ('clinic', 'assistant', 'softphone')),
    assistant_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    capabilities TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    -- Routing by called number needs one owner per number and provider across all tenants.
    UNIQUE (provider, e164)
);
CREATE INDEX phone_numbers_tenant ON phone_numbers (tenant_id, e164);
CREATE INDEX phone_numbers_account ON phone_numbers (provider_account_id, tenant_id);

CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    provider_call_id TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    from_e164 TEXT NOT NULL,
    to_e164 TEXT NOT NULL,
    counterpart_e164 TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    duration_seconds INTEGER,
    assistant_id TEXT,
    lead_id INTEGER,
    recording_url TEXT,
    transcript TEXT,
    summary TEXT,
    ended_reason TEXT,
    cost_micros INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, provider, provider_call_id)
);
CREATE INDEX calls_newest ON calls (tenant_id, started_at DESC, id DESC);
CREATE INDEX calls_counterpart ON calls (tenant_id, counterpart_e164, started_at DESC);

CREATE TABLE call_notes (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    author_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX call_notes_call ON call_notes (tenant_id, call_id, created_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    counterpart_e164 TEXT NOT NULL,
    our_e164 TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    body TEXT NOT NULL DEFAULT '',
    media_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    status_rank INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    provider TEXT NOT NULL,
    provider_message_id TEXT,
    sent_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, provider, provider_message_id)
);
CREATE INDEX messages_thread ON messages (tenant_id, channel, counterpart_e164, sent_at DESC);

CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    phone_e164 TEXT,
    email TEXT,
    source TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    notes TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX leads_newest ON leads (tenant_id, created_at DESC, id DESC);
CREATE INDEX leads_phone ON leads (tenant_id, phone_e164);

CREATE TABLE crm_contacts (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('hubspot', 'zoho')),
    platform_id TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone_e164 TEXT,
    company TEXT NOT NULL DEFAULT '',
    platform_modified_at INTEGER,
    synced_at INTEGER NOT NULL,
    UNIQUE (tenant_id, platform, platform_id)
);
CREATE INDEX crm_contacts_phone ON crm_contacts (tenant_id, phone_e164);
CREATE INDEX crm_contacts_name ON crm_contacts (tenant_id, last_name, first_name);

-- Connection metadata only: secrets live in the keychain or the vault, never here.
CREATE TABLE connections (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('provider', 'crm')),
    provider TEXT NOT NULL,
    external_account_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    settings_json TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX connections_tenant ON connections (tenant_id, provider, staff_id);

CREATE TABLE webhook_events (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    event_key TEXT NOT NULL,
    event_type TEXT NOT NULL,
    headers_json TEXT NOT NULL DEFAULT '{}',
    raw_body BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (tenant_id, provider, event_key)
);
CREATE INDEX webhook_events_newest ON webhook_events (tenant_id, received_at DESC, id DESC);

-- Events no routing key could place: no tenant yet, visible to administrators only.
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    reason TEXT NOT NULL,
    headers_json TEXT NOT NULL DEFAULT '{}',
    raw_body BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    replayed_at INTEGER,
    replayed_tenant_id INTEGER REFERENCES tenants(id) ON DELETE SET NULL
);
CREATE INDEX quarantine_pending ON quarantine (replayed_at, received_at);

-- tenant_id is NULL only for system-wide lines (for instance a refused signature with no tenant).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, created_at DESC);
