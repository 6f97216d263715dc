#include "cli.h"

#include <core/net/httpclient.h>
#include <core/numbering/phonenumberparser.h>
#include <core/providers/twilio/twiliomessenger.h>
#include <core/providers/twilio/twilioonboarding.h>
#include <core/vault/blockingkeychain.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Sb::Ctl {

namespace {
// twilio connect --tenant T --master-account AC… --public-url URL [--api-base URL]
// The master account's auth token comes from stdin.
int connectTenant(Cli &cli)
{
    const QString master = cli.option(QStringLiteral("master-account"));
    const QUrl publicUrl(cli.option(QStringLiteral("public-url")));
    if (!QRegularExpression(QStringLiteral("^AC[0-9a-fA-F]{32}$")).match(master).hasMatch())
        return cli.usage(QStringLiteral("--master-account needs the agency's account SID (AC…)"));
    if (!publicUrl.isValid() || publicUrl.scheme().isEmpty() || publicUrl.host().isEmpty())
        return cli.usage(QStringLiteral("--public-url needs the URL Twilio calls, e.g. "
                                        "https://hooks.example.org"));
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    auto &[database, tenant, scope, sealer] = *context;
    // The master token: from the keychain (--keychain), else stdin (--remember keeps it there).
    const Vault::BlockingKeychain keychain;
    const auto entry =
        Vault::SecretKey::forAgency(QStringLiteral("twilio"), master, QStringLiteral("auth-token"));
    Secret token;
    if (cli.isSet(QStringLiteral("keychain"))) {
        auto kept = keychain.read(entry);
        if (!kept)
            return cli.fail(kept.error());
        token = *kept;
    } else {
        token = cli.readSecretLine(QStringLiteral("Master account auth token: "));
        if (token.isEmpty())
            return cli.usage(QStringLiteral("the master account's auth token is read from stdin "
                                            "(or the keychain with --keychain)"));
    }

    Net::HttpClient http;
    const Providers::Twilio::TwilioOnboarding onboarding(
        database,
        std::make_shared<const Vault::Sealer>(*sealer),
        http,
        {master, token},
        cli.apiBase(QUrl(QStringLiteral("https://api.twilio.com"))));
    auto result = waitFor<Result<Providers::Twilio::OnboardingReport>>(
        // Copies: clang 14 cannot capture structured bindings.
        [&, scope = scope, name = tenant.name](auto done) {
            onboarding.connect(scope, name, publicUrl.toString(), &http, done);
        });
    if (!result)
        return cli.fail(result.error());
    const auto &report = *result;
    // Kept only once Twilio accepted it: a mistyped token never lands in the keychain.
    if (cli.isSet(QStringLiteral("remember")) && !cli.isSet(QStringLiteral("keychain"))) {
        if (auto kept = keychain.write(entry, token); !kept)
            return cli.fail(kept.error());
    }
    if (cli.wantsJson()) {
        QJsonArray numbers;
        for (const auto &number : report.numbers)
            numbers.append(
                QJsonObject{{QStringLiteral("e164"), number.e164},
                            {QStringLiteral("sid"), number.sid},
                            {QStringLiteral("smsUrl"), number.smsUrl},
                            {QStringLiteral("voiceUrl"), number.voiceUrl},
                            {QStringLiteral("new"), report.addedNumbers.contains(number.e164)}});
        cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("tenant"), tenant.id.value()},
                                               {QStringLiteral("subaccount"), report.subaccountSid},
                                               {QStringLiteral("created"), report.isNewSubaccount},
                                               {QStringLiteral("numbers"), numbers}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
        return ExitOk;
    }
    cli.out() << (report.isNewSubaccount ? "created" : "using") << " subaccount "
              << report.subaccountSid << " for " << tenant.name << "; " << report.numbers.size()
              << " number(s) pointed at " << publicUrl.toString() << ", "
              << report.addedNumbers.size() << " new" << Qt::endl;
    return ExitOk;
}

// twilio send --tenant T --from NUMBER --to NUMBER --body TEXT [--whatsapp]
int sendText(Cli &cli)
{
    for (const char *required : {"from", "to", "body"}) {
        if (cli.option(QLatin1String(required)).isEmpty())
            return cli.usage(QStringLiteral("twilio send needs --%1").arg(QLatin1String(required)));
    }
    const Numbering::PhoneNumberParser parser(
        cli.isSet(QStringLiteral("region")) ? cli.option(QStringLiteral("region"))
                                            : Numbering::PhoneNumberParser::configuredRegion());
    auto from = parser.toE164(cli.option(QStringLiteral("from")));
    if (!from)
        return cli.fail(from.error());
    auto to = parser.toE164(cli.option(QStringLiteral("to")));
    if (!to)
        return cli.fail(to.error());
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    Net::HttpClient http;
    const Providers::Twilio::TwilioMessenger messenger(
        context->database,
        std::make_shared<const Vault::Sealer>(*context->sealer),
        http,
        cli.apiBase(QUrl(QStringLiteral("https://api.twilio.com"))));
    const Providers::Twilio::OutgoingText text{
        *from, *to, cli.option(QStringLiteral("body")), cli.isSet(QStringLiteral("whatsapp"))};
    auto sent = waitFor<Result<Store::MessageRecord>>(
        [&](auto done) { messenger.send(context->scope, text, &http, done); });
    if (!sent)
        return cli.fail(sent.error());
    if (cli.wantsJson())
        cli.out() << QJsonDocument(messageJson(*sent)).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        cli.out() << sent->status << ' ' << sent->providerMessageId << ' ' << sent->ourE164
                  << " -> " << sent->counterpartE164 << Qt::endl;
    return ExitOk;
}
} // namespace

int runTwilio(Cli &cli, const QString &action)
{
    if (action == u"connect")
        return connectTenant(cli);
    if (action == u"send")
        return sendText(cli);
    if (action == u"numbers" || action == u"release" || action == u"calls"
        || action == u"recording")
        return runTwilioRecords(cli, action);
    return cli.usage(QStringLiteral("unknown twilio command '%1'").arg(action));
}

} // namespace Sb::Ctl
