#include "eventlog.h"

#include <core/store/database.h>
#include <core/store/sqlquery.h>

namespace Sb::Ingest {

using Store::SqlQuery;
using Store::TransactionMode;

namespace {
StoredEvent storedFrom(const SqlQuery &query)
{
    return {query.value(0).toLongLong(),
            query.value(1).toString(),
            query.value(2).toString(),
            query.value(3).toString(),
            query.value(4).toLongLong(),
            query.value(5).toByteArray()};
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
            query.value(8).toByteArray()};
}
} // namespace

EventLog::EventLog(Store::Database &database)
    : m_database(database)
{}

Result<QList<StoredEvent>> EventLog::newest(const Tenancy::TenantScope &tenant, int limit) const
{
    QList<StoredEvent> events;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT id, provider, event_type, event_key, received_at,"
                                      " raw_body FROM webhook_events WHERE tenant_id = :tenant"
                                      " ORDER BY received_at DESC, id DESC LIMIT :limit"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":limit"), limit)
                       .exec();
        while (ran && query.next())
            events.append(storedFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return events;
}

Result<StoredEvent> EventLog::event(const Tenancy::TenantScope &tenant, qint64 id) const
{
    std::optional<StoredEvent> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT id, provider, event_type, event_key, received_at,"
                                      " raw_body FROM webhook_events WHERE tenant_id = :tenant"
                                      " AND id = :id"));
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

Result<QList<QuarantineEntry>> EventLog::quarantined(bool includeReplayed, int limit) const
{
    QList<QuarantineEntry> entries;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       includeReplayed
                           ? QStringLiteral("SELECT id, provider, endpoint, public_url, reason,"
                                            " received_at, COALESCE(replayed_tenant_id, 0),"
                                            " headers_json, raw_body FROM quarantine"
                                            " ORDER BY received_at, id LIMIT :limit")
                           : QStringLiteral("SELECT id, provider, endpoint, public_url, reason,"
                                            " received_at, COALESCE(replayed_tenant_id, 0),"
                                            " headers_json, raw_body FROM quarantine"
                                            " WHERE replayed_at IS NULL"
                                            " ORDER BY received_at, id LIMIT :limit"));
        auto ran = query.bind(QStringLiteral(":limit"), limit).exec();
        while (ran && query.next())
            entries.append(quarantinedFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return entries;
}

Result<QuarantineEntry> EventLog::quarantineEntry(qint64 id) const
{
    std::optional<QuarantineEntry> found;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT id, provider, endpoint, public_url, reason,"
                                      " received_at, COALESCE(replayed_tenant_id, 0),"
                                      " headers_json, raw_body FROM quarantine WHERE id = :id"));
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

} // namespace Sb::Ingest
