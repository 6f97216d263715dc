-- Searching calls by a rare word: under row-level security PostgreSQL may not use the text
-- index, because its match operator (@@) is not marked leakproof and so may not run before the
-- policy; every one of a tenant's calls was read (0.35 s at a million calls). This function
-- runs as sb_owner, whose SELECT policy on calls (owner_routing) lets the index be used, and
-- checks the caller's right to the tenant itself: the same right the staff and admin policies
-- give (a staff login's memberships, or sb_admin), decided from session_user. It returns call
-- ids only, at most `cap` of them, and nothing for a tenant the caller may not read.
--
-- The text index also leads with the tenant (btree_gin: a trusted extension, which the
-- database's owner may create): one tenant's rare word no longer reads another's common
-- words, and a tenant's own calls are never intersected with a million-row bitmap.
CREATE EXTENSION IF NOT EXISTS btree_gin;

SET LOCAL ROLE sb_owner;

DROP INDEX calls_search;
CREATE INDEX calls_tenant_search ON calls USING GIN (tenant_id, search);

CREATE POLICY owner_search ON staff FOR SELECT TO sb_owner USING (true);
CREATE POLICY owner_search ON memberships FOR SELECT TO sb_owner USING (true);

CREATE FUNCTION sb_calls_matching(for_tenant BIGINT, words TEXT, cap INTEGER)
RETURNS SETOF BIGINT
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
ROWS 100
AS $fn$
    SELECT c.id FROM calls c
     WHERE c.tenant_id = for_tenant
       AND c.search @@ to_tsquery('simple', words)
       AND (pg_has_role(session_user, 'sb_admin', 'USAGE')
            OR (pg_has_role(session_user, 'sb_staff', 'USAGE')
                AND EXISTS (SELECT FROM memberships m JOIN staff s ON s.id = m.staff_id
                             WHERE m.tenant_id = for_tenant AND s.pg_login = session_user)))
     LIMIT cap
$fn$;

REVOKE ALL ON FUNCTION sb_calls_matching(BIGINT, TEXT, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_calls_matching(BIGINT, TEXT, INTEGER) TO sb_staff, sb_admin;

RESET ROLE;
