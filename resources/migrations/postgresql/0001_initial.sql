-- Switchboard schema, version 1 (PostgreSQL). Run by `switchboardctl db migrate` as a login that
-- may create roles (a superuser, or CREATEROLE and database owner); the program never runs as it.
--
-- Roles (cluster-wide, NOLOGIN groups):
--   sb_owner   owns every table; no program process runs as it.
--   sb_admin   agency administrators (switchboardctl): every row.
--   sb_staff   one PostgreSQL login per staff member: rows of the tenants they are members of.
--   sb_ingest  webhook servers: rows of the tenant set by set_config('app.tenant_id', …, true).
-- Every table has ENABLE and FORCE ROW LEVEL SECURITY, so even the owner passes the policies.
-- Times are UTC epoch milliseconds, as on SQLite.

-- Roles are shared by every database of the cluster: another database may be creating them at
-- this very moment, so a concurrent duplicate is success too.
DO $roles$
DECLARE
    role_name TEXT;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['sb_owner', 'sb_admin', 'sb_staff', 'sb_ingest'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$roles$;

GRANT sb_owner TO CURRENT_USER;
GRANT USAGE, CREATE ON SCHEMA public TO sb_owner;
GRANT USAGE ON SCHEMA public TO sb_admin, sb_staff, sb_ingest;
GRANT SELECT ON schema_version TO sb_admin, sb_staff, sb_ingest;

SET LOCAL ROLE sb_owner;

CREATE TABLE tenants (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    display_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE staff (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 63),
    display_name TEXT NOT NULL,
    pg_login TEXT UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, staff_id)
);
CREATE INDEX memberships_staff ON memberships (staff_id, tenant_id);

CREATE TABLE phone_numbers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    e164 TEXT NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{1,14}$'),
    provider TEXT NOT NULL CHECK (provider IN ('twilio', 'vapi', 'ringcentral', 'sip')),
    provider_account_id TEXT,
    provider_number_id TEXT,
    purpose TEXT NOT NULL CHECK (purpose IN ('clinic', 'assistant', 'softphone')),
    assistant_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    capabilities TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    -- Routing by called number needs one owner per number and provider across all tenants.
    UNIQUE (provider, e164)
);
CREATE INDEX phone_numbers_tenant ON phone_numbers (tenant_id, e164);
CREATE INDEX phone_numbers_account ON phone_numbers (provider_account_id, tenant_id);

CREATE TABLE calls (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    provider_call_id TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    from_e164 TEXT NOT NULL,
    to_e164 TEXT NOT NULL,
    counterpart_e164 TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    duration_seconds INTEGER,
    assistant_id TEXT,
    lead_id BIGINT,
    recording_url TEXT,
    transcript TEXT,
    summary TEXT,
    ended_reason TEXT,
    cost_micros BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, provider, provider_call_id)
);
CREATE INDEX calls_newest ON calls (tenant_id, started_at DESC, id DESC);
CREATE INDEX calls_counterpart ON calls (tenant_id, counterpart_e164, started_at DESC);

CREATE TABLE call_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    call_id BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    author_staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX call_notes_call ON call_notes (tenant_id, call_id, created_at);

CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
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
    sent_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, provider, provider_message_id)
);
CREATE INDEX messages_thread ON messages (tenant_id, channel, counterpart_e164, sent_at DESC);

CREATE TABLE leads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    phone_e164 TEXT,
    email TEXT,
    source TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX leads_newest ON leads (tenant_id, created_at DESC, id DESC);
CREATE INDEX leads_phone ON leads (tenant_id, phone_e164);

CREATE TABLE crm_contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('hubspot', 'zoho')),
    platform_id TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone_e164 TEXT,
    company TEXT NOT NULL DEFAULT '',
    platform_modified_at BIGINT,
    synced_at BIGINT NOT NULL,
    UNIQUE (tenant_id, platform, platform_id)
);
CREATE INDEX crm_contacts_phone ON crm_contacts (tenant_id, phone_e164);
CREATE INDEX crm_contacts_name ON crm_contacts (tenant_id, last_name, first_name);

-- Connection metadata only: secrets live in the keychain or the vault, never here.
CREATE TABLE connections (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id BIGINT REFERENCES staff(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('provider', 'crm')),
    provider TEXT NOT NULL,
    external_account_id TEXT,
    label TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    settings_json TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX connections_tenant ON connections (tenant_id, provider, staff_id);

CREATE TABLE webhook_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    event_key TEXT NOT NULL,
    event_type TEXT NOT NULL,
    headers_json TEXT NOT NULL DEFAULT '{}',
    raw_body BYTEA NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (tenant_id, provider, event_key)
);
CREATE INDEX webhook_events_newest ON webhook_events (tenant_id, received_at DESC, id DESC);

-- Events no routing key could place: no tenant yet, visible to administrators only.
CREATE TABLE quarantine (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    reason TEXT NOT NULL,
    headers_json TEXT NOT NULL DEFAULT '{}',
    raw_body BYTEA NOT NULL,
    received_at BIGINT NOT NULL,
    replayed_at BIGINT,
    replayed_tenant_id BIGINT REFERENCES tenants(id) ON DELETE SET NULL
);
CREATE INDEX quarantine_pending ON quarantine (replayed_at, received_at);

-- tenant_id is NULL only for system-wide lines (for instance a refused signature with no tenant).
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, created_at DESC);

-- Row-level security. Staff policies read memberships, whose own policy reads staff, whose
-- policy reads nothing: no recursion, and each staff login sees only its own memberships.
DO $rls$
DECLARE
    t TEXT;
    staff_tables TEXT[] := ARRAY['phone_numbers', 'calls', 'call_notes', 'messages', 'leads',
                                  'crm_contacts', 'connections', 'webhook_events'];
    member_of TEXT := 'tenant_id IN (SELECT m.tenant_id FROM memberships m)';
    current_tenant TEXT := 'tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint';
BEGIN
    -- Our tables only (sb_owner's): another application's tables in the same schema are not
    -- ours to touch (amended after release: the outcome for our tables is unchanged).
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_version'
               AND c.relowner = 'sb_owner'::regrole
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY admin_all ON %I TO sb_admin USING (true) WITH CHECK (true)', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO sb_admin', t);
    END LOOP;

    FOREACH t IN ARRAY staff_tables LOOP
        EXECUTE format('CREATE POLICY staff_member ON %I TO sb_staff USING (%s) WITH CHECK (%s)',
                       t, member_of, member_of);
        EXECUTE format('CREATE POLICY ingest_tenant ON %I TO sb_ingest USING (%s) WITH CHECK (%s)',
                       t, current_tenant, current_tenant);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO sb_staff', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO sb_ingest', t);
    END LOOP;
END
$rls$;

CREATE POLICY staff_self ON staff TO sb_staff USING (pg_login = session_user);
CREATE POLICY staff_own ON memberships TO sb_staff
    USING (staff_id IN (SELECT s.id FROM staff s));
CREATE POLICY staff_member ON tenants TO sb_staff
    USING (id IN (SELECT m.tenant_id FROM memberships m));
CREATE POLICY ingest_tenant ON tenants TO sb_ingest
    USING (id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY staff_member ON audit_log TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
CREATE POLICY ingest_tenant ON audit_log TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id IS NULL
                OR tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY ingest_insert ON quarantine FOR INSERT TO sb_ingest WITH CHECK (true);

GRANT SELECT ON tenants, staff, memberships TO sb_staff;
GRANT SELECT ON tenants TO sb_ingest;
GRANT SELECT, INSERT ON audit_log TO sb_staff, sb_ingest;
GRANT INSERT ON quarantine TO sb_ingest;

RESET ROLE;
