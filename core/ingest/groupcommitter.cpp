#include "groupcommitter.h"

#include "ingestevent.h"
#include "ingestlog.h"

#include <core/store/database.h>

#include <algorithm>

namespace Sb::Ingest {

GroupCommitter::GroupCommitter(std::shared_ptr<Store::Database> database, int writers, int maxBatch)
    : m_database(std::move(database))
    , m_maxBatch(qMax(1, maxBatch))
{
    for (int i = 0; i < qMax(1, writers); ++i)
        m_writers.emplace_back([this] { write(); });
}

GroupCommitter::~GroupCommitter()
{
    {
        std::lock_guard lock(m_mutex);
        m_isStopping = true;
    }
    m_wake.notify_all();
    for (std::thread &writer : m_writers)
        writer.join();
}

qsizetype GroupCommitter::waiting() const
{
    std::lock_guard lock(m_mutex);
    qsizetype count = 0;
    for (const auto &[tenant, queue] : m_waiting)
        count += qsizetype(queue.size());
    return count;
}

void GroupCommitter::submit(PendingCommit commit, Deliver deliver)
{
    bool isWriting = false;
    {
        std::lock_guard lock(m_mutex);
        const qint64 tenant = commit.tenant.tenantId().value();
        std::deque<Item> &queue = m_waiting[tenant];
        if (queue.empty())
            m_ring.push_back(tenant);
        queue.push_back({std::move(commit), std::move(deliver)});
        isWriting = m_isWriting;
    }
    // While a writer runs its statements no other may start: it wakes them when it is done
    // (statementsDone). A wake-up now would only put a writer back to sleep, once per event.
    if (!isWriting)
        m_wake.notify_one();
}

std::vector<GroupCommitter::Item> GroupCommitter::take()
{
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return !m_isWriting && (m_isStopping || !m_ring.empty()); });
    std::vector<Item> batch;
    while (batch.size() < std::size_t(m_maxBatch) && !m_ring.empty()) {
        const qint64 tenant = m_ring.front();
        m_ring.pop_front();
        std::deque<Item> &queue = m_waiting[tenant];
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
        if (queue.empty())
            m_waiting.erase(tenant);
        else
            m_ring.push_back(tenant); // back of the line: the other tenants go first
    }
    m_isWriting = !batch.empty();
    return batch;
}

void GroupCommitter::statementsDone()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_isWriting)
            return;
        m_isWriting = false;
    }
    m_wake.notify_all();
}

void GroupCommitter::write()
{
    for (;;) {
        std::vector<Item> batch = take();
        if (batch.empty())
            return; // stopping, and nothing is left
        commit(batch);
    }
}

void GroupCommitter::commit(std::vector<Item> &batch)
{
    // One transaction; each tenant's events under its own scope, in arrival order (a recording
    // still finds the call it belongs to). Answered in the order taken, after COMMIT.
    QList<Store::ReceivedEvent> events;
    events.reserve(qsizetype(batch.size()));
    for (const Item &item : batch)
        events.append(item.commit.event.received(item.commit.tenant));
    Store::WebhookEventStore store(*m_database);
    std::vector<Result<bool>> stored(batch.size(), Result<bool>(false));
    // Other processes hear of the batch through the announcer: a row per tenant per 100 ms
    // instead of per batch (a tenth of the throughput otherwise).
    auto status = m_database->adminTransaction(
        Store::TransactionMode::Write,
        [&](QSqlDatabase &db) -> Status {
            auto isNew = store.storeAllIn(db, events);
            if (!isNew)
                return isNew.error();
            for (std::size_t i = 0; i < batch.size(); ++i)
                stored[i] = isNew->at(qsizetype(i));
            statementsDone(); // the next batch may start
            return ok();
        },
        Store::ChangeLogging::Coalesced);
    statementsDone(); // when the transaction failed before
    if (!status && status.error().code != ErrorCode::DatabaseUnavailable && batch.size() > 1) {
        qCWarning(lcIngest) << "a batch of" << batch.size()
                            << "events failed; storing them one by one:" << status.error().message;
        for (std::size_t i = 0; i < batch.size(); ++i)
            stored[i] = store.storeOnce(events.at(qsizetype(i)));
    } else if (!status) {
        std::fill(stored.begin(), stored.end(), Result<bool>(status.error()));
    }
    for (std::size_t i = 0; i < batch.size(); ++i)
        batch[i].deliver(batch[i].commit.reply(stored[i]));
}

} // namespace Sb::Ingest
