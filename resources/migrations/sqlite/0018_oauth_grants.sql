-- OAuth grants: tokens sealed by the vault per (tenant, provider, owner), with the refresh
-- lease (see the PostgreSQL step for the details).
CREATE TABLE oauth_grants (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    owner_staff_id INTEGER NOT NULL DEFAULT 0,
    connected_by TEXT NOT NULL DEFAULT '',
    key_id TEXT NOT NULL,
    envelope BLOB NOT NULL,
    expires_at INTEGER NOT NULL DEFAULT 0,
    scopes TEXT NOT NULL DEFAULT '',
    extras_json TEXT NOT NULL DEFAULT '{}',
    generation INTEGER NOT NULL DEFAULT 1,
    refreshing_until INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'needs_reconnect')),
    problem TEXT NOT NULL DEFAULT '',
    connected_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, provider, owner_staff_id)
);
