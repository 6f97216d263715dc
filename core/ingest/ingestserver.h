#pragma once

#include "fairscheduler.h"
#include "ingestevent.h"
#include "webhookendpoint.h"
#include "webhookhttpserver.h"

#include <core/common/result.h>

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ingest {

struct IngestServerConfig
{
    QString publicUrl; // e.g. https://hooks.example.org (what providers call)
    qsizetype maxBodyBytes = 1 << 20; // larger bodies get 413
    QString spoolDirectory; // empty: no spool, 503 while the store is down
    // Requests per source and minute that failed their signature, were malformed or could not
    // be verified; past it the source waits apart, and what it sends that fails is refused
    // (429) and not kept.
    int sourceFaultLimit = 30;
    int suspectBacklog = 16; // queued requests of such a source before 429
    int routeFreshMs = 5000; // how long a subaccount's route and token are reused; 0: never
    int commitBatch = 256; // most events in one group commit
    qint64 quarantineBudgetBytes = 64 << 20; // unverified requests kept, at most
    int quarantineRefreshMs = 30'000; // how often its size is read anew
    HttpLimits http; // connections: cap, timeouts, request size (maxRequestBytes follows
        // maxBodyBytes when left at its default)
};

class GroupCommitter;
class QuarantineGate;
class RouteCache;
class Spool;

// `switchboardctl serve`: provider webhooks over Qt HttpServer. A request that needs the store is
// handled on a store thread and answered asynchronously; the event loop never waits for the
// database. The hot path (a Twilio subaccount verified moments ago) is judged on the server's
// own thread, from memory, and goes straight to the group commit.
class IngestServer final : public QObject
{
    Q_OBJECT

public:
    // endpoints: what it serves (Providers::webhookEndpoints()).
    IngestServer(std::shared_ptr<Store::Database> database,
                 std::shared_ptr<const Vault::Sealer> sealer,
                 WebhookEndpoints endpoints,
                 IngestServerConfig config,
                 QObject *parent = nullptr);
    ~IngestServer() override;

    Result<quint16> listen(const QHostAddress &address, quint16 port);
    // Stops accepting connections; drained() follows once every request in flight is answered.
    void shutDown();
    int requestsInFlight() const { return m_inFlight; }
    const HttpCounters &httpCounters() const { return m_server->counters(); }
    int openConnections() const { return m_server->openConnections(); }
    // Work that follows a provider's events once they are durable: called on the server's
    // thread for each event of `provider` stored for the first time (a duplicate is not news),
    // after the group commit, never before the provider could be answered. A notification that
    // only announces something (RingCentral's) is followed by fetching what it announces.
    using StoredFollower = std::function<void(const Store::TenantScope &, const IngestEvent &)>;
    void followStored(const QString &provider, StoredFollower follower);

signals:
    void drained();

private:
    void finishRequest();
    void drainSpool();
    void refreshQuarantineUsage();
    void route(const std::shared_ptr<const WebhookEndpoint> &endpoint);
    void routeHealth();
    using FromMemory = std::function<std::optional<PendingCommit>()>;
    void answerOnStoreThread(const QHttpServerRequest &request,
                             const HttpAnswer &answer,
                             const std::function<QString()> &fairnessKey, // computed when needed
                             std::function<Handled()> handle,
                             FromMemory fromMemory = {});
    void commitThenAnswer(PendingCommit commit, std::function<void(WebhookReply)> answer);
    void answerLater(std::function<void()> answer); // thread-safe
    void writeAnswers();

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    WebhookEndpoints m_endpoints;
    IngestServerConfig m_config;
    WebhookHttpServer *m_server;
    std::shared_ptr<RouteCache> m_cache;
    std::shared_ptr<Spool> m_spool;
    std::shared_ptr<QuarantineGate> m_quarantine;
    QTimer *m_drainTimer;
    QTimer *m_quarantineTimer;
    bool m_isRefreshingQuarantine = false;
    FairScheduler *m_scheduler;
    // Before the committer: its writers still answer while it stops.
    QMutex m_answeredMutex; // protects m_answered
    std::vector<std::function<void()>> m_answered; // durable events' replies, not yet written
    std::unique_ptr<GroupCommitter> m_committer; // after what its writers use: stopped first
    FailureLimiter m_failures;
    bool m_isDraining = false;
    int m_inFlight = 0;
    bool m_isShuttingDown = false;
    QHash<QString, StoredFollower> m_followers; // by provider; set before listening
};

} // namespace Sb::Ingest
