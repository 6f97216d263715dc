-- What another process reads to learn that something changed (ChangeFeed): which tenant and
-- which kinds of rows (kind: comma-separated), never the rows themselves. Kept for an hour at
-- most.
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    row_id INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT '',
    changed_at INTEGER NOT NULL
);
CREATE INDEX change_log_tenant ON change_log (tenant_id, changed_at);
