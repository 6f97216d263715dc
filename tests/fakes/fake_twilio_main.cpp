// The fake Twilio as a program, for tests that drive switchboardctl and for trying it by hand:
//   fake_twilio [--numbers-per-subaccount N] [--callbacks-to http://127.0.0.1:PORT]
//               [--whatsapp-window +E164]... [--subaccounts N] [--tls]
// --subaccounts makes N subaccounts at once (each with the numbers above) and lists them.
// --tls serves HTTPS, as Twilio does, with a certificate made for this run ("certificate": PEM).
// prints one JSON line {"apiBase": …, "masterAccount": …, "masterToken": …} and serves until
// killed. The token is the fake's own placeholder, not a credential of anything real.
#include "faketwilio.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    Sb::Fakes::FakeTwilio twilio(arguments.contains(u"--tls") ? Sb::Fakes::Transport::Https
                                                              : Sb::Fakes::Transport::Http);
    const qsizetype numbers = arguments.indexOf(QStringLiteral("--numbers-per-subaccount"));
    if (numbers > 0)
        twilio.giveNewSubaccountsNumbers(arguments.value(numbers + 1).toInt());
    // Where `switchboardctl serve` listens: status callbacks go there, signed for the public URL.
    const qsizetype callbacks = arguments.indexOf(QStringLiteral("--callbacks-to"));
    if (callbacks > 0)
        twilio.sendCallbacksTo(QUrl(arguments.value(callbacks + 1)));
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == u"--whatsapp-window")
            twilio.openWhatsAppWindow(arguments.at(i + 1));
    }
    QJsonArray subaccounts;
    const qsizetype made = arguments.indexOf(QStringLiteral("--subaccounts"));
    for (int i = 0; made > 0 && i < arguments.value(made + 1).toInt(); ++i) {
        const auto account = twilio.createSubaccount(QStringLiteral("Clinic %1").arg(i + 1));
        subaccounts.append(QJsonObject{{QStringLiteral("sid"), account.sid},
                                       {QStringLiteral("token"), account.authToken}});
    }
    QTextStream(stdout) << QJsonDocument(
                               QJsonObject{
                                   {QStringLiteral("apiBase"), twilio.baseUrl()},
                                   {QStringLiteral("masterAccount"), twilio.master().sid},
                                   {QStringLiteral("masterToken"), twilio.master().authToken},
                                   {QStringLiteral("subaccounts"), subaccounts},
                                   {QStringLiteral("certificate"),
                                    QString::fromLatin1(twilio.certificate().toPem())},
                               })
                               .toJson(QJsonDocument::Compact)
                        << Qt::endl;
    return QCoreApplication::exec();
}
