-- Each staff member's own RingCentral account: the extension they signed in as (notifications
-- route by it), the numbers they chose to text and call from, and the state of their call-log
-- sync and notification subscription. The tokens are in oauth_grants (owner = the staff member).
CREATE TABLE ringcentral_users (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    staff_name TEXT NOT NULL DEFAULT '',
    account_id TEXT NOT NULL,
    extension_id TEXT NOT NULL,
    extension_name TEXT NOT NULL DEFAULT '',
    extension_number TEXT NOT NULL DEFAULT '',
    app_client_id TEXT NOT NULL DEFAULT '',
    sms_from TEXT NOT NULL DEFAULT '',
    caller_id TEXT NOT NULL DEFAULT '',
    call_log_cursor TEXT NOT NULL DEFAULT '',
    call_log_synced_at INTEGER NOT NULL DEFAULT 0,
    subscription_id TEXT NOT NULL DEFAULT '',
    subscription_expires_at INTEGER NOT NULL DEFAULT 0,
    connected_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, staff_id)
);
CREATE UNIQUE INDEX ringcentral_users_extension ON ringcentral_users (extension_id);
