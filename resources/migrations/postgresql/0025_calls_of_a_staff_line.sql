-- A call on a staff member's own line (their RingCentral account's call log) is theirs: it
-- carries who they are, and a colleague's login does not see it. NULL: a call of the clinic's
-- lines (Twilio, the assistant), seen by all its staff as before.
SET LOCAL ROLE sb_owner;

ALTER TABLE calls ADD COLUMN owner_staff_id BIGINT;

-- Restrictive: on top of the tenant's policy.
CREATE POLICY own_line ON calls AS RESTRICTIVE TO sb_staff
    USING (owner_staff_id IS NULL
           OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user))
    WITH CHECK (owner_staff_id IS NULL
                OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user));

-- The word search reads calls as the owner: it leaves out a colleague's line's calls itself.
CREATE OR REPLACE FUNCTION sb_calls_matching(for_tenant BIGINT, words TEXT, cap INTEGER)
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
                             WHERE m.tenant_id = for_tenant AND s.pg_login = session_user)
                AND (c.owner_staff_id IS NULL
                     OR c.owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user))))
     LIMIT cap
$fn$;

RESET ROLE;
