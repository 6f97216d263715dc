#include "sealedsecretstore.h"

#include "vaultlog.h"

#include <core/store/database.h>
#include <core/store/sqlquery.h>

#include <QDateTime>

namespace Sb::Vault {

using Store::SqlQuery;
using Store::TransactionMode;

SealedSecretStore::SealedSecretStore(Store::Database &database, const Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

Status SealedSecretStore::put(const Store::TenantScope &tenant,
                              const QString &record,
                              const QString &purpose,
                              const Secret &secret)
{
    auto envelope = m_sealer.seal({tenant.tenantId(), record, purpose}, secret);
    if (!envelope)
        return envelope.error();
    qCDebug(lcVault) << "sealing" << purpose << "of" << record << "for tenant"
                     << tenant.tenantId().value();
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
            .bind(QStringLiteral(":key"), m_sealer.keys().activeKeyId())
            .bind(QStringLiteral(":envelope"), *envelope)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
}

Result<Secret> SealedSecretStore::get(const Store::TenantScope &tenant,
                                      const QString &record,
                                      const QString &purpose) const
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
    if (!envelope) {
        return Error{ErrorCode::SecretMissing,
                     tr("No %1 is stored for %2 in this tenant").arg(purpose, record)};
    }
    return m_sealer.open({tenant.tenantId(), record, purpose}, *envelope);
}

Status SealedSecretStore::remove(const Store::TenantScope &tenant,
                                 const QString &record,
                                 const QString &purpose)
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

} // namespace Sb::Vault
