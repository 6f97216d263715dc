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

Result<std::optional<VaultRecord>> EnvelopeStore::vault() const
{
    std::optional<VaultRecord> vault;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, QStringLiteral("SELECT vault_id, active_key_id FROM vault_state"));
        auto ran = query.exec();
        if (ran && query.next())
            vault = VaultRecord{query.value(0).toString(), query.value(1).toString()};
        return ran;
    });
    if (!status)
        return status.error();
    return vault;
}

Status EnvelopeStore::createVault(const VaultRecord &vault)
{
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("INSERT INTO vault_state (id, vault_id, active_key_id,"
                                       " created_at) VALUES (1, :vault, :key, :at)"))
            .bind(QStringLiteral(":vault"), vault.vaultId)
            .bind(QStringLiteral(":key"), vault.activeKeyId)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
}

Result<QHash<QString, int>> EnvelopeStore::countByKey() const
{
    QHash<QString, int> counts;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(
            db, QStringLiteral("SELECT key_id, COUNT(*) FROM sealed_secrets GROUP BY key_id"));
        auto ran = query.exec();
        while (ran && query.next())
            counts.insert(query.value(0).toString(), query.value(1).toInt());
        return ran;
    });
    if (!status)
        return status.error();
    return counts;
}

Result<int> EnvelopeStore::resealAll(const QString &newKeyId, const Reseal &reseal)
{
    int resealed = 0;
    auto status = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        SqlQuery rows(db,
                      QStringLiteral("SELECT id, tenant_id, record, purpose, envelope"
                                     " FROM sealed_secrets ORDER BY id"));
        if (auto ran = rows.exec(); !ran)
            return ran;
        QList<SealedEnvelope> all;
        while (rows.next()) {
            all.append({rows.value(0).toLongLong(),
                        TenantId(rows.value(1).toLongLong()),
                        rows.value(2).toString(),
                        rows.value(3).toString(),
                        rows.value(4).toByteArray()});
        }
        for (const SealedEnvelope &row : std::as_const(all)) {
            auto envelope = reseal(row);
            if (!envelope)
                return Status(envelope.error());
            auto updated = SqlQuery(db,
                                    QStringLiteral("UPDATE sealed_secrets SET key_id = :key,"
                                                   " envelope = :envelope WHERE id = :id"))
                               .bind(QStringLiteral(":key"), newKeyId)
                               .bind(QStringLiteral(":envelope"), *envelope)
                               .bind(QStringLiteral(":id"), row.id)
                               .exec();
            if (!updated)
                return updated;
            ++resealed;
        }
        return SqlQuery(db,
                        QStringLiteral("UPDATE vault_state SET active_key_id = :key,"
                                       " rotated_at = :at WHERE id = 1"))
            .bind(QStringLiteral(":key"), newKeyId)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
    if (!status)
        return status.error();
    return resealed;
}

} // namespace Sb::Store
