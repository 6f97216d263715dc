#include "cli.h"
#include "stopsignals.h"

#include <core/store/changefeed.h>
#include <core/store/eventlog.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ctl {

namespace {
QString when(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

// One change as a line: what changed, and for a single webhook event what it was.
void print(Cli &cli,
           Store::Database &database,
           const Store::TenantScope &tenant,
           const Store::Change &change)
{
    QString detail;
    if (change.kind == Store::ChangeKind::Events && change.rowId > 0) {
        if (auto event = Store::EventLog(database).event(tenant, change.rowId))
            detail = event->eventType + u' ' + event->eventKey;
    }
    if (cli.wantsJson()) {
        QJsonObject line{{QStringLiteral("at"), when(change.at)},
                         {QStringLiteral("tenant"), change.tenant.value()},
                         {QStringLiteral("kind"), Store::changeKindName(change.kind)},
                         {QStringLiteral("id"), change.rowId}};
        if (!detail.isEmpty())
            line.insert(QStringLiteral("detail"), detail);
        cli.out() << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
        return;
    }
    cli.out() << when(change.at) << "  " << Store::changeKindName(change.kind) << "  "
              << (change.rowId > 0 ? QStringLiteral("#%1").arg(change.rowId)
                                   : QStringLiteral("(several)"))
              << (detail.isEmpty() ? QString() : QStringLiteral("  ") + detail) << Qt::endl;
}
} // namespace

// follow --tenant T [--json]: each change of the tenant as it lands, until interrupted.
int runFollow(Cli &cli)
{
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    Store::ChangeFeed feed(context->database);
    auto *subscription = feed.subscribe(context->scope.tenantId(), Store::allChangeKinds(), &feed);
    auto database = context->database;
    const Store::TenantScope scope = context->scope;
    QObject::connect(subscription,
                     &Store::ChangeSubscription::changed,
                     &feed,
                     [&cli, database, scope](const Store::Change &change) {
                         print(cli, *database, scope, change);
                     });
    QObject::connect(&feed, &Store::ChangeFeed::watchFailed, &feed, [&cli](const QString &why) {
        cli.note(QStringLiteral("lost the store (%1); retrying").arg(why));
    });
    QObject::connect(&feed, &Store::ChangeFeed::watchResumed, &feed, [&cli] {
        cli.note(QStringLiteral("following again"));
    });
    // Said once the feed has read where the log stands: what lands from then on is printed.
    const Store::Tenant tenant = context->tenant;
    QObject::connect(&feed, &Store::ChangeFeed::watching, &feed, [&cli, tenant] {
        cli.note(QStringLiteral("following %1 (tenant %2); Ctrl+C stops")
                     .arg(tenant.name)
                     .arg(tenant.id.value()));
    });
    onStopSignals(&feed, [] { QCoreApplication::quit(); });
    feed.start();
    QCoreApplication::exec();
    return ExitOk;
}

} // namespace Sb::Ctl
