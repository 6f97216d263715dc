#pragma once

#include "contactsource.h"

#include <core/store/contactstore.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Crm {

// Where a sync is, for a progress bar or the CLI's line.
struct SyncProgress
{
    int fetched = 0; // records stored by the pass under way (before this run too)
    int estimatedTotal = 0; // 0: unknown
    int fetchedThisRun = 0;
    qint64 elapsedMs = 0; // this run's
    bool isIncremental = false;
    // Time left at this run's pace; -1 when it cannot be said yet.
    qint64 remainingMs() const;
};

// Brings one CRM's contacts of one tenant into the unified contacts. The first pass reads
// every record; later passes read what changed since the last pass began (a minute of slack
// for the CRM's own lag). Each page is stored together with where the sync stands, so a run
// stopped anywhere (a crash, a closed laptop, the CRM down) goes on from the last page stored
// when started again, and a page read twice changes nothing. Pages are read while others are
// stored (the CRM and the store work at once); the next page is asked for before a page's
// numbers are normalised. What came meanwhile is stored in one transaction once it is a
// couple of thousand records, the last page, or a second old: each transaction rewrites the
// index pages it touches, so a hundred records a commit cost a first sync a third of its time
// (docs/benchmarks.md), and a crash loses at most that much reading, never a stored page.
// One run at a time per object.
class ContactSync final : public QObject
{
    Q_OBJECT

public:
    ContactSync(std::shared_ptr<Store::Database> database,
                Store::TenantScope tenant,
                ContactSource &source,
                QObject *parent = nullptr);

    void start();
    bool isRunning() const { return m_isRunning; }

signals:
    void progressed(const Sb::Crm::SyncProgress &progress);
    // The run is over: ok, or why it stopped (the next start goes on from there).
    void finished(const Sb::Status &status);

private:
    void begin(std::optional<Store::CrmSyncState> stored);
    void pump(); // reads and stores what can be, or ends the run
    void fetch();
    void keep(ContactPage page);
    bool isWorthAStore() const;
    void storeWaiting();
    void stop(const Status &status);
    SyncProgress progressNow() const;

    std::shared_ptr<Store::Database> m_database;
    Store::TenantScope m_tenant;
    ContactSource &m_source;
    Store::CrmSyncState m_state;
    QElapsedTimer m_clock;
    int m_fetchedThisRun = 0;
    bool m_isRunning = false;
    bool m_isStoring = false;
    bool m_isFetching = false;
    bool m_hasFetchedAll = false; // the last page has come
    QString m_nextCursor; // of the next page to read
    QList<ContactPage> m_waiting; // read, not stored yet
    int m_waitingRecords = 0;
    QElapsedTimer m_waitingSince; // the oldest page not stored yet came
    QTimer *m_storeTimer; // stores what waits once it is a second old
    std::optional<Error> m_failure; // a read that failed: the run ends once the rest is stored
    static constexpr int kRecordsATransaction = 2000;
    static constexpr int kMostWaitingRecords = 4000; // then reading pauses for the store
    static constexpr int kLongestWaitMs = 1000;
    quint64 m_run = 0; // answers of an ended run are not this one's
    bool m_hasBegun = false; // this run has read where the sync stands
    bool m_hasRestarted = false; // this run's pass started again once (an expired cursor)
};

} // namespace Sb::Crm

Q_DECLARE_METATYPE(Sb::Crm::SyncProgress)
