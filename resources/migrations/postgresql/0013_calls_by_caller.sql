-- A caller's calls, newest first, straight from one index: the Calls page's number search
-- (ORDER BY started_at DESC, id DESC) sorted all of a caller's calls instead.
SET LOCAL ROLE sb_owner;
DROP INDEX calls_counterpart;
CREATE INDEX calls_counterpart ON calls (tenant_id, counterpart_e164, started_at DESC, id DESC);
RESET ROLE;
