#include "cli.h"

#include <core/net/httpclient.h>
#include <core/numbering/phonenumberparser.h>
#include <core/providers/twilio/twilioaccounts.h>
#include <core/providers/twilio/twilionumbers.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace Sb::Ctl {

using namespace Providers::Twilio;

namespace {
const QUrl kTwilio(QStringLiteral("https://api.twilio.com"));

// twilio numbers --tenant T [--sync]: what the subaccount has; --sync adds new ones to the store.
int listNumbers(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer)
{
    Net::HttpClient http;
    const TwilioNumbers numbers(context.database,
                                std::make_shared<const Vault::Sealer>(sealer),
                                http,
                                cli.apiBase(kTwilio));
    const bool keepNew = cli.isSet(QStringLiteral("sync"));
    auto synced =
        waitFor<Result<NumberSync>>([&](auto done) { numbers.sync(context.scope, keepNew, &http, done); });
    if (!synced)
        return cli.fail(synced.error());
    if (cli.wantsJson()) {
        QJsonArray rows;
        for (const auto &number : std::as_const(synced->numbers))
            rows.append(
                QJsonObject{{QStringLiteral("e164"), number.e164},
                            {QStringLiteral("sid"), number.sid},
                            {QStringLiteral("voice"), number.canVoice},
                            {QStringLiteral("sms"), number.canSms},
                            {QStringLiteral("mms"), number.canMms},
                            {keepNew ? QStringLiteral("added") : QStringLiteral("notInStore"),
                             synced->added.contains(number.e164)}});
        cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("numbers"), rows},
                                               {QStringLiteral("gone"),
                                                QJsonArray::fromStringList(synced->gone)}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
        return ExitOk;
    }
    for (const auto &number : std::as_const(synced->numbers))
        cli.out() << number.e164 << "  " << number.sid << (number.canVoice ? "  voice" : "")
                  << (number.canSms ? "  sms" : "") << (number.canMms ? "  mms" : "")
                  << (synced->added.contains(number.e164)
                          ? (keepNew ? "  (added)" : "  (not in store: --sync adds it)")
                          : "")
                  << Qt::endl;
    for (const QString &e164 : std::as_const(synced->gone))
        cli.out() << e164 << "  no longer at Twilio (kept; number remove to forget it)" << Qt::endl;
    return ExitOk;
}

// twilio release NUMBER --tenant T: gives the number back to Twilio. Cannot be undone.
int releaseNumber(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer)
{
    if (cli.arguments().size() != 1)
        return cli.usage(QStringLiteral("usage: twilio release NUMBER --tenant T"));
    auto e164 = Numbering::PhoneNumberParser(Numbering::PhoneNumberParser::configuredRegion())
                    .toE164(cli.arguments().first());
    if (!e164)
        return cli.fail(e164.error());
    Net::HttpClient http;
    const TwilioNumbers numbers(context.database,
                                std::make_shared<const Vault::Sealer>(sealer),
                                http,
                                cli.apiBase(kTwilio));
    auto released =
        waitFor<Status>([&](auto done) { numbers.release(context.scope, *e164, &http, done); });
    if (!released)
        return cli.fail(released.error());
    cli.out() << "released " << *e164 << Qt::endl;
    return ExitOk;
}

// twilio calls --tenant T: the subaccount's calls as Twilio lists them.
int listCalls(Cli &cli, const TenantContext &context, const TenantAccount &account)
{
    Net::HttpClient http;
    const TwilioClient client(
        http, context.tenant.id.value(), account.credentials, cli.apiBase(kTwilio));
    auto calls = waitFor<Result<QList<CallSummary>, Net::ProviderError>>(
        [&](auto done) { client.listCalls(account.credentials.accountSid, done); });
    if (!calls)
        return cli.fail(TwilioClient::toError(calls.error()));
    QJsonArray rows;
    for (const auto &call : std::as_const(*calls)) {
        if (!cli.wantsJson()) {
            cli.out() << call.startTime << "  " << call.sid << "  " << call.from << " -> "
                      << call.to << "  " << call.status << "  " << call.durationSeconds << " s"
                      << Qt::endl;
            continue;
        }
        rows.append(QJsonObject{{QStringLiteral("sid"), call.sid},
                                {QStringLiteral("from"), call.from},
                                {QStringLiteral("to"), call.to},
                                {QStringLiteral("status"), call.status},
                                {QStringLiteral("direction"), call.direction},
                                {QStringLiteral("startTime"), call.startTime},
                                {QStringLiteral("duration"), call.durationSeconds}});
    }
    if (cli.wantsJson())
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
    return ExitOk;
}

// twilio recording RE… --tenant T --output FILE [--mp3]: the media, fetched as the subaccount.
int saveRecording(Cli &cli, const TenantContext &context, const TenantAccount &account)
{
    const QString sid = cli.arguments().value(0);
    if (cli.arguments().size() != 1
        || !QRegularExpression(QStringLiteral("^RE[0-9a-fA-F]{32}$")).match(sid).hasMatch()
        || cli.option(QStringLiteral("output")).isEmpty())
        return cli.usage(QStringLiteral("usage: twilio recording RE… --tenant T --output FILE"));
    Net::HttpClient http;
    const TwilioClient client(
        http, context.tenant.id.value(), account.credentials, cli.apiBase(kTwilio));
    const QString format =
        cli.isSet(QStringLiteral("mp3")) ? QStringLiteral("mp3") : QStringLiteral("wav");
    auto audio = waitFor<Result<QByteArray, Net::ProviderError>>([&](auto done) {
        client.fetchRecording(account.credentials.accountSid, sid, format, done);
    });
    if (!audio)
        return cli.fail(TwilioClient::toError(audio.error()));
    // Whole or not at all: a half-written recording is worse than none.
    QSaveFile file(cli.option(QStringLiteral("output")));
    if (!file.open(QIODevice::WriteOnly) || file.write(*audio) != audio->size() || !file.commit())
        return cli.fail(QStringLiteral("cannot write %1: %2")
                            .arg(cli.option(QStringLiteral("output")), file.errorString()));
    cli.out() << "saved " << audio->size() << " bytes to " << cli.option(QStringLiteral("output"))
              << Qt::endl;
    return ExitOk;
}
} // namespace

int runTwilioRecords(Cli &cli, const QString &action)
{
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    const auto &sealer = context->sealer;
    if (action == u"numbers")
        return listNumbers(cli, *context, *sealer);
    if (action == u"release")
        return releaseNumber(cli, *context, *sealer);
    auto account = TwilioAccounts(*context->database, *sealer).account(context->scope);
    if (!account)
        return cli.fail(account.error());
    return action == u"calls" ? listCalls(cli, *context, *account)
                              : saveRecording(cli, *context, *account);
}

} // namespace Sb::Ctl
