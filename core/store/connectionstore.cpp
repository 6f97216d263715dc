#include "connectionstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

ConnectionStore::ConnectionStore(Database &database)
    : m_database(database)
{}

Status ConnectionStore::markConnected(const Tenancy::TenantScope &tenant,
                                      const Connection &connection)
{
    // NULL when absent: the update keeps what is there, the insert takes '{}'.
    const QVariant settings = optionalString(connection.settingsJson.value_or(QString()));
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
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

} // namespace Sb::Store
