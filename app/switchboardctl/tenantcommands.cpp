#include "cli.h"

#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ctl {

using Store::Tenant;

namespace {
QJsonObject toJson(const Tenant &tenant)
{
    return {{QStringLiteral("id"), tenant.id.value()},
            {QStringLiteral("name"), tenant.name},
            {QStringLiteral("displayName"), tenant.displayName},
            {QStringLiteral("createdAt"), tenant.createdAt}};
}

} // namespace

int runTenant(Cli &cli, const QString &action)
{
    if (action == u"add") {
        if (cli.arguments().size() != 1)
            return cli.usage(QStringLiteral("usage: tenant add NAME [--display-name TEXT]"));
        auto database = cli.openDatabase();
        if (!database)
            return cli.fail(database.error());
        auto tenant = Store::TenantStore(**database)
                          .add(cli.arguments().first(), cli.option(QStringLiteral("display-name")));
        if (!tenant)
            return cli.fail(tenant.error());
        if (cli.wantsJson())
            cli.out() << QJsonDocument(toJson(*tenant)).toJson(QJsonDocument::Compact) << Qt::endl;
        else
            cli.out() << "added tenant " << tenant->id.value() << " " << tenant->name << Qt::endl;
        return ExitOk;
    }
    if (action == u"list") {
        if (!cli.arguments().isEmpty())
            return cli.usage(QStringLiteral("'tenant list' takes no arguments"));
        auto database = cli.openDatabase();
        if (!database)
            return cli.fail(database.error());
        auto tenants = Store::TenantStore(**database).list();
        if (!tenants)
            return cli.fail(tenants.error());
        if (cli.wantsJson()) {
            QJsonArray array;
            for (const Tenant &tenant : std::as_const(*tenants))
                array.append(toJson(tenant));
            cli.out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << Qt::endl;
            return ExitOk;
        }
        for (const Tenant &tenant : std::as_const(*tenants)) {
            cli.out() << qSetFieldWidth(6) << Qt::left << tenant.id.value() << qSetFieldWidth(0)
                      << tenant.name << "  " << tenant.displayName << Qt::endl;
        }
        return ExitOk;
    }
    return cli.usage(QStringLiteral("unknown command 'tenant %1'").arg(action));
}

int runStaff(Cli &cli, const QString &action)
{
    if (action != u"add")
        return cli.usage(QStringLiteral("unknown command 'staff %1'").arg(action));
    if (cli.arguments().size() != 1)
        return cli.usage(QStringLiteral("usage: staff add NAME --tenant T --role ROLE"));
    const auto role = Store::roleFromName(cli.option(QStringLiteral("role")));
    if (!role)
        return cli.usage(QStringLiteral("--role must be owner, admin or staff"));
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    auto &database = context->database;
    const Store::Tenant &tenant = context->tenant;
    Store::StaffStore directory(*database);
    // Validate and read the password before writing anything, so a bad one leaves no half-made staff.
    if (auto valid = Store::StaffStore::validateName(cli.arguments().first()); !valid)
        return cli.fail(valid.error());
    QString password;
    const bool needsLogin = database->backend() == Store::Backend::Postgres;
    if (needsLogin) {
        password =
            cli.readSecretLine(QStringLiteral("Password for the new login: ")).revealString();
        if (password.size() < 12)
            return cli.fail(
                QStringLiteral("the password (read from stdin) needs at least 12 characters"));
    }
    auto staff = directory.addToTenant(cli.arguments().first(), tenant, *role);
    if (!staff)
        return cli.fail(staff.error());
    if (needsLogin) {
        if (auto login = directory.setLogin(*staff, password); !login)
            return cli.fail(login.error());
    }
    if (cli.wantsJson()) {
        const QJsonObject object{{QStringLiteral("staff"), staff->name},
                                 {QStringLiteral("tenant"), tenant.name},
                                 {QStringLiteral("role"), Store::roleName(*role)},
                                 {QStringLiteral("login"), needsLogin ? staff->name : QString()}};
        cli.out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    cli.out() << "staff " << staff->name << " is " << Store::roleName(*role) << " of "
              << tenant.name << (needsLogin ? " (login created)" : "") << Qt::endl;
    return ExitOk;
}

} // namespace Sb::Ctl
