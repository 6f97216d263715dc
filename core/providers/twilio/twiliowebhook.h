#pragma once

#include "twilioeventparser.h"

#include <core/ingest/webhook.h>

#include <core/common/result.h>

#include <optional>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ingest {
class FormFields;
class RouteCache;
class Spool;
} // namespace Sb::Ingest

namespace Sb::Providers::Twilio {

// TwiML for an incoming clinic call: straight to the tenant's AI assistant, recorded.
Ingest::WebhookReply forwardToAssistant(const QString &assistantE164, const QString &callerE164);

// One Twilio webhook, start to end: parse, route to a tenant, verify the signature with that
// tenant's sealed subaccount token, store exactly once. Malformed bodies are kept in quarantine
// and refused (400); unroutable events are kept in quarantine and acknowledged; a bad or missing
// signature is refused (403) with an audit line and nothing stored. With a cache and a spool,
// a verified event that cannot reach the store is spooled and acknowledged. Blocking: a store
// thread.
class TwilioWebhook final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioWebhook)

public:
    TwilioWebhook(Store::Database &database,
                  const Vault::Sealer &sealer,
                  Ingest::RouteCache *cache = nullptr,
                  Ingest::Spool *spool = nullptr);

    Ingest::Verdict judge(TwilioEndpoint endpoint, const Ingest::WebhookRequest &request) const;
    // Everything but storing an accepted event, which is left to the caller (group commit).
    Ingest::Handled process(TwilioEndpoint endpoint, const Ingest::WebhookRequest &request) const;
    // The hot path, cheap enough for the server's own thread: a subaccount accepted moments ago
    // (fresh in the cache) and a signature that matches its token give the accepted event with
    // no store access. Anything else (nullopt) needs process() on a store thread.
    std::optional<Ingest::PendingCommit>
    acceptFromCache(TwilioEndpoint endpoint, const Ingest::WebhookRequest &request) const;

private:
    std::optional<Ingest::Verdict> acceptedByCache(TwilioEndpoint endpoint,
                                                   const Ingest::WebhookRequest &request,
                                                   const Ingest::FormFields &fields,
                                                   const Ingest::IngestEvent &event) const;
    Ingest::Handled decide(TwilioEndpoint endpoint,
                           const Ingest::WebhookRequest &request,
                           const Ingest::Verdict &verdict) const;
    Ingest::WebhookReply spoolOrRefuse(TwilioEndpoint endpoint,
                                       const Ingest::WebhookRequest &request,
                                       const QString &why) const;
    Result<QString> assistantNumber(const Store::TenantScope &tenant) const;
    Ingest::Verdict judgeForeignAccount(const Ingest::WebhookRequest &request,
                                        const Ingest::FormFields &fields,
                                        const Ingest::IngestEvent &event,
                                        const Ingest::Route &route) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Ingest::RouteCache *m_cache;
    Ingest::Spool *m_spool;
};

} // namespace Sb::Providers::Twilio
