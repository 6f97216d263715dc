// The fake Twilio as a program, for tests that drive switchboardctl and for trying it by hand:
//   fake_twilio [--numbers-per-subaccount N] [--callbacks-to http://127.0.0.1:PORT]
//               [--whatsapp-window +E164]...
// prints one JSON line {"apiBase": …, "masterAccount": …, "masterToken": …} and serves until
// killed. The token is the fake's own placeholder, not a credential of anything real.
#include "faketwilio.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Sb::Fakes::FakeTwilio twilio;
    const QStringList arguments = app.arguments();
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
    QTextStream(stdout) << QJsonDocument(
                               QJsonObject{
                                   {QStringLiteral("apiBase"), twilio.baseUrl()},
                                   {QStringLiteral("masterAccount"), twilio.master().sid},
                                   {QStringLiteral("masterToken"), twilio.master().authToken},
                               })
                               .toJson(QJsonDocument::Compact)
                        << Qt::endl;
    return QCoreApplication::exec();
}
