#include "quarantinestore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

QuarantineStore::QuarantineStore(Database &database)
    : m_database(database)
{}

Status QuarantineStore::keep(const QuarantinedEvent &event)
{
    // An empty QByteArray binds as NULL; the column wants bytes, even none.
    const QByteArray body = event.rawBody.isNull() ? QByteArray("") : event.rawBody;
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("INSERT INTO quarantine (provider, endpoint, public_url,"
                                       " reason, headers_json, raw_body, received_at, verified)"
                                       " VALUES (:provider, :endpoint, :url, :reason, :headers,"
                                       " :body, :at, :verified)"))
            .bind(QStringLiteral(":provider"), event.provider)
            .bind(QStringLiteral(":endpoint"), event.endpoint)
            .bind(QStringLiteral(":url"), text(event.publicUrl))
            .bind(QStringLiteral(":reason"), event.reason)
            .bind(QStringLiteral(":headers"), text(QString::fromUtf8(event.headersJson)))
            .bind(QStringLiteral(":body"), body)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .bind(QStringLiteral(":verified"), event.isVerified)
            .exec();
    });
}

qint64 QuarantineStore::costOf(const QuarantinedEvent &event)
{
    return event.rawBody.size() + event.headersJson.size() + kRowOverhead;
}

Result<qint64> QuarantineStore::usage()
{
    qint64 bytes = 0;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        // PostgreSQL: the ingest role may not read the quarantine, only learn its size.
        SqlQuery query(db,
                       m_database.backend() == Backend::Postgres
                           ? QStringLiteral("SELECT sb_quarantine_usage()")
                           : QStringLiteral("SELECT COALESCE(SUM(length(raw_body)"
                                            " + length(headers_json) + 512), 0)"
                                            " FROM quarantine WHERE NOT verified"));
        auto ran = query.exec();
        if (ran && query.next())
            bytes = query.value(0).toLongLong();
        return ran;
    });
    if (!status)
        return status.error();
    return bytes;
}

Result<QuarantineStore::Purged> QuarantineStore::purge(bool includeVerified, qint64 beforeId)
{
    QString where = includeVerified
        ? QStringLiteral(" WHERE 1 = 1")
        : QStringLiteral(" WHERE (NOT verified OR replayed_at IS NOT NULL)");
    if (beforeId > 0)
        where += QStringLiteral(" AND id < :before");
    Purged purged;
    auto status = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        SqlQuery measure(db,
                         QStringLiteral("SELECT COUNT(*), COALESCE(SUM(LENGTH(raw_body)"
                                        " + LENGTH(headers_json)), 0) FROM quarantine")
                             + where);
        if (beforeId > 0)
            measure.bind(QStringLiteral(":before"), beforeId);
        auto measured = measure.exec();
        if (!measured)
            return measured;
        if (measure.next()) {
            purged.rows = measure.value(0).toInt();
            purged.bytes = measure.value(1).toLongLong();
        }
        SqlQuery remove(db, QStringLiteral("DELETE FROM quarantine") + where);
        if (beforeId > 0)
            remove.bind(QStringLiteral(":before"), beforeId);
        return remove.exec();
    });
    if (!status)
        return status.error();
    return purged;
}

Status QuarantineStore::notice(const QString &action, const QString &detail)
{
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("INSERT INTO audit_log (tenant_id, actor, action, detail,"
                                       " created_at) VALUES (NULL, 'ingest', :action, :detail,"
                                       " :at)"))
            .bind(QStringLiteral(":action"), action)
            .bind(QStringLiteral(":detail"), detail)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
}

Status QuarantineStore::markPlaced(qint64 id, TenantId tenant)
{
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("UPDATE quarantine SET replayed_at = :at,"
                                       " replayed_tenant_id = :tenant WHERE id = :id"))
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .bind(QStringLiteral(":tenant"), tenant.value())
            .bind(QStringLiteral(":id"), id)
            .exec();
    });
}

Status QuarantineStore::setReason(qint64 id, const QString &reason)
{
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db, QStringLiteral("UPDATE quarantine SET reason = :reason WHERE id = :id"))
            .bind(QStringLiteral(":reason"), reason)
            .bind(QStringLiteral(":id"), id)
            .exec();
    });
}

} // namespace Sb::Store
