-- Unread messages: how far each staff member has read each conversation of a tenant. A staff
-- login reads and writes only its own rows, of its own tenants.
SET LOCAL ROLE sb_owner;

CREATE TABLE conversation_reads (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    counterpart_e164 TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, staff_id, channel, counterpart_e164)
);

ALTER TABLE conversation_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON conversation_reads TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY staff_own ON conversation_reads TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m)
           AND staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m)
                AND staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user));
-- The ingest server has no business with it.
CREATE POLICY ingest_none ON conversation_reads TO sb_ingest USING (false) WITH CHECK (false);
GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_reads TO sb_admin, sb_staff;

RESET ROLE;
