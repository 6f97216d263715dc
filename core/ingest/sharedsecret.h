#pragma once

#include "webhook.h"

class QHttpServerRequest;

namespace Sb::Ingest {

class RouteCache;
class Spool;

// VAPI and RingCentral authenticate a webhook with a shared secret sent as is (X-Vapi-Secret,
// Verification-Token). The secret itself is never kept: not in the spool, the quarantine or
// the stored headers. What is kept is a proof, HMAC-SHA256 of the body under the presented
// secret, which is checked later against the secret of the tenant the event routes to. It
// reveals nothing of the secret and fits no other body.
namespace SharedSecret {

// Name of the header the proof travels in among an event's kept headers.
inline constexpr char kProofHeader[] = "x-switchboard-secret-proof";

QByteArray proofOf(const QByteArray &presentedSecret, const QByteArray &body);
// A request presenting `secret`, as read by a shared-secret endpoint: its proof computed, its
// kept headers without the credential headers named.
WebhookRequest requestOf(const QHttpServerRequest &request,
                         const QString &publicUrl,
                         const QByteArray &secret,
                         const QByteArrayList &credentialHeaders);
bool isPresented(const WebhookRequest &request);
// The presented secret equals the tenant's (constant time), or, for a request that came back
// from the spool or quarantine, its proof was made with the tenant's secret.
bool matches(const WebhookRequest &request, const Secret &tenantSecret);
// The request as it may be kept: the secret dropped, its proof kept.
WebhookRequest withoutSecret(const WebhookRequest &request);
// While the store is unreachable: an event presenting a secret accepted before (RouteCache) is
// spooled without its secret and acknowledged; routing and the proof are checked when the
// spool drains. Anything else gets 503, and the provider retries.
WebhookReply spoolIfVouchedFor(const QString &provider,
                               const QString &path,
                               const WebhookRequest &request,
                               const WebhookReply &acknowledgement,
                               const QString &why,
                               const RouteCache *cache,
                               Spool *spool);

} // namespace SharedSecret

// What VAPI's and RingCentral's webhooks share once an event is parsed and routed: the routed
// tenant's sealed secret checked against what the request presents (remembered for outages when
// it matches), then the verdict carried out, spooling when the store is down.
class SharedSecretWebhook final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::SharedSecretWebhook)

public:
    struct Kind
    {
        QString provider; // "vapi"
        QString path; // "/vapi"
        QString record; // where the tenant's secret is sealed: "vapi-server"
        QString purpose; // "secret"
        QString name; // for people: "VAPI secret"
    };

    SharedSecretWebhook(Store::Database &database,
                        const Vault::Sealer &sealer,
                        RouteCache *cache,
                        Spool *spool,
                        Kind kind);

    Verdict
    verify(const WebhookRequest &request, const IngestEvent &event, const Route &route) const;
    Handled process(const Verdict &verdict,
                    const WebhookRequest &request,
                    const WebhookReply &acknowledgement) const;

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    RouteCache *m_cache;
    Spool *m_spool;
    Kind m_kind;
};

} // namespace Sb::Ingest
