-- Requests whose signature or secret matched a tenant's are always kept; the rest share a byte
-- budget that serve enforces (docs/ingest.md).
ALTER TABLE quarantine ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
