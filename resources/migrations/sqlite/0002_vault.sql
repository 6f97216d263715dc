-- Vault: which data key seals new secrets, and the sealed secrets themselves (AES-256-GCM
-- envelopes bound to tenant, record and purpose). No key material is ever stored here.

CREATE TABLE vault_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    vault_id TEXT NOT NULL,
    active_key_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    rotated_at INTEGER
);

CREATE TABLE sealed_secrets (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    record TEXT NOT NULL,
    purpose TEXT NOT NULL,
    key_id TEXT NOT NULL,
    envelope BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, record, purpose)
);
CREATE INDEX sealed_secrets_key ON sealed_secrets (tenant_id, key_id);
