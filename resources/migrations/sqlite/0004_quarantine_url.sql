-- A quarantined webhook keeps the public URL it was sent to, so a replay can check its signature.
ALTER TABLE quarantine ADD COLUMN public_url TEXT NOT NULL DEFAULT '';
