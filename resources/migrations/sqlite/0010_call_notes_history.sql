-- Notes on a call are edited, and every edit keeps the text it replaced.
ALTER TABLE call_notes ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE call_notes ADD COLUMN updated_at INTEGER;
CREATE TABLE call_note_revisions (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    note_id INTEGER NOT NULL REFERENCES call_notes(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    edited_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    edited_at INTEGER NOT NULL
);
CREATE INDEX call_note_revisions_note ON call_note_revisions (tenant_id, note_id, edited_at);
