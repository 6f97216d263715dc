-- Unread messages: how far each staff member has read each conversation of a tenant.
CREATE TABLE conversation_reads (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    counterpart_e164 TEXT NOT NULL,
    read_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, staff_id, channel, counterpart_e164)
);
