#pragma once

#include "webhook.h"

#include <QList>

#include <memory>
#include <optional>
#include <utility>

class QHttpServerRequest;

namespace Sb::Ingest {

class RouteCache;
class Spool;

// What a webhook's handling may use: the store, the vault's sealer, and (in `serve`) the cache
// of recent routes and the spool for outages.
struct WebhookServices
{
    Store::Database &database;
    const Vault::Sealer &sealer;
    RouteCache *cache = nullptr;
    Spool *spool = nullptr;
};

// One provider endpoint, as a provider registers it with the ingest server: the path, how a
// request to it is read and judged, and what it is answered. Everything around it (connections,
// fair queues, source budgets, the quarantine, group commit, spool, replay) is the server's and
// the same for every provider. A provider folder under core/providers holds its endpoints;
// Providers::webhookEndpoints() lists them all (adding a provider is one folder and one line
// there).
class WebhookEndpoint
{
public:
    virtual ~WebhookEndpoint() = default;

    virtual QString path() const = 0;
    // The request as handling sees it: the credential it carries (a signature, or a shared
    // secret) and the headers kept with it for replay, never a credential among them.
    virtual WebhookRequest read(const QHttpServerRequest &request,
                                const QString &publicUrl) const = 0;
    // An answer owed at once without the store (a subscription handshake); nullopt for events.
    virtual std::optional<WebhookReply> answerAtOnce(const QHttpServerRequest &request) const;
    // Whose fair queue a request waits in (an account, a number), read before any work.
    virtual QString fairnessKey(const QByteArray &body) const = 0;

    // Blocking, on a store thread.
    virtual Verdict judge(const WebhookServices &services, const WebhookRequest &request) const = 0;
    // Everything but storing an accepted event, which is left to the caller (group commit).
    virtual Handled process(const WebhookServices &services,
                            const WebhookRequest &request) const = 0;
    // The hot path, cheap enough for the server's own thread: accepted from memory (a route
    // verified moments ago), or nullopt when process() on a store thread is needed.
    virtual std::optional<PendingCommit> acceptFromMemory(const WebhookServices &services,
                                                          const WebhookRequest &request) const;
    // process(), then stored in a transaction of its own (spool drain, replay).
    WebhookReply handle(const WebhookServices &services, const WebhookRequest &request) const;
    // A kept event's request (quarantine replay): what its kept headers carry in place of the
    // credential. By default the proof of a shared secret.
    virtual WebhookRequest
    fromKept(const QString &publicUrl, const QByteArray &body, const QByteArray &headersJson) const;

    // For endpoints' read(): the request's headers as kept, without Authorization, cookies and
    // the provider's own credential headers (lower case), with the proof that stands in for a
    // shared secret when one was presented.
    static QByteArray keptHeaders(const QHttpServerRequest &request,
                                  const QByteArrayList &credentialHeaders = {},
                                  const QByteArray &proof = {});
    // The same from (name, value) pairs as read: one compact JSON object, names in lower case
    // and sorted, a repeated name's last value, as QJsonDocument writes it. A header that
    // claims to be the proof is never kept: only the server makes one.
    static QByteArray keptHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers,
                                  const QByteArrayList &credentialHeaders = {},
                                  const QByteArray &proof = {});
    // For fairnessKey(): provider + ':' + the JSON value at path (e.g. message.phoneNumber.number).
    static QString
    jsonKey(const QString &provider, const QByteArray &body, const QStringList &path);
};

using WebhookEndpoints = QList<std::shared_ptr<const WebhookEndpoint>>;

// The endpoint serving a path, or nullptr.
std::shared_ptr<const WebhookEndpoint> endpointFor(const WebhookEndpoints &endpoints,
                                                   const QString &path);

} // namespace Sb::Ingest
