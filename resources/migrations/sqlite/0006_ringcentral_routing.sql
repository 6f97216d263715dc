-- RingCentral notifications route by the account (owner) of the tenant's connection.
CREATE INDEX connections_routing ON connections (provider, external_account_id);
