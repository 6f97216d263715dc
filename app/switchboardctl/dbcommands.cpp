#include "cli.h"

#include <core/store/migrator.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ctl {

namespace {
void printStatus(Cli &cli, const Store::Database &database, const Store::SchemaStatus &status)
{
    if (cli.wantsJson()) {
        QJsonObject object{{QStringLiteral("database"), database.url().toString()},
                           {QStringLiteral("version"), status.currentVersion},
                           {QStringLiteral("latest"), status.latestVersion},
                           {QStringLiteral("pending"), int(status.pendingVersions.size())}};
        cli.out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
        return;
    }
    cli.out() << "database: " << database.url().toString() << Qt::endl
              << "schema version: " << status.currentVersion << " (this program knows "
              << status.latestVersion << ")" << Qt::endl;
    if (status.isTooNew())
        cli.out() << "state: newer than this program; update Switchboard" << Qt::endl;
    else if (!status.pendingVersions.isEmpty())
        cli.out() << "state: " << status.pendingVersions.size()
                  << " migration(s) pending; run 'switchboardctl db migrate'" << Qt::endl;
    else
        cli.out() << "state: up to date" << Qt::endl;
}
} // namespace

int runDb(Cli &cli, const QString &action)
{
    if (action != u"migrate" && action != u"status")
        return cli.usage(QStringLiteral("unknown command 'db %1'").arg(action));
    if (!cli.arguments().isEmpty())
        return cli.usage(QStringLiteral("'db %1' takes no arguments").arg(action));
    auto database = cli.openDatabase(false, action == u"migrate");
    if (!database)
        return cli.fail(database.error());
    Store::Migrator migrator(**database);
    auto status = action == u"migrate" ? migrator.migrate() : migrator.status();
    if (!status)
        return cli.fail(status.error());
    printStatus(cli, **database, *status);
    return status->isTooNew() ? ExitFailure : ExitOk;
}

} // namespace Sb::Ctl
