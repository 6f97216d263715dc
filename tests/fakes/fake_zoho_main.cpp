// The fake Zoho as a program, for trying switchboardctl and the console by hand:
//   fake_zoho --redirect-uri URI [--data-centres com,eu] [--account-centre eu] [--auto-grant]
//             [--token-lifetime SECONDS] [--contacts N]
// registers one app with that redirect URI, prints one JSON line {"bases" (for --api-base and
// SB_ZOHO_BASES), "clientId", "clientSecret"} and serves until killed.
#include "fakezoho.h"

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
    const QStringList centres = option("--data-centres", QStringLiteral("com,eu")).split(u',', Qt::SkipEmptyParts);
    Sb::Fakes::FakeZoho zoho(centres);
    zoho.setAccountCentre(option("--account-centre", centres.value(0)));
    zoho.setAutoGrant(arguments.contains(QStringLiteral("--auto-grant")));
    zoho.setAccessTokenLifetime(option("--token-lifetime", QStringLiteral("3600")).toInt());
    zoho.addContacts(option("--contacts", QStringLiteral("0")).toInt(), QDateTime::currentMSecsSinceEpoch() - 86'400'000);
    const auto registered = zoho.addApp(option("--redirect-uri", QStringLiteral("http://localhost:53682/callback")));
    const QJsonObject started{
        {QStringLiteral("bases"), zoho.bases()},
        {QStringLiteral("clientId"), registered.clientId},
        {QStringLiteral("clientSecret"), registered.clientSecret},
    };
    QTextStream(stdout) << QJsonDocument(started).toJson(QJsonDocument::Compact) << Qt::endl;
    return app.exec();
}
