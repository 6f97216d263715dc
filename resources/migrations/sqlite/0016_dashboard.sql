-- The dashboard: when a lead was first contacted (its status left "new" for contacted or
-- booked), and texts by time for a tenant's counts per day.
ALTER TABLE leads ADD COLUMN contacted_at INTEGER;
UPDATE leads SET contacted_at = updated_at WHERE status IN ('contacted', 'booked');
CREATE INDEX leads_contacted ON leads (tenant_id, contacted_at) WHERE contacted_at IS NOT NULL;
CREATE INDEX messages_by_time ON messages (tenant_id, sent_at, direction);
