-- Searching contacts for a pattern few match: a trigram index answers LIKE '%…%' without
-- reading every contact (61-69 ms at 100,000). Under row-level security PostgreSQL keeps LIKE
-- (not leakproof) off the index, as it keeps @@ off the calls' (migration 14), so the matches
-- come from this function, run as sb_owner, which checks the caller's right to the tenant the
-- way the staff and admin policies do. It returns contact ids only, at most `cap`, and nothing
-- for a tenant the caller may not read. pg_trgm is a trusted extension (the database's owner
-- may create it); it adds operator classes and changes nothing else's behaviour.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

SET LOCAL ROLE sb_owner;

CREATE INDEX contacts_trigrams ON contacts USING GIN (tenant_id, search_text gin_trgm_ops);
CREATE POLICY owner_search ON contacts FOR SELECT TO sb_owner USING (true);

CREATE FUNCTION sb_contacts_matching(for_tenant BIGINT, pattern TEXT, cap INTEGER)
RETURNS SETOF BIGINT
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
ROWS 100
AS $fn$
    SELECT c.id FROM contacts c
     WHERE c.tenant_id = for_tenant
       AND c.search_text LIKE pattern ESCAPE '\'
       AND (pg_has_role(session_user, 'sb_admin', 'USAGE')
            OR (pg_has_role(session_user, 'sb_staff', 'USAGE')
                AND EXISTS (SELECT FROM memberships m JOIN staff s ON s.id = m.staff_id
                             WHERE m.tenant_id = for_tenant AND s.pg_login = session_user)))
     LIMIT cap
$fn$;

REVOKE ALL ON FUNCTION sb_contacts_matching(BIGINT, TEXT, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_contacts_matching(BIGINT, TEXT, INTEGER) TO sb_staff, sb_admin;

RESET ROLE;
