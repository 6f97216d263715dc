#include "envelopestore.h"

#include "database.h"
#include "oauthappstore.h"
#include "oauthgrantstore.h"
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
            db,
            QStringLiteral("SELECT key_id, COUNT(*) FROM (SELECT key_id FROM sealed_secrets"
                           " UNION ALL SELECT key_id FROM oauth_grants"
                           " UNION ALL SELECT key_id FROM oauth_apps) AS sealed GROUP BY key_id"));
        auto ran = query.exec();
        while (ran && query.next())
            counts.insert(query.value(0).toString(), query.value(1).toInt());
        return ran;
    });
    if (!status)
        return status.error();
    return counts;
}

namespace {
// Every sealed envelope, with the binding it was sealed under. A grant's record and purpose
// and an app's follow from their columns (GrantKey, AppOwner), as when they were sealed.
// On PostgreSQL the rows stay locked until the rotation commits: a token refreshed meanwhile by
// another process waits, rather than being overwritten by its resealed predecessor.
Result<QList<SealedEnvelope>> allEnvelopes(QSqlDatabase &db, Backend backend)
{
    const QString locked = backend == Backend::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
    QList<SealedEnvelope> all;
    SqlQuery secrets(db, QStringLiteral("SELECT id, tenant_id, record, purpose, envelope FROM sealed_secrets ORDER BY id") + locked);
    if (auto ran = secrets.exec(); !ran)
        return ran.error();
    while (secrets.next()) {
        all.append({SealedEnvelope::Table::Secrets,
                    secrets.value(0).toLongLong(),
                    TenantId(secrets.value(1).toLongLong()),
                    secrets.value(2).toString(),
                    secrets.value(3).toString(),
                    secrets.value(4).toByteArray()});
    }
    SqlQuery grants(db,
                    QStringLiteral("SELECT id, tenant_id, provider, owner_staff_id, envelope FROM oauth_grants ORDER BY id")
                        + locked);
    if (auto ran = grants.exec(); !ran)
        return ran.error();
    while (grants.next()) {
        const GrantKey key{grants.value(2).toString(), StaffId(grants.value(3).toLongLong())};
        all.append({SealedEnvelope::Table::Grants,
                    grants.value(0).toLongLong(),
                    TenantId(grants.value(1).toLongLong()),
                    key.record(),
                    GrantKey::sealPurpose(),
                    grants.value(4).toByteArray()});
    }
    SqlQuery apps(db,
                  QStringLiteral("SELECT id, tenant_id, provider, owner_staff_id, envelope FROM oauth_apps ORDER BY id")
                      + locked);
    if (auto ran = apps.exec(); !ran)
        return ran.error();
    while (apps.next()) {
        const qint64 staff = apps.value(3).toLongLong();
        const AppOwner owner = staff == 0 ? AppOwner::tenant() : AppOwner::user(StaffId(staff));
        all.append({SealedEnvelope::Table::Apps,
                    apps.value(0).toLongLong(),
                    TenantId(apps.value(1).toLongLong()), // 0: the installation's
                    owner.record(apps.value(2).toString()),
                    AppOwner::sealPurpose(),
                    apps.value(4).toByteArray()});
    }
    return all;
}

QString tableName(SealedEnvelope::Table table)
{
    switch (table) {
    case SealedEnvelope::Table::Secrets:
        return QStringLiteral("sealed_secrets");
    case SealedEnvelope::Table::Grants:
        return QStringLiteral("oauth_grants");
    case SealedEnvelope::Table::Apps:
        return QStringLiteral("oauth_apps");
    }
    return {};
}
} // namespace

Result<int> EnvelopeStore::resealAll(const QString &newKeyId, const Reseal &reseal)
{
    int resealed = 0;
    auto status = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        auto all = allEnvelopes(db, m_database.backend());
        if (!all)
            return Status(all.error());
        for (const SealedEnvelope &row : std::as_const(*all)) {
            auto envelope = reseal(row);
            if (!envelope)
                return Status(envelope.error());
            auto updated = SqlQuery(db,
                                    QStringLiteral("UPDATE ") + tableName(row.table)
                                        + QStringLiteral(" SET key_id = :key, envelope = :envelope WHERE id = :id"))
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
