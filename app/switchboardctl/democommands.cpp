#include "cli.h"

#include <core/demo/demoseed.h>
#include <core/store/migrator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ctl {

// demo seed [--calls N] [--staff NAME]: two made-up clinics to try the console on. Seeding is
// as explicit as db migrate: it makes the store (SQLite) and brings its schema up to date.
int runDemo(Cli &cli, const QString &action)
{
    if (action != u"seed")
        return cli.usage(QStringLiteral("unknown command 'demo %1'").arg(action));
    Demo::DemoOptions options;
    if (cli.isSet(QStringLiteral("calls"))) {
        bool isNumber = false;
        options.callsPerTenant = cli.option(QStringLiteral("calls")).toInt(&isNumber);
        if (!isNumber || options.callsPerTenant < 0 || options.callsPerTenant > 2'000'000)
            return cli.usage(QStringLiteral("--calls needs a number of calls per clinic, 0 to "
                                            "2000000"));
    }
    options.staffName = cli.option(QStringLiteral("staff"));
    auto database = cli.openDatabase(false, true);
    if (!database)
        return cli.fail(database.error());
    if (auto migrated = Store::Migrator(**database).migrate(); !migrated)
        return cli.fail(migrated.error());
    auto report = Demo::DemoSeed(**database).seed(options);
    if (!report)
        return cli.fail(report.error());
    if (cli.wantsJson()) {
        cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("tenants"),
                                                QJsonArray::fromStringList(report->tenants)},
                                               {QStringLiteral("calls"), report->calls},
                                               {QStringLiteral("leads"), report->leads},
                                               {QStringLiteral("messages"), report->messages}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
    } else {
        cli.out() << "seeded " << report->tenants.join(QStringLiteral(", ")) << ": "
                  << report->calls << " calls, " << report->leads << " leads, " << report->messages
                  << " messages" << Qt::endl;
    }
    return ExitOk;
}

} // namespace Sb::Ctl
