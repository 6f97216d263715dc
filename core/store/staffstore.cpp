#include "staffstore.h"

#include <core/common/excerpt.h>

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Sb::Store {

using Store::Backend;

StaffStore::StaffStore(Store::Database &database)
    : m_database(database)
{}

Status StaffStore::validateName(const QString &name)
{
    // Also a PostgreSQL login name: keep it to a portable, unquoted-safe set.
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_.-]{0,62}$"));
    if (!pattern.match(name).hasMatch()) {
        return Error{ErrorCode::InvalidArgument,
                     tr("Staff name '%1' is not valid: use up to 63 lowercase letters, digits, "
                        "'_', '.' and '-', starting with a letter")
                         .arg(excerpt(name))};
    }
    return ok();
}

Result<StaffMember> StaffStore::find(const QString &name)
{
    std::optional<StaffMember> found;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT id, name, display_name, COALESCE(pg_login, '')"
                                      " FROM staff WHERE name = :name"));
        if (auto ran = query.bind(QStringLiteral(":name"), name).exec(); !ran)
            return ran;
        if (query.next()) {
            found = StaffMember{StaffId(query.value(0).toLongLong()),
                                query.value(1).toString(),
                                query.value(2).toString(),
                                query.value(3).toString()};
        }
        return ok();
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("No staff member '%1'").arg(excerpt(name))};
    return *found;
}

Result<StaffMember> StaffStore::addToTenant(const QString &name, const Tenant &tenant, Role role)
{
    if (auto valid = validateName(name); !valid)
        return valid.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto status = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        auto added = SqlQuery(db,
                              QStringLiteral("INSERT INTO staff (name, display_name, created_at)"
                                             " VALUES (:name, :name, :at)"
                                             " ON CONFLICT (name) DO NOTHING"))
                         .bind(QStringLiteral(":name"), name)
                         .bind(QStringLiteral(":at"), now)
                         .exec();
        if (!added)
            return added;
        return SqlQuery(
                   db,
                   QStringLiteral("INSERT INTO memberships (tenant_id, staff_id, role, created_at)"
                                  " SELECT :tenant, id, :role, :at FROM staff WHERE name = :name"
                                  " ON CONFLICT (tenant_id, staff_id) DO UPDATE"
                                  " SET role = excluded.role"))
            .bind(QStringLiteral(":tenant"), tenant.id.value())
            .bind(QStringLiteral(":role"), roleName(role))
            .bind(QStringLiteral(":at"), now)
            .bind(QStringLiteral(":name"), name)
            .exec();
    });
    if (!status)
        return status.error();
    return find(name);
}

Status StaffStore::setLogin(const StaffMember &staff, const QString &password)
{
    if (m_database.backend() != Backend::Postgres)
        return Error{ErrorCode::Unsupported, tr("Staff logins exist only on PostgreSQL")};
    if (password.size() < 12)
        return Error{ErrorCode::InvalidArgument, tr("The password needs at least 12 characters")};
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        auto exists =
            SqlQuery(db, QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = :login"))
                .bind(QStringLiteral(":login"), staff.name)
                .scalar();
        if (!exists)
            return Status(exists.error());
        // DDL takes no bound parameters: PostgreSQL's own format() quotes the name (%I) and
        // the password (%L), so nothing we receive is spliced into SQL by us.
        auto statement =
            SqlQuery(
                db,
                exists->toInt() == 0
                    ? QStringLiteral(
                        "SELECT format('CREATE ROLE %I LOGIN "
                        "PASSWORD %L IN ROLE sb_staff', CAST(:login AS text), CAST(:pw AS text))")
                    : QStringLiteral("SELECT format('ALTER ROLE %I LOGIN "
                                     "PASSWORD %L', CAST(:login AS text), CAST(:pw AS text))"))
                .bind(QStringLiteral(":login"), staff.name)
                .bind(QStringLiteral(":pw"), password)
                .scalar();
        if (!statement)
            return Status(statement.error());
        QSqlQuery ddl(db);
        if (!ddl.exec(statement->toString())) {
            // The driver's text may quote the statement; never pass it on.
            return Status(
                Error{ErrorCode::AccessDenied,
                      tr("Could not create the login '%1' (does this login have "
                         "CREATEROLE?): %2")
                          .arg(staff.name, ddl.lastError().databaseText().section(u'\n', 0, 0))});
        }
        return SqlQuery(db, QStringLiteral("UPDATE staff SET pg_login = :login WHERE id = :id"))
            .bind(QStringLiteral(":login"), staff.name)
            .bind(QStringLiteral(":id"), staff.id.value())
            .exec();
    });
}

Result<QList<Membership>> StaffStore::memberships(const StaffMember &staff)
{
    QList<Membership> result;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT t.id, t.name, t.display_name, t.created_at, m.role"
                                      " FROM memberships m JOIN tenants t ON t.id = m.tenant_id"
                                      " WHERE m.staff_id = :staff ORDER BY t.display_name, t.id"));
        if (auto ran = query.bind(QStringLiteral(":staff"), staff.id.value()).exec(); !ran)
            return ran;
        while (query.next()) {
            Tenant tenant{TenantId(query.value(0).toLongLong()),
                          query.value(1).toString(),
                          query.value(2).toString(),
                          query.value(3).toLongLong()};
            result.append({tenant, roleFromName(query.value(4).toString()).value_or(Role::Staff)});
        }
        return ok();
    });
    if (!status)
        return status.error();
    return result;
}

Result<QString> StaffStore::nameOfThisLogin()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto login = SqlQuery(*connection,
                          QStringLiteral("SELECT name FROM staff WHERE pg_login = session_user"))
                     .scalar();
    if (!login)
        return login.error();
    return login->toString();
}

} // namespace Sb::Store
