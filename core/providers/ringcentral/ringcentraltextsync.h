#pragma once

#include "ringcentralaccount.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QObject>

#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Providers::RingCentral {

// A staff member's RingCentral texts into the tenant's messages, as texts of their own line:
// the ones that arrived and the ones whose delivery changed since the last run (RingCentral's
// message sync token, kept with the user), the first time those of the last firstSyncDays
// days. Run when a notification says their message store changed, after a send, and by hand.
// Each text once (its RingCentral id); a status only moves forward (MessageMerge). The texts
// are stored before the token: a run cut between them repeats, never skips. A token RingCentral
// no longer accepts starts a full sync again. Store work on store threads; done on this
// object's thread.
class RingCentralTextSync final : public QObject
{
    Q_OBJECT

public:
    RingCentralTextSync(std::shared_ptr<Store::Database> database,
                        RingCentralAccount &account,
                        Store::TenantScope tenant,
                        StaffId staff,
                        QObject *parent = nullptr);

    void setFirstSyncDays(int days) { m_firstSyncDays = days; }
    // The texts RingCentral listed (new or changed), as they were applied.
    void run(std::function<void(Result<QList<Store::MessageRecord>>)> done);

private:
    void fetch(const QString &token);
    void finish(Result<QList<Store::MessageRecord>> result);

    std::shared_ptr<Store::Database> m_database;
    RingCentralAccount &m_account;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    int m_firstSyncDays = 30;
    bool m_startedAfresh = false;
    std::function<void(Result<QList<Store::MessageRecord>>)> m_done;
};

} // namespace Sb::Providers::RingCentral
