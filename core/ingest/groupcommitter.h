#pragma once

#include "webhook.h"

#include <QList>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

// Group commit for accepted webhook events. A writer thread takes every event waiting (up to a
// batch), stores them in one transaction, grouped by tenant and each group under its own
// tenant's scope, and only after COMMIT returns hands out the replies: one durable flush serves
// the whole batch, and no event is acknowledged before it is durable. Events wait while a batch
// is written, so batches grow with load and need no timer. With several writers they take turns:
// the next batch is taken once the previous one's statements have run, so it is written while
// the previous COMMIT waits for its flush, and batches do not split into small ones. A batch is
// filled round-robin from each tenant's queue, so a tenant's backlog waits behind itself:
// another tenant's event is in the next batch, however long that backlog is. If a batch fails
// for anything but an unreachable store, its events are stored one by one, so one bad event
// cannot fail the others.
class GroupCommitter final
{
public:
    using Deliver = std::function<void(WebhookReply)>; // called on a writer thread

    // writers: connections whose batches may overlap (PostgreSQL); 1 for SQLite's one writer.
    GroupCommitter(std::shared_ptr<Store::Database> database, int writers, int maxBatch = 256);
    // Stores everything still waiting, then stops the writers.
    ~GroupCommitter();
    GroupCommitter(const GroupCommitter &) = delete;
    GroupCommitter &operator=(const GroupCommitter &) = delete;

    void submit(PendingCommit commit, Deliver deliver); // thread-safe
    // Events submitted and not yet taken into a batch (thread-safe).
    qsizetype waiting() const;

private:
    struct Item
    {
        PendingCommit commit;
        Deliver deliver;
    };
    void write();
    std::vector<Item> take();
    void commit(std::vector<Item> &batch);
    void statementsDone(); // the batch taken last has run its statements: the next may be taken

    std::shared_ptr<Store::Database> m_database;
    int m_maxBatch;
    mutable std::mutex m_mutex; // protects m_waiting, m_ring, m_isWriting and m_isStopping
    std::condition_variable m_wake;
    std::unordered_map<qint64, std::deque<Item>> m_waiting; // by tenant, in arrival order
    std::deque<qint64> m_ring; // tenants with events waiting, in serving order
    bool m_isWriting = false; // a writer's batch has statements still running: the others wait
    bool m_isStopping = false;
    std::vector<std::thread> m_writers;
};

} // namespace Sb::Ingest
