#include "ringcentralringout.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/store/ringcentraluserstore.h>

namespace Sb::Providers::RingCentral {

RingCentralRingOut::RingCentralRingOut(std::shared_ptr<Store::Database> database,
                                       RingCentralAccount &account,
                                       Store::TenantScope tenant,
                                       StaffId staff,
                                       QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_account(account)
    , m_tenant(std::move(tenant))
    , m_staff(staff)
{
    // RingCentral's status is read, not pushed: every two seconds is live enough for a person
    // waiting for their phone to ring, and far inside the Light group's 50 a minute.
    m_poll.setInterval(std::chrono::seconds(2));
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &RingCentralRingOut::poll);
}

void RingCentralRingOut::place(const QString &toE164, std::function<void(Result<RingOutStatus>)> done)
{
    m_done = std::move(done);
    auto user = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff] {
        return Store::RingCentralUserStore(*database).find(tenant, staff);
    });
    onFinished(this, std::move(user), [this, toE164](Result<std::optional<Store::RingCentralUser>> user) {
        if (!user)
            return finish(user.error());
        if (!*user)
            return finish(Error{ErrorCode::NotFound, tr("Connect your RingCentral account first.")});
        const QString own = (*user)->callerId;
        if (own.isEmpty()) {
            return finish(Error{ErrorCode::InvalidArgument,
                                tr("Choose the number your calls show first (Connections, RingCentral): RingCentral "
                                   "rings you there, then the other person.")});
        }
        // Guarded: the account outlives this call (a page may drop it while RingCentral answers).
        m_account.ringOut(own, toE164, own, whileAlive<Result<RingOutStatus>>(this, [this](Result<RingOutStatus> placed) {
            if (!placed)
                return finish(placed.error());
            m_status = *placed;
            emit changed(m_status);
            if (m_status.isOver())
                return finish(m_status);
            m_isPolling = true;
            m_poll.start();
        }));
    });
}

void RingCentralRingOut::poll()
{
    m_account.ringOutStatus(m_status.id, whileAlive<Result<RingOutStatus>>(this, [this](Result<RingOutStatus> read) {
        if (!m_isPolling)
            return;
        if (!read)
            return finish(read.error());
        const bool moved = read->call != m_status.call || read->caller != m_status.caller || read->callee != m_status.callee;
        m_status = *read;
        if (moved)
            emit changed(m_status);
        if (m_status.isOver())
            return finish(m_status);
        m_poll.start();
    }));
}

void RingCentralRingOut::cancel()
{
    if (m_status.id.isEmpty() || m_status.isOver())
        return;
    m_poll.stop();
    m_account.cancelRingOut(m_status.id, whileAlive<Status>(this, [this](Status cancelled) {
        if (!cancelled)
            return finish(cancelled.error());
        m_status.call = QStringLiteral("Cancelled");
        emit changed(m_status);
        finish(m_status);
    }));
}

void RingCentralRingOut::finish(Result<RingOutStatus> result)
{
    m_isPolling = false;
    m_poll.stop();
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

QString RingCentralRingOut::describe(const RingOutStatus &status)
{
    if (status.call == u"Cancelled")
        return tr("Cancelled");
    if (status.connected())
        return tr("Connected");
    if (!status.isOver())
        return status.caller == u"Success" ? tr("Calling…") : tr("Ringing your phone…");
    if (status.callee == u"NoAnswer" || status.caller == u"NoAnswer")
        return tr("No answer");
    if (status.callee == u"Busy" || status.caller == u"Busy")
        return tr("Busy");
    if (status.callee == u"Rejected" || status.caller == u"Rejected")
        return tr("Declined");
    return tr("Could not connect");
}

} // namespace Sb::Providers::RingCentral
