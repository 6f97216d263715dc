-- The quarantine keeps what no tenant could be found for or verified. Requests whose signature
-- or secret matched a tenant's are marked verified: they are always kept, while the rest share a
-- byte budget that serve enforces (docs/ingest.md).
SET LOCAL ROLE sb_owner;
ALTER TABLE quarantine ADD COLUMN verified BOOLEAN NOT NULL DEFAULT false;

-- What the unverified part of the quarantine holds, in bytes: one number, no rows (the ingest
-- role may only add to the quarantine). 512 bytes a row stand for its other columns and index.
CREATE POLICY owner_usage ON quarantine FOR SELECT TO sb_owner USING (true);
CREATE FUNCTION sb_quarantine_usage()
RETURNS BIGINT
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
    SELECT COALESCE(SUM(octet_length(raw_body) + octet_length(headers_json) + 512), 0)::BIGINT
      FROM quarantine WHERE NOT verified
$fn$;
REVOKE ALL ON FUNCTION sb_quarantine_usage() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_quarantine_usage() TO sb_ingest, sb_admin;
RESET ROLE;
