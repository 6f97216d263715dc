#include "connectionstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

ConnectionStore::ConnectionStore(Database &database)
    : m_database(database)
{}

Status ConnectionStore::markConnected(const Store::TenantScope &tenant,
                                      const Connection &connection)
{
    // NULL when absent: the update keeps what is there, the insert takes '{}'.
    const QVariant settings = optionalString(connection.settingsJson.value_or(QString()));
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // Announced after COMMIT only (forgotten on ROLLBACK).
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        SqlQuery update(db,
                        QStringLiteral("UPDATE connections SET status = 'connected',"
                                       " settings_json = COALESCE(:settings, settings_json),"
                                       " updated_at = :now WHERE tenant_id = :t AND kind = :kind"
                                       " AND provider = :provider AND staff_id IS NULL"
                                       " AND COALESCE(external_account_id, '') = :account"));
        auto updated =
            update.bind(QStringLiteral(":settings"), settings)
                .bind(QStringLiteral(":now"), now)
                .bind(QStringLiteral(":t"), tenant.tenantId().value())
                .bind(QStringLiteral(":kind"), connection.kind)
                .bind(QStringLiteral(":provider"), connection.provider)
                // '' not NULL (a null QString binds as NULL, which equals nothing)
                .bind(QStringLiteral(":account"),
                      connection.externalAccountId.isEmpty() ? QStringLiteral("")
                                                             : connection.externalAccountId)
                .exec();
        if (!updated || update.numRowsAffected() > 0)
            return updated;
        return SqlQuery(db,
                        QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                                       " external_account_id, label, status, settings_json,"
                                       " created_at, updated_at) VALUES (:t, :kind, :provider,"
                                       " :account, :label, 'connected',"
                                       " COALESCE(:settings, '{}'), :now, :now)"))
            .bind(QStringLiteral(":t"), tenant.tenantId().value())
            .bind(QStringLiteral(":kind"), connection.kind)
            .bind(QStringLiteral(":provider"), connection.provider)
            .bind(QStringLiteral(":account"), optionalString(connection.externalAccountId))
            .bind(QStringLiteral(":label"), connection.label)
            .bind(QStringLiteral(":settings"), settings)
            .bind(QStringLiteral(":now"), now)
            .exec();
    });
}

Result<QStringList> ConnectionStore::accountsOf(const Store::TenantScope &tenant,
                                                const QString &provider)
{
    QStringList accounts;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT external_account_id FROM connections"
                                      " WHERE tenant_id = :t AND provider = :provider"
                                      " AND external_account_id IS NOT NULL"
                                      " UNION SELECT provider_account_id FROM phone_numbers"
                                      " WHERE tenant_id = :t AND provider = :provider"
                                      " AND provider_account_id IS NOT NULL"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":provider"), provider)
                       .exec();
        while (ran && query.next()) {
            if (const QString account = query.value(0).toString(); !account.isEmpty())
                accounts.append(account);
        }
        return ran;
    });
    if (!status)
        return status.error();
    return accounts;
}

Result<std::optional<Connection>> ConnectionStore::find(const Store::TenantScope &tenant,
                                                        const QString &provider,
                                                        const QString &accountId,
                                                        const QString &kind) const
{
    std::optional<Connection> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT kind, external_account_id, label, settings_json"
                                      " FROM connections WHERE tenant_id = :t"
                                      " AND kind = :kind AND provider = :provider"
                                      " AND staff_id IS NULL"
                                      " AND (:account = '' OR external_account_id = :account)"
                                      " ORDER BY id LIMIT 1"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":kind"), kind)
                       .bind(QStringLiteral(":provider"), provider)
                       .bind(QStringLiteral(":account"), text(accountId))
                       .exec();
        if (ran && query.next()) {
            found = Connection{query.value(0).toString(),
                               provider,
                               query.value(1).toString(),
                               query.value(2).toString(),
                               query.value(3).toString()};
        }
        return ran;
    });
    if (!status)
        return status.error();
    return found;
}

} // namespace Sb::Store
