#pragma once

#include "webhook.h"

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QStringList>

#include <functional>
#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

// Shares the store threads fairly between senders: one queue per routing key (a Twilio
// subaccount, a VAPI number, a RingCentral account), served round-robin, so one tenant's flood
// waits behind itself and never in front of the others. Nothing is refused here: every job
// runs. Lives on the server's thread.
class FairScheduler final : public QObject
{
    Q_OBJECT

public:
    using Job = std::function<Handled()>;
    using Done = std::function<void(Handled)>;

    FairScheduler(std::shared_ptr<Store::Database> database,
                  int concurrency,
                  QObject *parent = nullptr);

    void submit(const QString &key, Job job, Done done);
    int queued() const { return m_queued; }
    int queuedFor(const QString &key) const { return int(m_queues.value(key).size()); }

private:
    struct Pending
    {
        Job job;
        Done done;
    };
    void dispatch();

    std::shared_ptr<Store::Database> m_database;
    int m_concurrency;
    int m_running = 0;
    int m_queued = 0;
    QHash<QString, QQueue<Pending>> m_queues;
    QStringList m_ring; // keys with work, in serving order
};

// Counts failed signature checks per source address; past the limit within the window the
// source is answered 429 at once, before any work.
class FailureLimiter final
{
public:
    FailureLimiter(int limit, qint64 windowMs);
    // Seconds to wait, or 0 when the source may be heard.
    int retryAfter(const QString &source, qint64 now);
    void recordFailure(const QString &source, qint64 now);

private:
    void forgetOld(QQueue<qint64> &times, qint64 now) const;

    int m_limit;
    qint64 m_windowMs;
    QHash<QString, QQueue<qint64>> m_failures;
};

} // namespace Sb::Ingest
