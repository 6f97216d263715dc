#pragma once

#include "webhook.h"

#include <core/common/result.h>

#include <optional>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ingest {

// TwiML for an incoming clinic call: straight to the tenant's AI assistant, recorded.
WebhookReply forwardToAssistant(const QString &assistantE164, const QString &callerE164);

class FormFields;
class RouteCache;
class Spool;

// One Twilio webhook, start to end: parse, route to a tenant, verify the signature with that
// tenant's sealed subaccount token, store exactly once. Malformed bodies are kept in quarantine
// and refused (400); unroutable events are kept in quarantine and acknowledged; a bad or missing
// signature is refused (403) with an audit line and nothing stored. With a cache and a spool,
// a verified event that cannot reach the store is spooled and acknowledged. Blocking: a store
// thread.
class TwilioWebhook final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::TwilioWebhook)

public:
    TwilioWebhook(Store::Database &database,
                  const Vault::Sealer &sealer,
                  RouteCache *cache = nullptr,
                  Spool *spool = nullptr);

    Verdict judge(TwilioEndpoint endpoint, const WebhookRequest &request) const;
    // Everything but storing an accepted event, which is left to the caller (group commit).
    Handled process(TwilioEndpoint endpoint, const WebhookRequest &request) const;
    // The hot path, cheap enough for the server's own thread: a subaccount accepted moments ago
    // (fresh in the cache) and a signature that matches its token give the accepted event with
    // no store access. Anything else (nullopt) needs process() on a store thread.
    std::optional<PendingCommit> acceptFromCache(TwilioEndpoint endpoint,
                                                 const WebhookRequest &request) const;
    // process, then store in a transaction of its own.
    WebhookReply handle(TwilioEndpoint endpoint, const WebhookRequest &request) const;

private:
    std::optional<Verdict> acceptedByCache(TwilioEndpoint endpoint,
                                           const WebhookRequest &request,
                                           const FormFields &fields,
                                           const IngestEvent &event) const;
    Handled
    decide(TwilioEndpoint endpoint, const WebhookRequest &request, const Verdict &verdict) const;
    WebhookReply
    spoolOrRefuse(TwilioEndpoint endpoint, const WebhookRequest &request, const QString &why) const;
    Result<QString> assistantNumber(const Store::TenantScope &tenant) const;
    Verdict judgeForeignAccount(const WebhookRequest &request,
                                const FormFields &fields,
                                const IngestEvent &event,
                                const Route &route) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    RouteCache *m_cache;
    Spool *m_spool;
};

} // namespace Sb::Ingest
