#include "ringcentraltextsync.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/store/messagestore.h>
#include <core/store/ringcentraluserstore.h>

#include <QDateTime>

namespace Sb::Providers::RingCentral {

RingCentralTextSync::RingCentralTextSync(std::shared_ptr<Store::Database> database,
                                         RingCentralAccount &account,
                                         Store::TenantScope tenant,
                                         StaffId staff,
                                         QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_account(account)
    , m_tenant(std::move(tenant))
    , m_staff(staff)
{}

void RingCentralTextSync::run(std::function<void(Result<QList<Store::MessageRecord>>)> done)
{
    m_done = std::move(done);
    m_startedAfresh = false;
    auto user = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff] {
        return Store::RingCentralUserStore(*database).find(tenant, staff);
    });
    onFinished(this, std::move(user), [this](Result<std::optional<Store::RingCentralUser>> user) {
        if (!user)
            return finish(user.error());
        if (!*user)
            return finish(Error{ErrorCode::NotFound, tr("This staff member has not connected RingCentral.")});
        fetch((*user)->messageCursor);
    });
}

void RingCentralTextSync::fetch(const QString &token)
{
    const QDateTime from = QDateTime::currentDateTimeUtc().addDays(-m_firstSyncDays);
    m_account.syncTexts(token, from, whileAlive<Result<TextSync>>(this, [this, token](Result<TextSync> sync) {
        if (!sync) {
            if (sync.error().code == ErrorCode::InvalidArgument && !token.isEmpty() && !m_startedAfresh) {
                m_startedAfresh = true; // the token was let go of: everything since the date, once
                return fetch({});
            }
            return finish(sync.error());
        }
        auto stored = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff,
                                       sync = *sync]() -> Status {
            if (auto applied = Store::MessageStore(*database).applyAll(tenant, sync.messages); !applied)
                return applied;
            return Store::RingCentralUserStore(*database).saveMessageCursor(tenant, staff, sync.syncToken);
        });
        onFinished(this, std::move(stored), [this, texts = sync->messages](Status stored) {
            if (!stored)
                return finish(stored.error());
            finish(texts);
        });
    }));
}

void RingCentralTextSync::finish(Result<QList<Store::MessageRecord>> result)
{
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

} // namespace Sb::Providers::RingCentral
