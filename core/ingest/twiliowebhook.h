#pragma once

#include "ingestevent.h"
#include "tenantresolver.h"

#include <core/common/result.h>
#include <core/common/secret.h>

#include <optional>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ingest {

struct WebhookRequest
{
    QString publicUrl; // the URL the provider called: public base + path + query as received
    QByteArray body;
    QByteArray signature;
    QByteArray headersJson; // without credentials; kept with the event for replay
    QString remoteAddress;
};

struct WebhookReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
};

// TwiML for an incoming clinic call: straight to the tenant's AI assistant, recorded.
WebhookReply forwardToAssistant(const QString &assistantE164, const QString &callerE164);

// What a webhook deserves, decided without writing anything.
struct Verdict
{
    enum class Kind { Accepted, Malformed, Unroutable, Unverifiable, BadSignature, Unavailable };
    Kind kind = Kind::Unavailable;
    QString reason;
    std::optional<IngestEvent> event;
    std::optional<Route> route;
    std::optional<Secret> authToken; // set when accepted
    std::optional<WebhookReply> acceptedReply; // when accepting needs more than an acknowledgement
    QString assistantE164; // voice: where the call is forwarded
};

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
    WebhookReply handle(TwilioEndpoint endpoint, const WebhookRequest &request) const;

private:
    WebhookReply
    spoolOrRefuse(TwilioEndpoint endpoint, const WebhookRequest &request, const QString &why) const;
    Result<QString> assistantNumber(const Tenancy::TenantScope &tenant) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    RouteCache *m_cache;
    Spool *m_spool;
};

} // namespace Sb::Ingest
