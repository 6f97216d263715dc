#pragma once

#include "ringcentralaccount.h"
#include "ringcentraltextsync.h"

#include <core/common/result.h>
#include <core/store/messagerecord.h>
#include <core/store/tenantscope.h>

#include <QObject>

#include <functional>
#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Providers::RingCentral {

// A staff member texting from their own RingCentral number (the one they chose to text from):
// the text goes out as them, is in their line's conversation as soon as RingCentral accepts it
// (queued), and its delivery is followed: their texts are synced a few times over the next
// minutes until it is delivered or failed (serve's notifications do the same when it runs).
// bringIn() syncs what arrived meanwhile. Store work on store threads; callbacks on this
// object's thread, never once it is gone.
class RingCentralMessenger final : public QObject
{
    Q_OBJECT

public:
    RingCentralMessenger(std::shared_ptr<Store::Database> database,
                         Net::HttpClient &http,
                         OAuth::AccessTokens &tokens,
                         Store::TenantScope tenant,
                         StaffId staff,
                         QUrl platform,
                         QObject *parent = nullptr);

    void send(const QString &toE164, const QString &body, std::function<void(Result<Store::MessageRecord>)> done);
    // Syncs the staff member's texts; runs again once if asked while running.
    void bringIn(std::function<void(Result<QList<Store::MessageRecord>>)> done = {});
    // After a send, syncs this long after it (then stops: a text not final by then is left to
    // the next sync).
    static QList<std::chrono::milliseconds> followSteps();
    void setFollowSteps(QList<std::chrono::milliseconds> steps) { m_steps = std::move(steps); }

private:
    void follow(const QString &providerMessageId, int step);

    std::shared_ptr<Store::Database> m_database;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    RingCentralAccount m_account;
    RingCentralTextSync m_sync;
    bool m_isSyncing = false;
    QList<std::function<void(Result<QList<Store::MessageRecord>>)>> m_waiting; // for the next run
    QList<std::chrono::milliseconds> m_steps = followSteps();
};

} // namespace Sb::Providers::RingCentral
