#include "tenantstore.h"

#include <core/common/excerpt.h>

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Sb::Store {

namespace {
const QString kAllTenants =
    QStringLiteral("SELECT id, name, display_name, created_at FROM tenants ORDER BY name");
const QString kTenantById =
    QStringLiteral("SELECT id, name, display_name, created_at FROM tenants WHERE id = :key");
const QString kTenantByName =
    QStringLiteral("SELECT id, name, display_name, created_at FROM tenants WHERE name = :key");

Tenant tenantFrom(const SqlQuery &query)
{
    return Tenant{TenantId(query.value(0).toLongLong()),
                  query.value(1).toString(),
                  query.value(2).toString(),
                  query.value(3).toLongLong()};
}
} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Owner:
        return QStringLiteral("owner");
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Staff:
        break;
    }
    return QStringLiteral("staff");
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role role : {Role::Owner, Role::Admin, Role::Staff}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

TenantStore::TenantStore(Store::Database &database)
    : m_database(database)
{}

Status TenantStore::validateName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    static const QRegularExpression digitsOnly(QStringLiteral("^[0-9]+$"));
    if (!pattern.match(name).hasMatch() || digitsOnly.match(name).hasMatch()) {
        return Error{ErrorCode::InvalidArgument,
                     tr("Tenant name '%1' is not valid: use 1-64 lowercase letters, digits and "
                        "dashes, with at least one letter")
                         .arg(excerpt(name))};
    }
    return ok();
}

Result<Tenant> TenantStore::add(const QString &name, const QString &displayName)
{
    if (auto valid = validateName(name); !valid)
        return valid.error();
    Tenant tenant{
        {}, name, displayName.isEmpty() ? name : displayName, QDateTime::currentMSecsSinceEpoch()};
    auto status = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        InsertQuery insert(db,
                           QStringLiteral("INSERT INTO tenants (name, display_name, created_at)"
                                          " VALUES (:name, :display, :at)"));
        auto id = insert.bind(QStringLiteral(":name"), tenant.name)
                      .bind(QStringLiteral(":display"), tenant.displayName)
                      .bind(QStringLiteral(":at"), tenant.createdAt)
                      .execForId();
        if (!id)
            return Status(id.error());
        tenant.id = TenantId(*id);
        return ok();
    });
    if (!status) {
        if (status.error().code == ErrorCode::AlreadyExists)
            return Error{ErrorCode::AlreadyExists,
                         tr("A tenant named '%1' already exists").arg(name)};
        return status.error();
    }
    return tenant;
}

Result<QList<Tenant>> TenantStore::list()
{
    QList<Tenant> tenants;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, kAllTenants);
        if (auto ran = query.exec(); !ran)
            return ran;
        while (query.next())
            tenants.append(tenantFrom(query));
        return ok();
    });
    if (!status)
        return status.error();
    return tenants;
}

Result<Tenant> TenantStore::find(const QString &idOrName)
{
    bool isNumber = false;
    const qint64 id = idOrName.toLongLong(&isNumber);
    std::optional<Tenant> found;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, isNumber ? kTenantById : kTenantByName);
        query.bind(QStringLiteral(":key"), isNumber ? QVariant(id) : QVariant(idOrName));
        if (auto ran = query.exec(); !ran)
            return ran;
        if (query.next())
            found = tenantFrom(query);
        return ok();
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::UnknownTenant, tr("No tenant '%1'").arg(excerpt(idOrName))};
    return *found;
}

} // namespace Sb::Store
