#pragma once

#include "ringcentralaccount.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Providers::RingCentral {

struct CallLogOutcome
{
    int read = 0; // entries RingCentral listed
    int added = 0; // calls new to the tenant's call log
    bool resumed = false; // went on from a pass that had stopped midway
};

// A staff member's RingCentral call log into the tenant's calls, as calls of their own line.
// The first time the last `firstSyncDays` days, then what started since the newest call seen
// (less an overlap: a call is logged once it is over). Page by page, newest first, each page
// stored with where the next one is: a sync stopped midway (RingCentral down, the program
// closed) goes on from that page the next time. Each call once (the call log's own id); pages
// that shift while new calls arrive only repeat entries, never skip one. Store work on store
// threads; done on this object's thread.
class RingCentralCallLogSync final : public QObject
{
    Q_OBJECT

public:
    RingCentralCallLogSync(std::shared_ptr<Store::Database> database,
                           RingCentralAccount &account,
                           Store::TenantScope tenant,
                           StaffId staff,
                           QObject *parent = nullptr);

    void setFirstSyncDays(int days) { m_firstSyncDays = days; }
    void run(std::function<void(Result<CallLogOutcome>)> done);

    static constexpr std::chrono::hours kOverlap{2};

signals:
    void progressed(int read, int added);

private:
    struct Pass
    {
        qint64 from = 0; // the dateFrom of the pass, epoch ms
        qint64 newest = 0; // the newest call start stored so far
    };
    void fetch(const QUrl &page);
    void finish(Result<CallLogOutcome> result);

    std::shared_ptr<Store::Database> m_database;
    RingCentralAccount &m_account;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    int m_firstSyncDays = 30;
    Pass m_pass;
    CallLogOutcome m_outcome;
    std::function<void(Result<CallLogOutcome>)> m_done;
};

} // namespace Sb::Providers::RingCentral
