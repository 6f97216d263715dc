#include "cli.h"

#include <core/recordings/recordingcache.h>
#include <core/store/callstore.h>
#include <core/store/database.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Ctl {

namespace {
QJsonObject callJson(const Store::CallRecord &call)
{
    QJsonObject json{{QStringLiteral("id"), call.id.value()},
                     {QStringLiteral("provider"), call.provider},
                     {QStringLiteral("providerCallId"), call.providerCallId},
                     {QStringLiteral("direction"),
                      call.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound")},
                     {QStringLiteral("from"), call.fromE164},
                     {QStringLiteral("to"), call.toE164},
                     {QStringLiteral("counterpart"), call.counterpartE164},
                     {QStringLiteral("status"), call.status},
                     {QStringLiteral("startedAt"), call.startedAt},
                     {QStringLiteral("duration"),
                      call.durationSeconds ? QJsonValue(*call.durationSeconds) : QJsonValue()},
                     {QStringLiteral("recordingUrl"), call.recordingUrl},
                     {QStringLiteral("summary"), call.summary},
                     {QStringLiteral("endedReason"), call.endedReason}};
    if (!call.sessionId.isEmpty()) // RingCentral's telephony session: how a live call is followed
        json.insert(QStringLiteral("sessionId"), call.sessionId);
    if (call.leadId.isValid())
        json.insert(QStringLiteral("lead"), call.leadId.value());
    if (!call.counterpartName.isEmpty()) // the clinic's lead, else CRM contact, with the number
        json.insert(QStringLiteral("name"), call.counterpartName);
    return json;
}
// calls delete ID --tenant T: the call, its notes (they cascade) and this user's cached copy of
// its recording; consoles elsewhere drop theirs when the change reaches them.
int deleteCall(Cli &cli)
{
    bool isNumber = false;
    const CallId id(cli.arguments().value(0).toLongLong(&isNumber));
    if (!isNumber || !id.isValid())
        return cli.usage(QStringLiteral("usage: calls delete ID --tenant T (ID from calls list)"));
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    Store::CallStore store(*context->database);
    auto call = store.call(context->scope, id);
    if (!call)
        return cli.fail(call.error());
    if (auto removed = store.remove(context->scope, id); !removed)
        return cli.fail(removed.error());
    if (!call->recordingUrl.isEmpty()) {
        const Recordings::RecordingCache cache(Recordings::RecordingCache::defaultRoot(),
                                               context->database->url().toString());
        // The call is gone either way; a copy left behind is said, not fatal.
        if (auto forgotten = cache.remove(context->scope.tenantId(), call->recordingUrl);
            !forgotten) {
            qWarning("%s", qPrintable(forgotten.error().message));
        }
    }
    if (cli.wantsJson())
        cli.out() << QJsonDocument(callJson(*call)).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        cli.out() << "deleted call " << id.value() << Qt::endl;
    return ExitOk;
}
} // namespace

// calls list|delete --tenant T
int runCalls(Cli &cli, const QString &action)
{
    if (action == u"delete")
        return deleteCall(cli);
    if (action != u"list")
        return cli.usage(QStringLiteral("unknown calls command '%1'").arg(action));
    auto page = cli.page();
    if (!page)
        return page.error();
    auto context = cli.openTenant();
    if (!context)
        return context.error();
    const Store::CallStore store(*context->database);
    auto calls = page->beforeId > 0
        ? store.newestBefore(context->scope, page->beforeId, page->limit + 1)
        : store.newest(context->scope, {}, page->limit + 1);
    if (!calls)
        return cli.fail(calls.error());
    cli.cutToPage(*calls, *page, [](const auto &row) { return row.id.value(); });
    if (cli.wantsJson()) {
        QJsonArray rows;
        for (const auto &call : std::as_const(*calls))
            rows.append(callJson(call));
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    for (const auto &call : std::as_const(*calls)) {
        cli.out() << QDateTime::fromMSecsSinceEpoch(call.startedAt).toString(Qt::ISODate) << "  "
                  << call.id.value() << "  " << (call.isInbound ? "<- " : "-> ")
                  << call.counterpartE164;
        if (!call.counterpartName.isEmpty())
            cli.out() << " (" << call.counterpartName << ")";
        cli.out() << "  " << call.provider << "  " << call.status;
        if (!call.summary.isEmpty())
            cli.out() << "  " << call.summary;
        cli.out() << Qt::endl;
    }
    return ExitOk;
}

} // namespace Sb::Ctl
