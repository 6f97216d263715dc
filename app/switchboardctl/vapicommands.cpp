#include "cli.h"

#include <core/net/httpclient.h>
#include <core/numbering/phonenumberparser.h>
#include <core/providers/vapi/vapiaccounts.h>
#include <core/providers/vapi/vapicaller.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Ctl {

using namespace Providers::Vapi;

namespace {
const QUrl kVapi(QStringLiteral("https://api.vapi.ai"));

// vapi connect --tenant T: the organisation's private key from stdin, checked before it is kept.
int connectVapi(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer)
{
    const Secret key = cli.readSecretLine(QStringLiteral("VAPI private key: "));
    if (key.isEmpty())
        return cli.usage(QStringLiteral("the VAPI private key is read from stdin"));
    Net::HttpClient http;
    const VapiClient client(http, context.tenant.id.value(), key, cli.apiBase(kVapi));
    auto assistants = waitFor<Result<QList<Assistant>, Net::ProviderError>>(
        [&](auto done) { client.listAssistants(done); });
    if (!assistants)
        return cli.fail(assistants.error().toError());
    if (auto recorded = VapiAccounts(*context.database, sealer).record(context.scope, key);
        !recorded)
        return cli.fail(recorded.error());
    cli.out() << "connected " << context.tenant.name << " to VAPI (" << assistants->size()
              << " assistant(s))" << Qt::endl;
    return ExitOk;
}

// vapi assistants | numbers [--sync]: what the organisation has; --sync adds its numbers to the
// tenant's assistant numbers.
int listVapi(Cli &cli,
             const QString &action,
             const TenantContext &context,
             const Vault::Sealer &sealer)
{
    const VapiAccounts accounts(*context.database, sealer);
    auto key = accounts.privateKey(context.scope);
    if (!key)
        return cli.fail(key.error());
    Net::HttpClient http;
    const VapiClient client(http, context.tenant.id.value(), *key, cli.apiBase(kVapi));
    QJsonArray rows;
    if (action == u"assistants") {
        auto assistants = waitFor<Result<QList<Assistant>, Net::ProviderError>>(
            [&](auto done) { client.listAssistants(done); });
        if (!assistants)
            return cli.fail(assistants.error().toError());
        for (const auto &assistant : std::as_const(*assistants))
            rows.append(QJsonObject{{QStringLiteral("id"), assistant.id},
                                    {QStringLiteral("name"), assistant.name}});
    } else {
        auto numbers = waitFor<Result<QList<VapiNumber>, Net::ProviderError>>(
            [&](auto done) { client.listPhoneNumbers(done); });
        if (!numbers)
            return cli.fail(numbers.error().toError());
        QStringList added;
        if (cli.isSet(QStringLiteral("sync"))) {
            auto stored = accounts.storeNumbers(context.scope, *numbers);
            if (!stored)
                return cli.fail(stored.error());
            added = *stored;
        }
        for (const auto &number : std::as_const(*numbers))
            rows.append(QJsonObject{{QStringLiteral("id"), number.id},
                                    {QStringLiteral("e164"), number.e164},
                                    {QStringLiteral("assistantId"), number.assistantId},
                                    {QStringLiteral("name"), number.name},
                                    {QStringLiteral("added"), added.contains(number.e164)}});
    }
    if (cli.wantsJson()) {
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    for (const QJsonValue &row : std::as_const(rows)) {
        const QJsonObject item = row.toObject();
        cli.out() << item.value(u"id").toString() << "  "
                  << item.value(item.contains(u"e164") ? u"e164" : u"name").toString()
                  << (item.value(u"added").toBool() ? "  (added)" : "") << Qt::endl;
    }
    return ExitOk;
}

// vapi call --tenant T --lead ID [--from NUMBER]
int callLead(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer)
{
    bool isNumber = false;
    const qint64 lead = cli.option(QStringLiteral("lead")).toLongLong(&isNumber);
    if (!isNumber)
        return cli.usage(QStringLiteral("vapi call needs --lead ID (see lead list)"));
    QString from;
    if (cli.isSet(QStringLiteral("from"))) {
        auto parsed = Numbering::PhoneNumberParser(Numbering::PhoneNumberParser::configuredRegion())
                          .toE164(cli.option(QStringLiteral("from")));
        if (!parsed)
            return cli.fail(parsed.error());
        from = *parsed;
    }
    Net::HttpClient http;
    const VapiCaller caller(
        context.database, std::make_shared<const Vault::Sealer>(sealer), http, cli.apiBase(kVapi));
    auto placed = waitFor<Result<PlacedCall>>(
        [&](auto done) { caller.callLead(context.scope, LeadId(lead), from, &http, done); });
    if (!placed)
        return cli.fail(placed.error());
    if (cli.wantsJson()) {
        cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("call"), placed->callId.value()},
                                               {QStringLiteral("vapiCallId"), placed->vapiCallId},
                                               {QStringLiteral("status"), placed->status},
                                               {QStringLiteral("from"), placed->fromE164},
                                               {QStringLiteral("to"), placed->toE164}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
    } else {
        cli.out() << placed->status << " call " << placed->callId.value() << " (VAPI "
                  << placed->vapiCallId << ") " << placed->fromE164 << " -> " << placed->toE164
                  << Qt::endl;
    }
    return ExitOk;
}
} // namespace

int runVapi(Cli &cli, const QString &action)
{
    if (action != u"connect" && action != u"assistants" && action != u"numbers"
        && action != u"call")
        return cli.usage(QStringLiteral("unknown vapi command '%1'").arg(action));
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    const auto &sealer = context->sealer;
    if (action == u"connect")
        return connectVapi(cli, *context, *sealer);
    if (action == u"call")
        return callLead(cli, *context, *sealer);
    return listVapi(cli, action, *context, *sealer);
}

} // namespace Sb::Ctl
