#include "fairscheduler.h"

#include <core/common/continuation.h>
#include <core/store/database.h>

namespace Sb::Ingest {

FairScheduler::FairScheduler(std::shared_ptr<Store::Database> database,
                             int concurrency,
                             QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_concurrency(qMax(1, concurrency))
{}

void FairScheduler::submit(const QString &key, Job job, Done done)
{
    QQueue<Pending> &queue = m_queues[key];
    if (queue.isEmpty())
        m_ring.append(key);
    queue.enqueue({std::move(job), std::move(done)});
    ++m_queued;
    dispatch();
}

void FairScheduler::dispatch()
{
    while (m_running < m_concurrency && !m_ring.isEmpty()) {
        const QString key = m_ring.takeFirst();
        QQueue<Pending> &queue = m_queues[key];
        Pending next = queue.dequeue();
        if (queue.isEmpty())
            m_queues.remove(key);
        else
            m_ring.append(key); // back of the line: the other keys go first
        --m_queued;
        ++m_running;
        onFinished(this,
                   m_database->run(std::move(next.job)),
                   [this, done = std::move(next.done)](Handled handled) {
                       --m_running;
                       done(std::move(handled));
                       dispatch();
                   });
    }
}

FailureLimiter::FailureLimiter(int limit, qint64 windowMs)
    : m_limit(limit)
    , m_windowMs(windowMs)
{}

void FailureLimiter::forgetOld(QQueue<qint64> &times, qint64 now) const
{
    while (!times.isEmpty() && times.head() <= now - m_windowMs)
        times.dequeue();
}

int FailureLimiter::retryAfter(const QString &source, qint64 now)
{
    auto it = m_failures.find(source);
    if (it == m_failures.end())
        return 0;
    forgetOld(*it, now);
    if (it->isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (it->size() < m_limit)
        return 0;
    return int((it->head() + m_windowMs - now + 999) / 1000);
}

void FailureLimiter::recordFailure(const QString &source, qint64 now)
{
    QQueue<qint64> &times = m_failures[source];
    forgetOld(times, now);
    times.enqueue(now);
}

} // namespace Sb::Ingest
