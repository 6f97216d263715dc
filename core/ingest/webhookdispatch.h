#pragma once

#include "webhook.h"

namespace Sb::Ingest {

class RouteCache;

// The webhook behind an endpoint path, for requests handled again later: the spool drain and
// quarantine replay. They go through the same verification and routing as live requests.
// Blocking: a store thread.
class WebhookDispatch final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::WebhookDispatch)

public:
    WebhookDispatch(Store::Database &database,
                    const Vault::Sealer &sealer,
                    RouteCache *cache = nullptr);

    // An error for a path no webhook serves.
    Result<Verdict> judge(const QString &path, const WebhookRequest &request) const;
    // Verified, routed and stored in a transaction of its own.
    WebhookReply handle(const QString &path, const WebhookRequest &request) const;
    // A kept event's request (quarantine): what its kept headers carry in place of the
    // credential, Twilio's signature or a shared secret's proof.
    static WebhookRequest
    fromKept(const QString &publicUrl, const QByteArray &body, const QByteArray &headersJson);

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    RouteCache *m_cache;
};

} // namespace Sb::Ingest
