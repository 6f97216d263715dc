-- A call on a staff member's own line (their RingCentral account's call log) is theirs: it
-- carries who they are. NULL: a call of the clinic's lines (Twilio, the assistant).
ALTER TABLE calls ADD COLUMN owner_staff_id INTEGER;
