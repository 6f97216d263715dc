#include "contactsync.h"

#include <core/common/continuation.h>
#include <core/store/asyncstore.h>
#include <core/store/database.h>

#include <QDateTime>

namespace Sb::Crm {

namespace {
// The CRM's search index lags its writes by seconds: the next pass looks back this far.
constexpr qint64 kSlackMs = 60'000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

qint64 SyncProgress::remainingMs() const
{
    if (estimatedTotal <= 0 || fetchedThisRun < 1 || elapsedMs <= 0)
        return -1;
    const qint64 left = std::max(0, estimatedTotal - fetched);
    return left * elapsedMs / fetchedThisRun;
}

ContactSync::ContactSync(std::shared_ptr<Store::Database> database,
                         Store::TenantScope tenant,
                         ContactSource &source,
                         QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_tenant(std::move(tenant))
    , m_source(source)
{}

void ContactSync::start()
{
    if (m_isRunning)
        return;
    m_isRunning = true;
    m_fetchedThisRun = 0;
    m_clock.start();
    onFinished(this,
               Store::AsyncStore<Store::ContactStore>(m_database)
                   .call(&Store::ContactStore::syncState, m_tenant, m_source.platform()),
               [this](Result<std::optional<Store::CrmSyncState>> stored) {
                   if (!stored)
                       return stop(stored.error());
                   begin(*stored);
               });
}

void ContactSync::begin(std::optional<Store::CrmSyncState> stored)
{
    if (stored && stored->isRunning()) {
        m_state = *stored; // a run stopped midway: on from its last page
        return fetch(m_state.cursor);
    }
    // A new pass: the first is full, the ones after only what changed since the last began.
    Store::CrmSyncState state;
    state.platform = m_source.platform();
    if (stored && stored->finishedAt > 0) {
        state.isIncremental = true;
        state.since = stored->since;
    }
    state.startedAt = nowMs();
    state.finishedAt = stored ? stored->finishedAt : 0;
    m_state = state;
    if (state.isIncremental)
        return fetch(m_state.cursor);
    m_source.estimateTotal([this](Result<int> total) {
        if (total)
            m_state.estimatedTotal = *total;
        fetch(m_state.cursor);
    });
}

void ContactSync::fetch(const QString &cursor)
{
    m_isFetching = true;
    auto done = [this](Result<ContactPage> page) {
        m_isFetching = false;
        if (!m_isRunning)
            return;
        if (m_isStoring)
            m_ahead = std::move(page); // taken once the page before is stored
        else
            onPage(std::move(page));
    };
    if (m_state.isIncremental)
        m_source.changedPage(m_state.since, cursor, done);
    else
        m_source.listPage(cursor, done);
}

void ContactSync::onPage(Result<ContactPage> page)
{
    if (!page)
        return stop(page.error());
    // The next page is on its way while this one is stored.
    if (!page->nextCursor.isEmpty())
        fetch(page->nextCursor);
    store(std::move(*page));
}

void ContactSync::store(ContactPage page)
{
    Store::CrmSyncState next = m_state;
    next.cursor = page.nextCursor;
    next.fetched += int(page.records.size());
    for (const Store::CrmRecord &record : std::as_const(page.records))
        next.highWater = std::max(next.highWater, record.modifiedAt);
    const bool isLast = page.nextCursor.isEmpty();
    if (isLast) {
        // The next pass reads what changed since this one began.
        next.finishedAt = nowMs();
        next.since = std::max<qint64>(0, m_state.startedAt - kSlackMs);
        next.cursor.clear();
    }
    const int count = int(page.records.size());
    m_isStoring = true;
    onFinished(this,
               Store::AsyncStore<Store::ContactStore>(m_database)
                   .call(&Store::ContactStore::storePage, m_tenant, m_source.platform(), page.records, next),
               [this, next, count, isLast](Status stored) {
                   m_isStoring = false;
                   if (!stored)
                       return stop(stored);
                   m_state = next;
                   m_fetchedThisRun += count;
                   emit progressed(progressNow());
                   if (isLast)
                       return stop(ok());
                   afterStored();
               });
}

void ContactSync::afterStored()
{
    if (m_ahead) {
        auto page = std::move(*m_ahead);
        m_ahead.reset();
        onPage(std::move(page));
    }
    // else the next page is still on its way: fetch()'s answer goes straight to onPage.
}

SyncProgress ContactSync::progressNow() const
{
    SyncProgress progress;
    progress.fetched = m_state.fetched;
    progress.estimatedTotal = std::max(m_state.estimatedTotal, m_state.fetched);
    progress.fetchedThisRun = m_fetchedThisRun;
    progress.elapsedMs = m_clock.elapsed();
    progress.isIncremental = m_state.isIncremental;
    return progress;
}

void ContactSync::stop(const Status &status)
{
    if (!m_isRunning)
        return;
    m_isRunning = false;
    m_ahead.reset();
    emit finished(status);
}

} // namespace Sb::Crm
