#include "ringcentraluserstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
const QString kColumns = QStringLiteral(
    "staff_id, staff_name, account_id, extension_id, extension_name, extension_number,"
    " app_client_id, sms_from, caller_id, call_log_cursor, call_log_synced_at, subscription_id,"
    " subscription_expires_at, connected_at, updated_at, message_cursor");

RingCentralUser userFrom(const SqlQuery &query)
{
    RingCentralUser user;
    user.staff = StaffId(query.value(0).toLongLong());
    user.staffName = query.value(1).toString();
    user.accountId = query.value(2).toString();
    user.extensionId = query.value(3).toString();
    user.extensionName = query.value(4).toString();
    user.extensionNumber = query.value(5).toString();
    user.appClientId = query.value(6).toString();
    user.smsFrom = query.value(7).toString();
    user.callerId = query.value(8).toString();
    user.callLogCursor = query.value(9).toString();
    user.callLogSyncedAt = query.value(10).toLongLong();
    user.subscriptionId = query.value(11).toString();
    user.subscriptionExpiresAt = query.value(12).toLongLong();
    user.connectedAt = query.value(13).toLongLong();
    user.updatedAt = query.value(14).toLongLong();
    user.messageCursor = query.value(15).toString();
    return user;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

RingCentralUserStore::RingCentralUserStore(Database &database)
    : m_database(database)
{}

Status RingCentralUserStore::connect(const TenantScope &tenant, const RingCentralUser &user)
{
    if (!user.staff.isValid() || user.extensionId.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("A RingCentral sign-in needs the staff member and their extension.")};
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        SqlQuery before(db,
                        QStringLiteral("SELECT extension_id FROM ringcentral_users WHERE tenant_id = :t"
                                       " AND staff_id = :staff"));
        auto read = before.bind(QStringLiteral(":t"), tenant.tenantId().value())
                        .bind(QStringLiteral(":staff"), user.staff.value())
                        .exec();
        if (!read)
            return read;
        const bool sameExtension = before.next() && before.value(0).toString() == user.extensionId;
        const qint64 now = nowMs();
        if (sameExtension) {
            return SqlQuery(db,
                            QStringLiteral("UPDATE ringcentral_users SET staff_name = :name, account_id = :account,"
                                           " extension_name = :extName, extension_number = :extNumber,"
                                           " app_client_id = :client, connected_at = :now, updated_at = :now"
                                           " WHERE tenant_id = :t AND staff_id = :staff"))
                .bind(QStringLiteral(":name"), text(user.staffName))
                .bind(QStringLiteral(":account"), text(user.accountId))
                .bind(QStringLiteral(":extName"), text(user.extensionName))
                .bind(QStringLiteral(":extNumber"), text(user.extensionNumber))
                .bind(QStringLiteral(":client"), text(user.appClientId))
                .bind(QStringLiteral(":now"), now)
                .bind(QStringLiteral(":t"), tenant.tenantId().value())
                .bind(QStringLiteral(":staff"), user.staff.value())
                .exec();
        }
        SqlQuery removed(db, QStringLiteral("DELETE FROM ringcentral_users WHERE tenant_id = :t AND staff_id = :staff"));
        if (auto ran = removed.bind(QStringLiteral(":t"), tenant.tenantId().value())
                           .bind(QStringLiteral(":staff"), user.staff.value())
                           .exec();
            !ran)
            return ran;
        auto inserted = SqlQuery(db,
                                 QStringLiteral("INSERT INTO ringcentral_users (tenant_id, staff_id, staff_name,"
                                                " account_id, extension_id, extension_name, extension_number,"
                                                " app_client_id, connected_at, updated_at) VALUES (:t, :staff,"
                                                " :name, :account, :extension, :extName, :extNumber, :client,"
                                                " :now, :now)"))
                            .bind(QStringLiteral(":t"), tenant.tenantId().value())
                            .bind(QStringLiteral(":staff"), user.staff.value())
                            .bind(QStringLiteral(":name"), text(user.staffName))
                            .bind(QStringLiteral(":account"), text(user.accountId))
                            .bind(QStringLiteral(":extension"), user.extensionId)
                            .bind(QStringLiteral(":extName"), text(user.extensionName))
                            .bind(QStringLiteral(":extNumber"), text(user.extensionNumber))
                            .bind(QStringLiteral(":client"), text(user.appClientId))
                            .bind(QStringLiteral(":now"), now)
                            .exec();
        // Another's row is out of a staff login's sight, so the unique index is what says so:
        // PostgreSQL names the index, SQLite the column.
        const auto takenElsewhere = [&] {
            const QString &message = inserted.error().message;
            return message.contains(QStringLiteral("ringcentral_users_extension"))
                   || message.contains(QStringLiteral("ringcentral_users.extension_id"));
        };
        if (!inserted && takenElsewhere()) {
            return Error{ErrorCode::AlreadyExists,
                         tr("RingCentral extension %1 is already connected to Switchboard by someone else: that "
                            "connection must be reset first.")
                             .arg(user.extensionId)};
        }
        return inserted;
    });
}

Result<std::optional<RingCentralUser>> RingCentralUserStore::find(const TenantScope &tenant, StaffId staff) const
{
    return findWhere(tenant, QStringLiteral("staff_id = :key"), staff.value());
}

Result<std::optional<RingCentralUser>> RingCentralUserStore::findByExtension(const TenantScope &tenant,
                                                                             const QString &extensionId) const
{
    return findWhere(tenant, QStringLiteral("extension_id = :key"), extensionId);
}

Result<std::optional<RingCentralUser>> RingCentralUserStore::findWhere(const TenantScope &tenant,
                                                                       const QString &condition,
                                                                       const QVariant &key) const
{
    std::optional<RingCentralUser> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM ringcentral_users WHERE tenant_id = :t AND ") + condition);
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).bind(QStringLiteral(":key"), key).exec();
        if (ran && query.next())
            found = userFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    return found;
}

Result<QList<RingCentralLine>> RingCentralUserStore::lines() const
{
    QList<RingCentralLine> lines;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       m_database.backend() == Backend::Postgres
                           ? QStringLiteral("SELECT tenant_id, staff_id, subscription_expires_at FROM sb_ringcentral_lines()")
                           : QStringLiteral("SELECT tenant_id, staff_id, subscription_expires_at FROM ringcentral_users"
                                            " ORDER BY subscription_expires_at, tenant_id, staff_id"));
        auto ran = query.exec();
        while (ran && query.next())
            lines.append({TenantId(query.value(0).toLongLong()), StaffId(query.value(1).toLongLong()),
                          query.value(2).toLongLong()});
        return ran;
    });
    if (!status)
        return status.error();
    return lines;
}

Result<QList<RingCentralUser>> RingCentralUserStore::list(const TenantScope &tenant) const
{
    QList<RingCentralUser> users;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM ringcentral_users WHERE tenant_id = :t ORDER BY staff_name, staff_id"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).exec();
        while (ran && query.next())
            users.append(userFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return users;
}

Status RingCentralUserStore::update(const TenantScope &tenant,
                                    StaffId staff,
                                    const QString &assignments,
                                    const QVariantMap &binds)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        SqlQuery query(db,
                       QStringLiteral("UPDATE ringcentral_users SET ") + assignments
                           + QStringLiteral(", updated_at = :now WHERE tenant_id = :t AND staff_id = :staff"));
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            query.bind(it.key(), it.value());
        auto ran = query.bind(QStringLiteral(":now"), nowMs())
                       .bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":staff"), staff.value())
                       .exec();
        if (ran && query.numRowsAffected() == 0)
            return Error{ErrorCode::NotFound, tr("That staff member has not connected RingCentral.")};
        return ran;
    });
}

Status RingCentralUserStore::chooseNumbers(const TenantScope &tenant,
                                           StaffId staff,
                                           const QString &smsFrom,
                                           const QString &callerId)
{
    return update(tenant,
                  staff,
                  QStringLiteral("sms_from = :sms, caller_id = :caller"),
                  {{QStringLiteral(":sms"), text(smsFrom)}, {QStringLiteral(":caller"), text(callerId)}});
}

Status RingCentralUserStore::saveCallLogCursor(const TenantScope &tenant,
                                               StaffId staff,
                                               const QString &cursor,
                                               qint64 syncedAt)
{
    // syncedAt 0: a pass under way (the time of the last finished one stays).
    return update(tenant,
                  staff,
                  QStringLiteral("call_log_cursor = :cursor, call_log_synced_at = CASE WHEN CAST(:synced AS BIGINT) > 0"
                                 " THEN CAST(:synced AS BIGINT) ELSE call_log_synced_at END"),
                  {{QStringLiteral(":cursor"), text(cursor)}, {QStringLiteral(":synced"), syncedAt}});
}

Status RingCentralUserStore::saveMessageCursor(const TenantScope &tenant, StaffId staff, const QString &cursor)
{
    return update(tenant, staff, QStringLiteral("message_cursor = :cursor"), {{QStringLiteral(":cursor"), text(cursor)}});
}

Status RingCentralUserStore::saveSubscription(const TenantScope &tenant, StaffId staff, const QString &id, qint64 expiresAt)
{
    return update(tenant,
                  staff,
                  QStringLiteral("subscription_id = :id, subscription_expires_at = :expires"),
                  {{QStringLiteral(":id"), text(id)}, {QStringLiteral(":expires"), expiresAt}});
}

Result<bool> RingCentralUserStore::reset(const TenantScope &tenant, StaffId staff)
{
    bool removed = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        if (m_database.backend() == Backend::Postgres) {
            SqlQuery reset(db, QStringLiteral("SELECT sb_reset_ringcentral_user(:t, :staff)"));
            auto ran = reset.bind(QStringLiteral(":t"), tenant.tenantId().value())
                           .bind(QStringLiteral(":staff"), staff.value())
                           .exec();
            removed = ran && reset.next() && reset.value(0).toBool();
            return ran;
        }
        int rows = 0;
        for (const QString &sql : {QStringLiteral("DELETE FROM oauth_grants WHERE tenant_id = :t AND provider = 'ringcentral'"
                                                  " AND owner_staff_id = :staff"),
                                   QStringLiteral("DELETE FROM ringcentral_users WHERE tenant_id = :t AND staff_id = :staff")}) {
            SqlQuery query(db, sql);
            auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                           .bind(QStringLiteral(":staff"), staff.value())
                           .exec();
            if (!ran)
                return ran;
            rows += query.numRowsAffected();
        }
        removed = rows > 0;
        return ok();
    });
    if (!status)
        return status.error();
    return removed;
}

} // namespace Sb::Store
