// The fake Twilio as a program, for tests that drive switchboardctl and for trying it by hand:
//   fake_twilio [--numbers-per-subaccount N]
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
