-- A text on a staff member's own line (sent from or to their RingCentral number) is theirs, as
-- their line's calls are. NULL: a text of the clinic's numbers, seen by all its staff.
ALTER TABLE messages ADD COLUMN owner_staff_id INTEGER;
-- How far a staff member's RingCentral texts have been brought in (the message store's
-- newest change seen), as call_log_cursor is for their calls.
ALTER TABLE ringcentral_users ADD COLUMN message_cursor TEXT NOT NULL DEFAULT '';
-- A conversation is a channel, a person and a line (0: the clinic's): the read marks follow.
CREATE TABLE conversation_reads_by_line (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    counterpart_e164 TEXT NOT NULL,
    line_owner INTEGER NOT NULL DEFAULT 0,
    read_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, staff_id, channel, counterpart_e164, line_owner)
);
INSERT INTO conversation_reads_by_line (tenant_id, staff_id, channel, counterpart_e164, line_owner, read_at)
    SELECT tenant_id, staff_id, channel, counterpart_e164, 0, read_at FROM conversation_reads;
DROP TABLE conversation_reads;
ALTER TABLE conversation_reads_by_line RENAME TO conversation_reads;
