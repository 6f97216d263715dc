-- Webhook routing looks numbers and accounts up across tenants; on SQLite that is a query.
CREATE INDEX connections_account ON connections (provider, external_account_id, tenant_id);
CREATE INDEX phone_numbers_routing ON phone_numbers (provider, e164, tenant_id);
