#include "envelopestore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

EnvelopeStore::EnvelopeStore(Database &database)
    : m_database(database)
{}

Status EnvelopeStore::put(const TenantScope &tenant,
                          const QString &record,
                          const QString &purpose,
                          const QString &keyId,
                          const QByteArray &envelope)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral(
                            "INSERT INTO sealed_secrets (tenant_id, record, purpose, key_id,"
                            " envelope, updated_at) VALUES (:tenant, :record, :purpose, :key,"
                            " :envelope, :at) ON CONFLICT (tenant_id, record, purpose) DO UPDATE"
                            " SET key_id = excluded.key_id, envelope = excluded.envelope,"
                            " updated_at = excluded.updated_at"))
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":record"), record)
            .bind(QStringLiteral(":purpose"), purpose)
            .bind(QStringLiteral(":key"), keyId)
            .bind(QStringLiteral(":envelope"), envelope)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
}

Result<std::optional<QByteArray>>
EnvelopeStore::get(const TenantScope &tenant, const QString &record, const QString &purpose) const
{
    std::optional<QByteArray> envelope;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(
            db,
            QStringLiteral("SELECT envelope FROM sealed_secrets WHERE tenant_id = :tenant"
                           " AND record = :record AND purpose = :purpose"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":record"), record)
                       .bind(QStringLiteral(":purpose"), purpose)
                       .exec();
        if (ran && query.next())
            envelope = query.value(0).toByteArray();
        return ran;
    });
    if (!status)
        return status.error();
    return envelope;
}

Status
EnvelopeStore::remove(const TenantScope &tenant, const QString &record, const QString &purpose)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("DELETE FROM sealed_secrets WHERE tenant_id = :tenant"
                                       " AND record = :record AND purpose = :purpose"))
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":record"), record)
            .bind(QStringLiteral(":purpose"), purpose)
            .exec();
    });
}

} // namespace Sb::Store
