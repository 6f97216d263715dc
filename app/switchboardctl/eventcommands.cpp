#include "cli.h"

#include <core/common/redactor.h>
#include <core/ingest/quarantinereplay.h>
#include <core/ingest/sharedsecret.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/eventlog.h>
#include <core/store/quarantinestore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/vaultadmin.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ctl {

using Store::QuarantineEntry;
using Store::StoredEvent;

namespace {
QString when(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODate);
}

// The headers kept with a request, masked like everything shown (Redactor); the proof of a
// shared secret is the server's own check, not the request's.
QJsonObject headersOf(const QByteArray &headersJson)
{
    QJsonObject shown;
    const QJsonObject kept = QJsonDocument::fromJson(headersJson).object();
    for (auto it = kept.begin(); it != kept.end(); ++it) {
        if (it.key() == QLatin1String(Ingest::SharedSecret::kProofHeader))
            continue;
        shown.insert(it.key(), Redactor::instance().redact(it.value().toString()));
    }
    return shown;
}

QString shownBody(const QByteArray &body)
{
    return Redactor::instance().redact(QString::fromUtf8(body));
}

QJsonObject toJson(const StoredEvent &event, bool withBody)
{
    QJsonObject object{{QStringLiteral("id"), event.id},
                       {QStringLiteral("provider"), event.provider},
                       {QStringLiteral("type"), event.eventType},
                       {QStringLiteral("key"), event.eventKey},
                       {QStringLiteral("receivedAt"), when(event.receivedAt)}};
    if (withBody) {
        object.insert(QStringLiteral("headers"), headersOf(event.headersJson));
        object.insert(QStringLiteral("body"), shownBody(event.rawBody));
    }
    return object;
}

QJsonObject toJson(const QuarantineEntry &entry, bool withBody)
{
    QJsonObject object{{QStringLiteral("id"), entry.id},
                       {QStringLiteral("provider"), entry.provider},
                       {QStringLiteral("endpoint"), entry.endpoint},
                       {QStringLiteral("reason"), entry.reason},
                       {QStringLiteral("receivedAt"), when(entry.receivedAt)},
                       {QStringLiteral("placedInTenant"), entry.replayedTenantId},
                       {QStringLiteral("verified"), entry.isVerified}};
    if (withBody) {
        object.insert(QStringLiteral("publicUrl"), entry.publicUrl);
        object.insert(QStringLiteral("headers"), headersOf(entry.headersJson));
        object.insert(QStringLiteral("body"), shownBody(entry.rawBody));
    }
    return object;
}

void printJson(Cli &cli, const QJsonValue &value)
{
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    cli.out() << document.toJson(QJsonDocument::Compact) << Qt::endl;
}

// What the quarantine holds of unverified requests, and what serve last said of its budget.
int tellBudget(Cli &cli, Store::Database &database)
{
    auto usage = Store::QuarantineStore(database).usage();
    if (!usage)
        return cli.fail(usage.error());
    auto notice = Store::EventLog(database).latestQuarantineNotice();
    if (!notice)
        return cli.fail(notice.error());
    const QString held = QStringLiteral("unverified requests in quarantine: %1 MiB")
                             .arg(double(*usage) / (1024.0 * 1024.0), 0, 'f', 1);
    if (*notice && (*notice)->action == u"quarantine.full")
        cli.note(held
                 + QStringLiteral("; since %1 serve says: %2")
                       .arg(when((*notice)->at), (*notice)->detail));
    else if (*notice)
        cli.note(held + QStringLiteral("; serve's budget has room: %1").arg((*notice)->detail));
    else
        cli.note(held + QStringLiteral("; serve has never reported its budget reached"));
    return ExitOk;
}

int listOrShow(Cli &cli, Store::Database &database, const QString &action)
{
    Store::EventLog log(database);
    const bool quarantined = cli.isSet(QStringLiteral("quarantined"));
    const bool show = action == u"show";
    const qint64 id = show ? cli.arguments().value(0).toLongLong() : 0;
    if (show && id <= 0)
        return cli.usage(QStringLiteral("usage: events show ID (--tenant T | --quarantined)"));
    auto page = cli.page();
    if (!page)
        return page.error();
    if (quarantined) {
        if (show) {
            auto entry = log.quarantineEntry(id);
            if (!entry)
                return cli.fail(entry.error());
            printJson(cli, toJson(*entry, true));
            return ExitOk;
        }
        auto entries =
            log.quarantined(cli.isSet(QStringLiteral("all")), page->limit + 1, page->beforeId);
        if (!entries)
            return cli.fail(entries.error());
        cli.cutToPage(*entries, *page, [](const QuarantineEntry &row) { return row.id; });
        if (auto said = tellBudget(cli, database); said != ExitOk)
            return said;
        if (cli.wantsJson()) {
            QJsonArray array;
            for (const QuarantineEntry &entry : std::as_const(*entries))
                array.append(toJson(entry, false));
            printJson(cli, array);
            return ExitOk;
        }
        for (const QuarantineEntry &entry : std::as_const(*entries)) {
            cli.out() << entry.id << "  " << when(entry.receivedAt) << "  " << entry.endpoint
                      << (entry.isVerified ? "  (verified)  " : "  ") << entry.reason << Qt::endl;
        }
        return ExitOk;
    }
    auto tenant = Tenancy::AdminSession(database).scope(cli.option(QStringLiteral("tenant")));
    if (!tenant)
        return cli.fail(tenant.error());
    if (show) {
        auto event = log.event(*tenant, id);
        if (!event)
            return cli.fail(event.error());
        printJson(cli, toJson(*event, true));
        return ExitOk;
    }
    auto events = log.newest(*tenant, page->limit + 1, page->beforeId);
    if (!events)
        return cli.fail(events.error());
    cli.cutToPage(*events, *page, [](const StoredEvent &row) { return row.id; });
    if (cli.wantsJson()) {
        QJsonArray array;
        for (const StoredEvent &event : std::as_const(*events))
            array.append(toJson(event, false));
        printJson(cli, array);
        return ExitOk;
    }
    for (const StoredEvent &event : std::as_const(*events)) {
        cli.out() << event.id << "  " << when(event.receivedAt) << "  " << event.eventType << "  "
                  << event.eventKey << Qt::endl;
    }
    return ExitOk;
}

int replay(Cli &cli, Store::Database &database)
{
    std::optional<TenantId> onlyTenant;
    if (!cli.option(QStringLiteral("tenant")).isEmpty()) {
        auto tenant = Store::TenantStore(database).find(cli.option(QStringLiteral("tenant")));
        if (!tenant)
            return cli.fail(tenant.error());
        onlyTenant = tenant->id;
    }
    auto sealer = Vault::VaultAdmin(
                      database, Vault::KeySource::resolve(cli.option(QStringLiteral("key-file"))))
                      .sealer();
    if (!sealer)
        return cli.fail(sealer.error());
    Store::EventLog log(database);
    QList<QuarantineEntry> entries;
    if (!cli.arguments().isEmpty()) {
        auto entry = log.quarantineEntry(cli.arguments().first().toLongLong());
        if (!entry)
            return cli.fail(entry.error());
        entries.append(*entry);
    } else {
        auto pending = log.waitingOldestFirst(100000);
        if (!pending)
            return cli.fail(pending.error());
        entries = *pending;
    }
    const Ingest::QuarantineReplay replayer(database, *sealer, Providers::webhookEndpoints());
    QJsonArray results;
    int placed = 0;
    for (const QuarantineEntry &entry : std::as_const(entries)) {
        auto outcome = replayer.replay(entry, onlyTenant);
        if (!outcome)
            return cli.fail(outcome.error());
        placed += outcome->isPlaced ? 1 : 0;
        results.append(QJsonObject{{QStringLiteral("id"), entry.id},
                                   {QStringLiteral("placed"), outcome->isPlaced},
                                   {QStringLiteral("tenant"), outcome->tenantId},
                                   {QStringLiteral("detail"), outcome->detail}});
        if (!cli.wantsJson()) {
            cli.out() << entry.id << "  "
                      << (outcome->isPlaced
                              ? QStringLiteral("placed in tenant %1").arg(outcome->tenantId)
                              : QStringLiteral("stays: ") + outcome->detail)
                      << Qt::endl;
        }
    }
    if (cli.wantsJson())
        printJson(cli, results);
    else
        cli.out() << placed << " of " << entries.size() << " placed" << Qt::endl;
    return ExitOk;
}
} // namespace

// events purge --quarantined [--before ID] [--all]: room in the quarantine.
int purge(Cli &cli, Store::Database &database)
{
    auto page = cli.page();
    if (!page)
        return page.error();
    auto purged =
        Store::QuarantineStore(database).purge(cli.isSet(QStringLiteral("all")), page->beforeId);
    if (!purged)
        return cli.fail(purged.error());
    if (cli.wantsJson()) {
        printJson(cli,
                  QJsonObject{{QStringLiteral("removed"), purged->rows},
                              {QStringLiteral("bytes"), purged->bytes}});
    } else {
        cli.out() << "removed " << purged->rows << " quarantined requests ("
                  << QString::number(double(purged->bytes) / (1024.0 * 1024.0), 'f', 1)
                  << " MiB); serve sees the room within 30 s" << Qt::endl;
    }
    return ExitOk;
}

int runEvents(Cli &cli, const QString &action)
{
    if (action != u"list" && action != u"show" && action != u"replay" && action != u"purge")
        return cli.usage(QStringLiteral("unknown command 'events %1'").arg(action));
    if (action == u"purge" && !cli.isSet(QStringLiteral("quarantined")))
        return cli.usage(QStringLiteral("events purge works on the quarantine: --quarantined"));
    if (action != u"replay" && !cli.isSet(QStringLiteral("quarantined"))
        && cli.option(QStringLiteral("tenant")).isEmpty())
        return cli.usage(QStringLiteral("events %1 needs --tenant T or --quarantined").arg(action));
    auto database = cli.openDatabase();
    if (!database)
        return cli.fail(database.error());
    if (action == u"replay")
        return replay(cli, **database);
    if (action == u"purge")
        return purge(cli, **database);
    return listOrShow(cli, **database, action);
}

} // namespace Sb::Ctl
