-- Pictures and files that come with texts (MMS, WhatsApp media): the batch function stores
-- each message's media in media_json, as MessageStore does event by event.
SET LOCAL ROLE sb_owner;

ALTER TYPE sb_webhook_event ADD ATTRIBUTE media TEXT;

CREATE OR REPLACE FUNCTION sb_store_webhook_events(events JSON, at_ms BIGINT)
RETURNS TABLE (stored_tenant BIGINT, stored_provider TEXT, stored_key TEXT)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
SET search_path = public, pg_temp
AS $fn$
DECLARE
    -- Parsed once: a batch holds events of several tenants, each visited in turn.
    parsed sb_webhook_event[] :=
        ARRAY(SELECT e FROM json_populate_recordset(NULL::sb_webhook_event, events) e);
    scope_tenant BIGINT;
BEGIN
    FOR scope_tenant IN SELECT DISTINCT e.tenant FROM unnest(parsed) e ORDER BY 1
    LOOP
        PERFORM set_config('app.tenant_id', scope_tenant::TEXT, true);
        RETURN QUERY
        WITH batch_rows AS (
            -- One row per distinct event: the caller drops redeliveries inside the batch.
            SELECT e.* FROM unnest(parsed) e WHERE e.tenant = scope_tenant
        ), raw AS (
            INSERT INTO webhook_events (tenant_id, provider, event_key, event_type,
                                        headers_json, raw_body, received_at)
            SELECT scope_tenant, b.provider, b.event_key, b.event_type, b.headers_json,
                   decode(b.raw_body, 'base64'), at_ms
              FROM batch_rows b
             -- Keys locked in one order (tenant, then key) in every server: two servers storing
             -- the same redeliveries wait for each other instead of deadlocking.
             ORDER BY b.provider, b.event_key
            ON CONFLICT (tenant_id, provider, event_key) DO NOTHING
            RETURNING webhook_events.provider, webhook_events.event_key
        ), fresh AS (
            -- A redelivery of an event stored earlier adds nothing, not even a message row.
            SELECT b.* FROM batch_rows b
              JOIN raw r ON r.provider = b.provider AND r.event_key = b.event_key
             WHERE b.message_id IS NOT NULL
        ), firsts AS (
            -- As if applied one by one: the first event of a message creates its row …
            SELECT DISTINCT ON (f.message_id) f.* FROM fresh f ORDER BY f.message_id, f.ord
        ), best AS (
            -- … and the first of its highest-ranked statuses is the one that stays.
            SELECT DISTINCT ON (f.message_id) f.message_id, f.status, f.status_rank, f.error_code
              FROM fresh f ORDER BY f.message_id, f.status_rank DESC, f.ord
        ), first_media AS (
            -- … its media are those of its first event that had any …
            SELECT DISTINCT ON (f.message_id) f.message_id, f.media
              FROM fresh f WHERE f.media IS NOT NULL ORDER BY f.message_id, f.ord
        ), saved AS (
            INSERT INTO messages AS m (tenant_id, channel, counterpart_e164, our_e164, direction,
                                       body, status, status_rank, error_code, provider,
                                       provider_message_id, sent_at, created_at, updated_at,
                                       media_json)
            SELECT scope_tenant, f.channel, f.counterpart, f.ours, f.direction, f.body,
                   s.status, s.status_rank, s.error_code, 'twilio', f.message_id,
                   at_ms, at_ms, at_ms, COALESCE(fm.media, '[]')
              FROM firsts f JOIN best s ON s.message_id = f.message_id
              LEFT JOIN first_media fm ON fm.message_id = f.message_id
             ORDER BY f.message_id
            -- A higher-ranked status replaces the stored one (with its error code); media
            -- fill a row that had none (MessageMerge's rules).
            ON CONFLICT (tenant_id, provider, provider_message_id) DO UPDATE
               SET status = CASE WHEN m.status_rank < excluded.status_rank
                                 THEN excluded.status ELSE m.status END,
                   error_code = CASE WHEN m.status_rank < excluded.status_rank
                                     THEN excluded.error_code ELSE m.error_code END,
                   status_rank = GREATEST(m.status_rank, excluded.status_rank),
                   media_json = CASE WHEN m.media_json = '[]'
                                     THEN excluded.media_json ELSE m.media_json END,
                   updated_at = excluded.updated_at
             WHERE m.status_rank < excluded.status_rank
                OR (m.media_json = '[]' AND excluded.media_json <> '[]')
        )
        SELECT scope_tenant, r.provider, r.event_key FROM raw r;
    END LOOP;
END
$fn$;

RESET ROLE;
