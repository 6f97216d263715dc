-- Notes on a call are edited, and every edit keeps the text it replaced. A note is written and
-- changed only in its author's name: the author comes from the login, never from the client.
SET LOCAL ROLE sb_owner;

ALTER TABLE call_notes ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE call_notes ADD COLUMN updated_at BIGINT;

CREATE TABLE call_note_revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    note_id BIGINT NOT NULL REFERENCES call_notes(id) ON DELETE CASCADE,
    body TEXT NOT NULL, -- the text before the edit
    edited_by_staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    edited_at BIGINT NOT NULL
);
CREATE INDEX call_note_revisions_note ON call_note_revisions (tenant_id, note_id, edited_at);

ALTER TABLE call_note_revisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE call_note_revisions FORCE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON call_note_revisions TO sb_admin USING (true) WITH CHECK (true);
CREATE POLICY staff_member ON call_note_revisions TO sb_staff
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m))
    WITH CHECK (tenant_id IN (SELECT m.tenant_id FROM memberships m));
GRANT SELECT, INSERT, UPDATE, DELETE ON call_note_revisions TO sb_admin;
GRANT SELECT, INSERT ON call_note_revisions TO sb_staff;

-- Restrictive: on top of the tenant's policy, a staff login writes notes as itself only.
CREATE POLICY own_author ON call_notes AS RESTRICTIVE FOR INSERT TO sb_staff
    WITH CHECK (author_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user)
                AND author_name = (SELECT s.name FROM staff s WHERE s.pg_login = session_user));
CREATE POLICY own_edit ON call_notes AS RESTRICTIVE FOR UPDATE TO sb_staff
    USING (author_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user))
    WITH CHECK (author_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user));
CREATE POLICY own_revision ON call_note_revisions AS RESTRICTIVE FOR INSERT TO sb_staff
    WITH CHECK (edited_by_staff_id = (SELECT s.id FROM staff s WHERE s.pg_login = session_user));

RESET ROLE;
