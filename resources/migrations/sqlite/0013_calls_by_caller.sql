-- A caller's calls, newest first, straight from one index: the Calls page's number search
-- (ORDER BY started_at DESC, id DESC) read the whole tenant's newest-first index instead.
DROP INDEX calls_counterpart;
CREATE INDEX calls_counterpart ON calls (tenant_id, counterpart_e164, started_at DESC, id DESC);
