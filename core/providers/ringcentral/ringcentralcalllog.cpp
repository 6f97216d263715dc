#include "ringcentralcalllog.h"

#include <core/common/continuation.h>
#include <core/store/callstore.h>
#include <core/store/database.h>
#include <core/store/ringcentraluserstore.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Providers::RingCentral {

namespace {
// The cursor kept with the user: {"from", "newest"} and, while a pass is under way, "next".
QString cursorText(qint64 from, qint64 newest, const QUrl &next)
{
    QJsonObject cursor{{QStringLiteral("from"), from}, {QStringLiteral("newest"), newest}};
    if (!next.isEmpty())
        cursor.insert(QStringLiteral("next"), next.toString(QUrl::FullyEncoded));
    return QString::fromUtf8(QJsonDocument(cursor).toJson(QJsonDocument::Compact));
}
} // namespace

RingCentralCallLogSync::RingCentralCallLogSync(std::shared_ptr<Store::Database> database,
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

void RingCentralCallLogSync::run(std::function<void(Result<CallLogOutcome>)> done)
{
    m_done = std::move(done);
    m_outcome = {};
    auto user = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff] {
        return Store::RingCentralUserStore(*database).find(tenant, staff);
    });
    onFinished(this, std::move(user), [this](Result<std::optional<Store::RingCentralUser>> user) {
        if (!user)
            return finish(user.error());
        if (!*user)
            return finish(Error{ErrorCode::NotFound, tr("This staff member has not connected RingCentral.")});
        const QJsonObject cursor = QJsonDocument::fromJson((*user)->callLogCursor.toUtf8()).object();
        m_pass.newest = cursor.value(u"newest").toInteger();
        const QUrl next(cursor.value(u"next").toString());
        if (!next.isEmpty()) {
            m_pass.from = cursor.value(u"from").toInteger();
            m_outcome.resumed = true;
            return fetch(next);
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_pass.from = m_pass.newest > 0
            ? m_pass.newest - std::chrono::milliseconds(kOverlap).count()
            : now - qint64(m_firstSyncDays) * 86'400'000;
        fetch(m_account.callLogFrom(QDateTime::fromMSecsSinceEpoch(m_pass.from, Qt::UTC)));
    });
}

void RingCentralCallLogSync::fetch(const QUrl &page)
{
    m_account.callLogPage(page, whileAlive<Result<CallLogPage>>(this, [this](Result<CallLogPage> read) {
        if (!read)
            return finish(read.error()); // the cursor still names this page: the next run starts there
        for (const Store::CallLogEntry &entry : std::as_const(read->entries))
            m_pass.newest = std::max(m_pass.newest, entry.startedAt);
        m_outcome.read += int(read->entries.size());
        const QUrl next = read->next;
        const bool isLast = next.isEmpty();
        // The page and where the next one is, in that order: a crash between them repeats a
        // page (each call once), never skips one.
        auto stored = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff,
                                       entries = read->entries, cursor = cursorText(m_pass.from, m_pass.newest, next),
                                       isLast]() -> Result<int> {
            auto added = Store::CallStore(*database).applyLog(tenant, entries);
            if (!added)
                return added.error();
            if (auto saved = Store::RingCentralUserStore(*database)
                                 .saveCallLogCursor(tenant, staff, cursor, isLast ? QDateTime::currentMSecsSinceEpoch() : 0);
                !saved)
                return saved.error();
            return *added;
        });
        onFinished(this, std::move(stored), [this, next](Result<int> added) {
            if (!added)
                return finish(added.error());
            m_outcome.added += *added;
            emit progressed(m_outcome.read, m_outcome.added);
            if (next.isEmpty())
                return finish(m_outcome);
            fetch(next);
        });
    }));
}

void RingCentralCallLogSync::finish(Result<CallLogOutcome> result)
{
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

} // namespace Sb::Providers::RingCentral
