#include "ingestserver.h"

#include "groupcommitter.h"
#include "ingestlog.h"
#include "quarantinegate.h"
#include "routecache.h"
#include "spool.h"
#include "webhookdispatch.h"
#include "webhookendpoint.h"
#include "webhookpipeline.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/vault/sealer.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

Q_LOGGING_CATEGORY(lcIngest, "switchboard.ingest", QtInfoMsg)

namespace Sb::Ingest {

namespace {
QString publicUrlOf(const QString &base, const QHttpServerRequest &request)
{
    QString url = base;
    while (url.endsWith(u'/'))
        url.chop(1);
    url += request.url().path(QUrl::FullyEncoded);
    if (request.url().hasQuery())
        url += u'?' + request.url().query(QUrl::FullyEncoded);
    return url;
}

// A request may be as large as the largest body plus its request line and headers.
IngestServerConfig withRequestLimit(IngestServerConfig config)
{
    if (config.http.maxRequestBytes == HttpLimits{}.maxRequestBytes)
        config.http.maxRequestBytes = config.maxBodyBytes + 64 * 1024;
    return config;
}
} // namespace

IngestServer::IngestServer(std::shared_ptr<Store::Database> database,
                           std::shared_ptr<const Vault::Sealer> sealer,
                           WebhookEndpoints endpoints,
                           IngestServerConfig config,
                           QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_endpoints(std::move(endpoints))
    , m_config(withRequestLimit(std::move(config)))
    , m_server(new WebhookHttpServer(m_config.http, this))
    , m_cache(std::make_shared<RouteCache>(m_config.routeFreshMs))
    , m_spool(m_config.spoolDirectory.isEmpty() ? nullptr
                                                : std::make_shared<Spool>(m_config.spoolDirectory))
    , m_quarantine(std::make_shared<QuarantineGate>(m_config.quarantineBudgetBytes))
    , m_drainTimer(new QTimer(this))
    , m_quarantineTimer(new QTimer(this))
    , m_scheduler(new FairScheduler(m_database, m_database->concurrency(), this))
    // SQLite has one writer at a time. On PostgreSQL a second writer takes its turn while the
    // first one's COMMIT waits for the flush (two writers taking batches freely halved them, and
    // each batch pays a scope switch per tenant in it: docs/benchmarks.md).
    , m_committer(std::make_unique<GroupCommitter>(
          m_database,
          m_database->backend() == Store::Backend::Postgres ? 2 : 1,
          m_config.commitBatch))
    , m_failures(m_config.sourceFaultLimit, 60'000)
{
    // Other servers add to the quarantine and administrators empty it: its size is read anew.
    m_quarantineTimer->setInterval(m_config.quarantineRefreshMs);
    connect(m_quarantineTimer, &QTimer::timeout, this, &IngestServer::refreshQuarantineUsage);
    m_quarantineTimer->start();
    // The spool is retried twice a second, and once at start for what a previous run left.
    m_drainTimer->setInterval(500);
    connect(m_drainTimer, &QTimer::timeout, this, &IngestServer::drainSpool);
    if (m_spool) {
        m_drainTimer->start();
        QTimer::singleShot(0, this, &IngestServer::drainSpool);
    }
    for (const auto &endpoint : m_endpoints)
        route(endpoint);
    routeHealth();
}

IngestServer::~IngestServer() = default;

Result<quint16> IngestServer::listen(const QHostAddress &address, quint16 port)
{
    // Known before the first request, so the budget holds from the start.
    if (auto usage = m_quarantine->refresh(*m_database); !usage)
        qCWarning(lcIngest) << "cannot read the quarantine's size:" << usage.error().message;
    return m_server->start(address, port);
}

void IngestServer::shutDown()
{
    m_isShuttingDown = true;
    m_server->stopListening();
    qCInfo(lcIngest) << "shutting down;" << m_inFlight << "requests in flight";
    if (m_inFlight == 0)
        emit drained();
}

void IngestServer::finishRequest()
{
    --m_inFlight;
    if (m_isShuttingDown && m_inFlight == 0)
        emit drained();
}

void IngestServer::drainSpool()
{
    if (!m_spool || m_isDraining || m_spool->isEmpty())
        return;
    m_isDraining = true;
    auto database = m_database;
    auto sealer = m_sealer;
    auto cache = m_cache;
    auto spool = m_spool;
    auto drained = m_database->run([database, sealer, cache, spool, endpoints = m_endpoints] {
        // In arrival order, through the same path as live requests; a 503 stops the drain.
        return spool->drain([&](const SpooledRequest &entry) -> Status {
            const WebhookReply reply = WebhookDispatch(endpoints, {*database, *sealer, cache.get()})
                                           .handle(entry.path, entry.request);
            if (reply.status == 503)
                return Error{ErrorCode::DatabaseUnavailable, QStringLiteral("still unavailable")};
            return ok();
        });
    });
    onFinished(this, std::move(drained), [this](Result<int> stored) {
        m_isDraining = false;
        if (!stored)
            qCWarning(lcIngest) << "spool drain failed:" << stored.error().message;
        else if (*stored > 0)
            qCInfo(lcIngest) << "drained" << *stored << "spooled events into the store";
    });
}

void IngestServer::refreshQuarantineUsage()
{
    if (m_isRefreshingQuarantine)
        return;
    m_isRefreshingQuarantine = true;
    auto database = m_database;
    auto gate = m_quarantine;
    auto refreshed = m_database->run([database, gate] { return gate->refresh(*database); });
    onFinished(this, std::move(refreshed), [this](Status status) {
        m_isRefreshingQuarantine = false;
        if (!status)
            qCWarning(lcIngest) << "cannot read the quarantine's size:" << status.error().message;
    });
}

void IngestServer::route(const std::shared_ptr<const WebhookEndpoint> &endpoint)
{
    m_server->route(
        QHttpServerRequest::Method::Post,
        endpoint->path(),
        [this, endpoint](const QHttpServerRequest &request, const HttpAnswer &answer) {
            if (const auto atOnce = endpoint->answerAtOnce(request)) {
                qCInfo(lcIngest) << "POST" << endpoint->path() << atOnce->status << "at once";
                answer.send(*atOnce);
                return;
            }
            const WebhookRequest webhook =
                endpoint->read(request, publicUrlOf(m_config.publicUrl, request));
            WebhookServices services{*m_database, *m_sealer, m_cache.get(), m_spool.get()};
            answerOnStoreThread(
                request,
                answer,
                [&request, endpoint] { return endpoint->fairnessKey(request.body()); },
                // What the job needs is held by it: it may outlive this request's answer.
                [database = m_database,
                 sealer = m_sealer,
                 cache = m_cache,
                 spool = m_spool,
                 endpoint,
                 webhook] {
                    return endpoint->process({*database, *sealer, cache.get(), spool.get()},
                                             webhook);
                },
                [services, endpoint, webhook] {
                    return endpoint->acceptFromMemory(services, webhook);
                });
        });
}

// Oversized bodies and sources that keep failing signature checks are refused at once;
// everything else waits its fair turn for a store thread to be judged, and accepted events then
// wait for their group commit. The event loop never waits for the database.
void IngestServer::answerOnStoreThread(const QHttpServerRequest &request,
                                       const HttpAnswer &answer,
                                       const std::function<QString()> &fairnessKey,
                                       std::function<Handled()> handle,
                                       FromMemory fromMemory)
{
    const QString path = request.url().path();
    const QString source = request.remoteAddress().toString();
    if (request.body().size() > m_config.maxBodyBytes) {
        qCInfo(lcIngest) << "POST" << path << 413 << request.body().size() << "bytes";
        m_failures.recordFailure(source, QDateTime::currentMSecsSinceEpoch());
        answer.send(WebhookPipeline::plain(413, QByteArrayLiteral("body too large")));
        return;
    }
    QString suspectKey;
    int sourceRetryAfter = 0;
    // A source that keeps failing signature checks waits in a queue of its own, so it cannot
    // crowd out anyone; it is refused (429) only once that queue is long. Its genuine events
    // are still handled, just not ahead of others.
    if (const int wait = m_failures.retryAfter(source, QDateTime::currentMSecsSinceEpoch());
        wait > 0) {
        sourceRetryAfter = wait;
        suspectKey = QStringLiteral("suspect:") + source;
        if (m_scheduler->queuedFor(suspectKey) >= m_config.suspectBacklog) {
            qCInfo(lcIngest) << "POST" << path << 429 << "source" << source
                             << "keeps failing signatures";
            answer.send(
                WebhookPipeline::plain(429, QByteArrayLiteral("too many failed signatures")),
                {{QByteArrayLiteral("Retry-After"), QByteArray::number(wait)}});
            return;
        }
    }
    QElapsedTimer timer;
    timer.start();
    ++m_inFlight;
    auto respond = [this, answer, path, source, timer](const WebhookReply &result) {
        if (result.isSourceFault)
            m_failures.recordFailure(source, QDateTime::currentMSecsSinceEpoch());
        qCInfo(lcIngest) << "POST" << path << result.status << timer.elapsed() << "ms"
                         << (answer.isConnected() ? "" : "(the client had gone)");
        answer.send(result);
        finishRequest();
    };
    // Cheap and fair enough here: a few microseconds of parsing and one HMAC, no store reads;
    // the group commit still serves tenants round-robin. A suspect source always queues.
    if (fromMemory && suspectKey.isEmpty()) {
        if (auto accepted = fromMemory()) {
            commitThenAnswer(std::move(*accepted), respond);
            return;
        }
    }
    const QString key = suspectKey.isEmpty() ? fairnessKey() : suspectKey;
    // What could not be accepted is kept only within the quarantine's and the source's budgets.
    auto judge = [handle = std::move(handle),
                  database = m_database,
                  gate = m_quarantine,
                  sourceRetryAfter]() -> Handled {
        Handled handled = handle();
        if (const auto *pending = std::get_if<PendingQuarantine>(&handled))
            return gate->settle(*database, *pending, sourceRetryAfter);
        return handled;
    };
    m_scheduler->submit(key, std::move(judge), [this, respond](Handled handled) {
        if (auto *result = std::get_if<WebhookReply>(&handled))
            respond(*result);
        else
            commitThenAnswer(std::move(std::get<PendingCommit>(handled)), respond);
    });
}

// Answered from a writer thread once the batch is durable; written back on ours.
void IngestServer::followStored(const QString &provider, StoredFollower follower)
{
    m_followers.insert(provider, std::move(follower));
}

void IngestServer::commitThenAnswer(PendingCommit commit, std::function<void(WebhookReply)> answer)
{
    if (const auto follower = m_followers.constFind(commit.event.provider); follower != m_followers.cend()) {
        // Only providers with a follower pay for the copy of their event.
        commit.reply = [this, reply = std::move(commit.reply), follow = *follower, tenant = commit.tenant,
                        event = commit.event](const Result<bool> &stored) {
            if (stored && *stored)
                answerLater([follow, tenant, event] { follow(tenant, event); });
            return reply(stored);
        };
    }
    m_committer->submit(std::move(commit), [this, answer](WebhookReply result) {
        answerLater([answer, result] { answer(result); });
    });
}

// A batch's replies wait here together, and one posted call writes them all: one wake-up of
// the server's thread per batch rather than per event.
void IngestServer::answerLater(std::function<void()> answer)
{
    bool isFirst = false;
    {
        QMutexLocker lock(&m_answeredMutex);
        isFirst = m_answered.empty();
        m_answered.push_back(std::move(answer));
    }
    if (isFirst)
        QMetaObject::invokeMethod(this, &IngestServer::writeAnswers, Qt::QueuedConnection);
}

void IngestServer::writeAnswers()
{
    std::vector<std::function<void()>> answers;
    {
        QMutexLocker lock(&m_answeredMutex);
        answers.swap(m_answered);
    }
    for (const auto &answer : answers)
        answer();
}

void IngestServer::routeHealth()
{
    m_server->route(QHttpServerRequest::Method::Get,
                    QStringLiteral("/healthz"),
                    [this](const QHttpServerRequest &, const HttpAnswer &answer) {
                        auto database = m_database;
                        auto probe = m_database->run([database] { return bool(database->ping()); });
                        onFinished(this, std::move(probe), [answer](bool healthy) {
                            const QJsonObject body{{QStringLiteral("status"),
                                                    healthy
                                                        ? QStringLiteral("ok")
                                                        : QStringLiteral("database unavailable")}};
                            answer.send({healthy ? 200 : 503,
                                         QByteArrayLiteral("application/json"),
                                         QJsonDocument(body).toJson(QJsonDocument::Compact)});
                        });
                    });
}

} // namespace Sb::Ingest
