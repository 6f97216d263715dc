#include "cli.h"

#include <core/net/httpclient.h>
#include <core/providers/twilio/twilioonboarding.h>
#include <core/tenancy/staffsession.h>
#include <core/tenancy/tenantdirectory.h>
#include <core/vault/vaultadmin.h>

#include <QEventLoop>
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
    if (cli.option(QStringLiteral("tenant")).isEmpty())
        return cli.usage(QStringLiteral("--tenant is required"));
    auto database = cli.openDatabase();
    if (!database)
        return cli.fail(database.error());
    auto tenant = Tenancy::TenantDirectory(**database).find(cli.option(QStringLiteral("tenant")));
    if (!tenant)
        return cli.fail(tenant.error());
    auto scope = Tenancy::AdminSession(**database).scope(tenant->name);
    if (!scope)
        return cli.fail(scope.error());
    auto sealer = Vault::VaultAdmin(
                      **database, Vault::KeySource::resolve(cli.option(QStringLiteral("key-file"))))
                      .sealer();
    if (!sealer)
        return cli.fail(sealer.error());
    const Secret token = cli.readSecretLine(QStringLiteral("Master account auth token: "));
    if (token.isEmpty())
        return cli.usage(QStringLiteral("the master account's auth token is read from stdin"));

    Net::HttpClient http;
    const Providers::Twilio::TwilioOnboarding onboarding(
        **database,
        *sealer,
        http,
        {master, token},
        cli.isSet(QStringLiteral("api-base")) ? QUrl(cli.option(QStringLiteral("api-base")))
                                              : QUrl(QStringLiteral("https://api.twilio.com")));
    std::optional<Result<Providers::Twilio::OnboardingReport>> result;
    QEventLoop loop;
    onboarding.connect(*scope, tenant->name, publicUrl.toString(), [&](auto report) {
        result = std::move(report);
        loop.quit();
    });
    if (!result)
        loop.exec();
    if (!*result)
        return cli.fail(result->error());
    const auto &report = result->value();
    if (cli.wantsJson()) {
        QJsonArray numbers;
        for (const auto &number : report.numbers)
            numbers.append(
                QJsonObject{{QStringLiteral("e164"), number.e164},
                            {QStringLiteral("sid"), number.sid},
                            {QStringLiteral("smsUrl"), number.smsUrl},
                            {QStringLiteral("voiceUrl"), number.voiceUrl},
                            {QStringLiteral("new"), report.addedNumbers.contains(number.e164)}});
        cli.out() << QJsonDocument(QJsonObject{{QStringLiteral("tenant"), tenant->id.value()},
                                               {QStringLiteral("subaccount"), report.subaccountSid},
                                               {QStringLiteral("created"), report.isNewSubaccount},
                                               {QStringLiteral("numbers"), numbers}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
        return ExitOk;
    }
    cli.out() << (report.isNewSubaccount ? "created" : "using") << " subaccount "
              << report.subaccountSid << " for " << tenant->name << "; " << report.numbers.size()
              << " number(s) pointed at " << publicUrl.toString() << ", "
              << report.addedNumbers.size() << " new" << Qt::endl;
    return ExitOk;
}
} // namespace

int runTwilio(Cli &cli, const QString &action)
{
    if (action == u"connect")
        return connectTenant(cli);
    return cli.usage(QStringLiteral("unknown twilio command '%1'").arg(action));
}

} // namespace Sb::Ctl
