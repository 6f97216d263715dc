#include "cli.h"

#include <core/store/callstore.h>

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
    if (call.leadId.isValid())
        json.insert(QStringLiteral("lead"), call.leadId.value());
    return json;
}
} // namespace

// calls list --tenant T: the newest calls with their outcome.
int runCalls(Cli &cli, const QString &action)
{
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
                  << call.counterpartE164 << "  " << call.provider << "  " << call.status;
        if (!call.summary.isEmpty())
            cli.out() << "  " << call.summary;
        cli.out() << Qt::endl;
    }
    return ExitOk;
}

} // namespace Sb::Ctl
