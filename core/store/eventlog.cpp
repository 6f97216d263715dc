#include "eventlog.h"

#include "database.h"
#include "sqlquery.h"

namespace Sb::Store {

namespace {
StoredEvent storedFrom(const SqlQuery &query)
{
    return {query.value(0).toLongLong(),
            query.value(1).toString(),
            query.value(2).toString(),
            query.value(3).toString(),
            query.value(4).toLongLong(),
            query.value(5).toByteArray(),
            query.value(6).toByteArray()};
}

QuarantineEntry quarantinedFrom(const SqlQuery &query)
{
    return {query.value(0).toLongLong(),
            query.value(1).toString(),
            query.value(2).toString(),
            query.value(3).toString(),
            query.value(4).toString(),
            query.value(5).toLongLong(),
            query.value(6).toLongLong(),
            query.value(7).toByteArray(),
            query.value(8).toByteArray(),
            query.value(9).toBool()};
}

const QString kQuarantineColumns =
    QStringLiteral("SELECT id, provider, endpoint, public_url, reason, received_at,"
                   " COALESCE(replayed_tenant_id, 0), headers_json, raw_body, verified"
                   " FROM quarantine");
} // namespace

EventLog::EventLog(Store::Database &database)
    : m_database(database)
{}

Result<QList<StoredEvent>>
EventLog::newest(const Store::TenantScope &tenant, int limit, qint64 beforeId) const
{
    QList<StoredEvent> events;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT id, provider, event_type, event_key, received_at,"
                                      " raw_body, headers_json FROM webhook_events"
                                      " WHERE tenant_id = :tenant")
                           + (beforeId > 0 ? Store::keysetBefore(QStringLiteral("webhook_events"),
                                                                 QStringLiteral("received_at"))
                                           : QString())
                           + QStringLiteral(" ORDER BY received_at DESC, id DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":limit"), limit);
        if (beforeId > 0)
            query.bind(QStringLiteral(":before"), beforeId);
        auto ran = query.exec();
        while (ran && query.next())
            events.append(storedFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return events;
}

Result<StoredEvent> EventLog::event(const Store::TenantScope &tenant, qint64 id) const
{
    std::optional<StoredEvent> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT id, provider, event_type, event_key, received_at,"
                                      " raw_body, headers_json FROM webhook_events"
                                      " WHERE tenant_id = :tenant AND id = :id"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), id)
                       .exec();
        if (ran && query.next())
            found = storedFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("No event %1 in this tenant").arg(id)};
    return *found;
}

Result<QList<QuarantineEntry>>
EventLog::quarantined(bool includeReplayed, int limit, qint64 beforeId) const
{
    QString where = includeReplayed ? QStringLiteral(" WHERE 1 = 1")
                                    : QStringLiteral(" WHERE replayed_at IS NULL");
    // The quarantine belongs to no tenant: ids order it (they grow with arrival).
    if (beforeId > 0)
        where += QStringLiteral(" AND id < :before");
    return selectQuarantine(
        where + QStringLiteral(" ORDER BY id DESC LIMIT :limit"),
        {{QStringLiteral(":limit"), limit}, {QStringLiteral(":before"), beforeId}});
}

Result<QList<QuarantineEntry>> EventLog::waitingOldestFirst(int limit) const
{
    return selectQuarantine(
        QStringLiteral(" WHERE replayed_at IS NULL ORDER BY received_at, id LIMIT :limit"),
        {{QStringLiteral(":limit"), limit}});
}

Result<QList<QuarantineEntry>> EventLog::selectQuarantine(const QString &rest,
                                                          const QVariantMap &binds) const
{
    QList<QuarantineEntry> entries;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, kQuarantineColumns + rest);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it) {
            if (rest.contains(it.key()))
                query.bind(it.key(), it.value());
        }
        auto ran = query.exec();
        while (ran && query.next())
            entries.append(quarantinedFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return entries;
}

Result<std::optional<QuarantineNotice>> EventLog::latestQuarantineNotice() const
{
    std::optional<QuarantineNotice> notice;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT action, detail, created_at FROM audit_log"
                                      " WHERE tenant_id IS NULL AND action IN"
                                      " ('quarantine.full', 'quarantine.room')"
                                      " ORDER BY id DESC LIMIT 1"));
        auto ran = query.exec();
        if (ran && query.next())
            notice = QuarantineNotice{
                query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()};
        return ran;
    });
    if (!status)
        return status.error();
    return notice;
}

Result<QuarantineEntry> EventLog::quarantineEntry(qint64 id) const
{
    std::optional<QuarantineEntry> found;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, kQuarantineColumns + QStringLiteral(" WHERE id = :id"));
        auto ran = query.bind(QStringLiteral(":id"), id).exec();
        if (ran && query.next())
            found = quarantinedFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("No quarantined event %1").arg(id)};
    return *found;
}

} // namespace Sb::Store
