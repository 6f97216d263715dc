#pragma once

#include "webhook.h"

namespace Sb::Ingest {

class RouteCache;
class SharedSecretWebhook;
class Spool;

// VAPI server messages on POST /vapi. Routed by the call we know (its VAPI id) or the assistant
// number that was called; a tenant named in the call's metadata is only cross-checked, never
// trusted alone. Authenticated with the tenant's server secret (X-Vapi-Secret, or a Bearer
// credential carrying it), sealed as record "vapi-server", purpose "secret". Exactly once per
// call id + message type (+ status or timestamp). Blocking: a store thread.
class VapiWebhook final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::VapiWebhook)

public:
    // With a cache, accepted secrets are remembered; with a spool too, events that present one
    // while the store is unreachable are spooled (SharedSecret::spoolIfVouchedFor).
    VapiWebhook(Store::Database &database,
                const Vault::Sealer &sealer,
                RouteCache *cache = nullptr,
                Spool *spool = nullptr);

    static QString path() { return QStringLiteral("/vapi"); }
    static Result<IngestEvent> parse(const QByteArray &body);
    Verdict judge(const WebhookRequest &request) const;
    // Everything but storing an accepted event, which is left to the caller (group commit).
    Handled process(const WebhookRequest &request) const;
    // process, then store in a transaction of its own.
    WebhookReply handle(const WebhookRequest &request) const;

private:
    SharedSecretWebhook shared() const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    RouteCache *m_cache;
    Spool *m_spool;
};

} // namespace Sb::Ingest
