-- Each staff member's own RingCentral account: the extension they signed in as (notifications
-- route by it), the numbers they chose to text and call from, and the state of their call-log
-- sync and notification subscription. The tokens are in oauth_grants (owner = the staff member).
SET LOCAL ROLE sb_owner;

CREATE TABLE ringcentral_users (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    staff_name TEXT NOT NULL DEFAULT '',
    account_id TEXT NOT NULL,
    extension_id TEXT NOT NULL,
    extension_name TEXT NOT NULL DEFAULT '',
    extension_number TEXT NOT NULL DEFAULT '',
    app_client_id TEXT NOT NULL DEFAULT '',
    sms_from TEXT NOT NULL DEFAULT '',
    caller_id TEXT NOT NULL DEFAULT '',
    call_log_cursor TEXT NOT NULL DEFAULT '',
    call_log_synced_at BIGINT NOT NULL DEFAULT 0,
    subscription_id TEXT NOT NULL DEFAULT '',
    subscription_expires_at BIGINT NOT NULL DEFAULT 0,
    connected_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, staff_id)
);
CREATE UNIQUE INDEX ringcentral_users_extension ON ringcentral_users (extension_id);

ALTER TABLE ringcentral_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE ringcentral_users FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON ringcentral_users TO sb_admin USING (true) WITH CHECK (true);
-- Staff see and change their own; a clinic's owners and admins see every colleague's state
-- (the Connections page) and may reset one (delete), never write in their name.
CREATE POLICY staff_read ON ringcentral_users FOR SELECT TO sb_staff
    USING (staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)
           OR tenant_id IN (SELECT m.tenant_id FROM memberships m JOIN staff s ON s.id = m.staff_id
                             WHERE s.pg_login = session_user AND m.role IN ('owner', 'admin')));
CREATE POLICY staff_insert ON ringcentral_users FOR INSERT TO sb_staff
    WITH CHECK (staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)
                AND tenant_id IN (SELECT m.tenant_id FROM memberships m));
CREATE POLICY staff_update ON ringcentral_users FOR UPDATE TO sb_staff
    USING (staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)
           AND tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)
                AND tenant_id IN (SELECT m.tenant_id FROM memberships m));
CREATE POLICY staff_delete ON ringcentral_users FOR DELETE TO sb_staff
    USING (staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)
           OR tenant_id IN (SELECT m.tenant_id FROM memberships m JOIN staff s ON s.id = m.staff_id
                             WHERE s.pg_login = session_user AND m.role IN ('owner', 'admin')));
-- The ingest server syncs call logs and renews subscriptions of the tenant it works for.
CREATE POLICY ingest_tenant ON ringcentral_users TO sb_ingest
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
-- The routing function runs as the owner: it reads extensions to route by, nothing else.
CREATE POLICY owner_routing ON ringcentral_users FOR SELECT TO sb_owner USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON ringcentral_users TO sb_admin, sb_staff;
GRANT SELECT, UPDATE ON ringcentral_users TO sb_ingest;

-- A staff member's RingCentral notifications carry their extension as ownerId: it routes to
-- their tenant, as a tenant-wide connection's account does. (The parameters are named in full:
-- ringcentral_users has an account_id column of its own, which a bare name would mean.)
CREATE OR REPLACE FUNCTION sb_route_connection(provider_name TEXT, account_id TEXT)
RETURNS TABLE (tenant_id BIGINT, matched_by TEXT)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
    SELECT c.tenant_id, 'connection' FROM connections c
     WHERE c.provider = provider_name AND c.external_account_id = account_id
    UNION
    SELECT u.tenant_id, 'staff-extension' FROM ringcentral_users u
     WHERE sb_route_connection.provider_name = 'ringcentral'
       AND u.extension_id = sb_route_connection.account_id
$fn$;

-- A reset: the staff member's RingCentral grant and row removed, by themselves or by an owner
-- or admin of their clinic (an administrator's login too). A colleague's grant stays out of an
-- owner's sight (its sealed tokens are theirs): this function removes it without showing it.
CREATE POLICY owner_reset_read ON oauth_grants FOR SELECT TO sb_owner USING (provider = 'ringcentral');
CREATE POLICY owner_reset ON oauth_grants FOR DELETE TO sb_owner USING (provider = 'ringcentral');
CREATE POLICY owner_reset ON ringcentral_users FOR DELETE TO sb_owner USING (true);

CREATE FUNCTION sb_reset_ringcentral_user(target_tenant BIGINT, target_staff BIGINT)
RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
DECLARE
    caller BIGINT;
    grants INT;
    users INT;
BEGIN
    SELECT s.id INTO caller FROM staff s WHERE s.pg_login = session_user;
    IF NOT (pg_has_role(session_user, 'sb_admin', 'USAGE')
            OR caller = target_staff
            OR EXISTS (SELECT 1 FROM memberships m
                        WHERE m.tenant_id = target_tenant AND m.staff_id = caller
                          AND m.role IN ('owner', 'admin'))) THEN
        RAISE EXCEPTION 'only the staff member, or an owner or admin of their clinic, may reset their RingCentral connection'
            USING ERRCODE = '42501';
    END IF;
    DELETE FROM oauth_grants
     WHERE tenant_id = target_tenant AND provider = 'ringcentral' AND owner_staff_id = target_staff;
    GET DIAGNOSTICS grants = ROW_COUNT;
    DELETE FROM ringcentral_users WHERE tenant_id = target_tenant AND staff_id = target_staff;
    GET DIAGNOSTICS users = ROW_COUNT;
    RETURN grants + users > 0;
END
$fn$;

REVOKE ALL ON FUNCTION sb_reset_ringcentral_user(BIGINT, BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_reset_ringcentral_user(BIGINT, BIGINT) TO sb_staff, sb_admin;

RESET ROLE;
