-- The dashboard: when a lead was first contacted (its status left "new" for contacted or
-- booked), and texts by time for a tenant's counts per day. The tables' policies cover the new
-- column; the index on messages carries the direction so that counting reads no rows.
SET LOCAL ROLE sb_owner;

ALTER TABLE leads ADD COLUMN contacted_at BIGINT;
UPDATE leads SET contacted_at = updated_at WHERE status IN ('contacted', 'booked');
CREATE INDEX leads_contacted ON leads (tenant_id, contacted_at) WHERE contacted_at IS NOT NULL;
CREATE INDEX messages_by_time ON messages (tenant_id, sent_at, direction);

RESET ROLE;
