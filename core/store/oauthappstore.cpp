#include "oauthappstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
const QString kColumns = QStringLiteral(
    "provider, tenant_id, owner_staff_id, client_id, redirect_uri, data_centre, key_id, envelope,"
    " updated_by, updated_at");

StoredApp appFrom(const SqlQuery &query)
{
    StoredApp app;
    app.provider = query.value(0).toString();
    const qint64 staff = query.value(2).toLongLong();
    if (query.value(1).isNull())
        app.owner = AppOwner::installation();
    else
        app.owner = staff == 0 ? AppOwner::tenant() : AppOwner::user(StaffId(staff));
    app.clientId = query.value(3).toString();
    app.redirectUri = query.value(4).toString();
    app.dataCentre = query.value(5).toString();
    app.keyId = query.value(6).toString();
    app.envelope = query.value(7).toByteArray();
    app.updatedBy = query.value(8).toString();
    app.updatedAt = query.value(9).toLongLong();
    return app;
}

qint64 ownerColumn(const AppOwner &owner)
{
    return owner.level == AppLevel::User && owner.staff.isValid() ? owner.staff.value() : 0;
}

// The row's place: the installation's has no tenant. Replacing is a delete and an insert in
// one transaction (the unique index is on an expression, which an upsert cannot name on both
// backends alike).
Status replace(QSqlDatabase &db, const std::optional<TenantId> &tenant, const StoredApp &app)
{
    const QString where = tenant ? QStringLiteral(" WHERE tenant_id = :t") : QStringLiteral(" WHERE tenant_id IS NULL");
    SqlQuery removed(db, QStringLiteral("DELETE FROM oauth_apps") + where
                              + QStringLiteral(" AND provider = :provider AND owner_staff_id = :owner"));
    if (tenant)
        removed.bind(QStringLiteral(":t"), tenant->value());
    if (auto ran = removed.bind(QStringLiteral(":provider"), app.provider)
                       .bind(QStringLiteral(":owner"), ownerColumn(app.owner))
                       .exec();
        !ran)
        return ran;
    SqlQuery inserted(db,
                      QStringLiteral("INSERT INTO oauth_apps (tenant_id, owner_staff_id, provider,"
                                     " client_id, redirect_uri, data_centre, key_id, envelope,"
                                     " updated_by, updated_at) VALUES (:t, :owner, :provider,"
                                     " :client, :redirect, :centre, :key, :envelope, :by, :at)"));
    return inserted.bind(QStringLiteral(":t"), tenant ? QVariant(tenant->value()) : QVariant(QMetaType::fromType<qint64>()))
        .bind(QStringLiteral(":owner"), ownerColumn(app.owner))
        .bind(QStringLiteral(":provider"), app.provider)
        .bind(QStringLiteral(":client"), text(app.clientId))
        .bind(QStringLiteral(":redirect"), text(app.redirectUri))
        .bind(QStringLiteral(":centre"), text(app.dataCentre))
        .bind(QStringLiteral(":key"), app.keyId)
        .bind(QStringLiteral(":envelope"), app.envelope)
        .bind(QStringLiteral(":by"), text(app.updatedBy))
        .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
        .exec();
}
} // namespace

QString AppOwner::record(const QString &provider) const
{
    if (level == AppLevel::User)
        return QStringLiteral("oauth-app:%1:staff:%2").arg(provider).arg(staff.value());
    return QStringLiteral("oauth-app:") + provider;
}

OAuthAppStore::OAuthAppStore(Database &database)
    : m_database(database)
{}

Status OAuthAppStore::put(const TenantScope &tenant, const StoredApp &app)
{
    if (app.owner.level == AppLevel::Installation)
        return Error{ErrorCode::InvalidArgument, tr("The installation's app is not a tenant's.")};
    if (app.owner.level == AppLevel::User && !app.owner.staff.isValid())
        return Error{ErrorCode::InvalidArgument, tr("A staff member's app needs the staff member.")};
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        return replace(db, tenant.tenantId(), app);
    });
}

Status OAuthAppStore::putShared(const StoredApp &app)
{
    StoredApp shared = app;
    shared.owner = AppOwner::installation();
    return m_database.adminTransaction(TransactionMode::Write,
                                       [&](QSqlDatabase &db) { return replace(db, std::nullopt, shared); });
}

Result<std::optional<StoredApp>>
OAuthAppStore::find(const TenantScope &tenant, const QString &provider, const AppOwner &owner) const
{
    if (owner.level == AppLevel::Installation)
        return Error{ErrorCode::InvalidArgument, tr("The installation's app is not a tenant's.")};
    std::optional<StoredApp> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM oauth_apps WHERE tenant_id = :t AND provider = :provider"
                                            " AND owner_staff_id = :owner"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":provider"), provider)
                       .bind(QStringLiteral(":owner"), ownerColumn(owner))
                       .exec();
        if (ran && query.next())
            found = appFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    return found;
}

Result<std::optional<StoredApp>> OAuthAppStore::findShared(const QString &provider) const
{
    std::optional<StoredApp> found;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM oauth_apps WHERE tenant_id IS NULL AND provider = :provider"));
        auto ran = query.bind(QStringLiteral(":provider"), provider).exec();
        if (ran && query.next())
            found = appFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    return found;
}

Result<QList<StoredApp>>
OAuthAppStore::candidates(const TenantScope &tenant, const QString &provider, StaffId staff) const
{
    QList<StoredApp> apps;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        // Most specific first: the staff member's own, the tenant's, the installation's.
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM oauth_apps WHERE provider = :provider AND (tenant_id IS NULL"
                                            " OR (tenant_id = :t AND owner_staff_id IN (0, :staff)))"
                                            " ORDER BY CASE WHEN tenant_id IS NULL THEN 2"
                                            " WHEN owner_staff_id = 0 THEN 1 ELSE 0 END"));
        auto ran = query.bind(QStringLiteral(":provider"), provider)
                       .bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":staff"), staff.isValid() ? staff.value() : qint64(0))
                       .exec();
        while (ran && query.next())
            apps.append(appFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return apps;
}

Result<QList<StoredApp>> OAuthAppStore::list(const TenantScope &tenant) const
{
    QList<StoredApp> apps;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM oauth_apps WHERE tenant_id = :t ORDER BY provider, owner_staff_id"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).exec();
        while (ran && query.next())
            apps.append(appFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return apps;
}

Result<bool> OAuthAppStore::remove(const TenantScope &tenant, const QString &provider, const AppOwner &owner)
{
    if (owner.level == AppLevel::Installation)
        return Error{ErrorCode::InvalidArgument, tr("The installation's app is not a tenant's.")};
    bool removed = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        SqlQuery query(db,
                       QStringLiteral("DELETE FROM oauth_apps WHERE tenant_id = :t AND provider = :provider"
                                      " AND owner_staff_id = :owner"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":provider"), provider)
                       .bind(QStringLiteral(":owner"), ownerColumn(owner))
                       .exec();
        removed = ran && query.numRowsAffected() > 0;
        return ran;
    });
    if (!status)
        return status.error();
    return removed;
}

Result<bool> OAuthAppStore::removeShared(const QString &provider)
{
    bool removed = false;
    auto status = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        SqlQuery query(db, QStringLiteral("DELETE FROM oauth_apps WHERE tenant_id IS NULL AND provider = :provider"));
        auto ran = query.bind(QStringLiteral(":provider"), provider).exec();
        removed = ran && query.numRowsAffected() > 0;
        return ran;
    });
    if (!status)
        return status.error();
    return removed;
}

} // namespace Sb::Store
