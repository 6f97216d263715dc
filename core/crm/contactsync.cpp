#include "contactsync.h"

#include <core/common/continuation.h>
#include <core/oauth/authorizationserver.h>
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
    , m_storeTimer(new QTimer(this))
{
    m_storeTimer->setSingleShot(true);
    connect(m_storeTimer, &QTimer::timeout, this, &ContactSync::pump);
}

void ContactSync::start()
{
    if (m_isRunning)
        return;
    m_isRunning = true;
    ++m_run;
    m_hasBegun = false;
    m_hasRestarted = false;
    m_isFetching = false;
    m_fetchedThisRun = 0;
    m_clock.start();
    onFinished(this,
               Store::AsyncStore<Store::ContactStore>(m_database)
                   .call(&Store::ContactStore::syncState, m_tenant, m_source.platform()),
               [this, run = m_run](Result<std::optional<Store::CrmSyncState>> stored) {
                   if (run != m_run)
                       return;
                   if (!stored)
                       return stop(stored.error());
                   begin(*stored);
               });
}

void ContactSync::begin(std::optional<Store::CrmSyncState> stored)
{
    m_hasBegun = true;
    if (stored && stored->isRunning()) {
        m_state = *stored; // a run stopped midway: on from its last page
        m_nextCursor = m_state.cursor;
        return pump();
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
    m_nextCursor.clear();
    if (state.isIncremental)
        return pump();
    m_source.estimateTotal([this, run = m_run](Result<int> total) {
        if (run != m_run)
            return;
        if (total)
            m_state.estimatedTotal = *total;
        pump();
    });
}

void ContactSync::pump()
{
    if (!m_isRunning || !m_hasBegun)
        return; // (a run that has not read where it stands yet)
    // Keep reading while pages are stored, up to a bound on what waits.
    if (!m_isFetching && !m_hasFetchedAll && !m_failure && m_waitingRecords < kMostWaitingRecords)
        fetch();
    if (!m_isStoring && !m_waiting.isEmpty()) {
        if (isWorthAStore())
            return storeWaiting();
        if (!m_storeTimer->isActive())
            m_storeTimer->start(int(std::max<qint64>(0, kLongestWaitMs - m_waitingSince.elapsed())));
        return;
    }
    if (!m_isStoring && !m_isFetching && m_failure)
        return stop(*m_failure); // what was read before it is stored
}

bool ContactSync::isWorthAStore() const
{
    return m_hasFetchedAll || m_failure || !m_isFetching || m_waitingRecords >= kRecordsATransaction
        || m_waitingSince.elapsed() >= kLongestWaitMs;
}

void ContactSync::keep(ContactPage page)
{
    if (m_waiting.isEmpty())
        m_waitingSince.start();
    m_waitingRecords += int(page.records.size());
    m_waiting.append(std::move(page));
}

void ContactSync::fetch()
{
    m_isFetching = true;
    auto done = [this, run = m_run](Result<ContactPage> page) {
        if (run != m_run)
            return; // a page of a run that has ended (a new one may have begun since)
        m_isFetching = false;
        if (!m_isRunning)
            return;
        if (!page) {
            m_failure = page.error();
        } else if (page->restartPass && m_hasRestarted) {
            m_failure = Error{ErrorCode::ProviderRefused,
                              tr("%1 refused where the sync stood twice in one run; try again later.")
                                  .arg(OAuth::providerDisplayName(m_source.platform()))};
        } else if (page->restartPass) {
            m_hasRestarted = true; // once a run: a CRM refusing its own fresh cursor would loop
            m_nextCursor.clear();
            m_state.fetched = 0;
        } else {
            m_nextCursor = page->nextCursor;
            m_hasFetchedAll = page->nextCursor.isEmpty();
            ContactPage read = std::move(*page);
            pump(); // the next page is on its way while this one's numbers are read
            normaliseNumbers(read.records, m_source.numbersRegion());
            keep(std::move(read));
        }
        pump();
    };
    if (m_state.isIncremental)
        m_source.changedPage(m_state.since, m_nextCursor, done);
    else
        m_source.listPage(m_nextCursor, done);
}

void ContactSync::storeWaiting()
{
    // Every page waiting goes in one transaction: one durable commit for them all, and the
    // sync's state as after the last of them.
    QList<Store::CrmRecord> records;
    Store::CrmSyncState next = m_state;
    bool isLast = false;
    for (const ContactPage &page : std::as_const(m_waiting)) {
        records.append(page.records);
        next.cursor = page.nextCursor;
        isLast = page.nextCursor.isEmpty();
    }
    m_waiting.clear();
    m_waitingRecords = 0;
    m_storeTimer->stop();
    next.fetched += int(records.size());
    for (const Store::CrmRecord &record : std::as_const(records))
        next.highWater = std::max(next.highWater, record.modifiedAt);
    if (isLast) {
        // The next pass reads what changed since this one began.
        next.finishedAt = nowMs();
        next.since = std::max<qint64>(0, m_state.startedAt - kSlackMs);
        next.cursor.clear();
    }
    const int count = int(records.size());
    m_isStoring = true;
    onFinished(this,
               Store::AsyncStore<Store::ContactStore>(m_database)
                   .call(&Store::ContactStore::storePage, m_tenant, m_source.platform(), records, next),
               [this, next, count, isLast, run = m_run](Status stored) {
                   m_isStoring = false;
                   if (run != m_run)
                       return pump(); // an ended run's last write: the run begun since goes on
                   if (!stored)
                       return stop(stored);
                   m_state = next;
                   m_fetchedThisRun += count;
                   emit progressed(progressNow());
                   if (isLast)
                       return stop(ok());
                   pump();
               });
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
    m_waiting.clear();
    m_waitingRecords = 0;
    m_storeTimer->stop();
    m_failure.reset();
    m_hasFetchedAll = false;
    emit finished(status);
}

} // namespace Sb::Crm
