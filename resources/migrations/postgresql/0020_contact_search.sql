-- The same covering index as on SQLite (see there); PostgreSQL scans it when a search's
-- LIKE pattern cannot use an index otherwise.
SET LOCAL ROLE sb_owner;
CREATE INDEX contacts_by_tenant_search ON contacts (tenant_id, search_text, name, id);
RESET ROLE;
