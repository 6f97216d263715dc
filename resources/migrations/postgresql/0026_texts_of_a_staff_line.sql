-- A text on a staff member's own line (sent from or to their RingCentral number) is theirs, as
-- their line's calls are: a colleague's login does not see it. NULL: a text of the clinic's
-- numbers, seen by all its staff as before.
SET LOCAL ROLE sb_owner;

ALTER TABLE messages ADD COLUMN owner_staff_id BIGINT;
CREATE POLICY own_line ON messages AS RESTRICTIVE TO sb_staff
    USING (owner_staff_id IS NULL
           OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user))
    WITH CHECK (owner_staff_id IS NULL
                OR owner_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user));

-- How far a staff member's RingCentral texts have been brought in, as call_log_cursor is for
-- their calls.
ALTER TABLE ringcentral_users ADD COLUMN message_cursor TEXT NOT NULL DEFAULT '';

-- A conversation is a channel, a person and a line (0: the clinic's): the read marks follow.
ALTER TABLE conversation_reads ADD COLUMN line_owner BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversation_reads DROP CONSTRAINT conversation_reads_pkey,
    ADD PRIMARY KEY (tenant_id, staff_id, channel, counterpart_e164, line_owner);

-- serve keeps every staff line's notification subscription alive and cannot list tenants: the
-- lines it keeps, and when each subscription ends (nothing secret).
CREATE FUNCTION sb_ringcentral_lines()
RETURNS TABLE (tenant_id BIGINT, staff_id BIGINT, subscription_expires_at BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
    SELECT u.tenant_id, u.staff_id, u.subscription_expires_at FROM ringcentral_users u
     ORDER BY u.subscription_expires_at, u.tenant_id, u.staff_id
$fn$;
REVOKE ALL ON FUNCTION sb_ringcentral_lines() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_ringcentral_lines() TO sb_ingest, sb_admin;

RESET ROLE;
