#pragma once

#include <core/ingest/webhook.h>

namespace Sb::Ingest {
class RouteCache;
class SharedSecretWebhook;
class Spool;
} // namespace Sb::Ingest

namespace Sb::Providers::Vapi {

// VAPI server messages on POST /vapi. Routed by the call we know (its VAPI id) or the assistant
// number that was called; a tenant named in the call's metadata is only cross-checked, never
// trusted alone. Authenticated with the tenant's server secret (X-Vapi-Secret, or a Bearer
// credential carrying it), sealed as record "vapi-server", purpose "secret". Exactly once per
// call id + message type (+ status or timestamp). Blocking: a store thread.
class VapiWebhook final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Vapi::VapiWebhook)

public:
    // With a cache, accepted secrets are remembered; with a spool too, events that present one
    // while the store is unreachable are spooled (SharedSecret::spoolIfVouchedFor).
    VapiWebhook(Store::Database &database,
                const Vault::Sealer &sealer,
                Ingest::RouteCache *cache = nullptr,
                Ingest::Spool *spool = nullptr);

    static QString path() { return QStringLiteral("/vapi"); }
    static Result<Ingest::IngestEvent> parse(const QByteArray &body);
    Ingest::Verdict judge(const Ingest::WebhookRequest &request) const;
    // Everything but storing an accepted event, which is left to the caller (group commit).
    Ingest::Handled process(const Ingest::WebhookRequest &request) const;

private:
    Ingest::SharedSecretWebhook shared() const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Ingest::RouteCache *m_cache;
    Ingest::Spool *m_spool;
};

} // namespace Sb::Providers::Vapi
