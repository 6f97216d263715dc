#pragma once

#include "ringcentralaccount.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Providers::RingCentral {

// One "call from my desk phone" (RingOut) for a staff member: RingCentral rings their own phone
// (the number their calls show, which rings them) and, once they pick up, the other party,
// showing that number. Where it stands is read every pollInterval until it is over; cancel()
// ends it. Store work on a store thread; signals on this object's thread.
class RingCentralRingOut final : public QObject
{
    Q_OBJECT

public:
    RingCentralRingOut(std::shared_ptr<Store::Database> database,
                       RingCentralAccount &account,
                       Store::TenantScope tenant,
                       StaffId staff,
                       QObject *parent = nullptr);

    void setPollInterval(std::chrono::milliseconds interval) { m_poll.setInterval(interval); }
    // `to` as typed or stored (normalised by the caller); done once it is over (connected or
    // not), or failed to start.
    void place(const QString &toE164, std::function<void(Result<RingOutStatus>)> done);
    void cancel();
    const RingOutStatus &status() const { return m_status; }

    // What a status means to the person at the desk: "Ringing your phone…", "Calling…",
    // "Connected", "No answer", "Busy", "Declined", "Could not connect".
    static QString describe(const RingOutStatus &status);

signals:
    void changed(const Sb::Providers::RingCentral::RingOutStatus &status);

private:
    void poll();
    void finish(Result<RingOutStatus> result);

    std::shared_ptr<Store::Database> m_database;
    RingCentralAccount &m_account;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    QTimer m_poll;
    RingOutStatus m_status;
    bool m_isPolling = false;
    std::function<void(Result<RingOutStatus>)> m_done;
};

} // namespace Sb::Providers::RingCentral
