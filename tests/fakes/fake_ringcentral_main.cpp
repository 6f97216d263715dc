// The fake RingCentral as a program, for trying switchboardctl and the console by hand:
//   fake_ringcentral --redirect-uri URI [--signing-in EXTENSION[,EXTENSION…]] [--auto-grant]
//                    [--token-lifetime SECONDS] [--calls N]
// knows two users (extension 1001 Maria Lopez with +16505550100 that texts and +16505550101 that
// only calls; 1002 Sam Roe with +16505550200), registers one app with that redirect URI,
// prints one JSON line {"base" (for --api-base and SB_RINGCENTRAL_BASE), "clientId",
// "clientSecret"} and serves until killed. Sign-ins are as the --signing-in extensions in turn,
// then as the last one (1001). --calls: N calls in each user's log over the last days.
#include "fakeringcentral.h"

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
    Sb::Fakes::FakeRingCentral ringcentral;
    ringcentral.addUser({1001, QStringLiteral("Maria Lopez"), {QStringLiteral("+16505550100"), QStringLiteral("+16505550101")}});
    ringcentral.addUser({1002, QStringLiteral("Sam Roe"), {QStringLiteral("+16505550200")}});
    QList<qint64> signingIn;
    for (const QString &extension : option("--signing-in", QStringLiteral("1001")).split(u',', Qt::SkipEmptyParts))
        signingIn.append(extension.toLongLong());
    ringcentral.setSigningIn(signingIn.value(signingIn.size() - 1, 1001));
    ringcentral.queueSignIns(signingIn);
    ringcentral.setAutoGrant(arguments.contains(QStringLiteral("--auto-grant")));
    ringcentral.setAccessTokenLifetime(option("--token-lifetime", QStringLiteral("3600")).toInt());
    if (const int calls = option("--calls", QStringLiteral("0")).toInt(); calls > 0) {
        const qint64 since = QDateTime::currentMSecsSinceEpoch() - 3 * 86'400'000LL;
        for (const qint64 extension : {1001, 1002})
            ringcentral.addCalls(extension, calls, since, 3 * 86'400'000LL / calls);
    }
    const auto registered = ringcentral.addApp(option("--redirect-uri", QStringLiteral("http://127.0.0.1:53682/callback")));
    const QJsonObject started{
        {QStringLiteral("base"), ringcentral.baseUrl()},
        {QStringLiteral("clientId"), registered.clientId},
        {QStringLiteral("clientSecret"), registered.clientSecret},
    };
    QTextStream(stdout) << QJsonDocument(started).toJson(QJsonDocument::Compact) << Qt::endl;
    return app.exec();
}
