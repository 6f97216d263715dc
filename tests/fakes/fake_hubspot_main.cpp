// The fake HubSpot as a program, for trying switchboardctl by hand:
//   fake_hubspot --redirect-uri URI [--auto-grant] [--token-lifetime SECONDS] [--contacts N]
//                [--rate-limit PER_10_SECONDS] [--tls] [--issue-tokens]
// --tls serves HTTPS with a certificate made for this run ("certificate": PEM); --issue-tokens
// adds "accessToken" and "refreshToken" of a finished sign-in (for benchmarks past it).
// registers one app with that redirect URI, prints one JSON line {"base", "clientId",
// "clientSecret"} and serves until killed. Its app credentials are the fake's own placeholders.
#include "fakehubspot.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const auto option = [&arguments](const char *name, const QString &fallback = {}) {
        const qsizetype at = arguments.indexOf(QLatin1String(name));
        return at > 0 ? arguments.value(at + 1) : fallback;
    };
    Sb::Fakes::FakeHubSpot hubspot(arguments.contains(QStringLiteral("--tls")) ? Sb::Fakes::Transport::Https
                                                                               : Sb::Fakes::Transport::Http);
    hubspot.setAutoGrant(arguments.contains(QStringLiteral("--auto-grant")));
    hubspot.setAccessTokenLifetime(option("--token-lifetime", QStringLiteral("1800")).toInt());
    hubspot.addContacts(option("--contacts", QStringLiteral("0")).toInt(),
                        QDateTime::currentMSecsSinceEpoch() - 86'400'000);
    if (const QString limit = option("--rate-limit"); !limit.isEmpty())
        hubspot.setRateLimit(limit.toInt(), 10'000);
    const auto registered = hubspot.addApp(option("--redirect-uri", QStringLiteral("http://localhost:53682/callback")));
    QJsonObject started{
        {QStringLiteral("base"), hubspot.baseUrl()},
        {QStringLiteral("clientId"), registered.clientId},
        {QStringLiteral("clientSecret"), registered.clientSecret},
        {QStringLiteral("certificate"), QString::fromLatin1(hubspot.certificate().toPem())},
    };
    if (arguments.contains(QStringLiteral("--issue-tokens"))) {
        const auto issued = hubspot.issue(registered.clientId, 1800);
        started.insert(QStringLiteral("accessToken"), issued.accessToken);
        started.insert(QStringLiteral("refreshToken"), issued.refreshToken);
    }
    QTextStream(stdout) << QJsonDocument(started).toJson(QJsonDocument::Compact) << Qt::endl;
    return app.exec();
}
